"""ItemList against Textual's DataTable over the same 100k rows, in the same run.

    .venv/bin/python bench/item_list.py [--rows 100000] [--keys 30]

Both read from one in-memory SQLite table: ItemList in pages (LIMIT/OFFSET in its thread worker), DataTable the way it
must (fetch every row, `add_rows`). Measured headless at 100×30:
- paint: wall time from mounting the widget until it first draws a real row (a render_line hook).
- open: wall time from mounting the widget until its first rows are painted and the app is idle (no worker running,
  no message pending), as Pilot sees it; a bare Static through the same harness gives the floor.
  Goal (issue 5): ItemList ≤ 0.15 s and ≥ 80× faster than DataTable.
- key: CPU time (process_time, all threads) of one cursor-down key, median over --keys presses. Goal ≤ 10 ms.
- end: CPU time of a jump to the last row until it is painted. Goal ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static

from screens.widgets import Column, ItemList

SIZE = (100, 30)
HEADERS = ("Mã", "Tiêu đề", "Đơn vị", "Hạn")


def build(rows: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("create table item (id integer primary key, title text, unit text, due text)")
    conn.executemany(
        "insert into item values (?, ?, ?, ?)",
        ((i, f"Bài viết số {i} về kinh tế", f"Ban {i % 17}", f"2026-12-{i % 28 + 1:02d}") for i in range(rows)),
    )
    return conn


class SqlSource:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def count(self) -> int:
        with self.lock:
            return int(self.conn.execute("select count(*) from item").fetchone()[0])

    def page(self, offset: int, limit: int) -> Sequence[Any]:
        with self.lock:
            return self.conn.execute("select * from item order by id limit ? offset ?", (limit, offset)).fetchall()


COLUMNS = [
    Column("Mã", 7, lambda r: str(r[0])),
    Column("Tiêu đề", "1fr", lambda r: r[1]),
    Column("Đơn vị", 8, lambda r: r[2]),
    Column("Hạn", 10, lambda r: r[3]),
]


class Bench(App[None]):
    pass


class TimedItemList(ItemList):
    """Notes when a real row (not a placeholder) is first drawn."""

    painted: float | None = None

    def render_line(self, y: int) -> Any:
        if self.painted is None and y == 1 and self.row_at(round(self.scroll_y)) is not None:
            self.painted = time.perf_counter()
        return super().render_line(y)


class TimedDataTable(DataTable[Any]):
    painted: float | None = None

    def render_line(self, y: int) -> Any:
        if self.painted is None and y >= 1 and self.row_count:
            self.painted = time.perf_counter()
        return super().render_line(y)


async def idle(pilot: Pilot[None]) -> None:
    app = pilot.app
    while True:
        await pilot.pause()
        running = [w for w in app.workers if not w.is_finished]
        if not running:
            await pilot.pause()
            return
        await app.workers.wait_for_complete(running)


async def until(pilot: Pilot[None], done: Any) -> None:
    while not done():
        await pilot.pause()
        await idle(pilot)


async def measure(kind: str, conn: sqlite3.Connection, keys: int) -> dict[str, float]:
    app = Bench()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        widget: Widget
        if kind == "Static":
            await app.mount(Static("x"))
            await idle(pilot)
            return {"open": time.perf_counter() - started, "paint": 0.0, "key": 0.0, "end": 0.0}
        if kind == "ItemList":
            items = TimedItemList(SqlSource(conn), COLUMNS, key=lambda r: r[0])
            widget = items
            await app.mount(items)
            items.focus()
            await until(pilot, lambda: items.cursor_row is not None and not items.fetching)
        else:
            table = TimedDataTable()
            widget = table
            await app.mount(table)
            table.focus()
            table.add_columns(*HEADERS)
            table.add_rows(conn.execute("select * from item order by id").fetchall())
            await idle(pilot)
        opened = time.perf_counter() - started
        painted = (widget.painted or started) - started  # type: ignore[attr-defined]

        costs = []
        for _ in range(keys):
            cpu = time.process_time()
            await pilot.press("down")
            await idle(pilot)
            costs.append(time.process_time() - cpu)

        cpu = time.process_time()
        if isinstance(widget, ItemList):
            await pilot.press("G")
            await until(pilot, lambda: widget.cursor_row is not None and not widget.fetching)
        else:
            await pilot.press("ctrl+end")
            await idle(pilot)
        end = time.process_time() - cpu
    return {"open": opened, "paint": painted, "key": statistics.median(costs), "end": end}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keys", type=int, default=30)
    args = parser.parse_args()
    conn = build(args.rows)
    results = {kind: asyncio.run(measure(kind, conn, args.keys)) for kind in ("Static", "ItemList", "DataTable")}
    ours, theirs = results["ItemList"], results["DataTable"]
    print(f"{args.rows:,} rows, terminal {SIZE[0]}×{SIZE[1]}, Python {sys.version.split()[0]}")
    print(f"{'measure':<34}{'ItemList':>12}{'DataTable':>12}{'ratio':>10}  goal")
    rows = [
        ("first rows painted (s)", "paint", ""),
        ("open: first rows painted, idle (s)", "open", "ItemList ≤ 0.15 s, ≥ 80×"),
        ("cursor key, CPU (ms)", "key", "ItemList ≤ 10 ms"),
        ("jump to the end, CPU (ms)", "end", "ItemList ≤ 20 ms"),
    ]
    for label, name, goal in rows:
        scale = 1.0 if name in ("open", "paint") else 1000.0
        a, b = ours[name] * scale, theirs[name] * scale
        ratio = b / a if a else float("inf")
        fmt = ".3f" if name in ("open", "paint") else ".2f"
        print(f"{label:<34}{a:>12{fmt}}{b:>12{fmt}}{ratio:>9.1f}×  {goal}")
    floor = results["Static"]["open"]
    net = (theirs["open"] - floor) / max(ours["open"] - floor, 1e-9)
    print(f"harness floor (mount a Static, wait idle): {floor:.3f} s; open ratio net of the floor: {net:.0f}×")


if __name__ == "__main__":
    main()
