"""Renditions: each immutable revision's sanitised HTML, stored once for the exports (issue 7).

Revision ID: 0006_renditions
Revises: 0005_category_proposals
Create Date: 2026-12-03 02:10:00

One row per revision (``revision_id`` is the key), with the renderer version that made it. Existing approved
and published revisions get theirs from ``console.services.renditions.render_pending`` (rendering needs the
exports room, which a migration does not load); until then the exporter sees them as pending.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0006_renditions"
down_revision = "0005_category_proposals"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "rendition",
        sa.Column("revision_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("renderer", sa.String(length=32), nullable=False),
        sa.Column("html", LONG_TEXT, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("rendered_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"], name=op.f("fk_rendition_revision_id_revision")),
        sa.PrimaryKeyConstraint("revision_id", name=op.f("pk_rendition")),
    )


def downgrade() -> None:
    op.drop_table("rendition")
