"""系统管理 page: users, the audit log (lazy pages, chain check), backup and restore, settings."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, backup, settings, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.demo import DEMO_PASSWORD
from postcrm_desktop.store.keyslots import KeyFile
from postcrm_desktop.ui.models import audit_table
from postcrm_desktop.ui.pages import admin
from postcrm_desktop.ui.pages.admin_backup import RestoreConfirmDialog
from postcrm_desktop.ui.pages.admin_users import RoleDialog, TempPasswordDialog, UserDialog
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtWidgets
from tests.ui.fakes import make_context


def _build(qtbot, branch: Branch, **kw: object) -> admin.AdminPage:
    ctx = make_context(branch, **kw)  # type: ignore[arg-type]
    page = admin.create_page(ctx)
    assert isinstance(page, admin.AdminPage)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def page(qtbot, branch: Branch) -> Iterator[admin.AdminPage]:
    yield _build(qtbot, branch)


def _user(branch: Branch, name: str) -> users.UserRow:
    return next(u for u in users.list_users(branch) if u.username == name)


def _no_dialogs(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes answer nothing and are recorded instead of blocking."""
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda _p, _t, msg, *a, _k=kind, **k: shown.append((_k, msg)))
    return shown


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, msg, *a, **k):
        asked.append(msg)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# -- users ---------------------------------------------------------------------------------

def test_add_user_through_the_dialog_with_inline_errors(qtbot, page, branch) -> None:
    tab = page.users
    tab.buttons["add"].click()
    dlg = tab.dialog
    assert isinstance(dlg, UserDialog) and dlg.isVisible()
    dlg.accept()  # nothing filled in: every problem is shown at once, beside its field
    assert dlg.isVisible()
    assert all(dlg.error_text(f) for f in ("username", "display_name", "password"))
    labels = [dlg.role.itemText(i) for i in range(dlg.role.count())]
    assert labels == ["柜员", "客户经理", "网点管理员", "总部分析员"]

    dlg.username.setText("mgr9")
    dlg.display_name.setText("经理九")
    dlg.role.setCurrentIndex(dlg.role.findData(Role.ACCOUNT_MANAGER))
    dlg.department.setText("个人客户部")
    dlg.password.setText("short")
    dlg.password_confirm.setText("short")
    dlg.accept()
    assert dlg.isVisible(), "a weak password keeps the dialog open"
    assert "8" in dlg.error_text("password")
    assert dlg.error_text("username") == ""

    dlg.password.setText("Manager123")
    dlg.password_confirm.setText("Manager124")
    dlg.accept()
    assert dlg.isVisible() and "不一致" in dlg.error_text("password_confirm")
    assert dlg.error_text("password") == ""

    dlg.password_confirm.setText("Manager123")
    dlg.username.setText("ADMIN")
    dlg.accept()
    assert dlg.isVisible() and "已存在" in dlg.error_text("username")

    dlg.username.setText("mgr9")
    dlg.display_name.setText("  ")
    dlg.accept()
    assert dlg.isVisible() and dlg.error_text("display_name")

    dlg.display_name.setText("经理九")
    dlg.accept()
    assert not dlg.isVisible() and dlg.result() == QtWidgets.QDialog.DialogCode.Accepted
    row = _user(branch, "mgr9")
    assert row.role is Role.ACCOUNT_MANAGER and row.must_change_password and row.active
    assert row.department == "个人客户部"
    assert "mgr9" in tab.visible_usernames()
    assert tab.selected_username() == "mgr9"
    assert "mgr9" in tab.status.text()
    assert [r.entity_id for r in audit_log.page(branch, action="user.added")] == [row.id]


def test_add_user_refuses_a_name_over_64_characters(qtbot, page, branch, branch_path) -> None:
    tab = page.users
    tab.buttons["add"].click()
    dlg = tab.dialog
    before = KeyFile.load(branch_path).to_bytes()
    dlg.username.setText("a" * 65)
    dlg.display_name.setText("经理九")
    dlg.password.setText("Manager123")
    dlg.password_confirm.setText("Manager123")
    dlg.accept()
    assert dlg.isVisible() and "64" in dlg.error_text("username")
    assert KeyFile.load(branch_path).to_bytes() == before
    dlg.username.setText("a" * 64)
    dlg.accept()
    assert not dlg.isVisible()


def test_table_shows_every_column_and_filters_and_sorts(qtbot, page, branch) -> None:
    users.add_user(branch, "clerk7", "柜员七", Role.COUNTER_CLERK, "Clerk1234", "柜台")
    users.add_user(branch, "analyst7", "分析七", Role.HQ_ANALYST, "Analyst123", "总部")
    tab = page.users
    tab.refresh()
    headers = [tab.proxy.headerData(c, Qt.Orientation.Horizontal)
               for c in range(tab.proxy.columnCount())]
    assert headers == ["用户名", "姓名", "角色", "部门", "启用", "锁定", "需改密码", "上次登录"]
    row = tab.model.row_of("clerk7")
    cells = [tab.model.index(row, c).data() for c in range(8)]
    assert cells[:7] == ["clerk7", "柜员七", "柜员", "柜台", "是", "", "是"]
    admin_row = [tab.model.index(tab.model.row_of("admin"), c).data() for c in range(8)]
    assert admin_row[7], "the admin logged in, so a last login time shows"

    tab.filter.setText("总部分析")
    assert tab.visible_usernames() == ["analyst7"]
    tab.filter.setText("柜台")
    assert tab.visible_usernames() == ["clerk7"]
    tab.filter.clear()
    assert len(tab.visible_usernames()) == 3

    tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert tab.visible_usernames() == ["clerk7", "analyst7", "admin"]
    tab.view.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # last login: dates, not text
    assert tab.visible_usernames()[0] == "admin"


def test_role_change_through_the_dialog(qtbot, page, branch) -> None:
    users.add_user(branch, "clerk7", "柜员七", Role.COUNTER_CLERK, "Clerk1234")
    tab = page.users
    tab.refresh()
    assert tab.select("clerk7")
    dlg = tab.change_role()
    assert isinstance(dlg, RoleDialog)
    assert dlg.role.currentData() == Role.COUNTER_CLERK
    dlg.role.setCurrentIndex(dlg.role.findData(Role.ACCOUNT_MANAGER))
    dlg.accept()
    assert _user(branch, "clerk7").role is Role.ACCOUNT_MANAGER
    assert tab.model.index(tab.model.row_of("clerk7"), 2).data() == "客户经理"
    changed = audit_log.page(branch, action="user.role_changed")
    assert changed[0].detail == {"from": "counter_clerk", "to": "account_manager"}

    assert tab.select("admin")
    dlg = tab.change_role()
    dlg.role.setCurrentIndex(dlg.role.findData(Role.COUNTER_CLERK))
    dlg.accept()
    assert dlg.isVisible() and "管理员" in dlg.general_error.text()
    assert _user(branch, "admin").role is Role.BRANCH_ADMIN


def test_reset_password_makes_the_user_change_it(qtbot, page, branch, branch_path) -> None:
    users.add_user(branch, "clerk7", "柜员七", Role.COUNTER_CLERK, "Clerk1234",
                   enforce_policy=False)
    assert not _user(branch, "clerk7").must_change_password
    tab = page.users
    tab.refresh()
    tab.select("clerk7")
    tab.buttons["reset"].click()
    dlg = tab.dialog
    assert isinstance(dlg, TempPasswordDialog)
    dlg.password.setText("12345678")
    dlg.password_confirm.setText("12345678")
    dlg.accept()
    assert dlg.isVisible() and "字母" in dlg.error_text("password")
    dlg.password.setText("Temp12345")
    dlg.password_confirm.setText("Temp12345")
    dlg.accept()
    assert not dlg.isVisible()
    assert _user(branch, "clerk7").must_change_password
    assert tab.model.index(tab.model.row_of("clerk7"), 6).data() == "是"
    assert audit_log.page(branch, action="password.reset")
    assert KeyFile.load(branch_path).unwrap("clerk7", "Temp12345") == branch.master


def test_disable_needs_confirmation_refuses_self_and_enable_needs_a_password(
        qtbot, page, branch, monkeypatch) -> None:
    users.add_user(branch, "leaver", "离职者", Role.COUNTER_CLERK, "Clerk1234")
    tab = page.users
    tab.refresh()
    tab.select("leaver")
    assert tab.buttons["active"].text() == "停用…"
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    tab.buttons["active"].click()
    assert asked and "leaver" in asked[-1]
    assert _user(branch, "leaver").active

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.toggle_active()
    assert not _user(branch, "leaver").active
    assert tab.model.index(tab.model.row_of("leaver"), 4).data() == "已停用"
    assert not tab.buttons["reset"].isEnabled()

    tab.select("admin")
    tab.toggle_active()
    assert _user(branch, "admin").active and "自己" in tab.status.text()

    tab.select("leaver")
    assert tab.buttons["active"].text() == "启用…"
    dlg = tab.toggle_active()
    assert isinstance(dlg, TempPasswordDialog) and dlg.enable
    dlg.password.setText("Back12345")
    dlg.password_confirm.setText("Back12345")
    dlg.accept()
    row = _user(branch, "leaver")
    assert row.active and row.must_change_password


def test_disabling_a_user_offers_a_key_rotation(qtbot, page, branch, branch_path,
                                                monkeypatch) -> None:
    users.add_user(branch, "leaver", "离职者", Role.COUNTER_CLERK, "Clerk1234")
    tab = page.users
    tab.refresh()
    tab.select("leaver")
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, msg, *a, **k: asked.append(msg) or next(answers))
    old = branch.master
    tab.toggle_active()
    assert len(asked) == 2 and "主密钥" in asked[1]
    assert branch.master == old and KeyFile.load(branch_path).generation == 0

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert tab.buttons["rekey"].isEnabled()
    tab.buttons["rekey"].click()
    assert branch.master != old and KeyFile.load(branch_path).generation == 1
    assert "主密钥已更换" in tab.status.text()
    assert page.users.ctx.tasks.titles[-1] == "正在更换主密钥…"
    assert [r.action for r in audit_log.page(branch, action="key.rotated")] == ["key.rotated"]


def test_unlock_a_locked_user(qtbot, page, branch, branch_path) -> None:
    users.add_user(branch, "clerk7", "柜员七", Role.COUNTER_CLERK, "Clerk1234")
    kf = KeyFile.load(branch_path)
    kf.throttle_for("clerk7").locked = True
    kf.save(branch_path)
    tab = page.users
    tab.refresh()
    tab.select("clerk7")
    assert tab.model.index(tab.model.row_of("clerk7"), 5).data() == "已锁定"
    assert tab.buttons["unlock"].isEnabled()
    tab.buttons["unlock"].click()
    assert not _user(branch, "clerk7").locked
    assert not KeyFile.load(branch_path).throttle_for("clerk7").locked
    assert not tab.buttons["unlock"].isEnabled()


def test_lock_period_is_set_on_the_users_tab(qtbot, page, branch, branch_path) -> None:
    spin = page.users.lock_minutes
    assert spin.value() == 30 and spin.isEnabled()
    spin.setValue(15)
    page.users.save_lock_minutes()
    assert settings.get(branch, settings.ACCOUNT_LOCK_MINUTES) == 15
    assert KeyFile.load(branch_path).lock_minutes == 15
    assert "15" in page.users.status.text()


def test_actions_without_a_selection_say_so(qtbot, page) -> None:
    tab = page.users
    tab.view.clearSelection()
    assert not tab.buttons["role"].isEnabled()
    assert tab.change_role() is None
    assert "选择" in tab.status.text()


def test_clerk_gets_a_read_only_page(qtbot, demo_login: Callable[[str], Branch]) -> None:
    page = _build(qtbot, demo_login("clerk1"))
    assert page.users.read_only
    assert "不能管理用户" in page.users.notice.text() and "柜员" in page.users.notice.text()
    assert not any(b.isEnabled() for b in page.users.buttons.values())
    assert page.users.add_user() is None
    assert not page.audit.allowed and "不能查看" in page.audit.notice.text()
    assert page.audit.model.rowCount() == 0 and not page.audit.verify_button.isEnabled()
    assert not page.backup.backup_button.isEnabled()
    assert not page.backup.restore_button.isEnabled()
    assert not page.backup.idle_minutes.isEnabled()
    assert not page.about.check_button.isEnabled()


def test_analyst_reads_the_audit_log_but_not_users(qtbot,
                                                   demo_login: Callable[[str], Branch]) -> None:
    page = _build(qtbot, demo_login("analyst1"))
    assert page.users.read_only and page.users.model.rowCount() == 0
    assert page.audit.allowed and page.audit.model.rowCount() > 0
    page.audit.verify_button.click()
    assert "校验通过" in page.audit.verify_result.text()


def test_users_refresh_when_another_view_changes_them(qtbot, branch) -> None:
    page = _build(qtbot, branch, listen=True)
    try:
        users.add_user(branch, "elsewhere", "别处", Role.COUNTER_CLERK, "Clerk1234")
        assert "elsewhere" in page.users.visible_usernames()
    finally:
        page.ctx.bus.close()


# -- audit log -----------------------------------------------------------------------------

def test_audit_tab_pages_lazily(qtbot, page, branch, monkeypatch) -> None:
    monkeypatch.setattr(audit_table, "PAGE", 10)
    for i in range(25):
        users.add_user(branch, f"bulk{i}", f"批量{i}", Role.COUNTER_CLERK, "Clerk1234")
    total = len(audit_log.page(branch, limit=1000))
    assert total > 25
    asked: list[tuple[int | None, int]] = []
    real_page = audit_log.page

    def spy(b, **kw):
        asked.append((kw["after_seq"], kw["limit"]))
        return real_page(b, **kw)

    monkeypatch.setattr(audit_log, "page", spy)
    model = page.audit.model
    page.audit.reload()
    assert model.rowCount() == 10 < total, "only the first page is loaded"
    assert model.canFetchMore()
    assert asked == [(None, 10)]
    newest = model.row_at(0).seq
    model.fetchMore()
    assert model.rowCount() == 20
    assert asked[-1] == (model.row_at(9).seq, 10), "keyset: after the last row shown"
    assert [model.row_at(i).seq for i in range(20)] == list(range(newest, newest - 20, -1))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    assert len(asked) == -(-total // 10) + (total % 10 == 0)

    first = [model.index(0, c).data() for c in range(5)]
    assert first[1] == "admin" and first[2] == "新增用户" and first[3] == "用户 bulk24"
    assert first[0].count(":") == 2  # local time, to the second

    page.audit.set_filter(action="user.added")
    assert model.rowCount() == 10 and model.canFetchMore()
    assert {model.row_at(i).action for i in range(10)} == {"user.added"}
    page.audit.set_filter(username="nobody")
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_audit_view_fetches_only_what_it_shows(qtbot, page, branch, monkeypatch) -> None:
    monkeypatch.setattr(audit_table, "PAGE", 5)
    for i in range(25):
        users.add_user(branch, f"v{i}", f"用户{i}", Role.COUNTER_CLERK, "Clerk1234")
    total = len(audit_log.page(branch, limit=1000))
    page.resize(900, 360)
    page.setCurrentWidget(page.audit)
    page.audit.reload()
    qtbot.wait(100)  # the view asks for more rows while its viewport is not full
    model = page.audit.model
    assert 5 <= model.rowCount() < total
    shown = model.rowCount()
    page.audit.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > shown, timeout=2000)
    assert model.rowCount() < total or not model.canFetchMore()


def test_audit_filters_by_date_range(qtbot, page, branch) -> None:
    from postcrm_desktop.ui.widgets.clock_fields import qdate

    today = qdate(page.ctx.clock.today())
    page.audit.set_filter(since=today.addDays(-1), until=today)
    assert page.audit.model.rowCount() > 0
    page.audit.set_filter(since=today.addDays(-30), until=today.addDays(-2))
    assert page.audit.model.rowCount() == 0
    page.audit.set_filter()
    assert page.audit.model.rowCount() > 0


def test_verify_button_reports_ok_then_the_first_broken_row(qtbot, page, branch) -> None:
    users.add_user(branch, "c1", "丙", Role.COUNTER_CLERK, "Clerk1234")
    page.audit.verify_button.click()
    assert "校验通过" in page.audit.verify_result.text()
    assert page.audit.last_verify is not None and page.audit.last_verify.ok
    assert page.ctx.tasks.titles[-1] == "校验审计日志"

    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.execute(text("UPDATE audit_log SET username='someone' WHERE seq=2"))
    page.audit.verify_button.click()
    message = page.audit.verify_result.text()
    assert "校验失败" in message and "2" in message
    assert page.audit.last_verify.first_bad_seq == 2
    assert page.audit.verify_button.isEnabled()


# -- backup and restore -------------------------------------------------------------------

def test_backup_now_asks_for_a_file_and_runs_in_the_background(qtbot, page, branch,
                                                               monkeypatch) -> None:
    assert page.backup.last_backup.text() == "从未备份"
    offered: list[str] = []

    def save_name(_parent, _title, suggested, _filter, *a, **k):
        offered.append(suggested)
        return str(Path(suggested).with_suffix("")), ""  # the user dropped the suffix

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", save_name)
    page.backup.backup_button.click()
    out = Path(offered[0])
    assert out.parent == backup.backup_dir(branch.path) and out.suffix == ".pcbak"
    assert out.exists() and out.stat().st_size > 0
    assert page.ctx.tasks.titles == ["正在备份…"]
    assert page.ctx.tasks.controls[-1].reports, "the backup reports its progress"
    assert page.backup.last_backup.text() != "从未备份"
    assert out.name in page.backup.listed_backups()
    assert "备份完成" in page.backup.status.text()
    assert audit_log.page(branch, action="backup.manual")


def test_backup_refuses_a_link_to_the_live_database_and_a_foreign_file(
        qtbot, page, branch, tmp_path, monkeypatch) -> None:
    shown = _no_dialogs(monkeypatch)
    link = tmp_path / "link.pcbak"
    link.symlink_to(branch.path)
    foreign = tmp_path / "foreign.pcbak"
    foreign.write_bytes(b"somebody else's file" * 100)
    before = (branch.path.read_bytes(), foreign.read_bytes())
    for chosen in (link, foreign):
        monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                            lambda *a, _c=chosen, **k: (str(_c), ""))
        page.backup.backup_button.click()
    assert [kind for kind, _ in shown] == ["warning", "warning"]
    assert "正在使用的数据库" in shown[0][1] and "不是本网点的旧备份" in shown[1][1]
    assert page.ctx.tasks.titles == [], "no backup was started"
    assert (branch.path.read_bytes(), foreign.read_bytes()) == before
    assert "没有备份" in page.backup.status.text()


def test_backup_to_an_unwritable_place_says_so(qtbot, page, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    page.backup.run_backup(blocker / "sub" / "x.pcbak")
    assert "没有完成" in page.backup.status.text()
    assert page.backup.backup_button.isEnabled()


def _tampered_copy(good: Path, out: Path) -> Path:
    data = bytearray(good.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(b ^ 0xFF for b in data[middle:middle + 16])
    out.write_bytes(bytes(data))
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["garbage", "tampered", "other_branch"])
def test_restore_of_a_bad_file_is_refused_and_nothing_changes(
        qtbot, page, branch, tmp_path, monkeypatch, kind,
        demo_login: Callable[[str], Branch]) -> None:
    if kind == "garbage":
        bad = tmp_path / "bad.pcbak"
        bad.write_bytes(b"definitely not a backup" * 400)
    elif kind == "tampered":
        good = backup.backup(branch, tmp_path / "good.pcbak")
        bad = _tampered_copy(good, tmp_path / "tampered.pcbak")
    else:
        other = demo_login("admin")
        bad = backup.backup(other, tmp_path / "other.pcbak")
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(branch.path)
    shown = _no_dialogs(monkeypatch)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(bad), ""))
    page.backup.restore_button.click()
    box = page.backup.error_box
    warned = [msg for k, msg in shown if k == "warning"] + ([box.text()] if box else [])
    assert warned and "没有任何改动" in warned[-1]
    if kind == "tampered":
        # A sentence for the person; SQLCipher's own words one click away.
        assert box is not None and "已损坏" in box.text()
        assert box.detailedText() and box.detailedText() not in box.text()
        box.close()
    assert page.backup.confirm_dialog is None, "a bad file is never offered for restore"
    assert "不能用这个文件恢复" in page.backup.status.text()
    assert not list(branch.path.parent.glob("*.replaced-*"))
    assert _digest(branch.path) == before
    assert _user(branch, "admin").active  # the session still works


def test_restore_end_to_end_on_a_demo_database(qtbot, tmp_path, monkeypatch,
                                               demo_path: Path,
                                               demo_login: Callable[[str], Branch]) -> None:
    branch = demo_login("admin")
    page = _build(qtbot, branch)
    good = backup.backup(branch, tmp_path / "before.pcbak")
    users.add_user(branch, "after1", "之后", Role.COUNTER_CLERK, "Clerk1234")
    shown = _no_dialogs(monkeypatch)
    exits: list[bool] = []
    page.backup.exit_app = lambda: exits.append(True)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(good), ""))

    page.backup.restore_button.click()
    dlg = page.backup.confirm_dialog
    assert isinstance(dlg, RestoreConfirmDialog) and dlg.isVisible()
    assert ".replaced-" in dlg.findChild(QtWidgets.QLabel).text()
    assert not dlg.ok_button.isEnabled()
    dlg.accept()  # not confirmed yet: nothing happens
    assert dlg.isVisible() and not list(demo_path.parent.glob("*.replaced-*"))
    dlg.understood.setChecked(True)
    assert dlg.ok_button.isEnabled()
    dlg.accept()

    result = page.backup.last_restore
    assert result is not None and result.restored_from == good
    assert result.replaced_copy.exists() and result.replaced_copy.parent == demo_path.parent
    assert exits == [True]
    assert shown and shown[-1][0] == "information" and result.replaced_copy.name in shown[-1][1]
    assert not page.backup.restore_button.isEnabled()

    again = auth.login(demo_path, "admin", DEMO_PASSWORD)
    try:
        names = {u.username for u in users.list_users(again)}
        assert "after1" not in names and "clerk1" in names
        assert audit_log.page(again, action="backup.restored")
        assert audit_log.verify(again).ok
    finally:
        again.close()


def test_restore_is_handed_to_the_window_when_it_offers(qtbot, branch, tmp_path) -> None:
    handed: list[Path] = []

    class Window(QtWidgets.QMainWindow):
        def restore_from(self, source: Path) -> None:
            handed.append(source)

    window = Window()
    qtbot.addWidget(window)
    page = admin.create_page(make_context(branch))
    window.setCentralWidget(page)
    good = backup.backup(branch, tmp_path / "good.pcbak")
    page.backup.check_then_restore(good)
    dlg = page.backup.confirm_dialog
    dlg.understood.setChecked(True)
    dlg.accept()
    assert handed == [good]
    assert page.backup.last_restore is None and not list(tmp_path.glob("*.replaced-*"))
    assert _user(branch, "admin").active  # this page closed nothing


def test_cancelled_restore_changes_nothing(qtbot, page, branch, tmp_path) -> None:
    good = backup.backup(branch, tmp_path / "good.pcbak")
    page.backup.check_then_restore(good)
    page.backup.confirm_dialog.reject()
    assert "已取消" in page.backup.status.text()
    assert not list(branch.path.parent.glob("*.replaced-*"))


def test_backup_list_shows_automatic_backups(qtbot, page, branch) -> None:
    out = backup.automatic_backup(branch)
    assert out is not None
    page.backup.refresh()
    assert page.backup.listed_backups() == [out.name]
    assert page.backup.backups_model.item(0, 1).text() == "自动"


# -- settings and the database ------------------------------------------------------------

def test_idle_minutes_setting(qtbot, page, branch) -> None:
    spin = page.backup.idle_minutes
    assert (spin.minimum(), spin.maximum()) == (1, 30)
    assert spin.value() == 10
    spin.setValue(25)
    page.backup.save_idle_minutes()
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) == 25
    assert "25" in page.backup.idle_status.text()
    spin.setValue(240)
    assert spin.value() == 30


def test_about_shows_the_database_and_checks_its_pages(qtbot, page, branch) -> None:
    about = page.about
    assert about.branch_label.text().startswith("GZ01")
    assert about.path_label.text() == str(branch.path)
    assert about.size_label.text().endswith("B")
    assert "最新" in about.schema_label.text()
    about.check_button.click()
    assert about.last_problems == []
    assert "检查通过" in about.check_result.text()


def test_navigation_switches_tabs(qtbot, page) -> None:
    assert [page.tabText(i) for i in range(page.count())] == [
        "用户", "审计日志", "备份与恢复", "关于/数据库", "标签"]
    page.navigate_to(tab="tags")
    assert page.currentWidget() is page.tags
    page.navigate_to(tab="backup")
    assert page.currentWidget() is page.backup
    page.navigate_to(tab="nonsense")
    assert page.currentWidget() is page.backup
    assert page.maybe_close()



def test_background_work_with_the_real_helper_and_bus(qtbot, branch, tmp_path) -> None:
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.context import PageContext
    from postcrm_desktop.ui.worker import Tasks

    bus, tasks = UiBus(), Tasks()
    ctx = PageContext(branch=branch, bus=bus, tasks=tasks, navigate=lambda *a, **k: None,
                      open_customer=lambda _id: None)
    page = admin.create_page(ctx)
    qtbot.addWidget(page)
    page.show()
    try:
        out = tmp_path / "threaded.pcbak"
        page.backup.run_backup(out)
        qtbot.waitUntil(lambda: "备份完成" in page.backup.status.text(), timeout=10_000)
        assert out.exists()
        page.audit.verify_button.click()
        qtbot.waitUntil(lambda: page.audit.last_verify is not None, timeout=10_000)
        assert page.audit.last_verify.ok
        page.about.check_button.click()
        qtbot.waitUntil(lambda: page.about.last_problems is not None, timeout=10_000)
        assert page.about.last_problems == []
        users.add_user(branch, "viabus", "总线", Role.COUNTER_CLERK, "Clerk1234")
        qtbot.waitUntil(lambda: "viabus" in page.users.visible_usernames(), timeout=5_000)
    finally:
        tasks.wait(10_000)
        bus.close()


def test_audit_rows_and_the_action_filter_are_in_words(qtbot, page, branch) -> None:
    from postcrm_desktop.services.contacts import rules
    from postcrm_desktop.services.contacts.types import RuleInput
    from postcrm_desktop.services.customers.records import create_customer
    from tests.unit.customer_data import individual

    create_customer(branch, individual(name="邵欣琪"))
    rules.create_rule(branch, RuleInput("prospect", "every", 30, "phone", "每月电话"))
    page.audit.reload_actions()
    labels = [page.audit.action.itemText(i) for i in range(page.audit.action.count())]
    assert "新建客户" in labels and "新建跟进规则" in labels
    assert not [t for t in labels if "." in t], "no raw action codes in the filter"
    page.audit.set_filter(action="customer.created")
    model = page.audit.model
    row = [model.index(0, c).data() for c in range(5)]
    number = model.row_at(0).detail["number"]
    assert row[2] == "新建客户" and row[3] == f"客户 邵欣琪（{number}）"
    assert "类型：个人" in row[4] and "=" not in row[4]
    # The recorded codes stay one look away, in the tooltip.
    assert "customer.created" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)


# -- tags ----------------------------------------------------------------------------------

def test_tags_tab_creates_renames_merges_retires_and_deletes_in_five_groups(
        qtbot, page, branch, monkeypatch) -> None:
    from postcrm_desktop.services.customers import tags
    from postcrm_desktop.services.customers.records import create_customer, get_customer
    from tests.unit.customer_data import individual

    tab = page.tags
    assert tab.tree.topLevelItemCount() == 5
    assert [tab.tree.topLevelItem(i).text(0) for i in range(5)] == [
        "属性（0）", "需求（0）", "行为（0）", "价值（0）", "情感（0）"]
    dlg = tab.ask_create()
    dlg.group.setCurrentIndex(dlg.group.findData("need"))
    dlg.name.setText("理财")
    dlg.accept()
    assert "已新建标签" in tab.status.text() and tab.names("need") == ["理财"]
    assert tab.tree.topLevelItem(1).text(0) == "需求（1）"
    assert tab.create("need", "理财需求")
    old, new = (next(t.id for t in tab.catalogue if t.name == n) for n in ("理财", "理财需求"))
    cid = create_customer(branch, individual(tag_ids=[old]))
    tab.reload()
    tab.select(old)
    assert tab.selected().id == old and tab.tree.currentItem().text(1) == "1"
    # Rename through the dialog, then merge into the other tag of the group.
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText",
                        lambda *a, **k: ("理财产品", True))
    tab.ask_rename()
    assert "理财产品" in tab.names("need")
    tab.select(old)
    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem",
                        lambda _p, _t, label, items, *a: (items[0], True))
    tab.ask_merge()
    assert [t.id for t in get_customer(branch, cid).tags] == [new]
    assert tab.names("need") == ["理财需求"]
    # Retire: kept, marked, and no longer offered.
    tab.select(new)
    tab.buttons["retire"].click()
    assert tags.list_tags(branch) == []
    tab.select(new)
    assert tab.tree.currentItem().text(2) == "已停用" and tab.buttons["retire"].text() == "启用"
    # A duplicate name is refused in words.
    assert not tab.create("need", "理财需求")
    assert "同名" in tab.status.text()
    # Delete a tag in use only after confirming.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.select(new)
    tab.ask_delete()
    assert tab.names("need") == [] and get_customer(branch, cid).tags == []


def test_only_the_admin_changes_tags(qtbot, demo_login) -> None:
    page = _build(qtbot, demo_login("analyst1"))
    tab = page.tags
    assert tab.notice.isVisibleTo(tab) and not tab.buttons["new"].isEnabled()
    assert tab.tree.topLevelItemCount() == 5 and tab.catalogue, "the demo has tags"
