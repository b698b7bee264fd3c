"""Renditions: each live revision's body rendered once to sanitised HTML and stored (issue 7).

Rendering (``exports.render``) takes 3–10 ms for a 5–7 KB article (docs/performance.md), so a revision is
rendered when it is approved (``items.decide`` calls :func:`render_revision` in the approving transaction) and
the result is kept in ``rendition`` beside it: the HTML, its sha256 and the ``RENDERER_VERSION`` that made it.
Exports copy what :func:`current` reads and never render. A change of ``RENDERER_VERSION`` makes every stored rendering
stale: :func:`pending` lists the live revisions without a current one and :func:`render_pending` renders
them in bulk across processes.

*Live* revisions are every item's ``approved_revision_id`` and ``published_revision_id`` (when set), except
for proposals to change the category tree (``models.workflow.TREE_TYPES``), which have no body to publish.

Internal references in a body (see ``exports.render``) are resolved when the revision is rendered:

- ``item:<id>`` -> ``/a/<id>`` if item ``id`` exists, in any state; otherwise unresolved;
- ``category:<key>`` -> the category's portal path now (``tree.load_tree(s).paths()``: ``vi.2`` ->
  ``/tin-tuc``). An archived or merged category still resolves, to its own path: the portal keeps it, and
  its redirects. An unknown key is unresolved;
- ``attachment:<sha256>`` -> ``/files/<sha256>`` if an attachment with that hash exists on the *same item*
  (on any of its revisions); otherwise unresolved.

An unresolved reference loses its link and keeps its text. A stored rendering is not invalidated when a
category's path changes later (a rename or a move): the portal keeps a redirect for every old path
(``Redirect``), so the old link still leads there. Only a new ``RENDERER_VERSION`` re-renders.

References are found with one regex scan of the bodies and resolved with a few bulk queries (items, the
tree, attachments) per batch, never one query per link; the resolver handed to ``render`` is ``dict.get``
of the resulting map.

Storing is an upsert on ``revision_id`` (``ON CONFLICT DO UPDATE`` on SQLite and PostgreSQL, ``ON DUPLICATE
KEY UPDATE`` on MariaDB) that replaces a row only if its renderer differs: a row already current is left as
it is, so two ``render_pending`` runs at once neither fail nor write a revision twice.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select, union
from sqlalchemy.orm import Session

from exports.render import RENDERER_VERSION, render
from models import Attachment, Base, Item, Rendition, Revision, utcnow
from models.workflow import TREE_TYPES

if TYPE_CHECKING:
    from console.workspace import Workspace

__all__ = ["current", "links_for", "pending", "render_pending", "render_revision"]

Progress = Callable[[int, int], None]
LinkMap = dict[str, str]

# Every internal reference in a body: the scheme (any case; ``render`` hands the resolver the scheme in
# lower case and the rest as written) and the rest up to what ends a URL in Markdown or HTML.
_REF = re.compile(r"\b(item|category|attachment):([^\s()<>\[\]\"'`]+)", re.IGNORECASE)
_ITEM_ID = re.compile(r"[0-9]{1,18}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_IN_BATCH = 500  # ids per IN (...) list


def _refs(body_md: str) -> set[tuple[str, str]]:
    return {(scheme.lower(), rest) for scheme, rest in _REF.findall(body_md)}


def _batches(values: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# ------------------------------------------------------------------------------------------ links


@dataclass
class _Paths:
    """The tree's paths by key, read once (on the first category reference) per run."""

    paths: dict[str, str] | None = field(default=None)

    def get(self, s: Session) -> dict[str, str]:
        if self.paths is None:
            from console.services import tree

            self.paths = tree.load_tree(s).paths()
        return self.paths


def links_for(s: Session, bodies: Iterable[tuple[int, int, str]], *, paths: _Paths | None = None) -> dict[int, LinkMap]:
    """For each ``(revision_id, item_id, body_md)``, the map of its resolvable references to portal paths
    (``{"item:12": "/a/12", ...}``); unresolvable references are left out. At most three queries in all."""
    found: dict[int, tuple[int, set[tuple[str, str]]]] = {}
    item_ids: set[int] = set()
    keys: set[str] = set()
    shas: set[str] = set()
    for revision_id, item_id, body in bodies:
        refs = _refs(body)
        found[revision_id] = (item_id, refs)
        for scheme, rest in refs:
            if scheme == "item" and _ITEM_ID.fullmatch(rest):
                item_ids.add(int(rest))
            elif scheme == "category":
                keys.add(rest)
            elif scheme == "attachment" and _SHA256.fullmatch(rest):
                shas.add(rest.lower())
    existing: set[int] = set()
    for part in _batches(sorted(item_ids), _IN_BATCH):
        existing.update(s.scalars(select(Item.id).where(Item.id.in_(part))))
    tree_paths = (paths or _Paths()).get(s) if keys else {}
    attached: set[tuple[int, str]] = set()
    if shas:
        owners = sorted({item_id for item_id, refs in found.values() if any(r[0] == "attachment" for r in refs)})
        for part in _batches(owners, _IN_BATCH):
            rows = s.execute(
                select(Attachment.item_id, Attachment.sha256)
                .where(Attachment.item_id.in_(part), Attachment.sha256.in_(sorted(shas)))
                .distinct()
            )
            attached.update((item_id, sha) for item_id, sha in rows)
    out: dict[int, LinkMap] = {}
    for revision_id, (item_id, refs) in found.items():
        links: LinkMap = {}
        for scheme, rest in refs:
            target: str | None = None
            if scheme == "item" and _ITEM_ID.fullmatch(rest) and int(rest) in existing:
                target = f"/a/{int(rest)}"
            elif scheme == "category":
                target = tree_paths.get(rest)
            elif scheme == "attachment" and _SHA256.fullmatch(rest) and (item_id, rest.lower()) in attached:
                target = f"/files/{rest.lower()}"
            if target is not None:
                links[f"{scheme}:{rest}"] = target
        out[revision_id] = links
    return out


# ------------------------------------------------------------------------------------------ storing


def _store(s: Session, rows: list[dict[str, Any]]) -> None:
    """Insert or replace renditions, one statement; a row already made by the same renderer is kept."""
    from exports.publish import upsert

    table = Base.metadata.tables[Rendition.__tablename__]
    rows = sorted(rows, key=lambda r: r["revision_id"])  # the same lock order in every writer
    upsert(s, table, rows, ("revision_id",), unless_same="renderer")


def _row(revision_id: int, html: str, sha256: str) -> dict[str, Any]:
    return {"revision_id": revision_id, "renderer": RENDERER_VERSION, "html": html, "sha256": sha256,
            "size": len(html.encode("utf-8")), "rendered_at": utcnow()}  # fmt: skip


def render_revision(s: Session, revision_id: int) -> Rendition:
    """Render one revision and store it, inside the caller's transaction (an approval's). A rendition already
    made by the current renderer is returned as it is."""
    done = s.get(Rendition, revision_id)
    if done is not None and done.renderer == RENDERER_VERSION:
        return done
    item_id, body = s.execute(select(Revision.item_id, Revision.body_md).where(Revision.id == revision_id)).one()
    links = links_for(s, [(revision_id, item_id, body)])[revision_id]
    out = render(body, resolve_link=links.get)
    _store(s, [_row(revision_id, out.html, out.sha256)])
    stored = s.get(Rendition, revision_id, populate_existing=True)
    assert stored is not None
    return stored


# ------------------------------------------------------------------------------------------ reading


def _live() -> Any:
    approved = select(Item.approved_revision_id.label("revision_id")).where(
        Item.approved_revision_id.is_not(None), Item.content_type.not_in(TREE_TYPES)
    )
    published = select(Item.published_revision_id.label("revision_id")).where(
        Item.published_revision_id.is_not(None), Item.content_type.not_in(TREE_TYPES)
    )
    return union(approved, published).subquery("live")


def pending(s: Session, limit: int | None = None) -> list[int]:
    """Ids of live revisions without a rendition by the current renderer (none, or an older one), ascending."""
    live = _live()
    q = (
        select(live.c.revision_id)
        .outerjoin(Rendition, and_(Rendition.revision_id == live.c.revision_id, Rendition.renderer == RENDERER_VERSION))
        .where(Rendition.revision_id.is_(None))
        .order_by(live.c.revision_id)
    )
    if limit is not None:
        q = q.limit(limit)
    return [int(r) for r in s.scalars(q)]


def current(s: Session, revision_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """``{revision_id: (html, sha256)}`` of the stored renditions by the current renderer; a revision without
    one is missing from the result (it is pending). Never renders."""
    out: dict[int, tuple[str, str]] = {}
    for part in _batches(sorted(set(revision_ids)), _IN_BATCH):
        rows = s.execute(
            select(Rendition.revision_id, Rendition.html, Rendition.sha256).where(
                Rendition.revision_id.in_(part), Rendition.renderer == RENDERER_VERSION
            )
        )
        out.update({rid: (html, sha) for rid, html, sha in rows})
    return out


# ------------------------------------------------------------------------------------------ in bulk

Job = tuple[int, str, LinkMap]  # (revision_id, body_md, links)
Done = tuple[int, str, str]  # (revision_id, html, sha256)


def _render_jobs(jobs: list[Job]) -> list[Done]:
    """Render a batch (run in a worker process: it needs nothing but ``exports.render``)."""
    out: list[Done] = []
    for revision_id, body, links in jobs:
        r = render(body, resolve_link=links.get)
        out.append((revision_id, r.html, r.sha256))
    return out


def _read_chunk(ws: Workspace, ids: Sequence[int], paths: _Paths) -> list[Job]:
    """The chunk's bodies still lacking a current rendition (another run may have done some), with their links."""
    with ws.db.read() as s:
        rows = s.execute(
            select(Revision.id, Revision.item_id, Revision.body_md)
            .outerjoin(Rendition, and_(Rendition.revision_id == Revision.id, Rendition.renderer == RENDERER_VERSION))
            .where(Revision.id.in_(ids), Rendition.revision_id.is_(None))
            .order_by(Revision.id)
        ).all()
        bodies = [(int(rid), int(item_id), body or "") for rid, item_id, body in rows]
        links = links_for(s, bodies, paths=paths)
    return [(rid, body, links[rid]) for rid, _, body in bodies]


def _write(ws: Workspace, done: list[Done]) -> int:
    with ws.db.write() as s:
        _store(s, [_row(rid, html, sha) for rid, html, sha in done])
    return len(done)


def render_pending(
    ws: Workspace, *, processes: int | None = None, chunk: int = 200, progress: Progress | None = None
) -> int:
    """Render every pending revision (:func:`pending`) and store the results; returns how many this call rendered.

    Streams: the parent reads ``chunk`` bodies at a time with their link maps, the workers of a process pool
    (``processes``, default ``os.cpu_count()``; 1 renders here, without a pool) render them, and each chunk's
    results are written in one transaction. At most two chunks are in flight, so memory stays bounded however
    many revisions are pending. ``progress(done, total)`` is called after each chunk is written."""
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    with ws.db.read() as s:
        ids = pending(s)
    total = len(ids)
    processes = max(1, processes or os.cpu_count() or 1)
    paths = _Paths()
    done = 0
    seen = 0

    def report(n: int, size: int) -> None:
        nonlocal done, seen
        done += n
        seen += size
        if progress is not None:
            progress(seen, total)

    if total == 0:
        return 0
    if processes == 1:
        for part in _batches(ids, chunk):
            report(_write(ws, _render_jobs(_read_chunk(ws, part, paths))), len(part))
        return done

    import multiprocessing

    # spawn: a fresh interpreter per worker, never a fork of a process holding connections and threads.
    context = multiprocessing.get_context("spawn")
    in_flight: deque[tuple[int, list[Future[list[Done]]]]] = deque()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:

        def finish() -> None:
            size, futures = in_flight.popleft()
            results = [d for f in futures for d in f.result()]
            report(_write(ws, results), size)

        for part in _batches(ids, chunk):
            jobs = _read_chunk(ws, part, paths)
            step = max(1, -(-len(jobs) // processes))
            futures = [pool.submit(_render_jobs, jobs[i : i + step]) for i in range(0, len(jobs), step)]
            in_flight.append((len(part), futures))
            if len(in_flight) > 1:
                finish()
        while in_flight:
            finish()
    return done
