"""A branch's first day, through the real windows: setup, login, every page, lock, password
change, quit with the automatic backup; and switching user."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from postcrm_desktop.services import auth, backup
from postcrm_desktop.store.backup_file import verify_backup
from postcrm_desktop.store.keyslots import WrongPassword
from postcrm_desktop.store.models.system import AuditEntry
from postcrm_desktop.ui.app import AppController
from postcrm_desktop.ui.context import PAGES
from postcrm_desktop.ui.qt import QSettings, Qt, QtWidgets

FIRST_PASSWORD = "Counter2024"
NEW_PASSWORD = "Window2025"


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def controller():
    """`controller(db_path)` -> an AppController that leaves the test's QApplication running."""
    made = []

    def make(db_path):
        c = AppController(db_path)
        c.quit_app = False
        made.append(c)
        return c

    yield make
    for c in made:
        if c.branch is not None:
            c.branch.close()


def run_wizard(qtbot, c):
    w = c.wizard
    assert c.state == "wizard" and w.isVisible()
    w.next()
    w.branch_page.code_edit.setText("HZ03")
    w.branch_page.name_edit.setText("测试邮政所")
    w.next()
    w.admin_page.name_edit.setText("测试站长")
    qtbot.keyClicks(w.admin_page.password_edit, FIRST_PASSWORD)
    qtbot.keyClicks(w.admin_page.confirm_edit, FIRST_PASSWORD)
    w.next()
    assert w.currentPage() is w.key_page
    key = w.key_page.key_label.text()
    assert key and key == w.recovery_key
    w.key_page.confirm.setChecked(True)
    with qtbot.waitSignal(c.sig_state, timeout=5000):
        w.button(QtWidgets.QWizard.WizardButton.FinishButton).click()
    return key


def log_in(qtbot, c, password):
    dlg = c.login_dialog
    assert c.state == "login" and dlg.isVisible()
    if not dlg.user_edit.text():
        qtbot.keyClicks(dlg.user_edit, "admin")
    qtbot.keyClicks(dlg.password_edit, password)
    with qtbot.waitSignal(c.sig_state, timeout=10000):
        dlg.login_button.click()
    assert c.state == "main"
    return c.window


def test_first_run_journey(qtbot, tmp_path, controller):
    db = tmp_path / "office" / "branch.db"
    c = controller(db)
    c.start()

    # 1. the wizard creates the branch and shows the recovery key
    key = run_wizard(qtbot, c)
    assert db.exists()
    assert c.state == "login"
    assert c.login_dialog.user_edit.text() == "admin"
    assert len(key.replace("-", "")) >= 50

    # 2. log in to the main window
    window = log_in(qtbot, c, FIRST_PASSWORD)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.user_label.text() == "用户：测试站长"
    assert window.branch_label.text() == "网点：HZ03 测试邮政所"

    # 3. every page, from the keyboard
    for n, (page_key, _title) in enumerate(PAGES, start=1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key == page_key
        assert window.stack.currentWidget() is window.pages[page_key]
        assert window.pages[page_key].isVisible()

    # 4. lock with half-typed text on a page; unlock; the text is still there
    window.show_page("workbench")
    page = window.pages["workbench"]
    note = QtWidgets.QLineEdit(page)
    page.layout().addWidget(note)
    qtbot.waitUntil(note.isVisible)
    qtbot.keyClicks(note, "call back 3pm")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.idle_lock.is_locked and not note.isVisible()
    cover = window.idle_lock.interactive_cover
    qtbot.keyClicks(cover.password, "not-it-42")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert window.idle_lock.is_locked and "密码不正确" in cover.error.text()
    qtbot.keyClicks(cover.password, FIRST_PASSWORD)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert note.isVisible() and note.text() == "call back 3pm"

    # 5. change the password from the account menu
    window.password_action.trigger()
    dlg = window.password_dialog
    qtbot.keyClicks(dlg.old_edit, FIRST_PASSWORD)
    qtbot.keyClicks(dlg.new_edit, NEW_PASSWORD)
    qtbot.keyClicks(dlg.confirm_edit, NEW_PASSWORD)
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg.ok_button.click()

    # 6. quit: the automatic backup of the day is written, then everything is closed
    with qtbot.waitSignal(c.sig_finished, timeout=30000):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert c.branch is None and c.window is None
    autos = list(backup.backup_dir(db).glob("branch-auto-*.pcbak"))
    assert len(autos) == 1 and autos[0] == c.last_backup

    # afterwards: the new password works, the old one does not, the backup verifies
    with pytest.raises(WrongPassword):
        auth.login(db, "admin", FIRST_PASSWORD)
    # (one failure above: the throttle is cleared by the next good login after its wait)
    branch = auth.login(db, "admin", NEW_PASSWORD, now=_later())
    try:
        verify_backup(autos[0], branch.master, branch.db.info.db_id)
        with branch.session() as s:
            actions = s.execute(select(AuditEntry.action)).scalars().all()
        assert "backup.automatic" in actions and "password.changed" in actions
    finally:
        branch.close()


def _later():
    from datetime import UTC, datetime, timedelta

    return lambda: datetime.now(UTC) + timedelta(minutes=5)


def test_switch_user_returns_to_login_and_backs_up_once_a_day(qtbot, tmp_path, controller):
    db = tmp_path / "branch.db"
    auth.init_branch(db, branch_code="NB01", branch_name="测试所", admin_username="admin",
                     admin_password=FIRST_PASSWORD)
    c = controller(db)
    c.start()
    window = log_in(qtbot, c, FIRST_PASSWORD)
    with qtbot.waitSignal(c.sig_state, timeout=30000,
                          check_params_cb=lambda s: s == "login"):
        window.logout_action.trigger()
    assert c.branch is None
    assert len(list(backup.backup_dir(db).glob("*-auto-*.pcbak"))) == 1
    # the same database opens again in this process: nothing was left locked
    window = log_in(qtbot, c, FIRST_PASSWORD)
    with qtbot.waitSignal(c.sig_finished, timeout=30000):
        window.quit_action.trigger()
    assert len(list(backup.backup_dir(db).glob("*-auto-*.pcbak"))) == 1  # not twice a day
    assert c.last_backup is None


def test_restore_from_the_admin_page_ends_the_session_restores_and_asks_for_login(
        qtbot, tmp_path, controller, monkeypatch):
    from postcrm_desktop.core.roles import Role
    from postcrm_desktop.services import users
    from postcrm_desktop.ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    db = tmp_path / "branch.db"
    auth.init_branch(db, branch_code="NB01", branch_name="测试所", admin_username="admin",
                     admin_password=FIRST_PASSWORD)
    c = controller(db)
    c.start()
    window = log_in(qtbot, c, FIRST_PASSWORD)
    saved = tmp_path / "before.pcbak"
    backup.backup(c.branch, saved)
    users.add_user(c.branch, "late1", "后来的人", Role.COUNTER_CLERK, "Clerk1234")

    with qtbot.waitSignal(c.sig_state, timeout=30000,
                          check_params_cb=lambda s: s == "login"):
        window.restore_from(saved)

    assert c.branch is None and c.restore_source is None
    assert len(shown) == 1 and "before.pcbak" in shown[0]
    branch = auth.login(db, "admin", FIRST_PASSWORD)
    try:
        names = [u.username for u in users.list_users(branch)]
    finally:
        branch.close()
    assert "late1" not in names  # the database is the one saved before the user was added
    aside = [p for p in tmp_path.glob("branch.db.replaced-*") if not p.name.endswith(("-wal",
                                                                                      "-shm"))]
    assert len(aside) == 1 and aside[0].name in shown[0]  # the replaced database kept aside
