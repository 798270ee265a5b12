"""Complaint desk: complaints, their history and revisits, categories, SLA policy.

The SLA policy lives in `settings` (key `complaint_sla`), so it needs no table. The
default categories are seeded with the same ids on every branch (derived from their
codes), so sync never sees two copies of "延误".

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_SEED_NAMESPACE = uuid.UUID("6f1c2b0e-3d4a-5b6c-8d7e-9f0a1b2c3d4e")
_DEFAULT_CATEGORIES = (
    ("delay", "延误", "Delay"),
    ("loss", "丢失", "Loss"),
    ("damage", "破损", "Damage"),
    ("attitude", "服务态度", "Attitude"),
    ("price", "价格", "Price"),
    ("other", "其他", "Other"),
)


def upgrade() -> None:
    op.create_table(
        "complaint_categories",
        *synced_columns(),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(32), nullable=False, unique=True),
        sa.Column("name_en", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )

    op.create_table(
        "complaints",
        *synced_columns(),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("complaint_type", sa.String(16), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("priority_floor", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("waybill_no", sa.String(24), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assignee_id", sa.String(32), sa.ForeignKey("users.id")),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("sla_mode", sa.String(16), nullable=False),
        sa.Column("responded_at", UTCDateTime()),
        sa.Column("resolved_at", UTCDateTime()),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("revisited_at", UTCDateTime()),
        sa.Column("satisfaction", sa.Integer),
        sa.Column("revisit_comment", sa.Text, nullable=False),
        sa.Column("closed_at", UTCDateTime()),
        sa.Column("reopen_count", sa.Integer, nullable=False),
        sa.Column("escalated", sa.Boolean, nullable=False),
        sa.Column("escalated_at", UTCDateTime()),
        sa.Column("escalated_by", sa.String(32)),
        sa.Column("escalation_note", sa.Text, nullable=False),
    )
    for name, cols in (
        ("ix_complaints_status_due", ["status", "due_at", "id"]),
        ("ix_complaints_status_received", ["status", "received_at", "id"]),
        ("ix_complaints_customer", ["customer_id", "received_at"]),
        ("ix_complaints_created", ["created_at"]),
        ("ix_complaints_received", ["received_at"]),
        ("ix_complaints_assignee", ["assignee_id", "status"]),
        ("ix_complaints_waybill", ["waybill_no"]),
    ):
        op.create_index(name, "complaints", cols)

    op.create_table(
        "complaint_events",
        *synced_columns(),
        sa.Column("complaint_id", sa.String(32), sa.ForeignKey("complaints.id"),
                  nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16)),
        sa.Column("by_id", sa.String(32)),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_complaint_events_complaint", "complaint_events",
                    ["complaint_id", "at"])
    if op.get_bind().dialect.name == "sqlite":
        # History is append-only: a recorded step is never rewritten (purge may delete).
        op.execute(
            "CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events "
            "BEGIN SELECT RAISE(ABORT, 'complaint history is append-only'); END"
        )

    now = datetime.now(UTC)
    table = sa.table(
        "complaint_categories",
        sa.column("id", sa.String), sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()), sa.column("version", sa.String),
        sa.column("site_id", sa.String), sa.column("code", sa.String),
        sa.column("name", sa.String), sa.column("name_en", sa.String),
        sa.column("position", sa.Integer), sa.column("active", sa.Boolean),
    )
    op.bulk_insert(table, [
        {"id": uuid.uuid5(_SEED_NAMESPACE, code).hex, "created_at": now, "updated_at": now,
         "version": "", "site_id": "", "code": code, "name": name, "name_en": name_en,
         "position": i, "active": True}
        for i, (code, name, name_en) in enumerate(_DEFAULT_CATEGORIES)
    ])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS complaint_events_no_update")
    for table in ("complaint_events", "complaints", "complaint_categories"):
        op.drop_table(table)
