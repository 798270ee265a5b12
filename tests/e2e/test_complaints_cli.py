"""`postcrm complaints list` as a script uses it: tab-separated rows, overdue first."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.services import auth
from postcrm_desktop.services.complaints import desk, listing, workdays
from postcrm_desktop.store.types import utcnow
from tests.e2e.test_cli import postcrm
from tests.unit.complaint_support import add_customer, file_complaint, walk

ADMIN_PASSWORD = "Admin1234"  # the `branch_path` fixture's admin


@pytest.fixture
def desk_db(branch_path: Path) -> tuple[Path, dict[str, str]]:
    """A branch with two overdue, two open and one closed complaint; number by role."""
    branch = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        cust = add_customer(branch)
        now = utcnow()
        ids = {
            "late": file_complaint(branch, cust, received_at=now - timedelta(hours=90)),
            "later": file_complaint(branch, cust, received_at=now - timedelta(hours=80)),
            "open": file_complaint(branch, cust),
            "urgent": file_complaint(branch, cust, priority="urgent"),
            "closed": file_complaint(branch, cust, received_at=now - timedelta(hours=100)),
        }
        walk(branch, ids["closed"], "closed")
        numbers = {k: desk.get_complaint(branch, v).row.number for k, v in ids.items()}
        numbers["customer"] = desk.get_complaint(branch, ids["late"]).row.customer_number
    finally:
        branch.close()
    return branch_path, numbers


def _rows(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines() if line]


def test_list_is_tab_separated_with_overdue_first(desk_db: tuple[Path, dict[str, str]]
                                                  ) -> None:
    db, numbers = desk_db
    proc = postcrm("complaints", "list", "--db", str(db), password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(proc.stdout)
    assert all(len(r) == 7 for r in rows)
    assert [r[0] for r in rows] == [numbers[k] for k in
                                    ("late", "later", "urgent", "open", "closed")]
    assert [r[5] for r in rows] == ["超时", "超时", "", "", ""]
    late = rows[0]
    assert late[1:4] == ["新建", "一般", "延误"] and late[6] == numbers["customer"]
    assert rows[2][2] == "紧急" and rows[4][1] == "已关闭"
    datetime.strptime(late[4], "%Y-%m-%d %H:%M")


def test_overdue_only(desk_db: tuple[Path, dict[str, str]]) -> None:
    db, numbers = desk_db
    proc = postcrm("complaints", "list", "--db", str(db), "--overdue", "--header",
                   password=ADMIN_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(proc.stdout)
    assert rows[0] == ["编号", "状态", "优先级", "分类", "处理期限", "超时", "客户编号"]
    assert [r[0] for r in rows[1:]] == [numbers["late"], numbers["later"]]
    assert all(r[5] == "超时" for r in rows[1:])


def test_deadline_is_shown_in_the_branchs_zone_whatever_the_pcs(
        desk_db: tuple[Path, dict[str, str]]) -> None:
    db, numbers = desk_db
    branch = auth.login(db, "admin", ADMIN_PASSWORD)
    try:
        [late] = [r for r in listing.iter_complaints(branch) if r.number == numbers["late"]]
    finally:
        branch.close()
    expected = late.due_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    for zone in ("Asia/Shanghai", "America/New_York"):
        proc = postcrm("complaints", "list", "--db", str(db), "--overdue",
                       password=ADMIN_PASSWORD, TZ=zone)
        assert proc.returncode == 0, proc.stderr
        assert _rows(proc.stdout)[0][4] == expected, zone


def test_wrong_password_is_refused(desk_db: tuple[Path, dict[str, str]]) -> None:
    db, _numbers = desk_db
    proc = postcrm("complaints", "list", "--db", str(db), password="Wrong1234")
    assert proc.returncode == 2 and proc.stdout == ""


def test_list_warns_on_stderr_while_the_holiday_year_is_missing(branch_path: Path) -> None:
    today = Clock().today()  # the branch's day, as the command sees it
    branch = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        for year in (today.year, today.year + 1):
            workdays.delete_year(branch, year)
    finally:
        branch.close()
    proc = postcrm("complaints", "list", "--db", str(branch_path), password=ADMIN_PASSWORD)
    assert proc.returncode == 0 and proc.stdout == ""
    assert "警告" in proc.stderr and f"{today.year} 年" in proc.stderr

    branch = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        workdays.import_text(branch, f"{today.year}-01-01,holiday,元旦\n"
                                     f"{today.year + 1}-01-01,holiday,元旦\n")
    finally:
        branch.close()
    proc = postcrm("complaints", "list", "--db", str(branch_path), password=ADMIN_PASSWORD)
    assert proc.returncode == 0 and proc.stderr == ""
