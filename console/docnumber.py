"""Document numbers and symbols (số, ký hiệu văn bản) as Vietnamese documents write them.

Four forms, after Nghị định 30/2020/NĐ-CP (administrative documents, Phụ lục I and the abbreviations of
Phụ lục III), the law on legal documents and its decrees (legal documents, with a year), and the Party's rules
(Quy định 66-QĐ/TW, now 399-QĐ/TW, and Hướng dẫn 36-HD/VPTW):

=================  ==========================================  =====================================
kind               form                                        examples
=================  ==========================================  =====================================
legal              number/year/TYPE-ISSUER[-ISSUER...]         43/2011/NĐ-CP, 13/2023/TT-BTC
                   number/year/ISSUER (laws and resolutions     58/2024/QH15, 41/2024/QH15,
                   of the National Assembly, its Standing       30/2023/UBTVQH15
                   Committee's ordinances and resolutions)
administrative     number/TYPE-ISSUER[-UNIT]                   471/QĐ-BHXH, 1455/QĐ-BHXH
official_letter    number/ISSUER-UNIT (công văn: the issuer    12729/VPCP-KGVX, 1234/BHXH-TST
                   and the drafting unit or field)
party              number-TYPE/ISSUER[/UNIT]                   80-NQ/TW, 01-CT/TW, 5053-CV/VPTW/nb
=================  ==========================================  =====================================

``parse`` normalises to NFC, drops a leading "Số:", spaces around the separators, and takes any dash for a
hyphen and the look-alike Ð (U+00D0) for Đ. It refuses what does not follow the rules with a
``DocNumberError`` that says, in Vietnamese and English, what is wrong and what the number should look like
— for instance a D written for Đ (``43/2011/ND-CP``), a lower-case type (``471/qđ-BHXH``), a year out of range.
``format`` writes a ``DocNumber`` back; ``parse(format(d)) == d``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "ADMINISTRATIVE_TYPES",
    "LEGAL_TYPES",
    "PARTY_TYPES",
    "DocNumber",
    "DocNumberError",
    "Kind",
    "administrative",
    "format",
    "parse",
]

Kind = Literal["legal", "administrative", "official_letter", "party"]

# Abbreviations of the types of legal documents (văn bản quy phạm pháp luật). Laws, resolutions of the National
# Assembly and ordinances carry no type: "58/2024/QH15". CT: directives carried a year until 2016.
LEGAL_TYPES: dict[str, str] = {
    "L": "Lệnh",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
}
# Administrative documents and copies: Phụ lục III of Nghị định 30/2020/NĐ-CP, plus the consolidated texts
# (VBHN, văn bản hợp nhất) that the legal-document metadata also records.
ADMINISTRATIVE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết (cá biệt)",
    "QĐ": "Quyết định (cá biệt)",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Bản sao y",
    "TrS": "Bản trích sao",
    "SL": "Bản sao lục",
    "VBHN": "Văn bản hợp nhất",
}
# Party documents (Quy định 399-QĐ/TW of 2026, which replaced 66-QĐ/TW; abbreviations of Hướng dẫn 36-HD/VPTW).
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "QĐi": "Quy định",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "TC": "Thông cáo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "DA": "Dự án",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "BB": "Biên bản",
}
_ALL_TYPES = {**LEGAL_TYPES, **ADMINISTRATIVE_TYPES, **PARTY_TYPES}
# Issuers whose abbreviation has a Đ, to catch the same written with a D.
_ISSUERS_WITH_DD = ("HĐND", "BLĐTBXH", "BGDĐT", "HĐTP", "ĐU", "TLĐ", "ĐĐBQH", "HĐQT")
_FIRST_YEAR = 1945  # the Democratic Republic's first documents

_TOKEN = re.compile(r"[A-Za-zĐđ][A-Za-zĐđ0-9]*\Z")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-") | {"\u00d0": "Đ"})
_NUMBER_PREFIX = re.compile(r"(?i:số)\s*[:.]?\s*")


@dataclass(frozen=True)
class DocNumber:
    """A parsed number and symbol. ``number`` keeps its digits as written ("01"); see ``value``."""

    number: str
    year: int | None
    doc_type: str | None
    issuer: str
    drafting_unit: str | None
    kind: Kind

    @property
    def value(self) -> int:
        return int(self.number)

    @property
    def type_name(self) -> str | None:
        """The type written out in Vietnamese ("Nghị định"), or None."""
        if self.doc_type is None:
            return "Luật / Nghị quyết / Pháp lệnh" if self.kind == "legal" else "Công văn"
        table = {"legal": LEGAL_TYPES, "party": PARTY_TYPES}.get(self.kind, ADMINISTRATIVE_TYPES)
        return table.get(self.doc_type)

    def __str__(self) -> str:
        return format(self)


class DocNumberError(ValueError):
    """A malformed document number; the message is in Vietnamese, then English, with the expected form."""

    def __init__(self, text: str, code: str, vi: str, en: str, example: str) -> None:
        self.text, self.code, self.vi, self.en, self.example = text, code, vi, en, example
        super().__init__(f"{self.message_vi} / {self.message_en}")

    @property
    def message_vi(self) -> str:
        return f"Số ký hiệu «{self.text}» không hợp lệ: {self.vi}, ví dụ {self.example}"

    @property
    def message_en(self) -> str:
        return f"invalid document number «{self.text}»: {self.en}, e.g. {self.example}"


def format(doc: DocNumber) -> str:
    """The number as written: "43/2011/NĐ-CP", "471/QĐ-BHXH", "12729/VPCP-KGVX", "80-NQ/TW"."""
    if doc.kind == "party":
        return f"{doc.number}-{doc.doc_type}/{doc.issuer}" + (f"/{doc.drafting_unit}" if doc.drafting_unit else "")
    if doc.kind == "legal":
        symbol = f"{doc.doc_type}-{doc.issuer}" if doc.doc_type else doc.issuer
        return f"{doc.number}/{doc.year}/{symbol}"
    if doc.kind == "administrative":
        return f"{doc.number}/{doc.doc_type}-{doc.issuer}" + (f"-{doc.drafting_unit}" if doc.drafting_unit else "")
    return f"{doc.number}/{doc.issuer}-{doc.drafting_unit}"


def administrative(number: int, symbol: str) -> DocNumber:
    """The administrative document number ``number`` with ``symbol`` (TYPE-ISSUER[-UNIT], e.g. "BB-BBT"),
    checked by ``parse`` exactly as a typed number is: ``administrative(15, "BB-BBT")`` is 15/BB-BBT.

    NĐ 30/2020 restarts the numbers every 1 January and writes no year in an administrative symbol.
    """
    text = f"{number}/{symbol}"
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise DocNumberError(text, "bad_number", "số thứ tự bắt đầu từ 1", "numbers start at 1", "15/BB-BBT")
    doc = parse(text)
    if doc.kind != "administrative":
        raise DocNumberError(
            text,
            "not_administrative",
            "ký hiệu văn bản hành chính có dạng LOẠI-CƠ QUAN",
            "an administrative symbol reads TYPE-ISSUER",
            "15/BB-BBT",
        )
    return doc


def parse(text: str) -> DocNumber:
    """Parse a number and symbol; raise ``DocNumberError`` (a ValueError) if it is malformed."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.original = text.strip()
        s = unicodedata.normalize("NFC", text).translate(_DASHES).strip()
        s = _NUMBER_PREFIX.sub("", s, count=1) if _NUMBER_PREFIX.match(s) else s
        self.s = re.sub(r"\s*([/-])\s*", r"\1", s)

    def fail(self, code: str, vi: str, en: str, example: str) -> DocNumberError:
        return DocNumberError(self.original, code, vi, en, example)

    def fixed(self, wrong: str, right: str) -> str:
        """The input with one token corrected, as the example of an error message."""
        return re.sub(rf"(?<![^/-]){re.escape(wrong)}(?![^/-])", right, self.s, count=1)

    def parse(self) -> DocNumber:
        s = self.s
        if not s:
            raise self.fail("empty", "chưa nhập số ký hiệu", "the document number is empty", "471/QĐ-BHXH")
        if re.search(r"\s", s):
            junk = s.split(None, 1)[1]
            raise self.fail(
                "trailing", f"thừa «{junk}» sau ký hiệu", f"unexpected «{junk}» after the symbol", s.split(None, 1)[0]
            )
        head = s.split("/", 1)[0].split("-", 1)[0]
        if not any(c.isdigit() for c in head):
            raise self.fail(
                "missing_number",
                "thiếu số thứ tự trước ký hiệu",
                "the number is missing before the symbol",
                "471/QĐ-BHXH",
            )
        if not (head.isascii() and head.isdigit()):
            raise self.fail(
                "bad_number",
                f"số «{head}» chỉ được gồm chữ số",
                f"the number «{head}» must be digits only",
                "471/QĐ-BHXH",
            )
        if int(head) == 0:
            raise self.fail("bad_number", "số thứ tự bắt đầu từ 1", "numbers start at 1", "471/QĐ-BHXH")
        rest = s[len(head) :]
        if rest[1:2] in ("", "/", "-"):
            raise self.fail(
                "missing_symbol", "thiếu ký hiệu sau số", "the symbol is missing after the number", "471/QĐ-BHXH"
            )
        if rest[0] == "-":
            return self.party(head, rest[1:])
        parts = rest[1:].split("/")
        if len(parts) == 1:
            return self.administrative(head, parts[0])
        if len(parts) == 2 and parts[0].isdigit():
            return self.legal(head, parts[0], parts[1])
        raise self.fail(
            "malformed",
            "ký hiệu có dạng số/năm/LOẠI-CƠ QUAN, số/LOẠI-CƠ QUAN, số/CƠ QUAN-ĐƠN VỊ"
            " hoặc số-LOẠI/CƠ QUAN (văn bản Đảng)",
            "a symbol reads number/year/TYPE-ISSUER, number/TYPE-ISSUER, number/ISSUER-UNIT"
            " or number-TYPE/ISSUER (Party)",
            "43/2011/NĐ-CP, 471/QĐ-BHXH, 12729/VPCP-KGVX, 80-NQ/TW",
        )

    def check_dd(self, token: str, known_symbols: Iterable[str]) -> None:
        """Refuse a symbol written with D where it has Đ (ND-CP for NĐ-CP), naming the right one."""
        for known in known_symbols:
            if token == known.replace("Đ", "D") and token != known:
                raise self.fail(
                    "d_for_dd",
                    f"viết «{known}» (có dấu)",
                    f"write «{known}» with the letter Đ",
                    self.fixed(token, known),
                )

    def check_type(self, token: str, types: dict[str, str], example: str, what_vi: str, what_en: str) -> str:
        if token in types:
            return token
        if not token:
            raise self.fail("missing_type", f"thiếu tên loại {what_vi}", f"the {what_en} type is missing", example)
        self.check_dd(token, types)
        for known in types:
            if token.casefold() == known.casefold():
                raise self.fail(
                    "type_case",
                    f"viết «{known}» (đúng chữ hoa)",
                    f"write «{known}» (capital letters)",
                    self.fixed(token, known),
                )
        names = ", ".join(types)
        raise self.fail(
            "unknown_type",
            f"«{token}» không phải tên loại {what_vi} (dùng: {names})",
            f"«{token}» is not a {what_en} type (use: {names})",
            example,
        )

    def check_token(self, token: str, unit: bool, example: str) -> str:
        role_vi, role_en = ("đơn vị soạn thảo", "drafting unit") if unit else ("cơ quan ban hành", "issuer")
        if not token:
            raise self.fail(
                "missing_unit" if unit else "missing_issuer", f"thiếu {role_vi}", f"the {role_en} is missing", example
            )
        if not _TOKEN.match(token):
            raise self.fail(
                "bad_symbol",
                f"{role_vi} «{token}» chỉ gồm chữ cái không dấu (trừ Đ) và chữ số",
                f"the {role_en} «{token}» takes unaccented letters (and Đ) and digits only",
                example,
            )
        self.check_dd(token, _ISSUERS_WITH_DD)
        if not (unit or token[0].isupper()):
            raise self.fail(
                "issuer_case",
                f"{role_vi} «{token}» viết hoa",
                f"the {role_en} «{token}» is written in capitals",
                self.fixed(token, token.upper()),
            )
        return token

    def legal(self, number: str, year_text: str, symbol: str) -> DocNumber:
        example = "43/2011/NĐ-CP"
        last = date.today().year + 1
        if len(year_text) != 4 or not _FIRST_YEAR <= int(year_text) <= last:
            raise self.fail(
                "bad_year",
                f"năm «{year_text}» phải từ {_FIRST_YEAR} đến {last}",
                f"the year «{year_text}» must be between {_FIRST_YEAR} and {last}",
                example,
            )
        if not symbol:
            raise self.fail(
                "missing_symbol",
                "thiếu ký hiệu (LOẠI-CƠ QUAN) sau năm",
                "the symbol is missing after the year",
                example,
            )
        tokens = symbol.split("-")
        if len(tokens) == 1:  # laws, resolutions and ordinances: 58/2024/QH15, 30/2023/UBTVQH15
            if tokens[0] in _ALL_TYPES or tokens[0].replace("D", "Đ") in _ALL_TYPES:
                self.check_type(tokens[0], LEGAL_TYPES, example, "văn bản", "document")
                raise self.fail(
                    "missing_issuer", "thiếu cơ quan ban hành sau tên loại", "the issuer is missing", example
                )
            issuer = self.check_token(tokens[0], False, "58/2024/QH15")
            return DocNumber(number, int(year_text), None, issuer, None, "legal")
        doc_type = self.check_type(tokens[0], LEGAL_TYPES, example, "văn bản quy phạm pháp luật", "legal document")
        issuers = [self.check_token(t, False, example) for t in tokens[1:]]
        return DocNumber(number, int(year_text), doc_type, "-".join(issuers), None, "legal")

    def administrative(self, number: str, symbol: str) -> DocNumber:
        tokens = symbol.split("-")
        first = tokens[0]
        if (
            first in ADMINISTRATIVE_TYPES
            or first.replace("D", "Đ") in ADMINISTRATIVE_TYPES
            or any(first.casefold() == t.casefold() for t in ADMINISTRATIVE_TYPES)
        ):
            example = "471/QĐ-BHXH"
            doc_type = self.check_type(first, ADMINISTRATIVE_TYPES, example, "văn bản hành chính", "document")
            if len(tokens) < 2:
                raise self.fail(
                    "missing_issuer", "thiếu cơ quan ban hành sau tên loại", "the issuer is missing", example
                )
            issuer = self.check_token(tokens[1], False, example)
            units = [self.check_token(t, True, example) for t in tokens[2:]]
            return DocNumber(number, None, doc_type, issuer, "-".join(units) or None, "administrative")
        example = "12729/VPCP-KGVX"
        issuer = self.check_token(first, False, example)
        if len(tokens) < 2:
            raise self.fail(
                "missing_unit",
                "công văn ghi cả đơn vị soạn thảo hoặc lĩnh vực sau cơ quan ban hành",
                "an official letter names the drafting unit or field after the issuer",
                example,
            )
        units = [self.check_token(t, True, example) for t in tokens[1:]]
        return DocNumber(number, None, None, issuer, "-".join(units), "official_letter")

    def party(self, number: str, symbol: str) -> DocNumber:
        example = "80-NQ/TW"
        parts = symbol.split("/")
        doc_type = self.check_type(parts[0], PARTY_TYPES, example, "văn bản của Đảng", "Party document")
        if len(parts) < 2:
            raise self.fail(
                "missing_issuer", "thiếu cơ quan ban hành sau dấu /", "the issuer is missing after the /", example
            )
        if len(parts) > 3:
            raise self.fail(
                "malformed",
                "văn bản của Đảng có dạng số-LOẠI/CƠ QUAN",
                "a Party symbol reads number-TYPE/ISSUER",
                example,
            )
        issuer = self.check_token(parts[1], False, example)
        unit = self.check_token(parts[2], True, example) if len(parts) == 3 else None
        return DocNumber(number, None, doc_type, issuer, unit, "party")
