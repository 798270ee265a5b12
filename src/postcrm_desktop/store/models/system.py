"""Tables of the foundation: branch metadata, users, permissions, audit and change logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime, utcnow


class Meta(Base):
    """Key/value facts about this database: its id, branch, site and clock state."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """Branch settings edited in the app (JSON values), e.g. idle lock minutes."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class User(Synced, Base):
    __tablename__ = "users"
    __entity__ = "user"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RolePermission(Base):
    __tablename__ = "role_permissions"
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    permission: Mapped[str] = mapped_column(String(64), primary_key=True)


class AuditEntry(Base):
    """Append-only, hash-chained: each row's hash covers its fields and the row before.

    Triggers (see the first migration) refuse UPDATE and DELETE at the SQL level.
    """

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[str | None] = mapped_column(IdColumn())
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_action_at", "action", "at"),)


class ChangeEntry(Base):
    """Sync outbox: one row per insert/update/delete of a synced row, same transaction.

    `changes` holds the new values of the columns that changed (all columns on insert,
    nothing on delete: a delete travels as a tombstone).
    """

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(IdColumn())
    op: Mapped[str] = mapped_column(String(8))
    changes: Mapped[Any] = mapped_column(JSON, nullable=True)
    site_id: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str | None] = mapped_column(IdColumn())
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)
