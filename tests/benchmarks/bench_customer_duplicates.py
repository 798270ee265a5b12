"""Duplicate checks and customer creation on a large branch (synthetic customers).

Prints `name: value` lines:
  dup_customers                 customers in the branch
  dup_candidates_ms             find_candidates for a filled-in form (median)
  dup_create_checked_ms         create_customer with the duplicate check (median)
  dup_get_customer_ms           get_customer, masked (median)
  dup_pairs_first_page_ms       first page (200 pairs) of the duplicates page
  dup_pairs_next_page_ms        the page after it
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from postcrm_desktop.core.ids import new_id
from postcrm_desktop.core.validators import resident_id_check_digit
from postcrm_desktop.services import auth
from postcrm_desktop.services.customers import duplicates, records
from postcrm_desktop.services.customers.numbering import format_number, local_year
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.store import keyslots
from postcrm_desktop.store.models.customers import Customer

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力"
DISTRICTS = ["天河区", "越秀区", "海珠区", "荔湾区", "白云区", "黄埔区", "番禺区", "花都区",
             "南沙区", "从化区", "增城区"]
ROADS = ["中山大道", "天河路", "黄埔大道", "广州大道", "东风路", "解放路", "江南大道", "新港路",
         "工业大道", "环市路"]


def _ms(fn: Callable[[], Any], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _rid(rng: random.Random) -> str:
    first17 = f"4401{rng.randint(0, 99):02d}{rng.randint(1950, 2005)}" \
              f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return first17 + resident_id_check_digit(first17)


def _row(rng: random.Random, seq: int, now: datetime) -> dict[str, Any]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    mobile = f"1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}"
    return {
        "id": new_id(), "created_at": now, "updated_at": now, "version": "", "site_id": "bench",
        "number": format_number("B01", 2020, seq), "customer_type": "individual",
        "name": name, "id_number": _rid(rng) if rng.random() < 0.5 else None,
        "mobile": mobile, "landline": f"020-{rng.randint(2000_0000, 8999_9999)}"
        if rng.random() < 0.2 else None,
        "province": "广东省", "city": "广州市", "district": rng.choice(DISTRICTS),
        "address": f"{rng.choice(ROADS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}栋",
        "industry": "", "company": "", "source_channel": "", "department": "",
        "tier": "normal", "stage": "prospect", "needs": "", "notes": "",
    }


def _fill(branch: Any, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Bulk rows straight into the table (a benchmark fill, not a business write)."""
    now = datetime.now(UTC)
    sample: list[dict[str, Any]] = []
    table = Customer.__table__
    with branch.db.engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for seq in range(1, count + 1):
            row = _row(rng, seq, now)
            if seq % 100 == 0:  # one in a hundred shares a mobile with the one before
                row["mobile"] = batch[-1]["mobile"] if batch else row["mobile"]
            batch.append(row)
            if len(sample) < 50 and rng.random() < 0.001:
                sample.append(row)
            if len(batch) == 10_000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
    return sample


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=200_000)
    args = parser.parse_args()
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        auth.init_branch(path, branch_code="B01", branch_name="基准", admin_username="admin",
                         admin_password="Admin1234")
        branch = auth.login(path, "admin", "Admin1234")
        try:
            sample = _fill(branch, args.customers, rng)
            print(f"dup_customers: {args.customers}")
            probes = [CustomerInput(customer_type="individual", name=r["name"],
                                    mobile=r["mobile"], id_number=r["id_number"] or "",
                                    landline=r["landline"] or "", district=r["district"],
                                    address=r["address"]) for r in sample] or [
                CustomerInput(customer_type="individual", name="王伟")]
            it = iter(probes * 10)
            print(f"dup_candidates_ms: "
                  f"{_ms(lambda: duplicates.find_candidates(branch, next(it))):.2f}")

            def create() -> str:
                data = CustomerInput(customer_type="individual",
                                     name=f"基准客户{len(created)}",
                                     mobile=f"1990{rng.randint(0, 9_999_999):07d}",
                                     district="天河区", address=f"基准路{rng.randint(1, 999)}号")
                return records.create_customer(branch, data, refuse_duplicates=True)

            created: list[str] = []
            print(f"dup_create_checked_ms: {_ms(lambda: created.append(create())):.2f}")
            assert records.get_customer(branch, created[0]).number.startswith(
                f"B01-{local_year()}-")
            print(f"dup_get_customer_ms: "
                  f"{_ms(lambda: records.get_customer(branch, created[0])):.2f}")
            first: list[Any] = []
            t0 = time.perf_counter()
            first = duplicates.list_duplicate_pairs(branch, limit=200)
            print(f"dup_pairs_first_page_ms: {(time.perf_counter() - t0) * 1000:.2f}")
            t0 = time.perf_counter()
            duplicates.list_duplicate_pairs(branch, limit=200, after=first[-1] if first else None)
            print(f"dup_pairs_next_page_ms: {(time.perf_counter() - t0) * 1000:.2f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
