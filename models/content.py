"""Content: types, items, their immutable revisions and their renditions, decisions, comments, attachments, locks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, LongText, Timestamped, Versioned, utcnow
from models.workflow import State


class ContentType(Base):
    __tablename__ = "content_type"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    fields: Mapped[list[Any]] = mapped_column(JSON, default=list)
    deadline_rule: Mapped[str] = mapped_column(String(64))
    article: Mapped[str] = mapped_column(String(32))
    needs_leadership: Mapped[bool] = mapped_column(Boolean, default=False)


TITLE_KEY_BYTES = 2048
"""Length of ``item.title_key``: a collation key takes about 3 bytes a character, so the key of any title of
500 Vietnamese characters fits whole; a longer key (compatibility characters) is cut, and titles whose keys
agree on their first 2048 bytes sort by id. MariaDB indexes the column whole (VARBINARY, within InnoDB's
3072-byte index limit together with ``state`` and ``id``)."""

TitleKey = LargeBinary().with_variant(mysql.VARBINARY(TITLE_KEY_BYTES), "mysql", "mariadb")


class Item(Versioned, Timestamped, Base):
    """A piece of content moving through the workflow. Its text lives in :class:`Revision`s.

    ``current_revision_id`` is the latest revision; ``approved_revision_id`` the last one the
    workflow approved (what an export publishes); ``published_revision_id`` what is live now, set
    only by an export. A correction of published content leaves the live revision in place.
    """

    __tablename__ = "item"
    __table_args__ = (
        # One index per queue sort, so that a page is a range scan of one state (console/services/pages.py).
        Index("ix_item_queue_due", "state", "due_at", "submitted_at", "id"),
        Index("ix_item_queue_received", "state", "submitted_at", "id"),
        Index("ix_item_queue_unit", "state", "unit_id", "due_at", "submitted_at", "id"),
        Index("ix_item_queue_title", "state", "title_key", "id"),
        Index("ix_item_unit_state", "unit_id", "state"),
        Index("ix_item_updated_at", "updated_at"),  # what changed since an export (services/export.changed_items)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_id: Mapped[int] = mapped_column(ForeignKey("portal.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    content_type: Mapped[str] = mapped_column(ForeignKey("content_type.code"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    state: Mapped[str] = mapped_column(String(32), default=State.DRAFT)
    title: Mapped[str] = mapped_column(String(500))  # copy of the current revision's title, for queues
    # Title and summary folded (no diacritics, đ -> d, lower case) for diacritic-insensitive search. Migration
    # 0004 indexes it outside the models: an FTS5 table kept by triggers on SQLite, a trigram index on PostgreSQL.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The title's Vietnamese collation key (console.collation.title_key) for the title sort, set with every
    # revision. NULL only between the insert of a new item and its first revision, in the same transaction
    # (rows written by other means sort last by id until console.migrate fills them in).
    title_key: Mapped[bytes | None] = mapped_column(TitleKey)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_item_current_revision")
    )
    approved_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_item_approved_revision")
    )
    published_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_item_published_revision")
    )
    submitted_at: Mapped[datetime | None] = mapped_column()
    due_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    current_revision: Mapped[Revision | None] = relationship(foreign_keys=[current_revision_id], post_update=True)


class Revision(Base):
    """An immutable version of an item's content. Never updated; a change is a new revision."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_md: Mapped[str] = mapped_column(LongText, default="")
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    author: Mapped[str] = mapped_column(String(255))  # who wrote the work (Đ8.3; royalties, Đ17)
    source: Mapped[str] = mapped_column(String(500), default="")  # official source of reused material
    language: Mapped[str] = mapped_column(String(8))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(Revision, "before_update")
def _revisions_are_immutable(mapper: Any, connection: Any, target: Revision) -> None:
    raise ValueError(f"revision {target.id} is immutable; create a new revision instead")


class Rendition(Base):
    """A revision's body rendered to sanitised HTML (``exports.render``), stored once so exports copy it.

    One row per revision, written by ``console.services.renditions``. It is immutable for a given
    ``renderer`` (the ``RENDERER_VERSION`` that made it); a re-render by a newer renderer replaces the
    row's HTML, hash and version together. ``sha256`` is the hash of ``html``'s UTF-8 bytes.
    """

    __tablename__ = "rendition"

    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"), primary_key=True, autoincrement=False)
    renderer: Mapped[str] = mapped_column(String(32))
    html: Mapped[str] = mapped_column(LongText)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)  # bytes of html (UTF-8): a plan's sizes without reading the HTML
    rendered_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


@event.listens_for(Rendition, "before_update")
def _renditions_change_only_with_the_renderer(mapper: Any, connection: Any, target: Rendition) -> None:
    if not sa_inspect(target).attrs.renderer.history.has_changes():
        raise ValueError(f"the rendition of revision {target.revision_id} is immutable for renderer {target.renderer}")


class Decision(Base):
    """One workflow step: who took which action, from which state to which, and why."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    # The leadership's approval (Đ11.1c-d): the number of its approval document, as NĐ 30/2020 writes it, and
    # the document itself when a secretary records it on a leader's behalf.
    document_number: Mapped[str | None] = mapped_column(String(64))
    document_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("approval_session.id"))  # taken in a Board session
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Comment(Timestamped, Base):
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)


class Attachment(Timestamped, Base):
    """An attached file: metadata here, bytes in the workspace's attachments folder by hash."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


class Lock(Versioned, Base):
    """An editor's claim on an item while they work on it; expires on its own."""

    __tablename__ = "item_lock"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")


class ReasonTemplate(Versioned, Timestamped, Base):
    """A ready-made reason an editor can pick when returning or rejecting an item (plus free text).

    ``action`` is ``return``, ``reject`` or ``any``. Templates are the workspace's own: an administrator adds,
    edits and retires them; a retired one (``active`` false) stays for the record but is no longer offered.
    """

    __tablename__ = "reason_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16), default="any")
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_vi
