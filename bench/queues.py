"""Paged queue queries (console.services.pages) over a SQLite workspace of 100k submitted items.

    .venv/bin/python bench/queues.py [--items 100000] [--runs 15] [--keep DIR]

BENCHMARK FIXTURE, NOT APP CODE: the items and revisions are bulk-inserted with SQLAlchemy Core straight
into ``item`` and ``revision`` (no services, no audit, no decisions) so that 100k rows take seconds. Users,
portals, categories and units come from the normal workspace creation. Every item sits in the inbox
(state ``submitted``), the worst case for one queue; 20 % have no due date.

Each query runs ``--runs`` times after one warm-up run; the table shows the median and the best, as seen
by a caller of the service (session, SQL, row building and due-date marks included). Goal from issue 5:
a search over 100k titles ≤ 50 ms (the other figures feed the virtualised list's budgets: a cursor key
≤ 10 ms, a jump to the end ≤ 20 ms).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, update

from console.permissions import Actor
from console.services import pages, people
from console.services.pages import QueueFilter
from console.text import fold
from console.workspace import Workspace, init_workspace
from models import Category, Item, Revision, Unit, User

PASSWORD = "password1"
_WORDS = (
    "bảo hiểm xã hội y tế thất nghiệp lương hưu điều chỉnh trợ cấp hướng dẫn thực hiện chế độ thai sản ốm đau "
    "nghị định thông tư quyết định công văn đề án số hoá hồ sơ thu chi giám định khám chữa bệnh người lao động "
    "doanh nghiệp tỉnh thành phố năm quý tháng kế hoạch báo cáo tổng kết triển khai đối thoại chính sách mới"
)
WORDS = tuple(_WORDS.split())
SENTENCES = ("Về việc", "Hướng dẫn", "Thông báo", "Kế hoạch", "Đề án", "Quyết định", "Tin tức")


def _title(rng: random.Random) -> str:
    return f"{rng.choice(SENTENCES)} {' '.join(rng.choice(WORDS) for _ in range(rng.randint(5, 12)))}"


def build(target: Path, n: int, seed: int = 7) -> Workspace:
    ws = init_workspace(target)
    people.add_user(ws, None, "admin", "Phạm Quản Trị", PASSWORD, [("TTCNTT", "admin")])
    from console.services import auth

    admin = auth.login(ws, "admin", PASSWORD)
    people.add_user(ws, admin, "minh", "Trần Văn Minh", PASSWORD, [("TTTT", "editor")])
    people.add_user(ws, admin, "lan", "Nguyễn Thị Lan", PASSWORD, [("VP", "contributor")])
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with ws.db.read() as s:
        lan = s.scalar(select(User.id).where(User.username == "lan"))
        minh = s.scalar(select(User.id).where(User.username == "minh"))
        units = list(s.scalars(select(Unit.id).where(Unit.active)))
        cats = {c.key: (c.id, c.portal_id) for c in s.scalars(select(Category))}
    kinds = [("legal_document", "vi.3.1"), ("legal_document", "vi.3.2"), ("news_event", "vi.2"),
             ("news_event", "en.2.1")]
    item_rows: list[dict[str, Any]] = []
    rev_rows: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        ct, key = rng.choice(kinds)
        cat_id, portal_id = cats[key]
        title = _title(rng)
        summary = _title(rng)
        submitted = now - timedelta(minutes=rng.randint(0, 60 * 24 * 90))
        due = submitted + timedelta(days=rng.randint(-3, 30)) if rng.random() < 0.8 else None
        item_rows.append({
            "id": i, "portal_id": portal_id, "category_id": cat_id, "content_type": ct,
            "unit_id": rng.choice(units), "state": "submitted", "title": title,
            "search_text": fold(f"{title}\n{summary}"), "created_by_id": lan,
            "assignee_id": minh if rng.random() < 0.1 else None, "submitted_at": submitted, "due_at": due,
            "updated_at": submitted, "created_at": submitted, "version": 1,
        })
        rev_rows.append({
            "id": i, "item_id": i, "number": 1, "title": title, "summary": summary, "body_md": "Nội dung.",
            "meta": {}, "author": "Nguyễn Thị Lan", "source": "Văn phòng", "language": "vi",
            "content_hash": f"{i:064x}", "created_by_id": lan, "created_at": submitted,
        })
    with ws.db.engine.begin() as c:
        c.execute(insert(Item.__table__), item_rows)
        c.execute(insert(Revision.__table__), rev_rows)
        c.execute(update(Item.__table__).values(current_revision_id=Item.__table__.c.id))
        c.exec_driver_sql("ANALYZE")
    return ws


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), result


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
        if args.keep and (target / "workspace.db").exists():
            from console.workspace import open_workspace

            ws = open_workspace(target)
        else:
            ws = build(target, args.items)
        print(f"workspace with {args.items} items ready in {time.perf_counter() - t:.1f} s ({target})")
        with ws.db.read() as s:
            user = s.execute(select(User).where(User.username == "minh")).scalar_one()
            actor = Actor.of(user)
            lan = Actor.of(s.execute(select(User).where(User.username == "lan")).scalar_one())
        none = QueueFilter()
        first = pages.page(ws, actor, "inbox", none, "due")
        total = pages.count(ws, actor, "inbox", none)
        mid = pages.page(ws, actor, "inbox", none, "due", offset=total // 2).rows[0].id
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("count (inbox, 100k)", lambda: pages.count(ws, actor, "inbox", none)),
            ("first page, sort due", lambda: pages.page(ws, actor, "inbox", none, "due")),
            ("next page by keyset, due", lambda: pages.page(ws, actor, "inbox", none, "due", after=first.next_keyset)),
            ("offset jump to the last page, due",
             lambda: pages.page(ws, actor, "inbox", none, "due", offset=total - 100)),
            ("offset jump to the middle, due",
             lambda: pages.page(ws, actor, "inbox", none, "due", offset=total // 2)),
        ]
        for sort in ("received", "unit", "title"):
            p0 = pages.page(ws, actor, "inbox", none, sort)  # type: ignore[arg-type]
            cases.append((f"first page, sort {sort}", lambda s_=sort: pages.page(ws, actor, "inbox", none, s_)))
            cases.append((f"next page by keyset, {sort}",
                          lambda s_=sort, k=p0.next_keyset: pages.page(ws, actor, "inbox", none, s_, after=k)))
        for text in ("dieu chinh luong huu", "giam dinh", "xyzzy"):
            flt = QueueFilter(text=text)
            cases.append((f"search «{text}»: count", lambda f=flt: pages.count(ws, actor, "inbox", f)))
            cases.append((f"search «{text}»: first page", lambda f=flt: pages.page(ws, actor, "inbox", f, "due")))
        cases += [
            ("filter unit VP + legal: count",
             lambda: pages.count(ws, actor, "inbox", QueueFilter(unit="VP", content_type="legal_document"))),
            ("filter category vi.3: first page",
             lambda: pages.page(ws, actor, "inbox", QueueFilter(category_key="vi.3"), "due")),
            ("contributor (VP only): count", lambda: pages.count(ws, lan, "inbox", none)),
            ("contributor (VP only): first page", lambda: pages.page(ws, lan, "inbox", none, "due")),
            ("index_of (middle item), due", lambda: pages.index_of(ws, actor, "inbox", none, "due", mid)),
        ]
        print(f"\n{'query':<44} {'median ms':>10} {'best ms':>9}  result")
        print("-" * 80)
        for name, fn in cases:
            med, best, result = timed(fn, args.runs)
            shown = f"{len(result.rows)} rows" if isinstance(result, pages.Page) else str(result)
            print(f"{name:<44} {med:>10.1f} {best:>9.1f}  {shown}")
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
