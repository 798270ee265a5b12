"""Indexes for the customer list: the filter bar lists the industries in use by walking the
industry index (districts have theirs), an account manager's own districts and industries
by walking (owner, deleted, district, industry); the list sorts by 单位 (company) through
its index instead of sorting every row.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_industry", "customers", ["industry"])
    op.create_index("ix_customers_company", "customers", ["company"])
    op.create_index("ix_customers_owner_district_industry", "customers",
                    ["owner_id", "deleted_at", "district", "industry"])


def downgrade() -> None:
    op.drop_index("ix_customers_owner_district_industry", "customers")
    op.drop_index("ix_customers_company", "customers")
    op.drop_index("ix_customers_industry", "customers")
