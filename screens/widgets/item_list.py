"""A virtualised list of rows for queues of 100k+ items (Toolong's shape: a Line-API ScrollView over paged data).

The widget knows nothing of the database. It asks an `ItemSource` for the row count and for pages of rows, always in a
thread worker (the calls are slow in reality), one call at a time (so a source bound to one connection is safe), and
keeps the pages in an LRU cache. Lines whose page has not arrived yet render as a dim "…"
(refreshed when it arrives).

Line 0 of the widget is the header (fixed); line y ≥ 1 shows row ``scroll_y + y - 1``, so ``virtual_size`` is
``(width, count + 1)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

__all__ = ["Column", "IndexedSource", "ItemList", "ItemSource"]

Cell = str | Text
GUTTER = 2  # the mark column: "● " or two spaces
PLACEHOLDER = "…"


class ItemSource(Protocol):
    """Where the rows come from. Called from worker threads, never concurrently by one ItemList."""

    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> Sequence[Any]: ...


@runtime_checkable
class IndexedSource(ItemSource, Protocol):
    """A source that can find a row by key, so `ItemList.refresh_data` keeps the cursor on the same row."""

    def index_of(self, key: Any) -> int | None: ...


@dataclass(frozen=True)
class Column:
    """A column: its title, its width (cells as an int, or a share of what is left as "2fr"), and how to show a row."""

    title: str
    width: int | str
    getter: Callable[[Any], Cell]


ColumnSpec = Column | tuple[str, int | str, Callable[[Any], Cell]]


def _fit(value: str, width: int) -> str:
    """Cut or pad a plain string to exactly `width` cells, with an ellipsis when cut."""
    value = value.replace("\n", " ")
    size = cell_len(value)
    if size <= width:
        return value + " " * (width - size)
    return set_cell_size(value, width - 1) + "…" if width > 0 else ""


def layout(columns: Sequence[Column], width: int) -> list[int]:
    """The width of each column for a list `width` cells wide (after the mark gutter and one space between columns)."""
    fixed = [c.width if isinstance(c.width, int) else 0 for c in columns]
    shares = [0.0 if isinstance(c.width, int) else float(str(c.width).removesuffix("fr") or 1) for c in columns]
    spare = max(0, width - GUTTER - sum(fixed) - max(0, len(columns) - 1))
    total = sum(shares)
    widths = list(fixed)
    if total:
        given = 0
        flexible = [i for i, s in enumerate(shares) if s]
        for n, i in enumerate(flexible):
            part = spare - given if n == len(flexible) - 1 else int(spare * shares[i] / total)
            widths[i] = part
            given += part
    return widths


class ItemList(ScrollView, can_focus=True):
    """A keyboard-first list of rows fetched in pages, with a cursor and marks."""

    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .item-list--header { text-style: bold; background: $panel; color: $text-primary; }
        & > .item-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
        }
        & > .item-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .item-list--marked { color: $text-accent; }
        & > .item-list--mark { color: $text-accent; text-style: bold; }
        & > .item-list--placeholder { color: $text-disabled; }
        & > .item-list--error { color: $text-error; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-list--header",
        "item-list--cursor",
        "item-list--cursor-blurred",
        "item-list--marked",
        "item-list--mark",
        "item-list--placeholder",
        "item-list--error",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="item_list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="item_list.up"),
        Binding("g,home", "cursor_top", "Top", show=False, id="item_list.top"),
        Binding("G,end", "cursor_bottom", "Bottom", show=False, id="item_list.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="item_list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="item_list.page_up"),
        Binding("space", "toggle_mark", "Mark", id="item_list.mark"),
        Binding("shift+space", "mark_range", "Mark range", show=False, id="item_list.mark_range"),
        Binding("shift+down", "mark_down", "Mark and down", show=False, id="item_list.mark_down"),
        Binding("enter", "select", "Open", id="item_list.select"),
    ]

    # ------------------------------------------------------------------------------------------- messages

    class Highlighted(Message):
        """The cursor is on a (loaded) row."""

        def __init__(self, item_list: ItemList, index: int, row: Any) -> None:
            super().__init__()
            self.item_list = item_list
            self.index = index
            self.row = row

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Selected(Highlighted):
        """Enter (or a double click) on a row."""

    class MarksChanged(Message):
        """The set of marked keys changed."""

        def __init__(self, item_list: ItemList, keys: frozenset[Any]) -> None:
            super().__init__()
            self.item_list = item_list
            self.keys = keys

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Loaded(Message):
        """A refresh finished: the row count is known and the first rows are in."""

        def __init__(self, item_list: ItemList, count: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.count = count

        @property
        def control(self) -> ItemList:
            return self.item_list

    class LoadFailed(Message):
        """The source raised; the lines it would have filled show an error until `refresh_data`."""

        def __init__(self, item_list: ItemList, error: BaseException) -> None:
            super().__init__()
            self.item_list = item_list
            self.error = error

    class _PageLoaded(Message, bubble=False):
        def __init__(self, generation: int, page: int, rows: Sequence[Any] | None, error: BaseException | None) -> None:
            super().__init__()
            self.generation, self.page, self.rows, self.error = generation, page, rows, error

    class _Refreshed(Message, bubble=False):
        def __init__(self, generation: int, count: int, cursor: int, top: int, pages: dict[int, Sequence[Any]]) -> None:
            super().__init__()
            self.generation, self.count, self.cursor, self.top, self.pages = generation, count, cursor, top, pages

    class _RangeKeys(Message, bubble=False):
        def __init__(self, generation: int, keys: list[Any]) -> None:
            super().__init__()
            self.generation, self.keys = generation, keys

    # ----------------------------------------------------------------------------------------- life cycle

    def __init__(
        self,
        source: ItemSource,
        columns: Iterable[ColumnSpec],
        key: Callable[[Any], Any],
        *,
        page_size: int = 100,
        cache_pages: int = 64,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.source = source
        self.columns: list[Column] = [c if isinstance(c, Column) else Column(*c) for c in columns]
        self.key = key
        self.page_size = page_size
        self._pages: LRUCache[int, Sequence[Any]] = LRUCache(cache_pages)
        self._lines: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)
        self._pending: set[int] = set()
        self._failed: set[int] = set()
        self._lock = threading.Lock()  # one source call at a time
        self._generation = 0
        self._refreshing = False
        self._count = 0
        self._cursor = 0
        self._anchor: int | None = None  # where the last mark was set, for shift+space
        self._highlight_pending = True
        self._marks: set[Any] = set()
        self._widths: tuple[int, list[int]] = (-1, [])

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()

    # --------------------------------------------------------------------------------------------- public

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def cursor_index(self) -> int:
        return self._cursor

    @property
    def cursor_row(self) -> Any | None:
        """The row under the cursor, or None while its page is loading."""
        return self.row_at(self._cursor)

    @property
    def marked(self) -> frozenset[Any]:
        return frozenset(self._marks)

    @property
    def fetching(self) -> bool:
        """True while a count or a page the list is waiting for is being fetched."""
        return self._refreshing or bool(self._pending)

    def row_at(self, index: int) -> Any | None:
        """The row at `index` if its page is cached (no fetch)."""
        if not 0 <= index < self._count:
            return None
        rows = self._pages.get(index // self.page_size)
        offset = index % self.page_size
        return rows[offset] if rows is not None and offset < len(rows) else None

    def refresh_data(self) -> None:
        """Count again and reload; the cursor stays on the same row key if the source can find it, marks are kept."""
        self._generation += 1
        self._refreshing = True
        self._pending.clear()
        row = self.cursor_row
        self._refresh_worker(
            self._generation,
            None if row is None else self.key(row),
            self._cursor,
            self._cursor - round(self.scroll_y),
            self._body_height,
        )

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and scroll it into view."""
        if self._count == 0:
            return
        index = max(0, min(index, self._count - 1))
        old, self._cursor = self._cursor, index
        self._refresh_row(old)
        self._refresh_row(index)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + self._body_height:
            self.scroll_to(y=index - self._body_height + 1, animate=False, immediate=True)
        self._request_visible()
        if old != index or self._highlight_pending:
            self._highlight_pending = True
            self._post_highlight()

    def set_marks(self, keys: Iterable[Any]) -> None:
        self._marks = set(keys)
        self._lines.clear()
        self.refresh()
        self.post_message(self.MarksChanged(self, self.marked))

    def clear_marks(self) -> None:
        self.set_marks(())

    # -------------------------------------------------------------------------------------------- actions

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_top(self) -> None:
        self.move_cursor(0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(self._count - 1)

    def action_page_down(self) -> None:
        step = max(1, self._body_height - 1)
        self.scroll_to(y=round(self.scroll_y) + step, animate=False, immediate=True)
        self.move_cursor(self._cursor + step)

    def action_page_up(self) -> None:
        step = max(1, self._body_height - 1)
        self.scroll_to(y=round(self.scroll_y) - step, animate=False, immediate=True)
        self.move_cursor(self._cursor - step)

    def action_toggle_mark(self) -> None:
        row = self.cursor_row
        if row is None:
            return
        key = self.key(row)
        if key in self._marks:
            self._marks.discard(key)
        else:
            self._marks.add(key)
        self._anchor = self._cursor
        self._refresh_row(self._cursor)
        self.post_message(self.MarksChanged(self, self.marked))

    def action_mark_down(self) -> None:
        row = self.cursor_row
        if row is not None and self.key(row) not in self._marks:
            self._marks.add(self.key(row))
            self.post_message(self.MarksChanged(self, self.marked))
        self._anchor = self._cursor
        self.move_cursor(self._cursor + 1)
        self._refresh_row(self._anchor)

    def action_mark_range(self) -> None:
        """Mark every row between the last mark and the cursor (pages not in the cache are fetched in a worker)."""
        if self._count == 0:
            return
        anchor = self._cursor if self._anchor is None else min(self._anchor, self._count - 1)
        low, high = sorted((anchor, self._cursor))
        rows = [self.row_at(i) for i in range(low, high + 1)]
        if all(r is not None for r in rows):
            self._add_marks([self.key(r) for r in rows])
        else:
            self._range_worker(self._generation, low, high - low + 1)
        self._anchor = self._cursor

    def action_select(self) -> None:
        row = self.cursor_row
        if row is not None:
            self.post_message(self.Selected(self, self._cursor, row))

    # ---------------------------------------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index < self._count:
            self.move_cursor(index)
            if event.chain >= 2:
                self.action_select()

    # ---------------------------------------------------------------------------------------------- workers

    @work(thread=True, group="item_list.refresh", exclusive=True, exit_on_error=False)
    def _refresh_worker(self, generation: int, key: Any, cursor: int, screen_row: int, height: int) -> None:
        pages: dict[int, Sequence[Any]] = {}
        try:
            with self._lock:
                count = self.source.count()
                indexed = key is not None and isinstance(self.source, IndexedSource)
                found = self.source.index_of(key) if indexed else None  # type: ignore[attr-defined]
                cursor = max(0, min(cursor if found is None else found, count - 1))
                top = max(0, min(cursor - max(0, screen_row), count - height))
                size = self.page_size
                for page in range(top // size, (top + max(1, height)) // size + 1):
                    if page * size < count:
                        pages[page] = self.source.page(page * size, size)
        except Exception as error:  # the source's own failure, reported to the app
            self.post_message(self.LoadFailed(self, error))
            self.post_message(self._Refreshed(generation, 0, 0, 0, {}))
            return
        self.post_message(self._Refreshed(generation, count, cursor, top, pages))

    @work(thread=True, group="item_list.pages", exit_on_error=False)
    def _page_worker(self, generation: int, page: int) -> None:
        rows: Sequence[Any] | None = None
        error: BaseException | None = None
        with self._lock:
            if generation == self._generation and self._wanted(page):
                try:
                    rows = self.source.page(page * self.page_size, self.page_size)
                except Exception as exc:
                    error = exc
        self.post_message(self._PageLoaded(generation, page, rows, error))

    @work(thread=True, group="item_list.range", exit_on_error=False)
    def _range_worker(self, generation: int, offset: int, limit: int) -> None:
        try:
            with self._lock:
                rows = self.source.page(offset, limit)
        except Exception as error:
            self.post_message(self.LoadFailed(self, error))
            return
        self.post_message(self._RangeKeys(generation, [self.key(r) for r in rows]))

    @on(_Refreshed)
    def _on_refreshed(self, message: _Refreshed) -> None:
        if message.generation != self._generation:
            return
        self._refreshing = False
        self._pages.clear()
        self._failed.clear()
        self._lines.clear()
        for page, rows in message.pages.items():
            self._pages[page] = rows
        self._count = message.count
        self.virtual_size = Size(self.size.width, message.count + 1)
        self._cursor = message.cursor
        self.scroll_to(y=message.top, animate=False, immediate=True)
        self._highlight_pending = True
        self.refresh()
        self._request_visible()
        self._post_highlight()
        self.post_message(self.Loaded(self, message.count))

    @on(_PageLoaded)
    def _on_page_loaded(self, message: _PageLoaded) -> None:
        if message.generation != self._generation:
            return
        self._pending.discard(message.page)
        if message.error is not None:
            self._failed.add(message.page)
            self.post_message(self.LoadFailed(self, message.error))
        elif message.rows is not None:
            self._pages[message.page] = message.rows
        else:
            return  # skipped: scrolled away before its turn
        self._refresh_rows(message.page * self.page_size, self.page_size)
        self._post_highlight()

    @on(_RangeKeys)
    def _on_range_keys(self, message: _RangeKeys) -> None:
        if message.generation == self._generation:
            self._add_marks(message.keys)

    # ---------------------------------------------------------------------------------------------- paging

    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _visible_pages(self) -> range:
        top = round(self.scroll_y)
        last = min(self._count - 1, top + self._body_height)  # one more row than fits: the prefetch edge
        return range(top // self.page_size, last // self.page_size + 2)  # plus the page after the viewport

    def _wanted(self, page: int) -> bool:
        """Still worth fetching: near the viewport or the cursor (read from a worker thread; stale is fine)."""
        near = self._visible_pages()
        return near.start - 1 <= page < near.stop + 1 or page == self._cursor // self.page_size

    def _request_page(self, page: int) -> None:
        if (
            self._refreshing
            or page < 0
            or page * self.page_size >= self._count
            or page in self._pending
            or page in self._failed
            or page in self._pages
        ):
            return
        self._pending.add(page)
        self._page_worker(self._generation, page)

    def _request_visible(self) -> None:
        for page in self._visible_pages():
            self._request_page(page)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._request_visible()

    def _post_highlight(self) -> None:
        row = self.cursor_row
        if self._highlight_pending and row is not None:
            self._highlight_pending = False
            self.post_message(self.Highlighted(self, self._cursor, row))

    def _add_marks(self, keys: Iterable[Any]) -> None:
        before = len(self._marks)
        self._marks.update(keys)
        if len(self._marks) != before:
            self._lines.clear()
            self.refresh()
            self.post_message(self.MarksChanged(self, self.marked))

    # -------------------------------------------------------------------------------------------- drawing

    def _refresh_row(self, index: int) -> None:
        self._refresh_rows(index, 1)

    def _refresh_rows(self, start: int, count: int) -> None:
        """Repaint the screen lines that show rows start..start+count (if any are on screen)."""
        top = round(self.scroll_y)
        first = max(start, top)
        last = min(start + count, top + self._body_height)
        if first < last:
            self.refresh(Region(0, first - top + 1, self.size.width, last - first))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._lines.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._lines.clear()
        self.refresh()

    def _column_widths(self, width: int) -> list[int]:
        if self._widths[0] != width:
            self._widths = (width, layout(self.columns, width))
        return self._widths[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_y) + y - 1
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        row = self.row_at(index)
        if row is None:
            self._request_page(index // self.page_size)
            failed = index // self.page_size in self._failed
            style = self.get_component_rich_style("item-list--error" if failed else "item-list--placeholder")
            text = "  ⚠" if failed else "  " + PLACEHOLDER
            strip = Strip([Segment(_fit(text, width), style)], width)
            if index == self._cursor:
                strip = strip.apply_style(self._cursor_style())
            return strip.apply_style(self.rich_style)
        key = self.key(row)
        marked = key in self._marks
        cache_key = (index, key, width, index == self._cursor, marked, self.has_focus)
        cached = self._lines.get(cache_key)
        if cached is None:
            cached = self._lines[cache_key] = self._render_row(row, width, index == self._cursor, marked)
        return cached

    def _cursor_style(self) -> Style:
        return self.get_component_rich_style("item-list--cursor" if self.has_focus else "item-list--cursor-blurred")

    def _header(self, width: int) -> Strip:
        cache_key = ("header", width)
        cached = self._lines.get(cache_key)
        if cached is not None:
            return cached
        widths = self._column_widths(width)
        text = " " * GUTTER + " ".join(_fit(c.title, w) for c, w in zip(self.columns, widths, strict=True))
        style = self.rich_style + self.get_component_rich_style("item-list--header")
        strip = self._lines[cache_key] = Strip([Segment(_fit(text, width), style)], width)
        return strip

    def _render_row(self, row: Any, width: int, cursor: bool, marked: bool) -> Strip:
        segments = [
            Segment("● ", self.get_component_rich_style("item-list--mark")) if marked else Segment(" " * GUTTER)
        ]
        console = self.app.console
        for n, (column, size) in enumerate(zip(self.columns, self._column_widths(width), strict=True)):
            if n:
                segments.append(Segment(" "))
            value = column.getter(row)
            if isinstance(value, Text):
                cell = value.copy()
                cell.plain = cell.plain.replace("\n", " ")
                cell.truncate(size, overflow="ellipsis", pad=True)
                segments.extend(cell.render(console))
            else:
                segments.append(Segment(_fit(str(value), size)))
        strip = Strip(segments).adjust_cell_length(width)
        if marked:
            strip = strip.apply_style(self.get_component_rich_style("item-list--marked"))
        if cursor:
            strip = strip.apply_style(self._cursor_style())
        return strip.apply_style(self.rich_style).simplify()
