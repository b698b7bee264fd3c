"""Exports to the live portal database, from the workspace's side: what the portal should hold, the plan, the
run with its progress and records, verification and the history of runs (issue 7).

The export room (``exports.publish``) plans, writes and verifies; this service is its :class:`Source` (the
rows the workspace wants on the portal, read in chunks), checks that only an administrator exports, records
each run (``models.publication.ExportRun`` and the audit) and marks items published **after** their batch
has committed on the target, with one decision per item and one audit event per batch.

What the portal should hold of an item (its *live* revision):

- approved (đã duyệt, chờ xuất bản): its approved revision; the export publishes it;
- published: its published revision; a correction in progress leaves that revision live until the
  corrected one is approved and exported;
- withdrawn: the revision that was live, held withdrawn (kept with its title and dates, its body removed;
  docs/portal-schema.md). An item withdrawn before it was ever exported is not sent at all;
- proposals to change the category tree are not articles: their changes are already in the tree, which is
  exported whole with its redirects, and an approved proposal becomes published when that has committed.

An article's ``published_at`` is the moment the Board (or the leadership) first approved it and
``updated_at`` the approval of the live revision: both come from the decisions, so a rerun hashes the same.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, or_, select, union, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from console import audit
from console.errors import Conflict, ConsoleError, InvalidInput, NotFound, WorkspaceError
from console.i18n import has, number, register, t
from console.permissions import Actor, check_admin
from console.services import renditions
from console.services.tree import load_tree
from console.workspace import Workspace
from exports import publish, schema, targets
from exports.publish import ARTICLE, PROPOSAL, PUBLISH, ExportPlan, VerifyReport
from models import Attachment, Base, Category, Decision, Item, Portal, Redirect, Rendition, Revision, utcnow
from models.publication import RUN_STATUS_LABELS, ExportRun, RunStatus
from models.workflow import TREE_TYPES, Action, State

register(targets.MESSAGES)  # the exports room speaks through its own table (it may not import console)
register({
    "export.kind.category": ("Chuyên mục, mục", "Categories"),
    "export.kind.redirect": ("Chuyển hướng", "Redirects"),
    "export.kind.article": ("Bài viết", "Articles"),
    "export.kind.proposal": ("Đề xuất điều chỉnh cây", "Tree proposals"),
    "export.action.insert": ("Thêm mới", "Insert"),
    "export.action.update": ("Cập nhật", "Update"),
    "export.action.withdraw": ("Gỡ", "Withdraw"),
    "export.action.delete": ("Xóa", "Delete"),
    "export.action.publish": ("Ghi nhận đã xuất bản", "Record as published"),
    "export.problem.missing": ("Thiếu trên đích", "Missing on the target"),
    "export.problem.extra": ("Thừa trên đích", "Extra on the target"),
    "export.problem.changed": ("Bị sửa trên đích", "Changed on the target"),
    "export.problem.pending": ("Chưa xuất", "Not yet exported"),
    "export.problem.orphan": ("Không rõ nguồn", "Unknown to the workspace"),
    "export.detail.row": ("nội dung dòng", "the row's content"),
    "export.detail.html": ("HTML không khớp mã băm", "HTML does not match its hash"),
    "export.detail.file": ("tệp không có trong kho tệp của cổng", "the file is not in the portal's file store"),
    "export.detail.attachments": ("tệp đính kèm không có bài", "attachments without an article"),
})

CHUNK = 1000  # items read from the workspace at a time while planning
# A leadership approval's document stays in the workspace: it is the record of a decision, not the article's.
_DOCUMENTS = select(Decision.document_attachment_id).where(Decision.document_attachment_id.is_not(None))
CLOCK_MARGIN = timedelta(hours=1)  # how far the clocks of the machines writing the workspace may disagree
BATCH = 2000  # items written to the target in one transaction (500 took a third longer: commits, statements)

_ERRORS: dict[str, type[ConsoleError]] = {"invalid": InvalidInput, "not_found": NotFound, "conflict": Conflict,
                                          "unusable": WorkspaceError}  # fmt: skip


def status_label(status: str, lang: str) -> str:
    vi, en = RUN_STATUS_LABELS.get(status, (status, status))
    return en if lang == "en" else vi


def done_text(done: dict[str, int]) -> str:
    """``{"article.insert": 83, ...}`` as the person reads it: «Bài viết – Thêm mới: 83, ...»."""
    parts = []
    for key, n in done.items():
        kind, _, action = key.partition(".")
        if n:
            parts.append(f"{t(f'export.kind.{kind}')} – {t(f'export.action.{action}').lower()}: {number(n)}")
    return ", ".join(parts)


def detail_text(detail: str) -> str:
    """A difference's detail: a catalogue word for "row", "html", "attachments", else the plan action it awaits."""
    for key in (f"export.detail.{detail}", f"export.action.{detail}"):
        if has(key):
            return t(key)
    return detail


def console_error(exc: targets.TargetError) -> ConsoleError:
    """The export room's error as the console's own (its exit code, its language)."""
    return _ERRORS.get(exc.kind, WorkspaceError)(exc.key, **exc.params)


# ------------------------------------------------------------------------------------------ the source


def _live(state: str, approved: int | None, published: int | None) -> tuple[int, bool, bool] | None:
    """(live revision, withdrawn, already recorded) for an item, or None when nothing of it is on the portal."""
    if state == State.WITHDRAWN:
        rev = published or approved
        return None if rev is None else (rev, True, True)
    if state == State.APPROVED and approved is not None:
        return approved, False, approved == published
    if published is not None:
        return published, False, True
    return None


class WorkspaceSource:
    """The rows the workspace wants on the portal (``exports.publish.Source``)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def categories(self) -> list[dict[str, Any]]:
        with self.ws.db.read() as s:
            tree = load_tree(s)
        paths = tree.paths()
        return [
            {"key": n.key, "portal": n.portal, "parent_key": n.parent, "position": n.position, "slug": n.slug,
             "path": paths[n.key], "name": n.name, "name_vi": n.name_vi if n.portal != "vi" else None,
             "status": n.status, "counterpart_key": n.counterpart}
            for n in tree.nodes.values() if n.status in ("active", "archived")
        ]  # fmt: skip

    def redirects(self) -> list[dict[str, Any]]:
        with self.ws.db.read() as s:
            tree = load_tree(s)
            rows = s.execute(
                select(Portal.code, Redirect.old_path, Category.key)
                .join(Portal, Portal.id == Redirect.portal_id)
                .join(Category, Category.id == Redirect.category_id)
            ).all()
        paths = tree.paths()
        return [{"portal": p, "old_path": old, "target_path": paths[key], "target_key": key} for p, old, key in rows]

    def proposals(self) -> list[int]:
        """Approved proposals to change the tree: their changes are in the tree, not yet recorded as exported."""
        with self.ws.db.read() as s:
            return list(s.scalars(select(Item.id).where(Item.content_type.in_(TREE_TYPES),
                                                        Item.state == State.APPROVED).order_by(Item.id)))

    def articles(self, ids: Sequence[int] | None = None) -> Iterator[dict[str, Any]]:
        if ids is not None:
            for start in range(0, len(ids), CHUNK):
                with self.ws.db.read() as s:
                    items = s.execute(self._items().where(Item.id.in_(list(ids[start : start + CHUNK])))
                                      .order_by(Item.id)).all()  # fmt: skip
                    rows = self._rows(s, items, full=False)
                yield from rows
            return
        after = 0
        while True:
            with self.ws.db.read() as s:
                items = s.execute(self._items().where(Item.id > after).order_by(Item.id).limit(CHUNK)).all()
                if not items:
                    return
                rows = self._rows(s, items, full=False)
            yield from rows
            after = items[-1][0]

    def article_rows(self, item_ids: Sequence[int]) -> list[dict[str, Any]]:
        with self.ws.db.read() as s:
            items = s.execute(self._items().where(Item.id.in_(list(item_ids))).order_by(Item.id)).all()
            rows = self._rows(s, items, full=True)
        missing = [r["revision_id"] for r in rows if r["html"] is None]
        if missing:  # approved after the plan rendered what was pending: render those now
            with self.ws.db.write() as s:
                for rev in missing:
                    renditions.render_revision(s, rev)
            return self.article_rows(item_ids)
        return rows

    def attachment_file(self, sha256: str) -> Path | None:
        path = self.ws.attachments_dir / sha256[:2] / sha256
        return path if path.is_file() else None

    @staticmethod
    def _items() -> Any:
        return select(Item.id, Item.portal_id, Item.category_id, Item.content_type, Item.state,
                      Item.approved_revision_id, Item.published_revision_id).where(
            Item.content_type.not_in(TREE_TYPES),
            or_(Item.approved_revision_id.is_not(None), Item.published_revision_id.is_not(None)),
        )  # fmt: skip

    def _rows(self, s: Session, items: Sequence[Any], *, full: bool) -> list[dict[str, Any]]:
        live = {i.id: x for i in items if (x := _live(i.state, i.approved_revision_id, i.published_revision_id))}
        if not live:
            return []
        ids = list(live)
        revs = [x[0] for x in live.values()]
        portals = dict(s.execute(select(Portal.id, Portal.code)).all())
        keys = dict(s.execute(select(Category.id, Category.key).where(
            Category.id.in_({i.category_id for i in items}))).all())  # fmt: skip
        texts = {r.id: r for r in s.execute(select(Revision.id, Revision.title, Revision.summary, Revision.meta,
                                                   Revision.author, Revision.source, Revision.language,
                                                   Revision.created_at)
                                            .where(Revision.id.in_(revs)))}  # fmt: skip
        body = Rendition.html if full else Rendition.size
        rendered = {rid: (sha, b) for rid, sha, b in s.execute(
            select(Rendition.revision_id, Rendition.sha256, body).where(
                Rendition.revision_id.in_(revs), Rendition.renderer == renditions.RENDERER_VERSION))}  # fmt: skip
        approvals: dict[int, dict[int | None, tuple[datetime, datetime]]] = defaultdict(dict)
        for item_id, rev_id, earliest, last in s.execute(
            select(Decision.item_id, Decision.revision_id, func.min(Decision.created_at), func.max(Decision.created_at))
            .where(Decision.item_id.in_(ids), Decision.to_state == State.APPROVED)
            .group_by(Decision.item_id, Decision.revision_id)
        ):  # fmt: skip
            approvals[item_id][rev_id] = (earliest, last)
        withdrawn_at = dict(s.execute(
            select(Decision.item_id, func.max(Decision.created_at))
            .where(Decision.item_id.in_(ids), Decision.action == Action.WITHDRAW).group_by(Decision.item_id)).all())
        files: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
        for a in s.execute(
            select(Attachment.item_id, Attachment.revision_id, Attachment.sha256, Attachment.filename,
                   Attachment.media_type, Attachment.size)
            .where(Attachment.item_id.in_(ids), Attachment.id.not_in(_DOCUMENTS)).order_by(Attachment.id)
        ):  # fmt: skip
            if a.revision_id is None or a.revision_id <= live[a.item_id][0]:
                files[a.item_id].setdefault(a.sha256, {"sha256": a.sha256, "filename": a.filename,
                                                       "media_type": a.media_type, "size": a.size})  # fmt: skip
        out: list[dict[str, Any]] = []
        for i in items:
            if i.id not in live:
                continue
            rev, withdrawn, recorded = live[i.id]
            r = texts[rev]
            sha, html = rendered.get(rev, (None, None))
            times = approvals.get(i.id, {})
            # No approval recorded (content brought in from the old portal): the revision's own time.
            first: datetime = min((f for f, _ in times.values()), default=r.created_at)
            updated = times[rev][1] if rev in times else first
            out.append({
                "item_id": i.id, "portal": portals[i.portal_id], "language": r.language,
                "category_key": keys[i.category_id], "title": r.title, "summary": r.summary or "",
                "html_sha256": sha, "content_type": i.content_type, "type_meta": r.meta or {},
                "author": r.author, "source": r.source or "", "published_at": first, "updated_at": updated,
                "counterpart_item_id": None, "withdrawn": withdrawn, "withdrawn_at": withdrawn_at.get(i.id),
                "attachments": list(files[i.id].values()),
                "revision_id": rev, "recorded": recorded,
                **({"html": html} if full else {"html_size": html or 0}),
            })  # fmt: skip
        return out


# ------------------------------------------------------------------------------------------ plan


def _target(name: str) -> tuple[targets.Target, Engine]:
    """The named target, ready (reachable, with the current schema), and an engine for it."""
    try:
        target = targets.get_target(name)
        status = targets.check_target(target)
        if not status.ok:
            raise targets.TargetUnusable(status.key, **status.params)
        return target, targets.engine_for(target)
    except targets.TargetError as exc:
        raise console_error(exc) from None


def changed_items(ws: Workspace, since: datetime) -> list[int]:
    """Items whose article may have changed since ``since``: the item row (a decision, an edit, a move by the
    tree; publishing by an export leaves ``updated_at`` alone), a new rendering of a revision, a new file."""
    with ws.db.read() as s:
        found = s.scalars(union(
            select(Item.id).where(Item.updated_at >= since),
            select(Revision.item_id).join(Rendition, Rendition.revision_id == Revision.id)
            .where(Rendition.rendered_at >= since),
            select(Attachment.item_id).where(Attachment.created_at >= since),
        ))  # fmt: skip
        return sorted(set(found))


def _since(ws: Workspace, name: str, engine: Engine) -> datetime | None:
    """Where an incremental plan may start: the start of the last run to ``name`` that finished, less a margin
    for the clocks of the machines that write the workspace; None (compare everything) when there is none, or
    when the target does not have that run as finished (restored from a backup, replaced, or another one)."""
    with ws.db.read() as s:
        last = s.execute(select(ExportRun.id, ExportRun.started_at)
                         .where(ExportRun.target == name, ExportRun.status == RunStatus.DONE)
                         .order_by(ExportRun.started_at.desc()).limit(1)).first()  # fmt: skip
    if last is None:
        return None
    with engine.connect() as conn:
        run = schema.export_run.c
        status = conn.execute(select(run.status).where(run.id == last.id)).scalar()
    return last.started_at - CLOCK_MARGIN if status == RunStatus.DONE else None


def _plan(ws: Workspace, source: WorkspaceSource, engine: Engine, name: str, full: bool) -> ExportPlan:
    renditions.render_pending(ws)
    since = None if full else _since(ws, name, engine)
    changed = None if since is None else changed_items(ws, since)
    with engine.connect() as conn:
        ledger = publish.read_plan_ledger(conn, changed)
    out = publish.make_plan(ledger, source, changed)
    for item_id in source.proposals():
        out.add(PROPOSAL, PUBLISH, str(item_id))
    return out


def plan(ws: Workspace, actor: Actor, name: str, *, full: bool = False) -> ExportPlan:
    """What an export to ``name`` would do; writes nothing to the target (the dry run). Stale renderings in the
    workspace are brought up to date first. After a finished run the plan compares only the articles changed
    since (``plan.incremental``); ``full`` compares every one."""
    check_admin(actor)
    _, engine = _target(name)
    try:
        return _plan(ws, WorkspaceSource(ws), engine, name, full)
    finally:
        engine.dispose()


def plan_rows(current: ExportPlan) -> list[tuple[str, list[int]]]:
    """(kind, [count per action in ``exports.publish.ACTIONS`` order]) for each kind with something to do."""
    counts = current.counts()
    return [(k, [counts[k][a] for a in publish.ACTIONS]) for k in publish.KINDS if any(counts[k].values())]


# ------------------------------------------------------------------------------------------ run


@dataclass(frozen=True, slots=True)
class RunOutcome:
    run_id: str
    status: str
    plan: ExportPlan
    done: dict[str, int]
    seconds: float


def _record_published(ws: Workspace, actor: Actor, run_id: str, rows: list[tuple[int, int | None]]) -> int:
    """Mark items published after their batch committed on the target: those still approved with the very
    revision exported (``None``: a tree proposal, whose changes are the tree's). One decision per item and one
    audit event for them all, in one workspace transaction."""
    if not rows:
        return 0
    with ws.db.write() as s:
        wanted = dict(rows)
        found = s.execute(
            select(Item.id, Item.approved_revision_id, Item.state, Item.version)
            .where(Item.id.in_(list(wanted)), Item.state == State.APPROVED).with_for_update()
        ).all()
        ready = [(i.id, i.approved_revision_id, i.version) for i in found
                 if wanted[i.id] in (None, i.approved_revision_id)]  # fmt: skip
        if not ready:
            return 0
        now = utcnow()
        table = Base.metadata.tables[Item.__tablename__]
        s.connection().execute(
            update(table).where(table.c.id == bindparam("b_id"))
            .values(state=State.PUBLISHED, published_revision_id=bindparam("b_rev"), version=bindparam("b_version"),
                    updated_at=table.c.updated_at),  # publishing changes no content: incremental plans skip it
            [{"b_id": item_id, "b_rev": rev, "b_version": version + 1} for item_id, rev, version in ready],
        )  # fmt: skip
        s.execute(Base.metadata.tables[Decision.__tablename__].insert(), [
            {"item_id": item_id, "revision_id": rev, "actor_id": actor.user_id, "on_behalf_of_id": None,
             "action": Action.PUBLISH, "from_state": State.APPROVED, "to_state": State.PUBLISHED, "reason": "",
             "created_at": now} for item_id, rev, _ in ready])  # fmt: skip
        # One audit event for the batch, naming every item and revision: the items' own history is their
        # decisions (one each, above); 100k hashed events would double the run's writes to the workspace.
        audit.record(s, actor.user_id, actor.username, "item.publish", "export_run", run_id,
                     items=[[item_id, rev] for item_id, rev, _ in ready])  # fmt: skip
    return len(ready)


def run(
    ws: Workspace,
    actor: Actor,
    name: str,
    *,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_plan: Callable[[ExportPlan], None] | None = None,
    repair: bool = False,
    full: bool = False,
) -> RunOutcome:
    """Export to ``name``: lock the target, plan, apply in batches, record (see the module's docstring).

    ``should_stop`` is asked between batches (cancel); ``on_plan`` sees the plan before anything is written.
    ``repair`` first verifies and makes the target forget rows changed, removed or added by someone else, so
    this run writes them again as the workspace has them (and removes what nobody exported). ``full`` (implied
    by ``repair``) compares every article, not only those changed since the last finished run."""
    check_admin(actor)
    target, engine = _target(name)
    source = WorkspaceSource(ws)
    run_id = str(uuid.uuid4())
    t0 = utcnow()
    try:
        with publish.target_lock(engine, name):
            if repair:
                publish.forget(engine, publish.verify(engine, source, target.files).differences)
            plan_from = utcnow()  # before the plan reads: the next incremental plan starts from here
            current = _plan(ws, source, engine, name, full or repair)
            if on_plan is not None:
                on_plan(current)
            _start(ws, actor, target, run_id, current, plan_from)

            def committed(kind: str, rows: list[dict[str, Any]]) -> None:
                if kind == PROPOSAL:
                    _record_published(ws, actor, run_id, [(int(r["item_id"]), None) for r in rows])
                elif kind == ARTICLE:
                    _record_published(ws, actor, run_id, [
                        (r["item_id"], r["revision_id"]) for r in rows if not r["recorded"] and not r["withdrawn"]])

            try:
                result = publish.apply(engine, name, current, source, by=actor.username, run_id=run_id, batch=batch,
                                       progress=progress, should_stop=should_stop, on_commit=committed,
                                       files=target.files)  # fmt: skip
            except targets.TargetError as exc:
                _finish(ws, actor, run_id, RunStatus.FAILED, current, {}, exc.key)
                raise
            except Exception as exc:
                _finish(ws, actor, run_id, RunStatus.FAILED, current, {}, type(exc).__name__)
                raise
            _finish(ws, actor, run_id, result.status, current, result.counts(), "")
    except targets.TargetError as exc:
        raise console_error(exc) from None
    finally:
        engine.dispose()
    return RunOutcome(run_id, result.status, current, result.counts(), (utcnow() - t0).total_seconds())


def _start(ws: Workspace, actor: Actor, target: targets.Target, run_id: str, current: ExportPlan,
           started: datetime) -> None:  # fmt: skip
    with ws.db.write() as s:
        # Holding the target's lock: a run of this target still "running" died before it could finish.
        s.execute(update(ExportRun).where(ExportRun.target == target.name, ExportRun.status == RunStatus.RUNNING)
                  .values(status=RunStatus.INTERRUPTED))  # fmt: skip
        s.add(ExportRun(id=run_id, target=target.name, target_url=target.display_url, actor_id=actor.user_id,
                        actor_name=actor.username, started_at=started, status=RunStatus.RUNNING,
                        plan=current.as_dict()))  # fmt: skip
        audit.record(s, actor.user_id, actor.username, "export.start", "export_run", run_id, target=target.name,
                     plan=current.counts())  # fmt: skip


def _finish(ws: Workspace, actor: Actor, run_id: str, status: str, current: ExportPlan, done: dict[str, int],
            error: str) -> None:  # fmt: skip
    with ws.db.write() as s:
        row = s.get(ExportRun, run_id)
        assert row is not None
        row.status, row.finished_at, row.done, row.error = status, utcnow(), done, error
        audit.record(s, actor.user_id, actor.username, f"export.{status}", "export_run", run_id, target=row.target,
                     done=done, error=error)  # fmt: skip


# ------------------------------------------------------------------------------------------ verify, history


def verify(ws: Workspace, actor: Actor, name: str) -> VerifyReport:
    """Read the target back and compare it with its ledger and with the workspace."""
    check_admin(actor)
    target, engine = _target(name)
    try:
        source = WorkspaceSource(ws)
        report = publish.verify(engine, source, target.files)
        report.differences += [publish.Difference(PROPOSAL, str(i), "pending", PUBLISH) for i in source.proposals()]
        return report
    finally:
        engine.dispose()


@dataclass(frozen=True, slots=True)
class RunRow:
    id: str
    target: str
    target_url: str
    by: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    plan: dict[str, Any]
    done: dict[str, int]
    error: str

    @property
    def seconds(self) -> float | None:
        return None if self.finished_at is None else (self.finished_at - self.started_at).total_seconds()


def history(ws: Workspace, target: str | None = None, limit: int = 200) -> list[RunRow]:
    """Export runs, newest first."""
    q = select(ExportRun).order_by(ExportRun.started_at.desc()).limit(limit)
    if target is not None:
        q = q.where(ExportRun.target == target)
    with ws.db.read() as s:
        return [RunRow(r.id, r.target, r.target_url, r.actor_name, r.started_at, r.finished_at, r.status,
                       r.plan or {}, r.done or {}, r.error) for r in s.scalars(q)]  # fmt: skip
