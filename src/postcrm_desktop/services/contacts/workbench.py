"""The workbench (工作台): what needs doing today, each item one click from its customer.

Sections, in order: today's tasks, overdue tasks, care dates in the next days, then any
section another area registers (the complaint desk's "open complaints near their
deadline"). Every item carries `customer_id` and the customer's name; tasks of customers
in the recycle bin or merged away are left out.

"Today" is the local day of `tz` (IANA name or tzinfo; None: the PC's zone) containing
`now`; deadlines are stored in UTC, so a DST change moves no deadline from one day to
another.

The complaint section reads `services.complaints.workbench.near_deadline` when that
area is present. Other areas add a section with `register_section(key, provider)`, where
`provider(branch, ctx: WorkbenchContext) -> WorkbenchSection | None`; a provider raising
`PermissionDenied` is skipped (the user's role does not cover that area).

Rule tasks come grouped: in the task sections, the tasks of one follow-up rule are one
item (`kind` "rule_group", `id` the rule's id, `count` its tasks, `children` the first
of them), so twenty calls of "潜在客户每月电话跟进" read as one line a manager opens and
works through. A rule with a single task in the section shows it as a plain task.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Select, func, select

from postcrm_desktop.core.contact_enums import TaskStatus
from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.local_time import ZoneLike, day_bounds, local_date, zone, zone_name
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care
from postcrm_desktop.services.contacts.common import (
    active_customer_clause,
    optional_module,
    scoped,
)
from postcrm_desktop.services.contacts.types import ApplyResult, CareItem
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store.models.contacts import FollowUpRule, Task
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

TODAY, OVERDUE, CARE, COMPLAINTS = "today", "overdue", "care", "complaints"
RULE_GROUP = "rule_group"
# Sections count their items up to this many; past it the total reads "999+". Counting
# is what costs on a large branch (each item's customer is checked).
COUNT_CAP = 999
SECTION_TITLES = {TODAY: "今日任务", OVERDUE: "逾期任务", CARE: "近期关怀",
                  COMPLAINTS: "临近期限的投诉"}


@dataclass(frozen=True)
class WorkbenchItem:
    """One line of the workbench. `kind` is "task", "care", "complaint"...; `id` the id
    of that record; `due_at` a UTC instant (None for a whole-day item such as a care
    date, then `on` is the local day)."""

    kind: str
    id: str
    customer_id: str
    customer_name: str
    title: str
    due_at: datetime | None = None
    on: date | None = None
    overdue: bool = False
    detail: str = ""
    customer_number: str = ""
    assigned_to: str | None = None
    count: int = 1  # tasks a "rule_group" item stands for (up to COUNT_CAP + 1)
    children: tuple[WorkbenchItem, ...] = ()  # a group's tasks, earliest first

    @property
    def is_group(self) -> bool:
        return self.kind == RULE_GROUP


@dataclass(frozen=True)
class WorkbenchSection:
    """`items` stop at the limit; `total` counts them all up to `COUNT_CAP + 1` (a total
    above `COUNT_CAP` means "more than 999")."""

    key: str
    title: str
    items: list[WorkbenchItem]
    total: int

    @property
    def total_text(self) -> str:
        return f"{COUNT_CAP}+" if self.total > COUNT_CAP else str(self.total)


@dataclass(frozen=True)
class WorkbenchContext:
    """What a section provider gets: the moment, the local day and the scope."""

    now: datetime  # aware UTC
    tz: tzinfo
    today: date
    day_start: datetime  # UTC bounds of the local day
    day_end: datetime  # also when a screen should refresh: the day is over
    mine: bool  # only the acting user's items (else everything the user may see)
    limit: int  # items per section
    lang: str = "zh_CN"  # the interface language texts are worded in (zh_CN or en)


@dataclass(frozen=True)
class Workbench:
    generated_at: datetime
    today: date
    zone: str
    sections: list[WorkbenchSection]
    rules: ApplyResult | None = None  # when rules were applied first

    def section(self, key: str) -> WorkbenchSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def _items(self, key: str) -> list[WorkbenchItem]:
        found = self.section(key)
        return found.items if found else []

    @property
    def today_tasks(self) -> list[WorkbenchItem]:
        return self._items(TODAY)

    @property
    def overdue_tasks(self) -> list[WorkbenchItem]:
        return self._items(OVERDUE)

    @property
    def care_dates(self) -> list[WorkbenchItem]:
        return self._items(CARE)

    @property
    def complaints(self) -> list[WorkbenchItem]:
        return self._items(COMPLAINTS)


SectionProvider = Callable[[Branch, WorkbenchContext], "WorkbenchSection | None"]

# Sections other areas add, by key, shown after the built-in ones in this order.
WORKBENCH_SECTIONS: dict[str, SectionProvider] = {}


def register_section(key: str, provider: SectionProvider) -> None:
    WORKBENCH_SECTIONS[key] = provider


def _complaints(branch: Branch, ctx: WorkbenchContext) -> WorkbenchSection | None:
    """Open complaints due within a day or overdue (the complaint desk's feed)."""
    module = optional_module("postcrm_desktop.services.complaints.workbench")
    feed = getattr(module, "near_deadline", None)
    if feed is None:
        return None
    rows = feed(branch, ctx.now, mine_only=ctx.mine, limit=ctx.limit, lang=ctx.lang)
    items = [WorkbenchItem("complaint", r.complaint_id, r.customer_id, r.customer_name,
                           f"{r.number} {r.category_name}", due_at=r.due_at,
                           on=local_date(r.due_at, ctx.tz), overdue=r.overdue,
                           detail=r.summary, customer_number=r.customer_number,
                           assigned_to=r.assignee_id) for r in rows]
    return WorkbenchSection(COMPLAINTS, SECTION_TITLES[COMPLAINTS], items, len(items))


register_section(COMPLAINTS, _complaints)


# --- tasks ------------------------------------------------------------------------------


def _task_base(branch: Branch, ctx: WorkbenchContext, columns: list[Any]) -> Select[Any]:
    query = (select(*columns).select_from(Task).join(Customer, Customer.id == Task.customer_id)
             .where(Task.status == str(TaskStatus.OPEN), active_customer_clause()))
    if ctx.mine:
        query = query.where(Task.assigned_to == branch.actor.user_id)
    return scoped(query, branch.actor)


def _task_section(branch: Branch, ctx: WorkbenchContext, key: str) -> WorkbenchSection:
    def bounded(query: Select[Any]) -> Select[Any]:
        if key == TODAY:
            return query.where(Task.due_at >= ctx.day_start, Task.due_at < ctx.day_end)
        return query.where(Task.due_at < ctx.day_start)

    cols = [Task.id, Task.customer_id, Customer.name, Customer.number, Task.title,
            Task.due_at, Task.note, Task.assigned_to]

    def items(query: Select[Any], s: Any) -> list[WorkbenchItem]:
        rows = s.execute(query.order_by(Task.due_at, Task.id).limit(ctx.limit)).all()
        return [WorkbenchItem("task", r[0], r[1], r[2], r[4], due_at=r[5],
                              on=local_date(r[5], ctx.tz), overdue=r[5] < ctx.now,
                              detail=r[6], customer_number=r[3], assigned_to=r[7])
                for r in rows]

    def capped_count(query: Select[Any], s: Any) -> int:
        capped = query.limit(COUNT_CAP + 1)
        return int(s.execute(select(func.count()).select_from(capped.subquery())).scalar()
                   or 0)

    with branch.session() as s, reading(s):
        plain = items(bounded(_task_base(branch, ctx, cols)).where(Task.rule_id.is_(None)), s)
        rule_ids = [r[0] for r in s.execute(
            bounded(_task_base(branch, ctx, [Task.rule_id])).where(Task.rule_id.is_not(None))
            .group_by(Task.rule_id)).all()]
        groups = []
        for rule_id in rule_ids:
            of_rule = bounded(_task_base(branch, ctx, cols)).where(Task.rule_id == rule_id)
            children = items(of_rule, s)
            count = len(children)
            if count >= ctx.limit:
                count = capped_count(bounded(_task_base(branch, ctx, [Task.id]))
                                     .where(Task.rule_id == rule_id), s)
            groups.append(_group(rule_id, children, count, s))
        total = capped_count(bounded(_task_base(branch, ctx, [Task.id])), s)
    merged = sorted(plain + groups, key=lambda i: (i.due_at or ctx.now, i.id))[:ctx.limit]
    return WorkbenchSection(key, SECTION_TITLES[key], merged, total)


def _group(rule_id: str, children: list[WorkbenchItem], count: int, s: Any) -> WorkbenchItem:
    """One line for a rule's tasks; a lone task stays a task."""
    if count == 1:
        return children[0]
    rule = s.get(FollowUpRule, rule_id)
    title = rule.title if rule is not None else children[0].title
    first = children[0]
    return WorkbenchItem(RULE_GROUP, rule_id, "", "", title, due_at=first.due_at,
                         on=first.on, overdue=any(c.overdue for c in children),
                         detail=rule.description if rule is not None else "",
                         count=count, children=tuple(children))


def care_title(item: CareItem, lang: str = "zh_CN") -> str:
    """"生日（66岁）", "开户纪念日（5周年）"; in English "Birthday (66)", "Anniversary
    (5 years)"."""
    if item.years is None:
        return item.kind_label
    if lang.startswith("en"):
        years = (f" ({item.years})" if item.kind == "birthday"
                 else f" ({item.years} year{'s' if item.years != 1 else ''})")
    else:
        years = f"（{item.years}岁）" if item.kind == "birthday" else f"（{item.years}周年）"
    return f"{item.kind_label}{years}"


def _care_item(item: CareItem, lang: str = "zh_CN") -> WorkbenchItem:
    return WorkbenchItem("care", item.care_date_id, item.customer_id, item.customer_name,
                         care_title(item, lang), on=item.on, detail=item.date_text,
                         customer_number=item.customer_number, assigned_to=item.owner_id)


def _care_section(branch: Branch, ctx: WorkbenchContext, days: int) -> WorkbenchSection:
    items, total = care.upcoming_with_total(branch, ctx.today, days, mine=ctx.mine,
                                            limit=ctx.limit, cap=COUNT_CAP, lang=ctx.lang)
    return WorkbenchSection(CARE, SECTION_TITLES[CARE],
                            [_care_item(i, ctx.lang) for i in items], total)


# --- the workbench ----------------------------------------------------------------------


def context(branch: Branch, now: datetime | None = None, *, tz: ZoneLike = None,
            mine: bool = True, limit: int = 50, lang: str = "zh_CN") -> WorkbenchContext:
    now = (now or utcnow())
    z = zone(tz)
    today_ = local_date(now, z)
    start, end = day_bounds(today_, z)
    return WorkbenchContext(now, z, today_, start, end, mine, max(1, limit), lang)


def today(branch: Branch, now: datetime | None = None, *, tz: ZoneLike = None,
          mine: bool = True, limit: int = 50, care_days: int = 7,
          apply_rules: bool = False, lang: str = "zh_CN") -> Workbench:
    """Today's workbench at `now` (default: the current time).

    `mine` (default) shows the tasks assigned to the acting user and the care dates of
    the customers they own; `mine=False` everything they may see (the whole branch with
    `customer.view_all`, else their own customers). Each section lists up to `limit`
    items (earliest first) and the total. `apply_rules` first creates the tasks the
    follow-up rules call for, once a day (`rules.apply_rules_daily`; needs the task
    permission, and `Workbench.rules` is None when they already ran today).
    """
    branch.actor.require(Perm.CUSTOMER_VIEW)
    ctx = context(branch, now, tz=tz, mine=mine, limit=limit, lang=lang)
    applied = None
    if apply_rules and branch.actor.can(Perm.TASK_EDIT):
        from postcrm_desktop.services.contacts.rules import apply_rules_daily

        applied = apply_rules_daily(branch, ctx.now, tz=ctx.tz)
    sections = [_task_section(branch, ctx, TODAY), _task_section(branch, ctx, OVERDUE),
                _care_section(branch, ctx, care_days)]
    for key, provider in list(WORKBENCH_SECTIONS.items()):
        try:
            extra = provider(branch, ctx)
        except PermissionDenied:
            continue  # the user's role does not cover that area
        if extra is not None:
            sections.append(extra if extra.key else WorkbenchSection(
                key, extra.title, extra.items, extra.total))
    return Workbench(ctx.now, ctx.today, zone_name(ctx.tz), sections, applied)


__all__ = [
    "CARE",
    "COMPLAINTS",
    "COUNT_CAP",
    "OVERDUE",
    "RULE_GROUP",
    "SECTION_TITLES",
    "TODAY",
    "WORKBENCH_SECTIONS",
    "SectionProvider",
    "Workbench",
    "WorkbenchContext",
    "WorkbenchItem",
    "WorkbenchSection",
    "context",
    "register_section",
    "today",
]
