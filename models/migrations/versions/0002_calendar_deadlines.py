"""Calendar and deadline settings of a workspace, folded search text, document-number fields.

Revision ID: 0002_calendar_deadlines
Revises: 0001_initial
Create Date: 2026-11-25 22:50:52
"""

from __future__ import annotations

import json
import unicodedata

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0002_calendar_deadlines"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
# Metadata fields that now hold a document number and symbol (NĐ 30/2020), validated as such.
DOCNUMBER_FIELDS = {"legal_document": "number", "direction_document": "number", "award": "decision_number",
                    "admin_procedure": "decision_ref"}


def _fold(text: str) -> str:
    """Frozen copy of console.text.fold at this revision (migrations do not import the app)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def upgrade() -> None:
    op.create_table(
        "calendar_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("checked", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_calendar_override_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_override")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_override_day")),
    )
    op.create_table(
        "calendar_window",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("occasion", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("checked", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_calendar_window_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_window")),
        sa.UniqueConstraint("year", "occasion", name=op.f("uq_calendar_window_year_occasion")),
    )
    op.create_table(
        "deadline_rule",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("content_types", sa.JSON(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("event_field", sa.String(length=64), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("name_vi", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("amount_min", sa.Integer(), nullable=True),
        sa.Column("variant_of", sa.String(length=64), nullable=True),
        sa.Column("applies_when", sa.JSON(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"],
                                name=op.f("fk_deadline_rule_updated_by_id_user_account")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_deadline_rule")),
    )
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))

    bind = op.get_bind()
    item = sa.table("item", sa.column("id", sa.Integer), sa.column("title", sa.String),
                    sa.column("current_revision_id", sa.Integer), sa.column("search_text", sa.Text))
    revision_t = sa.table("revision", sa.column("id", sa.Integer), sa.column("summary", sa.Text))
    rows = bind.execute(
        sa.select(item.c.id, item.c.title, revision_t.c.summary)
        .select_from(item.outerjoin(revision_t, revision_t.c.id == item.c.current_revision_id))
    ).all()
    for item_id, title, summary in rows:
        bind.execute(item.update().where(item.c.id == item_id)
                     .values(search_text=_fold(f"{title}\n{summary or ''}")))
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.alter_column("search_text", server_default=None, existing_type=sa.Text(), existing_nullable=False)

    content_type = sa.table("content_type", sa.column("code", sa.String), sa.column("fields", sa.JSON))
    for code, key in DOCNUMBER_FIELDS.items():
        fields = bind.execute(sa.select(content_type.c.fields).where(content_type.c.code == code)).scalar()
        if fields is None:
            continue
        if isinstance(fields, str):  # some drivers hand JSON back as text
            fields = json.loads(fields)
        for f in fields:
            if f.get("key") == key:
                f["kind"] = "docnumber"
        bind.execute(content_type.update().where(content_type.c.code == code).values(fields=fields))


def downgrade() -> None:
    bind = op.get_bind()
    content_type = sa.table("content_type", sa.column("code", sa.String), sa.column("fields", sa.JSON))
    for code, key in DOCNUMBER_FIELDS.items():
        fields = bind.execute(sa.select(content_type.c.fields).where(content_type.c.code == code)).scalar()
        if fields is None:
            continue
        if isinstance(fields, str):
            fields = json.loads(fields)
        for f in fields:
            if f.get("key") == key:
                f["kind"] = "text"
        bind.execute(content_type.update().where(content_type.c.code == code).values(fields=fields))
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("search_text")
    op.drop_table("deadline_rule")
    op.drop_table("calendar_window")
    op.drop_table("calendar_override")
