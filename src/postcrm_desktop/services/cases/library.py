"""Writing the case library: cases by hand, drafts from resolved complaints, edits, retiring.

Everyone may read cases (`search`); writing needs `cases.edit` (branch admins and account
managers by default). Cases HQ published (`origin="hq"`) are read-only at the branch.
No case text may carry customer data: numbers that look like phones, ID or waybill
numbers and e-mail addresses are refused in every case, and a case drafted from a
complaint is checked against that complaint's customer (name, contact people, address,
company, waybill) again when saved, whatever the editor typed in between.

Every write is one transaction with an audit row (ids and codes, never the texts); the
change log records the row (cases travel in sync) and announces entity `case`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.case_scrub import personal_data_in, scrub
from postcrm_desktop.core.complaint_enums import Status
from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError, ValidationErrors
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.search_text import compact_name, normalize_name
from postcrm_desktop.core.sla import require_aware
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.cases.types import CaseDetail, CaseDraft, CaseInput, CaseRow
from postcrm_desktop.services.complaints.categories import category_names, resolve_category
from postcrm_desktop.services.complaints.rows import require_seen, summary
from postcrm_desktop.services.customers.rows import owner_names
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.case_index import split_tags
from postcrm_desktop.store.models.cases import ORIGIN_HQ, ORIGIN_LOCAL, Case
from postcrm_desktop.store.models.complaints import Complaint
from postcrm_desktop.store.models.customers import Customer, CustomerPerson
from postcrm_desktop.store.types import utcnow

ENTITY = Case.__entity__
MAX_TITLE = 80
MAX_TEXT = 2000
MAX_TAGS = 10
MAX_TAG = 16
DRAFT_TITLE = 30
# Statuses whose complaint has an answer worth keeping.
CONVERTIBLE = frozenset({Status.RESOLVED, Status.REVISITED, Status.CLOSED})

HQ_READ_ONLY = "总部发布的案例在网点只读，不能修改或停用"
_AUDIT_FIELDS = {"title": "case_title", "tags": "case_tags"}
_TAG_SPLIT = re.compile(r"[,，、;；\s]+")
_LABELS = {"title": "标题", "category": "问题分类", "problem": "问题描述", "cause": "原因",
           "solution": "解决方案", "tags": "标签"}


# -- customer data ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """The words of one complaint's customer that must not reach a case."""

    people: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    other: tuple[str, ...] = ()

    def args(self) -> dict[str, tuple[str, ...]]:
        return {"people": self.people, "names": self.names, "other": self.other}


def _known(s: Session, complaint: Complaint) -> _Known:
    customer = s.get(Customer, complaint.customer_id)
    if customer is None:  # pragma: no cover - the foreign key keeps it
        return _Known(other=(complaint.waybill_no,))
    people = list(s.execute(select(CustomerPerson.name)
                            .where(CustomerPerson.customer_id == customer.id)).scalars())
    names: list[str] = [customer.company]
    if customer.customer_type == "individual":
        people.insert(0, customer.name)
    else:
        names.insert(0, customer.name)
    full_address = f"{customer.province}{customer.city}{customer.district}{customer.address}"
    other = (customer.address, full_address, customer.number, customer.id_number or "",
             customer.mobile or "", customer.landline or "", customer.email or "",
             complaint.waybill_no)
    # Names as stored and as people type them: without the middle dot (买买提艾力) too.
    people = [form for p in people for form in (p, normalize_name(p), compact_name(p))]
    names = [form for n in names for form in (n, normalize_name(n))]
    return _Known(tuple(dict.fromkeys(p for p in people if p)),
                  tuple(dict.fromkeys(n for n in names if n)),
                  tuple(o for o in other if o and len(o) >= 4))


# -- checking input -----------------------------------------------------------------------


def clean_tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        raise ValidationError("tags", "标签格式不正确")
    out: list[str] = []
    for item in items:
        tag = clean_text(item, "tags", MAX_TAG, label="每个标签")
        if tag and tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise ValidationError("tags", f"标签最多{MAX_TAGS}个")
    return tuple(out)


def _personal_message(label: str, kinds: set[str]) -> str:
    if kinds & {"name"}:
        return f"{label}含有该投诉客户的姓名或称呼，请改为“客户”"
    if kinds & {"known"}:
        return f"{label}含有该投诉客户的地址、编号或邮件号，请删除"
    return f"{label}含有像电话、证件号或邮件号的号码（或电子邮箱），案例不能带客户信息，请删除"


@dataclass(frozen=True)
class _Clean:
    title: str
    category: str
    problem: str
    cause: str
    solution: str
    tags: tuple[str, ...]


def _check(s: Session, data: CaseInput, known: _Known, *, keep_category: str | None = None
           ) -> _Clean:
    """Every field checked; all wrong fields reported together (`ValidationErrors`)."""
    errors: list[ValidationError] = []
    values: dict[str, Any] = {}

    def field(name: str, check: Any) -> None:
        try:
            values[name] = check()
        except ValidationError as exc:
            errors.append(exc)

    def text(name: str, limit: int, *, required: bool, multiline: bool = True) -> Any:
        def run() -> str:
            value = clean_text(getattr(data, name), name, limit, multiline=multiline,
                               label=_LABELS[name])
            if required and not value:
                raise ValidationError(name, f"请填写{_LABELS[name]}")
            return value
        return run

    field("title", text("title", MAX_TITLE, required=True, multiline=False))
    field("problem", text("problem", MAX_TEXT, required=True))
    field("cause", text("cause", MAX_TEXT, required=False))
    field("solution", text("solution", MAX_TEXT, required=True))
    field("tags", lambda: clean_tags(data.tags))

    def category() -> str:
        value = (data.category or "").strip()
        if keep_category is not None and value in (keep_category,
                                                   category_names(s).get(keep_category)):
            return keep_category  # a category retired since keeps its cases
        return resolve_category(s, value)

    field("category", category)
    for name in ("title", "problem", "cause", "solution", "tags"):
        if name not in values:
            continue
        value = values[name]
        texts = value if isinstance(value, tuple) else (value,)
        kinds = {f.kind for t in texts for f in personal_data_in(t, **known.args())}
        if kinds:
            errors.append(ValidationError(name, _personal_message(_LABELS[name], kinds)))
    if errors:
        order = list(_LABELS)
        errors.sort(key=lambda e: order.index(e.field) if e.field in order else len(order))
        raise ValidationErrors(errors)
    return _Clean(**values)


# -- rows ---------------------------------------------------------------------------------


def can_edit(branch: Branch, case: Any) -> bool:
    return case.origin == ORIGIN_LOCAL and branch.actor.can(Perm.CASES_EDIT)


def case_row(branch: Branch, c: Any, categories: dict[str, str]) -> CaseRow:
    """The list row of a case (a `Case`, or a row with its columns and the problem's start)."""
    return CaseRow(
        id=c.id, title=c.title, category=c.category,
        category_name=categories.get(c.category, c.category), tags=tuple(split_tags(c.tags)),
        origin=c.origin, published_by=c.published_by, active=bool(c.active),
        updated_at=c.updated_at, summary=summary(c.problem), editable=can_edit(branch, c),
        source_complaint_id=c.source_complaint_id)


def _get(s: Session, case_id: str) -> Case:
    c = s.get(Case, case_id)
    if c is None:
        raise NotFound("案例不存在")
    return c


def _writable(branch: Branch, c: Case) -> None:
    if c.origin != ORIGIN_LOCAL:
        raise Conflict(HQ_READ_ONLY)


def _audit(s: Session, branch: Branch, action: str, c: Case,
           detail: dict[str, Any] | None = None) -> None:
    audit.append(s, action, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity=ENTITY, entity_id=c.id,
                 detail={"category": c.category, **(detail or {})})


def _complaint(s: Session, branch: Branch, complaint_id: str) -> Complaint:
    complaint = s.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("投诉不存在")
    customer = s.get(Customer, complaint.customer_id)
    if customer is not None:
        require_seen(branch.actor, complaint, customer)
    if Status(complaint.status) not in CONVERTIBLE:
        raise Conflict("只有已解决、已回访或已关闭的投诉可以转为案例")
    return complaint


def _existing(s: Session, complaint_id: str) -> str | None:
    return s.execute(select(Case.id).where(Case.source_complaint_id == complaint_id)
                     .limit(1)).scalar()


# -- services -----------------------------------------------------------------------------


def get_case(branch: Branch, case_id: str) -> CaseDetail:
    with branch.session() as s, reading(s):
        c = _get(s, case_id)
        names = owner_names(s, (c.created_by, c.updated_by))
        number = ""
        if c.source_complaint_id:
            number = s.execute(select(Complaint.number).where(
                Complaint.id == c.source_complaint_id)).scalar() or ""
        return CaseDetail(
            row=case_row(branch, c, category_names(s)), problem=c.problem, cause=c.cause,
            solution=c.solution, source_complaint_number=number, created_at=c.created_at,
            created_by_name=names.get(c.created_by or "", ""),
            updated_by_name=names.get(c.updated_by or "", ""), retired_at=c.retired_at)


def case_of_complaint(branch: Branch, complaint_id: str) -> str | None:
    """The id of the case drafted from this complaint, if one was saved."""
    with branch.session() as s, reading(s):
        return _existing(s, complaint_id)


def draft_from_complaint(branch: Branch, complaint_id: str) -> CaseDraft:
    """A case drafted from a resolved (or revisited, or closed) complaint for the editor:
    its category, its description as the problem and its resolution as the solution, with
    the customer's name, contact people, address, numbers and the waybill taken out.
    Nothing is saved until `create_case`."""
    branch.actor.require(Perm.CASES_EDIT)
    with branch.session() as s, reading(s):
        complaint = _complaint(s, branch, complaint_id)
        if _existing(s, complaint_id):
            raise Conflict(f"投诉 {complaint.number} 已转为案例，可在案例库中打开修改")
        known = _known(s, complaint)
        texts = (complaint.description or "", complaint.resolution or "")
        removed = sum(len(personal_data_in(t, **known.args())) for t in texts)
        problem, solution = (scrub(t, **known.args()) for t in texts)
        # The first clause of the description: short enough to scan in a list.
        first = re.split(r"[。！？!?\n，,；;]", problem.strip(), maxsplit=1)[0].strip()
        title = first if len(first) <= DRAFT_TITLE else first[:DRAFT_TITLE - 1] + "…"
        data = CaseInput(title=title, category=complaint.category, problem=problem,
                         solution=solution, cause="", tags=(),
                         source_complaint_id=complaint.id)
        return CaseDraft(data, complaint.number, removed)


def create_case(branch: Branch, data: CaseInput) -> str:
    """Save a new case of this branch (by hand, or a draft from a complaint); its id."""
    branch.actor.require(Perm.CASES_EDIT)
    with branch.session() as s, transaction(s, branch.actor):
        known = _Known()
        complaint = None
        if data.source_complaint_id:
            complaint = _complaint(s, branch, data.source_complaint_id)
            if _existing(s, complaint.id):
                raise Conflict(f"投诉 {complaint.number} 已转为案例")
            known = _known(s, complaint)
        clean = _check(s, data, known)
        c = Case(title=clean.title, category=clean.category, problem=clean.problem,
                 cause=clean.cause, solution=clean.solution, tags="\n".join(clean.tags),
                 origin=ORIGIN_LOCAL, published_by="", active=True,
                 source_complaint_id=complaint.id if complaint else None)
        s.add(c)
        s.flush()
        _audit(s, branch, "case.created", c,
               {"complaint": complaint.number} if complaint else None)
        return c.id


def update_case(branch: Branch, case_id: str, data: CaseInput) -> None:
    """Replace a local case's texts, category and tags (`source_complaint_id` is kept)."""
    branch.actor.require(Perm.CASES_EDIT)
    with branch.session() as s, transaction(s, branch.actor):
        c = _get(s, case_id)
        _writable(branch, c)
        known = _Known()
        if c.source_complaint_id:
            complaint = s.get(Complaint, c.source_complaint_id)
            if complaint is not None:
                known = _known(s, complaint)
        clean = _check(s, data, known, keep_category=c.category)
        changed = []
        for name, value in (("title", clean.title), ("category", clean.category),
                            ("problem", clean.problem), ("cause", clean.cause),
                            ("solution", clean.solution), ("tags", "\n".join(clean.tags))):
            if getattr(c, name) != value:
                setattr(c, name, value)
                changed.append(name)
        if changed:
            s.flush()
            # Field names of their own: `title` and `tags` mean other things for customers.
            named = [_AUDIT_FIELDS.get(name, name) for name in changed]
            _audit(s, branch, "case.edited", c, {"fields": named})


def set_case_active(branch: Branch, case_id: str, active: bool, *,
                    now: datetime | None = None) -> None:
    """Retire a local case (kept, hidden from suggestions and the default list) or bring
    it back."""
    branch.actor.require(Perm.CASES_EDIT)
    at = require_aware(now, "now") if now is not None else utcnow()
    with branch.session() as s, transaction(s, branch.actor):
        c = _get(s, case_id)
        _writable(branch, c)
        if bool(c.active) == active:
            return
        c.active = active
        c.retired_at = None if active else at
        s.flush()
        _audit(s, branch, "case.restored" if active else "case.retired", c)


def retire_case(branch: Branch, case_id: str, *, now: datetime | None = None) -> None:
    set_case_active(branch, case_id, False, now=now)


def restore_case(branch: Branch, case_id: str) -> None:
    set_case_active(branch, case_id, True)


__all__ = [
    "CONVERTIBLE",
    "HQ_READ_ONLY",
    "ORIGIN_HQ",
    "ORIGIN_LOCAL",
    "can_edit",
    "case_of_complaint",
    "case_row",
    "clean_tags",
    "create_case",
    "draft_from_complaint",
    "get_case",
    "restore_case",
    "retire_case",
    "set_case_active",
    "update_case",
]
