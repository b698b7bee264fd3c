"""A review queue: the virtualised list of one queue's items, with filters, sorts, find, marks and bulk decisions.

Every read and write goes through the services (``console.services.pages`` for the list, ``items`` for
decisions) in thread workers; the screen only shows what they return. The list polls a change stamp
(``queries.change_stamp``) and reloads only when someone changed something; the cursor stays on its item
and the marks stay set.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, get_current_worker

from console.i18n import current_language, t
from console.queues import Queue, queue
from console.timefmt import local_text
from models.workflow import ACTION_LABELS, FORWARD, Action, State, forward_transition
from screens.base import OnWorkspace, PollsChanges, TypedFind, bind, localize_bindings, relabel_binding, worker_error
from screens.dialogs import BulkResultScreen, ConfirmDialog, FilterDialog, ReasonDialog
from screens.widgets.item_list import Column, ItemList

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.items import BulkResult
    from console.services.pages import QueueFilter, Sort
    from console.services.queries import ItemRow
    from console.workspace import Workspace

SORT_ORDER: tuple[Sort, ...] = ("due", "received", "unit", "title")
REASON_QUEUES = frozenset({"submitted", "returned"})
DUE_STYLES = {"overdue": "bold red", "due_today": "bold yellow", "due_soon": "yellow", "no_deadline": "dim"}


class QueueSource:
    """The ItemList's window on one queue: counts, pages by keyset (OFFSET only for jumps), and positions.

    Called from the list's worker threads, one call at a time. ``count()`` starts a new reading of the
    queue, so the keysets remembered from the previous one are dropped.
    """

    def __init__(self, ws: Workspace, actor: Actor, queue_key: str, flt: QueueFilter, sort: Sort) -> None:
        self.ws, self.actor, self.queue_key, self.flt, self.sort = ws, actor, queue_key, flt, sort
        self._after: dict[int, Any] = {}  # offset -> keyset of the row just before it
        self._before: dict[int, Any] = {}  # offset -> keyset of the row at it (for the page that ends there)
        self.total = 0
        self.actionable = 0
        # The reasons of returns and rejections, for the queues whose readers wait for them (the submitter's).
        self.with_reasons = queue_key in REASON_QUEUES
        self.reasons: dict[int, str] = {}

    def count(self) -> int:
        from console.services import pages

        self._after.clear()
        self._before.clear()
        self.total, self.actionable = pages.counts(self.ws, self.actor, self.queue_key, self.flt)
        return self.total

    def page(self, offset: int, limit: int) -> list[ItemRow]:
        from console.services import pages

        args: dict[str, Any] = {"limit": limit}
        if offset == 0:
            pass
        elif offset in self._after:
            args["after"] = self._after[offset]
        elif offset + limit in self._before:
            args["before"] = self._before[offset + limit]
        elif offset + limit >= self.total:  # the tail (G, End): read backwards from the end, no OFFSET
            args.update(last=True, limit=max(1, self.total - offset))
        else:
            args["offset"] = offset
        got = pages.page(self.ws, self.actor, self.queue_key, self.flt, self.sort, **args)
        if got.next_keyset is not None:
            self._after[offset + len(got.rows)] = got.next_keyset
        if got.prev_keyset is not None:
            self._before[offset] = got.prev_keyset
        if self.with_reasons:
            from console.services import queries

            self.reasons.update(queries.latest_reasons(self.ws, self.actor, [r.id for r in got.rows]))
        return got.rows

    def index_of(self, key: int) -> int | None:
        from console.services import pages

        return pages.index_of(self.ws, self.actor, self.queue_key, self.flt, self.sort, key)

    def find(self, text: str, from_id: int | None, forward: bool, inclusive: bool = False) -> int | None:
        """The position of the next (or previous) item matching ``text`` from ``from_id``, wrapping around."""
        from console.services import pages

        return pages.find(self.ws, self.actor, self.queue_key, self.flt, self.sort, text, from_id,
                          forward=forward, inclusive=inclusive)


def _when(value: datetime | None) -> str:
    return local_text(value) if value else "—"


def _due(row: ItemRow) -> Text:
    if row.due_at is None:
        return Text("—", style="dim")
    text = local_text(row.due_at)
    if row.due_status == "overdue":
        text += f" +{row.working_days_overdue}"
    if row.provisional:
        text += "?"
    return Text(text, style=DUE_STYLES.get(row.due_status, ""))


def _lock(row: ItemRow, now: datetime) -> str:
    if not row.lock_holder or row.lock_until is None:
        return ""
    minutes = max(0, int((row.lock_until - now).total_seconds() // 60))
    return f"{row.lock_holder} {minutes}′"


def columns(source: QueueSource | None = None) -> list[Column]:
    """The queue's columns; the submitter's queues show the reason of a return or rejection where others show
    the assignee and the lock."""
    from models import utcnow

    cols = [
        Column(t("tui.queue.col.title"), "3fr", lambda r: r.title),
        Column(t("tui.queue.col.type"), "1fr", lambda r: r.type_name),
        Column(t("tui.queue.col.unit"), 8, lambda r: r.unit),
        Column(t("tui.queue.col.category"), "1fr", lambda r: r.category),
        Column(t("tui.queue.col.received"), 16, lambda r: _when(r.submitted_at)),
        Column(t("tui.queue.col.due"), 20, _due),
    ]
    if source is not None and source.with_reasons:
        reasons = source.reasons
        cols[1:2] = [Column(t("tui.queue.col.state"), "1fr", lambda r: r.state_label)]
        cols.append(Column(t("tui.queue.col.reason"), "3fr", lambda r: reasons.get(r.id, "")))
    else:
        cols.append(Column(t("tui.queue.col.assignee"), 10, lambda r: r.assignee or ""))
        cols.append(Column(t("tui.queue.col.lock"), 12, lambda r: _lock(r, utcnow())))
    return cols


def forward_label(q: Queue, lang: str) -> str:
    """The "a" key's name in a queue: the forward action of its one state, or "move on" in a mixed queue."""
    if len(q.states) == 1:
        (state,) = q.states
        ahead = forward_transition(state)
        if ahead is not None:
            return ACTION_LABELS[ahead.action][1 if lang == "en" else 0]
    return t("tui.binding.queue.forward", lang)


class QueueScreen(TypedFind, PollsChanges, OnWorkspace, Screen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.queue"
    BINDINGS = [
        bind("escape", "back", "queue.back", show=False),
        bind("a", "decide('forward')", "queue.forward"),
        bind("r", "decide('return')", "queue.return"),
        bind("x", "decide('reject')", "queue.reject", show=False),
        bind("slash", "find", "queue.find"),
        bind("n", "find_next(True)", "queue.find_next", show=False),
        bind("N", "find_next(False)", "queue.find_prev", show=False),
        bind("f", "filter", "queue.filter"),
        bind("o", "sort", "queue.sort", show=False),
        bind("u", "unmark", "queue.unmark", show=False),
        bind("f5", "reload", "queue.reload", show=False),
    ]

    def __init__(self, actor: Actor, queue_key: str, flt: QueueFilter | None = None, sort: Sort = "due") -> None:
        from console.services.pages import QueueFilter

        super().__init__()
        self.actor = actor
        self.queue = queue(queue_key)
        self.flt = flt or QueueFilter(portal=None)
        self.sort: Sort = sort
        self.find_text = ""
        self.typing: str | None = None  # the words being typed after "/" (None: not finding)
        self._reasons: dict[str, str] = {}  # a reason typed for a decision that was refused: kept for the retry
        self._offered: tuple[bool | None, ...] | None = None  # what a/r/x offered at the last cursor move

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="queue-head", markup=False)
        source = self._source()
        yield ItemList(source, columns(source), key=lambda r: r.id, id="queue-list")
        yield Static(id="find-bar", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        localize_bindings(self.query_one(ItemList))
        self.relabel()
        self.query_one("#find-bar").display = False
        self.query_one(ItemList).focus()
        self.start_polling()

    def relabel(self) -> None:
        lang = current_language()
        localize_bindings(self.query_one(ItemList))
        relabel_binding(self, "queue.forward", forward_label(self.queue, lang))
        self._show_find()
        items = self.query_one(ItemList)
        items.columns = columns(items.source)  # type: ignore[arg-type]
        items._lines.clear()
        items.refresh()
        self._show_head()

    def _source(self) -> QueueSource:
        actor = replace(self.actor, language=current_language())
        return QueueSource(self.ws, actor, self.queue.key, self.flt, self.sort)

    def _show_head(self) -> None:
        """The queue's name, counts, sort, filter and marks (redrawn only when the text changes)."""
        lang = current_language()
        items = self.query_one(ItemList)
        source = items.source
        parts = [
            self.queue.name(lang),
            t("tui.queue.counts", total=f"{items.row_count:,}".replace(",", "."),
              actionable=f"{getattr(source, 'actionable', 0):,}".replace(",", ".")),
            t("tui.queue.sorted", sort=t(f"tui.queue.sort.{self.sort}")),
        ]
        if filters := self._filter_text():
            parts.append(t("tui.queue.filtered", filters=filters))
        if items.marked:
            parts.append(t("tui.queue.marked", n=len(items.marked)))
        text = " · ".join(parts)
        head = self.query_one("#queue-head", Static)
        if head.content != text:
            head.update(text, layout=False)

    def _filter_text(self) -> str:
        flt = self.flt
        shown = [
            (t("tui.filter.portal"), flt.portal),
            (t("tui.filter.category"), flt.category_key),
            (t("tui.filter.unit"), flt.unit),
            (t("tui.filter.type"), flt.content_type),
            (t("tui.filter.assignee"), flt.assignee),
            (t("tui.filter.text"), f"“{flt.text}”" if flt.text else None),
        ]
        return ", ".join(f"{name} {value}" for name, value in shown if value)

    # ------------------------------------------------------------------------------ list events

    @on(ItemList.Selected)
    def _open(self, event: ItemList.Selected) -> None:
        from screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.actor, event.row.id, queue_screen=self))

    @on(ItemList.Highlighted)
    def _moved(self) -> None:
        # A cursor key is the hot path: touch the footer only when what it offers changes.
        offered = tuple(self.check_action("decide", (a,)) for a in (FORWARD, "return", "reject"))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    @on(ItemList.MarksChanged)
    def _marked(self) -> None:
        self._offered = None
        self._moved()
        self._show_head()

    @on(ItemList.Loaded)
    def _reloaded(self) -> None:
        self._show_head()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            items = self.query_one(ItemList)
            if items.marked:
                return True
            row = items.cursor_row
            if row is None or not row.actionable:
                return False
            return self._row_allows(row, str(parameters[0]))
        if action == "find_next":
            return bool(self.find_text)
        if action == "unmark":
            return bool(self.query_one(ItemList).marked)
        return True

    def _row_allows(self, row: ItemRow, action: str) -> bool:
        """Whether the row's state has this step at all (the service still checks the person)."""
        from models.workflow import find_transition

        if action == FORWARD:
            return row.can_forward
        return find_transition(State(row.state), Action(action), row.content_type) is not None

    # ---------------------------------------------------------------------------------- actions

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.query_one(ItemList).refresh_data()

    def action_unmark(self) -> None:
        self.query_one(ItemList).clear_marks()

    def action_sort(self) -> None:
        self.sort = SORT_ORDER[(SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)]
        self._replace_source()

    def action_filter(self) -> None:
        def done(flt: QueueFilter | None) -> None:
            if flt is not None and flt != self.flt:
                self.flt = flt
                self._replace_source()

        self.app.push_screen(FilterDialog(self.ws, self.flt), done)

    def _replace_source(self) -> None:
        items = self.query_one(ItemList)
        items.source = source = self._source()
        items.columns = columns(source)
        items.refresh_data()
        self._show_head()

    # find (/, n, N): the cursor jumps to the next item whose title or summary has the words, typed into the bar
    # below the list while the list keeps the focus (TypedFind).

    def action_find_next(self, forward: bool = True, inclusive: bool = False) -> None:
        items = self.query_one(ItemList)
        row = items.cursor_row
        self._find_worker(items.source, self.find_text, None if row is None else row.id, forward, inclusive)

    @work(thread=True, exclusive=True, group="queue.find", exit_on_error=False)
    def _find_worker(self, source: QueueSource, text: str, start: int | None, forward: bool, inclusive: bool) -> None:
        found = source.find(text, start, forward, inclusive)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, found, text)

    def _found(self, index: int | None, text: str) -> None:
        if index is None:
            self.notify(t("tui.queue.not_found", text=text), severity="warning")
            return
        self.query_one(ItemList).move_cursor(index)

    # decisions on the marked items (or the one under the cursor)

    def action_decide(self, action: str) -> None:
        items = self.query_one(ItemList)
        ids = sorted(items.marked)
        row = items.cursor_row
        versions: dict[int, int] = {}
        if not ids:
            if row is None:
                return
            ids, versions = [row.id], {row.id: row.version}
        if action in ("return", "reject"):
            self._ask_reason(action, ids, versions)
        elif len(ids) > 1:
            question = t("tui.queue.confirm_bulk", n=len(ids), action=forward_label(self.queue, current_language()))

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._decide_worker(ids, action, "", versions)

            self.app.push_screen(ConfirmDialog(question), confirmed)
        else:
            self._decide_worker(ids, action, "", versions)

    def _ask_reason(self, action: str, ids: list[int], versions: dict[int, int]) -> None:
        def done(reason: str | None) -> None:
            if reason:
                self._reasons[action] = reason
                self._decide_worker(ids, action, reason, versions)

        label = ACTION_LABELS[Action(action)][1 if current_language() == "en" else 0]
        self.app.push_screen(ReasonDialog(self.ws, action, label, len(ids), self._reasons.get(action, "")), done)

    @work(thread=True, group="queue.decide", exit_on_error=False)
    def _decide_worker(self, ids: list[int], action: str, reason: str, versions: dict[int, int]) -> None:
        from console.services import items

        actor = replace(self.actor, language=current_language())
        results = items.decide_many(self.ws, actor, ids, action, reason=reason, expected_versions=versions)
        self.app.call_from_thread(self._decided, action, results)

    def _decided(self, action: str, results: list[BulkResult]) -> None:
        items = self.query_one(ItemList)
        done = {r.item_id for r in results if r.ok}
        items.set_marks(items.marked - done)
        if all(r.ok for r in results):
            self._reasons.pop(action, None)
        if len(results) == 1:
            result = results[0]
            if result.error is not None:
                self.app.show_error(result.error)  # type: ignore[attr-defined]
            else:
                assert result.ref is not None
                self.notify(t("tui.queue.decided", id=result.item_id, state=_state(result.ref.state)))
        else:
            self.app.push_screen(BulkResultScreen(results))
        items.refresh_data()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        worker_error(event)

    # polling: another editor's change shows up within a few seconds

    def changed(self) -> None:
        self.query_one(ItemList).refresh_data()


def _state(state: str) -> str:
    from models.workflow import STATE_LABELS

    return STATE_LABELS[State(state)][1 if current_language() == "en" else 0]
