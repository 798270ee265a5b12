"""Case library: the synced `cases` table, its local search index, the `cases.edit` grant.

Branch admins and account managers of an existing branch get `cases.edit` (a new
branch gets it from the default grants when its roles are seeded, after this runs).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store import case_index
from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_EDITORS = ("branch_admin", "account_manager")
_PERMISSION = "cases.edit"


def upgrade() -> None:
    op.create_table(
        "cases",
        *synced_columns(),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("problem", sa.Text, nullable=False),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("solution", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("source_complaint_id", sa.String(32)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("retired_at", UTCDateTime()),
        sa.Column("search_no", sa.Integer),
    )
    op.create_index("uq_cases_search_no", "cases", ["search_no"], unique=True)
    op.create_index("ix_cases_category", "cases", ["category", "active"])
    op.create_index("ix_cases_source", "cases", ["source_complaint_id"])
    op.create_index("ix_cases_updated", "cases", ["updated_at"])
    # Only roles already seeded (an existing branch); a new one is seeded afterwards.
    op.execute(sa.text(
        "INSERT INTO role_permissions (role, permission) SELECT DISTINCT role, :perm "
        "FROM role_permissions WHERE role IN :roles AND NOT EXISTS (SELECT 1 FROM "
        "role_permissions r WHERE r.role = role_permissions.role AND r.permission = :perm)"
    ).bindparams(sa.bindparam("roles", expanding=True), perm=_PERMISSION,
                 roles=list(_EDITORS)))
    if op.get_bind().dialect.name == "sqlite":
        for statement in case_index.DDL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in case_index.DROP:
            op.execute(statement)
    op.execute(sa.text("DELETE FROM role_permissions WHERE permission = :perm")
               .bindparams(perm=_PERMISSION))
    op.drop_table("cases")
