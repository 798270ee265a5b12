"""The key file under concurrent writers: processes logging in, failing and resetting at once.

Each worker process loads the key file, then waits at a barrier (inside the injected
clock, which login reads right after loading), so all of them act on the same starting
file: without one locked read-modify-write, their changes overwrite one another.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, users
from postcrm_desktop.store import keyslots
from postcrm_desktop.store.keyslots import KeyFile, WrongPassword
from postcrm_desktop.store.models.system import AuditEntry
from tests.conftest import ADMIN_PASSWORD

CTX = multiprocessing.get_context("fork")
WORKERS = 8


def _barrier_clock(barrier: Any, base: datetime) -> Callable[[], datetime]:
    waited = False

    def now() -> datetime:
        nonlocal waited
        if not waited:
            waited = True
            barrier.wait(timeout=60)
        return base

    return now


def _login_worker(path: str, username: str, password: str, barrier: Any, base: datetime,
                  results: Any) -> None:
    keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    try:
        b = auth.login(Path(path), username, password, now=_barrier_clock(barrier, base),
                       lock=False)
        b.close()
        results.put("ok")
    except WrongPassword:
        results.put("wrong")
    except Exception:  # anything else is what the test is looking for
        results.put("crash: " + traceback.format_exc(limit=3))


def _run(workers: list[Any], results: Any) -> list[str]:
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    return [results.get(timeout=5) for _ in workers]


def _start_workers(path: Path, username: str, password: str, parties: int
                   ) -> tuple[list[Any], Any, Any]:
    barrier = CTX.Barrier(parties)
    results = CTX.Queue()
    base = datetime.now(UTC).replace(microsecond=0)
    workers = [CTX.Process(target=_login_worker,
                           args=(str(path), username, password, barrier, base, results))
               for _ in range(WORKERS)]
    return workers, barrier, results


def test_parallel_wrong_guesses_are_all_counted(branch_path: Path) -> None:
    workers, _, results = _start_workers(branch_path, "admin", "wrong-guess-1", WORKERS)
    outcomes = _run(workers, results)
    assert outcomes == ["wrong"] * WORKERS
    kf = KeyFile.load(branch_path)
    throttle = kf.throttle_for("admin")
    assert throttle.failures == WORKERS
    assert throttle.locked
    events = [e["event"] for e in kf.pending_events]
    assert events.count("login.failed") == WORKERS
    assert events.count("user.locked") == 1
    assert sorted(p.name for p in branch_path.parent.iterdir()
                  if p.name.startswith("branch.db.keys") and not p.name.endswith(".lock")
                  ) == ["branch.db.keys"]


def test_parallel_logins_never_crash_and_move_each_event_once(branch_path: Path) -> None:
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "intruder", "wrong-guess-1")
    workers, _, results = _start_workers(branch_path, "admin", ADMIN_PASSWORD, WORKERS)
    outcomes = _run(workers, results)
    assert outcomes == ["ok"] * WORKERS
    kf = KeyFile.load(branch_path)
    assert kf.pending_events == []
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            actions = list(s.execute(select(AuditEntry.action)).scalars())
    finally:
        b.close()
    assert actions.count("login.failed") == 1
    assert actions.count("login.ok") == WORKERS + 1


def test_password_reset_racing_failed_logins_is_never_lost(branch_path: Path) -> None:
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "clerk1", "柜员一", Role.COUNTER_CLERK, "Clerk1234",
                       enforce_policy=False)
        for round_no in range(3):
            new_password = f"Reset{round_no}pass"
            workers, barrier, results = _start_workers(branch_path, "intruder",
                                                       "wrong-guess-1", WORKERS + 1)
            for w in workers:
                w.start()
            barrier.wait(timeout=60)  # every worker has read the key file
            users.reset_password(admin, "clerk1", new_password)
            for w in workers:
                w.join(120)
            outcomes = [results.get(timeout=5) for _ in workers]
            assert outcomes == ["wrong"] * WORKERS
            kf = KeyFile.load(branch_path)
            assert kf.unwrap("clerk1", new_password) == admin.master
            with pytest.raises(WrongPassword):
                kf.unwrap("clerk1", "Clerk1234" if round_no == 0 else f"Reset{round_no - 1}pass")
            kf.throttle.pop("intruder", None)
            with keyslots.locked(branch_path):
                kf.save(branch_path)
    finally:
        admin.close()
