"""A customer's history for the profile page: contacts, stage changes, tasks, care dates
and whatever other areas add (complaints), newest first.

Open tasks sit at their due time and care dates at their next day, so what is coming
shows on top (`upcoming=True`), then the past. Older events page with `before`.

Complaints come from `services.complaints.timeline.events_for_customer` when that area
is present. Other areas add events with `register_source(key, source)`, where
`source(session, branch, customer_id, limit, before) -> list[TimelineEvent]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from postcrm_desktop.core import care_dates as cd
from postcrm_desktop.core.contact_enums import CareKind, ContactChannel, TaskStatus
from postcrm_desktop.core.customer_enums import Stage
from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.local_time import ZoneLike, at_local, local_date, zone
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.common import load_customer, optional_module, user_names
from postcrm_desktop.services.contacts.records import attachment_counts
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.contacts import CareDate, ContactRecord, Task
from postcrm_desktop.store.models.customers import StageChange
from postcrm_desktop.store.types import utcnow

MAX_LIMIT = 1000


@dataclass(frozen=True)
class TimelineEvent:
    """One entry of the timeline. `kind`: "contact", "stage", "task", "care",
    "complaint"...; `id` the record's id; `at` a UTC instant (a care date's is the start
    of its local day). `status` for tasks ("open"/"done"/"cancelled") and other areas'
    records; `extra` holds kind-specific values (contact: next_step, next_due_at,
    task_id, attachments; task: due_at, source)."""

    kind: str
    id: str
    at: datetime
    title: str
    detail: str = ""
    by_name: str = ""
    channel: str | None = None
    status: str | None = None
    upcoming: bool = False
    extra: dict[str, Any] | None = None


# (session, branch, customer id, limit, before) -> events, newest first
TimelineSource = Callable[[Session, Branch, str, int, "datetime | None"], list[TimelineEvent]]
TIMELINE_SOURCES: dict[str, TimelineSource] = {}


def register_source(key: str, source: TimelineSource) -> None:
    TIMELINE_SOURCES[key] = source


def _complaints(_s: Session, branch: Branch, customer_id: str, limit: int,
                before: datetime | None) -> list[TimelineEvent]:
    """The complaint desk's feed: intake and main steps of each complaint."""
    module = optional_module("postcrm_desktop.services.complaints.timeline")
    feed = getattr(module, "events_for_customer", None)
    if feed is None:
        return []
    out = []
    for at, kind, title, complaint_id in feed(branch, customer_id):
        if before is None or at < before:
            out.append(TimelineEvent(kind, complaint_id, at, title))
        if len(out) >= limit:
            break
    return out


register_source("complaints", _complaints)


def _channel_label(code: str | None) -> str:
    try:
        return ContactChannel(code or "").label
    except ValueError:
        return code or ""


def _before(query: Select[Any], column: Any, before: datetime | None) -> Select[Any]:
    return query.where(column < before) if before is not None else query


def _contacts(s: Session, customer_id: str, limit: int,
              before: datetime | None) -> list[TimelineEvent]:
    query = _before(select(ContactRecord).where(ContactRecord.customer_id == customer_id),
                    ContactRecord.at, before)
    rows = list(s.execute(query.order_by(ContactRecord.at.desc(), ContactRecord.id.desc())
                          .limit(limit)).scalars())
    names = user_names(s, (c.owner_id for c in rows))
    files = attachment_counts(s, [c.id for c in rows])
    out = []
    for c in rows:
        detail = c.content + (f"\n客户反馈：{c.feedback}" if c.feedback else "")
        out.append(TimelineEvent(
            "contact", c.id, c.at, f"{_channel_label(c.channel)}联系", detail,
            names.get(c.owner_id or "", ""), c.channel,
            extra={"person": c.person, "feedback": c.feedback, "next_step": c.next_step,
                   "next_due_at": c.next_due_at, "task_id": c.task_id,
                   "attachments": files.get(c.id, 0)}))
    return out


def _stage_label(code: str | None) -> str:
    try:
        return Stage(code or "").label
    except ValueError:
        return code or ""


def _stages(s: Session, customer_id: str, limit: int,
            before: datetime | None) -> list[TimelineEvent]:
    query = _before(select(StageChange).where(StageChange.customer_id == customer_id),
                    StageChange.changed_at, before)
    rows = list(s.execute(query.order_by(StageChange.changed_at.desc()).limit(limit))
                .scalars())
    names = user_names(s, (r.created_by for r in rows))
    return [TimelineEvent(
        "stage", r.id, r.changed_at,
        f"阶段：{_stage_label(r.from_stage)} → {_stage_label(r.to_stage)}" if r.from_stage
        else f"建档，阶段：{_stage_label(r.to_stage)}",
        by_name=names.get(r.created_by or "", ""), status=r.to_stage) for r in rows]


def _task_at(t: Task) -> datetime:
    if t.status == TaskStatus.DONE and t.done_at is not None:
        return t.done_at
    if t.status == TaskStatus.CANCELLED:
        return t.updated_at
    return t.due_at


def _tasks(s: Session, customer_id: str, limit: int, before: datetime | None,
           now: datetime) -> list[TimelineEvent]:
    rows = list(s.execute(select(Task).where(Task.customer_id == customer_id)
                          .order_by(Task.due_at.desc()).limit(limit * 2)).scalars())
    names = user_names(s, (t.assigned_to for t in rows))
    out = []
    for t in rows:
        at = _task_at(t)
        if before is not None and at >= before:
            continue
        prefix = {"open": "待办", "done": "已完成", "cancelled": "已取消"}.get(t.status, "")
        out.append(TimelineEvent(
            "task", t.id, at, f"{prefix}任务：{t.title}", t.note,
            names.get(t.assigned_to or "", ""), t.channel, t.status,
            upcoming=t.status == TaskStatus.OPEN and t.due_at >= now,
            extra={"due_at": t.due_at, "source": t.source}))
    return out


def _care(s: Session, customer_id: str, today: date, tz: Any) -> list[TimelineEvent]:
    out = []
    for c in s.execute(select(CareDate).where(CareDate.customer_id == customer_id)).scalars():
        value = cd.YearlyDate(c.calendar, c.month, c.day, bool(c.leap), c.year)
        found = cd.next_occurrence(value, today)
        if found is None:
            continue
        when, year = found
        kind = c.label if c.kind == CareKind.CUSTOM and c.label else CareKind(c.kind).label
        years = ""
        if c.year is not None:
            years = f"（{year - c.year}岁）" if c.kind == CareKind.BIRTHDAY \
                else f"（{year - c.year}周年）"
        out.append(TimelineEvent("care", c.id, at_local(when, time(0), tz), f"{kind}{years}",
                                 cd.label(value), upcoming=True,
                                 extra={"on": when, "kind": c.kind, "calendar": c.calendar}))
    return out


def customer_timeline(branch: Branch, customer_id: str, limit: int = 200, *,
                      before: datetime | None = None, now: datetime | None = None,
                      tz: ZoneLike = None) -> list[TimelineEvent]:
    """Up to `limit` events, newest first (upcoming ones on top). For the next page pass
    `before` = the `at` of the last past event shown; upcoming ones come only on the
    first page."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    limit = max(1, min(limit, MAX_LIMIT))
    now = now or utcnow()
    z = zone(tz)
    with branch.session() as s, reading(s):
        load_customer(s, branch.actor, customer_id)
        events = _contacts(s, customer_id, limit, before)
        events += _stages(s, customer_id, limit, before)
        events += _tasks(s, customer_id, limit, before, now)
        if before is None:
            events += _care(s, customer_id, local_date(now, z), z)
        for source in list(TIMELINE_SOURCES.values()):
            try:
                events += source(s, branch, customer_id, limit, before)
            except PermissionDenied:
                continue  # the user's role does not cover that area
    events.sort(key=lambda e: (e.at, e.id), reverse=True)
    return events[:limit]


__all__ = [
    "TIMELINE_SOURCES",
    "TimelineEvent",
    "TimelineSource",
    "customer_timeline",
    "register_source",
]
