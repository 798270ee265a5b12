"""系统管理 › 关于/数据库: which branch and file this is, and the encrypted-page check."""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services import database_info
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.admin_backup import human_size
from postcrm_desktop.ui.pages.admin_forms import ERROR_STYLE, OK_STYLE
from postcrm_desktop.ui.qt import Qt, QtGui, QtWidgets, QWidget
from postcrm_desktop.ui.worker import error_message, log_error


class AboutTab(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_problems: list[str] | None = None
        layout = QtWidgets.QVBoxLayout(self)
        box = QtWidgets.QGroupBox(self.tr("数据库"))
        form = QtWidgets.QFormLayout(box)
        self.branch_label = QtWidgets.QLabel()
        self.path_label = QtWidgets.QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.size_label = QtWidgets.QLabel()
        self.schema_label = QtWidgets.QLabel()
        self.encryption_label = QtWidgets.QLabel(self.tr(
            "SQLCipher 4（AES-256，每页 HMAC 校验）；密钥槽文件与数据库放在同一文件夹"))
        self.encryption_label.setWordWrap(True)
        form.addRow(self.tr("网点："), self.branch_label)
        form.addRow(self.tr("文件："), self.path_label)
        form.addRow(self.tr("大小："), self.size_label)
        form.addRow(self.tr("结构版本："), self.schema_label)
        form.addRow(self.tr("加密："), self.encryption_label)
        self.check_button = QtWidgets.QPushButton(self.tr("检查加密页完整性"))
        self.check_button.setObjectName("cipher_integrity_check")
        self.check_button.setToolTip(self.tr(
            "逐页校验数据库的加密签名和结构（cipher_integrity_check），大数据库需要一些时间"))
        self.check_button.setEnabled(ctx.branch.actor.can(Perm.AUDIT_VIEW))
        self.check_button.clicked.connect(self.integrity_check)
        self.check_result = QtWidgets.QLabel()
        self.check_result.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.check_result, 1)
        form.addRow(row)
        layout.addWidget(box)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        try:
            info = database_info.describe(self.ctx.branch)
        except Exception as exc:  # e.g. the database was closed for a restore
            if not isinstance(exc, PostCrmError):
                log_error("database description failed", exc)
            return
        self.branch_label.setText(f"{info.branch_code}  {info.branch_name}")
        self.path_label.setText(str(info.path))
        self.size_label.setText(human_size(info.size_bytes))
        if info.schema_version == info.app_schema_version:
            self.schema_label.setText(self.tr("{0}（最新）").format(info.schema_version))
        else:
            self.schema_label.setText(self.tr("{0}（程序最新为 {1}）").format(
                info.schema_version, info.app_schema_version))

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def integrity_check(self) -> None:
        branch = self.ctx.branch
        self.check_button.setEnabled(False)
        self.check_result.setStyleSheet("")
        self.check_result.setText(self.tr("正在检查…"))
        self.ctx.tasks.run(lambda _control: database_info.integrity_check(branch),
                           self.on_checked, title=self.tr("检查数据库加密页"),
                           on_error=self.on_check_failed)

    def on_checked(self, problems: list[str]) -> None:
        self.last_problems = list(problems)
        self.check_button.setEnabled(True)
        if problems:
            self.check_result.setText(self.tr("发现 {0} 处问题，第一处：{1}。请从备份恢复。")
                                      .format(len(problems), problems[0]))
            self.check_result.setStyleSheet(ERROR_STYLE)
        else:
            self.check_result.setText(self.tr("检查通过：所有加密页的签名和数据库结构均完好。"))
            self.check_result.setStyleSheet(OK_STYLE)

    def on_check_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PostCrmError):
            log_error("integrity check failed", exc)
        self.check_button.setEnabled(True)
        self.check_result.setText(self.tr("未能检查：{0}").format(error_message(exc)))
        self.check_result.setStyleSheet(ERROR_STYLE)
