"""Customer files: the customer row, and what hangs off it directly."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime


class Customer(Synced, Base):
    __tablename__ = "customers"
    __entity__ = "customer"
    # `search_no` keys this row in the local search index (FTS rowid); never synced.
    __local_columns__ = frozenset({"search_no"})

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
    search_no: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_customers_owner", "owner_id", "deleted_at"),
        Index("ix_customers_mobile", "mobile"),
        Index("ix_customers_id_number", "id_number"),
        # Duplicate checks look these up (migration 0007).
        Index("ix_customers_landline", "landline"),
        Index("ix_customers_name_district", "name", "district"),
        Index("ix_customers_created", "created_at"),
        Index("ix_customers_tier", "tier"),
        # The list sorted by stage walks each stage's rows (migration 0016).
        Index("ix_customers_stage", "stage"),
        Index("ix_customers_district", "district"),
        # The filter bar's choices (industries and districts in use, an account manager's
        # own from the owner-led index) and the sort by company (migration 0008).
        Index("ix_customers_industry", "industry"),
        Index("ix_customers_company", "company"),
        Index("ix_customers_owner_district_industry", "owner_id", "deleted_at", "district",
              "industry"),
        # Only deleted rows: a full index made `deleted_at IS NULL` look selective to SQLite.
        Index("ix_customers_deleted", "deleted_at",
              sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
        Index("ix_customers_last_activity", "last_activity_at"),
        Index("uq_customers_search_no", "search_no", unique=True),
    )


class Tag(Synced, Base):
    """A tag in the branch's catalogue, in one of the groups of `core.customer_enums.TagGroup`."""

    __tablename__ = "tags"
    __entity__ = "tag"

    tag_group: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    color: Mapped[str] = mapped_column(String(9), default="")
    # A retired tag stays on the customers who carry it but is no longer offered.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    __table_args__ = (Index("uq_tags_group_name", "tag_group", "name", unique=True),)


class CustomerTag(Synced, Base):
    __tablename__ = "customer_tags"
    __entity__ = "customer_tag"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    tag_id: Mapped[str] = mapped_column(ForeignKey("tags.id"))

    __table_args__ = (
        Index("uq_customer_tags_pair", "customer_id", "tag_id", unique=True),
        Index("ix_customer_tags_tag", "tag_id", "customer_id"),
    )


class CustomerPerson(Synced, Base):
    """A contact person of an enterprise or institution customer (name, title, phone)."""

    __tablename__ = "customer_people"
    __entity__ = "customer_person"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str | None] = mapped_column(String(24))
    position: Mapped[int] = mapped_column(Integer, default=0)


class StageChange(Synced, Base):
    """Each development-stage change, dated: follow-up rules key on when a stage began."""

    __tablename__ = "customer_stage_changes"
    __entity__ = "customer_stage_change"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Attachment(Synced, Base):
    """A file kept inside the encrypted database, owned by any record (customer, contact...)."""

    __tablename__ = "attachments"
    __entity__ = "attachment"

    owner_entity: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(IdColumn())
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    __table_args__ = (Index("ix_attachments_owner", "owner_entity", "owner_id"),)


class SavedView(Synced, Base):
    """A named set of list filters a user saved (`filters` is the JSON of the filter set)."""

    __tablename__ = "saved_views"
    __entity__ = "saved_view"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    area: Mapped[str] = mapped_column(String(32), default="customers")
    name: Mapped[str] = mapped_column(String(64))
    filters: Mapped[Any] = mapped_column(JSON)

    __table_args__ = (Index("uq_saved_views_name", "user_id", "area", "name", unique=True),)
