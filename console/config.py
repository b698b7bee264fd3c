"""Where the workspace is and how the console is configured: arguments, environment, defaults."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DB_FILENAME = "workspace.db"
ENV_DB = "VSS_CONSOLE_DB"
ENV_WORKSPACE = "VSS_CONSOLE_WORKSPACE"
ENV_FILES = "VSS_CONSOLE_FILES"


@dataclass(frozen=True, slots=True)
class Location:
    """A workspace: a database URL plus a folder for attachments and backups."""

    url: str
    root: Path

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        return Path(self.url.split(":///", 1)[1])

    def display(self) -> str:
        """The location without any password, for messages and logs."""
        if self.is_sqlite:
            return str(self.root)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def default_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("vss-console", appauthor=False)) / "workspace"


def normalise_url(url: str) -> str:
    """Pick our drivers: psycopg 3 for PostgreSQL, PyMySQL for MariaDB/MySQL."""
    for bare, full in (
        ("postgresql://", "postgresql+psycopg://"),
        ("postgres://", "postgresql+psycopg://"),
        ("mysql://", "mysql+pymysql://"),
        ("mariadb://", "mysql+pymysql://"),
    ):
        if url.startswith(bare):
            return full + url[len(bare) :]
    return url


def locate(target: str | os.PathLike[str] | None = None) -> Location:
    """Resolve ``--db``/``PATH``, then ``VSS_CONSOLE_DB``, ``VSS_CONSOLE_WORKSPACE``, then the default."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_DB) or os.environ.get(ENV_WORKSPACE)
    if raw and "://" in raw:
        url = normalise_url(raw)
        files = os.environ.get(ENV_FILES)
        if files:
            root = Path(files)
        else:
            from platformdirs import user_data_dir

            digest = hashlib.sha256(url.encode()).hexdigest()[:12]
            root = Path(user_data_dir("vss-console", appauthor=False)) / "servers" / digest
        return Location(url, root)
    root = Path(raw).expanduser().resolve() if raw else default_root()
    return Location(f"sqlite:///{root / DB_FILENAME}", root)
