"""Document numbers and symbols (NĐ 30/2020/NĐ-CP, legal documents, Party documents): parse, refuse, format."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.docnumber import (
    ADMINISTRATIVE_TYPES,
    LEGAL_TYPES,
    PARTY_TYPES,
    DocNumber,
    DocNumberError,
    format,
    parse,
)

VALID = [
    # legal documents: number/year/TYPE-ISSUER, or number/year/QHxx for laws and resolutions of the Assembly
    ("43/2011/NĐ-CP", DocNumber("43", 2011, "NĐ", "CP", None, "legal")),
    ("30/2020/NĐ-CP", DocNumber("30", 2020, "NĐ", "CP", None, "legal")),
    ("58/2024/QH15", DocNumber("58", 2024, None, "QH15", None, "legal")),
    ("41/2024/QH15", DocNumber("41", 2024, None, "QH15", None, "legal")),
    ("30/2023/UBTVQH15", DocNumber("30", 2023, None, "UBTVQH15", None, "legal")),
    ("13/2023/TT-BTC", DocNumber("13", 2023, "TT", "BTC", None, "legal")),
    ("02/2024/TT-BLĐTBXH", DocNumber("02", 2024, "TT", "BLĐTBXH", None, "legal")),
    ("05/2019/NQ-HĐND", DocNumber("05", 2019, "NQ", "HĐND", None, "legal")),
    ("36/2006/CT-TTg", DocNumber("36", 2006, "CT", "TTg", None, "legal")),
    ("20/2016/TTLT-BTC-BLĐTBXH", DocNumber("20", 2016, "TTLT", "BTC-BLĐTBXH", None, "legal")),
    ("1246/1999/QĐ-BGTVT", DocNumber("1246", 1999, "QĐ", "BGTVT", None, "legal")),
    # administrative documents: number/TYPE-ISSUER[-UNIT], no year
    ("471/QĐ-BHXH", DocNumber("471", None, "QĐ", "BHXH", None, "administrative")),
    ("1455/QĐ-BHXH", DocNumber("1455", None, "QĐ", "BHXH", None, "administrative")),
    ("6905/TB-KBNN", DocNumber("6905", None, "TB", "KBNN", None, "administrative")),
    ("689/QĐ-UBND", DocNumber("689", None, "QĐ", "UBND", None, "administrative")),
    ("15/KH-BHXH", DocNumber("15", None, "KH", "BHXH", None, "administrative")),
    ("03/VBHN-VPQH", DocNumber("03", None, "VBHN", "VPQH", None, "administrative")),
    ("12/QyĐ-BHXH", DocNumber("12", None, "QyĐ", "BHXH", None, "administrative")),
    ("7/CTr-UBND", DocNumber("7", None, "CTr", "UBND", None, "administrative")),
    ("88/TTr-BHXH-TCCB", DocNumber("88", None, "TTr", "BHXH", "TCCB", "administrative")),
    # official letters (công văn): number/ISSUER-UNIT
    ("12729/VPCP-KGVX", DocNumber("12729", None, None, "VPCP", "KGVX", "official_letter")),
    ("1234/BHXH-TST", DocNumber("1234", None, None, "BHXH", "TST", "official_letter")),
    ("3165/BHXH-CSYT", DocNumber("3165", None, None, "BHXH", "CSYT", "official_letter")),
    # Party documents: number-TYPE/ISSUER
    ("80-NQ/TW", DocNumber("80", None, "NQ", "TW", None, "party")),
    ("01-CT/TW", DocNumber("01", None, "CT", "TW", None, "party")),
    ("66-QĐ/TW", DocNumber("66", None, "QĐ", "TW", None, "party")),
    ("08-QĐi/TW", DocNumber("08", None, "QĐi", "TW", None, "party")),
    ("36-HD/VPTW", DocNumber("36", None, "HD", "VPTW", None, "party")),
    ("5053-CV/VPTW/nb", DocNumber("5053", None, "CV", "VPTW", "nb", "party")),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_real_numbers_parse_and_round_trip(text, expected):
    doc = parse(text)
    assert doc == expected
    assert format(doc) == str(doc) == text
    assert parse(format(doc)) == doc


def test_common_variants_are_normalised():
    assert format(parse("  Số: 471 / QĐ – BHXH ")) == "471/QĐ-BHXH"
    assert format(parse("số 43/2011/NĐ‑CP")) == "43/2011/NĐ-CP"  # non-breaking hyphen
    assert format(parse(unicodedata.normalize("NFD", "02/2024/TT-BLĐTBXH"))) == "02/2024/TT-BLĐTBXH"
    assert format(parse("43/2011/N\u00d0-CP")) == "43/2011/NĐ-CP"  # the look-alike Ð (eth) of some fonts
    assert format(parse("80 - NQ / TW")) == "80-NQ/TW"


def test_parsed_fields():
    doc = parse("02/2024/TT-BLĐTBXH")
    assert (doc.value, doc.year, doc.doc_type, doc.type_name) == (2, 2024, "TT", "Thông tư")
    assert parse("471/QĐ-BHXH").type_name == "Quyết định (cá biệt)"
    assert parse("08-QĐi/TW").type_name == "Quy định"
    assert parse("12729/VPCP-KGVX").type_name == "Công văn"


INVALID = [
    ("", "empty", "chưa nhập số ký hiệu"),
    ("   ", "empty", "the document number is empty"),
    ("/QĐ-BHXH", "missing_number", "thiếu số thứ tự"),
    ("QĐ-BHXH", "missing_number", "the number is missing"),
    ("12a/QĐ-BHXH", "bad_number", "«12a» chỉ được gồm chữ số"),
    ("0/QĐ-BHXH", "bad_number", "bắt đầu từ 1"),
    ("471", "missing_symbol", "thiếu ký hiệu"),
    ("471/", "missing_symbol", "thiếu ký hiệu"),
    ("43/1800/NĐ-CP", "bad_year", "năm «1800» phải từ 1945"),
    ("43/3000/NĐ-CP", "bad_year", "«3000» must be between 1945"),
    ("43/11/NĐ-CP", "bad_year", "năm «11»"),
    ("43/2011/", "missing_symbol", "sau năm"),
    ("471/qđ-BHXH", "type_case", "viết «QĐ» (đúng chữ hoa), ví dụ 471/QĐ-BHXH"),
    ("43/2011/nđ-cp", "type_case", "viết «NĐ»"),
    ("80-nq/TW", "type_case", "viết «NQ»"),
    ("43/2011/ND-CP", "d_for_dd", "viết «NĐ» (có dấu), ví dụ 43/2011/NĐ-CP"),
    ("471/QD-BHXH", "d_for_dd", "write «QĐ» with the letter Đ, e.g. 471/QĐ-BHXH"),
    ("05/2019/NQ-HDND", "d_for_dd", "ví dụ 05/2019/NQ-HĐND"),
    ("43/2011/XYZ-CP", "unknown_type", "«XYZ» không phải tên loại văn bản quy phạm pháp luật"),
    ("80-XX/TW", "unknown_type", "is not a Party document type"),
    ("43/2011/NĐ", "missing_issuer", "thiếu cơ quan ban hành"),
    ("471/QĐ", "missing_issuer", "the issuer is missing"),
    ("80-NQ", "missing_issuer", "thiếu cơ quan ban hành"),
    ("1234/BHXH", "missing_unit", "đơn vị soạn thảo"),
    ("471/QĐ-bhxh", "issuer_case", "viết hoa, ví dụ 471/QĐ-BHXH"),
    ("471/QĐ-BHXH abc", "trailing", "thừa «abc»"),
    ("471/QĐ-BHXH.", "bad_symbol", "chữ cái không dấu"),
    ("471/QĐ-BẢO", "bad_symbol", "chữ cái không dấu"),
    ("471/QĐ-BHXH/", "malformed", "ký hiệu có dạng"),
    ("1/2/3/4", "malformed", "a symbol reads"),
]


@pytest.mark.parametrize(("text", "code", "fragment"), INVALID, ids=[f"{c}:{t!r}" for t, c, _ in INVALID])
def test_malformed_numbers_are_refused_with_a_clear_message(text, code, fragment):
    with pytest.raises(DocNumberError) as caught:
        parse(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.code == code
    assert fragment in str(error)
    # Both languages, the input as given, and an example of the right form.
    assert str(error).startswith(f"Số ký hiệu «{text.strip()}» không hợp lệ: ")
    assert f" / invalid document number «{text.strip()}»: " in str(error)
    assert "ví dụ " in error.message_vi and "e.g. " in error.message_en


def test_the_message_of_the_issue():
    with pytest.raises(DocNumberError) as caught:
        parse("43/2011/ND-CP")
    assert caught.value.message_vi == "Số ký hiệu «43/2011/ND-CP» không hợp lệ: viết «NĐ» (có dấu), ví dụ 43/2011/NĐ-CP"
    assert caught.value.example == "43/2011/NĐ-CP"


def test_next_year_is_accepted_and_the_year_after_is_not():
    parse(f"1/{date.today().year + 1}/NĐ-CP")
    with pytest.raises(DocNumberError, match="năm"):
        parse(f"1/{date.today().year + 2}/NĐ-CP")


def test_type_tables():
    assert {"QĐ", "NQ", "CT", "QC", "QyĐ", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ",
            "TC", "GUQ", "GM", "GGT", "PC", "GNP"} <= set(ADMINISTRATIVE_TYPES)  # fmt: skip
    assert {"L", "NĐ", "TT", "TTLT", "NQ", "QĐ"} <= set(LEGAL_TYPES)
    assert {"NQ", "CT", "QĐ", "QĐi", "KL", "CV", "HD", "TB"} <= set(PARTY_TYPES)


# ---------------------------------------------------------------------------- round trip, generated
UPPER = "ABCDEGHIKLMNOPQRSTUVXYĐ"
token = st.builds(
    lambda first, rest, digits: first + rest + digits,
    st.sampled_from(UPPER),
    st.text(alphabet=UPPER, max_size=6),
    st.sampled_from(["", "", "", "15", "2"]),
)
number = st.builds(lambda n, zero: ("0" if zero and n < 10 else "") + str(n), st.integers(1, 99999), st.booleans())
year = st.integers(1945, date.today().year + 1)


def _is_type(tok: str) -> bool:
    return any(tok.casefold() == t.casefold() or tok == t.replace("Đ", "D") for t in ADMINISTRATIVE_TYPES)


legal = st.builds(
    lambda n, y, t, issuers: DocNumber(n, y, t, "-".join(issuers), None, "legal"),
    number,
    year,
    st.sampled_from(sorted(LEGAL_TYPES)),
    st.lists(token, min_size=1, max_size=3),
)
assembly = st.builds(lambda n, y, k: DocNumber(n, y, None, f"QH{k}", None, "legal"), number, year, st.integers(1, 20))
administrative = st.builds(
    lambda n, t, issuer, unit: DocNumber(n, None, t, issuer, unit, "administrative"),
    number,
    st.sampled_from(sorted(ADMINISTRATIVE_TYPES)),
    token,
    st.none() | token,
)
letter = st.builds(
    lambda n, issuer, unit: DocNumber(n, None, None, issuer, unit, "official_letter"),
    number,
    token.filter(lambda t: not _is_type(t)),
    token,
)
party = st.builds(
    lambda n, t, issuer, unit: DocNumber(n, None, t, issuer, unit, "party"),
    number,
    st.sampled_from(sorted(PARTY_TYPES)),
    token,
    st.none() | st.sampled_from(["nb", "VP"]),
)
_WITH_DD = ("HĐND", "BLĐTBXH", "BGDĐT", "HĐTP", "ĐU", "TLĐ", "ĐĐBQH", "HĐQT")


def _plausible(doc: DocNumber) -> bool:
    """Generated tokens that spell a known Đ-abbreviation with D are refused on purpose (e.g. "HDND")."""
    tokens = [*doc.issuer.split("-"), *(doc.drafting_unit or "").split("-")]
    return not any(tok == known.replace("Đ", "D") for tok in tokens for known in _WITH_DD)


@given(st.one_of(legal, assembly, administrative, letter, party).filter(_plausible))
def test_format_then_parse_round_trips(doc):
    assert parse(format(doc)) == doc
    assert format(parse(format(doc))) == format(doc)


@given(st.text(max_size=30))
def test_anything_either_parses_or_raises_a_doc_number_error(text):
    try:
        doc = parse(text)
    except DocNumberError as error:
        assert error.code and error.message_vi and error.message_en
    else:
        assert parse(format(doc)) == doc


def test_administrative_builds_a_number_the_parser_reads():
    from console.docnumber import administrative

    assert administrative(15, "BB-BBT") == DocNumber("15", None, "BB", "BBT", None, "administrative")
    assert format(administrative(88, "TTr-BHXH-TCCB")) == "88/TTr-BHXH-TCCB"
    for number, symbol in ((0, "BB-BBT"), (True, "BB-BBT"), (15, "BHXH-TST"), (15, "bb-BBT"), (15, "2026/NĐ-CP")):
        with pytest.raises(DocNumberError):
            administrative(number, symbol)  # type: ignore[arg-type]
