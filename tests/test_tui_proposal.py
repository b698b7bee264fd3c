"""Category tree proposals in the TUI, driven like an editor would (Textual Pilot): the dialog of one change of
each kind (prefilled, refused with the problem shown, returned once valid), the proposal dialog (problems beside
their change, removing one, filing it through the service), and the review screen of a proposal (its tree tab,
approval changing the tree at once, a stale proposal's warning and rebase).

The dialogs are pushed straight onto a logged-in app (the tree screen that opens them is another screen's job).
The workspace is built through the services at a fixed moment and the app runs at another (time-machine).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, SelectionList, Static, TabbedContent, TextArea

from console.i18n import set_language
from console.services import auth, items, tree
from screens.app import VssApp
from screens.error import ErrorModal
from screens.proposal import ChangeDialog, ProposalDialog, diff_text
from screens.review import ReviewScreen
from screens.widgets.item_list import ItemList
from tests.test_tui import PASSWORD, log_in, pilot_test, settle
from tests.test_tui_queue import cursor_to, notes, open_queue, shown
from tests.tui_workspace import service, staffed, workspace_fixtures

SIZE = (130, 40)

SORT = [  # a proposal with one change of most kinds
    {"kind": "move", "node": "vi.1.2", "parent": "vi.3", "position": 1},
    {"kind": "rename", "node": "vi.6.4", "name": "Bảo hiểm thất nghiệp và việc làm"},
    {"kind": "add", "parent": "vi.13", "name": "Đề tài năm 2026"},
    {"kind": "merge", "node": "vi.15", "into": "vi.3"},
]
BASKET = [  # what the proposal dialog is given: the second change cannot be made
    {"kind": "rename", "node": "vi.6.4", "name": "Bảo hiểm thất nghiệp và việc làm"},
    {"kind": "add", "portal": "vi", "parent": "vi.6", "name": "Bảo hiểm y tế", "content_types": ["qa_answer"]},
    {"kind": "move", "node": "vi.1.2", "parent": "vi.3", "position": 1},
]


def _build(root: Path) -> dict[str, int]:
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("binh", "Trần Văn Bình", [("TTTT", "editor")]),
        ("cuong", "Lê Quốc Cường", [("BBT", "board_member")]),
        ("hanh", "Ngô Thị Hạnh", [("LD", "leadership")]),
    ])
    try:
        lan, binh = auth.login(ws, "lan", PASSWORD), auth.login(ws, "binh", PASSWORD)
        ids: dict[str, int] = {}
        ids["news"] = items.create(ws, lan, items.Draft(portal="vi", category="vi.2", content_type="news_event",
                                                        unit="VP", title="Hội nghị tổng kết năm 2026")).id
        ids["sort"] = tree.propose(ws, binh, "Sắp xếp lại chuyên mục", SORT,
                                   rationale="Theo kết luận họp Ban Biên tập ngày 20/11/2026.").id
        ids["rename"] = tree.propose(ws, binh, "Đổi tên Tin tức",
                                     [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện"}]).id
        ids["describe"] = tree.propose(ws, binh, "Mô tả chuyên mục Tin tức",
                                       [{"kind": "edit", "node": "vi.2", "description": "Tin hoạt động của Ngành"}]).id
        return ids
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "proposal")



def node(app: VssApp, key: str) -> tree.NodeRow:
    assert app.workspace is not None
    return next(r for r in tree.rows(app.workspace) if r.key == key)


async def push(pilot: Pilot, dialog: Any) -> list[Any]:
    """Push a dialog on the logged-in app; what it dismisses with lands in the list."""
    got: list[Any] = []
    pilot.app.push_screen(dialog, got.append)
    await settle(pilot)
    return got


async def confirm(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


def problems(dialog: ChangeDialog) -> str:
    return shown(dialog.query_one("#change-problems", Static))


async def change_dialog(pilot: Pilot, kind: str, key: str | None, portal: str = "vi") -> tuple[ChangeDialog, list]:
    app = pilot.app
    assert isinstance(app, VssApp) and app.workspace is not None
    got = await push(pilot, ChangeDialog(app.workspace, kind, node(app, key) if key else None, portal))
    dialog = app.screen
    assert isinstance(dialog, ChangeDialog)
    return dialog, got


# ------------------------------------------------------------------------------------ one change


@pilot_test
async def test_add_is_prefilled_from_its_parent_refuses_a_duplicate_and_returns_the_change(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "add", "vi.6")
        assert dialog.query_one("#change-parent", Select).value == "vi.6"
        assert dialog.query_one("#change-types", SelectionList).selected == ["qa_answer"]  # as the parent takes
        name = dialog.query_one("#change-name", Input)
        assert name.has_focus and not dialog.query("#change-name-vi")  # a Vietnamese node has one name
        await pilot.press(*"Bảo hiểm y tế")
        slug = dialog.query_one("#change-slug", Input)
        assert slug.value == "bao-hiem-y-te"  # made from the name as it is typed
        await confirm(pilot)
        assert app.screen is dialog and got == []  # refused: the dialog stays, with why
        assert "«Hỏi - đáp» đã có mục «Bảo hiểm y tế»" in problems(dialog)
        assert name.value == "Bảo hiểm y tế"  # nothing typed is lost
        name.value = "Bảo hiểm tai nạn lao động"
        await settle(pilot)
        assert problems(dialog) == ""  # the problem follows the form: fixed, it goes
        slug.value = "tai-nan-lao-dong"  # a slug typed by hand is the person's own
        name.value = "Bảo hiểm tai nạn lao động, bệnh nghề nghiệp"
        await settle(pilot)
        assert slug.value == "tai-nan-lao-dong"
        await confirm(pilot)
        assert got == [{"kind": "add", "portal": "vi", "parent": "vi.6",
                        "name": "Bảo hiểm tai nạn lao động, bệnh nghề nghiệp", "slug": "tai-nan-lao-dong",
                        "content_types": ["qa_answer"]}]
        assert app.screen.__class__.__name__ == "DashboardScreen"


@pilot_test
async def test_add_on_the_english_portal_asks_the_vietnamese_name_and_speaks_english(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), lang="en", username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "add", None, "en")  # the top level of the English portal
        assert dialog.query_one("#change-parent", Select).value == ""
        labels = {value: str(label) for label, value in dialog.query_one("#change-parent", Select)._options}
        assert labels[""] == "(top level of the en portal)" and "  Vision" in labels["en.1.2"]
        assert dialog.query_one("#change-types", SelectionList).selected == []
        await pilot.press(*"Press releases")
        assert dialog.query_one("#change-slug", Input).value == "press-releases"
        dialog.query_one("#change-slug", Input).value = "Press Releases!"
        await confirm(pilot)
        assert "The slug “Press Releases!” may hold only unaccented lower-case letters" in problems(dialog)
        dialog.query_one("#change-slug", Input).value = "press-releases"
        dialog.query_one("#change-name-vi", Input).value = "Thông cáo báo chí"
        dialog.query_one("#change-position", Input).value = "2"
        dialog.query_one("#change-unit", Select).value = "VHTQT"
        dialog.query_one("#change-types", SelectionList).select("news_event")
        await confirm(pilot)
        assert got == [{"kind": "add", "portal": "en", "parent": "", "name": "Press releases",
                        "name_vi": "Thông cáo báo chí", "slug": "press-releases", "unit": "VHTQT",
                        "content_types": ["news_event"], "position": 2}]


@pilot_test
async def test_rename_keeps_the_slug_until_the_name_changes_and_refuses_an_empty_name(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "rename", "vi.2")
        name, slug = dialog.query_one("#change-name", Input), dialog.query_one("#change-slug", Input)
        assert (name.value, slug.value) == ("Tin tức", "tin-tuc")
        await confirm(pilot)
        assert "Không có gì để thay đổi." in problems(dialog) and got == []
        name.value = ""
        await confirm(pilot)
        assert "Tên không được để trống." in problems(dialog) and got == []
        name.value = "Tin tức - Sự kiện"
        await settle(pilot)
        assert slug.value == "tin-tuc-su-kien" and problems(dialog) == ""
        await confirm(pilot)
        assert got == [{"kind": "rename", "node": "vi.2", "name": "Tin tức - Sự kiện", "slug": "tin-tuc-su-kien"}]


@pilot_test
async def test_edit_shows_the_management_record_and_returns_only_what_changed(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.workspace is not None and app.actor is not None
        record = tree.node_detail(app.workspace, app.actor, "vi.5")
        dialog, got = await change_dialog(pilot, "edit", "vi.5")
        assert dialog.query_one("#change-unit", Select).value == "TTTT"
        assert dialog.query_one("#change-description", TextArea).text == record.description
        assert dialog.query_one("#change-types", SelectionList).selected == ["policy_guidance"]
        await confirm(pilot)
        assert "Không có gì để thay đổi." in problems(dialog) and got == []
        dialog.query_one("#change-unit", Select).value = "VP"
        dialog.query_one("#change-description", TextArea).text = "Phổ biến, giáo dục pháp luật"
        await confirm(pilot)
        assert got == [{"kind": "edit", "node": "vi.5", "unit": "VP", "description": "Phổ biến, giáo dục pháp luật"}]


@pilot_test
async def test_move_refuses_a_cycle_and_returns_the_new_place(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "move", "vi.1")
        parent = dialog.query_one("#change-parent", Select)
        assert parent.value == "" and parent.has_focus  # now at the top level
        parent.value = "vi.1.2"  # one of its own sections
        await confirm(pilot)
        assert "vì «Lãnh đạo Bảo hiểm xã hội Việt Nam» nằm trong «Giới thiệu Bảo hiểm xã hội Việt Nam»" \
            in problems(dialog)
        assert got == []
        parent.value = "vi.3"
        dialog.query_one("#change-position", Input).value = "1"
        await settle(pilot)
        assert problems(dialog) == ""
        await confirm(pilot)
        assert got == [{"kind": "move", "node": "vi.1", "parent": "vi.3", "position": 1}]


@pilot_test
async def test_merge_needs_a_target_outside_itself(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "merge", "vi.3")
        into = dialog.query_one("#change-into", Select)
        assert "vi.3" not in [value for _, value in into._options]  # not into itself
        await confirm(pilot)
        assert "Hãy chọn mục, chuyên mục nhận nội dung gộp." in problems(dialog) and got == []
        into.value = "vi.3.1"
        await confirm(pilot)
        assert "Không thể gộp «Hệ thống văn bản» vào chính nó hoặc vào mục con của nó." in problems(dialog)
        into.value = "vi.4"
        await confirm(pilot)
        assert got == [{"kind": "merge", "node": "vi.3", "into": "vi.4"}]


@pilot_test
async def test_archive_says_its_items_must_go_somewhere_that_takes_them(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        dialog, got = await change_dialog(pilot, "archive", "vi.2")
        assert "«Tin tức» đang có 1 tin, bài." in shown(dialog.query_one("#change-holds", Static))
        await confirm(pilot)
        assert "«Tin tức» đang có 1 tin, bài; hãy chọn nơi nhận chúng" in problems(dialog) and got == []
        dialog.query_one("#change-items-to", Select).value = "vi.5"
        await confirm(pilot)
        assert "«PBGDPL» không nhận loại news_event" in problems(dialog) and got == []
        dialog.query_one("#change-items-to", Select).value = "vi.7"
        await confirm(pilot)
        assert got == [{"kind": "archive", "node": "vi.2", "items_to": "vi.7"}]
        dialog, got = await change_dialog(pilot, "archive", "vi.16")
        await pilot.press("escape")
        assert got == [None]


def test_a_change_dialog_is_made_for_a_kind_it_knows_about_a_node() -> None:
    with pytest.raises(ValueError, match="reorder"):
        ChangeDialog(None, "reorder", None, "vi")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs the node"):
        ChangeDialog(None, "rename", None, "vi")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------ the proposal


@pilot_test
async def test_the_proposal_dialog_shows_problems_beside_changes_removes_one_and_files_it(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.workspace is not None and app.actor is not None
        before = {p.id for p in tree.proposals(app.workspace, app.actor)}
        basket = [dict(c) for c in BASKET]
        draft: dict[str, str] = {}
        got = await push(pilot, ProposalDialog(app.workspace, basket, draft))
        dialog = app.screen
        assert isinstance(dialog, ProposalDialog)
        assert "3 thay đổi" in dialog.query_one("#proposal-box").border_title
        options = dialog.query_one("#proposal-changes", OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines[0].startswith("1. Đổi tên «Bảo hiểm thất nghiệp» → «Bảo hiểm thất nghiệp và việc làm»")
        assert "⚠" not in lines[0] and "⚠" not in lines[2]
        assert "⚠ «Hỏi - đáp» đã có mục «Bảo hiểm y tế»." in lines[1]  # beside its change
        diff = shown(dialog.query_one("#proposal-diff", Static))
        assert "→ Lãnh đạo Bảo hiểm xã hội Việt Nam (từ «Giới thiệu Bảo hiểm xã hội Việt Nam»)" in diff
        assert "~ Bảo hiểm thất nghiệp → Bảo hiểm thất nghiệp và việc làm" in diff
        # No title: the service refuses, the dialog says why and stays open.
        await confirm(pilot)
        assert app.screen is dialog and got == []
        assert "Đề xuất cần có tiêu đề." in shown(dialog.query_one("#proposal-error", Static))
        await pilot.press(*"Sắp xếp mục Hỏi - đáp")
        await confirm(pilot)
        error = shown(dialog.query_one("#proposal-error", Static))
        assert "Đề xuất chưa hợp lệ" in error and "Thay đổi 2 (Thêm)" in error and app.screen is dialog
        # Closed and opened again: the title typed is still there.
        await pilot.press("escape")
        assert got == [None] and draft["title"] == "Sắp xếp mục Hỏi - đáp"
        got = await push(pilot, ProposalDialog(app.workspace, basket, draft))
        dialog = app.screen
        assert isinstance(dialog, ProposalDialog)
        assert dialog.query_one("#proposal-title", Input).value == "Sắp xếp mục Hỏi - đáp"
        # Delete removes the change under the cursor, from the caller's basket too.
        options = dialog.query_one("#proposal-changes", OptionList)
        options.focus()
        options.highlighted = 1
        await pilot.press("delete")
        await settle(pilot)
        assert [c["kind"] for c in basket] == ["rename", "move"]
        assert options.option_count == 2 and "2 thay đổi" in dialog.query_one("#proposal-box").border_title
        assert not any("⚠" in str(options.get_option_at_index(i).prompt) for i in range(2))
        dialog.query_one("#proposal-rationale", TextArea).text = "Theo góp ý của Trung tâm Dịch vụ hỗ trợ."
        await confirm(pilot)
        assert len(got) == 1 and isinstance(got[0], int)
        filed = {p.id: p for p in tree.proposals(app.workspace, app.actor)}
        assert set(filed) - before == {got[0]}
        assert (filed[got[0]].title, filed[got[0]].changes, filed[got[0]].state) == (
            "Sắp xếp mục Hỏi - đáp", 2, "board_review")
        assert draft == {}
        view = tree.proposal(app.workspace, app.actor, got[0])
        assert view.rationale == "Theo góp ý của Trung tâm Dịch vụ hỗ trợ."


def test_the_diff_marks_each_kind_of_change(sqlite_env) -> None:
    plan = tree.check(sqlite_env.ws, [
        *SORT,
        {"kind": "edit", "node": "vi.5", "description": "Phổ biến, giáo dục pháp luật"},
        {"kind": "reorder", "parent": "vi.6", "order": ["vi.6.4", "vi.6.3", "vi.6.2", "vi.6.1"]},
        {"kind": "archive", "node": "vi.16"},
        {"kind": "add", "portal": "en", "name": "Press releases"},
    ])
    assert plan.ok, plan.messages("en")
    text = diff_text(tree.diff_rows(plan), "en")
    lines = text.plain.splitlines()
    assert lines[0] == "Vietnamese portal — baohiemxahoi.gov.vn" and "English portal — vss.gov.vn" in lines

    def line(name: str) -> str:
        return next(x for x in lines if f" {name}" in x)

    assert line("Press releases").lstrip().startswith("+ Press releases  [added]  /press-releases")
    assert line("Đóng góp ý kiến").lstrip().startswith("− Đóng góp ý kiến dự thảo văn bản → «Hệ thống văn bản»")
    assert "[merged away]" in line("Đóng góp ý kiến")
    assert line("Đề xuất, kiến nghị").lstrip().startswith("− ") and "[archived]" in line("Đề xuất, kiến nghị")
    moved = line("Lãnh đạo Bảo hiểm")
    assert moved.startswith("    → ")  # under its new parent, one level deeper
    assert "(from “Giới thiệu Bảo hiểm xã hội Việt Nam”)" in moved and " → /he-thong-van-ban/lanh-dao" in moved
    renamed = line("Bảo hiểm thất nghiệp")
    assert "Bảo hiểm thất nghiệp → Bảo hiểm thất nghiệp và việc làm" in renamed and "renamed" in renamed
    assert line("PBGDPL").lstrip().startswith("✎ PBGDPL  [record edited]")
    assert line("Bảo hiểm y tế").lstrip().startswith("↕ Bảo hiểm y tế  [reordered]")
    styles = {str(span.style) for span in text.spans}
    assert {"bold green", "bold red", "bold yellow", "dim strike"} <= styles
    assert diff_text([], "vi").plain == "Cây không thay đổi."


# ------------------------------------------------------------------------------ the review screen


async def open_item(pilot: Pilot, item_id: int) -> ReviewScreen:
    screen = await open_queue(pilot, "board")
    cursor_to(screen.query_one(ItemList), item_id)
    await pilot.press("enter")
    await settle(pilot)
    review = pilot.app.screen
    assert isinstance(review, ReviewScreen) and review.detail is not None
    return review


@pilot_test
async def test_the_board_sees_the_tree_before_and_after_and_approving_changes_the_tree_at_once(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_item(pilot, ids["sort"])
        assert review.query_one("#review-tabs", TabbedContent).active == "tab-tree"  # a proposal opens on it
        changes = shown(review.query_one("#tree-changes", Static))
        assert "1. Chuyển «Lãnh đạo Bảo hiểm xã hội Việt Nam» → «Hệ thống văn bản» #1" in changes
        assert "4. Gộp «Đóng góp ý kiến dự thảo văn bản» → «Hệ thống văn bản»" in changes
        diff = shown(review.query_one("#tree-diff", Static))
        assert "+ Đề tài năm 2026  [thêm mới]  /cong-bo-de-tai-khoa-hoc/de-tai-nam-2026" in diff
        assert "→ «Hệ thống văn bản»  [gộp vào nơi khác]" in diff
        assert not review.query_one("#tree-stale").display and not review.query_one("#tree-problems").display
        assert "Các thay đổi 4" in " ".join(shown(review.query_one("#meta", Static)).split())
        assert "changes" not in shown(review.query_one("#meta", Static))  # not the raw revision meta
        assert review.check_action("rebase", ()) is False  # nothing changed underneath
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, type(review.queue_screen))
        assert f"#{ids['sort']}: Đã duyệt, chờ xuất bản." in notes(pilot)
        ws = app.workspace
        assert ws is not None
        assert [r.key for r in tree.children(ws, "vi", "vi.3")] == ["vi.1.2", "vi.3.1", "vi.3.2"]
        assert [r.name for r in tree.children(ws, "vi", "vi.6")][3] == "Bảo hiểm thất nghiệp và việc làm"
        moved = {old: key for _, old, key, _ in tree.redirects(ws)}
        assert moved["/gioi-thieu-bao-hiem-xa-hoi-viet-nam/lanh-dao-bao-hiem-xa-hoi-viet-nam"] == "vi.1.2"
        assert moved["/dong-gop-y-kien-du-thao-van-ban"] == "vi.3"


@pilot_test
async def test_a_stale_proposal_names_the_change_refuses_approval_and_its_proposer_rebases(ws_ids) -> None:
    root, ids = ws_ids
    service(root, "cuong", items.decide, ids["rename"], "approve")  # vi.2 changes under "describe"
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_item(pilot, ids["describe"])
        stale = review.query_one("#tree-stale", Static)
        assert stale.display
        warning = shown(stale)
        assert f"bởi đề xuất #{ids['rename']} «Đổi tên Tin tức» (Lê Quốc Cường, 26/11/2026 09:00)" in warning
        # The desk's proposal: a Board member does not rebase it (tree.may_revise), so no key is offered.
        assert "người đề xuất cần cập nhật đề xuất theo cây hiện tại (rebase)" in warning
        assert review.check_action("rebase", ()) is False
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)  # the Conflict, naming the change
        message = app.screen.message
        assert f"#{ids['describe']}" in message and f"#{ids['rename']} «Đổi tên Tin tức»" in message
        assert "rebase" in message
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review and review.detail.state == "board_review"
    set_language("vi")
    app = VssApp(str(root), username="hanh")  # the leadership sees proposals but does not propose
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.actor is not None
        app.push_screen(ReviewScreen(app.actor, ids["describe"]))
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.check_action("rebase", ()) is False
        assert "người đề xuất cần cập nhật" in shown(review.query_one("#tree-stale", Static))
    set_language("vi")
    app = VssApp(str(root), username="binh")  # the proposer
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.actor is not None
        app.push_screen(ReviewScreen(app.actor, ids["describe"]))
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.check_action("rebase", ()) is True
        await pilot.press("u")
        await settle(pilot)
        assert f"Đã cập nhật đề xuất #{ids['describe']} theo cây hiện tại." in notes(pilot)
        assert not review.query_one("#tree-stale").display and review.check_action("rebase", ()) is False
        assert review.detail is not None and review.detail.current.number == 2
    service(root, "cuong", items.decide, ids["describe"], "approve")
    detail = service(root, "cuong", tree.node_detail, "vi.2")
    assert detail.description == "Tin hoạt động của Ngành"


@pilot_test
async def test_a_returned_proposal_is_not_offered_for_editing_like_an_item(ws_ids) -> None:
    root, ids = ws_ids
    service(root, "cuong", items.decide, ids["rename"], "return", reason="Chưa thống nhất tên mới")
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.actor is not None
        app.push_screen(ReviewScreen(app.actor, ids["rename"]))
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.detail is not None
        assert review.detail.may_edit  # the workflow would let an editor edit a returned item ...
        assert review.check_action("edit", ()) is False  # ... but a proposal is revised, not edited
        assert "e" not in app.screen.active_bindings
        assert review.detail.state == "returned"


@pilot_test
async def test_an_ordinary_item_has_no_tree_tab(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        assert app.actor is not None
        app.push_screen(ReviewScreen(app.actor, ids["news"]))
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.view is None
        tabs = review.query_one("#review-tabs", TabbedContent)
        assert tabs.active == "tab-content" and not tabs.get_tab("tab-tree").display
        assert review.check_action("tab", ("tab-tree",)) is False and review.check_action("rebase", ()) is False


# ---------------------------------------------------------------------------------- snapshots


async def _quiet(pilot: Pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


async def _backdrop(pilot: Pilot) -> None:
    """Log in, then an empty screen under the dialog: its snapshot shows the dialog only, not the dashboard."""
    await log_in(pilot)
    await pilot.app.push_screen(Screen())


async def _change(pilot: Pilot) -> None:
    await _backdrop(pilot)
    await change_dialog(pilot, "add", "vi.6")
    await pilot.press(*"Bảo hiểm y tế", "ctrl+s")
    await _quiet(pilot)


async def _proposal(pilot: Pilot) -> None:
    await _backdrop(pilot)
    app = pilot.app
    assert isinstance(app, VssApp) and app.workspace is not None
    await push(pilot, ProposalDialog(app.workspace, [dict(c) for c in BASKET]))
    await pilot.press(*"Sắp xếp mục Hỏi - đáp")
    await _quiet(pilot)


def _tree(item_id: int):  # type: ignore[no-untyped-def]
    async def steps(pilot: Pilot) -> None:
        await open_item(pilot, item_id)
        await _quiet(pilot)

    return steps


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["change", "proposal", "tree"])
def test_snapshot(ws_ids, snap_compare, view: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    root, ids = ws_ids
    user, steps = {"change": ("binh", _change), "proposal": ("binh", _proposal),
                   "tree": ("cuong", _tree(ids["sort"]))}[view]
    app = VssApp(str(root), lang=lang, username=user)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps)
