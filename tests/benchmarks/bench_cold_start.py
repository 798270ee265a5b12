"""Cold start: seconds from process start to the login window shown (offscreen).

Each run starts a fresh `python -c` that imports the app, builds the QApplication and
shows the login dialog for an existing branch database, printing a line when the dialog
is visible. The time runs from just before the process is started to that line.

Prints:
  cold_start_s        median of the runs (goal ≤ 1.5)
  cold_start_max_s    slowest run
  cold_start_heavy_modules   heavy modules already imported when the window shows (goal 0)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys
from pathlib import Path
from postcrm_desktop.ui.app import AppController, create_application
from postcrm_desktop.ui.qt import QTimer

app = create_application(["postcrm"])
controller = AppController(Path(sys.argv[1]))
controller.quit_app = False

def check():
    dialog = controller.login_dialog
    if dialog is not None and dialog.isVisible():
        heavy = [m for m in ("pandas", "matplotlib", "openpyxl", "jieba") if m in sys.modules]
        print("shown", len(heavy), ",".join(heavy), flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, check)

controller.start()
QTimer.singleShot(0, check)
app.exec()
"""


def make_branch(folder: Path) -> Path:
    from postcrm_desktop.services import auth
    from postcrm_desktop.store import keyslots

    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    db = folder / "branch.db"
    auth.init_branch(db, branch_code="BM01", branch_name="测试网点", admin_username="admin",
                     admin_password="Bench1234")
    return db


def one_run(db: Path, config_home: Path) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config_home))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=60)
    if not line.startswith("shown"):
        raise SystemExit(f"login window was not shown: {err[-800:]}")
    return elapsed, line.split(maxsplit=1)[1].strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = make_branch(folder)
        results = [one_run(db, folder / "config") for _ in range(args.runs)]
    times = [t for t, _ in results]
    heavy = results[-1][1].split()[0]
    print(f"cold_start_s: {statistics.median(times):.2f}")
    print(f"cold_start_max_s: {max(times):.2f}")
    print(f"cold_start_heavy_modules: {heavy}")


if __name__ == "__main__":
    main()
