"""The leadership's approval (Đ11.1c-d; issue 8): the approval document's number and file on the decision, and
the secretary who records it on a leader's behalf.

Revision ID: 0009_leadership_approval
Revises: 0008_delegations
Create Date: 2026-11-26 08:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_leadership_approval"
down_revision = "0008_delegations"
branch_labels = None
depends_on = None

ROLE = {"code": "leadership_secretary", "name_vi": "Thư ký Lãnh đạo", "name_en": "Leadership secretary"}


def upgrade() -> None:
    with op.batch_alter_table("decision") as batch:
        batch.add_column(sa.Column("document_number", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("document_attachment_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_decision_document_attachment_id_attachment"), "attachment",
                                 ["document_attachment_id"], ["id"])  # fmt: skip
    role = sa.table("role", sa.column("code"), sa.column("name_vi"), sa.column("name_en"))
    if op.get_bind().scalar(sa.select(sa.func.count()).select_from(role)):  # seeded: add it; a new one gets it
        op.bulk_insert(role, [ROLE])


def downgrade() -> None:
    with op.batch_alter_table("decision") as batch:
        batch.drop_constraint(op.f("fk_decision_document_attachment_id_attachment"), type_="foreignkey")
        batch.drop_column("document_attachment_id")
        batch.drop_column("document_number")
    role = sa.table("role", sa.column("code"))
    op.execute(role.delete().where(role.c.code == ROLE["code"]))
