"""Messages the App's thread workers post back to the UI thread, and requests screens post up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from console.permissions import Actor
    from console.services.queries import Dashboard


class WorkspaceOpened(Message):
    """The workspace is open (``where`` is its display form, without any password)."""

    def __init__(self, where: str, migrated_note: str | None = None) -> None:
        super().__init__()
        self.where = where
        self.migrated_note = migrated_note


class LoggedIn(Message):
    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor


class DashboardLoaded(Message):
    def __init__(self, dashboard: Dashboard) -> None:
        super().__init__()
        self.dashboard = dashboard


class LoginRequested(Message):
    """The login form was submitted."""

    def __init__(self, username: str, password: str) -> None:
        super().__init__()
        self.username = username
        self.password = password


class RefreshRequested(Message):
    """The dashboard wants fresh counts (key ``r`` or its timer)."""
