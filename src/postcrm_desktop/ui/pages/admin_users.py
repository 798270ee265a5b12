"""系统管理 › 用户: add users, change roles, disable/enable, reset passwords, unlock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.core.errors import (
    PermissionDenied,
    PostCrmError,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.roles import ROLE_LABELS, Perm, Role
from postcrm_desktop.services import settings, users
from postcrm_desktop.services.auth import (
    MAX_FAILURES,
    MIN_PASSWORD_LEN,
    check_password_policy,
    check_username,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.events import Changes
from postcrm_desktop.store.keyslots import (
    DEFAULT_LOCK_MINUTES,
    MAX_LOCK_MINUTES,
    MIN_LOCK_MINUTES,
)
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.users_table import SortRole, UserRole, UsersTableModel
from postcrm_desktop.ui.pages.admin_forms import ERROR_STYLE, OK_STYLE, FormDialog, password_edit
from postcrm_desktop.ui.qt import QCoreApplication, QMessageBox, Qt, QtCore, QtWidgets, QWidget
from postcrm_desktop.ui.worker import error_message


def _policy_hint() -> str:
    return QCoreApplication.translate("UsersTab", "至少 {0} 位，同时包含字母和数字").format(
        MIN_PASSWORD_LEN)


def _check_confirm(password: str, confirm: str) -> None:
    if password != confirm:
        raise ValidationError("password_confirm", QCoreApplication.translate(
            "UsersTab", "两次输入的密码不一致"))


def _check_all(*checks: Callable[[], object]) -> None:
    """Run every check and report all problems at once (the service checks again)."""
    errors: list[ValidationError] = []
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationErrors(errors)


def _check_display_name(name: str) -> None:
    if not name.strip():
        raise ValidationError("display_name", QCoreApplication.translate(
            "UsersTab", "请填写姓名"))


def _role_combo(current: Role | None = None) -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox()
    for role in Role:
        combo.addItem(QCoreApplication.translate("Roles", ROLE_LABELS[role]), str(role))
    if current is not None:
        combo.setCurrentIndex(combo.findData(str(current)))
    return combo


class UserDialog(FormDialog):
    """新增用户: the new user must change the temporary password at first login."""

    def __init__(self, branch: Branch, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增用户"), parent)
        self.branch = branch
        self.user_id: str | None = None
        self.username = QtWidgets.QLineEdit()
        self.username.setPlaceholderText(self.tr("字母、数字和 . _ -"))
        self.display_name = QtWidgets.QLineEdit()
        self.role = _role_combo(Role.COUNTER_CLERK)
        self.department = QtWidgets.QLineEdit()
        self.password = password_edit(_policy_hint())
        self.password_confirm = password_edit()
        self.add_field("username", self.tr("用户名："), self.username)
        self.add_field("display_name", self.tr("姓名："), self.display_name)
        self.add_field("role", self.tr("角色："), self.role)
        self.add_field("department", self.tr("部门："), self.department)
        self.add_field("password", self.tr("临时密码："), self.password)
        self.add_field("password_confirm", self.tr("再次输入："), self.password_confirm)
        self.add_note(self.tr("新用户首次登录时必须修改这个临时密码。"))
        self.finish_layout()

    def submit(self) -> None:
        password = self.password.text()
        _check_all(lambda: check_username(self.username.text()),
                   lambda: _check_display_name(self.display_name.text()),
                   lambda: check_password_policy(password),
                   lambda: _check_confirm(password, self.password_confirm.text()))
        self.user_id = users.add_user(self.branch, self.username.text(),
                                      self.display_name.text(), Role(self.role.currentData()),
                                      self.password.text(), self.department.text())


class RoleDialog(FormDialog):
    def __init__(self, branch: Branch, user: users.UserRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改角色"), parent)
        self.branch, self.user = branch, user
        self.add_note(self.tr("用户：{0}").format(user.username))
        self.role = _role_combo(user.role)
        self.add_field("role", self.tr("新角色："), self.role)
        self.add_note(self.tr("新角色在该用户下次登录时生效。"))
        self.finish_layout()

    def submit(self) -> None:
        role = Role(self.role.currentData())
        if role != self.user.role:
            users.set_role(self.branch, self.user.username, role)


class TempPasswordDialog(FormDialog):
    """A temporary password, for a reset or for enabling a disabled user again."""

    def __init__(self, branch: Branch, user: users.UserRow, *, enable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("启用用户") if enable else self.tr("重置密码"), parent)
        self.branch, self.user, self.enable = branch, user, enable
        self.add_note(self.tr("用户：{0}").format(user.username))
        self.password = password_edit(_policy_hint())
        self.password_confirm = password_edit()
        self.add_field("password", self.tr("临时密码："), self.password, "temp_password",
                       "new_password")
        self.add_field("password_confirm", self.tr("再次输入："), self.password_confirm)
        self.add_note(self.tr("该用户下次登录时必须修改这个临时密码。请当面告知，不要写在纸上。"))
        self.finish_layout()

    def submit(self) -> None:
        password = self.password.text()
        _check_all(lambda: check_password_policy(password),
                   lambda: _check_confirm(password, self.password_confirm.text()))
        if self.enable:
            users.set_active(self.branch, self.user.username, True, self.password.text())
        else:
            users.reset_password(self.branch, self.user.username, self.password.text())


class UsersTab(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.branch = ctx.branch
        self.read_only = False
        self.dialog: FormDialog | None = None  # the dialog open now, if any
        layout = QtWidgets.QVBoxLayout(self)

        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("users_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        bar = QtWidgets.QHBoxLayout()
        self.filter = QtWidgets.QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选：用户名、姓名、角色或部门"))
        self.filter.setClearButtonEnabled(True)
        bar.addWidget(self.filter, 1)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for key, text, slot in (
            ("add", self.tr("新增用户…"), self.add_user),
            ("role", self.tr("修改角色…"), self.change_role),
            ("active", self.tr("停用/启用"), self.toggle_active),
            ("reset", self.tr("重置密码…"), self.reset_password),
            ("unlock", self.tr("解锁"), self.unlock),
            ("rekey", self.tr("更换主密钥…"), self.offer_rekey),
        ):
            btn = QtWidgets.QPushButton(text)
            btn.setObjectName(f"users_{key}")
            btn.clicked.connect(lambda _checked=False, s=slot: s())
            bar.addWidget(btn)
            self.buttons[key] = btn
        layout.addLayout(bar)

        self.model = UsersTableModel(self)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("users_table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.doubleClicked.connect(lambda _i: self.change_role())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.view, 1)

        self.status = QtWidgets.QLabel()
        self.status.setObjectName("users_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        lock_row = QtWidgets.QHBoxLayout()
        lock_row.addWidget(QtWidgets.QLabel(self.tr("连续输错密码 {0} 次后锁定账户，锁定时长：")
                                            .format(MAX_FAILURES)))
        self.lock_minutes = QtWidgets.QSpinBox()
        self.lock_minutes.setObjectName("users_lock_minutes")
        self.lock_minutes.setRange(MIN_LOCK_MINUTES, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(self.tr(" 分钟"))
        self.lock_minutes.setValue(self._stored_lock_minutes())
        self.lock_minutes.setEnabled(self.branch.actor.can(Perm.SETTINGS_MANAGE))
        self.lock_minutes.editingFinished.connect(self.save_lock_minutes)
        lock_row.addWidget(self.lock_minutes)
        lock_row.addWidget(QtWidgets.QLabel(self.tr("（到时自动解锁；管理员也可随时解锁）")), 1)
        layout.addLayout(lock_row)

        ctx.bus.changed.connect(self.on_changes)
        if not self.branch.actor.can(Perm.USER_MANAGE):
            self.set_read_only()
        else:
            self.refresh()

    # -- data ---------------------------------------------------------------------------

    def set_read_only(self) -> None:
        self.read_only = True
        self.notice.setText(self.tr(
            "当前角色（{0}）不能管理用户。这里只能查看，用户由网点管理员维护。").format(
                QCoreApplication.translate("Roles", ROLE_LABELS[self.branch.actor.role])))
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setVisible(True)
        self.filter.setEnabled(False)
        self._update_buttons()

    def refresh(self) -> None:
        if self.read_only:
            return
        selected = self.selected_username()
        try:
            rows = users.list_users(self.branch)
        except PermissionDenied:
            self.model.set_rows([])
            self.set_read_only()
            return
        self.model.set_rows(rows)
        if selected:
            self.select(selected)
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("user"):
            self.refresh()
        if changes.touches("setting") and not self.lock_minutes.hasFocus():
            self.lock_minutes.blockSignals(True)
            self.lock_minutes.setValue(self._stored_lock_minutes())
            self.lock_minutes.blockSignals(False)

    def _stored_lock_minutes(self) -> int:
        try:
            return int(settings.get(self.branch, settings.ACCOUNT_LOCK_MINUTES))
        except PostCrmError:
            return DEFAULT_LOCK_MINUTES

    def save_lock_minutes(self) -> None:
        value = self.lock_minutes.value()
        if value == self._stored_lock_minutes():
            return
        try:
            stored = settings.set(self.branch, settings.ACCOUNT_LOCK_MINUTES, value)
        except ValidationError as exc:
            self.say(exc.message, problem=True)
            return
        except PostCrmError as exc:
            self.say(error_message(exc), problem=True)
            return
        self.say(self.tr("已保存：账户锁定 {0} 分钟后自动解锁。").format(stored))

    def select(self, username: str) -> bool:
        row = self.model.row_of(username)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        return True

    def visible_usernames(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def selected_user(self) -> users.UserRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(UserRole)

    def selected_username(self) -> str | None:
        user = self.selected_user()
        return user.username if user else None

    def _update_buttons(self) -> None:
        user = None if self.read_only else self.selected_user()
        self.buttons["add"].setEnabled(not self.read_only)
        self.buttons["rekey"].setEnabled(not self.read_only)
        for key in ("role", "active", "reset", "unlock"):
            self.buttons[key].setEnabled(user is not None)
        if user is not None:
            self.buttons["active"].setText(self.tr("启用…") if not user.active
                                           else self.tr("停用…"))
            self.buttons["reset"].setEnabled(user.active)
            self.buttons["unlock"].setEnabled(user.locked)
        else:
            self.buttons["active"].setText(self.tr("停用/启用"))

    def say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if problem else OK_STYLE)

    def _call(self, fn: Callable[..., Any], *args: Any) -> bool:
        try:
            fn(self.branch, *args)
        except PermissionDenied:
            self.set_read_only()
            return False
        except PostCrmError as exc:
            self.say(error_message(exc), problem=True)
            return False
        self.refresh()
        return True

    # -- actions (each returns the dialog it opened, if any) ----------------------------

    def _open(self, dlg: FormDialog, on_ok: Callable[[], None]) -> FormDialog:
        self.dialog = dlg
        dlg.accepted.connect(on_ok)
        dlg.finished.connect(lambda _r: self._forget(dlg))
        dlg.open()
        return dlg

    def _forget(self, dlg: FormDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()

    def add_user(self) -> FormDialog | None:
        if self.read_only:
            return None
        dlg = UserDialog(self.branch, self)

        def done() -> None:
            name = dlg.username.text().strip().lower()
            self.refresh()
            self.filter.clear()
            self.select(name)
            self.say(self.tr("已新增用户 {0}，首次登录时须修改密码。").format(name))

        return self._open(dlg, done)

    def _selected_or_say(self) -> users.UserRow | None:
        user = None if self.read_only else self.selected_user()
        if user is None and not self.read_only:
            self.say(self.tr("请先在列表中选择一个用户。"), problem=True)
        return user

    def change_role(self) -> FormDialog | None:
        user = self._selected_or_say()
        if user is None:
            return None
        dlg = RoleDialog(self.branch, user, self)

        def done() -> None:
            self.refresh()
            self.say(self.tr("已修改 {0} 的角色。").format(user.username))

        return self._open(dlg, done)

    def toggle_active(self) -> FormDialog | None:
        user = self._selected_or_say()
        if user is None:
            return None
        if not user.active:
            dlg = TempPasswordDialog(self.branch, user, enable=True, parent=self)

            def done() -> None:
                self.refresh()
                self.say(self.tr("已启用 {0}，下次登录时须修改密码。").format(user.username))

            return self._open(dlg, done)
        answer = QMessageBox.question(
            self, self.tr("停用用户"),
            self.tr("停用用户 {0}？\n\n停用后该用户不能再登录，其密钥槽被删除；"
                    "以后重新启用时需要设置新的临时密码。").format(user.username),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes and self._call(
                users.set_active, user.username, False):
            self.say(self.tr("已停用 {0}。").format(user.username))
            self.offer_rekey(left=user.username)
        return None

    def offer_rekey(self, left: str | None = None) -> bool:
        """Ask, then rotate the master key in the background; True when it was started."""
        if self.read_only:
            return False
        why = (self.tr("{0} 已停用。如果此人曾接触数据库文件，").format(left) if left
               else self.tr("如有人员离职或密钥可能外泄，"))
        answer = QMessageBox.question(
            self, self.tr("更换主密钥"),
            why + self.tr("建议现在更换数据库主密钥：数据库将用新密钥重新加密，"
                          "之后旧密钥及停用账户的密钥槽都打不开数据库和以后的备份。"
                          "在用账户和恢复密钥继续有效。\n\n现在更换吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from postcrm_desktop.services import keys

        branch = self.branch
        self.ctx.tasks.run(lambda control: keys.rotate(branch, control.progress),
                           self.on_rekeyed, title=self.tr("正在更换主密钥…"))
        return True

    def on_rekeyed(self, result: Any) -> None:
        self.say(self.tr("主密钥已更换：{0} 个账户继续有效。").format(result.slots))
        if result.dropped:
            self.say(self.tr("主密钥已更换。以下旧格式账户需要重置密码：{0}").format(
                "、".join(result.dropped)), problem=True)
        if result.new_recovery_key:
            QMessageBox.information(
                self, self.tr("新的恢复密钥"),
                self.tr("旧的恢复密钥已失效。请抄写或打印新的恢复密钥并妥善保管，"
                        "它只显示这一次：\n\n{0}").format(result.new_recovery_key))
        self.refresh()

    def reset_password(self) -> FormDialog | None:
        user = self._selected_or_say()
        if user is None:
            return None
        dlg = TempPasswordDialog(self.branch, user, parent=self)

        def done() -> None:
            self.refresh()
            self.say(self.tr("已重置 {0} 的密码，下次登录时须修改。").format(user.username))

        return self._open(dlg, done)

    def unlock(self) -> None:
        user = self._selected_or_say()
        if user is not None and self._call(users.unlock, user.username):
            self.say(self.tr("已解锁 {0}。").format(user.username))
