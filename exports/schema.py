"""The live portal database: the tables the public site reads, and the export ledger beside them.

SQLAlchemy **Core** tables on a ``MetaData`` of their own (never the workspace's ``Base``): the portal is
another database, often another server, and it is documented table by table in ``docs/portal-schema.md``.
The schema has a version of its own, :data:`SCHEMA_VERSION`, kept in the one row of ``portal_meta``.
Changing a table means a new version and an upgrade step (``exports.targets.UPGRADES``).

Built for SQLite, PostgreSQL and MariaDB/MySQL alike: utf8mb4 tables on MariaDB, every index under its
3072-byte limit (4 bytes a character), LONGTEXT for HTML there, and timestamps in UTC with microseconds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.mysql import LONGTEXT

from models.base import UTCDateTime

SCHEMA_VERSION = 1
META_ROW_ID = 1  # portal_meta holds exactly one row, with this id

# Column lengths. A MariaDB index may cover 3072 bytes, i.e. 768 utf8mb4 characters.
KEY_LEN = 64  # a workspace category key, "vi.6.2"
PORTAL_LEN = 8  # "vi", "en"
SLUG_LEN = 128
PATH_LEN = 512  # ASCII slugs joined by "/"
NAME_LEN = 255
TITLE_LEN = 500
TYPE_LEN = 32
SHA256_LEN = 64  # hex
RUN_ID_LEN = 36  # a UUID, chosen by the console before the run starts
REF_LEN = PORTAL_LEN + 1 + PATH_LEN  # a ledger ref: item id, category key, or "portal:old_path"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Every table: InnoDB, utf8mb4 with a Unicode collation on MariaDB/MySQL (ignored elsewhere).
_MYSQL: dict[str, Any] = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}


def _ts() -> UTCDateTime:
    return UTCDateTime()


def _html() -> Text:
    return Text().with_variant(LONGTEXT(), "mysql", "mariadb")  # type: ignore[return-value]


portal_meta = Table(
    "portal_meta",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always META_ROW_ID
    Column("schema_version", Integer, nullable=False),
    Column("created_at", _ts(), nullable=False),
    Column("upgraded_at", _ts(), nullable=True),
    **_MYSQL,
)

portal_category = Table(
    "portal_category",
    metadata,
    Column("key", String(KEY_LEN), primary_key=True),
    Column("portal", String(PORTAL_LEN), nullable=False),
    Column("parent_key", String(KEY_LEN), nullable=True),  # None: top level of its portal
    Column("position", Integer, nullable=False),  # 1-based among its siblings
    Column("slug", String(SLUG_LEN), nullable=False),
    Column("path", String(PATH_LEN), nullable=False),  # "/tin-tuc/hoat-dong"
    Column("name", String(NAME_LEN), nullable=False),
    Column("name_vi", String(NAME_LEN), nullable=True),  # the Vietnamese name of an English node
    Column("status", String(16), nullable=False),  # active | archived (category status codes)
    Column("counterpart_key", String(KEY_LEN), nullable=True),  # the node on the other portal
    Column("updated_at", _ts(), nullable=False),
    Index(None, "portal", "path"),
    Index(None, "parent_key", "position"),
    **_MYSQL,
)

portal_article = Table(
    "portal_article",
    metadata,
    Column("item_id", BigInteger, primary_key=True, autoincrement=False),  # the workspace item id
    Column("portal", String(PORTAL_LEN), nullable=False),
    Column("language", String(8), nullable=False),  # "vi", "en"
    Column("category_key", String(KEY_LEN), nullable=False),
    Column("title", String(TITLE_LEN), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("html", _html(), nullable=False, default=""),  # sanitised HTML, ready to show
    Column("html_sha256", String(SHA256_LEN), nullable=False),
    Column("content_type", String(TYPE_LEN), nullable=False),
    Column("type_meta", JSON, nullable=True),  # the content type's metadata fields
    Column("author", String(NAME_LEN), nullable=True),
    Column("source", String(TITLE_LEN), nullable=True),
    Column("published_at", _ts(), nullable=False),
    Column("updated_at", _ts(), nullable=False),
    Column("counterpart_item_id", BigInteger, nullable=True),  # the same article on the other portal
    Column("withdrawn", Boolean, nullable=False, default=False, server_default=false()),
    Column("withdrawn_at", _ts(), nullable=True),
    Index(None, "category_key", "withdrawn", "published_at"),
    Index(None, "portal", "withdrawn", "published_at"),
    **_MYSQL,
)

portal_attachment = Table(
    "portal_attachment",
    metadata,
    Column("item_id", BigInteger, primary_key=True, autoincrement=False),
    Column("sha256", String(SHA256_LEN), primary_key=True),  # the file's content hash, hex
    Column("filename", String(NAME_LEN), nullable=False),
    Column("media_type", String(127), nullable=False),
    Column("size", BigInteger, nullable=False),  # bytes
    Index(None, "sha256"),
    **_MYSQL,
)

portal_redirect = Table(
    "portal_redirect",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("portal", String(PORTAL_LEN), nullable=False),
    Column("old_path", String(PATH_LEN), nullable=False),
    Column("target_path", String(PATH_LEN), nullable=False),
    Column("target_key", String(KEY_LEN), nullable=True),
    Column("updated_at", _ts(), nullable=False),
    UniqueConstraint("portal", "old_path"),
    **_MYSQL,
)

# Questions and answers (issue 9 fills it): the public parts only. The asker's name, contact details,
# identity numbers and anything else personal never leave the console.
portal_qa = Table(
    "portal_qa",
    metadata,
    Column("item_id", BigInteger, primary_key=True, autoincrement=False),
    Column("portal", String(PORTAL_LEN), nullable=False),
    Column("section", String(KEY_LEN), nullable=False),  # the category key it is filed under
    Column("question", Text, nullable=False),  # the public wording of the question
    Column("answer_html", _html(), nullable=False),
    Column("answer_sha256", String(SHA256_LEN), nullable=False),
    Column("published_at", _ts(), nullable=False),
    Column("updated_at", _ts(), nullable=False),
    Index(None, "section", "published_at"),
    **_MYSQL,
)

export_run = Table(
    "export_run",
    metadata,
    Column("id", String(RUN_ID_LEN), primary_key=True),
    Column("started_at", _ts(), nullable=False),
    Column("finished_at", _ts(), nullable=True),
    Column("by", String(NAME_LEN), nullable=False),  # the console user name who ran it
    Column("counts", JSON, nullable=True),  # {"insert": n, "update": n, "withdraw": n, "redirect": n, ...}
    Column("status", String(16), nullable=False),  # running | done | failed | cancelled
    Index(None, "started_at"),
    **_MYSQL,
)

# What the target holds, written in the same transaction as the row it describes.
export_ledger = Table(
    "export_ledger",
    metadata,
    Column("kind", String(16), primary_key=True),  # article | category | attachment | redirect | qa
    Column("ref", String(REF_LEN), primary_key=True),  # item id (text), category key, "vi:/old/path"
    Column("content_sha256", String(SHA256_LEN), nullable=False),
    Column("exported_at", _ts(), nullable=False),
    Column("run_id", String(RUN_ID_LEN), ForeignKey("export_run.id"), nullable=False),
    Index(None, "run_id"),
    **_MYSQL,
)

PORTAL_TABLES = (portal_category, portal_article, portal_attachment, portal_redirect, portal_qa)
LEDGER_TABLES = (export_run, export_ledger)
TABLE_NAMES = frozenset(metadata.tables)
