"""Main window and app start: navigation, lazy pages, status bar, menus, state, screenshots."""

from __future__ import annotations

import os
import stat
import sys
import types
from pathlib import Path

import pytest

from postcrm_desktop.services import backup
from postcrm_desktop.ui import app as app_module
from postcrm_desktop.ui import i18n
from postcrm_desktop.ui import main_window as mw
from postcrm_desktop.ui.context import PAGES, PageContext
from postcrm_desktop.ui.main_window import MainWindow
from postcrm_desktop.ui.pages.placeholder import PlaceholderPage
from postcrm_desktop.ui.password_dialog import PasswordDialog
from postcrm_desktop.ui.qt import QSettings, Qt, QtGui, QtWidgets

KEYS = [k for k, _ in PAGES]


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def open_window(qtbot, branch, **kwargs):
    w = MainWindow(branch, **kwargs)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def shut(w):
    w.ending = True
    w.idle_lock.stop()
    w.close()


@pytest.fixture
def window(qtbot, branch):
    w = open_window(qtbot, branch, persist_state=False)
    yield w
    shut(w)


@pytest.fixture
def fake_page(monkeypatch):
    """A page module registered under a real page key, recording how it is used."""
    calls = []

    def install(key, create=None):
        module = types.ModuleType(f"postcrm_desktop.ui.pages.{key}")

        class Page(QtWidgets.QWidget):
            def navigate_to(self, **kwargs):
                calls.append(("navigate_to", kwargs))

            def open_customer(self, customer_id):
                calls.append(("open_customer", customer_id))

        def create_page(ctx):
            calls.append(("create_page", ctx))
            return Page()

        module.create_page = create or create_page
        monkeypatch.setitem(sys.modules, module.__name__, module)
        return calls

    return install


def test_navigation_lists_every_area_in_order(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "工作台", "客户", "联系记录", "投诉", "营销活动", "报表", "同步", "系统管理"]
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    assert window.current_key == "workbench"


def test_pages_are_built_lazily_and_missing_ones_say_so(window, fake_page):
    for key in ("contacts", "complaints"):
        sys.modules.pop(f"postcrm_desktop.ui.pages.{key}", None)
    assert set(window.pages) == {"workbench"}
    window.nav.setCurrentRow(KEYS.index("contacts"))
    assert set(window.pages) == {"workbench", "contacts"}
    assert window.stack.currentWidget() is window.pages["contacts"]
    if not _module_exists("contacts"):
        page = window.pages["contacts"]
        assert isinstance(page, PlaceholderPage)
        assert "尚未建成" in page.message.text()


def _module_exists(key):
    import importlib.util

    return importlib.util.find_spec(f"postcrm_desktop.ui.pages.{key}") is not None


def test_ctrl_number_shortcuts(qtbot, window):
    for n, key in enumerate(KEYS, start=1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key == key
        assert window.nav.currentRow() == n - 1
        assert window.stack.currentWidget() is window.pages[key]


def test_page_gets_context_and_navigation(window, fake_page):
    calls = fake_page("customers")
    window.navigate("customers", customer_id="c-1", tab="timeline")
    kind, ctx = calls[0]
    assert kind == "create_page" and isinstance(ctx, PageContext)
    assert ctx.branch is window.branch and ctx.bus is window.bus and ctx.tasks is window.tasks
    assert calls[1] == ("navigate_to", {"customer_id": "c-1", "tab": "timeline"})
    window.show_page("workbench")
    ctx.open_customer("c-2")
    assert window.current_key == "customers"
    assert calls[2] == ("open_customer", "c-2")
    assert [c[0] for c in calls].count("create_page") == 1  # built once


def test_a_page_that_fails_to_build_does_not_take_the_window_down(window, fake_page):
    def broken(ctx):
        raise RuntimeError("boom")

    fake_page("reports", create=broken)
    page = window.show_page("reports")
    assert isinstance(page, PlaceholderPage)
    assert "出错" in page.message.text() and "RuntimeError" in page.message.text()


def test_status_bar_shows_user_role_branch_and_backup(qtbot, window, tmp_path):
    assert window.user_label.text() == "用户：admin"
    assert window.role_label.text() == "角色：网点管理员"
    assert window.branch_label.text() == "网点：GZ01 测试支局"
    assert window.backup_label.text() == "上次备份：从未备份"
    out = tmp_path / "manual.pcbak"
    with qtbot.waitSignal(window.tasks.idle, timeout=10000):
        window.run_backup(out)
    assert out.exists()
    assert window.backup_label.text().startswith("上次备份：20")
    assert "从未" not in window.backup_label.text()


def test_backup_menu_suggests_the_backups_folder(qtbot, window, monkeypatch):
    asked = {}

    def save_name(parent, title, suggested, filters):
        asked["suggested"] = suggested
        return suggested, ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(window.tasks.idle, timeout=10000):
        window.backup_action.trigger()
    folder = backup.backup_dir(window.branch.path)
    assert asked["suggested"].startswith(str(folder))
    assert len(list(folder.glob("*.pcbak"))) == 1


def test_backup_menu_refuses_the_live_database(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning",
                        lambda _p, _t, msg, *a, **k: shown.append(msg))
    live = window.branch.path
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(live), ""))
    keys_before = Path(f"{live}.keys").read_bytes()
    window.backup_action.trigger()
    assert shown and "正在使用的数据库" in shown[0]
    assert Path(f"{live}.keys").read_bytes() == keys_before
    assert backup.last_backup_at(window.branch.db) is None


def test_clerk_cannot_back_up_from_the_menu(qtbot, demo_login):
    w = open_window(qtbot, demo_login("clerk1"), persist_state=False)
    try:
        assert not w.backup_action.isEnabled()
        assert w.role_label.text() == "角色：柜员"
    finally:
        shut(w)


def test_change_password_from_the_account_menu(qtbot, window):
    window.password_action.trigger()
    dlg = window.password_dialog
    assert isinstance(dlg, PasswordDialog) and dlg.isVisible() and not dlg.forced
    dlg.reject()


def test_window_state_is_kept_between_runs(qtbot, branch):
    w = open_window(qtbot, branch)
    w.resize(1000, 690)
    w.show_page("complaints")
    with qtbot.waitSignal(w.sig_quit, timeout=3000):
        w.close()
    s = i18n.app_settings()
    assert s.value("main_window/page") == "complaints"
    assert s.value("main_window/geometry") is not None
    w2 = open_window(qtbot, branch)
    try:
        assert w2.current_key == "complaints"
        # The offscreen screen is small, so the width may be fitted to it; the height is kept.
        assert w2.height() == 690 and w2.height() != 800
    finally:
        shut(w2)


def test_unsaved_page_can_keep_the_window_open(qtbot, window, fake_page):
    answers = [False]

    class Careful(QtWidgets.QWidget):
        def maybe_close(self):
            return answers[0]

    fake_page("campaigns", create=lambda ctx: Careful())
    window.show_page("campaigns")
    window.ending = False
    window.close()
    assert window.isVisible()
    answers[0] = True
    with qtbot.waitSignal(window.sig_quit, timeout=3000):
        window.close()
    assert not window.isVisible()


def test_switching_to_english_retranslates_the_shell(qtbot, window, monkeypatch):
    told = []
    monkeypatch.setattr(mw.QMessageBox, "information", lambda *a: told.append(a[-1]))
    try:
        window.language_actions["en"].trigger()
        assert i18n.preferred_language() == "en"
        assert window.nav.item(1).text() == "Customers"
        assert window.role_label.text() == "Role: Branch admin"
        assert window.file_menu.title() == "&File"
        assert window.language_actions["en"].isChecked()
        assert told and "restart" in told[0]
    finally:
        window.language_actions["zh_CN"].trigger()
    assert window.nav.item(1).text() == "客户"
    assert i18n.preferred_language() == "zh_CN"


def test_first_run_opens_the_wizard_else_the_login(qtbot, tmp_path, branch_path):
    fresh = app_module.AppController(tmp_path / "new" / "branch.db")
    fresh.quit_app = False
    fresh.start()
    assert fresh.state == "wizard" and fresh.wizard.isVisible()
    fresh.wizard.reject()
    assert fresh.state == "finished"

    existing = app_module.AppController(branch_path)
    existing.quit_app = False
    existing.start()
    assert existing.state == "login"
    assert existing.login_dialog.db_path == branch_path
    existing.login_dialog.reject()
    assert existing.state == "finished"


def test_remembered_database_is_used_when_none_is_given(qtbot, branch_path):
    app_module.remember(branch_path, "admin")
    c = app_module.AppController()
    assert c.db_path == branch_path
    c.quit_app = False
    c.start()
    assert c.login_dialog.user_edit.text() == "admin"
    c.login_dialog.reject()


def test_cjk_font_is_available_for_chinese(qapp):
    family = app_module.cjk_font_family()
    if family is None:
        pytest.skip("no CJK font installed on this machine")
    app_module.apply_cjk_font(qapp, "zh_CN")
    assert qapp.font().families()[0] == family
    metrics = QtGui.QFontMetrics(qapp.font())
    assert metrics.inFontUcs4(ord("客"))


def test_login_window_starts_without_heavy_imports(branch_path, tmp_path):
    import os
    import subprocess

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from postcrm_desktop.ui.app import AppController, create_application\n"
        "app = create_application(['postcrm'])\n"
        "c = AppController(Path(sys.argv[1]))\n"
        "c.start()\n"
        "app.processEvents()\n"
        "assert c.login_dialog.isVisible()\n"
        "print(' '.join(m for m in ('pandas', 'matplotlib', 'openpyxl', 'jieba', 'sqlalchemy')"
        " if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code, str(branch_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert proc.stdout.split() == []


def test_screenshots_render_every_page(demo_path, tmp_path):
    from postcrm_desktop.ui.screenshots import render_all

    files = render_all(demo_path, "admin", "demo", tmp_path / "shots")
    names = [f.name for f in files]
    assert names[:len(KEYS)] == [f"{n:02d}_{k}.png" for n, k in enumerate(KEYS, start=1)]
    assert names[len(KEYS):len(KEYS) + 2] == ["09_login.png", "10_setup_wizard.png"]
    # Then screens that need data (a customer's profile, complaint statistics, the case
    # library), in order.
    extras = ["11_customer_profile.png", "12_complaint_stats.png", "13_case_library.png"]
    assert "13_case_library.png" in names  # the demo branch has cases
    assert names[len(KEYS) + 2:] == [n for n in extras if n in names[len(KEYS) + 2:]]
    first = QtGui.QImage(str(files[0]))
    assert (first.width(), first.height()) == (1280, 800)
    assert all(f.stat().st_size > 2000 for f in files)
    assert not backup.backup_dir(demo_path).exists()  # no automatic backup from screenshots
    if os.name == "posix":  # pictures of customer data: the owner's only
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
        assert stat.S_IMODE((tmp_path / "shots").stat().st_mode) == 0o700


def test_screenshots_of_a_real_branch_need_the_export_permission(branch, tmp_path):
    from postcrm_desktop.core.errors import PermissionDenied
    from postcrm_desktop.core.roles import Role
    from postcrm_desktop.services import users
    from postcrm_desktop.ui.screenshots import render_all

    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    branch.close()
    with pytest.raises(PermissionDenied):
        render_all(branch.path, "clerk", "Clerk1234", tmp_path / "shots")
    assert not (tmp_path / "shots").exists()


@pytest.mark.parametrize(("user", "pages"), [
    ("clerk1", ["workbench", "customers", "contacts", "complaints"]),
    ("manager1", ["workbench", "customers", "contacts", "complaints", "campaigns", "reports"]),
    ("analyst1", ["workbench", "customers", "contacts", "complaints", "campaigns", "reports",
                  "admin"]),
    ("admin", [k for k, _ in PAGES]),
])
def test_each_role_sees_the_navigation_entries_it_can_use(qtbot, demo_login, user,
                                                          pages) -> None:
    w = open_window(qtbot, demo_login(user))
    try:
        shown = [w.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.nav.count())
                 if not w.nav.item(i).isHidden()]
        assert shown == pages
        assert [k for k, act in w.page_actions.items() if act.isVisible()] == pages
        if "admin" not in pages:
            # A link to a page the role does not get leaves the current page in place.
            before = w.current_key
            w.navigate("admin")
            assert w.current_key == before and "admin" not in w.pages
            assert "不能使用" in w.statusBar().currentMessage()
    finally:
        shut(w)


def test_an_analyst_gets_only_the_admin_tabs_of_their_work(qtbot, demo_login) -> None:
    w = open_window(qtbot, demo_login("analyst1"))
    try:
        admin = w.show_page("admin")
        visible = [admin.tabText(i) for i in range(admin.count()) if admin.isTabVisible(i)]
        assert visible == ["审计日志", "关于/数据库", "标签"]
    finally:
        shut(w)


def test_an_unhandled_error_shows_one_sentence_with_details_one_click_away(qtbot,
                                                                          monkeypatch):
    import errno

    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec",
                        lambda box: shown.append((box.text(), box.detailedText())) or 0)
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as exc:
        app_module._excepthook(type(exc), exc, exc.__traceback__)
    try:
        phone = "1380013" + "8000"  # (the source line itself is in the frames)
        raise RuntimeError(f"customer {phone}")
    except RuntimeError as exc:
        app_module._excepthook(type(exc), exc, exc.__traceback__)
    assert shown[0][0].startswith("磁盘空间不足：")
    assert shown[1][0] == "意外错误：RuntimeError（详情见日志）"
    assert "RuntimeError" in shown[1][1] and "test_shell.py" in shown[1][1]
    assert "13800138000" not in shown[1][0] + shown[1][1]
