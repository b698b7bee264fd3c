"""The export screens, driven like a person would (Textual Pilot): the targets with their state, the plan (a dry run
that writes nothing), the run with its progress bar, cancelling after a batch, verification, the history of runs,
and the refusal of anyone but an administrator.

The workspace is built through the services at a fixed moment and the app runs at another (time-machine); the
export target is an SQLite file in the test's own folder.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, ProgressBar, Static

from console.services import export as export_service
from exports import schema, targets
from models import Item
from models.workflow import State
from screens.app import VssApp
from screens.commands import commands_for
from screens.dashboard import DashboardScreen
from screens.dialogs import ConfirmDialog
from screens.export import ExportHistoryScreen, ExportScreen
from tests.conftest import Env
from tests.helpers import item_in
from tests.test_tui import log_in, pilot_test, settle
from tests.test_tui_queue import notes, shown
from tests.tui_workspace import staffed, workspace_fixtures

SIZE = (120, 36)
ADMIN_PASSWORD = "admin-pass-1"
ARTICLES = 3


def _build(root: Path) -> dict[str, int]:
    """An administrator, the people who take items to "approved", and three approved articles."""
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("minh", "Trần Văn Minh", [("TTTT", "editor")]),
        ("mai", "Hoàng Thị Mai", [("BBT", "board_member")]),
    ])
    try:
        env = Env(ws, "sqlite")
        ids = [item_in(env, State.APPROVED, kind={"title": f"Tin số {n + 1} về bảo hiểm xã hội"})
               for n in range(ARTICLES)]
        return {f"item{n}": i for n, i in enumerate(ids)}
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "export")


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An initialised SQLite export target "cong" in the test's folder (its address relative to the folder, so the
    screen shows the same URL on every run)."""
    monkeypatch.setenv(targets.ENV_TARGETS, str(tmp_path / "cfg" / "export-targets.toml"))
    for name in list(os.environ):
        if name.startswith(targets.ENV_PASSWORD_PREFIX):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    targets.add_target("cong", "sqlite:///portal.db")
    targets.init_target(targets.get_target("cong"))
    return tmp_path / "portal.db"


def _count(db: Path, table: Any) -> int:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(table)).scalar_one())
    finally:
        engine.dispose()


def _states(root: Path, ids: dict[str, int]) -> list[str]:
    from console.workspace import open_workspace

    ws = open_workspace(root)
    try:
        with ws.db.read() as s:
            return [s.get(Item, i).state for i in ids.values()]  # type: ignore[union-attr]
    finally:
        ws.close()


async def open_export(pilot: Pilot) -> ExportScreen:
    """Log in as the administrator and press x on the dashboard; wait for the targets' check."""
    await log_in(pilot, ADMIN_PASSWORD)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def body(screen: Any) -> str:
    return shown(screen.query_one("#export-body", Static))


async def run_confirmed(pilot: Pilot, screen: ExportScreen) -> None:
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(pilot)


# ------------------------------------------------------------------------------------- tests


@pilot_test
async def test_the_targets_are_listed_with_their_state_and_p_plans_without_writing(ws_ids, portal) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="admin")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        table = screen.query_one("#export-targets", DataTable)
        assert [c.plain if hasattr(c, "plain") else c for c in table.get_row("cong")] == [
            "cong", "sqlite:///portal.db", "Sẵn sàng"]
        assert "sẵn sàng, lược đồ phiên bản 1" in shown(screen.query_one("#export-state", Static))
        await pilot.press("p")
        await settle(pilot)
        text = body(screen)
        assert "Kế hoạch xuất lên «cong»" in text and "Bài viết" in text and "Chuyên mục, mục" in text
        assert "Thêm mới" in text and "Dung lượng HTML" in text and "Số dòng sẽ ghi" in text
        assert "Chưa ghi gì lên đích" in text
        assert screen.plan is not None and screen.plan.counts()["article"]["insert"] == ARTICLES
        assert str(screen.plan.writes) in text
        assert _count(portal, schema.portal_article) == 0 and _count(portal, schema.export_ledger) == 0
        assert _states(root, ids) == [State.APPROVED] * ARTICLES
        await pilot.press("f2")  # the plan in English
        await settle(pilot)
        assert "Nothing has been written yet" in body(screen) and "Articles" in body(screen)


@pilot_test
async def test_a_confirmed_run_exports_everything_with_its_progress_then_verify_is_clean(ws_ids, portal) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="admin")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        screen.batch_size = 1
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and "cong" in app.screen.question
        await pilot.press("n")  # not now: nothing happens
        await settle(pilot)
        assert app.screen is screen and screen.running is None and _count(portal, schema.portal_article) == 0
        await run_confirmed(pilot, screen)
        assert screen.running is None and screen.outcome is not None
        assert screen.outcome.status == "done" and screen.outcome.done["article.insert"] == ARTICLES
        bar = screen.query_one("#export-progress", ProgressBar)
        assert bar.display and bar.total == screen.outcome.plan.steps and bar.progress == bar.total
        text = body(screen)
        assert "Lượt xuất lên «cong»" in text and "Xong" in text and "Đã làm" in text
        assert any("Xuất lên «cong»: Xong." in n for n in notes(pilot))
        assert _count(portal, schema.portal_article) == ARTICLES
        assert _states(root, ids) == [State.PUBLISHED] * ARTICLES
        await pilot.press("v")
        await settle(pilot)
        assert "Khớp hoàn toàn" in body(screen)
        await pilot.press("p")  # a second plan: nothing left to do
        await settle(pilot)
        assert "Không có gì để xuất" in body(screen)


@pilot_test
async def test_cancel_during_the_run_stops_after_the_current_batch(ws_ids, portal, monkeypatch) -> None:
    root, ids = ws_ids
    first_batch, go = threading.Event(), threading.Event()
    real = export_service.run

    def held(*args: Any, progress: Any, **kw: Any) -> Any:
        calls = 0

        def step(done: int, total: int) -> None:
            nonlocal calls
            progress(done, total)
            calls += 1
            if calls == 3:  # (0, total), the tree, then the first article batch: hold it there
                first_batch.set()
                assert go.wait(10)

        return real(*args, progress=step, **kw)

    monkeypatch.setattr(export_service, "run", held)
    app = VssApp(str(root), username="admin")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        screen.batch_size = 1
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        for _ in range(500):
            await pilot.pause()
            if first_batch.is_set():
                break
        assert first_batch.is_set() and screen.running == "cong"
        status = shown(screen.query_one("#export-status", Static))
        assert screen._steps is not None and screen._steps[0] < screen._steps[1]
        assert f"{screen._steps[0]}/{screen._steps[1]} bước" in status and "Esc hoặc c để dừng" in status
        await pilot.press("escape")  # Esc during the run asks to stop (it does not leave the screen)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Dừng lượt xuất" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert screen.stop.is_set()
        assert "Sẽ dừng sau khi ghi xong đợt hiện tại" in shown(screen.query_one("#export-status", Static))
        go.set()
        await settle(pilot)
        assert screen.outcome is not None and screen.outcome.status == "cancelled"
        assert screen.outcome.done["article.insert"] == 1
        assert "Đã dừng" in body(screen)
        assert _count(portal, schema.portal_article) == 1
        assert sorted(_states(root, ids)) == sorted([State.PUBLISHED, State.APPROVED, State.APPROVED])
        await pilot.press("v")  # the rest is pending on the target
        await settle(pilot)
        assert "Chưa xuất" in body(screen) and "Khớp hoàn toàn" not in body(screen)


@pilot_test
async def test_h_lists_the_runs_newest_first_and_enter_shows_one(ws_ids, portal) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="admin")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        screen.batch_size = 2
        await run_confirmed(pilot, screen)
        await run_confirmed(pilot, screen)  # nothing left: a run that does nothing
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, ExportHistoryScreen)
        table = history.query_one("#export-runs", DataTable)
        assert table.row_count == 2
        newest, oldest = history.rows
        assert newest.started_at >= oldest.started_at and oldest.done["article.insert"] == ARTICLES
        cells = [getattr(c, "plain", c) for c in table.get_row(oldest.id)]
        assert cells[1:4] == ["cong", "admin", "Xong"] and "Bài viết – thêm mới: 3" in cells[5]
        assert cells[0].startswith("26/11/2026")
        await pilot.press("down", "enter")
        await settle(pilot)
        text = body(history)
        assert oldest.id in text and "Kế hoạch" in text and "Đã làm" in text and "admin" in text
        await pilot.press("escape")
        assert app.screen is screen


@pilot_test
async def test_someone_not_an_administrator_is_refused(ws_ids, portal) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="minh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        footer = {b.binding.key for b in app.active_bindings.values() if b.binding.show}
        assert "x" not in footer  # not offered
        assert "Xuất bản lên cổng" not in {c.title for c in commands_for(app, dashboard)}
        await pilot.press("x")  # pressed anyway: told why, nothing opens
        await settle(pilot)
        assert app.screen is dashboard
        assert any("Chỉ Quản trị hệ thống được xuất bản" in n for n in notes(pilot))
        # and the service refuses a screen opened for him all the same
        app.push_screen(ExportScreen(dashboard.actor))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "Quản trị hệ thống" in str(getattr(app.screen, "message", ""))
    assert _count(portal, schema.portal_article) == 0


@pilot_test
async def test_the_palette_opens_the_export_screen_for_an_administrator(ws_ids, portal) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="admin")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, ADMIN_PASSWORD)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"xuat ban len cong", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        titles = {c.title for c in commands_for(app, app.screen)}
        assert {"Lập kế hoạch", "Xuất bản", "Đối chiếu", "Lịch sử"} <= titles


# -------------------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_snapshot_of_the_plan(ws_ids, portal, snap_compare, lang: str) -> None:  # type: ignore[no-untyped-def]
    root, _ = ws_ids

    async def run_before(pilot: Pilot) -> None:
        await open_export(pilot)
        await pilot.press("p")
        await settle(pilot)

    app = VssApp(str(root), lang=lang, username="admin")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
