"""Lock the app after idle minutes (or on Ctrl+L); resume with the password.

Nothing is closed or rebuilt while locked: every open window (the main window and any
dialog above it) is covered by an opaque panel, its content hidden or disabled, so what
was typed is still there after unlocking. The topmost window's panel asks for the
password; it also offers to switch user or quit (both end the session).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from postcrm_desktop.ui.password_dialog import error_label, password_edit, show_error_in
from postcrm_desktop.ui.qt import (
    QApplication,
    QEvent,
    QObject,
    Qt,
    QtCore,
    QtGui,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
    translate,
)

MAX_UNLOCK_FAILURES = 5

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Counts time since the last keyboard, mouse or touch input anywhere in the app."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = time.monotonic()
        self._timeout_ms = timeout_ms
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self.set_timeout_ms(timeout_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, int(timeout_ms))
        # Check often enough to lock within about a quarter of the timeout, at most every 5 s.
        self._timer.start(max(20, min(self._timeout_ms // 4, 5000)))

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def idle_ms(self) -> int:
        return int((time.monotonic() - self._last) * 1000)

    def touch(self) -> None:
        self._last = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if self.enabled and self.idle_ms() >= self._timeout_ms:
            self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockCover(QtWidgets.QFrame):
    """An opaque panel over one window. Interactive covers hold the password form."""

    sig_unlock = Signal(str)
    sig_switch_user = Signal()
    sig_quit = Signal()

    def __init__(self, window: QWidget, who: str, interactive: bool) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QFrame#lock_cover { background: palette(window); }")
        self.interactive = interactive
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        box = QtWidgets.QVBoxLayout()
        box.setSpacing(10)
        title = QtWidgets.QLabel(translate("IdleLock", "PostCRM 已锁定"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        self.password: QtWidgets.QLineEdit | None = None
        self.error: QtWidgets.QLabel | None = None
        if interactive:
            info = QtWidgets.QLabel(
                translate("IdleLock", "{0} 的工作已保留。请输入密码继续。").format(who))
            info.setWordWrap(True)
            info.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(info)
            row = QtWidgets.QHBoxLayout()
            self.password = password_edit(translate("IdleLock", "密码"))
            self.password.setMinimumWidth(200)
            self.unlock_button = QtWidgets.QPushButton(translate("IdleLock", "解锁"))
            self.unlock_button.setDefault(True)
            self.password.returnPressed.connect(self._submit)
            self.unlock_button.clicked.connect(self._submit)
            row.addStretch(1)
            row.addWidget(self.password)
            row.addWidget(self.unlock_button)
            row.addStretch(1)
            box.addLayout(row)
            self.error = error_label()
            self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(self.error)
            links = QtWidgets.QHBoxLayout()
            self.switch_button = QtWidgets.QPushButton(translate("IdleLock", "切换用户"))
            self.quit_button = QtWidgets.QPushButton(translate("IdleLock", "退出程序"))
            for b in (self.switch_button, self.quit_button):
                b.setFlat(True)
                b.setAutoDefault(False)
                b.setCursor(QtGui.QCursor(Qt.CursorShape.PointingHandCursor))
            self.switch_button.clicked.connect(self.sig_switch_user)
            self.quit_button.clicked.connect(self.sig_quit)
            links.addStretch(1)
            links.addWidget(self.switch_button)
            links.addWidget(self.quit_button)
            links.addStretch(1)
            box.addLayout(links)
        else:
            info = QtWidgets.QLabel(translate("IdleLock", "请在最前面的窗口中输入密码解锁。"))
            info.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(info)
        layout.addLayout(box)
        layout.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def _submit(self) -> None:
        if self.password is not None:
            self.sig_unlock.emit(self.password.text())

    def show_error(self, text: str) -> None:
        if self.error is not None:
            show_error_in(self.error, text)
        if self.password is not None:
            self.password.clear()
            self.password.setFocus()

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


@dataclass
class _Covered:
    window: QWidget
    cover: LockCover
    disabled: list[QWidget] = field(default_factory=list)
    hidden: list[QWidget] = field(default_factory=list)
    old_size: QtCore.QSize | None = None


class IdleLock(QObject):
    """Locks `window` (and every dialog open above it) after idle time or on `lock()`."""

    locked = Signal()
    unlocked = Signal()
    sig_switch_user = Signal()
    sig_quit = Signal()

    def __init__(self, window: QtWidgets.QMainWindow, verify: Callable[[str], bool], *,
                 who: str, minutes: float = 10) -> None:
        super().__init__(window)
        self.window = window
        self.verify = verify
        self.who = who
        self.failures = 0
        self._covered: list[_Covered] = []
        self._focus: QWidget | None = None
        self.watcher = IdleWatcher(self._minutes_ms(minutes), self)
        self.watcher.idle.connect(self.lock)

    @staticmethod
    def _minutes_ms(minutes: float) -> int:
        return int(max(minutes, 0.001) * 60_000)

    def set_minutes(self, minutes: float) -> None:
        self.watcher.set_timeout_ms(self._minutes_ms(minutes))

    def set_timeout_ms(self, ms: int) -> None:
        self.watcher.set_timeout_ms(ms)

    @property
    def is_locked(self) -> bool:
        return bool(self._covered)

    @property
    def interactive_cover(self) -> LockCover | None:
        for c in self._covered:
            if c.cover.interactive:
                return c.cover
        return None

    def lock(self) -> None:
        if self.is_locked or not self.window.isVisible():
            return
        self.watcher.enabled = False
        self.failures = 0
        self._focus = QApplication.focusWidget()
        top = QApplication.activeModalWidget()
        windows = [self.window] + [
            w for w in QApplication.topLevelWidgets()
            if w is not self.window and w.isVisible() and w.isWindow()
            and not isinstance(w, QtWidgets.QMenu | LockCover)
            and w.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
        ]
        if top is None or top not in windows:
            top = self.window
        for w in windows:
            if isinstance(w, QtWidgets.QMenu):
                w.close()
        for w in windows:
            self._cover(w, interactive=w is top)
        self.locked.emit()

    def _cover(self, window: QWidget, *, interactive: bool) -> None:
        cover = LockCover(window, self.who, interactive)
        entry = _Covered(window, cover)
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in window.findChildren(QWidget, options=direct):
            if child is cover or child.isWindow():
                continue
            if isinstance(window, QtWidgets.QMainWindow) and child is window.centralWidget():
                if child.isVisible():
                    child.hide()
                    entry.hidden.append(child)
            elif child.isEnabled():
                child.setEnabled(False)
                entry.disabled.append(child)
        if interactive:
            want = cover.sizeHint().expandedTo(QtCore.QSize(420, 260))
            if window.width() < want.width() or window.height() < want.height():
                entry.old_size = window.size()
                window.resize(window.size().expandedTo(want))
            cover.sig_unlock.connect(self.try_unlock)
            cover.sig_switch_user.connect(self._on_switch_user)
            cover.sig_quit.connect(self._on_quit)
        cover.setGeometry(window.rect())
        cover.show()
        cover.raise_()
        if interactive and cover.password is not None:
            window.activateWindow()
            cover.password.setFocus()
        self._covered.append(entry)

    def try_unlock(self, password: str) -> bool:
        cover = self.interactive_cover
        if not self.is_locked:
            return True
        if not password:
            if cover is not None:
                cover.show_error(translate("IdleLock", "请输入密码"))
            return False
        QApplication.setOverrideCursor(QtGui.QCursor(Qt.CursorShape.WaitCursor))
        try:
            ok = self.verify(password)
        finally:
            QApplication.restoreOverrideCursor()
        if ok:
            self.unlock()
            return True
        self.failures += 1
        if self.failures >= MAX_UNLOCK_FAILURES:
            self._on_switch_user()
            return False
        if cover is not None:
            cover.show_error(translate("IdleLock", "密码不正确。再输错 {0} 次将退出登录。").format(
                MAX_UNLOCK_FAILURES - self.failures))
        return False

    def unlock(self) -> None:
        covered, self._covered = self._covered, []
        for entry in reversed(covered):
            try:
                entry.cover.remove()
                for w in entry.hidden:
                    w.show()
                for w in entry.disabled:
                    w.setEnabled(True)
                if entry.old_size is not None:
                    entry.window.resize(entry.old_size)
            except RuntimeError:
                continue  # that window was closed and deleted while locked
        focus, self._focus = self._focus, None
        if focus is not None:
            try:
                focus.window().activateWindow()
                focus.setFocus()
            except RuntimeError:
                pass  # the widget went away meanwhile
        self.failures = 0
        self.watcher.touch()
        self.watcher.enabled = True
        self.unlocked.emit()

    def _end_session(self) -> None:
        """Leave the locked state without the password: covers go, nothing is shown again."""
        covered, self._covered = self._covered, []
        for entry in reversed(covered):
            try:
                entry.cover.remove()
                if entry.window is self.window:
                    continue
                if isinstance(entry.window, QtWidgets.QDialog):
                    entry.window.reject()
                else:
                    entry.window.close()
            except RuntimeError:
                continue
        self._focus = None

    def _on_switch_user(self) -> None:
        self._end_session()
        self.sig_switch_user.emit()

    def _on_quit(self) -> None:
        self._end_session()
        self.sig_quit.emit()

    def stop(self) -> None:
        self.watcher.stop()
