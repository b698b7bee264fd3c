"""The virtualised ItemList: paging, cursor, marks, refresh and a slow source, driven through Pilot."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from screens.widgets import Column, ItemList

SIZE = (100, 30)
BODY = SIZE[1] - 1  # the header takes one line


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on its own event loop (no pytest asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@dataclass(frozen=True)
class Row:
    id: int
    title: str


class FakeSource:
    """100k rows in memory; counts page calls; can be grown at the front."""

    def __init__(self, n: int = 100_000) -> None:
        self.rows = [Row(i, f"Bài số {i}") for i in range(n)]
        self.calls: list[tuple[int, int]] = []
        self.lock = threading.Lock()

    def count(self) -> int:
        return len(self.rows)

    def page(self, offset: int, limit: int) -> Sequence[Row]:
        with self.lock:
            self.calls.append((offset, limit))
        return self.rows[offset : offset + limit]

    def index_of(self, key: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == key), None)


COLUMNS = [
    Column("Mã", 8, lambda r: str(r.id)),
    Column("Tiêu đề", "1fr", lambda r: r.title),
    Column("Hạn", 10, lambda r: Text("quá hạn", style="red") if r.id % 7 == 0 else "còn hạn"),
]


class ListApp(App[None]):
    def __init__(self, source: FakeSource) -> None:
        super().__init__()
        self.source = source
        self.messages: list[Any] = []

    def compose(self) -> ComposeResult:
        yield ItemList(self.source, COLUMNS, key=lambda r: r.id, id="items")

    def on_mount(self) -> None:
        self.query_one(ItemList).focus()

    def on_item_list_highlighted(self, message: ItemList.Highlighted) -> None:
        self.messages.append(message)

    def on_item_list_selected(self, message: ItemList.Selected) -> None:
        self.messages.append(message)

    def on_item_list_marks_changed(self, message: ItemList.MarksChanged) -> None:
        self.messages.append(message)


async def settle(pilot: Pilot[None], rounds: int = 50) -> None:
    """Wait until no worker runs and what they posted has been handled."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        running = [w for w in app.workers if not w.is_finished]
        if not running:
            await pilot.pause()
            return
        await app.workers.wait_for_complete(running)
    raise AssertionError("workers did not settle")


def screen_lines(app: App[None]) -> list[str]:
    items = app.query_one(ItemList)
    width = items.scrollable_content_region.width
    return [items.render_line(y).text[:width] for y in range(items.scrollable_content_region.height)]


def cursor_line(app: App[None]) -> str:
    items = app.query_one(ItemList)
    return items.render_line(items.cursor_index - round(items.scroll_y) + 1).text


@pilot_test
async def test_the_first_screen_fetches_a_page_or_two_never_everything() -> None:
    source = FakeSource()
    app = ListApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        items = app.query_one(ItemList)
        assert items.row_count == 100_000
        assert 1 <= len(source.calls) <= 2
        assert all(limit <= 100 for _, limit in source.calls)
        lines = screen_lines(app)
        assert "Tiêu đề" in lines[0]
        assert "Bài số 0 " in lines[1] and "Bài số 28 " in lines[BODY]
        assert items.cursor_row == Row(0, "Bài số 0")
        assert isinstance(app.messages[-1], ItemList.Highlighted) and app.messages[-1].row.id == 0


@pilot_test
async def test_keys_move_the_cursor_and_the_right_row_is_highlighted() -> None:
    app = ListApp(FakeSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        items = app.query_one(ItemList)
        await pilot.press("j", "j", "down", "k")
        await settle(pilot)
        assert items.cursor_index == 2 and "Bài số 2 " in cursor_line(app)
        assert app.messages[-1].row.id == 2
        await pilot.press("pagedown")
        await settle(pilot)
        assert items.cursor_index == 2 + BODY - 1
        assert f"Bài số {items.cursor_index} " in cursor_line(app)
        await pilot.press("G")
        await settle(pilot)
        assert items.cursor_index == 99_999
        assert "Bài số 99999" in cursor_line(app)
        assert "Bài số 99999" in screen_lines(app)[-1]
        assert app.messages[-1].row.id == 99_999
        await pilot.press("g")
        await settle(pilot)
        assert items.cursor_index == 0 and round(items.scroll_y) == 0
        await pilot.press("end", "up", "enter")
        await settle(pilot)
        assert isinstance(app.messages[-1], ItemList.Selected) and app.messages[-1].row.id == 99_998


@pilot_test
async def test_jumping_to_the_end_fetches_only_the_pages_there() -> None:
    source = FakeSource()
    app = ListApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        source.calls.clear()
        await pilot.press("G")
        await settle(pilot)
        assert source.calls and all(offset >= 99_800 for offset, _ in source.calls)


@pilot_test
async def test_space_marks_and_shift_marks_a_range() -> None:
    app = ListApp(FakeSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        items = app.query_one(ItemList)
        await pilot.press("j", "space")
        await settle(pilot)
        assert items.marked == {1}
        assert isinstance(app.messages[-1], ItemList.MarksChanged) and app.messages[-1].keys == {1}
        assert cursor_line(app).startswith("●")
        await pilot.press("j", "j", "j", "shift+space")
        await settle(pilot)
        assert items.marked == {1, 2, 3, 4}
        await pilot.press("shift+down")
        await settle(pilot)
        assert items.marked == {1, 2, 3, 4} and items.cursor_index == 5
        await pilot.press("shift+down", "space")
        await settle(pilot)
        assert items.marked == {1, 2, 3, 4, 5, 6}
        await pilot.press("space")
        await settle(pilot)
        assert items.marked == {1, 2, 3, 4, 5}
        await pilot.press("G", "shift+space")  # the range crosses pages that were never loaded
        await settle(pilot)
        assert items.marked == set(range(1, 100_000))  # 1..5, then 6..99999 from the anchor at 6


@pilot_test
async def test_refresh_keeps_the_cursor_on_the_same_key_and_keeps_marks() -> None:
    source = FakeSource()
    app = ListApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        items = app.query_one(ItemList)
        for _ in range(40):
            await pilot.press("j")
        await pilot.press("space")
        await settle(pilot)
        screen_row = items.cursor_index - round(items.scroll_y)
        source.rows[0:0] = [Row(-i, f"Mới {i}") for i in range(1, 6)]
        items.refresh_data()
        await settle(pilot)
        assert items.row_count == 100_005
        assert items.cursor_index == 45 and items.cursor_row == Row(40, "Bài số 40")
        assert items.cursor_index - round(items.scroll_y) == screen_row  # the row did not jump on screen
        assert "Bài số 40 " in cursor_line(app)
        assert items.marked == {40}


class GatedSource(FakeSource):
    """Pages wait until the test opens the gate: a source as slow as we like, without timing anything."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()

    def page(self, offset: int, limit: int) -> Sequence[Row]:
        self.gate.wait(timeout=30)
        return super().page(offset, limit)


@pilot_test
async def test_a_slow_source_does_not_block_the_keys() -> None:
    source = GatedSource()
    app = ListApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = app.query_one(ItemList)
        await settle(pilot)  # count + first page
        source.gate.clear()  # from now on every page hangs until the gate opens
        await pilot.press("G")
        await pilot.press("k", "k", "k")
        assert items.cursor_index == 99_996  # the keys were handled while the page was still on its way
        assert items.cursor_row is None and "…" in cursor_line(app)
        source.gate.set()
        await settle(pilot)
        assert "Bài số 99996" in cursor_line(app)


@pilot_test
async def test_a_click_moves_the_cursor() -> None:
    app = ListApp(FakeSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(ItemList, offset=(10, 6))
        await settle(pilot)
        assert app.query_one(ItemList).cursor_index == 5


def test_item_list_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "space", "j")
        await settle(pilot)

    assert snap_compare(ListApp(FakeSource(200)), terminal_size=SIZE, run_before=run_before)
