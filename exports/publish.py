"""Plan, apply and verify an export into a live portal database: nothing is ever half-written.

The console hands this room a :class:`Source` (what the workspace wants the portal to hold, read in chunks)
and a target engine; this room never reads the workspace itself (it imports ``models`` only).

**Rows and hashes.** Every portal row the export writes has a content hash, :func:`content_hash`, over the
columns the site shows (for an article: its columns with ``html_sha256`` standing for the HTML, and its
attachments). The same function hashes what the workspace wants, what the ledger holds and what verify
reads back, so the three can be compared. Times take part as naive UTC with microseconds; an article's
``published_at`` and ``updated_at`` come from the workspace's decisions, so an unchanged article hashes the
same on every run.

**Plan** (:func:`make_plan`) reads the target's ledger and streams the workspace's wanted rows past it:
insert (not in the ledger), update (another hash), withdraw (withdrawn in the workspace, live on the target),
delete (a redirect the workspace no longer has) and publish (already on the target, but the workspace has not
recorded it: a run that died between the target's commit and the workspace's). Ledger rows the workspace
does not know are listed as orphans and left alone. Nothing is written.

**Apply** (:func:`apply`) holds the target's export lock (:func:`target_lock`) for the whole run, then
writes categories, redirects and articles **in batches, each batch one target transaction** with its ledger
rows, using each dialect's idempotent upsert. Articles are rebuilt from the workspace as they are *now* when
their batch is written (an item withdrawn after the plan is withdrawn, not republished). After each batch
commits, ``on_commit`` lets the console record what went live. A kill at any moment leaves whole batches
only; a rerun's plan sees the ledger and finishes the rest without duplicates.

**Verify** (:func:`verify`) reads the target back and compares it with the ledger and the workspace.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Table, case, delete, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from exports import schema
from exports.targets import TargetConflict, TargetError, TargetUnusable
from exports.targets import text as message
from models.base import utcnow

ARTICLE = "article"
CATEGORY = "category"
REDIRECT = "redirect"
PROPOSAL = "proposal"  # an approved change of the tree, published with the tree: the workspace's record only
KINDS = (CATEGORY, REDIRECT, ARTICLE, PROPOSAL)

INSERT, UPDATE, WITHDRAW, DELETE, PUBLISH = "insert", "update", "withdraw", "delete", "publish"
ACTIONS = (INSERT, UPDATE, WITHDRAW, DELETE, PUBLISH)

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

# The columns each kind's hash covers: what the site shows. (Bookkeeping times of categories and redirects
# are left out; an article's times are part of what it shows.)
HASHED: dict[str, tuple[str, ...]] = {
    CATEGORY: ("portal", "parent_key", "position", "slug", "path", "name", "name_vi", "status", "counterpart_key"),
    REDIRECT: ("portal", "old_path", "target_path", "target_key"),
    ARTICLE: ("portal", "language", "category_key", "title", "summary", "html_sha256", "content_type", "type_meta",
              "author", "source", "published_at", "updated_at", "counterpart_item_id", "withdrawn", "withdrawn_at"),
}  # fmt: skip
ATTACHMENT_COLUMNS = ("sha256", "filename", "media_type", "size")
_ARTICLE_COLUMNS = ("item_id", "html", *HASHED[ARTICLE])
_CATEGORY_COLUMNS = ("key", *HASHED[CATEGORY])

class ExportBusy(TargetConflict):
    """Another export holds the target's lock."""


# ------------------------------------------------------------------------------------------ rows and hashes


def _canon(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    return value


def content_hash(kind: str, row: dict[str, Any]) -> str:
    """The hash of a portal row's public content (see the module's docstring)."""
    doc = {name: _canon(row.get(name)) for name in HASHED[kind]}
    if kind == ARTICLE:
        doc["attachments"] = sorted([a[c] for c in ATTACHMENT_COLUMNS] for a in row.get("attachments") or ())
    data = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def public_article(row: dict[str, Any]) -> dict[str, Any]:
    """The article as the portal holds it. The withdrawal rule (docs/portal-schema.md): the row stays, with its
    title and dates, but its summary, HTML and attachments go."""
    if row.get("withdrawn"):
        return {**row, "summary": "", "html": "", "html_sha256": EMPTY_SHA256, "attachments": []}
    return {**row, "withdrawn": False, "withdrawn_at": None}


def ref_of(kind: str, row: dict[str, Any]) -> str:
    if kind == ARTICLE:
        return str(row["item_id"])
    if kind == CATEGORY:
        return str(row["key"])
    return f"{row['portal']}:{row['old_path']}"


class Source(Protocol):
    """What the workspace wants the portal to hold (the console implements it).

    Article rows carry the ``portal_article`` columns (``html`` only when ``full``), ``attachments`` (a list of
    dicts of :data:`ATTACHMENT_COLUMNS`), ``withdrawn`` with ``withdrawn_at``, and two fields for the console:
    ``revision_id`` (the revision exported) and ``recorded`` (whether the workspace has already recorded it as
    published, or as withdrawn)."""

    def categories(self) -> list[dict[str, Any]]: ...

    def redirects(self) -> list[dict[str, Any]]: ...

    def articles(self, ids: Sequence[int] | None = None) -> Iterator[dict[str, Any]]:
        """Every article the portal should hold (or hold withdrawn), or those of ``ids``, without HTML, by id."""
        ...

    def article_rows(self, item_ids: Sequence[int]) -> list[dict[str, Any]]:
        """Those articles, with their HTML, as they are now (an id no longer live is left out)."""
        ...

    def attachment_file(self, sha256: str) -> Path | None:
        """Where the workspace keeps the file with this hash (None: it has none)."""
        ...


# ------------------------------------------------------------------------------------------ the plan


@dataclass(frozen=True, slots=True)
class Orphan:
    kind: str
    ref: str


@dataclass
class ExportPlan:
    """What an export would do: for each kind and action the refs, and the bytes of HTML to write."""

    refs: dict[str, dict[str, list[str]]] = field(default_factory=lambda: {k: defaultdict(list) for k in KINDS})
    html_bytes: int = 0
    orphans: list[Orphan] = field(default_factory=list)
    wanted: Counter[str] = field(default_factory=Counter)  # rows the workspace wants, by kind (of those compared)
    incremental: bool = False  # only the articles changed since the last complete run were compared
    held: dict[str, str] = field(default_factory=dict)  # article ref -> the ledger's hash, for those compared

    def add(self, kind: str, action: str, ref: str) -> None:
        self.refs[kind][action].append(ref)

    def counts(self) -> dict[str, dict[str, int]]:
        return {kind: {a: len(self.refs[kind].get(a, ())) for a in ACTIONS} for kind in KINDS}

    @property
    def writes(self) -> int:
        """Rows the apply writes (inserted, updated, withdrawn, deleted) on the target."""
        return sum(len(v) for kind in KINDS for a, v in self.refs[kind].items() if a != PUBLISH)

    @property
    def steps(self) -> int:
        """Units of work for a progress bar: every ref of every action."""
        return sum(len(v) for kind in KINDS for v in self.refs[kind].values())

    @property
    def empty(self) -> bool:
        return self.steps == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "wanted": dict(self.wanted),
            "html_bytes": self.html_bytes,
            "incremental": self.incremental,
            "orphans": [{"kind": o.kind, "ref": o.ref} for o in self.orphans],
        }


def read_ledger(conn: Connection, kind: str | None = None,
                refs: Sequence[str] | None = None) -> dict[tuple[str, str], str]:  # fmt: skip
    """The ledger's (kind, ref) -> hash: all of it, one kind, or some refs of one kind (read in chunks)."""
    led = schema.export_ledger.c
    stmt = select(led.kind, led.ref, led.content_sha256)
    if kind is not None:
        stmt = stmt.where(led.kind == kind)
    if refs is None:
        return {(k, r): h for k, r, h in conn.execute(stmt)}
    out: dict[tuple[str, str], str] = {}
    wanted = list(refs)
    for start in range(0, len(wanted), 1000):
        out.update({(k, r): h for k, r, h in conn.execute(stmt.where(led.ref.in_(wanted[start : start + 1000])))})
    return out


def read_plan_ledger(conn: Connection, changed: Sequence[int] | None) -> dict[tuple[str, str], str]:
    """What a plan compares with: the whole ledger, or (incremental) the tree's rows and the changed articles'."""
    if changed is None:
        return read_ledger(conn)
    return {**read_ledger(conn, CATEGORY), **read_ledger(conn, REDIRECT),
            **read_ledger(conn, ARTICLE, [str(i) for i in changed])}  # fmt: skip


def make_plan(ledger: dict[tuple[str, str], str], source: Source, changed: Sequence[int] | None = None) -> ExportPlan:
    """Compare what the workspace wants with the target's ledger (:func:`read_plan_ledger`); writes nothing.

    ``changed`` makes the plan incremental: only those items' articles are compared, the others being as the
    last complete run left them (so ledger rows of other articles are not orphans). None compares every one."""
    ledger = dict(ledger)
    out = ExportPlan(incremental=changed is not None)
    for kind, rows in ((CATEGORY, source.categories()), (REDIRECT, source.redirects())):
        for row in rows:
            ref = ref_of(kind, row)
            out.wanted[kind] += 1
            held = ledger.pop((kind, ref), None)
            if held is None:
                out.add(kind, INSERT, ref)
            elif held != content_hash(kind, row):
                out.add(kind, UPDATE, ref)
    for row in source.articles(changed):
        ref = ref_of(ARTICLE, row)
        live = public_article(row)
        held = ledger.pop((ARTICLE, ref), None)
        if held is not None:
            out.held[ref] = held
        if row.get("withdrawn"):
            if held is not None and held != content_hash(ARTICLE, live):
                out.add(ARTICLE, WITHDRAW, ref)
            continue  # withdrawn and not held: nothing to do
        out.wanted[ARTICLE] += 1
        if held is None:
            out.add(ARTICLE, INSERT, ref)
            out.html_bytes += int(row.get("html_size") or 0)
        elif held != content_hash(ARTICLE, live):
            out.add(ARTICLE, UPDATE, ref)
            out.html_bytes += int(row.get("html_size") or 0)
        elif not row.get("recorded"):
            out.add(ARTICLE, PUBLISH, ref)
    for (kind, ref) in sorted(ledger):
        if kind == REDIRECT:
            out.add(REDIRECT, DELETE, ref)
        elif changed is None or kind != ARTICLE:
            out.orphans.append(Orphan(kind, ref))
    return out


# ------------------------------------------------------------------------------------------ the target's lock


def _lock_key(engine: Engine) -> int:
    """A 63-bit advisory lock key for this database (PostgreSQL)."""
    name = engine.url.database or ""
    return zlib.crc32(f"vss-export:{name}".encode()) | (0x5653 << 32)


def _who_runs(engine: Engine) -> tuple[str, str] | None:
    run = schema.export_run.c
    try:
        with engine.connect() as conn:
            row = conn.execute(
                select(run.by, run.started_at).where(run.status == "running").order_by(run.started_at.desc()).limit(1)
            ).first()
    except DBAPIError:
        return None
    return None if row is None else (row[0], _canon(row[1])[:19].replace("T", " ") + " UTC")


@contextlib.contextmanager
def target_lock(engine: Engine, name: str) -> Iterator[None]:
    """Hold the target's export lock for the block, or raise :class:`ExportBusy`.

    PostgreSQL: a session advisory lock; MariaDB/MySQL: ``GET_LOCK``; SQLite: ``flock`` on a file beside the
    database. All three are let go by the database or the kernel when the process dies, so a killed export
    never leaves the target locked."""
    dialect = engine.dialect.name

    def busy() -> ExportBusy:
        who = _who_runs(engine)
        detail = message("export.busy_unknown") if who is None else message("export.busy_by", by=who[0], since=who[1])
        return ExportBusy("export.busy", name=name, detail=detail)

    if dialect == "sqlite":
        path = Path(engine.url.database or ":memory:")
        handle = open(f"{path}.export-lock", "a+")  # noqa: SIM115 - held for the block
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise busy() from None
            yield
        finally:
            handle.close()  # closing lets go of the flock
        return
    conn = engine.connect()
    try:
        if dialect == "postgresql":
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _lock_key(engine)}).scalar()
        else:
            got = conn.execute(text("SELECT GET_LOCK(:k, 0)"), {"k": f"vss_export_{engine.url.database}"}).scalar()
        conn.commit()
        if not got:
            raise busy()
        yield
    finally:
        conn.close()  # the session ends, and with it the lock


# ------------------------------------------------------------------------------------------ writing


def upsert(conn: Connection | Any, table: Table, rows: list[dict[str, Any]], keys: Sequence[str], *,
           unless_same: str | None = None) -> None:
    """Insert or replace ``rows`` by ``keys`` with the dialect's own idempotent statement (``ON CONFLICT DO
    UPDATE`` on SQLite and PostgreSQL, ``ON DUPLICATE KEY UPDATE`` on MariaDB/MySQL), as one executemany.

    ``unless_same`` names a column: a stored row whose value there equals the new one is kept as it is (the
    renditions use it for their renderer version). ``conn`` may be a Connection or an ORM Session."""
    if not rows:
        return
    dialect = conn.get_bind().dialect.name if hasattr(conn, "get_bind") else conn.dialect.name
    columns = [c for c in rows[0] if c not in keys]
    if dialect in ("mysql", "mariadb"):
        from sqlalchemy.dialects.mysql import insert as my_insert

        my_stmt = my_insert(table)
        new: list[tuple[str, Any]] = [(c, my_stmt.inserted[c]) for c in columns if c != unless_same]
        if unless_same is not None:
            same = table.c[unless_same] == my_stmt.inserted[unless_same]
            new = [(c, case((same, table.c[c]), else_=v)) for c, v in new]
            new.append((unless_same, my_stmt.inserted[unless_same]))  # MariaDB assigns left to right: last
        conn.execute(my_stmt.on_duplicate_key_update(new), rows)
        return
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as lite_insert

        stmt = lite_insert(table)
    where = None if unless_same is None else table.c[unless_same] != stmt.excluded[unless_same]
    set_ = {c: stmt.excluded[c] for c in columns}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=set_, where=where), rows)


def _ledger_rows(kind: str, hashes: dict[str, str], run_id: str, now: datetime) -> list[dict[str, Any]]:
    return [{"kind": kind, "ref": ref, "content_sha256": h, "exported_at": now, "run_id": run_id}
            for ref, h in hashes.items()]  # fmt: skip


def check_tables(engine: Engine, name: str) -> None:
    """Refuse a target whose tables were changed by hand: every table and column of the schema must be there."""
    found = inspect(engine)
    names = set(found.get_table_names())
    for table in schema.metadata.sorted_tables:
        if table.name not in names:
            raise TargetUnusable("export.table_changed", name=name, table=table.name,
                                 version=schema.SCHEMA_VERSION, detail="missing")  # fmt: skip
        have = {c["name"] for c in found.get_columns(table.name)}
        lost = [c.name for c in table.columns if c.name not in have]
        if lost:
            raise TargetUnusable("export.table_changed", name=name, table=table.name,
                                 version=schema.SCHEMA_VERSION, detail=", ".join(lost))  # fmt: skip


@dataclass
class ApplyResult:
    run_id: str
    done: Counter[str] = field(default_factory=Counter)  # "article.insert": n, ...
    status: str = "running"  # done | cancelled | failed
    error: str = ""

    def counts(self) -> dict[str, int]:
        return dict(sorted(self.done.items()))


Progress = Callable[[int, int], None]
OnCommit = Callable[[str, list[dict[str, Any]]], None]


def _failure(exc: DBAPIError, name: str) -> TargetError:
    detail = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = detail.lower()
    if "full" in lowered or "no space" in lowered:
        return TargetUnusable("export.disk_full", name=name)
    return TargetUnusable("export.write_failed", name=name, detail=detail.splitlines()[0][:300])


def _start_run(engine: Engine, run_id: str, by: str, plan: ExportPlan) -> None:
    run = schema.export_run
    with engine.begin() as conn:
        # Holding the lock, any run still "running" died without finishing.
        conn.execute(update(run).where(run.c.status == "running").values(status="interrupted"))
        conn.execute(run.insert().values(id=run_id, started_at=utcnow(), by=by, status="running",
                                         counts={"plan": plan.counts()}))  # fmt: skip


def _finish_run(engine: Engine, result: ApplyResult, plan: ExportPlan) -> None:
    run = schema.export_run
    with contextlib.suppress(DBAPIError), engine.begin() as conn:
        conn.execute(update(run).where(run.c.id == result.run_id).values(
            finished_at=utcnow(), status=result.status, counts={"plan": plan.counts(), "done": result.counts()}))


def apply(
    engine: Engine,
    name: str,
    plan: ExportPlan,
    source: Source,
    *,
    by: str,
    run_id: str | None = None,
    batch: int = 500,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_commit: OnCommit | None = None,
    files: str | None = None,
) -> ApplyResult:
    """Carry out ``plan`` on the target (see the module's docstring). The caller holds :func:`target_lock`.

    ``files``: the portal's file store; each batch copies its attachments there (by hash) before it commits, so
    a row on the portal always has its file."""
    check_tables(engine, name)
    result = ApplyResult(run_id or str(uuid.uuid4()))
    store = FileStore(files, name) if files else None
    total, done = plan.steps, 0
    _start_run(engine, result.run_id, by, plan)

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    try:
        if progress is not None:
            progress(0, total)
        _apply_tree(engine, plan, source, result, on_commit)
        step(sum(len(v) for k in (CATEGORY, REDIRECT, PROPOSAL) for v in plan.refs[k].values()))
        ids = sorted({int(r) for v in plan.refs[ARTICLE].values() for r in v})
        for start in range(0, len(ids), batch):
            if should_stop is not None and should_stop():
                result.status = "cancelled"
                break
            chunk = ids[start : start + batch]
            _apply_articles(engine, chunk, source, plan.held, result, on_commit, store)
            step(len(chunk))
        else:
            result.status = "done"
    except DBAPIError as exc:
        result.status = "failed"
        err = _failure(exc, name)
        result.error = err.key
        _finish_run(engine, result, plan)
        raise err from exc
    except BaseException:
        result.status = "failed"
        _finish_run(engine, result, plan)
        raise
    _finish_run(engine, result, plan)
    return result


def _apply_tree(engine: Engine, plan: ExportPlan, source: Source, result: ApplyResult,
                on_commit: OnCommit | None) -> None:  # fmt: skip
    """Categories and redirects: a few thousand rows, one transaction."""
    cats = {CATEGORY: set(plan.refs[CATEGORY][INSERT]) | set(plan.refs[CATEGORY][UPDATE]),
            REDIRECT: set(plan.refs[REDIRECT][INSERT]) | set(plan.refs[REDIRECT][UPDATE])}  # fmt: skip
    gone = plan.refs[REDIRECT][DELETE]
    if cats[CATEGORY] or cats[REDIRECT] or gone:
        _write_tree(engine, source, cats, gone, plan, result)
    proposals = plan.refs[PROPOSAL][PUBLISH]
    if proposals:
        if on_commit is not None:
            on_commit(PROPOSAL, [{"item_id": int(ref)} for ref in proposals])
        result.done[f"{PROPOSAL}.{PUBLISH}"] += len(proposals)


def _write_tree(engine: Engine, source: Source, cats: dict[str, set[str]], gone: list[str], plan: ExportPlan,
                result: ApplyResult) -> None:  # fmt: skip
    now = utcnow()
    with engine.begin() as conn:
        for kind, rows, table, keys in (
            (CATEGORY, source.categories(), schema.portal_category, ("key",)),
            (REDIRECT, source.redirects(), schema.portal_redirect, ("portal", "old_path")),
        ):
            chosen = [r for r in rows if ref_of(kind, r) in cats[kind]]
            hashes = {ref_of(kind, r): content_hash(kind, r) for r in chosen}
            columns = _CATEGORY_COLUMNS if kind == CATEGORY else HASHED[REDIRECT]
            upsert(conn, table, [{**{c: r.get(c) for c in columns}, "updated_at": now} for r in chosen], keys)
            upsert(conn, schema.export_ledger, _ledger_rows(kind, hashes, result.run_id, now), ("kind", "ref"))
            result.done[f"{kind}.{INSERT}"] += len(set(plan.refs[kind][INSERT]) & hashes.keys())
            result.done[f"{kind}.{UPDATE}"] += len(set(plan.refs[kind][UPDATE]) & hashes.keys())
        red = schema.portal_redirect.c
        for ref in gone:
            portal, old_path = ref.split(":", 1)
            conn.execute(delete(schema.portal_redirect).where(red.portal == portal, red.old_path == old_path))
        if gone:
            led = schema.export_ledger.c
            conn.execute(delete(schema.export_ledger).where(led.kind == REDIRECT, led.ref.in_(gone)))
            result.done[f"{REDIRECT}.{DELETE}"] += len(gone)


def _apply_articles(engine: Engine, ids: list[int], source: Source, held: dict[str, str], result: ApplyResult,
                    on_commit: OnCommit | None, store: FileStore | None = None) -> None:  # fmt: skip
    """One batch. ``held`` is the plan's reading of the ledger (nobody else writes it: the run holds the lock)."""
    rows = source.article_rows(ids)
    now = utcnow()
    written: list[dict[str, Any]] = []
    with engine.begin() as conn:
        articles: list[dict[str, Any]] = []
        attachments: list[dict[str, Any]] = []
        hashes: dict[str, str] = {}
        for row in rows:
            ref = ref_of(ARTICLE, row)
            live = public_article(row)
            digest = content_hash(ARTICLE, live)
            before = held.get(ref)
            if before == digest or (before is None and row.get("withdrawn")):
                if before is not None:
                    written.append(row)  # already there: only the workspace's record is missing
                    result.done[f"{ARTICLE}.{PUBLISH}"] += 0 if row.get("recorded") else 1
                continue
            action = WITHDRAW if row.get("withdrawn") else (INSERT if before is None else UPDATE)
            result.done[f"{ARTICLE}.{action}"] += 1
            articles.append({c: live.get(c) for c in _ARTICLE_COLUMNS})
            attachments += [{"item_id": row["item_id"], **{c: a[c] for c in ATTACHMENT_COLUMNS}}
                            for a in live["attachments"]]  # fmt: skip
            hashes[ref] = digest
            written.append(row)
        if articles:
            upsert(conn, schema.portal_article, articles, ("item_id",))
            att = schema.portal_attachment
            conn.execute(delete(att).where(att.c.item_id.in_([a["item_id"] for a in articles])))
            if attachments:
                conn.execute(att.insert(), attachments)
                if store is not None:
                    store.put_all(attachments, source)
            upsert(conn, schema.export_ledger, _ledger_rows(ARTICLE, hashes, result.run_id, now), ("kind", "ref"))
    if on_commit is not None and written:
        on_commit(ARTICLE, written)


class FileStore:
    """The portal's file store: a folder of files named by their hash, ``<store>/ab/abcd…`` (the site serves
    ``/files/<sha256>`` from it). A file is written to a temporary name and renamed, so none is ever half there;
    one already there with the right size is left alone."""

    def __init__(self, root: str, name: str) -> None:
        self.root, self.name = Path(root), name

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def holds(self, sha256: str, size: int) -> bool:
        try:
            return self.path(sha256).stat().st_size == size
        except OSError:
            return False

    def put_all(self, attachments: list[dict[str, Any]], source: Source) -> None:
        for a in attachments:
            if self.holds(a["sha256"], a["size"]):
                continue
            origin = source.attachment_file(a["sha256"])
            if origin is None or not origin.is_file():
                raise TargetUnusable("export.file_missing", sha256=a["sha256"], item=a["item_id"])
            dest = self.path(a["sha256"])
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
                shutil.copyfile(origin, tmp)
                os.replace(tmp, dest)
            except OSError as exc:
                raise TargetUnusable("export.files_unwritable", name=self.name, path=self.root,
                                     detail=exc.strerror or exc) from None  # fmt: skip


# ------------------------------------------------------------------------------------------ verify


@dataclass(frozen=True, slots=True)
class Difference:
    """One way the target differs.

    ``missing``: the ledger says the target holds it, but it is not there; ``extra``: the target holds it, the
    ledger does not; ``changed``: the row (or its HTML) is not what the export wrote (changed by someone else);
    ``pending``: the workspace wants something the target does not hold yet (a run to come);
    ``orphan``: the ledger holds something the workspace does not know."""

    kind: str
    ref: str
    problem: str
    detail: str = ""


@dataclass
class VerifyReport:
    differences: list[Difference] = field(default_factory=list)
    checked: Counter[str] = field(default_factory=Counter)

    @property
    def clean(self) -> bool:
        return not self.differences

    def counts(self) -> dict[str, int]:
        return dict(Counter(d.problem for d in self.differences))


def _target_rows(conn: Connection) -> Iterator[tuple[str, str, str, str]]:
    """(kind, ref, row hash, problem with its own HTML hash or "") for every row the target holds."""
    for row in conn.execute(select(*[schema.portal_category.c[c] for c in _CATEGORY_COLUMNS])).mappings():
        yield CATEGORY, ref_of(CATEGORY, dict(row)), content_hash(CATEGORY, dict(row)), ""
    for row in conn.execute(select(*[schema.portal_redirect.c[c] for c in HASHED[REDIRECT]])).mappings():
        yield REDIRECT, ref_of(REDIRECT, dict(row)), content_hash(REDIRECT, dict(row)), ""
    files: dict[int, list[dict[str, Any]]] = defaultdict(list)
    att = schema.portal_attachment.c
    for a in conn.execute(select(att.item_id, *[att[c] for c in ATTACHMENT_COLUMNS])).mappings():
        files[a["item_id"]].append(dict(a))
    art = schema.portal_article.c
    result = conn.execution_options(yield_per=1000).execute(
        select(*[art[c] for c in _ARTICLE_COLUMNS]).order_by(art.item_id))
    for row in result.mappings():
        data = dict(row)
        data["attachments"] = files.pop(data["item_id"], [])
        html_sha = hashlib.sha256((data["html"] or "").encode("utf-8")).hexdigest()
        yield ARTICLE, ref_of(ARTICLE, data), content_hash(ARTICLE, data), (
            "" if html_sha == data["html_sha256"] else "html")
    for item_id in files:  # attachments of no article
        yield ARTICLE, str(item_id), "", "attachments"


def forget(engine: Engine, differences: list[Difference], run_id: str | None = None) -> int:
    """Make the target forget what someone else did, so that the next plan puts it right: ledger rows of changed
    and missing rows are dropped (the plan writes them again) and extra rows are deleted. One transaction."""
    led = schema.export_ledger.c
    again = [d for d in differences if d.problem in ("changed", "missing")]
    extra = [d for d in differences if d.problem == "extra"]
    with engine.begin() as conn:
        for d in again:
            conn.execute(delete(schema.export_ledger).where(led.kind == d.kind, led.ref == d.ref))
        for d in extra:
            if d.kind == ARTICLE:
                conn.execute(delete(schema.portal_attachment).where(schema.portal_attachment.c.item_id == int(d.ref)))
                conn.execute(delete(schema.portal_article).where(schema.portal_article.c.item_id == int(d.ref)))
            elif d.kind == CATEGORY:
                conn.execute(delete(schema.portal_category).where(schema.portal_category.c.key == d.ref))
            elif d.kind == REDIRECT:
                portal, old_path = d.ref.split(":", 1)
                red = schema.portal_redirect.c
                conn.execute(delete(schema.portal_redirect).where(red.portal == portal, red.old_path == old_path))
    return len(again) + len(extra)


def verify(engine: Engine, source: Source, files: str | None = None) -> VerifyReport:
    """Read the target back and compare it with its ledger and with what the workspace wants; with ``files``,
    check that the file store holds every attachment (by name and size)."""
    report = VerifyReport()
    with engine.connect() as conn:
        if files is not None:
            store = FileStore(files, "")
            att = schema.portal_attachment.c
            for item_id, sha, size in conn.execute(select(att.item_id, att.sha256, att.size)):
                if not store.holds(sha, size):
                    report.differences.append(Difference(ARTICLE, str(item_id), "missing", "file"))
        ledger = read_ledger(conn)
        seen: set[tuple[str, str]] = set()
        for kind, ref, digest, problem in _target_rows(conn):
            report.checked[kind] += 1
            seen.add((kind, ref))
            held = ledger.get((kind, ref))
            if held is None:
                report.differences.append(Difference(kind, ref, "extra"))
            elif problem or held != digest:
                report.differences.append(Difference(kind, ref, "changed", problem or "row"))
        for kind, ref in sorted(ledger.keys() - seen):
            report.differences.append(Difference(kind, ref, "missing"))
    wanted = make_plan(ledger, source)  # verify always compares everything
    for kind in KINDS:
        for action, refs in wanted.refs[kind].items():
            report.differences += [Difference(kind, ref, "pending", action) for ref in refs]
    report.differences += [Difference(o.kind, o.ref, "orphan") for o in wanted.orphans]
    return report


__all__ = [
    "ACTIONS", "ARTICLE", "CATEGORY", "KINDS", "REDIRECT", "ApplyResult", "Difference", "ExportBusy",
    "ExportPlan", "Source", "VerifyReport", "apply", "content_hash", "make_plan", "public_article",
    "target_lock", "upsert", "verify",
]
