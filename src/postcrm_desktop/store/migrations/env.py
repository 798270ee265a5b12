"""Alembic environment: always run on a connection handed in by `store.migrate`."""

from __future__ import annotations

from alembic import context

from postcrm_desktop.store import models  # noqa: F401 - registers every table
from postcrm_desktop.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
