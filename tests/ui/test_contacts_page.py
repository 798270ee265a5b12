"""联系记录 page: logging contacts (inline errors, next-step reminders, past dates flagged),
filters and lazy pages, tasks, statistics, follow-up rules by role, care calendar and
greetings recorded as contacts, and the profile's "记录联系" button."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from postcrm_desktop.core.clock import Clock as BranchClock
from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import bulk, care, greetings, records, rules, tasks
from postcrm_desktop.services.contacts.types import (
    CareDateInput,
    ContactFilters,
    ContactInput,
    TaskFilters,
    TaskInput,
)
from postcrm_desktop.services.customers import records as customers
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.store.types import utcnow
from postcrm_desktop.ui.models.keyset_table import PAGE
from postcrm_desktop.ui.pages import contacts
from postcrm_desktop.ui.pages.contact_form import ContactForm
from postcrm_desktop.ui.pages.customer_profile import CustomerProfile
from postcrm_desktop.ui.qt import QApplication, QMessageBox, Qt
from tests.ui.fakes import make_context

PDF = b"%PDF-1.4\n% synthetic test file\n"


def _customer(branch: Branch, name: str = "测试甲", n: int = 1, **kw: object) -> str:
    values: dict[str, object] = {"customer_type": "individual", "name": name,
                                 "mobile": f"139{n:04d}5678", "district": "天河区",
                                 "address": f"测试路{n}号"}
    values.update(kw)
    return customers.create_customer(branch, CustomerInput(**values))  # type: ignore[arg-type]


_BUSES: list[object] = []


@pytest.fixture(autouse=True)
def _close_buses() -> Iterator[None]:
    """A page listening to the services stops at the end of its test, pass or fail."""
    yield
    while _BUSES:
        _BUSES.pop().close()  # type: ignore[attr-defined]


def _page(qtbot, branch: Branch, **kw: object) -> contacts.ContactsPage:
    ctx = make_context(branch, **kw)  # type: ignore[arg-type]
    _BUSES.append(ctx.bus)
    page = contacts.create_page(ctx)
    assert isinstance(page, contacts.ContactsPage)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _log(branch: Branch, customer_id: str, content: str, channel: str = "phone",
         at: datetime | None = None, **kw: object) -> str:
    return records.log_contact(branch, ContactInput(customer_id, channel, content, at=at,
                                                    **kw)).id  # type: ignore[arg-type]


def _contents(page: contacts.ContactsPage) -> list[str]:
    model = page.contacts.model
    return [model.row_at(r).content for r in range(model.rowCount())]


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, msg, *a, **k: asked.append(msg) or button)
    return asked


# --- logging a contact ---------------------------------------------------------------------


def test_invalid_contact_shows_the_message_beside_the_field_and_saves_nothing(
        qtbot, branch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch)
    form = page.contacts.new_contact(cid)
    assert isinstance(form, ContactForm)
    assert form.customer.customer_id() == cid
    assert form.customer.edit.text().startswith("测试甲（GZ01-")
    assert form.customer.edit.isReadOnly()
    form.next_step.setText("送资料上门")  # a next step without its due date
    form.accept()
    assert form.isVisible(), "the dialog stays open"
    assert form.errors.text("content") == "请填写联系内容"
    assert "期限" in form.errors.text("next_due")
    assert form.errors.text("channel") == ""
    assert records.count_contacts(branch) == 0
    assert tasks.list_tasks(branch, TaskFilters(status=None)).rows == []
    form.discard()


def test_customer_is_required_when_logging_from_the_contacts_page(qtbot, branch) -> None:
    page = _page(qtbot, branch)
    form = page.contacts.new_contact()
    assert form is not None and not form.customer.edit.isReadOnly()
    form.content.setPlainText("电话沟通")
    form.accept()
    assert form.errors.text("customer_id") == "请选择客户"
    assert records.count_contacts(branch) == 0
    form.discard()


def test_valid_contact_appears_in_the_list_and_its_next_step_becomes_a_task(
        qtbot, branch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch, listen=True)
    form = page.contacts.new_contact(cid)
    assert form is not None
    form.channel.setCurrentIndex(form.channel.findData("visit"))
    form.person.setText("本人")
    form.content.setPlainText("上门介绍定期储蓄")
    form.feedback.setPlainText("考虑一下")
    form.next_step.setText("电话确认意向")
    due = (BranchClock().local_now() + timedelta(days=3)).replace(second=0, microsecond=0)
    form.next_due.set_value(due)
    assert not form.next_due.warning.isVisibleTo(form)
    form.add_attachment("说明.txt", "测试附件".encode())
    form.accept()
    assert "类型不支持" in form.errors.text("attachments"), "shown beside the files"
    assert records.count_contacts(branch) == 0
    form.attachments.setCurrentRow(0)
    form.remove_selected_file()
    form.add_attachment("说明.pdf", PDF)
    form.accept()
    assert not form.isVisible()
    assert _contents(page) == ["上门介绍定期储蓄"]
    row = page.contacts.model.row_at(0)
    assert (row.channel, row.person, row.attachments) == ("visit", "本人", 1)
    assert "已生成跟进提醒" in page.contacts.status.text()
    assert page.contacts.selected() is not None and page.contacts.selected().id == row.id
    assert "考虑一下" in page.contacts.detail.toPlainText()
    open_tasks = tasks.list_tasks(branch).rows
    assert [(t.title, t.customer_id, t.due_at) for t in open_tasks] == [
        ("电话确认意向", cid, due.astimezone(open_tasks[0].due_at.tzinfo))]
    page.tabs.setCurrentWidget(page.tasks)  # told by the bus, it read the list again
    assert [page.tasks.model.row_at(r).title for r in range(page.tasks.model.rowCount())] \
        == ["电话确认意向"]


def test_a_past_next_step_date_is_flagged_and_still_saved(qtbot, branch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch)
    form = page.contacts.new_contact(cid)
    assert form is not None
    form.content.setPlainText("电话沟通")
    form.next_step.setText("补交材料")
    form.next_due.set_value(BranchClock().local_now() - timedelta(days=2))
    assert form.next_due.warning.isVisibleTo(form)
    assert "期限早于当前时间" in form.next_due.warning.text()
    form.accept()
    assert not form.isVisible()
    assert records.count_contacts(branch) == 1
    assert "注意：期限早于当前时间" in page.contacts.status.text()
    task = tasks.list_tasks(branch).rows[0]
    assert task.overdue(utcnow())
    model = page.contacts.model
    brush = model.data(model.index(0, model.column_of("next_due_at")),
                       Qt.ItemDataRole.ForegroundRole)
    assert brush is not None, "the overdue next step is shown in red in the list"


def test_contact_completes_the_tasks_ticked_in_the_form(qtbot, branch) -> None:
    cid = _customer(branch)
    today = BranchClock().today()
    t1 = tasks.create_task(branch, TaskInput(cid, "电话回访", today, channel="phone")).id
    t2 = tasks.create_task(branch, TaskInput(cid, "寄送资料", today)).id
    page = _page(qtbot, branch)
    form = page.contacts.new_contact(cid)
    assert form is not None and form.tasks.count() == 2
    assert form.checked_task_ids() == [], "manual tasks are not ticked by themselves"
    form.set_task_checked(t1)
    form.content.setPlainText("已回访")
    form.accept()
    assert not form.isVisible()
    done = {t.id: t.status for t in tasks.list_tasks(branch, TaskFilters(status=None)).rows}
    assert done == {t1: "done", t2: "open"}
    assert "完成任务 1 项" in page.contacts.status.text()


def test_correcting_a_contact_keeps_the_customer_and_saves_the_change(qtbot, branch) -> None:
    cid = _customer(branch)
    _log(branch, cid, "初次电话")
    page = _page(qtbot, branch)
    page.contacts.view.selectRow(0)
    form = page.contacts.edit_selected()
    assert form is not None and form.customer.edit.isReadOnly()
    assert form.content.toPlainText() == "初次电话"
    form.content.setPlainText("初次电话，客户有意向")
    form.accept()
    assert _contents(page) == ["初次电话，客户有意向"]
    assert records.count_contacts(branch) == 1


def test_cancelling_a_filled_form_asks_first(qtbot, branch, monkeypatch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch)
    form = page.contacts.new_contact(cid)
    assert form is not None
    form.content.setPlainText("写了一半")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    form.reject()
    assert asked and form.isVisible()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    form.reject()
    assert not form.isVisible()
    assert records.count_contacts(branch) == 0


# --- the list ------------------------------------------------------------------------------


def test_filters_by_customer_channel_text_and_dates(qtbot, branch) -> None:
    a = _customer(branch, "测试甲", 1)
    b = _customer(branch, "测试乙", 2)
    now = utcnow()
    _log(branch, a, "介绍国债", "phone", now - timedelta(days=40))
    _log(branch, a, "上门送贺卡", "visit", now - timedelta(days=2))
    _log(branch, b, "柜台推荐手机银行", "counter", now - timedelta(hours=1))
    page = _page(qtbot, branch)
    assert _contents(page) == ["柜台推荐手机银行", "上门送贺卡", "介绍国债"]
    assert page.contacts.status.text() == "共 3 条联系记录"
    bar = page.contacts.filter_bar
    bar.channel.setCurrentIndex(bar.channel.findData("visit"))
    assert _contents(page) == ["上门送贺卡"]
    assert page.contacts.status.text() == "共 1 条联系记录（1 项筛选）"
    bar.clear()
    bar.text.setText("国债")
    qtbot.waitUntil(lambda: _contents(page) == ["介绍国债"], timeout=3000)
    bar.clear()
    bar.set_customer(a)
    assert _contents(page) == ["上门送贺卡", "介绍国债"]
    today = BranchClock().today()
    bar.set_dates(today - timedelta(days=7), today)
    assert _contents(page) == ["上门送贺卡"]
    f = bar.values()
    zone = page.ctx.clock.zone  # the branch's days, whatever the PC's zone
    assert (f.since, f.until) == (day_bounds(today - timedelta(days=7), zone)[0],
                                  day_bounds(today, zone)[1])
    bar.clear()
    assert len(_contents(page)) == 3


def test_customer_picker_finds_customers_as_you_type(qtbot, branch) -> None:
    a = _customer(branch, "测试甲", 1)
    b = _customer(branch, "测试乙", 2)
    _log(branch, a, "甲的联系")
    _log(branch, b, "乙的联系")
    page = _page(qtbot, branch)
    picker = page.contacts.filter_bar.customer
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "0002")  # four digits of 测试乙's mobile number
    qtbot.waitUntil(lambda: picker.matches.rowCount() == 1, timeout=3000)
    assert "测试乙" in picker.matches.item(0).text()
    assert picker.pick_row(0)
    assert picker.customer_id() == b
    assert _contents(page) == ["乙的联系"]
    qtbot.keyClick(picker.edit, Qt.Key.Key_Backspace)  # editing lets go of the customer
    assert picker.customer_id() is None
    assert sorted(_contents(page)) == ["乙的联系", "甲的联系"]


def test_filters_by_owner(qtbot, demo_login) -> None:
    admin = demo_login("admin")
    cid = _customer(admin, "测试丙", 9)
    _log(admin, cid, "管理员电话")
    page = _page(qtbot, admin)
    bar = page.contacts.filter_bar
    assert bar.owner.findData(admin.actor.user_id) >= 0
    bar.owner.setCurrentIndex(bar.owner.findData(admin.actor.user_id))
    expected = records.count_contacts(admin, ContactFilters(owner_id=admin.actor.user_id))
    assert page.contacts.status.text().startswith(f"共 {expected} 条")
    assert all(page.contacts.model.row_at(r).owner_id == admin.actor.user_id
               for r in range(page.contacts.model.rowCount()))
    assert "管理员电话" in _contents(page)


def test_contacts_load_a_page_at_a_time_and_sort_small_results(qtbot, branch) -> None:
    _customer(branch)
    bulk.fill_contacts(branch, bulk.load_seeds(branch), 250, rng=random.Random(3),
                       until=utcnow())
    page = _page(qtbot, branch)
    model, view = page.contacts.model, page.contacts.view
    assert model.loaded() == PAGE and model.canFetchMore()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded() == 2 * PAGE)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded() == 250)
    ats = [model.row_at(r).at for r in range(250)]
    assert ats == sorted(ats, reverse=True) and len({r.id for r in model.rows()}) == 250
    # Another column: every row is read (250 fit under the cap) and sorted in memory.
    col = model.column_of("channel")
    view.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    labels = [model.index(r, col).data() for r in range(model.rowCount())]
    assert model.rowCount() == 250 and labels == sorted(labels)
    # Beyond the cap the model keeps the service's order and says why.
    model.local_sort_cap = 100
    view.sortByColumn(model.column_of("content"), Qt.SortOrder.AscendingOrder)
    assert model.sort_order == ("at", True) and model.loaded() == PAGE
    assert "请先筛选" in page.contacts.status.text()


def test_enter_opens_the_customer_of_the_contact(qtbot, branch) -> None:
    cid = _customer(branch)
    _log(branch, cid, "电话")
    page = _page(qtbot, branch)
    page.contacts.view.setFocus()
    page.contacts.view.selectRow(0)
    qtbot.keyClick(page.contacts.view, Qt.Key.Key_Return)
    assert page.ctx.navigated == [("customer", {"id": cid})]  # type: ignore[attr-defined]


def test_list_refreshes_when_a_contact_is_logged_elsewhere(qtbot, branch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch, listen=True)
    _log(branch, cid, "别处记录的联系")
    qtbot.waitUntil(lambda: _contents(page) == ["别处记录的联系"], timeout=3000)


# --- tasks ---------------------------------------------------------------------------------


def test_tasks_tab_completes_reopens_cancels_and_creates(qtbot, branch, monkeypatch) -> None:
    cid = _customer(branch)
    tid = tasks.create_task(branch, TaskInput(cid, "电话回访", BranchClock().today())).id
    page = _page(qtbot, branch)
    tab = page.tasks
    page.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 1
    tab.view.selectRow(0)
    assert tab.complete_selected()
    assert tab.model.rowCount() == 0, "the open list no longer shows it"
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(None))
    tab.select(tid)
    assert tab.selected().status == "done"
    assert tab.reopen_selected()
    assert tasks.get_task(branch, tid).status == "open"
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("open"))
    tab.select(tid)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert tab.cancel_selected()
    assert tasks.get_task(branch, tid).status == "cancelled"

    form = tab.new_task()
    assert form is not None
    form.customer.choose(cid)
    form.title.setText("寄送新品资料")
    form.due.set_value(BranchClock().local_now() - timedelta(hours=1))
    form.accept()
    assert not form.isVisible()
    assert "期限早于当前时间" in tab.status.text()
    titles = [tab.model.row_at(r).title for r in range(tab.model.rowCount())]
    assert titles == ["寄送新品资料"]


def test_task_form_shows_errors_beside_fields(qtbot, branch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch)
    form = page.tasks.new_task()
    assert form is not None
    form.customer.choose(cid)
    form.accept()
    assert form.errors.text("title") == "请填写任务内容"
    assert tasks.list_tasks(branch, TaskFilters(status=None)).rows == []
    form.discard()


# --- statistics ----------------------------------------------------------------------------


def test_stats_tab_counts_per_owner_and_channel(qtbot, branch) -> None:
    a = _customer(branch, "测试甲", 1)
    b = _customer(branch, "测试乙", 2)
    _log(branch, a, "电话一", "phone")
    _log(branch, a, "电话二", "phone")
    _log(branch, b, "微信", "wechat", next_step="送资料",
         next_due=utcnow() + timedelta(days=2))
    page = _page(qtbot, branch)
    stats = page.stats
    page.tabs.setCurrentWidget(stats)
    stats.set_period(BranchClock().today() - timedelta(days=1), BranchClock().today())
    stats.refresh()
    assert stats.last is not None and stats.last.total.contacts == 3
    assert stats.cell("channel", "电话", 1) == "2"
    assert stats.cell("channel", "电话", 2) == "1", "customers reached"
    assert stats.cell("channel", "微信", 3) == "1", "next steps set"
    assert stats.cell("channel", "微信", 6) == "1", "still open"
    name = branch.actor.display_name
    assert stats.cell("owner", name, 1) == "3" and stats.cell("owner", name, 2) == "2"
    assert "联系 3 次，接触客户 2 位" in stats.summary.text()
    assert "正在统计联系记录…" in page.ctx.tasks.titles  # type: ignore[attr-defined]


def test_stats_tab_needs_the_report_permission(qtbot, demo_login) -> None:
    page = _page(qtbot, demo_login("clerk1"))
    assert not page.stats.run_button.isEnabled()
    assert "报表查看权限" in page.stats.summary.text()


# --- follow-up rules -----------------------------------------------------------------------


def test_rules_editor_is_read_only_for_a_clerk(qtbot, demo_login) -> None:
    clerk = demo_login("clerk1")
    page = _page(qtbot, clerk)
    tab = page.rules
    assert tab.model.rowCount() == len(rules.list_rules(clerk)) > 0
    assert tab.toolbar.isHidden()
    assert "只能查看" in tab.note.text()
    tab.view.selectRow(0)
    assert tab.new_rule() is None and tab.edit_selected() is None
    assert not tab.toggle_selected() and not tab.delete_selected()


def test_admin_adds_a_rule_with_inline_errors_then_disables_it(qtbot, branch,
                                                               monkeypatch) -> None:
    page = _page(qtbot, branch)
    tab = page.rules
    form = tab.new_rule()
    assert form is not None
    form.days.setValue(0)
    form.title.setText("")
    form.accept()
    assert "天数必须在1到366之间" in form.errors.text("days")
    assert form.errors.text("title") == "请填写规则名称"
    assert rules.list_rules(branch) == []
    form.days.setValue(14)
    form.title.setText("意向客户两周回访")
    form.stage.setCurrentIndex(form.stage.findData("intent"))
    assert "14" in form.preview.text()
    form.accept()
    assert not form.isVisible()
    [rule] = rules.list_rules(branch)
    assert (rule.stage, rule.days, rule.active) == ("intent", 14, True)
    assert tab.model.item(0, 6).text() == "意向客户两周回访"
    tab.select(rule.id)
    assert tab.toggle_selected()
    assert not rules.list_rules(branch)[0].active
    assert tab.model.item(0, 0).text() == "停用"
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.select(rule.id)
    assert tab.delete_selected()
    assert rules.list_rules(branch) == []


# --- care dates and greetings --------------------------------------------------------------


def _birthday_today(branch: Branch, cid: str) -> str:
    today = BranchClock().today()
    return care.add_care_date(branch, CareDateInput(cid, "birthday", today.month,
                                                    min(today.day, 28) if today.month == 2
                                                    else today.day, year=1980))


def test_care_calendar_marks_the_day_and_the_greeting_is_recorded_as_a_contact(
        qtbot, branch) -> None:
    cid = _customer(branch, "测试甲", 1, gender="M")
    greetings.add_default_templates(branch)
    _birthday_today(branch, cid)
    page = _page(qtbot, branch)
    page.tabs.setCurrentWidget(page.care)
    tab = page.care
    if BranchClock().today().day == 29 and BranchClock().today().month == 2:
        pytest.skip("the test birthday falls on the 28th this day")
    assert BranchClock().today() in tab.marked_days()
    tab.select_day(BranchClock().today())
    assert tab.model.rowCount() == 1 and tab.model.item(0, 0).text() == "测试甲"
    assert tab.dates.customer.customer_id() == cid
    assert tab.dates.list.count() == 1 and "生日" in tab.dates.list.item(0).text()
    dlg = tab.greet_selected()
    assert dlg is not None
    text = dlg.text.toPlainText()
    assert text.startswith("测先生您好") and "生日快乐" in text
    dlg.copy()
    assert QApplication.clipboard().text() == text
    result = dlg.mark_sent()
    assert result is not None and not dlg.send_button.isEnabled()
    [row] = records.list_contacts(branch).rows
    assert row.channel == "sms" and row.content.startswith("【生日祝福】")
    dlg.close()


def test_care_dates_editor_validates_and_removes_with_confirmation(qtbot, branch,
                                                                   monkeypatch) -> None:
    cid = _customer(branch)
    page = _page(qtbot, branch)
    box = page.care.dates
    box.set_customer(cid)
    form = box.add()
    assert form is not None
    form.kind.setCurrentIndex(form.kind.findData("custom"))
    form.month.setValue(2)
    form.day.setValue(30)
    form.accept()
    assert "请填写名称" in form.errors.text("label")
    form.label.setText("开业纪念日")
    form.accept()
    assert "2月没有30日" in form.errors.text("day")
    assert form.errors.text("label") == ""
    form.day.setValue(8)
    form.calendar.setCurrentIndex(form.calendar.findData("lunar"))
    assert form.preview.text().startswith("农历二月初八")
    form.accept()
    assert not form.isVisible()
    assert box.list.count() == 1 and "开业纪念日" in box.list.item(0).text()
    box.list.setCurrentRow(0)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not box.remove_selected() and asked
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert box.remove_selected()
    assert care.care_dates_of(branch, cid) == []


def test_template_preview_and_greeting_list_mark_sent(qtbot, branch, tmp_path) -> None:
    cid = _customer(branch, "测试乙", 2, gender="F", tier="gold")
    _birthday_today(branch, cid)
    page = _page(qtbot, branch)
    page.tabs.setCurrentWidget(page.greetings)
    editor = page.greetings.editor
    editor.new_template()
    editor.name.setText("金卡生日")
    editor.kind.setCurrentIndex(editor.kind.findData("birthday"))
    editor.body.setPlainText("{称呼}您好，{网点}祝您生日快乐！尊贵的{等级}客户")
    shop = branch.db.info.branch_name
    assert editor.preview.text() == f"王先生您好，{shop}祝您生日快乐！尊贵的金卡客户"
    editor.body.setPlainText("{称谓}您好")
    assert "未知的占位符" in editor.preview.text()
    assert editor.save() is None and "未知的占位符" in editor.errors.text("body")
    editor.body.setPlainText("{称呼}您好，{网点}祝您生日快乐！尊贵的{等级}客户")
    assert editor.save() is not None
    [template] = greetings.list_templates(branch)
    lines = page.greetings.lines
    assert lines.template.findData(template.id) >= 0
    lines.make()
    assert lines.model.rowCount() == 1
    assert lines.lines[0].text.startswith("测女士您好") and "金卡" in lines.lines[0].text
    assert lines.model.item(0, 2).text() == "139****5678", "masked on screen"
    lines.view.selectRow(0)
    assert lines.copy(selected_only=True) == lines.lines[0].text
    assert lines.mark_selected_sent() == 1
    assert lines.model.item(0, 4).text() == "已发送"
    assert lines.mark_selected_sent() == 0, "a line is recorded once"
    [row] = records.list_contacts(branch).rows
    assert row.customer_id == cid and "金卡" in row.content
    out = tmp_path / "sms.csv"
    lines.export(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "手机号码,姓名,短信内容"
    assert "13900025678" in text, "the export carries the full number"


def test_sms_export_needs_the_reveal_and_export_permissions(qtbot, demo_login) -> None:
    page = _page(qtbot, demo_login("clerk1"))
    assert not page.greetings.lines.export_button.isEnabled()
    assert not page.greetings.editor.save_button.isEnabled()


# --- from the profile ----------------------------------------------------------------------


def test_profile_button_logs_a_contact_for_that_customer(qtbot, branch) -> None:
    cid = _customer(branch)
    profile = CustomerProfile(make_context(branch))
    qtbot.addWidget(profile)
    profile.show()
    assert profile.load(cid)
    form = profile.log_contact()
    assert isinstance(form, ContactForm)
    assert form.customer.customer_id() == cid and form.customer.edit.isReadOnly()
    form.content.setPlainText("档案页记录的联系")
    form.accept()
    assert [r.content for r in records.list_contacts(branch).rows] == ["档案页记录的联系"]


def test_navigation_filters_by_customer_and_opens_the_form(qtbot, branch) -> None:
    a = _customer(branch, "测试甲", 1)
    b = _customer(branch, "测试乙", 2)
    _log(branch, a, "甲的联系")
    _log(branch, b, "乙的联系")
    page = _page(qtbot, branch)
    page.navigate_to(customer_id=a)
    assert _contents(page) == ["甲的联系"]
    page.navigate_to(tab="tasks", scope="mine", window="overdue")
    assert page.tabs.currentWidget() is page.tasks
    assert page.tasks.due_window.currentData() == "overdue"
    page.navigate_to(customer_id=b, log_contact=True)
    form = page.contacts.dialog
    assert form is not None and form.customer.customer_id() == b
    form.discard()


def test_a_large_contact_count_becomes_exact_from_the_background(qtbot, branch,
                                                                 monkeypatch) -> None:
    from postcrm_desktop.ui.pages import contacts_list

    _customer(branch)
    bulk.fill_contacts(branch, bulk.load_seeds(branch), 30, rng=random.Random(3),
                       until=utcnow())
    monkeypatch.setattr(contacts_list, "COUNT_CAP", 10)
    page = _page(qtbot, branch)
    # The page's tasks run at once here: capped first, then exact from the background.
    assert page.contacts.status.text() == "共 30 条联系记录"
    assert "正在统计联系记录数…" in page.ctx.tasks.titles
