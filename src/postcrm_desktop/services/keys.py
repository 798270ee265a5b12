"""Rotating the database's master key, e.g. after a user left.

A rotation picks a new random master key, seals it to every remaining key slot's public
key and to the recovery key's (no password is needed: slots hold key pairs, see
store/keyslots.py), re-encrypts the database with `PRAGMA rekey`, then makes the new
seals the current ones. A disabled user's removed slot, or a copy of the old master
key, no longer opens the database or any backup made after the rotation.

Crash safety: the new seals are written beside the current ones before the database is
re-encrypted (one SQLCipher transaction). A login that finds the database under the new
key finishes the rotation; one that finds it under the old key drops the pending seals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit, audit_anchor
from postcrm_desktop.store.keyslots import (
    TAMPERED_MESSAGE,
    KeyFile,
    KeySlotError,
    editing,
    locked,
    new_master_key,
    recovery_key_from_master,
    save_recovery_copy,
)

Progress = Callable[[int, int, str], None]
STEPS = 4


@dataclass(frozen=True)
class RotationResult:
    generation: int
    slots: int  # users who keep their password
    dropped: list[str]  # users whose old-format slot could not be carried over
    new_recovery_key: str | None  # shown once when the recovery key had to change


def _finish(kf: KeyFile, old: bytes, new: bytes) -> list[str]:
    """Make the pending seals current and move the audit anchor to the new key."""
    if kf.anchor is not None:
        try:
            seq, head_hash = int(kf.anchor["seq"]), str(kf.anchor["hash"])
            valid = audit_anchor.sign(audit_anchor.anchor_key(old), kf.db_id, seq,
                                      head_hash) == kf.anchor
        except (KeyError, TypeError, ValueError):
            valid = False
        # An anchor that was not valid under the old key stays invalid under the new one.
        if valid:
            kf.anchor = audit_anchor.sign(audit_anchor.anchor_key(new), kf.db_id, seq,
                                          head_hash)
    return kf.complete_rotation(new)


def finish_interrupted(path: Path, old: bytes, new: bytes) -> None:
    """The database opened with a pending rotation's key: complete the key file."""
    with locked(path):
        kf = KeyFile.load(path)
        if kf.next_sealed is None:
            return
        if not kf.verify_mac(old):
            raise KeySlotError(TAMPERED_MESSAGE)
        _finish(kf, old, new)
        kf.save(path)
        save_recovery_copy(path, kf)


def abandon_interrupted(path: Path, master: bytes) -> None:
    """The database still opens with the current key: the rotation never happened."""
    with editing(path, master) as kf:
        kf.next_sealed, kf.next_generation, kf.next_recovery_pub = None, 0, None


def rotate(branch: Branch, progress: Progress | None = None) -> RotationResult:
    """Re-encrypt the open database under a new master key; every remaining user and
    the recovery key keep working. Needs the user management permission."""
    branch.actor.require(Perm.USER_MANAGE)
    step = progress or (lambda _d, _t, _x: None)
    path, old, new = branch.path, branch.master, new_master_key()
    step(0, STEPS, "准备新的主密钥…")
    new_secret = None
    with editing(path, old) as kf:
        # A version 1 recovery key is an old master key, which a leaver may hold too.
        if kf.recovery_pub is None or kf.legacy_recovery:
            new_secret = new_master_key()
        kf.prepare_rotation(new, new_secret)
    step(1, STEPS, "正在用新的主密钥重新加密数据库…")
    branch.db.rekey(new)
    step(2, STEPS, "正在更新密钥文件…")
    with locked(path):
        kf = KeyFile.load(path)
        dropped = _finish(kf, old, new)
        kf.save(path)
        save_recovery_copy(path, kf)
    branch.master = new
    step(3, STEPS, "正在记录审计日志…")
    with branch.session() as s, s.begin():
        audit.append(s, "key.rotated", user_id=branch.actor.user_id,
                     username=branch.actor.username,
                     detail={"generation": kf.generation, "slots": len(kf.slots),
                             "dropped": len(dropped), "recovery_key_replaced": bool(new_secret)})
    step(STEPS, STEPS, "完成")
    return RotationResult(kf.generation, len(kf.slots), dropped,
                          recovery_key_from_master(new_secret) if new_secret else None)


def new_recovery_key(branch: Branch) -> str:
    """Replace the recovery key (e.g. the paper was lost); the old one stops working."""
    branch.actor.require(Perm.USER_MANAGE)
    secret = new_master_key()
    with editing(branch.path, branch.master) as kf:
        kf.set_recovery(secret, branch.master)
    save_recovery_copy(branch.path, kf)
    with branch.session() as s, s.begin():
        audit.append(s, "key.recovery_replaced", user_id=branch.actor.user_id,
                     username=branch.actor.username)
    return recovery_key_from_master(secret)
