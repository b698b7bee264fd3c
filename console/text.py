"""Vietnamese text basics: NFC everywhere, slugs. (Legacy encodings and collation build on this.)"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Collection


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean(value: str) -> str:
    """NFC, with surrounding whitespace removed and inner runs of whitespace kept as they are."""
    return nfc(value).strip()




def slug(value: str) -> str:
    """URL slug: the rule in :mod:`models.slugs`, imported on use (importing ``models`` loads SQLAlchemy, which
    the TUI's first frame does without)."""
    from models.slugs import slug as make

    return make(value)


def unique_slug(base: str, taken: Collection[str]) -> str:
    """``slug(base)``, or the first of ``slug-2``, ``slug-3``, ... not in ``taken`` (the portal's slugs).

    Raises ValueError when ``base`` has no letter or digit to make a slug from."""
    first = slug(base)
    if not first:
        raise ValueError(f"«{base}» has no letter or digit to make a slug from / không tạo được slug từ «{base}»")
    candidate, n = first, 2
    while candidate in taken:
        candidate, n = f"{first}-{n}", n + 1
    return candidate


class _FoldTable(dict[int, str]):
    """Per-character fold, learnt on first sight: the character's NFD without its combining marks."""

    def __missing__(self, code: int) -> str:
        folded = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable({ord("đ"): "d"})


def _fold_charmap() -> tuple[str, bytes]:
    """The fast path of fold() for ordinary Vietnamese text (lower case): a byte for each character (a charmap
    codec), a 256-byte table from a character's byte to its fold's byte, and the table back to characters."""
    tones = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    letters = {nfc(v + t) for v in "aăâeêioôơuưy" for t in tones} | set("bcdđfghjklmnpqrstvwxz")
    signs = {chr(c) for c in range(0x20, 0x7F) if not chr(c).isupper()} | set("\t\n\r–—‘’“”«»…•·°±×§©®¶₫€\xa0")
    chars = ["\x00", *sorted(letters | signs)]
    index = {c: i for i, c in enumerate(chars)}
    table = bytes(index[_FOLD[ord(c)]] for c in chars) + bytes(256 - len(chars))
    return "".join(chars) + "\ufffe" * (256 - len(chars)), table


_FOLD_CHARS, _FOLD_TABLE = _fold_charmap()
_FOLD_MAP = codecs.charmap_build(_FOLD_CHARS)


def fold(value: str) -> str:
    """Lower case without tone marks or diacritics (đ -> d): diacritic-insensitive matching,
    so "dang xuat" finds "Đăng xuất".

    The same as NFD(lower(value) with đ -> d) without combining marks (the definition frozen in migration
    0002): canonical reordering only moves marks, so the fold is per character. Ordinary Vietnamese text
    takes three C calls (encode to a byte a character, ``bytes.translate``, decode); anything else one
    ``str.translate`` with a per-character cache."""
    lower = value.lower()
    try:
        encoded = codecs.charmap_encode(lower, "strict", _FOLD_MAP)[0]
    except UnicodeEncodeError:
        return lower.translate(_FOLD)
    return codecs.charmap_decode(encoded.translate(_FOLD_TABLE), "strict", _FOLD_CHARS)[0]
