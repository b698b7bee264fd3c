"""The live portal's schema and the export targets (issue 7's foundation), on SQLite, PostgreSQL and MariaDB.

Each test on a server gets a database of its own, dropped afterwards."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from exports import schema, targets
from exports.targets import Target, TargetConflict, TargetInvalid, TargetNotFound, TargetUnusable
from tests.conftest import BACKENDS, MARIADB_URL, PG_URL, _server_unreachable, _skip_or_fail

SECRET = "s3cr3t-Pässwörd-42"
MARK = "s3cr3t"  # what survives of SECRET in any encoding


@pytest.fixture(autouse=True)
def _own_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(targets.ENV_TARGETS, str(tmp_path / "cfg" / "export-targets.toml"))
    for name in list(os.environ):
        if name.startswith(targets.ENV_PASSWORD_PREFIX):
            monkeypatch.delenv(name)


def _db_params() -> list[object]:
    return [pytest.param(b, marks=pytest.mark.db, id=b) for b in BACKENDS]


@pytest.fixture(params=_db_params())
def portal_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(backend, URL of a fresh, empty database)."""
    backend = request.param
    if backend == "sqlite":
        yield backend, f"sqlite:///{tmp_path / 'portal.db'}"
        return
    server = PG_URL if backend == "postgresql" else MARIADB_URL
    reason = _server_unreachable(server)
    if reason:
        _skip_or_fail(reason)
    name = f"vss_portal_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    q = '"' if backend == "postgresql" else "`"
    create = f"CREATE DATABASE {q}{name}{q}"
    if backend == "mariadb":
        create += " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    with admin.connect() as c:
        c.execute(text(create))
    try:
        yield backend, make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        drop = f"DROP DATABASE IF EXISTS {q}{name}{q}" + (" WITH (FORCE)" if backend == "postgresql" else "")
        with admin.connect() as c:
            c.execute(text(drop))
        admin.dispose()


def _version(target: Target) -> int | None:
    engine = targets.engine_for(target)
    try:
        with engine.connect() as c:
            return c.execute(select(schema.portal_meta.c.schema_version)).scalar()
    finally:
        engine.dispose()


def _tables(target: Target) -> set[str]:
    engine = targets.engine_for(target)
    try:
        with engine.connect() as c:
            return set(inspect(c).get_table_names())
    finally:
        engine.dispose()


def _set_version(target: Target, version: int) -> None:
    engine = targets.engine_for(target)
    try:
        with engine.begin() as c:
            c.execute(schema.portal_meta.update().values(schema_version=version))
    finally:
        engine.dispose()


# -- schema on each backend ----------------------------------------------------------------------------


def test_init_creates_every_table_at_version_1_and_is_idempotent(portal_url):
    _, url = portal_url
    target = targets.add_target("portal", url).target
    assert targets.check_target(target).state == "missing"
    done = targets.init_target(target)
    assert done.state == "created", done.message("en")
    assert _tables(target) >= schema.TABLE_NAMES
    assert _version(target) == schema.SCHEMA_VERSION == 1
    check = targets.check_target(target)
    assert check.ok and check.version == 1, check.message("en")

    again = targets.init_target(target)
    assert again.state == "current"
    assert "already version 1" in again.message("en")
    engine = targets.engine_for(target)
    with engine.connect() as c:
        assert len(c.execute(select(schema.portal_meta)).all()) == 1
    engine.dispose()


def test_the_tables_take_what_the_portal_needs(portal_url):
    """Vietnamese text, a large HTML body, long paths and microsecond timestamps round-trip."""
    from datetime import UTC, datetime

    _, url = portal_url
    target = targets.add_target("portal", url).target
    targets.init_target(target)
    when = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    html = "<p>Bảo hiểm xã hội Việt Nam</p>" * 20000  # ≈ 700 KB: LONGTEXT on MariaDB
    path = "/" + "/".join(["chinh-sach-bao-hiem-xa-hoi"] * 18)  # 486 of 512
    engine = targets.engine_for(target)
    with engine.begin() as c:
        c.execute(schema.export_run.insert().values(id="r1", started_at=when, by="admin", status="running",
                                                    counts={"insert": 1}))
        c.execute(schema.portal_article.insert().values(
            item_id=1, portal="vi", language="vi", category_key="vi.6.2", title="Tin tức – Đồng bộ",
            summary="Tóm tắt", html=html, html_sha256="0" * 64, content_type="news",
            type_meta={"số_hiệu": "123/QĐ-BHXH"}, published_at=when, updated_at=when))
        c.execute(schema.portal_redirect.insert().values(portal="vi", old_path=path, target_path="/tin-tuc",
                                                         target_key="vi.1", updated_at=when))
        c.execute(schema.export_ledger.insert().values(kind="redirect", ref="vi:" + path, content_sha256="1" * 64,
                                                       exported_at=when, run_id="r1"))
    with engine.connect() as c:
        row = c.execute(select(schema.portal_article)).one()
        assert row.html == html and row.title == "Tin tức – Đồng bộ" and row.published_at == when
        assert row.type_meta == {"số_hiệu": "123/QĐ-BHXH"} and row.withdrawn is False
    engine.dispose()


def test_a_newer_schema_is_refused_and_left_alone(portal_url):
    _, url = portal_url
    target = targets.add_target("portal", url).target
    targets.init_target(target)
    _set_version(target, 2)
    check = targets.check_target(target)
    assert check.state == "newer"
    with pytest.raises(TargetUnusable) as caught:
        targets.init_target(target)
    assert caught.value.key == "export.target.schema_newer"
    assert "version 2, newer than the version 1" in caught.value.message("en")
    assert "phiên bản 2" in caught.value.message("vi")
    assert _version(target) == 2


def test_an_older_schema_is_upgraded_step_by_step(portal_url, monkeypatch):
    _, url = portal_url
    target = targets.add_target("portal", url).target
    targets.init_target(target)
    steps: list[int] = []
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(targets.UPGRADES, 1, lambda conn: steps.append(1))
    assert targets.check_target(target).state == "older"
    done = targets.init_target(target)
    assert done.state == "upgraded" and steps == [1]
    assert "from version 1 to 2" in done.message("en")
    assert _version(target) == 2
    engine = targets.engine_for(target)
    with engine.connect() as c:
        assert c.execute(select(schema.portal_meta.c.upgraded_at)).scalar() is not None
    engine.dispose()


def test_a_database_with_other_tables_and_no_portal_meta_is_refused(portal_url):
    _, url = portal_url
    target = targets.add_target("portal", url).target
    engine = targets.engine_for(target)
    with engine.begin() as c:
        c.execute(text("CREATE TABLE wp_posts (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    assert targets.check_target(target).state == "foreign"
    with pytest.raises(TargetUnusable) as caught:
        targets.init_target(target)
    assert caught.value.key == "export.target.foreign_tables"
    assert "wp_posts" in caught.value.message("en") and "Nothing was changed" in caught.value.message("en")
    assert _tables(target) == {"wp_posts"}


def test_a_half_made_schema_of_our_own_tables_is_completed(portal_url):
    """MariaDB commits DDL at once, so an init killed halfway leaves some tables and no portal_meta."""
    _, url = portal_url
    target = targets.add_target("portal", url).target
    engine = targets.engine_for(target)
    with engine.begin() as c:
        schema.portal_category.create(c)
    engine.dispose()
    assert targets.init_target(target).state == "created"
    assert _version(target) == 1


# MariaDB only: a SQLite file has no password, and this machine's PostgreSQL trusts local connections (any
# password is accepted), so PostgreSQL's wrong-password message is checked by the classification test instead.
@pytest.mark.parametrize("portal_url", [pytest.param("mariadb", marks=pytest.mark.db, id="mariadb")], indirect=True)
def test_a_wrong_password_is_named_without_the_password(portal_url, monkeypatch):
    _, url = portal_url
    target = targets.add_target("portal", url).target
    monkeypatch.setenv(target.password_env, SECRET)
    status = targets.check_target(target)
    assert status.state == "wrong_password", status.message("en")
    for lang in ("vi", "en"):
        assert SECRET not in status.message(lang)
    assert target.password_env in status.message("en")
    with pytest.raises(TargetUnusable) as caught:
        targets.init_target(target)
    assert caught.value.key == "export.target.wrong_password"
    assert SECRET not in caught.value.message("en") and SECRET not in repr(caught.value)


# -- without a server ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["postgresql://portal@127.0.0.1:1/portal", "mysql://portal@127.0.0.1:1/portal"])
def test_an_unreachable_server_is_named_without_the_password(url, monkeypatch):
    target = targets.add_target("far", url).target
    monkeypatch.setenv(target.password_env, SECRET)
    status = targets.check_target(target)
    assert status.state == "unreachable"
    assert "cannot be reached" in status.message("en") and "127.0.0.1" in status.message("en")
    assert SECRET not in status.message("en") and SECRET not in status.message("vi")
    with pytest.raises(TargetUnusable) as caught:
        targets.init_target(target)
    assert caught.value.key == "export.target.unreachable" and SECRET not in str(caught.value)


def test_an_unopenable_sqlite_file_is_unreachable(tmp_path):
    target = targets.add_target("file", f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'portal.db'}").target
    assert targets.check_target(target).state == "missing"  # nothing there yet; check creates nothing
    with pytest.raises(TargetUnusable) as caught:
        targets.init_target(target)
    assert caught.value.key == "export.target.unreachable"


def test_driver_errors_are_classified():
    from sqlalchemy.exc import OperationalError

    target = Target("t", "postgresql+psycopg://u@h/db")

    def status(message: str, *args: object) -> str:
        orig = Exception(*args) if args else Exception(message)
        return targets._classify(OperationalError("connect", {}, orig), target).state

    assert status('connection failed: FATAL:  password authentication failed for user "u"') == "wrong_password"
    assert status("", 1045, "Access denied for user 'u'@'h' (using password: YES)") == "wrong_password"
    assert status('FATAL:  database "db" does not exist') == "no_database"
    assert status("", 1049, "Unknown database 'db'") == "no_database"
    assert status("", 2003, "Can't connect to MySQL server on 'h' (timed out)") == "unreachable"
    assert status("connection refused") == "unreachable"


# -- the targets file and passwords ---------------------------------------------------------------------


def test_the_targets_file_never_holds_a_password_and_is_private():
    added = targets.add_target("prod", f"postgresql://portal:{SECRET}@db.example:5432/portal")
    assert added.password_removed
    notice = added.notice("en")
    assert notice and "VSS_EXPORT_PASSWORD_PROD" in notice and SECRET not in notice
    assert MARK not in repr(added) and MARK not in added.target.url
    path = targets.targets_path()
    assert MARK not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [t.name for t in targets.list_targets()] == ["prod"]
    assert targets.list_targets()[0].url == "postgresql+psycopg://portal@db.example:5432/portal"

    plain = targets.add_target("staging-2", "mariadb://portal@db.example/portal")
    assert not plain.password_removed and plain.notice() is None
    assert plain.target.password_env == "VSS_EXPORT_PASSWORD_STAGING_2"
    assert [t.name for t in targets.list_targets()] == ["prod", "staging-2"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_adding_and_removing_targets():
    targets.add_target("a", "sqlite:///portal.db")
    with pytest.raises(TargetConflict):
        targets.add_target("a", "sqlite:///other.db")
    with pytest.raises(TargetInvalid):
        targets.add_target("bad name/..", "sqlite:///x.db")
    with pytest.raises(TargetInvalid) as caught:
        targets.add_target("b", "oracle://u@h/db")
    assert "oracle" in caught.value.message("en")
    assert targets.remove_target("a").name == "a"
    assert targets.list_targets() == []
    with pytest.raises(TargetNotFound):
        targets.remove_target("a")
    with pytest.raises(TargetNotFound):
        targets.get_target("a")


def test_a_password_written_into_the_file_by_hand_is_never_used(monkeypatch):
    path = targets.targets_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'[targets.x]\nurl = "postgresql://u:{SECRET}@h/db"\n', encoding="utf-8")
    (target,) = targets.list_targets()
    assert MARK not in target.url and MARK not in repr(target)
    assert targets.engine_for(target).url.password is None


def test_a_private_password_file_is_read_and_the_environment_wins(monkeypatch):
    target = targets.add_target("prod", "postgresql://portal@db.example/portal").target
    assert targets.password_for(target) is None
    file = targets.password_file("prod")
    file.parent.mkdir(mode=0o700)
    file.write_text("from-file\n", encoding="utf-8")
    file.chmod(0o644)
    with pytest.raises(TargetUnusable) as caught:
        targets.password_for(target)
    assert "chmod 600" in caught.value.message("en")
    file.chmod(0o600)
    assert targets.password_for(target) == "from-file"
    engine = targets.engine_for(target)
    assert engine.url.password == "from-file"
    assert "from-file" not in repr(engine) and "from-file" not in str(engine.url)
    engine.dispose()
    monkeypatch.setenv("VSS_EXPORT_PASSWORD_PROD", "from-env")
    assert targets.password_for(target) == "from-env"
    assert SECRET not in repr(target)


def test_every_message_has_both_languages():
    for key, (vi, en) in targets.MESSAGES.items():
        assert vi and en and vi != en, key
