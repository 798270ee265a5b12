"""Roles and permission codes.

Permissions are data: the store keeps role -> permission rows, seeded from
`DEFAULT_GRANTS`, and services check codes (never role names), so a branch can grant
an account manager more without a code change.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    COUNTER_CLERK = "counter_clerk"
    ACCOUNT_MANAGER = "account_manager"
    BRANCH_ADMIN = "branch_admin"
    HQ_ANALYST = "hq_analyst"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.COUNTER_CLERK: "柜员",
    Role.ACCOUNT_MANAGER: "客户经理",
    Role.BRANCH_ADMIN: "网点管理员",
    Role.HQ_ANALYST: "总部分析员",
}


class Perm(StrEnum):
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    BACKUP_RUN = "backup.run"
    BACKUP_RESTORE = "backup.restore"
    SETTINGS_MANAGE = "settings.manage"
    CUSTOMER_VIEW = "customer.view"
    CUSTOMER_VIEW_ALL = "customer.view_all"  # whole branch, not only own customers
    CUSTOMER_EDIT = "customer.edit"
    CUSTOMER_DELETE = "customer.delete"
    CUSTOMER_PURGE = "customer.purge"
    CUSTOMER_MERGE = "customer.merge"
    CUSTOMER_REVEAL = "customer.reveal"  # see phone and ID numbers unmasked
    CUSTOMER_EXPORT = "customer.export"
    CONTACT_EDIT = "contact.edit"
    TASK_EDIT = "task.edit"
    COMPLAINT_EDIT = "complaint.edit"
    COMPLAINT_MANAGE = "complaint.manage"  # assign, escalate, SLA policy
    CAMPAIGN_EDIT = "campaign.edit"
    REPORT_VIEW = "report.view"
    SYNC_RUN = "sync.run"
    CASES_EDIT = "cases.edit"  # write, edit and retire cases of the case library


_CLERK = {
    Perm.CUSTOMER_VIEW,
    Perm.CUSTOMER_VIEW_ALL,
    Perm.CUSTOMER_EDIT,
    Perm.CONTACT_EDIT,
    Perm.TASK_EDIT,
    Perm.COMPLAINT_EDIT,
}
_MANAGER = _CLERK - {Perm.CUSTOMER_VIEW_ALL} | {
    Perm.CUSTOMER_REVEAL,
    Perm.CUSTOMER_DELETE,
    Perm.CUSTOMER_EXPORT,
    Perm.CAMPAIGN_EDIT,
    Perm.REPORT_VIEW,
    Perm.CASES_EDIT,
}
_ADMIN = set(Perm)
_ANALYST = {Perm.CUSTOMER_VIEW, Perm.CUSTOMER_VIEW_ALL, Perm.REPORT_VIEW, Perm.AUDIT_VIEW}

DEFAULT_GRANTS: dict[Role, frozenset[Perm]] = {
    Role.COUNTER_CLERK: frozenset(_CLERK),
    Role.ACCOUNT_MANAGER: frozenset(_MANAGER),
    Role.BRANCH_ADMIN: frozenset(_ADMIN),
    Role.HQ_ANALYST: frozenset(_ANALYST),
}


# Which navigation entries a role gets: a page is offered when the role holds any of its
# permissions (a clerk is not shown an admin page of greyed-out buttons).
PAGE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    "workbench": frozenset({Perm.CUSTOMER_VIEW}),
    "customers": frozenset({Perm.CUSTOMER_VIEW}),
    "contacts": frozenset({Perm.CUSTOMER_VIEW}),
    "complaints": frozenset({Perm.COMPLAINT_EDIT, Perm.COMPLAINT_MANAGE, Perm.REPORT_VIEW}),
    "campaigns": frozenset({Perm.CAMPAIGN_EDIT, Perm.REPORT_VIEW}),
    "reports": frozenset({Perm.REPORT_VIEW}),
    "sync": frozenset({Perm.SYNC_RUN}),
    "admin": frozenset({Perm.USER_MANAGE, Perm.AUDIT_VIEW, Perm.BACKUP_RUN,
                        Perm.BACKUP_RESTORE, Perm.SETTINGS_MANAGE}),
}


def can_open(page: str, permissions: Iterable[str]) -> bool:
    """Whether a role holding `permissions` gets the page `page` (unknown pages: yes)."""
    wanted = PAGE_PERMISSIONS.get(page)
    if wanted is None:
        return True
    held = {str(p) for p in permissions}
    return any(str(p) in held for p in wanted)
