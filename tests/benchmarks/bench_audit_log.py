"""Audit log reading on a large log: keyset pages cost the same at any depth.

Prints `name: value` lines:
  audit_rows                   rows in the log
  audit_page_first_ms          newest 200 rows
  audit_page_deep_ms           200 rows after a seq near the oldest end
  audit_page_action_deep_ms    200 rows of one action, after a seq near the oldest end
  audit_verify_rows_per_s      hash-chain check speed
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from postcrm_desktop.services import audit_log, auth
from postcrm_desktop.store import audit, keyslots


def _ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        auth.init_branch(path, branch_code="B01", branch_name="基准", admin_username="admin",
                         admin_password="Admin1234")
        branch = auth.login(path, "admin", "Admin1234")
        try:
            start = datetime.now(UTC) - timedelta(days=365)
            actions = ("login.ok", "user.added", "backup.manual", "setting.changed")
            with branch.session() as s, s.begin():
                for i in range(args.rows):
                    audit.append(s, actions[i % 4], username="admin",
                                 at=start + timedelta(seconds=i), detail={"n": i})
            print(f"audit_rows: {audit_log.page(branch, limit=1)[0].seq}")
            print(f"audit_page_first_ms: {_ms(lambda: audit_log.page(branch)):.2f}")
            deep = 1000
            print(f"audit_page_deep_ms: "
                  f"{_ms(lambda: audit_log.page(branch, after_seq=deep)):.2f}")
            action_deep = _ms(lambda: audit_log.page(branch, after_seq=deep + 5000,
                                                     action="backup.manual"))
            print(f"audit_page_action_deep_ms: {action_deep:.2f}")
            t0 = time.perf_counter()
            result = audit_log.verify(branch)
            elapsed = time.perf_counter() - t0
            assert result.ok
            print(f"audit_verify_rows_per_s: {result.rows / elapsed:.0f}")
        finally:
            branch.close()


if __name__ == "__main__":
    main()
