"""A demo branch: one user per role, then each area fills in synthetic data.

All names, numbers and addresses are generated; none belongs to a real person.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.screenshots import mark_demo

DEMO_PASSWORD = "demo"
DEMO_BRANCH = ("GZ01", "广州天河邮政支局")
DEMO_USERS: list[tuple[str, str, Role, str]] = [
    ("admin", "王建国", Role.BRANCH_ADMIN, "网点"),
    ("manager1", "李晓燕", Role.ACCOUNT_MANAGER, "个人客户部"),
    ("manager2", "陈志强", Role.ACCOUNT_MANAGER, "企业客户部"),
    ("clerk1", "赵丽", Role.COUNTER_CLERK, "柜台"),
    ("analyst1", "周敏", Role.HQ_ANALYST, "总部"),
]

# Each area module that fills demo data exposes `fill_demo(ctx: DemoContext)`;
# they run in this order (customers first: the others hang off them).
DEMO_FILLERS = [
    "postcrm_desktop.services.customers.demo_data",
    "postcrm_desktop.services.contacts.demo_data",
    "postcrm_desktop.services.complaints.demo_data",
    "postcrm_desktop.services.cases.demo_data",
]


@dataclass
class DemoContext:
    branch: Branch
    customers: int
    rng: random.Random
    user_ids: dict[str, str]  # username -> id
    progress: Callable[[str], None]
    # Areas leave what later areas need here, e.g. "customer_ids".
    shared: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoResult:
    recovery_key: str
    users: list[tuple[str, str]]


def make_demo(path: Path, *, customers: int = 200, password: str = DEMO_PASSWORD,
              seed: int = 20261124,
              progress: Callable[[str], None] = lambda _m: None) -> DemoResult:
    path = Path(path)
    admin_name, admin_display, _, _ = DEMO_USERS[0]
    key = auth.init_branch(path, branch_code=DEMO_BRANCH[0], branch_name=DEMO_BRANCH[1],
                           admin_username=admin_name, admin_password=password,
                           admin_display_name=admin_display, enforce_policy=False)
    branch = auth.login(path, admin_name, password)
    try:
        mark_demo(branch)  # synthetic data: screenshots allowed for every role
        ids = {admin_name: branch.actor.user_id or ""}
        for name, display, role, dept in DEMO_USERS[1:]:
            ids[name] = users.add_user(branch, name, display, role, password, dept,
                                       enforce_policy=False)
        ctx = DemoContext(branch, customers, random.Random(seed), ids, progress)
        for module_name in DEMO_FILLERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name is not None and module_name.startswith(exc.name):
                    continue
                raise
            module.fill_demo(ctx)
    finally:
        branch.close()
    return DemoResult(key, [(u, r.label) for u, _, r, _ in DEMO_USERS])
