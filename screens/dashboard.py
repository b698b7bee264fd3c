"""The dashboard: who is logged in, the review queues and each portal's items by state.

Every number comes from ``console.services.queries.dashboard`` (loaded by the App's worker); this
screen only lays them out, in the current language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from console.i18n import current_language, t
from screens.base import bind, hide_binding, localize_bindings
from screens.messages import RefreshRequested

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.queries import Dashboard

REFRESH_SECONDS = 10.0


def _number(n: int) -> Text:
    return Text(str(n), justify="right")


def _label(labels: dict, key: object) -> str:
    return str(labels[key][1 if current_language() == "en" else 0])


def _is_admin(actor: Actor) -> bool:
    from console.permissions import Role

    return actor.has(Role.ADMIN)


def _is_board(actor: Actor) -> bool:
    from models.workflow import BOARD

    return actor.has(*BOARD)


class DashboardScreen(Screen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.dashboard"
    BINDINGS = [
        bind("r", "refresh", "dashboard.refresh"),
        bind("c", "open_tree", "dashboard.tree"),
        bind("x", "open_export", "dashboard.export"),
        bind("s", "open_sessions", "dashboard.sessions"),
        bind("ctrl+l", "app.logout", "dashboard.logout"),
    ]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.data: Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="who", markup=False)
        with Container(id="panels"):
            yield DataTable(id="queues", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="states", cursor_type="none", zebra_stripes=True)
        yield Static(id="dash-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        if not _is_admin(self.actor):
            hide_binding(self, "dashboard.export")  # not offered; pressed anyway, it says why
        if not _is_board(self.actor):
            hide_binding(self, "dashboard.sessions")
        self.relabel()
        self.query_one("#queues", DataTable).focus()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    @on(DataTable.RowSelected, "#queues")
    def _open_queue(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_queue(event.row_key.value)  # type: ignore[attr-defined]

    def action_open_tree(self) -> None:
        self.app.open_tree()  # type: ignore[attr-defined]

    def action_open_export(self) -> None:
        self.app.open_export()  # type: ignore[attr-defined]

    def action_open_sessions(self) -> None:
        self.app.open_sessions()  # type: ignore[attr-defined]

    def action_refresh(self) -> None:
        self.post_message(RefreshRequested())

    def show(self, dashboard: Dashboard) -> None:
        self.data = dashboard
        self._fill()

    def relabel(self) -> None:
        self.query_one("#queues", DataTable).border_title = t("tui.dashboard.queues")
        self.query_one("#states", DataTable).border_title = t("tui.dashboard.states")
        self._fill()

    # ------------------------------------------------------------------------------ drawing

    def _who(self) -> str:
        roles = ", ".join(sorted(_label(self._role_labels(), r) for r in self.actor.roles))
        return "   ".join(
            (
                t("tui.dashboard.user", user=self.actor.display),
                t("tui.dashboard.roles", roles=roles or t("tui.dashboard.no_roles")),
            )
        )

    @staticmethod
    def _role_labels() -> dict:
        from models.workflow import ROLE_LABELS

        return ROLE_LABELS

    def _fill(self) -> None:
        self.query_one("#who", Static).update(self._who())
        status = self.query_one("#dash-status", Static)
        queues = self.query_one("#queues", DataTable)
        states = self.query_one("#states", DataTable)
        if self.data is None:
            status.update(t("tui.dashboard.loading"))
            return
        status.update(t("tui.dashboard.summary", total=self.data.total_items))
        self._fill_queues(queues, self.data)
        self._fill_states(states, self.data)

    def _fill_queues(self, table: DataTable, data: Dashboard) -> None:
        from console.queues import queue

        codes = [code for code, _, _ in data.portals]
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(t("tui.dashboard.col.queue"), key="queue")
        table.add_column(t("tui.dashboard.col.actionable"), key="actionable")
        table.add_column(t("tui.dashboard.col.total"), key="total")
        for code in codes:
            table.add_column(code, key=code)
        lang = current_language()
        for q in data.queues:
            cells = [_number(q.by_portal.get(code, 0)) for code in codes]
            table.add_row(Text(queue(q.key).name(lang)), _number(q.actionable), _number(q.total), *cells, key=q.key)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _fill_states(self, table: DataTable, data: Dashboard) -> None:
        from models.workflow import STATE_LABELS, State

        table.clear(columns=True)
        table.add_column(t("tui.dashboard.col.state"), key="state")
        for code, _, _ in data.portals:
            table.add_column(code, key=code)
        for state in State:
            counts = [by_state.get(state.value, 0) for _, _, by_state in data.portals]
            if any(counts):
                table.add_row(Text(_label(STATE_LABELS, state)), *map(_number, counts), key=state.value)
        totals = [sum(by_state.values()) for _, _, by_state in data.portals]
        table.add_row(Text(t("tui.dashboard.total_row"), style="bold"), *map(_number, totals), key="total")
