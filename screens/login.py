"""The login screen: username and masked password; Enter submits. The check runs in the App's worker."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from console.errors import ConsoleError
from console.i18n import current_language, t
from screens.base import localize_bindings
from screens.messages import LoginRequested


class LoginScreen(Screen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.login"

    def __init__(self, username: str | None = None, where: str | None = None, notice: str | None = None) -> None:
        super().__init__()
        self.notice = notice
        self._prefill = username or ""
        self.busy = False
        self.where = where  # the workspace, once open
        self.unreachable = False  # the last attempt to open the workspace failed
        # What went wrong last: a refused login, or the catalogue key of a form problem.
        self.error: ConsoleError | str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="login-box"):
            yield Label(id="login-username-label", classes="field-label")
            yield Input(value=self._prefill, id="username", max_length=64)
            yield Label(id="login-password-label", classes="field-label")
            yield Input(password=True, id="password")
            yield Static(id="login-error", markup=False)
            yield Static(id="login-status", markup=False)
            if self.notice:
                yield Static(self.notice, id="login-notice", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()
        self.query_one("#password" if self._prefill else "#username", Input).focus()

    def relabel(self) -> None:
        self.query_one("#login-box", Vertical).border_title = t("tui.login.heading")
        self.query_one("#login-username-label", Label).update(t("tui.login.username"))
        self.query_one("#login-password-label", Label).update(t("tui.login.password"))
        self.query_one("#username", Input).placeholder = t("tui.login.username_hint")
        self.query_one("#password", Input).placeholder = t("tui.login.hint")
        self._redraw()

    @property
    def error_text(self) -> str:
        if isinstance(self.error, ConsoleError):
            return self.error.message(current_language())
        return t(self.error) if self.error else ""

    def _redraw(self) -> None:
        error = self.query_one("#login-error", Static)
        error.update(self.error_text)
        error.display = self.error is not None
        if self.busy:
            status = t("tui.login.checking")
        elif self.where is None:
            status = t("tui.login.unreachable" if self.unreachable else "tui.login.opening")
        else:
            status = t("tui.login.workspace", where=self.where)
        self.query_one("#login-status", Static).update(status)

    def workspace_ready(self, where: str) -> None:
        self.where = where
        self.unreachable = False
        self._redraw()

    def workspace_failed(self) -> None:
        self.unreachable = True
        self._redraw()

    @on(Input.Submitted, "#username")
    def _next_field(self) -> None:
        password = self.query_one("#password", Input)
        if password.value:
            self._submit()
        else:
            password.focus()

    @on(Input.Submitted, "#password")
    def _submit(self) -> None:
        if self.busy:
            return
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not username or not password:
            self.show_error("tui.login.empty")
            return
        self.busy = True
        self.error = None
        self._redraw()
        self.post_message(LoginRequested(username, password))

    def show_error(self, error: ConsoleError | str) -> None:
        """Say why the login failed (an error, or a catalogue key); keep the username, clear the password."""
        self.busy = False
        self.error = error
        password = self.query_one("#password", Input)
        password.value = ""
        password.focus()
        self._redraw()

    def reset(self) -> None:
        """The attempt ended without an answer for this form (the App shows the error in a modal)."""
        self.busy = False
        self._redraw()
