"""Read a submission from a Markdown file with front matter (YAML between ``---`` lines, or TOML
between ``+++`` lines) into a :class:`console.services.items.Draft`."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from console.errors import InvalidInput
from console.i18n import register
from console.legacy import MESSAGES as _LEGACY_MESSAGES
from console.services.items import Draft
from console.text import nfc

register(_LEGACY_MESSAGES)

# front-matter key -> Draft field
KEYS = {
    "title": "title",
    "type": "content_type",
    "content_type": "content_type",
    "portal": "portal",
    "category": "category",
    "unit": "unit",
    "author": "author",
    "source": "source",
    "reused": "reused",
    "summary": "summary",
    "meta": "meta",
}


def read_text(path: Path) -> str:
    """The file's text as NFC Unicode: UTF-8 (with or without BOM), UTF-16, or a legacy Vietnamese
    encoding (TCVN3, VNI, VIQR, Windows-1258, decomposed) converted. Text that cannot be read as
    Vietnamese with confidence is refused with what was detected and how to fix it; never stored
    mangled."""
    if not path.is_file():
        raise InvalidInput("input.file_missing", path=str(path))
    return decode_file_bytes(path.read_bytes()).replace("\r\n", "\n")


def decode_file_bytes(data: bytes) -> str:
    from console.legacy import LegacyTextError, decode_bytes

    try:
        return decode_bytes(data).text
    except LegacyTextError as exc:
        raise InvalidInput(exc.key, **exc.params) from None


def repair_pasted(text: str) -> str:
    """Pasted text, NFC, with mojibake of legacy encodings repaired (or refused)."""
    from console.legacy import LegacyTextError, repair_text

    try:
        return repair_text(text).text
    except LegacyTextError as exc:
        raise InvalidInput(exc.key, **exc.params) from None


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                raise InvalidInput("input.front_matter", path=str(path), detail=f"no closing {fence}")
            head = text[len(fence) + 1 : end]
            body = text[end + len(fence) + 1 :].lstrip("\n")
            return _parse(head, kind, path), body
    raise InvalidInput("input.front_matter", path=str(path), detail="the file must start with --- (YAML) or +++ (TOML)")


def _parse(head: str, kind: str, path: Path) -> dict[str, Any]:
    try:
        if kind == "yaml":
            import yaml

            data = yaml.safe_load(head) or {}
        else:
            import tomllib

            data = tomllib.loads(head)
    except Exception as exc:  # yaml.YAMLError / tomllib.TOMLDecodeError, reported with their line
        raise InvalidInput("input.front_matter", path=str(path), detail=str(exc).replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise InvalidInput("input.front_matter", path=str(path), detail="expected key: value pairs")
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return nfc(value)
    return value


def draft_from_file(path: Path, default_unit: str | None = None) -> Draft:
    text = read_text(path)
    front, body = split_front_matter(text, path)
    unknown = sorted(set(front) - set(KEYS))
    if unknown:
        raise InvalidInput("input.front_matter", path=str(path),
                           detail=f"unknown keys {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}")
    values: dict[str, Any] = {"portal": "vi", "body_md": body}
    for key, value in front.items():
        values[KEYS[key]] = _plain(value)
    meta = values.get("meta") or {}
    if not isinstance(meta, dict):
        raise InvalidInput("input.front_matter", path=str(path), detail="meta must be a mapping")
    values["meta"] = {str(k): _plain(v) for k, v in meta.items()}
    if not values.get("unit") and default_unit:
        values["unit"] = default_unit
    for required in ("title", "content_type", "category", "unit"):
        if not values.get(required):
            name = {"content_type": "type"}.get(required, required)
            raise InvalidInput("input.required", field=name)
    for name in ("title", "category", "unit", "author", "source", "summary", "portal", "content_type"):
        if name in values and not isinstance(values[name], str):
            values[name] = str(values[name])
    allowed = {f.name for f in fields(Draft)}
    return Draft(**{k: v for k, v in values.items() if k in allowed})
