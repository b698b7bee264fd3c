"""Board approval sessions (phiên duyệt, issue 8): the list of sessions, and one session's agenda walked with the
keyboard — decide (approve, return, reject: stamped with the session), defer, notes, close into minutes.

Every call goes through ``console.services.sessions`` (and ``items.decide`` with ``session_id``) in thread workers;
the screen never writes anything itself. ``o`` on the list plans and opens a session (``PlanDialog``, then
``sessions.open_now``: one transaction, so a refused quorum leaves nothing), as the CLI's ``session open`` does;
the service decides who may chair.
A closed session is read only: its keys say so; its minutes can be written as ODT or DOCX into the current folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, SelectionList, Static, TextArea
from textual.worker import Worker, WorkerState

from console.i18n import current_language, t
from screens.base import OnWorkspace, bind, localize_bindings, worker_error
from screens.dialogs import _Dialog

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.sessions import EntryRow, SessionRow
    from console.workspace import Workspace

STATUS_ORDER = {"open": 0, "planned": 1, "closed": 2}  # the list: sessions under way first
ENTRY_STYLE = {"pending": "bold", "decided": "green", "deferred": "yellow"}
SESSION_CSS = """
#session-head { height: auto; padding: 0 1; background: $boost; }
#session-agenda, #session-list { height: 1fr; margin: 0 1; border: round $primary-darken-2;
                                 border-title-style: bold; }
#session-agenda:focus, #session-list:focus { border: round $accent; }
#session-status { height: auto; padding: 0 1; }
"""


def is_board(actor: Actor) -> bool:
    from models.workflow import BOARD

    return actor.has(*BOARD)


def ordered(rows: list[SessionRow]) -> list[SessionRow]:
    """Sessions under way first, then planned, then closed; newest first within each (``listing``'s order)."""
    return sorted(rows, key=lambda r: STATUS_ORDER.get(r.status, 3))


def minutes_file(session_id: int, fmt: str) -> Path:
    """Where ``o``/``w`` write the minutes: the current folder."""
    return Path.cwd() / f"bien-ban-phien-{session_id}.{fmt}"


def _decision_label(action: str | None) -> str:
    from models.workflow import ACTION_LABELS, Action

    if not action:
        return ""
    return ACTION_LABELS[Action(action)][1 if current_language() == "en" else 0]


class SessionListScreen(OnWorkspace, Screen[None]):
    """Every session, those under way first; Enter opens one."""

    HELP_KEY: ClassVar[str] = "tui.screen.sessions"
    DEFAULT_CSS = SESSION_CSS
    BINDINGS = [
        bind("escape", "back", "sessions.back"),
        bind("o", "plan", "sessions.plan"),
        bind("f5", "reload", "sessions.reload", show=False),
    ]

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.rows: list[SessionRow] = []
        self.draft: PlanForm | None = None  # what was typed in a refused plan: offered again by the next ``o``

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="session-head", markup=False)
        yield DataTable(id="session-list", cursor_type="row", zebra_stripes=True)
        yield Static(id="session-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()
        self.query_one("#session-list", DataTable).focus()
        self.action_reload()

    def relabel(self) -> None:
        self.query_one("#session-head", Static).update(Text(t("tui.session.list_title"), style="bold"))
        self.query_one("#session-list", DataTable).border_title = t("tui.session.list_border")
        self._fill()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.rows:
            self.action_reload()

    @work(thread=True, exclusive=True, group="sessions.list", exit_on_error=False)
    def _load(self) -> None:
        from console.services import sessions

        rows = ordered(sessions.listing(self.ws))
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[SessionRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#session-list", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key in ("id", "title", "held_on", "chair", "status", "entries", "minutes"):
            table.add_column(t(f"tui.session.col.{key}"), key=key)
        for r in self.rows:
            style = {"open": "bold green", "planned": "", "closed": "dim"}.get(r.status, "")
            table.add_row(f"#{r.id}", Text(r.title, style="bold" if r.status == "open" else ""),
                          r.held_on.strftime("%d/%m/%Y"), r.chair, Text(t(f"tui.session.status.{r.status}"), style),
                          Text(str(r.entries), justify="right"), r.minutes_number or "—", key=str(r.id))
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        status = self.query_one("#session-status", Static)
        status.update(Text(t("tui.session.none"), style="dim") if not self.rows else "")

    @on(DataTable.RowSelected, "#session-list")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(SessionScreen(self.actor, int(event.row_key.value)))

    def action_plan(self) -> None:
        """``o``: the form of a new session; on submit it is planned and opened, then its agenda is shown."""

        def done(form: PlanForm | None) -> None:
            if form is not None:
                self.draft = form
                self._plan_worker(form, current_language())

        self.app.push_screen(PlanDialog(self.ws, self.actor, self.draft), done)

    @work(thread=True, exclusive=True, group="sessions.plan", exit_on_error=False)
    def _plan_worker(self, form: PlanForm, lang: str) -> None:
        from dataclasses import replace

        from console.services import sessions

        actor = replace(self.actor, language=lang)
        held_on = form.day()
        sid, _ = sessions.open_now(self.ws, actor, form.title, held_on, attendees=form.attendees,
                                   absentees=form.absent(), quorum=form.quorum)  # fmt: skip
        self.app.call_from_thread(self._planned, sid)

    def _planned(self, session_id: int) -> None:
        self.draft = None
        self.notify(t("tui.session.plan.opened", id=session_id))
        self.action_reload()
        self.app.push_screen(SessionScreen(self.actor, session_id))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "sessions.plan":
            self.action_reload()  # planned but not opened (no quorum): the list shows it
        worker_error(event)


def vn_today() -> date:
    from console.services import delegation

    return delegation.today()


@dataclass(frozen=True, slots=True)
class PlanForm:
    """What the plan dialog collected, as typed (the date and the absentees are read by the worker)."""

    title: str
    held_on: str
    attendees: list[str] = field(default_factory=list)
    absentees: str = ""
    quorum: str = "majority"

    def day(self) -> date:
        from console.calendar import parse_day
        from console.errors import InvalidInput

        parsed = parse_day(self.held_on)
        if parsed is None:
            raise InvalidInput("tui.session.plan.bad_date", value=self.held_on.strip())
        return parsed

    def absent(self) -> dict[str, str]:
        """``user: reason`` lines (or ``user`` alone) as the service's ``absentees``."""
        out: dict[str, str] = {}
        for line in self.absentees.splitlines():
            user, _, reason = line.partition(":")
            if user.strip():
                out[user.strip().lower()] = reason.strip()
        return out


class PlanDialog(_Dialog):
    """A new session: title, day, who attends (the Board's members), who is absent and why, the quorum rule; the
    agenda is everything awaiting the Board (its count is shown). Only collects; the list screen calls the service."""

    DEFAULT_CSS = """
    PlanDialog { align: center middle; }
    #plan-attendees { height: auto; max-height: 8; }
    #plan-absent { height: 4; }
    #plan-agenda { height: auto; margin-top: 1; }
    #plan-error { height: auto; color: $text-error; text-style: bold; }
    """

    def __init__(self, ws: Workspace, actor: Actor, form: PlanForm | None = None) -> None:
        super().__init__()
        self.ws, self.actor = ws, actor
        today = vn_today()
        self.form = form or PlanForm(t("tui.session.plan.default_title", day=today.strftime("%d/%m/%Y")),
                                     today.strftime("%d/%m/%Y"))

    def compose(self) -> ComposeResult:
        from console.services.sessions import QUORUM_RULES

        f = self.form
        with VerticalScroll(classes="dialog-box", id="plan-box"):
            yield Label(t("tui.session.plan.title"), classes="field-label")
            yield Input(f.title, id="plan-title")
            yield Label(t("tui.session.plan.date"), classes="field-label")
            yield Input(f.held_on, id="plan-date", placeholder="DD/MM/YYYY")
            yield Label(t("tui.session.plan.attendees"), classes="field-label")
            yield SelectionList[str](id="plan-attendees")
            yield Label(t("tui.session.plan.absentees"), classes="field-label")
            yield TextArea(f.absentees, id="plan-absent")
            yield Label(t("tui.session.plan.quorum"), classes="field-label")
            yield Select[str]([(t(f"tui.session.plan.quorum.{r}"), r) for r in QUORUM_RULES], id="plan-quorum",
                              value=f.quorum, allow_blank=False)  # fmt: skip
            yield Static(t("tui.session.plan.counting"), id="plan-agenda", markup=False)
            yield Static(id="plan-error", markup=False)
            yield self.buttons(t("tui.session.plan.confirm"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#plan-box").border_title = t("tui.session.plan.heading")
        self.query_one("#plan-title", Input).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from console.collation import sort_key
        from console.services import pages, people
        from models.workflow import BOARD

        board = {r.value for r in BOARD}
        members = sorted(((u.username, u.full_name) for u in people.list_users(self.ws, self.actor)
                          if u.active and u.id != self.actor.user_id and any(r in board for _, r in u.memberships)),
                         key=lambda m: (sort_key(m[1]), m[0]))  # fmt: skip
        waiting = pages.count(self.ws, self.actor, "board")
        self.app.call_from_thread(self._show, members, waiting)

    def _show(self, members: list[tuple[str, str]], waiting: int) -> None:
        chosen = set(self.form.attendees)
        attendees = self.query_one("#plan-attendees", SelectionList)
        attendees.clear_options()
        attendees.add_options([(f"{name} ({user})", user, user in chosen) for user, name in members])
        if members:
            attendees.highlighted = 0  # Space chooses at once
        self.query_one("#plan-agenda", Static).update(t("tui.session.plan.agenda", n=waiting))

    def collected(self) -> PlanForm:
        quorum = self.query_one("#plan-quorum", Select).value
        return PlanForm(
            title=self.query_one("#plan-title", Input).value.strip(),
            held_on=self.query_one("#plan-date", Input).value.strip(),
            attendees=[str(u) for u in self.query_one("#plan-attendees", SelectionList).selected],
            absentees=self.query_one("#plan-absent", TextArea).text,
            quorum="majority" if quorum is Select.NULL else str(quorum),
        )

    def action_confirm(self) -> None:
        form = self.collected()
        error = self.query_one("#plan-error", Static)
        if not form.title:
            error.update(t("tui.session.plan.no_title"))
            self.query_one("#plan-title", Input).focus()
            return
        self.dismiss(form)


class SessionScreen(OnWorkspace, Screen[None]):
    """One session's agenda: the progress, each entry with what became of it, and the keys that walk it."""

    HELP_KEY: ClassVar[str] = "tui.screen.session"
    DEFAULT_CSS = SESSION_CSS
    BINDINGS = [
        bind("escape", "back", "session.back", show=False),
        bind("a", "decide('approve')", "session.approve"),
        bind("r", "decide('return')", "session.return"),
        bind("x", "decide('reject')", "session.reject"),
        bind("d", "defer", "session.defer"),
        bind("n", "note", "session.note"),
        bind("N", "note_session", "session.note_session"),
        bind("C", "close_session", "session.close"),
        bind("o", "write('odt')", "session.write_odt"),
        bind("w", "write('docx')", "session.write_docx"),
        bind("f5", "reload", "session.reload", show=False),
    ]

    def __init__(self, actor: Actor, session_id: int) -> None:
        super().__init__()
        self.actor = actor
        self.session_id = session_id
        self.session: SessionRow | None = None
        self.entries: list[EntryRow] = []
        self.progress = ""
        self._placed = False  # the cursor was put on the first pending entry once

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="session-head", markup=False)
        yield DataTable(id="session-agenda", cursor_type="row", zebra_stripes=True)
        yield Static(id="session-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()
        self.query_one("#session-agenda", DataTable).focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.session is not None:
            self.action_reload()  # back from the review screen: a decision may have been taken there

    def relabel(self) -> None:
        self.query_one("#session-agenda", DataTable).border_title = t("tui.session.agenda")
        self._show()

    @property
    def closed(self) -> bool:
        return self.session is not None and self.session.status == "closed"

    @property
    def entry(self) -> EntryRow | None:
        table = self.query_one("#session-agenda", DataTable)
        if not self.entries or table.row_count == 0:
            return None
        return self.entries[min(max(table.cursor_row, 0), len(self.entries) - 1)]

    # ---------------------------------------------------------------------------------- load

    def action_reload(self) -> None:
        self._load(current_language())

    @work(thread=True, exclusive=True, group="session.load", exit_on_error=False)
    def _load(self, lang: str) -> None:
        from console.services import sessions

        row = sessions.get(self.ws, self.session_id)
        entries = sessions.agenda(self.ws, self.session_id)
        progress = sessions.progress(self.ws, self.session_id).text(lang)
        self.app.call_from_thread(self._loaded, row, entries, progress)

    def _loaded(self, row: SessionRow, entries: list[EntryRow], progress: str) -> None:
        self.session, self.entries, self.progress = row, entries, progress
        self._show()
        self.refresh_bindings()
        if not self._placed and entries:
            self._placed = True
            table = self.query_one("#session-agenda", DataTable)
            here = max(table.cursor_row, 0)
            pending = [n for n, e in enumerate(entries) if e.status == "pending"]
            ahead = next((n for n in pending if n >= here), pending[0] if pending else here)
            table.move_cursor(row=ahead)

    def _show(self) -> None:
        head = self.query_one("#session-head", Static)
        s = self.session
        if s is None:
            head.update(t("tui.session.loading", id=self.session_id))
            self._fill()
            return
        style = {"open": "bold green", "closed": "bold yellow"}.get(s.status, "bold")
        line = Text.assemble((f"#{s.id} ", "bold"), (s.title, "bold"), "  ·  ", s.held_on.strftime("%d/%m/%Y"),
                             "  ·  ", (t(f"tui.session.status.{s.status}"), style), "\n",
                             (t("tui.session.progress") + " ", "bold"), self.progress)
        if s.minutes_number:
            line.append("  ·  ")
            line.append(t("tui.session.minutes_number", number=s.minutes_number), style="bold")
        head.update(line)
        self._fill()
        status = self.query_one("#session-status", Static)
        if s.status == "closed":
            status.update(Text(t("tui.session.closed_hint", id=s.id), style="yellow"))
        elif s.status == "planned":
            status.update(Text(t("tui.session.planned_hint", id=s.id), style="yellow"))
        else:
            status.update("")

    def _fill(self) -> None:
        table = self.query_one("#session-agenda", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key in ("position", "item", "title", "status", "decision", "reason"):
            table.add_column(t(f"tui.session.col.{key}"), key=key)
        for e in self.entries:
            extra = " · ".join(x for x in (e.reason, e.note.replace("\n", " · ")) if x)
            title = Text(e.title)
            title.truncate(48, overflow="ellipsis")
            table.add_row(Text(str(e.position), justify="right"), f"#{e.item_id}", title,
                          Text(t(f"tui.session.entry.{e.status}"), style=ENTRY_STYLE.get(e.status, "")),
                          _decision_label(e.decision), extra, key=str(e.id))
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))

    # ---------------------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write":
            return self.closed  # the minutes exist only once closed
        return True

    def _refused(self, *, notes: bool = False) -> bool:
        """A closed session refuses every change (and a planned one any decision), saying why."""
        s = self.session
        if s is None:
            return True
        if s.status == "closed":
            self.notify(t("tui.session.read_only", id=s.id, number=s.minutes_number or "—"), severity="warning")
            return True
        if s.status == "planned" and not notes:
            self.notify(t("tui.session.not_open", id=s.id), severity="warning")
            return True
        return False

    def _pending(self) -> EntryRow | None:
        entry = self.entry
        if entry is None:
            return None
        if entry.status != "pending":
            self.notify(t("tui.session.entry_done", n=entry.position), severity="warning")
            return None
        return entry

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(DataTable.RowSelected, "#session-agenda")
    def _selected(self) -> None:
        """Enter: the entry's item on the review screen, whose decisions are then taken in this session."""
        from screens.review import ReviewScreen

        entry = self.entry
        if entry is None:
            return
        open_session = self.session is not None and self.session.status == "open" and entry.status == "pending"
        self.app.push_screen(ReviewScreen(self.actor, entry.item_id,
                                          session_id=self.session_id if open_session else None))

    def action_decide(self, action: str) -> None:
        from screens.dialogs import ReasonDialog

        if self._refused():
            return
        entry = self._pending()
        if entry is None:
            return
        if action in ("return", "reject"):

            def done(reason: str | None) -> None:
                if reason:
                    self._decide_worker(entry.item_id, action, reason)

            self.app.push_screen(ReasonDialog(self.ws, action, _decision_label(action)), done)
            return
        self._decide_worker(entry.item_id, action, "")

    @work(thread=True, group="session.act", exit_on_error=False)
    def _decide_worker(self, item_id: int, action: str, reason: str) -> None:
        from dataclasses import replace

        from console.services import items

        actor = replace(self.actor, language=current_language())
        items.decide(self.ws, actor, item_id, action, reason=reason, session_id=self.session_id)
        self.app.call_from_thread(self._acted, t("tui.session.decided", id=item_id, action=_decision_label(action)))

    def action_defer(self) -> None:
        from screens.dialogs import ReasonDialog

        if self._refused():
            return
        entry = self._pending()
        if entry is None:
            return

        def done(reason: str | None) -> None:
            if reason:
                self._call("defer", t("tui.session.deferred", n=entry.position), entry.id, reason)

        self.app.push_screen(ReasonDialog(None, "defer", t("tui.binding.session.defer")), done)

    def action_note(self) -> None:
        from screens.dialogs import TextDialog

        entry = self.entry
        if entry is None or self._refused(notes=True):
            return

        def done(text: str | None) -> None:
            if text:
                self._call("note", t("tui.session.noted"), text, entry_id=entry.id)

        self.app.push_screen(TextDialog(t("tui.session.note_title", n=entry.position, id=entry.item_id)), done)

    def action_note_session(self) -> None:
        from screens.dialogs import TextDialog

        if self._refused(notes=True):
            return

        def done(text: str | None) -> None:
            if text:
                self._call("note", t("tui.session.noted"), text)

        self.app.push_screen(TextDialog(t("tui.session.note_session_title", id=self.session_id)), done)

    @work(thread=True, group="session.act", exit_on_error=False)
    def _call(self, name: str, message: str, *args: object, **kwargs: object) -> None:
        from dataclasses import replace

        from console.services import sessions

        actor = replace(self.actor, language=current_language())
        getattr(sessions, name)(self.ws, actor, self.session_id, *args, **kwargs)
        self.app.call_from_thread(self._acted, message)

    def _acted(self, message: str) -> None:
        self.notify(message)
        self._placed = False  # after a decision or a deferral, the cursor goes on to the next pending entry
        self.action_reload()

    def action_close_session(self) -> None:
        from screens.dialogs import ConfirmDialog

        if self._refused():
            return
        pending = sum(1 for e in self.entries if e.status == "pending")

        def answered(yes: bool | None) -> None:
            if yes:
                self._close_worker(current_language())

        self.app.push_screen(ConfirmDialog(t("tui.session.close_ask", id=self.session_id, pending=pending)),
                             answered)

    @work(thread=True, group="session.act", exit_on_error=False)
    def _close_worker(self, lang: str) -> None:
        from dataclasses import replace

        from console.services import sessions

        number = sessions.close(self.ws, replace(self.actor, language=lang), self.session_id, language=lang)
        self.app.call_from_thread(self._session_closed, number)

    def _session_closed(self, number: str) -> None:
        self.notify(t("tui.session.closed", id=self.session_id, number=number), timeout=10)
        self.action_reload()
        self.refresh_bindings()

    def action_write(self, fmt: str) -> None:
        if self.closed:
            self._write_worker(fmt, minutes_file(self.session_id, fmt))

    @work(thread=True, group="session.write", exit_on_error=False)
    def _write_worker(self, fmt: str, path: Path) -> None:
        from console.services import sessions

        path.write_bytes(sessions.document(self.ws, self.session_id, fmt))
        self.app.call_from_thread(self.notify, t("tui.session.written", path=str(path)))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "session.act":
            self.action_reload()  # someone else may have acted first: show what is
        worker_error(event)
