"""Synthetic complaints for `postcrm demo`: about one per 20 customers (at least 12),
every status of the workflow, some overdue, some reopened or escalated, with histories
dated over the last two months. Descriptions are built from templates; waybill numbers
are well-formed but made up. No real person's data.

Each complaint is built with the deadline rules (`core.sla`) and the workflow
(`core.complaint_workflow`) the desk uses, so the demo data is what the desk itself would
have produced. Rows are then written with `executemany` in large transactions, stamped
and change-logged as the ORM hook would (sync sends them like any other insert): a demo
of a million customers files fifty thousand complaints.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.complaint_enums import Channel, Priority, Status
from postcrm_desktop.core.complaint_workflow import WorkflowState
from postcrm_desktop.core.holidays import HolidayCalendar
from postcrm_desktop.core.ids import new_id
from postcrm_desktop.core.sla import SlaPolicy
from postcrm_desktop.core.waybill import s10_check_digit
from postcrm_desktop.services.complaints.numbering import allocate_numbers
from postcrm_desktop.services.complaints.policy import due_at, load_policy
from postcrm_desktop.services.complaints.workdays import load_calendar
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.changelog import json_value
from postcrm_desktop.store.models.complaints import Complaint, ComplaintEvent
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import ChangeEntry
from postcrm_desktop.store.types import utcnow

CUSTOMERS_PER_COMPLAINT = 20
MINIMUM = 12
CHUNK = 2000
# Columns the change log leaves out (they describe the row, see `store.changelog`).
_BOOKKEEPING = frozenset({"version", "site_id", "updated_at", "updated_by"})

_HUBS = ("广州邮件处理中心", "白云分拣中心", "天河揽投部", "番禺揽投部", "北京邮件处理中心",
         "上海国际邮件互换局")
_CITIES = ("北京", "上海", "成都", "武汉", "深圳", "杭州", "西安")
_ITEMS = ("瓷器", "茶叶", "手机", "书籍", "衣服", "合同文件", "药品", "土特产")
_PLACES = ("小区门口", "快递柜旁边", "楼下保安室", "驿站", "门卫室")

# (category, complaint type, template)
_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("delay", "complaint", "邮件号{wb}的包裹{d}天还没送到，物流信息一直停在{hub}，客户着急使用。"),
    ("delay", "complaint", "寄往{city}的挂号信延误{d}天，物流信息不更新，电话查询没有结果。"),
    ("delay", "complaint", "快递显示派送中已经{d}天，投递员电话无人接听，包裹延误。"),
    ("delay", "enquiry", "咨询寄往{city}的包裹为什么延误，物流信息停在{hub}。"),
    ("loss", "complaint", "包裹在{hub}之后物流信息中断，疑似丢失，内有{item}，要求查找或赔偿。"),
    ("loss", "complaint", "挂号信对方一直没有收到，查询显示已签收但收件人未签收，疑似丢失。"),
    ("damage", "complaint", "收到的包裹外包装破损，里面的{item}摔坏了，要求理赔。"),
    ("damage", "complaint", "包裹破损严重，{item}受潮，客户要求赔偿。"),
    ("attitude", "complaint", "柜台营业员态度恶劣，办理业务时不耐烦，客户很不满意。"),
    ("attitude", "complaint", "投递员未经同意把包裹放在{place}，打电话时态度差。"),
    ("attitude", "complaint", "投递员虚假签收，包裹实际放在{place}，没有送货上门。"),
    ("price", "complaint", "同样重量的包裹这次邮费比上次多收{n}元，收费与价目表不一致。"),
    ("price", "enquiry", "咨询寄{item}到{city}的资费标准，柜台报价和网上查询不一致。"),
    ("other", "suggestion", "营业厅排队等待时间太长，建议高峰时段增加窗口。"),
    ("other", "suggestion", "建议开通周末寄件服务，上班族工作日没有时间寄件。"),
    ("other", "enquiry", "咨询寄往{city}的国际包裹寄送时限和资费。"),
)

_RESOLUTIONS = {
    "delay": "已联系{hub}核实，包裹已于次日送达，向客户致歉。",
    "loss": "经查找未能找回，已按规定办理理赔，赔付{n}元。",
    "damage": "已核实破损情况，按保价规定赔付{n}元，并向客户致歉。",
    "attitude": "已对相关人员进行批评教育，并当面向客户道歉。",
    "price": "经核实资费计算有误，已退还多收的{n}元；已向客户解释资费标准。",
    "other": "已向客户说明情况，意见已转交网点负责人研究。",
}
_COMMENTS = {5: "处理及时，非常满意", 4: "基本满意", 3: "一般，希望以后注意",
             2: "不太满意，处理时间太长", 1: "很不满意"}
_SCORE_WEIGHTS = (1, 2, 4, 10, 14)  # scores 1..5: most customers are content


@dataclass
class _Plan:
    customer_id: str
    tier: str
    final: Status
    overdue: bool
    reopened: bool
    escalated: bool


def _waybill(rng: random.Random) -> str:
    serial = f"{rng.randrange(10**8):08d}"
    return f"{rng.choice(('EA', 'EB', 'EE', 'RR', 'CP'))}{serial}{s10_check_digit(serial)}CN"


def _fill(text: str, rng: random.Random) -> str:
    return text.format(wb=_waybill(rng), d=rng.randint(3, 12), hub=rng.choice(_HUBS),
                       city=rng.choice(_CITIES), item=rng.choice(_ITEMS),
                       place=rng.choice(_PLACES), n=rng.choice((5, 8, 12, 20, 50, 100, 200)))


def _plans(rng: random.Random, customers: list[tuple[str, str]]) -> list[_Plan]:
    """One plan per (customer, tier): the first dozen cover every status twice (half of
    the open ones overdue), the rest mostly closed."""
    finals = list(Status)
    plans = []
    for i, (customer_id, tier) in enumerate(customers):
        final = finals[i % len(finals)] if i < 2 * len(finals) else rng.choices(
            finals, weights=(2, 2, 3, 2, 2, 6))[0]
        open_ = final.is_open
        plans.append(_Plan(
            customer_id, tier, final,
            overdue=open_ and (i % 2 == 0 or rng.random() < 0.3),
            reopened=final in (Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED)
            and rng.random() < 0.12,
            escalated=rng.random() < 0.06,
        ))
    rng.shuffle(plans)
    return plans


def _build(plan: _Plan, number: str, now: datetime, policy: SlaPolicy, rng: random.Random,
           staff: list[str], admin_id: str | None, calendar: HolidayCalendar
           ) -> tuple[Complaint, list[ComplaintEvent]]:
    category, ctype, template = rng.choice(_TEMPLATES)
    floor = policy.default_priority(plan.tier)
    priority = floor
    if floor < Priority.URGENT and rng.random() < 0.2:
        priority = Priority.URGENT
    elif floor == Priority.NORMAL and ctype != "complaint" and rng.random() < 0.5:
        priority = Priority.LOW
    allowance = timedelta(hours=policy.hours_for(priority))
    if plan.final.is_open:
        # Overdue ones are past their deadline by up to two days; the others well within.
        back = allowance + timedelta(hours=rng.uniform(1, 48)) if plan.overdue \
            else allowance * rng.uniform(0.05, 0.6)
        received = now - back
    else:
        received = now - timedelta(days=rng.uniform(3, 60))
    due = due_at(policy, priority, received, calendar)
    handler = rng.choice(staff) if staff else admin_id
    c = Complaint(
        id=new_id(), number=number, customer_id=plan.customer_id, complaint_type=ctype,
        category=category,
        priority=str(priority), priority_floor=str(floor),
        channel=str(rng.choice((Channel.COUNTER, Channel.COUNTER, Channel.PHONE,
                                Channel.HOTLINE, Channel.ONLINE))),
        description=_fill(template, rng), waybill_no=_waybill(rng) if category in (
            "delay", "loss", "damage") else "",
        status=str(Status.NEW), received_at=received, due_at=due, sla_mode=str(policy.mode),
        resolution="", revisit_comment="", escalation_note="", reopen_count=0,
        escalated=False,
    )
    events: list[ComplaintEvent] = []
    state = WorkflowState()

    def record(action: str, at: datetime, target: Status | None = None, note: str = "",
               by: str | None = None, **detail: Any) -> None:
        nonlocal state
        before = state.status
        if target is not None:
            state = state.apply(target, by=by, at=at, note=note, resolution=detail.get(
                "resolution"), satisfaction=detail.get("satisfaction"))
        events.append(ComplaintEvent(
            complaint_id=c.id, action=action, from_status=str(before) if target else None,
            to_status=str(target) if target else None, by_id=by, at=at, note=note,
            detail=json.dumps({k: v for k, v in detail.items() if k != "resolution"},
                              ensure_ascii=False, sort_keys=True)))

    record("created", received, None, by=admin_id, priority=str(priority),
           due_at=due.isoformat())
    events[0].to_status = str(Status.NEW)
    # Every later step lands after the one before and (nearly always) before now.

    def after_last(at: datetime) -> datetime:
        return max(at, events[-1].at + timedelta(seconds=1))

    def between(hi: datetime, a: float, b: float) -> datetime:
        lo = events[-1].at
        return after_last(lo + (max(hi, lo) - lo) * rng.uniform(a, b))

    def resolve_time() -> datetime:
        last = events[-1].at
        if rng.random() < 0.2 or c.due_at <= last:  # some are resolved late
            target = c.due_at + timedelta(hours=rng.uniform(1, 72))
        else:
            target = last + (c.due_at - last) * rng.uniform(0.3, 0.95)
        return after_last(min(target, now - timedelta(minutes=30)))

    def walk_to(final: Status) -> None:
        order = [Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.REVISITED,
                 Status.CLOSED]
        steps = [] if final == Status.NEW else order[: order.index(final) + 1]
        resolve_at = resolve_time() if (
            Status.RESOLVED in steps and state.status.rank < Status.RESOLVED.rank) else None
        for target in steps:
            if state.status.rank >= target.rank:
                continue
            if target == Status.ASSIGNED:
                c.assignee_id = handler
                record("assign", between(resolve_at or now, 0.05, 0.3), target, by=admin_id,
                       assignee_id=handler)
            elif target == Status.IN_PROGRESS:
                at = between(resolve_at or now, 0.1, 0.5)
                c.responded_at = c.responded_at or at
                record("start", at, target, by=handler)
            elif target == Status.RESOLVED:
                at = after_last(resolve_at or now)
                text = _fill(_RESOLUTIONS[category], rng)
                c.resolution, c.resolved_at = text, at
                record("resolve", at, target, note=text, by=handler, resolution=text)
            elif target == Status.REVISITED:
                at = between(now, 0.1, 0.5)
                score = rng.choices(range(1, 6), weights=_SCORE_WEIGHTS)[0]
                c.satisfaction, c.revisit_comment, c.revisited_at = score, _COMMENTS[score], at
                record("revisit", at, target, note=_COMMENTS[score], by=handler,
                       satisfaction=score)
            elif target == Status.CLOSED:
                at = between(now, 0.2, 0.8)
                c.closed_at = at
                record("close", at, target, by=handler)

    if plan.reopened:
        walk_to(Status.RESOLVED)
        at = between(now, 0.2, 0.6)
        record("reopen", at, Status.IN_PROGRESS, note="客户反映问题仍未解决", by=handler)
        c.reopen_count = 1
        c.resolved_at = None
        c.due_at = due_at(policy, priority, at, calendar)
    walk_to(plan.final)
    c.status = str(state.status)
    if plan.escalated and state.status != Status.CLOSED:
        at = between(now, 0.1, 0.9)
        c.escalated, c.escalated_at, c.escalated_by = True, at, admin_id
        c.escalation_note = "客户多次投诉，情况复杂，上报总部协调"
        record("escalated", at, None, note=c.escalation_note, by=admin_id)
    return c, events


def _customers(ctx: Any, rng: random.Random) -> list[tuple[str, str]]:
    """(id, tier) of the customers complaints will be filed for: a random sample of
    about one in 20 (at least `MINIMUM` complaints), never one in the recycle bin."""
    branch = ctx.branch
    ids: Sequence[str] | None = ctx.shared.get("customer_ids")
    with branch.session() as s, reading(s):
        if not ids:
            ids = list(s.execute(select(Customer.id).order_by(Customer.number)).scalars())
        if not ids:
            return []
        count = max(len(ids) // CUSTOMERS_PER_COMPLAINT, MINIMUM)
        picked = [ids[i] for i in rng.sample(range(len(ids)), min(count, len(ids)))]
        tiers: dict[str, str] = {}
        for at in range(0, len(picked), 500):
            tiers.update(s.execute(
                select(Customer.id, Customer.tier).where(
                    Customer.id.in_(picked[at:at + 500]), Customer.deleted_at.is_(None))
            ).all())
    chosen = [(i, tiers[i]) for i in picked if i in tiers]
    while chosen and len(chosen) < count:  # a small branch: some customers complain twice
        chosen.append(rng.choice(chosen))
    return chosen


def _row(obj: Any, stamp: str, site: str, user_id: str | None, now: datetime
         ) -> dict[str, Any]:
    """The table row of a built (never added) ORM object, stamped as the change-log hook
    would stamp it."""
    row: dict[str, Any] = {}
    for attr in inspect(type(obj)).column_attrs:
        column = attr.columns[0]
        value = getattr(obj, attr.key)
        if value is None and column.default is not None:
            default = column.default
            if default.is_scalar:
                value = default.arg
            elif default.is_callable:
                value = default.arg(None)
        row[attr.key] = value
    row.update(created_at=now, created_by=user_id, updated_at=now, updated_by=user_id,
               version=stamp, site_id=site)
    return row


def _bulk_insert(s: Session, branch: Any, objects: list[Any]) -> None:
    """Insert `objects` (one model) with executemany and their change-log rows: what the
    ORM would write, many times faster (a large demo has tens of thousands)."""
    if not objects:
        return
    clock, user_id, now = branch.db.clock, branch.actor.user_id, utcnow()
    model = type(objects[0])
    rows, changes = [], []
    for obj in objects:
        stamp = clock.now().encode()
        row = _row(obj, stamp, clock.site, user_id, now)
        rows.append(row)
        changes.append({
            "version": stamp, "entity": model.__entity__, "entity_id": row["id"],
            "op": "insert", "site_id": clock.site, "user_id": user_id, "at": now,
            "changes": {k: json_value(v) for k, v in row.items() if k not in _BOOKKEEPING},
        })
    s.execute(insert(model.__table__), rows)
    s.execute(insert(ChangeEntry.__table__), changes)


def fill_demo(ctx: Any) -> None:
    """Fill complaints for the demo branch in `ctx` (`services.demo.DemoContext`)."""
    branch = ctx.branch
    rng: random.Random = ctx.rng
    customers = _customers(ctx, rng)
    if not customers:
        ctx.progress("没有客户，跳过投诉演示数据")
        return
    count = len(customers)
    ctx.progress(f"生成 {count} 条投诉与服务请求…")
    users: dict[str, str] = ctx.user_ids
    staff = [users[u] for u in ("clerk1", "manager1", "manager2") if users.get(u)]
    admin_id = users.get("admin") or branch.actor.user_id
    plans = _plans(rng, customers)
    now = utcnow()
    made: list[str] = []
    for start in range(0, len(plans), CHUNK):
        part = plans[start:start + CHUNK]
        with branch.session() as s, transaction(s, branch.actor):
            numbers = allocate_numbers(s, branch.db.info.branch_code, len(part))
            policy = load_policy(s)
            calendar = load_calendar(s)
            complaints, events = [], []
            for plan, number in zip(part, numbers, strict=True):
                c, history = _build(plan, number, now, policy, rng, staff, admin_id,
                                    calendar)
                complaints.append(c)
                events += history
            _bulk_insert(s, branch, complaints)
            _bulk_insert(s, branch, events)
            made += [c.id for c in complaints]
            audit.append(s, "complaint.demo_filled", user_id=branch.actor.user_id,
                         username=branch.actor.username, entity="complaint",
                         detail={"count": len(part)})
        if len(plans) > CHUNK:
            ctx.progress(f"投诉 {min(start + CHUNK, len(plans))}/{len(plans)}")
    ctx.shared["complaint_ids"] = made


__all__ = ["fill_demo"]
