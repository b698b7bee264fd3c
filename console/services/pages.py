"""Paged, filtered and sorted review queues for a virtualised list (issue 5, "Queues"). Read-only.

    flt = QueueFilter(portal="vi", text="dieu chinh luong huu")
    total = pages.count(ws, actor, "inbox", flt)
    p = pages.page(ws, actor, "inbox", flt, "due", limit=100)           # first page
    p2 = pages.page(ws, actor, "inbox", flt, "due", after=p.next_keyset)  # next page, by keyset
    p1 = pages.page(ws, actor, "inbox", flt, "due", before=p2.prev_keyset)  # back again
    end = pages.page(ws, actor, "inbox", flt, "due", offset=total - 100)  # a jump (OFFSET)
    pos = pages.index_of(ws, actor, "inbox", flt, "due", item_id)         # keep the cursor on refresh

Keyset paging compares the sort's columns as a row value, written out with OR/AND so that it works the
same on SQLite, PostgreSQL and MariaDB, with NULLs last in every sort (``due_at`` and ``submitted_at``
may be NULL). Each sort ends with ``Item.id``, so the order is total and a walk never repeats or skips
a row that did not change meanwhile.

Search folds the query with :func:`console.text.fold` and requires every word in ``Item.search_text``
(the folded title and summary): ``LIKE '%word%'`` per word, the same on every backend for now.

:func:`console.services.queries.list_queue` is ``page(...).rows`` in the default order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from console.errors import InvalidInput
from console.permissions import Actor
from console.queues import QUEUES, Queue, queue
from console.services.queries import ItemRow, actionable_clause, queue_clause, visible_clause
from console.text import fold
from console.workspace import Workspace
from models import Category, ContentType, Item, Lock, Portal, Revision, Unit, User, utcnow
from models.workflow import FORWARD_ACTIONS, STATE_LABELS, State

Sort = Literal["due", "received", "unit", "title"]
SORTS: tuple[str, ...] = get_args(Sort)


@dataclass(frozen=True)
class QueueFilter:
    """Narrows a queue; every field is optional and the fields combine with AND."""

    portal: str | None = None  # portal code: vi | en
    category_key: str | None = None  # a category key ("vi.3"), its sections included
    unit: str | None = None  # unit code ("VP")
    content_type: str | None = None  # content type code ("legal_document")
    assignee: str | None = None  # username
    text: str | None = None  # words to find in title and summary, diacritics and case ignored


@dataclass(frozen=True)
class Keyset:
    """Where a page starts or ends: the sort's column values of one row (the last element is the item id)."""

    sort: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Page:
    rows: list[ItemRow]
    next_keyset: Keyset | None  # ``after=`` this for the next page; None when this page reaches the end
    prev_keyset: Keyset | None  # ``before=`` this for the previous page; None when this page starts the queue
    start: int | None = None  # position of rows[0] in the queue when known (first page, offset jumps)


# --------------------------------------------------------------------------------- sort keys


@dataclass(frozen=True)
class _Key:
    expr: Any  # a column expression
    desc: bool = False
    nullable: bool = False


_DUE = (_Key(Item.due_at, nullable=True), _Key(Item.submitted_at, nullable=True), _Key(Item.id))


def _keys(sort: str) -> tuple[_Key, ...]:
    if sort == "due":
        return _DUE
    if sort == "received":
        return (_Key(Item.submitted_at, desc=True, nullable=True), _Key(Item.id, desc=True))
    if sort == "unit":
        return (_Key(Unit.code), *_DUE)
    if sort == "title":
        # Without a stored collation key (see the report of issue 5: ``item.title_key``), the folded text
        # is the closest order SQL can give: letters without diacritics (so "Đ..." sorts with "D...", not
        # after "Z"), then the exact title, then the id.
        return (_Key(Item.search_text), _Key(Item.title), _Key(Item.id))
    raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")


def _order_by(keys: Sequence[_Key], reverse: bool = False) -> list[Any]:
    """ORDER BY with NULLs last (reversed: NULLs first), portable: MariaDB has no NULLS LAST."""
    out: list[Any] = []
    for k in keys:
        if k.nullable:
            flag = k.expr.is_(None)
            out.append(flag.desc() if reverse else flag)
        out.append(k.expr.desc() if k.desc != reverse else k.expr.asc())
    return out


def _beyond(keys: Sequence[_Key], values: Sequence[Any], forward: bool) -> ColumnElement[bool]:
    """Rows strictly after (``forward``) or strictly before the row with sort ``values``:
    ``(a, b, c) > (A, B, C)`` written as ``a > A OR (a = A AND (b > B OR (b = B AND c > C)))``,
    where "greater" follows each key's direction and puts NULLs last."""
    cond: ColumnElement[bool] | None = None
    for k, v in reversed(list(zip(keys, values, strict=True))):
        e = k.expr
        up = k.desc == forward  # True when "beyond" means a smaller value
        if v is None:
            past: ColumnElement[bool] = false() if forward else e.is_not(None)
            same: ColumnElement[bool] = e.is_(None)
        else:
            past = e < v if up else e > v
            if k.nullable and forward:
                past = or_(past, e.is_(None))
            same = e == v
        cond = past if cond is None else or_(past, and_(same, cond))
    assert cond is not None
    return cond


# ----------------------------------------------------------------------------------- filters


def _queue(key: str) -> Queue:
    try:
        return queue(key)
    except KeyError:
        raise InvalidInput("input.unknown_queue", value=key, choices=", ".join(x.key for x in QUEUES)) from None


def _category_ids(s: Session, key: str) -> set[int]:
    rows = s.execute(select(Category.id, Category.parent_id, Category.key)).all()
    children: dict[int | None, list[int]] = {}
    for cid, parent, _ in rows:
        children.setdefault(parent, []).append(cid)
    found = [cid for cid, _, k in rows if k == key]
    out: set[int] = set()
    while found:
        cid = found.pop()
        if cid not in out:
            out.add(cid)
            found.extend(children.get(cid, ()))
    return out


def search_clause(text: str) -> ColumnElement[bool] | None:
    """Every folded word of ``text`` within ``Item.search_text`` (None when ``text`` has no word)."""
    words = fold(text).split()
    if not words:
        return None
    return and_(*(Item.search_text.contains(w, autoescape=True) for w in dict.fromkeys(words)))


def _where(s: Session, actor: Actor, q: Queue, flt: QueueFilter) -> list[ColumnElement[bool]]:
    conds = [visible_clause(actor), queue_clause(actor, q)]
    if flt.portal:
        conds.append(Item.portal_id == select(Portal.id).where(Portal.code == flt.portal).scalar_subquery())
    if flt.category_key:
        conds.append(Item.category_id.in_(_category_ids(s, flt.category_key) or {-1}))
    if flt.unit:
        conds.append(Item.unit_id == select(Unit.id).where(Unit.code == flt.unit.strip().upper()).scalar_subquery())
    if flt.content_type:
        conds.append(Item.content_type == flt.content_type)
    if flt.assignee:
        conds.append(Item.assignee_id == select(User.id).where(User.username == flt.assignee).scalar_subquery())
    if flt.text:
        found = search_clause(flt.text)
        if found is not None:
            conds.append(found)
    return conds


def _needs_unit(sort: str) -> bool:
    return sort == "unit"


# ------------------------------------------------------------------------------------- reads


def count(ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None = None) -> int:
    """How many items of the queue the actor sees, with the filter."""
    q = _queue(queue_key)
    with ws.db.read() as s:
        stmt = select(func.count()).select_from(Item).where(*_where(s, actor, q, flt or QueueFilter()))
        return int(s.scalar(stmt) or 0)


def page(
    ws: Workspace,
    actor: Actor,
    queue_key: str,
    flt: QueueFilter | None = None,
    sort: Sort = "due",
    *,
    after: Keyset | None = None,
    before: Keyset | None = None,
    offset: int | None = None,
    limit: int = 100,
) -> Page:
    """One page of the queue: the first (no position given), the one ``after`` or ``before`` a keyset, or the
    one at ``offset`` (for jumps only: the database walks every skipped row)."""
    if sum(x is not None for x in (after, before, offset)) > 1:
        raise ValueError("give at most one of after=, before=, offset=")
    if limit < 1:
        raise ValueError("limit must be positive")
    keys = _keys(sort)
    for given in (after, before):
        if given is not None and (given.sort != sort or len(given.values) != len(keys)):
            raise ValueError(f"keyset of sort {given.sort!r} used with sort {sort!r}")
    q = _queue(queue_key)
    lang = actor.language
    assignee = aliased(User)
    holder = aliased(User)
    now = utcnow()
    with ws.db.read() as s:
        # Two steps: the ids of the page from a narrow query (filters and sort columns only), then the
        # columns to show for just those rows. Joining everything before sorting costs ~100 ms at 100k items.
        pick = select(Item.id, *(k.expr for k in keys)).select_from(Item)
        if _needs_unit(sort):
            pick = pick.join(Unit, Unit.id == Item.unit_id)
        pick = pick.where(*_where(s, actor, q, flt or QueueFilter()))
        reverse = before is not None
        if after is not None:
            pick = pick.where(_beyond(keys, after.values, forward=True))
        if before is not None:
            pick = pick.where(_beyond(keys, before.values, forward=False))
        pick = pick.order_by(*_order_by(keys, reverse)).limit(limit + 1)
        if offset:
            pick = pick.offset(offset)
        picked = list(s.execute(pick).all())
        more = len(picked) > limit
        picked = picked[:limit]
        if reverse:
            picked.reverse()
        details: dict[int, Any] = {}
        if picked:
            stmt = (
                select(
                    Item.id,
                    Item.title,
                    Item.content_type,
                    ContentType.name_en if lang == "en" else ContentType.name_vi,
                    Portal.code,
                    Unit.code,
                    Category.name,
                    Item.state,
                    Item.submitted_at,
                    Item.due_at,
                    assignee.username,
                    holder.username,
                    Lock.expires_at,
                    Item.version,
                    actionable_clause(actor, q.states),
                    actionable_clause(actor, q.states, FORWARD_ACTIONS),
                )
                .select_from(Item)
                .join(Revision, Revision.id == Item.current_revision_id, isouter=True)
                .join(ContentType, ContentType.code == Item.content_type)
                .join(Portal, Portal.id == Item.portal_id)
                .join(Unit, Unit.id == Item.unit_id)
                .join(Category, Category.id == Item.category_id)
                .join(assignee, assignee.id == Item.assignee_id, isouter=True)
                .join(Lock, and_(Lock.item_id == Item.id, Lock.expires_at > now), isouter=True)
                .join(holder, holder.id == Lock.user_id, isouter=True)
                .where(Item.id.in_([r[0] for r in picked]))
            )
            details = {r[0]: r for r in s.execute(stmt)}
    fetched = [(details[r[0]], tuple(r[1:])) for r in picked if r[0] in details]
    rows = [
        ItemRow(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
            STATE_LABELS[State(r[7])][1 if lang == "en" else 0],
            r[8], r[9], r[10], r[11], r[12], r[13], bool(r[14]), bool(r[15]),
        )
        for r, _ in fetched
    ]
    ks = [Keyset(sort, values) for _, values in fetched]
    from console.services.due import marks

    rows = [
        replace(r, due_status=m.status, working_days_overdue=m.working_days_overdue, provisional=m.provisional)
        for r, m in zip(rows, marks(ws, [r.due_at for r in rows], now), strict=True)
    ]
    if reverse:
        has_prev, has_next = more, True
    else:
        has_prev, has_next = after is not None or bool(offset), more
    start = (offset or 0) if after is None and before is None else None
    return Page(
        rows,
        next_keyset=ks[-1] if ks and has_next else None,
        prev_keyset=ks[0] if ks and has_prev else None,
        start=start,
    )


def _select(s: Session, actor: Actor, q: Queue, flt: QueueFilter | None, sort: str, *cols: Any) -> Any:
    """SELECT ``cols`` over the filtered queue (joined as the sort needs), for positions and finds."""
    stmt = select(*cols).select_from(Item)
    if _needs_unit(sort):
        stmt = stmt.join(Unit, Unit.id == Item.unit_id)
    return stmt.where(*_where(s, actor, q, flt or QueueFilter()))


def _position(s: Session, actor: Actor, q: Queue, flt: QueueFilter | None, sort: str, values: Sequence[Any]) -> int:
    """How many rows of the queue come before the row with these sort values."""
    before = _select(s, actor, q, flt, sort, func.count()).where(_beyond(_keys(sort), values, forward=False))
    return int(s.scalar(before) or 0)


def counts(ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None = None) -> tuple[int, int]:
    """(items of the queue the actor sees, of which they may act on) with the filter, in one query."""
    from console.services.queries import _as_int

    q = _queue(queue_key)
    with ws.db.read() as s:
        stmt = (
            select(func.count(), func.sum(_as_int(actionable_clause(actor, q.states))))
            .select_from(Item)
            .join(Revision, Revision.id == Item.current_revision_id, isouter=True)  # its author: separation of duties
            .where(*_where(s, actor, q, flt or QueueFilter()))
        )
        total, actionable = s.execute(stmt).one()
        return int(total or 0), int(actionable or 0)


def index_of(
    ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None, sort: Sort, item_id: int
) -> int | None:
    """The 0-based position of the item in the filtered, sorted queue; None when it is not in it."""
    keys = _keys(sort)
    q = _queue(queue_key)
    with ws.db.read() as s:
        row = s.execute(_select(s, actor, q, flt, sort, *(k.expr for k in keys)).where(Item.id == item_id)).first()
        return None if row is None else _position(s, actor, q, flt, sort, tuple(row))


def find(
    ws: Workspace,
    actor: Actor,
    queue_key: str,
    flt: QueueFilter | None,
    sort: Sort,
    text: str,
    from_id: int | None,
    *,
    forward: bool = True,
    inclusive: bool = False,
) -> int | None:
    """The position of the next item (previous, when not ``forward``) after ``from_id`` whose title or summary
    has every word of ``text``, wrapping around the end of the queue; None when no item has them.
    ``inclusive`` counts the item ``from_id`` itself (a new search starts where the cursor is)."""
    found = search_clause(text)
    if found is None:
        return None
    keys = _keys(sort)
    exprs = [k.expr for k in keys]
    q = _queue(queue_key)
    with ws.db.read() as s:
        start = None
        if from_id is not None:
            row = s.execute(_select(s, actor, q, flt, sort, *exprs).where(Item.id == from_id)).first()
            start = None if row is None else tuple(row)
        matches = _select(s, actor, q, flt, sort, *exprs).where(found).order_by(*_order_by(keys, not forward)).limit(1)
        hit = None
        if start is not None:
            after = _beyond(keys, start, forward=forward)
            hit = s.execute(matches.where(or_(after, Item.id == from_id) if inclusive else after)).first()
        if hit is None:  # from the start (or wrapped around the end)
            hit = s.execute(matches).first()
        return None if hit is None else _position(s, actor, q, flt, sort, tuple(hit))
