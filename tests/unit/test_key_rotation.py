"""Rotating the master key: leavers and old copies are locked out, everyone else stays."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, backup, keys, users
from postcrm_desktop.store.engine import Database, WrongKey
from postcrm_desktop.store.keyslots import (
    KeyFile,
    KeySlotError,
    Slot,
    WrongPassword,
    default_kdf,
    recovery_key_from_master,
    sidecar_path,
)


@pytest.fixture
def branch_with_key(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "b.db"
    key = auth.init_branch(path, branch_code="SZ02", branch_name="深圳测试",
                           admin_username="boss", admin_password="Boss12345")
    b = auth.login(path, "boss", "Boss12345")
    try:
        users.add_user(b, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234", enforce_policy=False)
        users.add_user(b, "leaver", "离职者", Role.COUNTER_CLERK, "Leave1234",
                       enforce_policy=False)
    finally:
        b.close()
    return path, key


def _opens(path: Path, master: bytes) -> bool:
    try:
        Database.open(path, master, lock=False).close()
    except WrongKey:
        return False
    return True


def test_recovery_key_is_not_the_master_key(branch_with_key: tuple[Path, str]) -> None:
    path, key = branch_with_key
    from postcrm_desktop.store.keyslots import master_from_recovery_key

    assert not _opens(path, master_from_recovery_key(key))


def test_rotation_locks_out_the_leaver_and_keeps_everyone_else(
        branch_with_key: tuple[Path, str], tmp_path: Path) -> None:
    path, key = branch_with_key
    leaver_copy = tmp_path / "leaver.keys"
    shutil.copyfile(sidecar_path(path), leaver_copy)  # taken while still employed
    b = auth.login(path, "boss", "Boss12345")
    try:
        old = b.master
        users.set_active(b, "leaver", False)
        steps: list[tuple[int, int, str]] = []
        result = keys.rotate(b, lambda d, t, x: steps.append((d, t, x)))
        assert result.generation == 1 and result.new_recovery_key is None
        assert result.slots == 2 and result.dropped == []
        assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
        assert b.master != old
        after = tmp_path / "after.pcbak"
        backup.backup(b, after)
    finally:
        b.close()
    assert not _opens(path, old)
    leaver_master = KeyFile.from_bytes(leaver_copy.read_bytes()).unwrap("leaver", "Leave1234")
    assert leaver_master == old and not _opens(path, leaver_master)
    assert not _opens(after, old)
    auth.login(path, "clerk", "Clerk1234").close()
    with pytest.raises(WrongPassword):
        auth.login(path, "leaver", "Leave1234")
    assert auth.recover(path, key, "boss", "Fresh12345") == 0
    auth.login(path, "boss", "Fresh12345").close()
    auth.login(path, "clerk", "Clerk1234").close()
    # With the key file lost, the recovery key opens the database through its own copy.
    sidecar_path(path).unlink()
    assert auth.recover(path, key, "boss", "Again12345") == 1
    auth.login(path, "boss", "Again12345").close()


def _make_version_1(path: Path, user: str, password: str, master: bytes) -> None:
    """The key file as version 1 wrote it: slots wrap the master key itself."""
    old = KeyFile.load(path)
    kf = KeyFile(db_id=old.db_id, anchor=old.anchor)
    kdf, salt, nonce = default_kdf(), os.urandom(16), os.urandom(12)
    wrapped = AESGCM(kdf.derive(password, salt)).encrypt(nonce, master, kf._aad(user))
    kf.slots[user] = Slot(user, kdf, salt, nonce, wrapped)
    kf.seal(master)
    data = kf.to_bytes().replace(b'"version": 2', b'"version": 1')
    sidecar_path(path).write_bytes(data)


def test_version_1_file_is_upgraded_and_its_recovery_key_replaced_at_rotation(
        branch_with_key: tuple[Path, str]) -> None:
    path, _ = branch_with_key
    b = auth.login(path, "boss", "Boss12345")
    master = b.master
    b.close()
    _make_version_1(path, "boss", "Boss12345", master)
    legacy_key = recovery_key_from_master(master)  # version 1: the master key for people
    assert KeyFile.load(path).slots["boss"].legacy
    b = auth.login(path, "boss", "Boss12345")
    try:
        kf = KeyFile.load(path)
        assert not kf.slots["boss"].legacy and kf.legacy_recovery
        result = keys.rotate(b)
        assert result.new_recovery_key is not None
    finally:
        b.close()
    with pytest.raises(KeySlotError):
        auth.recover(path, legacy_key, "boss", "Fresh12345")
    auth.recover(path, result.new_recovery_key, "boss", "Fresh12345")
    auth.login(path, "boss", "Fresh12345").close()


def test_version_1_recovery_key_still_recovers(branch_with_key: tuple[Path, str]) -> None:
    path, _ = branch_with_key
    b = auth.login(path, "boss", "Boss12345")
    master = b.master
    b.close()
    _make_version_1(path, "boss", "Boss12345", master)
    assert auth.recover(path, recovery_key_from_master(master), "boss", "Fresh12345") == 0
    auth.login(path, "boss", "Fresh12345").close()


def test_rotation_cut_short_after_rekey_is_finished_at_login(
        branch_with_key: tuple[Path, str]) -> None:
    path, key = branch_with_key
    b = auth.login(path, "boss", "Boss12345")
    from postcrm_desktop.store.keyslots import editing, new_master_key

    new = new_master_key()
    with editing(path, b.master) as kf:
        kf.prepare_rotation(new)
    b.db.rekey(new)
    b.close()  # the key file was never completed
    c = auth.login(path, "clerk", "Clerk1234")
    try:
        assert c.master == new
    finally:
        c.close()
    kf = KeyFile.load(path)
    assert kf.next_sealed is None and kf.generation == 1 and kf.verify_mac(new)
    auth.login(path, "boss", "Boss12345").close()
    assert auth.recover(path, key, "boss", "Fresh12345") == 0


def test_rotation_cut_short_before_rekey_is_dropped_at_login(
        branch_with_key: tuple[Path, str]) -> None:
    path, _ = branch_with_key
    b = auth.login(path, "boss", "Boss12345")
    old = b.master
    from postcrm_desktop.store.keyslots import editing, new_master_key

    with editing(path, old) as kf:
        kf.prepare_rotation(new_master_key())
    b.close()
    c = auth.login(path, "clerk", "Clerk1234")
    try:
        assert c.master == old
    finally:
        c.close()
    assert KeyFile.load(path).next_sealed is None
