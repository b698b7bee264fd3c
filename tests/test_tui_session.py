"""The Board approval session screen (issue 8), driven like a person would (Textual Pilot): the agenda with the
cursor on the first pending entry, a decision stamped with the session, deferring with a reason, closing into
numbered minutes, a closed session refusing changes, the minutes written as ODT, and one snapshot of the agenda.

The workspace (three items awaiting the Board, a session planned and opened by the head with Mai attending) is
built through the services at a fixed moment and the app runs at another (time-machine).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, SelectionList, Static

from console.services import sessions
from console.workspace import open_workspace
from models import Decision
from models.workflow import State
from screens.app import VssApp
from screens.commands import commands_for
from screens.dashboard import DashboardScreen
from screens.dialogs import ConfirmDialog, ReasonDialog
from screens.error import ErrorModal
from screens.review import ReviewScreen
from screens.session import PlanDialog, SessionListScreen, SessionScreen
from tests.conftest import Env
from tests.helpers import item_in
from tests.test_tui import log_in, pilot_test, settle
from tests.test_tui_queue import notes, shown
from tests.tui_workspace import staffed, workspace_fixtures

SIZE = (120, 30)
DAY = date(2026, 11, 26)
TITLES = ("Thông báo lịch nghỉ Tết Nguyên đán", "Hướng dẫn cấp lại sổ bảo hiểm xã hội",
          "Tin hoạt động Ban chỉ đạo")


def _build(root: Path) -> dict[str, int]:
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("minh", "Trần Văn Minh", [("TTTT", "editor")]),
        ("mai", "Hoàng Thị Mai", [("BBT", "board_member")]),
        ("head", "Bùi Đức Trưởng", [("BBT", "board_head")]),
    ])
    try:
        env = Env(ws, "sqlite")
        ids = [item_in(env, State.BOARD_REVIEW, kind={"title": title}) for title in TITLES]
        head = env.actor("head")
        sid = sessions.plan(ws, head, "Phiên duyệt tháng 11/2026", DAY, attendees=["mai"])
        sessions.start(ws, head, sid)
        return {"session": sid, **{f"item{n}": i for n, i in enumerate(ids)}}
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "session")


async def open_session(pilot: Pilot, username: str = "head") -> SessionScreen:
    """Log in, press s on the dashboard (the list of sessions), Enter on the open one."""
    await log_in(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionListScreen)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def rows(screen: SessionScreen) -> list[list[str]]:
    table = screen.query_one("#session-agenda", DataTable)
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


def head(screen: SessionScreen) -> str:
    return shown(screen.query_one("#session-head", Static))


def _agenda(root: Path, sid: int) -> list[sessions.EntryRow]:
    ws = open_workspace(root)
    try:
        return sessions.agenda(ws, sid)
    finally:
        ws.close()


def _decision(root: Path, item_id: int) -> Decision | None:
    ws = open_workspace(root)
    try:
        with ws.db.read() as s:
            return s.scalars(select(Decision).where(Decision.item_id == item_id, Decision.action == "approve")).first()
    finally:
        ws.close()


@pilot_test
async def test_the_agenda_shows_and_an_approval_is_stamped_with_the_session(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="head")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot)
        assert "Phiên duyệt tháng 11/2026" in head(screen) and "0/3" in head(screen)
        shown_rows = rows(screen)
        assert [r[2] for r in shown_rows] == list(TITLES)
        assert [r[1] for r in shown_rows] == [f"#{ids[f'item{n}']}" for n in range(3)]
        assert all(r[3] == "Chưa xét" for r in shown_rows)
        await pilot.press("a")
        await settle(pilot)
        decision = _decision(root, ids["item0"])
        assert decision is not None and decision.session_id == ids["session"]
        assert rows(screen)[0][3:5] == ["Đã quyết định", "Duyệt"]
        assert "1/3" in head(screen)
        assert screen.entry is not None and screen.entry.item_id == ids["item1"]  # on to the next pending entry
        await pilot.press("up", "a")  # back on the decided entry: refused here, with why
        await settle(pilot)
        assert any("đã được xử lý" in n for n in notes(pilot))


@pilot_test
async def test_the_cursor_starts_on_the_first_pending_entry_and_enter_opens_the_review_in_the_session(ws_ids) -> None:
    root, ids = ws_ids
    sessions_ws = open_workspace(root)
    try:
        from console.services import auth, items
        from tests.test_tui import PASSWORD

        mai = auth.login(sessions_ws, "mai", PASSWORD)
        items.decide(sessions_ws, mai, ids["item0"], "approve", session_id=ids["session"])
    finally:
        sessions_ws.close()
    app = VssApp(str(root), username="head")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot)
        assert screen.query_one("#session-agenda", DataTable).cursor_row == 1
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.item_id == ids["item1"] and review.session_id == ids["session"]
        await pilot.press("a")  # approve on the review screen: in the session, then back to the agenda
        await settle(pilot)
        assert app.screen is screen
        decision = _decision(root, ids["item1"])
        assert decision is not None and decision.session_id == ids["session"]
        assert rows(screen)[1][3] == "Đã quyết định"


@pilot_test
async def test_defer_asks_a_reason_and_notes_are_kept(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="head")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Chờ ý kiến Vụ Pháp chế", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("up", "n")  # the cursor went on to the next pending entry: back to the deferred one
        await settle(pilot)
        await pilot.press(*"Cần thêm ảnh", "ctrl+s")
        await settle(pilot)
        entry = _agenda(root, ids["session"])[1]
        assert entry.status == "deferred"
        assert "Chờ ý kiến Vụ Pháp chế" in entry.note and "Cần thêm ảnh" in entry.note
        assert rows(screen)[1][3] == "Hoãn" and "Chờ ý kiến Vụ Pháp chế" in rows(screen)[1][5]
        assert "1 hoãn sang phiên sau" in head(screen)


@pilot_test
async def test_close_shows_the_minutes_number_then_the_session_is_read_only(ws_ids, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root, ids = ws_ids
    monkeypatch.chdir(tmp_path)
    app = VssApp(str(root), username="head")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert "1/BB-BBT" in head(screen) and "Đã kết thúc" in head(screen)
        assert any("1/BB-BBT" in n for n in notes(pilot))
        before = _agenda(root, ids["session"])
        assert [e.status for e in before] == ["decided", "deferred", "deferred"]  # not reached: deferred
        for key in ("a", "d", "n", "N", "C"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen  # no dialog opened
        assert sum("đã kết thúc" in n and "không sửa được" in n for n in notes(pilot)) == 5
        assert _agenda(root, ids["session"]) == before
        await pilot.press("o")
        await settle(pilot)
        written = tmp_path / f"bien-ban-phien-{ids['session']}.odt"
        assert written.read_bytes()[:2] == b"PK"  # a zip: the ODT


@pilot_test
async def test_the_palette_offers_sessions_to_the_board_only(ws_ids) -> None:
    root, _ = ws_ids
    for user, offered in (("head", True), ("minh", False)):
        app = VssApp(str(root), username=user)
        async with app.run_test(size=SIZE) as pilot:
            await log_in(pilot)
            titles = {c.title for c in commands_for(app, app.screen)}
            assert ("Phiên duyệt" in titles) is offered
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SessionListScreen) is offered
            if not offered:
                assert any("không phải thành viên Ban Biên tập" in n for n in notes(pilot))


def test_snapshot_of_the_agenda(ws_ids, snap_compare) -> None:  # type: ignore[no-untyped-def]
    root, _ = ws_ids

    async def run_before(pilot: Pilot) -> None:
        await open_session(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        await pilot.press(*"Chờ ý kiến Vụ Pháp chế", "ctrl+s")
        await settle(pilot)
        await pilot.press("up", "up")  # back on the first entry (the cursor had gone on to the third)
        await pilot.press("a")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    app = VssApp(str(root), username="head")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def open_plan(pilot: Pilot) -> PlanDialog:
    """Log in, press s (the sessions), o (the form of a new session), wait for the Board members."""
    await log_in(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionListScreen)
    await pilot.press("o")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, PlanDialog)
    return dialog


@pilot_test
async def test_the_head_plans_and_opens_a_session_from_the_list(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="head")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_plan(pilot)
        title = dialog.query_one("#plan-title", Input)
        assert title.value.startswith("Phiên duyệt ngày ") and title.value.endswith("/2026")
        assert "3 mục đang chờ Ban Biên tập duyệt" in shown(dialog.query_one("#plan-agenda", Static))
        members = dialog.query_one("#plan-attendees", SelectionList)
        assert [str(members.get_option_at_index(n).prompt) for n in range(members.option_count)] == [
            "Hoàng Thị Mai (mai)"]  # the Board but the chair, who is always present
        title.value = "Phiên duyệt đột xuất"
        await pilot.press("tab", "tab", "space")  # the date, then Mai in the attendees
        await settle(pilot)
        assert members.selected == ["mai"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.session_id != ids["session"]
        assert "Phiên duyệt đột xuất" in head(screen) and "Đang họp" in head(screen) and "0/3" in head(screen)
        assert [r[2] for r in rows(screen)] == list(TITLES)
        assert all(r[3] == "Chưa xét" for r in rows(screen))


@pilot_test
async def test_planning_is_refused_to_a_member_who_cannot_chair_and_a_bad_date(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="mai")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_plan(pilot)
        await pilot.press("tab", "tab", "space", "ctrl+s")  # the head attends: quorum, but Mai cannot chair
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ErrorModal) and "không chủ trì được phiên duyệt" in modal.message
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionListScreen)
        await pilot.press("o")  # what was typed is offered again
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlanDialog)
        assert dialog.query_one("#plan-attendees", SelectionList).selected == ["head"]
        dialog.query_one("#plan-date", Input).value = "31/02/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ErrorModal) and "31/02/2026" in modal.message
    assert len(_sessions(root)) == 1  # nothing was planned


def _sessions(root: Path) -> list[sessions.SessionRow]:
    ws = open_workspace(root)
    try:
        return sessions.listing(ws)
    finally:
        ws.close()
