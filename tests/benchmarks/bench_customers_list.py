"""The customer list as a person feels it on a large branch (synthetic customers, offscreen).

Prints `name: value` lines:
  list_customers              customers in the branch
  list_open_ms                build the page: first page of 100 rows and the count
  list_search_ms              search box to rows and count (median over typical queries)
  list_search_max_ms          the slowest of those queries
  list_next_page_ms           one `fetchMore` while scrolling (median)
  list_sort_ms                click a header: first page in the new order (median)
  list_sort_max_ms            the slowest column
  list_sort_slowest           which column that is
  list_count_ms               the count alone ("共 1000+ 位客户")
  list_filter_ms              change a filter (tier): rows and count
  list_rows_held              rows the model holds after all that (never every row)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from postcrm_desktop.core.ids import new_id
from postcrm_desktop.services import auth
from postcrm_desktop.services.customers.numbering import format_number
from postcrm_desktop.store import keyslots, search_index
from postcrm_desktop.store.models.customers import Customer

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力"
DISTRICTS = ["天河区", "越秀区", "海珠区", "荔湾区", "白云区", "黄埔区", "番禺区", "花都区"]
ROADS = ["中山大道", "天河路", "黄埔大道", "广州大道", "东风路", "解放路", "江南大道", "新港路"]
TIERS = ["normal"] * 6 + ["silver", "silver", "gold", "platinum"]


def _ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _fill(branch: Any, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Bulk rows straight into the table, then the search index (a benchmark fill)."""
    now = datetime.now(UTC)
    table = Customer.__table__
    sample: list[dict[str, Any]] = []
    with branch.db.engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for seq in range(1, count + 1):
            created = now - timedelta(minutes=count - seq)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN)
                                                  for _ in range(rng.randint(1, 2)))
            row = {
                "id": new_id(), "created_at": created, "updated_at": created, "version": "",
                "site_id": "bench", "number": format_number("B01", 2026, seq),
                "customer_type": "individual", "name": name,
                "mobile": f"1{rng.choice('3589')}{rng.randint(0, 10**9 - 1):09d}",
                "province": "广东省", "city": "广州市", "district": rng.choice(DISTRICTS),
                "address": f"{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                "industry": "", "company": "", "source_channel": "", "department": "",
                "tier": rng.choice(TIERS), "stage": "prospect", "needs": "", "notes": "",
            }
            batch.append(row)
            if len(sample) < 20 and rng.random() < 0.001:
                sample.append(row)
            if len(batch) == 10_000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
    raw = branch.db.engine.raw_connection()
    try:
        search_index.rebuild(raw)
        raw.commit()
    finally:
        raw.close()
    return sample


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=200_000)
    args = parser.parse_args()
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    from postcrm_desktop.ui.app import create_application
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.context import PageContext
    from postcrm_desktop.ui.pages.customers import CustomersPage
    from postcrm_desktop.ui.qt import Qt
    from postcrm_desktop.ui.worker import Tasks

    app = create_application(["bench"])
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        auth.init_branch(path, branch_code="B01", branch_name="基准", admin_username="admin",
                         admin_password="Admin1234")
        branch = auth.login(path, "admin", "Admin1234")
        bus, tasks = UiBus(), Tasks()
        try:
            sample = _fill(branch, args.customers, rng)
            print(f"list_customers: {args.customers}")
            ctx = PageContext(branch=branch, bus=bus, tasks=tasks,
                              navigate=lambda *a, **k: None, open_customer=lambda _c: None)
            holder: list[CustomersPage] = []
            print(f"list_open_ms: {_ms(lambda: holder.append(CustomersPage(ctx))):.1f}")
            page = holder[0]
            page.resize(1200, 800)
            page.show()
            app.processEvents()
            lst = page.list
            queries = [r["name"] for r in sample[:5]] + [r["mobile"][-4:] for r in sample[:5]]
            queries += [r["number"][-6:] for r in sample[:3]] + ["王", "wang", "天河路"]
            times = []
            for q in queries:
                lst.search.setText(q)
                times.append(_ms(lst.reload))
            print(f"list_search_ms: {statistics.median(times):.1f}")
            print(f"list_search_max_ms: {max(times):.1f}")
            lst.search.setText("")
            lst.reload()
            pages = [_ms(lst.model.fetchMore) for _ in range(5)]
            print(f"list_next_page_ms: {statistics.median(pages):.1f}")
            sorts: list[float] = []
            keys: list[str] = []
            for key in ("number", "name", "customer_type", "tier", "stage", "district",
                        "company", "industry", "owner_name", "created_at", "last_activity_at"):
                col = lst.model.column_of(key)
                sorts.append(_ms(lambda c=col: lst.model.sort(c, Qt.SortOrder.AscendingOrder)))
                keys.append(key)
            print(f"list_sort_ms: {statistics.median(sorts):.1f}")
            print(f"list_sort_max_ms: {max(sorts):.1f}")
            print(f"list_sort_slowest: {keys[sorts.index(max(sorts))]}")
            print(f"list_count_ms: {_ms(lst.refresh_count):.1f}")
            bar = lst.filter_bar
            print(f"list_filter_ms: "
                  f"{_ms(lambda: bar.tier.setCurrentIndex(bar.tier.findData('gold'))):.1f}")
            print(f"list_rows_held: {lst.model.loaded()}")
            page.close()
        finally:
            tasks.cancel_all()
            tasks.wait(5000)
            bus.close()
            branch.close()


if __name__ == "__main__":
    main()
