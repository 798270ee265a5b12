"""Synthetic customer inputs for the customer service tests. No real person's data."""

from __future__ import annotations

import json
from datetime import date
from itertools import count
from typing import Any

from sqlalchemy import select

from postcrm_desktop.core.validators import resident_id_check_digit
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.types import CustomerInput, PersonInput
from postcrm_desktop.store.models.system import AuditEntry, ChangeEntry

_serial = count(1)


def resident_id(born: date = date(1990, 5, 17), seq: str = "123", region: str = "440106") -> str:
    """A well-formed ID (the 17th digit odd: male)."""
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + resident_id_check_digit(first17)


def unique_mobile() -> str:
    return f"1990{next(_serial):07d}"


def individual(**overrides: Any) -> CustomerInput:
    values: dict[str, Any] = {
        "customer_type": "individual",
        "name": "测试甲",
        "mobile": unique_mobile(),
        "province": "广东省",
        "city": "广州市",
        "district": "天河区",
        "address": "测试路1号",
        "postal_code": "510000",
    }
    values.update(overrides)
    return CustomerInput(**values)


def enterprise(**overrides: Any) -> CustomerInput:
    values: dict[str, Any] = {
        "customer_type": "enterprise",
        "name": "测试科技",
        "company": "测试科技有限公司",
        "landline": "020-87654321",
        "district": "越秀区",
        "address": "示例大道100号",
        "people": [PersonInput("联系人乙", "经理", unique_mobile())],
    }
    values.update(overrides)
    return CustomerInput(**values)


def audit_rows(branch: Branch, action: str, entity_id: str | None = None) -> list[AuditEntry]:
    with branch.session() as s:
        query = select(AuditEntry).where(AuditEntry.action == action)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        rows = list(s.execute(query.order_by(AuditEntry.seq)).scalars())
        s.expunge_all()
        return rows


def audit_detail(row: AuditEntry) -> dict[str, Any]:
    return json.loads(row.detail)


def changes(branch: Branch, entity: str, entity_id: str) -> list[ChangeEntry]:
    with branch.session() as s:
        rows = list(s.execute(
            select(ChangeEntry).where(ChangeEntry.entity == entity,
                                      ChangeEntry.entity_id == entity_id)
            .order_by(ChangeEntry.seq)).scalars())
        s.expunge_all()
        return rows


def all_audit_text(branch: Branch) -> str:
    """Every audit detail of the branch, to check no personal data went in."""
    with branch.session() as s:
        return "\n".join(s.execute(select(AuditEntry.detail)).scalars())
