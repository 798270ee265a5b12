"""Customer search index: FTS5 tables and the pinyin key table.

The tables are local to this database (SQLite only; see `store.search_index`). Customers
already on file are numbered and indexed here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

from postcrm_desktop.store import search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for statement in search_index.DDL:
        op.execute(statement)
    search_index.rebuild(bind.connection)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in search_index.DROP:
        op.execute(statement)
