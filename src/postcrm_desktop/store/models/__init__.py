"""All mapped tables; importing this module registers them on `Base.metadata`."""

from postcrm_desktop.store.models.calendar import HolidayDay
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.store.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
)
from postcrm_desktop.store.models.contacts import (
    CareDate,
    ContactRecord,
    FollowUpRule,
    GreetingTemplate,
    Task,
)
from postcrm_desktop.store.models.customers import (
    Attachment,
    Customer,
    CustomerPerson,
    CustomerTag,
    SavedView,
    StageChange,
    Tag,
)
from postcrm_desktop.store.models.system import (
    AuditEntry,
    ChangeEntry,
    Meta,
    RolePermission,
    Setting,
    User,
)

__all__ = [
    "Attachment",
    "AuditEntry",
    "CareDate",
    "Case",
    "ChangeEntry",
    "Complaint",
    "ComplaintCategory",
    "ComplaintEvent",
    "ContactRecord",
    "Customer",
    "CustomerPerson",
    "CustomerTag",
    "FollowUpRule",
    "GreetingTemplate",
    "HolidayDay",
    "Meta",
    "RolePermission",
    "SavedView",
    "Setting",
    "StageChange",
    "Tag",
    "Task",
    "User",
]
