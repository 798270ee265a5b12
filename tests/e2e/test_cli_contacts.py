"""`postcrm demo` fills contacts, tasks and care dates; `postcrm workbench` and
`postcrm rules apply` work on them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import SRC, postcrm


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("contacts-cli") / "demo.db"
    proc = postcrm("demo", "--db", str(db), "--customers", "60", password="demo")
    assert proc.returncode == 0, proc.stderr
    return db


def test_demo_fills_contacts_tasks_and_care_dates(demo_db: Path) -> None:
    code = (
        "import sys\n"
        "from postcrm_desktop.services import auth\n"
        "b = auth.login(sys.argv[1], 'admin', 'demo')\n"
        "with b.db.connect() as c:\n"
        "    for t in ('customers', 'contact_records', 'tasks', 'care_dates',"
        " 'follow_up_rules', 'greeting_templates'):\n"
        "        print(t, c.exec_driver_sql(f'SELECT count(*) FROM {t}').scalar())\n"
        "b.close()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(demo_db)], capture_output=True,
                          text=True, env={"PYTHONPATH": SRC}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    counts = {k: int(v) for k, v in (line.split() for line in proc.stdout.splitlines())}
    assert counts["contact_records"] == 5 * counts["customers"] > 0
    assert counts["tasks"] > 0 and counts["care_dates"] > 0
    assert counts["follow_up_rules"] == 3 and counts["greeting_templates"] == 3


def test_workbench_command_lists_the_sections(demo_db: Path) -> None:
    proc = postcrm("workbench", "--db", str(demo_db), "--tz", "Asia/Shanghai",
                   password="demo", POSTCRM_USER="manager1")
    assert proc.returncode == 0, proc.stderr
    headers = [line for line in proc.stdout.splitlines() if line.startswith("# ")]
    assert [h.split("（")[0] for h in headers] == ["# 今日任务", "# 逾期任务", "# 近期关怀",
                                                   "# 临近期限的投诉"]
    items = [line.split("\t") for line in proc.stdout.splitlines() if "\t" in line]
    assert items and all(len(fields) == 5 for fields in items)
    assert any(fields[0] == "近期关怀" for fields in items)


def test_rules_apply_is_idempotent(demo_db: Path) -> None:
    first = postcrm("rules", "apply", "--db", str(demo_db), password="demo")
    assert first.returncode == 0, first.stderr
    again = postcrm("rules", "apply", "--db", str(demo_db), password="demo")
    assert again.stdout.strip() == "按跟进规则新建任务 0 项"
    denied = postcrm("rules", "apply", "--db", str(demo_db), password="demo",
                     POSTCRM_USER="analyst1")
    assert denied.returncode == 1 and "权限" in denied.stderr
