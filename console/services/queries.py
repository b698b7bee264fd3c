"""Read-only queries for the screens and the CLI: dashboard counts, queue pages, item details.
Nothing here writes; every row respects what the actor may see."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from console.errors import NotFound
from console.permissions import (
    SEES_ALL,
    Actor,
    allowed,
    available_transitions,
    check_assign,
    check_break_lock,
    check_edit,
    check_view,
)
from console.queues import QUEUES, Queue
from console.workspace import Workspace
from models import (
    Attachment,
    Category,
    Comment,
    ContentType,
    Decision,
    Item,
    Lock,
    Portal,
    Revision,
    Unit,
    User,
    utcnow,
)
from models.workflow import DESK, STATE_LABELS, TRANSITIONS, Action, Role, State

# ------------------------------------------------------------------------------ clauses


def visible_clause(actor: Actor) -> ColumnElement[bool]:
    if actor.has(*SEES_ALL):  # the rule of permissions.can_view
        return true()
    return or_(Item.unit_id.in_(actor.unit_ids or {-1}), Item.created_by_id == actor.user_id)


def actionable_clause(
    actor: Actor, states: frozenset[State], only: Collection[Action] | None = None
) -> ColumnElement[bool]:
    """Items in ``states`` on which the actor may take at least one transition (of the ``only`` actions).

    Mirrors :func:`console.permissions.check_transition` in SQL: roles, the unit rule and the
    separation of duties (the current revision's author is joined as ``Revision``)."""
    free: set[str] = set()  # states with a step the actor may take on any item of them
    bound: list[tuple[str, ColumnElement[bool]]] = []
    for t in TRANSITIONS:
        if t.source not in states or t.roles == {Role.EXPORTER} or (only is not None and t.action not in only):
            continue
        held = [(u, r) for u, r in actor.memberships if r in t.roles]
        if not held:
            continue
        cond: list[ColumnElement[bool]] = [Item.state == t.source.value]
        if t.only_types is not None:
            cond.append(Item.content_type.in_(t.only_types))
        if t.except_types is not None:
            cond.append(Item.content_type.not_in(t.except_types))
        if t.own_unit_only and not any(r in DESK for _, r in held):
            cond.append(Item.unit_id.in_({u for u, _ in held}))
        if t.not_by_author:
            cond.append(Item.created_by_id != actor.user_id)
            cond.append(Revision.created_by_id != actor.user_id)
        if len(cond) == 1:
            free.add(t.source.value)
        else:
            bound.append((t.source.value, and_(*cond)))
    # Where one step needs nothing but the state, the other steps' conditions add nothing: leaving them out
    # keeps a count of a Board queue from reading every item's current revision.
    parts: list[ColumnElement[bool]] = [Item.state.in_(sorted(free))] if free else []
    parts += [c for state, c in bound if state not in free]
    return or_(*parts) if parts else false()


def queue_clause(actor: Actor, q: Queue) -> ColumnElement[bool]:
    states = Item.state.in_([s.value for s in q.states])
    if q.scope == "mine":
        locked = select(Lock.item_id).where(Lock.user_id == actor.user_id, Lock.expires_at > utcnow())
        return and_(states, or_(Item.assignee_id == actor.user_id, Item.id.in_(locked)))
    if q.scope == "submitted_by_me":
        return Item.created_by_id == actor.user_id
    if q.scope == "overdue":
        return and_(states, Item.due_at.is_not(None), Item.due_at < utcnow())
    return states


def _base(stmt: Any) -> Any:
    return stmt.select_from(Item).join(Revision, Revision.id == Item.current_revision_id, isouter=True)


# ---------------------------------------------------------------------------- dashboard


@dataclass(frozen=True, slots=True)
class QueueCount:
    key: str
    name: str
    total: int
    actionable: int
    by_portal: dict[str, int]


@dataclass(frozen=True, slots=True)
class Dashboard:
    user: str
    roles: tuple[str, ...]
    queues: tuple[QueueCount, ...]
    portals: tuple[tuple[str, str, dict[str, int]], ...]  # (code, name, {state: count})
    total_items: int


def dashboard(ws: Workspace, actor: Actor) -> Dashboard:
    lang = actor.language
    with ws.db.read() as s:
        portals = s.execute(select(Portal).order_by(Portal.id)).scalars().all()
        code_of = {p.id: p.code for p in portals}
        vis = visible_clause(actor)
        counts: list[QueueCount] = []
        for q in QUEUES:
            rows = s.execute(
                _base(select(Item.portal_id, func.count(), func.sum(_as_int(actionable_clause(actor, q.states)))))
                .where(vis, queue_clause(actor, q))
                .group_by(Item.portal_id)
            ).all()
            by_portal = {code_of[pid]: n for pid, n, _ in rows}
            actionable = (
                sum(int(a or 0) for _, _, a in rows) if q.scope in ("state", "overdue") else sum(by_portal.values())
            )
            counts.append(QueueCount(q.key, q.name(lang), sum(by_portal.values()), actionable, by_portal))
        by_state: dict[int, dict[str, int]] = {p.id: {} for p in portals}
        for pid, state, n in s.execute(
            select(Item.portal_id, Item.state, func.count()).where(vis).group_by(Item.portal_id, Item.state)
        ):
            by_state[pid][state] = n
        name_attr = "name_en" if lang == "en" else "name_vi"
        return Dashboard(
            user=actor.display,
            roles=tuple(sorted({r.value for r in actor.roles})),
            queues=tuple(counts),
            portals=tuple((p.code, getattr(p, name_attr), by_state[p.id]) for p in portals),
            total_items=sum(sum(d.values()) for d in by_state.values()),
        )


def _as_int(clause: ColumnElement[bool]) -> Any:
    from sqlalchemy import Integer, case

    return case((clause, 1), else_=0).cast(Integer)


# ------------------------------------------------------------------------------- queues


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    title: str
    content_type: str
    type_name: str
    portal: str
    unit: str
    category: str
    state: str
    state_label: str
    submitted_at: datetime | None
    due_at: datetime | None
    assignee: str | None
    lock_holder: str | None
    lock_until: datetime | None
    version: int
    actionable: bool
    can_forward: bool = False  # the person may take the state's forward step (the "a" key)
    due_status: str = "no_deadline"  # overdue | due_today | due_soon | on_time | no_deadline
    working_days_overdue: int = 0
    provisional: bool = False  # the due day lies in a holiday window not yet announced


def list_queue(ws: Workspace, actor: Actor, key: str = "inbox", *, portal: str | None = None,
               limit: int = 50, offset: int = 0) -> list[ItemRow]:
    """A page of a queue in its default order (most urgent first); see :mod:`console.services.pages`
    for filters, other sorts and keyset paging."""
    from console.services import pages

    return pages.page(ws, actor, key, pages.QueueFilter(portal=portal), "due", offset=offset, limit=limit).rows


# -------------------------------------------------------------------------------- item


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    id: int
    number: int
    title: str
    summary: str
    body_md: str
    meta: dict[str, Any]
    author: str
    source: str
    created_by: str
    created_at: datetime
    content_hash: str


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    action: str
    from_state: str
    to_state: str
    actor: str
    reason: str
    at: datetime
    on_behalf_of: str | None = None  # the Board head (a delegation) or the leader (a secretary's record)
    document_number: str | None = None  # the leadership approval's document
    session_id: int | None = None  # taken in that Board session


@dataclass(frozen=True, slots=True)
class CommentInfo:
    id: int
    parent_id: int | None
    author: str
    body: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ItemDetail:
    id: int
    version: int
    state: str
    state_label: str
    portal: str
    category_key: str
    category: str
    content_type: str
    type_name: str
    unit: str
    unit_name: str
    created_by: str
    submitted_at: datetime | None
    due_at: datetime | None
    assignee: str | None
    lock_holder: str | None
    lock_until: datetime | None
    current: RevisionInfo
    approved_revision: int | None
    published_revision: int | None
    revisions: tuple[RevisionInfo, ...]
    decisions: tuple[DecisionInfo, ...]
    comments: tuple[CommentInfo, ...]
    attachments: tuple[tuple[str, int, str], ...]  # (filename, size, sha256)
    actions: tuple[str, ...] = field(default=())  # the workflow actions this person may take now
    may_edit: bool = False
    may_assign: bool = False
    may_break_lock: bool = False

    @property
    def forward(self) -> str | None:
        """The action that moves the item on, if this person may take it (the "a" key)."""
        from models.workflow import FORWARD_ACTIONS

        return next((a for a in self.actions if a in FORWARD_ACTIONS), None)


def _usernames(s: Session, ids: set[int | None]) -> dict[int, str]:
    ids_ = {i for i in ids if i is not None}
    if not ids_:
        return {}
    return dict(s.execute(select(User.id, User.username).where(User.id.in_(ids_))).all())


def item_detail(ws: Workspace, actor: Actor, item_id: int) -> ItemDetail:
    lang = actor.language
    with ws.db.read() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFound("notfound.item", item=item_id)
        check_view(actor, item)
        revs = s.execute(select(Revision).where(Revision.item_id == item.id).order_by(Revision.number)).scalars().all()
        decs = s.execute(select(Decision).where(Decision.item_id == item.id).order_by(Decision.id)).scalars().all()
        coms = s.execute(select(Comment).where(Comment.item_id == item.id).order_by(Comment.id)).scalars().all()
        atts = s.execute(select(Attachment).where(Attachment.item_id == item.id).order_by(Attachment.id)).scalars()
        lock = s.execute(select(Lock).where(Lock.item_id == item.id, Lock.expires_at > utcnow())).scalar_one_or_none()
        names = _usernames(
            s,
            {item.created_by_id, item.assignee_id, lock.user_id if lock else None}
            | {r.created_by_id for r in revs}
            | {d.actor_id for d in decs}
            | {d.on_behalf_of_id for d in decs if d.on_behalf_of_id}
            | {c.author_id for c in coms},
        )
        ct = s.get(ContentType, item.content_type)
        cat = s.get(Category, item.category_id)
        unit = s.get(Unit, item.unit_id)
        portal = s.get(Portal, item.portal_id)
        assert ct and cat and unit and portal
        infos = tuple(
            RevisionInfo(
                r.id,
                r.number,
                r.title,
                r.summary,
                r.body_md,
                dict(r.meta),
                r.author,
                r.source,
                names.get(r.created_by_id, "?"),
                r.created_at,
                r.content_hash,
            )
            for r in revs
        )
        current = next(r for r in infos if r.id == item.current_revision_id)
        number_of = {r.id: r.number for r in infos}
        author_id = next((r.created_by_id for r in revs if r.id == item.current_revision_id), None)
        return ItemDetail(
            id=item.id,
            version=item.version,
            state=item.state,
            state_label=STATE_LABELS[State(item.state)][1 if lang == "en" else 0],
            portal=portal.code,
            category_key=cat.key,
            category=cat.name,
            content_type=ct.code,
            type_name=ct.name_en if lang == "en" else ct.name_vi,
            unit=unit.code,
            unit_name=unit.name,
            created_by=names.get(item.created_by_id, "?"),
            submitted_at=item.submitted_at,
            due_at=item.due_at,
            assignee=names.get(item.assignee_id) if item.assignee_id else None,
            lock_holder=names.get(lock.user_id) if lock else None,
            lock_until=lock.expires_at if lock else None,
            current=current,
            approved_revision=number_of.get(item.approved_revision_id) if item.approved_revision_id else None,
            published_revision=number_of.get(item.published_revision_id) if item.published_revision_id else None,
            revisions=infos,
            decisions=tuple(
                DecisionInfo(
                    d.action, d.from_state, d.to_state, names.get(d.actor_id, "?"), d.reason, d.created_at,
                    names.get(d.on_behalf_of_id) if d.on_behalf_of_id else None, d.document_number, d.session_id,
                )
                for d in decs
            ),
            comments=tuple(
                CommentInfo(c.id, c.parent_id, names.get(c.author_id, "?"), c.body, c.created_at) for c in coms
            ),
            attachments=tuple((a.filename, a.size, a.sha256) for a in atts),
            actions=tuple(t.action.value for t in available_transitions(actor, item, author_id)),
            may_edit=allowed(check_edit, actor, item),
            may_assign=allowed(check_assign, actor),
            may_break_lock=allowed(check_break_lock, actor),
        )


def latest_reasons(ws: Workspace, actor: Actor, item_ids: Collection[int]) -> dict[int, str]:
    """For each item (of those the actor may see) that was last returned, rejected or withdrawn, the reason
    given: what the submitter reads in their queue."""
    if not item_ids:
        return {}
    latest = (
        select(Decision.item_id, func.max(Decision.id).label("last"))
        .where(Decision.item_id.in_(list(item_ids)))
        .group_by(Decision.item_id)
        .subquery()
    )
    stmt = (
        select(Decision.item_id, Decision.reason)
        .join(latest, latest.c.last == Decision.id)
        .join(Item, Item.id == Decision.item_id)
        .where(Decision.action.in_(("return", "reject", "withdraw")), visible_clause(actor))
    )
    with ws.db.read() as s:
        return {item_id: reason for item_id, reason in s.execute(stmt)}


def change_stamp(ws: Workspace) -> int:
    """A number that grows with every change anyone makes (every write leaves an audit event): a screen
    polls it, cheaply, and reloads only when it moved."""
    from models import AuditEvent

    with ws.db.read() as s:
        return int(s.scalar(select(func.max(AuditEvent.id))) or 0)


# --------------------------------------------------------------------------- reference


def audit_log(ws: Workspace, limit: int = 50, entity: str | None = None, entity_id: str | None = None) -> list[Any]:
    from models import AuditEvent

    with ws.db.read() as s:
        stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
        if entity:
            stmt = stmt.where(AuditEvent.entity == entity)
        if entity_id:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        return list(reversed(s.execute(stmt).scalars().all()))
