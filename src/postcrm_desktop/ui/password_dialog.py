"""Change one's own password: from the account menu, and forced after an admin reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postcrm_desktop.ui.qt import QCoreApplication, Qt, QtGui, QtWidgets, QWidget

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch

# Mirrors services.auth.check_password_policy, so the hint is shown while typing and in
# the chosen language; the service checks again.
MIN_PASSWORD_LEN = 8


def policy_problem(password: str) -> str:
    """Why `password` does not meet the policy, or "" when it does."""
    if len(password) < MIN_PASSWORD_LEN:
        return QCoreApplication.translate("PasswordPolicy", "密码至少 {0} 位").format(
            MIN_PASSWORD_LEN)
    if password.isdigit() or password.isalpha():
        return QCoreApplication.translate("PasswordPolicy", "密码需同时包含字母和数字")
    return ""


def policy_text() -> str:
    return QCoreApplication.translate(
        "PasswordPolicy", "至少 {0} 位，需同时包含字母和数字").format(MIN_PASSWORD_LEN)


def password_edit(placeholder: str = "") -> QtWidgets.QLineEdit:
    edit = QtWidgets.QLineEdit()
    edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit


def error_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setObjectName("error_label")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error_in(label: QtWidgets.QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class PasswordDialog(QtWidgets.QDialog):
    """Old password, new password twice. Accepted only after the change is saved."""

    def __init__(self, branch: Branch, parent: QWidget | None = None, *,
                 forced: bool = False) -> None:
        super().__init__(parent)
        self.branch = branch
        self.forced = forced
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(420)
        layout = QtWidgets.QVBoxLayout(self)
        if forced:
            intro = QtWidgets.QLabel(self.tr(
                "这是您第一次登录，或管理员重置了您的密码。请先设置一个只有您知道的新密码。"))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QtWidgets.QFormLayout()
        self.old_edit = password_edit()
        self.new_edit = password_edit(policy_text())
        self.confirm_edit = password_edit()
        form.addRow(self.tr("当前密码"), self.old_edit)
        form.addRow(self.tr("新密码"), self.new_edit)
        form.addRow(self.tr("确认新密码"), self.confirm_edit)
        layout.addLayout(form)
        self.hint = QtWidgets.QLabel(policy_text())
        self.hint.setObjectName("policy_hint")
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.hint)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("修改密码"))
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("退出登录") if forced else self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.new_edit.textChanged.connect(self._on_new_changed)
        self.old_edit.setFocus()

    def _on_new_changed(self, text: str) -> None:
        problem = policy_problem(text) if text else ""
        self.hint.setText(problem or policy_text())
        self.hint.setStyleSheet("color: #b00020;" if problem else "color: palette(mid);")

    def submit(self) -> bool:
        from postcrm_desktop.core.errors import PostCrmError, ValidationError
        from postcrm_desktop.services import auth

        old, new = self.old_edit.text(), self.new_edit.text()
        if not old:
            return self._fail(self.tr("请输入当前密码"), self.old_edit)
        problem = policy_problem(new)
        if problem:
            return self._fail(problem, self.new_edit)
        if new != self.confirm_edit.text():
            return self._fail(self.tr("两次输入的新密码不一致"), self.confirm_edit)
        if new == old:
            return self._fail(self.tr("新密码不能与当前密码相同"), self.new_edit)
        QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(Qt.CursorShape.WaitCursor))
        try:
            auth.change_own_password(self.branch, old, new)
        except ValidationError as exc:
            if exc.field == "old_password":
                self.old_edit.clear()
                return self._fail(self.tr("当前密码不正确"), self.old_edit)
            return self._fail(exc.message, self.new_edit)
        except PostCrmError as exc:
            return self._fail(str(exc), self.old_edit)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        show_error_in(self.error, "")
        self.accept()
        return True

    def _fail(self, text: str, focus: QtWidgets.QLineEdit) -> bool:
        show_error_in(self.error, text)
        focus.setFocus()
        focus.selectAll()
        return False
