"""The review queues and the review screen, driven like an editor would (Textual Pilot).

The workspace is built through the services at a fixed moment, and the app runs at another (time-machine),
so received dates, due dates and their colours are the same on every run and the snapshots hold still.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static, TabbedContent, TextArea

from console.i18n import set_language
from console.services import auth, items, queries
from console.workspace import open_workspace
from screens.app import VssApp
from screens.dialogs import AssignDialog, BulkResultScreen, ConfirmDialog, EditDialog, ReasonDialog, TextDialog
from screens.error import ErrorModal
from screens.help import HelpScreen, key_rows
from screens.queue import QueueScreen
from screens.review import ReviewScreen
from screens.widgets.item_list import ItemList
from tests.test_tui import PASSWORD, log_in, pilot_test, settle
from tests.tui_workspace import service, staffed, workspace_fixtures

SIZE = (130, 38)


def _build(root: Path) -> dict[str, int]:
    ws = staffed(root, [
        ("lan", "Nguyễn Thị Lan", [("VP", "contributor")]),
        ("binh", "Trần Văn Bình", [("TTTT", "editor")]),
        ("hoa", "Phạm Thị Hoa", [("TTTT", "editor")]),
        ("cuong", "Lê Quốc Cường", [("BBT", "board_member")]),
        ("giang", "Đỗ Hương Giang", [("BBT", "board_member"), ("VP", "contributor")]),
        ("dung", "Vũ Tiến Dũng", [("BBT", "board_head")]),
    ])
    try:
        lan, binh, giang = (auth.login(ws, u, PASSWORD) for u in ("lan", "binh", "giang"))

        def submit(title: str, by=lan, occurred: str | None = None, **kw) -> int:  # type: ignore[no-untyped-def]
            # Unit activity is due 1 working day after the information (Đ11.1a): the queue colours it.
            kind = {"content_type": "unit_activity", "meta": {"occurred_on": occurred}} if occurred else {
                "content_type": "news_event"}
            draft = items.Draft(portal="vi", category="vi.2", unit="VP", title=title, **kind,
                                summary=kw.pop("summary", ""), body_md=kw.pop("body", "Nội dung tin."),
                                author=kw.pop("author", "Nguyễn Thị Lan"), source=kw.pop("source", "Văn phòng"))
            return items.create(ws, by, draft).id

        ids: dict[str, int] = {}
        ids["inbox1"] = submit("Hướng dẫn điều chỉnh lương hưu từ tháng 7", summary="Mức lương hưu mới")
        ids["inbox2"] = submit("Đối thoại chính sách bảo hiểm y tế tại Hà Nội")
        ids["inbox3"] = submit("Tập huấn nghiệp vụ thu bảo hiểm xã hội", source="")
        for key, title, occurred in (("board1", "Hội nghị tổng kết công tác năm 2026", "2026-11-20"),  # overdue
                                     ("board2", "Triển khai dịch vụ công trực tuyến mới", "2026-11-25"),  # today
                                     ("board3", "Kết quả giải quyết chế độ ốm đau, thai sản", "2026-11-26")):
            ids[key] = submit(title, occurred=occurred)
        ids["own"] = submit("Bài của thành viên Ban Biên tập", by=giang)
        ids["diff"] = submit("Thông báo lịch nghỉ Tết Nguyên đán",
                             body="Cán bộ được nghỉ Tết từ ngày 14/2 đến hết 22/2.")
        for key in ("board1", "board2", "board3", "own", "diff"):
            items.decide(ws, binh, ids[key], "accept")
        items.edit(ws, binh, ids["diff"], body_md="Cán bộ, viên chức nghỉ Tết từ ngày 14/2 đến hết ngày 22/2/2027.")
        for key in ("board1", "board2", "board3", "own", "diff"):
            items.decide(ws, binh, ids[key], "send_to_board")
        items.comment(ws, binh, ids["board1"], "Đã kiểm tra số liệu với Văn phòng.")
        return ids
    finally:
        ws.close()


template, ws_ids, _clock_and_language = workspace_fixtures(_build, "queue")



async def open_queue(pilot: Pilot, key: str) -> QueueScreen:
    await log_in(pilot)
    pilot.app.open_queue(key)  # type: ignore[attr-defined]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen


def shown(static: Static) -> str:
    """The text a Static shows, whatever it was given (a string, a rich Text or a table)."""
    import io

    from rich.console import Console
    from rich.text import Text

    content = static.content
    if isinstance(content, str):
        return content
    if isinstance(content, Text):
        return content.plain
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(content)
    return console.file.getvalue()  # type: ignore[attr-defined]


def cursor_to(lst: ItemList, item_id: int) -> int:
    """Put the list's cursor on the item (its page is loaded in these small queues); its index."""
    index = next(i for i in range(lst.row_count) if lst.row_at(i).id == item_id)
    lst.move_cursor(index)
    return index


def titles(screen: QueueScreen) -> list[str]:
    lst = screen.query_one(ItemList)
    return [lst.row_at(i).title for i in range(lst.row_count)]


def head(screen: QueueScreen) -> str:
    return shown(screen.query_one("#queue-head", Static))


def notes(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


# ----------------------------------------------------------------------------------- queues


@pilot_test
async def test_enter_on_the_dashboard_opens_the_queue_with_its_counts(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        table = app.screen.query_one("#queues", DataTable)
        table.move_cursor(row=table.get_row_index("inbox"))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.queue.key == "inbox"
        assert "Chờ tiếp nhận" in head(screen) and "3 mục, 3 cần bạn xử lý" in head(screen)
        assert len(titles(screen)) == 3
        await pilot.press("escape")
        assert type(app.screen).__name__ == "DashboardScreen"


@pilot_test
async def test_sort_cycles_and_title_order_is_vietnamese(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        for _ in range(3):  # due -> received -> unit -> title
            await pilot.press("o")
            await settle(pilot)
        assert screen.sort == "title" and "tiêu đề" in head(screen)
        assert titles(screen) == [
            "Bài của thành viên Ban Biên tập", "Hội nghị tổng kết công tác năm 2026",
            "Kết quả giải quyết chế độ ốm đau, thai sản", "Thông báo lịch nghỉ Tết Nguyên đán",
            "Triển khai dịch vụ công trực tuyến mới",
        ]


@pilot_test
async def test_find_jumps_to_matches_without_diacritics_and_n_wraps(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "inbox")
        lst = screen.query_one(ItemList)
        await pilot.press("slash")
        assert screen.query_one("#find-bar").display and lst.has_focus  # typed into the bar, the list keeps focus
        await pilot.press(*"bao hiemx", "backspace")
        assert "bao hiem" in shown(screen.query_one("#find-bar", Static))
        await pilot.press("enter")
        await settle(pilot)
        first = lst.cursor_row.title
        assert "bảo hiểm" in first.lower()
        await pilot.press("n")
        await settle(pilot)
        second = lst.cursor_row.title
        assert second != first and "bảo hiểm" in second.lower()
        await pilot.press("n")  # wraps around to the first match
        await settle(pilot)
        assert lst.cursor_row.title == first
        await pilot.press("N")
        await settle(pilot)
        assert lst.cursor_row.title == second
        await pilot.press("slash", *"khong co dau", "enter")
        await settle(pilot)
        assert any("khong co dau" in n for n in notes(pilot))
        assert not screen.query_one("#find-bar").display
        await pilot.press("slash", *"bao", "escape")  # Esc cancels: nothing found, nothing moved
        assert not screen.query_one("#find-bar").display and screen.find_text == "khong co dau"


@pilot_test
async def test_the_filter_dialog_narrows_the_queue_and_clear_widens_it(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert dialog.__class__.__name__ == "FilterDialog"
        dialog.query_one("#filter-text", Input).value = "tet nguyen dan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert titles(screen) == ["Thông báo lịch nghỉ Tết Nguyên đán"]
        assert "lọc" in head(screen) and "tet nguyen dan" in head(screen)
        await pilot.press("f")
        await settle(pilot)
        await pilot.click("#filter-clear")
        await settle(pilot)
        assert len(titles(screen)) == 5


# --------------------------------------------------------------------------------- decisions


@pilot_test
async def test_accept_from_the_review_screen_returns_to_the_next_item(ws_ids) -> None:
    root, _ids = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "inbox")
        first = screen.query_one(ItemList).cursor_row
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.detail is not None
        assert review.detail.id == first.id
        meta = shown(review.query_one("#meta", Static))
        assert "Văn phòng" in meta and "Nguồn" in meta  # the source (Đ8.3)
        rows = dict(key_rows(review))
        assert "Tiếp nhận biên tập" in rows.values()  # the "a" key says what it does here
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen
        assert f"#{first.id}: Đang biên tập." in notes(pilot)
        assert first.title not in titles(screen) and len(titles(screen)) == 2
        assert screen.query_one(ItemList).cursor_index == 0


@pilot_test
async def test_return_needs_a_reason_and_the_submitter_sees_it(ws_ids) -> None:
    root, _ids = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "inbox")
        await pilot.press("enter")
        await settle(pilot)
        item_id = app.screen.detail.id
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        templates = dialog.query_one("#reason-templates", OptionList)
        assert templates.option_count >= 5 and templates.has_focus
        await pilot.press("ctrl+s")  # nothing chosen, nothing typed: refused here
        assert app.screen is dialog
        assert "cần nêu lý do" in shown(dialog.query_one("#reason-error", Static))
        area = dialog.query_one("#reason-text", TextArea)
        assert area.has_focus  # to type the reason
        await pilot.press("shift+tab", "enter")  # back to the templates: insert the first one
        assert "Điều 8 khoản 3" in area.text and area.has_focus
        await pilot.press(*" Xin bổ sung.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("Bị trả lại" in n for n in notes(pilot))
    ws = open_workspace(root)
    try:
        lan = auth.login(ws, "lan", PASSWORD)
        mine = queries.list_queue(ws, lan, "submitted", limit=50)
        assert item_id in [r.id for r in mine if r.state == "returned"]
        reason = queries.item_detail(ws, lan, item_id).decisions[-1].reason
        assert reason.startswith("Chưa ghi rõ tác giả") and reason.endswith("Xin bổ sung.")
    finally:
        ws.close()
    set_language("vi")
    app = VssApp(str(root), username="lan")  # the submitter, in her queue of submitted items
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "submitted")
        lst = screen.query_one(ItemList)
        index = next(i for i in range(lst.row_count) if lst.row_at(i).id == item_id)
        lst.move_cursor(index)
        await settle(pilot)
        reason_column = lst.columns[-1]
        assert reason_column.title == "Lý do trả lại, từ chối"
        assert reason_column.getter(lst.row_at(index)).startswith("Chưa ghi rõ tác giả")  # seen in her queue
        await pilot.press("enter")
        await settle(pilot)
        app.screen.action_tab("tab-decisions")
        await pilot.pause()
        table = app.screen.query_one("#review-decisions", DataTable)
        last = [str(c) for c in table.get_row_at(table.row_count - 1)]
        assert "Trả lại" in last and any("Xin bổ sung." in c for c in last)


@pilot_test
async def test_actions_not_allowed_are_not_offered_and_a_stale_attempt_is_refused_with_why(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="giang")  # Board member who wrote "own"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        lst = screen.query_one(ItemList)
        index = next(i for i in range(lst.row_count) if lst.row_at(i).id == ids["own"])
        lst.move_cursor(index)
        await pilot.pause()
        assert screen.check_action("decide", ("forward",)) is False  # her own item: not offered
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert "approve" not in review.detail.actions
        assert review.check_action("decide", ("forward",)) is False
        assert "a" not in {b.binding.key for b in app.active_bindings.values() if b.binding.action.startswith("dec")}
        review.action_decide("forward")  # a stale screen tries anyway
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "phân tách nhiệm vụ" in app.screen.message


@pilot_test
async def test_a_conflict_names_who_did_what_reloads_and_keeps_the_typed_reason(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        lst = screen.query_one(ItemList)
        cursor_to(lst, ids["board2"])
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        seen = review.detail.version
        service(root, "dung", items.assign, ids["board2"], "giang")  # the head acts first
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("tab", *"Cần bổ sung ảnh", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        message = app.screen.message
        assert "dung" in message and "phân công" in message
        await pilot.press("escape")
        await settle(pilot)
        assert review.detail.version > seen and review.detail.assignee == "giang"  # reloaded
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#reason-text", TextArea).text == "Cần bổ sung ảnh"  # nothing lost


@pilot_test
async def test_bulk_approve_reports_each_item_and_keeps_the_refused_ones_marked(ws_ids) -> None:
    root, ids = ws_ids
    service(root, "dung", items.claim, ids["board3"])  # someone else holds a lock on one of them
    app = VssApp(str(root), username="giang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        lst = screen.query_one(ItemList)
        wanted = {ids["board1"], ids["board3"], ids["own"]}
        for i in range(lst.row_count):
            if lst.row_at(i).id in wanted:
                lst.move_cursor(i)
                await pilot.press("space")
        assert lst.marked == wanted and "đã đánh dấu 3" in head(screen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        result = app.screen
        assert isinstance(result, BulkResultScreen)
        assert "1 đã làm, 2 bị từ chối" in result.query_one("#bulk-box").border_title
        table = result.query_one("#bulk-table", DataTable)
        rows = {r: " ".join(str(c) for c in table.get_row(str(r))) for r in wanted}
        assert "Đã duyệt" in rows[ids["board1"]]
        assert "phân tách nhiệm vụ" in rows[ids["own"]]
        assert "Vũ Tiến Dũng" in rows[ids["board3"]]  # the lock holder
        await pilot.press("enter")
        await settle(pilot)
        assert lst.marked == {ids["board3"], ids["own"]}
        assert "Hội nghị tổng kết công tác năm 2026" not in titles(screen)


@pilot_test
async def test_bulk_return_takes_one_reason_for_all(ws_ids) -> None:
    root, _ids = ws_ids
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "inbox")
        await pilot.press("space", "down", "space")
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog) and "2 mục" in dialog.query_one("#reason-box").border_title
        await pilot.press("tab", *"Trùng với tin đã đăng tuần trước", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BulkResultScreen)
        assert "2 đã làm, 0 bị từ chối" in app.screen.query_one("#bulk-box").border_title
        await pilot.press("escape")
        await settle(pilot)
        assert len(titles(screen)) == 1 and not screen.query_one(ItemList).marked


@pilot_test
async def test_another_editors_change_shows_up_without_moving_the_cursor(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        lst = screen.query_one(ItemList)
        lst.move_cursor(2)
        await settle(pilot)
        on = lst.cursor_row.id
        screen._poll()
        await settle(pilot)
        service(root, "binh", items.decide, ids["inbox1"], "accept")
        service(root, "binh", items.decide, ids["inbox1"], "send_to_board")  # a new item reaches the Board
        screen._poll()  # the timer's tick
        await settle(pilot)
        assert lst.row_count == 6
        assert lst.cursor_row.id == on


# ---------------------------------------------------------------------------------- review


@pilot_test
async def test_the_diff_tab_shows_what_changed_between_revisions(ws_ids) -> None:
    root, ids = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        lst = screen.query_one(ItemList)
        cursor_to(lst, ids["diff"])
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        review = app.screen
        assert review.query_one("#review-tabs", TabbedContent).active == "tab-diff"
        assert review.query_one("#diff-from", Select).value == 1 and review.query_one("#diff-to", Select).value == 2
        text = review.query_one("#diff-text", Static).content
        assert "viên chức" in str(text)
        styles = {str(span.style) for span in text.spans}
        assert any("green" in s for s in styles) and any("strike" in s for s in styles)
        assert "bớt 1 từ" in shown(review.query_one("#diff-fields", Static))


@pilot_test
async def test_comment_reply_lock_assign_and_edit_from_the_review_screen(ws_ids) -> None:
    root, ids = ws_ids
    service(root, "binh", items.decide, ids["inbox3"], "accept")  # in editing: the desk may edit it
    app = VssApp(str(root), username="binh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "editing")
        lst = screen.query_one(ItemList)
        cursor_to(lst, ids["inbox3"])
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert "Nguồn" in shown(review.query_one("#meta", Static))  # own material: its unit is the source
        # comment, then reply to it
        await pilot.press("c")
        assert isinstance(app.screen, TextDialog)
        await pilot.press("ctrl+s")
        assert "trống" in shown(app.screen.query_one("#text-error", Static)).lower()
        await pilot.press(*"Cần ghi nguồn", "ctrl+s")
        await settle(pilot)
        assert [c.body for c in review.detail.comments] == ["Cần ghi nguồn"]
        review.action_tab("tab-comments")
        review.query_one("#review-comments", OptionList).highlighted = 0
        await pilot.press("R")
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Đã bổ sung", "ctrl+s")
        await settle(pilot)
        assert [c.parent_id for c in review.detail.comments][1] == review.detail.comments[0].id
        # lock, release
        await pilot.press("l")
        await settle(pilot)
        assert review.detail.lock_holder == "binh"
        await pilot.press("l")
        await settle(pilot)
        assert review.detail.lock_holder is None
        # assign
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AssignDialog)
        app.screen.query_one("#assign-user", Select).value = "hoa"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert review.detail.assignee == "hoa"
        # edit: a new revision with a source
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditDialog)
        app.screen.query_one("#edit-source", Input).value = "Ban Thu, BHXH Việt Nam"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert review.detail.current.number == 2 and review.detail.current.source == "Ban Thu, BHXH Việt Nam"
        assert "Ban Thu, BHXH Việt Nam" in shown(review.query_one("#meta", Static))
        # the type's own fields: a bad date is refused with the reason, and what was typed is kept
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#edit-meta-event_date", Input).value = "31/12/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal) and "31/12/2026" in app.screen.message
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#edit-meta-event_date", Input)
        assert field.value == "31/12/2026"
        field.value = "2026-12-31"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert review.detail.current.number == 3 and review.detail.current.meta["event_date"] == "2026-12-31"


@pilot_test
async def test_breaking_a_lock_is_offered_only_to_those_allowed_and_asks_why(ws_ids) -> None:
    root, ids = ws_ids
    service(root, "cuong", items.claim, ids["board1"])
    for user, offered in (("giang", False), ("dung", True)):
        set_language("vi")
        app = VssApp(str(root), username=user)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_queue(pilot, "board")
            lst = screen.query_one(ItemList)
            cursor_to(lst, ids["board1"])
            assert "cuong" in str(lst.cursor_row.lock_holder)
            await pilot.press("enter")
            await settle(pilot)
            review = app.screen
            assert review.check_action("break_lock", ()) is offered
            assert review.check_action("lock", ()) is False  # someone else holds it
            if offered:
                await pilot.press("b")
                await settle(pilot)
                assert isinstance(app.screen, ReasonDialog)
                await pilot.press(*"Biên tập viên nghỉ phép", "ctrl+s")
                await settle(pilot)
                assert review.detail.lock_holder is None


@pilot_test
async def test_next_and_previous_walk_the_queue_from_the_review_screen(ws_ids) -> None:
    root, _ = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_queue(pilot, "board")
        order = [screen.query_one(ItemList).row_at(i).id for i in range(5)]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.detail.id == order[1]
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert app.screen.detail.id == order[0]
        assert any("Không còn mục" in n for n in notes(pilot))


@pilot_test
async def test_help_is_built_from_the_live_bindings_and_the_palette_has_every_action(ws_ids) -> None:
    from screens.commands import commands_for

    root, _ = ws_ids
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "board")
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = [str(c) for row in app.screen.query_one("#help-keys", DataTable).rows
                 for c in app.screen.query_one("#help-keys", DataTable).get_row(row)]
        assert "Duyệt" in shown and "Trả lại" in shown and "Bình luận" in shown
        assert "Sửa" not in shown  # a Board member does not edit in review
        await pilot.press("escape")
        titles_ = [c.title for c in commands_for(app, review)]
        assert {"Duyệt", "Trả lại", "Từ chối", "Bình luận", "So sánh phiên bản"} <= set(titles_)
        assert "Sửa" not in titles_


# ------------------------------------------------------------------ preferences and keymap


@pilot_test
async def test_a_keymap_in_the_config_file_remaps_a_binding_and_the_theme_is_remembered(ws_ids, monkeypatch,
                                                                                         tmp_path) -> None:
    root, _ids = ws_ids
    config = tmp_path / "prefs" / "config.toml"
    config.parent.mkdir()
    config.write_text('# my settings\n[keymap]\n"review.forward" = "A"\n"no.such" = "z"\n', encoding="utf-8")
    monkeypatch.setenv("VSS_CONSOLE_CONFIG", str(config))
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        assert any("no.such" in n for n in notes(pilot))
        screen = await open_queue(pilot, "board")
        first = screen.query_one(ItemList).cursor_row.id
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")  # no longer bound
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("A")
        await settle(pilot)
        assert app.screen is screen and first not in [screen.query_one(ItemList).row_at(0).id]
        app.theme = "gruvbox"
        await pilot.pause()
    text = config.read_text(encoding="utf-8")
    assert text.startswith('theme = "gruvbox"\n# my settings\n[keymap]')
    set_language("vi")
    app = VssApp(str(root), username="cuong")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "gruvbox"


def test_a_broken_config_file_is_reported_and_never_overwritten(tmp_path: Path) -> None:
    from console import preferences

    path = tmp_path / "config.toml"
    path.write_text('theme = "nord\n[keymap', encoding="utf-8")
    prefs = preferences.load(path)
    assert not prefs.readable and prefs.problems and str(path) in prefs.problems[0]
    assert preferences.save_theme(prefs, "gruvbox") is False
    assert path.read_text(encoding="utf-8") == 'theme = "nord\n[keymap'
    path.write_bytes('theme = "nord"'.encode("utf-16"))
    assert "UTF-8" in preferences.load(path).problems[0]
    path.write_text('theme = 3\n[keymap]\n"review.forward" = 7\n"queue.find" = ["slash", "ctrl+f"]\n',
                    encoding="utf-8")
    prefs = preferences.load(path)
    assert prefs.readable and prefs.theme is None and prefs.keymap == {"queue.find": "slash,ctrl+f"}
    assert len(prefs.problems) == 2
    missing = preferences.load(tmp_path / "nope.toml")
    assert missing.readable and not missing.problems
    assert preferences.save_theme(missing, "nord") and (tmp_path / "nope.toml").read_text() == 'theme = "nord"\n'


def test_every_binding_id_has_words_in_both_languages() -> None:
    from console.i18n import has
    from screens.app import known_binding_ids
    from screens.strings import BINDING_PREFIX

    ids = known_binding_ids()
    assert {"queue.forward", "review.forward", "item_list.down", "dialog.confirm"} <= ids
    assert [i for i in sorted(ids) if not has(BINDING_PREFIX + i)] == []


# ---------------------------------------------------------------------------------- snapshots


def _snap(root: Path, lang: str, steps):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_queue(pilot, "board")
        await steps(pilot)
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False

    return VssApp(str(root), lang=lang, username="cuong"), run_before


async def _nothing(pilot: Pilot) -> None:
    return None


async def _review(pilot: Pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)


async def _diff(pilot: Pilot) -> None:
    lst = pilot.app.screen.query_one(ItemList)
    lst.move_cursor(next(i for i in range(lst.row_count) if "Tết" in lst.row_at(i).title))
    await _review(pilot)
    await pilot.press("d")


async def _reason(pilot: Pilot) -> None:
    await _review(pilot)
    await pilot.press("r")
    await settle(pilot)


async def _help(pilot: Pilot) -> None:
    await _review(pilot)
    await pilot.press("question_mark")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["queue", "review", "diff", "reason", "help"])
def test_snapshot(ws_ids, snap_compare, view: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    root, _ = ws_ids
    steps = {"queue": _nothing, "review": _review, "diff": _diff, "reason": _reason, "help": _help}[view]
    app, run_before = _snap(root, lang, steps)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
