"""Contact records, follow-up rules and tasks, care dates and greeting templates.

Every instant is aware UTC (`UTCDateTime`); local days are computed by the services.
Indexes follow the screens: a profile's timeline (customer, time), the contacts page by
owner and month (owner, time), the workbench (assignee, status, due), the care calendar
(calendar, month, day).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postcrm_desktop.store.base import Base, Synced
from postcrm_desktop.store.types import IdColumn, UTCDateTime


class FollowUpRule(Synced, Base):
    """A branch admin's rule: customers in `stage` get a follow-up task by `channel`.

    `mode` "every": a task when `days` pass without any contact (and no open task of
    this rule), for customers in the stage for at least `start_after_days`.
    `mode` "within": one task per entry into the stage, due `days` after the entry.
    """

    __tablename__ = "follow_up_rules"
    __entity__ = "follow_up_rule"

    stage: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    days: Mapped[int] = mapped_column(Integer)
    start_after_days: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Task(Synced, Base):
    """A follow-up task: from a rule, by hand, or the next step of a contact."""

    __tablename__ = "tasks"
    __entity__ = "task"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str | None] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(16), default="manual")
    rule_id: Mapped[str | None] = mapped_column(ForeignKey("follow_up_rules.id"))
    # For "within" rules: the stage entry the task was made for (one task per entry).
    rule_anchor_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assigned_to: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_tasks_assigned_status_due", "assigned_to", "status", "due_at"),
        Index("ix_tasks_status_due", "status", "due_at"),
        Index("ix_tasks_customer", "customer_id", "status"),
        Index("ix_tasks_rule_customer", "rule_id", "customer_id"),
    )


class ContactRecord(Synced, Base):
    """One contact with a customer: when, how, who, what was said, and the next step.

    `owner_id` is the staff member who made the contact (statistics count per owner);
    `task_id` is the reminder made from the next step.
    """

    __tablename__ = "contact_records"
    __entity__ = "contact"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    person: Mapped[str] = mapped_column(String(50), default="")  # spoken to, if not the customer
    content: Mapped[str] = mapped_column(Text)
    feedback: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(String(200), default="")
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    task_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"))

    __table_args__ = (
        Index("ix_contact_records_customer_at", "customer_id", "at", "id"),
        Index("ix_contact_records_owner_at", "owner_id", "at", "id"),
        Index("ix_contact_records_at", "at", "id"),
        Index("ix_contact_records_task", "task_id"),
    )


class CareDate(Synced, Base):
    """A yearly date to care for: birthday (solar or lunar), cooperation anniversary or a
    custom date. `month`/`day` are in `calendar`; `leap` marks a lunar leap month; `year`
    (optional) is the first year, for ages and anniversaries.

    `owner_id` is a copy of the customer's owner that triggers keep (SQLite, migration
    0005) whatever writes the rows, so one account manager's care dates of a day are one
    index range instead of every customer's of that day. Local: never synced.
    """

    __tablename__ = "care_dates"
    __entity__ = "care_date"
    __local_columns__ = frozenset({"owner_id"})

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(16))
    calendar: Mapped[str] = mapped_column(String(8), default="solar")
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    leap: Mapped[bool] = mapped_column(Boolean, default=False)
    year: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50), default="")
    owner_id: Mapped[str | None] = mapped_column(IdColumn())

    __table_args__ = (
        Index("ix_care_dates_calendar_month_day", "calendar", "month", "day", "owner_id"),
        Index("ix_care_dates_customer", "customer_id"),
    )


class GreetingTemplate(Synced, Base):
    """Greeting text with placeholders ({name}, {tier}, {date}...), for a kind of date."""

    __tablename__ = "greeting_templates"
    __entity__ = "greeting_template"

    name: Mapped[str] = mapped_column(String(50), unique=True)
    kind: Mapped[str | None] = mapped_column(String(16))  # None: any kind of date
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


__all__ = ["CareDate", "ContactRecord", "FollowUpRule", "GreetingTemplate", "Task"]
