"""投诉 page: intake with inline messages and a live deadline, the overdue-first list with a
running clock, each workflow step through the buttons, refusals, statistics with a
chart, and the settings (read-only for a clerk)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtTest import QTest

from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import desk, listing, policy
from postcrm_desktop.services.complaints.types import ComplaintFilters, ComplaintInput
from postcrm_desktop.services.customers import records
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.ui.models.complaints_table import OverdueRole, RowRole
from postcrm_desktop.ui.pages import complaints
from postcrm_desktop.ui.pages.complaint_forms import ActionDialog
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtGui
from tests.ui.fakes import make_context

BRANCH_ZONE = "Asia/Shanghai"  # the default SLA policy's zone: the branch's days and times


def _customer(branch: Branch, name: str, n: int, tier: str = "normal") -> str:
    return records.create_customer(branch, CustomerInput(
        customer_type="individual", name=name, mobile=f"139{n:04d}1234", district="天河区",
        address=f"测试路{n}号", tier=tier))


def _complaint(branch: Branch, customer_id: str, *, priority: str | None = None,
               ago: timedelta = timedelta(0), text: str = "包裹破损，要求赔偿",
               category: str = "damage") -> str:
    return desk.create_complaint(branch, ComplaintInput(
        customer_id=customer_id, complaint_type="complaint", category=category,
        description=text, priority=priority), now=datetime.now(UTC) - ago)


def _page(qtbot, branch: Branch, **kw: object) -> complaints.ComplaintsPage:
    ctx = make_context(branch, **kw)  # type: ignore[arg-type]
    page = complaints.create_page(ctx)
    assert isinstance(page, complaints.ComplaintsPage)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _messages(monkeypatch) -> list[str]:
    """Message boxes are recorded instead of blocking."""
    shown: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda _p, _t, msg, *a, **k: shown.append(msg))
    return shown


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, msg, *a, **k: asked.append(msg) or button)
    return asked


def _near(text: str, moment: datetime) -> bool:
    """`text` shows `moment` to the minute (allowing the minute just before or after)."""
    return any(format_local(moment + timedelta(minutes=m), BRANCH_ZONE) in text
               for m in (-1, 0, 1))


def _status(branch: Branch, complaint_id: str) -> str:
    return desk.get_complaint(branch, complaint_id).row.status


def _click(page: complaints.ComplaintsPage, key: str) -> ActionDialog | None:
    button = page.detail.buttons[key]
    assert button.isEnabled(), f"{key}: {button.toolTip()}"
    button.click()
    return page.detail.dialog


@pytest.fixture
def customer(branch: Branch) -> str:
    return _customer(branch, "测试甲", 1)


# -- intake ---------------------------------------------------------------------------

def test_intake_with_invalid_fields_shows_messages_and_saves_nothing(qtbot, branch,
                                                                     customer) -> None:
    page = _page(qtbot, branch)
    dlg = page.new_complaint()
    assert dlg is not None and page.intake is dlg
    dlg.waybill.setText("EA123456788CN")  # wrong check digit
    dlg.accept()
    shown = dlg.errors.messages()
    assert shown["customer_id"] == "请选择客户"
    assert shown["category"] == "请选择问题分类"
    assert shown["description"] == "请填写问题描述"
    assert "校验位不正确" in shown["waybill_no"]
    assert dlg.findChild(type(dlg.general), "error_description").isVisible()
    assert listing.count_complaints(branch) == 0
    assert page.intake is dlg and dlg.isVisible()  # still open, nothing lost
    assert page.list.model.rowCount() == 0


def test_valid_intake_lists_it_with_its_deadline(qtbot, branch) -> None:
    diamond = _customer(branch, "钻石客户", 2, tier="diamond")
    page = _page(qtbot, branch)
    dlg = page.new_complaint()
    assert dlg is not None
    dlg.customer.edit.setText("钻石客户")
    assert dlg.customer.search_now() == 1
    dlg.customer.pick_row(0)
    assert dlg.customer.customer_id() == diamond
    # A diamond customer's complaint starts urgent, due in 24 hours.
    assert dlg.priority.currentData() == "urgent"
    assert "钻石" in dlg.priority_hint.text() and "紧急" in dlg.priority_hint.text()
    assert _near(dlg.preview.text(), datetime.now(UTC) + timedelta(hours=24))
    assert "剩余" in dlg.preview.text()
    dlg.category.setCurrentIndex(dlg.category.findData("delay"))
    dlg.description.setPlainText("邮件号查不到物流信息，已经五天")
    dlg.waybill.setText("ea 123456785 cn")
    dlg.accept()
    assert dlg.saved_id is not None and page.intake is None
    model = page.list.model
    assert model.rowCount() == 1
    row = model.row_at(0)
    assert row.id == dlg.saved_id and row.priority == "urgent"
    assert row.due_at - row.received_at == timedelta(hours=24)
    due_col = model.column_of("due_at")
    assert model.index(0, due_col).data() == format_local(row.due_at, BRANCH_ZONE)
    assert model.index(0, model.column_of("clock")).data().startswith("剩余 23小时")
    assert page.detail.complaint_id() == row.id
    assert page.detail.facts["waybill"].text() == "EA123456785CN"
    assert "已登记投诉" in page.last_status


def test_deadline_preview_follows_priority_and_time_received(qtbot, branch, customer) -> None:
    page = _page(qtbot, branch)
    dlg = page.new_complaint(customer)
    assert dlg is not None
    assert dlg.customer.edit.isReadOnly() and "测试甲" in dlg.customer.edit.text()
    assert dlg.priority.currentData() == "normal"
    start = datetime.now(UTC)
    assert _near(dlg.preview.text(), start + timedelta(hours=72))
    dlg.priority.setCurrentIndex(dlg.priority.findData("urgent"))  # raise by hand
    assert _near(dlg.preview.text(), start + timedelta(hours=24))
    dlg.received.setDateTime(dlg.received.dateTime().addDays(-2))
    assert "已超时" in dlg.preview.text()
    dlg.category.setCurrentIndex(dlg.category.findData("loss"))
    dlg.description.setPlainText("挂号信丢失")
    dlg.accept()
    row = desk.get_complaint(branch, dlg.saved_id).row
    assert row.priority == "urgent" and row.overdue
    assert row.received_at < start - timedelta(days=1)


def test_intake_attaches_files_and_asks_before_dropping_typed_text(qtbot, branch, customer,
                                                                   tmp_path, monkeypatch
                                                                   ) -> None:
    page = _page(qtbot, branch)
    dlg = page.new_complaint(customer)
    assert dlg is not None
    photo = tmp_path / "破损照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert dlg.add_file(photo)
    dlg.description.setPlainText("外包装破损")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert page.maybe_close() is False and asked
    dlg.category.setCurrentIndex(dlg.category.findData("damage"))
    dlg.accept()
    detail = desk.get_complaint(branch, dlg.saved_id)
    assert [a.filename for a in detail.attachments] == ["破损照片.png"]
    assert page.maybe_close() is True


# -- list -----------------------------------------------------------------------------

def test_overdue_rows_first_and_highlighted(qtbot, branch, customer) -> None:
    fresh = _complaint(branch, customer, text="新到的投诉")
    late = _complaint(branch, customer, priority="urgent", ago=timedelta(days=3),
                      text="三天前的紧急投诉")
    later = _complaint(branch, customer, priority="low", ago=timedelta(days=10),
                       text="十天前的低优先级")
    page = _page(qtbot, branch)
    model = page.list.model
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert ids == [later, late, fresh]  # overdue first, the longest overdue leading
    clock = model.column_of("clock")
    for r, overdue in ((0, True), (1, True), (2, False)):
        index = model.index(r, clock)
        assert index.data(OverdueRole) is overdue
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        assert (isinstance(background, QtGui.QBrush)
                and background.color().name() == "#fde2e1") is overdue
        assert index.data().startswith("已超时" if overdue else "剩余")
    assert page.list.overdue_label.text() == "超时未办结 2 条"
    assert page.list.count_label.text() == "共 3 条"
    page.list.overdue_only.setChecked(True)
    assert [model.row_at(r).id for r in range(model.rowCount())] == [later, late]


def test_clock_counts_down_and_turns_red_when_time_runs_out(qtbot, branch, customer) -> None:
    complaint = _complaint(branch, customer, priority="urgent", ago=timedelta(hours=23))
    clock = [datetime.now(UTC)]
    ctx = make_context(branch)
    page = complaints.ComplaintsPage(ctx, now=lambda: clock[0])
    qtbot.addWidget(page)
    model = page.list.model
    col = model.column_of("clock")
    assert re.fullmatch(r"剩余 5\d分钟", model.index(0, col).data())  # about an hour left
    assert not model.index(0, col).data(OverdueRole)
    clock[0] += timedelta(hours=2)
    page.list.tick()
    assert model.index(0, col).data().startswith("已超时 1小时")
    assert model.index(0, col).data(OverdueRole)
    assert page.list.clock.interval() == 60_000 and page.list.clock.isActive()
    assert model.row_at(0).id == complaint


def test_filters_and_search(qtbot, branch, customer) -> None:
    other = _customer(branch, "测试乙", 2)
    a = _complaint(branch, customer, text="快递员态度恶劣", category="attitude")
    b = _complaint(branch, other, text="邮费多收了五元", category="price", priority="urgent")
    page = _page(qtbot, branch)
    lst = page.list

    def shown() -> list[str]:
        return [lst.model.row_at(r).id for r in range(lst.model.rowCount())]

    lst.category_filter.setCurrentIndex(lst.category_filter.findData("price"))
    assert shown() == [b]
    lst.category_filter.setCurrentIndex(0)
    lst.priority_filter.setCurrentIndex(lst.priority_filter.findData("urgent"))
    assert shown() == [b]
    lst.priority_filter.setCurrentIndex(0)
    lst.search.setText("态度")
    qtbot.waitUntil(lambda: shown() == [a])
    QTest.keyClick(lst.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sorted(shown()) == sorted([a, b]))
    page.navigate_to(customer_id=other, customer_label="测试乙")
    assert shown() == [b] and lst.customer_bar.isVisibleTo(page)


def test_sorting_by_a_column_and_back_to_overdue_first(qtbot, branch, customer) -> None:
    ids = [_complaint(branch, customer, priority=p, ago=timedelta(hours=h))
           for p, h in (("low", 1), ("urgent", 30), ("normal", 2))]
    page = _page(qtbot, branch)
    model = page.list.model
    model.sort(model.column_of("priority"), Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).priority for r in range(3)] == ["urgent", "normal", "low"]
    assert page.list.sort_button.isVisibleTo(page)
    model.reset_sort()
    assert model.row_at(0).id == ids[1]  # the overdue one leads again


# -- workflow -------------------------------------------------------------------------

def test_each_workflow_step_through_the_buttons(qtbot, branch, customer, monkeypatch) -> None:
    shown = _messages(monkeypatch)
    cid = _complaint(branch, customer)
    page = _page(qtbot, branch)
    assert page.detail.complaint_id() == cid  # the first one is shown at once
    buttons = page.detail.buttons
    assert not buttons["resolve"].isEnabled()
    assert "需先分派并开始处理" in buttons["resolve"].toolTip()

    dlg = _click(page, "assign")
    assert dlg is not None
    users = dlg.fields["assignee_id"]
    users.setCurrentIndex(users.findData(branch.actor.user_id))
    dlg.accept()
    assert _status(branch, cid) == "assigned"
    assert page.detail.status_badge.text() == "已分派"
    assert buttons["assign"].text() == "改派(&A)"

    _click(page, "start")
    assert _status(branch, cid) == "in_progress"

    dlg = _click(page, "resolve")
    assert dlg is not None
    dlg.accept()  # no resolution text
    assert dlg.errors.messages()["resolution"] == "办结时必须填写处理结果"
    assert _status(branch, cid) == "in_progress"
    dlg.set_text("resolution", "已按保价赔付并致歉")
    dlg.accept()
    assert _status(branch, cid) == "resolved"

    dlg = _click(page, "revisit")
    assert dlg is not None
    scores = dlg.fields["satisfaction"]
    scores.setCurrentIndex(scores.findData(4))
    dlg.set_text("comment", "基本满意")
    dlg.accept()
    assert _status(branch, cid) == "revisited"
    assert page.detail.facts["satisfaction"].text().startswith("4 分")

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    _click(page, "close")
    assert asked and "关闭投诉" in asked[0]
    assert _status(branch, cid) == "revisited"  # not confirmed: nothing happened
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    _click(page, "close")
    assert _status(branch, cid) == "closed"
    assert not buttons["resolve"].isEnabled() and buttons["reopen"].isEnabled()

    dlg = _click(page, "reopen")
    assert dlg is not None
    dlg.accept()
    assert dlg.errors.messages()["note"] == "重新打开时必须说明原因"
    dlg.set_text("note", "客户再次来电，赔付未到账")
    dlg.accept()
    assert _status(branch, cid) == "in_progress"

    history = page.detail.history_rows()  # newest first: when, what, status, who, note
    actions = [row[1] for row in reversed(history)]
    assert actions == ["受理", "分派", "开始处理", "办结", "回访", "关闭", "重新打开"]
    assert all(row[0] and row[3] == branch.actor.display_name for row in history)
    assert history[0][2] == "已关闭 → 处理中" and "赔付未到账" in history[0][4]
    assert shown == []
    # The list shows the new state too.
    assert page.list.model.row_at(0).status == "in_progress"


def test_priority_escalation_and_notes(qtbot, branch, customer, monkeypatch) -> None:
    _messages(monkeypatch)
    cid = _complaint(branch, customer)
    page = _page(qtbot, branch)
    before = desk.get_complaint(branch, cid).row.due_at
    dlg = _click(page, "priority")
    assert dlg is not None
    combo = dlg.fields["priority"]
    combo.setCurrentIndex(combo.findData("urgent"))
    dlg.accept()
    row = desk.get_complaint(branch, cid).row
    assert row.priority == "urgent" and row.due_at == before - timedelta(hours=48)

    dlg = _click(page, "escalate")
    assert dlg is not None
    dlg.accept()
    assert "上报说明" in dlg.errors.messages()["note"]
    dlg.set_text("note", "涉及跨省理赔")
    dlg.accept()
    assert desk.get_complaint(branch, cid).row.escalated
    assert page.detail.escalated_badge.isVisibleTo(page)
    assert page.detail.buttons["escalate"].text() == "撤销上报(&E)"

    dlg = _click(page, "note")
    assert dlg is not None
    dlg.set_text("note", "已联系处理中心")
    dlg.accept()
    assert "已联系处理中心" in page.detail.history_rows()[0][4]


def test_a_refused_step_shows_a_message_and_changes_nothing(qtbot, branch, customer,
                                                           monkeypatch) -> None:
    """Closing without a revisit: the panel still offers 关闭 (shown before someone else
    reopened and resolved it again); the service refuses and the page catches up."""
    shown = _messages(monkeypatch)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    cid = _complaint(branch, customer)
    desk.assign(branch, cid, branch.actor.user_id)
    desk.start_work(branch, cid)
    desk.resolve(branch, cid, "已处理")
    desk.revisit(branch, cid, 5)
    page = _page(qtbot, branch)  # not listening: it does not see the next changes
    assert page.detail.buttons["close"].isEnabled()
    desk.reopen(branch, cid, "客户又来电")
    desk.resolve(branch, cid, "再次处理")
    page.detail.buttons["close"].click()
    assert shown == ["关闭前必须先完成回访（记录客户满意度）"]
    assert _status(branch, cid) == "resolved"
    assert page.detail.status_badge.text() == "已解决"  # reloaded
    assert not page.detail.buttons["close"].isEnabled()


def test_revisit_score_must_be_1_to_5(qtbot, branch, customer, monkeypatch) -> None:
    _messages(monkeypatch)
    cid = _complaint(branch, customer)
    desk.assign(branch, cid, branch.actor.user_id)
    desk.start_work(branch, cid)
    desk.resolve(branch, cid, "已处理")
    page = _page(qtbot, branch)
    dlg = _click(page, "revisit")
    assert dlg is not None
    scores = dlg.fields["satisfaction"]
    assert [scores.itemData(i) for i in range(scores.count())] == [None, 5, 4, 3, 2, 1]
    dlg.accept()
    assert dlg.errors.messages()["satisfaction"] == "请填写 1 到 5 分的满意度评分"
    for bad in (0, 6):  # values the form never offers, as if tampered with
        scores.addItem(str(bad), bad)
        scores.setCurrentIndex(scores.count() - 1)
        dlg.accept()
        assert dlg.errors.messages()["satisfaction"] == "满意度评分必须在 1 到 5 之间"
    assert _status(branch, cid) == "resolved" and dlg.isVisible()
    scores.setCurrentIndex(scores.findData(1))
    dlg.accept()
    assert desk.get_complaint(branch, cid).row.satisfaction == 1


def test_editing_a_closed_complaint_is_refused(qtbot, branch, customer, monkeypatch) -> None:
    shown = _messages(monkeypatch)
    cid = _complaint(branch, customer)
    page = _page(qtbot, branch)
    dlg = _click(page, "edit")
    assert dlg is not None
    dlg.set_text("description", "")
    dlg.accept()
    assert dlg.errors.messages()["description"] == "请填写问题描述"
    dlg.set_text("description", "包裹破损严重，内物受潮")
    # Meanwhile the complaint is worked through to closed elsewhere.
    desk.assign(branch, cid, branch.actor.user_id)
    desk.start_work(branch, cid)
    desk.resolve(branch, cid, "已赔付")
    desk.revisit(branch, cid, 4)
    desk.close(branch, cid)
    dlg.accept()
    assert shown == [desk.CLOSED_MESSAGE]
    assert desk.get_complaint(branch, cid).description == "包裹破损，要求赔偿"
    page.detail.reload()
    assert page.detail.run_action("edit") is None  # closed: refused before any form
    assert shown == [desk.CLOSED_MESSAGE, desk.CLOSED_MESSAGE]
    assert not page.detail.buttons["note"].isEnabled()


def test_navigate_to_a_complaint_and_the_bus_refreshes(qtbot, branch, customer) -> None:
    first = _complaint(branch, customer, ago=timedelta(hours=1))
    page = _page(qtbot, branch, listen=True)
    try:
        second = _complaint(branch, customer, priority="urgent", text="新来的紧急投诉")
        assert page.list.model.row_of(second) >= 0  # the change bus refreshed the list
        page.navigate_to(complaint_id=first)
        assert page.detail.complaint_id() == first
        assert page.list.selected_id() == first
        desk.add_note(branch, first, "外部记录")
        assert "外部记录" in page.detail.history_rows()[0][4]
    finally:
        page.ctx.bus.close()


def test_a_role_without_complaint_rights_only_reads(qtbot, demo_login) -> None:
    page = _page(qtbot, demo_login("analyst1"))
    assert page.list.model.rowCount() > 0 and page.detail.complaint_id() is not None
    assert not page.list.new_button.isEnabled() and page.new_complaint() is None
    assert not any(b.isEnabled() for b in page.detail.buttons.values())
    assert page.detail.run_action("resolve") is None
    assert page.detail.buttons["close"].toolTip() == "当前角色没有处理投诉的权限"


def test_open_customer_from_the_detail(qtbot, branch, customer) -> None:
    _complaint(branch, customer)
    page = _page(qtbot, branch)
    page.detail.customer_button.click()
    assert page.ctx.navigated == [("customer", {"id": customer})]  # type: ignore[attr-defined]


# -- statistics -----------------------------------------------------------------------

def test_stats_tab_renders_a_chart_and_exports_it(qtbot, branch, customer, tmp_path) -> None:
    for text, cat in (("快递员态度恶劣", "attitude"), ("快递员态度恶劣，不送货上门", "attitude"),
                      ("包裹破损", "damage")):
        _complaint(branch, customer, text=text, category=cat)
    page = _page(qtbot, branch)
    page.show_tab("stats")
    stats = page.stats
    assert stats.stats is not None and stats.stats.total == 3
    assert page.ctx.tasks.titles[-1] == "正在统计投诉…"  # type: ignore[attr-defined]
    assert stats.kpis["total"].text() == "3"
    assert stats.canvas is not None and stats.canvas.isVisibleTo(page)
    fig = stats.canvas.figure
    assert fig is stats.figure and len(fig.axes) == 3
    bars = [p.get_height() for p in fig.axes[1].containers[0].patches]
    labels = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert dict(zip(labels, bars, strict=True))["服务态度"] == 2
    stats.chart_kind.setCurrentIndex(stats.chart_kind.findData("phrases"))
    assert stats.canvas.figure.axes[0].containers  # the phrases chart has bars
    assert stats.phrases.rowCount() >= 1
    png = stats.export(tmp_path / "chart.png")
    pdf = stats.export(tmp_path / "chart.pdf")
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert "图表已导出" in page.last_status


def test_stats_need_the_report_permission(qtbot, demo_login) -> None:
    page = _page(qtbot, demo_login("clerk1"))
    assert not page.show_stats()
    assert page.stats.findChild(type(page.message), "stats_denied") is not None


# -- settings -------------------------------------------------------------------------

def test_sla_editor_is_read_only_for_a_clerk(qtbot, demo_login) -> None:
    page = _page(qtbot, demo_login("clerk1"))
    page.show_tab("settings")
    sla = page.settings.sla
    assert not sla.editable
    assert all(not w.isEnabled() for w in sla.inputs)
    assert not sla.save_button.isVisibleTo(page)
    assert not sla.save()
    assert "只有网点管理员" in sla.note.text()
    cats = page.settings.categories
    assert not cats.buttons["add"].isVisibleTo(page) and cats.names()


def test_admin_edits_the_sla_policy_with_inline_messages(qtbot, branch, customer) -> None:
    page = _page(qtbot, branch)
    sla = page.settings.sla
    assert sla.editable and all(w.isEnabled() for w in sla.inputs if w not in (
        sla.day_start, sla.day_end))
    sla.hours["urgent"].setValue(100)  # longer than normal (72): refused
    assert not sla.save()
    assert "紧急 ≤ 一般 ≤ 低" in sla.errors.messages()["hours"]
    sla.hours["urgent"].setValue(12)
    sla.mode.setCurrentIndex(sla.mode.findData("working"))
    assert sla.day_start.isEnabled()
    sla.day_start.setTime(sla.day_end.time())
    assert not sla.save()
    assert sla.errors.messages()["day_end"] == "下班时间必须晚于上班时间"
    sla.day_start.setTime(sla.day_end.time().addSecs(-8 * 3600))
    sla.tier_priority["gold"].setCurrentIndex(sla.tier_priority["gold"].findData("urgent"))
    assert sla.save()
    stored = policy.get_policy(branch)
    assert stored.hours["urgent"] == 12 and str(stored.mode) == "working"
    assert stored.tier_priority["gold"] == "urgent"
    # A new intake for a gold customer now starts urgent.
    gold = _customer(branch, "金卡客户", 3, tier="gold")
    dlg = page.new_complaint(gold)
    assert dlg is not None and dlg.priority.currentData() == "urgent"
    assert "工作时间" in dlg.preview.text()


def test_categories_editor(qtbot, branch, customer, monkeypatch) -> None:
    shown = _messages(monkeypatch)
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page = _page(qtbot, branch)
    cats = page.settings.categories
    assert cats.names()[:6] == ["延误", "丢失", "破损", "服务态度", "价格", "其他"]
    cats.name.setText("延误")
    assert not cats.add()
    assert cats.errors.messages()["name"] == "分类“延误”已存在"
    cats.name.setText("投递不到位")
    cats.name_en.setText("Delivery")
    assert cats.add()
    assert cats.names()[-1] == "投递不到位"
    intake = page.new_complaint(customer)
    assert intake is not None and intake.category.findText("投递不到位") >= 0
    intake.description.setPlainText("未送货上门")
    intake.category.setCurrentIndex(intake.category.findText("投递不到位"))
    intake.accept()
    assert cats.select_name("投递不到位")
    assert not cats.delete()  # in use
    assert shown and "不能删除" in shown[-1]
    assert cats.toggle_active()
    assert page.list.category_filter.findText("投递不到位（已停用）") >= 0
    assert cats.select_name("其他")
    assert cats.move(-1)
    assert cats.names().index("其他") == cats.names().index("价格") - 1


# -- keyboard -------------------------------------------------------------------------

def test_keyboard_shortcuts(qtbot, branch, customer) -> None:
    _complaint(branch, customer)
    page = _page(qtbot, branch)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.list.view.setFocus()
    QTest.keySequence(page.list.view, QtGui.QKeySequence("Ctrl+F"))
    assert page.list.search.hasFocus()
    QTest.keySequence(page.list.view, QtGui.QKeySequence("Ctrl+Shift+O"))
    assert page.list.overdue_only.isChecked()
    page.list.overdue_only.setChecked(False)
    QTest.keySequence(page.list.view, QtGui.QKeySequence("Ctrl+N"))
    assert page.intake is not None
    page.intake.done(0)


def test_customer_profile_registers_a_complaint_for_its_customer(qtbot, branch,
                                                                customer) -> None:
    from postcrm_desktop.ui.pages.customer_profile import CustomerProfile

    ctx = make_context(branch)
    profile = CustomerProfile(ctx)
    qtbot.addWidget(profile)
    assert profile.load(customer)
    button = profile.findChild(type(profile.edit_button), "profile_new_complaint")
    assert button is not None and button.isEnabled()
    with qtbot.waitSignal(profile.sig_status) as said:
        button.click()
        dlg = profile.complaint_dialog
        assert dlg is not None and dlg.customer.customer_id() == customer
        assert dlg.customer.edit.isReadOnly()
        dlg.category.setCurrentIndex(dlg.category.findData("price"))
        dlg.description.setPlainText("邮费多收")
        dlg.accept()
    assert "投诉已登记" in said.args[0]
    assert listing.count_complaints(branch, ComplaintFilters(customer_id=customer)) == 1


def test_rows_carry_the_service_row(qtbot, branch, customer) -> None:
    cid = _complaint(branch, customer)
    page = _page(qtbot, branch)
    row = page.list.model.index(0, 0).data(RowRole)
    assert row.id == cid
    assert listing.count_complaints(branch, ComplaintFilters(customer_id=customer)) == 1


def test_the_summary_column_stays_on_screen(qtbot, branch) -> None:
    cid = _customer(branch, "测试甲", 1)
    _complaint(branch, cid, text="寄往杭州的挂号信十天未到，查询也没有结果，要求尽快处理")
    page = _page(qtbot, branch)
    view, model = page.list.view, page.list.model
    col = model.column_of("summary")
    header = view.horizontalHeader()
    right = header.sectionViewportPosition(col) + header.sectionSize(col)
    assert right <= view.viewport().width(), "not pushed off the right edge"
    assert header.sectionSize(col) >= 100
    assert "挂号信" in model.index(0, col).data(Qt.ItemDataRole.ToolTipRole)
