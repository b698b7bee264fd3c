"""The error modal: a ConsoleError's title and message in the user's language; no traceback."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from console.errors import ConsoleError
from console.i18n import current_language, t
from screens.base import bind, localize_bindings

MAX_DETAIL = 300


def error_text(error: BaseException, lang: str) -> tuple[str, str]:
    """(title, message) for any error: a ConsoleError speaks for itself, anything else is summarised."""
    if isinstance(error, ConsoleError):
        return t(error.title_key, lang), error.message(lang)
    detail = f"{type(error).__name__}: {error}"
    if len(detail) > MAX_DETAIL:
        detail = detail[: MAX_DETAIL - 1] + "…"
    return t("error.title", lang), t("error.unexpected", lang, detail=detail)


class ErrorModal(ModalScreen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.error"
    BINDINGS = [bind("escape", "dismiss", "error.close")]

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(id="error-message", markup=False)
            yield Static(id="error-hint", markup=False)
            with Center():
                yield Button(id="error-close", variant="error")

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()
        self.query_one("#error-close", Button).focus()

    def relabel(self) -> None:
        title, message = error_text(self.error, current_language())
        self.query_one("#error-box", Vertical).border_title = title
        self.query_one("#error-message", Static).update(message)
        self.query_one("#error-hint", Static).update(t("tui.error.hint"))
        self.query_one("#error-close", Button).label = t("tui.error.close")

    @property
    def message(self) -> str:
        """The message as shown, in the current language."""
        return error_text(self.error, current_language())[1]

    @on(Button.Pressed, "#error-close")
    def _close(self) -> None:
        self.dismiss(None)
