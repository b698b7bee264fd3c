"""The Vietnamese working-day calendar: known days, Civil Code counting, provisional years, the override file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.calendar import (
    SHIPPED_FILE,
    AnnouncedWindow,
    CalendarFileError,
    Override,
    WorkingCalendar,
    WorkingHours,
    _base_year,
    dump_overrides,
    load_calendar_file,
    load_overrides,
    shipped_overrides,
    shipped_windows,
)
from console.errors import InvalidInput

VN = timezone(timedelta(hours=7))
CAL = WorkingCalendar()
BARE = WorkingCalendar(overrides=[], windows=[])  # the `holidays` package alone


def vn(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """A moment in Vietnam time, converted to UTC as the database stores it."""
    return datetime(y, m, d, hh, mm, tzinfo=VN).astimezone(UTC)


def due_local(dt: datetime) -> datetime:
    return dt.astimezone(VN).replace(tzinfo=None)


# --------------------------------------------------------------------------------------------------
# Known days.


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2025: Tết Ất Tỵ 25/1-2/2 (Thông báo 6150/TB-BLĐTBXH); 30/4-1/5 with the swap 2/5 <-> Sat 26/4;
        # Quốc khánh 30/8-2/9.
        (date(2025, 1, 1), False),
        (date(2025, 1, 24), True),
        (date(2025, 1, 27), False),
        (date(2025, 1, 29), False),
        (date(2025, 1, 31), False),
        (date(2025, 2, 3), True),
        (date(2025, 4, 7), False),  # Giỗ Tổ Hùng Vương, Monday
        (date(2025, 4, 26), True),  # make-up Saturday
        (date(2025, 4, 30), False),
        (date(2025, 5, 1), False),
        (date(2025, 5, 2), False),  # swapped day off
        (date(2025, 5, 5), True),
        (date(2025, 8, 29), True),
        (date(2025, 9, 1), False),
        (date(2025, 9, 2), False),
        (date(2025, 9, 3), True),
        # 2026: New Year 1/1-4/1 with the swap 2/1 <-> Sat 10/1 (12729/VPCP-KGVX); Tết Bính Ngọ 14/2-22/2
        # and Quốc khánh 29/8-2/9 with the swap 31/8 <-> Sat 22/8 (Thông báo 9441/TB-BNV).
        (date(2026, 1, 1), False),
        (date(2026, 1, 2), False),
        (date(2026, 1, 3), False),
        (date(2026, 1, 5), True),
        (date(2026, 1, 10), True),  # make-up Saturday
        (date(2026, 2, 13), True),
        (date(2026, 2, 16), False),
        (date(2026, 2, 17), False),
        (date(2026, 2, 20), False),
        (date(2026, 2, 21), False),
        (date(2026, 2, 23), True),
        (date(2026, 4, 27), False),  # Giỗ Tổ falls on Sunday 26/4: nghỉ bù on Monday
        (date(2026, 4, 28), True),
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2026, 8, 22), True),  # make-up Saturday
        (date(2026, 8, 28), True),
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam (source unconfirmed, see docs/calendar.md)
        (date(2026, 11, 25), True),
        # Plain weeks.
        (date(2026, 3, 6), True),
        (date(2026, 3, 7), False),
        (date(2026, 3, 8), False),
    ],
)
def test_known_days(day, working):
    assert CAL.is_working_day(day) is working


def test_holiday_names_are_vietnamese_whatever_the_locale(monkeypatch):
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(var, "en_US.UTF-8")
    _base_year.cache_clear()
    try:
        assert BARE.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
        assert BARE.holiday_name(date(2025, 9, 2)) == "Quốc khánh"
        assert BARE.holiday_name(date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"
        assert BARE.holiday_name(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
        assert BARE.holiday_name(date(2025, 1, 1)) == "Tết Dương lịch"
    finally:
        _base_year.cache_clear()


def test_holiday_name_prefers_the_announcement_and_is_none_on_working_days():
    assert CAL.holiday_name(date(2026, 2, 17)) == "Tết Nguyên đán Bính Ngọ (mùng 1 tháng Giêng)"
    assert CAL.holiday_name(date(2026, 1, 2)).startswith("Nghỉ hoán đổi dịp Tết Dương lịch")
    assert CAL.holiday_name(date(2026, 3, 6)) is None
    assert CAL.holiday_name(date(2026, 3, 7)) is None  # a plain Saturday has no name
    assert CAL.holiday_name(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"  # on a Sunday, still named


def test_what_holidays_alone_misses_in_2026():
    # The 2026 New Year swap is the announcement's, not the package's.
    assert BARE.is_working_day(date(2026, 1, 2))
    assert not BARE.is_working_day(date(2026, 1, 10))
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 10))


def test_days_of_2026_list_days_off_and_make_up_days_with_sources():
    days = CAL.days(2026)
    assert [d.date for d in days] == sorted(d.date for d in days)
    by_day = {d.date: d for d in days}
    assert by_day[date(2026, 1, 10)].kind == "workday" and by_day[date(2026, 1, 10)].working
    assert by_day[date(2026, 1, 10)].source == "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
    assert by_day[date(2026, 8, 22)].source == "Thông báo 9441/TB-BNV ngày 16/10/2025"
    assert by_day[date(2026, 2, 16)].kind == "off" and not by_day[date(2026, 2, 16)].working
    assert by_day[date(2026, 4, 27)].kind == "holiday" and by_day[date(2026, 4, 27)].origin == "holidays"
    assert by_day[date(2026, 11, 24)].source.startswith("unconfirmed:")
    for d in days:
        assert d.source and d.name
        # Only non-working weekdays and working weekend days.
        assert (d.date.weekday() < 5) != d.working
    assert date(2026, 4, 26) not in by_day  # a holiday on a Sunday changes no working day...
    with_weekends = {d.date for d in CAL.days(2026, include_weekend_holidays=True)}
    assert date(2026, 4, 26) in with_weekends  # ...but can be shown
    assert by_day[date(2026, 1, 10)].as_dict()["weekday"] == 6


def test_days_of_2025():
    days = {d.date: d for d in CAL.days(2025)}
    assert days[date(2025, 4, 26)].kind == "workday"
    assert days[date(2025, 5, 2)].kind == "off"
    assert "6150/TB-BLĐTBXH" in days[date(2025, 1, 29)].source
    assert len([d for d in days.values() if not d.working]) == 12  # 1/1, 27-31/1, 7/4, 30/4-2/5, 1-2/9


def test_shipped_windows_agree_with_the_days():
    assert CAL.check_windows() == []
    years = {(w.year, w.occasion) for w in shipped_windows()}
    assert {(2025, "tet"), (2025, "quoc_khanh"), (2026, "tet"), (2026, "quoc_khanh")} <= years


def test_every_shipped_row_has_a_source_and_a_check_date():
    rows = shipped_overrides()
    assert len(rows) >= 20
    for o in rows:
        assert o.source.strip() and o.checked is not None and o.origin == "shipped"
        assert o.checked <= date(2026, 11, 25)
    assert {o.date.year for o in rows} == {2025, 2026}


def test_workspace_overrides_win_over_shipped_ones():
    extra = Override(date(2026, 2, 16), "workday", "Trực Tết", "Quyết định nội bộ 1/QĐ-BHXH", date(2026, 2, 1))
    cal = WorkingCalendar([*shipped_overrides(), extra])
    assert cal.is_working_day(date(2026, 2, 16))
    info = cal.day_info(date(2026, 2, 16))
    assert info is not None and info.kind == "workday" and info.source == "Quyết định nội bộ 1/QĐ-BHXH"
    off = Override(date(2026, 8, 22), "off", "Huỷ làm bù", "Thông báo thử", None, "workspace")
    cal = WorkingCalendar([*shipped_overrides(), off])
    assert not cal.is_working_day(date(2026, 8, 22))
    assert cal.day_info(date(2026, 8, 22)) is None  # a Saturday off is a plain Saturday


# --------------------------------------------------------------------------------------------------
# Civil Code counting (Art. 147-148).


def test_the_start_day_is_not_counted():
    assert due_local(CAL.add_working_days(vn(2026, 3, 2, 9), 1)) == datetime(2026, 3, 3, 17, 0)
    assert due_local(CAL.add_working_days(date(2026, 3, 2), 3)) == datetime(2026, 3, 5, 17, 0)
    assert CAL.add_working_days(date(2026, 3, 2), 1) == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def test_a_period_ending_on_a_saturday_ends_on_monday():
    # 10 calendar days from Wednesday 4/3/2026 end on Saturday 14/3: the next working day is Monday 16/3.
    assert due_local(CAL.add_calendar_days(date(2026, 3, 4), 10)) == datetime(2026, 3, 16, 17, 0)
    # Ending on a working day stays there.
    assert due_local(CAL.add_calendar_days(date(2026, 3, 2), 10)) == datetime(2026, 3, 12, 17, 0)


def test_across_tet():
    # Cleared on Friday 13/2/2026, just before Tết: 1 working day is Monday 23/2.
    assert due_local(CAL.add_working_days(date(2026, 2, 13), 1)) == datetime(2026, 2, 23, 17, 0)
    assert due_local(CAL.add_working_days(date(2025, 1, 24), 2)) == datetime(2025, 2, 4, 17, 0)
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


def test_across_quoc_khanh_and_its_make_up_saturday():
    assert due_local(CAL.add_working_days(vn(2026, 8, 28, 10, 30), 1)) == datetime(2026, 9, 3, 17, 0)
    # Received Friday 21/8/2026: the next working day is the make-up Saturday 22/8.
    assert due_local(CAL.add_working_days(vn(2026, 8, 21, 10), 1)) == datetime(2026, 8, 22, 17, 0)
    assert due_local(CAL.add_working_days(vn(2025, 8, 29, 10), 1)) == datetime(2025, 9, 3, 17, 0)


def test_across_the_new_year_swap_of_2026():
    assert due_local(CAL.add_working_days(date(2025, 12, 31), 1)) == datetime(2026, 1, 5, 17, 0)
    assert due_local(CAL.add_working_days(date(2026, 1, 9), 1)) == datetime(2026, 1, 10, 17, 0)


def test_received_after_working_hours_counts_from_the_next_working_day():
    # Thursday 5/3/2026 at 16:59: the start day is Thursday, 1 working day is Friday.
    assert due_local(CAL.add_working_days(vn(2026, 3, 5, 16, 59), 1)) == datetime(2026, 3, 6, 17, 0)
    # At 17:30 it is treated as received on Friday, so 1 working day is Monday.
    assert due_local(CAL.add_working_days(vn(2026, 3, 5, 17, 30), 1)) == datetime(2026, 3, 9, 17, 0)
    assert CAL.start_day(vn(2026, 3, 5, 17, 0)) == date(2026, 3, 6)
    # Early in the morning is the same day.
    assert CAL.start_day(vn(2026, 3, 5, 6, 0)) == date(2026, 3, 5)


def test_received_on_a_sunday_or_a_holiday():
    assert CAL.start_day(vn(2026, 3, 8, 10)) == date(2026, 3, 9)
    assert due_local(CAL.add_working_days(vn(2026, 3, 8, 10), 1)) == datetime(2026, 3, 10, 17, 0)
    assert CAL.start_day(vn(2026, 2, 17, 10)) == date(2026, 2, 23)  # mùng 1 Tết
    # A metadata date (no time) on a Sunday is the event day itself; counting starts the day after.
    assert due_local(CAL.add_working_days(date(2026, 3, 8), 1)) == datetime(2026, 3, 9, 17, 0)


def test_days_are_decided_in_vietnam_time():
    # 09:59 UTC is 16:59 in Hà Nội (in hours); 10:00 UTC is 17:00 (after hours).
    assert CAL.start_day(datetime(2026, 3, 5, 9, 59, tzinfo=UTC)) == date(2026, 3, 5)
    assert CAL.start_day(datetime(2026, 3, 5, 10, 0, tzinfo=UTC)) == date(2026, 3, 6)
    # 18:00 UTC on Thursday is 01:00 on Friday in Hà Nội.
    assert CAL.start_day(datetime(2026, 3, 5, 18, 0, tzinfo=UTC)) == date(2026, 3, 6)
    assert CAL.local_date(datetime(2026, 3, 5, 18, 0, tzinfo=UTC)) == date(2026, 3, 6)


def test_within_the_day():
    assert due_local(CAL.add_working_days(date(2026, 3, 5), 0)) == datetime(2026, 3, 5, 17, 0)
    assert due_local(CAL.add_working_days(date(2026, 3, 7), 0)) == datetime(2026, 3, 9, 17, 0)
    assert due_local(CAL.add_working_days(vn(2026, 3, 5, 17, 30), 0)) == datetime(2026, 3, 6, 17, 0)


def test_naive_times_and_negative_periods_are_refused():
    with pytest.raises(InvalidInput):
        CAL.add_working_days(datetime(2026, 3, 5, 10, 0), 1)
    with pytest.raises(InvalidInput):
        CAL.add_working_days(date(2026, 3, 5), -1)


def test_working_hours_are_configurable():
    hours = WorkingHours(morning_start=time(7, 30), morning_end=time(11, 30), afternoon_start=time(13, 0),
                         afternoon_end=time(16, 30))
    cal = WorkingCalendar(hours=hours)
    assert cal.start_day(vn(2026, 3, 5, 16, 45)) == date(2026, 3, 6)
    assert due_local(cal.add_working_days(date(2026, 3, 5), 1)) == datetime(2026, 3, 6, 16, 30)
    assert WorkingHours().hours_per_day() == STATE_HOURS_PER_DAY
    with pytest.raises(ValueError):
        WorkingHours(morning_start=time(13, 0))


STATE_HOURS_PER_DAY = 8.0  # 40-hour week (Quyết định 188/1999/QĐ-TTg)


def test_next_and_previous_working_day():
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CAL.next_working_day(date(2026, 1, 9)) == date(2026, 1, 10)
    assert CAL.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert CAL.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # across years


def test_working_days_between():
    assert CAL.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert CAL.working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert CAL.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5
    assert CAL.working_days_between(date(2025, 12, 31), date(2027, 1, 1)) > 240


def test_long_periods_cross_several_years():
    due = CAL.add_working_days(date(2025, 1, 2), 600)
    assert CAL.working_days_between(date(2025, 1, 2), due) == 600
    assert CAL.is_working_day(CAL.local_date(due))


def test_explain_lists_the_skipped_days_in_both_languages():
    ex = CAL.explain(date(2026, 2, 13), 1)
    assert ex.due_day == date(2026, 2, 23) and not ex.provisional
    vi, en = ex.lines("vi"), ex.lines("en")
    assert len(vi) == len(en) and vi != en
    assert any("Tết Nguyên đán Bính Ngọ (mùng 1 tháng Giêng)" in line for line in vi)
    assert any("Art. 147" in line for line in en) and any("Điều 147" in line for line in vi)
    assert en[-1] == "Deadline: 17:00 on Mon 23/02/2026 (end of the working day)."
    ex = CAL.explain(vn(2026, 1, 9, 17, 30), 1)
    assert ex.due_day == date(2026, 1, 12)  # deemed received on Saturday 10/1 (make-up day)
    assert any("after working hours" in line for line in ex.lines("en"))
    ex = CAL.explain(date(2026, 3, 4), 10, "calendar_days")
    assert any("Art. 148" in line for line in ex.lines("en"))
    ex = CAL.explain(vn(2026, 3, 8, 10), 0, "same_day")
    assert "weekly rest day" in " ".join(ex.lines("en"))
    ex = CAL.explain(date(2026, 1, 8), 2)
    assert any("make-up working day" in line for line in ex.lines("en"))


# --------------------------------------------------------------------------------------------------
# Provisional years.


def test_2027_tet_and_national_day_are_provisional():
    assert CAL.is_provisional(date(2027, 2, 6))  # mùng 1 Tết Đinh Mùi
    assert CAL.is_provisional(date(2027, 2, 10))
    assert CAL.is_provisional(date(2027, 9, 2))
    assert not CAL.is_provisional(date(2027, 6, 1))
    assert not CAL.is_provisional(date(2026, 2, 17))
    assert not CAL.is_provisional(date(2025, 1, 29))
    assert CAL.provisional_windows(2024) == []  # before the first year checked
    windows = CAL.provisional_windows(2027)
    assert [w[2] for w in windows] == ["tet", "quoc_khanh"]
    assert windows[0][0] <= date(2027, 2, 4) and windows[0][1] >= date(2027, 2, 10)
    info = CAL.day_info(date(2027, 2, 9))
    assert info is not None and info.provisional


def test_a_period_running_through_an_unannounced_tet_is_provisional():
    ex = CAL.explain(date(2027, 1, 29), 10)
    assert ex.provisional and ex.due_day > date(2027, 2, 16)  # due after the window, counted through it
    assert "provisional" in ex.lines("en")[-1]
    assert CAL.span_is_provisional(date(2027, 1, 29), ex.due_day)
    assert not CAL.span_is_provisional(date(2027, 3, 1), date(2027, 3, 5))
    assert not CAL.explain(date(2026, 2, 13), 1).provisional


def test_announcing_2027_in_the_workspace_ends_the_provisional_window():
    announced = Override(date(2027, 2, 4), "off", "Tết Đinh Mùi", "Thông báo (thử)/TB-BNV", date(2026, 11, 25))
    cal = WorkingCalendar([*shipped_overrides(), announced])
    assert not cal.is_provisional(date(2027, 2, 6))
    assert cal.is_provisional(date(2027, 9, 2))
    window = AnnouncedWindow(2027, "quoc_khanh", date(2027, 9, 2), date(2027, 9, 5), "Quốc khánh", "Thông báo thử")
    cal = WorkingCalendar(windows=[*shipped_windows(), window])
    assert not cal.is_provisional(date(2027, 9, 2))


# --------------------------------------------------------------------------------------------------
# The override file.

GOOD = """\
version = 1

[[day]]
date = 2027-02-04
kind = "off"
name = "Tết Đinh Mùi"
source = "Thông báo 1/TB-BNV"
checked = 2026-11-25

[[day]]
date = "2027-02-13"
kind = "workday"
name = "Làm bù"
source = "Thông báo 1/TB-BNV"
"""


def test_a_good_file_loads():
    rows = load_overrides(GOOD)
    assert [(o.date, o.kind) for o in rows] == [(date(2027, 2, 4), "off"), (date(2027, 2, 13), "workday")]
    assert rows[0].checked == date(2026, 11, 25) and rows[1].checked is None


def _error(text: str) -> CalendarFileError:
    with pytest.raises(CalendarFileError) as info:
        load_overrides(text)
    return info.value


def test_a_bad_date_names_its_line_and_entry():
    err = _error(GOOD.replace('"2027-02-13"', '"2027-02-30"'))
    assert err.key == "calendar.file.bad_date"
    assert err.params["line"] == 10 and err.params["row"] == 2 and err.params["value"] == "2027-02-30"
    assert "Line 10" in err.message("en") and "Dòng 10" in err.message("vi")


@pytest.mark.parametrize(
    ("change", "key", "field"),
    [
        (('kind = "workday"', 'kind = "holiday"'), "calendar.file.bad_kind", None),
        (('source = "Thông báo 1/TB-BNV"\n', ""), "calendar.file.missing", "source"),
        (('name = "Làm bù"', 'name = "  "'), "calendar.file.empty", "name"),
        (('name = "Làm bù"', 'name = "Làm bù"\nsoruce = "x"'), "calendar.file.unknown_field", "soruce"),
        (('"2027-02-13"', "2027-02-04"), "calendar.file.duplicate", None),
        (('"2027-02-13"', "2027-02-13T08:00:00"), "calendar.file.bad_date", "date"),
        (('"2027-02-13"', "20270213"), "calendar.file.bad_date", "date"),
        (('name = "Làm bù"', "name = 5"), "calendar.file.bad_text", "name"),
    ],
)
def test_row_errors(change, key, field):
    old, new = change
    text = GOOD[::-1].replace(old[::-1], new[::-1], 1)[::-1]  # change the second entry
    err = _error(text)
    assert err.key == key
    assert err.params["row"] == 2 and err.params["line"] == 10
    if field:
        assert err.params["field"] == field
    if key == "calendar.file.duplicate":
        assert err.params["other"] == 1
    for lang in ("vi", "en"):
        assert "{" not in err.message(lang)


def test_file_level_errors(tmp_path):
    assert _error("[[day]\n").key == "calendar.file.syntax"
    assert _error("[[days]]\ndate = 2026-01-01\n").key == "calendar.file.unknown_table"
    assert _error("day = 5\n").key == "calendar.file.not_a_table"
    window = (
        '[[window]]\nyear = 2027\noccasion = "tet"\nstart = 2027-02-10\nend = 2027-02-01\nname = "x"\nsource = "y"\n'
    )
    assert _error(window).key == "calendar.file.bad_window"
    assert _error(window.replace('"tet"', '"trung_thu"')).key == "calendar.file.bad_kind"
    with pytest.raises(CalendarFileError) as info:
        load_calendar_file(tmp_path / "missing.toml")
    assert info.value.key == "calendar.file.not_found"
    path = tmp_path / "ok.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_overrides(path)) == 2
    assert len(load_overrides(str(path))) == 2
    assert load_overrides(path)[0].origin == str(path)


def test_dates_may_be_written_day_first():
    text = GOOD.replace('"2027-02-13"', '"13/02/2027"')
    assert load_overrides(text)[1].date == date(2027, 2, 13)


def test_the_shipped_file_round_trips():
    data = load_calendar_file(SHIPPED_FILE, origin="shipped")
    again = load_calendar_file(dump_overrides(data.overrides, data.windows), origin="shipped")
    assert again == data


_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.sampled_from(["off", "workday"]), _texts, _texts),
        max_size=8,
        unique_by=lambda r: r[0],
    )
)
def test_dump_then_load_gives_the_same_rows(rows):
    import unicodedata

    overrides = [Override(d, k, unicodedata.normalize("NFC", n).strip(), unicodedata.normalize("NFC", s).strip(),
                          None) for d, k, n, s in rows]
    overrides = [o for o in overrides if o.name and o.source]
    loaded = load_overrides(dump_overrides(overrides))
    assert loaded == sorted(overrides, key=lambda o: o.date)


# --------------------------------------------------------------------------------------------------
# Properties.

_moments = st.datetimes(datetime(2024, 6, 1), datetime(2028, 6, 30), timezones=st.just(UTC))


@settings(max_examples=200, deadline=None)
@given(_moments, _moments, st.integers(0, 60))
def test_add_working_days_is_monotonic_in_the_start(a, b, n):
    a, b = min(a, b), max(a, b)
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)
    assert CAL.add_calendar_days(a, n) <= CAL.add_calendar_days(b, n)


@settings(max_examples=200, deadline=None)
@given(_moments, st.integers(0, 60))
def test_the_result_is_always_the_end_of_a_working_day(start, n):
    for due in (CAL.add_working_days(start, n), CAL.add_calendar_days(start, n)):
        local = due.astimezone(VN)
        assert CAL.is_working_day(local.date())
        assert local.time() == time(17, 0)
        assert due > start or n == 0


@settings(max_examples=200, deadline=None)
@given(_moments, st.integers(1, 60))
def test_adding_n_then_counting_back_gives_n(start, n):
    due = CAL.add_working_days(start, n)
    assert CAL.working_days_between(CAL.start_day(start), due) == n
    assert CAL.working_days_between(due, CAL.start_day(start)) == -n


@settings(max_examples=100, deadline=None)
@given(st.dates(date(2024, 6, 1), date(2028, 6, 30)), st.integers(1, 30))
def test_date_starts_count_from_the_next_day(day, n):
    due_day = CAL.local_date(CAL.add_working_days(day, n))
    assert CAL.working_days_between(day, due_day) == n
    assert CAL.working_days_between(day, CAL.previous_working_day(due_day)) == n - 1


# --------------------------------------------------------------------------------------------------




def test_a_calendar_shared_between_threads_gives_the_same_answers():
    from concurrent.futures import ThreadPoolExecutor

    starts = [date(2024, 7, 1) + timedelta(days=7 * i) for i in range(150)]
    expected = [CAL.add_working_days(d, 15) for d in starts]
    fresh = WorkingCalendar()
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda d: fresh.add_working_days(d, 15), reversed(starts)))
    assert list(reversed(got)) == expected
