"""The minutes (biên bản) of a Board session: Markdown, ODT and DOCX, read back with their own libraries."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import UTC, datetime, timedelta

import docx
import markdown
import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odf import teletype
from odf.opendocument import load
from odf.table import Table
from odf.text import P

from console import docnumber
from console.minutes import Minutes, MinutesEntry, minutes_number, to_docx, to_markdown, to_odt

T0 = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội
HEAD = "Trần Thị Bình"
DEPUTY = "Nguyễn Văn An"
TITLES = [
    "Thông báo lịch nghỉ Tết Nguyên đán Bính Ngọ",
    "Hướng dẫn thủ tục hưởng chế độ ốm đau",
    "BHXH Việt Nam tổ chức hội nghị tổng kết năm",
    "Số liệu người tham gia BHYT quý III",
    "Kế hoạch truyền thông chính sách BHXH tự nguyện",
    "Giải đáp: đóng BHXH bắt buộc cho lao động nữ",
    "Quyết định khen thưởng tập thể xuất sắc",
    "Đề tài khoa học cấp ngành về quỹ hưu trí",
    "Dự thảo Thông tư hướng dẫn Luật BHXH 2024",
    "Tin hoạt động BHXH tỉnh Điện Biên",
    "Tuyển dụng viên chức năm 2026",
    "Chiến lược phát triển ngành đến năm 2030",
    "Tiểu sử Phó Tổng Giám đốc",
    "Dự án đầu tư hệ thống công nghệ thông tin",
    "Thông tin liên hệ Văn phòng",
    "Đổi tên chuyên mục «Hỏi - đáp»",
    "Văn bản chỉ đạo về chi trả lương hưu qua ATM",
    "Bảo hiểm thất nghiệp: điều kiện hưởng",
    "Hướng dẫn cài đặt ứng dụng VssID",
    "Tin ảnh: ngày hội tư vấn chính sách",
]
DECISIONS = {
    3: ("Trả lại", "Thiếu nguồn số liệu chính thức (Đ8.3)"),
    7: ("Từ chối", "Trùng nội dung đã đăng ngày 12/11"),
    9: ("Hoãn sang phiên sau", "Chờ Vụ Pháp chế góp ý"),
    12: ("Trả lại", "Cần ý kiến Lãnh đạo trước khi đăng (Đ11.1d)"),
    16: ("Hoãn sang phiên sau", "Chờ đối chiếu cây chuyên mục"),
}


def entry(i: int, title: str) -> MinutesEntry:
    decision, reason = DECISIONS.get(i, ("Duyệt", ""))
    return MinutesEntry(
        position=i,
        item_id=1000 + i,
        title=title,
        kind="Đề xuất thay đổi chuyên mục" if i == 16 else "Tin tức - sự kiện",
        unit="Trung tâm Truyền thông" if i % 2 else "Văn phòng",
        decision=decision,
        reason=reason,
        note="Biên tập lại sa-pô" if i == 5 else "",
        decided_by=DEPUTY if i == 11 else HEAD,
        on_behalf_of=HEAD if i == 11 else None,
        decided_at=T0 + timedelta(minutes=5 * i),
    )


def make(language: str = "vi", **changes) -> Minutes:
    entries = [entry(i, title) for i, title in enumerate(TITLES, start=1)]
    fields = dict(
        number=minutes_number(15, 2026),
        title="Phiên duyệt nội dung tuần 48 năm 2026",
        place="Hà Nội",
        opened_at=T0,
        closed_at=T0 + timedelta(hours=2, minutes=45),
        chair=HEAD,
        secretary="Lê Văn Cường",
        attendees=[HEAD, DEPUTY, "Lê Văn Cường", "Đỗ Thị Hồng Nhung"],
        absentees=[("Phạm Minh Đức", "đi công tác tại Đà Nẵng")],
        quorum="Có mặt 4/5 thành viên Ban Biên tập, đủ điều kiện tiến hành phiên duyệt.",
        entries=entries,
        deferred=[e for e in entries if e.decision.startswith("Hoãn")],
        notes="Đề nghị các đơn vị gửi bài trước thứ Tư.\n\nPhiên sau dự kiến ngày 03/12/2026.",
        language=language,
        generated_at=T0 + timedelta(hours=3),
    )
    fields.update(changes)
    return Minutes(**fields)  # type: ignore[arg-type]


def odt_text(data: bytes) -> tuple[str, list[list[str]]]:
    """All paragraphs' text, and the agenda table's rows of cell text."""
    doc = load(io.BytesIO(data))
    text = "\n".join(teletype.extractText(p) for p in doc.getElementsByType(P))
    tables = {t.getAttribute("name"): t for t in doc.getElementsByType(Table)}
    rows = []
    for row in tables["Minutes_Agenda"].childNodes:
        for r in [row] if row.qname[1] == "table-row" else row.childNodes:  # header rows are wrapped
            if r.qname[1] == "table-row":
                rows.append(["\n".join(teletype.extractText(p) for p in c.getElementsByType(P)) for c in r.childNodes])
    return text, rows


def docx_text(data: bytes) -> tuple[str, list[list[str]]]:
    doc = docx.Document(io.BytesIO(data))
    paras = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paras += [p.text for p in cell.paragraphs]
    agenda = next(t for t in doc.tables if len(t.columns) == 7)
    rows = [[c.text for c in row.cells] for row in agenda.rows]
    return "\n".join(paras), rows


# ---- the number ---------------------------------------------------------------------------------------------


def test_the_number_is_an_administrative_number_the_parser_reads():
    assert minutes_number(15) == "15/BB-BBT"
    assert minutes_number(3, 2027, "BB-BHXH-TTTT") == "3/BB-BHXH-TTTT"
    parsed = docnumber.parse(minutes_number(15))
    assert (parsed.kind, parsed.doc_type, parsed.issuer, parsed.value) == ("administrative", "BB", "BBT", 15)
    assert parsed.type_name == "Biên bản"


@pytest.mark.parametrize(("seq", "symbol"), [(0, "BB-BBT"), (-1, "BB-BBT"), (15, "QĐ-BBT"), (15, "bb-BBT"),
                                             (15, "BB"), (15, "2026/BB-BBT")])
def test_a_number_the_parser_refuses_is_refused(seq, symbol):
    with pytest.raises(docnumber.DocNumberError):
        minutes_number(seq, symbol=symbol)


def test_the_minutes_refuse_a_malformed_number_or_correction():
    with pytest.raises(docnumber.DocNumberError):
        make(number="15-BB-BBT")
    with pytest.raises(docnumber.DocNumberError):
        make(correction_of="14/bb-BBT")
    assert make(number="Số: 15/BB–BBT").number == "15/BB-BBT"  # written back the parser's way


# ---- the contents, read back --------------------------------------------------------------------------------


def _check_contents(text: str, rows: list[list[str]], lang: str = "vi") -> None:
    m = make(lang)
    assert "15/BB-BBT" in text
    assert ("Số: 15/BB-BBT" if lang == "vi" else "No.: 15/BB-BBT") in text
    for a in m.attendees:
        assert a in text
    assert "Phạm Minh Đức" in text and "đi công tác tại Đà Nẵng" in text
    assert m.quorum in text
    assert len(rows) == 21  # the header and 20 entries
    for e, row in zip(m.entries, rows[1:], strict=True):
        assert row[0] == str(e.position)
        assert row[1] == f"#{e.item_id}"
        assert row[2].startswith(e.title)
        assert row[3] == e.unit
        assert row[4] == e.decision
        assert e.reason in row[5]
        assert e.decided_by in row[6]
    on_behalf = "thay mặt" if lang == "vi" else "on behalf of"
    assert f"{on_behalf} {HEAD}" in rows[11][6]
    assert sum(on_behalf in r[6] for r in rows) == 1
    assert ("Ghi chú" if lang == "vi" else "Note") + ": Biên tập lại sa-pô" in rows[5][5]
    deferred = text.split("HOÃN SANG PHIÊN SAU" if lang == "vi" else "DEFERRED TO A LATER SESSION")[1]
    deferred = deferred.split("IV.")[0]
    assert "#1009 Dự thảo Thông tư hướng dẫn Luật BHXH 2024" in deferred and "Chờ Vụ Pháp chế góp ý" in deferred
    assert "#1016 Đổi tên chuyên mục «Hỏi - đáp»" in deferred
    assert "#1003" not in deferred
    assert "Phiên sau dự kiến ngày 03/12/2026." in text
    assert unicodedata.is_normalized("NFC", text)


def test_the_odt_read_back_with_odfpy_holds_every_entry():
    text, rows = odt_text(to_odt(make()))
    _check_contents(text, rows)
    assert "BẢO HIỂM XÃ HỘI VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Hà Nội, ngày 26 tháng 11 năm 2026" in text
    assert "Bắt đầu: 08 giờ 30 phút, ngày 26/11/2026" in text and "Kết thúc: 11 giờ 15 phút" in text
    assert rows[0] == ["STT", "Mã", "Tên nội dung", "Đơn vị", "Quyết định", "Lý do, ghi chú", "Người quyết định"]


def test_the_docx_read_back_with_python_docx_holds_every_entry():
    data = to_docx(make())
    text, rows = docx_text(data)
    _check_contents(text, rows)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ" in text
    assert "Hà Nội, ngày 26 tháng 11 năm 2026" in text
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "BIÊN BẢN 15/BB-BBT" and props.created == datetime(2026, 11, 26, 4, 30, tzinfo=UTC)


def test_the_markdown_holds_every_entry_and_renders_as_tables():
    m = make()
    md = to_markdown(m)
    rows = [line for line in md.splitlines() if line.startswith("| ") and "#" in line]
    assert len(rows) == 20
    for e, line in zip(m.entries, rows, strict=True):
        assert f"| {e.position} | #{e.item_id} | {e.title}" in line and f"| {e.decision} |" in line
    assert "Nguyễn Văn An<br>thay mặt Trần Thị Bình" in md
    assert "## III. CÁC NỘI DUNG HOÃN SANG PHIÊN SAU" in md
    html = markdown.markdown(md, extensions=["tables"])
    assert html.count("<table>") == 3 and "<h1>BIÊN BẢN</h1>" in html


def test_english_minutes_use_english_labels():
    m = make("en")
    for text, rows in (odt_text(to_odt(m)), docx_text(to_docx(m))):
        _check_contents(text, rows, "en")
        assert "VIETNAM SOCIAL SECURITY" in text and "MINUTES" in text
        assert "Hà Nội, 26 November 2026" in text
        assert "BIÊN BẢN" not in text and "Thư ký" not in text
        assert rows[0][:2] == ["No.", "Item"]
    assert "Opened: 08:30, 26 November 2026" in to_markdown(m)


def test_leading_zeros_of_the_date_line_follow_nd30():
    m = make(closed_at=datetime(2027, 2, 4, 3, 0, tzinfo=UTC), opened_at=datetime(2027, 2, 4, 1, 0, tzinfo=UTC))
    assert "Hà Nội, ngày 04 tháng 02 năm 2027" in to_markdown(m)
    m = make(closed_at=datetime(2027, 3, 4, 3, 0, tzinfo=UTC))
    assert "Hà Nội, ngày 04 tháng 3 năm 2027" in to_markdown(m)


def test_a_correction_names_the_minutes_it_corrects_and_no_deferral_says_none():
    m = make(number="16/BB-BBT", correction_of="15/BB-BBT", deferred=[], secretary=None)
    md = to_markdown(m)
    assert "(Đính chính Biên bản số 15/BB-BBT)" in md
    assert "## III. CÁC NỘI DUNG HOÃN SANG PHIÊN SAU\n\nKhông có." in md
    text, _ = odt_text(to_odt(m))
    assert "(Đính chính Biên bản số 15/BB-BBT)" in text and "THƯ KÝ" not in text
    assert "Đính chính Biên bản số 15/BB-BBT" in docx_text(to_docx(m))[0]


# ---- determinism and text -----------------------------------------------------------------------------------


def test_the_same_minutes_give_the_same_bytes_whatever_the_clock():
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC), tick=False):
        first = (to_markdown(make()), to_odt(make()), to_docx(make()))
    with time_machine.travel(datetime(2031, 7, 9, 13, 45, 17, tzinfo=UTC), tick=False):
        again = (to_markdown(make()), to_odt(make()), to_docx(make()))
    assert first == again
    for data in first[1:]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(2026, 11, 26, 11, 30, 0)}
    with zipfile.ZipFile(io.BytesIO(first[1])) as z:  # ODF: the mimetype first, stored
        first_entry = z.infolist()[0]
        assert first_entry.filename == "mimetype" and first_entry.compress_type == zipfile.ZIP_STORED


def test_text_is_stored_nfc():
    decomposed = unicodedata.normalize("NFD", "Hướng dẫn thủ tục hưởng chế độ ốm đau")
    m = make(title=decomposed, entries=[entry(1, decomposed)], deferred=[])
    assert m.title == unicodedata.normalize("NFC", decomposed)
    for text in (to_markdown(m), odt_text(to_odt(m))[0], docx_text(to_docx(m))[0]):
        assert unicodedata.is_normalized("NFC", text)
        assert "Hướng dẫn thủ tục hưởng chế độ ốm đau" in text


ODD = [
    'Tiêu đề có "ngoặc kép" và \'nháy đơn\'',
    "So sánh 1 < 2 && 3 > 2 <script>alert(1)</script>",
    "Dòng một\nDòng hai\r\nDòng ba",
    "Ký tự | gạch đứng * sao _ gạch dưới [ngoặc](http://x) `mã` \\ # 1. - + >",
    "Rất dài " * 200,
    "Tab\tở giữa và   nhiều   dấu cách",
    "Ký tự điều khiển \x00\x07\x1b bị bỏ",
]


@pytest.mark.parametrize("odd", ODD, ids=range(len(ODD)))
def test_odd_text_does_not_break_the_documents(odd):
    _check_odd(odd)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_text_does_not_break_the_documents(odd):
    _check_odd(odd)


def _check_odd(odd: str) -> None:
    e = MinutesEntry(position=1, item_id=7, title=odd, kind="Tin tức", unit=odd, decision="Trả lại", reason=odd,
                     note=odd, decided_by=odd, on_behalf_of=odd)
    m = make(title=odd, entries=[e], deferred=[e], notes=odd, attendees=[odd], absentees=[(odd, odd)], quorum=odd)
    clean = m.title  # what the minutes keep: NFC, no characters XML refuses, \n for line ends
    words = [w for w in clean.split() if w]
    text, rows = odt_text(to_odt(m))
    assert len(rows) == 2 and rows[1][1] == "#7" and rows[1][4] == "Trả lại"
    assert rows[1][2].startswith(clean)
    dtext, drows = docx_text(to_docx(m))
    assert len(drows) == 2 and drows[1][1] == "#7" and drows[1][2].startswith(clean)
    for w in words[:5]:
        assert w in text and w in dtext
    md = to_markdown(m)
    assert len([line for line in md.splitlines() if line.startswith("| 1 | #7 |")]) == 1
    assert "<script>" not in md
    html = markdown.markdown(md, extensions=["tables"])
    row = re.search(r"<tr>\s*<td[^>]*>1</td>\s*<td[^>]*>#7</td>.*?</tr>", html, re.DOTALL)
    assert row is not None and row.group(0).count("<td") == 7  # nothing in the text made or broke a cell
