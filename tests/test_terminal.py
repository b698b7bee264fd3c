"""The console in a real terminal: tmux runs ``vss-console open``, we type like a person and read the screen.

A Board member opens their queue from the dashboard, opens the first item, approves it with "a", and the
screen says so; the workspace agrees. Needs tmux: skipped outside CI without it, a failure in CI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from console.services import auth, queries
from console.workspace import open_workspace
from tests.conftest import IN_CI
from tests.test_tui_queue import PASSWORD, _build


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-t", session, "-p")


def _wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = _screen(session)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear within {timeout} s; the screen was:\n{shown}")


@pytest.fixture
def tmux_session(tmp_path: Path):  # type: ignore[no-untyped-def]
    if shutil.which("tmux") is None:
        if IN_CI:
            pytest.fail("tmux is required in CI (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    name = f"vss-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_a_board_member_approves_an_item_in_a_real_terminal(tmux_session: str, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    ids = _build(root)
    command = f"{sys.executable} -m console.cli --lang vi --user cuong open {root}"
    env = ["env", "-u", "COLUMNS", "-u", "LINES", f"VSS_CONSOLE_CONFIG={tmp_path / 'config.toml'}",
           "TERM=xterm-256color"]  # the pane's own size, not the size of the terminal running pytest
    _tmux("new-session", "-d", "-s", tmux_session, "-x", "130", "-y", "38", *env, *command.split())
    _tmux("resize-window", "-t", tmux_session, "-x", "130", "-y", "38")
    _wait_for(tmux_session, "Mật khẩu")
    _tmux("send-keys", "-t", tmux_session, PASSWORD, "Enter")
    _wait_for(tmux_session, "Cần xử lý")  # the dashboard's queue table
    _tmux("send-keys", "-t", tmux_session, "Down", "Down", "Enter")
    _wait_for(tmux_session, "Chờ Ban Biên tập duyệt · 5 mục, 5 cần bạn xử lý")
    _tmux("send-keys", "-t", tmux_session, "Enter")
    _wait_for(tmux_session, "Bạn có thể")
    review = _wait_for(tmux_session, "a Duyệt")  # the footer names what "a" does here, once the item is loaded
    first = next(line for line in review.splitlines() if line.startswith(" #"))
    item_id = int(first.split()[0].lstrip("#"))
    _tmux("send-keys", "-t", tmux_session, "a")
    _wait_for(tmux_session, f"#{item_id}: Đã duyệt, chờ xuất bản.")
    _wait_for(tmux_session, "Chờ Ban Biên tập duyệt · 4 mục, 4 cần bạn xử lý")
    _tmux("send-keys", "-t", tmux_session, "C-q")
    ws = open_workspace(root)
    try:
        detail = queries.item_detail(ws, auth.login(ws, "cuong", PASSWORD), item_id)
        assert detail.state == "approved" and detail.decisions[-1].actor == "cuong"
        assert item_id in ids.values()
    finally:
        ws.close()
