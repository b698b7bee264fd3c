"""The leadership's approval on the review screen (Đ11.1c-d), driven like a person would (Textual Pilot): `a` on an
item awaiting the leadership opens the approval form; a leader approves with the document's number; a malformed
number is refused in the error box and nothing is recorded; a secretary must attach the document and name the
leader, and then records the approval on that leader's behalf.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from textual.widgets import Input, Select

from console.services import auth, people
from console.workspace import open_workspace
from models import Decision, Item, User
from models.workflow import State
from screens.app import VssApp
from screens.error import ErrorModal
from screens.leadership import LeadershipDialog
from screens.review import ReviewScreen
from tests.conftest import Env
from tests.helpers import STATS, item_in
from tests.test_tui import PASSWORD, log_in, pilot_test, settle
from tests.tui_workspace import staffed, workspace_fixtures

SIZE = (120, 34)


def _build(root: Path) -> dict[str, int]:
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("minh", "Trần Văn Minh", [("TTTT", "editor")]),
        ("mai", "Hoàng Thị Mai", [("BBT", "board_member")]),
        ("ld", "Ngô Văn Lãnh", [("LD", "leadership")]),
    ])
    try:
        admin = auth.login(ws, "admin", "admin-pass-1")
        people.add_user(ws, admin, "thuky", "Đặng Thu Thủy", PASSWORD, [("LD", "leadership_secretary")])
        env = Env(ws, "sqlite")
        return {"item": item_in(env, State.LEADERSHIP_REVIEW, kind=STATS)}
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "leadership")


async def open_form(pilot, item_id: int) -> LeadershipDialog:  # type: ignore[no-untyped-def]
    """Log in, open the item's review screen and press `a` (here: the leadership's approval)."""
    app = pilot.app
    await log_in(pilot)
    assert app.actor is not None
    app.push_screen(ReviewScreen(app.actor, item_id))
    await settle(pilot)
    review = app.screen
    assert isinstance(review, ReviewScreen) and review.detail is not None
    assert review.detail.forward == "approve_leadership"
    await pilot.press("a")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, LeadershipDialog)
    return dialog


def _state_and_approval(root: Path, item_id: int) -> tuple[str, Decision | None, dict[int, str]]:
    ws = open_workspace(root)
    try:
        with ws.db.read() as s:
            state = s.scalar(select(Item.state).where(Item.id == item_id))
            decision = s.scalars(select(Decision).where(Decision.item_id == item_id,
                                                        Decision.action == "approve_leadership")).one_or_none()
            users = {uid: name for uid, name in s.execute(select(User.id, User.username))}
            if decision is not None:
                s.expunge(decision)
            assert state is not None
            return state, decision, users
    finally:
        ws.close()


def _document(tmp_path: Path) -> Path:
    pdf = tmp_path / "quyet-dinh-471.pdf"
    pdf.write_bytes(b"%PDF-1.4 Quyet dinh phe duyet so lieu thong ke")
    return pdf


@pilot_test
async def test_a_leader_approves_with_the_document_number(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="ld")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, ids["item"])
        assert not dialog.query("#leadership-for")  # a leader approves for themselves
        dialog.query_one("#leadership-number", Input).value = "Số 471 / QĐ – BHXH"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    state, decision, _ = _state_and_approval(root, ids["item"])
    assert state == "approved"
    assert decision is not None and decision.document_number == "471/QĐ-BHXH" and decision.on_behalf_of_id is None


@pilot_test
async def test_a_malformed_number_is_refused_and_nothing_is_recorded(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="ld")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, ids["item"])
        dialog.query_one("#leadership-number", Input).value = "471 QD"
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ErrorModal) and "471 QD" in modal.message
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("a")  # what was typed is offered again
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LeadershipDialog)
        assert dialog.query_one("#leadership-number", Input).value == "471 QD"
    state, decision, _ = _state_and_approval(root, ids["item"])
    assert state == "leadership_review" and decision is None


@pilot_test
async def test_a_secretary_must_attach_the_document_and_records_it_for_the_leader(ws_ids, tmp_path: Path) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="thuky")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, ids["item"])
        leader = dialog.query_one("#leadership-for", Select)
        assert leader.value == "ld"  # the only leader, chosen already
        dialog.query_one("#leadership-number", Input).value = "471/QĐ-BHXH"
        await pilot.press("ctrl+s")  # no document
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ErrorModal) and "đính kèm văn bản duyệt" in modal.message
        await pilot.press("escape")
        await settle(pilot)
        assert _state_and_approval(root, ids["item"])[:2] == ("leadership_review", None)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LeadershipDialog)
        assert dialog.query_one("#leadership-number", Input).value == "471/QĐ-BHXH"
        assert dialog.query_one("#leadership-for", Select).value == "ld"
        dialog.query_one("#leadership-file", Input).value = str(_document(tmp_path))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    state, decision, users = _state_and_approval(root, ids["item"])
    assert state == "approved" and decision is not None
    assert users[decision.on_behalf_of_id] == "ld"  # type: ignore[index]
    assert decision.document_number == "471/QĐ-BHXH" and decision.document_attachment_id is not None
