"""Login dialog: success, wrong password, throttling, lock, disabled, forced password change."""

from __future__ import annotations

import pytest

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, users
from postcrm_desktop.store.keyslots import KeyFile
from postcrm_desktop.ui.login_dialog import LoginDialog
from postcrm_desktop.ui.password_dialog import PasswordDialog
from postcrm_desktop.ui.qt import QSettings, QtWidgets

ADMIN_PASSWORD = "Admin1234"  # the `branch_path` fixture's admin


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def dialog(qtbot, branch_path):
    dlg = LoginDialog(branch_path, username="admin")
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    if dlg.branch is not None:
        dlg.branch.close()


def type_password(qtbot, dlg, text):
    dlg.password_edit.clear()
    qtbot.keyClicks(dlg.password_edit, text)


def test_right_password_logs_in(qtbot, dialog):
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=5000) as sig:
        dialog.login_button.click()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert sig.args[0] is dialog.branch
    assert dialog.branch.actor.username == "admin"
    assert dialog.password_edit.text() == ""


def test_wrong_password_says_so_and_stays(qtbot, dialog):
    type_password(qtbot, dialog, "Wrong9999")
    assert dialog.attempt_login() is False
    assert dialog.branch is None
    assert dialog.error.isVisible()
    assert "用户名或密码不正确" in dialog.error.text()
    assert "5" in dialog.error.text()
    assert dialog.password_edit.text() == ""
    assert dialog.isVisible()


def test_unknown_user_gets_the_same_message(qtbot, dialog):
    dialog.user_edit.setText("nobody")
    type_password(qtbot, dialog, "Wrong9999")
    assert dialog.attempt_login() is False
    assert "用户名或密码不正确" in dialog.error.text()


def test_quick_retry_is_throttled_with_seconds_to_wait(qtbot, dialog):
    type_password(qtbot, dialog, "Wrong9999")
    dialog.attempt_login()
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.attempt_login() is False
    assert dialog.branch is None
    assert dialog.waiting_seconds >= 1
    assert f"{dialog.waiting_seconds} 秒" in dialog.error.text()
    assert not dialog.login_button.isEnabled()
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=4000)
    assert dialog.attempt_login() is True


def test_locked_account_says_an_admin_must_unlock(qtbot, dialog, branch_path):
    kf = KeyFile.load(branch_path)
    kf.throttle_for("admin").locked = True
    kf.save(branch_path)
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.attempt_login() is False
    assert "锁定" in dialog.error.text()
    assert "管理员" in dialog.error.text()


def test_locked_account_says_when_the_lock_lifts(qtbot, dialog, branch_path):
    from datetime import UTC, datetime, timedelta

    kf = KeyFile.load(branch_path)
    throttle = kf.throttle_for("admin")
    throttle.locked = True
    throttle.locked_at = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    kf.save(branch_path)
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.attempt_login() is False
    assert "分钟后自动解锁" in dialog.error.text()
    assert "20 分钟" in dialog.error.text() or "21 分钟" in dialog.error.text()


def test_disabled_account(qtbot, branch_path):
    # Disabling removes the key slot (the password then simply fails); a slot can outlive
    # the flag only when the flag arrives by sync, so the service's refusal is simulated.
    def login(path, username, password):
        raise auth.AccountDisabled()

    dlg = LoginDialog(branch_path, username="clerk9", login=login)
    qtbot.addWidget(dlg)
    type_password(qtbot, dlg, "Start1234")
    assert dlg.attempt_login() is False
    assert "停用" in dlg.error.text()


def test_disabled_user_cannot_log_in(qtbot, branch, branch_path):
    users.add_user(branch, "clerk9", "测试柜员", Role.COUNTER_CLERK, "Start1234")
    users.set_active(branch, "clerk9", False)
    branch.close()
    dlg = LoginDialog(branch_path, username="clerk9")
    qtbot.addWidget(dlg)
    type_password(qtbot, dlg, "Start1234")
    assert dlg.attempt_login() is False
    assert dlg.branch is None


def test_second_window_on_same_database_is_refused(qtbot, dialog, branch):
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.attempt_login() is False
    assert "另一个" in dialog.error.text()


def test_empty_fields(qtbot, dialog):
    dialog.user_edit.clear()
    assert dialog.attempt_login() is False
    assert "用户名" in dialog.error.text()
    dialog.user_edit.setText("admin")
    assert dialog.attempt_login() is False
    assert "密码" in dialog.error.text()


@pytest.fixture
def reset_user(branch, branch_path):
    users.add_user(branch, "mgr7", "测试经理", Role.ACCOUNT_MANAGER, "Temp12345")
    branch.close()
    return branch_path


def test_must_change_password_asks_for_a_new_one(qtbot, reset_user):
    dlg = LoginDialog(reset_user, username="mgr7")
    qtbot.addWidget(dlg)
    dlg.show()
    type_password(qtbot, dlg, "Temp12345")
    assert dlg.attempt_login() is True
    pwd = dlg.password_dialog
    assert isinstance(pwd, PasswordDialog) and pwd.forced and pwd.isVisible()
    assert dlg.result() != QtWidgets.QDialog.DialogCode.Accepted  # not before the change
    qtbot.keyClicks(pwd.old_edit, "Temp12345")
    qtbot.keyClicks(pwd.new_edit, "Fresh2468")
    qtbot.keyClicks(pwd.confirm_edit, "Fresh2468")
    with qtbot.waitSignal(dlg.sig_logged_in, timeout=5000):
        pwd.ok_button.click()
    assert dlg.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert not auth.must_change_password(dlg.branch)
    dlg.branch.close()
    auth.login(reset_user, "mgr7", "Fresh2468").close()


def test_refusing_the_forced_change_logs_out(qtbot, reset_user):
    dlg = LoginDialog(reset_user, username="mgr7")
    qtbot.addWidget(dlg)
    dlg.show()
    type_password(qtbot, dlg, "Temp12345")
    dlg.attempt_login()
    dlg.password_dialog.reject()
    qtbot.waitUntil(lambda: dlg.password_dialog is None)
    assert dlg.branch is None
    assert dlg.isVisible()
    assert "新密码" in dlg.error.text()
    # the database was closed: logging in again works (no instance lock left behind)
    type_password(qtbot, dlg, "Temp12345")
    assert dlg.attempt_login() is True
    dlg.password_dialog.reject()


def test_password_dialog_checks_before_saving(qtbot, branch):
    dlg = PasswordDialog(branch)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.old_edit, ADMIN_PASSWORD)
    qtbot.keyClicks(dlg.new_edit, "short1")
    assert dlg.submit() is False
    assert "8" in dlg.error.text()
    assert "8" in dlg.hint.text()  # live hint while typing
    dlg.new_edit.setText("Another123")
    dlg.confirm_edit.setText("Another124")
    assert dlg.submit() is False
    assert "不一致" in dlg.error.text()
    dlg.old_edit.setText("NotMine123")
    dlg.confirm_edit.setText("Another123")
    assert dlg.submit() is False
    assert "当前密码不正确" in dlg.error.text()
    dlg.old_edit.setText(ADMIN_PASSWORD)
    assert dlg.submit() is True
    assert auth.verify_password(branch, "Another123")
    assert not auth.verify_password(branch, ADMIN_PASSWORD)


def test_audit_tail_cut_outside_the_app_is_shown_at_login(qtbot, dialog, branch_path,
                                                         monkeypatch):
    from postcrm_desktop.ui.qt import QMessageBox

    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    with b.db.engine.begin() as c:
        c.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        c.exec_driver_sql("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    b.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, msg, *a, **k: shown.append(msg))
    type_password(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.attempt_login() is True
    assert len(shown) == 1 and "末尾被删除" in shown[0] and "audit verify" in shown[0]
