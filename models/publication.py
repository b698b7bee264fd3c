"""The workspace's record of exports to the live portal: one row per run, kept for the history screen."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class RunStatus(StrEnum):
    RUNNING = "running"  # đang chạy (or died: the next run to the target marks it interrupted)
    DONE = "done"
    CANCELLED = "cancelled"  # stopped by its runner after a whole batch
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # the process died (killed, power cut) before it could say how it ended


RUN_STATUS_LABELS: dict[str, tuple[str, str]] = {
    RunStatus.RUNNING: ("Đang chạy", "Running"),
    RunStatus.DONE: ("Xong", "Done"),
    RunStatus.CANCELLED: ("Đã dừng", "Cancelled"),
    RunStatus.FAILED: ("Lỗi", "Failed"),
    RunStatus.INTERRUPTED: ("Bị ngắt", "Interrupted"),
}


class ExportRun(Base):
    """One export run into one target: who ran it, when, what the plan was, what was done, how it ended.

    The same id is the run's row in the target's own ``export_run`` table. The row is written when the run
    starts (after the target's lock is held) and finished when it ends; a run whose process died stays
    ``running`` until the next run to that target marks it ``interrupted``. Never holds a password: the
    target's address is stored as shown, with any password hidden."""

    __tablename__ = "export_run"
    __table_args__ = (Index("ix_export_run_target_started", "target", "started_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a UUID
    target: Mapped[str] = mapped_column(String(63))
    target_url: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    actor_name: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default=RunStatus.RUNNING)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # counts by kind and action, bytes of HTML
    done: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # "article.insert": n, ...
    error: Mapped[str] = mapped_column(Text, default="")
