"""What the customer services take and return: plain dataclasses, no ORM objects, no Qt.

Phone and ID numbers in every returned row are masked (`138****8000`) unless the caller
asked for a reveal, which needs `Perm.CUSTOMER_REVEAL` and is audited.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any


@dataclass
class PersonInput:
    """A contact person of an enterprise or institution customer.

    `id` is the stored person's id (`PersonRow.id`) when a form edits one, None for a
    person added now: an update matches stored people by id, never by place, so a
    masked phone sent back as `None` stays with its own person.
    """

    name: str
    title: str = ""
    phone: str | None = ""
    id: str | None = None


@dataclass
class CustomerInput:
    """A customer as a form or an import enters it: raw text, validated by the service.

    On update, `None` in a masked field (`id_number`, `mobile`, `landline`) keeps the stored
    value: a clerk who never saw the number in clear cannot overwrite it by accident.
    """

    customer_type: str
    name: str
    gender: str | None = None
    birthday: date | None = None
    id_number: str | None = ""
    mobile: str | None = ""
    landline: str | None = ""
    email: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    postal_code: str = ""
    industry: str = ""
    company: str = ""
    source_channel: str = ""
    owner_id: str | None = None
    department: str = ""
    tier: str = "normal"
    stage: str = "prospect"
    needs: str = ""
    notes: str = ""
    tag_ids: list[str] = field(default_factory=list)
    people: list[PersonInput] = field(default_factory=list)


@dataclass(frozen=True)
class TagRef:
    id: str
    tag_group: str
    name: str
    color: str = ""
    active: bool = True  # a retired tag is kept on customers but no longer offered


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    title: str
    phone: str  # masked unless revealed


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str
    mime_type: str
    size: int
    created_at: datetime


@dataclass(frozen=True)
class StageChangeRow:
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    by_name: str


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list (masked)."""

    id: str
    number: str
    name: str
    customer_type: str
    tier: str
    stage: str
    mobile: str
    landline: str
    province: str
    city: str
    district: str
    address: str
    company: str
    industry: str
    owner_id: str | None
    owner_name: str
    created_at: datetime
    last_activity_at: datetime | None
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class CustomerDetail:
    """Everything the profile page and the edit form show of one customer."""

    id: str
    number: str
    customer_type: str
    name: str
    gender: str | None
    birthday: date | None
    id_number: str
    mobile: str
    landline: str
    email: str
    province: str
    city: str
    district: str
    address: str
    postal_code: str
    industry: str
    company: str
    source_channel: str
    owner_id: str | None
    owner_name: str
    department: str
    tier: str
    stage: str
    stage_changed_at: datetime | None
    needs: str
    notes: str
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime | None
    deleted_at: datetime | None
    merged_into: str | None
    tags: list[TagRef]
    people: list[PersonRow]
    attachments: list[AttachmentInfo]
    stage_history: list[StageChangeRow]
    revealed: bool  # True when phone and ID numbers above are in clear
    # Without the reveal permission `birthday` is None and this shows month and day
    # (`****-03-15`): the year with them would give the birth date the ID mask hides.
    birthday_masked: str = ""


@dataclass(frozen=True)
class CustomerFilters:
    """The list's search box and filters; saved as a named view (`to_json`/`from_json`).

    `activity`: None (any), "active" (activity in the last 90 days), "dormant" (none for
    90+ days) or "never" (no activity recorded). `in_recycle_bin` lists deleted customers.
    """

    query: str = ""
    customer_type: str | None = None
    tier: str | None = None
    stage: str | None = None
    tag_id: str | None = None
    owner_id: str | None = None
    industry: str | None = None
    activity: str | None = None
    district: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    in_recycle_bin: bool = False

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("created_from", "created_to"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerFilters:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("created_from", "created_to"):
            if isinstance(values.get(key), str):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


# Columns the list can sort by (CustomerRow field names).
SORTABLE = ("number", "name", "customer_type", "tier", "stage", "district", "company",
            "industry", "owner_name", "created_at", "last_activity_at")


@dataclass(frozen=True)
class Sort:
    column: str = "created_at"
    descending: bool = True


@dataclass(frozen=True)
class Page:
    rows: list[CustomerRow]
    # Opaque keyset cursor for the next page; None when this page is the last.
    next_cursor: Any | None


@dataclass(frozen=True)
class Count:
    """Matches counted up to a cap: `exact` is False when there are more than `value`."""

    value: int
    exact: bool

    def label(self) -> str:
        return str(self.value) if self.exact else f"{self.value}+"


@dataclass(frozen=True)
class SavedViewRow:
    id: str
    name: str
    filters: CustomerFilters


@dataclass(frozen=True)
class DuplicateCandidate:
    """Another customer that may be the same person or organisation, and why."""

    customer: CustomerRow
    reasons: list[str]  # e.g. ["same_mobile", "same_id_number", "similar_name_address"]


@dataclass(frozen=True)
class DuplicatePair:
    a: CustomerRow
    b: CustomerRow
    reasons: list[str]


@dataclass(frozen=True)
class MergeField:
    """One field of two customers about to be merged, as the merge dialog shows it.

    `kept` and `merged` are the values shown (phone and ID numbers masked, the gender
    as its code, a date as YYYY-MM-DD, the owner by name); `differs` compares the
    stored values, so two numbers with the same mask still count as different.
    """

    field: str
    label: str
    kept: str
    merged: str
    differs: bool


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    merged_id: str
    moved: dict[str, int]  # related table -> rows moved to the kept customer
    # related table -> rows of the merged customer removed instead (e.g. a second birthday)
    dropped: dict[str, int] = field(default_factory=dict)
