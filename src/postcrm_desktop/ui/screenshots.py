"""Render the main screens offscreen to PNG files (also what `make run` does with no display).

    render_all(db, user, password, out) -> [paths]

Pages are `<nn>_<key>.png` in navigation order, then the login dialog, the first page
of the setup wizard, the profile of the first listed customer (when there is one), the
complaint statistics (when the complaints page offers them) and the case library (when it
holds a case).
Works with QT_QPA_PLATFORM=offscreen; writes no backup and keeps no window state.
"""

from __future__ import annotations

import time
from pathlib import Path

from postcrm_desktop.ui.qt import QApplication, QWidget

WINDOW_SIZE = (1280, 800)


def _settle(app: QApplication, seconds: float = 0.15) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait_tasks(app: QApplication, tasks: object, timeout_s: float = 20.0) -> None:
    end = time.monotonic() + timeout_s
    while getattr(tasks, "active", 0) and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _grab(widget: QWidget, path: Path) -> Path:
    from postcrm_desktop.store.file_modes import create_private_file, tighten

    create_private_file(path)  # customer data in clear: the owner's eyes only
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    tighten(path)
    return path


def render_all(db: Path, user: str, password: str, out: Path) -> list[Path]:
    from postcrm_desktop.services import auth
    from postcrm_desktop.services.screenshots import allow_screenshots
    from postcrm_desktop.store.file_modes import make_private_dir
    from postcrm_desktop.ui.app import create_application
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.context import PAGES
    from postcrm_desktop.ui.login_dialog import LoginDialog
    from postcrm_desktop.ui.main_window import MainWindow
    from postcrm_desktop.ui.setup_wizard import SetupWizard
    from postcrm_desktop.ui.worker import Tasks

    out = Path(out)
    files: list[Path] = []
    profile: Path | None = None
    complaint_stats: Path | None = None
    case_library: Path | None = None
    branch = auth.login(Path(db), user, password)
    try:
        allow_screenshots(branch, out)
    except BaseException:
        branch.close()
        raise
    app = create_application(["postcrm-screenshots"])
    make_private_dir(out)
    bus = UiBus()
    tasks = Tasks()
    window = MainWindow(branch, bus=bus, tasks=tasks, persist_state=False)
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        _settle(app)
        for n, (key, _title) in enumerate(PAGES, start=1):
            window.show_page(key)
            _settle(app)
            _wait_tasks(app, tasks)
            _settle(app, 0.3)
            files.append(_grab(window, out / f"{n:02d}_{key}.png"))
        n = len(PAGES)
        # The profile of one customer, when the customers page has one to show.
        customers = window.show_page("customers")
        opener = getattr(customers, "open_first_customer", None)
        if opener is not None and opener():
            _settle(app)
            _wait_tasks(app, tasks)
            _settle(app, 0.3)
            profile = _grab(window, out / f"{n + 3:02d}_customer_profile.png")
        complaints = window.show_page("complaints")
        stats = getattr(complaints, "show_stats", None)
        if stats is not None and stats():
            _settle(app)
            _wait_tasks(app, tasks)
            _settle(app, 0.5)
            complaint_stats = _grab(window, out / f"{n + 4:02d}_complaint_stats.png")
        library = getattr(complaints, "show_case_library", None)
        if library is not None and library():
            _settle(app, 0.3)
            case_library = _grab(window, out / f"{n + 5:02d}_case_library.png")
    finally:
        window.ending = True
        window.idle_lock.stop()
        tasks.cancel_all()
        tasks.wait(10_000)
        window.close()
        window.deleteLater()
        bus.close()
        branch.close()
        _settle(app, 0.05)

    login = LoginDialog(Path(db), username=user)
    login.show()
    _settle(app)
    files.append(_grab(login, out / f"{n + 1:02d}_login.png"))
    login.close()
    login.deleteLater()

    wizard = SetupWizard(Path(db).with_name("new-branch.db"))
    wizard.show()
    _settle(app)
    files.append(_grab(wizard, out / f"{n + 2:02d}_setup_wizard.png"))
    wizard.close()
    wizard.deleteLater()
    _settle(app, 0.05)
    if profile is not None:
        files.append(profile)
    if complaint_stats is not None:
        files.append(complaint_stats)
    if case_library is not None:
        files.append(case_library)
    return files
