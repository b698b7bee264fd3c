"""Alembic environment: runs on the connection the console hands over (config.attributes)."""

from __future__ import annotations

from alembic import context

from models import Base
from models.migrations import in_models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the console always passes a connection
    raise RuntimeError("run migrations through vss-console (console.migrate), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=in_models,
)
with context.begin_transaction():
    context.run_migrations()
