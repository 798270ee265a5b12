"""The filter bar's industry and district choices, and the list sorted by 单位, on a large
branch.

    .venv/bin/python tests/benchmarks/bench_customer_choices.py [--customers 1000000] [--db PATH]

Builds N demo customers (as bench_search does; with --db an existing demo file is reused,
password "demo"), then prints:

  choices_customers             customers in the branch
  choices_first_ms_<user>       `choices.filter_choices` right after login (cold cache)
  choices_ms_<user>             the same, warm (median of 20)
  choices_values_<user>         industries + districts offered
  sort_company_first_page_ms    the list's first page (100 rows) sorted by company (warm,
                                median of 5), ascending then descending
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from postcrm_desktop.services import auth, demo
from postcrm_desktop.services.customers import choices, search
from postcrm_desktop.services.customers.types import CustomerFilters, Sort

USERS = ("admin", "manager1", "manager2")


def build(path: Path, customers: int) -> float:
    """Fill a new demo branch with `customers` customers in a child process; seconds."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from postcrm_desktop.services import demo\n"
        "demo.DEMO_FILLERS = ['postcrm_desktop.services.customers.demo_data']\n"
        "t = time.perf_counter()\n"
        "demo.make_demo(Path(sys.argv[1]), customers=int(sys.argv[2]))\n"
        "print(time.perf_counter() - t)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path), str(customers)],
                          check=True, capture_output=True, text=True)
    return float(proc.stdout.strip().splitlines()[-1])


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once into) this database")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="bench-choices-")) / "branch.db"
    if not path.exists():
        print(f"demo_fill_s: {build(path, args.customers):.1f}", flush=True)
    for user in USERS:
        branch = auth.login(path, user, demo.DEMO_PASSWORD)
        try:
            if user == USERS[0]:
                with branch.db.connect() as conn:
                    total = conn.exec_driver_sql("SELECT count(*) FROM customers").scalar()
                print(f"choices_customers: {total}")
            start = time.perf_counter()
            found = choices.filter_choices(branch)
            print(f"choices_first_ms_{user}: {(time.perf_counter() - start) * 1000:.1f}")
            warm = [timed(lambda b=branch: choices.filter_choices(b)) for _ in range(20)]
            print(f"choices_ms_{user}: {statistics.median(warm):.1f}")
            print(f"choices_values_{user}: {len(found.industries) + len(found.districts)}")
            if user == USERS[0]:
                for descending in (False, True):
                    sort = Sort("company", descending)
                    search.search_page(branch, CustomerFilters(), sort)
                    runs = [timed(lambda b=branch, s=sort: search.search_page(
                        b, CustomerFilters(), s)) for _ in range(5)]
                    name = "desc" if descending else "asc"
                    print(f"sort_company_first_page_ms_{name}: {statistics.median(runs):.1f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
