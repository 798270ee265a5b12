"""The demo branch looks like a real one: customers of the branch's city filed and
contacted in counter hours, contacts after filing, stage history, last activity from the
contacts, a few customers without an owner, and a workbench a manager can get through."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

from postcrm_desktop.services.contacts import rules
from postcrm_desktop.services.customers import demo_catalog as cat
from postcrm_desktop.services.customers.demo_data import OWNER_WEIGHTS

SH = ZoneInfo("Asia/Shanghai")


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(SH)


def _rows(branch, sql: str) -> list[tuple]:
    with branch.db.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def test_customers_live_in_the_branch_city_and_were_filed_in_counter_hours(demo_login):
    branch = demo_login("admin")
    rows = _rows(branch, "SELECT province, city, district, address, created_at FROM customers")
    assert len(rows) == 120
    for province, city, district, address, created in rows:
        assert (province, city) == (cat.BRANCH_PROVINCE, cat.BRANCH_CITY)
        assert address.startswith(cat.DISTRICT_ROADS[district]), (district, address)
        assert time(8, 30) <= _local(created).time() <= time(17, 30)


def test_contacts_fall_in_working_hours_after_the_customer_was_filed(demo_login):
    branch = demo_login("admin")
    rows = _rows(branch, "SELECT r.at, c.created_at FROM contact_records r "
                         "JOIN customers c ON c.id = r.customer_id")
    assert len(rows) > 300
    for at, created in rows:
        local = _local(at)
        assert time(8, 30) <= local.time() <= time(17, 30) and local.weekday() != 6
        assert at >= created


def test_last_activity_is_the_latest_contact(demo_login):
    branch = demo_login("admin")
    rows = _rows(branch, "SELECT c.last_activity_at, (SELECT MAX(at) FROM contact_records r "
                         "WHERE r.customer_id = c.id) FROM customers c")
    assert all(last == latest for last, latest in rows)
    assert sum(1 for last, _ in rows if last is not None) > 80


def test_every_customer_has_the_stage_history_that_led_to_its_stage(demo_login):
    branch = demo_login("admin")
    customers = _rows(branch, "SELECT id, stage, stage_changed_at, created_at FROM customers")
    history: dict[str, list[tuple]] = {}
    for row in _rows(branch, "SELECT customer_id, from_stage, to_stage, changed_at FROM "
                             "customer_stage_changes ORDER BY changed_at"):
        history.setdefault(row[0], []).append(row[1:])
    for cid, stage, changed_at, created in customers:
        steps = history[cid]
        assert steps[0][0] is None and steps[0][2] == created
        assert steps[-1][1] == stage and steps[-1][2] == changed_at
        assert all(a[1] == b[0] for a, b in pairwise(steps))
    assert any(len(steps) > 1 for steps in history.values())
    # The change log carries the history too (sync sends it).
    logged = _rows(branch, "SELECT COUNT(*) FROM change_log "
                           "WHERE entity = 'customer_stage_change'")[0][0]
    assert logged == sum(len(s) for s in history.values())


def test_a_few_customers_wait_for_an_owner(demo_login):
    branch = demo_login("admin")
    owners = Counter(r[0] is None for r in _rows(branch, "SELECT owner_id FROM customers"))
    share = dict(OWNER_WEIGHTS)[None] / sum(w for _n, w in OWNER_WEIGHTS)
    assert share <= 0.05
    assert owners[True] <= 3 * share * 120 + 3


def test_no_one_gets_more_rule_tasks_a_day_than_the_cap(demo_login):
    branch = demo_login("admin")
    rows = _rows(branch, "SELECT assigned_to, due_at FROM tasks "
                         "WHERE status = 'open' AND source = 'rule' AND rule_anchor_at IS NULL")
    per_day = Counter((owner, _local(due).date()) for owner, due in rows)
    assert rows and max(per_day.values()) <= rules.DAILY_CAP
    # Later days' tasks wait at the start of their day.
    first = min(_local(due).date() for _o, due in rows)
    later = [_local(due) for _o, due in rows if _local(due).date() > first]
    assert all(d.time() == time(9, 0) for d in later)
    assert all(d.weekday() < 6 for d in later)
