"""Files the app creates are readable by their owner only, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, backup, users
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o002)  # the most a desktop session commonly grants others
    yield
    os.umask(old)


def test_new_branch_files_and_folder_are_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "branch.db"
    auth.init_branch(db, branch_code="GZ01", branch_name="测试支局", admin_username="admin",
                     admin_password=ADMIN_PASSWORD)
    assert mode(db.parent) == 0o700
    assert mode(db) == 0o600
    assert mode(Path(f"{db}.keys")) == 0o600
    b = auth.login(db, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(b, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
        assert mode(Path(f"{db}-wal")) == 0o600
        assert mode(Path(f"{db}-shm")) == 0o600
        out = backup.backup(b, backup.backup_dir(db) / "b.pcbak")
        assert mode(out.parent) == 0o700
        assert mode(out) == 0o600
        assert mode(backup.backup_keys_path(out)) == 0o600
        master = b.master
    finally:
        b.close()
    backup.restore(db, master, out)
    assert mode(db) == 0o600
    assert mode(Path(f"{db}.keys")) == 0o600


def test_existing_files_are_tightened_on_open(branch_path: Path) -> None:
    keys = Path(f"{branch_path}.keys")
    for p in (branch_path, keys):
        p.chmod(0o644)
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert mode(branch_path) == 0o600
        assert mode(keys) == 0o600
        assert mode(Path(f"{branch_path}-wal")) == 0o600
    finally:
        b.close()


def test_a_shared_folder_chosen_by_the_user_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    auth.init_branch(shared / "b.db", branch_code="GZ01", branch_name="测试支局",
                     admin_username="admin", admin_password=ADMIN_PASSWORD)
    assert mode(shared) == 0o755
    assert mode(shared / "b.db") == 0o600
