"""Telling the user when a task comes due while the app is open.

`DueNotifier` asks the task service each `interval_ms` (a minute by default; tests pass
a few milliseconds and their own clock) for the user's open tasks that fell due since
the last look, and emits `sig_due` with them. Tasks already overdue when the app opened
are on the workbench and are not announced again.

`Announcer` shows the news: a tray balloon where the desktop has a system tray, and
always a non-modal banner in the page (with "查看" and "×") and the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.contacts.types import TaskRow
from postcrm_desktop.ui.qt import (
    QApplication,
    QCoreApplication,
    QObject,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)

CHECK_EVERY_MS = 60_000


class DueNotifier(QObject):
    sig_due = Signal(list)  # TaskRow list, earliest first

    def __init__(self, branch: object, parent: QObject | None = None, *,
                 interval_ms: int = CHECK_EVERY_MS,
                 clock: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.branch = branch
        self.clock = clock
        self.since = clock()
        self.announced: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> list[TaskRow]:
        """Look once: the tasks due in (last look, now] not announced before."""
        from postcrm_desktop.services.contacts import tasks

        now = self.clock()
        if now <= self.since:
            return []
        try:
            rows = tasks.due_between(self.branch, self.since, now)  # type: ignore[arg-type]
        except PostCrmError:
            return []  # e.g. a permission changed; the next look tries again
        except Exception as exc:  # a reminder must never take the window down
            from postcrm_desktop.ui.worker import log_error

            log_error("due task check failed", exc)
            self.stop()
            return []
        self.since = now
        fresh = [r for r in rows if r.id not in self.announced]
        self.announced.update(r.id for r in fresh)
        if fresh:
            self.sig_due.emit(fresh)
        return fresh


def due_message(rows: list[TaskRow]) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("Workbench", text)

    if len(rows) == 1:
        r = rows[0]
        return tr("任务到期：{0}（客户：{1}）").format(r.title, r.customer_name)
    names = "、".join(r.customer_name for r in rows[:3])
    more = tr("等") if len(rows) > 3 else ""
    return tr("{0} 项任务到期（客户：{1}{2}）").format(len(rows), names, more)


class Banner(QtWidgets.QFrame):
    """A non-modal notice at the top of the page."""

    sig_show = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due_banner")
        self.setStyleSheet("QFrame#due_banner { background: #fff3cd; border: 1px solid #e0c36b;"
                           " border-radius: 4px; }")
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.text = QtWidgets.QLabel()
        self.text.setObjectName("due_banner_text")
        self.text.setWordWrap(True)
        self.show_button = QtWidgets.QPushButton(self.tr("查看"))
        self.show_button.clicked.connect(self.sig_show.emit)
        self.close_button = QtWidgets.QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("关闭提醒"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.text, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.close_button)
        self.hide()

    def announce(self, text: str) -> None:
        self.text.setText(text)
        self.show()


class Announcer(QObject):
    """Tray balloon (when there is a tray) plus the banner and the status bar."""

    def __init__(self, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.tray: QtWidgets.QSystemTrayIcon | None = None
        self.last = ""

    def tray_icon(self) -> QtWidgets.QSystemTrayIcon | None:
        if self.tray is None and QtWidgets.QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(
                    QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QtWidgets.QSystemTrayIcon(icon, self)
            self.tray.setToolTip("PostCRM")
            self.tray.messageClicked.connect(self.banner.sig_show.emit)
            self.tray.show()
        return self.tray

    def announce(self, rows: list[TaskRow]) -> str:
        text = due_message(rows)
        self.last = text
        self.banner.announce(text)
        tray = self.tray_icon()
        if tray is not None and tray.supportsMessages():
            tray.showMessage(self.tr("跟进任务到期"), text,
                             QtWidgets.QSystemTrayIcon.MessageIcon.Information, 10_000)
        window = self.banner.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 15_000)
        if window is not None and window.isVisible():
            QApplication.alert(window)  # flashes the taskbar entry when in the background
        return text

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None


__all__ = ["CHECK_EVERY_MS", "Announcer", "Banner", "DueNotifier", "due_message"]
