"""Log in to the branch database: username and password, clear messages, forced change.

The dialog is accepted only when the user is logged in (and, when an admin reset their
password, after they chose a new one); `branch` then holds the open branch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postcrm_desktop.ui.password_dialog import (
    PasswordDialog,
    error_label,
    password_edit,
    show_error_in,
)
from postcrm_desktop.ui.qt import (
    QMessageBox,
    Qt,
    QtGui,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch

LoginFn = Callable[[Path, str, str], "Branch"]


def _default_login(path: Path, username: str, password: str) -> Branch:
    from postcrm_desktop.services import auth

    return auth.login(path, username, password)


class LoginDialog(QtWidgets.QDialog):
    sig_logged_in = Signal(object)  # Branch

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, username: str = "",
                 login: LoginFn | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.branch: Branch | None = None
        self.password_dialog: PasswordDialog | None = None
        self._login = login or _default_login
        self._wait_left = 0
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)

        self.setWindowTitle(self.tr("登录 - PostCRM"))
        self.setMinimumWidth(440)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        title = QtWidgets.QLabel(self.tr("邮政客户营销管理系统"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.db_label = QtWidgets.QLabel()
        self.db_label.setObjectName("db_label")
        self.db_label.setStyleSheet("color: #666;")
        self.db_label.setWordWrap(True)
        layout.addWidget(self.db_label)
        layout.addSpacing(6)

        form = QtWidgets.QFormLayout()
        self.user_edit = QtWidgets.QLineEdit(username)
        self.user_edit.setMaxLength(64)
        self.password_edit = password_edit()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)

        row = QtWidgets.QHBoxLayout()
        self.choose_button = QtWidgets.QPushButton(self.tr("其他数据库…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_database)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        self.login_button = QtWidgets.QPushButton(self.tr("登录"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.attempt_login)
        self.quit_button = QtWidgets.QPushButton(self.tr("退出"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.login_button)
        row.addWidget(self.quit_button)
        layout.addLayout(row)
        self._show_db()
        (self.password_edit if username else self.user_edit).setFocus()

    def _show_db(self) -> None:
        self.db_label.setText(self.tr("数据库：{0}").format(str(self.db_path)))

    def choose_database(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("选择网点数据库"), str(self.db_path.parent),
            self.tr("PostCRM 数据库 (*.db);;所有文件 (*)"))
        if name:
            self.db_path = Path(name)
            self._show_db()
            show_error_in(self.error, "")

    # -- logging in ---------------------------------------------------------------------

    def attempt_login(self) -> bool:
        """Try the typed credentials; True when logged in (the dialog may still ask for a
        new password before it is accepted)."""
        from postcrm_desktop.core.errors import PostCrmError
        from postcrm_desktop.services import auth
        from postcrm_desktop.store.keyslots import WrongPassword

        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            return self._fail(self.tr("请输入用户名"), self.user_edit)
        if not password:
            return self._fail(self.tr("请输入密码"), self.password_edit)
        if self._wait_left > 0:
            return False
        show_error_in(self.error, self.tr("正在登录…"))
        self.error.setStyleSheet("color: palette(text);")
        self.login_button.setEnabled(False)
        QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(Qt.CursorShape.WaitCursor))
        QtWidgets.QApplication.processEvents()
        try:
            branch = self._login(self.db_path, username, password)
        except WrongPassword:
            self.password_edit.clear()
            return self._fail(self.tr(
                "用户名或密码不正确。连续输错 {0} 次后账户将被锁定。").format(auth.MAX_FAILURES),
                self.password_edit)
        except auth.LoginThrottled as exc:
            self._start_wait(exc.seconds)
            return False
        except auth.AccountLocked as exc:
            if exc.minutes_left is not None:
                return self._fail(self.tr(
                    "该账户因多次密码错误已被锁定，{0} 分钟后自动解锁；"
                    "也可请网点管理员在“系统管理”中解锁。").format(exc.minutes_left),
                    self.user_edit)
            return self._fail(self.tr(
                "该账户因多次密码错误已被锁定。请联系网点管理员在“系统管理”中解锁。"),
                self.user_edit)
        except auth.AccountDisabled:
            return self._fail(self.tr("该账户已停用，请联系网点管理员。"), self.user_edit)
        except PostCrmError as exc:
            return self._fail(str(exc), self.password_edit)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
            self.login_button.setEnabled(self._wait_left <= 0)
        self.password_edit.clear()
        show_error_in(self.error, "")
        self.branch = branch
        self._warn_if_audit_changed(branch)
        if auth.must_change_password(branch):
            self._ask_new_password(branch)
        else:
            self._logged_in()
        return True

    def _warn_if_audit_changed(self, branch: Branch) -> None:
        """The audit chain no longer matches its anchor in the key file: say so (the
        finding is already in the audit log)."""
        check = getattr(branch, "anchor_check", None)
        if check is None or check.ok:
            return
        QMessageBox.warning(self, self.tr("审计日志可能被改动"), self.tr(
            "审计日志与密钥文件中记录的链头不一致：{0}。\n\n"
            "这说明数据库可能在程序之外被回退或改动过，已记入审计日志。"
            "请通知网点管理员检查（postcrm audit verify）。").format(check.reason))

    def _ask_new_password(self, branch: Branch) -> None:
        dlg = PasswordDialog(branch, self, forced=True)
        self.password_dialog = dlg
        dlg.finished.connect(self._on_password_dialog_finished)
        dlg.open()

    def _on_password_dialog_finished(self, result: int) -> None:
        dlg, self.password_dialog = self.password_dialog, None
        if dlg is not None:
            dlg.deleteLater()
        if result == QtWidgets.QDialog.DialogCode.Accepted:
            self._logged_in()
            return
        branch, self.branch = self.branch, None
        if branch is not None:
            branch.close()
        self._fail(self.tr("必须先设置新密码才能使用系统。"), self.password_edit)

    def _logged_in(self) -> None:
        self.sig_logged_in.emit(self.branch)
        self.accept()

    def _start_wait(self, seconds: int) -> None:
        self._wait_left = max(1, int(seconds))
        self.login_button.setEnabled(False)
        self._show_wait()
        self._wait_timer.start()

    def _show_wait(self) -> None:
        self._fail(self.tr("密码错误次数过多，请等待 {0} 秒后再试。").format(self._wait_left),
                   self.password_edit)

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self._wait_timer.stop()
        self.login_button.setEnabled(True)
        show_error_in(self.error, self.tr("现在可以重新登录。"))
        self.error.setStyleSheet("color: palette(text);")

    @property
    def waiting_seconds(self) -> int:
        return self._wait_left

    def _fail(self, text: str, focus: QtWidgets.QLineEdit) -> bool:
        self.error.setStyleSheet("color: #b00020;")
        show_error_in(self.error, text)
        focus.setFocus()
        return False

    def done(self, result: Any) -> None:
        self._wait_timer.stop()
        super().done(result)
