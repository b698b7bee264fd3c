"""Portals and their category trees (chuyên mục -> mục), each node with its management record."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, Versioned, utcnow


class CategoryStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ARCHIVED = "archived"


# The regulation's words for a node's status, shown by every face (TUI, CLI, messages).
CATEGORY_STATUS_LABELS: dict[str, tuple[str, str]] = {
    CategoryStatus.PROPOSED: ("Đề xuất", "Proposed"),
    CategoryStatus.ACTIVE: ("Đang dùng", "Active"),
    CategoryStatus.ARCHIVED: ("Lưu trữ", "Archived"),
}


class Portal(Base):
    __tablename__ = "portal"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)  # vi | en
    language: Mapped[str] = mapped_column(String(8))
    domain: Mapped[str] = mapped_column(String(255))
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))


class Category(Versioned, Timestamped, Base):
    """A chuyên mục (depth 0) or mục (depth 1) with its management record (hồ sơ quản lý, Đ6.2a)."""

    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("portal_id", "parent_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # stable seed key, e.g. "vi.6.2"
    portal_id: Mapped[int] = mapped_column(ForeignKey("portal.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(255))  # in the portal's language
    name_vi: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default=CategoryStatus.ACTIVE)
    # Management record.
    responsible_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    content_types: Mapped[list[Any]] = mapped_column(JSON, default=list)
    deadline_rule: Mapped[str | None] = mapped_column(String(64))
    counterpart_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    portal: Mapped[Portal] = relationship()
    parent: Mapped[Category | None] = relationship(remote_side=[id], foreign_keys=[parent_id])


class CategoryChange(Base):
    """One applied change to one node of the tree, made by an approved proposal: the node's history.

    A proposal is an :class:`~models.content.Item` of type ``category_change`` (so it is reviewed like any
    submission); its revision holds the changes asked for, and on approval each node it changed gets a row
    here, with the node's record before and after. Rows are never updated."""

    __tablename__ = "category_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))  # what happened to the node: "rename move", "archive"
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(CategoryChange, "before_update")
def _changes_are_history(mapper: Any, connection: Any, target: CategoryChange) -> None:
    raise ValueError(f"category change {target.id} is history; record a new change instead")


class Redirect(Base):
    """An old URL path of a renamed, moved, merged or archived node, kept so that old links keep working.

    The path leads to ``category_id``, wherever that node is now; the export carries redirects to the live
    portal. A path that a live node takes again stops being a redirect."""

    __tablename__ = "redirect"
    __table_args__ = (UniqueConstraint("portal_id", "old_path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_id: Mapped[int] = mapped_column(ForeignKey("portal.id"))
    old_path: Mapped[str] = mapped_column(String(512))  # "/tin-tuc/hoat-dong", ASCII slugs
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
