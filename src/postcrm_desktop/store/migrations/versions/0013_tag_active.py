"""Tags can be retired: kept on the customers who carry them, no longer offered.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: rebuilding the table (batch mode) drops it, which the foreign
    # keys of the customers' tags refuse on any branch that has tagged a customer.
    op.add_column("tags", sa.Column("active", sa.Boolean, nullable=False,
                                    server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("tags") as batch:
        batch.drop_column("active")
