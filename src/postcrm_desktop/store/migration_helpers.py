"""Pieces the migration scripts share."""

from __future__ import annotations

import sqlalchemy as sa

from postcrm_desktop.store.types import UTCDateTime


def synced_columns() -> list[sa.Column]:
    """The columns of `store.base.Synced`, as they stand in every business table."""
    return [
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(32)),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(32)),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("site_id", sa.String(16), nullable=False),
    ]
