"""Alembic migrations of the workspace schema.

``REVISIONS`` lists every revision oldest first; the console compares the database's
``alembic_version`` with it in one cheap query, without importing Alembic. A test checks that this
list matches the migration scripts.
"""

from pathlib import Path

REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_calendar_deadlines",
    "0003_reason_templates",
    "0004_queue_search",
    "0005_category_proposals",
    "0006_renditions",
    "0007_export_runs",
    "0008_delegations",
    "0009_leadership_approval",
    "0010_approval_sessions",
)
HEAD = REVISIONS[-1]
SCRIPT_LOCATION = str(Path(__file__).parent)

# Search structures that migration 0004 builds beside the models' tables, each on one kind of database: the
# FTS5 table over ``item.search_text`` (and its shadow tables) on SQLite, the trigram index on PostgreSQL.
SEARCH_TABLE = "item_fts"
SEARCH_INDEX = "ix_item_search_trgm"


def in_models(name: str | None, type_: str, parent_names: object = None) -> bool:
    """Alembic's ``include_name`` hook: False for the search structures the models do not describe, so that
    comparing a database with the models (tests, autogenerate) neither reports nor drops them."""
    if name is None:
        return True
    if type_ == "table":
        return name != SEARCH_TABLE and not name.startswith(SEARCH_TABLE + "_")
    return not (type_ == "index" and name == SEARCH_INDEX)
