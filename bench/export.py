"""Exports into the live portal database (issue 7) over a SQLite workspace of 100k approved items, each target.

    .venv/bin/python bench/export.py [--items 100000] [--targets sqlite,postgresql,mariadb] [--keep DIR]
    .venv/bin/python bench/export.py --keep /tmp/bx --targets sqlite --profile   # builds once; cProfile of the run

BENCHMARK FIXTURE, NOT APP CODE. The items are bulk-inserted with SQLAlchemy Core, in chunks, as the services
would have left them after ``create`` → ``accept`` → ``send_to_board`` → ``approve``: an item in state
``approved`` with its one revision as current and approved revision, the four decisions of that walk (the last
one ``to_state="approved"``) with increasing times, and a ``rendition`` of the revision by the current
``RENDERER_VERSION``. Not written: the audit events of those steps (the export reads none) and item locks.
Bodies are Markdown of 2–7 KB in Vietnamese (headings, paragraphs with bold, italics and http links, lists,
a table every third body): 200 templates, each item's body one of them plus a paragraph of its own. The
templates are rendered with ``exports.render.render``; an item's HTML is its template's HTML plus its own
paragraph's, checked against a real ``render`` of the whole body for a sample while building (the bench
stops if one differs). Items sit in the 12 seed categories that take news (80 % on the vi portal, 20 % on en).
Users, portals, units and categories come from the normal workspace creation.

Measured, each target a fresh database (PostgreSQL at 127.0.0.1:5432, MariaDB at 127.0.0.1:3306, database
created for the run and dropped after; SQLite a new file), the schema made by ``exports.targets.init_target``,
the workspace a fresh copy of the built one:

- **Full export**, rendering excluded (every rendition is stored): wall time of
  ``console.services.export.run(ws, admin, target)`` in a child process (plan, lock, 2,000-item batches, the
  items marked published in the workspace after each batch, the run recorded). Baseline, same run: the same
  article rows (read back from the target's ``portal_article``, same columns and HTML) inserted through the
  raw driver (sqlite3 / psycopg / pymysql: the engine's raw DBAPI connection) with ``executemany`` into a fresh
  copy of ``portal_article`` (same indexes), a commit every 2,000 rows (as the export); only the inserts and
  commits are timed.
  Ratio = baseline / export; goal ≥ 0.5 (the export at most twice as slow as bare inserts).
- **Peak RSS** of the child process during the full export (its VmHWM read right after it), and what it
  had before (imports and an open workspace); goal ≤ 250 MB.
- **Incremental export**: 100 published items corrected through the services (``correct``, ``edit`` of the
  title and body, ``send_to_board``, ``approve``: a new revision rendered on approval), then a second
  ``export.run``; goal ≤ 1 % of the full export's time.
- **Rendering**, once, on a copy of the workspace: 2,000 revisions (evenly spread) rendered with
  ``exports.render.render`` in one process, and the same 2,000 after their renditions are deleted with
  ``console.services.renditions.render_pending`` (processes = cpu count: read, render in a pool, store).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import html as htmlmod
import io
import json
import os
import pstats
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # bench/report.py (this folder): the shared table and machine line
from common import add_staff, peak_mb  # bench/common.py: the staff of a bench workspace, peak memory
from queues import WORDS, _title  # bench/queues.py: the same Vietnamese title generator
from sqlalchemy import Index, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from console.collation import title_key
from console.permissions import Actor
from console.text import fold
from console.workspace import Workspace, init_workspace, open_workspace
from exports.render import RENDERER_VERSION, render
from models import Category, Decision, Item, Rendition, Revision, User

CHUNK = 5_000
TEMPLATES = 200
CHECKED = 300  # items whose HTML is checked against a real render while building
BATCH = 2000  # rows per commit, as console.services.export.BATCH
RATIO_GOAL, INCREMENTAL_SHARE, RSS_MB = 0.5, 0.01, 250
CHANGED = 100
RENDER_SAMPLE = 2_000
SERVERS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mariadb+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4",
}
NEWS_CATS = ("vi.2", "vi.7", "vi.10", "vi.12", "en.2", "en.2.1", "en.2.2", "en.2.3", "en.2.4", "en.8", "en.10",
             "en.11")  # fmt: skip
HEADS = ("Quyền lợi của người lao động", "Hướng dẫn thực hiện", "Đối tượng áp dụng", "Hồ sơ cần chuẩn bị",
         "Thời hạn giải quyết", "Mức đóng và phương thức đóng", "Trách nhiệm của doanh nghiệp", "Kết quả triển khai",
         "Một số lưu ý", "Câu hỏi thường gặp")  # fmt: skip


# ------------------------------------------------------------------------------------------ the fixture


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        k = rng.randrange(len(words))
        words[k] = f"**{words[k]}**"
    if rng.random() < 0.2:
        k = rng.randrange(len(words))
        words[k] = f"*{words[k]}*"
    if rng.random() < 0.1:
        k = rng.randrange(len(words))
        words[k] = f"[{words[k]}](https://baohiemxahoi.gov.vn/tin-tuc/{rng.randint(1000, 99999)})"
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def _template(rng: random.Random, size: int) -> str:
    """A Markdown body of about ``size`` characters."""
    parts: list[str] = []
    n = 0
    while n < size:
        r = rng.random()
        if r < 0.12:
            block = f"## {rng.choice(HEADS)} {rng.randint(1, 99)}"
        elif r < 0.25:
            block = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5)))
        elif r < 0.30 and not any(p.startswith("| ") for p in parts):
            rows = [f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.randint(1, 999):,} | {rng.randint(1, 99)} % |"
                    for _ in range(rng.randint(3, 6))]  # fmt: skip
            block = "| Nội dung | Số lượng | Tỷ lệ |\n|---|---:|---:|\n" + "\n".join(rows)
        else:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        parts.append(block)
        n += len(block.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _own(i: int, title: str) -> tuple[str, str]:
    """An item's own last paragraph: (Markdown, its HTML)."""
    md = f"Mã tin {i}: {title}."
    return md, f"<p>{htmlmod.escape(md, quote=False)}</p>"


def _rows(n: int, rng: random.Random, refs: dict[str, Any], templates: list[tuple[str, str]]
          ) -> Iterator[dict[str, list[dict[str, Any]]]]:  # fmt: skip
    """Items with their revision, decisions and rendition, CHUNK at a time."""
    now = datetime.now(UTC)
    cats = refs["cats"]
    vi = [c for c in cats if c[0].startswith("vi.")]
    en = [c for c in cats if c[0].startswith("en.")]
    out: dict[str, list[dict[str, Any]]] = {"item": [], "revision": [], "decision": [], "rendition": []}
    decision_id = 0
    for i in range(1, n + 1):
        key, cat_id, portal_id, unit_id = rng.choice(vi if rng.random() < 0.8 else en)
        title = _title(rng)
        summary = _title(rng)
        body, base_html = templates[rng.randrange(len(templates))]
        own_md, own_html = _own(i, title)
        body_md = f"{body}\n\n{own_md}"
        html = f"{base_html}\n{own_html}"
        created = now - timedelta(minutes=rng.randint(60 * 24, 60 * 24 * 365))
        steps = [created + timedelta(minutes=m) for m in sorted(rng.sample(range(1, 60 * 24), 4))]
        out["item"].append({
            "id": i, "portal_id": portal_id, "category_id": cat_id,
            "content_type": "news_event" if rng.random() < 0.7 else "unit_activity", "unit_id": unit_id,
            "state": "approved", "title": title, "search_text": fold(f"{title}\n{summary}"),
            "title_key": title_key(title), "created_by_id": refs["lan"], "submitted_at": steps[0],
            "due_at": None, "updated_at": steps[3], "created_at": created, "version": 7,
        })  # fmt: skip
        out["revision"].append({
            "id": i, "item_id": i, "number": 1, "title": title, "summary": summary, "body_md": body_md, "meta": {},
            "author": "Nguyễn Thị Lan", "source": "Văn phòng", "language": "vi" if key.startswith("vi.") else "en",
            "content_hash": hashlib.sha256(f"{title}\n{summary}\n{body_md}".encode()).hexdigest(),
            "created_by_id": refs["lan"], "created_at": created,
        })  # fmt: skip
        for (action, before, after, who), at in zip(
            (("submit", "draft", "submitted", "lan"), ("accept", "submitted", "editing", "minh"),
             ("send_to_board", "editing", "board_review", "minh"), ("approve", "board_review", "approved", "mai")),
            steps, strict=True,
        ):  # fmt: skip
            decision_id += 1
            out["decision"].append({
                "id": decision_id, "item_id": i, "revision_id": i, "actor_id": refs[who], "on_behalf_of_id": None,
                "action": action, "from_state": before, "to_state": after, "reason": "", "created_at": at,
            })  # fmt: skip
        out["rendition"].append({
            "revision_id": i, "renderer": RENDERER_VERSION, "html": html,
            "sha256": hashlib.sha256(html.encode("utf-8")).hexdigest(), "size": len(html.encode("utf-8")),
            "rendered_at": steps[3],
        })  # fmt: skip
        if i <= CHECKED:  # the shortcut must give what the services store
            real = render(body_md)
            if real.html != html:
                raise RuntimeError(f"item {i}: the fixture's HTML differs from render()'s")
        if len(out["item"]) == CHUNK or i == n:
            yield out
            out = {"item": [], "revision": [], "decision": [], "rendition": []}


def _actor(ws: Workspace, username: str) -> Actor:
    with ws.db.read() as s:
        return Actor.of(s.execute(select(User).where(User.username == username)).scalar_one())


def build(target: Path, n: int, seed: int = 17) -> None:
    rng = random.Random(seed)
    ws = init_workspace(target)
    add_staff(ws)
    with ws.db.read() as s:
        refs: dict[str, Any] = {u: s.scalar(select(User.id).where(User.username == u)) for u in ("lan", "minh", "mai")}
        refs["cats"] = [(c.key, c.id, c.portal_id, c.responsible_unit_id)
                        for c in s.scalars(select(Category).where(Category.key.in_(NEWS_CATS)))]  # fmt: skip
    templates = []
    for _ in range(TEMPLATES):
        md = _template(rng, rng.randint(2_000, 7_000) - 120)
        templates.append((md, render(md).html))
    with ws.db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA cache_size = -1000000")
        c.commit()
        item = Item.__table__
        for chunk in _rows(n, rng, refs, templates):
            c.execute(insert(item), chunk["item"])
            c.execute(insert(Revision.__table__), chunk["revision"])
            c.execute(item.update().where(item.c.id.between(chunk["item"][0]["id"], chunk["item"][-1]["id"]))
                      .values(current_revision_id=item.c.id, approved_revision_id=item.c.id,
                              updated_at=item.c.updated_at))  # fmt: skip  # keep the approval's time
            c.execute(insert(Decision.__table__), chunk["decision"])
            c.execute(insert(Rendition.__table__), chunk["rendition"])
        c.commit()
        c.exec_driver_sql("PRAGMA cache_size = -2000")
        c.commit()
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()


def _copy(base: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "attachments").mkdir(parents=True)
    shutil.copyfile(base / "workspace.db", dest / "workspace.db")
    return dest


def _size(root: Path) -> str:
    return f"{sum(p.stat().st_size for p in root.glob('workspace.db*')) / 1e6:,.0f} MB"


# ------------------------------------------------------------------------------------------ the child: one target


def child(root: Path, name: str, profile_to: str | None) -> None:
    """Full export, 100 corrections, incremental export; prints one JSON line. Runs in its own process so that
    its ``ru_maxrss`` is the export's and not the build's."""
    from console.services import export, items

    ws = open_workspace(root)
    admin, minh, mai = _actor(ws, "admin"), _actor(ws, "minh"), _actor(ws, "mai")
    before = peak_mb()
    prof = cProfile.Profile() if profile_to else None
    if prof is not None:
        prof.enable()
    t = time.perf_counter()
    full = export.run(ws, admin, name)
    full_s = time.perf_counter() - t
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile_to)
    peak = peak_mb()
    with ws.db.read() as s:
        ids = list(s.scalars(select(Item.id).where(Item.state == "published").order_by(Item.id)))
    step = max(1, len(ids) // CHANGED)
    changed = ids[::step][:CHANGED]
    t = time.perf_counter()
    for i in changed:
        items.decide(ws, minh, i, "correct")
        with ws.db.read() as s:
            body = s.scalar(select(Revision.body_md).join(Item, Item.current_revision_id == Revision.id)
                            .where(Item.id == i))  # fmt: skip
        items.edit(ws, minh, i, title=f"Đính chính: tin số {i}", body_md=f"{body}\n\nĐã đính chính số liệu.")
        items.decide(ws, minh, i, "send_to_board")
        items.decide(ws, mai, i, "approve")
    change_s = time.perf_counter() - t
    if prof is not None:
        prof = cProfile.Profile()
        prof.enable()
    t = time.perf_counter()
    incr = export.run(ws, admin, name)
    incr_s = time.perf_counter() - t
    if prof is not None:
        prof.disable()
        prof.dump_stats(f"{profile_to}.incremental")
    t = time.perf_counter()
    again = export.run(ws, admin, name)
    again_s = time.perf_counter() - t
    ws.close()
    print(json.dumps({
        "full_s": full_s, "full_done": full.done, "full_status": full.status, "rss_before_mb": before,
        "rss_peak_mb": peak, "change_s": change_s, "incr_s": incr_s, "incr_done": incr.done, "again_s": again_s,
        "again_done": again.done,
    }))  # fmt: skip


# ------------------------------------------------------------------------------------------ the parent


class Database:
    """A fresh database on a target server for this run (dropped by :meth:`drop`), or a new SQLite file."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.name = f"vss_bench_export_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        if kind == "sqlite":
            self.url = f"sqlite:///{tmp / f'{self.name}.db'}"
            self.admin = None
            return
        server = SERVERS[kind]
        self.admin = create_engine(server, isolation_level="AUTOCOMMIT")
        q = '"' if kind == "postgresql" else "`"
        create = f"CREATE DATABASE {q}{self.name}{q}"
        if kind == "mariadb":
            create += " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        with self.admin.connect() as c:
            c.execute(text(create))
        self.url = make_url(server).set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        if self.admin is None:
            return
        q = '"' if self.kind == "postgresql" else "`"
        drop = f"DROP DATABASE IF EXISTS {q}{self.name}{q}" + (" WITH (FORCE)" if self.kind == "postgresql" else "")
        with self.admin.connect() as c:
            c.execute(text(drop))
        self.admin.dispose()


def raw_baseline(name: str) -> tuple[float, int]:
    """Seconds of ``executemany`` INSERT of the target's article rows into a fresh copy of ``portal_article``
    through the raw DBAPI connection, a commit every BATCH rows (reads not timed), and the row count."""
    from exports import schema, targets

    engine = targets.engine_for(targets.get_target(name))
    copy_md = MetaData()
    indexes = [Index(f"ix_bench_copy_{k}", *[c.name for c in ix.columns])
               for k, ix in enumerate(schema.portal_article.indexes)]  # fmt: skip
    Table("bench_article_copy", copy_md, *[c._copy() for c in schema.portal_article.columns], *indexes,
          **schema._MYSQL)  # fmt: skip
    copy_md.create_all(engine)
    cols = [c.name for c in schema.portal_article.columns]
    dialect = engine.dialect.name
    mark = "?" if dialect == "sqlite" else "%s"
    quote = (lambda c: f"`{c}`") if dialect in ("mysql", "mariadb") else (lambda c: f'"{c}"')
    sql = (f"INSERT INTO bench_article_copy ({', '.join(quote(c) for c in cols)}) "
           f"VALUES ({', '.join([mark] * len(cols))})")  # fmt: skip
    art = schema.portal_article.c
    took, count, after = 0.0, 0, -1
    reader = engine.connect()
    writer = engine.raw_connection()
    try:
        cur = writer.cursor()
        while True:
            got = reader.execute(select(*[art[c] for c in cols]).where(art.item_id > after)
                                 .order_by(art.item_id).limit(BATCH)).all()  # fmt: skip
            reader.rollback()  # no long read transaction beside the writer (SQLite)
            if not got:
                break
            rows = []
            for r in got:
                v = list(r)
                for k, c in enumerate(cols):
                    if c == "type_meta":
                        v[k] = json.dumps(v[k], ensure_ascii=False)
                    elif dialect == "sqlite" and isinstance(v[k], datetime):
                        v[k] = v[k].replace(tzinfo=None).isoformat(" ")
                rows.append(tuple(v))
            t = time.perf_counter()
            cur.executemany(sql, rows)
            writer.commit()
            took += time.perf_counter() - t
            count += len(rows)
            after = got[-1][0]
        cur.close()
    finally:
        writer.close()
        reader.close()
        copy_md.drop_all(engine)
        engine.dispose()
    return took, count


def target_rows(kind: str, base: Path, tmp: Path, profile: bool) -> tuple[list[tuple[str, str, str, str]], str]:
    from exports import targets

    db = Database(kind, tmp)
    name = f"bench-{kind}"
    try:
        targets.add_target(name, db.url)
        targets.init_target(targets.get_target(name))
        work = _copy(base, tmp / f"ws-{kind}")
        prof = str(tmp / f"{kind}.prof") if profile else None
        cmd = [sys.executable, __file__, "--child", str(work), name] + (["--profile-to", prof] if prof else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode:
            raise RuntimeError(f"{kind}: the export child failed:\n{proc.stderr[-4000:]}")
        got = json.loads(proc.stdout.strip().splitlines()[-1])
        base_s, base_n = raw_baseline(name)
        version = _server_version(name)
        targets.remove_target(name)
        shutil.rmtree(work, ignore_errors=True)
    finally:
        db.drop()
    n = got["full_done"].get("article.insert", 0)
    if got["full_status"] != "done" or n != base_n:
        raise RuntimeError(f"{kind}: the full export did {got['full_done']} ({got['full_status']}), "
                           f"the target holds {base_n} articles")  # fmt: skip
    if got["incr_done"].get("article.update") != CHANGED:
        raise RuntimeError(f"{kind}: the incremental export did {got['incr_done']}")
    full, incr = got["full_s"], got["incr_s"]
    ratio = base_s / full
    incr_mark = f"≤ {INCREMENTAL_SHARE * 100:g} % {'✔' if incr <= INCREMENTAL_SHARE * full else '✘'}"
    rows = [
        (f"{kind} ({version})", "", "", ""),
        (f"baseline: raw executemany INSERT of the {base_n:,} article rows, commit every {BATCH}",
         f"{base_s:.1f} s", "1.00×", f"{base_n / base_s:,.0f} rows/s"),
        (f"full export, rendering excluded ({n / full:,.0f} items/s)", f"{full:.1f} s",
         f"{ratio:.2f}×", f"≥ {RATIO_GOAL:g}× {'✔' if ratio >= RATIO_GOAL else '✘'}"),
        (f"peak RSS during the full export (before it: {got['rss_before_mb']:.0f} MB)",
         f"{got['rss_peak_mb']:.0f} MB", "", f"≤ {RSS_MB} MB {'✔' if got['rss_peak_mb'] <= RSS_MB else '✘'}"),
        (f"incremental export of {CHANGED} corrected items ({CHANGED} updates)", f"{incr * 1000:.0f} ms",
         f"{incr / full * 100:.2f} %", incr_mark),
        ("for scale: a rerun with nothing to do", f"{got['again_s'] * 1000:.0f} ms",
         f"{got['again_s'] / full * 100:.2f} %", ""),
    ]  # fmt: skip
    return rows, prof or ""


def _server_version(name: str) -> str:
    from exports import targets

    engine = targets.engine_for(targets.get_target(name))
    try:
        with engine.connect() as c:
            if engine.dialect.name == "sqlite":
                return f"SQLite {c.exec_driver_sql('select sqlite_version()').scalar()}"
            v = c.exec_driver_sql("select version()").scalar() or ""
            return v.split(" on ")[0] if engine.dialect.name == "postgresql" else f"MariaDB {v.split('-')[0]}"
    finally:
        engine.dispose()


def render_rows(base: Path, tmp: Path, n_items: int) -> list[tuple[str, str, str, str]]:
    from console.services import renditions

    root = _copy(base, tmp / "ws-render")
    step = max(1, n_items // RENDER_SAMPLE)
    ids = list(range(1, n_items + 1, step))[:RENDER_SAMPLE]
    raw = sqlite3.connect(root / "workspace.db")
    q = f"SELECT body_md FROM revision WHERE id IN ({','.join(map(str, ids))})"
    bodies = [b for (b,) in raw.execute(q)]
    size = sum(len(b.encode("utf-8")) for b in bodies) / len(bodies)
    t = time.perf_counter()
    for b in bodies:
        render(b)
    single = time.perf_counter() - t
    raw.execute(f"DELETE FROM rendition WHERE revision_id IN ({','.join(map(str, ids))})")
    raw.commit()
    raw.close()
    ws = open_workspace(root)
    procs = os.cpu_count() or 1
    t = time.perf_counter()
    done = renditions.render_pending(ws, processes=procs)
    pool = time.perf_counter() - t
    ws.close()
    shutil.rmtree(root, ignore_errors=True)
    if done != len(ids):
        raise RuntimeError(f"render_pending rendered {done}, expected {len(ids)}")
    return [
        (f"rendering, {len(ids):,} bodies (mean {size / 1000:.1f} KB)", "", "", ""),
        ("exports.render.render, one process", f"{len(ids) / single:,.0f} /s", "1.00×",
         f"{single / len(ids) * 1000:.1f} ms a body"),
        (f"renditions.render_pending, {procs} processes (read, render, store)", f"{len(ids) / pool:,.0f} /s",
         f"{single / pool:.2f}×", f"{pool:.1f} s"),
    ]  # fmt: skip


def print_profile(path: str, kind: str) -> None:
    for what, file in (("full", path), ("incremental", f"{path}.incremental")):
        for order in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(file, stream=buf).sort_stats(order).print_stats(35)
            print(f"\n--- {what} export into {kind}, by {order} ---\n{buf.getvalue()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--targets", default="sqlite,postgresql,mariadb")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the workspace in this folder and keep it")
    ap.add_argument("--no-render", action="store_true", help="skip the rendering measures")
    ap.add_argument("--profile", action="store_true", help="cProfile each full export and print where it goes")
    ap.add_argument("--child", nargs=2, metavar=("WORKSPACE", "TARGET"), help=argparse.SUPPRESS)
    ap.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.profile_to)
        return 0
    kinds = [k.strip() for k in args.targets.split(",") if k.strip()]
    for k in kinds:
        if k not in ("sqlite", *SERVERS):
            ap.error(f"unknown target {k!r}")
    tmp = Path(tempfile.mkdtemp(prefix="vss-bench-export-"))
    os.environ["VSS_EXPORT_TARGETS"] = str(tmp / "cfg" / "export-targets.toml")
    for var in list(os.environ):
        if var.startswith("VSS_EXPORT_PASSWORD_"):
            del os.environ[var]
    root = (args.keep or tmp) / f"export-{args.items}"
    try:
        t = time.perf_counter()
        if not (root / "workspace.db").exists():
            if root.exists():
                shutil.rmtree(root)
            build(root, args.items)
        print(f"workspace with {args.items:,} approved items ready in {time.perf_counter() - t:.1f} s "
              f"({root}, {_size(root)})", flush=True)  # fmt: skip
        rows: list[tuple[str, str, str, str]] = []
        if not args.no_render:
            rows += render_rows(root, tmp, args.items)
        profiles = []
        for kind in kinds:
            t = time.perf_counter()
            got, prof = target_rows(kind, root, tmp, args.profile)
            rows += got
            print(f"{kind}: done in {time.perf_counter() - t:.0f} s", flush=True)
            if prof:
                profiles.append((kind, prof))
        print()
        report.print_table(rows)
        print(f"\n{report.machine(f'SQLite {sqlite3.sqlite_version}')}; {args.items:,} items")
        for kind, prof in profiles:
            print_profile(prof, kind)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
