"""Restore where it is needed most: with the database missing or broken, and after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, backup, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import restore_journal
from postcrm_desktop.store.keyslots import WrongPassword, sidecar_path
from postcrm_desktop.store.models.system import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _usernames(path: Path) -> set[str]:
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            return set(s.execute(select(User.username)).scalars())
    finally:
        b.close()


@pytest.fixture
def backed_up(branch: Branch, tmp_path: Path) -> tuple[Path, Path]:
    """(database path, backup) where the backup has user 'keep' and the database also 'later'."""
    users.add_user(branch, "keep", "保留", Role.COUNTER_CLERK, "Clerk1234")
    out = backup.backup(branch, tmp_path / "saved" / "b.pcbak")
    users.add_user(branch, "later", "之后", Role.COUNTER_CLERK, "Clerk1234")
    path = branch.path
    branch.close()
    return path, out


def _restore_as(path: Path, out: Path, user: str = "admin",
                password: str = ADMIN_PASSWORD, **kw: object) -> backup.RestoreResult:
    unlock = backup.unlock_backup(path, out, user, password)
    return backup.restore(path, unlock.master, out, check_user=unlock.username, **kw)


def test_backup_carries_its_key_slots(backed_up: tuple[Path, Path]) -> None:
    _path, out = backed_up
    assert backup.backup_keys_path(out).exists()
    assert backup.unlock_backup(Path("/nowhere/x.db"), out, "admin", ADMIN_PASSWORD).master
    with pytest.raises(WrongPassword):
        backup.unlock_backup(Path("/nowhere/x.db"), out, "admin", "Wrong1234")


@pytest.mark.parametrize("damage", ["missing", "garbage", "no-keys", "keys-garbage"])
def test_restore_works_onto_a_missing_or_broken_database(backed_up: tuple[Path, Path],
                                                         damage: str) -> None:
    path, out = backed_up
    if damage == "missing":
        path.unlink()
        sidecar_path(path).unlink()
    elif damage == "garbage":
        path.write_bytes(os.urandom(8192))
    elif damage == "no-keys":
        sidecar_path(path).unlink()
    else:
        sidecar_path(path).write_text("{broken")
    _restore_as(path, out)
    assert _usernames(path) == {"admin", "keep"}
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            assert "backup.restored" in set(s.execute(select(AuditEntry.action)).scalars())
    finally:
        b.close()


def test_restore_needs_the_restore_permission_in_the_backup(backed_up: tuple[Path, Path]
                                                            ) -> None:
    path, out = backed_up
    before = path.read_bytes()
    with pytest.raises(PermissionDenied):
        _restore_as(path, out, "keep", "Clerk1234")
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.replaced-*"))
    assert not restore_journal.staging_path(path).exists()


STEPS = ["journal", "sides", "aside", "keys", "database"]


@pytest.mark.parametrize("crash_at", STEPS)
def test_a_crash_midway_is_finished_at_the_next_login(backed_up: tuple[Path, Path],
                                                      crash_at: str) -> None:
    path, out = backed_up
    sidecar_path(path).unlink()  # so that the key file is part of the swap too

    class Crash(Exception):
        pass

    def step(name: str) -> None:
        if name == crash_at:
            raise Crash(name)

    with pytest.raises(Crash):
        _restore_as(path, out, step=step)
    assert restore_journal.journal_path(path).exists()
    assert _usernames(path) == {"admin", "keep"}  # login finished the restore first
    assert not restore_journal.journal_path(path).exists()
    assert not restore_journal.staging_path(path).exists()
    assert len(list(path.parent.glob("branch.db.replaced-*"))) == 1


def test_a_crash_before_the_decision_leaves_the_old_database(backed_up: tuple[Path, Path]
                                                             ) -> None:
    path, out = backed_up
    staging = restore_journal.staging_path(path)
    staging.write_bytes(out.read_bytes()[:5000])  # a copy cut short by the crash
    assert _usernames(path) == {"admin", "keep", "later"}
    assert not staging.exists()


def test_a_killed_restore_process_is_finished_by_the_next_start(backed_up: tuple[Path, Path]
                                                                 ) -> None:
    path, out = backed_up
    script = (
        "import os, sys\n"
        "from tests.conftest import ADMIN_PASSWORD\n"
        "from postcrm_desktop.services import backup\n"
        "from pathlib import Path\n"
        "db, src = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "u = backup.unlock_backup(db, src, 'admin', ADMIN_PASSWORD)\n"
        "def step(name):\n"
        "    if name == 'aside':\n"
        "        os._exit(9)  # power cut: the old database is aside, the new not yet in\n"
        "backup.restore(db, u.master, src, check_user='admin', step=step)\n"
    )
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-c", script, str(path), str(out)],
                          env=dict(os.environ, PYTHONPATH=f"{SRC}{os.pathsep}{root}"),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert not path.exists()  # the moment the finding describes: no database at all
    assert restore_journal.finish_interrupted_restore(path) is True
    assert _usernames(path) == {"admin", "keep"}
