"""Legacy encodings (issue 4): the corpus in tests/data/legacy, hand-checked strings, refusals, and
property tests of the tables (round trips, idempotence) on generated Vietnamese syllables."""

from __future__ import annotations

import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console import legacy, syllables
from console.legacy import LegacyTextError, decode_bytes, repair_text

DATA = Path(__file__).parent / "data" / "legacy"
EXPECTED = (DATA / "vss.expected.txt").read_text(encoding="utf-8")


def windows_1252(data: bytes) -> str:
    """Bytes as Windows shows them in code page 1252 (undefined bytes become C1 controls)."""
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in data)


# --------------------------------------------------------------------------------------------
# Syllables


def _words(text: str) -> list[str]:
    return text.split()


VALID = _words(
    "Việt Nam Quyết định Điều bảo hiểm xã hội tổng giám đốc hóa hoá khỏe khoẻ thúy thuý giường giếng "
    "gìn quốc khuya khuỷu ngoằn ngoèo xoong moóc người rượu chuyện tuyết huỳnh quỳnh khuếch uống ước "
    "yêu yếu ý ở ạ gì giữ giấy thuở oái oẳng của những được các Đắk Lắk ĐIỀU QUYẾT ĐỊNH NGHIÊNG Ủy"
)
INVALID = _words(
    "ViÖt Vieät Baûo Qu¶n x· hoäi thÕ saỏ đâủ chưả tôị viỆt cac bat Nestlé café Été hoõng xoõng "
    "bát̀ a̋ BHXH1 社会"
)


@pytest.mark.parametrize("word", VALID)
def test_real_syllables_are_accepted(word):
    assert syllables.is_syllable(word)
    assert syllables.is_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize("word", INVALID)
def test_mojibake_and_misplaced_tones_are_rejected(word):
    assert not syllables.is_syllable(word)


def test_stop_codas_take_only_sac_or_nang():
    assert syllables.is_syllable("cát") and syllables.is_syllable("cạt")
    for word in ("cat", "càt", "cảt", "cãt", "sạch", "sách"):
        assert syllables.is_syllable(word) == (word in ("sạch", "sách"))


def test_score_is_high_on_clean_text_and_low_on_mojibake():
    assert syllables.score(EXPECTED) == 1.0
    for name in ("vss.tcvn3-as-cp1252.txt", "vss.vni-as-cp1252.txt", "vss.utf-8-as-cp1252.txt"):
        assert syllables.score((DATA / name).read_text(encoding="utf-8")) < 0.3, name


def test_score_ignores_ascii_words_and_abbreviations():
    assert syllables.tally("BHXH VssID 2024 https://vss.gov.vn NĐ-CP QĐ-BHXH HĐND 50.000đ") == syllables.Tally(0, 0)
    assert syllables.score("Hello world") == 1.0
    assert syllables.tally("Cổng Thông tin điện tử, Nestlé") == syllables.Tally(4, 5)


# --------------------------------------------------------------------------------------------
# The corpus


CORPUS = [  # file, encoding, via (for the pasted-mojibake files)
    ("vss.expected.txt", "utf-8", None),
    ("vss.utf-8-bom.txt", "utf-8-bom", None),
    ("vss.utf-16.txt", "utf-16", None),
    ("vss.utf-16be-nobom.txt", "utf-16", None),
    ("vss.nfd.txt", "nfd", None),
    ("vss.composite.txt", "composite", None),
    ("vss.cp1258.txt", "cp1258", None),
    ("vss.tcvn3.txt", "tcvn3", None),
    ("vss.tcvn3-hfont.txt", "tcvn3", None),
    ("vss.vni.txt", "vni", None),
    ("vss.viqr.txt", "viqr", None),
    ("vss.tcvn3-as-cp1252.txt", "tcvn3", "latin-1"),  # VN1 capitals at 0x81/0x8D/... show as C1 controls
    ("vss.vni-as-cp1252.txt", "vni", "cp1252"),
    ("vss.utf-8-as-cp1252.txt", "utf-8", "latin-1"),
    ("vss.cp1258-as-cp1252.txt", "cp1258", "cp1252"),
]


def _expected_for(name: str) -> str:
    if name == "vss.tcvn3.txt":
        return EXPECTED.replace("\n", "\r\n")  # written with Windows line ends
    if name == "vss.tcvn3-hfont.txt":
        # the documented limit: a capital toned letter typed in the regular font cannot exist in
        # TCVN3, and in a mixed-case line nothing says "Ủy" was meant; all-caps lines come back
        return EXPECTED.replace("Ủy ban", "ủy ban")
    return EXPECTED


@pytest.mark.parametrize(("name", "encoding", "via"), CORPUS)
def test_each_sample_decodes_to_the_exact_text(name, encoding, via):
    result = decode_bytes((DATA / name).read_bytes())
    assert result.text == _expected_for(name)
    assert result.encoding == encoding
    assert result.via == via
    assert result.score == 1.0
    assert result.changed == (name != "vss.expected.txt")
    assert unicodedata.is_normalized("NFC", result.text)


@pytest.mark.parametrize("name", [row[0] for row in CORPUS if row[2]])
def test_pasted_mojibake_is_repaired(name):
    pasted = (DATA / name).read_text(encoding="utf-8")
    result = repair_text(pasted)
    assert result.text == EXPECTED
    assert result.changed


@pytest.mark.parametrize("name", [row[0] for row in CORPUS])
def test_uppercase_headings_survive(name):
    text = decode_bytes((DATA / name).read_bytes()).text
    for heading in ("QUYẾT ĐỊNH:", "ĐIỀU 1.", "BẢO HIỂM XÃ HỘI VIỆT NAM", "TỔNG GIÁM ĐỐC",
                    "Ý KIẾN CỦA NGƯỜI DÂN, ỨNG DỤNG VSSID", "PHỤ LỤC: ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
                    "HỌC KỲ, KỶ LUẬT, MỸ THUẬT, LỮ HÀNH, ĐỪNG CHẬM TRỄ, SỬA ĐỔI"):
        assert heading in text, (name, heading)


def test_clean_text_comes_back_unchanged():
    for text in (EXPECTED, "Hello world", "1.000.000", "", "Cộng hòa xã hội chủ nghĩa Việt Nam"):
        result = repair_text(text)
        assert result.text == text and not result.changed
    assert repair_text("Hello world").encoding == "ascii"
    assert decode_bytes(b"Hello world").encoding == "ascii"
    assert repair_text(repair_text(EXPECTED).text).text == EXPECTED


def _handchecked() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "handchecked.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            encoding, legacy_text, expected, _source = line.split("\t")
            rows.append((encoding, legacy_text, expected))
    return rows


@pytest.mark.parametrize(("encoding", "legacy_text", "expected"), _handchecked())
def test_hand_checked_strings(encoding, legacy_text, expected):
    result = repair_text(legacy_text)
    assert (result.text, result.encoding) == (expected, encoding)
    if encoding in ("tcvn3", "vni"):  # the same as bytes of a file, and the encoders agree
        assert decode_bytes(legacy_text.encode("cp1252")).text == expected
    if encoding == "vni":
        assert legacy.encode_vni(expected) == legacy_text.encode("cp1252")
    if encoding == "tcvn3":  # as typed for .VnTime/.VnTimeH (no VN1 capitals)
        assert legacy.encode_tcvn3(expected, vn1_uppercase=False) == legacy_text.encode("cp1252")
    if encoding == "viqr":
        assert legacy.decode_viqr(legacy_text) == expected


def test_cp1258_agrees_with_pythons_codec():
    data = legacy.encode_cp1258("Việt Nam, Điều 1, QUYẾT ĐỊNH")
    assert data == b"Vi\xea\xf2t Nam, \xd0i\xea\xccu 1, QUY\xca\xecT \xd0I\xf2NH"
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == "Việt Nam, Điều 1, QUYẾT ĐỊNH"


# --------------------------------------------------------------------------------------------
# Negatives and refusals


@pytest.mark.parametrize(
    ("name", "detected"),
    [
        ("negative.random.bin", "unknown"),
        ("negative.french-latin1.txt", "cp1252"),
        ("negative.chinese-gbk.txt", "gbk"),
        ("negative.damaged-utf8.txt", "damaged"),
        ("negative.tcvn3-mixed-vni.txt", ("tcvn3", "vni")),
    ],
)
def test_bad_files_are_refused_naming_what_was_detected(name, detected):
    with pytest.raises(LegacyTextError) as caught:
        decode_bytes((DATA / name).read_bytes())
    err = caught.value
    assert err.detected in (detected if isinstance(detected, tuple) else (detected,))
    assert isinstance(err, ValueError)
    assert err.key in legacy.MESSAGES and err.params == {"percent": int(err.score * 100)}
    assert err.message("vi") != err.message("en")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("negative.english.txt", "ascii"), ("negative.english-cp1252.txt", "cp1252"),
     ("negative.french-utf8.txt", "utf-8")],
)
def test_text_without_vietnamese_is_not_refused(name, encoding):
    data = (DATA / name).read_bytes()
    result = decode_bytes(data)
    assert result.encoding == encoding
    assert result.text == data.decode("utf-8" if encoding != "cp1252" else "cp1252")


def test_refusal_messages_are_in_both_languages_and_name_the_encoding():
    with pytest.raises(LegacyTextError) as caught:
        decode_bytes((DATA / "negative.tcvn3-mixed-vni.txt").read_bytes())
    err = caught.value
    label = legacy.ENCODING_LABELS[err.detected]
    vi, en = err.message("vi"), err.message("en")
    assert vi.startswith("Không nhận ra bảng mã: có vẻ là " + label) and "Unikey" in vi
    assert en.startswith("Unrecognised encoding: this looks like " + label) and "Unikey" in en
    assert f"{err.params['percent']}%" in vi and f"{err.params['percent']}%" in en
    assert str(err) == vi + "\n" + en
    assert err.hint


def test_pasted_text_that_is_provably_mis_decoded_is_refused():
    half = repair_text("ViÖt Nam").text  # sanity: whole words convert
    assert half == "Việt Nam"
    with pytest.raises(LegacyTextError) as caught:  # TCVN3 and VNI mixed: neither reading is good
        repair_text(windows_1252((DATA / "negative.tcvn3-mixed-vni.txt").read_bytes()))
    assert caught.value.detected in ("tcvn3", "vni")
    with pytest.raises(LegacyTextError) as caught:
        repair_text("Vi\ufffdt Nam")
    assert caught.value.detected == "damaged"


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, (vi, en) in legacy.MESSAGES.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (vi, en)]
        assert vi and en and fields[0] == fields[1], key
        assert fields[0] == ({"first", "second"} if key == "legacy.ambiguous" else {"percent"}), key
        assert unicodedata.is_normalized("NFC", vi)
    refused = {k.removeprefix("legacy.refused.") for k in legacy.MESSAGES if k.startswith("legacy.refused.")}
    assert set(legacy.ENCODING_LABELS) == refused


def test_a_text_too_short_to_tell_is_refused_as_ambiguous():
    with pytest.raises(LegacyTextError) as caught:  # Windows-1258 "thông", or TCVN3 "thụng"?
        decode_bytes(b"th\xf4ng tin:")
    err = caught.value
    assert err.key == "legacy.ambiguous" and {err.detected, err.rival} == {"tcvn3", "cp1258"}
    assert "Windows-1258" in str(err) and "TCVN3 (ABC)" in str(err)
    assert err.message("vi").startswith("Không xác định được bảng mã")
    assert err.message("en").startswith("Ambiguous encoding")


# --------------------------------------------------------------------------------------------
# Details of the tables


def test_tcvn3_quotes_and_dashes_stay_punctuation():
    data = legacy.encode_tcvn3("“Điều 1” – quy định")
    assert data == b"\x93\xa7i\xd2u 1\x94 \x96 quy \xae\xdenh"
    assert legacy.decode_tcvn3(data) == "“Điều 1” – quy định"
    assert legacy.decode_tcvn3(b"\xa7\x91NH") == "ĐỊNH"  # the same byte range as a VN1 capital


def test_tcvn3_unknown_bytes_are_refused_not_guessed():
    with pytest.raises(ValueError):
        legacy.decode_tcvn3(b"Vi\xd6t\x00 Nam")
    assert legacy.decode_tcvn3(b"Vi\xd6t\x00 Nam", strict=False) == "Việt\ufffd Nam"


def test_vni_stray_mark_is_refused():
    with pytest.raises(ValueError):
        legacy.decode_vni(b"Vi\xe4t Nam")  # a mark after a consonant


def test_tcvn3_lone_capital_sharing_a_byte_with_punctuation_is_read_as_punctuation():
    assert {legacy.encode_tcvn3(ch) for ch in TCVN3_LONE_CAPITALS} <= {bytes([b]) for b in legacy._AMBIGUOUS_C1}
    assert legacy.decode_tcvn3(legacy.encode_tcvn3("a Ộ b")) == "a — b"  # the documented limit
    assert legacy.decode_tcvn3(legacy.encode_tcvn3("ỘI Ở Ý")) == "ỘI Ở Ý"  # in a word, or another byte: fine


def test_hfont_recasing_and_its_limit():
    assert legacy.decode_tcvn3(legacy.encode_tcvn3("QUYẾT ĐỊNH số 1", vn1_uppercase=False)) == "QUYẾT ĐỊNH số 1"
    # a lone title-case word cannot be told from H-font capitals: left as the bytes say
    assert legacy.decode_tcvn3(legacy.encode_tcvn3("BỘ", vn1_uppercase=False)) == "Bộ"


@pytest.mark.parametrize(
    ("viqr", "text"),
    [
        ("Anh ddi dda^u?", "Anh đi đâu?"),
        ("Cha'u cha`o ba'c a..", "Cháu chào bác ạ."),
        ("nha`.", "nhà."),
        ("ba\\.", "ba."),
        ("43/2011/NDD-CP", "43/2011/NĐ-CP"),
        ("address ddos", "address ddos"),
        ("C:\\temp", "C:\\temp"),
    ],
)
def test_viqr_rules(viqr, text):
    assert legacy.decode_viqr(viqr) == text


@pytest.mark.parametrize("english", ["I'm ok. Go to.", "e.g. 9 a.m. U.S. policy", "Hello (world) + x^2?"])
def test_english_is_not_taken_for_viqr(english):
    result = repair_text(english)
    assert (result.text, result.encoding) == (english, "ascii")


# --------------------------------------------------------------------------------------------
# Properties on generated Vietnamese


ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
          "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")
RIMES = _words(
    "a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây e ec em en eng eo "
    "ep et ê êch êm ên ênh êp êt êu i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu o oa oac oach "
    "oai oan oang oanh oat oay oăc oăn oăng oăt oc oe oen oeo oet oi om on ong op ot ô ôc ôi ôm ôn ông ôp ôt "
    "ơ ơi ơm ơn ơp ơt u ua uân uâng uât uây uc uê uênh ui um un ung uôc uôi uôm uôn uông uôt up ut uy uya "
    "uych uyên uyêt uynh uyt uyu ư ưa ưc ưi ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu y yêm yên yêng yêt yêu"
)
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _generate_syllables() -> list[str]:
    out = set()
    for onset in ONSETS:
        for rime in RIMES:
            for tone in TONES:
                base = onset + rime
                spots = [i for i, ch in enumerate(base) if ch in "aăâeêioôơuưy"] if tone else [len(base) - 1]
                for i in spots:
                    word = unicodedata.normalize("NFC", base[: i + 1] + tone + base[i + 1 :])
                    if syllables.is_syllable(word):
                        out.add(word)
    return sorted(out)


SYLLABLES = _generate_syllables()


def test_the_generator_covers_the_language():
    assert len(SYLLABLES) > 8000
    for word in ("nghiêng", "người", "khuỷu", "quyết", "giường", "hoá", "hóa", "đặc"):
        assert word in SYLLABLES


def _cased(case: str, word: str) -> str:
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


# One-letter capitals whose TCVN3 (VN1) byte is also a Windows-1252 quote or dash: standing alone
# they are read as the punctuation, the documented limit (a lone "Ộ" is rare, a lone "–" is not).
TCVN3_LONE_CAPITALS = frozenset("ÃẠẶẸỊÒỎÕÓỌỘỚ")


def _not_lone_capital(word: str) -> bool:
    return word not in TCVN3_LONE_CAPITALS


def vietnamese(cases: tuple[str, ...] = ("lower", "title", "upper"), min_size: int = 1) -> st.SearchStrategy[str]:
    word = st.builds(_cased, st.sampled_from(cases), st.sampled_from(SYLLABLES)).filter(_not_lone_capital)
    sep = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " - ", "; "])
    return st.lists(st.tuples(word, sep), min_size=min_size, max_size=12).map(
        lambda parts: "".join(w + s for w, s in parts).rstrip()
    )


PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(vietnamese())
def test_repair_is_idempotent_on_nfc_vietnamese(text):
    result = repair_text(text)
    assert result.text == text and not result.changed
    assert decode_bytes(text.encode("utf-8")).text == text
    assert repair_text(result.text) == result


@PROPS
@given(vietnamese())
def test_nfd_comes_back_as_nfc(text):
    nfd = unicodedata.normalize("NFD", text)
    result = repair_text(nfd)
    assert result.text == text
    assert result.changed == (nfd != text)
    if nfd != text:
        assert result.encoding == "nfd"
    assert decode_bytes(nfd.encode("utf-8")).text == text


@PROPS
@given(vietnamese())
def test_tcvn3_round_trip(text):
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(text), recase=False) == text


@PROPS
@given(vietnamese(cases=("lower", "title")))
def test_tcvn3_round_trip_with_hfont_recasing_on(text):
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(text)) == text


@PROPS
@given(vietnamese())
def test_vni_round_trip(text):
    assert legacy.decode_vni(legacy.encode_vni(text)) == text


@PROPS
@given(vietnamese())
def test_viqr_round_trip(text):
    assert legacy.decode_viqr(legacy.encode_viqr(text)) == text


@PROPS
@given(vietnamese())
def test_cp1258_round_trip(text):
    assert legacy.decode_cp1258(legacy.encode_cp1258(text)) == text


@PROPS
@given(vietnamese(min_size=6), st.sampled_from(["tcvn3", "vni", "cp1258", "viqr"]))
def test_detection_never_returns_mangled_text(text, encoding):
    """Whatever the encoding, a decode is either exactly right or refused."""
    data = {
        "tcvn3": legacy.encode_tcvn3,
        "vni": legacy.encode_vni,
        "cp1258": legacy.encode_cp1258,
        "viqr": lambda t: legacy.encode_viqr(t).encode("ascii"),
    }[encoding](text)
    try:
        result = decode_bytes(data)
        if not (encoding == "viqr" and result.encoding == "ascii"):  # VIQR with no telling marks stays ASCII
            assert result.text == text
    except LegacyTextError:
        pass
    if encoding == "viqr":
        return
    # The same bytes pasted after Windows showed them as code page 1252. Pasted text that already
    # reads as Vietnamese throughout is kept as given ("chái" is a word, and also TCVN3 "chỏi"):
    # the one way a short mojibake can pass, documented in console.legacy.
    try:
        result = repair_text(windows_1252(data))
    except LegacyTextError:
        return
    assert result.text == text or (not result.changed and syllables.score(result.text) == 1.0)


def test_import_is_light():
    code = "import sys, console.legacy; print(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "('sqlalchemy', 'textual', 'hypothesis', 'console.db')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
