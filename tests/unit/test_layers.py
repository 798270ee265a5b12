"""Layer rule: core, store, services and the CLI's non-UI commands never import Qt."""

from __future__ import annotations

import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import postcrm_desktop

SRC = Path(postcrm_desktop.__file__).resolve().parent


def _modules(layer: str) -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages([str(SRC / layer)], f"postcrm_desktop.{layer}.")
        if ".migrations" not in m.name
    ]


def test_lower_layers_import_without_qt() -> None:
    names = [n for layer in ("core", "store", "services", "sync") for n in _modules(layer)]
    names.append("postcrm_desktop.cli")
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt imported outside ui/: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import importlib\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(SRC.parent)), timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_ui_builds_no_sql() -> None:
    offenders = []
    for path in (SRC / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "sqlalchemy" in text or "store.models" in text:
            offenders.append(path.name)
    assert offenders == []


# Reading the machine's clock or calendar directly: screens and commands take the time from
# the branch's clock (`PageContext.clock`, `cli.common.clock`), so tests can move it and a
# PC in another zone shows the branch's days.
CLOCK_READS = re.compile(
    r"\bdate\.today\(\)|\bdatetime\.now\(|\bdatetime\.utcnow\(|(?<![\w.])time\.time\(\)"
    r"|\bQDate\.currentDate\(|\bQDateTime\.currentDateTime\(|\bQTime\.currentTime\("
    r"|\bcurrentDateTime(Utc)?\(|\butcnow\(\)|\butc_now\(\)")


def test_screens_and_commands_read_time_only_from_the_clock() -> None:
    offenders = []
    for layer in ("ui", "cli"):
        for path in sorted((SRC / layer).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if CLOCK_READS.search(code):
                    offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_clock_check_finds_each_way_of_reading_the_machine_clock() -> None:
    for line in ("d = date.today()", "t = datetime.now().astimezone()", "x = time.time()",
                 "QtCore.QDate.currentDate().addDays(1)", "datetime.now(UTC)",
                 "QtCore.QDateTime.currentDateTime()", "now = utcnow()"):
        assert CLOCK_READS.search(line), line
    for line in ("self.time.time().toPython()", "clock.now()", "self.ctx.clock.today()"):
        assert not CLOCK_READS.search(line), line
