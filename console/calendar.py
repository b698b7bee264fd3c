"""The Vietnamese working-day calendar of state bodies (cơ quan hành chính nhà nước).

Pure: no database, no Textual. The lead wires it to the workspace's ``calendar_override`` table.

Layers, later ones winning for the same date:

1. the week: Monday to Friday are working days (Quyết định 188/1999/QĐ-TTg, chế độ tuần làm việc
   40 giờ: thứ Bảy and Chủ nhật are the weekly rest days of cán bộ, công chức, viên chức);
2. the ``holidays`` package, country VN, ``language="vi"`` (the public holidays of Bộ luật Lao động
   2019 Điều 112, their compensatory days, and the swaps it knows, including its make-up Saturdays);
3. the shipped override file ``console/data/calendar_vn.toml``: the Government's announced schedules
   for state bodies (extra days off, swapped days, make-up working Saturdays), each with its source;
4. the workspace's own overrides (the lead passes them after the shipped ones).

Counting follows Bộ luật Dân sự 2015:

* Điều 147: the day of the event is not counted; the period runs from the next day.
* Điều 148.5: a period whose last day is a weekly rest day or a holiday ends at the end of the next
  working day. (Điều 148.6 puts the end of a day at 24:00; for the portal's provision deadlines the
  console uses the end of the working day, 17:00 local, which is the stricter reading for work done
  at an office. :class:`WorkingHours` makes that moment configurable.)
* Something received after working hours, or on a non-working day, is treated as received on the
  next working day (which is then the uncounted start day).

Times go in and out as timezone-aware datetimes (stored in UTC); days are decided in
Asia/Ho_Chi_Minh. A plain :class:`datetime.date` means "the event happened on that day" (metadata
dates such as ``cleared_on``): it is not moved for working hours.

A year whose Tết (or Quốc khánh) schedule has not been announced yet is *provisional* around that
holiday: :meth:`WorkingCalendar.is_provisional` tells, so a deadline falling there can be marked.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from console.errors import InvalidInput
from console.i18n import register

Day = date  # for annotations in classes that have a field named ``date``
OverrideKind = Literal["off", "workday"]
OVERRIDE_KINDS: tuple[str, ...] = ("off", "workday")
# Occasions whose schedule the Government announces each year; a year without the announcement is
# provisional around them.
Occasion = Literal["tet", "quoc_khanh", "tet_duong_lich", "30_4_1_5", "gio_to", "other"]
OCCASIONS: tuple[str, ...] = ("tet", "quoc_khanh", "tet_duong_lich", "30_4_1_5", "gio_to", "other")
PROVISIONAL_OCCASIONS: tuple[str, ...] = ("tet", "quoc_khanh")
DayKind = Literal["holiday", "off", "workday"]

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "calendar_vn.toml"
# Days around Tết (mùng 1) and Quốc khánh (2/9) that stay provisional until the year's schedule is known.
TET_WINDOW_DAYS = 10
QUOC_KHANH_WINDOW = ((8, 28), (9, 6))

_WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


register(
    {
        # Override files (calendar import FILE, the shipped console/data/calendar_vn.toml).
        "calendar.file.not_found": ("Không tìm thấy tệp lịch: {path}", "Calendar file not found: {path}"),
        "calendar.file.syntax": (
            "Tệp lịch không đúng cú pháp TOML: {detail}",
            "The calendar file is not valid TOML: {detail}",
        ),
        "calendar.file.unknown_table": (
            "Tệp lịch có mục không biết: '{value}'. Chỉ dùng [[day]], [[window]] và version.",
            "Unknown entry in the calendar file: '{value}'. Use only [[day]], [[window]] and version.",
        ),
        "calendar.file.not_a_table": (
            "Dòng {line}: '{table}' phải là danh sách các mục [[{table}]].",
            "Line {line}: '{table}' must be a list of [[{table}]] entries.",
        ),
        "calendar.file.missing": (
            "Dòng {line} (mục [[{table}]] số {row}): thiếu trường bắt buộc '{field}'.",
            "Line {line} ([[{table}]] entry {row}): the required field '{field}' is missing.",
        ),
        "calendar.file.empty": (
            "Dòng {line} (mục [[{table}]] số {row}): trường '{field}' không được để trống.",
            "Line {line} ([[{table}]] entry {row}): the field '{field}' must not be empty.",
        ),
        "calendar.file.unknown_field": (
            "Dòng {line} (mục [[{table}]] số {row}): trường không biết '{field}'.",
            "Line {line} ([[{table}]] entry {row}): unknown field '{field}'.",
        ),
        "calendar.file.bad_date": (
            "Dòng {line} (mục [[{table}]] số {row}): '{field}' = '{value}' không phải ngày hợp lệ (dạng YYYY-MM-DD).",
            "Line {line} ([[{table}]] entry {row}): '{field}' = '{value}' is not a valid date (use YYYY-MM-DD).",
        ),
        "calendar.file.bad_kind": (
            "Dòng {line} (mục [[{table}]] số {row}): loại '{value}' không hợp lệ; dùng {allowed}.",
            "Line {line} ([[{table}]] entry {row}): kind '{value}' is not valid; use {allowed}.",
        ),
        "calendar.file.bad_text": (
            "Dòng {line} (mục [[{table}]] số {row}): '{field}' phải là chuỗi ký tự.",
            "Line {line} ([[{table}]] entry {row}): '{field}' must be a string.",
        ),
        "calendar.file.duplicate": (
            "Dòng {line} (mục [[{table}]] số {row}): ngày {value} đã có ở mục số {other}.",
            "Line {line} ([[{table}]] entry {row}): the date {value} is already in entry {other}.",
        ),
        "calendar.file.bad_window": (
            "Dòng {line} (mục [[{table}]] số {row}): khoảng nghỉ không hợp lệ ({value}).",
            "Line {line} ([[{table}]] entry {row}): invalid holiday period ({value}).",
        ),
        "calendar.naive_time": (
            "Thời điểm phải có múi giờ (UTC): {value}",
            "A time must carry its time zone (UTC): {value}",
        ),
        "calendar.negative": (
            "Số ngày phải không âm: {value}",
            "The number of days must not be negative: {value}",
        ),
        # Day kinds and sources shown by `calendar show YEAR`.
        "calendar.kind.holiday": ("Ngày lễ, Tết", "Public holiday"),
        "calendar.kind.off": ("Ngày nghỉ theo thông báo", "Announced day off"),
        "calendar.kind.workday": ("Ngày làm việc bù", "Make-up working day"),
        "calendar.name.makeup": ("Ngày làm việc bù", "Make-up working day"),
        "calendar.provisional": (
            "Dự kiến: lịch nghỉ {occasion} năm {year} chưa được công bố",
            "Provisional: the {occasion} {year} schedule has not been announced",
        ),
        "calendar.occasion.tet": ("Tết Nguyên đán", "Lunar New Year"),
        "calendar.occasion.quoc_khanh": ("Quốc khánh", "National Day"),
        # Steps of a computation (`deadline explain ITEM`).
        "calendar.step.received": (
            "Nhận lúc {time} {day} (giờ Việt Nam).",
            "Received at {time} on {day} (Vietnam time).",
        ),
        "calendar.step.event": ("Sự kiện xảy ra ngày {day}.", "The event happened on {day}."),
        "calendar.step.after_hours": (
            "Nhận sau giờ làm việc ({close}) nên coi như nhận vào ngày làm việc tiếp theo, {day}.",
            "Received after working hours ({close}), so treated as received on the next working day, {day}.",
        ),
        "calendar.step.non_working": (
            "{received} là ngày nghỉ ({name}) nên coi như nhận vào ngày làm việc tiếp theo, {day}.",
            "{received} is not a working day ({name}), so treated as received on the next working day, {day}.",
        ),
        "calendar.step.start_not_counted": (
            "Không tính ngày bắt đầu {day} (Bộ luật Dân sự 2015, Điều 147).",
            "The start day {day} is not counted (Civil Code 2015, Art. 147).",
        ),
        "calendar.step.skipped": ("Bỏ qua ngày nghỉ {day}: {name}.", "Skipped {day}, not a working day: {name}."),
        "calendar.step.makeup": ("{day} là ngày làm việc bù: {name}.", "{day} is a make-up working day: {name}."),
        "calendar.step.count_working": (
            "Ngày làm việc thứ {n} sau ngày bắt đầu là {day}.",
            "Working day {n} after the start day is {day}.",
        ),
        "calendar.step.count_calendar": (
            "{n} ngày (theo lịch) sau ngày bắt đầu là {day}.",
            "{n} calendar days after the start day is {day}.",
        ),
        "calendar.step.same_day": (
            "Thời hạn trong ngày: ngày làm việc {day}.",
            "Due within the day: the working day {day}.",
        ),
        "calendar.step.last_day_off": (
            "Ngày cuối {day} là ngày nghỉ ({name}) nên thời hạn kết thúc vào cuối ngày làm việc tiếp theo, "
            "{next} (Bộ luật Dân sự 2015, Điều 148).",
            "The last day {day} is not a working day ({name}), so the period ends at the end of the next "
            "working day, {next} (Civil Code 2015, Art. 148).",
        ),
        "calendar.step.deadline": (
            "Hạn cuối: {time} {day} (hết giờ làm việc).",
            "Deadline: {time} on {day} (end of the working day).",
        ),
        "calendar.step.provisional": (
            "Khoảng tính hạn đi qua dịp {occasion} năm {year}, lịch nghỉ chưa được công bố: hạn là dự kiến.",
            "The period runs through {occasion} {year}, whose schedule has not been announced: "
            "the deadline is provisional.",
        ),
        "calendar.weekend": ("ngày nghỉ hằng tuần", "weekly rest day"),
    }
)


class CalendarError(InvalidInput):
    """Bad input to the calendar (a time without a time zone, a negative number of days)."""


class CalendarFileError(CalendarError):
    """A calendar override file (TOML) that cannot be used; the message says where and why."""


# --------------------------------------------------------------------------------------------------
# Steps: a printable explanation, in either language.


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a computation: a catalogue key and its parameters (dates, times, numbers, text)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        from console.i18n import current_language, t

        lang = lang or current_language()
        return t(self.key, lang, **{k: format_value(v, lang) for k, v in self.params.items()})


@dataclass(frozen=True, slots=True)
class Text:
    """A text given in both languages (a field's display name, a rule's name) as a step parameter."""

    vi: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if lang == "en" else self.vi


def format_value(value: Any, lang: str) -> str:
    """Dates as "thứ Sáu 13/02/2026" / "Fri 13/02/2026", times as 17:00; other values as text."""
    if isinstance(value, datetime):
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        names = _WEEKDAYS_EN if lang == "en" else _WEEKDAYS_VI
        return f"{names[value.weekday()]} {value.strftime('%d/%m/%Y')}"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (Step, Text)):
        return value.text(lang)
    return str(value)


# --------------------------------------------------------------------------------------------------
# Data: overrides, announced windows, working hours, day information.


@dataclass(frozen=True, slots=True)
class Override:
    """One announced day: an extra day off, or a make-up working day (usually a Saturday)."""

    date: Day
    kind: OverrideKind
    name: str
    source: str
    checked: Day | None = None
    origin: str = "file"  # "shipped", "workspace", or the file it came from

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "name": self.name,
            "source": self.source,
            "checked": self.checked.isoformat() if self.checked else None,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class AnnouncedWindow:
    """An announced holiday period ("nghỉ liên tục từ ... đến hết ..."): every day in it is a day off.

    Windows record that a year's schedule is known (so it is no longer provisional) and let a test
    check that the day rows agree with the announcement."""

    year: int
    occasion: str
    start: date
    end: date
    name: str
    source: str
    checked: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "occasion": self.occasion,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "name": self.name,
            "source": self.source,
            "checked": self.checked.isoformat() if self.checked else None,
        }


@dataclass(frozen=True, slots=True)
class CalendarData:
    overrides: tuple[Override, ...]
    windows: tuple[AnnouncedWindow, ...]


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """The working day of a state body, in local time.

    The 40-hour, five-day week of cán bộ, công chức, viên chức comes from Quyết định
    188/1999/QĐ-TTg (8 hours a day, Monday to Friday). The hours of the day are set by each body;
    the default here is the common schedule of central bodies: morning 8:00-12:00, afternoon
    13:00-17:00. ``deadline`` is the moment a period ends on its last day (default: the close of the
    afternoon); something received at or after ``afternoon_end`` counts from the next working day.
    """

    morning_start: time = time(8, 0)
    morning_end: time = time(12, 0)
    afternoon_start: time = time(13, 0)
    afternoon_end: time = time(17, 0)
    deadline: time | None = None
    timezone: str = "Asia/Ho_Chi_Minh"

    def __post_init__(self) -> None:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValueError("working hours must run morning_start < morning_end <= afternoon_start < afternoon_end")

    @property
    def close(self) -> time:
        return self.afternoon_end

    @property
    def deadline_time(self) -> time:
        return self.deadline or self.afternoon_end

    def hours_per_day(self) -> float:
        def minutes(t: time) -> int:
            return t.hour * 60 + t.minute

        morning = minutes(self.morning_end) - minutes(self.morning_start)
        return (morning + minutes(self.afternoon_end) - minutes(self.afternoon_start)) / 60


STATE_HOURS = WorkingHours()


@dataclass(frozen=True, slots=True)
class DayInfo:
    """A day that differs from the plain week: a weekday off, or a weekend day worked."""

    date: Day
    kind: DayKind
    name: str
    source: str
    working: bool
    origin: str  # "holidays", "shipped", "workspace", ...
    checked: Day | None = None
    provisional: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.date.isoweekday(),
            "kind": self.kind,
            "name": self.name,
            "source": self.source,
            "working": self.working,
            "origin": self.origin,
            "checked": self.checked.isoformat() if self.checked else None,
            "provisional": self.provisional,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """The result of a computation and the steps that led to it."""

    start_day: date
    due_day: date
    due_at: datetime
    provisional: bool
    steps: tuple[Step, ...]

    def lines(self, lang: str | None = None) -> list[str]:
        return [s.text(lang) for s in self.steps]


# --------------------------------------------------------------------------------------------------
# The `holidays` base, per year, cached for the process.


def holidays_version() -> str:
    import holidays

    return str(holidays.__version__)


@lru_cache(maxsize=64)
def _base_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Holidays of ``year`` (Vietnamese names) and the weekend days ``holidays`` knows are worked.

    Swaps may cross a year boundary (a make-up Saturday in late December for 2 January), so the
    neighbouring years are populated too."""
    import holidays

    h = holidays.country_holidays("VN", years=(year - 1, year, year + 1), language="vi")
    names = {d: str(n) for d, n in h.items() if d.year == year}
    workdays = frozenset(d for d in getattr(h, "weekend_workdays", ()) if d.year == year)
    return names, workdays


def _holidays_source() -> str:
    return f"thư viện holidays {holidays_version()} (Bộ luật Lao động 2019, Điều 112 và các thông báo nó ghi nhận)"


def _lunar_new_year(year: int) -> date | None:
    names, _ = _base_year(year)
    for d, name in names.items():
        if name == "Tết Nguyên Đán":
            return d
    return None


# --------------------------------------------------------------------------------------------------
# The override file.


def load_calendar_file(source: str | Path, *, origin: str | None = None) -> CalendarData:
    """Parse an override file: a :class:`Path` (or a one-line string naming a file: no newline, ``=``,
    ``[`` or ``#``), or TOML text.

    Raises :class:`CalendarFileError` with the line and entry number of the first problem."""
    if isinstance(source, Path) or (source.strip() and not any(c in source for c in "\n=[#")):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CalendarFileError("calendar.file.not_found", path=str(path)) from None
        origin = origin or str(path)
    else:
        text = source
        origin = origin or "file"
    return _parse(text, origin)


def load_overrides(source: str | Path, *, origin: str | None = None) -> list[Override]:
    """The ``[[day]]`` rows of an override file (see :func:`load_calendar_file`)."""
    return list(load_calendar_file(source, origin=origin).overrides)


def load_windows(source: str | Path) -> list[AnnouncedWindow]:
    """The ``[[window]]`` rows (announced holiday periods) of an override file."""
    return list(load_calendar_file(source).windows)


@lru_cache(maxsize=1)
def shipped_data() -> CalendarData:
    return load_calendar_file(SHIPPED_FILE, origin="shipped")


def shipped_overrides() -> tuple[Override, ...]:
    return shipped_data().overrides


def shipped_windows() -> tuple[AnnouncedWindow, ...]:
    return shipped_data().windows


_DAY_FIELDS = ("date", "kind", "name", "source", "checked")
_WINDOW_FIELDS = ("year", "occasion", "start", "end", "name", "source", "checked")


def _table_lines(text: str, table: str) -> list[int]:
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _parse(text: str, origin: str) -> CalendarData:
    import tomllib  # only when a file is read: it costs a few milliseconds of start-up

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarFileError("calendar.file.syntax", detail=str(exc)) from None
    for key in doc:
        if key not in ("version", "day", "window"):
            raise CalendarFileError("calendar.file.unknown_table", value=key)
    overrides = _parse_days(doc.get("day", []), _table_lines(text, "day"), origin)
    windows = _parse_windows(doc.get("window", []), _table_lines(text, "window"))
    return CalendarData(tuple(overrides), tuple(windows))


class _Row:
    def __init__(self, table: str, row: int, lines: Sequence[int], data: Any) -> None:
        self.table = table
        self.row = row
        self.line = lines[row - 1] if row - 1 < len(lines) else 0
        if not isinstance(data, dict):
            raise CalendarFileError("calendar.file.not_a_table", line=self.line, table=table)
        self.data: dict[str, Any] = data

    def fail(self, key: str, **params: Any) -> CalendarFileError:
        return CalendarFileError(key, line=self.line, table=self.table, row=self.row, **params)

    def check_fields(self, allowed: Sequence[str]) -> None:
        for name in self.data:
            if name not in allowed:
                raise self.fail("calendar.file.unknown_field", field=name)

    def text(self, name: str) -> str:
        if name not in self.data:
            raise self.fail("calendar.file.missing", field=name)
        value = self.data[name]
        if not isinstance(value, str):
            raise self.fail("calendar.file.bad_text", field=name)
        value = _nfc(value)
        if not value:
            raise self.fail("calendar.file.empty", field=name)
        return value

    def day(self, name: str, required: bool = True) -> date | None:
        if name not in self.data:
            if required:
                raise self.fail("calendar.file.missing", field=name)
            return None
        value = self.data[name]
        if isinstance(value, datetime):  # a date with a time of day is not a day
            raise self.fail("calendar.file.bad_date", field=name, value=value.isoformat())
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            parsed = parse_day(value)
            if parsed is not None:
                return parsed
        raise self.fail("calendar.file.bad_date", field=name, value=value)


def parse_day(value: str) -> date | None:
    """A day written YYYY-MM-DD or DD/MM/YYYY; None if it is neither."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def _rows(items: Any, table: str, lines: Sequence[int]) -> list[_Row]:
    if not isinstance(items, list):
        raise CalendarFileError("calendar.file.not_a_table", line=lines[0] if lines else 0, table=table)
    return [_Row(table, i, lines, data) for i, data in enumerate(items, start=1)]


def _parse_days(items: Any, lines: Sequence[int], origin: str) -> list[Override]:
    out: list[Override] = []
    seen: dict[date, int] = {}
    for r in _rows(items, "day", lines):
        r.check_fields(_DAY_FIELDS)
        day = r.day("date")
        assert day is not None
        if "kind" not in r.data:
            raise r.fail("calendar.file.missing", field="kind")
        kind = r.data["kind"]
        if kind not in OVERRIDE_KINDS:
            raise r.fail("calendar.file.bad_kind", value=kind, allowed=" | ".join(OVERRIDE_KINDS))
        name = r.text("name")
        source = r.text("source")
        checked = r.day("checked", required=False)
        if day in seen:
            raise r.fail("calendar.file.duplicate", value=day.isoformat(), other=seen[day])
        seen[day] = r.row
        out.append(Override(day, kind, name, source, checked, origin))
    return out


def _parse_windows(items: Any, lines: Sequence[int]) -> list[AnnouncedWindow]:
    out: list[AnnouncedWindow] = []
    for r in _rows(items, "window", lines):
        r.check_fields(_WINDOW_FIELDS)
        if "year" not in r.data:
            raise r.fail("calendar.file.missing", field="year")
        year = r.data["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            raise r.fail("calendar.file.bad_window", value=f"year = {year!r}")
        occasion = r.text("occasion")
        if occasion not in OCCASIONS:
            raise r.fail("calendar.file.bad_kind", value=occasion, allowed=" | ".join(OCCASIONS))
        start = r.day("start")
        end = r.day("end")
        assert start is not None and end is not None
        if end < start or (end - start).days > 31:
            raise r.fail("calendar.file.bad_window", value=f"{start.isoformat()} – {end.isoformat()}")
        if year not in (start.year, end.year):
            raise r.fail("calendar.file.bad_window", value=f"year = {year}, {start.isoformat()} – {end.isoformat()}")
        out.append(
            AnnouncedWindow(year, occasion, start, end, r.text("name"), r.text("source"), r.day("checked", False))
        )
    return out


def _toml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def dump_overrides(overrides: Iterable[Override], windows: Iterable[AnnouncedWindow] = ()) -> str:
    """TOML text that :func:`load_calendar_file` reads back to the same rows (sorted by date)."""
    parts = ["version = 1\n"]
    for w in sorted(windows, key=lambda w: (w.start, w.occasion)):
        parts.append(
            "\n[[window]]\n"
            f"year = {w.year}\n"
            f"occasion = {_toml_str(w.occasion)}\n"
            f"start = {w.start.isoformat()}\n"
            f"end = {w.end.isoformat()}\n"
            f"name = {_toml_str(w.name)}\n"
            f"source = {_toml_str(w.source)}\n" + (f"checked = {w.checked.isoformat()}\n" if w.checked else "")
        )
    for o in sorted(overrides, key=lambda o: o.date):
        parts.append(
            "\n[[day]]\n"
            f"date = {o.date.isoformat()}\n"
            f"kind = {_toml_str(o.kind)}\n"
            f"name = {_toml_str(o.name)}\n"
            f"source = {_toml_str(o.source)}\n" + (f"checked = {o.checked.isoformat()}\n" if o.checked else "")
        )
    return "".join(parts)


# --------------------------------------------------------------------------------------------------
# The calendar.


@dataclass(slots=True)
class _Year:
    jan1: int  # ordinal of 1 January
    flags: bytearray  # 1 = working day, per day of the year
    special: dict[date, DayInfo]
    working: list[int]  # ordinals of the working days, ascending


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise CalendarError("calendar.naive_time", value=dt.isoformat())
    return dt


class WorkingCalendar:
    """Working days of state bodies, with Civil Code counting. Safe to share between threads.

    ``overrides`` default to the shipped ones; pass ``[*shipped_overrides(), *workspace_rows]`` to
    layer a workspace's own (later rows win for the same date). ``windows`` (announced holiday
    periods) default to the shipped ones."""

    def __init__(
        self,
        overrides: Iterable[Override] | None = None,
        hours: WorkingHours | None = None,
        *,
        windows: Iterable[AnnouncedWindow] | None = None,
    ) -> None:
        self.hours = hours or STATE_HOURS
        self.tz = ZoneInfo(self.hours.timezone)
        rows = list(shipped_overrides() if overrides is None else overrides)
        self.windows: tuple[AnnouncedWindow, ...] = tuple(shipped_windows() if windows is None else windows)
        self._overrides: dict[date, Override] = {}
        for o in rows:
            self._overrides[o.date] = o
        self._by_year: dict[int, list[Override]] = {}
        for o in self._overrides.values():
            self._by_year.setdefault(o.date.year, []).append(o)
        years = [o.date.year for o in self._overrides.values()] + [w.year for w in self.windows]
        # Years before the first one checked against the announcements are not marked provisional.
        self.first_checked_year: int | None = min(years) if years else None
        self._years: dict[int, _Year] = {}
        self._lock = threading.RLock()
        self._span: tuple[int, int, list[int]] = (0, -1, [])  # see _cover
        self._eod: dict[int, datetime] = {}
        self._prov: dict[int, tuple[tuple[int, int, str, int], ...]] = {}
        self._last_local: tuple[datetime, date] | None = None
        self._first_prov: int | None = None

    # ---- per-year tables -------------------------------------------------------------------------

    @property
    def overrides(self) -> tuple[Override, ...]:
        return tuple(sorted(self._overrides.values(), key=lambda o: o.date))

    def _year(self, year: int) -> _Year:
        y = self._years.get(year)
        if y is None:
            with self._lock:
                y = self._years.get(year)
                if y is None:
                    y = self._build_year(year)
                    self._years[year] = y
        return y

    def _build_year(self, year: int) -> _Year:
        names, base_workdays = _base_year(year)
        jan1 = date(year, 1, 1).toordinal()
        n = date(year + 1, 1, 1).toordinal() - jan1
        flags = bytearray(1 if (jan1 + i - 1) % 7 < 5 else 0 for i in range(n))
        special: dict[date, DayInfo] = {}
        src = _holidays_source()
        for d, name in names.items():
            flags[d.toordinal() - jan1] = 0
            if d.weekday() < 5:
                special[d] = DayInfo(d, "holiday", name, src, False, "holidays")
        for d in base_workdays:
            flags[d.toordinal() - jan1] = 1
            special[d] = DayInfo(d, "workday", _makeup_name(d, names), src, True, "holidays")
        for o in self._by_year.get(year, ()):
            i = o.date.toordinal() - jan1
            weekend = o.date.weekday() >= 5
            if o.kind == "off":
                flags[i] = 0
                if weekend:
                    special.pop(o.date, None)
                else:
                    special[o.date] = DayInfo(o.date, "off", o.name, o.source, False, o.origin, o.checked)
            else:
                flags[i] = 1
                if weekend or o.date in names:  # a weekend day worked, or a holiday cancelled
                    special[o.date] = DayInfo(o.date, "workday", o.name, o.source, True, o.origin, o.checked)
                else:
                    special.pop(o.date, None)
        working = [jan1 + i for i in range(n) if flags[i]]
        return _Year(jan1, flags, special, working)

    def _cover(self, lo: int, hi: int) -> list[int]:
        """The ordinals of the working days of (at least) every year from ``lo`` to ``hi``.

        Kept as one immutable snapshot ``(first year, last year, ordinals)``, replaced whole when it
        grows, so that readers in other threads never mix two versions."""
        first, last, ords = self._span
        if first <= lo and hi <= last:
            return ords
        with self._lock:
            first, last, ords = self._span
            if first <= lo and hi <= last:
                return ords
            new_lo, new_hi = (min(lo, first), max(hi, last)) if ords else (lo, hi)
            grown: list[int] = []
            for y in range(new_lo, new_hi + 1):
                grown.extend(self._year(y).working)
            self._span = (new_lo, new_hi, grown)
            return grown

    # ---- single days -----------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Monday to Friday that is not a holiday, plus announced make-up days, minus announced days off."""
        y = self._year(d.year)
        return y.flags[d.toordinal() - y.jan1] == 1

    def day_info(self, d: date) -> DayInfo | None:
        """What makes ``d`` special (a weekday off, a weekend day worked), or None for a plain day."""
        info = self._year(d.year).special.get(d)
        if info is not None and self.is_provisional(d):
            return DayInfo(info.date, info.kind, info.name, info.source, info.working, info.origin, info.checked, True)
        return info

    def holiday_name(self, d: date) -> str | None:
        """The Vietnamese name of the holiday or announced day off on ``d``; None on working days and
        on plain weekends."""
        if self.is_working_day(d):
            return None
        info = self._year(d.year).special.get(d)
        if info is not None:
            return info.name
        o = self._overrides.get(d)
        if o is not None and o.kind == "off":
            return o.name
        return _base_year(d.year)[0].get(d)

    def why_not_working(self, d: date) -> str | Step:
        """A short reason ``d`` is not a working day: the holiday's name, or "weekly rest day" (a step
        parameter, printed in the reader's language)."""
        return self.holiday_name(d) or Step("calendar.weekend")

    def days(self, year: int, *, include_weekend_holidays: bool = False) -> list[DayInfo]:
        """Every non-working weekday and every working weekend day of ``year`` (and any weekday whose
        holiday an override cancelled), in date order, for ``calendar show YEAR``. With
        ``include_weekend_holidays``, holidays that fall on a weekend are listed too (they explain a
        compensatory day)."""
        y = self._year(year)
        out = [self.day_info(d) for d in sorted(y.special)]
        result = [i for i in out if i is not None]
        if include_weekend_holidays:
            names, _ = _base_year(year)
            src = _holidays_source()
            for d, name in names.items():
                if d.weekday() >= 5 and d not in y.special and not self.is_working_day(d):
                    result.append(DayInfo(d, "holiday", name, src, False, "holidays", None, self.is_provisional(d)))
            result.sort(key=lambda i: i.date)
        return result

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        o, year = d.toordinal(), d.year + 1
        ords = self._cover(d.year, year)
        i = bisect_right(ords, o)
        while i >= len(ords):
            year += 1
            ords = self._cover(d.year, year)
            i = bisect_right(ords, o)
        return date.fromordinal(ords[i])

    def working_day_on_or_after(self, d: date) -> date:
        return d if self.is_working_day(d) else self.next_working_day(d)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        o, year = d.toordinal(), d.year - 1
        ords = self._cover(year, d.year)
        i = bisect_left(ords, o)
        while i == 0:
            year -= 1
            ords = self._cover(year, d.year)
            i = bisect_left(ords, o)
        return date.fromordinal(ords[i - 1])

    # ---- time of day -----------------------------------------------------------------------------

    def local(self, dt: datetime) -> datetime:
        return _aware(dt).astimezone(self.tz)

    def local_date(self, value: datetime | date) -> date:
        if not isinstance(value, datetime):
            return value
        last = self._last_local
        if last is not None and last[0] is value:  # the same "now" for a whole queue
            return last[1]
        d = self.local(value).date()
        self._last_local = (value, d)
        return d

    def end_of_day(self, d: date) -> datetime:
        """The deadline moment of day ``d`` (the close of the working day), in UTC."""
        o = d.toordinal()
        eod = self._eod.get(o)
        if eod is None:
            eod = datetime.combine(d, self.hours.deadline_time, tzinfo=self.tz).astimezone(UTC)
            self._eod[o] = eod
        return eod

    def start_day(self, start: datetime | date) -> date:
        """The (uncounted) day a period starts from: the local day of ``start``, moved to the next
        working day when ``start`` is a time after working hours or on a non-working day."""
        if not isinstance(start, datetime):
            return start
        loc = self.local(start)
        d = loc.date()
        y = self._year(d.year)
        if y.flags[d.toordinal() - y.jan1] and loc.time() < self.hours.close:
            return d
        return self.next_working_day(d)

    # ---- counting --------------------------------------------------------------------------------

    def _nth_working_after(self, d: date, n: int) -> int:
        o, last = d.toordinal(), d.year + 1 + n // 200
        ords = self._cover(d.year, last)
        i = bisect_right(ords, o) + n - 1
        while i >= len(ords):
            last += 1
            ords = self._cover(d.year, last)
            i = bisect_right(ords, o) + n - 1
        return ords[i]

    def due_day(self, start: datetime | date, n: int, unit: str = "working_days") -> tuple[date, date]:
        """(start day, last day) of a period of ``n`` ``unit`` from ``start`` (fast path, no steps).

        ``unit`` is "working_days", "calendar_days" or "same_day" (n is then ignored)."""
        if n < 0:
            raise CalendarError("calendar.negative", value=n)
        d0 = self.start_day(start)
        if unit == "same_day" or n == 0:
            return d0, self.working_day_on_or_after(d0)
        if unit == "calendar_days":
            return d0, self.working_day_on_or_after(d0 + timedelta(days=n))
        if unit != "working_days":
            raise ValueError(f"unknown unit {unit!r}")
        return d0, date.fromordinal(self._nth_working_after(d0, n))

    def add_working_days(self, start: datetime | date, n: int) -> datetime:
        """The deadline (UTC) of a period of ``n`` working days from ``start``: the end of the ``n``-th
        working day after the start day (which is not counted). ``n == 0`` means within the day."""
        return self.end_of_day(self.due_day(start, n, "working_days")[1])

    def add_calendar_days(self, start: datetime | date, n: int) -> datetime:
        """The deadline (UTC) of a period of ``n`` calendar days: the end of the ``n``-th day after the
        start day, moved to the next working day when that day is not one (Điều 148)."""
        return self.end_of_day(self.due_day(start, n, "calendar_days")[1])

    def working_days_between(self, a: datetime | date, b: datetime | date) -> int:
        """The number of working days ``d`` with ``a < d <= b`` (local days; negative when ``b < a``).

        ``working_days_between(d, add_working_days(d, n)) == n`` for a working day ``d``."""
        da, db = self.local_date(a), self.local_date(b)
        if db < da:
            return -self.working_days_between(db, da)
        ords = self._cover(da.year, db.year)
        return bisect_right(ords, db.toordinal()) - bisect_right(ords, da.toordinal())

    # ---- provisional windows ---------------------------------------------------------------------

    def _announced(self, year: int, occasion: str, lo: date, hi: date) -> bool:
        if any(w.year == year and w.occasion == occasion for w in self.windows):
            return True
        return any(lo <= o.date <= hi for o in self._by_year.get(year, ()))

    def provisional_windows(self, year: int) -> list[tuple[date, date, str]]:
        """(first day, last day, occasion) of the provisional windows of ``year``: the days around Tết
        and Quốc khánh when that year's schedule is not announced (no window and no override in them).
        Years before the first year checked against the announcements have none."""
        return [(date.fromordinal(a), date.fromordinal(b), occ) for a, b, occ, _ in self._prov_windows(year)]

    def _prov_windows(self, year: int) -> tuple[tuple[int, int, str, int], ...]:
        cached = self._prov.get(year)
        if cached is not None:
            return cached
        out: list[tuple[int, int, str, int]] = []
        if self.first_checked_year is None or year >= self.first_checked_year:
            lny = _lunar_new_year(year)
            if lny is not None:
                lo, hi = lny - timedelta(days=TET_WINDOW_DAYS), lny + timedelta(days=TET_WINDOW_DAYS)
            else:  # Tết always falls between 21 January and 20 February
                lo, hi = date(year, 1, 11), date(year, 3, 2)
            if not self._announced(year, "tet", lo, hi):
                out.append((lo.toordinal(), hi.toordinal(), "tet", year))
            (m1, d1), (m2, d2) = QUOC_KHANH_WINDOW
            lo, hi = date(year, m1, d1), date(year, m2, d2)
            if not self._announced(year, "quoc_khanh", lo, hi):
                out.append((lo.toordinal(), hi.toordinal(), "quoc_khanh", year))
        result = tuple(out)
        self._prov[year] = result
        return result

    def _first_provisional(self) -> int:
        """A lower bound of every provisional day's ordinal (a fast test for most deadlines)."""
        first = self._first_prov
        if first is None:
            start = self.first_checked_year or 1
            first = date.max.toordinal()
            for year in range(start, start + 60):
                windows = self._prov_windows(year)
                if windows:
                    first = min(a for a, _, _, _ in windows)
                    break
            self._first_prov = first
        return first

    def is_provisional(self, d: date) -> bool:
        """True for a day inside a provisional window (see :meth:`provisional_windows`)."""
        o = d.toordinal()
        return any(a <= o <= b for a, b, _, _ in self._prov_windows(d.year))

    def span_is_provisional(self, start_day: date, due_day: date) -> bool:
        """True when the counted days of a period (after ``start_day`` up to ``due_day``; the day
        itself for a same-day period) touch a provisional window: the count may change once the
        schedule is announced."""
        b0 = due_day.toordinal()
        if b0 < self._first_provisional():
            return False
        a0 = start_day.toordinal() + (1 if due_day > start_day else 0)
        for year in range(start_day.year, due_day.year + 1):
            for a, b, _, _ in self._prov_windows(year):
                if a <= b0 and a0 <= b:
                    return True
        return False

    def provisional_window_in(self, first: date, last: date) -> tuple[date, date, str, int] | None:
        """The first provisional window that overlaps the days ``first``..``last``, if any."""
        a0, b0 = first.toordinal(), last.toordinal()
        for year in range(first.year, last.year + 1):
            for a, b, occ, y in self._prov_windows(year):
                if a <= b0 and a0 <= b:
                    return date.fromordinal(a), date.fromordinal(b), occ, y
        return None

    # ---- explanations ----------------------------------------------------------------------------

    def explain(self, start: datetime | date, n: int, unit: str = "working_days") -> Explanation:
        """Like :meth:`add_working_days` / :meth:`add_calendar_days`, with the steps that led there."""
        steps: list[Step] = []
        d0 = self.start_day(start)
        if isinstance(start, datetime):
            loc = self.local(start)
            steps.append(Step("calendar.step.received", {"time": loc.time(), "day": loc.date()}))
            if d0 != loc.date():
                if not self.is_working_day(loc.date()):
                    steps.append(
                        Step(
                            "calendar.step.non_working",
                            {"received": loc.date(), "name": self.why_not_working(loc.date()), "day": d0},
                        )
                    )
                else:
                    steps.append(Step("calendar.step.after_hours", {"close": self.hours.close, "day": d0}))
        else:
            steps.append(Step("calendar.step.event", {"day": start}))
        start_day, last = self.due_day(start, n, unit)
        if unit == "same_day" or n == 0:
            if last != d0:
                steps.append(
                    Step("calendar.step.last_day_off", {"day": d0, "name": self.why_not_working(d0), "next": last})
                )
            steps.append(Step("calendar.step.same_day", {"day": last}))
        else:
            steps.append(Step("calendar.step.start_not_counted", {"day": d0}))
            if unit == "calendar_days":
                nominal = d0 + timedelta(days=n)
                steps.append(Step("calendar.step.count_calendar", {"n": n, "day": nominal}))
                if nominal != last:
                    steps.append(
                        Step(
                            "calendar.step.last_day_off",
                            {"day": nominal, "name": self.why_not_working(nominal), "next": last},
                        )
                    )
            else:
                d = d0 + timedelta(days=1)
                while d <= last:
                    if d.weekday() < 5 and not self.is_working_day(d):
                        steps.append(Step("calendar.step.skipped", {"day": d, "name": self.why_not_working(d)}))
                    elif d.weekday() >= 5 and self.is_working_day(d):
                        info = self._year(d.year).special.get(d)
                        steps.append(Step("calendar.step.makeup", {"day": d, "name": info.name if info else ""}))
                    d += timedelta(days=1)
                steps.append(Step("calendar.step.count_working", {"n": n, "day": last}))
        due_at = self.end_of_day(last)
        steps.append(Step("calendar.step.deadline", {"time": self.hours.deadline_time, "day": last}))
        window = self.provisional_window_in(d0 + timedelta(days=1) if last > d0 else d0, last)
        if window is not None:
            occasion = Step(f"calendar.occasion.{window[2]}")
            steps.append(Step("calendar.step.provisional", {"occasion": occasion, "year": window[3]}))
        return Explanation(start_day, last, due_at, window is not None, tuple(steps))

    def check_windows(self) -> list[str]:
        """Problems between the announced windows and the days: a window day that is worked."""
        problems = []
        for w in self.windows:
            d = w.start
            while d <= w.end:
                if self.is_working_day(d):
                    problems.append(f"{d.isoformat()} is a working day inside the announced window {w.name}")
                d += timedelta(days=1)
        return problems


def _makeup_name(d: date, names: Mapping[date, str]) -> str:
    """A name for a make-up working day ``holidays`` knows about: the day it pays for, if named."""
    from console.i18n import t

    stamp = d.strftime("%d/%m/%Y")
    for off, name in names.items():
        if stamp in name:
            return f"{t('calendar.name.makeup', 'vi')} (cho ngày {off.strftime('%d/%m/%Y')})"
    return t("calendar.name.makeup", "vi")


_default: WorkingCalendar | None = None


def default_calendar() -> WorkingCalendar:
    """The shipped calendar with the state working hours (no workspace overrides), shared."""
    global _default
    if _default is None:
        _default = WorkingCalendar()
    return _default
