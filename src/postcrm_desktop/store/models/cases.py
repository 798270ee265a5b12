"""The case library: questions the counter answers again and again, with their answer.

A case is written by hand or drafted from a resolved complaint (without the customer's
data, see `core.case_scrub`). Cases travel in sync: HQ publishes cases to every branch
(`origin="hq"`, read-only at the branch), and a branch's own cases are `origin="local"`.
`search_no` numbers the case in the local search index (`store.case_index`); it means
nothing in another database, so it never enters the change log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime

ORIGIN_LOCAL = "local"
ORIGIN_HQ = "hq"


class Case(Synced, Base):
    __tablename__ = "cases"
    __entity__ = "case"
    __local_columns__ = frozenset({"search_no"})

    title: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(32))  # ComplaintCategory.code
    problem: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text, default="")  # keywords, one per line
    origin: Mapped[str] = mapped_column(String(8), default=ORIGIN_LOCAL)  # local / hq
    published_by: Mapped[str] = mapped_column(String(64), default="")  # HQ's publisher
    # The complaint the case was drafted from (this branch's id; kept for "already a case").
    source_complaint_id: Mapped[str | None] = mapped_column(IdColumn())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    search_no: Mapped[int | None] = mapped_column(Integer, unique=True)

    __table_args__ = (
        Index("ix_cases_category", "category", "active"),
        Index("ix_cases_source", "source_complaint_id"),
        Index("ix_cases_updated", "updated_at"),
    )
