"""First-run wizard: creates the encrypted branch and shows the recovery key once."""

from __future__ import annotations

import re

import pytest

from postcrm_desktop.services import auth
from postcrm_desktop.store.keyslots import master_from_recovery_key, sidecar_path
from postcrm_desktop.ui import setup_wizard
from postcrm_desktop.ui.qt import QApplication, QSettings, QtWidgets
from postcrm_desktop.ui.setup_wizard import SetupWizard

PASSWORD = "Branch2024"
KEY_SHAPE = re.compile(r"^[A-Z2-7]{5}(-[A-Z2-7]{1,5})+$")


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def wizard(qtbot, tmp_path):
    w = SetupWizard(tmp_path / "data" / "branch.db")
    qtbot.addWidget(w)
    w.show()
    return w


def fill_until_admin(qtbot, w, *, password=PASSWORD, confirm=PASSWORD):
    assert w.currentPage() is w.location_page
    w.next()
    assert w.currentPage() is w.branch_page
    qtbot.keyClicks(w.branch_page.code_edit, "sz08")
    w.branch_page.name_edit.setText("测试营业所")  # keyClicks types ASCII only
    w.next()
    assert w.currentPage() is w.admin_page
    page = w.admin_page
    page.user_edit.setText("boss")
    page.name_edit.setText("测试管理员")
    qtbot.keyClicks(page.password_edit, password)
    qtbot.keyClicks(page.confirm_edit, confirm)


def test_default_location_is_in_the_user_data_folder():
    path = setup_wizard.default_db_path()
    assert path.name == "branch.db"
    assert "PostCRM" in str(path)


def test_walkthrough_creates_database_and_shows_key_once(qtbot, wizard, tmp_path):
    db = tmp_path / "data" / "branch.db"
    fill_until_admin(qtbot, wizard)
    finish = wizard.button(QtWidgets.QWizard.WizardButton.CommitButton)
    assert finish.text() == "创建数据库"
    wizard.next()
    assert wizard.currentPage() is wizard.key_page
    assert db.exists() and sidecar_path(db).exists()
    key = wizard.key_page.key_label.text()
    assert KEY_SHAPE.match(key), key
    assert wizard.recovery_key == key
    # the key opens the database
    assert len(master_from_recovery_key(key)) == 32
    # the typed password is not kept in the form
    assert wizard.admin_page.password_edit.text() == ""
    # no way back, no cancel; finishing needs the confirmation
    assert not wizard.button(QtWidgets.QWizard.WizardButton.BackButton).isVisible()
    finish = wizard.button(QtWidgets.QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()  # Esc before confirming does nothing
    assert wizard.isVisible()
    wizard.key_page.confirm.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    assert wizard.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert wizard.db_path == db and wizard.admin_username == "boss"
    branch = auth.login(db, "boss", PASSWORD)
    try:
        assert branch.db.info.branch_code == "SZ08"
        assert branch.db.info.branch_name == "测试营业所"
        assert branch.actor.display_name == "测试管理员"
    finally:
        branch.close()


def test_copy_save_and_print_fallback(qtbot, wizard, tmp_path, monkeypatch):
    fill_until_admin(qtbot, wizard)
    wizard.next()
    key = wizard.recovery_key
    wizard.key_page.copy_button.click()
    assert QApplication.clipboard().text() == key
    out = tmp_path / "key.txt"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), ""))
    wizard.key_page.save_button.click()
    text = out.read_text(encoding="utf-8")
    assert key in text and "SZ08" in text
    assert str(out) in wizard.key_page.status.text()
    # without print support the key is offered as a file instead
    out.unlink()
    told = []
    monkeypatch.setattr(setup_wizard, "print_support", lambda: None)
    monkeypatch.setattr(setup_wizard.QMessageBox, "information",
                        lambda *a: told.append(a[-1]))
    assert wizard.print_key() is True
    assert told and "保存到文件" in told[0]
    assert key in out.read_text(encoding="utf-8")


def test_password_mismatch_creates_nothing(qtbot, wizard, tmp_path):
    fill_until_admin(qtbot, wizard, confirm=PASSWORD + "x")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "不一致" in wizard.admin_page.error.text()
    assert not (tmp_path / "data" / "branch.db").exists()
    assert not wizard.created


def test_weak_password_is_refused(qtbot, wizard, tmp_path):
    fill_until_admin(qtbot, wizard, password="12345678", confirm="12345678")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "字母和数字" in wizard.admin_page.error.text()
    assert not (tmp_path / "data" / "branch.db").exists()


def test_bad_username_is_shown_from_the_service(qtbot, wizard, tmp_path):
    fill_until_admin(qtbot, wizard)
    wizard.admin_page.user_edit.setText("bad name!")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "用户名" in wizard.admin_page.error.text()
    assert not (tmp_path / "data" / "branch.db").exists()


def test_existing_database_is_never_overwritten(qtbot, branch_path):
    before = branch_path.read_bytes()
    w = SetupWizard(branch_path)
    qtbot.addWidget(w)
    w.show()
    w.next()
    assert w.currentPage() is w.location_page
    assert "不会覆盖" in w.location_page.error.text()
    assert branch_path.read_bytes() == before


def test_branch_page_needs_code_and_name(qtbot, wizard):
    wizard.next()
    assert not wizard.branch_page.isComplete()
    qtbot.keyClicks(wizard.branch_page.code_edit, "GZ-01 !")
    assert wizard.branch_page.code_edit.text() == "GZ01"  # only letters and digits
    assert not wizard.branch_page.isComplete()
    wizard.branch_page.name_edit.setText("支局")
    assert wizard.branch_page.isComplete()
