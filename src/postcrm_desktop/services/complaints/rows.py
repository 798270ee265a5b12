"""Who sees which complaint, and the list row (`ComplaintRow`) built from the records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import Session

from postcrm_desktop.core.complaint_enums import Status
from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import clock_text, is_overdue
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.complaints.types import ComplaintRow
from postcrm_desktop.services.customers.access import can_see, visible_clause
from postcrm_desktop.services.customers.rows import owner_names
from postcrm_desktop.store.models.complaints import Complaint
from postcrm_desktop.store.models.customers import Customer

SUMMARY_CHARS = 40


def visible_complaints(actor: Actor) -> ColumnElement[bool]:
    """WHERE condition (on `Complaint` joined to `Customer`) for what `actor` may see:
    complaints of customers they may see, and complaints assigned to them; never those
    of customers in the recycle bin."""
    seen = visible_clause(actor)
    if actor.user_id is not None and actor.can(Perm.CUSTOMER_VIEW):
        seen = or_(seen, Complaint.assignee_id == actor.user_id)
    return and_(seen, Customer.deleted_at.is_(None))


def may_see(actor: Actor, complaint: Complaint, customer: Customer) -> bool:
    return can_see(actor, customer.owner_id) or (
        actor.can(Perm.CUSTOMER_VIEW) and actor.user_id is not None
        and complaint.assignee_id == actor.user_id)


def require_seen(actor: Actor, complaint: Complaint, customer: Customer) -> None:
    if not may_see(actor, complaint, customer):
        raise PermissionDenied(str(Perm.CUSTOMER_VIEW_ALL),
                               "该投诉的客户不由您负责，无权查看或处理")


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    one_line = " ".join((text or "").split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def user_names(s: Session, ids: Iterable[str | None]) -> dict[str, str]:
    return owner_names(s, ids)


def complaint_row(c: Complaint, customer: Customer, category_names: dict[str, str],
                  names: dict[str, str], now: datetime) -> ComplaintRow:
    open_ = Status(c.status).is_open
    return ComplaintRow(
        id=c.id,
        number=c.number,
        customer_id=c.customer_id,
        customer_number=customer.number,
        customer_name=customer.name,
        customer_tier=customer.tier,
        complaint_type=c.complaint_type,
        category=c.category,
        category_name=category_names.get(c.category, c.category),
        priority=c.priority,
        channel=c.channel,
        status=c.status,
        assignee_id=c.assignee_id,
        assignee_name=names.get(c.assignee_id or "", ""),
        received_at=c.received_at,
        due_at=c.due_at,
        overdue=open_ and is_overdue(c.due_at, now),
        clock=clock_text(c.due_at, now, is_open=open_),
        resolved_at=c.resolved_at,
        on_time=None if c.resolved_at is None else c.resolved_at <= c.due_at,
        satisfaction=c.satisfaction,
        escalated=c.escalated,
        waybill_no=c.waybill_no,
        summary=summary(c.description),
    )


__all__ = ["complaint_row", "may_see", "require_seen", "summary", "user_names",
           "visible_complaints"]
