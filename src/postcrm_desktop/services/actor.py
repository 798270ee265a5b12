"""The acting user, as every service receives it."""

from __future__ import annotations

from dataclasses import dataclass

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import DEFAULT_GRANTS, Perm, Role


@dataclass(frozen=True)
class Actor:
    user_id: str | None
    username: str
    display_name: str
    role: Role
    permissions: frozenset[str]
    department: str = ""

    def can(self, perm: Perm | str) -> bool:
        return str(perm) in self.permissions

    def require(self, perm: Perm | str) -> None:
        if not self.can(perm):
            raise PermissionDenied(str(perm))


# Internal work that no person started (demo data, migrations of data): every permission.
SYSTEM = Actor(
    user_id=None,
    username="system",
    display_name="系统",
    role=Role.BRANCH_ADMIN,
    permissions=frozenset(str(p) for p in DEFAULT_GRANTS[Role.BRANCH_ADMIN]),
)
