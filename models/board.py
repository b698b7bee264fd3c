"""The Editorial Board's own records: delegations of the head's authority (Đ6.3b), approval sessions with their
attendance, agenda and minutes (issue 8)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Versioned, utcnow


class Delegation(Versioned, Base):
    """The Board head's authority to decide, handed to a Board member for a date range (Đ6.3b: «Trưởng Ban Biên
    tập phân công và ủy quyền cho các thành viên Ban Biên tập giải quyết các công việc thuộc thẩm quyền của
    Trưởng Ban»), for every item or only some categories and content types.

    The dates are calendar days in Viet Nam, both included; the delegation ends by itself after ``ends_on`` and
    may be revoked earlier (``revoked_at``). While it is in force, the member's Board decisions on items it
    covers are recorded "on behalf of" the head (``Decision.on_behalf_of_id``). Rows are never deleted."""

    __tablename__ = "delegation"
    __table_args__ = (Index("ix_delegation_to_dates", "to_user_id", "starts_on", "ends_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)  # the head
    to_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))  # the member who acts for them
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)  # category keys (a section's too); [] = all
    content_types: Mapped[list[Any]] = mapped_column(JSON, default=list)  # content type codes; [] = all
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revoke_reason: Mapped[str] = mapped_column(Text, default="")


class SessionStatus(StrEnum):
    PLANNED = "planned"  # the agenda is being built (filtered, reordered)
    OPEN = "open"  # under way: entries are decided, deferred, noted
    CLOSED = "closed"  # its minutes are made; nothing changes any more


class ApprovalSession(Versioned, Base):
    """A Board approval session (phiên duyệt): its chair, who attended, its agenda, and once closed its minutes
    (biên bản), kept as the frozen data the documents are made from (``minutes``, with its sha256), under a
    number of the regulation's style, ``15/BB-BBT``. A closed session is never changed; a correction of its
    minutes is a new session record pointing at it (``corrects_id``)."""

    __tablename__ = "approval_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(255), default="Hà Nội")
    chair_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # the head, if delegated
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    quorum: Mapped[str] = mapped_column(String(16), default="majority")  # majority | two_thirds | all
    status: Mapped[str] = mapped_column(String(16), default=SessionStatus.PLANNED)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    minutes_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    minutes_year: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    minutes_sha256: Mapped[str | None] = mapped_column(String(64))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("approval_session.id"))


@event.listens_for(ApprovalSession, "before_update")
def _closed_sessions_are_history(mapper: Any, connection: Any, target: ApprovalSession) -> None:
    history = sa_inspect(target).attrs.status.history
    was = history.deleted[0] if history.deleted else target.status
    if was == SessionStatus.CLOSED:
        raise ValueError(f"session {target.id} is closed; its minutes are kept as they are")


class SessionAttendance(Base):
    """Who of the Board attended a session, or why not."""

    __tablename__ = "session_attendance"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("approval_session.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    present: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")  # why absent


class EntryStatus(StrEnum):
    PENDING = "pending"
    DECIDED = "decided"
    DEFERRED = "deferred"  # to a later session


class AgendaEntry(Versioned, Base):
    """One item (a submission or a tree proposal) on a session's agenda, in order, with what became of it."""

    __tablename__ = "agenda_entry"
    __table_args__ = (UniqueConstraint("session_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("approval_session.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=EntryStatus.PENDING)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    added_during: Mapped[bool] = mapped_column(Boolean, default=False)  # added after the session opened
