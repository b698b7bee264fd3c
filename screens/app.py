"""The one App: it orchestrates the screens and runs every database touch in a thread worker.

The first frame paints before anything touches the database, or even imports SQLAlchemy: the
workspace opens (and the console services are imported) in a worker once the login screen is up.
Workers post messages back; a failed worker becomes an error modal (or, for a refused login, a
message under the login form).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

import screens.strings  # noqa: F401  (registers the TUI's catalogue entries)
from console.errors import AuthFailed, ConsoleError
from console.i18n import current_language, default_language, set_language, t
from screens.base import Relabels, bind, localize_bindings
from screens.commands import VssCommands
from screens.dashboard import DashboardScreen
from screens.error import ErrorModal
from screens.help import HelpScreen
from screens.login import LoginScreen
from screens.messages import DashboardLoaded, LoggedIn, LoginRequested, RefreshRequested, WorkspaceOpened

if TYPE_CHECKING:
    from textual.theme import Theme

    from console.permissions import Actor
    from console.workspace import Workspace

S = TypeVar("S", bound=Screen)


class VssApp(App[None]):
    """The editorial console. ``target`` is a workspace folder or database URL (``None``: the default)."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    COMMANDS: ClassVar = {VssCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        bind("question_mark,f1", "help", "app.help"),
        bind("f2", "toggle_language", "app.language", show=False),
        bind("ctrl+p", "command_palette", "app.palette", show=False, priority=True),
        bind("ctrl+q", "quit", "app.quit", priority=True),
        bind("q", "quit", "app.quit_q", show=False),  # not a priority: typing a q in a field stays a q
    ]

    def __init__(self, target: str | None, lang: str | None = None, username: str | None = None,
                 notice: str | None = None) -> None:
        # An explicit language (--lang) wins; otherwise Vietnamese until a user logs in with their own.
        self.lang_explicit = lang is not None
        set_language(lang or default_language())
        super().__init__()
        self.target = target
        self.username = username
        self.notice = notice
        self.workspace: Workspace | None = None
        self.where: str | None = None  # the open workspace, as shown to people
        self.actor: Actor | None = None
        self._ws_lock = threading.Lock()
        self._relabel_app()
        self._apply_preferences()

    @property
    def lang(self) -> str:
        return current_language()

    # ------------------------------------------------------------------------------ lifecycle

    def _apply_preferences(self) -> None:
        """The person's theme and keymap (``console.preferences``); problems in their file become a notice."""
        from console import preferences

        self.preferences = prefs = preferences.load()
        self.preference_notes = list(prefs.problems)
        if prefs.keymap:
            unknown = preferences.unknown_bindings(prefs, known_binding_ids())
            if unknown:
                self.preference_notes.append(t("tui.prefs.unknown", ids=", ".join(unknown), path=prefs.path))
            self.set_keymap(prefs.keymap)
        if prefs.theme:
            if prefs.theme in self.available_themes:
                self.theme = prefs.theme
            else:
                self.preference_notes.append(t("tui.prefs.theme", theme=prefs.theme))

    def _theme_changed(self, theme: Theme) -> None:
        from console import preferences

        if theme.name != self.preferences.theme and not preferences.save_theme(self.preferences, theme.name):
            self.notify(t("tui.prefs.not_saved", path=self.preferences.path), severity="warning")

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for note in self.preference_notes:
            self.notify(note, severity="warning", timeout=10)
        localize_bindings(self)
        self.push_screen(LoginScreen(self.username, self.where, self.notice))
        # Open the workspace once the login form has painted, never before.
        self.call_after_refresh(self.open_workspace)

    def on_unmount(self) -> None:
        if self.workspace is not None:
            self.workspace.close()

    # -------------------------------------------------------------------------------- workers

    def _workspace(self) -> Workspace:
        """The open workspace, opening it on first use (and saying so). Runs in worker threads only."""
        with self._ws_lock:
            if self.workspace is None:
                from console.workspace import open_workspace

                ws = open_workspace(self.target)
                self.workspace = ws
                note = None
                if ws.migrated is not None:
                    old, new, backup = ws.migrated
                    note = t("ws.migrated", where=ws.location.display(), old=old, new=new, backup=backup)
                self.post_message(WorkspaceOpened(ws.location.display(), note))
            return self.workspace

    @work(thread=True, exclusive=True, exit_on_error=False, group="workspace")
    def open_workspace(self) -> None:
        ws = self._workspace()
        # Load the services now, while the person types, rather than after Enter; and the working-day
        # calendar, which every queue page needs for its due-date colours.
        import console.services.auth
        import console.services.queries  # noqa: F401
        from console.services import due

        due.prepare(ws)

    @work(thread=True, exclusive=True, exit_on_error=False, group="login")
    def login(self, username: str, password: str) -> None:
        from console.services import auth

        actor = auth.login(self._workspace(), username, password)
        if not get_current_worker().is_cancelled:
            self.post_message(LoggedIn(actor))

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def load_dashboard(self, actor: Actor, lang: str) -> None:
        from console.services import queries

        data = queries.dashboard(self._workspace(), replace(actor, language=lang))
        if not get_current_worker().is_cancelled:
            self.post_message(DashboardLoaded(data))

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or event.worker.error is None:
            return
        error = event.worker.error
        login = self._screen_of(LoginScreen)
        if login is not None and login.is_mounted and self.workspace is None:
            login.workspace_failed()
        if event.worker.group == "login" and login is not None:
            if isinstance(error, AuthFailed):
                login.show_error(error)
                return
            login.reset()
        self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        if not isinstance(error, ConsoleError):
            self.log.error(repr(error))
        modal = ErrorModal(error)
        if isinstance(self.screen, ErrorModal) and self.screen.message == modal.message:
            return  # the same failure again (say, the periodic refresh): one modal is enough
        self.push_screen(modal)

    # ------------------------------------------------------------------------------- messages

    @on(WorkspaceOpened)
    def _workspace_opened(self, message: WorkspaceOpened) -> None:
        self.where = message.where
        login = self._screen_of(LoginScreen)
        if login is not None and login.is_mounted:
            login.workspace_ready(message.where)
        if message.migrated_note:
            self.notify(message.migrated_note)

    @on(LoginRequested)
    def _login_requested(self, message: LoginRequested) -> None:
        self.username = message.username
        self.login(message.username, message.password)

    @on(LoggedIn)
    def _logged_in(self, message: LoggedIn) -> None:
        self.actor = message.actor
        if not self.lang_explicit and message.actor.language != self.lang:
            set_language(message.actor.language)
            self._relabel_app()
            localize_bindings(self)
        self.switch_screen(DashboardScreen(message.actor))
        self.action_refresh_dashboard()

    @on(RefreshRequested)
    def _refresh_requested(self) -> None:
        self.action_refresh_dashboard()

    @on(DashboardLoaded)
    def _dashboard_loaded(self, message: DashboardLoaded) -> None:
        dashboard = self._screen_of(DashboardScreen)
        if dashboard is not None and dashboard.is_mounted:
            dashboard.show(message.dashboard)

    # -------------------------------------------------------------------------------- actions

    def action_refresh_dashboard(self) -> None:
        if self.actor is not None:
            self.load_dashboard(self.actor, self.lang)

    def open_queue(self, queue_key: str) -> None:
        from screens.queue import QueueScreen

        if self.actor is not None:
            self.push_screen(QueueScreen(self.actor, queue_key))

    def open_tree(self) -> None:
        """The category tree of both portals: open to every logged-in person (proposing is for some)."""
        from screens.tree import TreeScreen

        if self.actor is not None:
            self.push_screen(TreeScreen(self.actor))

    def open_export(self) -> None:
        """The export screens: administrators only; anyone else is told why, and nothing opens."""
        from screens.export import ExportScreen, is_admin

        if self.actor is None:
            return
        if not is_admin(self.actor):
            self.notify(t("tui.export.refused", user=self.actor.display), severity="warning")
            return
        self.push_screen(ExportScreen(self.actor))

    def open_sessions(self) -> None:
        """The Board's approval sessions (those under way first): Board members only; anyone else is told why."""
        from screens.session import SessionListScreen, is_board

        if self.actor is None:
            return
        if not is_board(self.actor):
            self.notify(t("tui.session.refused", user=self.actor.display), severity="warning")
            return
        self.push_screen(SessionListScreen(self.actor))

    def open_export_history(self) -> None:
        from screens.export import ExportHistoryScreen, is_admin

        if self.actor is not None and is_admin(self.actor):
            self.push_screen(ExportHistoryScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_logout(self) -> None:
        if self.actor is None:
            return
        self.actor = None
        self.workers.cancel_group(self, "dashboard")
        self.switch_screen(LoginScreen(self.username, self.where, self.notice))

    def action_toggle_language(self) -> None:
        self.set_lang("en" if self.lang == "vi" else "vi")

    def action_command_palette(self) -> None:
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(CommandPalette(placeholder=t("tui.palette.placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("tui.app.quit_hint", keys=self.get_key_display(active.binding)))
                return

    # ------------------------------------------------------------------------------- language

    def set_lang(self, lang: str) -> None:
        """Switch the interface language and redraw every label; counts reload in the new language."""
        set_language(lang)
        self._relabel_app()
        localize_bindings(self)
        for screen in self.screen_stack:
            localize_bindings(screen)
            if isinstance(screen, Relabels) and screen.is_mounted:
                screen.relabel()
        self.refresh_bindings()
        self.action_refresh_dashboard()

    def _relabel_app(self) -> None:
        self.title = t("tui.app.title")
        self.sub_title = t("tui.app.subtitle")

    # -------------------------------------------------------------------------------- helpers

    def _screen_of(self, kind: type[S]) -> S | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, kind):
                return screen
        return None


def known_binding_ids() -> set[str]:
    """Every binding id a keymap may name (the help screen lists them with their keys)."""
    from screens import dialogs
    from screens.export import ExportHistoryScreen, ExportScreen
    from screens.queue import QueueScreen
    from screens.review import ReviewScreen
    from screens.session import SessionListScreen, SessionScreen
    from screens.tree import CategoryTree, TreeScreen
    from screens.widgets.item_list import ItemList

    classes = [VssApp, DashboardScreen, LoginScreen, HelpScreen, ErrorModal, QueueScreen, ReviewScreen, ItemList,
               TreeScreen, CategoryTree, ExportScreen, ExportHistoryScreen, SessionListScreen, SessionScreen,
               *(c for c in vars(dialogs).values() if isinstance(c, type) and issubclass(c, Screen))]
    return {b.id for c in classes for b in getattr(c, "BINDINGS", ()) if isinstance(b, Binding) and b.id}


def run_app(target: str | None, lang: str | None = None, username: str | None = None,
            notice: str | None = None) -> int:
    """Run the TUI until the user quits; the process exit code. ``notice`` is shown on the login form
    (the demo names its accounts there)."""
    app = VssApp(target, lang=lang, username=username, notice=notice)
    app.run()
    return app.return_code or 0
