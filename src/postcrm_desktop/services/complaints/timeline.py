"""A customer's complaint history as timeline entries (for the customer timeline)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from postcrm_desktop.core.complaint_enums import ComplaintType, Status
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.categories import category_names
from postcrm_desktop.services.complaints.desk import EVENT_LABELS
from postcrm_desktop.services.complaints.rows import summary, visible_complaints
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.complaints import Complaint, ComplaintEvent
from postcrm_desktop.store.models.customers import Customer

KIND = "complaint"
# History steps worth a line of their own on a customer's timeline.
SHOWN_ACTIONS = ("created", "resolve", "revisit", "close", "reopen", "escalated")


def events_for_customer(branch: Branch, customer_id: str
                        ) -> list[tuple[datetime, str, str, str]]:
    """`(at, kind, title, complaint_id)` for the intake and the main steps of every
    complaint of the customer, newest first; `kind` is always "complaint" so the
    timeline opens the complaint by its id. Empty when the actor may not see them."""
    if not branch.actor.can(Perm.CUSTOMER_VIEW):
        return []
    with branch.session() as s, reading(s):
        rows = s.execute(
            select(ComplaintEvent, Complaint)
            .join(Complaint, Complaint.id == ComplaintEvent.complaint_id)
            .join(Customer, Customer.id == Complaint.customer_id)
            .where(Complaint.customer_id == customer_id,
                   ComplaintEvent.action.in_(SHOWN_ACTIONS), visible_complaints(branch.actor))
            .order_by(ComplaintEvent.at.desc(), ComplaintEvent.id.desc())
        ).all()
        cats = category_names(s)
        out = []
        for event, c in rows:
            kind_label = ComplaintType(c.complaint_type).label
            head = f"{kind_label}（{cats.get(c.category, c.category)}）{c.number}"
            if event.action == "created":
                title = f"受理{head}：{summary(c.description, 30)}"
            elif event.action == "revisit":
                title = f"{head} 回访，满意度 {_score(event.detail)} 分"
            else:
                label = EVENT_LABELS.get(event.action, event.action)
                if event.to_status:
                    label = f"{label}（{Status(event.to_status).label}）"
                title = f"{head} {label}"
            out.append((event.at, KIND, title, c.id))
        return out


def _score(detail: str) -> str:
    try:
        return str(json.loads(detail).get("satisfaction", "?"))
    except (ValueError, AttributeError):
        return "?"


__all__ = ["KIND", "events_for_customer"]
