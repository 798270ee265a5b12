"""Synthetic customers and complaints for the complaint desk tests. No real person's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import desk
from postcrm_desktop.services.complaints.types import ComplaintInput
from postcrm_desktop.services.customers.records import create_customer
from tests.unit.customer_data import enterprise, individual


def add_customer(branch: Branch, *, tier: str = "normal", district: str = "天河区",
                 customer_type: str = "individual", owner_id: str | None = None) -> str:
    make = individual if customer_type == "individual" else enterprise
    extra: dict[str, Any] = {"customer_type": customer_type} if customer_type == "institution" \
        else {}
    return create_customer(branch, make(tier=tier, district=district, owner_id=owner_id,
                                        **extra))


def intake(customer_id: str, **overrides: Any) -> ComplaintInput:
    values: dict[str, Any] = {
        "customer_id": customer_id,
        "complaint_type": "投诉",
        "category": "延误",
        "description": "包裹延误五天，物流信息不更新",
        "channel": "柜台",
    }
    values.update(overrides)
    return ComplaintInput(**values)


def file_complaint(branch: Branch, customer_id: str, *, now: datetime | None = None,
                   **overrides: Any) -> str:
    return desk.create_complaint(branch, intake(customer_id, **overrides), now=now)


def walk(branch: Branch, complaint_id: str, to: str, *, assignee_id: str | None = None,
         now: datetime | None = None) -> None:
    """Take a new complaint along the normal path up to status `to`."""
    order = ["assigned", "in_progress", "resolved", "revisited", "closed"]
    for status in order[: order.index(to) + 1]:
        if status == "assigned":
            desk.assign(branch, complaint_id, assignee_id or branch.actor.user_id or "",
                        now=now)
        elif status == "in_progress":
            desk.start_work(branch, complaint_id, now=now)
        elif status == "resolved":
            desk.resolve(branch, complaint_id, "已联系处理中心核实，包裹已送达", now=now)
        elif status == "revisited":
            desk.revisit(branch, complaint_id, 5, "满意", now=now)
        else:
            desk.close(branch, complaint_id, now=now)
