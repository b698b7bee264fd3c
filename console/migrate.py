"""Schema version checks (cheap, no Alembic import) and migrations (imports Alembic lazily)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, inspect, select, text

from console.config import Location
from console.errors import WorkspaceError
from models.migrations import HEAD, REVISIONS, SCRIPT_LOCATION


def current_revision(engine: Engine) -> str | None:
    """The workspace's schema revision; ``None`` for an empty database. One query in the common case."""
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except Exception:
            conn.rollback()
            if inspect(conn).get_table_names():
                return "<foreign>"
            return None
        return row[0] if row else "base"


def status(engine: Engine) -> str:
    """``empty``, ``current``, ``older`` or ``newer`` (``newer`` also covers unknown revisions)."""
    rev = current_revision(engine)
    if rev is None:
        return "empty"
    if rev == HEAD:
        return "current"
    if rev == "base" or rev in REVISIONS:
        return "older"
    return "newer"


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = connection
    return cfg


def _run(engine: Engine, step: Any, target: str) -> None:
    """Run an Alembic command in one transaction. On SQLite, foreign keys are switched off for it
    (batch migrations rebuild tables that rows point at) and checked before the commit."""
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # must happen outside a transaction, so on the raw connection before BEGIN
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                step(_alembic_config(conn), target)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration to {target} left broken references: {broken[:5]}")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Migrate to ``target``, then compute in the same transaction what the migrations leave to the application
    (:func:`fill_title_keys`)."""
    from alembic import command

    def step(cfg: Any, to: str) -> None:
        command.upgrade(cfg, to)
        fill_title_keys(cfg.attributes["connection"])

    _run(engine, step, target)


TITLE_KEYS_FROM = "0004_queue_search"


def fill_title_keys(conn: Connection, batch: int = 5000) -> int:
    """Set ``item.title_key`` where it is NULL, with the application's collation; returns how many rows.

    Migration 0004 adds the column empty: the key comes from ``console.collation``, which a migration does
    not import and which is too large to freeze in one. Running here, after every upgrade and inside its
    transaction, means no workspace is ever at 0004 or later with titles left unkeyed; services keep the key
    from then on (``items._revision``). Does nothing below 0004."""
    version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if version not in REVISIONS or REVISIONS.index(version) < REVISIONS.index(TITLE_KEYS_FROM):
        return 0
    from console.collation import title_key
    from models import Base

    item = Base.metadata.tables["item"]
    done, last = 0, 0
    while True:
        rows = conn.execute(
            select(item.c.id, item.c.title).where(item.c.title_key.is_(None), item.c.id > last)
            .order_by(item.c.id).limit(batch)
        ).all()
        if not rows:
            return done
        conn.execute(
            item.update().where(item.c.id == bindparam("b_id")).values(title_key=bindparam("b_key")),
            [{"b_id": i, "b_key": title_key(title)} for i, title in rows],
        )
        done += len(rows)
        last = rows[-1][0]


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    _run(engine, command.downgrade, target)


def script_revisions() -> list[str]:
    """Revisions known to the migration scripts, oldest first (used by tests and ``migrate``)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    script = ScriptDirectory.from_config(cfg)
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def backup_sqlite(location: Location, label: str) -> Path:
    """Copy a SQLite workspace with the online backup API (consistent even in WAL mode)."""
    src = location.sqlite_path
    assert src is not None
    folder = location.root / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = folder / f"workspace-{label}-{stamp}.db"
    with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
        source.backup(target)
    source.close()
    target.close()
    return dest


def ensure_current(engine: Engine, location: Location) -> tuple[str, str, Path | None] | None:
    """Refuse a newer schema; migrate an older one (after a backup for SQLite).

    Returns ``(old, new, backup)`` when a migration ran, else ``None``.
    """
    state = status(engine)
    if state == "current":
        return None
    where = location.display()
    if state == "empty":
        raise WorkspaceError("ws.missing", where=where)
    rev = current_revision(engine) or "?"
    if state == "newer":
        if rev == "<foreign>":
            raise WorkspaceError("ws.not_workspace", where=where)
        raise WorkspaceError("ws.too_new", where=where, found=rev, known=HEAD)
    backup = backup_sqlite(location, rev) if location.is_sqlite else None
    upgrade(engine)
    return rev, HEAD, backup
