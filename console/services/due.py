"""Deadlines in the workspace: the working-day calendar (shipped announcements plus the workspace's
own), the deadline rules (shipped plus the workspace's), each item's due date, and their
administration with audit. The pure computation lives in :mod:`console.calendar` and
:mod:`console.deadlines`; this module feeds it from the database."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.calendar import (
    AnnouncedWindow,
    CalendarData,
    DayInfo,
    Override,
    WorkingCalendar,
    WorkingHours,
    load_calendar_file,
    parse_day,
    shipped_overrides,
    shipped_windows,
)
from console.deadlines import DEFAULT_RULES, UNITS, DeadlineRule, Due, RuleBook, due_for_item, merge_rules
from console.errors import InvalidInput, NotFound
from console.i18n import register
from console.permissions import Actor, check_admin, check_view
from console.text import clean
from console.workspace import Workspace
from models import Base, CalendarOverride, CalendarWindow, ContentType, DeadlineRuleSetting, Item, Revision, utcnow
from models.workflow import State

register(
    {
        "due.unknown_rule": ("Không có quy tắc thời hạn «{value}». Các quy tắc: {choices}.",
                             "No deadline rule “{value}”. Rules: {choices}."),
        "due.bad_unit": ("Đơn vị thời hạn «{value}» không hợp lệ; dùng một trong: {choices}.",
                         "Unknown deadline unit “{value}”; use one of: {choices}."),
        "due.bad_kind": ("Loại ngày «{value}» không hợp lệ; dùng off (nghỉ) hoặc workday (làm bù).",
                         "Unknown day kind “{value}”; use off or workday."),
        "due.csv_header": ("Tệp {path}: dòng tiêu đề phải là {columns}.", "File {path}: the header must be {columns}."),
        "due.csv_date": ("Tệp {path}, dòng {line}: ngày «{value}» không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY).",
                         "File {path}, line {line}: bad date “{value}” (YYYY-MM-DD or DD/MM/YYYY)."),
        "due.bad_hours": ("Giờ làm việc «{value}» không hợp lệ; đặt {env} dạng 08:00-12:00,13:00-17:00.",
                          "Working hours “{value}” are malformed; set {env} like 08:00-12:00,13:00-17:00."),
        "due.no_override": ("Không gian làm việc không có điều chỉnh lịch cho ngày {day}.",
                            "The workspace has no calendar entry for {day}."),
        "due.source_required": ("Cần ghi văn bản công bố (nguồn) của ngày {day}, ví dụ số thông báo của Bộ Nội vụ.",
                                "Name the announcement (source) for {day}, e.g. the Ministry of Home Affairs notice."),
    }
)

# Items whose deadline still matters: not yet approved (after approval, the clock has done its job).
OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.EDITING, State.BOARD_REVIEW, State.LEADERSHIP_REVIEW,
               State.RETURNED)


# ------------------------------------------------------------------------------ reading settings

@dataclass
class _Cache:
    stamp: tuple[Any, ...]
    calendar: WorkingCalendar
    book: RuleBook


_lock = threading.Lock()


def _rows(s: Session) -> tuple[Any, ...]:
    """The workspace's settings rows, as plain tuples: tens of rows, read on every use. Comparing
    them decides whether the (costlier) calendar and rule book must be rebuilt."""
    overrides = tuple(tuple(r) for r in s.execute(
        select(CalendarOverride.day, CalendarOverride.kind, CalendarOverride.name, CalendarOverride.source,
               CalendarOverride.checked).order_by(CalendarOverride.day)))
    windows = tuple(tuple(r) for r in s.execute(
        select(CalendarWindow.year, CalendarWindow.occasion, CalendarWindow.start, CalendarWindow.end,
               CalendarWindow.name, CalendarWindow.source, CalendarWindow.checked)
        .order_by(CalendarWindow.year, CalendarWindow.occasion)))
    rules = tuple(s.execute(select(DeadlineRuleSetting).order_by(DeadlineRuleSetting.key)).scalars())
    return overrides, windows, tuple(_rule_of(r) for r in rules)


ENV_HOURS = "VSS_CONSOLE_WORKING_HOURS"


def working_hours(value: str | None = None) -> WorkingHours | None:
    """The working day from ``VSS_CONSOLE_WORKING_HOURS`` ("07:30-11:30,13:00-16:30"), or ``None`` for
    the state schedule (8:00-12:00, 13:00-17:00). A malformed value is a clear error, not a guess."""
    import os
    from datetime import time

    raw = os.environ.get(ENV_HOURS, "") if value is None else value
    if not raw.strip():
        return None
    try:
        spans = [tuple(time.fromisoformat(x.strip()) for x in part.split("-")) for part in raw.split(",")]
        (m0, m1), (a0, a1) = spans  # type: ignore[misc]
        return WorkingHours(m0, m1, a0, a1)
    except ValueError:
        raise InvalidInput("due.bad_hours", value=raw, env=ENV_HOURS) from None


def _build(rows: tuple[Any, ...]) -> tuple[WorkingCalendar, RuleBook]:
    overrides, windows, rules, hours = rows
    cal = WorkingCalendar(
        [*shipped_overrides(), *(Override(d, k, n, src, chk, "workspace") for d, k, n, src, chk in overrides)],
        hours,
        windows=[*shipped_windows(), *(AnnouncedWindow(*w) for w in windows)],
    )
    return cal, RuleBook(merge_rules(DEFAULT_RULES, rules))


def _rule_of(row: DeadlineRuleSetting) -> DeadlineRule:
    return DeadlineRule.from_dict({c: getattr(row, c) for c in (
        "key", "content_types", "event", "event_field", "amount", "unit", "article", "name_vi", "name_en",
        "amount_min", "variant_of", "applies_when")})


def settings(ws: Workspace, s: Session | None = None) -> tuple[WorkingCalendar, RuleBook]:
    """The workspace's calendar and rule book, rebuilt only when an administrator changed them.
    The cache lives on the Workspace object, so two workspaces never share one."""
    if s is None:
        with ws.db.read() as session:
            return settings(ws, session)
    rows = (*_rows(s), working_hours())
    with _lock:
        cached = ws.cache.get("due")
        if isinstance(cached, _Cache) and cached.stamp == rows:
            return cached.calendar, cached.book
    cal, book = _build(rows)
    with _lock:
        ws.cache["due"] = _Cache(rows, cal, book)
    return cal, book


def working_calendar(ws: Workspace) -> WorkingCalendar:
    return settings(ws)[0]


def prepare(ws: Workspace, now: datetime | None = None) -> None:
    """Build the calendar of this year and the next now, in the background, rather than in the first queue
    page a person opens: the first build imports the ``holidays`` package (~0.1 s, every country it knows)."""
    cal = working_calendar(ws)
    today = cal.local_date(now or utcnow())
    for year in (today.year, today.year + 1):
        cal.is_working_day(date(year, 1, 2))


# ---------------------------------------------------------------------------------- due dates

def _due(book: RuleBook, cal: WorkingCalendar, rule_key: str, meta: Mapping[str, Any],
         received_at: datetime, now: datetime) -> Due:
    return due_for_item(rule_key, meta, received_at=received_at, calendar=cal, now=now, rules=book)


def refresh_item_due(ws: Workspace, s: Session, item: Item, meta: Mapping[str, Any]) -> None:
    """Set ``item.due_at`` from its content type's rule, its metadata and when it was received."""
    cal, book = settings(ws, s)
    rule_key = s.scalar(select(ContentType.deadline_rule).where(ContentType.code == item.content_type))
    if rule_key is None or rule_key not in book:
        item.due_at = None
        return
    received = item.submitted_at or item.created_at or utcnow()
    item.due_at = _due(book, cal, rule_key, meta, received, utcnow()).due_at


def recompute_open_items(ws: Workspace, s: Session) -> int:
    """Recompute the due dates of every open item (after the calendar or a rule changed)."""
    cal, book = settings(ws, s)
    rule_of = dict(s.execute(select(ContentType.code, ContentType.deadline_rule)).all())
    now = utcnow()
    rows = s.execute(
        select(Item.id, Item.content_type, Item.submitted_at, Item.created_at, Item.due_at, Revision.meta)
        .join(Revision, Revision.id == Item.current_revision_id)
        .where(Item.state.in_([st.value for st in OPEN_STATES]))
    ).all()
    changed = []
    for item_id, ctype, submitted, created, old, meta in rows:
        key = rule_of.get(ctype)
        new = _due(book, cal, key, meta or {}, submitted or created, now).due_at if key and key in book else None
        if new != old:
            changed.append({"id": item_id, "due_at": new})
    if changed:  # plain Core: a settings change is not an edit of the item (its version stays)
        from sqlalchemy import bindparam

        t = Base.metadata.tables["item"]
        s.execute(t.update().where(t.c.id == bindparam("b_id")).values(due_at=bindparam("b_due")),
                  [{"b_id": c["id"], "b_due": c["due_at"]} for c in changed])
    return len(changed)


@dataclass(frozen=True, slots=True)
class ItemDue:
    item_id: int
    title: str
    content_type: str
    rule_key: str
    due: Due


def item_due(ws: Workspace, actor: Actor, item_id: int, now: datetime | None = None) -> ItemDue:
    """The computation of one item's due date, with its steps (``deadline explain``)."""
    with ws.db.read() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFound("notfound.item", item=item_id)
        check_view(actor, item)
        cal, book = settings(ws, s)
        rule_key = s.scalar(select(ContentType.deadline_rule).where(ContentType.code == item.content_type)) or ""
        meta = s.scalar(select(Revision.meta).where(Revision.id == item.current_revision_id)) or {}
        received = item.submitted_at or item.created_at
        due = _due(book, cal, rule_key, meta, received, now or utcnow())
        return ItemDue(item.id, item.title, item.content_type, due.rule_key, due)


@dataclass(frozen=True, slots=True)
class DueMark:
    """What a queue shows for a stored due date: status, working days overdue, provisional."""

    status: str
    working_days_overdue: int
    provisional: bool


def marks(ws: Workspace, due_dates: list[datetime | None], now: datetime | None = None) -> list[DueMark]:
    from console.deadlines import status_at

    cal = working_calendar(ws)
    now = now or utcnow()
    out = []
    for due_at in due_dates:
        if due_at is None:
            out.append(DueMark("no_deadline", 0, False))
            continue
        day = cal.local_date(due_at)
        status, overdue = status_at(cal, due_at, day, now)
        out.append(DueMark(status, overdue, cal.is_provisional(day)))
    return out


# ------------------------------------------------------------------------------- administration

def calendar_days(ws: Workspace, year: int) -> list[DayInfo]:
    return working_calendar(ws).days(year)


def _override_checks(kind: str, source: str, day: date) -> None:
    if kind not in ("off", "workday"):
        raise InvalidInput("due.bad_kind", value=kind)
    if not source:
        raise InvalidInput("due.source_required", day=day.isoformat())


def set_override(ws: Workspace, actor: Actor, day: date, kind: str, name: str, source: str,
                 checked: date | None = None) -> int:
    """Add (or replace) the workspace's entry for one day; recomputes open items' due dates."""
    name, source = clean(name), clean(source)
    _override_checks(kind, source, day)
    if not name:
        raise InvalidInput("input.required", field="name")
    with ws.db.write() as s:
        check_admin(actor)
        row = s.execute(select(CalendarOverride).where(CalendarOverride.day == day)).scalar_one_or_none()
        if row is None:
            row = CalendarOverride(day=day, kind=kind, name=name, source=source, checked=checked or date.today(),
                                   created_by_id=actor.user_id)
            s.add(row)
        else:
            row.kind, row.name, row.source, row.checked = kind, name, source, checked or date.today()
        s.flush()
        moved = recompute_open_items(ws, s)
        audit.record(s, actor.user_id, actor.username, "calendar.set", "calendar", day.isoformat(), kind=kind,
                     name=name, source=source, items_recomputed=moved)
        return moved


def remove_override(ws: Workspace, actor: Actor, day: date) -> int:
    with ws.db.write() as s:
        check_admin(actor)
        row = s.execute(select(CalendarOverride).where(CalendarOverride.day == day)).scalar_one_or_none()
        if row is None:
            raise InvalidInput("due.no_override", day=day.isoformat())
        s.delete(row)
        s.flush()
        moved = recompute_open_items(ws, s)
        audit.record(s, actor.user_id, actor.username, "calendar.remove", "calendar", day.isoformat(),
                     items_recomputed=moved)
        return moved


def import_calendar(ws: Workspace, actor: Actor, path: Path) -> tuple[int, int, int]:
    """Load a calendar file (the shipped format: [[day]] and [[window]] tables) into the workspace.
    All or nothing: the first bad row refuses the whole file. Returns (days, windows, items moved)."""
    from console.submission import read_text

    text = read_text(path)  # any encoding a unit might send, as NFC
    data = _calendar_csv(text, path) if path.suffix.lower() == ".csv" else load_calendar_file(text, origin=str(path))
    with ws.db.write() as s:
        check_admin(actor)
        for o in data.overrides:
            _override_checks(o.kind, o.source, o.date)
            row = s.execute(select(CalendarOverride).where(CalendarOverride.day == o.date)).scalar_one_or_none()
            if row is None:
                s.add(CalendarOverride(day=o.date, kind=o.kind, name=o.name, source=o.source,
                                       checked=o.checked or date.today(), created_by_id=actor.user_id))
            else:
                row.kind, row.name, row.source, row.checked = o.kind, o.name, o.source, o.checked or date.today()
        for w in data.windows:
            row_w = s.execute(select(CalendarWindow).where(CalendarWindow.year == w.year,
                                                            CalendarWindow.occasion == w.occasion)).scalar_one_or_none()
            if row_w is None:
                s.add(CalendarWindow(year=w.year, occasion=w.occasion, start=w.start, end=w.end, name=w.name,
                                     source=w.source, checked=w.checked, created_by_id=actor.user_id))
            else:
                row_w.start, row_w.end, row_w.name, row_w.source, row_w.checked = (w.start, w.end, w.name, w.source,
                                                                                   w.checked)
        s.flush()
        moved = recompute_open_items(ws, s)
        audit.record(s, actor.user_id, actor.username, "calendar.import", "calendar", str(path.name),
                     days=len(data.overrides), windows=len(data.windows), items_recomputed=moved)
        return len(data.overrides), len(data.windows), moved


CSV_COLUMNS = ("date", "kind", "name", "source", "checked")


def _calendar_csv(text: str, path: Path) -> CalendarData:
    """Days from a CSV with the header ``date,kind,name,source[,checked]`` (as a spreadsheet exports).
    Each row goes through the same checks as the TOML file, so errors name the line."""
    import csv
    import io

    from console.calendar import dump_overrides

    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not set(CSV_COLUMNS[:4]) <= set(header) or not set(header) <= set(CSV_COLUMNS):
        raise InvalidInput("due.csv_header", path=path.name, columns=",".join(CSV_COLUMNS))
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        day = parse_day(row.get("date", ""))
        checked = parse_day(row["checked"]) if row.get("checked") else None
        if day is None or (row.get("checked") and checked is None):
            raise InvalidInput("due.csv_date", path=path.name, line=line, value=row.get("date", ""))
        rows.append(Override(day, row.get("kind", ""), row.get("name", ""), row.get("source", ""),  # type: ignore[arg-type]
                             checked, str(path)))
    # Round-trip through the TOML form: one validator for both formats.
    return load_calendar_file(dump_overrides(rows), origin=str(path))


def rules(ws: Workspace) -> list[tuple[DeadlineRule, bool]]:
    """Every rule in force, with whether the workspace changed it."""
    with ws.db.read() as s:
        own = set(s.scalars(select(DeadlineRuleSetting.key)))
        book = settings(ws, s)[1]
    return [(r, r.key in own) for r in book.by_key.values()]


def set_rule(ws: Workspace, actor: Actor, key: str, **changes: Any) -> int:
    """Change a rule for this workspace (amount, unit, event_field, article, names...)."""
    with ws.db.write() as s:
        check_admin(actor)
        book = settings(ws, s)[1]
        if key not in book:
            raise InvalidInput("due.unknown_rule", value=key, choices=", ".join(sorted(book.by_key)))
        if "unit" in changes and changes["unit"] not in UNITS:
            raise InvalidInput("due.bad_unit", value=changes["unit"], choices=", ".join(UNITS))
        try:
            rule = replace(book[key], **{k: v for k, v in changes.items() if v is not None})
        except (TypeError, ValueError) as exc:
            raise InvalidInput("input.invalid_rule", detail=str(exc)) from None
        row = s.get(DeadlineRuleSetting, key)
        values = rule.as_dict()
        values["content_types"] = list(rule.content_types)
        if row is None:
            row = DeadlineRuleSetting(**{k: v for k, v in values.items()}, updated_by_id=actor.user_id)
            s.add(row)
        else:
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_by_id = actor.user_id
        s.flush()
        moved = recompute_open_items(ws, s)
        audit.record(s, actor.user_id, actor.username, "deadline.set", "deadline_rule", key,
                     changes={k: v for k, v in changes.items() if v is not None}, items_recomputed=moved)
        return moved


def reset_rule(ws: Workspace, actor: Actor, key: str) -> int:
    with ws.db.write() as s:
        check_admin(actor)
        row = s.get(DeadlineRuleSetting, key)
        if row is None:
            raise InvalidInput("due.unknown_rule", value=key, choices="—")
        s.delete(row)
        s.flush()
        moved = recompute_open_items(ws, s)
        audit.record(s, actor.user_id, actor.username, "deadline.reset", "deadline_rule", key, items_recomputed=moved)
        return moved
