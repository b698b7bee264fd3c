"""What several benchmarks share: the staff a bench workspace starts with, and a process's peak memory.

Benchmarks run as scripts (``.venv/bin/python bench/NAME.py``), so their own folder is on ``sys.path`` and they
import this module as ``common`` (as bench/queue_screen.py imports ``queues``)."""

from __future__ import annotations

import resource
from pathlib import Path
from typing import Any

PASSWORD = "password1"

# username -> (full name, [(unit, role)]): an administrator first (who creates the others), then the desk,
# the Board and a contributor.
STAFF: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "admin": ("Phạm Quản Trị", [("TTCNTT", "admin")]),
    "minh": ("Trần Văn Minh", [("TTTT", "editor")]),
    "mai": ("Hoàng Thị Mai", [("BBT", "board_member")]),
    "lan": ("Nguyễn Thị Lan", [("VP", "contributor")]),
}


def add_staff(ws: Any) -> None:
    """The four accounts of :data:`STAFF`, through the services (password :data:`PASSWORD`)."""
    from console.services import auth, people

    (first, (name, grants)), *rest = STAFF.items()
    people.add_user(ws, None, first, name, PASSWORD, grants)
    admin = auth.login(ws, first, PASSWORD)
    for username, (full_name, roles) in rest:
        people.add_user(ws, admin, username, full_name, PASSWORD, roles)


def peak_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image, whereas ``ru_maxrss``
    survives exec and would report the parent's peak (a parent that just built a large workspace)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux, bytes on macOS
