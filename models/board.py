"""The Editorial Board's own records: delegations of the head's authority (Đ6.3b). (Approval sessions and their
minutes join them with issue 8's next step.)"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Versioned, utcnow


class Delegation(Versioned, Base):
    """The Board head's authority to decide, handed to a Board member for a date range (Đ6.3b: «Trưởng Ban Biên
    tập phân công và ủy quyền cho các thành viên Ban Biên tập giải quyết các công việc thuộc thẩm quyền của
    Trưởng Ban»), for every item or only some categories and content types.

    The dates are calendar days in Viet Nam, both included; the delegation ends by itself after ``ends_on`` and
    may be revoked earlier (``revoked_at``). While it is in force, the member's Board decisions on items it
    covers are recorded "on behalf of" the head (``Decision.on_behalf_of_id``). Rows are never deleted."""

    __tablename__ = "delegation"
    __table_args__ = (Index("ix_delegation_to_dates", "to_user_id", "starts_on", "ends_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)  # the head
    to_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))  # the member who acts for them
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)  # category keys (a section's too); [] = all
    content_types: Mapped[list[Any]] = mapped_column(JSON, default=list)  # content type codes; [] = all
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
