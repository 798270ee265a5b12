"""Follow-up tasks by hand and from stage-based rules (idempotent), lists, notifications."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import records, rules, tasks
from postcrm_desktop.services.contacts.types import (
    ContactInput,
    RuleInput,
    TaskFilters,
    TaskInput,
)
from tests.unit.contact_data import (
    add_staff,
    analyst,
    clerk,
    customer,
    delete,
    manager,
    set_customer,
    tasks_of,
)
from tests.unit.customer_data import audit_rows

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 in Guangzhou
SH = "Asia/Shanghai"


@pytest.fixture
def staff(branch: Branch) -> dict[str, str]:
    return add_staff(branch)


def _task(branch: Branch, cid: str, title: str = "确认意向", due: datetime | date = NOW,
          **kw: object) -> str:
    return tasks.create_task(branch, TaskInput(cid, title, due, **kw),  # type: ignore[arg-type]
                             tz=SH, now=NOW).id


# --- tasks by hand ----------------------------------------------------------------------


def test_create_task_assigns_the_owner_and_flags_a_past_due_date(branch: Branch,
                                                                 staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"])
    result = tasks.create_task(branch, TaskInput(cid, " 寄送  资料 ", date(2026, 11, 26),
                                                 note="带上宣传册", channel="上门拜访"),
                               tz=SH, now=NOW)
    row = tasks.get_task(branch, result.id)
    assert (row.title, row.note, row.channel, row.source) == ("寄送 资料", "带上宣传册",
                                                              "visit", "manual")
    assert row.assigned_to == staff["manager1"] and row.assigned_name == "经理甲"
    assert row.due_at == datetime(2026, 11, 26, 1, 0, tzinfo=UTC) and result.notices == []
    assert audit_rows(branch, "task.created")[0].entity_id == result.id

    late = tasks.create_task(branch, TaskInput(cid, "补录", NOW - timedelta(hours=1)), now=NOW)
    assert [n.code for n in late.notices] == ["due_in_past"]
    assert tasks.get_task(branch, late.id).overdue(NOW)

    other = tasks.create_task(branch, TaskInput(cid, "交给经理乙", NOW,
                                                assigned_to=staff["manager2"]), now=NOW)
    assert tasks.get_task(branch, other.id).assigned_to == staff["manager2"]
    # No owner: the task goes to whoever created it.
    nobody = customer(branch)
    assert tasks.get_task(branch, _task(branch, nobody)).assigned_to == branch.actor.user_id


def test_bad_tasks_are_refused_with_every_problem(branch: Branch) -> None:
    cid = customer(branch)
    with pytest.raises(ValidationErrors) as info:
        tasks.create_task(branch, TaskInput(cid, "", None, channel="信鸽",  # type: ignore[arg-type]
                                            assigned_to="0" * 32))
    assert set(info.value.by_field()) == {"title", "due", "channel", "assigned_to"}
    with pytest.raises(ValidationError, match="缺少时区"):
        _task(branch, cid, due=datetime(2026, 11, 30, 9, 0))
    with pytest.raises(ValidationError, match="格式不正确"):
        _task(branch, cid, due="明天")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        _task(branch, "e" * 32)
    gone = customer(branch)
    delete(branch, gone)
    with pytest.raises(Conflict, match="回收站"):
        _task(branch, gone)


def test_complete_reopen_cancel(branch: Branch, staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"])
    tid = _task(branch, cid)
    at = NOW + timedelta(hours=1)
    tasks.complete_task(branch, tid, at=at)
    row = tasks.get_task(branch, tid)
    assert (row.status, row.done_at) == ("done", at)
    with pytest.raises(Conflict):
        tasks.complete_task(branch, tid)
    with pytest.raises(Conflict, match="待办任务"):
        tasks.cancel_task(branch, tid)
    tasks.reopen_task(branch, tid)
    assert (tasks.get_task(branch, tid).status, tasks.get_task(branch, tid).done_at) == ("open",
                                                                                        None)
    with pytest.raises(Conflict, match="已经是待办"):
        tasks.reopen_task(branch, tid)
    tasks.cancel_task(branch, tid)
    assert tasks.get_task(branch, tid).status == "cancelled"
    tasks.reopen_task(branch, tid)
    actions = [r.action for r in audit_rows(branch, "task.completed")
               + audit_rows(branch, "task.reopened") + audit_rows(branch, "task.cancelled")]
    assert sorted(actions) == ["task.cancelled", "task.completed", "task.reopened",
                               "task.reopened"]
    with pytest.raises(PermissionDenied):
        tasks.complete_task(analyst(branch, staff), tid)
    with pytest.raises(PermissionDenied):
        tasks.complete_task(manager(branch, staff, "manager2"), tid)
    with pytest.raises(NotFound):
        tasks.complete_task(branch, "a" * 32)


def test_update_task_reschedules_an_open_task(branch: Branch, staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"])
    tid = _task(branch, cid)
    result = tasks.update_task(branch, tid, TaskInput(cid, "改期回访", NOW + timedelta(days=2),
                                                      assigned_to=staff["manager2"]), now=NOW)
    row = tasks.get_task(branch, tid)
    assert (row.title, row.due_at, row.assigned_to) == ("改期回访", NOW + timedelta(days=2),
                                                        staff["manager2"])
    assert result.notices == []
    past = tasks.update_task(branch, tid, TaskInput(cid, "改期回访", NOW - timedelta(days=1)),
                             now=NOW)
    assert past.notices and tasks.get_task(branch, tid).assigned_to == staff["manager2"]
    tasks.complete_task(branch, tid)
    with pytest.raises(Conflict, match="重新打开"):
        tasks.update_task(branch, tid, TaskInput(cid, "x", NOW), now=NOW)


def test_task_lists_page_by_due_time_and_skip_deleted_customers(branch: Branch,
                                                                staff: dict[str, str]) -> None:
    a = customer(branch, staff["manager1"])
    b = customer(branch, staff["manager2"])
    gone = customer(branch, staff["manager1"])
    ids = [_task(branch, a, f"甲{i}", NOW + timedelta(hours=i % 3)) for i in range(7)]
    _task(branch, b, "乙")
    _task(branch, gone, "已删除客户的任务")
    delete(branch, gone)
    seen = []
    page = tasks.list_tasks(branch, TaskFilters(customer_id=a), limit=3)
    while True:
        seen += page.rows
        if page.next_cursor is None:
            break
        page = tasks.list_tasks(branch, TaskFilters(customer_id=a), after=page.next_cursor,
                                limit=3)
    assert sorted(r.id for r in seen) == sorted(ids)
    assert [r.due_at for r in seen] == sorted(r.due_at for r in seen)
    everything = tasks.list_tasks(branch, limit=100).rows
    assert {r.customer_id for r in everything} == {a, b}
    assert [r.title for r in tasks.list_tasks(manager(branch, staff, "manager2")).rows] == ["乙"]
    assert len(tasks.list_tasks(clerk(branch, staff), limit=100).rows) == 8
    assert tasks.list_tasks(branch, TaskFilters(assigned_to=staff["manager2"])).rows[0].title \
        == "乙"
    tasks.complete_task(branch, ids[0])
    assert len(tasks.list_tasks(branch, TaskFilters(customer_id=a, status="done")).rows) == 1
    assert len(tasks.list_tasks(branch, TaskFilters(customer_id=a, status=None)).rows) == 7
    window = TaskFilters(customer_id=a, due_from=NOW + timedelta(hours=1),
                         due_before=NOW + timedelta(hours=2))
    assert {r.due_at for r in tasks.list_tasks(branch, window).rows} == {NOW + timedelta(hours=1)}
    assert len(tasks.open_tasks_of(branch, a)) == 6


def test_due_between_and_next_due_after_drive_notifications(branch: Branch,
                                                            staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"])
    m1 = manager(branch, staff)
    first = _task(m1, cid, "九点", NOW + timedelta(minutes=5))
    _task(m1, cid, "十点", NOW + timedelta(hours=1))
    _task(branch, cid, "给经理乙", NOW + timedelta(minutes=5), assigned_to=staff["manager2"])
    assert tasks.next_due_after(m1, NOW) == NOW + timedelta(minutes=5)
    assert [t.id for t in tasks.due_between(m1, NOW, NOW + timedelta(minutes=5))] == [first]
    assert tasks.due_between(m1, NOW + timedelta(minutes=5), NOW + timedelta(minutes=30)) == []
    tasks.complete_task(m1, first)
    assert tasks.next_due_after(m1, NOW) == NOW + timedelta(hours=1)
    delete(branch, cid)
    assert tasks.next_due_after(m1, NOW) is None


# --- rules: administration --------------------------------------------------------------


def test_rules_are_managed_by_the_branch_admin_only(branch: Branch,
                                                    staff: dict[str, str]) -> None:
    rid = rules.create_rule(branch, RuleInput("潜在客户", "every", 7, "电话", "每周电话"))
    [row] = rules.list_rules(branch)
    assert (row.stage, row.mode, row.days, row.channel, row.active) == ("prospect", "every", 7,
                                                                         "phone", True)
    assert row.summary == "潜在客户每7天未联系即安排电话联系"
    assert rules.list_rules(manager(branch, staff)) == [row]  # everyone may read them
    with pytest.raises(PermissionDenied):
        rules.create_rule(manager(branch, staff), RuleInput("prospect", "every", 3, "phone", "x"))
    with pytest.raises(PermissionDenied):
        rules.set_rule_active(clerk(branch, staff), rid, False)

    rules.update_rule(branch, rid, RuleInput("prospect", "every", 14, "phone", "两周电话"))
    assert rules.list_rules(branch)[0].days == 14
    rules.set_rule_active(branch, rid, False)
    assert rules.list_rules(branch, active_only=True) == []
    assert [r.action for r in audit_rows(branch, "rule.disabled")] == ["rule.disabled"]
    rules.delete_rule(branch, rid)
    assert rules.list_rules(branch) == []
    with pytest.raises(NotFound):
        rules.delete_rule(branch, rid)


def test_bad_rules_are_refused(branch: Branch) -> None:
    with pytest.raises(ValidationErrors) as info:
        rules.create_rule(branch, RuleInput("客户", "sometimes", 0, "fax", ""))
    assert set(info.value.by_field()) == {"stage", "mode", "days", "channel", "title"}
    with pytest.raises(ValidationError, match="不需要等待"):
        rules.create_rule(branch, RuleInput("customer", "within", 30, "visit", "x",
                                            start_after_days=5))
    with pytest.raises(ValidationError, match="1到366"):
        rules.create_rule(branch, RuleInput("customer", "every", 400, "visit", "x"))
    rules.create_rule(branch, RuleInput("customer", "every", 30, "phone", "回访"))
    with pytest.raises(ValidationError, match="相同"):
        rules.create_rule(branch, RuleInput("customer", "every", 30, "phone", "又一条"))


def test_default_rules_are_added_once(branch: Branch) -> None:
    assert len(rules.add_default_rules(branch)) == 3
    assert rules.add_default_rules(branch) == []
    summaries = [r.summary for r in rules.list_rules(branch)]
    assert "进入成交阶段后30天内上门拜访联系一次" in summaries


def test_a_rule_that_made_tasks_can_only_be_disabled(branch: Branch) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "每周电话"))
    customer(branch, stage_since=NOW - timedelta(days=30))
    assert rules.apply_rules(branch, NOW).created == 1
    with pytest.raises(Conflict, match="停用"):
        rules.delete_rule(branch, rid)


# --- rules: applying --------------------------------------------------------------------


def test_every_rule_creates_one_task_when_the_interval_passes_without_contact(
        branch: Branch, staff: dict[str, str]) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "潜在客户每周电话",
                                              "每周至少一次"))
    due = customer(branch, staff["manager1"], stage_since=NOW - timedelta(days=20))
    fresh = customer(branch, staff["manager1"], stage_since=NOW - timedelta(days=3))
    called = customer(branch, staff["manager1"], stage_since=NOW - timedelta(days=20))
    records.log_contact(branch, ContactInput(called, "counter", "柜台办理",
                                             at=NOW - timedelta(days=2)), now=NOW)
    other_stage = customer(branch, stage="customer", stage_since=NOW - timedelta(days=20))
    gone = customer(branch, stage_since=NOW - timedelta(days=20))
    delete(branch, gone)

    result = rules.apply_rules(branch, NOW)
    assert (result.created, result.by_rule) == (1, {rid: 1})
    [task] = tasks_of(branch, due)
    assert (task.title, task.note, task.channel, task.source, task.rule_id) == (
        "潜在客户每周电话", "每周至少一次", "phone", "rule", rid)
    assert (task.due_at, task.assigned_to, task.status) == (NOW, staff["manager1"], "open")
    for cid in (fresh, called, other_stage, gone):
        assert tasks_of(branch, cid) == []

    # Idempotent: nothing more while the task is open, even days later.
    assert rules.apply_rules(branch, NOW).created == 0
    assert rules.apply_rules(branch, NOW + timedelta(days=10)).created == 2  # fresh, called
    assert rules.apply_rules(branch, NOW + timedelta(days=10)).created == 0

    # A contact of the rule's channel completes the task; the next comes a week later.
    records.log_contact(branch, ContactInput(due, "phone", "电话回访", at=NOW + timedelta(days=1)),
                        now=NOW + timedelta(days=1))
    assert tasks_of(branch, due)[0].status == "done"
    assert rules.apply_rules(branch, NOW + timedelta(days=5)).created == 0
    assert rules.apply_rules(branch, NOW + timedelta(days=8, hours=1)).created == 1
    assert len(tasks_of(branch, due)) == 2

    # A task done by hand (no contact logged) also counts for the interval.
    fourth = customer(branch, stage_since=NOW - timedelta(days=20))
    rules.apply_rules(branch, NOW)
    tasks.complete_task(branch, tasks_of(branch, fourth)[0].id, at=NOW)
    assert all(t.customer_id != fourth for t in tasks.list_tasks(branch, limit=100).rows
               if t.status == "open")
    rules.apply_rules(branch, NOW + timedelta(days=3))
    assert len(tasks_of(branch, fourth)) == 1


def test_every_rule_waits_start_after_days_in_the_stage(branch: Branch) -> None:
    rules.create_rule(branch, RuleInput("customer", "every", 30, "phone", "满意度回访",
                                        start_after_days=60))
    newish = customer(branch, stage="customer", stage_since=NOW - timedelta(days=45))
    old = customer(branch, stage="customer", stage_since=NOW - timedelta(days=90))
    assert rules.apply_rules(branch, NOW).created == 1
    assert tasks_of(branch, newish) == [] and len(tasks_of(branch, old)) == 1


def test_within_rule_makes_one_task_per_stage_entry(branch: Branch,
                                                    staff: dict[str, str]) -> None:
    rid = rules.create_rule(branch, RuleInput("customer", "within", 30, "visit",
                                              "新客户30天内上门"))
    entered = NOW - timedelta(days=5)
    new = customer(branch, staff["manager2"], stage="customer", stage_since=entered)
    visited = customer(branch, stage="customer", stage_since=entered)
    records.log_contact(branch, ContactInput(visited, "visit", "已上门",
                                             at=NOW - timedelta(days=1)), now=NOW)
    phoned = customer(branch, stage="customer", stage_since=entered)
    records.log_contact(branch, ContactInput(phoned, "phone", "电话",
                                             at=NOW - timedelta(days=1)), now=NOW)
    long_ago = customer(branch, stage="customer", stage_since=NOW - timedelta(days=60))

    assert rules.apply_rules(branch, NOW).by_rule == {rid: 2}
    [task] = tasks_of(branch, new)
    assert task.due_at == entered + timedelta(days=30) and task.rule_anchor_at == entered
    assert task.assigned_to == staff["manager2"]
    assert len(tasks_of(branch, phoned)) == 1  # a call is not the visit the rule asks for
    assert tasks_of(branch, visited) == [] and tasks_of(branch, long_ago) == []

    # Done or not, the same entry never gets a second task.
    tasks.complete_task(branch, task.id)
    assert rules.apply_rules(branch, NOW + timedelta(days=1)).created == 0

    # Leaving the stage and coming back is a new entry.
    set_customer(branch, new, stage="customer", stage_changed_at=NOW + timedelta(days=2))
    assert rules.apply_rules(branch, NOW + timedelta(days=3)).created == 1
    assert len(tasks_of(branch, new)) == 2


def test_inactive_rules_do_nothing_and_limit_caps_a_run(branch: Branch) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "每周电话"))
    for _ in range(5):
        customer(branch, stage_since=NOW - timedelta(days=20))
    rules.set_rule_active(branch, rid, False)
    assert rules.apply_rules(branch, NOW).created == 0
    rules.set_rule_active(branch, rid, True)
    assert rules.apply_rules(branch, NOW, limit=2).created == 2
    assert rules.apply_rules(branch, NOW).created == 3
    assert rules.apply_rules(branch, NOW).created == 0
    applied = audit_rows(branch, "rule.applied")
    assert len(applied) == 2 and applied[0].entity_id == rid


def test_applying_rules_needs_the_task_permission(branch: Branch,
                                                  staff: dict[str, str]) -> None:
    with pytest.raises(PermissionDenied):
        rules.apply_rules(analyst(branch, staff), NOW)
    with pytest.raises(ValidationError, match="缺少时区"):
        rules.apply_rules(branch, datetime(2026, 11, 24))


def test_every_rule_spreads_a_backlog_over_working_days_with_a_daily_cap(
        branch: Branch, staff: dict[str, str]) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "每周电话"))
    mine = [customer(branch, staff["manager1"], stage_since=NOW - timedelta(days=30))
            for _ in range(13)]
    theirs = [customer(branch, staff["manager2"], stage_since=NOW - timedelta(days=30))
              for _ in range(2)]
    # Tuesday 24 November; the 26th is made a holiday, the weekend is off.
    holidays = {date(2026, 11, 26)}

    def workday(day: date) -> bool:
        return day.weekday() < 5 and day not in holidays

    result = rules.apply_rules(branch, NOW, tz=SH, cap=3, workday=workday)
    # Working days in the week from today: 24, 25, 27, 30 November -> 4 x 3 for manager1.
    assert result.by_rule == {rid: 12 + 2}
    due = sorted(t.due_at for c in mine for t in tasks_of(branch, c))
    days = [d.astimezone(ZoneInfo(SH)).date() for d in due]
    assert days == [date(2026, 11, d) for d in (24, 24, 24, 25, 25, 25, 27, 27, 27,
                                                  30, 30, 30)]
    assert due[:3] == [NOW] * 3  # today's at once, later ones at the start of their day
    assert due[3] == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 09:00 in Guangzhou
    assert all(len(tasks_of(branch, c)) == 1 for c in theirs)
    queued = [c for c in mine if not tasks_of(branch, c)]
    assert len(queued) == 1
    assert rules.apply_rules(branch, NOW, tz=SH, cap=3, workday=workday).created == 0

    # Next day: Tuesday's three still open count against Wednesday, which is full; the
    # queued customer gets the first working day with room, Tuesday 1 December.
    later = NOW + timedelta(days=1)
    assert rules.apply_rules(branch, later, tz=SH, cap=3, workday=workday).created == 1
    [task] = tasks_of(branch, queued[0])
    assert task.due_at == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
