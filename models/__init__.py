"""The data room: typed ORM entities and the workflow rules that are pure data.

Imports nothing from ``console``, ``screens`` or ``exports``.
"""

from models.audit import GENESIS_HASH, AuditEvent, AuditHead
from models.base import Base, utcnow
from models.board import AgendaEntry, ApprovalSession, Delegation, EntryStatus, SessionAttendance, SessionStatus
from models.calendar import CalendarOverride, CalendarWindow, DeadlineRuleSetting
from models.content import Attachment, Comment, ContentType, Decision, Item, Lock, ReasonTemplate, Rendition, Revision
from models.people import Membership, RoleRow, Unit, User
from models.portal import Category, CategoryChange, CategoryStatus, Portal, Redirect
from models.publication import ExportRun, RunStatus

__all__ = [
    "GENESIS_HASH",
    "AgendaEntry",
    "ApprovalSession",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "Base",
    "CalendarOverride",
    "CalendarWindow",
    "Category",
    "CategoryChange",
    "CategoryStatus",
    "Comment",
    "ContentType",
    "DeadlineRuleSetting",
    "Decision",
    "Delegation",
    "EntryStatus",
    "ExportRun",
    "Item",
    "Lock",
    "Membership",
    "Portal",
    "ReasonTemplate",
    "Redirect",
    "Rendition",
    "Revision",
    "RoleRow",
    "RunStatus",
    "SessionAttendance",
    "SessionStatus",
    "Unit",
    "User",
    "utcnow",
]
