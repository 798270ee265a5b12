"""Helpers for the contact, task, care and workbench tests. Synthetic data only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from postcrm_desktop.core.roles import DEFAULT_GRANTS, Role
from postcrm_desktop.services import users
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.records import create_customer, delete_customer
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store.models.contacts import Task
from postcrm_desktop.store.models.customers import Customer
from tests.unit.customer_data import individual

PASSWORD = "Passw0rd123"


def add_staff(branch: Branch) -> dict[str, str]:
    """manager1, manager2 (account managers), clerk1, analyst1 -> user ids."""
    return {
        "manager1": users.add_user(branch, "manager1", "经理甲", Role.ACCOUNT_MANAGER, PASSWORD,
                                   enforce_policy=False),
        "manager2": users.add_user(branch, "manager2", "经理乙", Role.ACCOUNT_MANAGER, PASSWORD,
                                   enforce_policy=False),
        "clerk1": users.add_user(branch, "clerk1", "柜员丙", Role.COUNTER_CLERK, PASSWORD,
                                 enforce_policy=False),
        "analyst1": users.add_user(branch, "analyst1", "分析员丁", Role.HQ_ANALYST, PASSWORD,
                                   enforce_policy=False),
    }


def as_user(branch: Branch, user_id: str, username: str, role: Role) -> Branch:
    """The same open database, acting as another user (no second login needed)."""
    actor = Actor(user_id, username, username, role,
                  frozenset(str(p) for p in DEFAULT_GRANTS[role]))
    return Branch(branch.db, actor, branch.master)


def manager(branch: Branch, staff: dict[str, str], name: str = "manager1") -> Branch:
    return as_user(branch, staff[name], name, Role.ACCOUNT_MANAGER)


def clerk(branch: Branch, staff: dict[str, str]) -> Branch:
    return as_user(branch, staff["clerk1"], "clerk1", Role.COUNTER_CLERK)


def analyst(branch: Branch, staff: dict[str, str]) -> Branch:
    return as_user(branch, staff["analyst1"], "analyst1", Role.HQ_ANALYST)


def customer(branch: Branch, owner_id: str | None = None, *, name: str = "测试甲",
             stage: str = "prospect", stage_since: datetime | None = None,
             birthday: date | None = None, **overrides: Any) -> str:
    """A customer filed through the customer service; `stage_since` backdates the
    stage entry (and the filing) for the follow-up rules."""
    cid = create_customer(branch, individual(name=name, owner_id=owner_id, stage=stage,
                                             birthday=birthday, **overrides))
    if stage_since is not None:
        set_customer(branch, cid, stage_changed_at=stage_since, created_at=stage_since)
    return cid


def set_customer(branch: Branch, customer_id: str, **values: Any) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        c = s.get(Customer, customer_id)
        assert c is not None
        for key, value in values.items():
            setattr(c, key, value)


def delete(branch: Branch, customer_id: str) -> None:
    delete_customer(branch, customer_id)


def tasks_of(branch: Branch, customer_id: str) -> list[Task]:
    with branch.session() as s:
        rows = list(s.execute(select(Task).where(Task.customer_id == customer_id)
                              .order_by(Task.due_at, Task.id)).scalars())
        s.expunge_all()
        return rows


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
