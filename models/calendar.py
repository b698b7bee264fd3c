"""A workspace's own calendar and deadline settings, layered over the shipped ones.

The shipped working-day overrides (``console/data/calendar_vn.toml``) and deadline rules
(``console.deadlines.DEFAULT_RULES``) are code; these tables hold what an administrator changed for
this workspace, because the Government's announcements and the legal basis move.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamped, Versioned, utcnow


class CalendarOverride(Versioned, Timestamped, Base):
    """One announced day: an extra day off, or a make-up working day (a Saturday, usually)."""

    __tablename__ = "calendar_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # off | workday
    name: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(255))  # the announcement, e.g. a VPCP or BNV notice number
    checked: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class CalendarWindow(Versioned, Timestamped, Base):
    """An announced holiday period ("nghỉ liên tục từ ... đến hết ..."). Once a year's Tết window is
    recorded, deadlines in it are no longer provisional."""

    __tablename__ = "calendar_window"
    __table_args__ = (UniqueConstraint("year", "occasion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    occasion: Mapped[str] = mapped_column(String(64))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(255))
    checked: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class DeadlineRuleSetting(Versioned, Base):
    """A workspace's version of one deadline rule (same key as a shipped rule, or a new one)."""

    __tablename__ = "deadline_rule"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_types: Mapped[list[Any]] = mapped_column(JSON, default=list)
    event: Mapped[str] = mapped_column(String(64))
    event_field: Mapped[str | None] = mapped_column(String(64))
    amount: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(32))
    article: Mapped[str] = mapped_column(String(32))
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    amount_min: Mapped[int | None] = mapped_column(Integer)
    variant_of: Mapped[str | None] = mapped_column(String(64))
    applies_when: Mapped[list[Any] | None] = mapped_column(JSON)  # [metadata field, value]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
