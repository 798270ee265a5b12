"""Customer files: the customer row, and what hangs off it directly."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime


class Customer(Synced, Base):
    __tablename__ = "customers"
    __entity__ = "customer"

    number: Mapped[str] = mapped_column(String(24), unique=True)  # GZ01-2026-000123
    customer_type: Mapped[str] = mapped_column(String(16))  # individual/enterprise/institution
    name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(1))
    birthday: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(18))
    mobile: Mapped[str | None] = mapped_column(String(20))
    landline: Mapped[str | None] = mapped_column(String(24))
    email: Mapped[str | None] = mapped_column(String(254))
    province: Mapped[str] = mapped_column(String(32), default="")
    city: Mapped[str] = mapped_column(String(32), default="")
    district: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str | None] = mapped_column(String(6))
    industry: Mapped[str] = mapped_column(String(64), default="")
    company: Mapped[str] = mapped_column(String(100), default="")
    source_channel: Mapped[str] = mapped_column(String(32), default="")
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    department: Mapped[str] = mapped_column(String(64), default="")
    tier: Mapped[str] = mapped_column(String(16), default="normal")
    stage: Mapped[str] = mapped_column(String(16), default="prospect")
    stage_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    needs: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # recycle bin
    merged_into: Mapped[str | None] = mapped_column(IdColumn())

    __table_args__ = (
        Index("ix_customers_owner", "owner_id", "deleted_at"),
        Index("ix_customers_mobile", "mobile"),
        Index("ix_customers_id_number", "id_number"),
    )
