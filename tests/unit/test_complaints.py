"""Complaint desk services: intake, priority, workflow, refusals, escalation, audit, lists."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from postcrm_desktop.core.complaint_enums import ClockMode, Status
from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.sla import SlaPolicy, format_local
from postcrm_desktop.services import events
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import categories, desk, listing, policy, timeline
from postcrm_desktop.services.complaints.numbering import format_number
from postcrm_desktop.services.complaints.types import ComplaintEdit, ComplaintFilters
from postcrm_desktop.services.complaints.workbench import near_deadline
from postcrm_desktop.services.customers import attachments
from postcrm_desktop.store.models.complaints import ComplaintEvent
from postcrm_desktop.store.types import utcnow
from tests.unit.complaint_support import add_customer, file_complaint, intake, walk
from tests.unit.customer_data import all_audit_text, audit_detail, audit_rows, changes

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
Login = Callable[[str], Branch]


def _ids(b: Branch) -> dict[str, str]:
    from postcrm_desktop.store.models.system import User

    with b.session() as s:
        return dict(s.execute(select(User.username, User.id)).all())


# --- intake -------------------------------------------------------------------------------

def test_intake_stores_the_complaint_and_its_first_event(branch: Branch) -> None:
    cust = add_customer(branch)
    cid = file_complaint(branch, cust, waybill_no="ea123456785cn", channel="电话")
    d = desk.get_complaint(branch, cid)
    assert d.row.number == format_number("GZ01", datetime.now().astimezone().year, 1)
    assert (d.row.status, d.row.complaint_type, d.row.category) == ("new", "complaint", "delay")
    assert d.row.category_name == "延误" and d.row.channel == "phone"
    assert d.row.waybill_no == "EA123456785CN"
    assert d.row.assignee_id is None and d.editable
    assert [e.action for e in d.history] == ["created"]
    assert d.history[0].by_id == branch.actor.user_id and d.history[0].to_status == "new"
    assert d.allowed_actions == ["assign"]
    second = file_complaint(branch, cust)
    assert desk.get_complaint(branch, second).row.number.endswith("-000002")


def test_intake_reports_every_problem_at_once(branch: Branch) -> None:
    cust = add_customer(branch)
    with pytest.raises(ValidationErrors) as caught:
        desk.create_complaint(branch, intake(cust, complaint_type="表扬", channel="飞鸽",
                                             description="  ", waybill_no="12",
                                             priority="最高", category=""))
    fields = caught.value.by_field()
    assert set(fields) == {"complaint_type", "channel", "description", "waybill_no",
                           "priority", "category"}
    assert "类型" in fields["complaint_type"] and "问题描述" in fields["description"]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"category": "不存在的分类"}, "category"),
    ({"customer_id": "0" * 32}, "customer_id"),
    ({"description": "字" * 2001}, "description"),
    ({"received_at": datetime(2026, 1, 1, 9, 0)}, "received_at"),  # naive
])
def test_intake_refuses_bad_input(branch: Branch, overrides: dict, field: str) -> None:
    values = {"customer_id": add_customer(branch), **overrides}
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        desk.create_complaint(branch, intake(**values))
    err = caught.value
    names = set(err.by_field()) if isinstance(err, ValidationErrors) else {err.field}
    assert field in names


def test_received_time_may_be_dated_back_but_not_forward(branch: Branch) -> None:
    cust = add_customer(branch)
    now = utcnow()
    with pytest.raises(ValidationErrors, match="晚于现在"):
        file_complaint(branch, cust, received_at=now + timedelta(hours=1))
    with pytest.raises(ValidationErrors, match="30天前"):
        file_complaint(branch, cust, received_at=now - timedelta(days=31))
    cid = file_complaint(branch, cust, received_at=now - timedelta(hours=2))
    row = desk.get_complaint(branch, cid).row
    assert row.received_at == now - timedelta(hours=2)
    assert row.due_at == row.received_at + timedelta(hours=72)


def test_retired_category_is_refused_at_intake(branch: Branch) -> None:
    cust = add_customer(branch)
    categories.set_category_active(branch, "price", False)
    with pytest.raises(ValidationError, match="已停用"):
        file_complaint(branch, cust, category="价格")


def test_deleted_customer_takes_no_complaint(branch: Branch) -> None:
    from postcrm_desktop.services.customers.records import delete_customer

    cust = add_customer(branch)
    delete_customer(branch, cust)
    with pytest.raises(Conflict, match="回收站"):
        file_complaint(branch, cust)


# --- priority -----------------------------------------------------------------------------

def test_diamond_customer_starts_urgent_with_24_hours(branch: Branch) -> None:
    diamond, normal = add_customer(branch, tier="diamond"), add_customer(branch)
    now = utcnow()
    d = desk.get_complaint(branch, file_complaint(branch, diamond, now=now))
    assert d.row.priority == "urgent" and d.priority_floor == "urgent"
    assert d.row.due_at - d.row.received_at == timedelta(hours=24)
    n = desk.get_complaint(branch, file_complaint(branch, normal, now=now))
    assert n.row.priority == "normal" and n.priority_floor == "normal"
    assert n.row.due_at - n.row.received_at == timedelta(hours=72)


def test_priority_can_be_raised_at_intake_and_by_hand(branch: Branch) -> None:
    cust = add_customer(branch)
    raised = desk.get_complaint(branch, file_complaint(branch, cust, priority="紧急"))
    assert raised.row.priority == "urgent"
    cid = file_complaint(branch, cust)
    before = desk.get_complaint(branch, cid).row
    due = desk.set_priority(branch, cid, "urgent", reason="客户为重要企业")
    after = desk.get_complaint(branch, cid)
    assert after.row.priority == "urgent"
    assert due == after.row.due_at == before.received_at + timedelta(hours=24)
    step = after.history[-1]
    assert step.action == "priority" and step.detail["from"] == "normal"
    assert audit_rows(branch, "complaint.priority_changed", cid)


def test_lowering_needs_a_reason_and_below_the_tier_default_needs_manage(
        demo_login: Login) -> None:
    admin = demo_login("admin")
    diamond = add_customer(admin, tier="diamond")
    plain = add_customer(admin)
    low_ok = file_complaint(admin, diamond, priority="low")  # admin holds complaint.manage
    assert desk.get_complaint(admin, low_ok).row.priority == "low"
    urgent = file_complaint(admin, diamond)
    raised = file_complaint(admin, plain, priority="urgent")
    clerk = demo_login("clerk1")
    with pytest.raises(PermissionDenied, match="钻石客户的投诉优先级不能低于“紧急”"):
        file_complaint(clerk, diamond, priority="一般")
    with pytest.raises(PermissionDenied, match="不能低于“紧急”"):
        desk.set_priority(clerk, urgent, "normal", reason="客户同意")
    with pytest.raises(ValidationError, match="说明原因"):
        desk.set_priority(clerk, raised, "normal")
    desk.set_priority(clerk, raised, "normal", reason="误选紧急")  # back to its floor
    assert desk.get_complaint(clerk, raised).row.priority == "normal"
    with pytest.raises(PermissionDenied):
        desk.set_priority(clerk, raised, "low", reason="咨询类")


def test_priority_of_a_resolved_complaint_is_fixed(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    walk(branch, cid, "resolved")
    with pytest.raises(Conflict, match="已办结"):
        desk.set_priority(branch, cid, "urgent")


# --- workflow -----------------------------------------------------------------------------

def test_full_workflow_records_who_and_when(demo_login: Login) -> None:
    admin = demo_login("admin")
    ids = _ids(admin)
    cid = file_complaint(admin, add_customer(admin))
    desk.assign(admin, cid, ids["clerk1"])
    clerk = demo_login("clerk1")
    t0 = utcnow()
    desk.start_work(clerk, cid)
    desk.resolve(clerk, cid, "已联系处理中心，包裹已送达并致歉")
    desk.revisit(clerk, cid, 4, "基本满意")
    desk.close(clerk, cid)
    d = desk.get_complaint(clerk, cid)
    assert d.row.status == "closed" and not d.editable
    steps = [(e.action, e.from_status, e.to_status) for e in d.history]
    assert steps == [("created", None, "new"), ("assign", "new", "assigned"),
                     ("start", "assigned", "in_progress"),
                     ("resolve", "in_progress", "resolved"),
                     ("revisit", "resolved", "revisited"), ("close", "revisited", "closed")]
    assert [e.by_id for e in d.history[2:]] == [ids["clerk1"]] * 4
    assert d.history[1].by_id == ids["admin"] and d.history[1].by_name == "王建国"
    assert all(e.at >= t0 for e in d.history[2:])
    assert [e.at for e in d.history] == sorted(e.at for e in d.history)
    assert d.row.assignee_name == "赵丽"
    assert d.responded_at is not None and d.row.resolved_at is not None
    assert d.row.satisfaction == 4 and d.revisit_comment == "基本满意"
    assert d.row.on_time is True and d.closed_at is not None
    assert d.resolution == "已联系处理中心，包裹已送达并致歉"
    assert d.allowed_actions == ["reopen"]


@pytest.mark.parametrize(("status", "target"), [
    ("new", "in_progress"), ("new", "resolved"), ("new", "closed"),
    ("assigned", "resolved"), ("assigned", "revisited"), ("in_progress", "closed"),
    ("resolved", "closed"), ("revisited", "resolved"), ("closed", "resolved"),
])
def test_invalid_transition_is_refused_and_changes_nothing(
        branch: Branch, status: str, target: str) -> None:
    cid = file_complaint(branch, add_customer(branch))
    if status != "new":
        walk(branch, cid, status)
    before = desk.get_complaint(branch, cid)
    with pytest.raises(Conflict) as caught:
        desk.transition(branch, cid, target, resolution="已处理", satisfaction=5,
                        note="原因")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))
    after = desk.get_complaint(branch, cid)
    assert after.row.status == status
    assert len(after.history) == len(before.history)


def test_resolving_without_a_resolution_is_refused(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    walk(branch, cid, "in_progress")
    for text in ("", "   \n "):
        with pytest.raises(ValidationError) as caught:
            desk.resolve(branch, cid, text)
        assert caught.value.field == "resolution" and "处理结果" in caught.value.message
    assert desk.get_complaint(branch, cid).row.status == "in_progress"


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_revisit_score_outside_one_to_five_is_refused(branch: Branch, score: int) -> None:
    cid = file_complaint(branch, add_customer(branch))
    walk(branch, cid, "resolved")
    with pytest.raises(ValidationError) as caught:
        desk.revisit(branch, cid, score)
    assert caught.value.field == "satisfaction" and "1 到 5" in caught.value.message
    row = desk.get_complaint(branch, cid).row
    assert row.status == "resolved" and row.satisfaction is None


def test_closing_without_a_revisit_is_refused(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    walk(branch, cid, "resolved")
    with pytest.raises(Conflict, match="必须先完成回访"):
        desk.close(branch, cid)
    assert desk.get_complaint(branch, cid).row.status == "resolved"


def test_a_closed_complaint_refuses_every_edit(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    walk(branch, cid, "closed")
    attempts: list[Callable[[], object]] = [
        lambda: desk.update_complaint(branch, cid, ComplaintEdit(description="改一下")),
        lambda: desk.set_priority(branch, cid, "urgent"),
        lambda: desk.add_note(branch, cid, "再联系客户"),
        lambda: desk.escalate(branch, cid, "上报"),
        lambda: desk.assign(branch, cid, branch.actor.user_id or ""),
        lambda: desk.attach_file(branch, cid, "photo.png", PNG),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict, match="已关闭"):
            attempt()
    d = desk.get_complaint(branch, cid)
    assert d.description == "包裹延误五天，物流信息不更新" and not d.row.escalated
    assert d.history[-1].action == "close"


def test_edit_corrects_fields_and_names_them(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    changed = desk.update_complaint(branch, cid, ComplaintEdit(
        category="破损", description="包裹破损，瓷器摔坏", complaint_type="complaint"))
    assert sorted(changed) == ["category", "description"]
    d = desk.get_complaint(branch, cid)
    assert d.row.category == "damage" and d.history[-1].detail == {
        "fields": ["category", "description"]}
    assert desk.update_complaint(branch, cid, ComplaintEdit(category="damage")) == []
    with pytest.raises(ValidationErrors):
        desk.update_complaint(branch, cid, ComplaintEdit(description=" ", waybill_no="x"))


def test_reopen_starts_a_new_deadline_and_keeps_the_old_outcome(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch, tier="diamond"))
    walk(branch, cid, "closed")
    with pytest.raises(ValidationError, match="原因"):
        desk.reopen(branch, cid, " ")
    later = utcnow() + timedelta(hours=1)
    new_due = desk.reopen(branch, cid, "客户反映包裹仍未收到", now=later)
    d = desk.get_complaint(branch, cid)
    assert d.row.status == "in_progress" and d.editable
    assert new_due == d.row.due_at == later + timedelta(hours=24)
    assert d.row.satisfaction is None and d.row.resolved_at is None and d.closed_at is None
    assert d.reopen_count == 1
    reopen = d.history[-1]
    assert (reopen.action, reopen.from_status, reopen.to_status) == (
        "reopen", "closed", "in_progress")
    assert reopen.detail["satisfaction"] == 5 and reopen.note == "客户反映包裹仍未收到"
    desk.resolve(branch, cid, "已重新投递")
    assert desk.get_complaint(branch, cid).row.status == "resolved"


def test_reopen_from_resolved_and_revisited(branch: Branch) -> None:
    cust = add_customer(branch)
    for status in ("resolved", "revisited"):
        cid = file_complaint(branch, cust)
        walk(branch, cid, status)
        desk.reopen(branch, cid, "未解决")
        assert desk.get_complaint(branch, cid).row.status == "in_progress"
    cid = file_complaint(branch, cust)
    walk(branch, cid, "assigned")
    with pytest.raises(Conflict):
        desk.reopen(branch, cid, "未解决")


def test_random_walk_through_the_service_keeps_history_in_step(branch: Branch) -> None:
    rng = random.Random(7)
    cid = file_complaint(branch, add_customer(branch))
    applied = 0
    for _ in range(25):
        target = rng.choice(list(Status))
        try:
            desk.transition(branch, cid, target, resolution="已处理", satisfaction=3,
                            note="原因")
        except (Conflict, ValidationError):
            continue
        applied += 1
    d = desk.get_complaint(branch, cid)
    moves = [e for e in d.history if e.to_status and e.action != "created"]
    assert len(moves) == applied > 0
    assert Status(d.row.status) == Status(moves[-1].to_status)


# --- assignment and permissions -----------------------------------------------------------

def test_assignment_rules(demo_login: Login) -> None:
    admin = demo_login("admin")
    ids = _ids(admin)
    cust = add_customer(admin)
    a, b = file_complaint(admin, cust), file_complaint(admin, cust)
    with pytest.raises(ValidationError, match="不能处理投诉"):
        desk.assign(admin, a, ids["analyst1"])
    names = {u.username for u in desk.assignable_users(admin)}
    assert {"admin", "clerk1", "manager1", "manager2"} <= names and "analyst1" not in names
    clerk = demo_login("clerk1")
    with pytest.raises(PermissionDenied, match="分派给他人"):
        desk.assign(clerk, a, ids["manager1"])
    desk.assign(clerk, a, ids["clerk1"])  # taking it oneself
    assert desk.get_complaint(clerk, a).row.assignee_id == ids["clerk1"]
    admin = demo_login("admin")
    desk.assign(admin, a, ids["manager1"], note="转客户经理")  # reassign keeps the status
    d = desk.get_complaint(admin, a)
    assert d.row.status == "assigned" and d.history[-1].action == "reassign"
    assert audit_rows(admin, "complaint.reassigned", a)
    cid = desk.create_complaint(admin, intake(cust, assignee_id=ids["clerk1"]))
    assert desk.get_complaint(admin, cid).row.status == "assigned"
    analyst = demo_login("analyst1")
    with pytest.raises(PermissionDenied):
        desk.start_work(analyst, b)
    assert listing.count_complaints(analyst) >= 3  # the analyst may read


def test_managers_see_their_customers_and_what_is_assigned_to_them(demo_login: Login
                                                                    ) -> None:
    admin = demo_login("admin")
    ids = _ids(admin)
    mine = add_customer(admin, owner_id=ids["manager1"])
    theirs = add_customer(admin, owner_id=ids["manager2"])
    a = file_complaint(admin, mine)
    b = file_complaint(admin, theirs)
    c = file_complaint(admin, theirs)
    desk.assign(admin, c, ids["manager1"])
    m1 = demo_login("manager1")
    seen = {r.id for r in listing.iter_complaints(m1)}
    assert a in seen and c in seen and b not in seen
    with pytest.raises(PermissionDenied):
        desk.get_complaint(m1, b)
    with pytest.raises(PermissionDenied):
        desk.add_note(m1, b, "看看")
    desk.start_work(m1, c)
    with pytest.raises(NotFound):
        desk.get_complaint(m1, "0" * 32)


# --- escalation ---------------------------------------------------------------------------

def test_escalation_flag_needs_manage(demo_login: Login) -> None:
    admin = demo_login("admin")
    cust = add_customer(admin)
    cid = file_complaint(admin, cust)
    clerk = demo_login("clerk1")
    with pytest.raises(PermissionDenied):
        desk.escalate(clerk, cid, "情况复杂")
    admin = demo_login("admin")
    with pytest.raises(ValidationError):
        desk.escalate(admin, cid, "")
    desk.escalate(admin, cid, "客户多次投诉，需总部协调")
    d = desk.get_complaint(admin, cid)
    assert d.row.escalated and d.escalated_at is not None
    assert d.escalation_note == "客户多次投诉，需总部协调"
    assert d.history[-1].action == "escalated"
    with pytest.raises(Conflict, match="已上报"):
        desk.escalate(admin, cid, "再次")
    assert listing.count_complaints(admin, ComplaintFilters(escalated=True,
                                                            customer_id=cust)) == 1
    sync_rows = changes(admin, "complaint", cid)
    assert any(c.changes and c.changes.get("escalated") is True for c in sync_rows)
    desk.cancel_escalation(admin, cid, "已在网点解决")
    assert not desk.get_complaint(admin, cid).row.escalated


# --- audit, change log, announcements -----------------------------------------------------

def test_every_write_is_audited_and_change_logged_without_texts(branch: Branch) -> None:
    heard: list[events.Changes] = []
    stop = events.subscribe(heard.append)
    try:
        cid = file_complaint(branch, add_customer(branch),
                             description="测试专用描述文本甲乙丙，包裹破损")
        walk(branch, cid, "closed")
    finally:
        stop()
    created = audit_rows(branch, "complaint.created", cid)
    assert len(created) == 1
    detail = audit_detail(created[0])
    assert detail["category"] == "delay" and detail["priority"] == "normal"
    moves = [audit_detail(r) for r in audit_rows(branch, "complaint.status_changed", cid)]
    assert [(m["from"], m["to"]) for m in moves] == [
        ("new", "assigned"), ("assigned", "in_progress"), ("in_progress", "resolved"),
        ("resolved", "revisited"), ("revisited", "closed")]
    text = all_audit_text(branch)
    assert "测试专用描述文本" not in text and "已联系处理中心" not in text
    assert changes(branch, "complaint", cid)[0].op == "insert"
    assert len(changes(branch, "complaint", cid)) == 6  # insert + 5 status updates
    with branch.session() as s:
        event_ids = list(s.execute(select(ComplaintEvent.id).where(
            ComplaintEvent.complaint_id == cid)).scalars())
    assert len(event_ids) == 6
    assert all(changes(branch, "complaint_event", e)[0].op == "insert" for e in event_ids)
    assert any(h.touches("complaint") and cid in h.entities["complaint"] for h in heard)


def test_history_rows_cannot_be_rewritten(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    from sqlalchemy.exc import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"), branch.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE complaint_events SET note='x'")
    assert desk.get_complaint(branch, cid).history[0].note == ""


# --- lists, overdue, workbench, timeline --------------------------------------------------

def test_list_puts_overdue_first_and_pages_by_keyset(branch: Branch) -> None:
    cust = add_customer(branch)
    now = utcnow()
    late = file_complaint(branch, cust, received_at=now - timedelta(hours=80))  # due -8h
    later = file_complaint(branch, cust, received_at=now - timedelta(hours=75))  # due -3h
    soon = file_complaint(branch, cust, received_at=now - timedelta(hours=70))  # due +2h
    fresh = file_complaint(branch, cust)  # due +72h
    done = file_complaint(branch, cust, received_at=now - timedelta(hours=90))
    walk(branch, done, "closed")
    expected = [late, later, soon, fresh, done]
    first = listing.list_complaints(branch, limit=2, now=now)
    assert [r.id for r in first.rows] == expected[:2] and first.next_cursor is not None
    assert all(r.overdue for r in first.rows) and first.rows[0].clock.startswith("已超时")
    got = [r.id for r in first.rows]
    cursor = first.next_cursor
    while cursor is not None:
        page = listing.list_complaints(branch, limit=2, after=cursor, now=now)
        got += [r.id for r in page.rows]
        cursor = page.next_cursor
    assert got == expected
    overdue = listing.list_complaints(branch, ComplaintFilters(overdue_only=True), now=now)
    assert [r.id for r in overdue.rows] == [late, later]
    assert listing.overdue_count(branch, now=now) == 2
    closed_row = next(r for r in listing.iter_complaints(branch, now=now) if r.id == done)
    assert not closed_row.overdue and closed_row.clock == ""
    assert listing.count_complaints(branch, ComplaintFilters(statuses=("closed",))) == 1
    assert listing.count_complaints(branch, ComplaintFilters(query="物流信息")) == 5
    number = desk.get_complaint(branch, soon).row.number
    assert [r.id for r in listing.list_complaints(
        branch, ComplaintFilters(query=number.lower())).rows] == [soon]
    with pytest.raises(ValidationError):
        listing.list_complaints(branch, limit=0)


def test_workbench_lists_open_complaints_near_or_past_deadline(branch: Branch) -> None:
    cust = add_customer(branch)
    now = utcnow()
    late = file_complaint(branch, cust, received_at=now - timedelta(hours=80))
    soon = file_complaint(branch, cust, received_at=now - timedelta(hours=60))  # due +12h
    file_complaint(branch, cust)  # due in 72h: not near
    done = file_complaint(branch, cust, received_at=now - timedelta(hours=80))
    walk(branch, done, "resolved")
    items = near_deadline(branch, now, hours=24)
    assert [i.complaint_id for i in items] == [late, soon]
    assert items[0].overdue and not items[1].overdue
    assert items[0].customer_id == cust and items[0].customer_name == "测试甲"
    assert [i.complaint_id for i in near_deadline(branch, now, hours=0)] == [late]
    assert near_deadline(branch, now, hours=100, mine_only=True) == []


def test_timeline_entries_for_a_customer(branch: Branch) -> None:
    cust, other = add_customer(branch), add_customer(branch)
    cid = file_complaint(branch, cust)
    walk(branch, cid, "revisited")
    file_complaint(branch, other)
    entries = timeline.events_for_customer(branch, cust)
    assert {e[3] for e in entries} == {cid}
    assert all(kind == "complaint" for _, kind, _, _ in entries)
    titles = [t for _, _, t, _ in entries]
    assert titles[-1].startswith("受理投诉（延误）") and "满意度 5 分" in titles[0]
    assert [e[0] for e in entries] == sorted((e[0] for e in entries), reverse=True)


# --- time zones ---------------------------------------------------------------------------

@pytest.fixture
def pc_zone() -> Iterator[Callable[[str], None]]:
    """Change the PC's zone for this test (TZ + tzset), restored after."""
    old = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_pc_zone_and_dst_never_move_a_stored_deadline(
        branch: Branch, pc_zone: Callable[[str], None]) -> None:
    pc_zone("Asia/Shanghai")
    cust = add_customer(branch)
    received = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)  # the day before US DST begins
    cid = file_complaint(branch, cust, received_at=received, now=received)
    due = desk.get_complaint(branch, cid).row.due_at
    assert due == received + timedelta(hours=72)
    shown_shanghai = format_local(due)
    pc_zone("America/New_York")
    again = desk.get_complaint(branch, cid).row.due_at
    assert again == due and again.tzinfo == UTC
    assert format_local(again) != shown_shanghai  # shown in the new local time
    assert format_local(again) == "2026-03-10 11:00"  # EDT, after the change


def test_working_hours_policy_follows_the_chinese_calendar(branch: Branch) -> None:
    policy.set_policy(branch, SlaPolicy(mode=ClockMode.WORKING))
    assert policy.get_policy(branch).mode == ClockMode.WORKING
    cust = add_customer(branch, tier="diamond")
    # Received on the evening of 30 September 2025, before the National Day week.
    received = datetime(2025, 9, 30, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
    cid = file_complaint(branch, cust, received_at=received, now=received)
    d = desk.get_complaint(branch, cid, now=received)
    assert d.sla_mode == "working"
    # 24 working hours: 9 Oct and 10 Oct (9h each), 6h on make-up Saturday 11 Oct.
    assert d.row.due_at == datetime(2025, 10, 11, 6, 30, tzinfo=UTC)  # 14:30 Shanghai


def test_policy_changes_need_manage_and_are_audited(demo_login: Login) -> None:
    clerk = demo_login("clerk1")
    assert policy.get_policy(clerk).hours_for("urgent") == 24
    with pytest.raises(PermissionDenied):
        policy.set_policy(clerk, {"hours": {"urgent": 12}})
    admin = demo_login("admin")
    stored = policy.set_policy(admin, {"hours": {"urgent": 12, "normal": 48, "low": 96}})
    assert stored.hours_for("urgent") == 12
    rows = audit_rows(admin, "complaint.sla_policy_changed")
    assert json.loads(rows[-1].detail)["hours"]["urgent"] == 12
    with pytest.raises(ValidationErrors):
        policy.set_policy(admin, {"hours": {"urgent": -1}})


# --- categories and attachments -------------------------------------------------------------

def test_category_list_is_editable(branch: Branch) -> None:
    names = [c.name for c in categories.list_categories(branch)]
    assert names == ["延误", "丢失", "破损", "服务态度", "价格", "其他"]
    code = categories.add_category(branch, "网点环境")
    categories.rename_category(branch, code, "营业环境")
    cust = add_customer(branch)
    cid = file_complaint(branch, cust, category="营业环境")
    assert desk.get_complaint(branch, cid).row.category_name == "营业环境"
    with pytest.raises(ValidationError, match="已存在"):
        categories.add_category(branch, "延误")
    with pytest.raises(Conflict, match="不能删除"):
        categories.delete_category(branch, code)
    categories.set_category_active(branch, code, False)
    assert "营业环境" not in [c.name for c in categories.list_categories(branch)]
    assert desk.get_complaint(branch, cid).row.category_name == "营业环境"
    categories.move_category(branch, "other", 0)
    assert categories.list_categories(branch)[0].code == "other"
    spare = categories.add_category(branch, "临时")
    categories.delete_category(branch, spare)


def test_attachments_hang_off_the_complaint(branch: Branch) -> None:
    cid = file_complaint(branch, add_customer(branch))
    info = desk.attach_file(branch, cid, "破损照片.png", PNG)
    assert [a.id for a in desk.get_complaint(branch, cid).attachments] == [info.id]
    assert attachments.read_attachment(branch, info.id) == PNG
    assert [a.id for a in attachments.list_attachments(branch, "complaint", cid)] == [info.id]
    with pytest.raises(ValidationError):
        desk.attach_file(branch, cid, "x.exe", b"MZ")


def test_demo_fill_covers_every_status_with_some_overdue(branch: Branch,
                                                         tmp_path: Path) -> None:
    from postcrm_desktop.services.complaints.demo_data import fill_demo
    from postcrm_desktop.services.demo import DemoContext

    for i in range(30):
        add_customer(branch, tier="diamond" if i % 7 == 0 else "normal",
                     district=("天河区", "越秀区", "海珠区")[i % 3])
    ctx = DemoContext(branch, 30, random.Random(3), {"admin": branch.actor.user_id or ""},
                      lambda _m: None)
    fill_demo(ctx)
    rows = list(listing.iter_complaints(branch))
    assert len(rows) == 12 == len(ctx.shared["complaint_ids"])  # type: ignore[arg-type]
    assert {r.status for r in rows} == {str(s) for s in Status}
    assert any(r.overdue for r in rows)
    assert [r.overdue for r in rows] == sorted((r.overdue for r in rows), reverse=True)
    for r in rows:
        d = desk.get_complaint(branch, r.id)
        moves = [e for e in d.history if e.to_status]
        assert moves[0].action == "created" and moves[-1].to_status == r.status
        assert [e.at for e in d.history] == sorted(e.at for e in d.history)
        if r.status in ("revisited", "closed"):
            assert 1 <= (r.satisfaction or 0) <= 5
    assert len({r.number for r in rows}) == 12
    # Written in bulk, yet change-logged like any insert (sync sends them).
    logged = changes(branch, "complaint", rows[0].id)
    assert [c.op for c in logged] == ["insert"]
    assert logged[0].changes["number"] == rows[0].number
    assert logged[0].changes["due_at"] == rows[0].due_at.isoformat()
    first_event = desk.get_complaint(branch, rows[0].id).history[0].id
    assert [c.op for c in changes(branch, "complaint_event", first_event)] == ["insert"]
    # The desk carries on from demo data: numbers continue, workflow applies.
    new = file_complaint(branch, rows[0].customer_id)
    assert desk.get_complaint(branch, new).row.number.endswith("-000013")


def test_merge_moves_complaints_and_purge_removes_them(branch: Branch) -> None:
    from postcrm_desktop.services.customers.duplicates import merge_customers
    from postcrm_desktop.services.customers.records import delete_customer, purge_customer

    keep, gone = add_customer(branch), add_customer(branch)
    moved = file_complaint(branch, gone)
    desk.attach_file(branch, moved, "单据.png", PNG)
    merge_customers(branch, keep, gone, {})
    assert desk.get_complaint(branch, moved).row.customer_id == keep
    walk(branch, moved, "in_progress")  # the history stays with it and keeps growing

    doomed = add_customer(branch)
    cid = file_complaint(branch, doomed)
    desk.attach_file(branch, cid, "单据.png", PNG)
    walk(branch, cid, "closed")
    delete_customer(branch, doomed)
    removed = purge_customer(branch, doomed)
    assert removed["complaints"] == 1 and removed["complaint_events"] == 6
    assert removed["attachments"] == 1
    with pytest.raises(NotFound):
        desk.get_complaint(branch, cid)
    assert [c.op for c in changes(branch, "complaint", cid)][-1] == "delete"
