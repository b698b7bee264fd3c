"""Migrations: the schema they build equals the models on every database; the revision list the
console checks cheaply equals the scripts; an older SQLite workspace is backed up and upgraded on
open; newer, foreign, missing and existing workspaces are refused with clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, inspect, select, text

from console import migrate
from console.errors import WorkspaceError
from console.workspace import init_workspace, open_workspace
from models import Base, Category, ContentType, Item
from models.migrations import HEAD, REVISIONS, SEARCH_INDEX, SEARCH_TABLE, in_models
from models.workflow import State
from tests.helpers import item_in


def _schema_diff(engine: Engine) -> list[Any]:
    # Types and server defaults are compared too, as the migration env does. Only the search structures that
    # migration 0004 builds beside the models (FTS5 on SQLite, a trigram index on PostgreSQL) are left out, by
    # the same hook as the migration env's; test_0004_* checks them.
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True, "include_name": in_models}
        )
        return compare_metadata(ctx, Base.metadata)


def test_migrated_schema_matches_the_models(env):
    assert migrate.current_revision(env.ws.db.engine) == HEAD
    assert migrate.status(env.ws.db.engine) == "current"
    diff = _schema_diff(env.ws.db.engine)
    assert diff == []


def test_fresh_sqlite_upgrade_from_empty_matches_the_models(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert migrate.status(engine) == "empty"
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == HEAD
        assert _schema_diff(engine) == []
        with engine.connect() as c:  # the schema only: no seed data without init_workspace
            assert c.scalar(select(func.count()).select_from(Category.__table__)) == 0
    finally:
        engine.dispose()


def test_revision_list_matches_the_scripts():
    assert list(REVISIONS) == migrate.script_revisions()
    assert REVISIONS[-1] == HEAD
    assert len(set(REVISIONS)) == len(REVISIONS)


def _down_revision(rev: str) -> str:
    i = REVISIONS.index(rev)
    return REVISIONS[i - 1] if i else "base"


@pytest.mark.parametrize("rev", REVISIONS)
def test_an_older_sqlite_workspace_is_backed_up_and_upgraded_on_open(sqlite_env, rev: str):
    env = sqlite_env
    root = env.ws.location.root
    down = _down_revision(rev)
    keep = None
    if down != "base":
        # Data survives the round trip wherever the older schema still has the tables.
        keep = item_in(env, State.EDITING)
    # Down to 'base' (from the first revision) drops every table: nothing can survive that.
    migrate.downgrade(env.ws.db.engine, down)
    assert migrate.current_revision(env.ws.db.engine) == down
    assert migrate.status(env.ws.db.engine) == "older"
    env.ws.close()
    assert not (root / "backups").exists()

    ws = open_workspace(root)
    try:
        assert ws.migrated is not None
        old, new, backup = ws.migrated
        assert (old, new) == (down, HEAD)
        assert backup is not None and backup.parent == root / "backups" and backup.is_file()
        assert migrate.current_revision(ws.db.engine) == HEAD
        assert _schema_diff(ws.db.engine) == []
        with sqlite3.connect(backup) as db:  # a readable SQLite database at the old revision
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            version = db.execute("SELECT version_num FROM alembic_version").fetchall()
            assert version == ([] if down == "base" else [(down,)])
        db.close()
        if keep is not None:
            with ws.db.read() as s:
                item = s.get(Item, keep)
                assert item is not None and item.state == "editing"
    finally:
        ws.close()
    again = open_workspace(root)  # now current: no second migration, no second backup
    try:
        assert again.migrated is None
        assert len(list((root / "backups").iterdir())) == 1
    finally:
        again.close()


def test_a_newer_workspace_is_refused_and_the_message_names_both_revisions(env):
    target = env.ws.location.url if env.backend != "sqlite" else env.ws.location.root
    with env.ws.db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    try:
        assert migrate.status(env.ws.db.engine) == "newer"
        with pytest.raises(WorkspaceError) as err:
            open_workspace(target)
        assert err.value.key == "ws.too_new"
        for lang in ("vi", "en"):
            msg = err.value.message(lang)
            assert "9999_future" in msg and HEAD in msg, msg
    finally:  # the MariaDB template only restores the models' tables, so put the version back
        with env.ws.db.engine.begin() as c:
            c.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": HEAD})
    assert migrate.status(env.ws.db.engine) == "current"


def test_init_on_an_existing_workspace_is_refused(env):
    target = env.ws.location.url if env.backend != "sqlite" else env.ws.location.root
    with pytest.raises(WorkspaceError) as err:
        init_workspace(target)
    assert err.value.key == "ws.exists"
    with env.ws.db.read() as s:  # and nothing was touched
        assert s.scalar(select(func.count()).select_from(Category)) == 17 + 11 + 13 + 20


def test_a_database_of_another_application_is_refused(tmp_path: Path):
    root = tmp_path / "foreign"
    root.mkdir()
    with sqlite3.connect(root / "workspace.db") as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    db.close()
    with pytest.raises(WorkspaceError) as err:
        open_workspace(root)
    assert err.value.key == "ws.not_workspace"
    with sqlite3.connect(root / "workspace.db") as db:  # untouched: no alembic_version created
        assert db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == [("invoices",)]
    db.close()
    assert not (root / "backups").exists()


def test_a_missing_workspace_is_refused(tmp_path: Path):
    with pytest.raises(WorkspaceError) as err:
        open_workspace(tmp_path / "nowhere")
    assert err.value.key == "ws.missing"
    assert not (tmp_path / "nowhere").exists()  # opening never creates


def test_an_empty_database_file_is_missing_not_migrated(tmp_path: Path):
    root = tmp_path / "empty"
    root.mkdir()
    sqlite3.connect(root / "workspace.db").close()
    with pytest.raises(WorkspaceError) as err:
        open_workspace(root)
    assert err.value.key == "ws.missing"


def test_init_on_an_existing_sqlite_file_is_refused(tmp_path: Path):
    ws = init_workspace(tmp_path / "w")
    ws.close()
    with pytest.raises(WorkspaceError) as err:
        init_workspace(tmp_path / "w")
    assert err.value.key == "ws.exists"


def test_0002_backfills_folded_search_text_and_document_number_fields(env):
    from console.services import items as item_service
    from tests.helpers import draft

    i = item_service.create(env.ws, env.actor("lan"), draft(title="Đối thoại chính sách BHXH", summary="Tại Hà Nội")).id
    migrate.downgrade(env.ws.db.engine, "0001_initial")
    assert "search_text" not in {c["name"] for c in inspect(env.ws.db.engine).get_columns("item")}
    migrate.upgrade(env.ws.db.engine)
    with env.ws.db.read() as s:
        assert s.scalar(text("SELECT search_text FROM item WHERE id = :i"), {"i": i}) == \
            "doi thoai chinh sach bhxh\ntai ha noi"
        fields = s.execute(select(ContentType).where(ContentType.code == "legal_document")).scalar_one().fields
    assert next(f for f in fields if f["key"] == "number")["kind"] == "docnumber"
    assert _schema_diff(env.ws.db.engine) == []


def test_0004_keys_titles_and_indexes_the_search_of_existing_items_and_downgrades(env):
    from console.collation import title_key
    from console.services import items as item_service
    from console.services import pages
    from tests.helpers import draft

    engine = env.ws.db.engine
    lan = env.actor("lan")
    a = item_service.create(env.ws, lan, draft(title="Điều chỉnh lương hưu", summary="Từ tháng 7")).id
    b = item_service.create(env.ws, lan, draft(title="Bảo hiểm y tế học sinh")).id
    migrate.downgrade(engine, "0003_reason_templates")
    insp = inspect(engine)
    assert "title_key" not in {c["name"] for c in insp.get_columns("item")}
    indexes = {ix["name"] for ix in insp.get_indexes("item")}
    assert "ix_item_state_due" in indexes
    assert not {n for n in indexes if n.startswith("ix_item_queue_") or n == SEARCH_INDEX}
    assert not [n for n in insp.get_table_names() if n.startswith(SEARCH_TABLE)]
    with engine.begin() as c:  # a change made at 0003, which no trigger or key followed
        c.execute(text("UPDATE item SET title = :t, search_text = :s WHERE id = :i"),
                  {"t": "Thông báo nghỉ Tết", "s": "thong bao nghi tet\n", "i": b})

    migrate.upgrade(engine)
    assert _schema_diff(engine) == []
    insp = inspect(engine)
    indexes = {ix["name"] for ix in insp.get_indexes("item")}
    assert {"ix_item_queue_due", "ix_item_queue_received", "ix_item_queue_unit", "ix_item_queue_title"} <= indexes
    assert (SEARCH_INDEX in indexes) == (env.backend == "postgresql")
    assert bool([n for n in insp.get_table_names() if n.startswith(SEARCH_TABLE)]) == (env.backend == "sqlite")
    with env.ws.db.read() as s:
        assert dict(s.execute(select(Item.id, Item.title_key)).all()) == {
            a: title_key("Điều chỉnh lương hưu"), b: title_key("Thông báo nghỉ Tết")}
    minh = env.actor("minh")

    def found(words: str) -> list[int]:
        flt = pages.QueueFilter(text=words)
        got = pages.page(env.ws, minh, "inbox", flt).rows
        assert pages.count(env.ws, minh, "inbox", flt) == len(got)
        return [r.id for r in got]

    assert found("luong huu") == found("tu thang") == [a]
    assert found("nghi tet") == [b] and found("bao hiem") == []
    assert [r.id for r in pages.page(env.ws, minh, "inbox", None, "title").rows] == [a, b]  # Đ before T
    if env.backend == "sqlite":  # the triggers follow later changes; the FTS index agrees with the table
        with engine.begin() as c:
            c.execute(text("UPDATE item SET search_text = 'xyzzy' WHERE id = :i"), {"i": a})
        assert found("xyzzy") == [a] and found("luong huu") == []
        raw = engine.raw_connection()
        try:
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("DELETE FROM item WHERE id = ?", (b,))
            assert raw.execute(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH 'nghi'").fetchall() == []
            raw.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
            raw.close()
