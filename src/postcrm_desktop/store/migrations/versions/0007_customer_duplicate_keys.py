"""Indexes the duplicate check looks customers up by: landline, and name within district.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_landline", "customers", ["landline"])
    op.create_index("ix_customers_name_district", "customers", ["name", "district"])


def downgrade() -> None:
    op.drop_index("ix_customers_name_district", "customers")
    op.drop_index("ix_customers_landline", "customers")
