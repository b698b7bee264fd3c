"""Times are stored in UTC and shown in Vietnam's time zone (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(dt: datetime) -> datetime:
    return dt.astimezone(VN_TZ)


def local_text(dt: datetime | None, with_time: bool = True) -> str:
    if dt is None:
        return ""
    return local(dt).strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
