"""The export targets as the TUI shows them: each one's name, its address without a password and its state
(``exports.targets.check_target``: reachable, schema current). Screens may not import ``exports`` themselves.
Reading only; adding, initialising and removing targets are the CLI's (``export target …``)."""

from __future__ import annotations

from dataclasses import dataclass

from exports import targets


@dataclass(frozen=True, slots=True)
class TargetRow:
    name: str
    url: str  # as shown: never with a password


@dataclass(frozen=True, slots=True)
class TargetState:
    name: str
    state: str  # ok, older, newer, missing, foreign, wrong_password, unreachable, no_database
    key: str
    params: dict[str, object]

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def message(self, lang: str | None = None) -> str:
        return targets.text(self.key, lang, **self.params)


def list_targets() -> list[TargetRow]:
    """The configured targets, by name."""
    return [TargetRow(t.name, t.display_url) for t in targets.list_targets()]


def check(name: str) -> TargetState:
    """Reach the named target and read its schema's version; changes nothing."""
    status = targets.check_target(targets.get_target(name))
    return TargetState(name, status.state, status.key, dict(status.params))
