"""Encrypted store costs: SQLCipher vs plain SQLite (same library), login, cold start.

Prints `name: value` lines:
  encrypted_insert_ratio   encrypted inserts/s ÷ plain inserts/s (100k rows; goal ≥ 0.8)
  encrypted_select_ratio   encrypted point selects/s ÷ plain (goal ≥ 0.8)
  login_s                  password → open database, production Argon2id cost
  cold_start_s             process start → login window shown, offscreen (goal ≤ 1.5)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlcipher3

from postcrm_desktop.store.engine import CACHE_KIB

HERE = Path(__file__).resolve().parent
PRAGMAS = ("journal_mode = WAL", "synchronous = NORMAL", "temp_store = MEMORY",
           f"cache_size = -{CACHE_KIB}", "foreign_keys = ON")


def _connect(path: Path, key: bytes | None) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA secure_delete = ON")
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _rows(n: int, seed: int = 1) -> list[tuple[str, str, str, str, str]]:
    rng = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    return [
        (f"{i:032x}", rng.choice(surnames) + rng.choice(given) + rng.choice(given),
         f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}",
         f"广东省广州市天河区体育西路{rng.randint(1, 999)}号", "2026-11-24T00:00:00")
        for i in range(n)
    ]


def _insert_rate(path: Path, key: bytes | None, rows: list[tuple]) -> float:
    conn = _connect(path, key)
    conn.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, mobile TEXT, "
                 "address TEXT, created_at TEXT)")
    conn.execute("CREATE INDEX ix_mobile ON customers(mobile)")
    start = time.perf_counter()
    for i in range(0, len(rows), 10_000):  # batches of 10k, one transaction each
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO customers VALUES (?,?,?,?,?)", rows[i:i + 10_000])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return len(rows) / elapsed


def _select_rate(path: Path, key: bytes | None, ids: list[str]) -> float:
    conn = _connect(path, key)
    conn.execute("SELECT count(*) FROM customers").fetchone()  # warm the cache
    start = time.perf_counter()
    for pk in ids:
        conn.execute("SELECT name, mobile FROM customers WHERE id = ?", (pk,)).fetchone()
    elapsed = time.perf_counter() - start
    conn.close()
    return len(ids) / elapsed


def _login_seconds(folder: Path) -> float:
    from postcrm_desktop.services import auth

    db = folder / "login.db"
    auth.init_branch(db, branch_code="BM01", branch_name="基准", admin_username="admin",
                     admin_password="Bench12345")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        b = auth.login(db, "admin", "Bench12345")
        times.append(time.perf_counter() - start)
        b.close()
    return statistics.median(times)


def _cold_start_seconds() -> float | None:
    script = HERE / "bench_cold_start.py"
    if not script.exists():
        return None
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=300)
    for line in proc.stdout.splitlines():
        if line.startswith("cold_start_s:"):
            return float(line.split(":", 1)[1])
    print(proc.stderr[-500:], file=sys.stderr)
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--selects", type=int, default=100_000)
    args = parser.parse_args()
    rows = _rows(args.rows)
    rng = random.Random(2)
    ids = [rows[rng.randrange(len(rows))][0] for _ in range(args.selects)]
    key = os.urandom(32)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain_ins = _insert_rate(folder / "plain.db", None, rows)
        enc_ins = _insert_rate(folder / "enc.db", key, rows)
        plain_sel = _select_rate(folder / "plain.db", None, ids)
        enc_sel = _select_rate(folder / "enc.db", key, ids)
        print(f"plain_insert_per_s: {plain_ins:.0f}")
        print(f"encrypted_insert_per_s: {enc_ins:.0f}")
        print(f"encrypted_insert_ratio: {enc_ins / plain_ins:.2f}")
        print(f"plain_select_per_s: {plain_sel:.0f}")
        print(f"encrypted_select_per_s: {enc_sel:.0f}")
        print(f"encrypted_select_ratio: {enc_sel / plain_sel:.2f}")
        print(f"login_s: {_login_seconds(folder):.2f}")
    cold = _cold_start_seconds()
    if cold is not None:
        print(f"cold_start_s: {cold:.2f}")


if __name__ == "__main__":
    main()
