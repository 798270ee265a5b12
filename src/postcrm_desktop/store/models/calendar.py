"""The branch's holiday calendar: one row per public holiday or make-up working day.

Synced like the other published settings: HQ can publish a year's arrangement to every
branch; rows seeded from the `chinesecalendar` package carry deterministic ids (uuid5
of the day), so the same day has the same id at HQ and at every branch.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced


class HolidayDay(Synced, Base):
    __tablename__ = "holiday_days"
    __entity__ = "holiday_day"

    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # "holiday" (off) or "workday" (make-up)
    name: Mapped[str] = mapped_column(String(32), default="")  # 春节, 国庆节调休...
    source: Mapped[str] = mapped_column(String(8), default="branch")  # library/branch/hq
