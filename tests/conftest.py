"""Shared fixtures: a fresh, seeded workspace per test on each configured database.

``VSS_TEST_DATABASES`` (default ``sqlite,postgresql,mariadb``) picks the backends. A server that
cannot be reached is skipped with its reason when run by hand, and is a failure under CI
(``CI=true``), where .ci/run starts the servers first. Isolation per test:
- SQLite: a copy of a template workspace file;
- PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` of a seeded template database (about 30 ms);
- MariaDB: the template's rows restored into a per-run database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from console.permissions import Actor
from console.workspace import Workspace, init_workspace, open_workspace
from models import Base, User

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_URL = os.environ.get("VSS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MARIADB_URL = os.environ.get("VSS_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/test")
BACKENDS = [b.strip() for b in os.environ.get("VSS_TEST_DATABASES", "sqlite,postgresql,mariadb").split(",")
            if b.strip()]
PASSWORD = "test-pass-1"

# username -> (full name, [(unit, role)]). "hung" sits on the Board and contributes for VP, so the
# separation of duties can be tested with one person holding both roles.
TEST_USERS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "admin": ("Phạm Quản Trị", [("TTCNTT", "admin")]),
    "lan": ("Nguyễn Thị Lan", [("VP", "contributor")]),
    "son": ("Đỗ Văn Sơn", [("VKH", "contributor")]),
    "minh": ("Trần Văn Minh", [("TTTT", "editor")]),
    "thu": ("Võ Thị Thu", [("TTCSKH", "qa_officer")]),
    "hung": ("Lê Quốc Hùng", [("BBT", "board_member"), ("VP", "contributor")]),
    "mai": ("Hoàng Thị Mai", [("BBT", "board_member")]),
    "head": ("Bùi Đức Trưởng", [("BBT", "board_head")]),
    "ld": ("Ngô Văn Lãnh", [("LD", "leadership")]),
    "anna": ("Anna Nguyen", [("VHTQT", "contributor")]),
}


def _seed_users(ws: Workspace) -> None:
    from console.services import auth, people

    first, *rest = TEST_USERS.items()
    people.add_user(ws, None, first[0], first[1][0], PASSWORD, first[1][1])
    admin = auth.login(ws, first[0], PASSWORD)
    for username, (name, grants) in rest:
        people.add_user(ws, admin, username, name, PASSWORD, grants, language="vi")


@dataclass
class Env:
    ws: Workspace
    backend: str

    def actor(self, username: str, lang: str = "vi") -> Actor:
        with self.ws.db.read() as s:
            user = s.execute(select(User).where(User.username == username)).scalar_one()
            a = Actor.of(user)
        return Actor(a.user_id, a.username, a.full_name, lang, a.memberships)


def _server_unreachable(url: str) -> str | None:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # the reason is shown in the skip message
        return f"{make_url(url).render_as_string(hide_password=True)} unreachable: {exc.__class__.__name__}: {exc}"
    return None


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"database tests must run in CI: {reason}")
    pytest.skip(reason)


class _SqliteFactory:
    def __init__(self, tmp: Path) -> None:
        self.template = tmp / "template"
        ws = init_workspace(self.template)
        _seed_users(ws)
        with ws.db.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.close()

    def make(self, dest: Path) -> str:
        dest.mkdir(parents=True)
        with sqlite3.connect(self.template / "workspace.db") as src, sqlite3.connect(dest / "workspace.db") as dst:
            src.backup(dst)
        src.close()
        dst.close()
        (dest / "attachments").mkdir()
        return str(dest)

    def close(self) -> None:
        shutil.rmtree(self.template, ignore_errors=True)


class _PostgresFactory:
    def __init__(self) -> None:
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.prefix = f"vss_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_tpl"
        self.created: list[str] = []
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{self.template}"'))
        self.created.append(self.template)
        ws = init_workspace(self._url(self.template))
        _seed_users(ws)
        ws.close()
        self.n = 0

    def _url(self, db: str) -> str:
        return make_url(PG_URL).set(database=db).render_as_string(hide_password=False)

    def make(self, dest: Path) -> str:
        self.n += 1
        name = f"{self.prefix}_{self.n}"
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
        self.created.append(name)
        return self._url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        with self.admin.connect() as c:
            for name in reversed(self.created):
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


class _MariaDbFactory:
    def __init__(self) -> None:
        self.admin = create_engine(MARIADB_URL, isolation_level="AUTOCOMMIT")
        self.name = f"vss_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self.admin.connect() as c:
            c.execute(text(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
        self.url = make_url(MARIADB_URL).set(database=self.name).render_as_string(hide_password=False)
        ws = init_workspace(self.url)
        _seed_users(ws)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        with ws.db.engine.connect() as c:
            for table in Base.metadata.sorted_tables:
                self.rows[table.name] = [dict(r._mapping) for r in c.execute(table.select())]
        self.engine = ws.db.engine

    def make(self, dest: Path) -> str:
        with self.engine.begin() as c:
            c.exec_driver_sql("SET FOREIGN_KEY_CHECKS=0")
            for table in Base.metadata.sorted_tables:
                c.exec_driver_sql(f"TRUNCATE TABLE `{table.name}`")
            for table in Base.metadata.sorted_tables:
                if self.rows[table.name]:
                    c.execute(table.insert(), self.rows[table.name])
            c.exec_driver_sql("SET FOREIGN_KEY_CHECKS=1")
        return self.url

    def close(self) -> None:
        self.engine.dispose()
        with self.admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS `{self.name}`"))
        self.admin.dispose()


_FACTORIES: dict[str, Any] = {}


@pytest.fixture(scope="session")
def _factories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield _FACTORIES
    for f in _FACTORIES.values():
        if not isinstance(f, str):
            f.close()


def _factory(backend: str, factories: dict[str, Any], tmp: pytest.TempPathFactory) -> Any:
    if backend not in factories:
        try:
            if backend == "sqlite":
                factories[backend] = _SqliteFactory(tmp.mktemp("sqlite-template"))
            elif backend == "postgresql":
                factories[backend] = _server_unreachable(PG_URL) or _PostgresFactory()
            elif backend == "mariadb":
                factories[backend] = _server_unreachable(MARIADB_URL) or _MariaDbFactory()
            else:
                raise ValueError(f"unknown backend {backend!r} in VSS_TEST_DATABASES")
        except Exception as exc:
            factories[backend] = f"{backend} template could not be built: {exc}"
    return factories[backend]


def backend_params() -> list[Any]:
    return [pytest.param(b, marks=pytest.mark.db, id=b) for b in BACKENDS]


@pytest.fixture(params=backend_params())
def env(request: pytest.FixtureRequest, _factories: dict[str, Any], tmp_path: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """A fresh seeded workspace with the TEST_USERS, on each backend."""
    backend = request.param
    factory = _factory(backend, _factories, tmp_path_factory)
    if isinstance(factory, str):
        _skip_or_fail(factory)
    target = factory.make(tmp_path / "ws")
    if backend != "sqlite":
        os.environ["VSS_CONSOLE_FILES"] = str(tmp_path / "files")
    ws = open_workspace(target)
    try:
        yield Env(ws, backend)
    finally:
        ws.close()
        os.environ.pop("VSS_CONSOLE_FILES", None)
        if backend == "postgresql":
            factory.drop(target)


@pytest.fixture
def sqlite_env(_factories: dict[str, Any], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """The SQLite workspace only: for tests of files, the CLI and the TUI."""
    factory = _factory("sqlite", _factories, tmp_path_factory)
    ws = open_workspace(factory.make(tmp_path / "ws"))
    try:
        yield Env(ws, "sqlite")
    finally:
        ws.close()


@pytest.fixture(autouse=True)
def _own_preferences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty preferences file of its own: a developer's theme or keymap never leaks in,
    and a test that picks a theme never writes to the real config folder."""
    monkeypatch.setenv("VSS_CONSOLE_CONFIG", str(tmp_path / "config" / "config.toml"))


@pytest.fixture
def cli(sqlite_env, monkeypatch, capsys):
    """Run ``vss-console --db WS --user USER ...`` in-process; returns (exit code, stdout, stderr). Tables are
    printed 200 columns wide (one line a row)."""
    from console.cli import main

    root = str(sqlite_env.ws.location.root)
    monkeypatch.setenv("VSS_CONSOLE_PASSWORD", PASSWORD)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("VSS_CONSOLE_DB", raising=False)

    def run(user: str | None, *args: str) -> tuple[int, str, str]:
        argv = ["--db", root, *(["--user", user] if user else []), *args]
        code = main(argv)
        out = capsys.readouterr()
        return code, out.out, out.err

    run.root = root  # type: ignore[attr-defined]
    return run
