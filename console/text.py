"""Vietnamese text basics: NFC everywhere, slugs. (Legacy encodings and collation build on this.)"""

from __future__ import annotations

import unicodedata

from slugify import slugify


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean(value: str) -> str:
    """NFC, with surrounding whitespace removed and inner runs of whitespace kept as they are."""
    return nfc(value).strip()


def slug(value: str) -> str:
    """URL slug: Vietnamese letters transliterated (đ -> d), lowercase, hyphenated."""
    return slugify(nfc(value).replace("Đ", "D").replace("đ", "d"))
