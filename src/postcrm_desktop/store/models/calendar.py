"""The branch's holiday calendar: one row per public holiday or make-up working day.

Synced like the other published settings: HQ can publish a year's arrangement to every
branch. Every row's id is derived from its day (uuid5), whether seeded from the
`chinesecalendar` package, entered at a branch or published by HQ, so the same day is the
same row everywhere and sync merges it field by field instead of colliding on the date.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced

# The namespace of holiday row ids (also in migration 0015, which seeds the table).
HOLIDAY_NAMESPACE = uuid.UUID("6f1c4f0e-7a53-4d0b-9a1e-2f6d8c0b5e21")


def holiday_id(day: date) -> str:
    return uuid.uuid5(HOLIDAY_NAMESPACE, day.isoformat()).hex


class HolidayDay(Synced, Base):
    __tablename__ = "holiday_days"
    __entity__ = "holiday_day"

    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # "holiday" (off) or "workday" (make-up)
    name: Mapped[str] = mapped_column(String(32), default="")  # 春节, 国庆节调休...
    source: Mapped[str] = mapped_column(String(8), default="branch")  # library/branch/hq
