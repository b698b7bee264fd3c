"""A workspace for the TUI tests, built once per module at a fixed moment and copied for each test, while the app
runs at another fixed moment (time-machine): received dates, due dates and their colours hold still in snapshots.

    template, ws_ids, _clock_and_language = workspace_fixtures(_build, "queue")

``_build(root) -> dict[str, int]`` makes the workspace through the services and returns the ids a test needs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from console.i18n import set_language
from console.services import auth
from console.workspace import open_workspace
from tests.test_tui import PASSWORD

BUILT = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # Monday 08:30 in Hà Nội
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 09:00


def workspace_fixtures(build: Callable[[Path], dict[str, int]], name: str) -> tuple[Any, Any, Any]:
    """The module's ``template`` (built once), ``ws_ids`` (a copy per test) and its autouse clock fixtures."""

    @pytest.fixture(scope="module", name="template")
    def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
        root = tmp_path_factory.mktemp(f"{name}-template") / "ws"
        with time_machine.travel(BUILT, tick=False):
            ids = build(root)
        return root, ids

    @pytest.fixture(name="ws_ids")
    def ws_ids(template: tuple[Path, dict[str, int]], tmp_path: Path) -> tuple[Path, dict[str, int]]:
        root, ids = template
        target = tmp_path / "ws"
        shutil.copytree(root, target)
        return target, ids

    @pytest.fixture(autouse=True, name="_clock_and_language")
    def clock_and_language() -> Iterator[None]:
        with time_machine.travel(NOW, tick=True):
            yield
        set_language("vi")

    return template, ws_ids, clock_and_language


def staffed(root: Path, staff: list[tuple[str, str, list[tuple[str, str]]]]) -> Any:
    """A new workspace at ``root`` with an administrator and ``staff`` (username, full name, [(unit, role)]), all
    with the tests' password. The caller closes it."""
    from console.services import people
    from console.workspace import init_workspace

    ws = init_workspace(root)
    people.add_user(ws, None, "admin", "Quản trị", "admin-pass-1", [("TTCNTT", "admin")])
    admin = auth.login(ws, "admin", "admin-pass-1")
    for user, name, roles in staff:
        people.add_user(ws, admin, user, name, PASSWORD, roles)
    return ws


def service(root: Path, username: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Another person, acting through the services while the app is open."""
    ws = open_workspace(root)
    try:
        return call(ws, auth.login(ws, username, PASSWORD), *args, **kwargs)
    finally:
        ws.close()
