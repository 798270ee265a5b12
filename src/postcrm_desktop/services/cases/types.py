"""What the case library services take and return: plain dataclasses, no ORM, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class CaseInput:
    """A case as the editor enters it (raw text, validated by the service).

    `category`: a complaint category's code or name. `tags`: keywords, as a sequence or
    one text separated by commas, 、, spaces or new lines. `source_complaint_id`: the
    complaint the case is drafted from (only when creating)."""

    title: str
    category: str
    problem: str
    solution: str
    cause: str = ""
    tags: str | tuple[str, ...] | list[str] = ()
    source_complaint_id: str | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list (or of the suggestions)."""

    id: str
    title: str
    category: str
    category_name: str
    tags: tuple[str, ...]
    origin: str  # local / hq
    published_by: str
    active: bool
    updated_at: datetime
    summary: str  # the start of the problem
    editable: bool  # the viewer may change it (a local case and `cases.edit`)
    source_complaint_id: str | None = None


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    problem: str
    cause: str
    solution: str
    source_complaint_number: str
    created_at: datetime
    created_by_name: str
    updated_by_name: str
    retired_at: datetime | None


@dataclass(frozen=True)
class CaseDraft:
    """A case drafted from a resolved complaint, customer data taken out, for the editor."""

    input: CaseInput
    complaint_number: str
    removed: int = 0  # how many pieces of customer data were taken out
    notes: tuple[str, ...] = field(default_factory=tuple)
