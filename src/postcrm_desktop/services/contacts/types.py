"""What the contact, task and care services take and return: plain dataclasses, no ORM.

Instants are aware UTC datetimes; a screen shows them with `.astimezone(local zone)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Notice:
    """Something accepted but worth showing (a due date in the past): `code` is stable
    for code, `message` is the Chinese text, `field` the input it is about."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class Cursor:
    """Keyset position of a page: the sort value and id of the last row shown."""

    at: datetime
    id: str


# --- contacts ---------------------------------------------------------------------------


@dataclass
class ContactInput:
    """A contact as the form enters it.

    `at` None means now. `owner_id` None means the acting user. `next_due` is an instant
    or a local date (then 09:00 local that day); with `next_step` it becomes a reminder
    task. `attachments` are `(filename, content)` pairs. `complete_task_ids` None
    completes the customer's open rule tasks of the same channel; a list completes
    exactly those tasks (of this customer); [] completes none.
    """

    customer_id: str
    channel: str
    content: str
    at: datetime | None = None
    feedback: str = ""
    person: str = ""
    owner_id: str | None = None
    next_step: str = ""
    next_due: datetime | date | None = None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    complete_task_ids: list[str] | None = None


@dataclass(frozen=True)
class ContactResult:
    id: str
    task_id: str | None  # the reminder made from the next step
    completed_task_ids: list[str]
    attachment_ids: list[str]
    notices: list[Notice]

    @property
    def due_in_past(self) -> bool:
        return any(n.code == "next_due_in_past" for n in self.notices)


@dataclass(frozen=True)
class ContactRow:
    id: str
    customer_id: str
    customer_name: str
    customer_number: str
    at: datetime
    channel: str
    channel_label: str
    owner_id: str | None
    owner_name: str
    person: str
    content: str
    feedback: str
    next_step: str
    next_due_at: datetime | None
    task_id: str | None
    task_status: str | None
    attachments: int


@dataclass(frozen=True)
class ContactFilters:
    """Contacts page filters. `since`/`until` bound `at` as `[since, until)` (aware; build
    them from local days with `core.local_time.day_bounds`). `text` matches content,
    feedback, next step or the person spoken to."""

    customer_id: str | None = None
    owner_id: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""


@dataclass(frozen=True)
class ContactPage:
    rows: list[ContactRow]
    next_cursor: Cursor | None  # None: this was the last page


@dataclass(frozen=True)
class StatLine:
    """Counts for one owner or channel over a period.

    `next_steps` contacts set a next step due in the period's contacts; of them
    `on_time` were done by their due time, `late` after it, `pending` not yet done
    (`overdue` of those are past due).
    """

    key: str
    label: str
    contacts: int
    customers: int
    next_steps: int
    on_time: int
    late: int
    pending: int
    overdue: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.next_steps if self.next_steps else None


@dataclass(frozen=True)
class ContactStats:
    since: datetime
    until: datetime
    total: StatLine
    by_owner: list[StatLine]
    by_channel: list[StatLine]


# --- tasks ------------------------------------------------------------------------------


@dataclass
class TaskInput:
    """A task by hand. `due` is an instant or a local date (09:00 local that day);
    `assigned_to` None means the customer's owner, else the acting user."""

    customer_id: str
    title: str
    due: datetime | date
    note: str = ""
    channel: str | None = None
    assigned_to: str | None = None


@dataclass(frozen=True)
class TaskRow:
    id: str
    customer_id: str
    customer_name: str
    customer_number: str
    title: str
    note: str
    channel: str | None
    due_at: datetime
    source: str
    rule_id: str | None
    assigned_to: str | None
    assigned_name: str
    status: str
    done_at: datetime | None
    created_at: datetime

    def overdue(self, now: datetime) -> bool:
        return self.status == "open" and self.due_at < now


@dataclass(frozen=True)
class TaskResult:
    id: str
    notices: list[Notice]


@dataclass(frozen=True)
class TaskFilters:
    """`status` None lists every status; `due_before`/`due_from` bound `due_at`."""

    customer_id: str | None = None
    assigned_to: str | None = None
    status: str | None = "open"
    due_from: datetime | None = None
    due_before: datetime | None = None


@dataclass(frozen=True)
class TaskPage:
    rows: list[TaskRow]
    next_cursor: Cursor | None


# --- follow-up rules --------------------------------------------------------------------


@dataclass
class RuleInput:
    stage: str
    mode: str  # "every" or "within"
    days: int
    channel: str
    title: str
    description: str = ""
    start_after_days: int = 0
    active: bool = True


@dataclass(frozen=True)
class RuleRow:
    id: str
    stage: str
    mode: str
    days: int
    start_after_days: int
    channel: str
    title: str
    description: str
    active: bool
    summary: str  # one Chinese sentence: 潜在客户：每7天电话联系


@dataclass(frozen=True)
class ApplyResult:
    created: int
    by_rule: dict[str, int]  # rule id -> tasks created


# --- care dates -------------------------------------------------------------------------


@dataclass
class CareDateInput:
    """A yearly date. `calendar` "solar" or "lunar"; `leap` for a lunar leap month;
    `year` optional (birth year, start of cooperation)."""

    customer_id: str
    kind: str
    month: int
    day: int
    calendar: str = "solar"
    leap: bool = False
    year: int | None = None
    label: str = ""


@dataclass(frozen=True)
class CareDateRow:
    id: str
    customer_id: str
    kind: str
    calendar: str
    month: int
    day: int
    leap: bool
    year: int | None
    label: str
    date_text: str  # 3月8日 / 农历八月十五
    next_date: date | None


@dataclass(frozen=True)
class CareItem:
    """One care date falling on a solar day (upcoming list, care calendar, workbench)."""

    care_date_id: str
    customer_id: str
    customer_name: str
    customer_number: str
    customer_tier: str
    owner_id: str | None
    kind: str
    kind_label: str
    calendar: str
    date_text: str
    on: date
    years: int | None  # age or number of years, when the first year is known
    label: str


# --- greetings --------------------------------------------------------------------------


@dataclass
class TemplateInput:
    name: str
    body: str
    kind: str | None = None  # None: any kind of date
    active: bool = True


@dataclass(frozen=True)
class TemplateRow:
    id: str
    name: str
    kind: str | None
    body: str
    active: bool


@dataclass(frozen=True)
class GreetingLine:
    """A greeting ready to copy or to send by SMS. `mobile` is masked unless the list was
    made for export (needs the reveal and export permissions; audited)."""

    customer_id: str
    customer_name: str
    mobile: str
    on: date
    care_date_id: str | None
    text: str


__all__ = [
    "ApplyResult",
    "CareDateInput",
    "CareDateRow",
    "CareItem",
    "ContactFilters",
    "ContactInput",
    "ContactPage",
    "ContactResult",
    "ContactRow",
    "ContactStats",
    "Cursor",
    "GreetingLine",
    "Notice",
    "RuleInput",
    "RuleRow",
    "StatLine",
    "TaskFilters",
    "TaskInput",
    "TaskPage",
    "TaskResult",
    "TaskRow",
    "TemplateInput",
    "TemplateRow",
]
