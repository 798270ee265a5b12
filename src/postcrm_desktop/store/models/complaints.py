"""Complaint desk: complaints and service requests, their history, the category list.

Codes kept here are those of `core.complaint_enums` (type, priority, status, channel)
and `ComplaintCategory.code`. Every time is aware UTC; `due_at` is computed once from
the SLA policy (`core.sla`) and only changes when the priority changes or the complaint
is reopened, so a PC's zone or daylight saving never moves it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime


class Complaint(Synced, Base):
    __tablename__ = "complaints"
    __entity__ = "complaint"

    number: Mapped[str] = mapped_column(String(32), unique=True)  # TS-GZ01-2026-000123
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    complaint_type: Mapped[str] = mapped_column(String(16))  # enquiry/complaint/suggestion
    category: Mapped[str] = mapped_column(String(32))  # ComplaintCategory.code
    priority: Mapped[str] = mapped_column(String(8))  # urgent/normal/low
    # The priority the customer's tier gave at intake: lowering below it needs
    # complaint.manage.
    priority_floor: Mapped[str] = mapped_column(String(8), default="low")
    channel: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    waybill_no: Mapped[str] = mapped_column(String(24), default="")
    status: Mapped[str] = mapped_column(String(16), default="new")
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the SLA clock starts here
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sla_mode: Mapped[str] = mapped_column(String(16), default="calendar")
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # work first started
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution: Mapped[str] = mapped_column(Text, default="")
    revisited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1-5 at the last revisit
    revisit_comment: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)  # to head office
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_by: Mapped[str | None] = mapped_column(IdColumn())
    escalation_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # Open work ordered by deadline (overdue first), per status.
        Index("ix_complaints_status_due", "status", "due_at", "id"),
        # Resolved and closed ones, newest first, per status.
        Index("ix_complaints_status_received", "status", "received_at", "id"),
        # The whole list sorted by deadline (a column sort, any status).
        Index("ix_complaints_due", "due_at", "id"),
        Index("ix_complaints_customer", "customer_id", "received_at"),
        Index("ix_complaints_created", "created_at"),
        Index("ix_complaints_received", "received_at"),
        Index("ix_complaints_assignee", "assignee_id", "status"),
        Index("ix_complaints_waybill", "waybill_no"),
    )


class ComplaintEvent(Synced, Base):
    """Append-only history of a complaint: intake, every status change, priority changes,
    notes, escalation. Rows are never updated (a trigger refuses it on SQLite)."""

    __tablename__ = "complaint_events"
    __entity__ = "complaint_event"

    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"))
    action: Mapped[str] = mapped_column(String(24))  # created/assign/start/resolve/...
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    by_id: Mapped[str | None] = mapped_column(IdColumn())  # users.id; None for the system
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    # Small structured facts of the step (score, old and new priority, assignee id).
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_complaint_events_complaint", "complaint_id", "at"),)


class ComplaintCategory(Synced, Base):
    """The branch's editable category list (延误, 丢失, 破损...). Complaints keep the
    code; a renamed category keeps its code, a retired one is hidden from intake."""

    __tablename__ = "complaint_categories"
    __entity__ = "complaint_category"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    name_en: Mapped[str] = mapped_column(String(64), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
