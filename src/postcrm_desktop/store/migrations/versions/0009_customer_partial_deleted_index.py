"""Deleted customers indexed alone; last activity indexed.

A full index on `deleted_at` made SQLite treat `deleted_at IS NULL` (nearly every row) as a
selective lookup and walk it instead of the index that really narrows a query. Indexing
only the deleted rows keeps the recycle bin fast and takes that wrong plan away. The
activity filter and the list's sort by last activity get their own index.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_customers_deleted", "customers")
    op.create_index("ix_customers_deleted", "customers", ["deleted_at"],
                    sqlite_where=sa.text("deleted_at IS NOT NULL"),
                    postgresql_where=sa.text("deleted_at IS NOT NULL"))
    op.create_index("ix_customers_last_activity", "customers", ["last_activity_at"])


def downgrade() -> None:
    op.drop_index("ix_customers_last_activity", "customers")
    op.drop_index("ix_customers_deleted", "customers")
    op.create_index("ix_customers_deleted", "customers", ["deleted_at"])
