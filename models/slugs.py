"""URL slugs, one rule for every room: Vietnamese letters transliterated (đ -> d), lower case, hyphenated.

In ``models`` because both the console (category slugs) and the export (heading ids of rendered articles) need
it, and ``exports`` may import only ``models``."""

from __future__ import annotations

import unicodedata


def slug(value: str) -> str:
    from slugify import slugify  # imported on use: the TUI's first frame does not need it

    return slugify(unicodedata.normalize("NFC", value).replace("Đ", "D").replace("đ", "d"))
