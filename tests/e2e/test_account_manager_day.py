"""An account manager's day through the real windows: log in, file a new customer, find it
by pinyin initials, log a contact with a next step from its profile (which becomes a
follow-up task), register a complaint, and find it on the complaint desk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from postcrm_desktop.services import demo
from postcrm_desktop.services.complaints import listing
from postcrm_desktop.services.contacts import tasks
from postcrm_desktop.services.contacts.types import TaskFilters
from postcrm_desktop.services.customers import records
from postcrm_desktop.ui.app import AppController
from postcrm_desktop.ui.qt import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def controller(demo_path):
    c = AppController(demo_path)
    c.quit_app = False
    yield c
    if c.branch is not None:
        c.branch.close()


def test_account_manager_day(qtbot, controller):
    c = controller
    c.start()
    dlg = c.login_dialog
    dlg.user_edit.setText("manager1")
    qtbot.keyClicks(dlg.password_edit, demo.DEMO_PASSWORD)
    with qtbot.waitSignal(c.sig_state, timeout=10000):
        dlg.login_button.click()
    assert c.state == "main"
    window, branch = c.window, c.branch

    # File a new customer through the form; it becomes manager1's own.
    page = window.navigate("customers")
    form = page.edit_customer()
    form.name.setText("欧阳测试")
    form.mobile.setText("13912345678")
    form.accept()
    assert not form.isVisible(), "a valid customer saves and the form closes"
    customer_id = form.saved_id
    detail = records.get_customer(branch, customer_id)
    assert detail.owner_id == branch.actor.user_id
    assert detail.mobile == "139****5678"  # masked even for its own manager

    # Find it again the way a counter does it: pinyin initials in the search box.
    lst = page.list
    lst.search.setText("oycs")
    qtbot.waitUntil(lambda: any(lst.model.row_at(i).id == customer_id
                                for i in range(lst.model.rowCount())), timeout=5000)

    # Open the profile and log a phone call with a next step due tomorrow.
    assert page.open_customer(customer_id)
    contact = page.profile.log_contact()
    contact.content.setPlainText("电话介绍邮政理财产品，客户愿意了解")
    contact.next_step.setText("上门送资料")
    due = datetime.now(UTC) + timedelta(days=1)
    contact.next_due.set_value(due)
    contact.accept()
    assert not contact.isVisible()
    open_tasks = tasks.list_tasks(branch, TaskFilters(customer_id=customer_id)).rows
    assert [t.title for t in open_tasks] == ["上门送资料"]

    # Register a complaint from the same profile.
    intake = page.profile.new_complaint()
    intake.description.setPlainText("包裹延误三天未送达，客户要求尽快处理")
    intake.accept()
    assert intake.isVisible() and "category" in intake.errors.messages()  # nothing chosen
    intake.category.setCurrentIndex(intake.category.findText("延误"))
    intake.accept()
    assert not intake.isVisible(), intake.errors.messages()
    complaint_id = intake.saved_id

    # The complaint desk lists it.
    desk = window.navigate("complaints")
    desk.list.reload()
    qtbot.waitUntil(lambda: any(desk.list.model.row_at(i).id == complaint_id
                                for i in range(desk.list.model.rowCount())), timeout=5000)
    mine = listing.list_complaints(branch).rows
    assert any(r.id == complaint_id and r.customer_id == customer_id for r in mine)

    # Quit: the session ends cleanly.
    with qtbot.waitSignal(c.sig_finished, timeout=30000):
        window.quit_action.trigger()
    assert c.branch is None
