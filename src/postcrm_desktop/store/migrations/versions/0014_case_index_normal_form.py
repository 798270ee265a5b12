"""Case library index rebuilt in the normal form searches use (`core.search_text`).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from postcrm_desktop.store import case_index

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        case_index.rebuild(bind.connection)


def downgrade() -> None:
    """Nothing to undo: the index holds the same cases either way."""
