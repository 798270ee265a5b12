"""The complaint list sorted by each column the service sorts (synthetic demo data).

Prints `name: value` lines:
  complaints_rows                     complaints in the branch
  complaints_sort_<column>_first_ms   first page of 100 in that column's order (median)
  complaints_sort_<column>_deep_ms    a page of 100 after 30 pages of keyset paging (median)
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from bench_complaints import _customers, _ms

from postcrm_desktop.services import auth
from postcrm_desktop.services.complaints import demo_data, listing
from postcrm_desktop.services.demo import DemoContext
from postcrm_desktop.store import keyslots


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
            demo_data.MINIMUM = args.complaints
            demo_data.fill_demo(DemoContext(branch, len(customers), rng,
                                            {"admin": branch.actor.user_id or ""},
                                            lambda _m: None))
            print(f"complaints_rows: {listing.count_complaints(branch)}")
            for column in listing.SORT_COLUMNS:
                sort = (column, column in ("received_at", "priority"))
                first = _ms(lambda s=sort: listing.list_complaints(branch, limit=100, sort=s))
                cursor = None
                for _ in range(30):
                    cursor = listing.list_complaints(branch, limit=100, sort=sort,
                                                     after=cursor).next_cursor
                deep = _ms(lambda s=sort, c=cursor: listing.list_complaints(
                    branch, limit=100, sort=s, after=c))
                print(f"complaints_sort_{column}_first_ms: {first:.2f}")
                print(f"complaints_sort_{column}_deep_ms: {deep:.2f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
