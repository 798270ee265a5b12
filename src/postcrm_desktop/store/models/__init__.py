"""All mapped tables; importing this module registers them on `Base.metadata`."""

from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import (
    AuditEntry,
    ChangeEntry,
    Meta,
    RolePermission,
    Setting,
    User,
)

__all__ = ["AuditEntry", "ChangeEntry", "Customer", "Meta", "RolePermission", "Setting", "User"]
