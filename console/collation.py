"""Vietnamese collation: the order of a Vietnamese dictionary, and of ICU's ``vi`` collator.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (the foreign letters f j w z
sit where the Latin alphabet puts them, as ICU does). Texts compare on three levels, like ICU:

1. **primary** — the letters, with ă â đ ê ô ơ ư as letters of their own; digits, spaces and punctuation
   count too (ICU's default "non-ignorable"): white space < punctuation < symbols < currency < digits <
   letters, in the order of the CLDR root collation;
2. **secondary** — the tones, compared only when the letters are equal: ngang (none) < huyền < hỏi < ngã
   < sắc < nặng (CLDR ``vi``: ``&̀<<̉<<̃<<́<<̣``), then other accents (ü ç ...) as in CLDR root;
3. **tertiary** — case, compared only when letters and tones are equal: lower before upper.

So ``ma < mà < mả < mã < má < mạ < mă`` and ``"bắc" < "Bắc" < "bặc"``. NFC and NFD input give the same key;
zero-width and control characters are ignored, as in ICU.

A key is ``bytes`` (primary weights, 0x01, secondary weights, 0x01, tertiary weights), so a sort compares
keys with ``memcmp``. Text made only of Vietnamese letters, digits, ASCII and the common typographic signs
(– — ‘ ’ “ ” « » • ₫ € ...) takes the fast path: one ``codecs.charmap_encode`` to one byte a character, then
three ``bytes.translate``. Anything else is weighed character by character (cached) with the same weights.

Agreement with ICU 72 ``icu.Collator.createInstance(icu.Locale("vi"))`` (checked by tests/test_collation.py):
identical order for Vietnamese text in any case and normalisation form, with digits, ASCII, Latin-1, General
Punctuation and currency signs, and all Latin letters that ICU weighs as one letter or as a letter with accents.
Known differences, all outside ordinary Vietnamese text:
- letters of other scripts (Greek, Cyrillic, CJK, ...) and Latin ligatures without a decomposition (ȸ ʣ ꜳ ...)
  sort after the Latin letters by code point; symbols outside the blocks above (arrows, shapes, emoji, CJK
  punctuation) sort together by code point just before the currency signs; combining marks of other scripts
  tie with each other at the secondary level;
- compatibility variants (superscripts, ligatures, fullwidth and mathematical forms, ``…``, ``ǅ``) get ICU's
  primary and secondary weights but a simplified tertiary one (base < upper case < variant < upper variant);
- "ơ" with a circumflex on top, which is no Vietnamese letter: ICU weighs it as ô + horn or ơ + circumflex
  depending on how the input is composed; here it is always ơ + circumflex (ICU's answer for NFD input);
- ICU's numeric ordering and the identical level are off in both (``"10" < "9"``; NFC and NFD forms tie).
"""

from __future__ import annotations

import codecs
import functools
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["ALPHABET", "PRIMARY", "SECONDARY", "TERTIARY", "compare", "sort_key", "sorted_vi", "title_key"]

PRIMARY, SECONDARY, TERTIARY = 1, 2, 3

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
"""The Vietnamese letters (and f j w z) in order, each a primary weight of its own."""

# ---------------------------------------------------------------------------- ICU's order (CLDR root + vi)
# Characters below the letters, one primary weight each, in CLDR root order: white space, punctuation and
# general symbols; then (after a slot for unknown symbols) currency signs and digits.
_SPACES_PUNCTUATION_SYMBOLS = (
    "\t\n\x0b\x0c\r\x85\u2028\u2029 \u203e_\u2017-\u2010\u2012\u2013\u2014\u2015\u2053,;\u204f:!\xa1?\xbf\u203d."
    "\xb7\u2055\u2056\u2058\u2059\u205a\u205b\u205c\u205d\u205e'\u2018\u2019\u201a\u201b\u2039\u203a\"\u201c"
    "\u201d\u201e\u201f\xab\xbb()[]{}\u2045\u2046\u2016\xa7\xb6\u204b@*\u204e\u2051/\\&\u204a#%\u2030\u2031"
    "\u2020\u2021\u2022\u2023\u2027\u2043\u204c\u204d\u2032\u2035\u2038\u203b\u203f\u2054\u2040\u2050\u2041"
    "\u2042`\xb4\u02dc^\xaf\xa8\xb8\xb0\xa9\xae+\xb1\xf7\xd7<=>\xac|\xa6~\u2052\u2044"
)
_CURRENCY = (
    "\xa4\xa2$\xa3\xa5\u20a0\u20a1\u20a2\u20a3\u20a4\u20a5\u20a6\u20a7\u20a9\u20aa\u20ab\u20ac\u20ad\u20ae"
    "\u20af\u20b0\u20b1\u20b2\u20b3\u20b4\u20b5\u20b6\u20b7\u20b8\u20b9\u20ba\u20bb\u20bc\u20bd\u20be\u20bf"
    "\u20c0\u20a8"
)
_DIGITS = "0123456789"
# All Latin letters with a primary weight of their own (lower case), in ICU's vi order: the alphabet above with
# the letters of other languages (Latin-1, Extended-A/B/C/D, IPA) in between, where CLDR root puts them.
_LATIN_LETTERS = (
    "ʹʺˆˇˈˉˊˋˌˍˎˏˬꞈːˑaăâⱥꞻɐɑɒbʙƀꞗɓƃꞵcȼꞓꞔƈɕꜿdđꟈɖɗƌȡꝱẟeêɇⱸǝⱻəɛɘɚɜɝɞʚɤfꜰꞙƒꟻgꟑɡɢǥɠʛꝿɣƣhʜƕꞕɦⱨⱶꟶꜧɧʻʽiıɪꟾꟷɨꞽɩjȷɉʝɟ"
    "ʄkƙⱪꝁꝃꝅʞlʟꝇꝉƚⱡɫɬɭꞎȴꝲɮꞁƛʎmɱꟽꟿꝳnɴɲƞꞑɳȵꝴŋoôơɶɔꝍⱺɵꝋɷꞷȣpꝑƥꝓꝕꟼɸⱷqꞯꝗꝙʠɋĸrʀɍɹɺɻⱹɼɽɾɿʁꝵꝶꝝsꜱꟊʂȿꟗẜẝʃƪʅʆtŧⱦƫƭʈȶꝷʇ"
    "uưʉꞹꞿɥʮʯɯꟺɰʊvꝟʋⱱⱴỽʌwⱳʍxyʏɏƴỿȝzƶȥʐʑɀⱬꝣʒƹƺʓþꟓꝥꝧƿꟕꝩꝫꝭꝯꝸƻꜫꜭꜯƨƽƅʔɂˀʼˮʾꜣꞌꞏʕʿˁꜥʡʢʖǀǁǂǃʗʘʬʭ"
)
# Combining marks by secondary weight, one weight a group, in ICU's vi order: the five tones come right
# after the grave accent (huyền) and before the breve.
_MARKS = (
    "\u0332", "\u0313", "\u0314",
    "\u0300",  # huyền
    "\u0309",  # hỏi
    "\u0303",  # ngã
    "\u0301",  # sắc
    "\u0323",  # nặng
    "\u0306", "\u0302", "\u030c", "\u030a", "\u0342", "\u0308", "\u030b", "\u0307", "\u0338", "\u0327",
    "\u0328", "\u0304",
    "\u030d\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351\u0352\u0357\u035b"
    "\u035d\u035e",
    "\u0316\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f\u0333\u033a\u033b"
    "\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359\u035a\u035c\u035f\u0362",
    "\u0336\u0337", "\u0335", "\u0305", "\u030f", "\u0310", "\u0311", "\u031b", "\u0321", "\u0322", "\u0324",
    "\u0325", "\u0326", "\u032d", "\u032e", "\u0330", "\u0331", "\u0334", "\u0339", "\u0345", "\u0358",
    "\u0360", "\u0361",
)  # fmt: skip
# The vi letters that Unicode writes as a base letter plus a mark (ICU contractions).
_CONTRACTIONS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Letters without a decomposition that ICU weighs as a base letter plus a secondary difference.
_STROKED = {"ø": "o\u0338", "ł": "l\u0335", "ħ": "h\u0335"}
# Letters that ICU weighs as other letters with a variant secondary weight on the first: æ as "ae", ß as "ss".
_VARIANTS = {"æ": "ae", "œ": "oe", "ß": "ss", "ð": "d", "ſ": "s"}
# Default-ignorable characters that Unicode does not class as Cc/Cf.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u3164\uffa0") | frozenset(map(chr, range(0xFE00, 0xFE10)))

# ---------------------------------------------------------------------------- weights as bytes
# A collation element (CE) is (primary code, secondary class, marks, tertiary code). Its secondary weight is the
# class followed by its marks: COMMON (a letter, digit or sign) < VARIANT (æ ß) < LONG_S (ſ) < LEADING (marks
# with no letter before them), and within a class, the marks in order, none first: ICU's secondary weights, flattened.
CE = tuple[bytes, int, tuple[int, ...], bytes]
_COMMON, _VARIANT, _LONG_S, _LEADING = 0, 1, 2, 3
_MARK_INDEX = {mark: i for i, group in enumerate(_MARKS) for mark in group}
_MIDDLE_DOT = len(_MARKS)  # the dot of the Catalan ŀ, after every accent
_UNKNOWN_MARK = len(_MARKS) + 1  # marks of other scripts
_SEP = b"\x01"
_T_BASE, _T_UPPER, _T_VARIANT, _T_UPPER_VARIANT = b"\x05", b"\x06", b"\x07", b"\x08"
_UPPER = {_T_BASE: _T_UPPER, _T_VARIANT: _T_UPPER_VARIANT}
_AS_VARIANT = {_T_BASE: _T_VARIANT, _T_UPPER: _T_UPPER_VARIANT}


def _secondary(ce: CE) -> bytes:
    """A prefix-free code that orders as ICU's flattened secondary weights: b"\\x10" for no mark; one mark m is
    0x11 + 2m when it is the last, 0x12 + 2m when more follow (so [m] < [m, n] < [m + 1])."""
    _, kind, marks, _ = ce
    code = bytearray((b"", b"\xa0", b"\xa1", b"\xa2")[kind])
    if not marks:
        code.append(0x10)
    for i, m in enumerate(marks):
        code.append(0x11 + 2 * m if i == len(marks) - 1 else 0x12 + 2 * m)
    return bytes(code)


# Primary weights: the characters that ordinary Vietnamese text uses get one byte each; the others share a lead
# byte per gap between two of those, followed by two bytes (their rank in the gap); unknown symbols and letters
# get a lead byte followed by their code point in three bytes.
_FAST_SIGNS = "\t\n\r !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\xa0–—‘’“”«»•·§°±×©®¶₫€"
_SYMBOL_SLOT, _LETTER_SLOT = "\x00symbol", "\x00letter"
_ORDER = [*_SPACES_PUNCTUATION_SYMBOLS, _SYMBOL_SLOT, *_CURRENCY, *_DIGITS, *_LATIN_LETTERS, _LETTER_SLOT]
_ONE_BYTE = set(_FAST_SIGNS.replace("\xa0", "") + _DIGITS + ALPHABET)


def _primary_codes() -> tuple[dict[str, bytes], bytes, bytes]:
    codes: dict[str, bytes] = {}
    slots: dict[str, bytes] = {}
    byte, lead, rank = 0x02, -1, 0
    for weight in _ORDER:
        if weight in _ONE_BYTE:
            codes[weight] = bytes([byte])
            byte, lead = byte + 1, -1
        elif weight in (_SYMBOL_SLOT, _LETTER_SLOT):
            slots[weight] = bytes([byte])
            byte, lead = byte + 1, -1
        else:
            if lead < 0:
                lead, rank, byte = byte, 0, byte + 1
            codes[weight] = bytes([lead]) + rank.to_bytes(2, "big")
            rank += 1
    assert byte <= 0x100, "primary weights overflow one lead byte"
    return codes, slots[_SYMBOL_SLOT], slots[_LETTER_SLOT]


_PRIMARY, _SYMBOL_LEAD, _LETTER_LEAD = _primary_codes()


def _upper(ce: CE) -> CE:
    return ce[0], ce[1], ce[2], _UPPER.get(ce[3], ce[3])


def _as_variant(ce: CE) -> CE:
    return ce[0], ce[1], ce[2], _AS_VARIANT.get(ce[3], ce[3])


def _weigh_sequence(chars: str) -> tuple[CE, ...]:
    """CEs of a decomposed sequence: the vi contractions (base + mark -> letter, in either case), and marks
    added to the CE before them."""
    out: list[CE] = []
    rest = list(chars)
    i = 0
    while i < len(rest):
        first = rest[i]
        i += 1
        base = first.lower()
        letter = None
        # The mark of a vi letter also matches when marks of a lower combining class stand between it and the
        # base (canonical order puts the dot below of "ệ" before the circumflex), as ICU does.
        blocked = -1
        for j in range(i, len(rest)):
            ccc = unicodedata.combining(rest[j])
            if not ccc:
                break
            if (base, rest[j]) in _CONTRACTIONS and ccc > blocked:
                letter = _CONTRACTIONS[base, rest.pop(j)]
                break
            blocked = ccc
        if letter is None:
            ces = _weigh(first)
        else:
            ces = _weigh(letter) if base == first else tuple(map(_upper, _weigh(letter)))
        for ce in ces:
            if ce[1] == _LEADING and out:
                p, kind, marks, t = out[-1]
                out[-1] = (p, kind, marks + ce[2], t)
            else:
                out.append(ce)
    return tuple(out)


@functools.cache
def _weigh(ch: str) -> tuple[CE, ...]:
    """The collation elements of one character."""
    code = _PRIMARY.get(ch)
    if code is not None:
        return ((code, _COMMON, (), _T_BASE),)
    mark = _MARK_INDEX.get(ch)
    if mark is not None:
        return ((b"", _LEADING, (mark,), b""),)
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf") or ch in _IGNORABLE:
        return ()
    lower = ch.lower()
    if lower != ch:
        return tuple(map(_upper, _weigh_sequence(lower)))
    if ch == "ŀ":  # Catalan l·l: ICU weighs ŀ as l with a secondary difference after every accent
        return ((_PRIMARY["l"], _COMMON, (_MIDDLE_DOT,), _T_BASE),)
    if ch in _STROKED:
        return _weigh_sequence(_STROKED[ch])
    if ch in _VARIANTS:
        first, *rest = _weigh_sequence(_VARIANTS[ch])
        kind = _LONG_S if ch == "ſ" else _VARIANT
        return ((first[0], kind, first[2], first[3]), *map(_as_variant, rest))
    decomposed = unicodedata.normalize("NFD", ch)
    if decomposed != ch:
        return _weigh_sequence(decomposed)
    compatible = unicodedata.normalize("NFKD", ch)
    if compatible != ch:
        return tuple(map(_as_variant, _weigh_sequence(compatible)))
    if category == "Nd":  # digits of every script weigh as 0-9, as in ICU
        return ((_PRIMARY[str(unicodedata.digit(ch))], _COMMON, (), _T_BASE),)
    if 0x363 <= ord(ch) <= 0x36F:  # COMBINING LATIN SMALL LETTER X weighs as the letter, in ICU
        return ((_PRIMARY[unicodedata.name(ch)[-1].lower()], _COMMON, (), _T_VARIANT),)
    if category[0] == "M":
        return ((b"", _LEADING, (_UNKNOWN_MARK,), b""),)
    lead = _SYMBOL_LEAD if category[0] in "PSZ" else _LETTER_LEAD
    return ((lead + ord(ch).to_bytes(3, "big"), _COMMON, (), _T_BASE),)


def _slow_key(text: str, strength: int) -> bytes:
    ces = _weigh_sequence(unicodedata.normalize("NFD", text))
    key = b"".join(ce[0] for ce in ces)
    if strength >= SECONDARY:
        key += _SEP + b"".join(map(_secondary, ces))
        if strength >= TERTIARY:
            key += _SEP + b"".join(ce[3] for ce in ces)
    return key


# ---------------------------------------------------------------------------- the fast path
def _fast_tables() -> tuple[str, bytes, bytes, bytes]:
    """Every character of ordinary Vietnamese text (NFC) gets a byte (a charmap decoding table); three 256-byte
    tables turn those bytes into the character's primary, secondary and tertiary weights, one byte each and the
    same as the slow path's."""
    letters = {unicodedata.normalize("NFC", v + tone) for v in "aăâeêioôơuưy" for tone in _MARKS[3:8]}
    repertoire = sorted(set(_FAST_SIGNS + _DIGITS + ALPHABET) | letters | {c.upper() for c in letters | {*ALPHABET}})
    assert len(repertoire) < 256 and all(len(c) == 1 for c in repertoire)
    decoding = ["\x00"] + ["\ufffe"] * 255
    tables = [bytearray(256), bytearray(256), bytearray(256)]
    for index, ch in enumerate(repertoire, start=1):
        decoding[index] = ch
        ((p, kind, marks, t),) = _weigh(ch)
        s = _secondary((p, kind, marks, t))
        assert len(p) == len(s) == len(t) == 1, ch
        tables[0][index], tables[1][index], tables[2][index] = p[0], s[0], t[0]
    return "".join(decoding), bytes(tables[0]), bytes(tables[1]), bytes(tables[2])


_DECODING, _P_TABLE, _S_TABLE, _T_TABLE = _fast_tables()
_ENCODING = codecs.charmap_build(_DECODING)
_normalize = unicodedata.normalize
_encode = codecs.charmap_encode


def sort_key(text: str, strength: int = TERTIARY) -> bytes:
    """Sort key for Vietnamese text: ``sorted(names, key=sort_key)``.

    ``strength`` TERTIARY (the default) tells case apart as a last resort; SECONDARY ignores case
    (``sort_key("Hà Nội", SECONDARY) == sort_key("HÀ NỘI", SECONDARY)``); PRIMARY also ignores tones and
    accents (``"ma"``, ``"má"`` and ``"MẠ"`` share one key). Keys of different strengths must not be compared.
    """
    text = _normalize("NFC", text)
    try:
        index = _encode(text, "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return _slow_key(text, strength)
    if b"\x00" in index:  # U+0000 is ignorable
        index = index.replace(b"\x00", b"")
    if strength >= TERTIARY:
        return index.translate(_P_TABLE) + _SEP + index.translate(_S_TABLE) + _SEP + index.translate(_T_TABLE)
    if strength == SECONDARY:
        return index.translate(_P_TABLE) + _SEP + index.translate(_S_TABLE)
    return index.translate(_P_TABLE)


def title_key(title: str) -> bytes:
    """The stored sort key of an item's title (``item.title_key``): :func:`sort_key`, cut to the column's length
    (``models.content.TITLE_KEY_BYTES``, which holds the whole key of any ordinary title). Cutting keeps the
    order: of two keys, the cut of the smaller never sorts after the cut of the larger; titles whose keys agree
    up to the cut tie, and the queue breaks the tie by id."""
    from models.content import TITLE_KEY_BYTES

    return sort_key(title)[:TITLE_KEY_BYTES]


def compare(a: str, b: str, strength: int = TERTIARY) -> int:
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b`` (like ICU's ``Collator.compare``)."""
    ka, kb = sort_key(a, strength), sort_key(b, strength)
    return (ka > kb) - (ka < kb)


T = TypeVar("T")


def sorted_vi(items: Iterable[T], key: Callable[[T], str] | None = None, reverse: bool = False) -> list[T]:
    """``sorted()`` in Vietnamese order; ``key`` picks the text to sort by (default: the item itself)."""
    pick: Callable[[T], str] = key if key is not None else str
    return sorted(items, key=lambda item: sort_key(pick(item)), reverse=reverse)
