"""Follow-up tasks: by hand, from a contact's next step, or from a rule (`rules`).

A task is due at one UTC instant. A due date in the past is accepted (the task is
overdue at once) and flagged in the result. Tasks of customers in the recycle bin or
merged away are left out of every list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.contact_enums import ContactChannel, TaskSource, TaskStatus
from postcrm_desktop.core.customer_enums import parse_enum
from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.local_time import ZoneLike
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.common import (
    Collector,
    active_customer_clause,
    check_user,
    due,
    load_customer,
    scoped,
    user_names,
    write_audit,
)
from postcrm_desktop.services.contacts.types import (
    Cursor,
    Notice,
    TaskFilters,
    TaskInput,
    TaskPage,
    TaskResult,
    TaskRow,
)
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.contacts import Task
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

TITLE_MAX = 200
NOTE_MAX = 2000
PAGE_MAX = 500


def past_due_notice(field: str, when: datetime, now: datetime) -> list[Notice]:
    if when >= now:
        return []
    return [Notice("next_due_in_past" if field == "next_due" else "due_in_past", field,
                   "期限早于当前时间，任务将立即显示为逾期")]


def new_task(s: Session, *, customer_id: str, title: str, due_at: datetime, source: str,
             assigned_to: str | None, channel: str | None = None, note: str = "",
             rule_id: str | None = None, rule_anchor_at: datetime | None = None) -> Task:
    """Add a task in the caller's transaction (no checks: callers validate)."""
    task = Task(customer_id=customer_id, title=title, note=note, channel=channel,
                due_at=due_at, source=source, rule_id=rule_id, rule_anchor_at=rule_anchor_at,
                assigned_to=assigned_to, status=str(TaskStatus.OPEN))
    s.add(task)
    return task


def mark_done(tasks: list[Task], at: datetime) -> list[str]:
    """Complete open tasks at `at`; returns the ids completed."""
    done = []
    for task in tasks:
        if task.status == TaskStatus.OPEN:
            task.status = str(TaskStatus.DONE)
            task.done_at = at
            done.append(task.id)
    return done


def _check_channel(value: str | None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(parse_enum(ContactChannel, value, "channel"))


def _clean(data: TaskInput, tz: ZoneLike, s: Session) -> dict[str, Any]:
    errors = Collector()
    out: dict[str, Any] = {}
    title = errors.run(lambda: clean_text(data.title, "title", TITLE_MAX, label="任务内容"))
    if title == "":
        errors.add("title", "请填写任务内容")
    out["title"] = title
    out["note"] = errors.run(lambda: clean_text(data.note, "note", NOTE_MAX, multiline=True,
                                                label="备注"))
    out["channel"] = errors.run(lambda: _check_channel(data.channel))
    if data.due is None:
        errors.add("due", "请填写任务期限")
    else:
        out["due_at"] = errors.run(lambda: due(data.due, "due", "任务期限", tz))
    if data.assigned_to:
        out["assigned_to"] = errors.run(
            lambda: check_user(s, str(data.assigned_to), "assigned_to", "负责人"))
    errors.raise_if_any()
    return out


def _task(s: Session, task_id: str) -> Task:
    task = s.get(Task, task_id) if task_id else None
    if task is None:
        raise NotFound("任务不存在或已删除")
    return task


def _writable(s: Session, branch: Branch, task_id: str) -> Task:
    branch.actor.require(Perm.TASK_EDIT)
    task = _task(s, task_id)
    load_customer(s, branch.actor, task.customer_id, write=True)
    return task


def create_task(branch: Branch, data: TaskInput, *, tz: ZoneLike = None,
                now: datetime | None = None) -> TaskResult:
    """A task by hand for a customer; assigned to `assigned_to`, else the customer's
    owner, else the acting user."""
    branch.actor.require(Perm.TASK_EDIT)
    now = now or utcnow()
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, branch.actor, data.customer_id, write=True)
        values = _clean(data, tz, s)
        assigned = values.get("assigned_to") or customer.owner_id or branch.actor.user_id
        task = new_task(s, customer_id=customer.id, title=values["title"],
                        due_at=values["due_at"], source=str(TaskSource.MANUAL),
                        assigned_to=assigned, channel=values["channel"], note=values["note"])
        s.flush()
        write_audit(s, branch, "task.created", "task", task.id,
                    {"customer_id": customer.id, "source": task.source,
                     "assigned_to": assigned})
        return TaskResult(task.id, past_due_notice("due", values["due_at"], now))


def update_task(branch: Branch, task_id: str, data: TaskInput, *, tz: ZoneLike = None,
                now: datetime | None = None) -> TaskResult:
    """Edit an open task's title, due time, note, channel or assignee."""
    now = now or utcnow()
    with branch.session() as s, transaction(s, branch.actor):
        task = _writable(s, branch, task_id)
        if data.customer_id and data.customer_id != task.customer_id:
            raise ValidationError("customer_id", "任务不能改到其他客户名下")
        if task.status != TaskStatus.OPEN:
            raise Conflict("只能修改待办任务，请先重新打开")
        values = _clean(data, tz, s)
        values.setdefault("assigned_to", task.assigned_to)
        changed = [k for k in ("title", "note", "channel", "due_at", "assigned_to")
                   if getattr(task, k) != values[k]]
        for key in changed:
            setattr(task, key, values[key])
        if changed:
            write_audit(s, branch, "task.updated", "task", task.id, {"fields": changed})
        return TaskResult(task.id, past_due_notice("due", task.due_at, now)
                          if "due_at" in changed else [])


def complete_task(branch: Branch, task_id: str, at: datetime | None = None) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        task = _writable(s, branch, task_id)
        if task.status != TaskStatus.OPEN:
            raise Conflict("任务不是待办状态")
        mark_done([task], at or utcnow())
        write_audit(s, branch, "task.completed", "task", task.id)


def reopen_task(branch: Branch, task_id: str) -> None:
    """Back to open (a task completed or cancelled by mistake)."""
    with branch.session() as s, transaction(s, branch.actor):
        task = _writable(s, branch, task_id)
        if task.status == TaskStatus.OPEN:
            raise Conflict("任务已经是待办状态")
        task.status = str(TaskStatus.OPEN)
        task.done_at = None
        write_audit(s, branch, "task.reopened", "task", task.id)


def cancel_task(branch: Branch, task_id: str) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        task = _writable(s, branch, task_id)
        if task.status != TaskStatus.OPEN:
            raise Conflict("只能取消待办任务")
        task.status = str(TaskStatus.CANCELLED)
        task.done_at = None
        write_audit(s, branch, "task.cancelled", "task", task.id)


def task_query() -> Select[Any]:
    """Tasks with their customer's name and number, active customers only."""
    return (select(Task, Customer.name, Customer.number)
            .join(Customer, Customer.id == Task.customer_id)
            .where(active_customer_clause()))


def task_rows(s: Session, rows: list[Any]) -> list[TaskRow]:
    names = user_names(s, (r[0].assigned_to for r in rows))
    return [
        TaskRow(id=t.id, customer_id=t.customer_id, customer_name=name, customer_number=number,
                title=t.title, note=t.note, channel=t.channel, due_at=t.due_at, source=t.source,
                rule_id=t.rule_id, assigned_to=t.assigned_to,
                assigned_name=names.get(t.assigned_to or "", ""), status=t.status,
                done_at=t.done_at, created_at=t.created_at)
        for t, name, number in rows
    ]


def get_task(branch: Branch, task_id: str) -> TaskRow:
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        task = _task(s, task_id)
        load_customer(s, branch.actor, task.customer_id)
        row = s.execute(select(Task, Customer.name, Customer.number)
                        .join(Customer, Customer.id == Task.customer_id)
                        .where(Task.id == task_id)).one()
        return task_rows(s, [row])[0]


def _filtered(branch: Branch, filters: TaskFilters) -> Select[Any]:
    query = scoped(task_query(), branch.actor)
    if filters.customer_id:
        query = query.where(Task.customer_id == filters.customer_id)
    if filters.assigned_to:
        query = query.where(Task.assigned_to == filters.assigned_to)
    if filters.status:
        query = query.where(Task.status == str(parse_enum(TaskStatus, filters.status)))
    if filters.due_from is not None:
        query = query.where(Task.due_at >= filters.due_from)
    if filters.due_before is not None:
        query = query.where(Task.due_at < filters.due_before)
    return query


def list_tasks(branch: Branch, filters: TaskFilters | None = None, *,
               after: Cursor | None = None, limit: int = 50,
               descending: bool = False) -> TaskPage:
    """Tasks by due time (earliest first; `descending`: latest first), one keyset page
    after `after` (read with the same `descending`); by default the open tasks of every
    customer the actor may see."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    filters = filters or TaskFilters()
    limit = max(1, min(limit, PAGE_MAX))
    query = _filtered(branch, filters)
    if after is not None and descending:
        query = query.where(or_(Task.due_at < after.at,
                                and_(Task.due_at == after.at, Task.id < after.id)))
    elif after is not None:
        query = query.where(or_(Task.due_at > after.at,
                                and_(Task.due_at == after.at, Task.id > after.id)))
    order = (Task.due_at.desc(), Task.id.desc()) if descending else (Task.due_at, Task.id)
    query = query.order_by(*order).limit(limit + 1)
    with branch.session() as s, reading(s):
        rows = task_rows(s, list(s.execute(query).all()))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(rows[-1].due_at, rows[-1].id) if more and rows else None
    return TaskPage(rows, cursor)


def open_tasks_of(branch: Branch, customer_id: str) -> list[TaskRow]:
    """A customer's open tasks, earliest due first (for "complete with this contact")."""
    return list_tasks(branch, TaskFilters(customer_id=customer_id, status="open"),
                      limit=PAGE_MAX).rows


def due_between(branch: Branch, start: datetime, end: datetime) -> list[TaskRow]:
    """The acting user's open tasks falling due in `(start, end]`: poll this (e.g. each
    minute, with the previous poll's time as `start`) to notify as tasks come due."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    query = scoped(task_query(), branch.actor).where(
        Task.assigned_to == branch.actor.user_id, Task.status == str(TaskStatus.OPEN),
        Task.due_at > start, Task.due_at <= end).order_by(Task.due_at, Task.id)
    with branch.session() as s, reading(s):
        return task_rows(s, list(s.execute(query).all()))


def next_due_after(branch: Branch, moment: datetime) -> datetime | None:
    """When the acting user's next open task falls due after `moment` (to set a timer)."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    query = scoped(select(Task.due_at).join(Customer, Customer.id == Task.customer_id)
                   .where(active_customer_clause()), branch.actor).where(
        Task.assigned_to == branch.actor.user_id, Task.status == str(TaskStatus.OPEN),
        Task.due_at > moment).order_by(Task.due_at).limit(1)
    with branch.session() as s, reading(s):
        return s.execute(query).scalar()


__all__ = [
    "cancel_task",
    "complete_task",
    "create_task",
    "due_between",
    "get_task",
    "list_tasks",
    "next_due_after",
    "open_tasks_of",
    "reopen_task",
    "update_task",
]
