"""Contact records, follow-up rules and tasks, care dates.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

# care_dates.owner_id copies the customer's owner whatever writes the rows (services,
# bulk fills, sync import), so an account manager's care dates are one index range.
CARE_OWNER_TRIGGERS = (
    "CREATE TRIGGER care_dates_owner_on_insert AFTER INSERT ON care_dates BEGIN "
    "UPDATE care_dates SET owner_id = (SELECT owner_id FROM customers "
    "WHERE id = NEW.customer_id) WHERE id = NEW.id; END",
    "CREATE TRIGGER care_dates_owner_on_move AFTER UPDATE OF customer_id ON care_dates "
    "BEGIN UPDATE care_dates SET owner_id = (SELECT owner_id FROM customers "
    "WHERE id = NEW.customer_id) WHERE id = NEW.id; END",
    "CREATE TRIGGER customers_owner_to_care_dates AFTER UPDATE OF owner_id ON customers "
    "BEGIN UPDATE care_dates SET owner_id = NEW.owner_id WHERE customer_id = NEW.id; END",
)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_up_rules",
        *synced_columns(),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("start_after_days", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )

    op.create_table(
        "tasks",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("channel", sa.String(16)),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("rule_id", sa.String(32), sa.ForeignKey("follow_up_rules.id")),
        sa.Column("rule_anchor_at", UTCDateTime()),
        sa.Column("assigned_to", sa.String(32), sa.ForeignKey("users.id")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done_at", UTCDateTime()),
    )
    op.create_index("ix_tasks_assigned_status_due", "tasks", ["assigned_to", "status", "due_at"])
    op.create_index("ix_tasks_status_due", "tasks", ["status", "due_at"])
    op.create_index("ix_tasks_customer", "tasks", ["customer_id", "status"])
    op.create_index("ix_tasks_rule_customer", "tasks", ["rule_id", "customer_id"])

    op.create_table(
        "contact_records",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.String(32), sa.ForeignKey("users.id")),
        sa.Column("person", sa.String(50), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("feedback", sa.Text, nullable=False),
        sa.Column("next_step", sa.String(200), nullable=False),
        sa.Column("next_due_at", UTCDateTime()),
        sa.Column("task_id", sa.String(32), sa.ForeignKey("tasks.id")),
    )
    op.create_index("ix_contact_records_customer_at", "contact_records",
                    ["customer_id", "at", "id"])
    op.create_index("ix_contact_records_owner_at", "contact_records", ["owner_id", "at", "id"])
    op.create_index("ix_contact_records_at", "contact_records", ["at", "id"])
    op.create_index("ix_contact_records_task", "contact_records", ["task_id"])

    op.create_table(
        "care_dates",
        *synced_columns(),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("calendar", sa.String(8), nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("leap", sa.Boolean, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("owner_id", sa.String(32)),
    )
    op.create_index("ix_care_dates_calendar_month_day", "care_dates",
                    ["calendar", "month", "day", "owner_id"])
    op.create_index("ix_care_dates_customer", "care_dates", ["customer_id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in CARE_OWNER_TRIGGERS:
            op.execute(statement)

    op.create_table(
        "greeting_templates",
        *synced_columns(),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        sa.Column("kind", sa.String(16)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS customers_owner_to_care_dates")
    for table in ("greeting_templates", "care_dates", "contact_records", "tasks",
                  "follow_up_rules"):
        op.drop_table(table)
