"""Contact records (联系记录): log, edit, list, count, statistics.

Logging a contact is one transaction: the record, its attachments, the reminder task
made from the next step, the tasks it completes, the customer's last activity time and
the audit row. Contacts are append-only in sync (they never conflict), so there is no
delete; the person who logged one (or a branch admin) may correct it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select, tuple_
from sqlalchemy.orm import Session

from postcrm_desktop.core.contact_enums import ContactChannel, TaskSource, TaskStatus
from postcrm_desktop.core.customer_enums import parse_enum
from postcrm_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from postcrm_desktop.core.local_time import ZoneLike
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.common import (
    CLOCK_SLACK,
    Collector,
    check_user,
    due,
    load_customer,
    moment,
    not_deleted_clause,
    scoped,
    user_names,
    write_audit,
)
from postcrm_desktop.services.contacts.tasks import mark_done, new_task, past_due_notice
from postcrm_desktop.services.contacts.types import (
    ContactFilters,
    ContactInput,
    ContactPage,
    ContactResult,
    ContactRow,
    ContactStats,
    Cursor,
    Notice,
    StatLine,
)
from postcrm_desktop.services.customers.access import sees_whole_branch, visible_clause
from postcrm_desktop.services.customers.attachments import (
    clean_filename,
    file_kind,
    register_owner,
)
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.contacts import ContactRecord, Task
from postcrm_desktop.store.models.customers import Attachment, Customer
from postcrm_desktop.store.types import utcnow

ENTITY = ContactRecord.__entity__  # "contact": change log, announcements, attachments
CONTENT_MAX = 2000
FEEDBACK_MAX = 1000
NEXT_STEP_MAX = 200
PERSON_MAX = 50
MAX_ATTACHMENTS = 10
PAGE_MAX = 500
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


# --- checks -----------------------------------------------------------------------------


def _check_attachments(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes, str]]:
    """`(name, data, mime type)` of each file, or every problem at once."""
    errors = Collector()
    if len(files) > MAX_ATTACHMENTS:
        errors.add("attachments", f"一条联系记录最多{MAX_ATTACHMENTS}个附件")
    out = []
    for name, data in files:
        checked = errors.run(lambda n=name, d=data: (clean_filename(n), file_kind(n, d)))
        if checked is not None:
            out.append((checked[0], data, checked[1].mime_type))
    errors.raise_if_any()
    return out


def _clean(data: ContactInput, s: Session, actor: Actor, tz: ZoneLike,
           now: datetime) -> tuple[dict[str, Any], list[Notice]]:
    errors = Collector()
    out: dict[str, Any] = {}
    out["channel"] = errors.run(lambda: str(parse_enum(ContactChannel, data.channel)))
    content = errors.run(lambda: clean_text(data.content, "content", CONTENT_MAX,
                                            multiline=True, label="联系内容"))
    if content == "":
        errors.add("content", "请填写联系内容")
    out["content"] = content
    out["feedback"] = errors.run(lambda: clean_text(data.feedback, "feedback", FEEDBACK_MAX,
                                                    multiline=True, label="客户反馈"))
    out["person"] = errors.run(lambda: clean_text(data.person, "person", PERSON_MAX,
                                                  label="联系对象"))
    at = now if data.at is None else errors.run(lambda: moment(data.at, "at", "联系时间"))
    if at is not None:
        if at > now + CLOCK_SLACK:
            errors.add("at", "联系时间不能晚于当前时间")
        elif at < EARLIEST:
            errors.add("at", "联系时间早于2000年，请检查")
    out["at"] = at
    owner = data.owner_id or actor.user_id
    if data.owner_id:
        owner = errors.run(lambda: check_user(s, str(data.owner_id), "owner_id", "联系人员"))
    out["owner_id"] = owner
    step = errors.run(lambda: clean_text(data.next_step, "next_step", NEXT_STEP_MAX,
                                         label="下一步"))
    out["next_step"] = step or ""
    out["next_due_at"] = None
    if data.next_due is not None:
        out["next_due_at"] = errors.run(lambda: due(data.next_due, "next_due", "下一步期限", tz))
        if step == "":
            errors.add("next_step", "填写了下一步期限，请同时填写下一步内容")
    elif step:
        errors.add("next_due", "请填写下一步的期限（到期时会提醒）")
    errors.raise_if_any()
    notices = past_due_notice("next_due", out["next_due_at"], now) if out["next_due_at"] else []
    return out, notices


# --- writes -----------------------------------------------------------------------------


def _tasks_to_complete(s: Session, customer_id: str, channel: str,
                       ids: list[str] | None) -> list[Task]:
    if ids is None:
        return list(s.execute(select(Task).where(
            Task.customer_id == customer_id, Task.status == str(TaskStatus.OPEN),
            Task.source == str(TaskSource.RULE), Task.channel == channel)).scalars())
    tasks = []
    for task_id in dict.fromkeys(ids):
        task = s.get(Task, task_id)
        if task is None or task.customer_id != customer_id:
            raise ValidationError("complete_task_ids", "要完成的任务不属于该客户")
        if task.status != TaskStatus.OPEN:
            raise ValidationError("complete_task_ids", f"任务“{task.title}”已不是待办状态")
        tasks.append(task)
    return tasks


def _add_files(s: Session, branch: Branch, contact_id: str,
               files: list[tuple[str, bytes, str]]) -> list[str]:
    ids = []
    for name, data, mime in files:
        att = Attachment(owner_entity=ENTITY, owner_id=contact_id, filename=name,
                         mime_type=mime, size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data)
        s.add(att)
        s.flush()
        # Like the attachments service: no file name in the audit (names carry names).
        write_audit(s, branch, "attachment.added", ENTITY, contact_id,
                    {"attachment_id": att.id, "mime_type": mime, "size": len(data)})
        ids.append(att.id)
    return ids


def _touch_customer(customer: Customer, at: datetime) -> None:
    if customer.last_activity_at is None or customer.last_activity_at < at:
        customer.last_activity_at = at


def add_contact(s: Session, branch: Branch, customer: Customer, values: dict[str, Any],
                complete_ids: list[str] | None,
                files: list[tuple[str, bytes, str]]) -> ContactResult:
    """Write a checked contact in the caller's transaction (greetings use this too)."""
    task_id = None
    if values["next_step"]:
        task = new_task(s, customer_id=customer.id, title=values["next_step"],
                        due_at=values["next_due_at"], source=str(TaskSource.CONTACT),
                        assigned_to=values["owner_id"])
        s.flush()
        task_id = task.id
    completed = mark_done(_tasks_to_complete(s, customer.id, values["channel"], complete_ids),
                          values["at"])
    contact = ContactRecord(customer_id=customer.id, task_id=task_id, **values)
    s.add(contact)
    s.flush()
    attachment_ids = _add_files(s, branch, contact.id, files)
    _touch_customer(customer, values["at"])
    write_audit(s, branch, "contact.logged", "customer", customer.id,
                {"contact_id": contact.id, "channel": values["channel"], "task_id": task_id,
                 "completed_tasks": completed, "attachments": len(attachment_ids)})
    return ContactResult(contact.id, task_id, completed, attachment_ids, [])


def log_contact(branch: Branch, data: ContactInput, *, tz: ZoneLike = None,
                now: datetime | None = None) -> ContactResult:
    """Log a contact. Raises `ValidationErrors` (or one `ValidationError`) naming every
    wrong field; a next-step due time in the past is accepted and flagged in
    `result.notices` (code "next_due_in_past")."""
    branch.actor.require(Perm.CONTACT_EDIT)
    now = now or utcnow()
    files = _check_attachments(data.attachments)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, branch.actor, data.customer_id, write=True)
        values, notices = _clean(data, s, branch.actor, tz, now)
        result = add_contact(s, branch, customer, values, data.complete_task_ids, files)
        return ContactResult(result.id, result.task_id, result.completed_task_ids,
                             result.attachment_ids, notices)


def _contact(s: Session, contact_id: str) -> ContactRecord:
    contact = s.get(ContactRecord, contact_id) if contact_id else None
    if contact is None:
        raise NotFound("联系记录不存在")
    return contact


def _may_correct(actor: Actor, contact: ContactRecord) -> None:
    if actor.can(Perm.SETTINGS_MANAGE):
        return
    if actor.user_id is None or actor.user_id not in (contact.created_by, contact.owner_id):
        raise PermissionDenied(str(Perm.CONTACT_EDIT), "只有记录人或网点管理员可以修改联系记录")


def _sync_next_step(s: Session, contact: ContactRecord, values: dict[str, Any]) -> str | None:
    """Keep the reminder task in step with an edited next step; returns a new task id."""
    task = s.get(Task, contact.task_id) if contact.task_id else None
    step, due_at = values["next_step"], values["next_due_at"]
    if task is not None and task.status == TaskStatus.OPEN:
        if not step:
            task.status = str(TaskStatus.CANCELLED)
        else:
            task.title, task.due_at = step, due_at
            task.assigned_to = values["owner_id"]
        return None
    unchanged = (step, due_at) == (contact.next_step, contact.next_due_at)
    if not step or (task is not None and unchanged):
        return None
    new = new_task(s, customer_id=contact.customer_id, title=step, due_at=due_at,
                   source=str(TaskSource.CONTACT), assigned_to=values["owner_id"])
    s.flush()
    return new.id


def update_contact(branch: Branch, contact_id: str, data: ContactInput, *,
                   tz: ZoneLike = None, now: datetime | None = None) -> ContactResult:
    """Correct a contact (by who logged it, or a branch admin). New `attachments` are
    added; `complete_task_ids` is ignored. An edited next step moves its open reminder;
    a cleared one cancels it."""
    branch.actor.require(Perm.CONTACT_EDIT)
    now = now or utcnow()
    files = _check_attachments(data.attachments)
    with branch.session() as s, transaction(s, branch.actor):
        contact = _contact(s, contact_id)
        if data.customer_id and data.customer_id != contact.customer_id:
            raise ValidationError("customer_id", "联系记录不能改到其他客户名下")
        customer = load_customer(s, branch.actor, contact.customer_id, write=True)
        _may_correct(branch.actor, contact)
        values, notices = _clean(data, s, branch.actor, tz, now)
        if not data.owner_id:
            values["owner_id"] = contact.owner_id
        new_task_id = _sync_next_step(s, contact, values)
        if new_task_id:
            contact.task_id = new_task_id
        changed = [k for k, v in values.items() if getattr(contact, k) != v]
        for key in changed:
            setattr(contact, key, values[key])
        attachment_ids = _add_files(s, branch, contact.id, files)
        _touch_customer(customer, values["at"])
        if changed or attachment_ids:
            write_audit(s, branch, "contact.updated", "customer", customer.id,
                        {"contact_id": contact.id, "fields": changed,
                         "attachments": len(attachment_ids)})
        if "next_due_at" not in changed:
            notices = []
        return ContactResult(contact.id, contact.task_id, [], attachment_ids, notices)


def _attachment_check(s: Session, actor: Actor, owner_id: str, write: bool) -> None:
    actor.require(Perm.CONTACT_EDIT if write else Perm.CUSTOMER_VIEW)
    contact = _contact(s, owner_id)
    load_customer(s, actor, contact.customer_id, write=write)


register_owner(ENTITY, _attachment_check)


# --- reads ------------------------------------------------------------------------------


def contact_query() -> Select[Any]:
    return (select(ContactRecord, Customer.name, Customer.number, Task.status)
            .join(Customer, Customer.id == ContactRecord.customer_id)
            .outerjoin(Task, Task.id == ContactRecord.task_id))


def attachment_counts(s: Session, contact_ids: list[str]) -> dict[str, int]:
    if not contact_ids:
        return {}
    rows = s.execute(select(Attachment.owner_id, func.count())
                     .where(Attachment.owner_entity == ENTITY,
                            Attachment.owner_id.in_(contact_ids))
                     .group_by(Attachment.owner_id)).all()
    return {r[0]: int(r[1]) for r in rows}


def contact_rows(s: Session, rows: list[Any]) -> list[ContactRow]:
    names = user_names(s, (r[0].owner_id for r in rows))
    files = attachment_counts(s, [r[0].id for r in rows])
    out = []
    for c, customer_name, number, task_status in rows:
        try:
            channel_label = ContactChannel(c.channel).label
        except ValueError:
            channel_label = c.channel
        out.append(ContactRow(
            id=c.id, customer_id=c.customer_id, customer_name=customer_name,
            customer_number=number, at=c.at, channel=c.channel, channel_label=channel_label,
            owner_id=c.owner_id, owner_name=names.get(c.owner_id or "", ""), person=c.person,
            content=c.content, feedback=c.feedback, next_step=c.next_step,
            next_due_at=c.next_due_at, task_id=c.task_id, task_status=task_status,
            attachments=files.get(c.id, 0)))
    return out


def get_contact(branch: Branch, contact_id: str) -> ContactRow:
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        contact = _contact(s, contact_id)
        load_customer(s, branch.actor, contact.customer_id)
        row = s.execute(contact_query().where(ContactRecord.id == contact_id)).one()
        return contact_rows(s, [row])[0]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contact_filters(query: Select[Any], f: ContactFilters) -> Select[Any]:
    """Apply `f`'s conditions on the contact itself."""
    if f.customer_id:
        query = query.where(ContactRecord.customer_id == f.customer_id)
    if f.owner_id:
        query = query.where(ContactRecord.owner_id == f.owner_id)
    if f.channel:
        query = query.where(ContactRecord.channel == str(parse_enum(ContactChannel, f.channel)))
    if f.since is not None:
        query = query.where(ContactRecord.at >= moment(f.since, "since", "开始时间"))
    if f.until is not None:
        query = query.where(ContactRecord.at < moment(f.until, "until", "结束时间"))
    text = " ".join((f.text or "").split())
    for word in text.split(" ") if text else []:
        pattern = _like(word)
        query = query.where(or_(*(col.like(pattern, escape="\\") for col in (
            ContactRecord.content, ContactRecord.feedback, ContactRecord.next_step,
            ContactRecord.person))))
    return query


def _filtered(query: Select[Any], actor: Actor, f: ContactFilters) -> Select[Any]:
    """Apply `f` and visibility to a query joined to `Customer`."""
    return _contact_filters(scoped(query, actor).where(not_deleted_clause()), f)


def list_contacts(branch: Branch, filters: ContactFilters | None = None, *,
                  after: Cursor | None = None, limit: int = 50,
                  ascending: bool = False) -> ContactPage:
    """Contacts newest first (`ascending`: oldest first), one keyset page after `after`
    (the previous page's `next_cursor`, read with the same `ascending`). Contacts of
    customers in the recycle bin are left out."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    limit = max(1, min(limit, PAGE_MAX))
    query = _filtered(contact_query(), branch.actor, filters or ContactFilters())
    position = tuple_(ContactRecord.at, ContactRecord.id)
    if after is not None:
        cursor = (after.at, after.id)
        query = query.where(position > cursor if ascending else position < cursor)
    order = (ContactRecord.at, ContactRecord.id) if ascending else \
        (ContactRecord.at.desc(), ContactRecord.id.desc())
    query = query.order_by(*order).limit(limit + 1)
    with branch.session() as s, reading(s):
        rows = contact_rows(s, list(s.execute(query).all()))
    more = len(rows) > limit
    rows = rows[:limit]
    return ContactPage(rows, Cursor(rows[-1].at, rows[-1].id) if more and rows else None)


def count_contacts(branch: Branch, filters: ContactFilters | None = None, *,
                   cap: int | None = None) -> int:
    """How many contacts `list_contacts` would page through; with `cap`, counting stops
    at `cap + 1` ("more than cap").

    Each match costs a read of its row (for its customer): about a second per 20,000 on
    a branch of ten million contacts, so a screen counts in the background or with a cap.
    """
    branch.actor.require(Perm.CUSTOMER_VIEW)
    matches = _filtered(select(ContactRecord.id)
                        .join(Customer, Customer.id == ContactRecord.customer_id),
                        branch.actor, filters or ContactFilters())
    if cap is not None:
        matches = matches.limit(max(0, cap) + 1)
    query = select(func.count()).select_from(matches.subquery())
    with branch.session() as s, reading(s):
        return int(s.execute(query).scalar() or 0)


# --- statistics -------------------------------------------------------------------------


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _stat_query(key: Any, since: datetime, until: datetime, now: datetime,
                actor: Actor) -> Select[Any]:
    """Counts over `[since, until)`, grouped by `key` (None: one total row)."""
    has_step = ContactRecord.next_due_at.is_not(None)
    done = Task.status == str(TaskStatus.DONE)
    still_open = has_step & (Task.status == str(TaskStatus.OPEN))
    cols = [
        func.count(),
        func.count(func.distinct(ContactRecord.customer_id)),
        _count_if(has_step),
        _count_if(has_step & done & (Task.done_at <= ContactRecord.next_due_at)),
        _count_if(has_step & done & (Task.done_at > ContactRecord.next_due_at)),
        _count_if(still_open),
        _count_if(still_open & (ContactRecord.next_due_at < now)),
    ]
    query = (select(*([key] if key is not None else []), *cols).select_from(ContactRecord)
             .outerjoin(Task, Task.id == ContactRecord.task_id)
             .where(ContactRecord.at >= since, ContactRecord.at < until))
    if not sees_whole_branch(actor):
        # Here walking the owner's customers is the better plan: leave the index usable.
        query = query.join(Customer, Customer.id == ContactRecord.customer_id).where(
            visible_clause(actor))
    return query.group_by(key) if key is not None else query


def _line(key: str, label: str, row: Any) -> StatLine:
    values = [int(v or 0) for v in row]
    return StatLine(key, label, *values)


def stats(branch: Branch, since: datetime, until: datetime, *,
          now: datetime | None = None) -> ContactStats:
    """Per owner (who made the contact) and per channel over `[since, until)`: contacts,
    customers reached, next steps and how many were done on time. Contacts of customers
    since deleted still count: the work was done."""
    branch.actor.require(Perm.REPORT_VIEW)
    since = moment(since, "since", "开始时间")
    until = moment(until, "until", "结束时间")
    if until <= since:
        raise ValidationError("until", "结束时间必须晚于开始时间")
    now = now or utcnow()
    actor = branch.actor
    with branch.session() as s, reading(s):
        total_row = s.execute(_stat_query(None, since, until, now, actor)).one()
        owner_rows = s.execute(_stat_query(ContactRecord.owner_id, since, until, now,
                                           actor)).all()
        channel_rows = s.execute(_stat_query(ContactRecord.channel, since, until, now,
                                             actor)).all()
        names = user_names(s, (r[0] for r in owner_rows))
    by_owner = sorted((_line(r[0] or "", names.get(r[0] or "", "（未指定）"), r[1:])
                       for r in owner_rows), key=lambda x: (-x.contacts, x.label))
    by_channel = []
    for r in channel_rows:
        try:
            label = ContactChannel(r[0]).label
        except ValueError:
            label = str(r[0])
        by_channel.append(_line(str(r[0]), label, r[1:]))
    by_channel.sort(key=lambda x: -x.contacts)
    return ContactStats(since, until, _line("", "合计", total_row), by_owner, by_channel)


__all__ = [
    "add_contact",
    "contact_rows",
    "count_contacts",
    "get_contact",
    "list_contacts",
    "log_contact",
    "stats",
    "update_contact",
]
