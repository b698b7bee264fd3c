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


def test_plan_run_verify_repair_and_history_from_the_cli(sqlite_env, tmp_path: Path, monkeypatch, capsys):
    """An administrator's whole round: the dry run, the export, a clean read-back, a hand edit found and repaired."""
    import json

    from models.workflow import State
    from tests.conftest import PASSWORD
    from tests.helpers import item_in

    monkeypatch.setenv("VSS_EXPORT_TARGETS", str(tmp_path / "config" / "export-targets.toml"))
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", PASSWORD)
    ids = [item_in(sqlite_env, State.APPROVED) for _ in range(3)]
    db = tmp_path / "portal.db"
    root = str(sqlite_env.ws.location.root)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", root, "--user", "admin", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("export", "target", "add", "thu", f"sqlite:///{db}")[0] == 0
    assert run("export", "target", "init", "thu")[0] == 0
    code, out, _ = run("export", "plan", "thu", "--format", "json")
    plan = json.loads(out)
    assert code == 0 and plan["counts"]["article"]["insert"] == 3 and plan["target"] == "thu"
    code, out, _ = run("export", "plan", "thu")
    assert code == 0 and "chưa ghi gì" in out and "Thêm mới" in out
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM portal_article").fetchone() == (0,)
    code, _, err = run("export", "run", "thu")  # no keyboard to confirm on (stdin is not a terminal)
    assert code == 2 and "--yes" in err
    code, out, _ = run("export", "run", "thu", "--yes", "--batch", "2")
    assert code == 0 and "Xong" in out and "Bài viết – thêm mới: 3" in out
    code, out, _ = run("export", "verify", "thu")
    assert code == 0 and "Không có khác biệt" in out
    with sqlite3.connect(db) as c:
        c.execute("UPDATE portal_article SET title = 'sửa tay' WHERE item_id = ?", (ids[0],))
    code, out, _ = run("--lang", "en", "export", "verify", "thu")
    assert code == 10 and "Changed on the target" in out and str(ids[0]) in out
    assert run("export", "run", "thu", "--yes")[0] == 0  # the ledger says all is there: nothing rewritten
    assert run("export", "verify", "thu")[0] == 10
    assert run("export", "run", "thu", "--yes", "--repair")[0] == 0
    assert run("export", "verify", "thu")[0] == 0
    code, out, _ = run("export", "history", "thu", "--format", "json")
    runs = json.loads(out)
    assert code == 0 and [r["status"] for r in runs] == ["done", "done", "done"] and runs[0]["by"] == "admin"
    assert main(["--db", root, "--user", "mai", "export", "plan", "thu"]) == 3  # only administrators export
