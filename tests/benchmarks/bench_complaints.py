"""The complaint desk on a busy branch (synthetic complaints from the demo filler).

Prints `name: value` lines:
  complaints_rows           complaints in the branch
  complaints_fill_per_s     demo fill speed (complaints with their histories, ORM + change log)
  complaints_intake_ms      one intake through the desk service (median)
  complaints_step_ms        one workflow step (assign) through the desk service (median)
  complaints_list_first_ms  first page of 100, overdue first (median)
  complaints_list_deep_ms   a page of 100 after 50 pages of keyset paging (median)
  complaints_overdue_ms     first page of overdue ones only (median)
  complaints_count_ms       count of overdue complaints (median)
  complaints_workbench_ms   near_deadline(24 h) for the workbench (median)
  complaints_stats_s        statistics of the last 60 days incl. phrase extraction
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from postcrm_desktop.core.ids import new_id
from postcrm_desktop.services import auth
from postcrm_desktop.services.complaints import demo_data, desk, listing
from postcrm_desktop.services.complaints.stats import complaint_stats
from postcrm_desktop.services.complaints.types import ComplaintFilters, ComplaintInput
from postcrm_desktop.services.complaints.workbench import near_deadline
from postcrm_desktop.services.customers.numbering import format_number
from postcrm_desktop.services.demo import DemoContext
from postcrm_desktop.store import keyslots
from postcrm_desktop.store.models.customers import Customer

DISTRICTS = ["天河区", "越秀区", "海珠区", "荔湾区", "白云区", "黄埔区", "番禺区", "花都区"]


def _ms(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _customers(branch: Any, count: int, rng: random.Random) -> list[str]:
    now = datetime.now(UTC)
    rows = [{
        "id": new_id(), "created_at": now, "updated_at": now, "version": "", "site_id": "b",
        "number": format_number("B01", 2026, i + 1),
        "customer_type": rng.choice(("individual", "individual", "enterprise")),
        "name": f"基准客户{i}", "province": "广东省", "city": "广州市",
        "district": rng.choice(DISTRICTS), "address": "", "industry": "", "company": "",
        "source_channel": "", "department": "", "needs": "", "notes": "",
        "tier": rng.choice(("normal",) * 8 + ("gold", "diamond")), "stage": "customer",
    } for i in range(count)]
    with branch.db.engine.begin() as conn:
        conn.execute(Customer.__table__.insert(), rows)
    return [r["id"] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=20_000)
    args = parser.parse_args()
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        auth.init_branch(path, branch_code="B01", branch_name="基准", admin_username="admin",
                         admin_password="Admin1234")
        branch = auth.login(path, "admin", "Admin1234")
        try:
            customers = _customers(branch, max(args.complaints // 10, 50), rng)
            demo_data.MINIMUM = args.complaints  # the filler's floor sets the count here
            ctx = DemoContext(branch, len(customers), rng,
                              {"admin": branch.actor.user_id or ""}, lambda _m: None)
            start = time.perf_counter()
            demo_data.fill_demo(ctx)
            elapsed = time.perf_counter() - start
            total = listing.count_complaints(branch)
            print(f"complaints_rows: {total}")
            print(f"complaints_fill_per_s: {total / elapsed:.0f}")

            made: list[str] = []

            def intake() -> None:
                made.append(desk.create_complaint(branch, ComplaintInput(
                    rng.choice(customers), "投诉", "延误", "包裹延误，物流信息不更新")))

            print(f"complaints_intake_ms: {_ms(intake, 20):.2f}")
            todo = iter(made)
            step = _ms(lambda: desk.assign(branch, next(todo), branch.actor.user_id or ""), 20)
            print(f"complaints_step_ms: {step:.2f}")

            print(f"complaints_list_first_ms: "
                  f"{_ms(lambda: listing.list_complaints(branch, limit=100)):.2f}")
            cursor = None
            for _ in range(50):
                cursor = listing.list_complaints(branch, limit=100, after=cursor).next_cursor
            print(f"complaints_list_deep_ms: "
                  f"{_ms(lambda: listing.list_complaints(branch, limit=100, after=cursor)):.2f}")
            overdue = ComplaintFilters(overdue_only=True)
            print(f"complaints_overdue_ms: "
                  f"{_ms(lambda: listing.list_complaints(branch, overdue, limit=100)):.2f}")
            print(f"complaints_count_ms: {_ms(lambda: listing.overdue_count(branch)):.2f}")
            now = datetime.now(UTC)
            print(f"complaints_workbench_ms: "
                  f"{_ms(lambda: near_deadline(branch, now, 24)):.2f}")
            today = date.today()
            start = time.perf_counter()
            complaint_stats(branch, today - timedelta(days=60), today)
            print(f"complaints_stats_s: {time.perf_counter() - start:.2f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
