"""系统管理 › 备份与恢复: backups, restore from a backup, and the idle lock setting.

Restore replaces the open database, so it cannot happen while this session uses it.
When the main window offers `restore_from(path)`, the page hands the checked file over
and the app ends the session, restores and asks for a new login. Without that hook the
page does it itself: it closes `ctx.branch`, calls `services.backup.restore`, tells the
user, emits `sig_restored` and asks the application to exit (`exit_app`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from postcrm_desktop.core.errors import PermissionDenied, PostCrmError, ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services import backup, database_info, settings
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.admin_forms import ERROR_STYLE, OK_STYLE
from postcrm_desktop.ui.qt import (
    QApplication,
    QCoreApplication,
    QMessageBox,
    QtCore,
    QtGui,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.worker import error_message, log_error, warn

IDLE_MIN, IDLE_MAX = 1, settings.IDLE_LOCK_MAX_MINUTES


def human_size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    if n < 1024 ** 3:
        return f"{n / 1024 ** 2:.1f} MB"
    return f"{n / 1024 ** 3:.2f} GB"


def _quit_application() -> None:
    app = QApplication.instance()
    if app is not None:
        QTimer.singleShot(0, app.quit)


def backup_target_refused(parent: QWidget, branch: Any, out: Path) -> bool:
    """Check the file chosen in the save dialog before any work starts; say why not."""
    try:
        backup.check_target(branch, out)
    except PostCrmError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("BackupTab", "备份数据库"),
                            QCoreApplication.translate("BackupTab", "不能备份到这个文件：{0}"
                                                       ).format(error_message(exc)))
        return True
    return False


class RestoreConfirmDialog(QtWidgets.QDialog):
    """The last question before the database is replaced: OK only after ticking the box."""

    def __init__(self, source: Path, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        self.setMinimumWidth(460)
        layout = QtWidgets.QVBoxLayout(self)
        text = QtWidgets.QLabel(self.tr(
            "备份文件已通过校验：{0}\n\n"
            "恢复会用这份备份替换当前数据库 {1}。备份之后录入或修改的内容，"
            "在恢复后的数据库中都将不存在。\n\n"
            "当前数据库不会被删除：它会改名另存在同一文件夹（文件名带 .replaced- 和时间），"
            "需要时可以找回。\n\n"
            "恢复时要先关闭数据库：本次登录会结束，恢复完成后请重新登录。").format(
                source.name, db_path.name))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.understood = QtWidgets.QCheckBox(self.tr("我已了解：当前数据库将被替换（原文件另存）"))
        layout.addWidget(self.understood)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("替换并恢复"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.understood.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.understood.isChecked():
            super().accept()


class BackupTab(QtWidgets.QWidget):
    sig_restored = Signal(object)  # backup.RestoreResult, after a restore done by this page

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        actor = ctx.branch.actor
        self.can_backup = actor.can(Perm.BACKUP_RUN)
        self.can_restore = actor.can(Perm.BACKUP_RESTORE)
        self.restoring = False
        self.confirm_dialog: RestoreConfirmDialog | None = None
        self.error_box: QMessageBox | None = None
        self.last_restore: backup.RestoreResult | None = None
        # What happens after this page restored the database itself: the app exits.
        self.exit_app: Callable[[], None] = _quit_application
        layout = QtWidgets.QVBoxLayout(self)

        self.notice = QtWidgets.QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        if not (self.can_backup or self.can_restore):
            self.notice.setText(self.tr("当前角色不能备份或恢复数据库。"))
            self.notice.setStyleSheet(ERROR_STYLE)
            self.notice.setVisible(True)

        box = QtWidgets.QGroupBox(self.tr("备份与恢复"))
        grid = QtWidgets.QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.addWidget(QtWidgets.QLabel(self.tr("上次备份：")), 0, 0)
        self.last_backup = QtWidgets.QLabel()
        self.last_backup.setObjectName("backup_last")
        grid.addWidget(self.last_backup, 0, 1)
        grid.addWidget(QtWidgets.QLabel(self.tr("备份文件夹中的备份（最新在前）：")), 1, 0, 1, 2)
        self.backups_model = QtGui.QStandardItemModel(0, 4, self)
        self.backups_model.setHorizontalHeaderLabels(
            [self.tr("文件"), self.tr("类型"), self.tr("时间"), self.tr("大小")])
        self.backups_view = QtWidgets.QTableView()
        self.backups_view.setModel(self.backups_model)
        self.backups_view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups_view.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups_view.verticalHeader().setVisible(False)
        self.backups_view.horizontalHeader().setStretchLastSection(True)
        self.backups_view.setColumnWidth(0, 280)
        grid.addWidget(self.backups_view, 2, 0, 1, 2)
        row = QtWidgets.QHBoxLayout()
        self.backup_button = QtWidgets.QPushButton(self.tr("立即备份…"))
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QtWidgets.QPushButton(self.tr("从备份恢复…"))
        self.restore_button.setObjectName("backup_restore")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.choose_restore)
        self.backup_button.setEnabled(self.can_backup)
        self.restore_button.setEnabled(self.can_restore)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        grid.addLayout(row, 3, 0, 1, 2)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        grid.addWidget(self.status, 4, 0, 1, 2)
        hint = QtWidgets.QLabel(self.tr(
            "每天第一次退出程序时自动备份，保留最近 {0} 份。备份文件与数据库一样加密。"
            "恢复前先校验备份文件，当前数据库另存一份后才会被替换。").format(
                backup.KEEP_AUTOMATIC))
        hint.setWordWrap(True)
        grid.addWidget(hint, 5, 0, 1, 2)
        layout.addWidget(box, 1)

        box = QtWidgets.QGroupBox(self.tr("自动锁定"))
        form = QtWidgets.QFormLayout(box)
        self.idle_minutes = QtWidgets.QSpinBox()
        self.idle_minutes.setObjectName("idle_minutes")
        self.idle_minutes.setRange(IDLE_MIN, IDLE_MAX)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.idle_minutes.setValue(self._stored_idle_minutes())
        self.idle_minutes.setEnabled(actor.can(Perm.SETTINGS_MANAGE))
        self.idle_minutes.editingFinished.connect(self.save_idle_minutes)
        self.idle_status = QtWidgets.QLabel()
        self.idle_status.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.idle_minutes)
        row.addWidget(self.idle_status, 1)
        form.addRow(self.tr("无操作多久后锁定："), row)
        layout.addWidget(box)

        ctx.bus.changed.connect(self.on_changes)
        self.refresh()

    # -- data ---------------------------------------------------------------------------

    def _stored_idle_minutes(self) -> int:
        try:
            value = int(settings.get(self.ctx.branch, settings.IDLE_LOCK_MINUTES))
        except PostCrmError:
            value = settings.definition(settings.IDLE_LOCK_MINUTES).default
        return max(IDLE_MIN, min(IDLE_MAX, value))

    def refresh(self) -> None:
        if self.restoring:
            return
        last = backup.last_backup_at(self.ctx.branch.db)
        self.last_backup.setText(self.ctx.clock.local(last).strftime("%Y-%m-%d %H:%M") if last
                                 else self.tr("从未备份"))
        self.backups_model.removeRows(0, self.backups_model.rowCount())
        for path in backup.list_backups(self.ctx.branch.path):
            try:
                stat = path.stat()
            except OSError:
                continue
            kind = self.tr("自动") if "-auto-" in path.name else self.tr("手动")
            when = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
            items = [QtGui.QStandardItem(v) for v in
                     (path.name, kind, when, human_size(stat.st_size))]
            items[0].setData(str(path), QtCore.Qt.ItemDataRole.UserRole)
            self.backups_model.appendRow(items)

    def listed_backups(self) -> list[str]:
        return [self.backups_model.item(r, 0).text()
                for r in range(self.backups_model.rowCount())]

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("setting") and not self.idle_minutes.hasFocus():
            self.idle_minutes.blockSignals(True)
            self.idle_minutes.setValue(self._stored_idle_minutes())
            self.idle_minutes.blockSignals(False)
        self.refresh()

    def say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if problem else OK_STYLE)

    # -- backup -------------------------------------------------------------------------

    def suggested_backup_path(self) -> Path:
        stamp = self.ctx.clock.stamp()
        folder = backup.backup_dir(self.ctx.branch.path)
        return folder / f"{self.ctx.branch.path.stem}-manual-{stamp}{backup.SUFFIX}"

    def backup_now(self) -> None:
        if not self.can_backup:
            return
        suggested = self.suggested_backup_path()
        suggested.parent.mkdir(parents=True, exist_ok=True)
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("备份数据库"), str(suggested),
            self.tr("PostCRM 备份 (*{0})").format(backup.SUFFIX))
        if not name:
            return
        out = Path(name)
        if out.suffix != backup.SUFFIX:
            out = out.with_name(out.name + backup.SUFFIX)
        if backup_target_refused(self, self.ctx.branch, out):
            self.say(self.tr("没有备份：请选择一个新文件名或本网点的旧备份。"), problem=True)
            return
        self.run_backup(out)

    def run_backup(self, out: Path) -> None:
        branch = self.ctx.branch
        self.backup_button.setEnabled(False)
        self.say(self.tr("正在备份…"))

        def work(control: Any) -> Path:
            return backup.backup(branch, out,
                                 progress=lambda done, total: control.progress(done, total))

        self.ctx.tasks.run(work, self.on_backed_up, title=self.tr("正在备份…"),
                           on_error=self.on_backup_failed)

    def on_backed_up(self, out: Path) -> None:
        self.backup_button.setEnabled(self.can_backup)
        size = out.stat().st_size if out.exists() else 0
        self.say(self.tr("备份完成：{0}（{1}）").format(str(out), human_size(size)))
        self.refresh()

    def on_backup_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PostCrmError):
            log_error("manual backup failed", exc)
        self.backup_button.setEnabled(self.can_backup)
        self.say(self.tr("备份没有完成：{0}。原有的备份不受影响。").format(error_message(exc)),
                 problem=True)

    # -- restore ------------------------------------------------------------------------

    def choose_restore(self) -> None:
        if not self.can_restore:
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), str(backup.backup_dir(self.ctx.branch.path)),
            self.tr("PostCRM 备份 (*{0});;所有文件 (*)").format(backup.SUFFIX))
        if name:
            self.check_then_restore(Path(name))

    def check_then_restore(self, source: Path) -> None:
        """Check the file in the background; only a good backup of this branch is offered."""
        branch = self.ctx.branch
        source = Path(source)
        try:
            branch.actor.require(Perm.BACKUP_RESTORE)
        except PermissionDenied as exc:
            self.say(error_message(exc), problem=True)
            return
        self.say(self.tr("正在校验备份文件…"))
        self.ctx.tasks.run(lambda _control: database_info.check_backup(branch, source),
                           lambda _r: self.confirm_restore(source),
                           title=self.tr("正在校验备份文件…"), on_error=self.on_restore_refused)

    def on_restore_refused(self, exc: BaseException) -> None:
        if not isinstance(exc, PostCrmError):
            log_error("backup check failed", exc)
        message = self.tr("不能用这个文件恢复：{0}\n当前数据库没有任何改动。").format(
            error_message(exc))
        self.say(message, problem=True)
        self.error_box = warn(self, self.tr("从备份恢复"), message, exc)

    def confirm_restore(self, source: Path) -> RestoreConfirmDialog:
        self.say(self.tr("备份文件校验通过，等待确认。"))
        dlg = RestoreConfirmDialog(source, self.ctx.branch.path, self)
        self.confirm_dialog = dlg
        dlg.accepted.connect(lambda: self.start_restore(source))
        dlg.rejected.connect(lambda: self.say(self.tr("已取消恢复，当前数据库没有任何改动。")))
        dlg.finished.connect(lambda _r: self._forget_dialog(dlg))
        dlg.open()
        return dlg

    def _forget_dialog(self, dlg: RestoreConfirmDialog) -> None:
        if self.confirm_dialog is dlg:
            self.confirm_dialog = None
        dlg.deleteLater()

    def start_restore(self, source: Path) -> None:
        handover = getattr(self.window(), "restore_from", None)
        if callable(handover):
            handover(source)  # the window ends the session; the app restores and logs in
        else:
            self.restore_here(source)

    def restore_here(self, source: Path) -> backup.RestoreResult | None:
        """Close this session's database, restore `source` over it, then exit the app."""
        branch = self.ctx.branch
        path, master, actor = branch.path, branch.master, branch.actor
        self.restoring = True
        for w in (self.backup_button, self.restore_button, self.idle_minutes):
            w.setEnabled(False)
        branch.close()
        try:
            result = backup.restore(path, master, source, actor_name=actor.username,
                                    actor_id=actor.user_id)
        except Exception as exc:
            if not isinstance(exc, PostCrmError):
                log_error("restore failed", exc)
            message = self.tr("恢复没有完成：{0}\n程序将退出，请重新启动并登录。").format(
                error_message(exc))
            self.say(message, problem=True)
            QMessageBox.warning(self, self.tr("从备份恢复"), message)
            self.exit_app()
            return None
        self.last_restore = result
        message = self.tr("已从 {0} 恢复。原数据库另存为 {1}。\n程序将退出，请重新启动并登录。"
                          ).format(result.restored_from.name, result.replaced_copy.name)
        self.say(message)
        self.sig_restored.emit(result)
        QMessageBox.information(self, self.tr("从备份恢复"), message)
        self.exit_app()
        return result

    # -- settings -----------------------------------------------------------------------

    def save_idle_minutes(self) -> None:
        value = self.idle_minutes.value()
        if value == self._stored_idle_minutes():
            return
        try:
            stored = settings.set(self.ctx.branch, settings.IDLE_LOCK_MINUTES, value)
        except ValidationError as exc:
            self.idle_status.setText(exc.message)
            self.idle_status.setStyleSheet(ERROR_STYLE)
            return
        except PostCrmError as exc:
            self.idle_status.setText(error_message(exc))
            self.idle_status.setStyleSheet(ERROR_STYLE)
            return
        self.idle_status.setText(self.tr("已保存：无操作 {0} 分钟后锁定。").format(stored))
        self.idle_status.setStyleSheet(OK_STYLE)
