"""First run: where the database goes, the branch, its first admin; then the recovery key.

The database is created when the admin page is committed (there is no going back after
that); the last page shows the recovery key once, with copy, save and print.
"""

from __future__ import annotations

from pathlib import Path

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.ui.password_dialog import (
    error_label,
    password_edit,
    policy_problem,
    policy_text,
    show_error_in,
)
from postcrm_desktop.ui.qt import (
    QMessageBox,
    Qt,
    QtCore,
    QtGui,
    QtWidgets,
    QWidget,
    print_support,
    translate,
)

DEFAULT_DB_NAME = "branch.db"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    from postcrm_desktop.ui.i18n import APPLICATION, ORGANIZATION

    return Path(user_data_dir(APPLICATION, ORGANIZATION)) / DEFAULT_DB_NAME


class LocationPage(QtWidgets.QWizardPage):
    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.setTitle(translate("SetupWizard", "欢迎使用 PostCRM 邮政客户营销管理系统"))
        self.setSubTitle(translate(
            "SetupWizard", "首次使用：为本网点新建一个加密的数据库。先选择它保存的位置。"))
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        self.path_edit = QtWidgets.QLineEdit(str(default_path))
        self.browse_button = QtWidgets.QPushButton(translate("SetupWizard", "浏览…"))
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        label = QtWidgets.QLabel(translate("SetupWizard", "数据库文件位置"))
        layout.addWidget(label)
        layout.addLayout(row)
        note = QtWidgets.QLabel(translate("SetupWizard",
            "数据库全程加密保存，没有密码或恢复密钥无法打开。自动备份保存在同一文件夹的 "
            "backups 子文件夹中；建议选择每天会被单位备份的磁盘。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def browse(self) -> None:
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, translate("SetupWizard", "数据库文件位置"), self.path_edit.text(),
            translate("SetupWizard", "PostCRM 数据库 (*.db)"))
        if name:
            self.path_edit.setText(name)

    def path(self) -> Path:
        text = self.path_edit.text().strip()
        p = Path(text).expanduser()
        return p if p.suffix else p.with_suffix(".db")

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        from postcrm_desktop.store.keyslots import sidecar_path

        p = self.path()
        if p.exists() or sidecar_path(p).exists():
            show_error_in(self.error, translate("SetupWizard",
                "这个位置已经有数据库文件，不会覆盖它。请选择其他位置，或取消后直接登录。"))
            return False
        if p.parent.exists() and not p.parent.is_dir():
            show_error_in(self.error, translate("SetupWizard", "所选位置不是文件夹"))
            return False
        show_error_in(self.error, "")
        return True


class BranchPage(QtWidgets.QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("SetupWizard", "网点信息"))
        self.setSubTitle(translate("SetupWizard", "网点代码用于和总部同步数据，创建后不能修改。"))
        form = QtWidgets.QFormLayout(self)
        self.code_edit = QtWidgets.QLineEdit()
        self.code_edit.setMaxLength(12)
        self.code_edit.setPlaceholderText(translate("SetupWizard", "字母和数字，如 GZ01"))
        self.code_edit.setValidator(QtGui.QRegularExpressionValidator(
            QtCore.QRegularExpression(r"[A-Za-z0-9]{0,12}"), self.code_edit))
        self.name_edit = QtWidgets.QLineEdit()
        self.name_edit.setMaxLength(60)
        self.name_edit.setPlaceholderText(translate("SetupWizard", "如 天河路支局"))
        form.addRow(translate("SetupWizard", "网点代码"), self.code_edit)
        form.addRow(translate("SetupWizard", "网点名称"), self.name_edit)
        self.code_edit.textChanged.connect(self.completeChanged)
        self.name_edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.code_edit.text().strip()) and bool(self.name_edit.text().strip())


class AdminPage(QtWidgets.QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("SetupWizard", "网点管理员"))
        self.setSubTitle(translate(
            "SetupWizard", "管理员可以添加用户、分配角色、重置密码和查看审计日志。"))
        self.setCommitPage(True)
        self.setButtonText(QtWidgets.QWizard.WizardButton.CommitButton,
                           translate("SetupWizard", "创建数据库"))
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.user_edit = QtWidgets.QLineEdit("admin")
        self.user_edit.setMaxLength(64)
        self.name_edit = QtWidgets.QLineEdit()
        self.name_edit.setPlaceholderText(translate("SetupWizard", "可选，显示在状态栏"))
        self.password_edit = password_edit(policy_text())
        self.confirm_edit = password_edit()
        form.addRow(translate("SetupWizard", "用户名"), self.user_edit)
        form.addRow(translate("SetupWizard", "姓名"), self.name_edit)
        form.addRow(translate("SetupWizard", "密码"), self.password_edit)
        form.addRow(translate("SetupWizard", "确认密码"), self.confirm_edit)
        layout.addLayout(form)
        self.hint = QtWidgets.QLabel(policy_text())
        self.hint.setObjectName("policy_hint")
        layout.addWidget(self.hint)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        for edit in (self.user_edit, self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self.completeChanged)
        self.password_edit.textChanged.connect(self._on_password_changed)

    def _on_password_changed(self, text: str) -> None:
        problem = policy_problem(text) if text else ""
        self.hint.setText(problem or policy_text())
        self.hint.setStyleSheet("color: #b00020;" if problem else "")

    def isComplete(self) -> bool:
        return all(e.text() for e in (self.user_edit, self.password_edit, self.confirm_edit))

    def validatePage(self) -> bool:
        problem = policy_problem(self.password_edit.text())
        if problem:
            show_error_in(self.error, problem)
            self.password_edit.setFocus()
            return False
        if self.password_edit.text() != self.confirm_edit.text():
            show_error_in(self.error, translate("SetupWizard", "两次输入的密码不一致"))
            self.confirm_edit.setFocus()
            return False
        show_error_in(self.error, "")
        return self._wizard.create_database(self)


class RecoveryKeyPage(QtWidgets.QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("SetupWizard", "恢复密钥"))
        self.setSubTitle(translate("SetupWizard", "数据库已创建。请立即保存下面的恢复密钥。"))
        layout = QtWidgets.QVBoxLayout(self)
        warn = QtWidgets.QLabel(translate("SetupWizard",
            "忘记管理员密码或密钥文件损坏时，只有恢复密钥能找回数据。它只显示这一次：请打印"
            "或保存到安全的地方（例如交网点负责人锁进保险柜），不要和这台电脑放在一起。"))
        warn.setWordWrap(True)
        layout.addWidget(warn)
        self.key_label = QtWidgets.QLabel()
        self.key_label.setObjectName("recovery_key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); padding: 12px; background: palette(base); }")
        layout.addWidget(self.key_label)
        row = QtWidgets.QHBoxLayout()
        self.copy_button = QtWidgets.QPushButton(translate("SetupWizard", "复制"))
        self.save_button = QtWidgets.QPushButton(translate("SetupWizard", "保存到文件..."))
        self.print_button = QtWidgets.QPushButton(translate("SetupWizard", "打印..."))
        self.copy_button.clicked.connect(wizard.copy_key)
        self.save_button.clicked.connect(wizard.save_key)
        self.print_button.clicked.connect(wizard.print_key)
        row.addStretch(1)
        for b in (self.copy_button, self.save_button, self.print_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("key_status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.confirm = QtWidgets.QCheckBox(translate("SetupWizard", "我已将恢复密钥妥善保存"))
        self.confirm.toggled.connect(self.completeChanged)
        layout.addWidget(self.confirm)

    def initializePage(self) -> None:
        self.key_label.setText(self._wizard.recovery_key)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()


class SetupWizard(QtWidgets.QWizard):
    """Creates the branch database. After `accepted`, `db_path` and `admin_username` say
    what to log in to."""

    def __init__(self, default_path: Path | None = None, parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(parent)
        # No branch yet: its days are those of the default zone (Asia/Shanghai).
        self.clock = clock or Clock()
        self.setWindowTitle(self.tr("新建网点 - PostCRM"))
        self.setWizardStyle(QtWidgets.QWizard.WizardStyle.ModernStyle)
        self.setOption(QtWidgets.QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QtWidgets.QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 480)
        self.recovery_key = ""
        self.db_path: Path | None = None
        self.admin_username = ""
        self.branch_code = ""
        self.location_page = LocationPage(default_path or default_db_path())
        self.branch_page = BranchPage()
        self.admin_page = AdminPage(self)
        self.key_page = RecoveryKeyPage(self)
        for page in (self.location_page, self.branch_page, self.admin_page, self.key_page):
            self.addPage(page)
        self.setButtonText(QtWidgets.QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QtWidgets.QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QtWidgets.QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setButtonText(QtWidgets.QWizard.WizardButton.FinishButton, self.tr("完成"))

    @property
    def created(self) -> bool:
        return bool(self.recovery_key)

    def create_database(self, page: AdminPage) -> bool:
        from postcrm_desktop.core.errors import PostCrmError, ValidationError
        from postcrm_desktop.services import auth

        path = self.location_page.path()
        QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(Qt.CursorShape.WaitCursor))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            key = auth.init_branch(
                path,
                branch_code=self.branch_page.code_edit.text(),
                branch_name=self.branch_page.name_edit.text(),
                admin_username=page.user_edit.text(),
                admin_password=page.password_edit.text(),
                admin_display_name=page.name_edit.text().strip() or None,
            )
        except ValidationError as exc:
            show_error_in(page.error, exc.message)
            return False
        except (PostCrmError, OSError) as exc:
            from postcrm_desktop.ui.worker import error_message

            show_error_in(page.error, self.tr("无法创建数据库：{0}").format(error_message(exc)))
            return False
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        page.password_edit.clear()
        page.confirm_edit.clear()
        self.recovery_key = key
        self.db_path = path
        self.admin_username = page.user_edit.text().strip().lower()
        self.branch_code = self.branch_page.code_edit.text().strip().upper()
        return True

    # -- the recovery key -----------------------------------------------------------------

    def key_document(self) -> str:
        return self.tr(
            "PostCRM 网点数据库恢复密钥\n\n网点：{0}\n数据库：{1}\n生成时间：{2}\n\n{3}\n\n"
            "请妥善保管。忘记管理员密码或密钥文件损坏时，凭此密钥恢复数据。\n"
        ).format(self.branch_code, self.db_path.name if self.db_path else "",
                 self.clock.local_now().strftime("%Y-%m-%d %H:%M"), self.recovery_key)

    def copy_key(self) -> None:
        QtWidgets.QApplication.clipboard().setText(self.recovery_key)
        self.key_page.status.setText(self.tr("已复制到剪贴板。粘贴保存后请清空剪贴板。"))

    def save_key(self) -> bool:
        suggested = (self.db_path.parent if self.db_path else Path.home()) / (
            f"PostCRM-{self.branch_code}-recovery-key.txt")
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("保存恢复密钥"), str(suggested), self.tr("文本文件 (*.txt)"))
        if not name:
            return False
        return self.save_key_to(Path(name))

    def save_key_to(self, path: Path) -> bool:
        try:
            path.write_text(self.key_document(), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("保存恢复密钥"),
                                self.tr("无法保存：{0}").format(exc.strerror or str(exc)))
            return False
        self.key_page.status.setText(self.tr("已保存到 {0}").format(str(path)))
        return True

    def print_key(self) -> bool:
        qprint = print_support()
        if qprint is None:
            QMessageBox.information(self, self.tr("打印"), self.tr(
                "这台电脑上的程序不支持打印。请先保存到文件，再用其他程序打印。"))
            return self.save_key()
        printer = qprint.QPrinter(qprint.QPrinter.PrinterMode.HighResolution)
        dialog = qprint.QPrintDialog(printer, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return False
        doc = QtGui.QTextDocument()
        doc.setPlainText(self.key_document())
        doc.print_(printer)
        self.key_page.status.setText(self.tr("已发送到打印机。"))
        return True

    def reject(self) -> None:
        # Once the database exists the key must not be lost by a stray Esc.
        if self.created:
            if self.key_page.isComplete():
                self.accept()
            return
        super().reject()
