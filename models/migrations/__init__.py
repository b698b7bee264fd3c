"""Alembic migrations of the workspace schema.

``REVISIONS`` lists every revision oldest first; the console compares the database's
``alembic_version`` with it in one cheap query, without importing Alembic. A test checks that this
list matches the migration scripts.
"""

from pathlib import Path

REVISIONS: tuple[str, ...] = ("0001_initial", "0002_calendar_deadlines", "0003_reason_templates")
HEAD = REVISIONS[-1]
SCRIPT_LOCATION = str(Path(__file__).parent)
