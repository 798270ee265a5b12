"""Holiday calendar: the synced `holiday_days` table, seeded from `chinesecalendar`.

Every year the package knows (2004 to 2026 at the time of writing) is copied in, so the
branch keeps its calendar past what the package knows and the admin (or HQ) adds later
years. Seeded ids are uuid5 of the day: the same at HQ and at every branch.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from postcrm_desktop.store.migration_helpers import synced_columns
from postcrm_desktop.store.types import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

HOLIDAY_NAMESPACE = uuid.UUID("6f1c4f0e-7a53-4d0b-9a1e-2f6d8c0b5e21")
_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seeded_id(day: date) -> str:
    return uuid.uuid5(HOLIDAY_NAMESPACE, day.isoformat()).hex


def library_rows() -> list[dict[str, object]]:
    """The package's holidays and make-up working days as rows (empty without it)."""
    try:
        import chinese_calendar
    except ImportError:
        return []
    rows = []
    for table, kind, suffix in ((chinese_calendar.holidays, "holiday", ""),
                                (chinese_calendar.workdays, "workday", "调休")):
        for day, name in table.items():
            rows.append({"day": day, "kind": kind,
                         "name": (_NAMES.get(str(name), str(name)) + suffix)[:32]})
    return rows


def upgrade() -> None:
    op.create_table(
        "holiday_days",
        *synced_columns(),
        sa.Column("day", sa.Date, nullable=False, unique=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
    )
    now = datetime.now(UTC)
    table = sa.table(
        "holiday_days",
        sa.column("id", sa.String), sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()), sa.column("version", sa.String),
        sa.column("site_id", sa.String), sa.column("day", sa.Date),
        sa.column("kind", sa.String), sa.column("name", sa.String),
        sa.column("source", sa.String),
    )
    op.bulk_insert(table, [
        {"id": seeded_id(r["day"]), "created_at": now, "updated_at": now,  # type: ignore[arg-type]
         "version": "", "site_id": "", "source": "library", **r}
        for r in library_rows()
    ])


def downgrade() -> None:
    op.drop_table("holiday_days")
