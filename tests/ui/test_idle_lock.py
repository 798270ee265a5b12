"""Idle lock: covers every window, keeps what was typed, resumes with the password."""

from __future__ import annotations

import pytest

from postcrm_desktop.services import settings
from postcrm_desktop.ui.idle_lock import MAX_UNLOCK_FAILURES, LockCover
from postcrm_desktop.ui.main_window import MainWindow
from postcrm_desktop.ui.qt import QSettings, Qt, QtWidgets

ADMIN_PASSWORD = "Admin1234"  # the `branch` fixture's admin


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, branch):
    w = MainWindow(branch, persist_state=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.ending = True
    w.idle_lock.stop()
    w.close()


@pytest.fixture
def typed(window):
    """A text field on the current page with half-typed text in it."""
    page = window.page("workbench")
    edit = QtWidgets.QLineEdit(page)
    page.layout().addWidget(edit)
    edit.setText("客户说下周再来办理")
    edit.setFocus()
    return edit


def unlock_with(qtbot, cover, password):
    cover.password.setText(password)
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)


def test_default_idle_minutes_come_from_the_setting(window):
    assert window.idle_lock.watcher.timeout_ms == 10 * 60_000


def test_locks_after_idle_time_and_keeps_typed_text(qtbot, window, typed):
    window.idle_lock.set_timeout_ms(150)
    with qtbot.waitSignal(window.idle_lock.locked, timeout=3000):
        pass
    assert window.idle_lock.is_locked
    cover = window.idle_lock.interactive_cover
    assert isinstance(cover, LockCover) and cover.isVisible()
    assert cover.parent() is window
    assert not typed.isVisible()  # the page is hidden ...
    assert not window.centralWidget().isVisible()
    assert typed.text() == "客户说下周再来办理"  # ... not destroyed
    assert not window.menuBar().isEnabled()
    assert not window.quit_action.isEnabled()

    unlock_with(qtbot, cover, "Wrong0000")
    assert window.idle_lock.is_locked
    assert "密码不正确" in cover.error.text()
    assert cover.password.text() == ""

    window.idle_lock.set_timeout_ms(60_000)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        unlock_with(qtbot, cover, ADMIN_PASSWORD)
    assert not window.idle_lock.is_locked
    assert typed.isVisible()
    assert typed.text() == "客户说下周再来办理"
    assert window.menuBar().isEnabled() and window.quit_action.isEnabled()
    qtbot.waitUntil(lambda: window.findChildren(LockCover) == [], timeout=2000)


def test_input_keeps_it_unlocked(qtbot, window, typed):
    window.idle_lock.set_timeout_ms(1000)
    for _ in range(20):  # typing for about twice the idle time
        qtbot.keyClick(typed, Qt.Key.Key_A)
        qtbot.wait(100)
    assert not window.idle_lock.is_locked
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=5000)


def test_ctrl_l_locks_at_once(qtbot, window, typed):
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.idle_lock.is_locked
    # Ctrl+Q does nothing while locked
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    window.close()  # nor does the window's close button
    assert window.isVisible()


def test_modal_dialog_is_covered_and_unlocked_from_there(qtbot, window):
    dlg = QtWidgets.QDialog(window)
    dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
    edit = QtWidgets.QLineEdit(dlg)
    QtWidgets.QVBoxLayout(dlg).addWidget(edit)
    edit.setText("12 号柜台")
    dlg.resize(200, 80)
    dlg.open()
    qtbot.waitExposed(dlg)
    window.lock()
    covers = {c.parent(): c for c in window.findChildren(LockCover) + dlg.findChildren(LockCover)}
    assert set(covers) == {window, dlg}
    assert covers[dlg].interactive and not covers[window].interactive
    assert dlg.width() >= 420  # grown to fit the password form
    assert not edit.isEnabled()
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        unlock_with(qtbot, covers[dlg], ADMIN_PASSWORD)
    assert dlg.isVisible() and edit.isEnabled() and edit.text() == "12 号柜台"
    assert dlg.width() == 200
    dlg.reject()


def test_switch_user_from_the_lock_ends_the_session(qtbot, window):
    dlg = QtWidgets.QDialog(window)
    dlg.open()
    window.lock()
    cover = window.idle_lock.interactive_cover
    with qtbot.waitSignal(window.sig_logout, timeout=3000):
        cover.switch_button.click()
    assert not window.isVisible()
    assert not dlg.isVisible()


def test_quit_from_the_lock(qtbot, window):
    window.lock()
    with qtbot.waitSignal(window.sig_quit, timeout=3000):
        window.idle_lock.interactive_cover.quit_button.click()
    assert not window.isVisible()


def test_too_many_wrong_passwords_end_the_session(qtbot, window):
    window.lock()
    cover = window.idle_lock.interactive_cover
    with qtbot.waitSignal(window.sig_logout, timeout=10000):
        for _ in range(MAX_UNLOCK_FAILURES):
            window.idle_lock.try_unlock("Wrong0000")
    assert not window.isVisible()
    assert cover is not None


def test_changed_setting_reaches_the_open_window(qtbot, window, branch):
    with qtbot.waitSignal(window.bus.changed, timeout=3000):
        settings.set(branch, settings.IDLE_LOCK_MINUTES, 3)
    assert window.idle_lock.watcher.timeout_ms == 3 * 60_000
