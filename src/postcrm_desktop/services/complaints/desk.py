"""The complaint desk: intake, corrections, priority, assignment, workflow, escalation.

Permissions: reading needs `customer.view` and a customer the actor may see (or the
complaint assigned to them); every write needs `complaint.edit`; assigning to someone
else, escalating to head office and lowering a priority below the customer tier's
default need `complaint.manage`.

Every write is one transaction with an audit row (ids and codes, never the texts, which
may name people) and an entry in the complaint's append-only history; the change log
records every row through the ORM hook. A closed complaint refuses every change except
`reopen`.

`now` parameters exist for tests and demo fills; the UI leaves them unset.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.complaint_enums import (
    Channel,
    ComplaintType,
    Priority,
    Status,
    parse_choice,
)
from postcrm_desktop.core.complaint_workflow import (
    ACTIONS,
    Action,
    action_for,
    allowed_actions,
    check_requirements,
    check_score,
    check_transition,
)
from postcrm_desktop.core.customer_enums import Tier
from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import require_aware
from postcrm_desktop.core.waybill import clean_waybill
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.auth import load_permissions
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.categories import category_names, resolve_category
from postcrm_desktop.services.complaints.numbering import allocate_numbers
from postcrm_desktop.services.complaints.policy import due_at, load_policy
from postcrm_desktop.services.complaints.rows import complaint_row, require_seen, user_names
from postcrm_desktop.services.complaints.types import (
    ComplaintDetail,
    ComplaintEdit,
    ComplaintEventRow,
    ComplaintInput,
    UserChoice,
)
from postcrm_desktop.services.complaints.workdays import load_calendar
from postcrm_desktop.services.customers import attachments as attachment_service
from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.complaints import Complaint, ComplaintEvent
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import User
from postcrm_desktop.store.types import utcnow

ENTITY = Complaint.__entity__
MAX_DESCRIPTION = 2000
MAX_NOTE = 1000
MAX_BACKDATE_DAYS = 30
CLOCK_SKEW = timedelta(minutes=5)

CLOSED_MESSAGE = "投诉已关闭，不能修改；如需继续处理，请先重新打开"

# History actions that are not workflow steps, with their labels.
EVENT_LABELS: dict[str, str] = {
    "created": "受理",
    "edited": "修改",
    "priority": "调整优先级",
    "reassign": "改派",
    "note": "处理记录",
    "escalated": "上报总部",
    "escalation_cancelled": "撤销上报",
    **{str(a): a.label for a in Action},
}


# --- shared pieces -------------------------------------------------------------------

def _clock(now: datetime | None) -> datetime:
    return require_aware(now, "now") if now is not None else utcnow()


def _audit(s: Session, branch: Branch, action: str, c: Complaint,
           detail: dict[str, Any] | None = None) -> None:
    audit.append(s, action, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity=ENTITY, entity_id=c.id, detail={"number": c.number, **(detail or {})})


def _event(s: Session, branch: Branch, c: Complaint, action: str, at: datetime, *,
           from_status: str | None = None, to_status: str | None = None, note: str = "",
           detail: dict[str, Any] | None = None) -> None:
    s.add(ComplaintEvent(complaint_id=c.id, action=action, from_status=from_status,
                         to_status=to_status, by_id=branch.actor.user_id, at=at, note=note,
                         detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))


def _load(s: Session, branch: Branch, complaint_id: str, *, write: bool
          ) -> tuple[Complaint, Customer]:
    c = s.get(Complaint, complaint_id)
    if c is None:
        raise NotFound("投诉不存在")
    customer = s.get(Customer, c.customer_id)
    if customer is None:  # pragma: no cover - the foreign key keeps it
        raise NotFound("投诉所属的客户不存在")
    require_seen(branch.actor, c, customer)
    if customer.deleted_at is not None:
        if write:
            raise Conflict("该投诉的客户在回收站中，请先恢复客户")
        raise NotFound("该投诉的客户在回收站中")
    return c, customer


def _not_closed(c: Complaint) -> None:
    if c.status == Status.CLOSED:
        raise Conflict(CLOSED_MESSAGE)


@contextmanager
def _writing(branch: Branch, complaint_id: str, *, closed_ok: bool = False
             ) -> Iterator[tuple[Session, Complaint]]:
    """One write transaction on a complaint the user may see; a closed one is refused
    unless `closed_ok` (a workflow step checks its own start)."""
    with branch.session() as s, transaction(s, branch.actor):
        c, _customer = _load(s, branch, complaint_id, write=True)
        if not closed_ok:
            _not_closed(c)
        yield s, c


def _text(value: Any, field: str, max_len: int, label: str, *, required: bool = False) -> str:
    text = clean_text(value, field, max_len, multiline=True, label=label)
    if required and not text:
        raise ValidationError(field, f"请填写{label}")
    return text


def _check_assignee(s: Session, actor: Actor, assignee_id: str) -> User:
    """The user a complaint goes to: active, allowed to handle complaints; assigning to
    someone other than oneself needs `complaint.manage`."""
    if assignee_id != actor.user_id and not actor.can(Perm.COMPLAINT_MANAGE):
        raise PermissionDenied(str(Perm.COMPLAINT_MANAGE),
                               "只能认领给自己；把投诉分派给他人需要投诉管理权限")
    user = s.get(User, assignee_id) if assignee_id else None
    if user is None:
        raise ValidationError("assignee_id", "请选择处理人")
    if not user.active:
        raise ValidationError("assignee_id", f"用户 {user.username} 已停用，不能分派")
    if str(Perm.COMPLAINT_EDIT) not in load_permissions(s, user.role):
        raise ValidationError("assignee_id", f"用户 {user.username} 的角色不能处理投诉")
    return user


def _step(s: Session, branch: Branch, c: Complaint, action: Action, at: datetime, *,
          note: str = "", resolution: str | None = None, satisfaction: object = None,
          detail: dict[str, Any] | None = None, fields: dict[str, Any] | None = None
          ) -> None:
    """Take workflow step `action` if the complaint's status allows it: set the new
    status and `fields` together (one change-log entry), record who and when."""
    current = Status(c.status)
    target = ACTIONS[action][1]
    check_transition(current, target)
    if action_for(current, target) != action:
        raise Conflict(f"投诉当前为“{current.label}”，不能{action.label}")
    check_requirements(target, resolution=resolution, satisfaction=satisfaction, note=note,
                       current=current)
    c.status = str(target)
    for key, value in (fields or {}).items():
        setattr(c, key, value)
    _event(s, branch, c, str(action), at, from_status=str(current), to_status=str(target),
           note=note, detail=detail)
    _audit(s, branch, "complaint.status_changed", c,
           {"action": str(action), "from": str(current), "to": str(target)})


# --- intake --------------------------------------------------------------------------

def _check_intake(data: ComplaintInput, now: datetime) -> dict[str, Any]:
    """The form's own problems, all at once, before the database is touched."""
    errors: list[ValidationError] = []
    out: dict[str, Any] = {}

    def take(key: str, fn: Any) -> None:
        try:
            out[key] = fn()
        except ValidationError as exc:
            errors.append(exc)

    take("complaint_type", lambda: parse_choice(ComplaintType, data.complaint_type,
                                                "complaint_type"))
    take("channel", lambda: parse_choice(Channel, data.channel, "channel"))
    take("description", lambda: _text(data.description, "description", MAX_DESCRIPTION,
                                      "问题描述", required=True))
    take("waybill_no", lambda: clean_waybill(data.waybill_no))
    if data.priority not in (None, ""):
        take("priority", lambda: parse_choice(Priority, data.priority, "priority"))
    if not (data.customer_id or "").strip():
        errors.append(ValidationError("customer_id", "请选择客户"))
    if not (data.category or "").strip():
        errors.append(ValidationError("category", "请选择问题分类"))
    received = data.received_at or now
    try:
        received = require_aware(received, "received_at")
        if received > now + CLOCK_SKEW:
            raise ValidationError("received_at", "受理时间不能晚于现在")
        if received < now - timedelta(days=MAX_BACKDATE_DAYS):
            raise ValidationError("received_at", f"受理时间不能早于{MAX_BACKDATE_DAYS}天前")
        out["received_at"] = received
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    return out


def create_complaint(branch: Branch, data: ComplaintInput, *,
                     now: datetime | None = None) -> str:
    """Take a complaint or service request; returns its id.

    The priority starts at the customer tier's default (a diamond customer's complaint
    starts urgent); a higher one may be chosen, a lower one only with
    `complaint.manage`. The deadline follows from priority and SLA policy. Raises
    `ValidationErrors` listing every problem of the form at once.
    """
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    values = _check_intake(data, at)
    with branch.session() as s, transaction(s, branch.actor):
        number = allocate_numbers(s, branch.db.info.branch_code)[0]  # first: the write lock
        customer = s.get(Customer, data.customer_id)
        if customer is None:
            raise ValidationErrors([ValidationError("customer_id", "客户不存在")])
        if customer.deleted_at is not None or customer.merged_into:
            raise Conflict("该客户在回收站中或已被合并，不能受理新投诉")
        category = resolve_category(s, data.category)
        policy = load_policy(s)
        floor = policy.default_priority(customer.tier)
        priority: Priority = values.get("priority") or floor
        if priority < floor and not branch.actor.can(Perm.COMPLAINT_MANAGE):
            raise PermissionDenied(
                str(Perm.COMPLAINT_MANAGE),
                f"{Tier(customer.tier).label}客户的投诉优先级不能低于“{floor.label}”"
                "（需要投诉管理权限）")
        c = Complaint(
            number=number, customer_id=customer.id,
            complaint_type=str(values["complaint_type"]), category=category,
            priority=str(priority), priority_floor=str(floor), channel=str(values["channel"]),
            description=values["description"], waybill_no=values["waybill_no"],
            status=str(Status.NEW), received_at=values["received_at"],
            due_at=due_at(policy, priority, values["received_at"], load_calendar(s)),
            sla_mode=str(policy.mode),
            resolution="", revisit_comment="", escalation_note="", reopen_count=0,
            escalated=False,
        )
        # Visibility as for any other complaint of this customer.
        require_seen(branch.actor, c, customer)
        s.add(c)
        s.flush()
        _event(s, branch, c, "created", at, to_status=str(Status.NEW),
               detail={"priority": str(priority), "priority_floor": str(floor),
                       "due_at": c.due_at.isoformat(), "sla_mode": c.sla_mode})
        _audit(s, branch, "complaint.created", c,
               {"customer_id": customer.id, "complaint_type": c.complaint_type,
                "category": category, "priority": c.priority, "channel": c.channel})
        if data.assignee_id:
            user = _check_assignee(s, branch.actor, data.assignee_id)
            _step(s, branch, c, Action.ASSIGN, at, detail={"assignee_id": user.id},
                  fields={"assignee_id": user.id})
        return c.id


# --- corrections and priority ----------------------------------------------------------

def update_complaint(branch: Branch, complaint_id: str, edit: ComplaintEdit, *,
                     now: datetime | None = None) -> list[str]:
    """Correct type, category, channel, description or waybill number; returns the names
    of the fields that changed. Refused once the complaint is closed."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    with _writing(branch, complaint_id) as (s, c):
        errors: list[ValidationError] = []
        new: dict[str, Any] = {}
        checks: dict[str, Any] = {
            "complaint_type": lambda v: str(parse_choice(ComplaintType, v, "complaint_type")),
            "channel": lambda v: str(parse_choice(Channel, v, "channel")),
            "description": lambda v: _text(v, "description", MAX_DESCRIPTION, "问题描述",
                                           required=True),
            "waybill_no": lambda v: clean_waybill(v),
            "category": lambda v: (c.category if v == c.category
                                   else resolve_category(s, v)),
        }
        for key, check in checks.items():
            raw = getattr(edit, key)
            if raw is None:
                continue
            try:
                new[key] = check(raw)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationErrors(errors)
        changed = sorted(k for k, v in new.items() if getattr(c, k) != v)
        if not changed:
            return []
        for key in changed:
            setattr(c, key, new[key])
        _event(s, branch, c, "edited", at, detail={"fields": changed})
        _audit(s, branch, "complaint.edited", c, {"fields": changed})
        return changed


def set_priority(branch: Branch, complaint_id: str, priority: Priority | str, *,
                 reason: str = "", now: datetime | None = None) -> datetime:
    """Change the priority of an open complaint; returns the new deadline.

    The deadline is counted again from when the complaint was received. Raising is
    always allowed; lowering needs a reason, and lowering below the customer tier's
    default needs `complaint.manage`.
    """
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    new = parse_choice(Priority, priority, "priority")
    note = _text(reason, "reason", MAX_NOTE, "调整原因")
    with _writing(branch, complaint_id) as (s, c):
        if not Status(c.status).is_open:
            raise Conflict("投诉已办结，不能再调整优先级；如需继续处理，请先重新打开")
        old, floor = Priority(c.priority), Priority(c.priority_floor)
        if new == old:
            return c.due_at
        if new < old and not note:
            raise ValidationError("reason", "降低优先级时必须说明原因")
        if new < floor and not branch.actor.can(Perm.COMPLAINT_MANAGE):
            raise PermissionDenied(
                str(Perm.COMPLAINT_MANAGE),
                f"该客户等级的投诉优先级不能低于“{floor.label}”（需要投诉管理权限）")
        policy = load_policy(s)
        c.priority = str(new)
        c.due_at = due_at(policy, new, c.received_at, load_calendar(s))
        c.sla_mode = str(policy.mode)
        _event(s, branch, c, "priority", at, note=note,
               detail={"from": str(old), "to": str(new), "due_at": c.due_at.isoformat()})
        _audit(s, branch, "complaint.priority_changed", c, {"from": str(old), "to": str(new)})
        return c.due_at


# --- workflow ------------------------------------------------------------------------

def assign(branch: Branch, complaint_id: str, assignee_id: str, *, note: str = "",
           now: datetime | None = None) -> None:
    """Assign a new complaint (new -> assigned), or hand an assigned or in-progress one to
    someone else. Taking it oneself needs `complaint.edit`, giving it to another user
    `complaint.manage`."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "备注")
    with _writing(branch, complaint_id) as (s, c):
        user = _check_assignee(s, branch.actor, assignee_id)
        if c.status in (Status.ASSIGNED, Status.IN_PROGRESS):
            if c.assignee_id == user.id:
                return
            previous = c.assignee_id
            c.assignee_id = user.id
            _event(s, branch, c, "reassign", at, note=text,
                   detail={"from_assignee_id": previous, "assignee_id": user.id})
            _audit(s, branch, "complaint.reassigned", c,
                   {"from_assignee_id": previous, "assignee_id": user.id})
            return
        _step(s, branch, c, Action.ASSIGN, at, note=text, detail={"assignee_id": user.id},
              fields={"assignee_id": user.id})


def start_work(branch: Branch, complaint_id: str, *, note: str = "",
               now: datetime | None = None) -> None:
    """assigned -> in progress; the first start is the response time."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "备注")
    with _writing(branch, complaint_id, closed_ok=True) as (s, c):
        _step(s, branch, c, Action.START, at, note=text,
              fields={"responded_at": c.responded_at or at})


def resolve(branch: Branch, complaint_id: str, resolution: str, *,
            now: datetime | None = None) -> None:
    """in progress -> resolved; the resolution text is required."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = clean_text(resolution, "resolution", 100_000, multiline=True, label="处理结果")
    with _writing(branch, complaint_id, closed_ok=True) as (s, c):
        _step(s, branch, c, Action.RESOLVE, at, note=text, resolution=text,
              detail={"on_time": at <= c.due_at},
              fields={"resolution": text, "resolved_at": at})


def revisit(branch: Branch, complaint_id: str, satisfaction: int, comment: str = "", *,
            now: datetime | None = None) -> None:
    """resolved -> revisited (回访): the customer's 1-5 satisfaction score and comment."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(comment, "comment", MAX_NOTE, "回访意见")
    with _writing(branch, complaint_id, closed_ok=True) as (s, c):
        check_transition(c.status, Status.REVISITED)
        score = check_score(satisfaction)
        _step(s, branch, c, Action.REVISIT, at, note=text, satisfaction=score,
              detail={"satisfaction": score},
              fields={"satisfaction": score, "revisit_comment": text, "revisited_at": at})


def close(branch: Branch, complaint_id: str, *, note: str = "",
          now: datetime | None = None) -> None:
    """revisited -> closed. A complaint that was not revisited cannot be closed."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "备注")
    with _writing(branch, complaint_id, closed_ok=True) as (s, c):
        _step(s, branch, c, Action.CLOSE, at, note=text, fields={"closed_at": at})


def reopen(branch: Branch, complaint_id: str, reason: str, *,
           now: datetime | None = None) -> datetime:
    """resolved, revisited or closed -> in progress, with a reason; returns the new
    deadline (counted afresh from now). The previous resolution and score stay in the
    history."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(reason, "note", MAX_NOTE, "重新打开原因")
    with _writing(branch, complaint_id, closed_ok=True) as (s, c):
        previous = {"resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
                    "satisfaction": c.satisfaction, "due_at": c.due_at.isoformat()}
        policy = load_policy(s)
        new_due = due_at(policy, c.priority, at, load_calendar(s))
        _step(s, branch, c, Action.REOPEN, at, note=text,
              detail={**previous, "new_due_at": new_due.isoformat()},
              fields={"due_at": new_due, "sla_mode": str(policy.mode), "resolved_at": None,
                      "revisited_at": None, "closed_at": None, "satisfaction": None,
                      "revisit_comment": "", "reopen_count": (c.reopen_count or 0) + 1})
        return new_due


def transition(branch: Branch, complaint_id: str, target: Status | str, *,
               assignee_id: str | None = None, note: str = "", resolution: str = "",
               satisfaction: int | None = None, now: datetime | None = None) -> None:
    """Move a complaint to `target` by whichever workflow step leads there (for generic
    callers such as a status drop-down); each step's own rules apply."""
    tgt = parse_choice(Status, target, "status")
    if tgt == Status.ASSIGNED:
        with branch.session() as s, reading(s):
            c, _customer = _load(s, branch, complaint_id, write=False)
            check_transition(c.status, tgt)  # handing over to someone else is `assign`
        assign(branch, complaint_id, assignee_id or branch.actor.user_id or "", note=note,
               now=now)
    elif tgt == Status.IN_PROGRESS:
        with branch.session() as s, reading(s):
            c, _customer = _load(s, branch, complaint_id, write=False)
            current = Status(c.status)
        if current == Status.ASSIGNED:
            start_work(branch, complaint_id, note=note, now=now)
        else:
            check_transition(current, tgt)
            reopen(branch, complaint_id, note, now=now)
    elif tgt == Status.RESOLVED:
        resolve(branch, complaint_id, resolution, now=now)
    elif tgt == Status.REVISITED:
        revisit(branch, complaint_id, satisfaction if satisfaction is not None else 0, note,
                now=now)
    elif tgt == Status.CLOSED:
        close(branch, complaint_id, note=note, now=now)
    else:
        raise Conflict("投诉不能退回“新建”状态")


# --- notes, escalation, attachments -----------------------------------------------------

def add_note(branch: Branch, complaint_id: str, note: str, *,
             now: datetime | None = None) -> None:
    """A progress note in the history (called the customer, asked the sorting centre...)."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "处理记录", required=True)
    with _writing(branch, complaint_id) as (s, c):
        _event(s, branch, c, "note", at, note=text)
        _audit(s, branch, "complaint.note_added", c)


def escalate(branch: Branch, complaint_id: str, note: str, *,
             now: datetime | None = None) -> None:
    """Flag a complaint for head office (the flag travels with sync)."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "上报说明", required=True)
    with _writing(branch, complaint_id) as (s, c):
        if c.escalated:
            raise Conflict("该投诉已上报总部")
        c.escalated, c.escalated_at, c.escalated_by = True, at, branch.actor.user_id
        c.escalation_note = text
        _event(s, branch, c, "escalated", at, note=text)
        _audit(s, branch, "complaint.escalated", c)


def cancel_escalation(branch: Branch, complaint_id: str, note: str, *,
                      now: datetime | None = None) -> None:
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    at = _clock(now)
    text = _text(note, "note", MAX_NOTE, "撤销原因", required=True)
    with _writing(branch, complaint_id) as (s, c):
        if not c.escalated:
            raise Conflict("该投诉没有上报总部")
        c.escalated, c.escalated_at, c.escalated_by = False, None, None
        _event(s, branch, c, "escalation_cancelled", at, note=text)
        _audit(s, branch, "complaint.escalation_cancelled", c)


def _attachment_check(s: Session, actor: Actor, owner_id: str, write: bool) -> None:
    actor.require(Perm.COMPLAINT_EDIT if write else Perm.CUSTOMER_VIEW)
    c = s.get(Complaint, owner_id)
    if c is None:
        raise NotFound("投诉不存在")
    customer = s.get(Customer, c.customer_id)
    assert customer is not None
    require_seen(actor, c, customer)
    if write:
        if customer.deleted_at is not None:
            raise Conflict("该投诉的客户在回收站中，请先恢复客户")
        _not_closed(c)


attachment_service.register_owner(ENTITY, _attachment_check)


def attach_file(branch: Branch, complaint_id: str, filename: str, data: bytes
                ) -> AttachmentInfo:
    """Keep a photo, scan or document with the complaint (see `customers.attachments`
    for the accepted kinds); list, open and remove them with that module and
    `owner_entity="complaint"`."""
    return attachment_service.add_attachment(branch, ENTITY, complaint_id, filename, data)


# --- reading -------------------------------------------------------------------------

def _history(s: Session, complaint_id: str) -> list[ComplaintEventRow]:
    events = list(s.execute(
        select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint_id)
        .order_by(ComplaintEvent.at, ComplaintEvent.id)
    ).scalars())
    names = user_names(s, (e.by_id for e in events))
    out = []
    for e in events:
        try:
            detail = json.loads(e.detail) if e.detail else {}
        except ValueError:
            detail = {}
        out.append(ComplaintEventRow(
            id=e.id, action=e.action, action_label=EVENT_LABELS.get(e.action, e.action),
            from_status=e.from_status, to_status=e.to_status, by_id=e.by_id,
            by_name=names.get(e.by_id or "", "系统" if e.by_id is None else ""), at=e.at,
            note=e.note, detail=detail))
    return out


def get_complaint(branch: Branch, complaint_id: str, *,
                  now: datetime | None = None) -> ComplaintDetail:
    """The complaint with its history (oldest first) and attachments."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    at = _clock(now)
    with branch.session() as s, reading(s):
        c, customer = _load(s, branch, complaint_id, write=False)
        names = user_names(s, (c.assignee_id, c.created_by))
        row = complaint_row(c, customer, category_names(s), names, at)
        return ComplaintDetail(
            row=row, description=c.description, priority_floor=c.priority_floor,
            sla_mode=c.sla_mode, responded_at=c.responded_at, resolution=c.resolution,
            revisited_at=c.revisited_at, revisit_comment=c.revisit_comment,
            closed_at=c.closed_at, reopen_count=c.reopen_count or 0,
            escalated_at=c.escalated_at, escalation_note=c.escalation_note,
            created_at=c.created_at, created_by_name=names.get(c.created_by or "", ""),
            history=_history(s, c.id),
            attachments=attachment_service.attachments_of(s, ENTITY, c.id),
            allowed_actions=[str(a) for a in allowed_actions(Status(c.status))],
            editable=c.status != Status.CLOSED,
        )


def assignable_users(branch: Branch) -> list[UserChoice]:
    """Active users whose role may handle complaints, by display name."""
    branch.actor.require(Perm.COMPLAINT_EDIT)
    with branch.session() as s, reading(s):
        users = s.execute(select(User).where(User.active.is_(True))
                          .order_by(User.display_name, User.username)).scalars().all()
        perms: dict[str, frozenset[str]] = {}
        out = []
        for u in users:
            if u.role not in perms:
                perms[u.role] = load_permissions(s, u.role)
            if str(Perm.COMPLAINT_EDIT) in perms[u.role]:
                out.append(UserChoice(u.id, u.display_name, u.username, u.department))
        return out


__all__ = [
    "CLOSED_MESSAGE",
    "EVENT_LABELS",
    "MAX_BACKDATE_DAYS",
    "add_note",
    "assign",
    "assignable_users",
    "attach_file",
    "cancel_escalation",
    "close",
    "create_complaint",
    "escalate",
    "get_complaint",
    "reopen",
    "resolve",
    "revisit",
    "set_priority",
    "start_work",
    "transition",
    "update_complaint",
]
