"""Encrypted backups, automatic rotation, and restore that verifies first."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, backup, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store.backup_file import BackupInvalid, BackupTargetRefused
from postcrm_desktop.store.engine import raw_integrity_check
from postcrm_desktop.store.models.system import AuditEntry, User
from tests.conftest import ADMIN_PASSWORD


def test_backup_is_encrypted_and_restorable(branch: Branch, tmp_path: Path) -> None:
    users.add_user(branch, "keep", "保留", Role.COUNTER_CLERK, "Clerk1234")
    out = backup.backup(branch, tmp_path / "b1.pcbak")
    assert out.read_bytes()[:16] != b"SQLite format 3\x00"
    assert backup.last_backup_at(branch.db) is not None
    users.add_user(branch, "later", "之后", Role.COUNTER_CLERK, "Clerk1234")
    master, path = branch.master, branch.path
    branch.close()

    result = backup.restore(path, master, out, actor_name="admin")
    assert result.replaced_copy.exists()
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            names = set(s.execute(select(User.username)).scalars())
            actions = list(s.execute(select(AuditEntry.action)).scalars())
    finally:
        b.close()
    assert "keep" in names and "later" not in names
    assert "backup.restored" in actions


def test_restore_refuses_a_damaged_backup_and_touches_nothing(branch: Branch,
                                                             tmp_path: Path) -> None:
    out = backup.backup(branch, tmp_path / "b.pcbak")
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    out.write_bytes(bytes(raw))
    master, path = branch.master, branch.path
    branch.close()
    before = path.read_bytes()
    with pytest.raises(BackupInvalid):
        backup.restore(path, master, out)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.replaced-*"))


def test_restore_refuses_another_branchs_backup(branch: Branch, tmp_path: Path) -> None:
    other = tmp_path / "other" / "o.db"
    auth.init_branch(other, branch_code="SZ01", branch_name="别处", admin_username="admin",
                     admin_password=ADMIN_PASSWORD)
    ob = auth.login(other, "admin", ADMIN_PASSWORD)
    try:
        foreign = backup.backup(ob, tmp_path / "foreign.pcbak")
    finally:
        ob.close()
    master, path = branch.master, branch.path
    branch.close()
    with pytest.raises(BackupInvalid):
        backup.restore(path, master, foreign)


def test_restore_refuses_a_file_that_is_not_a_backup(branch: Branch, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pcbak"
    junk.write_bytes(b"not a database at all" * 100)
    master, path = branch.master, branch.path
    branch.close()
    with pytest.raises(BackupInvalid):
        backup.restore(path, master, junk)


def test_automatic_backup_at_most_daily_keeps_fourteen(branch: Branch) -> None:
    start = datetime(2026, 11, 1, 12, tzinfo=UTC)
    made = [backup.automatic_backup(branch, start + timedelta(days=d)) for d in range(16)]
    assert all(made)
    assert backup.automatic_backup(branch, start + timedelta(days=15, minutes=5)) is None
    autos = backup.list_backups(branch.path)
    assert len(autos) == backup.KEEP_AUTOMATIC
    assert made[-1] in autos and made[0] not in autos


def test_clerk_may_not_run_a_manual_backup(branch: Branch, tmp_path: Path) -> None:
    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    path = branch.path
    branch.close()
    clerk = auth.login(path, "clerk", "Clerk1234")
    try:
        with pytest.raises(PermissionDenied, match=r"backup\.run"):
            backup.backup(clerk, tmp_path / "x.pcbak")
    finally:
        clerk.close()


def _live_files(path: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (path, Path(f"{path}.keys")) if p.exists()}


@pytest.mark.parametrize("suffix", ["", ".keys", "-wal", "-shm", "-journal", ".keys.lock",
                                    ".recovery", ".restore-journal"])
def test_backup_refuses_the_live_database_and_its_files(branch: Branch, suffix: str) -> None:
    path = branch.path
    out = Path(f"{path}{suffix}")
    keys_before = Path(f"{path}.keys").read_bytes()
    with pytest.raises(BackupTargetRefused, match="正在使用的数据库"):
        backup.backup(branch, out, force=True)
    assert Path(f"{path}.keys").read_bytes() == keys_before
    with branch.session() as s:  # still readable and whole
        assert s.execute(select(User.username)).scalars().all() == ["admin"]
    assert raw_integrity_check(branch.db.engine) == []


def test_backup_refuses_other_names_for_the_live_files(branch: Branch, tmp_path: Path) -> None:
    link = tmp_path / "link.pcbak"
    link.symlink_to(branch.path)
    hard = tmp_path / "hard.pcbak"
    os.link(Path(f"{branch.path}.keys"), hard)
    before = _live_files(branch.path)
    for out in (link, hard):
        with pytest.raises(BackupTargetRefused):
            backup.backup(branch, out, force=True)
    assert _live_files(branch.path) == before
    assert raw_integrity_check(branch.db.engine) == []


def test_backup_refuses_to_replace_another_branchs_database(branch: Branch,
                                                           tmp_path: Path) -> None:
    other = tmp_path / "other" / "o.db"
    auth.init_branch(other, branch_code="SZ01", branch_name="别处", admin_username="admin",
                     admin_password=ADMIN_PASSWORD)
    before = other.read_bytes()
    with pytest.raises(BackupTargetRefused, match="不是本网点的旧备份") as refused:
        backup.backup(branch, other)
    assert refused.value.overridable
    assert other.read_bytes() == before
    junk = tmp_path / "notes.txt"
    junk.write_text("keep me")
    with pytest.raises(BackupTargetRefused):
        backup.backup(branch, junk)
    assert junk.read_text() == "keep me"
    backup.backup(branch, junk, force=True)  # said on purpose
    assert junk.read_bytes()[:16] != b"keep me"


def test_backup_may_replace_an_older_backup_of_this_branch(branch: Branch,
                                                          tmp_path: Path) -> None:
    out = backup.backup(branch, tmp_path / "b.pcbak")
    users.add_user(branch, "later", "之后", Role.COUNTER_CLERK, "Clerk1234")
    backup.backup(branch, out)
    master, path = branch.master, branch.path
    branch.close()
    backup.restore(path, master, out)
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            assert "later" in set(s.execute(select(User.username)).scalars())
    finally:
        b.close()


def test_a_backup_failing_the_page_check_is_refused_in_a_sentence_with_the_detail_aside(
        branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postcrm_desktop.store import backup_file

    good = backup.backup(branch, tmp_path / "good.pcbak")
    monkeypatch.setattr(backup_file, "raw_integrity_check",
                        lambda _engine: ["HMAC verification failed for page 1221"])
    master, path = branch.master, branch.path
    branch.close()
    with pytest.raises(BackupInvalid) as caught:
        backup.restore(path, master, good)
    assert "HMAC" not in str(caught.value) and "已损坏" in str(caught.value)
    assert caught.value.detail == "HMAC verification failed for page 1221"
