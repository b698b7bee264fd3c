"""The command palette's provider: only the commands that make sense on the current screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
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
        found.append(Command(t("tui.cmd.tree"), t("tui.cmd.tree.help"), app.open_tree))
        from screens.export import is_admin
        from screens.session import is_board

        if app.actor is not None and is_board(app.actor):
            found.append(Command(t("tui.cmd.sessions"), t("tui.cmd.sessions.help"), app.open_sessions))

        if app.actor is not None and is_admin(app.actor):
            found.append(Command(t("tui.cmd.export"), t("tui.cmd.export.help"), app.open_export))
            found.append(Command(t("tui.cmd.export_history"), t("tui.cmd.export_history.help"),
                                 app.open_export_history))
    other = "en" if current_language() == "vi" else "vi"
    found.append(Command(t(f"tui.cmd.lang_{other}"), t("tui.cmd.lang.help"), lambda: app.set_lang(other)))
    found.append(Command(t("tui.cmd.help"), t("tui.cmd.help.help"), app.action_help))
    found.append(Command(t("tui.cmd.theme"), t("tui.cmd.theme.help"), app.action_change_theme))
    found.extend(screen_commands(screen))
    if on_dashboard:
        found.append(Command(t("tui.cmd.logout"), t("tui.cmd.logout.help"), app.action_logout))
    found.append(Command(t("tui.cmd.quit"), t("tui.cmd.quit.help"), app.exit))
    return found


def screen_commands(screen: object) -> list[Command]:
    """Every action of the screen's own keys (those it offers now), so the palette reaches all of them;
    on the review screen also the rarer workflow actions that have no key."""
    from models.workflow import ACTION_LABELS
    from screens.base import describe
    from screens.export import ExportHistoryScreen, ExportScreen
    from screens.queue import QueueScreen
    from screens.review import OTHER_ACTIONS, ReviewScreen
    from screens.session import SessionListScreen, SessionScreen
    from screens.tree import TreeScreen

    found: list[Command] = []
    if not isinstance(screen, (QueueScreen, ReviewScreen, TreeScreen, ExportScreen, ExportHistoryScreen,
                                   SessionListScreen, SessionScreen)):
        return found
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is not screen or not active.enabled or describe(binding) is None:
            continue
        keys = app.get_key_display(binding)
        found.append(Command(binding.description, t("tui.cmd.key", keys=keys),
                             partial(app.call_later, screen.run_action, binding.action)))
    if isinstance(screen, ReviewScreen) and screen.detail is not None:
        lang = current_language()
        for action in OTHER_ACTIONS:
            if action.value in screen.detail.actions:
                label = ACTION_LABELS[action][1 if lang == "en" else 0]
                found.append(Command(label, t("tui.cmd.workflow"), partial(screen.run_other, action)))
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
