"""The workbench: today's and overdue tasks, upcoming care dates, other areas' sections;
local days over UTC deadlines (time zones, daylight saving), visibility."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.care_dates import from_solar_birthday
from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.local_time import at_local, day_bounds, due_instant, local_date
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care, records, rules, tasks, workbench
from postcrm_desktop.services.contacts.types import (
    CareDateInput,
    ContactInput,
    RuleInput,
    TaskInput,
)
from postcrm_desktop.services.contacts.workbench import (
    WorkbenchContext,
    WorkbenchItem,
    WorkbenchSection,
)
from tests.unit.contact_data import (
    add_staff,
    analyst,
    clerk,
    customer,
    delete,
    manager,
    set_customer,
)

SH = "Asia/Shanghai"
NY = "America/New_York"
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 on the 24th in Guangzhou


@pytest.fixture
def staff(branch: Branch) -> dict[str, str]:
    return add_staff(branch)


def _task(branch: Branch, cid: str, title: str, due: datetime | date,
          tz: str = SH) -> str:
    return tasks.create_task(branch, TaskInput(cid, title, due), tz=tz, now=NOW).id


def _titles(items: list[WorkbenchItem]) -> list[str]:
    return [i.title for i in items]


def test_tasks_fall_into_today_and_overdue_by_the_local_day(branch: Branch,
                                                           staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"], name="张甲")
    m1 = manager(branch, staff)
    sh = ZoneInfo(SH)
    _task(m1, cid, "昨天", datetime(2026, 11, 23, 17, 0, tzinfo=sh))
    _task(m1, cid, "今天一早", datetime(2026, 11, 24, 0, 30, tzinfo=sh))  # 23rd in UTC
    _task(m1, cid, "今天上午已过", datetime(2026, 11, 24, 9, 0, tzinfo=sh))
    _task(m1, cid, "今晚", datetime(2026, 11, 24, 23, 30, tzinfo=sh))
    _task(m1, cid, "明天", date(2026, 11, 25))
    bench = workbench.today(m1, NOW, tz=SH)
    assert bench.today == date(2026, 11, 24) and bench.zone == SH
    assert _titles(bench.today_tasks) == ["今天一早", "今天上午已过", "今晚"]
    assert _titles(bench.overdue_tasks) == ["昨天"]
    first = bench.today_tasks[0]
    assert (first.kind, first.customer_id, first.customer_name) == ("task", cid, "张甲")
    assert first.overdue and not bench.today_tasks[2].overdue  # due time passed / not yet
    assert first.on == date(2026, 11, 24)
    assert bench.section("today").total == 3  # type: ignore[union-attr]
    # In UTC the same instants fall on other days.
    utc = workbench.today(m1, NOW, tz="UTC")
    assert _titles(utc.overdue_tasks) == ["昨天", "今天一早"]
    assert _titles(utc.today_tasks) == ["今天上午已过", "今晚"]


def test_done_tasks_and_tasks_of_deleted_or_merged_customers_disappear(
        branch: Branch, staff: dict[str, str]) -> None:
    m1 = manager(branch, staff)
    kept = customer(branch, staff["manager1"])
    gone = customer(branch, staff["manager1"])
    merged = customer(branch, staff["manager1"])
    for cid, title in ((kept, "留下"), (gone, "删除客户"), (merged, "被合并客户")):
        _task(m1, cid, title, NOW)
        _task(m1, cid, title + "逾期", NOW - timedelta(days=3))
    done = _task(m1, kept, "已完成", NOW)
    tasks.complete_task(m1, done)
    before = workbench.today(m1, NOW, tz=SH)
    assert len(before.today_tasks) == 3 and len(before.overdue_tasks) == 3
    delete(branch, gone)
    set_customer(branch, merged, merged_into=kept)
    after = workbench.today(m1, NOW, tz=SH)
    assert _titles(after.today_tasks) == ["留下"]
    assert _titles(after.overdue_tasks) == ["留下逾期"]
    assert tasks.list_tasks(m1).rows[0].customer_id == kept


def test_daylight_saving_moves_no_deadline(branch: Branch) -> None:
    ny = ZoneInfo(NY)
    # 8 March 2026: clocks in New York go from 02:00 to 03:00; the day has 23 hours.
    start, end = day_bounds(date(2026, 3, 8), NY)
    assert end - start == timedelta(hours=23)
    fall_start, fall_end = day_bounds(date(2026, 11, 1), NY)
    assert fall_end - fall_start == timedelta(hours=25)
    # 09:00 local is 14:00 UTC before the change and 13:00 UTC after it.
    assert at_local(date(2026, 3, 7), time(9), NY) == datetime(2026, 3, 7, 14, tzinfo=UTC)
    assert at_local(date(2026, 3, 9), time(9), NY) == datetime(2026, 3, 9, 13, tzinfo=UTC)
    assert due_instant(date(2026, 3, 9), NY).astimezone(ny).time() == time(9)

    cid = customer(branch)
    late_evening = datetime(2026, 3, 8, 23, 30, tzinfo=ny)  # 03:30 UTC on the 9th
    after_midnight = datetime(2026, 3, 9, 0, 30, tzinfo=ny)
    a = _task(branch, cid, "当晚", late_evening, NY)
    _task(branch, cid, "次日凌晨", after_midnight, NY)
    stored = tasks.get_task(branch, a).due_at
    assert stored == datetime(2026, 3, 9, 3, 30, tzinfo=UTC) and stored.tzinfo is UTC
    assert local_date(stored, NY) == date(2026, 3, 8)

    morning = datetime(2026, 3, 8, 8, 0, tzinfo=ny)  # before the change, same local day
    bench = workbench.today(branch, morning, tz=NY)
    assert bench.today == date(2026, 3, 8)
    assert _titles(bench.today_tasks) == ["当晚"]
    next_day = workbench.today(branch, datetime(2026, 3, 9, 8, 0, tzinfo=ny), tz=NY)
    assert _titles(next_day.today_tasks) == ["次日凌晨"]
    assert _titles(next_day.overdue_tasks) == ["当晚"]
    # Shown in Guangzhou (no DST) the very same deadline is 11:30 on the 9th.
    assert stored.astimezone(ZoneInfo(SH)).replace(tzinfo=None) == datetime(2026, 3, 9, 11, 30)


def test_care_dates_of_the_next_seven_days_including_lunar(branch: Branch,
                                                          staff: dict[str, str]) -> None:
    m1 = manager(branch, staff)
    a = customer(branch, staff["manager1"], name="甲")
    b = customer(branch, staff["manager1"], name="乙")
    c = customer(branch, staff["manager2"], name="丙")
    far = customer(branch, staff["manager1"], name="丁")
    care.add_care_date(branch, CareDateInput(a, "birthday", 11, 26, year=1980), today=NOW.date())
    lunar = from_solar_birthday(date(2026, 11, 27), "lunar")  # a lunar date falling this week
    care.add_care_date(branch, CareDateInput(b, "birthday", lunar.month, lunar.day, "lunar",
                                             year=1970), today=NOW.date())
    care.add_care_date(branch, CareDateInput(c, "birthday", 11, 25), today=NOW.date())
    care.add_care_date(branch, CareDateInput(far, "birthday", 12, 25), today=NOW.date())
    bench = workbench.today(m1, NOW, tz=SH)
    items = bench.care_dates
    assert [(i.customer_name, i.on, i.title) for i in items] == [
        ("甲", date(2026, 11, 26), "生日（46岁）"), ("乙", date(2026, 11, 27), "生日（56岁）")]
    assert items[1].detail.startswith("农历") and items[1].kind == "care"
    everyone = workbench.today(branch, NOW, tz=SH, mine=False)
    assert [i.customer_name for i in everyone.care_dates] == ["丙", "甲", "乙"]
    assert everyone.section("care").total == 3  # type: ignore[union-attr]


def test_visibility_of_the_workbench(branch: Branch, staff: dict[str, str]) -> None:
    mine = customer(branch, staff["manager1"])
    theirs = customer(branch, staff["manager2"])
    _task(branch, mine, "经理甲的", NOW)
    _task(branch, theirs, "经理乙的", NOW)
    other = tasks.create_task(branch, TaskInput(mine, "交给经理乙", NOW,
                                                assigned_to=staff["manager2"]), now=NOW).id
    m1, m2 = manager(branch, staff), manager(branch, staff, "manager2")
    assert _titles(workbench.today(m1, NOW, tz=SH).today_tasks) == ["经理甲的"]
    # Not mine only: still only the customers the manager may see.
    assert sorted(_titles(workbench.today(m1, NOW, tz=SH, mine=False).today_tasks)) == [
        "交给经理乙", "经理甲的"]
    # A task assigned to manager2 on manager1's customer is not shown to manager2.
    assert _titles(workbench.today(m2, NOW, tz=SH).today_tasks) == ["经理乙的"]
    assert other
    assert len(workbench.today(branch, NOW, tz=SH, mine=False).today_tasks) == 3
    assert len(workbench.today(clerk(branch, staff), NOW, tz=SH, mine=False).today_tasks) == 3
    assert workbench.today(clerk(branch, staff), NOW, tz=SH).today_tasks == []
    # An analyst has no task permission but may look.
    assert len(workbench.today(analyst(branch, staff), NOW, tz=SH, mine=False)
               .today_tasks) == 3


def test_limits_and_capped_totals(branch: Branch, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = customer(branch)
    for i in range(7):
        _task(branch, cid, f"任务{i}", NOW + timedelta(minutes=i))
    bench = workbench.today(branch, NOW, tz=SH, limit=3)
    section = bench.section("today")
    assert section is not None and len(section.items) == 3 and section.total == 7
    assert section.total_text == "7"
    monkeypatch.setattr(workbench, "COUNT_CAP", 5)
    capped = workbench.today(branch, NOW, tz=SH, limit=3).section("today")
    assert capped is not None and capped.total == 6 and capped.total_text == "5+"


def test_rules_run_first_once_a_day(branch: Branch) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "每周电话"))
    customer(branch, stage_since=NOW - timedelta(days=30))
    bench = workbench.today(branch, NOW, tz=SH, apply_rules=True, mine=False)
    assert bench.rules is not None and bench.rules.created == 1
    assert _titles(bench.today_tasks) == ["每周电话"]
    assert workbench.today(branch, NOW, tz=SH).rules is None
    # Once a day: the same day does not read the customers again...
    customer(branch, stage_since=NOW - timedelta(days=30))
    later = NOW + timedelta(hours=3)
    assert workbench.today(branch, later, tz=SH, apply_rules=True).rules is None
    # ...unless the rules changed, or the next day comes.
    rules.update_rule(branch, rid, RuleInput("prospect", "every", 7, "phone", "每周电话回访"))
    changed = workbench.today(branch, later, tz=SH, apply_rules=True)
    assert changed.rules is not None and changed.rules.created == 1
    customer(branch, stage_since=NOW - timedelta(days=30))
    next_day = workbench.today(branch, NOW + timedelta(days=1), tz=SH, apply_rules=True)
    assert next_day.rules is not None and next_day.rules.created == 1


@pytest.fixture
def extra_section() -> Iterator[list[WorkbenchContext]]:
    seen: list[WorkbenchContext] = []

    def provider(branch: Branch, ctx: WorkbenchContext) -> WorkbenchSection:
        seen.append(ctx)
        if not branch.actor.can("report.view"):
            raise PermissionDenied("report.view")
        return WorkbenchSection("visits", "今日拜访", [WorkbenchItem(
            "visit", "v1", "c1", "某客户", "上门")], 1)

    workbench.register_section("visits", provider)
    yield seen
    workbench.WORKBENCH_SECTIONS.pop("visits", None)


def test_other_areas_add_sections(branch: Branch, staff: dict[str, str],
                                  extra_section: list[WorkbenchContext]) -> None:
    bench = workbench.today(branch, NOW, tz=SH, limit=20)
    keys = [s.key for s in bench.sections]
    assert keys[:3] == ["today", "overdue", "care"] and keys[-1] == "visits"
    assert "complaints" in keys  # the complaint desk is part of this build
    ctx = extra_section[0]
    assert (ctx.today, ctx.limit, ctx.mine) == (date(2026, 11, 24), 20, True)
    assert ctx.day_end - ctx.day_start == timedelta(hours=24)
    # A section the user's role does not cover is left out, not an error.
    no_reports = workbench.today(clerk(branch, staff), NOW, tz=SH)
    assert "visits" not in [s.key for s in no_reports.sections]


def test_open_complaints_near_their_deadline(branch: Branch) -> None:
    desk = pytest.importorskip("postcrm_desktop.services.complaints.desk")
    from postcrm_desktop.services.complaints.categories import list_categories
    from postcrm_desktop.services.complaints.types import ComplaintInput

    cid = customer(branch, name="投诉人")
    category = list_categories(branch)[0].code
    now = datetime.now(UTC)
    complaint_id = desk.create_complaint(branch, ComplaintInput(
        cid, "complaint", category, "包裹破损", priority="urgent"), now=now)
    items = workbench.today(branch, now + timedelta(hours=1), mine=False).complaints
    [item] = [i for i in items if i.id == complaint_id]
    assert (item.kind, item.customer_id, item.customer_name) == ("complaint", cid, "投诉人")
    assert item.due_at is not None


def test_a_contact_next_step_due_in_the_past_shows_as_overdue(branch: Branch) -> None:
    cid = customer(branch)
    result = records.log_contact(branch, ContactInput(
        cid, "phone", "回访", next_step="补寄资料", next_due=NOW - timedelta(days=2)),
        tz=SH, now=NOW)
    assert result.due_in_past
    assert _titles(workbench.today(branch, NOW, tz=SH).overdue_tasks) == ["补寄资料"]


def test_rule_tasks_come_as_one_group_per_rule_with_a_count(branch: Branch,
                                                            staff: dict[str, str]) -> None:
    rid = rules.create_rule(branch, RuleInput("prospect", "every", 30, "phone", "每月电话"))
    ids = [customer(branch, staff["manager1"], stage_since=NOW - timedelta(days=60))
           for _ in range(4)]
    lone = rules.create_rule(branch, RuleInput("customer", "every", 30, "visit", "每月上门"))
    single = customer(branch, staff["manager1"], stage="customer",
                      stage_since=NOW - timedelta(days=60))
    by_hand = _task(branch, ids[0], "寄资料", NOW + timedelta(hours=1))
    rules.apply_rules(branch, NOW, tz=SH)
    me = manager(branch, staff)
    section = workbench.today(me, NOW, tz=SH, limit=3).section("today")
    assert section is not None and section.total == 6  # every task counts
    group = next(i for i in section.items if i.is_group)
    assert (group.kind, group.id, group.title, group.count) == ("rule_group", rid, "每月电话", 4)
    assert len(group.children) == 3  # a group lists up to the limit, earliest first
    assert {c.customer_id for c in group.children} <= set(ids)
    assert all(c.kind == "task" and c.title == "每月电话" for c in group.children)
    plain = [i for i in section.items if not i.is_group]
    # A rule with one task shows that task; tasks by hand stay one line each.
    assert {i.id for i in plain} >= {by_hand}
    assert any(i.customer_id == single for i in plain) and lone not in {i.id for i in plain}
    tasks.complete_task(me, group.children[0].id)
    after = workbench.today(me, NOW, tz=SH).section("today")
    assert after is not None
    assert next(i for i in after.items if i.is_group).count == 3


def test_care_titles_and_dates_are_worded_in_the_interface_language(
        branch: Branch, staff: dict[str, str]) -> None:
    a = customer(branch, staff["manager1"], name="甲")
    b = customer(branch, staff["manager1"], name="乙")
    care.add_care_date(branch, CareDateInput(a, "birthday", 11, 26, year=1980), today=NOW.date())
    lunar = from_solar_birthday(date(2026, 11, 27), "lunar")
    care.add_care_date(branch, CareDateInput(b, "birthday", lunar.month, lunar.day, "lunar",
                                             year=1970), today=NOW.date())
    m1 = manager(branch, staff)
    english = workbench.today(m1, NOW, tz=SH, lang="en").care_dates
    assert [(i.title, i.detail) for i in english] == [
        ("Birthday (46)", "Nov 26"),
        ("Birthday (56)", f"Lunar {lunar.month}/{lunar.day}")]
    chinese = workbench.today(m1, NOW, tz=SH).care_dates
    assert [i.detail for i in chinese] == ["11月26日", chinese[1].detail]
    assert chinese[1].detail.startswith("农历") and chinese[0].title == "生日（46岁）"
