"""`postcrm customers search` as a script would use it: tab-separated rows, masked numbers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from postcrm_desktop.core.customer_enums import CustomerType, Tier
from postcrm_desktop.services import auth, demo

SRC = str(Path(__file__).resolve().parents[2] / "src")


def postcrm(*args: str, user: str = "admin", password: str = demo.DEMO_PASSWORD
            ) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD=password, POSTCRM_USER=user)
    return subprocess.run([sys.executable, "-m", "postcrm_desktop", *args], env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def surname(_demo_template: Path) -> str:
    """The most common surname among the demo's individual customers."""
    branch = auth.login(_demo_template, "admin", demo.DEMO_PASSWORD)
    try:
        with branch.db.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT substr(name, 1, 1) AS s FROM customers WHERE customer_type = "
                "'individual' AND deleted_at IS NULL GROUP BY s ORDER BY count(*) DESC, s "
                "LIMIT 1").scalar_one()
    finally:
        branch.close()


def _rows(proc: subprocess.CompletedProcess) -> list[list[str]]:
    assert proc.returncode == 0, proc.stderr
    return [line.split("\t") for line in proc.stdout.splitlines()]


def test_search_prints_tab_separated_masked_rows(demo_path: Path, surname: str) -> None:
    rows = _rows(postcrm("customers", "search", surname, "--db", str(demo_path)))
    assert rows
    types = {t.label for t in CustomerType}
    tiers = {t.label for t in Tier}
    for number, name, kind, tier, phone, _district, _owner in rows:
        assert number.startswith("GZ01-") and name.startswith(surname)
        assert kind in types and tier in tiers
        assert phone == "" or "****" in phone
    limited = _rows(postcrm("customers", "search", surname, "--db", str(demo_path),
                            "--limit", "2"))
    assert limited == rows[:2]


def test_search_follows_the_logged_in_role(demo_path: Path, surname: str) -> None:
    mine = _rows(postcrm("customers", "search", surname, "--db", str(demo_path),
                         "--limit", "200", user="manager1"))
    assert {r[6] for r in mine} <= {"李晓燕"}
    everyone = _rows(postcrm("customers", "search", surname, "--db", str(demo_path),
                             "--limit", "200", user="clerk1"))
    assert len(everyone) >= len(mine) and {r[6] for r in everyone} > {"李晓燕"}
    assert all(r[4] == "" or "****" in r[4] for r in everyone)


@pytest.mark.parametrize("query", ['"', "*", "'; DROP TABLE customers; --", "NEAR(", "-", "()"])
def test_hostile_queries_are_plain_text(demo_path: Path, query: str) -> None:
    proc = postcrm("customers", "search", query, "--db", str(demo_path))
    assert proc.returncode == 0 and proc.stderr == ""


def test_wrong_password_exit_2(demo_path: Path) -> None:
    proc = postcrm("customers", "search", "张", "--db", str(demo_path), password="wrong")
    assert proc.returncode == 2 and proc.stdout == ""


def test_search_by_phone_fragments_finds_nothing_without_reveal(demo_path: Path) -> None:
    """The clerk (no reveal permission) finds a customer by the whole mobile or its last 4
    digits, never by a fragment of the hidden middle; each such search is audited."""
    branch = auth.login(demo_path, "admin", demo.DEMO_PASSWORD)
    try:
        with branch.db.connect() as conn:
            number, mobile = conn.exec_driver_sql(
                "SELECT number, mobile FROM customers WHERE mobile IS NOT NULL AND "
                "deleted_at IS NULL ORDER BY number LIMIT 1").one()
    finally:
        branch.close()
    db = str(demo_path)
    whole = _rows(postcrm("customers", "search", mobile, "--db", db, user="clerk1"))
    assert number in [r[0] for r in whole]
    assert all(mobile not in "\t".join(r) for r in whole)
    tail = _rows(postcrm("customers", "search", mobile[-4:], "--db", db, "--limit", "200",
                         user="clerk1"))
    assert number in [r[0] for r in tail]
    middle = _rows(postcrm("customers", "search", mobile[2:8], "--db", db, "--limit", "200",
                           user="clerk1"))
    assert number not in [r[0] for r in middle]
    revealed = _rows(postcrm("customers", "search", mobile[2:8], "--db", db, "--limit",
                             "200", user="admin"))
    assert number in [r[0] for r in revealed]
    branch = auth.login(demo_path, "admin", demo.DEMO_PASSWORD)
    try:
        with branch.db.connect() as conn:
            audited = conn.exec_driver_sql(
                "SELECT username, detail FROM audit_log WHERE action = "
                "'customer.number_searched' ORDER BY seq").all()
    finally:
        branch.close()
    assert [u for u, _ in audited] == ["clerk1", "clerk1"]
    assert mobile not in " ".join(d for _, d in audited)
