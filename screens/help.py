"""The help modal: the keys that work on the screen beneath it, described in the current language."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from console.i18n import t
from screens.base import Relabels, bind, describe, localize_bindings


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for each of our bindings active on ``screen``: one row per action, so two bindings
    that do the same thing (``q`` and Ctrl+Q) share a row."""
    rows: dict[str, tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if describe(binding) is None or binding.id is None:
            continue
        text = binding.description  # localized, and relabelled where a key's verb depends on the item
        keys, _ = rows.setdefault(f"{binding.action}\0{text}", ([], text))
        shown = screen.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" / ".join(keys), text) for keys, text in rows.values()]


class HelpScreen(ModalScreen[None]):
    HELP_KEY: ClassVar[str] = "tui.screen.help"
    BINDINGS = [bind("escape", "dismiss", "help.close")]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield DataTable(id="help-keys", cursor_type="none", show_cursor=False)
            yield Static(id="help-hint", markup=False)

    def on_mount(self) -> None:
        localize_bindings(self)
        self.relabel()

    def relabel(self) -> None:
        name_key = self.target.HELP_KEY if isinstance(self.target, Relabels) else "tui.app.subtitle"
        box = self.query_one("#help-box", Vertical)
        box.border_title = t("tui.help.title", screen=t(name_key))
        table = self.query_one("#help-keys", DataTable)
        table.clear(columns=True)
        table.add_column(t("tui.help.col.key"), key="key")
        table.add_column(t("tui.help.col.action"), key="action")
        for keys, text in key_rows(self.target):
            table.add_row(Text(keys, style="bold"), Text(text), key=keys)
        self.query_one("#help-hint", Static).update(t("tui.help.hint"))
