"""Legacy Vietnamese encodings: detect TCVN3 (ABC), VNI-Windows, VIQR, Windows-1258 and decomposed
Unicode, and turn them into NFC. Mangled text is refused, never stored.

Entry points:

- :func:`decode_bytes` for files (bytes of unknown encoding);
- :func:`repair_text` for pasted text that is already a ``str`` but may have been decoded with the
  wrong code page (TCVN3 bytes shown as Windows-1252: ``ViÖt Nam``; VNI: ``Vieät Nam``; UTF-8 shown
  as Windows-1252: ``Viá»‡t Nam``), or typed in VIQR (``Vie^.t Nam``), or decomposed (NFD).

Both return a :class:`Decoded` or raise :class:`LegacyTextError` (a ``ValueError``).

How the choice is made. Every plausible reading (candidate) is decoded with the shipped tables
and scored with :func:`console.syllables.tally`: the share of words carrying diacritics that are
real Vietnamese syllables. The best candidate at or above :data:`THRESHOLD` wins. Text whose
every counted word is already a syllable comes back unchanged (the functions are idempotent on
clean NFC text); text with no diacritics at all (English, numbers, codes) is accepted as ASCII.
A candidate whose decoding leaves a byte or sequence the table does not define is rejected
outright, never guessed; two equally good readings that differ (a file of two words) are refused
as ambiguous rather than picked between. When nothing reaches the threshold but the text clearly
*is* a legacy reading (a candidate lifts the score by 0.2 or more over the text as given, or the
text holds control characters or U+FFFD), the input is refused with a message in Vietnamese and
English that names what was detected, the score, and how to fix it. Unicode text that merely is
not Vietnamese (a French sentence pasted as ``str``) is accepted unchanged with its low score; a
non-UTF-8 *file* that is not Vietnamese is refused, since its code page cannot be known (unless
its only non-ASCII characters are Windows-1252 punctuation: English with curly quotes).

The one way a mis-decoded string can pass: pasted text that already reads as Vietnamese in every
word is kept as given. That happens to very short strings only ("chái" is a word, and is also
TCVN3 "chỏi" shown as Windows-1252); a sentence of mojibake always has invalid words.

TCVN3 and uppercase. TCVN3 (TCVN 5712:1993 "VN3", the ABC .VnTime fonts) has codes for the
lowercase toned letters and for Ă Â Ê Ô Ơ Ư Đ only; uppercase toned letters were written with the
lowercase codes in the "H" fonts (.VnTimeH), so the bytes of "QUYẾT" are ``QUYÕT``, which reads as
"QUYếT". Two things are done about it:

1. the positions VN3 leaves free are read as the full TCVN 5712 "VN1" table, which does have the
   uppercase letters (0x80-0x9F, twelve C0 controls, and 0xAF/0xBA/0xBF/0xC0-0xC5/...); the
   bytes 0x82 0x84 0x85 0x8B 0x91-0x97 0x9B, which are also Windows-1252 quotes and dashes, are
   read as letters only when they touch a letter and that makes a better Vietnamese word, so
   ``“Điều 1” – ...`` keeps its quotes and dash. A one-letter capital word on such a byte
   (a lone Ị Ò Ỏ Õ Ó Ọ Ộ Ớ Ã Ạ Ặ Ẹ) is therefore read as the punctuation;
2. H-font text is re-cased: a word with two or more uppercase letters, no lowercase ASCII letter
   and a lowercase Vietnamese letter (``QUYếT``, ``ĐịNH``) is uppercased, and so is its whole
   line when that line has no lowercase ASCII letter at all (``Bé LAO §éNG`` -> ``BỘ LAO ĐỘNG``).
   A capital that is the only one in its word (``Ủy ban`` typed in .VnTime, ``Bộ`` alone in H
   font) cannot be told from lowercase and stays lowercase; a lowercase word inside an otherwise
   H-font all-caps line is uppercased. That is the documented limit.

VIQR follows RFC 1456: ``'`` sắc, ````` huyền, ``?`` hỏi, ``~`` ngã, ``.`` nặng, ``^`` ``(`` ``+`` for
â/ê/ô, ă and ơ/ư, ``dd`` for đ, and ``\\`` before a mark for the literal character. A mark is only
applied when the result is a Vietnamese syllable, so ``đâu?`` and ``nhà.`` keep their question mark
and full stop; an unescaped ``ba.`` at the end of a sentence is read as "bạ", as the RFC says;
``DD`` inside a word without vowels is Đ (``NDD-CP``). A word that is not a syllable is left as
typed. ASCII text is taken for VIQR only when it has a mark English does not produce (``^ ( +``,
``dd`` before a vowel, `````/``?``/``~`` inside a word) and a fifth of its words convert, so
"I'm ok." and "9 a.m." stay English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import NamedTuple

from console import syllables

__all__ = [
    "ENCODING_LABELS",
    "MESSAGES",
    "THRESHOLD",
    "Decoded",
    "LegacyTextError",
    "decode_bytes",
    "decode_cp1258",
    "decode_tcvn3",
    "decode_viqr",
    "decode_vni",
    "encode_cp1258",
    "encode_tcvn3",
    "encode_viqr",
    "encode_vni",
    "repair_text",
]

THRESHOLD = 0.8
"""Minimum share of diacritic-bearing words that must be Vietnamese syllables for a reading to be
accepted. On the 391 paragraphs of a real VSS decision, the clean text and every right reading
scored at least 0.875 (a paragraph with a typo) and every wrong reading at most 0.58; whole files
of the corpus score 1.0 right and under 0.2 wrong (tests/data/legacy/README.md has the table)."""

_EVIDENCE_GAIN = 0.2  # a legacy reading this much better than the text as given proves mis-decoding


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of :func:`decode_bytes` or :func:`repair_text`.

    ``encoding`` names what the input was: ``ascii``, ``utf-8``, ``utf-8-bom``, ``utf-16``,
    ``utf-32``, ``nfd`` (fully decomposed Unicode), ``composite`` (Unicode with combining tone
    marks on precomposed letters, the Windows-1258 style), ``cp1258``, ``tcvn3``, ``vni`` or
    ``viqr``. ``via`` is the code page pasted text had been wrongly decoded with (``cp1252`` or
    ``latin-1``), else None. ``changed`` is False only when ``text`` equals the input exactly.
    """

    text: str
    encoding: str
    score: float
    changed: bool
    via: str | None = None


ENCODING_LABELS = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "utf-8": "UTF-8",
    "damaged": "Unicode (U+FFFD)",
    "cp1252": "Windows-1252 / Latin-1",
    "gbk": "GBK",
    "unknown": "?",
}

_UNIKEY_VI = (
    "Hãy mở tệp bằng Unikey Toolkit, chọn bảng mã nguồn {src}, bảng mã đích Unicode (dựng sẵn), chuyển mã rồi gửi lại."
)
_UNIKEY_EN = "Open it in Unikey Toolkit, convert from {src} to Unicode (precomposed), and send it again."

MESSAGES: dict[str, tuple[str, str]] = {
    "legacy.refused.tcvn3": (
        "Không nhận ra bảng mã: có vẻ là TCVN3 (ABC) nhưng chỉ {percent}% là âm tiết tiếng Việt. "
        + _UNIKEY_VI.format(src="TCVN3 (ABC)"),
        "Unrecognised encoding: this looks like TCVN3 (ABC) but only {percent}% of the words are Vietnamese "
        "syllables. " + _UNIKEY_EN.format(src="TCVN3 (ABC)"),
    ),
    "legacy.refused.vni": (
        "Không nhận ra bảng mã: có vẻ là VNI-Windows nhưng chỉ {percent}% là âm tiết tiếng Việt. "
        + _UNIKEY_VI.format(src="VNI Windows"),
        "Unrecognised encoding: this looks like VNI-Windows but only {percent}% of the words are Vietnamese "
        "syllables. " + _UNIKEY_EN.format(src="VNI Windows"),
    ),
    "legacy.refused.viqr": (
        "Không nhận ra bảng mã: có vẻ là VIQR nhưng chỉ {percent}% là âm tiết tiếng Việt. "
        + _UNIKEY_VI.format(src="VIQR"),
        "Unrecognised encoding: this looks like VIQR but only {percent}% of the words are Vietnamese "
        "syllables. " + _UNIKEY_EN.format(src="VIQR"),
    ),
    "legacy.refused.cp1258": (
        "Không nhận ra bảng mã: có vẻ là Windows-1258 nhưng chỉ {percent}% là âm tiết tiếng Việt. "
        + _UNIKEY_VI.format(src="Vietnamese locale CP 1258"),
        "Unrecognised encoding: this looks like Windows-1258 but only {percent}% of the words are Vietnamese "
        "syllables. " + _UNIKEY_EN.format(src="Vietnamese locale CP 1258"),
    ),
    "legacy.refused.utf-8": (
        "Không nhận ra bảng mã: có vẻ là UTF-8 bị đọc nhầm thành Windows-1252 (kiểu \"Viá»‡t\") nhưng chỉ "
        "{percent}% khôi phục được thành âm tiết tiếng Việt. Hãy sao chép lại văn bản từ tệp gốc, "
        "hoặc gửi chính tệp gốc.",
        "Unrecognised encoding: this looks like UTF-8 that was read as Windows-1252 (\"Viá»‡t\"), but only "
        "{percent}% of the words can be restored to Vietnamese syllables. Copy the text again from the "
        "original file, or send the file itself.",
    ),
    "legacy.refused.damaged": (
        "Văn bản đã bị hỏng: có ký tự thay thế \"\ufffd\" (chỉ {percent}% là âm tiết tiếng Việt), tức là chữ "
        "đã mất trong một lần chuyển mã sai trước đó và không khôi phục được. Hãy lấy lại văn bản từ "
        "tài liệu gốc.",
        "The text is damaged: it contains the replacement character \"\ufffd\" (only {percent}% of the words "
        "are Vietnamese syllables), so letters were lost in an earlier wrong conversion and cannot be "
        "restored. Take the text again from the original document.",
    ),
    "legacy.refused.cp1252": (
        "Tệp không phải UTF-8 và không phải tiếng Việt: có vẻ là Windows-1252 / Latin-1 (chỉ {percent}% là "
        "âm tiết tiếng Việt). Hãy lưu tệp dưới dạng Unicode (UTF-8) rồi gửi lại.",
        "The file is not UTF-8 and not Vietnamese: it looks like Windows-1252 / Latin-1 (only {percent}% "
        "of the words are Vietnamese syllables). Save it as Unicode (UTF-8) and send it again.",
    ),
    "legacy.refused.gbk": (
        "Tệp không phải UTF-8 và không phải tiếng Việt: có vẻ là tiếng Trung mã GBK ({percent}% là âm tiết "
        "tiếng Việt). Hãy lưu tệp dưới dạng Unicode (UTF-8) rồi gửi lại.",
        "The file is not UTF-8 and not Vietnamese: it looks like Chinese in GBK ({percent}% of the words "
        "are Vietnamese syllables). Save it as Unicode (UTF-8) and send it again.",
    ),
    "legacy.ambiguous": (
        "Không xác định được bảng mã: văn bản quá ngắn, đọc theo {first} hay {second} đều ra tiếng Việt "
        "nhưng khác nhau. Hãy chuyển sang Unicode bằng Unikey Toolkit (chọn đúng bảng mã nguồn) rồi gửi lại.",
        "Ambiguous encoding: the text is too short; read as {first} or as {second} it gives different "
        "Vietnamese. Convert it to Unicode with Unikey Toolkit (choosing the right source) and send it again.",
    ),
    "legacy.refused.unknown": (
        "Không nhận ra bảng mã: tệp không phải UTF-8, TCVN3, VNI hay Windows-1258 (chỉ {percent}% là âm "
        "tiết tiếng Việt). Hãy lưu tệp dưới dạng Unicode (UTF-8) rồi gửi lại.",
        "Unrecognised encoding: the file is not UTF-8, TCVN3, VNI or Windows-1258 (only {percent}% of "
        "the words are Vietnamese syllables). Save it as Unicode (UTF-8) and send it again.",
    ),
}


class LegacyTextError(ValueError):
    """Input refused: no reading of it reaches :data:`THRESHOLD`.

    ``detected`` is a key of :data:`ENCODING_LABELS`; ``score`` the best share of Vietnamese
    syllables found (0-1); ``hint`` a one-line English fix; ``rival`` is set when two readings
    are equally good but differ (a text too short to tell; key ``legacy.ambiguous``).
    ``key``/``params`` fit the console's catalogue (``i18n.register(MESSAGES)``, then
    ``InvalidInput(err.key, **err.params)``); ``str(err)`` is the Vietnamese message, a newline, then the English one.
    """

    def __init__(self, detected: str, score: float, hint: str | None = None, *, rival: str | None = None) -> None:
        if detected not in ENCODING_LABELS:
            detected = "unknown"
        self.detected = detected
        self.score = score
        self.rival = rival
        self.params: dict[str, object]
        if rival is None:
            self.key = f"legacy.refused.{detected}"
            self.params = {"percent": int(score * 100)}
        else:
            self.key = "legacy.ambiguous"
            self.params = {"first": ENCODING_LABELS[detected], "second": ENCODING_LABELS.get(rival, rival)}
        self.hint = hint or _HINTS[detected]
        super().__init__(self.message("vi") + "\n" + self.message("en"))

    def message(self, lang: str = "vi") -> str:
        vi, en = MESSAGES[self.key]
        return (en if lang == "en" else vi).format(**self.params)

    @property
    def message_vi(self) -> str:
        return self.message("vi")

    @property
    def message_en(self) -> str:
        return self.message("en")


_HINTS = {
    "tcvn3": "convert from TCVN3 (ABC) to Unicode with Unikey Toolkit",
    "vni": "convert from VNI Windows to Unicode with Unikey Toolkit",
    "viqr": "convert from VIQR to Unicode with Unikey Toolkit",
    "cp1258": "convert from Windows-1258 to Unicode with Unikey Toolkit",
    "utf-8": "copy the text again from the original UTF-8 file",
    "damaged": "take the text again from the original document",
    "cp1252": "save the file as UTF-8",
    "gbk": "save the file as UTF-8",
    "unknown": "save the file as UTF-8",
}

# --------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993; VN3 for the lowercase, VN1 for the positions VN3 leaves free)

_TCVN3_HIGH = (  # 0xA0-0xFF
    "\u00a0\u0102\u00c2\u00ca\u00d4\u01a0\u01af\u0110\u0103\u00e2\u00ea\u00f4\u01a1\u01b0\u0111\u1eb0"
    "\u0300\u0309\u0303\u0301\u0323\u00e0\u1ea3\u00e3\u00e1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4"
    "\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\u00e8\u1ec2\u1ebb\u1ebd"
    "\u00e9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\u00ec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\u00ed\u1ecb\u00f2"
    "\u1ed4\u1ecf\u00f5\u00f3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\u00f9"
    "\u1ed6\u1ee7\u0169\u00fa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\u00fd\u1ef5\u1ed0"
)
_TCVN3_C1 = (  # 0x80-0x9F: VN1 uppercase
    "\u00c0\u1ea2\u00c3\u00c1\u1ea0\u1eb6\u1eac\u00c8\u1eba\u1ebc\u00c9\u1eb8\u1ec6\u00cc\u1ec8\u0128"
    "\u00cd\u1eca\u00d2\u1ece\u00d5\u00d3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\u00d9\u1ee6\u0168"
)
_TCVN3_C0 = {  # VN1 puts the last uppercase letters among the C0 controls
    0x01: "\u00da", 0x02: "\u1ee4", 0x04: "\u1eea", 0x05: "\u1eec", 0x06: "\u1eee", 0x11: "\u1ee8",
    0x12: "\u1ef0", 0x13: "\u1ef2", 0x14: "\u1ef6", 0x15: "\u1ef8", 0x16: "\u00dd", 0x17: "\u1ef4",
}
# C1 bytes that are also common Windows-1252 punctuation: ‚ „ … ‹ ‘ ’ “ ” • – — ›
_AMBIGUOUS_C1 = b"\x82\x84\x85\x8b\x91\x92\x93\x94\x95\x96\x97\x9b"
_CP1252_PUNCT = {b: bytes([b]).decode("cp1252") for b in _AMBIGUOUS_C1}
_AMBIGUOUS_CHARS = frozenset(chr(b) for b in _AMBIGUOUS_C1)
_ALLOWED_C0 = frozenset(b"\t\n\x0b\x0c\r")
_UNKNOWN = "\ufffd"


def _tcvn3_tables() -> tuple[dict[int, str], dict[int, str]]:
    base: dict[int, str] = {}
    for b in range(0x20):
        if b in _TCVN3_C0:
            base[b] = _TCVN3_C0[b]
        elif b not in _ALLOWED_C0:
            base[b] = _UNKNOWN
    base[0x7F] = _UNKNOWN
    for i, ch in enumerate(_TCVN3_C1):
        base[0x80 + i] = ch
    for i, ch in enumerate(_TCVN3_HIGH):
        base[0xA0 + i] = ch
    as_punct = dict(base)
    as_punct.update(_CP1252_PUNCT)
    return base, as_punct


_TCVN3_LETTERS, _TCVN3_PUNCT = _tcvn3_tables()
_TCVN3_ENCODE: dict[str, int] = {
    ch: b for b, ch in _TCVN3_LETTERS.items() if ch != _UNKNOWN and not unicodedata.combining(ch)
}
_TCVN3_ENCODE.update({ch: b for b, ch in _CP1252_PUNCT.items()})
_VN1_ONLY = frozenset(ch for ch in _TCVN3_ENCODE if ch.isupper() and ch not in "ĂÂÊÔƠƯĐ")
_AMBIGUOUS_WORD = re.compile(r"\S*[\x82\x84\x85\x8b\x91-\x97\x9b]\S*")


def _word_value(text: str) -> int:
    t = syllables.tally(text)
    return 2 * t.valid - t.counted


def _tcvn3_letter_byte(ch: str) -> bool:
    o = ord(ch)
    return (ch.isascii() and ch.isalpha()) or o >= 0xA1 or (0x80 <= o < 0xA0 and ch not in _AMBIGUOUS_CHARS) or (
        o in _TCVN3_C0
    )


def _decode_tcvn3_ambiguous(word: str) -> str:
    """A word holding bytes that are VN1 capitals or Windows-1252 punctuation (0x93 is Ỏ or “).
    Punctuation unless the byte touches a letter and reading it as a letter makes a better
    Vietnamese word (or an equally good one, when the byte sits between two letters: CƯỚC)."""
    inside = adjacent = True
    for i, ch in enumerate(word):
        if ch in _AMBIGUOUS_CHARS:
            left = i > 0 and _tcvn3_letter_byte(word[i - 1])
            right = i + 1 < len(word) and _tcvn3_letter_byte(word[i + 1])
            inside = inside and left and right
            adjacent = adjacent and (left or right)
    as_punct = word.translate(_TCVN3_PUNCT)
    if not adjacent:
        return as_punct
    as_letters = word.translate(_TCVN3_LETTERS)
    letters, punct = _word_value(as_letters), _word_value(as_punct)
    return as_letters if letters > punct or (inside and letters == punct) else as_punct


def _stray_marks(text: str) -> int:
    """Combining marks that do not sit on a letter: a sign of a wrong table."""
    count = 0
    prev = " "
    for ch in text:
        if unicodedata.combining(ch) and not (prev.isalpha() or unicodedata.combining(prev)):
            count += 1
        prev = ch
    return count


_WORD = re.compile(r"\S+")


def _recase_hfont(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        evidence = False
        for m in _WORD.finditer(line):
            w = m.group()
            if (
                sum(ch.isupper() for ch in w) >= 2
                and not any(ch.islower() and ch.isascii() for ch in w)
                and any(ch.islower() and not ch.isascii() for ch in w)
            ):
                evidence = True
                break
        if not evidence:
            out.append(line)
        elif not any(ch.islower() and ch.isascii() for ch in line):
            out.append(line.upper())
        else:
            out.append(_WORD.sub(_upper_if_evidence, line))
    return "".join(out)


def _upper_if_evidence(m: re.Match[str]) -> str:
    w = m.group()
    if (
        sum(ch.isupper() for ch in w) >= 2
        and not any(ch.islower() and ch.isascii() for ch in w)
        and any(ch.islower() and not ch.isascii() for ch in w)
    ):
        return w.upper()
    return w


class _Result(NamedTuple):
    text: str
    unknown: int


def decode_tcvn3(data: bytes, *, recase: bool = True, strict: bool = True) -> str:
    """TCVN3 bytes to NFC text. Raises ValueError on a byte the table does not define (or, with
    ``strict=False``, puts U+FFFD there). ``recase`` applies the H-font heuristic."""
    res = _tcvn3(data, recase=recase)
    if strict and res.unknown:
        raise ValueError(f"{res.unknown} byte(s) not in the TCVN3 table")
    return res.text


def _tcvn3(data: bytes, *, recase: bool = True) -> _Result:
    raw = data.decode("latin-1")
    if _AMBIGUOUS_WORD.search(raw):
        parts = _AMBIGUOUS_WORD.split(raw)
        words = _AMBIGUOUS_WORD.findall(raw)
        chunks = [parts[0].translate(_TCVN3_PUNCT)]
        for word, tail in zip(words, parts[1:], strict=True):
            chunks.append(_decode_tcvn3_ambiguous(word))
            chunks.append(tail.translate(_TCVN3_PUNCT))
        text = "".join(chunks)
    else:
        text = raw.translate(_TCVN3_PUNCT)
    unknown = text.count(_UNKNOWN) + _stray_marks(text)
    text = unicodedata.normalize("NFC", text)
    if recase:
        text = _recase_hfont(text)
    return _Result(text, unknown)


def encode_tcvn3(text: str, *, vn1_uppercase: bool = True) -> bytes:
    """NFC text to TCVN3 bytes. Uppercase toned letters use their TCVN 5712 VN1 codes, or with
    ``vn1_uppercase=False`` the lowercase codes, as text typed for the .VnTimeH fonts is stored.
    Raises ValueError for a character TCVN3 cannot hold."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        o = ord(ch)
        if o < 0x80 and (o >= 0x20 or o in _ALLOWED_C0):
            out.append(o)
        elif not vn1_uppercase and ch in _VN1_ONLY:
            out.append(_TCVN3_ENCODE[ch.lower()])
        elif ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        else:
            raise ValueError(f"TCVN3 cannot encode {ch!r}")
    return bytes(out)


# --------------------------------------------------------------------------------------------
# VNI-Windows: a base letter followed by a mark byte (shown here as the Windows-1252 character)

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)
_VNI_TONE = "ùøûõï"  # sắc huyền hỏi ngã nặng
_VNI_CIRC = "âáàåãä"  # circumflex alone, then with the five tones
_VNI_BREVE = "êéèúüë"  # breve alone, then with the five tones
_VNI_I = "íìæóò"  # i with the five tones
_VNI_SINGLE = {"î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ"}


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    dec: dict[str, str] = {}
    enc: dict[str, str] = {}

    def add(seq: str, uni: str) -> None:
        for upper in (False, True):
            s = seq.upper() if upper else seq
            u = uni.upper() if upper else uni
            enc[u] = s
            dec[s] = u
            if len(s) == 2:  # tolerate a mark typed in the other case
                dec[s[0] + s[1].swapcase()] = u

    for base_vni, base_uni in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư")):
        for mark, tone in zip(_VNI_TONE, _TONES, strict=True):
            if base_vni == "y" and tone == _DOT:
                continue  # ỵ is the single code î
            add(base_vni + mark, _nfc(base_uni + tone))
    for base in "aeo":
        add(base + _VNI_CIRC[0], _nfc(base + _CIRC))
        for mark, tone in zip(_VNI_CIRC[1:], _TONES, strict=True):
            add(base + mark, _nfc(base + _CIRC + tone))
    add("a" + _VNI_BREVE[0], "ă")
    for mark, tone in zip(_VNI_BREVE[1:], _TONES, strict=True):
        add("a" + mark, _nfc("a" + _BREVE + tone))
    for mark, tone in zip(_VNI_I, _TONES, strict=True):
        add(mark, _nfc("i" + tone))
    for code, uni in _VNI_SINGLE.items():
        add(code, uni)
    return dec, enc


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
# Any byte >= 0xC0 not consumed by a sequence, and C0/C1 bytes that are not text, are unknown.
_VNI_PUNCT_C1 = "\x80\x82\x84\x85\x86\x87\x89\x8b\x91\x92\x93\x94\x95\x96\x97\x99\x9b"
_VNI_BAD = "".join(
    chr(b) for b in range(0x100)
    if (b < 0x20 and b not in _ALLOWED_C0) or b == 0x7F or (0x80 <= b < 0xA0 and chr(b) not in _VNI_PUNCT_C1)
    or b >= 0xC0
)
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True))
    + "|(?P<bad>[" + re.escape(_VNI_BAD) + "])"
)
_C1_TO_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if chr(b) in _VNI_PUNCT_C1}


def decode_vni(data: bytes, *, strict: bool = True) -> str:
    """VNI-Windows bytes to NFC text. Raises ValueError on a mark byte that follows no letter it
    can go with, or any byte VNI does not use for text (U+FFFD with ``strict=False``)."""
    res = _vni(data)
    if strict and res.unknown:
        raise ValueError(f"{res.unknown} byte(s) or sequence(s) not in the VNI table")
    return res.text


def _vni(data: bytes) -> _Result:
    unknown = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal unknown
        if m.group("bad") is not None:
            unknown += 1
            return _UNKNOWN
        return _VNI_DECODE[m.group()]

    text = _VNI_RE.sub(sub, data.decode("latin-1")).translate(_C1_TO_CP1252)
    return _Result(_nfc(text), unknown)


def encode_vni(text: str) -> bytes:
    """NFC text to VNI-Windows bytes (uppercase included). Raises ValueError for a character VNI
    cannot hold."""
    out = []
    for ch in _nfc(text):
        if ch in _VNI_ENCODE:
            out.append(_VNI_ENCODE[ch])
        elif (
            (ch.isascii() and (ord(ch) >= 0x20 or ord(ch) in _ALLOWED_C0))
            or (ch in _CP1252_REVERSE and chr(_CP1252_REVERSE[ch]) in _VNI_PUNCT_C1)
            or ch in _LATIN1_SYMBOLS
        ):
            out.append(ch)
        else:
            raise ValueError(f"VNI cannot encode {ch!r}")
    return "".join(out).encode("cp1252")


_LATIN1_SYMBOLS = frozenset(chr(b) for b in range(0xA0, 0xC0))

# --------------------------------------------------------------------------------------------
# VIQR (RFC 1456)

_VIQR_TONE = {"'": _ACUTE, "`": _GRAVE, "?": _HOOK, "~": _TILDE, ".": _DOT}
_VIQR_SHAPE = {"^": _CIRC, "(": _BREVE, "+": _HORN}
_VIQR_SHAPE_BASES = {"^": "aeo", "(": "a", "+": "ou"}
_VIQR_MARKS = frozenset(_VIQR_TONE) | frozenset(_VIQR_SHAPE)
_VIQR_ESCAPABLE = _VIQR_MARKS | {"\\", "d", "D"}
_ASCII_VOWELS = frozenset("aeiouyAEIOUY")
_VIQR_STRONG = re.compile(
    r"[aeiouyAEIOUY][`?~][A-Za-z]|[aeoAEO]\^|[aA]\(|[ouOU]\+|(?<![A-Za-z])[dD][dD][aeiouyAEIOUY]"
)
_VIQR_TONE_OUT = {v: k for k, v in _VIQR_TONE.items()}
_VIQR_SHAPE_OUT = {v: k for k, v in _VIQR_SHAPE.items()}


class _ViqrStats(NamedTuple):
    text: str
    words: int
    converted: int
    strong: int


def decode_viqr(text: str) -> str:
    """VIQR to NFC text (see the module docstring for the rules)."""
    return _viqr(text).text


def _viqr(s: str) -> _ViqrStats:
    out: list[str] = []
    words = converted = strong = 0
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n and s[i + 1] in _VIQR_ESCAPABLE:
            out.append(s[i + 1])
            i += 2
            continue
        if not (c.isascii() and c.isalpha()):
            out.append(c)
            i += 1
            continue
        # a word: letters, each followed by the marks it can take
        start = i
        units: list[list[str]] = []  # [base, shape, tone, marks-in-order]
        is_strong = False
        if s[i : i + 2].lower() == "dd" and i + 2 < n and s[i + 2] in _ASCII_VOWELS:
            units.append(["Đ" if c == "D" else "đ", "", "", ""])
            is_strong = True
            i += 2
        while i < n:
            c = s[i]
            if c.isascii() and c.isalpha():
                units.append([c, "", "", ""])
                i += 1
                continue
            if c not in _VIQR_MARKS or not units:
                break
            u = units[-1]
            low = u[0].lower()
            if c in _VIQR_SHAPE and not u[1] and low in _VIQR_SHAPE_BASES[c]:
                u[1] = _VIQR_SHAPE[c]
                is_strong = True
            elif c in _VIQR_TONE and not u[2] and low in "aeiouy":
                u[2] = _VIQR_TONE[c]
                if c in "`?~" and i + 1 < n and s[i + 1].isascii() and s[i + 1].isalpha():
                    is_strong = True
            else:
                break
            u[3] += c
            i += 1
        words += 1
        raw = s[start:i]
        if not any(u[3] for u in units) and units[0][0] not in "đĐ":
            if ("DD" in raw or "dd" in raw) and not _ASCII_VOWELS.intersection(raw):
                raw = raw.replace("DD", "Đ").replace("dd", "đ")  # NDD-CP, HDDND: NĐ-CP, HĐND
                converted += 1
            out.append(raw)
            continue
        # apply; if the word is not a syllable, give back trailing marks one by one
        trailing = ""
        last = units[-1]
        while True:
            word = _nfc("".join(u[0] + u[1] + u[2] for u in units))
            if syllables.is_syllable(word):
                out.append(word + trailing)
                converted += 1
                strong += is_strong
                break
            if not last[3]:
                out.append(raw)
                break
            mark = last[3][-1]
            last[3] = last[3][:-1]
            if mark in _VIQR_SHAPE:
                last[1] = ""
            else:
                last[2] = ""
            trailing = mark + trailing
    return _ViqrStats("".join(out), words, converted, strong)


def encode_viqr(text: str) -> str:
    """NFC text to VIQR, escaping literal marks after letters so that :func:`decode_viqr` gives
    the text back exactly."""
    out: list[str] = []
    prev_letter = prev_vowel = False
    text = _nfc(text)
    for idx, ch in enumerate(text):
        if ch in "đĐ":
            out.append("DD" if ch == "Đ" else "dd")
            prev_letter, prev_vowel = True, False
            continue
        d = unicodedata.normalize("NFD", ch)
        base = d[0]
        if base.isascii() and base.isalpha():
            if len(d) == 1 and base in "dD" and not prev_letter:
                nxt = text[idx + 1 : idx + 3]
                if nxt[:1] in ("d", "D") and nxt[1:2] in _ASCII_VOWELS:
                    out.append(base + "\\")  # literal "dd" before a vowel
                    prev_letter = prev_vowel = False
                    continue
            marks = d[1:]
            shape = "".join(_VIQR_SHAPE_OUT[m] for m in marks if m in _VIQR_SHAPE_OUT)
            tone = "".join(_VIQR_TONE_OUT[m] for m in marks if m in _VIQR_TONE_OUT)
            if len(shape) + len(tone) != len(marks):
                raise ValueError(f"VIQR cannot encode {ch!r}")
            out.append(base + shape + tone)
            prev_letter, prev_vowel = True, base in _ASCII_VOWELS
            continue
        if not ch.isascii():
            if unicodedata.category(ch).startswith("L"):
                raise ValueError(f"VIQR cannot encode {ch!r}")
            out.append(ch)
        elif (ch in _VIQR_MARKS and prev_vowel) or ch == "\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
        prev_letter = prev_vowel = False
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Windows-1258 (base letter + combining tone)


def decode_cp1258(data: bytes, *, strict: bool = True) -> str:
    res = _cp1258(data)
    if strict and res.unknown:
        raise ValueError(f"{res.unknown} byte(s) not valid Windows-1258 text")
    return res.text


def _cp1258(data: bytes) -> _Result:
    text = data.decode("cp1258", errors="replace")
    unknown = text.count(_UNKNOWN) + _stray_marks(text)
    unknown += sum(1 for ch in text if ord(ch) < 0x20 and ord(ch) not in _ALLOWED_C0)
    return _Result(_nfc(text), unknown)


def encode_cp1258(text: str) -> bytes:
    """NFC text to Windows-1258: precomposed where the code page has the letter, else the letter
    with its shape (â, ơ, ...) followed by a combining tone, as Windows writes it."""
    out = bytearray()
    for ch in _nfc(text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d if m in _TONES)
        rest = _nfc("".join(m for m in d if m not in _TONES))
        out += (rest + tones).encode("cp1258")  # raises UnicodeEncodeError (a ValueError)
    return bytes(out)


# --------------------------------------------------------------------------------------------
# Detection

_CP1252_REVERSE: dict[str, int] = {
    bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


class _Candidate(NamedTuple):
    name: str
    text: str
    unknown: int
    tally: syllables.Tally

    @property
    def score(self) -> float:
        if self.unknown:
            return self.tally.valid / (self.tally.counted + self.unknown)
        return self.tally.score

    @property
    def acceptable(self) -> bool:
        return not self.unknown and self.tally.counted > 0 and self.tally.score >= THRESHOLD


def _candidate(name: str, res: _Result) -> _Candidate:
    return _Candidate(name, res.text, res.unknown, syllables.tally(res.text))


def _byte_candidates(data: bytes, *, utf8: bool) -> list[_Candidate]:
    out = [_candidate("tcvn3", _tcvn3(data)), _candidate("vni", _vni(data)), _candidate("cp1258", _cp1258(data))]
    if utf8:
        text = data.decode("utf-8", errors="replace")
        out.append(_candidate("utf-8", _Result(_nfc(text), text.count(_UNKNOWN))))
    return out


def _best(cands: list[_Candidate]) -> _Candidate | None:
    """The best acceptable candidate. Two equally good readings that differ (short text: the
    bytes of "thông" are also TCVN3 "thụng") are not guessed between: LegacyTextError."""
    ok = sorted((c for c in cands if c.acceptable), key=lambda c: (c.tally.score, c.tally.valid), reverse=True)
    if not ok:
        return None
    best = ok[0]
    for other in ok[1:]:
        if (other.tally.score, other.tally.valid) == (best.tally.score, best.tally.valid) and other.text != best.text:
            raise LegacyTextError(best.name, best.tally.score, rival=other.name)
    return best


def _as_bytes(text: str) -> tuple[bytes, str] | None:
    """The bytes a mis-decoded text came from (Windows-1252, or Latin-1 when C1 controls show)."""
    out = bytearray()
    via = "cp1252"
    for ch in text:
        o = ord(ch)
        if o < 0x100:
            out.append(o)
            if 0x80 <= o < 0xA0:
                via = "latin-1"
        elif ch in _CP1252_REVERSE:
            out.append(_CP1252_REVERSE[ch])
        else:
            return None
    return bytes(out), via


def _normal_form_name(text: str) -> str | None:
    if unicodedata.is_normalized("NFC", text):
        return None
    return "nfd" if unicodedata.is_normalized("NFD", text) else "composite"


def _try_viqr(text: str) -> Decoded | None:
    if not _VIQR_STRONG.search(text):
        return None
    stats = _viqr(text)
    t = syllables.tally(stats.text)
    if (
        stats.strong >= 1
        and stats.converted >= 0.2 * stats.words
        and t.counted > 0
        and t.score >= THRESHOLD
    ):
        return Decoded(stats.text, "viqr", t.score, stats.text != text)
    return None


def _viqr_refusal(text: str) -> LegacyTextError | None:
    """VIQR that does not convert well enough: many VIQR-looking words, poor score."""
    if not _VIQR_STRONG.search(text):
        return None
    stats = _viqr(text)
    if stats.strong >= 3 and stats.strong >= 0.1 * stats.words:
        t = syllables.tally(stats.text)
        return LegacyTextError("viqr", t.score)
    return None


def repair_text(text: str) -> Decoded:
    """Pasted text to clean NFC (see the module docstring). Raises :class:`LegacyTextError`."""
    return _repair(text, "utf-8")


def _has_controls(text: str) -> bool:
    """C0 controls other than whitespace, DEL and C1 controls: text holds them only when legacy
    bytes were read with the wrong table (TCVN3 puts capitals there)."""
    return any((ord(ch) < 0x20 and ch not in "\t\n\r\x0b\x0c") or 0x7F <= ord(ch) < 0xA0 for ch in text)


def _repair(text: str, container: str) -> Decoded:
    original = text
    if text.startswith("\ufeff"):
        text = text[1:]
    nfc = _nfc(text)
    form = _normal_form_name(text)
    if _UNKNOWN in nfc:
        raise LegacyTextError("damaged", syllables.tally(nfc).score)
    controls = _has_controls(text)
    given = syllables.tally(nfc)
    if not controls:
        if all(ch.isascii() or not ch.isalpha() for ch in nfc):
            viqr = _try_viqr(nfc)
            if viqr is not None:
                return viqr
            refusal = _viqr_refusal(nfc)
            if refusal is not None:
                raise refusal
        if given.counted == 0:
            enc = form or ("ascii" if nfc.isascii() and container == "utf-8" else container)
            return Decoded(nfc, enc, 1.0, nfc != original)
        if given.score == 1.0:
            return Decoded(nfc, form or container, given.score, nfc != original)
    # a legacy reading of the characters' bytes (Windows-1258 read as 1252 can look nearly right,
    # so even text above the threshold is checked when some of its words are not syllables)
    raw = _as_bytes(text)
    cands = _byte_candidates(raw[0], utf8=True) if raw is not None else []
    best = _best(cands)
    if best is not None and (controls or (best.tally.score > given.score and best.tally.valid >= given.valid)):
        return Decoded(best.text, best.name, best.tally.score, True, raw[1] if raw is not None else None)
    if not controls and given.score >= THRESHOLD:
        return Decoded(nfc, form or container, given.score, nfc != original)
    # refuse when the text is provably a wrong reading, else accept it as (non-Vietnamese) Unicode
    lenient = max(cands, key=lambda c: c.score, default=None)
    if lenient is not None and (controls or lenient.score >= given.score + _EVIDENCE_GAIN):
        raise LegacyTextError(lenient.name, lenient.score)
    if controls:
        raise LegacyTextError("unknown", given.score)
    return Decoded(nfc, form or container, given.score, nfc != original)


_UTF16_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
               (b"\xef\xbb\xbf", "utf-8", "utf-8-bom"), (b"\xff\xfe", "utf-16-le", "utf-16"),
               (b"\xfe\xff", "utf-16-be", "utf-16"))


def _unicode_container(data: bytes) -> tuple[str, str] | None:
    """(container name, text) when the bytes are UTF-8/16/32, else None."""
    for bom, codec, name in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return name, data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                return None
    if len(data) >= 4 and len(data) % 2 == 0:
        even, odd = data[0::2], data[1::2]
        zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
        for codec, zeros, other in (("utf-16-le", zeros_odd, zeros_even), ("utf-16-be", zeros_even, zeros_odd)):
            if zeros >= 0.3 and other <= 0.05:
                try:
                    return "utf-16", data.decode(codec)
                except UnicodeDecodeError:
                    break
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> Decoded:
    """A file's bytes to clean NFC text (see the module docstring). Raises :class:`LegacyTextError`."""
    if not data:
        return Decoded("", "ascii", 1.0, False)
    found = _unicode_container(data)
    if found is not None:
        container, text = found
        res = _repair(text, container)
        if container == "utf-8" and res.score < THRESHOLD:  # legacy bytes that happen to be valid UTF-8
            best = _best(_byte_candidates(data, utf8=False))
            if best is not None and best.tally.score > res.score:
                return Decoded(best.text, best.name, best.tally.score, True)
        # for bytes, "changed" means: not simply the bytes read as UTF-8
        return replace(res, changed=res.changed or container != "utf-8")
    cands = _byte_candidates(data, utf8=False)
    best = _best(cands)
    if best is not None:
        return Decoded(best.text, best.name, best.tally.score, True)
    # nothing Vietnamese: English in Windows-1252 (smart quotes, ©) is fine, anything else is refused
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    clean_western = western is not None and not any(ord(ch) < 0x20 and ord(ch) not in _ALLOWED_C0 for ch in western)
    if western is not None and clean_western and all(ch.isascii() or not ch.isalpha() for ch in western):
        return Decoded(_nfc(western), "cp1252", 1.0, True)
    lenient = max(cands, key=lambda c: c.score)
    if lenient.tally.counted and lenient.score >= 0.5:
        raise LegacyTextError(lenient.name, lenient.score)
    if _looks_cjk(data):
        raise LegacyTextError("gbk", 0.0)
    if western is not None and clean_western and _latin_share(western) >= 0.5:
        raise LegacyTextError("cp1252", syllables.tally(western).score)
    if lenient.tally.counted and lenient.score >= 0.3:
        raise LegacyTextError(lenient.name, lenient.score)
    raise LegacyTextError("unknown", lenient.score)


def _latin_share(western: str) -> float:
    """How Western-European a Windows-1252 reading looks: the share of its non-ASCII words that
    are made of letters only (café, été), as opposed to symbols and controls."""
    words = [w for w in syllables.tokens(western) if not w.isascii()]
    return sum(w.isalpha() for w in words) / len(words) if words else 0.0


def _looks_cjk(data: bytes) -> bool:
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or ch >= "\uff00")
    non_ascii = sum(1 for ch in text if not ch.isascii())
    return cjk >= 4 and cjk >= 0.9 * non_ascii


def _register_messages() -> None:
    from console.i18n import register

    register(MESSAGES)


_register_messages()
