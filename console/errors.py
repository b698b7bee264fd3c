"""Typed errors a person can cause. Each carries a catalogue key and parameters, so the TUI and
the CLI show it in the user's language; none of them is a bug, so none shows a traceback."""

from __future__ import annotations

from typing import Any, ClassVar


class ConsoleError(Exception):
    """Base of every error meant for a person. ``exit_code`` is the CLI's (see ``--help``)."""

    exit_code: ClassVar[int] = 1
    title_key: ClassVar[str] = "error.title"

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from console.i18n import t

        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class InvalidInput(ConsoleError):
    exit_code = 2
    title_key = "error.invalid"


class ReasonRequired(InvalidInput):
    title_key = "error.reason_required"


class PermissionDenied(ConsoleError):
    exit_code = 3
    title_key = "error.permission"


class Conflict(ConsoleError):
    exit_code = 4
    title_key = "error.conflict"


class NotFound(ConsoleError):
    exit_code = 5
    title_key = "error.not_found"


class AuthFailed(ConsoleError):
    exit_code = 6
    title_key = "error.auth"


class WorkspaceError(ConsoleError):
    exit_code = 7
    title_key = "error.workspace"


EXIT_CODES_HELP = {
    0: "success",
    1: "unexpected error",
    2: "invalid input (including a missing reason)",
    3: "permission denied",
    4: "conflict with another editor's change, or a lock",
    5: "not found",
    6: "login failed or account locked",
    7: "workspace missing, too new or otherwise unusable",
    8: "audit chain broken (audit verify)",
    9: "export stopped before it finished (export run: cancelled)",
    10: "the export target differs (export verify)",
}
