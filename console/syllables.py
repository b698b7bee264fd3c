"""Vietnamese syllable validator and a "how Vietnamese is this text" score.

:func:`is_syllable` says whether one word (NFC or NFD; lower, upper or mixed case) is a well-formed
Vietnamese syllable: an onset (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x,
or none), a vowel cluster (single vowels, the diphthongs and triphthongs iê/yê/ia, uô/ua, ươ/ưa,
oa/oă/oe/uâ/uê/uy/uơ with their glides, oai, oay, uôi, ươi, ươu, iêu, yêu, uyê, uya, uyu, ...), a
coda (c ch m n ng nh p t, or the glides i y o u that are part of the cluster) and at most one tone,
sitting on the vowel the spelling rules allow (old "hóa" and new "hoá" placements are both
accepted), in lower, UPPER or Title case (a capital after a small letter, as in the mojibake
``ViÖt``, is refused). The stop codas c ch p t only take sắc or nặng. The validator is deliberately a little
permissive (it accepts "k" as a coda for names such as Đắk Lắk, and does not enforce c/k or g/gh
spelling) because its job is telling Vietnamese from mojibake, not grading spelling.

:func:`score` is the share of *counted* tokens that are valid syllables. The choice of what counts:

- A token is a run of characters between whitespace, ASCII punctuation, digits and the common
  typographic punctuation (“ ” ‘ ’ – — … •). Latin-1 symbols such as § ¶ · ¸ are *not* separators:
  they are what TCVN3 letters look like when the bytes are read as Windows-1252, so a mojibake
  word like ``Qu¶n`` stays one (invalid) token instead of dissolving into harmless ASCII.
- Tokens made only of ASCII are **neutral**: they are neither evidence for nor against. Real VSS
  text is full of them (BHXH, VssID, QĐ-BHXH's "BHXH", English words, Vietnamese words without
  marks such as "Nam", "cho", "tin"); counting them as valid would lift mojibake (whose ASCII parts
  are untouched) towards clean text, and counting them as invalid would sink clean text.
- Abbreviations whose only non-ASCII letter is đ/Đ and that have no vowel (NĐ, QĐ, HĐND, the
  currency "đ" in "50.000đ") are neutral too.
- Every other token (it carries a diacritic or a non-ASCII character) is counted, and is valid when
  :func:`is_syllable` accepts it.

So clean Vietnamese scores about 0.97-1.0 (the misses are foreign names with accents), while
legacy text read with the wrong table scores far lower (see ``tests/data/legacy/README.md``).
Text with no counted token (English, numbers) scores 1.0: there is nothing Vietnamese to judge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Tally", "is_syllable", "score", "split_tone", "tally", "tokens"]

# Tone marks as combining characters, and the tone names (ngang = no mark).
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONE_NAMES = {GRAVE: "huyền", ACUTE: "sắc", TILDE: "ngã", HOOK: "hỏi", DOT: "nặng"}
_SHAPES = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâđêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")
_SHAPED = frozenset("ăâêôơư")

_ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "ph", "th", "tr", "ch", "nh", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)
_STOPS = frozenset({"c", "ch", "p", "t", "k"})

# Vowel cluster -> allowed consonant codas ("" = open syllable). Glides (ai, ao, oi, iêu, ...) are
# part of the cluster.
_CLUSTERS: dict[str, str] = {
    "a": "_ c ch m n ng nh p t k",
    "ă": "c m n ng p t k",
    "â": "c m n ng p t",
    "e": "_ c m n ng p t",
    "ê": "_ ch m n nh p t",
    "i": "_ ch m n nh p t",
    "o": "_ c m n ng p t",
    "oo": "c ng",
    "ô": "_ c m n ng p t",
    "ơ": "_ m n p t",
    "u": "_ c m n ng p t",
    "ư": "_ c m n ng t",
    "y": "_ ch n nh t",
    "ai": "_", "ao": "_", "au": "_", "ay": "_", "âu": "_", "ây": "_", "eo": "_", "êu": "_",
    "ia": "_", "iu": "_", "oi": "_", "ôi": "_", "ơi": "_", "ua": "_", "ui": "_", "ưa": "_",
    "ưi": "_", "ưu": "_",
    "iê": "c m n ng p t", "iêu": "_",
    "yê": "m n ng t", "yêu": "_",
    "uô": "c m n ng t", "uôi": "_",
    "ươ": "c m n ng p t", "ươi": "_", "ươu": "_",
    "oa": "_ c ch m n ng nh p t", "oai": "_", "oay": "_",
    "oă": "c n ng t",
    "oe": "_ n t", "oeo": "_",
    "uâ": "n ng t", "uây": "_",
    "uê": "_ ch n nh",
    "uy": "_ ch n nh t", "uyu": "_", "uya": "_",
    "uyê": "n t",
    "uơ": "_",
}
_CODAS: dict[str, frozenset[str]] = {
    v: frozenset("" if c == "_" else c for c in spec.split()) for v, spec in _CLUSTERS.items()
}
_FREE_PLACEMENT = frozenset({"oa", "oe", "uy"})  # hóa/hoá, khỏe/khoẻ, thúy/thuý


def _tone_positions(cluster: str, closed: bool) -> frozenset[int]:
    """Indexes in the cluster where the tone mark may sit."""
    shaped = [i for i, ch in enumerate(cluster) if ch in _SHAPED]
    if shaped:
        return frozenset({shaped[-1]})
    if len(cluster) == 1:
        return frozenset({0})
    if cluster in _FREE_PLACEMENT:
        return frozenset({0, 1}) if not closed else frozenset({1})
    if closed:
        return frozenset({len(cluster) - 1})
    return frozenset({0}) if len(cluster) == 2 else frozenset({1})


def split_tone(word: str) -> tuple[str, str | None, int] | None:
    """``(toneless lowercase letters, tone mark or None, index of the toned letter)``, or None when
    the word has a letter outside the Vietnamese alphabet, two tones, or a stray mark."""
    letters: list[str] = []
    marks: list[str] = []
    tone: str | None = None
    tone_at = -1
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONE_NAMES:
            if tone is not None or not letters:
                return None
            tone, tone_at = ch, len(letters) - 1
        elif ch in _SHAPES:
            if not letters:
                return None
            marks[-1] += ch
        elif unicodedata.combining(ch):
            return None
        else:
            letters.append(ch)
            marks.append("")
    out = []
    for base, shape in zip(letters, marks, strict=True):
        letter = unicodedata.normalize("NFC", base + shape) if shape else base
        if letter not in _LETTERS:
            return None
        out.append(letter)
    return "".join(out), tone, tone_at


def _rime_ok(rime: str, tone: str | None, tone_at: int) -> bool:
    """``tone_at`` is relative to the rime (-1: no tone)."""
    n = 0
    while n < len(rime) and rime[n] in _VOWELS:
        n += 1
    if n == 0:
        return False
    cluster, coda = rime[:n], rime[n:]
    codas = _CODAS.get(cluster)
    if codas is None or coda not in codas:
        return False
    if coda in _STOPS and tone not in (ACUTE, DOT):
        return False
    if cluster == "oo" and coda == "ng" and tone is not None:  # xoong, boong
        return False
    if tone is None:
        return True
    return tone_at in _tone_positions(cluster, bool(coda))


def _case_ok(word: str) -> bool:
    """lower, UPPER or Title: a capital after a small letter (``thÕ``, ``ViÖt``) is what text in a
    legacy encoding looks like when read with the wrong table, never a Vietnamese spelling."""
    return word.islower() or word.isupper() or (word[:1].isupper() and (len(word) == 1 or word[1:].islower()))


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` is one well-formed Vietnamese syllable, written in lower case, upper
    case or title case (NFC or NFD)."""
    if not _case_ok(unicodedata.normalize("NFC", word)):
        return False
    parts = split_tone(word)
    if parts is None:
        return False
    letters, tone, tone_at = parts
    for onset in _ONSETS:
        k = len(onset)
        if not letters.startswith(onset) or (tone is not None and tone_at < k):
            continue
        if _rime_ok(letters[k:], tone, tone_at - k if tone is not None else -1):
            return True
    return False


# Token separators: whitespace, ASCII punctuation and digits, typographic punctuation. Latin-1
# symbols (§ ¶ · ¸ ...) are deliberately NOT separators (see the module docstring).
_TOKEN = re.compile(r"[^\s!-@\[-`{-~\u2010-\u2015\u2018-\u201f\u2022\u2026\u2039\u203a\u00a0]+")
_DD_ONLY = frozenset("đĐ")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True, slots=True)
class Tally:
    valid: int
    counted: int

    @property
    def score(self) -> float:
        return self.valid / self.counted if self.counted else 1.0


def _counted(token: str) -> bool:
    if token.isascii():
        return False
    non_ascii = {ch for ch in token if not ch.isascii()}
    # NĐ, QĐ, HĐND, 50.000đ are not counted
    return not (non_ascii <= _DD_ONLY and not any(ch in "aeiouyAEIOUY" for ch in token))


def tally(text: str) -> Tally:
    """How many counted tokens there are, and how many of them are valid syllables."""
    valid = counted = 0
    for token in _TOKEN.findall(text):
        if not _counted(token):
            continue
        counted += 1
        if is_syllable(token):
            valid += 1
    return Tally(valid, counted)


def score(text: str) -> float:
    """Share of counted tokens that are Vietnamese syllables; 1.0 when nothing is counted."""
    return tally(text).score
