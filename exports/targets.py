"""Export targets: where the live portal database is, how to reach it, and its schema's state.

Targets live in one TOML file in the user's config folder (platformdirs; ``VSS_EXPORT_TARGETS`` names
another file), created 0600 in a 0700 folder::

    [targets.production]
    url = "postgresql+psycopg://portal@db.example/portal"

The file never holds a password. A target's password comes from, first, the environment variable
``VSS_EXPORT_PASSWORD_<NAME>`` (the name upper-cased, anything but letters and digits as ``_``), else from
the file ``passwords/<name>`` beside the targets file, which must be readable by its owner only (0600).
A password written into the URL given to :func:`add_target` is removed before the URL is stored, and the
result says so. Passwords never appear in a repr, a log line or an error message.

The export room imports ``models`` only, so its errors are its own (:class:`TargetError`, carrying a
catalogue key and parameters, with the Vietnamese and English text in :data:`MESSAGES`); the console
registers :data:`MESSAGES` in its catalogue and shows them like its own errors (``TargetError.kind``
says which: invalid, not_found, conflict or unusable).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Connection, Engine, create_engine, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from exports import schema
from models.base import utcnow

ENV_TARGETS = "VSS_EXPORT_TARGETS"
ENV_PASSWORD_PREFIX = "VSS_EXPORT_PASSWORD_"
CONNECT_TIMEOUT_S = 5
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")

# key -> (Vietnamese, English). Registered by the console (console.i18n.register(MESSAGES)).
MESSAGES: dict[str, tuple[str, str]] = {
    "export.target.name_invalid": (
        "Tên đích xuất «{name}» không hợp lệ: chỉ dùng chữ không dấu, chữ số, «-», «_», «.» (tối đa 63 ký tự).",
        "The export target name “{name}” is invalid: use unaccented letters, digits, “-”, “_”, “.” "
        "(at most 63 characters).",
    ),
    "export.target.url_invalid": (
        "Địa chỉ cơ sở dữ liệu không hợp lệ: {detail}",
        "The database URL is invalid: {detail}",
    ),
    "export.target.driver_unsupported": (
        "Không hỗ trợ loại cơ sở dữ liệu «{driver}»; chọn sqlite, postgresql hoặc mysql/mariadb.",
        "The database kind “{driver}” is not supported; choose sqlite, postgresql or mysql/mariadb.",
    ),
    "export.target.exists": (
        "Đã có đích xuất «{name}».",
        "There is already an export target “{name}”.",
    ),
    "export.target.unknown": (
        "Không có đích xuất «{name}».",
        "There is no export target “{name}”.",
    ),
    "export.target.file_unreadable": (
        "Không đọc được tệp đích xuất {path}: {detail}",
        "The export targets file {path} cannot be read: {detail}",
    ),
    "export.target.password_removed": (
        "Mật khẩu trong địa chỉ đã bị bỏ, không được lưu. Hãy đặt biến môi trường {env} "
        "hoặc tệp {path} (quyền 0600).",
        "The password in the URL was removed and not stored. Set the environment variable {env} "
        "or the file {path} (mode 0600).",
    ),
    "export.target.password_file_open": (
        "Tệp mật khẩu {path} phải chỉ chủ sở hữu đọc được (chmod 600).",
        "The password file {path} must be readable by its owner only (chmod 600).",
    ),
    "export.target.ok": (
        "Đích xuất «{name}» ({url}) sẵn sàng, lược đồ phiên bản {version}.",
        "Export target “{name}” ({url}) is ready, schema version {version}.",
    ),
    "export.target.wrong_password": (
        "Đích xuất «{name}» ({url}) từ chối đăng nhập: sai tên người dùng hoặc mật khẩu. "
        "Kiểm tra biến môi trường {env} hoặc tệp mật khẩu.",
        "Export target “{name}” ({url}) refused the login: wrong user name or password. "
        "Check the environment variable {env} or the password file.",
    ),
    "export.target.unreachable": (
        "Không kết nối được đích xuất «{name}» ({url}): {detail}",
        "Export target “{name}” ({url}) cannot be reached: {detail}",
    ),
    "export.target.no_database": (
        "Máy chủ của đích xuất «{name}» ({url}) không có cơ sở dữ liệu này.",
        "The server of export target “{name}” ({url}) has no such database.",
    ),
    "export.target.schema_missing": (
        "Đích xuất «{name}» ({url}) chưa có lược đồ cổng; chạy «export target init {name}».",
        "Export target “{name}” ({url}) has no portal schema yet; run “export target init {name}”.",
    ),
    "export.target.schema_older": (
        "Lược đồ của đích xuất «{name}» là phiên bản {version}, cũ hơn phiên bản {expected} của bảng điều khiển; "
        "chạy «export target init {name}» để nâng cấp.",
        "Export target “{name}” has schema version {version}, older than the console's {expected}; "
        "run “export target init {name}” to upgrade it.",
    ),
    "export.target.schema_newer": (
        "Lược đồ của đích xuất «{name}» là phiên bản {version}, mới hơn phiên bản {expected} mà bảng điều khiển "
        "này biết; hãy cập nhật bảng điều khiển. Không có gì bị thay đổi.",
        "Export target “{name}” has schema version {version}, newer than the version {expected} this console "
        "knows; update the console. Nothing was changed.",
    ),
    "export.target.foreign_tables": (
        "Cơ sở dữ liệu của đích xuất «{name}» đã có bảng khác ({tables}) nhưng không có portal_meta: "
        "đây không phải cơ sở dữ liệu cổng. Hãy dùng một cơ sở dữ liệu trống. Không có gì bị thay đổi.",
        "The database of export target “{name}” already holds other tables ({tables}) but no portal_meta: "
        "it is not a portal database. Use an empty database. Nothing was changed.",
    ),
    "export.target.created": (
        "Đã tạo lược đồ cổng phiên bản {version} trên đích xuất «{name}».",
        "Created the portal schema, version {version}, on export target “{name}”.",
    ),
    "export.target.upgraded": (
        "Đã nâng cấp lược đồ của đích xuất «{name}» từ phiên bản {old} lên {version}.",
        "Upgraded the schema of export target “{name}” from version {old} to {version}.",
    ),
    "export.target.current": (
        "Lược đồ của đích xuất «{name}» đã ở phiên bản {version}; không cần làm gì.",
        "The schema of export target “{name}” is already version {version}; nothing to do.",
    ),
    # Running an export (exports.publish).
    "export.busy": (
        "Đích xuất «{name}» đang có một lần xuất khác chạy ({detail}). Chờ nó xong rồi chạy lại.",
        "Another export is running into “{name}” ({detail}). Wait for it to finish, then run again.",
    ),
    "export.busy_unknown": ("chưa rõ ai chạy", "who runs it is not known"),
    "export.busy_by": ("{by} chạy từ {since}", "run by {by} since {since}"),
    "export.table_changed": (
        "Bảng «{table}» trên đích xuất «{name}» đã bị sửa tay và không còn khớp lược đồ phiên bản {version} "
        "({detail}). Không có gì được ghi; hãy khôi phục bảng, rồi chạy lại.",
        "The table “{table}” on export target “{name}” was changed by hand and no longer matches schema version "
        "{version} ({detail}). Nothing was written; restore the table, then run again.",
    ),
    "export.disk_full": (
        "Đích xuất «{name}» hết chỗ ghi: lô đang ghi đã được huỷ trọn vẹn, các lô trước vẫn nguyên. "
        "Giải phóng chỗ rồi chạy lại; lần chạy sau sẽ tiếp tục phần còn lại.",
        "Export target “{name}” is out of space: the batch being written was rolled back whole, earlier "
        "batches stand. Free some space and run again; the next run carries on with the rest.",
    ),
    "export.file_missing": (
        "Không tìm thấy tệp đính kèm {sha256} của bài #{item} trong không gian làm việc; lô này không được ghi.",
        "The attachment {sha256} of item #{item} is missing from the workspace; this batch was not written.",
    ),
    "export.files_unwritable": (
        "Không ghi được vào kho tệp {path} của đích xuất «{name}»: {detail}. Lô này không được ghi.",
        "Cannot write to the file store {path} of export target “{name}”: {detail}. This batch was not written.",
    ),
    "export.write_failed": (
        "Ghi vào đích xuất «{name}» thất bại: {detail}. Lô đang ghi đã được huỷ trọn vẹn; chạy lại để tiếp tục.",
        "Writing to export target “{name}” failed: {detail}. The batch being written was rolled back whole; "
        "run again to carry on.",
    ),
}


def _lang(lang: str | None) -> str:
    return lang or os.environ.get("VSS_CONSOLE_LANG", "vi")


def text(key: str, lang: str | None = None, **params: Any) -> str:
    """A message of :data:`MESSAGES` in ``lang`` (default: ``VSS_CONSOLE_LANG``, else Vietnamese)."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    return (pair[1] if _lang(lang) == "en" else pair[0]).format(**params)


class TargetError(Exception):
    """An error a person can fix about an export target. ``kind`` maps to the console's error classes:
    invalid -> InvalidInput, not_found -> NotFound, conflict -> Conflict, unusable -> WorkspaceError."""

    kind: ClassVar[str] = "unusable"

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class TargetInvalid(TargetError):
    kind = "invalid"


class TargetNotFound(TargetError):
    kind = "not_found"


class TargetConflict(TargetError):
    kind = "conflict"


class TargetUnusable(TargetError):
    kind = "unusable"


@dataclass(frozen=True)
class Target:
    """A named portal database. ``url`` never holds a password."""

    name: str
    url: str
    files: str | None = None  # the portal's file store (a folder), where attachments go by hash; None: rows only

    @property
    def password_env(self) -> str:
        return password_env(self.name)

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class Added:
    target: Target
    password_removed: bool  # the URL held a password; it was dropped, see notice()

    def notice(self, lang: str | None = None) -> str | None:
        if not self.password_removed:
            return None
        return text("export.target.password_removed", lang, env=self.target.password_env,
                    path=password_file(self.target.name))


# -- the targets file --------------------------------------------------------------------------------


def targets_path() -> Path:
    given = os.environ.get(ENV_TARGETS)
    if given:
        return Path(given).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("vss-console", appauthor=False)) / "export-targets.toml"


def password_env(name: str) -> str:
    return ENV_PASSWORD_PREFIX + re.sub(r"[^A-Z0-9]", "_", name.upper())


def password_file(name: str) -> Path:
    return targets_path().parent / "passwords" / name


def _check_name(name: str) -> str:
    if not NAME_RE.match(name or ""):
        raise TargetInvalid("export.target.name_invalid", name=name)
    return name


def _read() -> dict[str, Target]:
    path = targets_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise TargetUnusable("export.target.file_unreadable", path=path, detail=exc.strerror or exc) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TargetUnusable("export.target.file_unreadable", path=path, detail=exc) from None
    out: dict[str, Target] = {}
    table = data.get("targets", {})
    if not isinstance(table, dict):
        raise TargetUnusable("export.target.file_unreadable", path=path, detail="[targets] must be a table")
    for name, entry in table.items():
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str):
            raise TargetUnusable("export.target.file_unreadable", path=path, detail=f"[targets.{name}] needs a url")
        files = entry.get("files")
        if files is not None and not isinstance(files, str):
            raise TargetUnusable("export.target.file_unreadable", path=path,
                                 detail=f"[targets.{name}] files must be a folder path")  # fmt: skip
        out[name] = Target(name, _without_password(url)[0], files)  # a hand-written password is never used
    return out


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def _write(targets: dict[str, Target]) -> None:
    path = targets_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lines = ["# Export targets of the VSS console. No passwords here: see VSS_EXPORT_PASSWORD_<NAME>.", ""]
    for t in sorted(targets.values(), key=lambda t: t.name):
        lines += [f"[targets.{_toml_string(t.name)}]", f"url = {_toml_string(t.url)}"]
        lines += [f"files = {_toml_string(t.files)}"] if t.files else []
        lines += [""]
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, "\n".join(lines).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _without_password(url: str) -> tuple[str, bool]:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise TargetInvalid("export.target.url_invalid", detail=str(exc).replace(url, "…")) from None
    had = parsed.password is not None
    if had:
        parsed = parsed._replace(password=None)  # URL.set() ignores None
    return parsed.render_as_string(hide_password=False), had


def _normalise(url: URL) -> URL:
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend in ("mysql", "mariadb"):
        query = dict(url.query)
        query.setdefault("charset", "utf8mb4")
        return url.set(drivername=f"{backend}+pymysql", query=query)
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    raise TargetInvalid("export.target.driver_unsupported", driver=url.drivername)


def add_target(name: str, url: str, files: str | None = None) -> Added:
    """Store a target. A password in ``url`` is dropped (``Added.notice`` tells the caller where it goes).
    ``files`` names the portal's file store, a folder the attachments are copied into by hash."""
    _check_name(name)
    if files is not None:
        files = str(Path(files).expanduser().resolve())
    stripped, had = _without_password(url.strip())
    normal = _normalise(make_url(stripped)).render_as_string(hide_password=False)
    targets = _read()
    if name in targets:
        raise TargetConflict("export.target.exists", name=name)
    target = Target(name, normal, files)
    targets[name] = target
    _write(targets)
    return Added(target, had)


def list_targets() -> list[Target]:
    return sorted(_read().values(), key=lambda t: t.name)


def get_target(name: str) -> Target:
    target = _read().get(name)
    if target is None:
        raise TargetNotFound("export.target.unknown", name=name)
    return target


def remove_target(name: str) -> Target:
    targets = _read()
    target = targets.pop(name, None)
    if target is None:
        raise TargetNotFound("export.target.unknown", name=name)
    _write(targets)
    return target


# -- passwords and engines ---------------------------------------------------------------------------


def password_for(target: Target) -> str | None:
    """The environment variable wins; else the owner-only password file; else no password."""
    given = os.environ.get(target.password_env)
    if given is not None:
        return given
    path = password_file(target.name)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise TargetUnusable("export.target.password_file_open", path=path)
    return path.read_text(encoding="utf-8").rstrip("\r\n")


def engine_for(target: Target) -> Engine:
    """An engine for the target with its password filled in (the password stays inside the engine)."""
    url = _normalise(make_url(target.url))
    backend = url.get_backend_name()
    if backend == "sqlite":
        return create_engine(url)
    password = password_for(target)
    if password is not None:
        url = url.set(password=password)
    args = {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(url, connect_args=args, pool_pre_ping=True, hide_parameters=True)


# -- schema state ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """What :func:`check_target` found. ``state`` is one of: ok, older, newer, missing, foreign,
    wrong_password, unreachable, no_database. ``message()`` explains it; never with a password."""

    state: str
    key: str
    params: dict[str, Any]
    version: int | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def message(self, lang: str | None = None) -> str:
        return text(self.key, lang, **self.params)


# Upgrade steps: UPGRADES[n] takes a version-n schema to version n + 1, inside one transaction
# (MariaDB commits DDL at once, so each step must be safe to run again). Version 1 is the first.
UPGRADES: dict[int, Callable[[Connection], None]] = {}


def _scrub(detail: str, target: Target) -> str:
    secret = None
    with contextlib.suppress(TargetError):
        secret = password_for(target)
    if secret:
        detail = detail.replace(secret, "***")
    return detail.strip().splitlines()[0][:300] if detail.strip() else ""


def _classify(exc: DBAPIError, target: Target) -> Status:
    orig = exc.orig
    code = orig.args[0] if orig is not None and orig.args and isinstance(orig.args[0], int) else None
    detail = _scrub(str(orig) if orig is not None else str(exc), target)
    lowered = detail.lower()
    params: dict[str, Any] = {"name": target.name, "url": target.display_url, "env": target.password_env}
    if code == 1045 or "password authentication failed" in lowered or "no password supplied" in lowered \
            or "access denied" in lowered:
        return Status("wrong_password", "export.target.wrong_password", params)
    if code == 1049 or ("database" in lowered and "does not exist" in lowered) or "unknown database" in lowered:
        return Status("no_database", "export.target.no_database", params)
    return Status("unreachable", "export.target.unreachable", {**params, "detail": detail})


def _state(conn: Connection, target: Target) -> Status:
    params: dict[str, Any] = {"name": target.name, "url": target.display_url, "expected": schema.SCHEMA_VERSION}
    tables = set(inspect(conn).get_table_names())
    if schema.portal_meta.name not in tables:
        foreign = sorted(tables - schema.TABLE_NAMES)
        if foreign:
            shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
            return Status("foreign", "export.target.foreign_tables", {**params, "tables": shown})
        return Status("missing", "export.target.schema_missing", params)
    version = conn.execute(select(schema.portal_meta.c.schema_version)).scalar()
    if version is None:
        return Status("missing", "export.target.schema_missing", params)
    params["version"] = version
    if version > schema.SCHEMA_VERSION:
        return Status("newer", "export.target.schema_newer", params, version)
    if version < schema.SCHEMA_VERSION:
        return Status("older", "export.target.schema_older", params, version)
    return Status("ok", "export.target.ok", params, version)


def _sqlite_missing(target: Target) -> bool:
    url = make_url(target.url)
    db = url.database
    return url.get_backend_name() == "sqlite" and bool(db) and db != ":memory:" and not Path(db or "").exists()


def check_target(target: Target) -> Status:
    """Reach the target and read its schema version; never changes anything."""
    if _sqlite_missing(target):
        return Status("missing", "export.target.schema_missing",
                      {"name": target.name, "url": target.display_url, "expected": schema.SCHEMA_VERSION})
    engine = engine_for(target)
    try:
        with engine.connect() as conn:
            return _state(conn, target)
    except (OperationalError, DBAPIError) as exc:
        return _classify(exc, target)
    finally:
        engine.dispose()


def init_target(target: Target) -> Status:
    """Create the portal schema on an empty database, or upgrade an older one, step by step.

    Refuses (with :class:`TargetUnusable`, changing nothing) a newer schema, a database that holds other
    tables but no ``portal_meta``, and a target it cannot reach. Running it again is harmless.
    Returns a Status whose key says what was done (created, upgraded or current)."""
    engine = engine_for(target)
    try:
        return _init(engine, target)
    except (OperationalError, DBAPIError) as exc:
        status = _classify(exc, target)
        raise TargetUnusable(status.key, **status.params) from None
    finally:
        engine.dispose()


def _init(engine: Engine, target: Target) -> Status:
    name = target.name
    with engine.connect() as conn:
        found = _state(conn, target)
    if found.state in ("newer", "foreign"):
        raise TargetUnusable(found.key, **found.params)
    if found.state == "missing":
        with engine.begin() as conn:
            schema.metadata.create_all(conn, checkfirst=True)
            if conn.execute(select(schema.portal_meta.c.id)).first() is None:
                conn.execute(schema.portal_meta.insert().values(
                    id=schema.META_ROW_ID, schema_version=schema.SCHEMA_VERSION, created_at=utcnow()))
        return Status("created", "export.target.created", {"name": name, "version": schema.SCHEMA_VERSION},
                      schema.SCHEMA_VERSION)
    version = found.version or schema.SCHEMA_VERSION
    old = version
    while version < schema.SCHEMA_VERSION:
        step = UPGRADES.get(version)
        if step is None:  # pragma: no cover - a version without its upgrade step is a bug
            raise RuntimeError(f"no upgrade step from portal schema version {version}")
        with engine.begin() as conn:
            step(conn)
            version += 1
            conn.execute(schema.portal_meta.update().where(schema.portal_meta.c.id == schema.META_ROW_ID)
                         .values(schema_version=version, upgraded_at=utcnow()))
    with engine.begin() as conn:  # tables added by a version the upgrade steps left to create_all
        schema.metadata.create_all(conn, checkfirst=True)
    if old < schema.SCHEMA_VERSION:
        return Status("upgraded", "export.target.upgraded", {"name": name, "old": old, "version": version}, version)
    return Status("current", "export.target.current", {"name": name, "version": version}, version)
