"""Starting the desktop app: Qt setup, language, fonts, then wizard or login, then the window.

    run(argv, db_path=None) -> exit code

First run (no database at the chosen path) opens the setup wizard; otherwise the login
dialog. When a session ends (quit or switch user) the automatic daily backup runs if it is
due, then the database is closed. Imports stay light here so the login window shows fast.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postcrm_desktop.ui import i18n
from postcrm_desktop.ui.qt import (
    QApplication,
    QCoreApplication,
    QMessageBox,
    QObject,
    QtGui,
    QTimer,
    Signal,
)

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.login_dialog import LoginDialog
    from postcrm_desktop.ui.main_window import MainWindow
    from postcrm_desktop.ui.setup_wizard import SetupWizard
    from postcrm_desktop.ui.worker import Tasks

log = logging.getLogger(__name__)

LAST_DB_KEY = "db/last_path"
LAST_USER_KEY = "login/last_username"

# Chinese-capable UI fonts, most preferred first (Windows, macOS, Linux).
CJK_FONTS = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
]


def cjk_font_family() -> str | None:
    families = set(QtGui.QFontDatabase.families())
    return next((f for f in CJK_FONTS if f in families), None)


def apply_cjk_font(app: QApplication, language: str) -> None:
    """Make sure Chinese text has a font that can show it, wherever the default lacks one.

    For Chinese the CJK family comes first (as on Chinese Windows); for other languages it
    is a fallback behind the platform's default.
    """
    family = cjk_font_family()
    if family is None:
        log.warning("no CJK font found; Chinese text may not show")
        return
    font = app.font()
    base = font.family()
    families = [family, base] if language.startswith("zh") else [base, family]
    font.setFamilies([f for i, f in enumerate(families) if f and f not in families[:i]])
    app.setFont(font)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or ["postcrm"]))
    app.setOrganizationName(i18n.ORGANIZATION)
    app.setApplicationName(i18n.APPLICATION)
    app.setQuitOnLastWindowClosed(False)
    language = i18n.preferred_language()
    i18n.install(language)
    apply_cjk_font(app, language)
    return app  # type: ignore[return-value]


def remembered_db_path() -> Path | None:
    value = i18n.app_settings().value(LAST_DB_KEY)
    return Path(value) if isinstance(value, str) and value else None


def remember(db_path: Path, username: str | None = None) -> None:
    s = i18n.app_settings()
    s.setValue(LAST_DB_KEY, str(db_path))
    if username:
        s.setValue(LAST_USER_KEY, username)
    s.sync()


def is_first_run(db_path: Path) -> bool:
    """Nothing at all at the path: neither the database nor its key file."""
    from postcrm_desktop.store.keyslots import sidecar_path

    return not db_path.exists() and not sidecar_path(db_path).exists()


class AppController(QObject):
    """Walks through wizard -> login -> main window -> (backup) -> login or quit."""

    sig_state = Signal(str)  # "wizard", "login", "main", "closing", "finished"
    sig_finished = Signal()

    def __init__(self, db_path: Path | None = None) -> None:
        super().__init__()
        from postcrm_desktop.ui.setup_wizard import default_db_path

        self.db_path = Path(db_path) if db_path else (remembered_db_path() or default_db_path())
        self.wizard: SetupWizard | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.branch: Branch | None = None
        self.bus: UiBus | None = None
        self.tasks: Tasks | None = None
        self.state = ""
        self.last_backup: Path | None = None
        self.quit_when_done = False
        self.quit_app = True  # quit the QApplication when finished (tests keep it)
        self.restore_source: Path | None = None  # set when the session ends for a restore

    def _set_state(self, state: str) -> None:
        self.state = state
        self.sig_state.emit(state)

    def start(self) -> None:
        from postcrm_desktop.store.restore_journal import finish_interrupted_restore

        try:
            finish_interrupted_restore(self.db_path)  # before "is there a database?"
        except OSError as exc:
            from postcrm_desktop.ui.worker import log_error

            log_error("finishing an interrupted restore failed", exc)
        if is_first_run(self.db_path):
            self.show_wizard()
        else:
            self.show_login()

    def show_wizard(self) -> None:
        from postcrm_desktop.ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.db_path)
        self.wizard.finished.connect(self._on_wizard_finished)
        self._set_state("wizard")
        self.wizard.show()

    def _on_wizard_finished(self, result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is None:
            return
        wizard.deleteLater()
        if not wizard.created or wizard.db_path is None:
            self.finish()
            return
        self.db_path = wizard.db_path
        remember(self.db_path, wizard.admin_username)
        wizard.recovery_key = ""
        self.show_login(wizard.admin_username)

    def show_login(self, username: str | None = None) -> None:
        from postcrm_desktop.ui.login_dialog import LoginDialog

        if username is None:
            value = i18n.app_settings().value(LAST_USER_KEY, "")
            username = value if isinstance(value, str) else ""
        dlg = LoginDialog(self.db_path, username=username)
        self.login_dialog = dlg
        dlg.finished.connect(self._on_login_finished)
        self._set_state("login")
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _on_login_finished(self, result: int) -> None:
        dlg, self.login_dialog = self.login_dialog, None
        if dlg is None:
            return
        dlg.deleteLater()
        if dlg.branch is None:
            self.finish()
            return
        self.db_path = dlg.db_path
        remember(self.db_path, dlg.branch.actor.username)
        self.show_main(dlg.branch)

    def show_main(self, branch: Branch) -> None:
        from postcrm_desktop.ui.bus import UiBus
        from postcrm_desktop.ui.main_window import MainWindow
        from postcrm_desktop.ui.worker import Tasks

        self.branch = branch
        self.bus = UiBus()
        self.tasks = Tasks()
        self.window = MainWindow(branch, bus=self.bus, tasks=self.tasks)
        self.window.sig_quit.connect(lambda: self.end_session(quit_after=True))
        self.window.sig_logout.connect(lambda: self.end_session(quit_after=False))
        self.window.sig_restore.connect(self.restore_and_login)
        self._set_state("main")
        self.window.show()
        # After the login dialog is gone (it is still closing now), bring the window forward.
        QTimer.singleShot(0, self._activate_window)

    def _activate_window(self) -> None:
        if self.window is not None:
            self.window.raise_()
            self.window.activateWindow()

    def end_session(self, *, quit_after: bool) -> None:
        """Automatic backup if due, then close the database; then login again or quit."""
        if self.state == "closing":
            return
        self._set_state("closing")
        self.quit_when_done = quit_after
        window, self.window = self.window, None
        if window is not None:
            if window.isVisible():
                window.ending = True
                window.close()
            window.deleteLater()
        branch = self.branch
        if branch is None:
            self._after_session()
            return
        from postcrm_desktop.services import backup
        from postcrm_desktop.ui.worker import Tasks

        self.tasks = self.tasks or Tasks()
        self.tasks.parent_widget = None
        self.tasks.cancel_all()
        self.tasks.wait(10_000)
        self.tasks.run(lambda control: backup.automatic_backup(branch), self._on_backup_done,
                       title=self.tr("正在自动备份…"), on_error=self._on_backup_failed)

    def restore_and_login(self, source: Path) -> None:
        """End the session (with its automatic backup), restore `source`, then log in."""
        self.restore_source = Path(source)
        self.end_session(quit_after=False)

    def _restore(self, branch: Branch) -> None:
        from postcrm_desktop.services import backup
        from postcrm_desktop.ui.worker import error_message, log_error

        source, self.restore_source = self.restore_source, None
        master, actor, path = branch.master, branch.actor, branch.path
        branch.close()
        try:
            result = backup.restore(path, master, source, actor_name=actor.username,
                                    actor_id=actor.user_id)
        except Exception as exc:
            log_error("restore failed", exc)
            QMessageBox.warning(None, self.tr("从备份恢复"), self.tr(
                "恢复没有完成：{0}\n当前数据库保持不变。").format(error_message(exc)))
            return
        QMessageBox.information(None, self.tr("从备份恢复"), self.tr(
            "已从 {0} 恢复。原数据库另存为 {1}。请重新登录。").format(
                result.restored_from.name, result.replaced_copy.name))

    def _on_backup_done(self, out: Path | None) -> None:
        self.last_backup = out
        self._after_session()

    def _on_backup_failed(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import error_message, log_error

        log_error("automatic backup failed", exc)
        QMessageBox.warning(None, self.tr("自动备份"), self.tr(
            "自动备份没有完成：{0}\n请稍后在“文件 > 备份…”中手动备份。").format(error_message(exc)))
        self._after_session()

    def _after_session(self) -> None:
        if self.bus is not None:
            self.bus.close()
            self.bus = None
        if self.branch is not None:
            if self.restore_source is not None:
                self._restore(self.branch)
            self.branch.close()
            self.branch = None
        self.tasks = None
        if self.quit_when_done:
            self.finish()
        else:
            self.show_login()

    def finish(self) -> None:
        self._set_state("finished")
        self.sig_finished.emit()
        app = QApplication.instance()
        if app is not None and self.quit_app:
            app.quit()


def fault_box(exc: BaseException) -> QMessageBox:
    """One sentence for the person; the technical details (type and code locations, never
    the message, which may hold customer data) one click away under "显示详细信息"."""
    from postcrm_desktop.core.errors import PostCrmError
    from postcrm_desktop.core.faults import fault_sentence
    from postcrm_desktop.ui.worker import error_message, where

    if isinstance(exc, PostCrmError):
        text = error_message(exc)
    else:
        text = fault_sentence(exc, log_hint=QCoreApplication.translate("AppController",
                                                                       "详情见日志"))
    box = QMessageBox(QMessageBox.Icon.Critical, "PostCRM", text)
    box.setDetailedText(f"{type(exc).__module__}.{type(exc).__name__}\n{where(exc)}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Any error nobody caught: logged, shown in one sentence, and the app carries on."""
    from postcrm_desktop.ui.worker import log_error

    if exc.__traceback__ is None:
        exc.__traceback__ = tb
    try:
        log_error("unhandled error", exc)
        if QApplication.instance() is not None:
            fault_box(exc).exec()
    except Exception:  # the hook itself must never take the app down
        sys.__excepthook__(exc_type, exc, tb)


def run(argv: Sequence[str], db_path: Path | None = None) -> int:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_application(argv)
    sys.excepthook = _excepthook
    controller = AppController(db_path)
    controller.start()
    code = app.exec()
    branch = controller.branch
    if branch is not None:  # the event loop ended some other way (e.g. the desktop logs out)
        try:
            from postcrm_desktop.services import backup

            backup.automatic_backup(branch)
        except Exception as exc:
            from postcrm_desktop.ui.worker import log_error

            log_error("automatic backup at exit failed", exc)
        finally:
            branch.close()
    return int(code)
