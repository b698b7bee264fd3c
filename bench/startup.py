"""Start-up and write-path budgets, measured against bare baselines in the same run.

    .venv/bin/python bench/startup.py [--runs 9] [--approvals 200]

(a) Process start → first frame, and → an interactive dashboard (logged in, counts painted), for
    VssApp against a bare Textual app with one Label. Each run is a fresh headless subprocess; the
    clock runs from just before the subprocess is spawned until it writes READY on its stdout.
    Goal: VssApp ≤ 1.5× the bare app. The dashboard case logs in the instant the form is up (the
    worst case: nothing overlaps the workspace opening); a last row times what a person waits
    after pressing Enter once the workspace is open (measured inside the process).
(b) One approval through ``console.services.items.decide`` against raw ``sqlite3`` doing the same
    writes (item state+version, a decision row, an audit event, the audit head) in one transaction,
    on a copy of the same WAL workspace. Goal: the service ≤ 5× raw.

The workspace is built in a temporary folder through the services and removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import report  # bench/report.py (this folder): the shared table and machine line

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "password1"
SIZE = (120, 40)
START_GOAL = 1.5
WRITE_GOAL = 5.0


# ---------------------------------------------------------------------------- children




def _ready(note: str = "") -> None:
    os.write(1, f"READY {note}".strip().encode() + b"\n")


def run_child(mode: str, target: str) -> None:
    """One measured process: ``bare``, ``frame`` (VssApp's login form), ``dashboard`` or ``login``."""
    if mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Label

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("Hello")

            def on_ready(self) -> None:
                self.call_after_refresh(self.done)

            def done(self) -> None:
                _ready()
                self.exit()

        Bare().run(headless=True, size=SIZE)
        return

    from textual import on
    from textual.pilot import Pilot
    from textual.widgets import Input

    from screens.app import VssApp
    from screens.login import LoginScreen
    from screens.messages import DashboardLoaded

    enter_pressed = 0.0

    class Timed(VssApp):
        def on_ready(self) -> None:
            if mode == "frame":
                self.call_after_refresh(self.done)

        @on(DashboardLoaded)
        def _painted(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            _ready(f"{time.perf_counter() - enter_pressed:.6f}" if mode == "login" else "")
            self.exit()

    async def log_in(pilot: Pilot) -> None:
        nonlocal enter_pressed
        if mode == "frame":
            return
        screen = pilot.app.screen
        while not isinstance(screen, LoginScreen) or not screen.is_mounted or (mode == "login" and not screen.where):
            await pilot.pause()
            screen = pilot.app.screen
        screen.query_one("#password", Input).value = PASSWORD
        enter_pressed = time.perf_counter()
        await pilot.press("enter")

    Timed(target, username="binh").run(headless=True, size=SIZE, auto_pilot=log_in)


def time_child(mode: str, target: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VSS_CONSOLE_")}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--target", str(target)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=120)
    ready, _, note = line.decode().strip().partition(" ")
    if ready != "READY":
        raise RuntimeError(f"{mode} child failed:\n{err.decode(errors='replace')}")
    return float(note) if note else elapsed


# ------------------------------------------------------------------------------- setup


def build_workspace(root: Path, approvals: int) -> list[int]:
    """Users and ``approvals`` items waiting for the Board; returns their ids."""
    from console.services import auth, items, people
    from console.workspace import init_workspace

    ws = init_workspace(root)
    try:
        people.add_user(ws, None, "admin", "Quản trị", "admin-pass-1", [("TTCNTT", "admin")])
        admin = auth.login(ws, "admin", "admin-pass-1")
        people.add_user(ws, admin, "lan", "Nguyễn Thị Lan", PASSWORD, [("VP", "contributor")])
        people.add_user(ws, admin, "binh", "Trần Văn Bình", PASSWORD, [("TTTT", "editor")])
        people.add_user(ws, admin, "cuong", "Lê Quốc Cường", PASSWORD, [("BBT", "board_member")])
        lan, binh = auth.login(ws, "lan", PASSWORD), auth.login(ws, "binh", PASSWORD)
        ids = []
        for n in range(approvals):
            portal = "en" if n % 5 == 0 else "vi"
            draft = items.Draft(
                portal=portal, category=f"{portal}.2", content_type="news_event", unit="VP", title=f"Tin số {n}"
            )
            ref = items.create(ws, lan, draft)
            items.decide(ws, binh, ref.id, "accept")
            items.decide(ws, binh, ref.id, "send_to_board")
            ids.append(ref.id)
        return ids
    finally:
        ws.close()


# ------------------------------------------------------------------------------ writes


def raw_connection(path: Path, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """A plain connection configured like the workspace engine's (WAL, FKs, busy timeout, NORMAL sync)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000", f"synchronous={synchronous}"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def raw_approve(conn: sqlite3.Connection, item_id: int, actor_id: int, actor_name: str) -> None:
    """The approval's writes by hand, in one transaction, keeping the audit chain valid."""
    from console.audit import canonical, event_hash

    now = datetime.now(UTC)
    stamp = now.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        state, version, revision = conn.execute(
            "SELECT state, version, current_revision_id FROM item WHERE id = ?", (item_id,)
        ).fetchone()
        updated = conn.execute(
            "UPDATE item SET state = 'approved', approved_revision_id = ?, version = ?, updated_at = ?"
            " WHERE id = ? AND version = ?",
            (revision, version + 1, stamp, item_id, version),
        )
        assert updated.rowcount == 1
        conn.execute(
            "INSERT INTO decision (item_id, revision_id, actor_id, on_behalf_of_id, action, from_state, to_state,"
            " reason, created_at) VALUES (?, ?, ?, NULL, 'approve', ?, 'approved', '', ?)",
            (item_id, revision, actor_id, state, stamp),
        )
        last_id, last_hash = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
        data = canonical({"from_state": state, "to_state": "approved", "reason": "", "revision": revision})
        event_id = last_id + 1
        digest = event_hash(last_hash, event_id, now, actor_id, actor_name, "item.approve", "item", str(item_id), data)
        conn.execute(
            "INSERT INTO audit_event (id, at, actor_id, actor_name, action, entity, entity_id, data, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, 'item.approve', 'item', ?, ?, ?, ?)",
            (event_id, stamp, actor_id, actor_name, str(item_id), data, last_hash, digest),
        )
        conn.execute("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1", (event_id, digest))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def time_writes(root: Path, ids: list[int]) -> dict[str, list[float]]:
    """Seconds per approval: the service, raw sqlite3 as the engine is configured (synchronous=NORMAL,
    so a WAL commit does not fsync), and raw with synchronous=FULL (an fsync per commit) for scale.
    The raw runs work on copies taken before any approval."""
    from console.services import auth, items
    from console.workspace import open_workspace

    copies = {sync: root.parent / f"raw-{sync.lower()}.db" for sync in ("NORMAL", "FULL")}
    for copy in copies.values():
        shutil.copyfile(root / "workspace.db", copy)
    ws = open_workspace(root)
    try:
        board = auth.login(ws, "cuong", PASSWORD)
        service = []
        for item_id in ids:
            start = time.perf_counter()
            items.decide(ws, board, item_id, "approve")
            service.append(time.perf_counter() - start)
    finally:
        ws.close()
    timings = {"service": service}
    for sync, copy in copies.items():
        conn = raw_connection(copy, sync)
        try:
            raw = []
            for item_id in ids:
                start = time.perf_counter()
                raw_approve(conn, item_id, board.user_id, board.username)
                raw.append(time.perf_counter() - start)
        finally:
            conn.close()
        timings[f"raw {sync}"] = raw
    return timings


# ------------------------------------------------------------------------------- report


def machine() -> str:
    import textual

    return report.machine(f"Textual {textual.__version__}", f"SQLite {sqlite3.sqlite_version}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per start-up case (median)")
    parser.add_argument("--approvals", type=int, default=200, help="approvals timed per write path (median)")
    parser.add_argument("--child", choices=("bare", "frame", "dashboard", "login"), help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.target)
        return 0

    with tempfile.TemporaryDirectory(prefix="vss-bench-") as tmp:
        root = Path(tmp) / "ws"
        ids = build_workspace(root, args.approvals)
        modes = ("bare", "frame", "dashboard", "login")
        for mode in modes:  # one warm-up each: file cache, .pyc files
            time_child(mode, root)
        runs: dict[str, list[float]] = {mode: [] for mode in modes}
        for _ in range(args.runs):  # interleaved, so drift hits every case alike
            for mode in modes:
                runs[mode].append(time_child(mode, root))
        writes = time_writes(root, ids)

    start = {mode: statistics.median(values) * 1000 for mode, values in runs.items()}
    write = {name: statistics.median(values) * 1000 for name, values in writes.items()}
    rows = [
        (f"(a) start-up, median of {args.runs} fresh processes", "", "", ""),
        ("bare Textual app, one Label: first frame", f"{start['bare']:.0f} ms", "1.00×", ""),
        ("VssApp: first frame (login form)", f"{start['frame']:.0f} ms", report.ratio(start["frame"], start["bare"]),
         f"≤ {START_GOAL}×"),
        ("VssApp: dashboard, logged in, counts painted", f"{start['dashboard']:.0f} ms",
         report.ratio(start["dashboard"], start["bare"]), f"≤ {START_GOAL}×"),
        ("VssApp: Enter → dashboard painted, workspace open", f"{start['login']:.0f} ms", "", ""),
        (f"(b) one approval, median of {args.approvals}", "", "", ""),
        ("raw sqlite3, same writes, one transaction", f"{write['raw NORMAL']:.2f} ms", "1.00×", ""),
        ("console.services.items.decide", f"{write['service']:.2f} ms",
         report.ratio(write["service"], write["raw NORMAL"]), f"≤ {WRITE_GOAL}×"),
        ("for scale: raw sqlite3 with synchronous=FULL", f"{write['raw FULL']:.2f} ms",
         report.ratio(write["raw FULL"], write["raw NORMAL"]), ""),
    ]  # fmt: skip
    report.print_table(rows)
    print(f"\n{machine()}")
    return 0



if __name__ == "__main__":
    raise SystemExit(main())
