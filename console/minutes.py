"""The minutes (biên bản) of a Board approval session as documents: Markdown, ODT (odfpy) and DOCX (python-docx).

Pure: no database, no Textual. The session service builds a :class:`Minutes` when a session closes and keeps what
these functions return. The layout follows an administrative document of Nghị định 30/2020/NĐ-CP: the issuing body
and the number on the left, the national motto and the place and date on the right, the title, the body, the
signatures. Labels come from the catalogue (``minutes.*``) in the minutes' own language, not the console's.

The output is a function of the input alone: the documents' dates (ODF meta, DOCX core properties and the zip
entries' times) are all ``generated_at``, so the same minutes give the same bytes on any day, and a kept document
can be made again and compared.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Literal

from console import docnumber
from console.i18n import register, t
from console.timefmt import local

__all__ = [
    "Minutes",
    "MinutesEntry",
    "minutes_number",
    "to_docx",
    "to_markdown",
    "to_odt",
]

MINUTES_SYMBOL = "BB-BBT"  # BB: biên bản (NĐ 30, Phụ lục III); BBT: Ban Biên tập

register(
    {
        "minutes.body": ("BẢO HIỂM XÃ HỘI VIỆT NAM", "VIETNAM SOCIAL SECURITY"),
        "minutes.board": ("BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ", "EDITORIAL BOARD OF THE E-PORTAL"),
        "minutes.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
        "minutes.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        "minutes.number": ("Số: {number}", "No.: {number}"),
        "minutes.title": ("BIÊN BẢN", "MINUTES"),
        "minutes.correction": ("(Đính chính Biên bản số {number})", "(Correcting minutes No. {number})"),
        "minutes.section.meeting": ("I. THỜI GIAN, THÀNH PHẦN", "I. TIME AND ATTENDANCE"),
        "minutes.section.entries": ("II. NỘI DUNG VÀ KẾT QUẢ", "II. AGENDA AND DECISIONS"),
        "minutes.section.deferred": (
            "III. CÁC NỘI DUNG HOÃN SANG PHIÊN SAU",
            "III. ENTRIES DEFERRED TO A LATER SESSION",
        ),
        "minutes.section.notes": ("IV. GHI CHÚ CỦA PHIÊN", "IV. SESSION NOTES"),
        "minutes.opened": ("Bắt đầu: {time}", "Opened: {time}"),
        "minutes.closed": ("Kết thúc: {time}", "Closed: {time}"),
        "minutes.chair": ("Chủ trì: {name}", "Chair: {name}"),
        "minutes.secretary": ("Thư ký: {name}", "Secretary: {name}"),
        "minutes.attendees": ("Thành viên có mặt ({count}):", "Present ({count}):"),
        "minutes.absentees": ("Vắng mặt ({count}):", "Absent ({count}):"),
        "minutes.absent_reason": ("{name} — lý do: {reason}", "{name} — reason: {reason}"),
        "minutes.none": ("Không có.", "None."),
        "minutes.summary": (
            "Phiên duyệt đã xem xét {count} nội dung ({tally}).",
            "The session considered {count} entries ({tally}).",
        ),
        "minutes.col.position": ("STT", "No."),
        "minutes.col.item": ("Mã", "Item"),
        "minutes.col.title": ("Tên nội dung", "Title"),
        "minutes.col.unit": ("Đơn vị", "Unit"),
        "minutes.col.decision": ("Quyết định", "Decision"),
        "minutes.col.reason": ("Lý do, ghi chú", "Reason, notes"),
        "minutes.col.by": ("Người quyết định", "Decided by"),
        "minutes.note": ("Ghi chú: {note}", "Note: {note}"),
        "minutes.on_behalf": ("thay mặt {name}", "on behalf of {name}"),
        "minutes.deferred_reason": ("lý do: {reason}", "reason: {reason}"),
        "minutes.made": ("Biên bản lập lúc {time}.", "Minutes drawn up at {time}."),
        "minutes.sign.chair": ("CHỦ TRÌ", "CHAIR"),
        "minutes.sign.secretary": ("THƯ KÝ", "SECRETARY"),
        "minutes.sign.hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    }
)

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
# What XML 1.0 cannot hold or discourages (both formats are XML): C0 and C1 controls but tab and newline,
# lone surrogates, FFFE and FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """NFC, newlines as \\n, nothing XML refuses."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def _utc(dt: datetime) -> datetime:
    """Aware, in UTC; a naive time is UTC (as the console stores times)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _freeze(obj: object) -> None:
    """Clean every text field, make sequences tuples and times aware (frozen dataclasses' __post_init__)."""
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if isinstance(value, str):
            value = _clean(value)
        elif isinstance(value, datetime):
            value = _utc(value)
        elif isinstance(value, list | tuple):
            value = tuple(
                tuple(_clean(v) for v in x) if isinstance(x, tuple) else _clean(x) if isinstance(x, str) else x
                for x in value
            )
        object.__setattr__(obj, f.name, value)


@dataclass(frozen=True)
class MinutesEntry:
    """One agenda entry as decided. ``decision`` is the label already in the minutes' language ("Duyệt")."""

    position: int
    item_id: int
    title: str
    kind: str  # the content type's name, or the label of a category change
    unit: str
    decision: str
    reason: str = ""
    note: str = ""
    decided_by: str = ""
    on_behalf_of: str | None = None  # the Board head, when a delegate decided
    decided_at: datetime | None = None

    def __post_init__(self) -> None:
        _freeze(self)


@dataclass(frozen=True, kw_only=True)
class Minutes:
    """What the minutes of one closed session say. Lists are kept as tuples; text is NFC; times are UTC."""

    number: str  # "15/BB-BBT", see minutes_number
    title: str  # the session's title
    place: str  # of the date line: "Hà Nội"
    opened_at: datetime
    closed_at: datetime
    chair: str
    secretary: str | None
    attendees: Sequence[str]
    absentees: Sequence[tuple[str, str]]  # (name, reason)
    quorum: str  # one sentence: "Có mặt 5/7 thành viên, đủ điều kiện …"
    entries: Sequence[MinutesEntry]  # the whole agenda in order, deferred entries included
    deferred: Sequence[MinutesEntry] = ()  # those deferred to a later session
    notes: str = ""
    language: Literal["vi", "en"] = "vi"
    correction_of: str | None = None  # the number of the minutes this one corrects
    generated_at: datetime  # when the session service made them; every date inside the files

    def __post_init__(self) -> None:
        if self.language not in ("vi", "en"):
            raise ValueError(f"unknown language {self.language!r}")
        _freeze(self)
        object.__setattr__(self, "number", docnumber.format(docnumber.parse(self.number)))
        if self.correction_of is not None:
            object.__setattr__(self, "correction_of", docnumber.format(docnumber.parse(self.correction_of)))


def minutes_number(seq: int, year: int | None = None, symbol: str = MINUTES_SYMBOL) -> str:
    """"15/BB-BBT": the ``seq``-th minutes of the year. NĐ 30/2020 numbers restart every 1 January and an
    administrative symbol carries no year, so ``year`` is only checked (it names which year's sequence).
    Raises ``DocNumberError`` for a number or symbol the parser would refuse, or a symbol of another type."""
    if year is not None and not 1945 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    doc = docnumber.administrative(seq, symbol)
    if doc.doc_type != "BB":
        raise docnumber.DocNumberError(
            f"{seq}/{symbol}", "not_minutes", "ký hiệu biên bản bắt đầu bằng BB", "minutes' symbols begin with BB",
            "15/BB-BBT",
        )
    return docnumber.format(doc)


# ---- the words of the document, shared by the three formats -------------------------------------------------


def _date_line(m: Minutes) -> str:
    d = local(m.closed_at)
    if m.language == "en":
        return f"{m.place}, {d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    # NĐ 30, Phụ lục I: days below 10 and the months 1 and 2 take a leading zero.
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{m.place}, ngày {day} tháng {month} năm {d.year}"


def _time(dt: datetime, lang: str) -> str:
    d = local(dt)
    if lang == "en":
        return f"{d:%H:%M}, {d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    return f"{d:%H} giờ {d:%M} phút, ngày {d:%d/%m/%Y}"


def _by(e: MinutesEntry, lang: str) -> str:
    lines = [e.decided_by] if e.decided_by else []
    if e.on_behalf_of:
        lines.append(t("minutes.on_behalf", lang, name=e.on_behalf_of))
    if e.decided_at is not None:
        lines.append(f"{local(e.decided_at):%H:%M}")
    return "\n".join(lines)


def _reason(e: MinutesEntry, lang: str) -> str:
    parts = [e.reason] if e.reason else []
    if e.note:
        parts.append(t("minutes.note", lang, note=e.note))
    return "\n".join(parts)


def _tally(m: Minutes) -> str:
    counts: dict[str, int] = {}
    for e in m.entries:
        counts[e.decision] = counts.get(e.decision, 0) + 1
    return "; ".join(f"{label}: {n}" for label, n in counts.items())


def _columns(lang: str) -> list[str]:
    return [t(f"minutes.col.{c}", lang) for c in ("position", "item", "title", "unit", "decision", "reason", "by")]


def _row(e: MinutesEntry, lang: str) -> list[str]:
    return [str(e.position), f"#{e.item_id}", f"{e.title}\n({e.kind})" if e.kind else e.title, e.unit, e.decision,
            _reason(e, lang), _by(e, lang)]


def _deferred_line(e: MinutesEntry, lang: str) -> str:
    text = f"#{e.item_id} {e.title} ({e.unit})" if e.unit else f"#{e.item_id} {e.title}"
    return text + (f" — {t('minutes.deferred_reason', lang, reason=e.reason)}" if e.reason else "")


@dataclass(frozen=True)
class _Block:
    """One paragraph of the body: ``kind`` is heading, text, item (a list item) or table."""

    kind: str
    text: str = ""


def _body(m: Minutes) -> list[_Block]:
    lang = m.language
    out = [
        _Block("heading", t("minutes.section.meeting", lang)),
        _Block("text", t("minutes.opened", lang, time=_time(m.opened_at, lang))),
        _Block("text", t("minutes.closed", lang, time=_time(m.closed_at, lang))),
        _Block("text", t("minutes.chair", lang, name=m.chair)),
        _Block("text", t("minutes.secretary", lang, name=m.secretary or "—")),
        _Block("text", t("minutes.attendees", lang, count=len(m.attendees))),
        *(_Block("item", a) for a in m.attendees),
        _Block("text", t("minutes.absentees", lang, count=len(m.absentees))),
        *(_Block("item", t("minutes.absent_reason", lang, name=n, reason=r) if r else n) for n, r in m.absentees),
    ]
    if m.quorum:
        out.append(_Block("text", m.quorum))
    out += [
        _Block("heading", t("minutes.section.entries", lang)),
        _Block("text", t("minutes.summary", lang, count=len(m.entries), tally=_tally(m) or "—")),
        _Block("table"),
        _Block("heading", t("minutes.section.deferred", lang)),
        *(_Block("item", _deferred_line(e, lang)) for e in m.deferred),
    ]
    if not m.deferred:
        out.append(_Block("text", t("minutes.none", lang)))
    out.append(_Block("heading", t("minutes.section.notes", lang)))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", m.notes) if p.strip()]
    out += [_Block("text", p) for p in paragraphs] or [_Block("text", t("minutes.none", lang))]
    out.append(_Block("text", t("minutes.made", lang, time=_time(m.generated_at, lang))))
    return out


def _signatures(m: Minutes) -> tuple[list[str], list[str]]:
    """The two signature columns (secretary left, chair right, as NĐ 30 minutes sign)."""
    lang = m.language
    left = [t("minutes.sign.secretary", lang), t("minutes.sign.hint", lang), "", "", m.secretary] if m.secretary else []
    right = [t("minutes.sign.chair", lang), t("minutes.sign.hint", lang), "", "", m.chair]
    return left, right


# ---- Markdown -----------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
# What would open a block at the start of a line: a heading, a quote, a list item, a setext underline.
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*=](?=\s|$)|\d+[.)](?=\s|$))", re.MULTILINE)


def _md(text: str, cell: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if cell:
        return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")
    text = _MD_LINE_START.sub(lambda mo: mo.group(1) + "\\" + mo.group(2), _MD_SPECIAL.sub(r"\\\1", text))
    return text.replace("\n", "<br>\n")


def to_markdown(m: Minutes) -> str:
    lang = m.language
    lines = [
        f"| {_md(t('minutes.body', lang))} | {_md(t('minutes.country', lang))} |",
        "|:---:|:---:|",
        f"| **{_md(t('minutes.board', lang))}** | **{_md(t('minutes.motto', lang))}** |",
        f"| {_md(t('minutes.number', lang, number=m.number))} | *{_md(_date_line(m))}* |",
        "",
        f"# {_md(t('minutes.title', lang))}",
        "",
        f"**{_md(m.title)}**",
        "",
    ]
    if m.correction_of:
        lines += [_md(t("minutes.correction", lang, number=m.correction_of)), ""]
    for block in _body(m):
        if block.kind != "item" and lines[-1].startswith("- "):
            lines.append("")
        if block.kind == "heading":
            lines += [f"## {_md(block.text)}", ""]
        elif block.kind == "item":
            lines.append(f"- {_md(block.text)}")
        elif block.kind == "table":
            lines += ["| " + " | ".join(_md(c) for c in _columns(lang)) + " |",
                      "|---:|---:|---|---|---|---|---|"]
            lines += ["| " + " | ".join(_md(c, cell=True) for c in _row(e, lang)) + " |" for e in m.entries]
            lines.append("")
        else:
            lines += [_md(block.text), ""]
    left, right = _signatures(m)
    lines += ["", f"| {' | '.join(_md(x) for x in (left[:1] or [''])+right[:1])} |", "|:---:|:---:|"]
    for i in range(1, len(right)):
        cells = [left[i] if i < len(left) else "", right[i]]
        lines.append("| " + " | ".join(_md(c) if c else " " for c in cells) + " |")
    return unicodedata.normalize("NFC", "\n".join(lines).rstrip() + "\n")


# ---- deterministic zip --------------------------------------------------------------------------------------


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same archive with every entry stamped ``when`` (the libraries stamp the clock), order and compression
    kept (ODF needs its ``mimetype`` first and stored)."""
    d = local(when)
    stamp = (d.year, d.month, d.day, d.hour, d.minute, d.second) if 1980 <= d.year <= 2107 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, stamp)
            zi.compress_type = info.compress_type
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info))
    return out.getvalue()


def _iso(dt: datetime) -> str:
    return _utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- ODT (odfpy) --------------------------------------------------------------------------------------------

_FONT = "Times New Roman"
_WIDTHS_CM = (1.0, 1.4, 4.4, 2.3, 2.0, 3.3, 2.1)  # 16.5 cm: A4 less NĐ 30's margins (3 cm left, 1.5 cm right)


def to_odt(m: Minutes) -> bytes:
    from odf import dc, meta, teletype
    from odf.element import Element
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        FontFace,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import List, ListItem, P

    # odfpy keeps the namespaces it has met in one dict shared by every element of every document (a class
    # attribute), and declares them all: a second document in the same process would carry more declarations
    # than the first, and other bytes. Each document starts from none, as the first one of a process does.
    Element.namespaces.clear()

    lang = m.language
    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=f"{t('minutes.title', lang)} {m.number}"))
    doc.meta.addElement(dc.Language(text="vi-VN" if lang == "vi" else "en-GB"))
    doc.meta.addElement(meta.CreationDate(text=_iso(m.generated_at)))
    doc.meta.addElement(dc.Date(text=_iso(m.generated_at)))
    doc.fontfacedecls.addElement(FontFace(name=_FONT, fontfamily=f"'{_FONT}'", fontfamilygeneric="roman",
                                          fontpitch="variable"))

    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", printorientation="portrait",
                                           margintop="2cm", marginbottom="2cm", marginleft="3cm", marginright="1.5cm"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

    def pstyle(name: str, align: str = "justify", size: str = "13pt", bold: bool = False, italic: bool = False,
               above: str = "0cm", below: str = "0.12cm") -> Style:
        s = Style(name=name, family="paragraph")
        s.addElement(ParagraphProperties(textalign=align, margintop=above, marginbottom=below))
        extra = {"fontweight": "bold"} if bold else {}
        if italic:
            extra["fontstyle"] = "italic"
        country = "VN" if lang == "vi" else "GB"
        s.addElement(TextProperties(fontname=_FONT, fontsize=size, language=lang, country=country, **extra))
        doc.styles.addElement(s)
        return s

    normal = pstyle("Minutes_Text")
    centre = pstyle("Minutes_Centre", "center", below="0cm")
    centre_bold = pstyle("Minutes_Centre_Bold", "center", bold=True, below="0cm")
    centre_italic = pstyle("Minutes_Centre_Italic", "center", italic=True, below="0cm")
    title = pstyle("Minutes_Title", "center", "14pt", bold=True, above="0.6cm", below="0cm")
    heading = pstyle("Minutes_Heading", "left", bold=True, above="0.3cm")
    cell_text = pstyle("Minutes_Cell", "left", "11pt", below="0cm")
    cell_head = pstyle("Minutes_Cell_Head", "center", "11pt", bold=True, below="0cm")

    def table_style(name: str) -> Style:
        s = Style(name=name, family="table")
        s.addElement(TableProperties(width="16.5cm", align="margins"))
        doc.automaticstyles.addElement(s)
        return s

    def column_style(name: str, width: float) -> Style:
        s = Style(name=name, family="table-column")
        s.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
        doc.automaticstyles.addElement(s)
        return s

    grid = Style(name="Minutes_Grid_Cell", family="table-cell")
    grid.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.08cm"))
    doc.automaticstyles.addElement(grid)

    def para(text: str, style: Style) -> P:
        p = P(stylename=style)
        teletype.addTextToElement(p, text)
        return p

    def two_columns(name: str, left: list[tuple[str, Style]], right: list[tuple[str, Style]]) -> Table:
        tbl = Table(name=name, stylename=table_style(name))
        tbl.addElement(TableColumn(numbercolumnsrepeated=2, stylename=column_style(f"{name}_Col", 8.25)))
        row = TableRow()
        for side in (left, right):
            cell = TableCell(valuetype="string")
            for text, st in side:
                cell.addElement(para(text, st))
            row.addElement(cell)
        tbl.addElement(row)
        return tbl

    body = doc.text
    body.addElement(two_columns(
        "Minutes_Header",
        [(t("minutes.body", lang), centre), (t("minutes.board", lang), centre_bold),
         (t("minutes.number", lang, number=m.number), centre)],
        [(t("minutes.country", lang), centre_bold), (t("minutes.motto", lang), centre_bold),
         (_date_line(m), centre_italic)],
    ))
    body.addElement(para(t("minutes.title", lang), title))
    body.addElement(para(m.title, centre_bold))
    if m.correction_of:
        body.addElement(para(t("minutes.correction", lang, number=m.correction_of), centre_italic))

    current_list: List | None = None
    for block in _body(m):
        if block.kind != "item":
            current_list = None
        if block.kind == "heading":
            body.addElement(para(block.text, heading))
        elif block.kind == "item":
            if current_list is None:
                current_list = List()
                body.addElement(current_list)
            li = ListItem()
            li.addElement(para("– " + block.text, normal))
            current_list.addElement(li)
        elif block.kind == "table":
            tbl = Table(name="Minutes_Agenda", stylename=table_style("Minutes_Agenda"))
            for i, w in enumerate(_WIDTHS_CM):
                tbl.addElement(TableColumn(stylename=column_style(f"Minutes_Agenda_Col{i}", w)))
            head = TableHeaderRows()
            row = TableRow()
            for c in _columns(lang):
                cell = TableCell(valuetype="string", stylename=grid)
                cell.addElement(para(c, cell_head))
                row.addElement(cell)
            head.addElement(row)
            tbl.addElement(head)
            for e in m.entries:
                row = TableRow()
                for c in _row(e, lang):
                    cell = TableCell(valuetype="string", stylename=grid)
                    cell.addElement(para(c, cell_text))
                    row.addElement(cell)
                tbl.addElement(row)
            body.addElement(tbl)
        else:
            body.addElement(para(block.text, normal))

    left, right = _signatures(m)
    body.addElement(para("", normal))
    body.addElement(two_columns(
        "Minutes_Signatures",
        [(x, centre_bold if i == 0 or i == 4 else centre_italic) for i, x in enumerate(left)],
        [(x, centre_bold if i == 0 or i == 4 else centre_italic) for i, x in enumerate(right)],
    ))
    out = io.BytesIO()
    doc.write(out)
    return _fixed_zip(out.getvalue(), m.generated_at)


# ---- DOCX (python-docx) -------------------------------------------------------------------------------------


def to_docx(m: Minutes) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    lang = m.language
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = _FONT  # type: ignore[attr-defined]
    normal.font.size = Pt(13)  # type: ignore[attr-defined]
    normal.paragraph_format.space_after = Pt(3)  # type: ignore[attr-defined]

    props = doc.core_properties
    props.title = f"{t('minutes.title', lang)} {m.number}"
    props.subject = m.title[:255]  # the format's limit for a property
    props.author = props.last_modified_by = t("minutes.board", lang)
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    props.created = props.modified = _utc(m.generated_at).replace(tzinfo=None)
    props.revision = 1

    def write(paragraph: Any, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
              align: Any = None) -> None:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align

    centre = WD_ALIGN_PARAGRAPH.CENTER

    def two_columns(left: list[tuple[str, bool, bool]], right: list[tuple[str, bool, bool]]) -> None:
        tbl = doc.add_table(rows=1, cols=2)
        tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, lines in zip(tbl.rows[0].cells, (left, right), strict=True):
            cell.width = Cm(8.25)
            for i, (text, bold, italic) in enumerate(lines):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                write(p, text, bold, italic, align=centre)

    two_columns(
        [(t("minutes.body", lang), False, False), (t("minutes.board", lang), True, False),
         (t("minutes.number", lang, number=m.number), False, False)],
        [(t("minutes.country", lang), True, False), (t("minutes.motto", lang), True, False),
         (_date_line(m), False, True)],
    )
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(18)
    write(p, t("minutes.title", lang), bold=True, size=14, align=centre)
    write(doc.add_paragraph(), m.title, bold=True, align=centre)
    if m.correction_of:
        write(doc.add_paragraph(), t("minutes.correction", lang, number=m.correction_of), italic=True, align=centre)

    for block in _body(m):
        if block.kind == "heading":
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(9)
            write(p, block.text, bold=True)
        elif block.kind == "item":
            write(doc.add_paragraph(), "– " + block.text)
        elif block.kind == "table":
            tbl = doc.add_table(rows=1 + len(m.entries), cols=len(_WIDTHS_CM))
            tbl.style = doc.styles["Table Grid"]
            header = tbl.rows[0]
            flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
            flag.set(qn("w:val"), "true")
            header._tr.get_or_add_trPr().append(flag)
            for r, values in enumerate([_columns(lang)] + [_row(e, lang) for e in m.entries]):
                for cell, width, text in zip(tbl.rows[r].cells, _WIDTHS_CM, values, strict=True):
                    cell.width = Cm(width)
                    write(cell.paragraphs[0], text, bold=r == 0, size=11, align=centre if r == 0 else None)
        else:
            write(doc.add_paragraph(), block.text)

    left, right = _signatures(m)
    doc.add_paragraph()

    def styled(lines: list[str]) -> list[tuple[str, bool, bool]]:
        return [(x, i in (0, 4), i == 1) for i, x in enumerate(lines)]

    two_columns(styled(left) or [("", False, False)], styled(right))
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue(), m.generated_at)
