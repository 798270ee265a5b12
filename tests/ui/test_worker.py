"""Background work: results on the GUI thread, progress dialog for long work, cancel, errors."""

from __future__ import annotations

import threading
import time

import pytest

from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.services import events
from postcrm_desktop.ui import worker
from postcrm_desktop.ui.bus import UiBus
from postcrm_desktop.ui.qt import QApplication, QtWidgets
from postcrm_desktop.ui.worker import Cancelled, Tasks


def progress_dialogs() -> list[worker.ProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, worker.ProgressDialog) and w.isVisible()]


@pytest.fixture
def tasks(qtbot):
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    t = Tasks(parent)
    yield t
    t.cancel_all()
    t.wait(5000)


def test_result_arrives_on_gui_thread(qtbot, tasks):
    seen = {}

    def work(control):
        seen["work_thread"] = threading.current_thread()
        control.progress(1, 2, "一半")
        return 41 + 1

    def done(result):
        seen["result"] = result
        seen["done_thread"] = threading.current_thread()

    with qtbot.waitSignal(tasks.idle, timeout=5000):
        tasks.run(work, done, title="计算")
    assert seen["result"] == 42
    assert seen["done_thread"] is threading.main_thread()
    assert seen["work_thread"] is not threading.main_thread()
    assert tasks.active == 0
    assert progress_dialogs() == []  # quick work shows no dialog


def test_long_work_shows_dialog_and_can_be_cancelled(qtbot, tasks):
    started = threading.Event()
    finished = []

    def work(control):
        started.set()
        for i in range(500):
            control.progress(i, 500, f"第 {i} 条")
            control.check()
            time.sleep(0.01)
        return "all"

    with qtbot.waitSignal(tasks.cancelled, timeout=10000) as sig:
        tasks.run(work, finished.append, title="导入客户", cancellable=True)
        qtbot.waitUntil(lambda: len(progress_dialogs()) == 1, timeout=3000)
        dlg = progress_dialogs()[0]
        assert "导入客户" in dlg.labelText()
        qtbot.waitUntil(lambda: dlg.value() > 0, timeout=3000)
        buttons = dlg.findChildren(QtWidgets.QPushButton)
        assert [b.text() for b in buttons] == ["取消"]
        buttons[0].click()
    assert sig.args == ["导入客户"]
    assert finished == []  # a cancelled task does not report a result
    qtbot.waitUntil(lambda: progress_dialogs() == [], timeout=3000)


def test_not_cancellable_dialog_has_no_cancel_button(qtbot, tasks):
    release = threading.Event()
    with qtbot.waitSignal(tasks.idle, timeout=10000):
        tasks.run(lambda control: release.wait(5), None, title="备份")
        qtbot.waitUntil(lambda: len(progress_dialogs()) == 1, timeout=3000)
        assert progress_dialogs()[0].findChildren(QtWidgets.QPushButton) == []
        release.set()


def test_error_goes_to_on_error_on_gui_thread(qtbot, tasks):
    got = {}

    def work(control):
        raise ValidationError("mobile", "手机号码位数不对")

    def on_error(exc):
        got["exc"] = exc
        got["thread"] = threading.current_thread()

    with qtbot.waitSignal(tasks.idle, timeout=5000):
        tasks.run(work, None, title="保存", on_error=on_error)
    assert isinstance(got["exc"], ValidationError)
    assert got["thread"] is threading.main_thread()


def test_error_without_handler_is_shown_in_a_message_box(qtbot, tasks, monkeypatch):
    shown = []
    monkeypatch.setattr(worker.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))

    def work(control):
        raise ValidationError("mobile", "手机号码位数不对")

    with qtbot.waitSignal(tasks.idle, timeout=5000):
        tasks.run(work, None, title="保存客户")
    assert shown == [("保存客户", "手机号码位数不对")]


def test_unexpected_error_message_names_no_details(qtbot, tasks, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(worker.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))

    def work(control):
        number = "1380013" + "8000"  # a value known only at run time
        raise KeyError(number)

    with qtbot.waitSignal(tasks.idle, timeout=5000):
        tasks.run(work, None, title="保存客户")
    assert len(shown) == 1
    assert "KeyError" in shown[0]
    assert "13800138000" not in shown[0]
    logged = caplog.text
    assert "KeyError" in logged and "in work" in logged
    assert "13800138000" not in logged  # the log has where it failed, not the values


def test_cancel_raised_by_the_work_itself(qtbot, tasks):
    def work(control):
        raise Cancelled()

    with qtbot.waitSignal(tasks.cancelled, timeout=5000):
        tasks.run(work, lambda r: pytest.fail("no result expected"), title="同步")


def test_bus_delivers_changes_from_a_worker_thread_on_gui_thread(qtbot):
    bus = UiBus()
    got = []
    bus.changed.connect(lambda c: got.append((c, threading.current_thread())))
    change = events.Changes({"customer": frozenset({"c1"})})
    try:
        with qtbot.waitSignal(bus.changed, timeout=3000):
            t = threading.Thread(target=events.publish, args=(change,))
            t.start()
            t.join()
        assert got == [(change, threading.main_thread())]
    finally:
        bus.close()
    assert bus.closed
    events.publish(change)
    qtbot.wait(50)
    assert len(got) == 1  # closed bus no longer re-emits


def test_quiet_work_shows_no_dialog_however_long_it_takes(qtbot, tasks):
    release = threading.Event()
    got = []
    with qtbot.waitSignal(tasks.idle, timeout=10000):
        tasks.run(lambda control: release.wait(5) and 42, got.append, title="统计",
                  quiet=True)
        qtbot.wait(worker.SHOW_AFTER_MS + 300)
        assert progress_dialogs() == []
        release.set()
    assert got == [42]
