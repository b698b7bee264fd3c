"""Paged, filtered and sorted review queues for a virtualised list (issue 5, "Queues"). Read-only.

    flt = QueueFilter(portal="vi", text="dieu chinh luong huu")
    total = pages.count(ws, actor, "inbox", flt)
    p = pages.page(ws, actor, "inbox", flt, "due", limit=100)              # first page
    p2 = pages.page(ws, actor, "inbox", flt, "due", after=p.next_keyset)     # next page, by keyset
    p1 = pages.page(ws, actor, "inbox", flt, "due", before=p2.prev_keyset)   # back again
    end = pages.page(ws, actor, "inbox", flt, "due", last=True)             # the last page, read backwards
    mid = pages.page(ws, actor, "inbox", flt, "due", offset=total // 2)      # a jump (OFFSET)
    pos = pages.index_of(ws, actor, "inbox", flt, "due", item_id)            # keep the cursor on refresh

**Order.** Sorts: due date (then received, then id), received (newest first), unit (its code, then as by due
date) and title (Vietnamese collation, ``item.title_key``, then id). NULLs come last in every sort. Each sort
ends with ``Item.id``, so the order is total and a walk never repeats or skips a row that did not change meanwhile.

**Indexes.** Each sort has an index (state, its columns..., id) (``models.content.Item``) and reads one queue
state as a range of it, stopping after the page. Two habits of portable SQL would defeat it, so:

- *NULLs last*: SQLite and MariaDB store NULL first in an index, PostgreSQL last, and ``ORDER BY x IS NULL, x``
  sorts the whole queue. So a sort is read in *segments*: the rows whose first nullable key is set, then those
  where it is NULL and the next one is set, and so on (due: due date set; no due date but received; neither).
  Within a segment the leading column comes straight from the index in any database; the keys after it keep
  their NULLs-last flags, which only order rows that tie on the leading column, and the database sorts each
  small group of ties as it reads (SQLite "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY", PostgreSQL's
  incremental sort; MariaDB sorts the whole range, so there the flags are left out when the queue has no such
  NULL, which one seek tells). Same rows, same order, on every backend.
- *keysets*: ``(a, b, id) > (A, B, I)`` is written out with OR/AND (NULL-aware, and MariaDB has no row-value
  range scan), plus a redundant ``a >= A`` on the segment's leading column so that the database seeks to ``A``
  instead of filtering from the start of the queue.

The unit sort orders by ``unit.code`` through a join; SQLite is made to loop over the units first (CROSS JOIN,
its way of fixing a join order), so that each unit is a range of ``ix_item_queue_unit``. A queue of several
states (overdue) reads one range per state, in one UNION ALL, and merges them. ``last=True`` reads the end
backwards; an OFFSET skips whole segments by counting them and steps through the one it lands in from its
nearer end. Counting (count, index_of, OFFSET) steps through index entries: linear in the queue's length.

**Search** (:func:`search_clause`): every word of the query (a run of letters and digits, folded with
:func:`console.text.fold`: case and diacritics ignored) must *begin* a word of the title or summary
(``Item.search_text``): "luong hu" finds "Lương hưu", "uong" does not. Punctuation in the query only separates
words, so quotes, hyphens, ``*``, ``NEAR``, ``OR`` are plain text; a query of punctuation only finds nothing.
- SQLite: the FTS5 table ``item_fts`` (migration 0004), each word as a quoted prefix term ``"luong"*``.
- PostgreSQL: ``LIKE '%luong%'``, which the trigram index answers, and a regular expression for the word start.
- MariaDB: the same two conditions without an index (MariaDB is the secondary store; its FULLTEXT index drops
  words shorter than three letters, most Vietnamese syllables).
A word is a run of letters and digits for FTS5 (``categories 'L* N*'``) and for Python; the expressions use
``[[:alnum:]]``, which agrees on folded Vietnamese (ASCII) and may differ at a word boundary of other scripts.
On SQLite a search reads its matches once (:data:`SPARSE`): when they are few, a page sorts them; when they
are many, a page walks the sort's index and keeps the rows that match; a count always starts from the matches.

:func:`console.services.queries.list_queue` is ``page(...).rows`` in the default order.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Integer,
    Join,
    Text,
    and_,
    bindparam,
    case,
    column,
    false,
    func,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
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
    text: str | None = None  # words that begin words of title or summary, diacritics and case ignored


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
        return (_Key(Item.title_key, nullable=True), _Key(Item.id))
    raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")


@dataclass(frozen=True)
class _Segment:
    """A stretch of the order in which the key at ``lead`` is the first that varies and is never NULL: the keys
    before it are all NULL there (``where`` says so)."""

    lead: int
    where: tuple[ColumnElement[bool], ...]


def _segments(keys: Sequence[_Key]) -> list[_Segment]:
    out: list[_Segment] = []
    nulls: tuple[ColumnElement[bool], ...] = ()
    for i, k in enumerate(keys):
        if not k.nullable:
            out.append(_Segment(i, nulls))
            break
        out.append(_Segment(i, (*nulls, k.expr.is_not(None))))
        nulls = (*nulls, k.expr.is_(None))
    return out


def _segment_of(keys: Sequence[_Key], values: Sequence[Any]) -> int:
    """The segment a row with these sort values lies in: its first key that is set (or not nullable)."""
    return next(i for i, (k, v) in enumerate(zip(keys, values, strict=True)) if v is not None or not k.nullable)


def _order_by(keys: Sequence[_Key], lead: int, reverse: bool = False) -> list[Any]:
    """ORDER BY within a segment: from its leading key (never NULL there, so straight from an index) on, with NULLs
    last for the keys after it (reversed: NULLs first). Portable: MariaDB has no NULLS LAST."""
    out: list[Any] = []
    for i, k in enumerate(keys[lead:]):
        if k.nullable and i:
            flag = k.expr.is_(None)
            out.append(flag.desc() if reverse else flag)
        out.append(k.expr.desc() if k.desc != reverse else k.expr.asc())
    return out


def _beyond(keys: Sequence[_Key], values: Sequence[Any], lead: int, forward: bool) -> list[ColumnElement[bool]]:
    """Rows of the segment at ``lead`` strictly after (``forward``) or strictly before the row with sort
    ``values``: ``(a, b, c) > (A, B, C)`` written as ``a > A OR (a = A AND (b > B OR (b = B AND c > C)))``,
    where "greater" follows each key's direction and puts NULLs last; plus ``a >= A``, the bound an index seeks
    to. ``a`` is the segment's leading key, set in every row of it and in ``values``."""
    cond: ColumnElement[bool] | None = None
    pairs = list(zip(keys, values, strict=True))[lead:]
    for i, (k, v) in reversed(list(enumerate(pairs))):
        e = k.expr
        up = k.desc == forward  # True when "beyond" means a smaller value
        if v is None:
            past: ColumnElement[bool] = false() if forward else e.is_not(None)
            same: ColumnElement[bool] = e.is_(None)
        else:
            past = e < v if up else e > v
            if k.nullable and forward and i:
                past = or_(past, e.is_(None))
            same = e == v
        cond = past if cond is None else or_(past, and_(same, cond))
    assert cond is not None
    k, v = pairs[0]
    return [k.expr <= v if k.desc == forward else k.expr >= v, cond]


class _LoopFirst(Join):
    """An inner join whose left side SQLite must loop over first: ``CROSS JOIN ... ON`` there (SQLite's way of
    fixing the join order), a plain JOIN on the other databases, whose planners need no telling."""

    inherit_cache = True


@compiles(_LoopFirst, "sqlite")
def _loop_first_on_sqlite(join: _LoopFirst, compiler: Any, from_linter: Any = None, **kw: Any) -> str:
    kw.pop("asfrom", None)
    assert join.onclause is not None
    if from_linter:
        from_linter.edges.update(itertools.product(join.left._from_objects, join.right._from_objects))
    return (
        join.left._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
        + " CROSS JOIN "
        + join.right._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
        + " ON "
        + join.onclause._compiler_dispatch(compiler, from_linter=from_linter, **kw)
    )


def _from(sort: str | None) -> Any:
    """What a sort reads: the item table, or units then their items for the unit sort."""
    if sort == "unit":
        return _LoopFirst(Unit.__table__, Item.__table__, Unit.id == Item.unit_id)
    return Item.__table__


# ----------------------------------------------------------------------------------- search

_WORD = re.compile(r"[^\W_]+")
_FTS = table("item_fts", column("rowid", Integer), column("item_fts", Text))  # migration 0004, SQLite only


def search_words(text: str) -> list[str]:
    """The words of a search: the runs of letters and digits of the folded text, first occurrence of each."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))


def fts_query(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression requiring every word as a prefix: ``"luong"* "hu"*``. Each word is a quoted
    string (so ``NEAR``, ``OR``, ``AND``, ``NOT``, column names and ``^`` are plain words), with any ``"``
    doubled; :func:`search_words` leaves none anyway."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _fts_ids(words: Sequence[str]) -> Any:
    return select(_FTS.c.rowid).where(_FTS.c.item_fts.match(fts_query(words)))


def search_clause(text: str, dialect: str) -> ColumnElement[bool] | None:
    """Items whose title or summary has a word beginning with each word of ``text`` (see the module's
    docstring); None when ``text`` is blank, nothing at all when it has no letter or digit. ``dialect`` is
    the database's (``sqlite``, ``postgresql``, ``mysql``)."""
    if not text.strip():
        return None
    words = search_words(text)
    if not words:
        return false()
    if dialect == "sqlite":
        return Item.id.in_(_fts_ids(words))
    conds: list[ColumnElement[bool]] = []
    for w in words:  # letters and digits only: nothing to escape in LIKE or in the expression
        conds.append(Item.search_text.contains(w, autoescape=True))
        conds.append(Item.search_text.regexp_match(f"(^|[^[:alnum:]]){w}"))
    return and_(*conds)


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


def _where(s: Session, actor: Actor, q: Queue, flt: QueueFilter) -> list[ColumnElement[bool]]:
    """The queue's conditions with the filter's, the search apart (see :func:`_scope`)."""
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
    return conds


def _dialect(s: Session) -> str:
    return s.get_bind().dialect.name


SPARSE = 2000
"""A search with fewer FTS matches than this reads them and sorts them; one with more walks the sort's index and
keeps the matching rows (SQLite; PostgreSQL's planner makes that choice itself from the trigram statistics)."""


@dataclass(frozen=True)
class _Scope:
    """What a read goes through: the FROM clause and the conditions of the filtered queue."""

    source: Any
    where: tuple[ColumnElement[bool], ...]


def _scope(
    s: Session, actor: Actor, q: Queue, flt: QueueFilter, sort: str | None, *, by_matches: bool = False
) -> _Scope:
    """The filtered queue for ``sort`` (None: for counting). On SQLite a search starts from its FTS matches when
    ``by_matches`` or when they are few (:data:`SPARSE`), else it walks the sort's index and probes the matches."""
    where = _where(s, actor, q, flt)
    source = _from(sort)
    if not (flt.text and flt.text.strip()):
        return _Scope(source, tuple(where))
    words = search_words(flt.text)
    dialect = _dialect(s)
    if words and dialect == "sqlite":
        ids = list(s.scalars(_fts_ids(words).limit(SPARSE)))
        matches: Any = None
        if len(ids) < SPARSE:  # all the matches: hand them over as one JSON array, read once
            matches = func.json_each(json.dumps(ids)).table_valued("value").alias("found")
            on = Item.id == matches.c.value
        elif by_matches:
            matches = _fts_ids(words).subquery("found")
            on = Item.id == matches.c.rowid
        if matches is not None:
            source = _LoopFirst(matches, Item.__table__, on)
            if sort == "unit":
                source = _LoopFirst(source, Unit.__table__, Unit.id == Item.unit_id)
            return _Scope(source, tuple(where))
    matching = search_clause(flt.text, dialect)
    assert matching is not None
    return _Scope(_from(sort), (*where, matching))


def _merge_text(*texts: str | None) -> str | None:
    """Two searches at once (every word of both begins a word): a find within a filtered queue."""
    return " ".join(t for t in texts if t and t.strip()) or None


# ------------------------------------------------------------------------------------- reads


def count(ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None = None) -> int:
    """How many items of the queue the actor sees, with the filter."""
    q = _queue(queue_key)
    with ws.db.read() as s:
        scope = _scope(s, actor, q, flt or QueueFilter(), None, by_matches=True)
        return int(s.scalar(select(func.count()).select_from(scope.source).where(*scope.where)) or 0)


def counts(ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None = None) -> tuple[int, int]:
    """How many items of the queue the actor sees with the filter, and how many of those they may act on
    (:func:`console.services.queries.actionable_clause`). The second count reads the current revision only when
    the actor's rules look at its author."""
    q = _queue(queue_key)
    with ws.db.read() as s:
        scope = _scope(s, actor, q, flt or QueueFilter(), None, by_matches=True)
        acts = actionable_clause(actor, q.states)
        source = scope.source
        if Revision.__table__ in acts._from_objects:
            source = source.join(Revision.__table__, Revision.id == Item.current_revision_id, isouter=True)
        stmt = select(func.count(), func.sum(case((acts, 1), else_=0))).select_from(source).where(*scope.where)
        total, actionable = s.execute(stmt).one()
        return int(total or 0), int(actionable or 0)


def _segment_rows(
    s: Session, sort: str, scope: _Scope, seg: _Segment, extra: Sequence[ColumnElement[bool]],
    *, reverse: bool, offset: int, limit: int, flags: bool = True, states: Sequence[str] = (),
) -> list[Any]:
    """Rows of one segment in queue order (reversed: backwards). With ``states``, one range per state in one
    statement (UNION ALL), merged here."""
    keys = _keys(sort)
    order = _order_by(keys, seg.lead, reverse) if flags else [
        k.expr.desc() if k.desc != reverse else k.expr.asc() for k in keys[seg.lead:]
    ]

    def rows(*more: ColumnElement[bool]) -> Any:
        stmt = (
            select(Item.id, *(k.expr for k in keys)).select_from(scope.source)
            .where(*scope.where, *seg.where, *extra, *more).order_by(*order).limit(limit)
        )
        return stmt.offset(offset) if offset else stmt

    if not states:
        return list(s.execute(rows()).all())
    arms = [select(arm) for arm in (rows(Item.state == st).subquery() for st in states)]
    got = list(s.execute(union_all(*arms)).all())
    key, desc = _merge_key(keys, reverse)
    return sorted(got, key=key, reverse=desc)[:limit]


def _pick(
    s: Session,
    sort: str,
    scope: _Scope,
    *,
    start: Keyset | None,
    forward: bool,
    want: int,
    states: Sequence[str] = (),
) -> list[Any]:
    """Up to ``want`` rows (id and sort values) in queue order from ``start`` (exclusive; None: from the first
    row, or from the last backwards): segment by segment, one range scan each (one per state of ``states``)."""
    keys = _keys(sort)
    segments = _segments(keys)
    first = _segment_of(keys, start.values) if start is not None else (0 if forward else len(segments) - 1)
    sorts_ties = _dialect(s) != "mysql"  # MariaDB sorts the whole range instead, unless the index order will do
    rows: list[Any] = []
    for i in range(first, len(segments)) if forward else range(first, -1, -1):
        seg = segments[i]
        extra = _beyond(keys, start.values, seg.lead, forward) if start is not None and i == first else []
        flags = sorts_ties or _nulls_after_lead(s, scope, keys, seg)
        rows += _segment_rows(s, sort, scope, seg, extra, reverse=not forward, offset=0, limit=want - len(rows),
                              flags=flags, states=states)
        if len(rows) >= want:
            break
    return rows


def _nulls_after_lead(s: Session, scope: _Scope, keys: Sequence[_Key], seg: _Segment) -> bool:
    """Whether a key after the segment's leading one is NULL anywhere in the queue. If not, the segment's order is
    the index's own and needs no NULLs-last flags (nor the sorting of ties they cost). Asked of the whole queue,
    not the segment: "state = ? AND submitted_at IS NULL" is a seek."""
    return any(
        s.scalar(select(Item.id).select_from(scope.source).where(*scope.where, k.expr.is_(None)).limit(1)) is not None
        for k in keys[seg.lead + 1:] if k.nullable
    )


def _pick_at(s: Session, sort: str, scope: _Scope, offset: int, want: int) -> list[Any]:
    """Up to ``want`` rows from position ``offset``: whole segments are skipped by their counts; within the one
    the offset falls in, the database steps over the skipped rows of the index, from the nearer end."""
    keys = _keys(sort)
    rows: list[Any] = []
    for seg in _segments(keys):
        size = int(s.scalar(select(func.count()).select_from(scope.source).where(*scope.where, *seg.where)) or 0)
        if offset >= size:
            offset -= size
            continue
        take = min(want - len(rows), size - offset)
        flags = _nulls_after_lead(s, scope, keys, seg)  # else no ties sorted in every group the OFFSET steps over
        if offset > size // 2:  # nearer the end: read backwards
            got = _segment_rows(s, sort, scope, seg, [], reverse=True, offset=size - offset - take, limit=take,
                                flags=flags)
            got.reverse()
        else:
            got = _segment_rows(s, sort, scope, seg, [], reverse=False, offset=offset, limit=take, flags=flags)
        rows += got
        offset = 0
        if len(rows) >= want:
            break
    return rows


def _merge_key(keys: Sequence[_Key], reverse: bool) -> tuple[Callable[[Any], Any], bool]:
    """Python's sort key for rows (id, *sort values) in queue order, and whether to sort descending: every
    sort runs its keys in one direction, NULLs last."""
    desc = keys[0].desc != reverse
    assert all(k.desc == keys[0].desc for k in keys)

    def key(row: Any) -> tuple[Any, ...]:
        return tuple(((v is not None) == desc, v) if v is not None else ((v is not None) == desc,) for v in row[1:])

    return key, desc


def _picked(
    s: Session, q: Queue, sort: str, scope: _Scope, *, start: Keyset | None, forward: bool, offset: int, want: int
) -> list[Any]:
    """``_pick`` or ``_pick_at``. A queue of several states (overdue) is read as one range of the sort's index per
    state, the ranges merged; an offset jump reads them together (and the database sorts)."""
    if offset:
        return _pick_at(s, sort, scope, offset, want)
    split = len(q.states) > 1 and q.scope in ("state", "overdue")
    states = sorted(st.value for st in q.states) if split else []
    return _pick(s, sort, scope, start=start, forward=forward, want=want, states=states)


@functools.lru_cache(maxsize=64)
def _details(actor: Actor, states: frozenset[State]) -> Any:
    """The columns a page shows, for the ids ``:ids`` (bound at execution, with ``:now``). Built once per actor
    and queue: building and hashing this statement costs more than running it."""
    assignee = aliased(User)
    holder = aliased(User)
    return (
        select(
            Item.id,
            Item.title,
            Item.content_type,
            ContentType.name_en if actor.language == "en" else ContentType.name_vi,
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
            actionable_clause(actor, states),
            actionable_clause(actor, states, FORWARD_ACTIONS),
        )
        .select_from(Item)
        .join(Revision, Revision.id == Item.current_revision_id, isouter=True)
        .join(ContentType, ContentType.code == Item.content_type)
        .join(Portal, Portal.id == Item.portal_id)
        .join(Unit, Unit.id == Item.unit_id)
        .join(Category, Category.id == Item.category_id)
        .join(assignee, assignee.id == Item.assignee_id, isouter=True)
        .join(Lock, and_(Lock.item_id == Item.id, Lock.expires_at > bindparam("now")), isouter=True)
        .join(holder, holder.id == Lock.user_id, isouter=True)
        .where(Item.id.in_(bindparam("ids", expanding=True)))
    )


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
    last: bool = False,
    limit: int = 100,
) -> Page:
    """One page of the queue: the first (no position given), the one ``after`` or ``before`` a keyset, the
    ``last`` one (read backwards from the end, as cheap as the first), or the one at ``offset`` (for jumps:
    whole segments are skipped by counting them, then the database steps over the rest of the offset)."""
    if sum(x is not None for x in (after, before, offset)) + last > 1:
        raise ValueError("give at most one of after=, before=, offset=, last=")
    if limit < 1:
        raise ValueError("limit must be positive")
    keys = _keys(sort)
    for given in (after, before):
        if given is not None and (given.sort != sort or len(given.values) != len(keys)):
            raise ValueError(f"keyset of sort {given.sort!r} used with sort {sort!r}")
    q = _queue(queue_key)
    lang = actor.language
    now = utcnow()
    reverse = before is not None or last
    with ws.db.read() as s:
        # Two steps: the ids of the page from a narrow query (filters and sort columns only, index ranges), then
        # the columns to show for just those rows.
        scope = _scope(s, actor, q, flt or QueueFilter(), sort)
        picked = _picked(s, q, sort, scope, start=after or before, forward=not reverse, offset=offset or 0,
                         want=limit + 1)
        more = len(picked) > limit
        picked = picked[:limit]
        if reverse:
            picked.reverse()
        details: dict[int, Any] = {}
        if picked:
            got = s.execute(_details(actor, q.states), {"now": now, "ids": [r[0] for r in picked]})
            details = {r[0]: r for r in got}
    fetched = [(details[r[0]], tuple(r[1:])) for r in picked if r[0] in details]
    from console.services.due import marks

    due_marks = marks(ws, [r[9] for r, _ in fetched], now)
    rows = [
        ItemRow(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
            STATE_LABELS[State(r[7])][1 if lang == "en" else 0],
            r[8], r[9], r[10], r[11], r[12], r[13], bool(r[14]), bool(r[15]),
            due_status=m.status, working_days_overdue=m.working_days_overdue, provisional=m.provisional,
        )
        for (r, _), m in zip(fetched, due_marks, strict=True)
    ]
    ks = [Keyset(sort, values) for _, values in fetched]
    if reverse:
        has_prev, has_next = more, not last
    else:
        has_prev, has_next = after is not None or bool(offset), more
    start = (offset or 0) if after is None and before is None and not last else None
    return Page(
        rows,
        next_keyset=ks[-1] if ks and has_next else None,
        prev_keyset=ks[0] if ks and has_prev else None,
        start=start,
    )


def index_of(
    ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter | None, sort: Sort, item_id: int
) -> int | None:
    """The 0-based position of the item in the filtered, sorted queue; None when it is not in it. Counts the
    rows before it, segment by segment, as index ranges."""
    q = _queue(queue_key)
    with ws.db.read() as s:
        return _index_of(s, sort, _scope(s, actor, q, flt or QueueFilter(), sort), item_id)


def _index_of(s: Session, sort: str, scope: _Scope, item_id: int) -> int | None:
    keys = _keys(sort)
    row = s.execute(
        select(*(k.expr for k in keys)).select_from(scope.source).where(*scope.where, Item.id == item_id)
    ).first()
    if row is None:
        return None
    values = tuple(row)
    segments = _segments(keys)
    at = _segment_of(keys, values)
    counts = [
        select(func.count()).select_from(scope.source).where(*scope.where, *seg.where).scalar_subquery()
        for seg in segments[:at]
    ]
    seg = segments[at]
    counts.append(
        select(func.count()).select_from(scope.source)
        .where(*scope.where, *seg.where, *_beyond(keys, values, seg.lead, forward=False))
        .scalar_subquery()
    )
    return int(s.scalar(select(functools.reduce(operator.add, counts))) or 0)


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
    """The position of the next item after ``from_id`` (or the previous one, when not ``forward``) in the filtered,
    sorted queue whose title or summary has the words of ``text`` (as the search filter finds them), wrapping
    around at the end; ``inclusive``: ``from_id`` itself counts. From the start (or the end) when ``from_id`` is
    None or not in the queue. None when no item matches."""
    if not search_words(text):
        return None
    q = _queue(queue_key)
    flt = flt or QueueFilter()
    keys = _keys(sort)
    with ws.db.read() as s:
        queue_scope = _scope(s, actor, q, flt, sort)
        scope = _scope(s, actor, q, replace(flt, text=_merge_text(flt.text, text)), sort)
        start: Keyset | None = None
        if from_id is not None:
            row = s.execute(
                select(*(k.expr for k in keys)).select_from(queue_scope.source)
                .where(*queue_scope.where, Item.id == from_id)
            ).first()
            if row is not None:
                start = Keyset(sort, tuple(row))
        hit: int | None = None
        if start is not None and inclusive:
            hit = s.scalar(select(Item.id).select_from(scope.source).where(*scope.where, Item.id == from_id))
        if hit is None:
            got = _picked(s, q, sort, scope, start=start, forward=forward, offset=0, want=1)
            if not got and start is not None:  # wrap around
                got = _picked(s, q, sort, scope, start=None, forward=forward, offset=0, want=1)
            hit = got[0][0] if got else None
        return None if hit is None else _index_of(s, sort, queue_scope, hit)
