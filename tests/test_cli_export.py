"""``vss-console export target``: targets stored without passwords, the schema created on a new target, and the
exports room's errors reaching the person in their language with the console's exit codes."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from console.cli import main

SECRET = "mat-khau-bi-mat-2026"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VSS_EXPORT_TARGETS", str(tmp_path / "config" / "export-targets.toml"))
    for name in [k for k in os.environ if k.startswith("VSS_EXPORT_PASSWORD_")]:
        monkeypatch.delenv(name)

    def go(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return go


def test_add_init_check_list_and_remove_a_sqlite_target(run, tmp_path: Path):
    db = tmp_path / "portal.db"
    code, out, _ = run("export", "target", "add", "cong-thu", f"sqlite:///{db}")
    assert code == 0 and "cong-thu" in out and "VSS_EXPORT_PASSWORD_CONG_THU" in out
    code, out, _ = run("export", "target", "check", "cong-thu")
    assert code == 7 and out.strip()  # no schema yet: said, and not ready
    code, out, _ = run("export", "target", "init", "cong-thu")
    assert code == 0 and out.strip()
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT schema_version FROM portal_meta").fetchone() == (1,)
    assert run("export", "target", "init", "cong-thu")[0] == 0  # again: nothing to do
    assert run("export", "target", "check", "cong-thu")[0] == 0
    code, out, _ = run("export", "target", "list", "--format", "json")
    assert code == 0 and '"cong-thu"' in out
    assert run("export", "target", "remove", "cong-thu")[0] == 0
    code, _, err = run("--lang", "en", "export", "target", "check", "cong-thu")
    assert code == 5 and "cong-thu" in err  # not found, in English


def test_a_password_in_the_url_is_never_stored_nor_shown(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    code, out, err = run("export", "target", "add", "pg", f"postgresql://portal:{SECRET}@127.0.0.1:1/portal")
    assert code == 0 and SECRET not in out + err
    assert "VSS_EXPORT_PASSWORD_PG" in err  # told where the password goes instead
    stored = (tmp_path / "config" / "export-targets.toml").read_text(encoding="utf-8")
    assert SECRET not in stored
    monkeypatch.setenv("VSS_EXPORT_PASSWORD_PG", SECRET)
    code, out, err = run("export", "target", "list")
    assert code == 0 and SECRET not in out and "VSS_EXPORT_PASSWORD_PG" in out
    code, out, err = run("export", "target", "init", "pg")  # nobody listens on port 1
    assert code == 7 and SECRET not in out + err and "127.0.0.1" in out + err


def test_a_bad_name_a_duplicate_and_a_foreign_database_are_refused_clearly(run, tmp_path: Path):
    code, _, err = run("export", "target", "add", "tên có dấu", "sqlite:///x.db")
    assert code == 2 and "tên có dấu" in err
    assert run("export", "target", "add", "a", f"sqlite:///{tmp_path / 'a.db'}")[0] == 0
    code, _, err = run("export", "target", "add", "a", f"sqlite:///{tmp_path / 'b.db'}")
    assert code == 4 and "«a»" in err
    with sqlite3.connect(tmp_path / "a.db") as c:
        c.execute("CREATE TABLE khach_hang (id INTEGER)")  # somebody else's database
    code, _, err = run("export", "target", "init", "a")
    assert code == 7 and "khach_hang" in err  # names what it found there
    with sqlite3.connect(tmp_path / "a.db") as c:  # left as it was
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"khach_hang"}
