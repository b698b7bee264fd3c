"""The real queue screen over a workspace of 100k items, against Textual's DataTable loading the same rows, same run.

    .venv/bin/python bench/queue_screen.py [--items 100000] [--keys 30] [--keep DIR] [--rss-items 1000000]

The workspace is built by bench/queues.py's fixture (Core bulk inserts; every item waits in the inbox, the worst
case for one queue). Headless at 130×38, logged in as the editor who may act on every item:

- open: wall time from pushing QueueScreen until its first rows are painted and the app is idle (no worker
  running). The baseline, in the same run, is a DataTable given the same queue the way a plain screen would do it:
  every row from one ``pages.page(limit=N)`` call, then ``add_rows``. Goal (issue 5): ≤ 0.15 s and ≥ 80× faster.
- key: CPU time (``time.process_time``: every thread of the process) of one ``j``, median of --keys presses,
  including the page fetches when the cursor crosses a page. Goal ≤ 10 ms.
- end: CPU time of ``G`` until the last row is painted (the tail is read backwards, no OFFSET). Goal ≤ 20 ms.
- find: wall time of ``/`` + words + Enter until the cursor is on the next match (``pages.find``). Goal ≤ 50 ms.
- RSS: peak resident memory of a fresh process that opens the inbox of a --rss-items workspace (1M by default),
  next to the same process's peak just before it opens the screen. Goal ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # bench/report.py: the shared table and machine line
from common import peak_mb  # bench/common.py: a process's peak memory
from item_list import idle, until  # bench/item_list.py: waiting for the app to be idle, the same way
from queues import PASSWORD, build  # bench/queues.py: the 100k-item workspace fixture
from textual.app import App
from textual.widgets import DataTable

from console.services import auth, due, pages
from console.workspace import Workspace, open_workspace
from screens.queue import QueueScreen, columns
from screens.widgets.item_list import ItemList

SIZE = (130, 38)
GOALS = {"open": 0.15, "key": 0.010, "end": 0.020, "find": 0.050, "rss": 150.0}
FIND = "dieu chinh luong huu"


class Host(App[None]):
    """Just enough of the console's App for QueueScreen: the open workspace and an error sink."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.workspace = ws

    def show_error(self, error: BaseException) -> None:
        raise error


def painted(items: ItemList) -> bool:
    return items.row_count > 0 and items.cursor_row is not None and not items.fetching


async def measure_screen(ws: Workspace, keys: int) -> dict[str, float]:
    actor = auth.login(ws, "minh", PASSWORD)
    due.prepare(ws)  # as the App does while the password is typed (the calendar's first build imports holidays)
    app = Host(ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        screen = QueueScreen(actor, "inbox")
        await app.push_screen(screen)
        items = screen.query_one(ItemList)
        await until(pilot, lambda: painted(items))
        opened = time.perf_counter() - started

        costs = []
        for _ in range(keys):
            before = time.process_time()
            await pilot.press("j")
            await until(pilot, lambda: painted(items))
            costs.append(time.process_time() - before)

        before = time.process_time()
        await pilot.press("G")
        await until(pilot, lambda: painted(items) and items.cursor_index == items.row_count - 1)
        end = time.process_time() - before

        await pilot.press("g")
        await until(pilot, lambda: painted(items))
        await pilot.press("slash", *FIND)
        start_row = items.cursor_index
        started = time.perf_counter()
        await pilot.press("enter")
        await until(pilot, lambda: painted(items) and not screen.query_one("#find-bar").display)
        found = time.perf_counter() - started
        if items.cursor_index == start_row and FIND not in items.cursor_row.title.lower():
            raise AssertionError("find did not move the cursor")
        return {"open": opened, "key": statistics.median(costs), "end": end, "find": found, "rows": items.row_count}


async def measure_floor() -> float:
    """The harness's own cost: a screen with a header, one line of text and the footer, pushed and idle."""
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Bare(Screen[None]):
        def compose(self) -> Any:
            yield Header()
            yield Static("x")
            yield Footer()

    app = Host(None)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await app.push_screen(Bare())
        await idle(pilot)
        return time.perf_counter() - started


async def measure_datatable(ws: Workspace) -> dict[str, float]:
    actor = auth.login(ws, "minh", PASSWORD)
    due.prepare(ws)
    app = Host(ws)
    cols = columns()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        total = pages.count(ws, actor, "inbox")
        rows = pages.page(ws, actor, "inbox", limit=max(1, total)).rows
        table: DataTable[Any] = DataTable()
        await app.mount(table)
        table.add_columns(*(c.title for c in cols))
        table.add_rows([[c.getter(r) for c in cols] for r in rows])
        await idle(pilot)
        return {"open": time.perf_counter() - started, "rows": table.row_count}


def rss_child(root: Path) -> None:
    """Open the inbox of the workspace at ``root`` and print the peak RSS before and after (a fresh process)."""
    ws = open_workspace(root)
    actor = auth.login(ws, "minh", PASSWORD)
    due.prepare(ws)

    async def run() -> dict[str, float]:
        app = Host(ws)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            before = peak_mb()
            screen = QueueScreen(actor, "inbox")
            await app.push_screen(screen)
            items = screen.query_one(ItemList)
            await until(pilot, lambda: painted(items))
            await pilot.press("G")
            await until(pilot, lambda: painted(items) and items.cursor_index == items.row_count - 1)
            return {"before": before, "after": peak_mb(), "rows": items.row_count}

    print(json.dumps(asyncio.run(run())))


def workspace(keep: Path | None, n: int, tmp: Path, name: str) -> Path:
    root = keep / name if keep else tmp / name
    if not (root / "workspace.db").exists():
        print(f"building a workspace of {n:,} items in {root} …", file=sys.stderr)
        build(root, n).close()
    return root


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--keys", type=int, default=30)
    ap.add_argument("--rss-items", type=int, default=1_000_000, help="0 skips the memory measurement")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the workspaces in this folder")
    ap.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="vss-bench-"))
    try:
        root = workspace(args.keep, args.items, tmp, f"queue-{args.items}")
        ws = open_workspace(root)
        try:
            floor = asyncio.run(measure_floor())
            table = asyncio.run(measure_datatable(ws))
            ours = asyncio.run(measure_screen(ws, args.keys))
        finally:
            ws.close()
        rss: dict[str, float] | None = None
        if args.rss_items:
            big = workspace(args.keep, args.rss_items, tmp, f"queue-{args.rss_items}")
            out = subprocess.run([sys.executable, __file__, "--rss-child", str(big)], capture_output=True,
                                 text=True, check=True)
            rss = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    def mark(value: float, goal: float) -> str:
        return "✔" if value <= goal else "✘"

    speedup = table["open"] / ours["open"]
    rows = [
        (f"(a) open the inbox of {int(ours['rows']):,} items, headless {SIZE[0]}×{SIZE[1]}", "", "", ""),
        ("a bare screen (header, one line, footer): the harness's floor", f"{floor:.3f} s", "", ""),
        ("DataTable, every row from one page() call (baseline)", f"{table['open']:.3f} s", "1.00×", ""),
        ("QueueScreen (ItemList over keyset pages)", f"{ours['open']:.3f} s", report.ratio(ours["open"], table["open"]),
         f"≤ {GOALS['open']} s {mark(ours['open'], GOALS['open'])}; ≥ 80× faster "
         f"{'✔' if speedup >= 80 else '✘'} ({speedup:.0f}×)"),
        ("(b) CPU time per key, all threads", "", "", ""),
        (f"j (median of {args.keys})", f"{ours['key'] * 1000:.1f} ms", "",
         f"≤ {GOALS['key'] * 1000:g} ms {mark(ours['key'], GOALS['key'])}"),
        ("G, to the last row (read backwards from the end), painted", f"{ours['end'] * 1000:.1f} ms", "",
         f"≤ {GOALS['end'] * 1000:g} ms {mark(ours['end'], GOALS['end'])}"),
        (f"/ {FIND} ⏎, until the cursor is on the match", f"{ours['find'] * 1000:.1f} ms", "",
         f"≤ {GOALS['find'] * 1000:g} ms {mark(ours['find'], GOALS['find'])}"),
    ]
    if rss is not None:
        rows += [
            (f"(c) peak RSS, a fresh process, inbox of {int(rss['rows']):,} items", "", "", ""),
            ("logged in, before the queue opens (baseline)", f"{rss['before']:.0f} MB", "1.00×", ""),
            ("queue open, after G", f"{rss['after']:.0f} MB", report.ratio(rss["after"], rss["before"]),
             f"≤ {GOALS['rss']:g} MB {mark(rss['after'], GOALS['rss'])}"),
        ]
    report.print_table(rows)
    print(f"\n{report.machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
