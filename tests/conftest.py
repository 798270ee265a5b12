"""Shared fixtures: a cheap key-derivation cost, and ready-made encrypted branches.

Every slot stores its own Argon2id parameters, so lowering the default here only makes
test logins fast; the production cost is measured in tests/benchmarks/bench_store.py.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from postcrm_desktop.store import keyslots

keyslots.set_default_kdf(keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1))

from postcrm_desktop.services import auth, demo  # noqa: E402
from postcrm_desktop.services.branch import Branch  # noqa: E402

ADMIN_PASSWORD = "Admin1234"


def _copy_db(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    shutil.copyfile(keyslots.sidecar_path(src), keyslots.sidecar_path(dst))
    return dst


@pytest.fixture(scope="session")
def _empty_branch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "branch.db"
    # Tests build their own tag catalogue: this branch starts without the default tags.
    auth.init_branch(path, branch_code="GZ01", branch_name="测试支局",
                     admin_username="admin", admin_password=ADMIN_PASSWORD,
                     default_tags=False)
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    demo.make_demo(path, customers=120, seed=7)
    return path


@pytest.fixture
def branch_path(tmp_path: Path, _empty_branch_template: Path) -> Path:
    """A fresh encrypted branch with one admin (password ADMIN_PASSWORD)."""
    return _copy_db(_empty_branch_template, tmp_path / "branch.db")


@pytest.fixture
def branch(branch_path: Path) -> Iterator[Branch]:
    """Logged in as the admin of a fresh branch."""
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    yield b
    b.close()


@pytest.fixture
def demo_path(tmp_path: Path, _demo_template: Path) -> Path:
    """A demo branch (users admin/manager1/manager2/clerk1/analyst1, password 'demo')."""
    return _copy_db(_demo_template, tmp_path / "demo.db")


@pytest.fixture
def demo_login(demo_path: Path) -> Iterator[object]:
    """`demo_login("clerk1")` -> Branch logged in as that demo user; all closed after."""
    opened: list[Branch] = []

    def login(username: str = "admin") -> Branch:
        for b in opened:
            b.close()
        opened.clear()
        b = auth.login(demo_path, username, demo.DEMO_PASSWORD)
        opened.append(b)
        return b

    yield login
    for b in opened:
        b.close()


# Tests that touch dates or times carry the `clock` marker (given here to every test of a
# module that uses dates, times or a clock, or by hand): CI runs them a second time with
# the PC in another zone and the clock just before and just after midnight in Shanghai.
_TIME_WORDS = re.compile(
    r"^\s*(from|import)\s+(datetime|time|zoneinfo)\b|\b(clock|Clock|today|utcnow|now)\b",
    re.MULTILINE)
_touches_time: dict[str, bool] = {}


def _module_touches_time(path: Path) -> bool:
    key = str(path)
    if key not in _touches_time:
        try:
            _touches_time[key] = bool(_TIME_WORDS.search(path.read_text(encoding="utf-8")))
        except OSError:
            _touches_time[key] = False
    return _touches_time[key]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _module_touches_time(Path(str(item.fspath))):
            item.add_marker(pytest.mark.clock)
