"""The category tree screen, driven like a person would (Textual Pilot): lazy levels, both portals side by side,
search, the management record, the poll keeping what was expanded, and the basket of proposed changes.

The workspace is built through the services at a fixed moment and the app runs at another (time-machine), so
the history's dates hold still in the snapshots.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from console.services import auth, items
from console.services import tree as tree_service
from screens.app import VssApp
from screens.commands import commands_for
from screens.dashboard import DashboardScreen
from screens.tree import CategoryTree, TreeScreen, _next_match
from tests.test_tui import PASSWORD, log_in, pilot_test, settle
from tests.test_tui_queue import notes, shown
from tests.tui_workspace import service, staffed, workspace_fixtures

SIZE = (130, 38)


def _build(root: Path) -> dict[str, int]:
    """People, a few items, one approved proposal (a rename with a record edit, an archive) and one pending."""
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("binh", "Trần Văn Bình", [("TTTT", "editor")]),
        ("cuong", "Lê Quốc Cường", [("BBT", "board_member")]),
    ])
    try:
        lan, binh, cuong = (auth.login(ws, u, PASSWORD) for u in ("lan", "binh", "cuong"))
        for n in range(3):
            draft = items.Draft(portal="vi", category="vi.2", content_type="news_event", unit="VP",
                                title=f"Tin hoạt động số {n + 1}", body_md="Nội dung.", author="Nguyễn Thị Lan",
                                source="Văn phòng")
            ref = items.create(ws, lan, draft)
            if n:
                items.decide(ws, binh, ref.id, "accept")
        approved = tree_service.propose(ws, binh, "Tên đầy đủ cho chuyên mục PBGDPL", [
            {"kind": "rename", "node": "vi.5", "name": "Phổ biến, giáo dục pháp luật"},
            {"kind": "edit", "node": "vi.5", "description": "Văn bản, tài liệu phổ biến pháp luật BHXH, BHYT.",
             "deadline_rule": "policy_10wd"},
            {"kind": "archive", "node": "en.13"},
        ], rationale="Theo kết luận của Ban Biên tập.").id
        items.decide(ws, cuong, approved, "approve")
        pending = tree_service.propose(ws, binh, "Thêm mục Thông điệp của Tổng Giám đốc", [
            {"kind": "add", "parent": "vi.1", "name": "Thông điệp của Tổng Giám đốc", "position": 1,
             "counterpart": "en.1.1"},
        ]).id
        return {"approved": approved, "pending": pending}
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "tree")


# ---------------------------------------------------------------------------------- helpers


async def open_tree(pilot: Pilot) -> TreeScreen:
    """Log in and press c on the dashboard."""
    await log_in(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TreeScreen)
    return screen


def tree_of(screen: TreeScreen, portal: str) -> CategoryTree:
    return screen.query_one(f"#tree-{portal}", CategoryTree)


def keys_under(screen: TreeScreen, portal: str, key: str | None = None) -> list[str | None]:
    """The keys shown under a node (None for a placeholder)."""
    widget = tree_of(screen, portal)
    node = widget.root if key is None else screen._by_key[portal][key]
    return [None if child.data is None else child.data.key for child in node.children]


async def cursor_to(pilot: Pilot, screen: TreeScreen, key: str) -> None:
    """Put the cursor on a node already in the tree, and wait for its record."""
    portal = key.split(".")[0]
    tree_of(screen, portal).move_cursor(screen._by_key[portal][key])
    await settle(pilot)


def record_text(screen: TreeScreen) -> str:
    return shown(screen.query_one("#tree-record", Static))


def offered(pilot: Pilot) -> set[str]:
    return {b.binding.key for b in pilot.app.active_bindings.values()}


# ------------------------------------------------------------------------------------- tests


def test_the_next_match_wraps_both_ways() -> None:
    order = ["a", "b", "c", "d"]
    assert _next_match(order, {"b", "d"}, "a", True, False) == "b"
    assert _next_match(order, {"b", "d"}, "b", True, True) == "b"
    assert _next_match(order, {"b", "d"}, "b", True, False) == "d"
    assert _next_match(order, {"b", "d"}, "d", True, False) == "b"
    assert _next_match(order, {"b", "d"}, "b", False, False) == "d"
    assert _next_match(order, {"b", "d"}, None, False, False) == "d"
    assert _next_match(order, set(), "a", True, True) is None


@pilot_test
async def test_c_on_the_dashboard_opens_the_tree_for_a_contributor_without_the_basket(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        assert keys_under(screen, "vi")[:3] == ["vi.1", "vi.2", "vi.3"]
        assert tree_of(screen, "vi").has_focus and not tree_of(screen, "en").display
        assert "Giới thiệu Bảo hiểm xã hội Việt Nam" in record_text(screen)  # the first node's record
        assert not screen.query_one("#tree-basket").display
        for kind in ("add", "add_top", "rename", "edit", "move", "merge", "archive"):
            assert screen.check_action("change", (kind,)) is False
        assert not {"a", "A", "r", "e", "m", "M", "x", "K", "J", "P"} & offered(pilot)
        assert {"slash", "p", "s"} <= offered(pilot)
        titles = {c.title for c in commands_for(app, screen)}  # the palette: the same, by name
        assert {"Tìm", "Cổng vi/en", "Song song", "Hiện/ẩn mục đã lưu trữ"} <= titles and "Đổi tên" not in titles
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        # The palette reaches it too, typed without tone marks.
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"cay chuyen muc", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TreeScreen)


@pilot_test
async def test_an_editor_is_offered_the_basket_keys(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        assert screen.query_one("#tree-basket").display
        assert "Giỏ đề xuất trống" in shown(screen.query_one("#tree-basket", Static))
        assert {"a", "A", "r", "e", "m", "M", "x", "K", "J"} <= offered(pilot)
        assert "P" not in offered(pilot)  # nothing to submit yet


@pilot_test
async def test_expanding_shows_a_placeholder_until_the_level_is_read(ws_ids, monkeypatch) -> None:
    root, _ = ws_ids
    gate = threading.Event()
    real = tree_service.children

    def held(ws: Any, portal: str, parent: str | None = None, **kw: Any) -> Any:
        if parent is not None:
            assert gate.wait(10)
        return real(ws, portal, parent, **kw)

    monkeypatch.setattr(tree_service, "children", held)
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        assert screen.query_one(CategoryTree).row.key == "vi.1"
        await pilot.press("l")
        await pilot.pause()
        node = screen._by_key["vi"]["vi.1"]
        assert node.is_expanded and keys_under(screen, "vi", "vi.1") == [None]
        assert str(node.children[0].label) == "Đang tải…"
        gate.set()
        await settle(pilot)
        assert keys_under(screen, "vi", "vi.1") == ["vi.1.1", "vi.1.2", "vi.1.3", "vi.1.4", "vi.1.5"]
        await pilot.press("l")  # on an expanded node: into its first section
        assert tree_of(screen, "vi").row.key == "vi.1.1"
        await pilot.press("h")  # on a leaf: up to the parent
        assert tree_of(screen, "vi").row.key == "vi.1"
        await pilot.press("h")  # collapse
        assert not node.is_expanded
        await pilot.press("space")  # open again: already read, no placeholder
        assert keys_under(screen, "vi", "vi.1")[0] == "vi.1.1"
        await pilot.press("j", "j")
        assert tree_of(screen, "vi").row.key == "vi.1.2"


@pilot_test
async def test_p_switches_portal_and_s_shows_both_following_the_counterpart(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        await pilot.press("p")
        await settle(pilot)
        en = tree_of(screen, "en")
        assert screen.portal == "en" and en.display and en.has_focus and not tree_of(screen, "vi").display
        assert keys_under(screen, "en")[:2] == ["en.1", "en.2"]
        assert "Cổng tiếng Anh (en)" in shown(screen.query_one("#tree-head", Static))
        assert "About us" in record_text(screen)
        await pilot.press("p", "l")
        await settle(pilot)
        await cursor_to(pilot, screen, "vi.1.4")  # Tổ chức bộ máy … ↔ en.1.5
        await pilot.press("s")
        await settle(pilot)
        assert en.display and tree_of(screen, "vi").display and screen.has_class("-side")
        assert tree_of(screen, "vi").has_focus
        assert screen._by_key["en"]["en.1"].is_expanded and en.row.key == "en.1.5"
        linked = en.cursor_node.label
        assert isinstance(linked, Text) and "↔ vi.1.4" in linked.plain
        assert any("reverse" in str(span.style) for span in linked.spans)
        assert "Tổ chức bộ máy" in record_text(screen)  # the record follows the focused tree
        await pilot.press("j")
        await settle(pilot)
        assert en.row.key == "en.1.4"  # vi.1.5 ↔ en.1.4
        old = screen._by_key["en"]["en.1.5"].label
        assert isinstance(old, Text) and not any("reverse" in str(span.style) for span in old.spans)
        await pilot.press("tab")  # the English tree has the focus now: its node's record
        await settle(pilot)
        assert screen.portal == "en" and "History Development" in record_text(screen)
        await pilot.press("s")
        assert not tree_of(screen, "vi").display and en.display


@pilot_test
async def test_the_other_portals_first_level_arriving_late_does_not_undo_the_followed_counterpart(
        ws_ids, monkeypatch) -> None:
    root, _ = ws_ids
    gate = threading.Event()
    real = tree_service.children
    calls: list[str | None] = []

    def late(ws: Any, portal: str, parent: str | None = None, **kw: Any) -> Any:
        if portal == "en" and parent is None:
            calls.append(parent)
            if len(calls) == 1:  # the en tree's own first read: held until the follow has shown its way
                assert gate.wait(10)
        return real(ws, portal, parent, **kw)

    monkeypatch.setattr(tree_service, "children", late)
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        await pilot.press("l")
        await settle(pilot)
        await cursor_to(pilot, screen, "vi.1.4")
        await pilot.press("s")
        en = tree_of(screen, "en")
        for _ in range(200):  # the follow's own reading of the way down (not held)
            await pilot.pause()
            if en.row is not None:
                break
        assert en.row.key == "en.1.5"
        gate.set()
        await settle(pilot)
        assert len(calls) == 2 and en.row.key == "en.1.5" and screen._by_key["en"]["en.1"].is_expanded


@pilot_test
async def test_find_without_diacritics_reveals_a_nested_node_and_n_moves_on(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        widget = tree_of(screen, "vi")
        await pilot.press("slash")
        assert screen.query_one("#find-bar").display and widget.has_focus
        await pilot.press(*"bao hiem that nghiepx", "backspace")
        assert "bao hiem that nghiep" in shown(screen.query_one("#find-bar", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert widget.row.key == "vi.6.4" and screen._by_key["vi"]["vi.6"].is_expanded
        assert "Bảo hiểm thất nghiệp" in record_text(screen)
        await pilot.press("slash", *"bao hiem", "enter")  # from the cursor: vi.6.4 itself, then on
        await settle(pilot)
        assert widget.row.key == "vi.6.4"
        await pilot.press("n")
        await settle(pilot)
        assert widget.row.key == "vi.11"  # Thủ tục hành chính Bảo hiểm xã hội
        await pilot.press("N", "N")
        await settle(pilot)
        assert widget.row.key == "vi.6.3"
        await pilot.press("slash", *"khong co dau", "enter")
        await settle(pilot)
        assert any("khong co dau" in n for n in notes(pilot))
        await pilot.press("slash", *"bao", "escape")
        assert not screen.query_one("#find-bar").display and screen.find_text == "khong co dau"


@pilot_test
async def test_the_record_panel_shows_the_management_record_history_and_redirects(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="binh")  # who may see the pending proposal (he made it)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        await cursor_to(pilot, screen, "vi.5")
        text = record_text(screen)
        assert "Phổ biến, giáo dục pháp luật" in screen.query_one("#tree-panel").border_title
        for expected in ("vi.5", "TTTT — Trung tâm Truyền thông", "Văn bản, tài liệu phổ biến pháp luật",
                         "Giới thiệu, tuyên truyền, hướng dẫn chính sách", "trong 10 ngày làm việc",
                         "https://baohiemxahoi.gov.vn/pho-bien-giao-duc-phap-luat", "Đang dùng",
                         f"#{ids['approved']} Tên đầy đủ cho chuyên mục PBGDPL", "đổi tên, sửa hồ sơ",
                         "PBGDPL → Phổ biến, giáo dục pháp luật", "/pbgdpl → /pho-bien-giao-duc-phap-luat"):
            assert expected in text, expected
        await cursor_to(pilot, screen, "vi.2")
        text = record_text(screen)
        assert "Chờ tiếp nhận" in text and "Đang biên tập" in text and "Tổng" in text
        assert "en.2 — News" in text
        await cursor_to(pilot, screen, "vi.1")
        assert f"#{ids['pending']} Thêm mục Thông điệp của Tổng Giám đốc" in record_text(screen)
        assert "Chờ Ban Biên tập duyệt" in record_text(screen)
        await pilot.press("f2")  # the record in English
        await settle(pilot)
        assert "Responsible unit" in record_text(screen) and "Pending proposals" in record_text(screen)
        assert tree_of(screen, "vi").border_title == "Vietnamese portal (vi)"


@pilot_test
async def test_archived_nodes_are_dimmed_with_their_status_or_hidden(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        await pilot.press("p")
        await settle(pilot)
        label = screen._by_key["en"]["en.13"].label
        assert isinstance(label, Text) and label.plain == "Member login (Lưu trữ)"
        assert "dim" in str(label.style)
        await cursor_to(pilot, screen, "en.13")
        assert screen.check_action("change", ("rename",)) is False  # nothing to change on an archived node
        await pilot.press("v")
        await settle(pilot)
        assert "en.13" not in keys_under(screen, "en") and "ẩn mục đã lưu trữ" in shown(
            screen.query_one("#tree-head", Static))
        assert tree_of(screen, "en").row is not None
        await pilot.press("v")
        await settle(pilot)
        assert "en.13" in keys_under(screen, "en")


@pilot_test
async def test_an_approved_change_shows_up_with_the_expanded_nodes_and_the_cursor_kept(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="lan")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        widget = tree_of(screen, "vi")
        await pilot.press("l")
        await settle(pilot)
        await cursor_to(pilot, screen, "vi.6")
        await pilot.press("l")
        await settle(pilot)
        await cursor_to(pilot, screen, "vi.1.3")
        screen._poll()
        await settle(pilot)
        service(root, "cuong", items.decide, ids["pending"], "approve")  # the Board approves the new section
        screen._poll()  # the timer's tick
        await settle(pilot)
        assert keys_under(screen, "vi", "vi.1")[:2] == ["vi.1.6", "vi.1.1"]  # the new one, first
        assert screen._by_key["vi"]["vi.1"].is_expanded and screen._by_key["vi"]["vi.6"].is_expanded
        assert widget.row.key == "vi.1.3"
        assert "Thông điệp của Tổng Giám đốc" in str(screen._by_key["vi"]["vi.1.6"].label)
        assert "↔ en.1.1" in str(screen._by_key["vi"]["vi.1.6"].label)
        await cursor_to(pilot, screen, "vi.1")
        assert "Không có đề xuất nào đang chờ." in record_text(screen)


# ------------------------------------------------------------------------------------ basket


@pilot_test
async def test_changes_gather_in_the_basket_and_p_sends_them_as_one_proposal(ws_ids) -> None:
    from screens.proposal import ChangeDialog, ProposalDialog

    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tree(pilot)
        basket = screen.query_one("#tree-basket", Static)
        await cursor_to(pilot, screen, "vi.2")
        await pilot.press("r")  # rename: the dialog, about the node under the cursor
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChangeDialog) and dialog.kind == "rename" and dialog.node.key == "vi.2"
        dialog.query_one("#change-name", Input).value = "Tin tức - Sự kiện"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.basket == [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện",
                                  "slug": "tin-tuc-su-kien"}]
        assert "Giỏ đề xuất: 1 thay đổi" in shown(basket) and "P" in shown(basket)
        assert "✎" in str(screen._by_key["vi"]["vi.2"].label)
        assert "P" in offered(pilot) and any("Đổi tên «Tin tức»" in n for n in notes(pilot))
        # K/J: up and down among the siblings; moves of one node in a row make one change
        await cursor_to(pilot, screen, "vi.4")
        await pilot.press("K", "K")
        assert screen.basket[1:] == [{"kind": "move", "node": "vi.4", "parent": "", "position": 2}]
        await pilot.press("shift+down")
        assert screen.basket[1:] == [{"kind": "move", "node": "vi.4", "parent": "", "position": 3}]
        await pilot.press("J")  # back where it is: no move at all
        assert len(screen.basket) == 1
        await cursor_to(pilot, screen, "vi.1")
        await pilot.press("K")
        assert len(screen.basket) == 1 and any("đã đứng đầu" in n for n in notes(pilot))
        await pilot.press("J", "u")  # u drops the last change
        assert len(screen.basket) == 1
        # A: a top-level category of the portal shown, whatever the cursor is on
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, ChangeDialog) and app.screen.kind == "add" and app.screen.node is None
        assert app.screen.portal == "vi"
        await pilot.press("escape")
        assert len(screen.basket) == 1
        # P: the basket as one proposal, to the Board
        await pilot.press("P")
        await settle(pilot)
        proposal = app.screen
        assert isinstance(proposal, ProposalDialog) and proposal.changes is screen.basket
        proposal.query_one("#proposal-title", Input).value = "Đổi tên chuyên mục Tin tức"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.basket == []
        assert "Giỏ đề xuất trống" in shown(basket) and "P" not in offered(pilot)
        assert "✎" not in str(screen._by_key["vi"]["vi.2"].label)
        filed = [n for n in notes(pilot) if n.startswith("Đã gửi đề xuất #")]
        assert len(filed) == 1  # one notification, with the proposal's number
        number = filed[0].split("#")[1].split()[0]
        await cursor_to(pilot, screen, "vi.2")
        assert f"#{number} Đổi tên chuyên mục Tin tức" in record_text(screen)  # vi.2's pending proposals


# -------------------------------------------------------------------------------- snapshots


async def _tree_steps(pilot: Pilot, side: bool) -> None:
    screen = await open_tree(pilot)
    await pilot.press("l")
    await settle(pilot)
    await cursor_to(pilot, screen, "vi.1.4")
    if side:
        await pilot.press("s")
        await settle(pilot)
    for field in pilot.app.query(Input):
        field.cursor_blink = False


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["record", "side"])
def test_snapshot(ws_ids, snap_compare, view: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    root, _ = ws_ids

    async def run_before(pilot: Pilot) -> None:
        await _tree_steps(pilot, view == "side")

    app = VssApp(str(root), lang=lang, username="binh")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
