"""案例库 in the complaint desk: search as you type, the case form with messages under its
fields, read-only for a clerk and for HQ's cases, 转为案例 from a resolved complaint (no
customer data in the draft), and suggestions on the intake and the detail."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.clock import Clock, FixedClock
from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services import cases
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.cases import CaseInput
from postcrm_desktop.services.complaints import desk
from postcrm_desktop.services.complaints.types import ComplaintInput
from postcrm_desktop.services.customers import records
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.ui.pages import complaints
from postcrm_desktop.ui.pages.case_editor import CaseViewDialog
from postcrm_desktop.ui.qt import QMessageBox, QtWidgets
from tests.ui.fakes import make_context

DELAY_CASE = CaseInput(
    title="包裹延误物流信息不更新", category="delay",
    problem="包裹多日未到，物流信息停在处理中心不更新。", cause="处理中心积压。",
    solution="联系处理中心核实位置，告知预计送达时间。", tags="延误 查询")


def _page(qtbot, branch: Branch, clock: Clock | None = None) -> complaints.ComplaintsPage:
    ctx = make_context(branch, clock=clock)
    page = complaints.create_page(ctx)
    assert isinstance(page, complaints.ComplaintsPage)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _library(page: complaints.ComplaintsPage):
    page.show_tab("cases")
    assert page.tabs.currentWidget() is page.cases
    return page.cases


def _titles(tab) -> list[str]:
    return [r.title for r in tab.model.rows()]


def _customer(branch: Branch) -> str:
    return records.create_customer(branch, CustomerInput(
        customer_type="individual", name="孙悟净", mobile="13712345678", district="天河区",
        address="测试路9号"))


def _complaint(branch: Branch, customer_id: str, text: str, category: str = "delay") -> str:
    return desk.create_complaint(branch, ComplaintInput(
        customer_id=customer_id, complaint_type="complaint", category=category,
        description=text))


def _resolve(branch: Branch, complaint_id: str) -> None:
    desk.assign(branch, complaint_id, branch.actor.user_id or "")
    desk.start_work(branch, complaint_id)
    desk.resolve(branch, complaint_id, "已联系孙悟净说明原因，包裹次日送达")


def test_search_as_you_type_and_open_a_case(qtbot, branch) -> None:
    first = cases.create_case(branch, DELAY_CASE)
    cases.create_case(branch, CaseInput("易碎品破损理赔", "damage", "瓷器摔坏。",
                                        "按保价理赔。", tags="理赔"))
    page = _page(qtbot, branch)
    tab = _library(page)
    assert sorted(_titles(tab)) == ["包裹延误物流信息不更新", "易碎品破损理赔"]
    tab.search.setText("yw")  # initials of 延误
    qtbot.waitUntil(lambda: _titles(tab) == ["包裹延误物流信息不更新"], timeout=3000)
    tab.search.setText("理赔")
    tab.reload()
    assert _titles(tab) == ["易碎品破损理赔"]
    tab.search.setText("")
    tab.category.setCurrentIndex(tab.category.findData("delay"))
    assert _titles(tab) == ["包裹延误物流信息不更新"]
    tab.view.selectRow(0)
    assert tab.editor.case_id() == first
    assert tab.editor.texts["solution"].toPlainText() == DELAY_CASE.solution
    assert tab.count.text() == "共 1 个案例"


def test_new_case_messages_under_fields_nothing_lost_then_saved(qtbot, branch) -> None:
    page = _page(qtbot, branch)
    tab = _library(page)
    assert tab.new_case()
    editor = tab.editor
    editor.title.setText("挂号信查询")
    editor.texts["problem"].setPlainText("挂号信没收到")
    editor.texts["solution"].setPlainText("请回电 13812348000 告知结果")
    assert editor.save() is None
    shown = editor.errors.messages()
    assert shown["category"] == "请选择问题分类"
    assert "号码" in shown["solution"]
    assert editor.texts["solution"].toPlainText() == "请回电 13812348000 告知结果"
    assert cases.search_cases(branch) == []
    editor.category.setCurrentIndex(editor.category.findData("loss"))
    editor.texts["solution"].setPlainText("登记查询单，按时回电告知结果")
    case_id = editor.save()
    assert case_id is not None and editor.errors.messages() == {}
    assert _titles(tab) == ["挂号信查询"] and tab.editor.case_id() == case_id
    assert "已保存" in page.last_status


def test_retire_hides_the_case_until_shown_with_retired(qtbot, branch, monkeypatch) -> None:
    case_id = cases.create_case(branch, DELAY_CASE)
    at = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)  # just past midnight in Shanghai
    page = _page(qtbot, branch, FixedClock(at, "Asia/Shanghai"))
    tab = _library(page)
    assert tab.open_case(case_id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.editor.retire_button.click()
    detail = cases.get_case(branch, case_id)
    assert not detail.row.active and detail.retired_at == at  # the page's clock
    assert _titles(tab) == []
    tab.retired.setChecked(True)
    assert _titles(tab) == ["包裹延误物流信息不更新"]
    assert tab.editor.retire_button.text() == "恢复使用"
    # Times in the branch's zone, whatever the PC's (the suite also runs in New York).
    shown = format_local(detail.row.updated_at, ZoneInfo("Asia/Shanghai"))
    assert tab.model.index(0, 4).data() == shown
    assert shown in tab.editor.notice.text()


def test_a_clerk_reads_cases_and_hq_cases_are_read_only(qtbot, demo_login) -> None:
    admin = demo_login("admin")
    hq_id = cases.search_cases(admin, "禁寄")[0].id
    clerk = demo_login("clerk1")
    page = _page(qtbot, clerk)
    tab = _library(page)
    assert tab.model.rowCount() >= 8
    assert not tab.new_button.isVisible()
    assert tab.open_case(hq_id)
    assert tab.editor.title.isReadOnly() and not tab.editor.save_button.isVisible()
    assert "总部发布" in tab.editor.notice.text()
    manager = demo_login("manager1")
    page2 = _page(qtbot, manager)
    tab2 = _library(page2)
    assert tab2.new_button.isVisible()
    tab2.open_case(hq_id)
    assert tab2.editor.title.isReadOnly() and not tab2.editor.retire_button.isVisible()


def test_a_resolved_complaint_becomes_a_case_without_the_customers_data(qtbot, branch
                                                                        ) -> None:
    customer = _customer(branch)
    open_one = _complaint(branch, customer, "孙悟净的包裹延误，电话13712345678")
    done = _complaint(branch, customer, "孙悟净的包裹延误三天，电话13712345678，物流信息不更新")
    _resolve(branch, done)
    page = _page(qtbot, branch)
    assert page.open_complaint(open_one)
    assert not page.detail.case_button.isEnabled()
    assert "办结后" in page.detail.case_button.toolTip()
    assert page.open_complaint(done)
    assert page.detail.case_button.isEnabled()
    page.detail.case_button.click()
    tab = page.cases
    assert page.tabs.currentWidget() is tab
    editor = tab.editor
    texts = " ".join([editor.title.text(), *(t.toPlainText() for t in editor.texts.values())])
    assert "孙" not in texts and "13712345678" not in texts
    assert "物流信息不更新" in texts and "已隐去" in editor.notice.text()
    assert editor.category.currentData() == "delay"
    case_id = editor.save()
    assert case_id is not None
    with branch.session() as s:
        assert s.get(Case, case_id).source_complaint_id == done
    page.show_tab("list")
    assert page.open_complaint(done)
    assert page.detail.case_button.text().startswith("查看案例")
    page.detail.case_button.click()
    assert page.tabs.currentWidget() is tab and tab.editor.case_id() == case_id


def test_the_detail_suggests_matching_cases_one_click_away(qtbot, branch) -> None:
    case_id = cases.create_case(branch, DELAY_CASE)
    customer = _customer(branch)
    delay = _complaint(branch, customer, "我的包裹延误了，物流信息一直不更新")
    damage = _complaint(branch, customer, "包裹破损", category="damage")
    page = _page(qtbot, branch)
    page.open_complaint(delay)
    panel = page.detail.suggestions
    assert panel.isVisible() and panel.titles() == ["包裹延误物流信息不更新"]
    panel.buttons[0].click()
    assert page.tabs.currentWidget() is page.cases and page.cases.editor.case_id() == case_id
    page.show_tab("list")
    page.open_complaint(damage)
    assert not panel.isVisible()


@pytest.fixture
def customer(branch: Branch) -> str:
    return _customer(branch)


def test_the_intake_suggests_cases_as_the_category_and_text_are_entered(qtbot, branch,
                                                                        customer) -> None:
    cases.create_case(branch, DELAY_CASE)
    page = _page(qtbot, branch)
    dlg = page.new_complaint(customer)
    assert dlg is not None
    panel = dlg.suggestions
    dlg.description.setPlainText("包裹延误一周，物流信息不更新")
    panel.refresh_now()
    assert not panel.isVisible()  # no category yet
    dlg.category.setCurrentIndex(dlg.category.findData("delay"))
    qtbot.waitUntil(lambda: panel.titles() == ["包裹延误物流信息不更新"], timeout=3000)
    assert panel.isVisible()
    panel.buttons[0].click()
    view = dlg.findChild(CaseViewDialog)
    assert view is not None and view.isVisible()
    assert view.editor.texts["solution"].toPlainText() == DELAY_CASE.solution
    assert view.editor.title.isReadOnly()
    view.reject()
    dlg.category.setCurrentIndex(dlg.category.findData("price"))
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=3000)
    assert isinstance(dlg, QtWidgets.QDialog) and dlg.isVisible()


def test_a_case_saved_elsewhere_reloads_the_open_library(qtbot, branch) -> None:
    page = _page(qtbot, branch)
    bus = page.ctx.bus.listen()
    try:
        tab = _library(page)
        assert _titles(tab) == []
        cases.create_case(branch, DELAY_CASE)
        assert _titles(tab) == ["包裹延误物流信息不更新"]
    finally:
        bus.close()
