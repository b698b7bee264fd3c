"""Vietnamese collation: a a-breve a-circumflex b c d d-stroke e e-circumflex ... with tones ordered
after the base letter (ngang, huyền, hỏi, ngã, sắc, nặng), as dictionaries sort."""

from __future__ import annotations

import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining tone marks, in the order Vietnamese dictionaries use.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn


def _letters(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for base_char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(base_char):
            if not out:
                continue
            rank, tone = out[-1]
            if base_char in _TONES:
                out[-1] = (rank, _TONES[base_char])
            elif base_char in _SHAPE:
                letter = _ALPHABET[rank] if rank < len(_ALPHABET) else ""
                shaped = {
                    "a\u0306": "ă",
                    "a\u0302": "â",
                    "e\u0302": "ê",
                    "o\u0302": "ô",
                    "o\u031b": "ơ",
                    "u\u031b": "ư",
                }.get(letter + base_char)
                if shaped:
                    out[-1] = (_RANK[shaped], tone)
            continue
        if base_char in _RANK:
            out.append((_RANK[base_char], 0))
        elif base_char.isdigit():
            out.append((-10 + int(base_char), 0))
        elif base_char.isspace():
            out.append((-20, 0))
        else:
            out.append((100 + ord(base_char), 0))
    return out


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Letters first (tone-blind), then tones, as a dictionary orders 'ma má mà mả mã mạ'."""
    letters = _letters(text)
    return tuple(r for r, _ in letters), tuple(t for _, t in letters)
