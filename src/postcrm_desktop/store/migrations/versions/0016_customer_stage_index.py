"""Customer stage indexed.

The list sorted by stage reads each stage's rows in turn; with a search text matching many
customers (a surname) it now walks each stage's rows through this index, checking each
row, instead of reading every match and sorting them. (Not done for the customer type: a
name search's matches are nearly all individuals, so walking the enterprises first would
read them all for nothing.)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_stage", "customers", ["stage"])


def downgrade() -> None:
    op.drop_index("ix_customers_stage", "customers")
