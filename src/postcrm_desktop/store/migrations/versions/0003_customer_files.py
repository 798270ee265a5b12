"""Customer files: tags, contact people, stage history, attachments, saved views.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("search_no", sa.Integer))
    op.create_index("uq_customers_search_no", "customers", ["search_no"], unique=True)
    for name, cols in (
        ("ix_customers_created", ["created_at"]),
        ("ix_customers_tier", ["tier"]),
        ("ix_customers_district", ["district"]),
        ("ix_customers_deleted", ["deleted_at"]),
    ):
        op.create_index(name, "customers", cols)

    op.create_table(
        "tags",
        *synced_columns(),
        sa.Column("tag_group", sa.String(16), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("color", sa.String(9), nullable=False),
    )
    op.create_index("uq_tags_group_name", "tags", ["tag_group", "name"], unique=True)

    op.create_table(
        "customer_tags",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("tag_id", sa.String(32), sa.ForeignKey("tags.id"), nullable=False),
    )
    op.create_index("uq_customer_tags_pair", "customer_tags", ["customer_id", "tag_id"],
                    unique=True)
    op.create_index("ix_customer_tags_tag", "customer_tags", ["tag_id", "customer_id"])

    op.create_table(
        "customer_people",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("title", sa.String(50), nullable=False),
        sa.Column("phone", sa.String(24)),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_customer_people_customer_id", "customer_people", ["customer_id"])

    op.create_table(
        "customer_stage_changes",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("from_stage", sa.String(16)),
        sa.Column("to_stage", sa.String(16), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_customer_stage_changes_customer_id", "customer_stage_changes",
                    ["customer_id"])

    op.create_table(
        "attachments",
        *synced_columns(),
        sa.Column("owner_entity", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.String(32), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner_entity", "owner_id"])

    op.create_table(
        "saved_views",
        *synced_columns(),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("area", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("filters", sa.JSON),
    )
    op.create_index("uq_saved_views_name", "saved_views", ["user_id", "area", "name"],
                    unique=True)


def downgrade() -> None:
    for table in ("saved_views", "attachments", "customer_stage_changes", "customer_people",
                  "customer_tags", "tags"):
        op.drop_table(table)
    for name in ("ix_customers_created", "ix_customers_tier", "ix_customers_district",
                 "ix_customers_deleted"):
        op.drop_index(name, "customers")
    op.drop_index("uq_customers_search_no", "customers")
    op.drop_column("customers", "search_no")
