"""工作台: today's and overdue tasks one click from the customer, one-click completion
(with undo), deleted customers' tasks gone, the due-task notice on a fast timer, care
dates with greetings recorded as contacts, rule tasks on opening, complaints near their
deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.clock import Clock as BranchClock
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care, greetings, records, rules, tasks
from postcrm_desktop.services.contacts.types import CareDateInput, RuleInput, TaskInput
from postcrm_desktop.services.customers import records as customers
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.ui.pages import workbench
from postcrm_desktop.ui.pages.contacts_greeting_dialog import GreetingDialog
from postcrm_desktop.ui.qt import QApplication, Qt, QtWidgets
from tests.ui.fakes import make_context

_BUSES: list[object] = []


@pytest.fixture(autouse=True)
def _close_buses() -> Iterator[None]:
    yield
    while _BUSES:
        _BUSES.pop().close()  # type: ignore[attr-defined]


BRANCH = ZoneInfo("Asia/Shanghai")  # the default SLA policy's zone: the branch's days


class Clock:
    """A clock the test moves by hand: noon today in the branch's zone."""

    def __init__(self) -> None:
        today = BranchClock().today()
        self.now = datetime.combine(today, time(12), tzinfo=BRANCH).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def local(self, days: int, hour: int) -> datetime:
        day = self.now.astimezone(BRANCH).date() + timedelta(days=days)
        return datetime.combine(day, time(hour), tzinfo=BRANCH)


def _customer(branch: Branch, name: str = "测试甲", n: int = 1, **kw: object) -> str:
    values: dict[str, object] = {"customer_type": "individual", "name": name,
                                 "mobile": f"139{n:04d}5678", "district": "天河区",
                                 "address": f"测试路{n}号"}
    values.update(kw)
    return customers.create_customer(branch, CustomerInput(**values))  # type: ignore[arg-type]


def _page(qtbot, branch: Branch, clock: Clock | None = None, *, listen: bool = False,
          interval_ms: int = 60_000) -> workbench.WorkbenchPage:
    ctx = make_context(branch, listen=listen)
    _BUSES.append(ctx.bus)
    page = workbench.WorkbenchPage(ctx, notify_interval_ms=interval_ms,
                                   clock=clock or Clock())
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _task(branch: Branch, cid: str, title: str, due: datetime) -> str:
    return tasks.create_task(branch, TaskInput(cid, title, due)).id


@pytest.fixture
def two_tasks(branch: Branch) -> dict[str, str]:
    clock = Clock()
    cid = _customer(branch)
    return {"customer": cid,
            "today": _task(branch, cid, "下午电话回访", clock.local(0, 15)),
            "overdue": _task(branch, cid, "补送资料", clock.local(-1, 10)),
            "later": _task(branch, cid, "下周拜访", clock.local(5, 10))}


def test_shows_todays_and_overdue_tasks_and_opens_the_customer(qtbot, branch,
                                                               two_tasks) -> None:
    page = _page(qtbot, branch)
    assert page.section_ids("today") == [two_tasks["today"]]
    assert page.section_ids("overdue") == [two_tasks["overdue"]]
    overdue = page.sections["overdue"]
    assert overdue.title() == "逾期任务（1）"
    cell = overdue.model.index(0, 1).data()
    assert "逾期1天" in cell
    assert overdue.model.data(overdue.model.index(0, 1), Qt.ItemDataRole.ForegroundRole) \
        is not None, "overdue rows are highlighted"
    assert "逾期 1 项" in page.summary.text() and "今日到期 1 项" in page.summary.text()
    today = page.sections["today"]
    today.view.setFocus()
    today.select_row(0)
    qtbot.keyClick(today.view, Qt.Key.Key_Return)
    pos = overdue.view.visualRect(overdue.model.index(0, 2)).center()
    qtbot.mouseClick(overdue.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(overdue.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert page.ctx.navigated == [  # type: ignore[attr-defined]
        ("customer", {"id": two_tasks["customer"]}),
        ("customer", {"id": two_tasks["customer"]})]
    assert "正在读取工作台…" in page.ctx.tasks.titles  # type: ignore[attr-defined]


def test_one_click_completes_a_task_and_undo_brings_it_back(qtbot, branch,
                                                            two_tasks) -> None:
    page = _page(qtbot, branch)
    box = page.sections["overdue"]
    index = box.model.index(0, 0)
    assert box.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    rect = box.view.visualRect(index)
    option = QtWidgets.QStyleOptionViewItem()
    box.view.initViewItemOption(option)
    option.rect = rect
    option.features |= QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    check = box.view.style().subElementRect(
        QtWidgets.QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, box.view)
    qtbot.mouseClick(box.view.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert tasks.get_task(branch, two_tasks["overdue"]).status == "done"
    assert page.section_ids("overdue") == []
    assert "任务已完成：补送资料" in page.status.text()
    assert page.undo_button.isVisibleTo(page)
    page.undo_button.click()
    assert tasks.get_task(branch, two_tasks["overdue"]).status == "open"
    assert page.section_ids("overdue") == [two_tasks["overdue"]]
    # The keyboard way: Space on the selected task.
    today = page.sections["today"]
    today.view.setFocus()
    today.select_row(0)
    qtbot.keyClick(today.view, Qt.Key.Key_Space)
    assert page.section_ids("today") == []


def test_a_deleted_customers_task_disappears_after_refresh(qtbot, branch, two_tasks) -> None:
    other = _customer(branch, "测试乙", 2)
    other_task = _task(branch, other, "确认意向", Clock().local(0, 16))
    page = _page(qtbot, branch, listen=True)
    assert set(page.section_ids("today")) == {two_tasks["today"], other_task}
    customers.delete_customer(branch, other)  # announced: the page reads again
    assert page.section_ids("today") == [two_tasks["today"]]
    page.refresh()
    assert other_task not in page.section_ids("today")


def test_due_task_notice_fires_on_a_short_timer(qtbot, branch) -> None:
    clock = Clock()
    cid = _customer(branch)
    page = _page(qtbot, branch, clock, interval_ms=20)
    assert page.banner.isHidden()
    _task(branch, cid, "准备理财到期提醒", clock.now + timedelta(minutes=1))
    clock.now += timedelta(minutes=2)
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=3000)
    assert "准备理财到期提醒" in page.banner.text.text()
    assert "测试甲" in page.banner.text.text()
    first = page.announcer.last
    page.notifier.check()
    assert page.announcer.last == first, "a task is announced once"
    page.banner.show_button.click()
    assert page.ctx.navigated[-1] == ("workbench", {})  # type: ignore[attr-defined]
    assert page.banner.isHidden()
    assert page.sections["today"].selected() is not None


def test_care_date_generates_a_greeting_recorded_as_a_contact(qtbot, branch) -> None:
    clock = Clock()
    cid = _customer(branch, gender="F")
    greetings.add_default_templates(branch)
    soon = clock.now.astimezone(BRANCH).date() + timedelta(days=2)
    care.add_care_date(branch, CareDateInput(cid, "birthday", soon.month, soon.day,
                                             year=1990))
    page = _page(qtbot, branch, clock)
    box = page.sections["care"]
    assert box.model.rowCount() == 1
    assert "2天后" in box.model.index(0, 0).data()
    box.select_row(0)
    box.buttons["greet"].click()
    dlg = page.dialog
    assert isinstance(dlg, GreetingDialog)
    assert dlg.text.toPlainText().startswith("测女士您好")
    dlg.copy()
    assert QApplication.clipboard().text() == dlg.text.toPlainText()
    assert dlg.mark_sent() is not None
    [row] = records.list_contacts(branch).rows
    assert row.customer_id == cid and "生日" in row.content
    dlg.close()


def test_rules_make_tasks_when_the_workbench_opens(qtbot, branch) -> None:
    cid = _customer(branch)
    rules.create_rule(branch, RuleInput("prospect", "every", 7, "phone", "潜在客户每周电话"))
    clock = Clock()
    clock.now += timedelta(days=10)  # the prospect has waited more than a week
    page = _page(qtbot, branch, clock)
    [item] = page.sections["today"].model.items
    assert (item.customer_id, item.title) == (cid, "潜在客户每周电话")
    assert "跟进规则新生成 1 项任务" in page.summary.text()
    page.refresh()
    assert len(page.sections["today"].model.items) == 1, "rules run once per session"


def test_log_contact_from_a_task_completes_it(qtbot, branch, two_tasks) -> None:
    page = _page(qtbot, branch, listen=True)
    box = page.sections["overdue"]
    box.select_row(0)
    box.buttons["log"].click()
    form = page.dialog
    assert form is not None and form.checked_task_ids() == [two_tasks["overdue"]]
    form.content.setPlainText("已送资料")
    form.accept()
    assert tasks.get_task(branch, two_tasks["overdue"]).status == "done"
    assert page.section_ids("overdue") == []
    assert "完成任务 1 项" in page.status.text()


def test_show_all_goes_to_the_task_list(qtbot, branch, two_tasks) -> None:
    page = _page(qtbot, branch)
    page.sections["overdue"].more.linkActivated.emit("all")
    assert page.ctx.navigated == [  # type: ignore[attr-defined]
        ("contacts", {"tab": "tasks", "scope": "all", "window": "overdue"})]


def test_clerk_starts_with_own_items_and_complaints_show_near_their_deadline(
        qtbot, demo_login) -> None:
    from postcrm_desktop.services.complaints.workbench import near_deadline

    admin = demo_login("admin")
    page = _page(qtbot, admin)
    assert page.scope.currentData() == "all"
    expected = near_deadline(admin, Clock().now, limit=50)
    box = page.sections["complaints"]
    assert expected, "the demo has complaints near or past their deadline"
    assert box.isVisibleTo(page)
    assert [i.id for i in box.model.items] == [r.complaint_id for r in expected]
    box.select_row(0)
    box.buttons["complaint"].click()
    assert page.ctx.navigated[-1] == (  # type: ignore[attr-defined]
        "complaints", {"complaint_id": expected[0].complaint_id})
    clerk = demo_login("clerk1")
    clerk_page = _page(qtbot, clerk)
    assert clerk_page.scope.currentData() == "mine"
    assert clerk_page.log_button.isEnabled()


def test_a_rules_tasks_are_one_group_worked_through_one_by_one(qtbot, branch) -> None:
    cids = [_customer(branch, f"测试{n}", n) for n in range(1, 4)]
    rules.create_rule(branch, RuleInput("prospect", "every", 30, "phone", "潜在客户每月电话"))
    clock = Clock()
    clock.now += timedelta(days=40)
    rules.apply_rules(branch, clock.now, workday=lambda _d: True)
    page = _page(qtbot, branch, clock)
    box = page.sections["today"]
    [group] = box.model.items
    assert group.is_group and group.count == 3
    assert box.model.index(0, 2).data() == "3 位客户"
    assert box.model.index(0, 3).data() == "▶ 潜在客户每月电话"
    assert not box.model.flags(box.model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert box.buttons["expand"].isVisibleTo(box)
    # Enter opens the group (not a customer); its tasks follow the group's line.
    box.view.setFocus()
    box.select_row(0)
    qtbot.keyClick(box.view, Qt.Key.Key_Return)
    assert page.ctx.navigated == []  # type: ignore[attr-defined]
    assert len(box.model.items) == 4
    assert {i.customer_id for i in box.model.items[1:]} == set(cids)
    assert box.model.index(1, 3).data() == "　└ 潜在客户每月电话"
    # Complete the first task: the group stays open, one fewer, the next one selected.
    box.select_row(1)
    first = box.selected()
    qtbot.keyClick(box.view, Qt.Key.Key_Space)
    assert tasks.get_task(branch, first.id).status == "done"
    assert box.model.items[0].count == 2 and len(box.model.items) == 3
    nxt = box.selected()
    assert nxt is not None and nxt.kind == "task" and nxt.id != first.id
    qtbot.keyClick(box.view, Qt.Key.Key_Space)
    assert tasks.get_task(branch, nxt.id).status == "done"
    # One task left: shown as a plain task.
    [last] = box.model.items
    assert last.kind == "task"


def test_care_and_complaint_columns_fit_their_text(qtbot, branch) -> None:
    from postcrm_desktop.services.contacts.workbench import WorkbenchItem, WorkbenchSection

    page = _page(qtbot, branch)
    now = Clock()()
    care = page.sections["care"]
    long_title = "开户纪念日（15周年）"
    care.set_section(WorkbenchSection("care", "近期关怀", [WorkbenchItem(
        "care", "c1", "x", "欧阳测试", long_title, on=now.date(), detail="农历十月廿七")], 1), now)
    complaints = page.sections["complaints"]
    number = "TS-GZ01-2026-000093 服务态度"
    complaints.set_section(WorkbenchSection("complaints", "投诉", [WorkbenchItem(
        "complaint", "k1", "x", "测试乙", number, due_at=now, detail="很长的说明" * 10)], 1),
        now)
    for box, col, text in ((care, 2, long_title), (complaints, 2, number)):
        metrics = box.view.fontMetrics()
        assert box.view.columnWidth(col) >= metrics.horizontalAdvance(text), text
