"""The one helper for background work: a QThreadPool, a progress dialog, results on the GUI thread.

    tasks.run(lambda control: services.excel.import_file(branch, path, control.progress),
              on_done=self.on_imported, title=self.tr("正在导入…"), cancellable=True)

`fn(control)` runs on a pool thread and must not touch widgets. It may report
`control.progress(done, total, text)` and should stop early (raise `Cancelled`, or call
`control.check()`) when `control.cancelled` is true. `on_done(result)` and `on_error(exc)`
run on the GUI thread; without `on_error`, the error is shown in a message box. A
cancelled task calls neither. The progress dialog appears only for work that lasts longer
than `SHOW_AFTER_MS`.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from postcrm_desktop.ui.qt import (
    QCoreApplication,
    QMessageBox,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """Raised inside a task to stop it after the user pressed cancel."""


class TaskControl:
    """What the background function gets: progress reports and the cancel flag."""

    def __init__(self, signals: _TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), str(text))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise `Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()


class _TaskSignals(QObject):
    # Emitted on the pool thread; the receivers live on the GUI thread, so delivery is queued.
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


def _runner(fn: Callable[[TaskControl], Any], control: TaskControl,
            signals: _TaskSignals) -> Callable[[], None]:
    """The pool thread's body. Its last act is one emit; nothing touches Qt objects after."""

    def run() -> None:
        try:
            result = fn(control)
        except Cancelled:
            signals.cancelled.emit()
        except BaseException as exc:
            with contextlib.suppress(AttributeError):
                exc.__traceback_text__ = where(exc)  # type: ignore[attr-defined]
            if control.cancelled:
                signals.cancelled.emit()
            else:
                signals.failed.emit(exc)
        else:
            if control.cancelled:
                signals.cancelled.emit()
            else:
                signals.done.emit(result)

    return run


def where(exc: BaseException) -> str:
    """The frames of an error, without its message: messages may hold names or numbers,
    which must never reach a log file."""
    return "".join(traceback.format_tb(exc.__traceback__))


def log_error(what: str, exc: BaseException) -> None:
    log.error("%s: %s\n%s", what, type(exc).__name__, where(exc))


def error_message(exc: BaseException) -> str:
    """Text for a person: services' own messages as they are, anything else briefly."""
    from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors

    if isinstance(exc, ValidationError):
        return exc.message
    if isinstance(exc, ValidationErrors):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, PostCrmError):
        return str(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Tasks", "文件操作失败：{0}").format(
            exc.strerror or str(exc))
    return QCoreApplication.translate(
        "Tasks", "操作未能完成（{0}）。如果问题反复出现，请联系网点管理员。"
    ).format(type(exc).__name__)


def technical_detail(exc: BaseException) -> str:
    """What support needs to know, shown only when asked for ("显示详细信息"): a
    service's own detail, or the kind of error and where it happened (never its message,
    which may hold a name or a number)."""
    from postcrm_desktop.core.errors import PostCrmError

    if isinstance(exc, PostCrmError):
        return exc.detail
    frames = getattr(exc, "__traceback_text__", "") or where(exc)
    return f"{type(exc).__name__}\n{frames}".strip()


def warn(parent: QWidget | None, title: str, text: str,
         exc: BaseException | None = None) -> QMessageBox | None:
    """A warning in a sentence; with the error's technical detail one click away (the
    box's "Show Details…"). Without detail it is the plain static warning."""
    detail = technical_detail(exc) if exc is not None else ""
    if not detail:
        QMessageBox.warning(parent, title, text)
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("error_box")
    box.setDetailedText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    from postcrm_desktop.core.errors import PostCrmError

    if not isinstance(exc, PostCrmError):
        log.error("task failed: %s\n%s", type(exc).__name__,
                  getattr(exc, "__traceback_text__", "") or where(exc))
        # Unexpected errors: the sentence says it all; details go to the log only.
        QMessageBox.warning(parent, title or QCoreApplication.translate("Tasks", "操作失败"),
                            error_message(exc))
        return
    warn(parent, title or QCoreApplication.translate("Tasks", "操作失败"),
         error_message(exc), exc)


class ProgressDialog(QtWidgets.QDialog):
    """Title, bar, optional cancel. Unlike QProgressDialog it never runs the event loop itself."""

    cancel_pressed = Signal()

    def __init__(self, title: str, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        self._title = title
        self._finished = False
        layout = QtWidgets.QVBoxLayout(self)
        self.label = QtWidgets.QLabel(title)
        self.label.setWordWrap(True)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setRange(0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.cancel_button: QtWidgets.QPushButton | None = None
        if cancellable:
            self.cancel_button = QtWidgets.QPushButton(
                QCoreApplication.translate("Tasks", "取消"))
            self.cancel_button.clicked.connect(self._on_cancel)
            row = QtWidgets.QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.cancel_button)
            layout.addLayout(row)

    def set_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(max(done, 0), total))
        if self.cancel_button is not None and not self.cancel_button.isEnabled():
            return  # keep saying that it is stopping
        self.label.setText(f"{self._title}\n{text}" if text else self._title)

    def value(self) -> int:
        return self.bar.value()

    def labelText(self) -> str:
        return self.label.text()

    def _on_cancel(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)
        self.label.setText(QCoreApplication.translate("Tasks", "正在取消…"))
        self.cancel_pressed.emit()

    def reject(self) -> None:
        # Esc or the window's close button: cancel if allowed, otherwise keep showing.
        if self._finished:
            super().reject()
        elif self.cancel_button is not None and self.cancel_button.isEnabled():
            self._on_cancel()

    def finish(self) -> None:
        self._finished = True
        self.close()
        self.deleteLater()


class _Task(QObject):
    def __init__(self, tasks: Tasks, fn: Callable[[TaskControl], Any],
                 on_done: Callable[[Any], Any] | None, on_error: Callable[[BaseException], Any]
                 | None, title: str, cancellable: bool) -> None:
        super().__init__(tasks)
        self.tasks, self.title, self.cancellable = tasks, title, cancellable
        self.on_done, self.on_error = on_done, on_error
        self.signals = _TaskSignals(self)
        self.control = TaskControl(self.signals)
        self.body = _runner(fn, self.control, self.signals)
        self.dialog: ProgressDialog | None = None
        self.quiet = False
        self.last: tuple[int, int, str] = (0, 0, "")
        self.finished = False
        self.signals.progress.connect(self._on_progress)
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.signals.cancelled.connect(self._on_cancelled)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show_dialog)

    def start(self) -> None:
        self.timer.start(SHOW_AFTER_MS)
        self.tasks.pool.start(self.body)

    def _show_dialog(self) -> None:
        if self.finished or self.quiet:
            return
        dlg = ProgressDialog(self.title, self.cancellable, self.tasks.parent_widget)
        dlg.cancel_pressed.connect(self._on_cancel_pressed)
        self.dialog = dlg
        self._apply_progress()
        dlg.show()

    def _apply_progress(self) -> None:
        if self.dialog is not None:
            self.dialog.set_progress(*self.last)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.last = (done, total, text)
        self.tasks.progressed.emit(done, total, text)
        self._apply_progress()

    def _on_cancel_pressed(self) -> None:
        # The dialog stays, saying it is stopping, until the work notices and stops.
        self.control.cancel()

    def cancel(self) -> None:
        self.control.cancel()

    def _finish(self) -> None:
        self.finished = True
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.cancel_pressed.disconnect(self._on_cancel_pressed)
            self.dialog.finish()
            self.dialog.deleteLater()
            self.dialog = None
        self.tasks._forget(self)

    def _on_done(self, result: Any) -> None:
        self._finish()
        if self.on_done is not None:
            self.on_done(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        if self.on_error is not None:
            self.on_error(exc)
        else:
            show_error(self.tasks.parent_widget, exc, self.title)

    def _on_cancelled(self) -> None:
        self._finish()
        self.tasks.cancelled.emit(self.title)


class _GuiThreadGarbageCollector(QObject):
    """Python's cycle collector runs in whichever thread happens to allocate. If that is a
    pool thread and the garbage holds Qt widgets, Qt objects are destroyed off the GUI
    thread and the process crashes. So automatic collection is turned off and done here,
    on the GUI thread, from a timer (the approach Anki takes)."""

    def __init__(self) -> None:
        super().__init__()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(1000)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


_collector: _GuiThreadGarbageCollector | None = None


def collect_garbage_on_gui_thread() -> None:
    """Install the GUI-thread collector once (call from the GUI thread)."""
    global _collector
    if _collector is None:
        _collector = _GuiThreadGarbageCollector()


class Tasks(QObject):
    """Runs background work for one window. `idle` is emitted when nothing is left running."""

    idle = Signal()
    progressed = Signal(int, int, str)
    cancelled = Signal(str)

    def __init__(self, parent_widget: QWidget | None = None, max_threads: int = 2) -> None:
        super().__init__()
        collect_garbage_on_gui_thread()
        self.parent_widget = parent_widget
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self._running: list[_Task] = []

    def run(self, fn: Callable[[TaskControl], Any], on_done: Callable[[Any], Any] | None, *,
            title: str, cancellable: bool = False,
            on_error: Callable[[BaseException], Any] | None = None,
            quiet: bool = False) -> TaskControl:
        """Run `fn` on a pool thread; `on_done`/`on_error` get its outcome on this one.
        A slow task shows a progress dialog after a moment, unless `quiet` (work the
        user did not ask for and need not wait for, such as an exact count)."""
        task = _Task(self, fn, on_done, on_error, title, cancellable)
        task.quiet = quiet
        self._running.append(task)
        task.start()
        return task.control

    @property
    def active(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the pool threads are done (results are delivered after, queued)."""
        return self.pool.waitForDone(timeout_ms)

    def _forget(self, task: _Task) -> None:
        if task in self._running:
            self._running.remove(task)
        task.deleteLater()
        if not self._running:
            self.idle.emit()
