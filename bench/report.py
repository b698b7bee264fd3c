"""What every benchmark prints: a table of (label, value, ratio, goal) rows and the machine it ran on.

Benchmarks run as scripts (``python bench/NAME.py``), so this module is imported by its bare name.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import datetime


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×"


def print_table(rows: Sequence[tuple[str, str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    for label, value, rel, goal in rows:
        print(f"{label:<{width}}  {value:>10}  {rel:>7}  {goal}".rstrip())


def machine(*extra: str) -> str:
    """Date, cores, Python, the versions that matter to this benchmark, and the OS."""
    parts = [f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}", f"nproc {os.cpu_count()}",
             f"Python {platform.python_version()}", *extra, f"{platform.system()} {platform.release()}"]
    return "; ".join(parts)
