"""The category tree's proposals: each node's history of applied changes, redirects, the proposal type (issue 6).

Revision ID: 0005_category_proposals
Revises: 0004_queue_search
Create Date: 2026-11-26 03:45:00

A proposal is an item of the content type ``category_change``, reviewed like any submission. A new workspace
gets that type with the rest of the seed; a workspace made before this revision gets it here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0005_category_proposals"
down_revision = "0004_queue_search"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
PROPOSAL_TYPE = {
    "code": "category_change",
    "name_vi": "Đề xuất điều chỉnh mục, chuyên mục",
    "name_en": "Category tree proposal",
    "fields": [],
    "deadline_rule": "tree_proposal",
    "article": "Đ6.2a",
    "needs_leadership": False,
}


def upgrade() -> None:
    op.create_table(
        "category_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_category_change_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_category_change_category_id_category")),
        sa.ForeignKeyConstraint(["proposal_id"], ["item.id"], name=op.f("fk_category_change_proposal_id_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_change")),
    )
    op.create_index(op.f("ix_category_change_category_id"), "category_change", ["category_id"])
    op.create_index(op.f("ix_category_change_proposal_id"), "category_change", ["proposal_id"])
    op.create_table(
        "redirect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portal_id", sa.Integer(), nullable=False),
        sa.Column("old_path", sa.String(length=512), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_redirect_category_id_category")),
        sa.ForeignKeyConstraint(["portal_id"], ["portal.id"], name=op.f("fk_redirect_portal_id_portal")),
        sa.ForeignKeyConstraint(["proposal_id"], ["item.id"], name=op.f("fk_redirect_proposal_id_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redirect")),
        sa.UniqueConstraint("portal_id", "old_path", name=op.f("uq_redirect_portal_id_old_path")),
    )
    op.create_index(op.f("ix_redirect_category_id"), "redirect", ["category_id"])
    content_type = sa.table(
        "content_type",
        *(sa.column(name) for name in ("code", "name_vi", "name_en", "deadline_rule", "article", "needs_leadership")),
        sa.column("fields", sa.JSON()),
    )
    bind = op.get_bind()
    seeded = bind.scalar(sa.select(sa.func.count()).select_from(content_type))
    if seeded:  # a workspace with its seed already: add the type; a new one gets it with the rest of the seed
        op.bulk_insert(content_type, [PROPOSAL_TYPE])


def downgrade() -> None:
    op.drop_table("redirect")
    op.drop_table("category_change")
    content_type = sa.table("content_type", sa.column("code"))
    item = sa.table("item", sa.column("content_type"))
    if not op.get_bind().scalar(
        sa.select(sa.func.count()).select_from(item).where(item.c.content_type == "category_change")
    ):
        op.execute(content_type.delete().where(content_type.c.code == "category_change"))
