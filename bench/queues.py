"""Paged queue queries (console.services.pages) over a SQLite workspace of 100k submitted items.

    .venv/bin/python bench/queues.py [--items 100000] [--runs 15] [--keep DIR]
    .venv/bin/python bench/queues.py --items 1000000 --keep /tmp/ws-1m    # builds once, then reuses it

BENCHMARK FIXTURE, NOT APP CODE: the items and revisions are bulk-inserted with SQLAlchemy Core straight into
``item`` and ``revision`` (no services, no audit, no decisions), in chunks, so that 100k rows take seconds and 1M
about a minute. The fixture computes what the services would store (folded search text, the title's collation
key) and the FTS5 triggers of migration 0004 index the rows as they go in. Users, portals, categories and units
come from the normal workspace creation. Every item sits in the inbox (state ``submitted``), the worst case for
one queue; 20 % have no due date, and due dates fall at the end of a working day as the deadline rules set them,
so many items share one (the sorts must order those ties). Five items carry a rare phrase. No ANALYZE is run: a
workspace has no planner statistics either.

Each query runs ``--runs`` times after one warm-up run; the table shows the median, as seen by a caller of the
service (session, SQL, row building and due-date marks included), its ratio to the baseline measured in the same
run (a bare ``SELECT id FROM item ORDER BY id LIMIT 100`` through the sqlite3 module), and the goal of issue 5
where one applies: a cursor key ≤ 10 ms (a page fetched when the cursor crosses into it), a jump to the end
≤ 20 ms, a search over the titles ≤ 50 ms (its count and first page together, as the list asks for both).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # bench/report.py (this folder): the shared table and machine line
from sqlalchemy import insert, select, update

from console.collation import title_key
from console.permissions import Actor
from console.services import pages, people
from console.services.pages import QueueFilter
from console.text import fold
from console.workspace import Workspace, init_workspace, open_workspace
from models import Category, Item, Revision, Unit, User

PASSWORD = "password1"
_WORDS = (
    "bảo hiểm xã hội y tế thất nghiệp lương hưu điều chỉnh trợ cấp hướng dẫn thực hiện chế độ thai sản ốm đau "
    "nghị định thông tư quyết định công văn đề án số hoá hồ sơ thu chi giám định khám chữa bệnh người lao động "
    "doanh nghiệp tỉnh thành phố năm quý tháng kế hoạch báo cáo tổng kết triển khai đối thoại chính sách mới"
)
WORDS = tuple(_WORDS.split())
SENTENCES = ("Về việc", "Hướng dẫn", "Thông báo", "Kế hoạch", "Đề án", "Quyết định", "Tin tức")
RARE = "Hội nghị trực tuyến với Điện Biên"  # in five items only: none of its last words is in WORDS
CHUNK = 50_000
CURSOR_MS, JUMP_MS, SEARCH_MS = 10.0, 20.0, 50.0


def _title(rng: random.Random) -> str:
    return f"{rng.choice(SENTENCES)} {' '.join(rng.choice(WORDS) for _ in range(rng.randint(5, 12)))}"


def _rows(n: int, seed: int, refs: dict[str, Any]) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Items and their first revisions, CHUNK at a time."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rare = set(rng.sample(range(1, n + 1), 5))
    kinds = [("legal_document", "vi.3.1"), ("legal_document", "vi.3.2"), ("news_event", "vi.2"),
             ("news_event", "en.2.1")]
    items: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        ct, key = rng.choice(kinds)
        cat_id, portal_id = refs["cats"][key]
        title = RARE if i in rare else _title(rng)
        summary = _title(rng)
        submitted = now - timedelta(minutes=rng.randint(0, 60 * 24 * 90))
        due = None
        if rng.random() < 0.8:  # 17:00 in Hanoi on the due day
            day = (submitted + timedelta(days=rng.randint(-3, 30))).date()
            due = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        items.append({
            "id": i, "portal_id": portal_id, "category_id": cat_id, "content_type": ct,
            "unit_id": rng.choice(refs["units"]), "state": "submitted", "title": title,
            "search_text": fold(f"{title}\n{summary}"), "title_key": title_key(title), "created_by_id": refs["lan"],
            "assignee_id": refs["minh"] if rng.random() < 0.1 else None,
            "submitted_at": submitted, "due_at": due, "updated_at": submitted, "created_at": submitted, "version": 1,
        })
        revisions.append({
            "id": i, "item_id": i, "number": 1, "title": title, "summary": summary, "body_md": "Nội dung.",
            "meta": {}, "author": "Nguyễn Thị Lan", "source": "Văn phòng", "language": "vi",
            "content_hash": f"{i:064x}", "created_by_id": refs["lan"], "created_at": submitted,
        })
        if len(items) == CHUNK or i == n:
            yield items, revisions
            items, revisions = [], []


def build(target: Path, n: int, seed: int = 7) -> Workspace:
    ws = init_workspace(target)
    people.add_user(ws, None, "admin", "Phạm Quản Trị", PASSWORD, [("TTCNTT", "admin")])
    from console.services import auth

    admin = auth.login(ws, "admin", PASSWORD)
    people.add_user(ws, admin, "minh", "Trần Văn Minh", PASSWORD, [("TTTT", "editor")])
    people.add_user(ws, admin, "lan", "Nguyễn Thị Lan", PASSWORD, [("VP", "contributor")])
    with ws.db.read() as s:
        refs = {
            "lan": s.scalar(select(User.id).where(User.username == "lan")),
            "minh": s.scalar(select(User.id).where(User.username == "minh")),
            "units": list(s.scalars(select(Unit.id).where(Unit.active))),
            "cats": {c.key: (c.id, c.portal_id) for c in s.scalars(select(Category))},
        }
    with ws.db.engine.connect() as c:
        # A bulk load touches every page of five indexes and the FTS table at random: with SQLite's default
        # 2 MB page cache it would reread them from the WAL for each row (minutes, mostly system time).
        c.exec_driver_sql("PRAGMA cache_size = -1000000")
        c.commit()
        item = Item.__table__
        for items, revisions in _rows(n, seed, refs):
            c.execute(insert(item), items)  # without their revision, which needs the item first
            c.execute(insert(Revision.__table__), revisions)
            c.execute(update(item).where(item.c.id.between(items[0]["id"], items[-1]["id"]))
                      .values(current_revision_id=item.c.id))
        c.commit()
        c.exec_driver_sql("PRAGMA cache_size = -2000")
        c.commit()
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return ws


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def _size(root: Path) -> str:
    total = sum(p.stat().st_size for p in root.glob("workspace.db*"))
    return f"{total / 1e6:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the workspace in this folder and keep it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="vss-bench-queues-"))
    target = args.keep or tmp / "ws"
    try:
        t = time.perf_counter()
        ws = open_workspace(target) if args.keep and (target / "workspace.db").exists() else build(target, args.items)
        with ws.db.read() as s:
            n = s.scalar(select(Item.id).order_by(Item.id.desc()).limit(1)) or 0
        print(f"workspace with {n:,} items ready in {time.perf_counter() - t:.1f} s ({target}, {_size(target)})")
        rows = run(ws, target, args.runs, n)
        ws.close()
        report.print_table(rows)
        print(f"\n{report.machine(f'SQLite {sqlite3.sqlite_version}')}; {n:,} items; median of {args.runs} runs")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(ws: Workspace, target: Path, runs: int, n: int) -> list[tuple[str, str, str, str]]:
    with ws.db.read() as s:
        actor = Actor.of(s.execute(select(User).where(User.username == "minh")).scalar_one())
        lan = Actor.of(s.execute(select(User).where(User.username == "lan")).scalar_one())
    raw = sqlite3.connect(target / "workspace.db")
    base, _ = timed(lambda: raw.execute("SELECT id FROM item ORDER BY id LIMIT 100").fetchall(), runs)
    none = QueueFilter()
    total = pages.count(ws, actor, "inbox", none)
    out: list[tuple[str, str, str, str]] = [
        (f"baseline: sqlite3, SELECT id FROM item ORDER BY id LIMIT 100 ({n:,} rows)", f"{base:.3f} ms", "1.00×", ""),
    ]

    def row(label: str, fn: Callable[[], Any], goal: float | None = None) -> float:
        ms, result = timed(fn, runs)
        shown = f"{len(result.rows)} rows" if isinstance(result, pages.Page) else f"= {result}"
        mark = f"≤ {goal:g} ms {'✔' if ms <= goal else '✘'}" if goal else ""
        out.append((f"{label} ({shown})", f"{ms:.2f} ms", report.ratio(ms, base), mark))
        return ms

    def section(title: str) -> None:
        out.append((title, "", "", ""))

    section("(a) the inbox, sorted by due date, 100 rows a page")
    first = pages.page(ws, actor, "inbox", none, "due")
    second = pages.page(ws, actor, "inbox", none, "due", after=first.next_keyset)
    middle = pages.page(ws, actor, "inbox", none, "due", offset=total // 2)
    row("count", lambda: pages.count(ws, actor, "inbox", none))
    row("counts (count and actionable)", lambda: pages.counts(ws, actor, "inbox", none))
    row("first page", lambda: pages.page(ws, actor, "inbox", none, "due"), CURSOR_MS)
    row("next page by keyset", lambda: pages.page(ws, actor, "inbox", none, "due", after=first.next_keyset),
        CURSOR_MS)
    row("next page by keyset, from the middle",
        lambda: pages.page(ws, actor, "inbox", none, "due", after=middle.next_keyset), CURSOR_MS)
    row("previous page by keyset", lambda: pages.page(ws, actor, "inbox", none, "due", before=second.prev_keyset),
        CURSOR_MS)
    row("jump to the end: last page, keyset read backwards",
        lambda: pages.page(ws, actor, "inbox", none, "due", last=True), JUMP_MS)
    row("jump to the end: OFFSET count - 100", lambda: pages.page(ws, actor, "inbox", none, "due", offset=total - 100),
        JUMP_MS)
    row("jump to the middle: OFFSET count / 2",
        lambda: pages.page(ws, actor, "inbox", none, "due", offset=total // 2), JUMP_MS)
    mid_id, last_id = middle.rows[0].id, pages.page(ws, actor, "inbox", none, "due", last=True).rows[-1].id
    row("index_of the middle item", lambda: pages.index_of(ws, actor, "inbox", none, "due", mid_id))
    row("index_of the last item", lambda: pages.index_of(ws, actor, "inbox", none, "due", last_id))

    section("(b) the other sorts")
    for sort in ("received", "unit", "title"):
        p0 = pages.page(ws, actor, "inbox", none, sort)  # type: ignore[arg-type]
        row(f"{sort}: first page", lambda s_=sort: pages.page(ws, actor, "inbox", none, s_), CURSOR_MS)
        row(f"{sort}: next page by keyset",
            lambda s_=sort, k=p0.next_keyset: pages.page(ws, actor, "inbox", none, s_, after=k), CURSOR_MS)
        row(f"{sort}: last page", lambda s_=sort: pages.page(ws, actor, "inbox", none, s_, last=True), JUMP_MS)

    section("(c) search (diacritics ignored, words by their beginning)")
    for text, what in (("bao hiem", "common words"), ("dieu chinh luong huu", "a frequent phrase"),
                       ("hoi nghi truc tuyen dien bien", "a rare phrase (5 items)"), ("xyzzy", "no match"),
                       ("luong hu", "a prefix as typed")):
        flt = QueueFilter(text=text)
        c = row(f"«{text}», {what}: count", lambda f=flt: pages.count(ws, actor, "inbox", f))
        p = row(f"«{text}»: first page", lambda f=flt: pages.page(ws, actor, "inbox", f, "due"))
        mark = f"≤ {SEARCH_MS:g} ms {'✔' if c + p <= SEARCH_MS else '✘'}"
        out.append((f"«{text}»: count + first page", f"{c + p:.2f} ms", report.ratio(c + p, base), mark))
    flt = QueueFilter(text="bao hiem")
    c = row("«bao hiem»: counts (count and actionable, as the queue screen asks)",
            lambda: pages.counts(ws, actor, "inbox", flt))
    p = timed(lambda: pages.page(ws, actor, "inbox", flt, "due"), runs)[0]
    mark = f"≤ {SEARCH_MS:g} ms {'✔' if c + p <= SEARCH_MS else '✘'}"
    out.append(("«bao hiem»: counts + first page", f"{c + p:.2f} ms", report.ratio(c + p, base), mark))
    row("find «bao hiem» from the middle item (n key)",
        lambda: pages.find(ws, actor, "inbox", none, "due", "bao hiem", mid_id), SEARCH_MS)

    section("(d) filters and other queues")
    row("filter unit VP + legal documents: count",
        lambda: pages.count(ws, actor, "inbox", QueueFilter(unit="VP", content_type="legal_document")))
    row("filter unit VP + legal documents: first page",
        lambda: pages.page(ws, actor, "inbox", QueueFilter(unit="VP", content_type="legal_document")), CURSOR_MS)
    row("filter category vi.3: first page",
        lambda: pages.page(ws, actor, "inbox", QueueFilter(category_key="vi.3"), "due"), CURSOR_MS)
    row("contributor (VP only): first page", lambda: pages.page(ws, lan, "inbox", none, "due"), CURSOR_MS)
    row("overdue (5 states): count", lambda: pages.count(ws, actor, "overdue", none))
    row("overdue (5 states): first page", lambda: pages.page(ws, actor, "overdue", none, "due"), CURSOR_MS)
    raw.close()
    return out


if __name__ == "__main__":
    main()
