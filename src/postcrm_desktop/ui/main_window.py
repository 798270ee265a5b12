"""The main window: navigation over the areas, lazily built pages, menus and status bar.

Pages come from `postcrm_desktop.ui.pages.<key>.create_page(ctx)`, built the first time
they are shown. A page widget may define `navigate_to(**kwargs)` (called by
`navigate(key, **kwargs)` after it is shown), `open_customer(customer_id)`, and
`maybe_close() -> bool` (asked before the window closes; False keeps it open).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postcrm_desktop.ui.context import PAGES, PageContext
from postcrm_desktop.ui.i18n import LANGUAGES, app_settings
from postcrm_desktop.ui.pages.placeholder import PlaceholderPage
from postcrm_desktop.ui.qt import (
    QAction,
    QCoreApplication,
    QEvent,
    QKeySequence,
    QMessageBox,
    Qt,
    QtCore,
    QtGui,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from postcrm_desktop.core.clock import Clock
    from postcrm_desktop.services.branch import Branch
    from postcrm_desktop.services.events import Changes
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.idle_lock import IdleLock
    from postcrm_desktop.ui.worker import Tasks

log = logging.getLogger(__name__)

SP = QtWidgets.QStyle.StandardPixmap
PAGE_ICONS: dict[str, QtWidgets.QStyle.StandardPixmap] = {
    "workbench": SP.SP_DesktopIcon,
    "customers": SP.SP_DirHomeIcon,
    "contacts": SP.SP_FileDialogContentsView,
    "complaints": SP.SP_MessageBoxWarning,
    "campaigns": SP.SP_MediaPlay,
    "reports": SP.SP_FileDialogDetailedView,
    "sync": SP.SP_BrowserReload,
    "admin": SP.SP_ComputerIcon,
}


def page_title(key: str) -> str:
    """The navigation title of a page in the current language."""
    titles = dict(PAGES)
    # The literal calls below let lupdate collect the titles that live in context.py.
    translated = {
        "workbench": QCoreApplication.translate("Navigation", "工作台"),
        "customers": QCoreApplication.translate("Navigation", "客户"),
        "contacts": QCoreApplication.translate("Navigation", "联系记录"),
        "complaints": QCoreApplication.translate("Navigation", "投诉"),
        "campaigns": QCoreApplication.translate("Navigation", "营销活动"),
        "reports": QCoreApplication.translate("Navigation", "报表"),
        "sync": QCoreApplication.translate("Navigation", "同步"),
        "admin": QCoreApplication.translate("Navigation", "系统管理"),
    }
    return translated.get(key) or QCoreApplication.translate("Navigation", titles.get(key, key))


def role_label(role: str) -> str:
    labels = {
        "counter_clerk": QCoreApplication.translate("Roles", "柜员"),
        "account_manager": QCoreApplication.translate("Roles", "客户经理"),
        "branch_admin": QCoreApplication.translate("Roles", "网点管理员"),
        "hq_analyst": QCoreApplication.translate("Roles", "总部分析员"),
    }
    return labels.get(str(role), str(role))


class MainWindow(QtWidgets.QMainWindow):
    sig_logout = Signal()  # switch user: the session ends, the login dialog comes back
    sig_quit = Signal()  # the session ends and the app quits
    sig_restore = Signal(object)  # the session ends, the database is restored from this file
    sig_page_shown = Signal(str)

    def __init__(self, branch: Branch, *, bus: UiBus | None = None, tasks: Tasks | None = None,
                 persist_state: bool = True, idle_minutes: float | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__()
        from postcrm_desktop.services.clock import branch_clock
        from postcrm_desktop.ui.bus import UiBus
        from postcrm_desktop.ui.worker import Tasks

        self.branch = branch
        self.bus = bus or UiBus(self)
        self.tasks = tasks or Tasks(self)
        if self.tasks.parent_widget is None:
            self.tasks.parent_widget = self
        self.persist_state = persist_state
        self.ending = False  # set when the session ends: close without asking pages
        self.ctx = PageContext(branch=branch, bus=self.bus, tasks=self.tasks,
                               navigate=self.navigate, open_customer=self.open_customer,
                               clock=clock or branch_clock(branch))
        self.clock = self.ctx.clock
        self.pages: dict[str, QWidget] = {}
        self.setObjectName("main_window")
        self.setMinimumSize(900, 600)

        self.nav = QtWidgets.QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QtCore.QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFixedWidth(168)
        self.nav.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: palette(alternate-base); padding-top: 8px;"
            " outline: 0; }"
            "QListWidget#navigation::item { padding: 8px 6px; }")
        style = self.style()
        for key, _title in PAGES:
            icon = style.standardIcon(PAGE_ICONS.get(key, SP.SP_FileIcon))
            item = QtWidgets.QListWidgetItem(icon, "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            # Only the entries the role can use (e.g. no admin page for a clerk).
            item.setHidden(not self.allowed(key))
        self.stack = QtWidgets.QStackedWidget()
        self.stack.setObjectName("pages")
        content = QWidget()
        content.setObjectName("content")
        row = QtWidgets.QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.VLine)
        line.setFrameShadow(QtWidgets.QFrame.Shadow.Sunken)
        row.addWidget(line)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(content)
        self.nav.currentRowChanged.connect(self._on_nav_row)

        self._build_actions()
        self._build_status_bar()
        self._build_idle_lock(idle_minutes)
        self.retranslate()
        self.bus.changed.connect(self.on_changes)
        self.tasks.idle.connect(self.refresh_backup_status)  # e.g. a backup from a page
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_backup_status)
        self._status_timer.start(60_000)
        self._restore_state()

    # -- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        from postcrm_desktop.core.roles import Perm

        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup_now)
        self.backup_action.setEnabled(self.branch.actor.can(Perm.BACKUP_RUN))
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = mb.addMenu("")
        self.page_actions: dict[str, QAction] = {}
        for i, (key, _title) in enumerate(PAGES, start=1):
            act = QAction(self)
            if i <= 9:
                act.setShortcut(QKeySequence(f"Ctrl+{i}"))
            act.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            act.setVisible(self.allowed(key))
            self.view_menu.addAction(act)
            self.page_actions[key] = act
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QtGui.QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        from postcrm_desktop.ui import i18n

        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setChecked(code == i18n.current_language())
            act.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            self.language_group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act

        self.account_menu = mb.addMenu("")
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.logout)
        self.account_menu.addAction(self.password_action)
        self.account_menu.addAction(self.lock_action)
        self.account_menu.addSeparator()
        self.account_menu.addAction(self.logout_action)
        # Shortcuts work even when the menu bar is hidden behind a dialog-less window.
        for act in [self.quit_action, self.lock_action, *self.page_actions.values()]:
            self.addAction(act)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.user_label = QtWidgets.QLabel()
        self.role_label = QtWidgets.QLabel()
        self.branch_label = QtWidgets.QLabel()
        self.backup_label = QtWidgets.QLabel()
        for name, label in (("status_user", self.user_label), ("status_role", self.role_label),
                            ("status_branch", self.branch_label),
                            ("status_backup", self.backup_label)):
            label.setObjectName(name)
            label.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(label)

    def _build_idle_lock(self, minutes: float | None) -> None:
        from postcrm_desktop.ui.idle_lock import IdleLock

        if minutes is None:
            minutes = self._setting_idle_minutes()
        actor = self.branch.actor
        self.idle_lock: IdleLock = IdleLock(
            self, self._verify_password, who=f"{actor.display_name}（{actor.username}）",
            minutes=minutes)
        self.idle_lock.locked.connect(self._on_locked)
        self.idle_lock.unlocked.connect(self._on_unlocked)
        self.idle_lock.sig_switch_user.connect(self.end_session_and_logout)
        self.idle_lock.sig_quit.connect(self.end_session_and_quit)

    def _setting_idle_minutes(self) -> float:
        from postcrm_desktop.services import settings
        from postcrm_desktop.ui.worker import log_error

        try:
            return float(settings.get(self.branch, settings.IDLE_LOCK_MINUTES))
        except Exception as exc:  # a broken setting must never keep the app from locking
            log_error("idle lock setting unreadable", exc)
            return float(settings.DEFINITIONS[settings.IDLE_LOCK_MINUTES].default)

    def _verify_password(self, password: str) -> bool:
        from postcrm_desktop.services import auth

        return auth.verify_password(self.branch, password)

    # -- text -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        info = self.branch.db.info
        self.setWindowTitle(self.tr("PostCRM 邮政客户营销管理系统 - {0} {1}").format(
            info.branch_code, info.branch_name))
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.backup_action.setText(self.tr("备份…"))
        self.quit_action.setText(self.tr("退出"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.language_menu.setTitle(self.tr("语言 / Language"))
        self.account_menu.setTitle(self.tr("账户(&A)"))
        self.password_action.setText(self.tr("修改密码…"))
        self.lock_action.setText(self.tr("锁定"))
        self.logout_action.setText(self.tr("切换用户…"))
        for i, (key, _title) in enumerate(PAGES):
            title = page_title(key)
            self.nav.item(i).setText(title)
            self.page_actions[key].setText(title)
        actor = self.branch.actor
        self.user_label.setText(self.tr("用户：{0}").format(actor.display_name))
        self.role_label.setText(self.tr("角色：{0}").format(role_label(actor.role)))
        self.branch_label.setText(self.tr("网点：{0} {1}").format(info.branch_code,
                                                                info.branch_name))
        self.refresh_backup_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh_backup_status(self) -> None:
        from postcrm_desktop.services import backup
        from postcrm_desktop.ui.worker import log_error

        try:
            last = backup.last_backup_at(self.branch.db)
        except Exception as exc:
            log_error("last backup time unreadable", exc)
            return
        if last is None:
            text = self.tr("上次备份：从未备份")
            stale = True
        else:
            local = self.clock.local(last)
            text = self.tr("上次备份：{0}").format(local.strftime("%Y-%m-%d %H:%M"))
            stale = (self.clock.now() - last).days >= 7
        self.backup_label.setText(text)
        self.backup_label.setStyleSheet("color: #b00020;" if stale else "")
        self.last_backup_at = last

    # -- pages ----------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page widget for `key`, built on first use."""
        widget = self.pages.get(key)
        if widget is None:
            widget = self._build_page(key)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return widget

    def _build_page(self, key: str) -> QWidget:
        from postcrm_desktop.ui.worker import error_message, log_error

        title = page_title(key)
        name = f"postcrm_desktop.ui.pages.{key}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                return PlaceholderPage(title)
            log_error(f"page module {key} failed to import", exc)
            return PlaceholderPage(title, self.tr("这一页面无法打开（{0}）。").format(
                error_message(exc)))
        except Exception as exc:
            log_error(f"page module {key} failed to import", exc)
            return PlaceholderPage(title, self.tr("这一页面无法打开（{0}）。").format(
                error_message(exc)))
        create = getattr(module, "create_page", None)
        if create is None:
            return PlaceholderPage(title)
        try:
            widget = create(self.ctx)
        except Exception as exc:
            log_error(f"page {key} failed to build", exc)
            return PlaceholderPage(title, self.tr("这一页面打开时出错：{0}").format(
                error_message(exc)))
        widget.setObjectName(widget.objectName() or f"page_{key}")
        return widget

    def allowed(self, key: str) -> bool:
        """Whether the signed-in role gets the page `key` (`core.roles.PAGE_PERMISSIONS`)."""
        from postcrm_desktop.core.roles import can_open

        return can_open(key, self.branch.actor.permissions)

    def allowed_pages(self) -> list[str]:
        return [k for k, _ in PAGES if self.allowed(k)]

    def show_page(self, key: str) -> QWidget:
        keys = [k for k, _ in PAGES]
        if key not in keys:
            raise KeyError(key)
        if not self.allowed(key):
            # A link from another page to one this role does not get: say so, stay put.
            self.statusBar().showMessage(
                self.tr("当前角色不能使用“{0}”").format(page_title(key)), 8000)
            current = getattr(self, "current_key", None)
            return self.page(current if current else self.allowed_pages()[0])
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        row = keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.current_key = key
        self.sig_page_shown.emit(key)
        return widget

    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row][0])

    def navigate(self, key: str, **kwargs: Any) -> QWidget:
        widget = self.show_page(key)
        if kwargs and hasattr(widget, "navigate_to"):
            widget.navigate_to(**kwargs)
        return widget

    def open_customer(self, customer_id: str) -> QWidget:
        widget = self.show_page("customers")
        if hasattr(widget, "open_customer"):
            widget.open_customer(customer_id)
        elif hasattr(widget, "navigate_to"):
            widget.navigate_to(customer_id=customer_id)
        return widget

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("complaint_sla"):
            # The branch's zone is the SLA policy's: days follow it at once.
            from postcrm_desktop.services.clock import branch_zone

            self.clock.zone = branch_zone(self.branch)
        if changes.touches("setting"):
            self.idle_lock.set_minutes(self._setting_idle_minutes())
        self.refresh_backup_status()

    # -- actions --------------------------------------------------------------------------

    def backup_now(self) -> None:
        from postcrm_desktop.services import backup
        from postcrm_desktop.ui.pages.admin_backup import backup_target_refused

        stamp = self.clock.stamp()
        folder = backup.backup_dir(self.branch.path)
        folder.mkdir(parents=True, exist_ok=True)
        suggested = folder / f"{self.branch.path.stem}-manual-{stamp}{backup.SUFFIX}"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("备份数据库"), str(suggested),
            self.tr("PostCRM 备份 (*{0})").format(backup.SUFFIX))
        if name and not backup_target_refused(self, self.branch, Path(name)):
            self.run_backup(Path(name))

    def run_backup(self, out: Path) -> None:
        from postcrm_desktop.services import backup

        branch = self.branch

        def work(control: Any) -> Path:
            return backup.backup(branch, out,
                                 progress=lambda done, total: control.progress(done, total))

        self.tasks.run(work, self._on_backup_done, title=self.tr("正在备份…"))

    def _on_backup_done(self, out: Path) -> None:
        self.refresh_backup_status()
        self.statusBar().showMessage(self.tr("备份完成：{0}").format(str(out)), 8000)

    def change_password(self) -> None:
        from postcrm_desktop.ui.password_dialog import PasswordDialog

        dlg = PasswordDialog(self.branch, self)
        self.password_dialog = dlg
        dlg.accepted.connect(lambda: self.statusBar().showMessage(self.tr("密码已修改"), 8000))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()

    def lock(self) -> None:
        self.idle_lock.lock()

    def _on_locked(self) -> None:
        self._enabled_before_lock = [a for a in self.actions() if a.isEnabled()]
        for act in self._enabled_before_lock:
            act.setEnabled(False)
        self.menuBar().setEnabled(False)

    def _on_unlocked(self) -> None:
        for act in getattr(self, "_enabled_before_lock", []):
            act.setEnabled(True)
        self._enabled_before_lock = []
        self.menuBar().setEnabled(True)

    def switch_language(self, language: str) -> None:
        from postcrm_desktop.ui import i18n

        if language == i18n.current_language():
            return
        i18n.set_preferred_language(language)
        i18n.install(language)  # every widget gets a LanguageChange event (posted)
        self.retranslate()
        for code, act in self.language_actions.items():
            act.setChecked(code == language)
        QMessageBox.information(self, self.tr("界面语言"), self.tr(
            "界面语言已切换。个别页面在重新启动程序后才会完全显示新的语言。"))

    def logout(self) -> None:
        if self.close_pages():
            self.end_session_and_logout()

    def end_session_and_logout(self) -> None:
        self._end(self.sig_logout)

    def restore_from(self, source: Path) -> None:
        """Restore needs the database closed: end the session; the app restores, then login."""
        if self.close_pages():
            self._end(self.sig_restore, source)

    def end_session_and_quit(self) -> None:
        self._end(self.sig_quit)

    def _end(self, signal: Any, *args: Any) -> None:
        if self.ending:
            return
        self.ending = True
        self.idle_lock.stop()
        self.close()
        signal.emit(*args)

    def close_pages(self) -> bool:
        """Ask every built page whether it may close (unsaved edits)."""
        for widget in self.pages.values():
            ask = getattr(widget, "maybe_close", None)
            if ask is not None and not ask():
                return False
        return True

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self.ending:
            if self.idle_lock.is_locked or not self.close_pages():
                event.ignore()
                return
            self.ending = True
            self.idle_lock.stop()
            QTimer.singleShot(0, self.sig_quit.emit)
        self.save_state()
        self.tasks.cancel_all()
        self._status_timer.stop()
        event.accept()

    # -- window state ---------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = app_settings()
        geometry = s.value("main_window/geometry") if self.persist_state else None
        if not (isinstance(geometry, QtCore.QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1280, 800)
        state = s.value("main_window/state") if self.persist_state else None
        if isinstance(state, QtCore.QByteArray):
            self.restoreState(state)
        keys = self.allowed_pages()
        last = s.value("main_window/page") if self.persist_state else None
        self.show_page(last if last in keys else keys[0])

    def save_state(self) -> None:
        if not self.persist_state:
            return
        s = app_settings()
        s.setValue("main_window/geometry", self.saveGeometry())
        s.setValue("main_window/state", self.saveState())
        s.setValue("main_window/page", getattr(self, "current_key", PAGES[0][0]))
        s.sync()
