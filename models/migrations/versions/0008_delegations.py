"""Delegations of the Board head's authority to Board members (Đ6.3b; issue 8).

Revision ID: 0008_delegations
Revises: 0007_export_runs
Create Date: 2026-11-26 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0008_delegations"
down_revision = "0007_export_runs"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "delegation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=False),
        sa.Column("to_user_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("content_types", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["from_user_id"], ["user_account.id"],
                                name=op.f("fk_delegation_from_user_id_user_account")),
        sa.ForeignKeyConstraint(["to_user_id"], ["user_account.id"], name=op.f("fk_delegation_to_user_id_user_account")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_delegation_created_by_id_user_account")),
        sa.ForeignKeyConstraint(["revoked_by_id"], ["user_account.id"],
                                name=op.f("fk_delegation_revoked_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation")),
    )  # fmt: skip
    op.create_index(op.f("ix_delegation_from_user_id"), "delegation", ["from_user_id"])
    op.create_index("ix_delegation_to_dates", "delegation", ["to_user_id", "starts_on", "ends_on"])


def downgrade() -> None:
    op.drop_table("delegation")
