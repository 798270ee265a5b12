"""Customer files.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        *synced_columns(),
        sa.Column("number", sa.String(24), nullable=False, unique=True),
        sa.Column("customer_type", sa.String(16), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("gender", sa.String(1)),
        sa.Column("birthday", sa.Date),
        sa.Column("id_number", sa.String(18)),
        sa.Column("mobile", sa.String(20)),
        sa.Column("landline", sa.String(24)),
        sa.Column("email", sa.String(254)),
        sa.Column("province", sa.String(32), nullable=False),
        sa.Column("city", sa.String(32), nullable=False),
        sa.Column("district", sa.String(32), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(6)),
        sa.Column("industry", sa.String(64), nullable=False),
        sa.Column("company", sa.String(100), nullable=False),
        sa.Column("source_channel", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.String(32), sa.ForeignKey("users.id")),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("stage_changed_at", UTCDateTime()),
        sa.Column("needs", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("last_activity_at", UTCDateTime()),
        sa.Column("deleted_at", UTCDateTime()),
        sa.Column("merged_into", sa.String(32)),
    )
    op.create_index("ix_customers_owner", "customers", ["owner_id", "deleted_at"])
    op.create_index("ix_customers_mobile", "customers", ["mobile"])
    op.create_index("ix_customers_id_number", "customers", ["id_number"])


def downgrade() -> None:
    op.drop_table("customers")
