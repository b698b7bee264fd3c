"""Word-level diff of two revisions of an article (Markdown, Vietnamese), and of their metadata.

Tokens are words (runs of letters/digits, each Vietnamese syllable with its diacritics), single
punctuation characters and runs of whitespace, so paragraphs and Markdown marks survive the diff.
Both sides are compared in NFC: a decomposed (NFD) copy of the same text is not a change.

To keep large articles cheap the diff is hierarchical: lines (paragraphs) first, then sentences
within changed runs of lines, then words within changed runs of sentences. A run of words too large
to diff word by word (a wholesale rewrite) is shown as one deletion and one insertion.

Pure Python (``difflib``); ``rich`` is imported only by :func:`to_rich`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.text import Text

__all__ = [
    "DELETE_STYLE",
    "INSERT_STYLE",
    "MISSING",
    "Chunk",
    "diff_fields",
    "diff_words",
    "stats",
    "to_rich",
    "tokens",
]

Op = Literal["equal", "insert", "delete"]

INSERT_STYLE = "bold green underline"
DELETE_STYLE = "red strike"

# Above this many token pairs (len(old) * len(new)) a changed run is not diffed word by word.
WORD_DIFF_LIMIT = 250_000

# Combining marks that Python's \w leaves out; kept inside words (marks NFC cannot compose onto a letter).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_CLASS = rf"(?:[^\W_]|[{_MARKS}])+"
_WORD = re.compile(_WORD_CLASS)
_TOKEN = re.compile(rf"{_WORD_CLASS}|\s+|.", re.DOTALL)
_LINE = re.compile(r"[^\n]*\n+|[^\n]+")  # a line with the blank lines after it: blank lines are no anchors
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+\s*)?|[.!?…]+\s*")
_INLINE_SPACE = re.compile(r"[^\S\n\r]+")


@dataclass(frozen=True)
class Chunk:
    """A run of text that is the same in both revisions, only in the new one, or only in the old one."""

    op: Op
    text: str


class _Missing:
    """The value shown by :func:`diff_fields` for a key present on one side only."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING = _Missing()


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def tokens(text: str) -> list[str]:
    """Words, single punctuation characters and whitespace runs of ``text`` (as given; no NFC here)."""
    return _TOKEN.findall(text)


# --- the diff ---------------------------------------------------------------------------------------

_Piece = tuple[Op, str]


def _units_diff(a: Sequence[str], b: Sequence[str], out: list[_Piece], level: int) -> None:
    """Diff two unit sequences; changed runs go down to the next finer level."""
    if a == b:
        if a:
            out.append(("equal", "".join(a)))
        return
    # common prefix and suffix first: the usual edit is small, and this keeps SequenceMatcher's input short
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if start:
        out.append(("equal", "".join(a[:start])))
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    if not mid_a or not mid_b:
        if mid_a:
            out.append(("delete", "".join(mid_a)))
        if mid_b:
            out.append(("insert", "".join(mid_b)))
    elif level == 0 and len(mid_a) * len(mid_b) > WORD_DIFF_LIMIT:
        out.append(("delete", "".join(mid_a)))
        out.append(("insert", "".join(mid_b)))
    else:
        matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(("equal", "".join(mid_a[i1:i2])))
            elif tag == "delete":
                out.append(("delete", "".join(mid_a[i1:i2])))
            elif tag == "insert":
                out.append(("insert", "".join(mid_b[j1:j2])))
            elif level == 0:
                out.append(("delete", "".join(mid_a[i1:i2])))
                out.append(("insert", "".join(mid_b[j1:j2])))
            else:
                _text_diff("".join(mid_a[i1:i2]), "".join(mid_b[j1:j2]), out, level - 1)
    if end:
        out.append(("equal", "".join(a[len(a) - end :])))


_SPLITTERS = (tokens, lambda text: _SENTENCE.findall(text), lambda text: _LINE.findall(text))


def _text_diff(old: str, new: str, out: list[_Piece], level: int) -> None:
    """Level 2: lines, 1: sentences, 0: tokens."""
    split = _SPLITTERS[level]
    _units_diff(split(old), split(new), out, level)


def _tidy(pieces: Iterable[_Piece]) -> list[Chunk]:
    """Merge neighbours of the same op, and fold spaces between two changes into the change.

    Within each run of changes the deleted text comes first, then the inserted text, so
    ``delete "con" equal " " delete "chó" insert "bé" ...`` reads as ``delete "con chó" insert "bé mèo"``.
    """
    merged: list[list[str]] = []  # [op, text]
    for op, text in pieces:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1][1] += text
        else:
            merged.append([op, text])
    out: list[Chunk] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(Chunk("delete", "".join(deleted)))
        if inserted:
            out.append(Chunk("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    last = len(merged) - 1
    for k, (kind, run) in enumerate(merged):
        if kind == "delete":
            deleted.append(run)
        elif kind == "insert":
            inserted.append(run)
        elif 0 < k < last and _INLINE_SPACE.fullmatch(run):  # only spaces, between two changes
            deleted.append(run)
            inserted.append(run)
        else:
            flush()
            out.append(Chunk("equal", run))
    flush()
    return out


def diff_words(old: str, new: str) -> list[Chunk]:
    """Word-level diff of ``old`` and ``new`` (compared and returned in NFC).

    Adjacent chunks never share an op and no chunk is empty; the equal and delete chunks joined give
    ``NFC(old)``, the equal and insert chunks joined give ``NFC(new)``. A text diffed with itself is one
    equal chunk (none for the empty text).
    """
    old, new = _nfc(old), _nfc(new)
    pieces: list[_Piece] = []
    _text_diff(old, new, pieces, 2)
    return _tidy(pieces)


def stats(chunks: Iterable[Chunk]) -> tuple[int, int]:
    """(words inserted, words deleted); punctuation and whitespace are not counted."""
    inserted = deleted = 0
    for chunk in chunks:
        if chunk.op == "insert":
            inserted += len(_WORD.findall(chunk.text))
        elif chunk.op == "delete":
            deleted += len(_WORD.findall(chunk.text))
    return inserted, deleted


def to_rich(chunks: Iterable[Chunk]) -> Text:
    """The diff as one Rich ``Text``: inserted text in :data:`INSERT_STYLE`, deleted in :data:`DELETE_STYLE`."""
    from rich.text import Text  # imported on use: the CLI and services do not need it

    styles = {"insert": INSERT_STYLE, "delete": DELETE_STYLE}
    text = Text()
    for chunk in chunks:
        text.append(chunk.text, style=styles.get(chunk.op, ""))
    return text


# --- metadata ----------------------------------------------------------------------------------------


def _comparable(value: object) -> object:
    """``value`` with strings in NFC (also inside lists, tuples, sets and mappings); bools kept apart from ints."""
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, bool):
        return (bool, value)
    if isinstance(value, list | tuple):
        return (type(value) is tuple, [_comparable(v) for v in value])
    if isinstance(value, set | frozenset):
        return frozenset(_hashable(_comparable(v)) for v in value)
    if isinstance(value, Mapping):
        return {_hashable(_comparable(k)): _comparable(v) for k, v in value.items()}
    return value


def _hashable(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def diff_fields(old: Mapping[str, object], new: Mapping[str, object]) -> list[tuple[str, object, object]]:
    """(key, old value, new value) for each key whose value differs, strings compared in NFC.

    Keys come in the old mapping's order, then the keys only in the new mapping in its order (front
    matter order, so the same input always gives the same output). A key on one side only has
    :data:`MISSING` on the other. Values are returned as given (not normalised).
    """
    keys = list(old) + [key for key in new if key not in old]
    changed: list[tuple[str, object, object]] = []
    for key in keys:
        before = old.get(key, MISSING)
        after = new.get(key, MISSING)
        if before is MISSING or after is MISSING or _comparable(before) != _comparable(after):
            changed.append((key, before, after))
    return changed
