"""Contacts at branch scale: profile timeline, workbench, contacts page filter.

Builds (or reuses, with --db) an encrypted branch with --customers customers owned by
--owners account managers, --contacts contact records over two years (8% with a next
step and its task), open tasks for 30% of customers, care dates from birthdays (30%
lunar), and one customer with 200 timeline events. Then, warm, median of 7 runs:

  profile_timeline_ms      open a profile: timeline of a customer with 200 events (goal ≤ 100)
  workbench_ms             today's workbench of an account manager (goal ≤ 300)
  workbench_all_ms         the branch admin's workbench over the whole branch
  contacts_filter_ms       contacts page: one owner, one month, first page of 50 (goal ≤ 100)
  contacts_filter_page5_ms the same filter, fifth page (keyset)
  contacts_count_ms        how many contacts that filter matches
  contacts_count_capped_ms the same, counting up to 1,000 ("999+")
  contacts_stats_month_ms  statistics per owner and channel over one month, whole branch
  build_*_s                how long each part of the data took to write

Usage: bench_service.py [--customers 1000000] [--contacts 10000000] [--db PATH]
(a --db that exists is reused as it is; otherwise it is built there and kept).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from postcrm_desktop.core.ids import new_id
from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import bulk, records, rules, timeline, workbench
from postcrm_desktop.services.contacts.types import ContactFilters, ContactInput
from postcrm_desktop.store import keyslots

PASSWORD = "Bench12345"
TZ = "Asia/Shanghai"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _ms(fn: Callable[[], Any], repeat: int = 7) -> float:
    fn()  # warm the page cache and the statement cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _customers(branch: Branch, n: int, owners: list[str], rng: random.Random,
               now: datetime) -> None:
    """Minimal customer rows, written raw (the customer services are not measured here)."""
    stamp = branch.db.clock.now().encode()
    site = branch.db.clock.site
    raw = branch.db.engine.raw_connection()
    sql = ("INSERT INTO customers (id, created_at, created_by, updated_at, updated_by, version, "
           "site_id, number, customer_type, name, gender, birthday, mobile, province, city, "
           "district, address, industry, company, source_channel, owner_id, department, tier, "
           "stage, stage_changed_at, needs, notes) "
           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    try:
        cur = raw.cursor()
        for base in range(0, n, 50_000):
            batch = []
            for i in range(base, min(n, base + 50_000)):
                created = now - timedelta(days=rng.randint(30, 2000))
                individual = rng.random() < 0.85
                birthday = (date(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
                            if individual and rng.random() < 0.7 else None)
                stage = rng.choices(("prospect", "intent", "customer", "lost"), (3, 2, 5, 1))[0]
                owner = owners[i % len(owners)]
                text = bulk.ts(created)
                batch.append((
                    new_id(), text, owner, text, owner, stamp, site,
                    f"BM01-{2020 + i % 7}-{i:07d}", "individual" if individual else "enterprise",
                    rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    rng.choice("MF") if individual else None,
                    birthday.isoformat() if birthday else None,
                    f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}", "广东省", "广州市",
                    "天河区", "体育西路1号", "", "", "counter", owner, "", "normal", stage,
                    bulk.ts(created + timedelta(days=rng.randint(0, 20))), "", ""))
            cur.execute("BEGIN")
            cur.executemany(sql, batch)
            cur.execute("COMMIT")
            _say(f"客户 {min(n, base + 50_000):,}/{n:,}")
        cur.close()
    finally:
        raw.close()


def _heavy_customer(branch: Branch, owner: str, now: datetime) -> str:
    """A customer whose timeline holds 200 events: 181 contacts, 15 tasks, stage
    changes and care dates, written through the services where it matters."""
    from postcrm_desktop.services.contacts import care, tasks
    from postcrm_desktop.services.contacts.types import CareDateInput, TaskInput
    from postcrm_desktop.services.tx import transaction
    from postcrm_desktop.store.models.customers import Customer, StageChange

    with branch.session() as s, transaction(s, branch.actor):
        c = Customer(number="BM01-HEAVY-1", customer_type="individual", name="王大富",
                     owner_id=owner, stage="customer", stage_changed_at=now - timedelta(days=90))
        s.add(c)
        s.flush()
        for i, (a, b) in enumerate((("prospect", "intent"), ("intent", "customer"))):
            s.add(StageChange(customer_id=c.id, from_stage=a, to_stage=b,
                              changed_at=now - timedelta(days=300 - i * 100)))
        cid = c.id
    for i in range(181):
        records.log_contact(branch, ContactInput(
            cid, "phone", f"第{i + 1}次回访", at=now - timedelta(days=600 - i * 3),
            complete_task_ids=[]), now=now)
    for i in range(15):
        tasks.create_task(branch, TaskInput(cid, f"任务{i}", now + timedelta(days=i - 7)),
                          now=now)
    care.add_care_date(branch, CareDateInput(cid, "birthday", 8, 15, "lunar", year=1966))
    care.add_care_date(branch, CareDateInput(cid, "anniversary", 3, 1, year=2015))
    return cid


def build(path: Path, customers: int, contacts: int, owners_n: int) -> dict[str, float]:
    rng = random.Random(20261124)
    now = datetime.now(UTC)
    timings: dict[str, float] = {}
    auth.init_branch(path, branch_code="BM01", branch_name="基准支局", admin_username="admin",
                     admin_password=PASSWORD)
    branch = auth.login(path, "admin", PASSWORD)
    try:
        owners = [users.add_user(branch, f"manager{i + 1}", f"经理{i + 1}",
                                 Role.ACCOUNT_MANAGER, PASSWORD, enforce_policy=False)
                  for i in range(owners_n)]
        t = time.perf_counter()
        _customers(branch, customers, owners, rng, now)
        timings["build_customers_s"] = time.perf_counter() - t
        seeds = bulk.load_seeds(branch)
        t = time.perf_counter()
        bulk.fill_contacts(branch, seeds, contacts, rng=rng, until=now, span_days=730,
                           progress=_say)
        timings["build_contacts_s"] = time.perf_counter() - t
        t = time.perf_counter()
        bulk.fill_tasks(branch, seeds, int(customers * 0.3), rng=rng, now=now, progress=_say)
        bulk.fill_care_dates(branch, seeds, rng=rng, progress=_say)
        timings["build_tasks_care_s"] = time.perf_counter() - t
        rules.add_default_rules(branch)
        _heavy_customer(branch, owners[0], now)
    finally:
        branch.close()
    return timings


def measure(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    now = datetime.now(UTC)
    month_start, _ = day_bounds(date.today() - timedelta(days=45), TZ)
    month_end, _ = day_bounds(date.today() - timedelta(days=15), TZ)
    branch = auth.login(path, "manager1", PASSWORD)
    try:
        with branch.db.connect() as conn:
            heavy = conn.exec_driver_sql(
                "SELECT id FROM customers WHERE number = 'BM01-HEAVY-1'").scalar()
            out["customers"] = conn.exec_driver_sql("SELECT count(*) FROM customers").scalar()
            out["contacts"] = conn.exec_driver_sql(
                "SELECT count(*) FROM contact_records").scalar()
            out["tasks_open"] = conn.exec_driver_sql(
                "SELECT count(*) FROM tasks WHERE status = 'open'").scalar()
            out["care_dates"] = conn.exec_driver_sql("SELECT count(*) FROM care_dates").scalar()
        events = timeline.customer_timeline(branch, heavy, 200, tz=TZ)
        out["profile_timeline_events"] = len(events)
        out["profile_timeline_ms"] = _ms(
            lambda: timeline.customer_timeline(branch, heavy, 200, tz=TZ))
        bench = workbench.today(branch, now, tz=TZ)
        out["workbench_items"] = sum(len(s.items) for s in bench.sections)
        out["workbench_overdue_total"] = bench.sections[1].total
        out["workbench_ms"] = _ms(lambda: workbench.today(branch, now, tz=TZ))
        user_id = branch.actor.user_id
    finally:
        branch.close()
    branch = auth.login(path, "admin", PASSWORD)
    try:
        out["workbench_all_ms"] = _ms(lambda: workbench.today(branch, now, tz=TZ, mine=False))
        filters = ContactFilters(owner_id=user_id, since=month_start, until=month_end)
        first = records.list_contacts(branch, filters)
        out["contacts_filter_rows"] = len(first.rows)
        out["contacts_filter_ms"] = _ms(lambda: records.list_contacts(branch, filters))

        def fifth() -> None:
            page = records.list_contacts(branch, filters)
            for _ in range(4):
                page = records.list_contacts(branch, filters, after=page.next_cursor)

        out["contacts_filter_page5_ms"] = _ms(fifth) / 5
        out["contacts_filter_matches"] = records.count_contacts(branch, filters)
        out["contacts_count_ms"] = _ms(lambda: records.count_contacts(branch, filters),
                                       repeat=3)
        out["contacts_count_capped_ms"] = _ms(
            lambda: records.count_contacts(branch, filters, cap=999))
        out["contacts_stats_month_ms"] = _ms(
            lambda: records.stats(branch, month_start, month_end), repeat=3)
    finally:
        branch.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=10_000_000)
    parser.add_argument("--owners", type=int, default=20)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    # Logins are not what is measured here: cheap key derivation.
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        results: dict[str, float] = {}
        if not path.exists():
            results.update(build(path, args.customers, args.contacts, args.owners))
        results.update(measure(path))
    for name, value in results.items():
        if name.endswith(("_ms", "_s")):
            print(f"{name}: {value:.1f}")
        else:
            print(f"{name}: {int(value)}")


if __name__ == "__main__":
    main()
