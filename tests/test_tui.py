"""The TUI driven like a user (Textual Pilot), against real workspaces built through the services.

Workers are awaited (``settle``), never slept on. One SVG snapshot pins the dashboard's look.
"""

from __future__ import annotations

import asyncio
import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from console.errors import AuthFailed, WorkspaceError
from console.i18n import keys, set_language, t
from console.services import auth, items, people, queries
from console.workspace import init_workspace, open_workspace
from screens.app import VssApp
from screens.dashboard import DashboardScreen
from screens.error import ErrorModal, error_text
from screens.help import HelpScreen
from screens.login import LoginScreen

SIZE = (120, 40)
SCREENS = Path(__file__).resolve().parent.parent / "screens"
PASSWORD = "password1"


# ------------------------------------------------------------------------------ fixtures


def _build(root: Path) -> None:
    """Four people and seven items spread over the workflow, all through the services."""
    ws = init_workspace(root)
    try:
        people.add_user(ws, None, "admin", "Quản trị", "admin-pass-1", [("TTCNTT", "admin")])
        admin = auth.login(ws, "admin", "admin-pass-1")
        people.add_user(ws, admin, "lan", "Nguyễn Thị Lan", PASSWORD, [("VP", "contributor")])
        people.add_user(ws, admin, "binh", "Trần Văn Bình", PASSWORD, [("TTTT", "editor")])
        people.add_user(ws, admin, "cuong", "Lê Quốc Cường", PASSWORD, [("BBT", "board_member")])
        lan, binh, cuong = (auth.login(ws, u, PASSWORD) for u in ("lan", "binh", "cuong"))

        def news(portal: str, title: str, submit: bool = True) -> int:
            draft = items.Draft(
                portal=portal, category=f"{portal}.2", content_type="news_event", unit="VP", title=title
            )
            return items.create(ws, lan, draft, submit=submit).id

        ids = [news("vi", f"Tin hoạt động số {n}") for n in range(1, 5)]
        news("en", "Social insurance news")
        news("vi", "Bản nháp", submit=False)
        for i in ids[:3]:
            items.decide(ws, binh, i, "accept")
        for i in ids[1:3]:
            items.decide(ws, binh, i, "send_to_board")
        items.decide(ws, cuong, ids[2], "approve")
        items.decide(ws, binh, ids[3], "return", reason="Thiếu nguồn tin")
    finally:
        ws.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tui-template") / "ws"
    _build(root)
    return root


@pytest.fixture
def workspace(template: Path, tmp_path: Path) -> Path:
    """A private copy of the template workspace, so tests cannot disturb one another."""
    target = tmp_path / "ws"
    shutil.copytree(template, target)
    return target


@pytest.fixture(autouse=True)
def _vietnamese_again() -> Iterator[None]:
    yield
    set_language("vi")


# ------------------------------------------------------------------------------- helpers


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on its own event loop (no pytest asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def settle(pilot: Pilot, rounds: int = 30) -> None:
    """Wait until no worker is running and every message the workers posted has been handled."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        running = [w for w in app.workers if not w.is_finished]
        if not running:
            return
        await app.workers.wait_for_complete(running)
    raise AssertionError("workers did not settle")


async def log_in(pilot: Pilot, password: str = PASSWORD, username: str | None = None) -> None:
    """Type the credentials as a user would (the username may be prefilled) and wait for the answer."""
    await settle(pilot)
    if username is not None:
        pilot.app.screen.query_one("#username", Input).focus()
        await pilot.press(*username, "enter")
    await pilot.press(*password, "enter")
    await settle(pilot)


def cells(table: DataTable, row: str) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in table.get_row(row)]


def expected_dashboard(root: Path, username: str) -> queries.Dashboard:
    ws = open_workspace(root)
    try:
        return queries.dashboard(ws, auth.login(ws, username, PASSWORD))
    finally:
        ws.close()


# --------------------------------------------------------------------------------- login


@pilot_test
async def test_login_screen_shows_portal_name_before_the_database(workspace: Path) -> None:
    app = VssApp(str(workspace))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        assert app.title == "Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam"
        await settle(pilot)
        assert app.screen.where == str(workspace.resolve())


@pilot_test
async def test_wrong_password_shows_vietnamese_error_and_keeps_username(workspace: Path) -> None:
    app = VssApp(str(workspace))
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, password="not-the-password", username="binh")
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        assert screen.error_text == "Sai tên đăng nhập hoặc mật khẩu."
        assert screen.query_one("#login-error").display
        assert screen.query_one("#username", Input).value == "binh"
        assert screen.query_one("#password", Input).value == ""
        assert screen.query_one("#password", Input).has_focus


@pilot_test
async def test_locked_account_is_explained(workspace: Path) -> None:
    ws = open_workspace(workspace)
    try:
        for _ in range(5):
            with pytest.raises(AuthFailed):
                auth.login(ws, "lan", "wrong-password")
    finally:
        ws.close()
    app = VssApp(str(workspace), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert "Tài khoản lan tạm khóa" in app.screen.error_text


@pilot_test
async def test_empty_form_is_refused_without_asking_the_database(workspace: Path) -> None:
    app = VssApp(str(workspace))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#password", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.error_text == t("tui.login.empty", "vi")
        assert not [w for w in app.workers if w.group == "login"]


# ----------------------------------------------------------------------------- dashboard


@pilot_test
async def test_dashboard_shows_the_counts_of_the_query_service(workspace: Path) -> None:
    expected = expected_dashboard(workspace, "binh")
    app = VssApp(str(workspace), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "Trần Văn Bình (binh)" in str(screen.query_one("#who").render())
        assert "Biên tập viên" in str(screen.query_one("#who").render())
        queues = screen.query_one("#queues", DataTable)
        assert queues.row_count == len(expected.queues)
        for q in expected.queues:
            name, actionable, total, vi, en = cells(queues, q.key)
            assert name == q.name
            assert (int(actionable), int(total)) == (q.actionable, q.total)
            assert (int(vi), int(en)) == (q.by_portal.get("vi", 0), q.by_portal.get("en", 0))
        states = screen.query_one("#states", DataTable)
        (_, _, vi_states), (_, _, en_states) = expected.portals
        for state in set(vi_states) | set(en_states):
            row = cells(states, state)
            assert (int(row[1]), int(row[2])) == (vi_states.get(state, 0), en_states.get(state, 0))
        assert cells(states, "editing")[0] == "Đang biên tập"
        assert cells(states, "total")[1:] == [str(sum(vi_states.values())), str(sum(en_states.values()))]
        # The fixture's spread, so a query that returned nothing could not pass unnoticed.
        assert expected.total_items == 6
        assert cells(queues, "inbox")[1:] == ["1", "1", "0", "1"]


@pilot_test
async def test_refresh_picks_up_new_items(workspace: Path) -> None:
    app = VssApp(str(workspace), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        queues = app.screen.query_one("#queues", DataTable)
        before = int(cells(queues, "inbox")[2])
        ws = open_workspace(workspace)
        try:
            lan = auth.login(ws, "lan", PASSWORD)
            draft = items.Draft(portal="vi", category="vi.2", content_type="news_event", unit="VP", title="Tin mới")
            items.create(ws, lan, draft)
        finally:
            ws.close()
        await pilot.press("r")
        await settle(pilot)
        assert int(cells(queues, "inbox")[2]) == before + 1


@pilot_test
async def test_help_lists_the_screen_keys_and_escape_closes_it(workspace: Path) -> None:
    app = VssApp(str(workspace), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one("#help-keys", DataTable)
        actions = [cells(table, str(key.value))[1] for key in table.rows]
        assert {"Làm mới", "Đăng xuất", "Trợ giúp", "Ngôn ngữ", "Thoát"} <= set(actions)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


@pilot_test
async def test_switching_to_english_relabels_the_dashboard(workspace: Path) -> None:
    app = VssApp(str(workspace), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        queues = app.screen.query_one("#queues", DataTable)
        assert queues.border_title == "Hàng đợi"
        await pilot.press("f2")
        await settle(pilot)
        assert queues.border_title == "Queues"
        assert cells(queues, "editing")[0] == "In editing"
        assert app.title == "Viet Nam Social Security Portal"
        assert app.screen.active_bindings["r"].binding.description == "Refresh"
        # Back to Vietnamese through the command palette, typed without tone marks.
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"vietnamese", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert queues.border_title == "Hàng đợi"
        assert cells(queues, "editing")[0] == "Đang biên tập"


@pilot_test
async def test_english_from_the_start(workspace: Path) -> None:
    app = VssApp(str(workspace), lang="en", username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, password="wrong-password")
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.error_text == "Wrong username or password."


@pilot_test
async def test_logout_returns_to_login_with_the_username(workspace: Path) -> None:
    app = VssApp(str(workspace), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.actor is None
        assert app.screen.query_one("#username", Input).value == "binh"
        assert app.screen.where == str(workspace.resolve())


# -------------------------------------------------------------------------------- errors


@pilot_test
async def test_missing_workspace_opens_an_error_modal(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-workspace"
    app = VssApp(str(missing))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ErrorModal)
        assert modal.message == WorkspaceError("ws.missing", where=str(missing)).message("vi")
        assert modal.message.startswith("Chưa có không gian làm việc")
        assert modal.query_one("#error-box").border_title == "Lỗi không gian làm việc"
        await pilot.press("escape")
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.unreachable


def test_unexpected_errors_are_summarised_without_traceback() -> None:
    title, message = error_text(RuntimeError("boom"), "vi")
    assert (title, message) == ("Lỗi", "Lỗi không mong đợi: RuntimeError: boom")
    assert "Traceback" not in message


# ------------------------------------------------------------------------------ hygiene


def test_every_tui_string_has_both_languages() -> None:
    import screens.strings  # noqa: F401

    tui = [k for k in keys() if k.startswith("tui.")]
    assert len(tui) > 40
    for key in tui:
        assert t(key, "vi") and t(key, "en"), key


def test_screens_never_touch_sessions() -> None:
    forbidden = re.compile(r"Session\(|sessionmaker|create_engine|\.commit\(|\.flush\(|\.db\.|session\.(add|delete)")
    for path in SCREENS.glob("*.py"):
        assert not forbidden.search(path.read_text(encoding="utf-8")), path.name


def test_importing_the_app_does_not_import_the_database_layer() -> None:
    code = "import sys, screens.app; print(sorted(m for m in ('sqlalchemy', 'models', 'argon2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------ snapshot


def test_dashboard_snapshot(workspace: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await log_in(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        for field in pilot.app.query(Input):
            field.cursor_blink = False

    assert snap_compare(VssApp(str(workspace), username="binh"), terminal_size=SIZE, run_before=run_before)


# ------------------------------------------------------------------------ user language


@pilot_test
async def test_a_user_who_prefers_english_gets_english_unless_lang_is_given(workspace: Path) -> None:
    ws = open_workspace(workspace)
    try:
        admin = auth.login(ws, "admin", "admin-pass-1")
        people.add_user(ws, admin, "anna", "Anna Nguyen", PASSWORD, [("VHTQT", "contributor")], language="en")
    finally:
        ws.close()
    app = VssApp(str(workspace), username="anna")
    async with app.run_test(size=SIZE) as pilot:
        assert app.title == "Cổng Thông tin điện tử Bảo hiểm xã hội Việt Nam"  # Vietnamese until we know who
        await log_in(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Contributor" in str(app.screen.query_one("#who").render())
    set_language("vi")
    app = VssApp(str(workspace), lang="vi", username="anna")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert "Cán bộ cung cấp thông tin" in str(app.screen.query_one("#who").render())
