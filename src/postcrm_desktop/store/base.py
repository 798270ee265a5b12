"""Declarative base and the columns every synced business table carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from postcrm_desktop.core.ids import new_id
from postcrm_desktop.store.types import IdColumn, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Mixin for business tables that travel in sync packages.

    `version` is a hybrid-logical-clock stamp and `site_id` the site that wrote the row
    last; both, and the created/updated columns, are filled by the change-log hook in
    `store.changelog` on flush, so services never set them by hand.
    """

    id: Mapped[str] = mapped_column(IdColumn(), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(IdColumn())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(IdColumn())
    version: Mapped[str] = mapped_column(String(40), default="")
    site_id: Mapped[str] = mapped_column(String(16), default="")

    # Entity name used in the change log and in change announcements.
    __entity__: str = ""
    # Columns that only mean something in this database (e.g. a local index key): they
    # never enter the change log.
    __local_columns__: frozenset[str] = frozenset()
