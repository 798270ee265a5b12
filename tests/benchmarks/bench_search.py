"""Customer search speed on a large branch, through the services the search box and list call.

    .venv/bin/python tests/benchmarks/bench_search.py [--customers 1000000] [--db PATH]

Builds N demo customers (a child process runs `postcrm demo`'s customer fill; with --db an
existing file is reused, password "demo"), then measures, warm (every query run once
before timing):

  demo_fill_s             time to fill N customers (when built here; goal at 1M: <= 180)
  search_p50_ms           quick search (`search.quick_search`, 20 rows) over a fixed mix:
  search_p95_ms             2-character name, surname, 3-character name, 4-digit phone
                            fragment, pinyin initials (zw), pinyin prefix (zhangw), address
                            word, customer-number prefix (goal at 1M: p95 <= 10)
  search_p95_ms_<kind>    the same per kind of query
  plain_search_p95_ms     the same mix on the same schema and rows, unencrypted (a
                          sqlcipher_export copy), same SQLite library, same cache size
  search_ratio_vs_plain   search_p95_ms / plain_search_p95_ms (goal <= 1.5)
  list_first_page_ms      the list as it opens: first page (100 rows) + count, no filter,
                          right after login (goal <= 200)
  list_search_p95_ms      the list's first page + count for each query of the mix, newest
                          first as the list opens (goal at 1M: <= 20)
  list_search_sorted_worst_ms  the slowest first page + count of a broad search (a
                          surname, two pinyin initials) sorted by any column either way
                          (goal at 1M: <= 100), and which column and query that was
  list_sort_worst_ms      the slowest first page over every sortable column and direction
                          (no filter), and which column that was
  customer_insert_per_s   `records.create_customer`, one transaction each, every index
                          (FTS, pinyin keys, change log, audit) maintained
  rss_mb                  peak resident memory of this process before the plain copy opens
                          (goal <= 400)
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event

from postcrm_desktop.core.pinyin_keys import name_pinyin
from postcrm_desktop.services import auth, demo
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import search
from postcrm_desktop.services.customers.types import (
    SORTABLE,
    CustomerFilters,
    CustomerInput,
    Sort,
)
from postcrm_desktop.store.engine import CACHE_KIB, Database

PER_KIND = 50
INSERTS = 200
KINDS = ("name2", "surname", "name3", "phone4", "initials", "pinyin_prefix", "address",
         "number_prefix")


def build(path: Path, customers: int) -> float:
    """Fill a new demo branch with `customers` customers in a child process; seconds."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from postcrm_desktop.services import demo\n"
        "demo.DEMO_FILLERS = ['postcrm_desktop.services.customers.demo_data']\n"
        "t = time.perf_counter()\n"
        "demo.make_demo(Path(sys.argv[1]), customers=int(sys.argv[2]),\n"
        "               progress=lambda m: print(m, file=sys.stderr, flush=True))\n"
        "print(time.perf_counter() - t)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path), str(customers)],
                          check=True, capture_output=True, text=True)
    return float(proc.stdout.strip().splitlines()[-1])


def _sample(branch: Branch, n: int, seed: int = 42) -> list[tuple[str, str, str, str, str]]:
    """(name, mobile, address, number, type) of `n` random live customers."""
    with branch.db.connect() as conn:
        top = conn.exec_driver_sql("SELECT max(search_no) FROM customers").scalar() or 0
        rng = random.Random(seed)
        out: list[tuple[str, str, str, str, str]] = []
        while len(out) < n and top:
            row = conn.exec_driver_sql(
                "SELECT name, mobile, address, number, customer_type FROM customers "
                "WHERE search_no = ? AND deleted_at IS NULL", (rng.randint(1, top),)).first()
            if row is not None:
                out.append(tuple(row))  # type: ignore[arg-type]
    return out


def queries(branch: Branch, seed: int = 7) -> dict[str, list[str]]:
    """The fixed mix: PER_KIND queries of each kind, drawn from the branch's own customers."""
    rng = random.Random(seed)
    people = [r for r in _sample(branch, PER_KIND * 40) if r[4] == "individual"]
    two = [r for r in people if len(r[0]) == 2]
    three = [r for r in people if len(r[0]) == 3]
    mobiles = [r[1] for r in people if r[1]]
    roads = [m.group(0) for r in people if (m := re.match(r"\D+?(?:路|街|大道)", r[2] or ""))]
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for i in range(PER_KIND):
        name2, name3 = two[i % len(two)][0], three[i % len(three)][0]
        out["name2"].append(name2)
        out["surname"].append(rng.choice(people)[0][0])
        out["name3"].append(name3)
        mobile = mobiles[i % len(mobiles)]
        start = rng.randint(3, len(mobile) - 4)
        out["phone4"].append(mobile[start:start + 4])
        full, initials = name_pinyin(name2)
        out["initials"].append(initials)
        surname = name_pinyin(name2[0])[0]
        out["pinyin_prefix"].append(full[:len(surname) + 1])
        out["address"].append(roads[i % len(roads)])
        number = rng.choice(people)[3]
        out["number_prefix"].append(number[:-2])
    return out


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def search_times(branch: Branch, mix: dict[str, list[str]]) -> dict[str, list[float]]:
    every = [(k, q) for k in KINDS for q in mix[k]]
    for _k, q in every:  # warm: each query once
        search.quick_search(branch, q, limit=20)
    out: dict[str, list[float]] = {k: [] for k in KINDS}
    for k, q in every:
        out[k].append(timed(lambda q=q: search.quick_search(branch, q, limit=20)))
    return out


def list_times(branch: Branch, mix: dict[str, list[str]]) -> list[float]:
    out = []
    for k in KINDS:
        for q in mix[k][:10]:
            f = CustomerFilters(query=q)
            search.search_page(branch, f)
            out.append(timed(lambda f=f: (search.search_page(branch, f),
                                           search.count(branch, f))))
    return out


def sorted_search_worst(branch: Branch, mix: dict[str, list[str]]) -> tuple[float, str]:
    """The slowest first page + count of a broad search over every sort, and its name."""
    broad = mix["surname"][:3] + mix["initials"][:3]
    worst = (0.0, "")
    for q in broad:
        for column in SORTABLE:
            for descending in (False, True):
                f, sort = CustomerFilters(query=q), Sort(column, descending)
                search.search_page(branch, f, sort)  # warm
                ms = timed(lambda f=f, sort=sort: (search.search_page(branch, f, sort),
                                                    search.count(branch, f)))
                worst = max(worst, (ms, f"{column}{' desc' if descending else ''} {q}"))
    return worst


def insert_rate(branch: Branch) -> float:
    from postcrm_desktop.core.validators import resident_id_check_digit
    from postcrm_desktop.services.customers.records import create_customer

    rng = random.Random(3)
    start = time.perf_counter()
    for i in range(INSERTS):
        first17 = f"440106199{rng.randint(0, 9)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}" \
                  f"{rng.randint(100, 999)}"
        name = rng.choice("赵钱孙李周吴郑王") + "测试" + "甲乙丙"[i % 3]
        create_customer(branch, CustomerInput(
            customer_type="individual", name=name,
            mobile=f"1770000{i:04d}", id_number=first17 + resident_id_check_digit(first17),
            province="广东省", city="广州市", district="天河区",
            address=f"体育西路{i}号", tier="silver", stage="intent"))
    return INSERTS / (time.perf_counter() - start)


def plain_copy(branch: Branch, target: Path) -> None:
    """The same database unencrypted (sqlcipher_export), for the comparison."""
    with branch.db.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
        raw.execute("SELECT sqlcipher_export('plaintext')")
        raw.execute("DETACH DATABASE plaintext")


def plain_branch(path: Path, like: Branch) -> Branch:
    """A branch over the plain copy: same library (sqlcipher3 without a key), same pragmas."""
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher3.dbapi2,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        for pragma in ("foreign_keys = ON", "temp_store = MEMORY", "journal_mode = WAL",
                       "synchronous = NORMAL", f"cache_size = -{CACHE_KIB}"):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    db = Database(path, engine, like.db.info, like.db.clock, None)
    return Branch(db, like.actor, b"")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once into) this database")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-search-"))
    own = args.db is None
    path = args.db or folder / "branch.db"
    print(f"customers: {args.customers}")
    if not path.exists():
        print(f"demo_fill_s: {build(path, args.customers):.1f}", flush=True)

    branch = auth.login(path, "admin", demo.DEMO_PASSWORD)
    try:
        first = timed(lambda: (search.search_page(branch, CustomerFilters()),
                               search.count(branch, CustomerFilters())))
        mix = queries(branch)
        ours = search_times(branch, mix)
        every = [t for k in KINDS for t in ours[k]]
        print(f"search_p50_ms: {statistics.median(every):.2f}")
        print(f"search_p95_ms: {p95(every):.2f}")
        for k in KINDS:
            print(f"search_p95_ms_{k}: {p95(ours[k]):.2f}")
        print(f"list_first_page_ms: {first:.1f}")
        print(f"list_search_p95_ms: {p95(list_times(branch, mix)):.1f}")
        sorted_worst, sorted_what = sorted_search_worst(branch, mix)
        print(f"list_search_sorted_worst_ms: {sorted_worst:.1f}")
        print(f"list_search_sorted_worst_case: {sorted_what}")
        worst, column = max((timed(lambda c=c, d=d: search.search_page(branch, CustomerFilters(),
                                                                       Sort(c, d))), f"{c}")
                            for c in SORTABLE for d in (False, True))
        print(f"list_sort_worst_ms: {worst:.1f}")
        print(f"list_sort_worst_column: {column}")
        print(f"customer_insert_per_s: {insert_rate(branch):.0f}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"rss_mb: {rss:.0f}", flush=True)

        plain_path = folder / "plain.db"
        plain_copy(branch, plain_path)
        plain = plain_branch(plain_path, branch)
        try:
            theirs = search_times(plain, mix)
        finally:
            plain.db.engine.dispose()
        plain_p95 = p95([t for k in KINDS for t in theirs[k]])
        print(f"plain_search_p95_ms: {plain_p95:.2f}")
        print(f"search_ratio_vs_plain: {p95(every) / plain_p95:.2f}")
        for leftover in folder.glob("plain.db*"):
            leftover.unlink()
    finally:
        branch.close()
        if own:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
