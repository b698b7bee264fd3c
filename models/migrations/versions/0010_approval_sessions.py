"""Board approval sessions: attendance, agenda, minutes; decisions stamped with their session (issue 8).

Revision ID: 0010_approval_sessions
Revises: 0009_leadership_approval
Create Date: 2026-11-26 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0010_approval_sessions"
down_revision = "0009_leadership_approval"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "approval_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=False),
        sa.Column("on_behalf_of_id", sa.Integer(), nullable=True),
        sa.Column("secretary_id", sa.Integer(), nullable=True),
        sa.Column("quorum", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("opened_at", TIMESTAMP, nullable=True),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.Column("minutes_number", sa.String(length=32), nullable=True),
        sa.Column("minutes_year", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.JSON(), nullable=True),
        sa.Column("minutes_sha256", sa.String(length=64), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("approval_session", "chair_id", "user_account"),
        _fk("approval_session", "on_behalf_of_id", "user_account"),
        _fk("approval_session", "secretary_id", "user_account"),
        _fk("approval_session", "corrects_id", "approval_session"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_session")),
        sa.UniqueConstraint("minutes_number", name=op.f("uq_approval_session_minutes_number")),
    )
    op.create_table(
        "session_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("session_attendance", "session_id", "approval_session"),
        _fk("session_attendance", "user_id", "user_account"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_attendance")),
        sa.UniqueConstraint("session_id", "user_id", name=op.f("uq_session_attendance_session_id_user_id")),
    )
    op.create_index(op.f("ix_session_attendance_session_id"), "session_attendance", ["session_id"])
    op.create_table(
        "agenda_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_during", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("agenda_entry", "session_id", "approval_session"),
        _fk("agenda_entry", "item_id", "item"),
        _fk("agenda_entry", "decision_id", "decision"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_entry")),
        sa.UniqueConstraint("session_id", "item_id", name=op.f("uq_agenda_entry_session_id_item_id")),
    )
    op.create_index(op.f("ix_agenda_entry_session_id"), "agenda_entry", ["session_id"])
    op.create_index(op.f("ix_agenda_entry_item_id"), "agenda_entry", ["item_id"])
    with op.batch_alter_table("decision") as batch:
        batch.add_column(sa.Column("session_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_decision_session_id_approval_session"), "approval_session",
                                 ["session_id"], ["id"])  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("decision") as batch:
        batch.drop_constraint(op.f("fk_decision_session_id_approval_session"), type_="foreignkey")
        batch.drop_column("session_id")
    op.drop_table("agenda_entry")
    op.drop_table("session_attendance")
    op.drop_table("approval_session")
