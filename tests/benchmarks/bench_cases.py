"""The case library as you type, and suggestions on a complaint, on a large library.

Prints `name: value` lines:
  cases_rows               cases in the library
  cases_create_ms          one case saved through the service (median)
  cases_search_p95_ms      search box queries (Chinese 1-4 characters, pinyin, initials), p95
  cases_search_worst_ms    the slowest of them
  cases_suggest_p95_ms     suggestions for a complaint's category and text, p95

Usage: python tests/benchmarks/bench_cases.py [--cases 5000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from postcrm_desktop.services import auth, cases
from postcrm_desktop.services.cases import CaseInput
from postcrm_desktop.store import keyslots

CATEGORIES = ("delay", "loss", "damage", "attitude", "price", "other")
WORDS = ("包裹", "延误", "物流信息", "不更新", "挂号信", "签收", "破损", "理赔", "保价", "资费",
         "偏远地区", "海关", "扣留", "快递柜", "取件码", "排队", "态度", "退回", "地址", "查询单",
         "禁寄", "航空", "国际", "处理中心", "投递员", "赔偿", "时限", "改址", "代收", "驿站")
QUERIES = ("延", "延误", "物流信息", "海关扣留", "yanwu", "yw", "lipei", "kdg", "包裹 破损",
           "处理中心", "qujianma", "签收")


def _text(rng: random.Random, n: int) -> str:
    return "，".join(rng.choice(WORDS) + rng.choice(WORDS) for _ in range(n)) + "。"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    args = parser.parse_args()
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        auth.init_branch(path, branch_code="B01", branch_name="基准网点",
                         admin_username="admin", admin_password="Bench12345")
        branch = auth.login(path, "admin", "Bench12345")
        try:
            times = []
            for _ in range(args.cases):
                data = CaseInput(title=rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(WORDS),
                                 category=rng.choice(CATEGORIES), problem=_text(rng, 6),
                                 cause=_text(rng, 2), solution=_text(rng, 8),
                                 tags=" ".join(rng.sample(WORDS, 3)))
                start = time.perf_counter()
                cases.create_case(branch, data)
                times.append(time.perf_counter() - start)
            print(f"cases_rows: {args.cases}")
            print(f"cases_create_ms: {statistics.median(times) * 1000:.1f}")
            search = []
            for _ in range(3):
                for query in QUERIES:
                    start = time.perf_counter()
                    cases.search_cases(branch, query, limit=50)
                    search.append(time.perf_counter() - start)
            search.sort()
            print(f"cases_search_p95_ms: {search[int(len(search) * 0.95) - 1] * 1000:.1f}")
            print(f"cases_search_worst_ms: {search[-1] * 1000:.1f}")
            suggest = []
            for _ in range(30):
                text = _text(rng, 4)
                start = time.perf_counter()
                cases.suggest_cases(branch, rng.choice(CATEGORIES), text)
                suggest.append(time.perf_counter() - start)
            suggest.sort()
            print(f"cases_suggest_p95_ms: {suggest[int(len(suggest) * 0.95) - 1] * 1000:.1f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
