"""What the contact workbench shows of the complaint desk: open complaints close to
their deadline or past it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from postcrm_desktop.core.complaint_enums import OPEN_STATUSES
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import require_aware
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.categories import category_names
from postcrm_desktop.services.complaints.rows import summary, visible_complaints
from postcrm_desktop.services.complaints.types import NearDeadline
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.complaints import Complaint
from postcrm_desktop.store.models.customers import Customer

LIMIT = 200


def near_deadline(branch: Branch, now: datetime, hours: int = 24, *,
                  mine_only: bool = False, limit: int = LIMIT,
                  lang: str = "zh_CN") -> list[NearDeadline]:
    """Open complaints due within `hours` of `now` or already overdue, overdue first,
    then by deadline; only those the actor may see (`mine_only`: assigned to them).

    Returns [] for a role that may not see customers, so a workbench can call it for
    every user.
    """
    if not branch.actor.can(Perm.CUSTOMER_VIEW):
        return []
    at = require_aware(now, "now")
    horizon = at + timedelta(hours=max(hours, 0))
    query = (
        select(Complaint, Customer)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Complaint.status.in_([str(s) for s in OPEN_STATUSES]),
               Complaint.due_at <= horizon, visible_complaints(branch.actor))
        .order_by(Complaint.due_at, Complaint.id)
        .limit(limit)
    )
    if mine_only:
        query = query.where(Complaint.assignee_id == branch.actor.user_id)
    with branch.session() as s, reading(s):
        cats = category_names(s, lang)
        return [
            NearDeadline(
                complaint_id=c.id, number=c.number, customer_id=c.customer_id,
                customer_name=cust.name, customer_number=cust.number, priority=c.priority,
                status=c.status, category_name=cats.get(c.category, c.category),
                due_at=c.due_at, overdue=c.due_at < at, assignee_id=c.assignee_id,
                summary=summary(c.description),
            )
            for c, cust in s.execute(query).all()
        ]


__all__ = ["near_deadline"]
