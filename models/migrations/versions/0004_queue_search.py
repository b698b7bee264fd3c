"""Queues at 100k items: an index per queue sort, the titles' collation keys, indexed search (issue 5).

Revision ID: 0004_queue_search
Revises: 0003_reason_templates
Create Date: 2026-11-26 01:30:00

- One index per queue sort, each (state, the sort's columns..., id), so that a page of one queue is a range
  scan (console/services/pages.py). ``ix_item_queue_due`` replaces ``ix_item_state_due``, its prefix.
- ``item.title_key``: the Vietnamese collation key of the title, for the title sort. This migration adds the
  column empty. The key comes from the application's collation (``console.collation``, a few hundred lines of
  ICU weights: too much to freeze here, and a migration does not import the application), so
  ``console.migrate.upgrade`` fills in every NULL key right after the migrations, in the same transaction.
- Search over ``item.search_text`` (title and summary, already folded): on SQLite an FTS5 table whose content is
  the item table itself, filled here and kept in step by three triggers; on PostgreSQL a trigram GIN index
  (``pg_trgm`` is created if missing; it is a trusted extension, so the database's owner may create it and
  the downgrade leaves it); on MariaDB nothing: it keeps scanning with LIKE, see ``pages.search_clause``.
  ``models.migrations.in_models`` names these structures, which the models do not describe.

A later migration that makes SQLite rebuild the item table (a batch operation that copies and moves it) drops
the three triggers with the old table, and must create them again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0004_queue_search"
down_revision = "0003_reason_templates"
branch_labels = None
depends_on = None

TITLE_KEY = sa.LargeBinary().with_variant(mysql.VARBINARY(2048), "mysql", "mariadb")
# Created in this order on purpose: without planner statistics SQLite counts a state's rows through whichever
# of these indexes was created last, so the narrowest comes last (a count reads 3 ms instead of 9 at 100k items).
QUEUE_INDEXES = {
    "ix_item_queue_title": ["state", "title_key", "id"],
    "ix_item_queue_unit": ["state", "unit_id", "due_at", "submitted_at", "id"],
    "ix_item_queue_due": ["state", "due_at", "submitted_at", "id"],
    "ix_item_queue_received": ["state", "submitted_at", "id"],
}

# The tokenizer keeps letters and digits (as console.services.pages splits a query into words); the text is
# folded already, so there are no diacritics left to remove.
SQLITE_UP = (
    """CREATE VIRTUAL TABLE item_fts USING fts5(search_text, content='item', content_rowid='id',
       tokenize="unicode61 remove_diacritics 0 categories 'L* N*'")""",
    """CREATE TRIGGER item_fts_insert AFTER INSERT ON item BEGIN
         INSERT INTO item_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER item_fts_delete AFTER DELETE ON item BEGIN
         INSERT INTO item_fts(item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER item_fts_update AFTER UPDATE OF search_text ON item BEGIN
         INSERT INTO item_fts(item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
         INSERT INTO item_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    "INSERT INTO item_fts(item_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS item_fts_update",
    "DROP TRIGGER IF EXISTS item_fts_delete",
    "DROP TRIGGER IF EXISTS item_fts_insert",
    "DROP TABLE IF EXISTS item_fts",
)
POSTGRESQL_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_item_search_trgm ON item USING gin (search_text gin_trgm_ops)",
)
POSTGRESQL_DOWN = ("DROP INDEX IF EXISTS ix_item_search_trgm",)


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_key", TITLE_KEY, nullable=True))
        batch_op.drop_index("ix_item_state_due")
        for name, columns in QUEUE_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP}.get(dialect, ()):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN}.get(dialect, ()):
        op.execute(statement)
    with op.batch_alter_table("item", schema=None) as batch_op:
        for name in reversed(QUEUE_INDEXES):
            batch_op.drop_index(name)
        batch_op.create_index("ix_item_state_due", ["state", "due_at"], unique=False)
        batch_op.drop_column("title_key")
