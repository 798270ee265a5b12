"""What the complaint services take and return: plain dataclasses, no ORM objects, no Qt.

Rows carry codes (`status="in_progress"`, `priority="urgent"`); turn them into labels
with the enums of `core.complaint_enums` (`Status(row.status).label`). Categories are
data, so rows carry the category's name as well as its code. Times are aware UTC; show
them with `core.sla.format_local` and recompute the visible clock from `due_at` with
`core.sla.clock_text` (the `clock` text in a row is a snapshot at the time of reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from postcrm_desktop.services.customers.types import AttachmentInfo


@dataclass
class ComplaintInput:
    """A complaint or service request as the intake form enters it (raw text, validated
    by the service). `priority=None` takes the default of the customer's tier;
    `received_at=None` means now (a complaint taken by phone earlier may be dated back up
    to `MAX_BACKDATE_DAYS`); `assignee_id` assigns it in the same step."""

    customer_id: str
    complaint_type: str
    category: str
    description: str
    channel: str = "counter"
    priority: str | None = None
    waybill_no: str = ""
    received_at: datetime | None = None
    assignee_id: str | None = None


@dataclass
class ComplaintEdit:
    """Corrections to a complaint that is not closed; `None` keeps a field as it is."""

    complaint_type: str | None = None
    category: str | None = None
    channel: str | None = None
    description: str | None = None
    waybill_no: str | None = None


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaint list."""

    id: str
    number: str
    customer_id: str
    customer_number: str
    customer_name: str
    customer_tier: str
    complaint_type: str
    category: str
    category_name: str
    priority: str
    channel: str
    status: str
    assignee_id: str | None
    assignee_name: str
    received_at: datetime
    due_at: datetime
    overdue: bool  # open and past its deadline at the time of reading
    clock: str  # "剩余 5小时12分钟" / "已超时 2天3小时" / "" once resolved
    resolved_at: datetime | None
    on_time: bool | None  # resolved by the deadline; None while unresolved
    satisfaction: int | None
    escalated: bool
    waybill_no: str
    summary: str  # the start of the description


@dataclass(frozen=True)
class ComplaintEventRow:
    """One step of a complaint's history."""

    id: str
    action: str  # created/assign/reassign/start/resolve/revisit/close/reopen/priority/...
    action_label: str
    from_status: str | None
    to_status: str | None
    by_id: str | None
    by_name: str
    at: datetime
    note: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class ComplaintDetail:
    """Everything the complaint page shows, with its history oldest first."""

    row: ComplaintRow
    description: str
    priority_floor: str
    sla_mode: str
    responded_at: datetime | None
    resolution: str
    revisited_at: datetime | None
    revisit_comment: str
    closed_at: datetime | None
    reopen_count: int
    escalated_at: datetime | None
    escalation_note: str
    created_at: datetime
    created_by_name: str
    history: list[ComplaintEventRow]
    attachments: list[AttachmentInfo]
    # Workflow actions the complaint's status allows now (`core.complaint_workflow.Action`
    # codes), for the buttons; permissions are checked again when one is used.
    allowed_actions: list[str]
    editable: bool  # False once closed


@dataclass(frozen=True)
class ComplaintFilters:
    """The list's filters. `statuses` empty means every status; `open_only` keeps new,
    assigned and in-progress; `overdue_only` keeps open ones past their deadline.
    `query` matches the complaint number, waybill number, customer number or name, or
    words of the description."""

    query: str = ""
    statuses: tuple[str, ...] = ()
    open_only: bool = False
    overdue_only: bool = False
    priority: str | None = None
    category: str | None = None
    complaint_type: str | None = None
    assignee_id: str | None = None
    customer_id: str | None = None
    escalated: bool | None = None
    received_from: date | None = None  # local dates, inclusive
    received_to: date | None = None


@dataclass(frozen=True)
class ComplaintCursor:
    """Keyset position: open complaints come first by deadline (overdue first), then
    the others, newest first."""

    group: int  # 0 open, 1 resolved or later (unused under a column sort)
    key: Any  # the due or received time; under a column sort, that column's sort value
    id: str
    # The column sort the cursor belongs to, (column, descending); None: overdue first.
    sort: tuple[str, bool] | None = None


@dataclass(frozen=True)
class ComplaintPage:
    rows: list[ComplaintRow]
    next_cursor: ComplaintCursor | None  # None on the last page


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    name_en: str
    position: int
    active: bool


@dataclass(frozen=True)
class UserChoice:
    """A user a complaint can be assigned to."""

    id: str
    display_name: str
    username: str
    department: str


@dataclass(frozen=True)
class NearDeadline:
    """An open complaint due within the look-ahead, or already overdue (workbench)."""

    complaint_id: str
    number: str
    customer_id: str
    customer_name: str
    customer_number: str
    priority: str
    status: str
    category_name: str
    due_at: datetime
    overdue: bool
    assignee_id: str | None
    summary: str = ""
