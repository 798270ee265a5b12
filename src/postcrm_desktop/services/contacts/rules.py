"""Stage-based follow-up rules (set by the branch admin) and the tasks they create.

Two kinds of rule:
- "every N days" (e.g. prospects: a call every 7 days): a customer in the stage gets a
  task when N days pass with no contact of any kind and no task of this rule done, and
  none of this rule's tasks is open. `start_after_days` lets a rule wait until the
  customer has been in the stage that long (existing customers: monthly satisfaction
  call from the 30th day on).
- "within N days" (new customers: a visit within 30 days): one task per entry into the
  stage, due N days after the entry, unless a contact by the rule's channel already
  happened since. Entries whose window has closed get no task, so a new rule never
  floods the workbench with old overdue tasks.

A day's work, not a flood: "every" tasks are spread over the working days of the
rule's interval, at most `DAILY_CAP` open rule tasks per person per working day (rule
tasks still open from earlier days count against today). Customers that do not fit stay
queued: they are still due, and a later run gives them a task as days free up. "Within"
tasks keep their deadline (entry + N days) and count against the day they fall on.

`apply_rules` is idempotent: running it twice creates nothing the second time. The
workbench runs it once a day (`apply_rules_daily`); `postcrm rules apply` suits a
scheduled run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, exists, func, null, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.contact_enums import ContactChannel, RuleMode, TaskSource, TaskStatus
from postcrm_desktop.core.customer_enums import Stage, parse_enum
from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.local_time import (
    DEFAULT_DUE_TIME,
    ZoneLike,
    at_local,
    day_bounds,
    local_date,
    zone,
)
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.common import (
    Collector,
    active_customer_clause,
    moment,
    write_audit,
)
from postcrm_desktop.services.contacts.tasks import new_task
from postcrm_desktop.services.contacts.types import ApplyResult, RuleInput, RuleRow
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.contacts import ContactRecord, FollowUpRule, Task
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

MAX_DAYS = 366
MAX_START_AFTER = 3650
BATCH = 2000  # tasks written per transaction by `apply_rules`
# Open rule tasks one person is given per working day; the rest wait for later days.
DAILY_CAP = 20

Workday = Callable[[date], bool]

# What a new branch starts with: a monthly call to each prospect (a branch has hundreds
# per manager; weekly calls would be more than a day holds), a visit to new customers,
# a monthly satisfaction call to established ones.
DEFAULT_RULES = (
    RuleInput("prospect", "every", 30, "phone", "潜在客户每月电话跟进",
              "潜在客户每30天至少电话联系一次"),
    RuleInput("customer", "within", 30, "visit", "新成交客户30天内上门拜访",
              "成为成交客户后30天内上门拜访一次"),
    RuleInput("customer", "every", 30, "phone", "老客户每月满意度回访",
              "成交满30天的客户每月电话回访满意度", start_after_days=30),
)


def summary(stage: str, mode: str, days: int, channel: str, start_after_days: int = 0) -> str:
    """One Chinese sentence describing a rule."""
    stage_label = Stage(stage).label
    channel_label = ContactChannel(channel).label
    if mode == RuleMode.WITHIN:
        return f"进入{stage_label}阶段后{days}天内{channel_label}联系一次"
    wait = f"（在该阶段满{start_after_days}天后）" if start_after_days else ""
    return f"{stage_label}客户每{days}天未联系即安排{channel_label}联系{wait}"


def _row(r: FollowUpRule) -> RuleRow:
    return RuleRow(r.id, r.stage, r.mode, r.days, r.start_after_days, r.channel, r.title,
                   r.description, r.active,
                   summary(r.stage, r.mode, r.days, r.channel, r.start_after_days))


def _int(value: Any, field: str, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise ValidationError(field, f"{label}必须是整数") from None
    if not low <= value <= high:
        raise ValidationError(field, f"{label}必须在{low}到{high}之间")
    return value


def _clean(data: RuleInput) -> dict[str, Any]:
    errors = Collector()
    out: dict[str, Any] = {
        "stage": errors.run(lambda: str(parse_enum(Stage, data.stage))),
        "mode": errors.run(lambda: str(parse_enum(RuleMode, data.mode))),
        "days": errors.run(lambda: _int(data.days, "days", "天数", 1, MAX_DAYS)),
        "start_after_days": errors.run(lambda: _int(data.start_after_days or 0,
                                                    "start_after_days", "开始前等待天数", 0,
                                                    MAX_START_AFTER)),
        "channel": errors.run(lambda: str(parse_enum(ContactChannel, data.channel))),
        "title": errors.run(lambda: clean_text(data.title, "title", 100, label="规则名称")),
        "description": errors.run(lambda: clean_text(data.description, "description", 1000,
                                                     multiline=True, label="说明")),
        "active": bool(data.active),
    }
    if out["title"] == "":
        errors.add("title", "请填写规则名称")
    if out["mode"] == RuleMode.WITHIN and out["start_after_days"]:
        errors.add("start_after_days", "“进入阶段后N天内”的规则不需要等待天数")
    errors.raise_if_any()
    return out


def _same_rule(s: Session, values: dict[str, Any], exclude: str | None = None) -> None:
    query = select(FollowUpRule.id).where(
        *(getattr(FollowUpRule, k) == values[k]
          for k in ("stage", "mode", "days", "channel", "start_after_days")))
    if exclude:
        query = query.where(FollowUpRule.id != exclude)
    if s.execute(query.limit(1)).first():
        raise ValidationError("days", "已有相同阶段、方式和天数的规则")


def list_rules(branch: Branch, *, active_only: bool = False) -> list[RuleRow]:
    branch.actor.require(Perm.CUSTOMER_VIEW)
    query = select(FollowUpRule).order_by(FollowUpRule.stage, FollowUpRule.mode,
                                          FollowUpRule.days, FollowUpRule.id)
    if active_only:
        query = query.where(FollowUpRule.active.is_(True))
    with branch.session() as s, reading(s):
        return [_row(r) for r in s.execute(query).scalars()]


def create_rule(branch: Branch, data: RuleInput) -> str:
    branch.actor.require(Perm.SETTINGS_MANAGE)
    values = _clean(data)
    with branch.session() as s, transaction(s, branch.actor):
        _same_rule(s, values)
        rule = FollowUpRule(**values)
        s.add(rule)
        s.flush()
        write_audit(s, branch, "rule.created", "follow_up_rule", rule.id,
                    {k: values[k] for k in ("stage", "mode", "days", "channel")})
        return rule.id


def _rule(s: Session, rule_id: str) -> FollowUpRule:
    rule = s.get(FollowUpRule, rule_id) if rule_id else None
    if rule is None:
        raise NotFound("跟进规则不存在")
    return rule


def update_rule(branch: Branch, rule_id: str, data: RuleInput) -> None:
    """Change a rule; tasks it already made stay as they are."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    values = _clean(data)
    with branch.session() as s, transaction(s, branch.actor):
        rule = _rule(s, rule_id)
        _same_rule(s, values, exclude=rule.id)
        changed = [k for k, v in values.items() if getattr(rule, k) != v]
        for key in changed:
            setattr(rule, key, values[key])
        if changed:
            write_audit(s, branch, "rule.updated", "follow_up_rule", rule.id,
                        {"fields": changed})


def set_rule_active(branch: Branch, rule_id: str, active: bool) -> None:
    branch.actor.require(Perm.SETTINGS_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        rule = _rule(s, rule_id)
        if rule.active != active:
            rule.active = active
            write_audit(s, branch, "rule.enabled" if active else "rule.disabled",
                        "follow_up_rule", rule.id)


def delete_rule(branch: Branch, rule_id: str) -> None:
    """Remove a rule that never made a task; one that did can only be disabled (its
    tasks keep their origin)."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        rule = _rule(s, rule_id)
        if s.execute(select(Task.id).where(Task.rule_id == rule.id).limit(1)).first():
            raise Conflict("该规则已生成过跟进任务，不能删除，请改为停用")
        s.delete(rule)
        write_audit(s, branch, "rule.deleted", "follow_up_rule", rule_id)


def add_default_rules(branch: Branch) -> list[str]:
    """Create the default rules that are not there yet; returns the new ids."""
    created = []
    for data in DEFAULT_RULES:
        try:
            created.append(create_rule(branch, data))
        except ValidationError as exc:
            if exc.field != "days":  # "days": the same rule exists already
                raise
    return created


# --- applying ---------------------------------------------------------------------------


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _every_candidates(rule: FollowUpRule, now: datetime) -> Select[Any]:
    """Customers due a task of an "every N days" rule: (customer id, owner, anchor)."""
    since = now - _days(rule.days)
    in_stage_since = func.coalesce(Customer.stage_changed_at, Customer.created_at)
    open_task = exists().where(Task.customer_id == Customer.id, Task.rule_id == rule.id,
                               Task.status == str(TaskStatus.OPEN))
    recent_done = exists().where(Task.customer_id == Customer.id, Task.rule_id == rule.id,
                                 Task.status == str(TaskStatus.DONE), Task.done_at > since)
    recent_contact = exists().where(ContactRecord.customer_id == Customer.id,
                                    ContactRecord.at > since)
    wait = max(rule.days, rule.start_after_days)
    return (select(Customer.id, Customer.owner_id, null())
            .where(Customer.stage == rule.stage, active_customer_clause(),
                   in_stage_since <= now - _days(wait),
                   ~open_task, ~recent_done, ~recent_contact))


def _within_candidates(rule: FollowUpRule, now: datetime) -> Select[Any]:
    """Customers whose entry into the stage still needs this rule's one task."""
    anchor = Customer.stage_changed_at
    made = exists().where(Task.customer_id == Customer.id, Task.rule_id == rule.id,
                          Task.rule_anchor_at == anchor)
    done_already = exists().where(ContactRecord.customer_id == Customer.id,
                                  ContactRecord.channel == rule.channel,
                                  ContactRecord.at >= anchor)
    return (select(Customer.id, Customer.owner_id, anchor)
            .where(Customer.stage == rule.stage, active_customer_clause(),
                   anchor.is_not(None), anchor > now - _days(rule.days), anchor <= now,
                   ~made, ~done_already))


def _due_tasks(s: Session, rule: FollowUpRule, now: datetime) -> list[tuple[Any, ...]]:
    query = (_within_candidates(rule, now) if rule.mode == RuleMode.WITHIN
             else _every_candidates(rule, now))
    return [tuple(r) for r in s.execute(query.order_by(Customer.id)).all()]


class _Planner:
    """Which working day each new "every" task falls on: per person, the earliest
    working day of the horizon with fewer than `cap` open rule tasks."""

    def __init__(self, branch: Branch, now: datetime, tz: ZoneLike, cap: int,
                 workday: Workday) -> None:
        self.now, self.tz, self.cap, self.workday = now, zone(tz), max(1, cap), workday
        self.today = local_date(now, self.tz)
        self.load: dict[tuple[str | None, date], int] = {}
        self.branch = branch
        self._read_until: date | None = None

    def _read(self, until: date) -> None:
        """Count the open rule tasks due up to the end of `until` (earlier ones count
        against today)."""
        if self._read_until is not None and until <= self._read_until:
            return
        end = day_bounds(until, self.tz)[1]
        query = (select(Task.assigned_to, Task.due_at)
                 .where(Task.status == str(TaskStatus.OPEN), Task.rule_id.is_not(None),
                        Task.due_at < end))
        if self._read_until is not None:
            query = query.where(Task.due_at >= day_bounds(self._read_until, self.tz)[1])
        with self.branch.session() as s, reading(s):
            for owner, due in s.execute(query):
                self.add(owner, max(self.today, local_date(due, self.tz)))
        self._read_until = until

    def add(self, owner: str | None, day: date) -> None:
        self.load[(owner, day)] = self.load.get((owner, day), 0) + 1

    def days(self, span: int) -> list[date]:
        """The working days among the `span` days from today (at least one day)."""
        found = [d for d in (self.today + _days(i) for i in range(max(1, span)))
                 if self.workday(d)]
        if not found:  # a long holiday: the next working day
            day = self.today + _days(max(1, span))
            while not self.workday(day) and day < self.today + _days(60):
                day += _days(1)
            found = [day]
        self._read(found[-1])
        return found

    def place(self, owner: str | None, days: list[date]) -> datetime | None:
        """The due moment of one more task for `owner`, or None: every day is full."""
        for day in days:
            if self.load.get((owner, day), 0) < self.cap:
                self.add(owner, day)
                return self.now if day == self.today else at_local(day, DEFAULT_DUE_TIME,
                                                                   self.tz)
        return None


def apply_rules(branch: Branch, now: datetime | None = None, *,
                limit: int | None = None, tz: ZoneLike = None, cap: int = DAILY_CAP,
                workday: Workday | None = None) -> ApplyResult:
    """Create the tasks the active rules call for at `now`; idempotent.

    "Every" tasks are spread over the working days (`workday`, default the branch's
    holiday calendar) of the rule's interval in the local days of `tz`: today's at `now`, later
    ones at the start of their day, at most `cap` open rule tasks per person and day;
    customers that do not fit are left for a later run. "Within" tasks are due at entry
    + N days. Tasks go to the customer's owner. Written in transactions of `BATCH`
    tasks; `limit` caps the tasks made in one call (the rest come on the next call).
    Needs the task permission; runs over the whole branch.
    """
    branch.actor.require(Perm.TASK_EDIT)
    now = moment(now, "now", "时间") if now is not None else utcnow()
    with branch.session() as s, reading(s):
        rules = list(s.execute(select(FollowUpRule).where(FollowUpRule.active.is_(True))
                               .order_by(FollowUpRule.id)).scalars())
        s.expunge_all()
        if workday is None:
            from postcrm_desktop.services.complaints.workdays import load_calendar

            workday = load_calendar(s).is_workday
    planner = _Planner(branch, now, tz, cap, workday)
    # Fixed deadlines first: they take their day whatever the load.
    rules.sort(key=lambda r: (r.mode != RuleMode.WITHIN, r.id))
    by_rule: dict[str, int] = {}
    left = limit
    for rule in rules:
        with branch.session() as s, reading(s):
            due = _due_tasks(s, rule, now)
        if left is not None:
            due = due[:left]
        planned = _plan(planner, rule, due)
        if left is not None:
            left -= len(planned)
        for start in range(0, len(planned), BATCH):
            _write(branch, rule, planned[start:start + BATCH])
        if planned:
            by_rule[rule.id] = len(planned)
        if left is not None and left <= 0:
            break
    return ApplyResult(sum(by_rule.values()), by_rule)


def _plan(planner: _Planner, rule: FollowUpRule,
          due: list[tuple[Any, ...]]) -> list[tuple[str, str | None, datetime, datetime | None]]:
    """(customer id, owner, due at, anchor) of the tasks to write now."""
    out = []
    if rule.mode == RuleMode.WITHIN:
        for customer_id, owner_id, anchor in due:
            at = anchor + _days(rule.days)
            planner.add(owner_id, max(planner.today, local_date(at, planner.tz)))
            out.append((customer_id, owner_id, at, anchor))
        return out
    days = planner.days(rule.days)
    full: set[str | None] = set()
    for customer_id, owner_id, _anchor in due:
        if owner_id in full:
            continue
        at = planner.place(owner_id, days)
        if at is None:
            full.add(owner_id)  # queued: a later run finds the customer still due
            continue
        out.append((customer_id, owner_id, at, None))
    return out


# (database file, local day, rules fingerprint) already applied by this process.
_applied_days: set[tuple[str, date, tuple[Any, ...]]] = set()


def apply_rules_daily(branch: Branch, now: datetime | None = None, *,
                      tz: ZoneLike = None) -> ApplyResult | None:
    """`apply_rules` at most once per local day and set of rules in this process (the
    workbench calls this when it opens); None when it already ran. On a branch of a
    million customers a run that creates nothing still reads every customer of the
    rules' stages (seconds), so it should not run on every refresh."""
    now = moment(now, "now", "时间") if now is not None else utcnow()
    with branch.session() as s, reading(s):
        fingerprint = tuple(s.execute(select(func.count(), func.max(FollowUpRule.version)))
                            .one())
    key = (str(branch.path), local_date(now, tz), fingerprint)
    if key in _applied_days:
        return None
    result = apply_rules(branch, now, tz=tz)
    _applied_days.add(key)
    return result


def _write(branch: Branch, rule: FollowUpRule,
           planned: list[tuple[str, str | None, datetime, datetime | None]]) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        for customer_id, owner_id, due_at, anchor in planned:
            new_task(s, customer_id=customer_id, title=rule.title, note=rule.description,
                     channel=rule.channel, source=str(TaskSource.RULE), rule_id=rule.id,
                     assigned_to=owner_id, due_at=due_at, rule_anchor_at=anchor)
        s.flush()
        write_audit(s, branch, "rule.applied", "follow_up_rule", rule.id,
                    {"tasks": len(planned)})


__all__ = [
    "DAILY_CAP",
    "DEFAULT_RULES",
    "add_default_rules",
    "apply_rules",
    "apply_rules_daily",
    "create_rule",
    "delete_rule",
    "list_rules",
    "set_rule_active",
    "summary",
    "update_rule",
]
