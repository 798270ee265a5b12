"""Complaints indexed by deadline alone, for the list sorted by due time.

`ix_complaints_status_due` leads with the status, so a whole-list sort by deadline read
every complaint and sorted them; this index lets a page read only its rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_complaints_due", "complaints", ["due_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_complaints_due", "complaints")
