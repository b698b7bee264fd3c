"""Deadlines in the workspace: due dates stored at submission, recomputed when an administrator
changes the calendar or a rule, shown in queues, explained step by step."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from console.errors import InvalidInput, PermissionDenied
from console.services import due, items, queries
from console.timefmt import local
from models import AuditEvent
from tests.helpers import draft

LEGAL = {"category": "vi.3.1", "content_type": "legal_document"}


def _legal(env, cleared_on: str, title: str = "Nghị định về điều chỉnh lương hưu") -> int:
    meta = {"number": "75/2026/NĐ-CP", "issuer": "Chính phủ", "issued_on": "2026-02-10", "cleared_on": cleared_on}
    return items.create(env.ws, env.actor("lan"), draft(**LEGAL, title=title, meta=meta)).id


def _due_day(env, item_id: int) -> date | None:
    d = queries.item_detail(env.ws, env.actor("lan"), item_id).due_at
    return local(d).date() if d else None


def test_document_cleared_before_tet_is_due_after_it(env):
    # Cleared on Friday 13/2/2026; Tết Bính Ngọ keeps state bodies off 16-20/2 (and the weekends around):
    # one working day after the clearance is Monday 23/2/2026, at the close of the working day.
    i = _legal(env, "2026-02-13")
    detail = queries.item_detail(env.ws, env.actor("lan"), i)
    assert local(detail.due_at).date() == date(2026, 2, 23) and local(detail.due_at).hour == 17
    explained = due.item_due(env.ws, env.actor("lan"), i)
    assert explained.rule_key == "document_1wd" and explained.due.status == "overdue"
    lines = explained.due.explain("vi")
    assert any("Đ11" in line for line in lines) and any("23/02/2026" in line for line in lines)
    assert any("Overdue by" in line for line in explained.due.explain("en"))


def test_news_has_no_fixed_deadline(env):
    i = items.create(env.ws, env.actor("lan"), draft()).id
    assert _due_day(env, i) is None
    assert due.item_due(env.ws, env.actor("lan"), i).due.status == "no_deadline"


def test_an_announced_day_off_moves_open_deadlines_and_is_audited(env):
    i = _legal(env, "2027-03-04")  # Thursday -> due Friday 5/3/2027
    assert _due_day(env, i) == date(2027, 3, 5)
    with pytest.raises(PermissionDenied):
        due.set_override(env.ws, env.actor("minh"), date(2027, 3, 5), "off", "Nghỉ thêm", "Thông báo thử")
    with pytest.raises(InvalidInput):
        due.set_override(env.ws, env.actor("admin"), date(2027, 3, 5), "off", "Nghỉ thêm", "")
    moved = due.set_override(env.ws, env.actor("admin"), date(2027, 3, 5), "off", "Nghỉ thêm", "Thông báo 1/TB-BNV")
    assert moved == 1 and _due_day(env, i) == date(2027, 3, 8)
    assert date(2027, 3, 5) in {d.date for d in due.calendar_days(env.ws, 2027)}
    assert due.remove_override(env.ws, env.actor("admin"), date(2027, 3, 5)) == 1
    assert _due_day(env, i) == date(2027, 3, 5)
    with env.ws.db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "calendar")))
    assert actions == ["calendar.set", "calendar.remove"]


def test_a_workspace_rule_change_recomputes_and_reset_restores(env):
    i = _legal(env, "2027-03-04")
    assert due.set_rule(env.ws, env.actor("admin"), "document_1wd", amount=3) == 1
    assert _due_day(env, i) == date(2027, 3, 9)
    assert [changed for rule, changed in due.rules(env.ws) if rule.key == "document_1wd"] == [True]
    with pytest.raises(InvalidInput):
        due.set_rule(env.ws, env.actor("admin"), "no_such_rule", amount=3)
    with pytest.raises(InvalidInput):
        due.set_rule(env.ws, env.actor("admin"), "document_1wd", unit="fortnights")
    due.reset_rule(env.ws, env.actor("admin"), "document_1wd")
    assert _due_day(env, i) == date(2027, 3, 5)


def test_queue_rows_carry_the_status_and_the_dashboard_counts_overdue(env):
    late = _legal(env, "2026-02-13")
    soon = _legal(env, "2030-06-03", title="Thông tư mới")  # far in the future: on time
    rows = {r.id: r for r in queries.list_queue(env.ws, env.actor("minh"), "inbox")}
    assert rows[late].due_status == "overdue" and rows[late].working_days_overdue > 100
    assert rows[soon].due_status == "on_time"
    assert [r.id for r in queries.list_queue(env.ws, env.actor("minh"), "inbox")][:1] == [late]  # most urgent first
    board = {q.key: q for q in queries.dashboard(env.ws, env.actor("minh")).queues}
    assert board["overdue"].total == 1


def test_marks_flag_a_due_day_in_an_unannounced_tet(env):
    # Tết Đinh Mùi 2027 (6/2/2027) is not announced yet: a due day in its window is provisional.
    when = datetime(2027, 2, 8, 10, 0, tzinfo=UTC)
    (mark,) = due.marks(env.ws, [when], now=datetime(2027, 1, 4, tzinfo=UTC))
    assert mark.provisional and mark.status == "on_time"


def test_calendar_import_is_all_or_nothing(env, tmp_path):
    good = tmp_path / "lich.toml"
    good.write_text(
        'version = 1\n[[day]]\ndate = 2027-04-30\nkind = "off"\nname = "Nghỉ thêm"\nsource = "Thông báo 2/TB-BNV"\n'
        '[[day]]\ndate = 2027-05-08\nkind = "workday"\nname = "Làm bù"\nsource = "Thông báo 2/TB-BNV"\n',
        encoding="utf-8")
    bad = tmp_path / "sai.toml"
    bad.write_text('version = 1\n[[day]]\ndate = 2027-06-01\nkind = "off"\nname = "X"\nsource = "Y"\n'
                   '[[day]]\ndate = 2027-13-40\nkind = "off"\nname = "X"\nsource = "Y"\n', encoding="utf-8")
    with pytest.raises(InvalidInput):
        due.import_calendar(env.ws, env.actor("admin"), bad)
    assert date(2027, 6, 1) not in {d.date for d in due.calendar_days(env.ws, 2027)}
    n_days, n_windows, _ = due.import_calendar(env.ws, env.actor("admin"), good)
    assert (n_days, n_windows) == (2, 0)
    days = {d.date: d for d in due.calendar_days(env.ws, 2027)}
    assert days[date(2027, 5, 8)].working and not days[date(2027, 4, 30)].working


def test_calendar_import_from_a_spreadsheet_csv_in_a_legacy_encoding(env, tmp_path):
    from console import legacy

    text = ("date,kind,name,source\n"
            "30/04/2027,off,Nghỉ thêm dịp lễ,Thông báo 2/TB-BNV\n"
            "2027-05-08,workday,Làm việc bù,Thông báo 2/TB-BNV\n")
    path = tmp_path / "lich.csv"
    path.write_bytes(legacy.encode_tcvn3(text))  # a unit still on TCVN3
    assert due.import_calendar(env.ws, env.actor("admin"), path)[:2] == (2, 0)
    days = {d.date: d for d in due.calendar_days(env.ws, 2027)}
    assert days[date(2027, 5, 8)].name == "Làm việc bù"
    bad = tmp_path / "sai.csv"
    bad.write_text("ngay,loai\n2027-05-08,off\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        due.import_calendar(env.ws, env.actor("admin"), bad)
    assert err.value.key == "due.csv_header"
    worse = tmp_path / "te.csv"
    worse.write_text("date,kind,name,source\n2027-02-30,off,X,Y\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        due.import_calendar(env.ws, env.actor("admin"), worse)
    assert err.value.key == "due.csv_date" and "2" in err.value.message("en")


def test_the_cached_calendar_follows_every_change(env):
    admin = env.actor("admin")
    due.set_override(env.ws, admin, date(2027, 3, 5), "off", "Nghỉ thêm", "TB 1")
    due.remove_override(env.ws, admin, date(2027, 3, 5))
    due.set_override(env.ws, admin, date(2027, 3, 12), "off", "Nghỉ thêm", "TB 2")  # same count, same version
    cal = due.working_calendar(env.ws)
    assert cal.is_working_day(date(2027, 3, 5)) and not cal.is_working_day(date(2027, 3, 12))


def test_working_hours_are_configurable(env, monkeypatch):
    vn = UTC  # times below are given in UTC; Asia/Ho_Chi_Minh is UTC+7
    with pytest.raises(InvalidInput):
        due.working_hours("8h-12h")
    assert due.working_hours("07:30-11:30,13:00-16:30").afternoon_end.hour == 16
    # 16:45 local on Thursday 4/3/2027: inside the state day, after a 16:30 close.
    received = datetime(2027, 3, 4, 9, 45, tzinfo=vn)
    cal = due.working_calendar(env.ws)
    assert cal.start_day(received) == date(2027, 3, 4)
    monkeypatch.setenv(due.ENV_HOURS, "07:30-11:30,13:00-16:30")
    cal = due.working_calendar(env.ws)
    assert cal.start_day(received) == date(2027, 3, 5)


def test_prepare_builds_this_year_and_the_next_ahead_of_the_first_queue(sqlite_env):
    from datetime import UTC, datetime

    from console.services import due

    due.prepare(sqlite_env.ws, datetime(2026, 11, 26, 2, 0, tzinfo=UTC))
    cal = due.working_calendar(sqlite_env.ws)
    assert {2026, 2027} <= set(cal._years)  # built once, kept on the workspace's calendar
    assert due.working_calendar(sqlite_env.ws) is cal
