"""The workspace's record of export runs to the live portal, and the indexes an incremental plan reads (issue 7).

Revision ID: 0007_export_runs
Revises: 0006_renditions
Create Date: 2026-11-26 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0007_export_runs"
down_revision = "0006_renditions"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "export_run",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("target", sa.String(length=63), nullable=False),
        sa.Column("target_url", sa.String(length=500), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("actor_name", sa.String(length=255), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("done", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_export_run_actor_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_run")),
    )
    op.create_index("ix_export_run_target_started", "export_run", ["target", "started_at"])
    # What changed since the last export: items, renderings, files (console/services/export.changed_items).
    op.create_index("ix_item_updated_at", "item", ["updated_at"])
    op.create_index(op.f("ix_rendition_rendered_at"), "rendition", ["rendered_at"])
    op.create_index("ix_attachment_created_at", "attachment", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_attachment_created_at", table_name="attachment")
    op.drop_index(op.f("ix_rendition_rendered_at"), table_name="rendition")
    op.drop_index("ix_item_updated_at", table_name="item")
    op.drop_table("export_run")
