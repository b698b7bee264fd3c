"""Vietnamese text basics: NFC everywhere, slugs. (Legacy encodings and collation build on this.)"""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean(value: str) -> str:
    """NFC, with surrounding whitespace removed and inner runs of whitespace kept as they are."""
    return nfc(value).strip()


def slug(value: str) -> str:
    """URL slug: Vietnamese letters transliterated (đ -> d), lowercase, hyphenated."""
    from slugify import slugify  # imported on use: the TUI's first frame does not need it

    return slugify(nfc(value).replace("Đ", "D").replace("đ", "d"))


def fold(value: str) -> str:
    """Lower case without tone marks or diacritics (đ -> d): diacritic-insensitive matching,
    so "dang xuat" finds "Đăng xuất"."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
