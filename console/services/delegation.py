"""Delegations of the Board head's authority (Đ6.3b): granted, listed, revoked, and consulted by every Board
decision (issue 8).

The rules, in one place:

- Only someone who holds the head's role (``board_head``) delegates, and only to another member of the Board
  (``board_member``): nobody hands on what they do not hold, nor to themselves. A reason is required.
- A delegation covers calendar days in Viet Nam (``starts_on`` to ``ends_on``, both included; not ending in the
  past), and every item, or only some categories (a category covers its sections) and some content types.
- Two delegations of the same head that are in force on a common day and cover a common item are refused: the
  message names the one already there. (A revoked one no longer counts.)
- It ends by itself after its last day, and the head (or an administrator) may revoke it earlier, with a reason.
- While one is in force, a decision of the member on an item it covers is recorded "on behalf of" the head
  (``Decision.on_behalf_of_id``, and the audit event), by :func:`acting_for`, which ``items.decide`` asks.

Every grant and revocation is one transaction with one audit event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from console.i18n import register
from console.permissions import Actor
from console.services.people import get_user
from console.text import clean
from console.timefmt import local
from console.workspace import Workspace
from models import Category, ContentType, Delegation, Item, Membership, User, utcnow
from models.workflow import Role

register({
    "delegate.not_head": (
        "{user} không giữ vai trò Trưởng Ban Biên tập nên không thể ủy quyền.",
        "{user} is not the head of the Editorial Board and cannot delegate.",
    ),
    "delegate.self": ("Không thể tự ủy quyền cho chính mình.", "You cannot delegate to yourself."),
    "delegate.not_member": (
        "{user} không phải thành viên Ban Biên tập; chỉ ủy quyền cho thành viên Ban (Điều 6.3b).",
        "{user} is not a member of the Editorial Board; only Board members may be delegated to (Art. 6.3b).",
    ),
    "delegate.dates": (
        "Ngày kết thúc ({ends}) phải từ ngày bắt đầu ({starts}) trở đi.",
        "The last day ({ends}) must not come before the first ({starts}).",
    ),
    "delegate.past": ("Ủy quyền không thể kết thúc trong quá khứ ({ends}).",
                      "A delegation cannot end in the past ({ends})."),
    "delegate.reason": ("Cần ghi lý do ủy quyền.", "A delegation needs a reason."),
    "delegate.revoke_reason": ("Cần ghi lý do thu hồi ủy quyền.", "Revoking a delegation needs a reason."),
    "delegate.unknown_category": ("Không có chuyên mục «{category}».", "There is no category “{category}”."),
    "delegate.unknown_type": ("Không có loại nội dung «{code}».", "There is no content type “{code}”."),
    "delegate.overlap": (
        "Trùng với ủy quyền #{id} cho {user} từ {starts} đến {ends} (cùng ngày và cùng phạm vi). "
        "Thu hồi ủy quyền đó trước, hoặc chọn ngày hay phạm vi khác.",
        "It overlaps delegation #{id} to {user} from {starts} to {ends} (common days and scope). "
        "Revoke that one first, or choose other days or another scope.",
    ),
    "delegate.not_found": ("Không có ủy quyền #{id}.", "There is no delegation #{id}."),
    "delegate.revoked": ("Ủy quyền #{id} đã bị thu hồi lúc {at}.", "Delegation #{id} was already revoked at {at}."),
    "delegate.ended": ("Ủy quyền #{id} đã hết hạn ngày {ends}.", "Delegation #{id} already ended on {ends}."),
    "delegate.not_yours": (
        "Chỉ người ủy quyền hoặc Quản trị hệ thống được thu hồi ủy quyền #{id}.",
        "Only whoever granted delegation #{id}, or an administrator, may revoke it.",
    ),
    "delegate.all": ("tất cả", "all"),
})


def today() -> date:
    """Today in Viet Nam: the calendar day a delegation's dates are read against."""
    return local(utcnow()).date()


def _roles(s: Session, user_id: int) -> set[str]:
    return set(s.scalars(select(Membership.role_code).where(Membership.user_id == user_id)))


def _ancestry(s: Session) -> dict[str, str | None]:
    """Category key -> its parent's key."""
    keys: dict[int | None, str] = dict(s.execute(select(Category.id, Category.key)).all())  # type: ignore[arg-type]
    return {key: keys.get(parent) for key, parent in s.execute(select(Category.key, Category.parent_id))}


def _covers_category(keys: Iterable[str], key: str, parent: dict[str, str | None]) -> bool:
    wanted = set(keys)
    node: str | None = key
    while node is not None:
        if node in wanted:
            return True
        node = parent.get(node)
    return False


def _scopes_meet(a: list[str], b: list[str], parent: dict[str, str | None]) -> bool:
    """Whether two category scopes share an item: either is everything, or one key is the other's or under it."""
    if not a or not b:
        return True
    return any(_covers_category(a, key, parent) for key in b) or any(_covers_category(b, key, parent) for key in a)


def _in_force(on: date) -> object:
    return (Delegation.revoked_at.is_(None)) & (Delegation.starts_on <= on) & (Delegation.ends_on >= on)


@dataclass(frozen=True, slots=True)
class DelegationRow:
    id: int
    head: str
    deputy: str
    deputy_username: str
    starts_on: date
    ends_on: date
    categories: list[str]
    content_types: list[str]
    reason: str
    revoked_at: datetime | None
    revoke_reason: str

    def state(self, on: date) -> str:
        """``revoked``, ``ended``, ``coming`` or ``active`` on that day."""
        if self.revoked_at is not None:
            return "revoked"
        if self.ends_on < on:
            return "ended"
        return "coming" if self.starts_on > on else "active"


def add(ws: Workspace, actor: Actor, deputy: str, starts_on: date, ends_on: date, *, reason: str,
        categories: Iterable[str] = (), content_types: Iterable[str] = ()) -> int:  # fmt: skip
    """Delegate the head's authority to ``deputy`` (a username); returns the delegation's id."""
    reason = clean(reason)
    cats = sorted({clean(k) for k in categories if clean(k)})
    types = sorted({clean(c) for c in content_types if clean(c)})
    with ws.db.write() as s:
        if Role.BOARD_HEAD.value not in _roles(s, actor.user_id):
            raise PermissionDenied("delegate.not_head", user=actor.display)
        to = get_user(s, deputy)
        if to.id == actor.user_id:
            raise InvalidInput("delegate.self")
        if Role.BOARD_MEMBER.value not in _roles(s, to.id):
            raise InvalidInput("delegate.not_member", user=f"{to.full_name} ({to.username})")
        if ends_on < starts_on:
            raise InvalidInput("delegate.dates", starts=starts_on.isoformat(), ends=ends_on.isoformat())
        if ends_on < today():
            raise InvalidInput("delegate.past", ends=ends_on.isoformat())
        if not reason:
            raise InvalidInput("delegate.reason")
        parent = _ancestry(s)
        for key in cats:
            if key not in parent:
                raise InvalidInput("delegate.unknown_category", category=key)
        known_types = set(s.scalars(select(ContentType.code)))
        for code in types:
            if code not in known_types:
                raise InvalidInput("delegate.unknown_type", code=code)
        others = s.scalars(select(Delegation).where(
            Delegation.from_user_id == actor.user_id, Delegation.revoked_at.is_(None),
            Delegation.starts_on <= ends_on, Delegation.ends_on >= starts_on).with_for_update()).all()  # fmt: skip
        for other in others:
            types_meet = not other.content_types or not types or bool(set(other.content_types) & set(types))
            if types_meet and _scopes_meet(list(other.categories), cats, parent):
                holder = s.get(User, other.to_user_id)
                raise Conflict("delegate.overlap", id=other.id, user=holder.full_name if holder else other.to_user_id,
                               starts=other.starts_on.isoformat(), ends=other.ends_on.isoformat())  # fmt: skip
        row = Delegation(from_user_id=actor.user_id, to_user_id=to.id, starts_on=starts_on, ends_on=ends_on,
                         categories=cats, content_types=types, reason=reason, created_by_id=actor.user_id,
                         revoke_reason="")  # fmt: skip
        s.add(row)
        s.flush()
        audit.record(s, actor.user_id, actor.username, "delegation.add", "delegation", row.id, to=to.username,
                     starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat(), categories=cats,
                     content_types=types, reason=reason)  # fmt: skip
        return row.id


def revoke(ws: Workspace, actor: Actor, delegation_id: int, *, reason: str) -> None:
    """End a delegation before its last day (its grantor, or an administrator)."""
    reason = clean(reason)
    with ws.db.write() as s:
        row = s.get(Delegation, delegation_id, with_for_update=True)
        if row is None:
            raise NotFound("delegate.not_found", id=delegation_id)
        if row.from_user_id != actor.user_id and not actor.has(Role.ADMIN):
            raise PermissionDenied("delegate.not_yours", id=delegation_id)
        if row.revoked_at is not None:
            raise Conflict("delegate.revoked", id=delegation_id, at=row.revoked_at.isoformat(timespec="minutes"))
        if row.ends_on < today():
            raise Conflict("delegate.ended", id=delegation_id, ends=row.ends_on.isoformat())
        if not reason:
            raise InvalidInput("delegate.revoke_reason")
        row.revoked_at, row.revoked_by_id, row.revoke_reason = utcnow(), actor.user_id, reason
        s.flush()
        audit.record(s, actor.user_id, actor.username, "delegation.revoke", "delegation", row.id, reason=reason)


def acting_for(s: Session, actor: Actor, item: Item, on: date | None = None) -> int | None:
    """The head on whose behalf ``actor`` decides on ``item`` today (or ``on``), or None: a delegation in force
    to them that covers the item's category and content type. The head deciding for themselves is not "on
    behalf"; neither is a member without a delegation (their own vote as a Board member)."""
    rows = s.scalars(select(Delegation).where(Delegation.to_user_id == actor.user_id,
                                              _in_force(on or today()))).all()  # type: ignore[arg-type]
    if not rows:
        return None
    key = s.scalar(select(Category.key).where(Category.id == item.category_id)) or ""
    parent = _ancestry(s) if any(r.categories for r in rows) else {}
    for r in sorted(rows, key=lambda r: r.id):
        if r.content_types and item.content_type not in r.content_types:
            continue
        if r.categories and not _covers_category(r.categories, key, parent):
            continue
        return r.from_user_id
    return None


def listing(ws: Workspace, *, include_past: bool = False) -> list[DelegationRow]:
    """Delegations, newest first: those in force or to come, or (``include_past``) every one."""
    on = today()
    with ws.db.read() as s:
        q = select(Delegation).order_by(Delegation.starts_on.desc(), Delegation.id.desc())
        if not include_past:
            q = q.where(Delegation.revoked_at.is_(None), Delegation.ends_on >= on)
        rows = s.scalars(q).all()
        names = {u.id: u for u in s.scalars(select(User).where(
            User.id.in_({r.from_user_id for r in rows} | {r.to_user_id for r in rows})))}  # fmt: skip
        return [DelegationRow(r.id, names[r.from_user_id].full_name, names[r.to_user_id].full_name,
                              names[r.to_user_id].username, r.starts_on, r.ends_on, list(r.categories),
                              list(r.content_types), r.reason, r.revoked_at, r.revoke_reason)
                for r in rows]  # fmt: skip
