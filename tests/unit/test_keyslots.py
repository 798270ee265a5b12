"""Key slots: wrapping, integrity of the sidecar, and the recovery key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcrm_desktop.store.keyslots import (
    KeyFile,
    KeySlotError,
    WrongPassword,
    master_from_recovery_key,
    new_master_key,
    recovery_key_from_master,
)


def _keyfile(master: bytes) -> KeyFile:
    kf = KeyFile(db_id="db-1")
    kf.set_password("Alice", "secret123", master)
    return kf


def test_unwrap_with_right_password_case_insensitive_user() -> None:
    master = new_master_key()
    kf = KeyFile.from_bytes(_keyfile(master).to_bytes())
    assert kf.unwrap("alice", "secret123") == master
    assert kf.unwrap(" ALICE ", "secret123") == master


def test_wrong_password_and_unknown_user_look_the_same() -> None:
    kf = _keyfile(new_master_key())
    with pytest.raises(WrongPassword) as wrong:
        kf.unwrap("alice", "secret124")
    with pytest.raises(WrongPassword) as unknown:
        kf.unwrap("mallory", "secret123")
    assert str(wrong.value) == str(unknown.value)


def test_slot_bound_to_its_user_and_database() -> None:
    master = new_master_key()
    kf = _keyfile(master)
    data = json.loads(kf.to_bytes())
    data["slots"][0]["user"] = "bob"  # move alice's slot to bob
    moved = KeyFile.from_bytes(json.dumps(data).encode())
    with pytest.raises(KeySlotError, match="密钥文件被改动"):
        moved.unwrap("bob", "secret123")
    del data["slots"][0]["check"]  # even with its checksum gone, the slot is alice's only
    with pytest.raises(WrongPassword):
        KeyFile.from_bytes(json.dumps(data).encode()).unwrap("bob", "secret123")
    data = json.loads(kf.to_bytes())
    data["db_id"] = "db-2"
    with pytest.raises(WrongPassword):
        KeyFile.from_bytes(json.dumps(data).encode()).unwrap("alice", "secret123")


def test_added_slot_outside_the_app_is_detected() -> None:
    master = new_master_key()
    kf = _keyfile(master)
    forged = KeyFile(db_id="db-1")
    forged.set_password("eve", "x", new_master_key())
    data = json.loads(kf.to_bytes())
    data["slots"].append(json.loads(forged.to_bytes())["slots"][0])
    tampered = KeyFile.from_bytes(json.dumps(data).encode())
    with pytest.raises(KeySlotError, match="恢复"):
        tampered.unwrap("alice", "secret123")


@pytest.mark.parametrize("raw", [b"", b"{not json", b'{"format": "other"}', b"\x00\xff" * 10])
def test_damaged_sidecar_says_how_to_recover(raw: bytes) -> None:
    with pytest.raises(KeySlotError):
        KeyFile.from_bytes(raw)


def test_missing_sidecar_offers_recovery(tmp_path: Path) -> None:
    with pytest.raises(KeySlotError, match="recover"):
        KeyFile.load(tmp_path / "branch.db")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    kf = _keyfile(new_master_key())
    kf.save(db)
    kf.save(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["branch.db.keys"]


@settings(max_examples=50)
@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_round_trip(master: bytes) -> None:
    text = recovery_key_from_master(master)
    assert master_from_recovery_key(text) == master
    assert master_from_recovery_key(text.lower().replace("-", " ")) == master


@settings(max_examples=50)
@given(st.binary(min_size=32, max_size=32), st.data())
def test_recovery_key_typo_is_caught(master: bytes, data: st.DataObject) -> None:
    text = recovery_key_from_master(master)
    positions = [i for i, ch in enumerate(text) if ch != "-"]
    i = data.draw(st.sampled_from(positions))
    replacement = data.draw(st.sampled_from([c for c in "ABCDEFGHJKLMNPQRSTUVWXYZ234567"
                                             if c != text[i]]))
    typo = text[:i] + replacement + text[i + 1:]
    try:
        got = master_from_recovery_key(typo)
    except KeySlotError:
        return
    if i == len(text) - 1:
        return  # the last character carries 3 unused padding bits: same key, no harm
    # A 16-bit check lets about 1 in 65536 typos through; it must still not be the key.
    assert got != master
