"""Contact records: logging with checks, next steps, attachments, edits, lists, statistics,
the customer timeline."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import records, tasks, timeline
from postcrm_desktop.services.contacts.types import (
    CareDateInput,
    ContactFilters,
    ContactInput,
    ContactResult,
    TaskInput,
)
from postcrm_desktop.services.customers import attachments
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store.models.contacts import ContactRecord, Task
from postcrm_desktop.store.models.customers import Customer
from tests.unit.contact_data import (
    PNG,
    add_staff,
    analyst,
    clerk,
    customer,
    delete,
    manager,
    set_customer,
    tasks_of,
)
from tests.unit.customer_data import audit_detail, audit_rows, changes, individual

NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # 14:00 in Guangzhou
SH = "Asia/Shanghai"


@pytest.fixture
def staff(branch: Branch) -> dict[str, str]:
    return add_staff(branch)


def _log(branch: Branch, cid: str, now: datetime = NOW, **kw: Any) -> ContactResult:
    values: dict[str, Any] = {"channel": "phone", "content": "介绍定期储蓄", **kw}
    return records.log_contact(branch, ContactInput(cid, **values), tz=SH, now=now)


# --- logging ----------------------------------------------------------------------------


def test_log_contact_stores_record_touches_customer_audits_without_text(branch: Branch) -> None:
    cid = customer(branch)
    at = NOW - timedelta(hours=2)
    result = _log(branch, cid, channel="微信", at=at, person="王女士", feedback="满意")
    row = records.get_contact(branch, result.id)
    assert (row.customer_id, row.channel, row.channel_label) == (cid, "wechat", "微信")
    assert row.at == at and row.owner_id == branch.actor.user_id
    assert (row.person, row.feedback, row.task_id, row.attachments) == ("王女士", "满意", None, 0)
    assert result.notices == [] and not result.due_in_past
    with branch.session() as s:
        assert s.get(Customer, cid).last_activity_at == at  # type: ignore[union-attr]
    [entry] = audit_rows(branch, "contact.logged")
    detail = audit_detail(entry)
    assert detail["contact_id"] == result.id and detail["channel"] == "wechat"
    assert "介绍" not in entry.detail and "王女士" not in entry.detail
    assert [c.op for c in changes(branch, "contact", result.id)] == ["insert"]


@pytest.mark.parametrize(("text", "code"), [
    ("电话", "phone"), ("上门拜访", "visit"), ("柜台", "counter"), ("邮件", "email"),
    ("微信", "wechat"), ("短信", "sms"), ("WeChat", "wechat"), ("SMS", "sms"),
])
def test_every_channel_is_accepted_by_code_or_label(branch: Branch, text: str,
                                                     code: str) -> None:
    cid = customer(branch)
    assert records.get_contact(branch, _log(branch, cid, channel=text).id).channel == code


def test_a_whole_bad_form_is_refused_with_every_problem_in_chinese(branch: Branch) -> None:
    cid = customer(branch)
    with pytest.raises(ValidationErrors) as info:
        _log(branch, cid, channel="飞鸽传书", content="  ", at=NOW + timedelta(hours=1),
             next_step="回访")
    errors = info.value.by_field()
    assert set(errors) == {"channel", "content", "at", "next_due"}
    assert "联系方式无效" in errors["channel"] and "电话" in errors["channel"]
    assert errors["content"] == "请填写联系内容"
    assert errors["at"] == "联系时间不能晚于当前时间"
    assert "期限" in errors["next_due"]
    with branch.session() as s:
        assert s.execute(select(ContactRecord)).first() is None


def test_more_bad_input(branch: Branch) -> None:
    cid = customer(branch)
    with pytest.raises(ValidationError, match="缺少时区"):
        _log(branch, cid, at=datetime(2026, 11, 24, 9, 0))
    with pytest.raises(ValidationError, match="下一步内容"):
        _log(branch, cid, next_due=date(2026, 12, 1))
    with pytest.raises(ValidationError, match="不能超过2000个字"):
        _log(branch, cid, content="字" * 2001)
    with pytest.raises(ValidationError, match="早于2000年"):
        _log(branch, cid, at=datetime(1999, 12, 31, tzinfo=UTC))
    with pytest.raises(ValidationError, match="联系人员不存在"):
        _log(branch, cid, owner_id="0" * 32)
    with pytest.raises(NotFound):
        _log(branch, "f" * 32)
    # A contact a few minutes "ahead" (another PC's clock) is accepted.
    assert _log(branch, cid, at=NOW + timedelta(minutes=3)).id


def test_next_step_becomes_a_task_and_a_past_due_date_is_allowed_but_flagged(
        branch: Branch) -> None:
    cid = customer(branch)
    ok = _log(branch, cid, next_step="寄送产品说明", next_due=NOW + timedelta(days=3))
    assert ok.task_id and ok.notices == []
    task = tasks.get_task(branch, ok.task_id)
    assert (task.title, task.source, task.status) == ("寄送产品说明", "contact", "open")
    assert task.due_at == NOW + timedelta(days=3)
    assert task.assigned_to == branch.actor.user_id

    late = _log(branch, cid, next_step="补签协议", next_due=NOW - timedelta(days=1))
    assert late.due_in_past
    [notice] = late.notices
    assert (notice.code, notice.field) == ("next_due_in_past", "next_due")
    assert "逾期" in notice.message
    assert tasks.get_task(branch, late.task_id or "").overdue(NOW)
    assert records.get_contact(branch, late.id).task_status == "open"


def test_a_due_date_without_time_is_nine_oclock_local(branch: Branch) -> None:
    cid = customer(branch)
    result = _log(branch, cid, next_step="回访", next_due=date(2026, 11, 30))
    row = records.get_contact(branch, result.id)
    assert row.next_due_at == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 in Guangzhou


def test_contacts_are_refused_for_deleted_or_merged_customers(branch: Branch) -> None:
    gone, merged, target = customer(branch), customer(branch), customer(branch)
    delete(branch, gone)
    with pytest.raises(Conflict, match="回收站"):
        _log(branch, gone)
    set_customer(branch, merged, merged_into=target)
    with pytest.raises(Conflict, match="合并"):
        _log(branch, merged)


def test_who_may_log_contacts(branch: Branch, staff: dict[str, str]) -> None:
    mine = customer(branch, staff["manager1"])
    theirs = customer(branch, staff["manager2"])
    m1 = manager(branch, staff)
    assert _log(m1, mine).id
    with pytest.raises(PermissionDenied):
        _log(m1, theirs)
    with pytest.raises(PermissionDenied):
        _log(analyst(branch, staff), mine)
    # A counter clerk sees the whole branch and may log a contact for anyone.
    assert _log(clerk(branch, staff), theirs).id


def test_attachments_are_saved_with_the_contact_and_bad_files_save_nothing(
        branch: Branch) -> None:
    cid = customer(branch)
    result = _log(branch, cid, attachments=[("回执.png", PNG)])
    [info] = attachments.list_attachments(branch, "contact", result.id)
    assert (info.filename, info.mime_type) == ("回执.png", "image/png")
    assert attachments.read_attachment(branch, info.id) == PNG
    assert records.get_contact(branch, result.id).attachments == 1
    detail = audit_detail(audit_rows(branch, "attachment.added")[0])
    assert detail["attachment_id"] == info.id and "回执" not in json.dumps(detail)

    with pytest.raises(ValidationError, match="内容与扩展名"):
        _log(branch, cid, content="第二次", attachments=[("伪装.pdf", b"MZ\x90\x00")])
    assert records.count_contacts(branch, ContactFilters(customer_id=cid)) == 1
    # Another file added to the contact later through the attachments service.
    attachments.add_attachment(branch, "contact", result.id, "b.png", PNG)
    assert records.get_contact(branch, result.id).attachments == 2


def test_a_contact_completes_the_customers_open_rule_tasks_of_its_channel(
        branch: Branch) -> None:
    cid = customer(branch)
    other = customer(branch)
    with branch.session() as s, transaction(s, branch.actor):
        for channel, source in (("phone", "rule"), ("visit", "rule"), ("phone", "manual")):
            s.add(Task(customer_id=cid, title=f"{channel}-{source}", channel=channel,
                       due_at=NOW, source=source, status="open"))
        s.add(Task(customer_id=other, title="其他客户", channel="phone", due_at=NOW,
                   source="manual", status="open"))
    at = NOW - timedelta(hours=1)
    result = _log(branch, cid, at=at)
    by_title = {t.title: t for t in tasks_of(branch, cid)}
    assert result.completed_task_ids == [by_title["phone-rule"].id]
    assert by_title["phone-rule"].status == "done" and by_title["phone-rule"].done_at == at
    assert by_title["visit-rule"].status == "open" and by_title["phone-manual"].status == "open"

    # Named tasks: exactly those; another customer's task or a done one is refused.
    chosen = _log(branch, cid, channel="visit", complete_task_ids=[by_title["phone-manual"].id])
    assert chosen.completed_task_ids == [by_title["phone-manual"].id]
    other_task = tasks_of(branch, other)[0]
    with pytest.raises(ValidationError, match="不属于该客户"):
        _log(branch, cid, complete_task_ids=[other_task.id])
    with pytest.raises(ValidationError, match="已不是待办"):
        _log(branch, cid, complete_task_ids=[by_title["phone-rule"].id])
    assert _log(branch, cid, channel="visit", complete_task_ids=[]).completed_task_ids == []


# --- corrections ------------------------------------------------------------------------


def test_update_moves_or_cancels_the_reminder_and_only_the_author_may(
        branch: Branch, staff: dict[str, str]) -> None:
    cid = customer(branch, staff["manager1"])
    m1 = manager(branch, staff)
    first = _log(m1, cid, next_step="回访", next_due=NOW + timedelta(days=2))
    edit = ContactInput(cid, "visit", "改为上门拜访", at=NOW - timedelta(hours=1),
                        next_step="送资料", next_due=NOW + timedelta(days=5))
    updated = records.update_contact(m1, first.id, edit, tz=SH, now=NOW)
    row = records.get_contact(m1, first.id)
    assert (row.channel, row.content, row.next_step) == ("visit", "改为上门拜访", "送资料")
    assert updated.task_id == first.task_id
    task = tasks.get_task(m1, first.task_id or "")
    assert (task.title, task.due_at) == ("送资料", NOW + timedelta(days=5))
    fields = audit_detail(audit_rows(branch, "contact.updated")[0])["fields"]
    assert set(fields) >= {"channel", "content", "next_step", "next_due_at", "at"}

    cleared = ContactInput(cid, "visit", "改为上门拜访", at=NOW - timedelta(hours=1))
    records.update_contact(m1, first.id, cleared, tz=SH, now=NOW)
    assert tasks.get_task(m1, first.task_id or "").status == "cancelled"

    # Setting a next step again makes a new reminder.
    again = records.update_contact(m1, first.id, edit, tz=SH, now=NOW)
    assert again.task_id and again.task_id != first.task_id

    with pytest.raises(PermissionDenied, match="记录人"):
        records.update_contact(clerk(branch, staff), first.id, edit, tz=SH, now=NOW)
    with pytest.raises(PermissionDenied):
        records.update_contact(manager(branch, staff, "manager2"), first.id, edit, tz=SH,
                               now=NOW)
    with pytest.raises(ValidationError, match="其他客户"):
        records.update_contact(m1, first.id, ContactInput(customer(branch), "phone", "x"),
                               tz=SH, now=NOW)
    # The branch admin may correct anyone's record.
    records.update_contact(branch, first.id, ContactInput(cid, "phone", "管理员更正"), now=NOW)
    assert records.get_contact(branch, first.id).content == "管理员更正"


# --- lists ------------------------------------------------------------------------------


def test_filters_by_customer_owner_channel_dates_and_text(branch: Branch,
                                                          staff: dict[str, str]) -> None:
    a = customer(branch, staff["manager1"], name="甲客户")
    b = customer(branch, staff["manager2"], name="乙客户")
    days = [NOW - timedelta(days=d) for d in range(10)]
    _log(branch, a, at=days[0], content="推荐国债 100%保本", owner_id=staff["manager1"])
    _log(branch, a, at=days[3], channel="visit", content="上门送贺卡",
         owner_id=staff["manager1"])
    _log(branch, b, at=days[5], channel="wechat", content="微信推送活动",
         feedback="对国债感兴趣", owner_id=staff["manager2"])
    _log(branch, b, at=days[9], content="电话回访", owner_id=staff["manager2"])

    def contents(**kw: object) -> list[str]:
        page = records.list_contacts(branch, ContactFilters(**kw))  # type: ignore[arg-type]
        return [r.content for r in page.rows]

    assert contents() == ["推荐国债 100%保本", "上门送贺卡", "微信推送活动", "电话回访"]
    assert contents(customer_id=b) == ["微信推送活动", "电话回访"]
    assert contents(owner_id=staff["manager1"]) == ["推荐国债 100%保本", "上门送贺卡"]
    assert contents(channel="微信") == ["微信推送活动"]
    assert contents(since=days[5], until=days[2]) == ["上门送贺卡", "微信推送活动"]
    assert contents(text="国债") == ["推荐国债 100%保本", "微信推送活动"]
    assert contents(text="100%") == ["推荐国债 100%保本"]
    assert contents(text="%") == ["推荐国债 100%保本"]  # a literal percent sign
    assert contents(text="国债 保本") == ["推荐国债 100%保本"]
    assert records.count_contacts(branch, ContactFilters(text="国债")) == 2
    assert records.count_contacts(branch, cap=2) == 3  # "more than 2"
    assert records.count_contacts(branch, cap=10) == 4
    row = records.list_contacts(branch, ContactFilters(customer_id=a)).rows[0]
    assert (row.customer_name, row.owner_name) == ("甲客户", "经理甲")
    with pytest.raises(ValidationError, match="联系方式无效"):
        records.list_contacts(branch, ContactFilters(channel="飞鸽"))


def test_keyset_pages_cover_every_contact_once_even_with_equal_times(branch: Branch) -> None:
    cid = customer(branch)
    same = NOW - timedelta(days=1)
    ids = {_log(branch, cid, at=same if i % 2 else NOW - timedelta(minutes=i)).id
           for i in range(23)}
    seen: list[str] = []
    page = records.list_contacts(branch, ContactFilters(customer_id=cid), limit=5)
    pages = 1
    while True:
        seen += [r.id for r in page.rows]
        if page.next_cursor is None:
            break
        page = records.list_contacts(branch, ContactFilters(customer_id=cid),
                                     after=page.next_cursor, limit=5)
        pages += 1
    assert pages == 5 and len(seen) == 23 and set(seen) == ids
    ats = [records.get_contact(branch, i).at for i in seen]
    assert ats == sorted(ats, reverse=True)


def test_lists_show_only_visible_and_not_deleted_customers(branch: Branch,
                                                           staff: dict[str, str]) -> None:
    mine = customer(branch, staff["manager1"])
    theirs = customer(branch, staff["manager2"])
    gone = customer(branch, staff["manager1"])
    for cid in (mine, theirs, gone):
        _log(branch, cid)
    delete(branch, gone)
    m1 = manager(branch, staff)
    assert [r.customer_id for r in records.list_contacts(m1).rows] == [mine]
    assert records.count_contacts(m1) == 1
    assert {r.customer_id for r in records.list_contacts(branch).rows} == {mine, theirs}
    assert records.count_contacts(clerk(branch, staff)) == 2
    with pytest.raises(PermissionDenied):
        records.get_contact(m1, records.list_contacts(branch, ContactFilters(
            customer_id=theirs)).rows[0].id)


# --- statistics -------------------------------------------------------------------------


def test_stats_per_owner_and_channel_with_next_steps_on_time(branch: Branch,
                                                             staff: dict[str, str]) -> None:
    a = customer(branch, staff["manager1"])
    b = customer(branch, staff["manager1"])
    c = customer(branch, staff["manager2"])
    m1, m2 = staff["manager1"], staff["manager2"]
    start, _ = day_bounds(date(2026, 11, 1), SH)
    _, end = day_bounds(date(2026, 11, 30), SH)
    t0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
    on_time = _log(branch, a, at=t0, owner_id=m1, next_step="回访",
                   next_due=t0 + timedelta(days=3))
    late = _log(branch, b, at=t0, owner_id=m1, next_step="回访", next_due=t0 + timedelta(days=3))
    pending = _log(branch, a, at=t0 + timedelta(days=1), channel="visit", owner_id=m1,
                   next_step="送资料", next_due=NOW - timedelta(days=1))
    _log(branch, c, at=t0, channel="wechat", owner_id=m2, next_step="邀约",
         next_due=NOW + timedelta(days=2))
    _log(branch, c, at=datetime(2026, 10, 20, tzinfo=UTC), owner_id=m2)  # before the period
    tasks.complete_task(branch, on_time.task_id or "", at=t0 + timedelta(days=2))
    tasks.complete_task(branch, late.task_id or "", at=t0 + timedelta(days=5))
    assert pending.task_id

    result = records.stats(branch, start, end, now=NOW)
    total = result.total
    assert (total.contacts, total.customers, total.next_steps) == (4, 3, 4)
    assert (total.on_time, total.late, total.pending, total.overdue) == (1, 1, 2, 1)
    owners = {line.key: line for line in result.by_owner}
    assert (owners[m1].label, owners[m1].contacts, owners[m1].customers) == ("经理甲", 3, 2)
    assert (owners[m1].on_time, owners[m1].late, owners[m1].overdue) == (1, 1, 1)
    assert owners[m1].on_time_rate == pytest.approx(1 / 3)
    assert (owners[m2].contacts, owners[m2].pending, owners[m2].overdue) == (1, 1, 0)
    channels = {line.key: line for line in result.by_channel}
    assert {k: v.contacts for k, v in channels.items()} == {"phone": 2, "visit": 1, "wechat": 1}
    assert channels["phone"].label == "电话"

    # An account manager's statistics cover their own customers only.
    own = records.stats(manager(branch, staff), start, end, now=NOW)
    assert own.total.contacts == 3 and [line.key for line in own.by_owner] == [m1]
    with pytest.raises(PermissionDenied):
        records.stats(clerk(branch, staff), start, end)
    with pytest.raises(ValidationError, match="晚于开始"):
        records.stats(branch, end, start)


# --- timeline ---------------------------------------------------------------------------


def test_timeline_merges_everything_newest_first_with_upcoming_on_top(
        branch: Branch, staff: dict[str, str]) -> None:
    from postcrm_desktop.services.contacts import care
    from postcrm_desktop.services.customers.records import get_customer, update_customer

    cid = customer(branch, staff["manager1"])
    _log(branch, cid, at=NOW - timedelta(days=3), content="第一次联系",
         attachments=[("a.png", PNG)])
    _log(branch, cid, at=NOW - timedelta(days=1), content="第二次联系", next_step="回访",
         next_due=NOW + timedelta(days=2))
    tasks.create_task(branch, TaskInput(cid, "已完成的任务", NOW - timedelta(days=2)), now=NOW)
    done = tasks.list_tasks(branch).rows[0]
    tasks.complete_task(branch, done.id, at=NOW - timedelta(hours=12))
    care.add_care_date(branch, CareDateInput(cid, "birthday", 8, 15, "lunar", year=1970),
                       today=NOW.date())
    detail = get_customer(branch, cid)
    update_customer(branch, cid, individual(name=detail.name, stage="intent",
                                            owner_id=detail.owner_id, mobile=None))
    # The service stamps a stage change with the real time; date it on this test's clock.
    from sqlalchemy import update

    from postcrm_desktop.store.models.customers import StageChange

    with branch.session() as s, s.begin():
        s.execute(update(StageChange).where(StageChange.customer_id == cid)
                  .values(changed_at=NOW - timedelta(hours=1)))

    events = timeline.customer_timeline(branch, cid, now=NOW, tz=SH)
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["care", "task"] and all(e.upcoming for e in events[:2])
    # Next mid-autumn day after 24 Nov 2026 is in lunar year 2027.
    assert events[0].title == "生日（57岁）" and events[0].detail == "农历八月十五"
    assert events[1].title == "待办任务：回访"
    past = events[2:]
    assert [e.at for e in past] == sorted((e.at for e in past), reverse=True)
    assert {"stage", "contact", "task"} <= set(kinds)
    contact = next(e for e in events if e.kind == "contact" and "第一次" in e.detail)
    assert contact.extra and contact.extra["attachments"] == 1 and contact.title == "电话联系"
    stage = next(e for e in events if e.kind == "stage" and "→" in e.title)
    assert stage.title == "阶段：潜在 → 意向"
    assert any(e.title == "已完成任务：已完成的任务" for e in events)

    # Paging and limits.
    assert len(timeline.customer_timeline(branch, cid, 3, now=NOW, tz=SH)) == 3
    older = timeline.customer_timeline(branch, cid, before=NOW - timedelta(days=2),
                                       now=NOW, tz=SH)
    assert older and all(e.at < NOW - timedelta(days=2) and not e.upcoming for e in older)
    with pytest.raises(PermissionDenied):
        timeline.customer_timeline(manager(branch, staff, "manager2"), cid, now=NOW)


def test_timeline_shows_complaints_when_the_desk_is_there(branch: Branch) -> None:
    desk = pytest.importorskip("postcrm_desktop.services.complaints.desk")
    from postcrm_desktop.services.complaints.categories import list_categories
    from postcrm_desktop.services.complaints.types import ComplaintInput

    cid = customer(branch)
    category = list_categories(branch)[0]
    complaint_id = desk.create_complaint(branch, ComplaintInput(
        cid, "complaint", category.code, "邮件延误三天未送达"))
    events = timeline.customer_timeline(branch, cid)
    [event] = [e for e in events if e.kind == "complaint"]
    assert event.id == complaint_id and "受理" in event.title


def test_customer_row_of_a_contact_is_not_an_orm_object(branch: Branch) -> None:
    cid = customer(branch)
    row = records.get_contact(branch, _log(branch, cid).id)
    assert type(row).__module__.endswith("contacts.types")


# --- merge and purge of customers carry the contact records ----------------------------


def test_merge_moves_contacts_tasks_and_care_dates_to_the_kept_customer(
        branch: Branch) -> None:
    from postcrm_desktop.services.contacts import care
    from postcrm_desktop.services.customers.duplicates import merge_customers

    keep, merge = customer(branch, name="保留"), customer(branch, name="合并")
    result = _log(branch, merge, next_step="回访", next_due=NOW + timedelta(days=1),
                  attachments=[("a.png", PNG)])
    care.add_care_date(branch, CareDateInput(merge, "anniversary", 3, 1), today=NOW.date())
    merge_customers(branch, keep, merge)
    assert [r.id for r in records.list_contacts(branch, ContactFilters(customer_id=keep))
            .rows] == [result.id]
    assert [t.customer_id for t in tasks_of(branch, keep)] == [keep]
    assert len(care.care_dates_of(branch, keep, today=NOW.date())) == 1
    assert len(attachments.list_attachments(branch, "contact", result.id)) == 1


def test_purge_removes_contacts_their_tasks_attachments_and_care_dates(
        branch: Branch) -> None:
    from postcrm_desktop.services.contacts import care
    from postcrm_desktop.services.customers.records import purge_customer

    cid, other = customer(branch), customer(branch)
    _log(branch, cid, next_step="回访", next_due=NOW + timedelta(days=1),
         attachments=[("a.png", PNG)])
    tasks.create_task(branch, TaskInput(cid, "手工任务", NOW), now=NOW)
    care.add_care_date(branch, CareDateInput(cid, "birthday", 3, 1), today=NOW.date())
    kept = _log(branch, other)
    delete(branch, cid)
    removed = purge_customer(branch, cid)
    assert removed["contact_records"] == 1 and removed["tasks"] == 2
    assert removed["care_dates"] == 1 and removed["attachments"] == 1
    with branch.session() as s:
        assert [c.id for c in s.execute(select(ContactRecord)).scalars()] == [kept.id]
        assert s.execute(select(Task)).first() is None
