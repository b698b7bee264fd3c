"""The command palette's provider: only the commands that make sense on the current screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from console.i18n import current_language, t
from console.text import fold
from screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from screens.app import VssApp


@dataclass(frozen=True, slots=True)
class Command:
    title: str
    help: str
    run: Callable[[], object]


def commands_for(app: VssApp, screen: object) -> list[Command]:
    """The commands offered on ``screen`` (the one the palette was opened over)."""
    found: list[Command] = []
    on_dashboard = isinstance(screen, DashboardScreen)
    if on_dashboard:
        found.append(Command(t("tui.cmd.refresh"), t("tui.cmd.refresh.help"), app.action_refresh_dashboard))
    other = "en" if current_language() == "vi" else "vi"
    found.append(Command(t(f"tui.cmd.lang_{other}"), t("tui.cmd.lang.help"), lambda: app.set_lang(other)))
    found.append(Command(t("tui.cmd.help"), t("tui.cmd.help.help"), app.action_help))
    if on_dashboard:
        found.append(Command(t("tui.cmd.logout"), t("tui.cmd.logout.help"), app.action_logout))
    found.append(Command(t("tui.cmd.quit"), t("tui.cmd.quit.help"), app.exit))
    return found


class VssCommands(Provider):
    def _commands(self) -> list[Command]:
        return commands_for(cast("VssApp", self.app), self.screen)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = self.matcher(fold(query))
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, text=command.title, help=command.help)
                continue
            score = folded.match(fold(command.title))
            if score > 0:
                yield Hit(score, command.title, command.run, text=command.title, help=command.help)
