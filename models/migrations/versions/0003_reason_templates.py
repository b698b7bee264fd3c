"""Reason templates for returning and rejecting items, with the regulation's usual reasons.

Revision ID: 0003_reason_templates
Revises: 0002_calendar_deadlines
Create Date: 2026-11-26 00:50:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0003_reason_templates"
down_revision = "0002_calendar_deadlines"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")

# The reasons the regulation itself gives (Đ8: accurate, official sources named; Đ13: what may not be
# published; Đ17: authorship), written as an editor would say them. The workspace edits them afterwards.
DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("return", "Chưa ghi rõ tác giả, nguồn của thông tin trích dẫn (Điều 8 khoản 3).",
     "The author or the source of quoted material is not named (Art. 8.3)."),
    ("return", "Thông tin chưa bảo đảm chính xác, cần kiểm tra lại số liệu và trích dẫn (Điều 8 khoản 2).",
     "The information is not yet accurate; check the figures and quotations (Art. 8.2)."),
    ("return", "Cần biên tập lại: chính tả, câu chữ, tiêu đề hoặc sapô chưa đạt.",
     "Needs editing: spelling, wording, title or lead."),
    ("return", "Thiếu số, ký hiệu hoặc ngày ban hành của văn bản.",
     "The document's number, symbol or date of issue is missing."),
    ("return", "Chọn sai chuyên mục hoặc loại tin, đề nghị chuyển đúng chuyên mục.",
     "Wrong category or content type; please move it to the right one."),
    ("return", "Thiếu tệp đính kèm (văn bản gốc, ảnh hoặc tài liệu liên quan).",
     "An attachment is missing (the original document, images or related files)."),
    ("reject", "Nội dung không thuộc phạm vi thông tin của Cổng Thông tin điện tử (Điều 9).",
     "The content is outside the portal's scope (Art. 9)."),
    ("reject", "Trùng lặp với tin, bài đã đăng.", "Duplicates an item already published."),
    ("reject", "Nội dung thuộc hành vi không được đăng tải (Điều 13).", "The content is prohibited (Art. 13)."),
    ("reject", "Thông tin không còn giá trị thời sự.", "The information is no longer timely."),
)


def upgrade() -> None:
    table = op.create_table(
        "reason_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("text_vi", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason_template")),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        table,
        [
            {"action": action, "text_vi": vi, "text_en": en, "position": i, "active": True, "version": 1,
             "created_at": now}
            for i, (action, vi, en) in enumerate(DEFAULTS, start=1)
        ],
    )


def downgrade() -> None:
    op.drop_table("reason_template")
