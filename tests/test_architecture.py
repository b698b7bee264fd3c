"""The house rules: the dependency rule between rooms, and no Textual outside screens/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("console", "models", "screens", "exports")
# room -> rooms it may import
ALLOWED = {
    "models": set(),
    "exports": {"models"},
    "console": {"models", "exports"},
    "screens": {"console", "models"},
}


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(top-level module, line, at module level?) for each import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name.split(".")[0], node.lineno, id(node) in top_level) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module.split(".")[0], node.lineno, id(node) in top_level))
    return out


@pytest.mark.parametrize("room", ROOMS)
def test_rooms_import_only_what_the_design_allows(room):
    bad = []
    for path in (ROOT / room).rglob("*.py"):
        for module, line, _ in _imports(path):
            if module in ROOMS and module != room and module not in ALLOWED[room]:
                if room == "console" and path.name == "cli.py" and module == "screens":
                    continue  # the one allowed lazy import, checked below
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


def test_only_the_cli_open_command_imports_screens_and_only_lazily():
    for path in (ROOT / "console").rglob("*.py"):
        for module, line, top in _imports(path):
            if module in ("screens", "textual"):
                assert path.name == "cli.py" and not top, f"{path.relative_to(ROOT)}:{line} imports {module}"


def test_non_ui_code_never_loads_textual():
    code = (
        "import sys, console.cli, console.services.items, console.services.queries, console.services.people, "
        "console.services.auth, console.workspace, models, exports\n"
        "console.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'alembic', 'psycopg', 'pymysql')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout


def test_screens_never_write_to_the_database():
    needles = ("session.add", "session.delete", "session.flush", ".commit(", "Session(", "sessionmaker",
               "create_engine", "db.write(", "db.read(")
    for path in (ROOT / "screens").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in needles:
            assert needle not in text, f"{path.relative_to(ROOT)} uses {needle}; call a service instead"
