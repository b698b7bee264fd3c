"""Board approval sessions (phiên duyệt, issue 8): planned with an agenda, opened with a quorum, walked entry by
entry (decided, deferred, noted), closed into minutes (biên bản) that are kept unchangeable.

The rules, in one place:

- **Who chairs**: the Board head, or a Board member holding a delegation in force that covers everything (no
  category or type limits): the session is then chaired on the head's behalf (``on_behalf_of_id``).
- **Plan**: title, day, place, who attends and who is absent (with a reason), the quorum rule, and an agenda —
  by default everything awaiting the Board (submissions and tree proposals), entries deferred by earlier
  sessions first, then by due date. While planned the agenda can be filtered and reordered; items can be added
  while it is open too.
- **Quorum** (opening): ``majority`` (more than half of the Board's members present), ``two_thirds`` or
  ``all``. Counted over the people who hold a Board role.
- **Decisions** are taken through ``items.decide`` (the same rules: separation of duties, reasons, delegations),
  by a present Board member, stamped with the session (``Decision.session_id``), and the entry records them in
  the same transaction. **Defer** moves an entry to a later session, with a reason.
- **Close** (the chair): entries still pending are deferred ("not reached"); the minutes are made as frozen data
  (``console.minutes``) with the next number of the year, ``N/BB-BBT``, and their sha256; the session is closed
  and the ORM refuses any later change. Markdown, ODT and DOCX are made from the frozen data, always the same.
- **Resume**: everything is in the database as it happens; an interrupted session is simply opened again.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit, minutes
from console.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from console.i18n import register, t
from console.permissions import Actor
from console.services import delegation
from console.services.people import get_user
from console.text import clean
from console.workspace import Workspace
from models import (
    AgendaEntry,
    ApprovalSession,
    ContentType,
    Decision,
    Delegation,
    EntryStatus,
    Item,
    Membership,
    SessionAttendance,
    SessionStatus,
    Unit,
    User,
    utcnow,
)
from models.workflow import ACTION_LABELS, BOARD, Action, Role, State

QUORUM_RULES = ("majority", "two_thirds", "all")

register({
    "session.not_chair": (
        "{user} không chủ trì được phiên duyệt: cần là Trưởng Ban Biên tập hoặc được Trưởng Ban ủy quyền toàn bộ.",
        "{user} cannot chair a session: only the Board head, or a member the head delegated everything to.",
    ),
    "session.not_board": ("{user} không phải thành viên Ban Biên tập.", "{user} is not a member of the Board."),
    "session.title": ("Phiên duyệt cần có tiêu đề.", "A session needs a title."),
    "session.quorum_rule": ("Quy tắc số lượng tối thiểu phải là một trong: {rules}.",
                            "The quorum rule must be one of: {rules}."),
    "session.no_quorum": (
        "Chưa đủ số lượng tối thiểu: có mặt {present}/{members} thành viên, cần {required} ({rule}).",
        "No quorum: {present} of {members} members present, {required} needed ({rule}).",
    ),
    "session.quorum_met": (
        "Có mặt {present}/{members} thành viên Ban Biên tập, đủ số lượng tối thiểu ({required}).",
        "{present} of {members} Board members present; the quorum ({required}) is met.",
    ),
    "session.not_found": ("Không có phiên duyệt #{id}.", "There is no session #{id}."),
    "session.status": ("Phiên #{id} đang ở trạng thái «{status}»; không làm được việc này.",
                       "Session #{id} is “{status}”; that cannot be done now."),
    "session.not_waiting": ("#{item} không chờ Ban Biên tập duyệt.", "#{item} is not awaiting the Board."),
    "session.entry": ("Phiên #{id} không có mục #{entry} trong chương trình.",
                      "Session #{id} has no agenda entry #{entry}."),
    "session.entry_done": ("Mục #{entry} đã được xử lý.", "Agenda entry #{entry} was already dealt with."),
    "session.not_present": ("{user} không có mặt trong phiên #{id}.", "{user} is not present in session #{id}."),
    "session.defer_reason": ("Hoãn cần có lý do.", "Deferring needs a reason."),
    "session.not_reached": ("Chưa xem xét trong phiên", "Not reached in the session"),
    "session.deferred": ("Hoãn sang phiên sau", "Deferred to a later session"),
    "session.correction_text": ("Cần nội dung đính chính.", "A correction needs its text."),
    "session.format": ("Không có định dạng «{value}»: chọn md, odt hoặc docx.",
                       "No format “{value}”: choose md, odt or docx."),
    "session.for_head": ("thay mặt {head}", "on behalf of {head}"),
    "session.agenda_items": ("Chương trình phải gồm đúng các mục đang có: {missing}.",
                             "The agenda must hold exactly the entries it has: {missing}."),
})


def _load(s: Session, session_id: int, *, lock: bool = True) -> ApprovalSession:
    row = s.get(ApprovalSession, session_id, with_for_update=lock)
    if row is None:
        raise NotFound("session.not_found", id=session_id)
    return row


def _status(row: ApprovalSession, *allowed: SessionStatus) -> None:
    if row.status not in allowed:
        raise Conflict("session.status", id=row.id, status=row.status)


def _roles(s: Session, user_id: int) -> set[str]:
    return set(s.scalars(select(Membership.role_code).where(Membership.user_id == user_id)))


def _board_members(s: Session) -> set[int]:
    board = [r.value for r in BOARD]
    return set(s.scalars(select(Membership.user_id).join(User, User.id == Membership.user_id)
                         .where(Membership.role_code.in_(board), User.active.is_(True))))  # fmt: skip


def _chair_for(s: Session, actor: Actor) -> int | None:
    """Whom ``actor`` chairs for: None for the head themselves; the head's id under a delegation of everything."""
    if Role.BOARD_HEAD.value in _roles(s, actor.user_id):
        return None
    on = delegation.today()
    for d in s.scalars(select(Delegation).where(
            Delegation.to_user_id == actor.user_id, Delegation.revoked_at.is_(None),
            Delegation.starts_on <= on, Delegation.ends_on >= on)):  # fmt: skip
        if not d.categories and not d.content_types:
            return d.from_user_id
    raise PermissionDenied("session.not_chair", user=actor.display)


def required(rule: str, members: int) -> int:
    if rule == "all":
        return members
    if rule == "two_thirds":
        return math.ceil(2 * members / 3)
    return members // 2 + 1


def _waiting(s: Session) -> list[int]:
    """Everything awaiting the Board: what earlier sessions deferred first, then by due date."""
    deferred = set(s.scalars(select(AgendaEntry.item_id).where(AgendaEntry.status == EntryStatus.DEFERRED)))
    rows = s.execute(select(Item.id, Item.due_at).where(Item.state == State.BOARD_REVIEW)).all()
    far = datetime.max.replace(tzinfo=None)
    return [i for i, _ in sorted(rows, key=lambda r: (r[0] not in deferred, (r[1] or far).replace(tzinfo=None), r[0]))]


def plan(ws: Workspace, actor: Actor, title: str, held_on: date, *, attendees: Iterable[str],
         absentees: dict[str, str] | None = None, place: str = "Hà Nội", secretary: str | None = None,
         quorum: str = "majority", items: Sequence[int] | None = None) -> int:  # fmt: skip
    """Plan a session chaired by ``actor``; returns its id. ``items`` (ids) is the agenda; by default everything
    awaiting the Board."""
    with ws.db.write() as s:
        return _plan(s, actor, title, held_on, attendees, absentees, place, secretary, quorum, items)


def open_now(ws: Workspace, actor: Actor, title: str, held_on: date, *, attendees: Iterable[str],
             absentees: dict[str, str] | None = None, place: str = "Hà Nội", secretary: str | None = None,
             quorum: str = "majority", items: Sequence[int] | None = None) -> tuple[int, str]:  # fmt: skip
    """Plan and open a session in one transaction: without its quorum nothing is left behind. Returns its id and
    the quorum sentence."""
    with ws.db.write() as s:
        sid = _plan(s, actor, title, held_on, attendees, absentees, place, secretary, quorum, items)
        return sid, _start(s, actor, sid)


def _plan(s: Session, actor: Actor, title: str, held_on: date, attendees: Iterable[str],
          absentees: dict[str, str] | None, place: str, secretary: str | None, quorum: str,
          items: Sequence[int] | None) -> int:  # fmt: skip
    title = clean(title)
    if not title:
        raise InvalidInput("session.title")
    if quorum not in QUORUM_RULES:
        raise InvalidInput("session.quorum_rule", rules=", ".join(QUORUM_RULES))
    behalf = _chair_for(s, actor)
    board = _board_members(s)
    present = {get_user(s, u).id for u in attendees} | {actor.user_id}
    away = {get_user(s, u).id: clean(r) for u, r in (absentees or {}).items()}
    for uid in present | set(away):
        if uid not in board:
            who = s.get(User, uid)
            raise InvalidInput("session.not_board", user=who.full_name if who else uid)
    sec = get_user(s, secretary).id if secretary else None
    row = ApprovalSession(title=title, held_on=held_on, place=clean(place) or "Hà Nội", chair_id=actor.user_id,
                          on_behalf_of_id=behalf, secretary_id=sec, quorum=quorum, status=SessionStatus.PLANNED,
                          notes="")  # fmt: skip
    s.add(row)
    s.flush()
    for uid in sorted(present):
        s.add(SessionAttendance(session_id=row.id, user_id=uid, present=True, reason=""))
    for uid, why in sorted(away.items()):
        if uid not in present:
            s.add(SessionAttendance(session_id=row.id, user_id=uid, present=False, reason=why))
    agenda = list(items) if items is not None else _waiting(s)
    for n, item_id in enumerate(agenda, start=1):
        _check_waiting(s, item_id)
        s.add(AgendaEntry(session_id=row.id, item_id=item_id, position=n, status=EntryStatus.PENDING, note=""))
    s.flush()
    audit.record(s, actor.user_id, actor.username, "session.plan", "approval_session", row.id, title=title,
                 held_on=held_on.isoformat(), agenda=agenda, on_behalf_of=behalf)  # fmt: skip
    return row.id


def _check_waiting(s: Session, item_id: int) -> None:
    if s.scalar(select(Item.state).where(Item.id == item_id)) != State.BOARD_REVIEW:
        raise InvalidInput("session.not_waiting", item=item_id)


def _check_chair(s: Session, actor: Actor, row: ApprovalSession) -> None:
    if actor.user_id != row.chair_id:
        _chair_for(s, actor)  # the head, or whoever holds their delegation, may take over


def set_agenda(ws: Workspace, actor: Actor, session_id: int, item_ids: Sequence[int]) -> None:
    """Filter and reorder a planned session's agenda: ``item_ids`` in the new order (a subset of it)."""
    with ws.db.write() as s:
        row = _load(s, session_id)
        _status(row, SessionStatus.PLANNED)
        _check_chair(s, actor, row)
        entries = {e.item_id: e for e in s.scalars(select(AgendaEntry).where(AgendaEntry.session_id == row.id))}
        unknown = [str(i) for i in item_ids if i not in entries]
        if unknown or len(set(item_ids)) != len(item_ids):
            raise InvalidInput("session.agenda_items", missing=", ".join(unknown) or "—")
        for item_id, entry in entries.items():
            if item_id not in item_ids:
                s.delete(entry)
        s.flush()
        for n, item_id in enumerate(item_ids, start=1):
            entries[item_id].position = 1000 + n  # two steps: positions are not unique, but stay readable
        s.flush()
        for n, item_id in enumerate(item_ids, start=1):
            entries[item_id].position = n
        audit.record(s, actor.user_id, actor.username, "session.agenda", "approval_session", row.id,
                     agenda=list(item_ids))  # fmt: skip


def add_entry(ws: Workspace, actor: Actor, session_id: int, item_id: int) -> int:
    """Put one more item awaiting the Board at the end of the agenda (planned or under way)."""
    with ws.db.write() as s:
        row = _load(s, session_id)
        _status(row, SessionStatus.PLANNED, SessionStatus.OPEN)
        _check_chair(s, actor, row)
        _check_waiting(s, item_id)
        last = s.scalar(select(func.max(AgendaEntry.position)).where(AgendaEntry.session_id == row.id)) or 0
        entry = AgendaEntry(session_id=row.id, item_id=item_id, position=last + 1, status=EntryStatus.PENDING,
                            note="", added_during=row.status == SessionStatus.OPEN)  # fmt: skip
        s.add(entry)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "session.add_entry", "approval_session", row.id, item=item_id)
        return entry.id


def start(ws: Workspace, actor: Actor, session_id: int) -> str:
    """Open a planned session if its quorum is met; returns the quorum sentence the minutes will carry."""
    with ws.db.write() as s:
        return _start(s, actor, session_id)


def _start(s: Session, actor: Actor, session_id: int) -> str:
    row = _load(s, session_id)
    _status(row, SessionStatus.PLANNED)
    _check_chair(s, actor, row)
    members = len(_board_members(s))
    present = s.scalar(select(func.count()).select_from(SessionAttendance).where(
        SessionAttendance.session_id == row.id, SessionAttendance.present.is_(True))) or 0  # fmt: skip
    need = required(row.quorum, members)
    if present < need:
        raise Conflict("session.no_quorum", present=present, members=members, required=need, rule=row.quorum)
    row.status, row.opened_at = SessionStatus.OPEN, utcnow()
    s.flush()
    audit.record(s, actor.user_id, actor.username, "session.open", "approval_session", row.id, present=present,
                 members=members)  # fmt: skip
    return t("session.quorum_met", present=present, members=members, required=need)


def stamp(s: Session, session_id: int, actor: Actor, item_id: int, decision: Decision) -> None:
    """Inside ``items.decide``'s transaction: the decision belongs to this open session, taken by someone present,
    on a pending entry of its agenda; the entry records it."""
    row = _load(s, session_id)
    _status(row, SessionStatus.OPEN)
    here = s.scalar(select(SessionAttendance.present).where(SessionAttendance.session_id == row.id,
                                                             SessionAttendance.user_id == actor.user_id))  # fmt: skip
    if not here:
        raise PermissionDenied("session.not_present", user=actor.display, id=row.id)
    entry = s.scalar(select(AgendaEntry).where(AgendaEntry.session_id == row.id, AgendaEntry.item_id == item_id)
                     .with_for_update())  # fmt: skip
    if entry is None:
        raise InvalidInput("session.entry", id=row.id, entry=f"#{item_id}")
    if entry.status != EntryStatus.PENDING:
        raise Conflict("session.entry_done", entry=entry.id)
    decision.session_id = row.id
    entry.status, entry.decision_id = EntryStatus.DECIDED, decision.id


def _entry(s: Session, row: ApprovalSession, entry_id: int) -> AgendaEntry:
    entry = s.get(AgendaEntry, entry_id, with_for_update=True)
    if entry is None or entry.session_id != row.id:
        raise InvalidInput("session.entry", id=row.id, entry=entry_id)
    return entry


def defer(ws: Workspace, actor: Actor, session_id: int, entry_id: int, reason: str) -> None:
    """Move a pending entry to a later session (it stays awaiting the Board, first on the next agenda)."""
    reason = clean(reason)
    if not reason:
        raise InvalidInput("session.defer_reason")
    with ws.db.write() as s:
        row = _load(s, session_id)
        _status(row, SessionStatus.OPEN)
        _check_chair(s, actor, row)
        entry = _entry(s, row, entry_id)
        if entry.status != EntryStatus.PENDING:
            raise Conflict("session.entry_done", entry=entry.id)
        entry.status, entry.note = EntryStatus.DEFERRED, _joined(entry.note, reason)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "session.defer", "approval_session", row.id,
                     item=entry.item_id, reason=reason)  # fmt: skip


def _joined(before: str, more: str) -> str:
    return f"{before}\n{more}".strip() if before else more


def note(ws: Workspace, actor: Actor, session_id: int, text: str, entry_id: int | None = None) -> None:
    """Add a note to an entry, or (no ``entry_id``) to the session; while it is planned or under way."""
    text = clean(text)
    if not text:
        return
    with ws.db.write() as s:
        row = _load(s, session_id)
        _status(row, SessionStatus.PLANNED, SessionStatus.OPEN)
        if entry_id is None:
            row.notes = _joined(row.notes, text)
        else:
            entry = _entry(s, row, entry_id)
            entry.note = _joined(entry.note, text)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "session.note", "approval_session", row.id, entry=entry_id)


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    decided: int
    deferred: int
    by_action: dict[str, int]

    def text(self, lang: str | None = None) -> str:
        """«12 / 40, 3 trả lại»: how far the session is."""
        parts = [f"{self.decided + self.deferred}/{self.total}"]
        parts += [f"{n} {ACTION_LABELS[Action(a)][1 if lang == 'en' else 0].lower()}"
                  for a, n in sorted(self.by_action.items()) if a != Action.APPROVE]  # fmt: skip
        if self.deferred:
            parts.append(f"{self.deferred} {t('session.deferred', lang).lower()}")
        return ", ".join(parts)


def progress(ws: Workspace, session_id: int) -> Progress:
    with ws.db.read() as s:
        rows = s.execute(select(AgendaEntry.status, Decision.action)
                         .outerjoin(Decision, Decision.id == AgendaEntry.decision_id)
                         .where(AgendaEntry.session_id == session_id)).all()  # fmt: skip
    by: dict[str, int] = {}
    for status, action in rows:
        if status == EntryStatus.DECIDED and action:
            by[action] = by.get(action, 0) + 1
    return Progress(len(rows), sum(by.values()), sum(1 for st, _ in rows if st == EntryStatus.DEFERRED), by)


def close(ws: Workspace, actor: Actor, session_id: int, *, language: str = "vi") -> str:
    """Close an open session: pending entries are deferred as not reached, the minutes are frozen with the
    year's next number; returns that number."""
    with ws.db.write() as s:
        row = _load(s, session_id)
        _status(row, SessionStatus.OPEN)
        _check_chair(s, actor, row)
        for entry in s.scalars(select(AgendaEntry).where(AgendaEntry.session_id == row.id,
                                                         AgendaEntry.status == EntryStatus.PENDING)):  # fmt: skip
            entry.status, entry.note = EntryStatus.DEFERRED, _joined(entry.note, t("session.not_reached", language))
        s.flush()
        now = utcnow()
        year = row.held_on.year
        number = _next_number(s, year)
        data = _snapshot(s, row, number, now, language)
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        row.status, row.closed_at = SessionStatus.CLOSED, now
        row.minutes_number, row.minutes_year, row.minutes = number, year, data
        row.minutes_sha256 = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        s.flush()
        audit.record(s, actor.user_id, actor.username, "session.close", "approval_session", row.id, number=number,
                     sha256=row.minutes_sha256)  # fmt: skip
        return number


def _snapshot(s: Session, row: ApprovalSession, number: str, now: datetime, lang: str) -> dict[str, Any]:
    names = {u.id: u.full_name for u in s.scalars(select(User))}
    attendance = s.scalars(select(SessionAttendance).where(SessionAttendance.session_id == row.id)
                           .order_by(SessionAttendance.id)).all()  # fmt: skip
    present = [a for a in attendance if a.present]
    members = len(_board_members(s))
    quorum = t("session.quorum_met", lang, present=len(present), members=members,
               required=required(row.quorum, members))  # fmt: skip
    types = {c.code: (c.name_vi, c.name_en) for c in s.scalars(select(ContentType))}
    units = dict(s.execute(select(Unit.id, Unit.code)).all())
    entries = []
    rows = s.execute(select(AgendaEntry, Item, Decision).join(Item, Item.id == AgendaEntry.item_id)
                     .outerjoin(Decision, Decision.id == AgendaEntry.decision_id)
                     .where(AgendaEntry.session_id == row.id).order_by(AgendaEntry.position)).all()  # fmt: skip
    for n, (entry, item, d) in enumerate(rows, start=1):
        if d is not None:
            label = ACTION_LABELS[Action(d.action)][1 if lang == "en" else 0]
        else:
            label = t("session.deferred", lang)
        entries.append(minutes.MinutesEntry(
            position=n, item_id=item.id, title=item.title, kind=types.get(item.content_type, ("", ""))[lang == "en"],
            unit=units.get(item.unit_id, ""), decision=label, reason=d.reason if d is not None else "",
            note=entry.note, decided_by=names.get(d.actor_id, "") if d is not None else "",
            on_behalf_of=names.get(d.on_behalf_of_id) if d is not None and d.on_behalf_of_id else None,
            decided_at=d.created_at if d is not None else None))  # fmt: skip
    m = minutes.Minutes(
        number=number, title=row.title, place=row.place, opened_at=row.opened_at or now, closed_at=now,
        chair=names[row.chair_id] + (f" ({t('session.for_head', lang, head=names[row.on_behalf_of_id])})"
                                     if row.on_behalf_of_id else ""),
        secretary=names.get(row.secretary_id) if row.secretary_id else None,
        attendees=[names[a.user_id] for a in present],
        absentees=[(names[a.user_id], a.reason) for a in attendance if not a.present],
        quorum=quorum, entries=entries, deferred=[e for e in entries if e.decided_by == ""],
        notes=row.notes, language="en" if lang == "en" else "vi", generated_at=now,
    )  # fmt: skip
    return minutes_to_data(m)


def _next_number(s: Session, year: int) -> str:
    taken = s.scalars(select(ApprovalSession.minutes_number).where(ApprovalSession.minutes_year == year))
    return minutes.minutes_number(max((int(n.split("/")[0]) for n in taken if n), default=0) + 1, year)


def correct(ws: Workspace, actor: Actor, session_id: int, text: str) -> str:
    """Correct a closed session's minutes: a new, linked record (its own number, ``correction_of`` the old one,
    the correction in its notes) — the old minutes stay as they were. The chair or the head; returns the number."""
    text = clean(text)
    if not text:
        raise InvalidInput("session.correction_text")
    with ws.db.write() as s:
        old = _load(s, session_id, lock=False)
        _status(old, SessionStatus.CLOSED)
        _check_chair(s, actor, old)
        assert old.minutes is not None and old.minutes_number is not None
        now = utcnow()
        number = _next_number(s, now.year)
        data = {**old.minutes, "number": number, "correction_of": old.minutes_number, "notes": text,
                "generated_at": now.isoformat()}  # fmt: skip
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        row = ApprovalSession(title=old.title, held_on=old.held_on, place=old.place, chair_id=actor.user_id,
                              on_behalf_of_id=_chair_for(s, actor) if actor.user_id != old.chair_id else None,
                              secretary_id=old.secretary_id, quorum=old.quorum, status=SessionStatus.CLOSED, notes=text,
                              opened_at=old.opened_at, closed_at=now, minutes_number=number, minutes_year=now.year,
                              minutes=data, minutes_sha256=hashlib.sha256(blob.encode("utf-8")).hexdigest(),
                              corrects_id=old.id)  # fmt: skip
        s.add(row)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "session.correct", "approval_session", row.id,
                     corrects=old.id, number=number, text=text)  # fmt: skip
        return number


def minutes_to_data(m: minutes.Minutes) -> dict[str, Any]:
    """Minutes as JSON data (times in ISO 8601), to be frozen with the session."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    return plain(asdict(m))  # type: ignore[no-any-return]


def minutes_from_data(data: dict[str, Any]) -> minutes.Minutes:
    def when(value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    def entry(e: dict[str, Any]) -> minutes.MinutesEntry:
        return minutes.MinutesEntry(**{**e, "decided_at": when(e.get("decided_at"))})

    return minutes.Minutes(**{
        **data, "opened_at": when(data["opened_at"]), "closed_at": when(data["closed_at"]),
        "generated_at": when(data["generated_at"]), "attendees": list(data["attendees"]),
        "absentees": [tuple(a) for a in data["absentees"]], "entries": [entry(e) for e in data["entries"]],
        "deferred": [entry(e) for e in data["deferred"]],
    })  # fmt: skip


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    title: str
    held_on: date
    chair: str
    status: str
    minutes_number: str | None
    entries: int


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    position: int
    item_id: int
    title: str
    status: str
    decision: str | None
    reason: str
    note: str


def listing(ws: Workspace, session_id: int | None = None) -> list[SessionRow]:
    """Sessions, newest first (or the one ``session_id``)."""
    q = select(ApprovalSession).order_by(ApprovalSession.held_on.desc(), ApprovalSession.id.desc())
    if session_id is not None:
        q = q.where(ApprovalSession.id == session_id)
    with ws.db.read() as s:
        counts = dict(s.execute(select(AgendaEntry.session_id, func.count()).group_by(AgendaEntry.session_id)).all())
        names = dict(s.execute(select(User.id, User.full_name)).all())
        return [SessionRow(r.id, r.title, r.held_on, names.get(r.chair_id, ""), r.status, r.minutes_number,
                           counts.get(r.id, 0)) for r in s.scalars(q)]  # fmt: skip


def get(ws: Workspace, session_id: int) -> SessionRow:
    found = listing(ws, session_id)
    if not found:
        raise NotFound("session.not_found", id=session_id)
    return found[0]


def agenda(ws: Workspace, session_id: int) -> list[EntryRow]:
    """A session's agenda in order, with what became of each entry."""
    with ws.db.read() as s:
        _load(s, session_id, lock=False)
        rows = s.execute(select(AgendaEntry, Item.title, Decision.action, Decision.reason)
                         .join(Item, Item.id == AgendaEntry.item_id)
                         .outerjoin(Decision, Decision.id == AgendaEntry.decision_id)
                         .where(AgendaEntry.session_id == session_id).order_by(AgendaEntry.position)).all()  # fmt: skip
        return [EntryRow(e.id, e.position, e.item_id, title, e.status, action, reason or "", e.note)
                for e, title, action, reason in rows]  # fmt: skip


def document(ws: Workspace, session_id: int, fmt: str) -> bytes:
    """A closed session's minutes as ``md``, ``odt`` or ``docx``: made from the frozen data, the same every time."""
    with ws.db.read() as s:
        row = _load(s, session_id, lock=False)
        _status(row, SessionStatus.CLOSED)
        assert row.minutes is not None
        m = minutes_from_data(row.minutes)
    if fmt == "md":
        return minutes.to_markdown(m).encode("utf-8")
    if fmt == "odt":
        return minutes.to_odt(m)
    if fmt == "docx":
        return minutes.to_docx(m)
    raise InvalidInput("session.format", value=fmt)
