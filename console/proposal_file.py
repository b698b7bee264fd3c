"""Read a category tree proposal from a TOML or YAML file (``vss-console category propose FILE``).

The file holds a ``title``, an optional ``rationale`` and a list of ``changes``, each a table with a
``kind`` and that kind's fields (:data:`console.services.tree.FIELDS`)::

    title = "Sắp xếp lại chuyên mục Giới thiệu và Tin tức"
    rationale = "Theo kết luận của Ban Biên tập."

    [[changes]]
    kind = "move"
    node = "vi.1.2"
    parent = "vi.3"

The reader checks only the shape of the file: UTF-8 text, the syntax (a refusal names the line), the
known top-level keys, a title, and ``changes`` as a list of tables. What each change means is the
service's to check (:func:`console.services.tree.check`), so a rule of the tree lives in one place. All
text comes back NFC-normalised. A refusal is an :class:`~console.errors.InvalidInput` in both languages.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from console.errors import InvalidInput
from console.i18n import Localized, register
from console.services.tree import TITLE_MAX
from console.text import nfc

TOP_KEYS = ("title", "rationale", "changes")
FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}

# What a file that is not UTF-8 most likely is, as console.legacy names it.
_ENCODING_NAMES = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
}

register(
    {
        "proposal.stdin": ("(đầu vào chuẩn)", "(standard input)"),
        "proposal.format": (
            "Không đọc được {path}: tệp đề xuất phải có đuôi .toml, .yaml hoặc .yml (hoặc «-» để đọc TOML từ đầu "
            "vào chuẩn).",
            "Cannot read {path}: a proposal file must end in .toml, .yaml or .yml (or be “-” to read TOML from "
            "standard input).",
        ),
        "proposal.not_utf8": (
            "Tệp {path} không phải văn bản UTF-8 (byte không hợp lệ ở dòng {line}{guess}). Hãy lưu lại tệp với "
            "bảng mã UTF-8 (ví dụ trong Notepad: Lưu thành… → Mã hóa: UTF-8) rồi gửi lại.",
            "The file {path} is not UTF-8 text (an invalid byte on line {line}{guess}). Save it again with the "
            "UTF-8 encoding (in Notepad, for instance: Save as… → Encoding: UTF-8) and try again.",
        ),
        "proposal.looks_like": ("; có vẻ là {encoding}", "; it looks like {encoding}"),
        "proposal.syntax": (
            "Tệp {path} sai cú pháp {format} ở dòng {line}, cột {column}: {detail}",
            "The file {path} has a {format} syntax error on line {line}, column {column}: {detail}",
        ),
        "proposal.not_table": (
            "Tệp {path} phải gồm «title», «rationale» (không bắt buộc) và danh sách «changes».",
            "The file {path} must hold a “title”, an optional “rationale” and a list of “changes”.",
        ),
        "proposal.unknown_keys": (
            "Tệp {path} có khóa không dùng được ở cấp đầu: {keys}. Các khóa: {known}.",
            "The file {path} has top-level keys that mean nothing here: {keys}. The keys are: {known}.",
        ),
        "proposal.title_missing": (
            "Tệp {path} chưa có tiêu đề đề xuất («title»).",
            "The file {path} has no proposal title (“title”).",
        ),
        "proposal.title_too_long": (
            "Tiêu đề đề xuất trong tệp {path} dài quá {max} ký tự.",
            "The proposal title in {path} is longer than {max} characters.",
        ),
        "proposal.not_text": (
            "Trong tệp {path}, «{field}» phải là một chuỗi chữ.",
            "In {path}, “{field}” must be text.",
        ),
        "proposal.no_changes": (
            "Tệp {path} chưa có thay đổi nào: mỗi thay đổi là một bảng [[changes]] có «kind».",
            "The file {path} has no changes: each change is a [[changes]] table with a “kind”.",
        ),
        "proposal.changes_not_list": (
            "Trong tệp {path}, «changes» phải là một danh sách bảng: viết [[changes]] (hai cặp ngoặc) trong TOML, "
            "hoặc «- kind: ...» trong YAML.",
            "In {path}, “changes” must be a list of tables: write [[changes]] (double brackets) in TOML, or "
            "“- kind: ...” in YAML.",
        ),
        "proposal.change_not_table": (
            "Trong tệp {path}, thay đổi {n} không phải một bảng (có «kind» và các trường của nó).",
            "In {path}, change {n} is not a table (with a “kind” and its fields).",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class ProposalFile:
    """A proposal as read from a file: NFC text, shape checked, changes not yet checked against the tree."""

    title: str
    rationale: str = ""
    changes: list[dict[str, Any]] = field(default_factory=list)


def read_proposal(name: str, stdin: IO[Any] | None = None) -> ProposalFile:
    """The proposal in the file ``name`` (``.toml``, ``.yaml``, ``.yml``), or TOML on standard input for ``-``."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
        return parse_proposal(data, "toml", Localized(*_pair("proposal.stdin")))
    path = Path(name)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InvalidInput("proposal.format", path=name)
    if not path.is_file():
        raise InvalidInput("input.file_missing", path=name)
    return parse_proposal(path.read_bytes(), kind, name)


def parse_proposal(data: bytes, kind: str, path: str | Localized = "") -> ProposalFile:
    """The proposal in ``data``, a ``toml`` or ``yaml`` document; ``path`` names it in refusals."""
    text = _decode(data, path)
    doc = _parse_yaml(text, path) if kind == "yaml" else _parse_toml(text, path)
    return _shape(_nfc(doc), path)


def _pair(key: str) -> tuple[str, str]:
    from console.i18n import t

    return t(key, "vi"), t(key, "en")


def _decode(data: bytes, path: str | Localized) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput("proposal.not_utf8", path=path, line=line, guess=_guess(data)) from None
    return text.replace("\r\n", "\n")


def _guess(data: bytes) -> Localized:
    """What the bytes probably are ("; it looks like Windows-1258"), when the legacy decoder can tell."""
    from console.legacy import decode_bytes

    try:
        encoding = decode_bytes(data).encoding
    except Exception:  # undecidable (too short, or not Vietnamese): the message stays without a guess
        return Localized("", "")
    name = _ENCODING_NAMES.get(encoding)
    if name is None:
        return Localized("", "")
    from console.i18n import t

    return Localized(t("proposal.looks_like", "vi", encoding=name), t("proposal.looks_like", "en", encoding=name))


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _parse_toml(text: str, path: str | Localized) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        if at:
            line, column = int(at.group(1)), int(at.group(2))
            detail = message[: at.start()]
        else:  # "(at end of document)"
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            detail = re.sub(r"\s*\(at end of document\)\s*$", "", message)
        raise InvalidInput("proposal.syntax", path=path, format="TOML", line=line, column=column,
                           detail=detail) from None  # fmt: skip


def _parse_yaml(text: str, path: str | Localized) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else ("?", "?")
        parts = [getattr(exc, "context", None), getattr(exc, "problem", None)]
        detail = ": ".join(p for p in parts if p) or str(exc).splitlines()[0]
        raise InvalidInput("proposal.syntax", path=path, format="YAML", line=line, column=column,
                           detail=detail) from None  # fmt: skip


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {(nfc(k) if isinstance(k, str) else k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def _shape(doc: Any, path: str | Localized) -> ProposalFile:
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise InvalidInput("proposal.not_table", path=path)
    unknown = sorted(str(k) for k in doc if k not in TOP_KEYS)
    if unknown:
        raise InvalidInput("proposal.unknown_keys", path=path, keys=", ".join(unknown), known=", ".join(TOP_KEYS))
    title = doc.get("title")
    if title is not None and not isinstance(title, str):
        raise InvalidInput("proposal.not_text", path=path, field="title")
    title = (title or "").strip()
    if not title:
        raise InvalidInput("proposal.title_missing", path=path)
    if len(title) > TITLE_MAX:
        raise InvalidInput("proposal.title_too_long", path=path, max=TITLE_MAX)
    rationale = doc.get("rationale")
    if rationale is not None and not isinstance(rationale, str):
        raise InvalidInput("proposal.not_text", path=path, field="rationale")
    changes = doc.get("changes")
    if changes is None or changes == []:
        raise InvalidInput("proposal.no_changes", path=path)
    if not isinstance(changes, list):
        raise InvalidInput("proposal.changes_not_list", path=path)
    for n, change in enumerate(changes, start=1):
        if not isinstance(change, dict):
            raise InvalidInput("proposal.change_not_table", path=path, n=n)
    return ProposalFile(title, (rationale or "").strip(), changes)
