"""Manual and automatic backups, and restore that checks before it replaces anything."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.atomic import fsync_dir, fsync_file, write_atomic
from postcrm_desktop.store.backup_file import (
    BackupInvalid,
    check_backup_target,
    verify_backup,
    write_backup,
)
from postcrm_desktop.store.engine import Database, acquire_instance_lock, make_engine
from postcrm_desktop.store.file_modes import (
    copy_private,
    create_private_file,
    make_private_dir,
)
from postcrm_desktop.store.keyslots import (
    KeyFile,
    KeySlotError,
    normalize_username,
    sidecar_path,
)
from postcrm_desktop.store.models.system import Meta
from postcrm_desktop.store.restore_journal import (
    discard_staging,
    finish_interrupted_restore,
    staging_keys_path,
    staging_path,
    swap_in,
)

KEEP_AUTOMATIC = 14
SUFFIX = ".pcbak"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")


def last_backup_at(db: Database) -> datetime | None:
    with db.session() as s:
        value = s.execute(select(Meta.value).where(Meta.key == "last_backup_at")).scalar()
    return datetime.fromisoformat(value) if value else None


def check_target(branch: Branch, out: Path, *, force: bool = False) -> None:
    """Raise BackupTargetRefused when `out` must not be overwritten (see backup_file)."""
    check_backup_target(branch.path, branch.master, branch.db.info.db_id, Path(out),
                        force=force)


def backup(branch: Branch, out: Path, *, automatic: bool = False,
           progress: Callable[[int, int], None] | None = None,
           now: datetime | None = None, force: bool = False) -> Path:
    """Write an encrypted copy to `out`. Never over the live database or its files;
    over an existing file only when it is an older backup of this branch (or `force`)."""
    if not automatic:
        branch.actor.require(Perm.BACKUP_RUN)
    check_target(branch, out, force=force)
    _write_backup_keys(branch, out)
    write_backup(branch.db, branch.master, out, progress)
    now = now or datetime.now(UTC)
    with branch.session() as s, transaction(s, branch.actor):
        s.merge(Meta(key="last_backup_at", value=now.isoformat(timespec="seconds")))
        audit.append(s, "backup.automatic" if automatic else "backup.manual",
                     user_id=branch.actor.user_id, username=branch.actor.username,
                     detail={"file": Path(out).name, "bytes": Path(out).stat().st_size})
    return Path(out)


def automatic_backup_due(branch: Branch, now: datetime | None = None) -> bool:
    last = last_backup_at(branch.db)
    now = now or datetime.now(UTC)
    return last is None or last.astimezone().date() < now.astimezone().date()


def automatic_backup(branch: Branch, now: datetime | None = None) -> Path | None:
    """On exit: at most one a day, keeping the newest 14 automatic backups."""
    now = now or datetime.now(UTC)
    if not automatic_backup_due(branch, now):
        return None
    folder = backup_dir(branch.path)
    out = folder / f"{branch.path.stem}-auto-{_stamp(now)}{SUFFIX}"
    backup(branch, out, automatic=True, now=now)
    autos = sorted(folder.glob(f"{branch.path.stem}-auto-*{SUFFIX}"))
    for old in autos[:-KEEP_AUTOMATIC]:
        old.unlink()
        with contextlib.suppress(FileNotFoundError):
            backup_keys_path(old).unlink()
    return out


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced_copy: Path


@dataclass(frozen=True)
class BackupUnlock:
    """What logging in to a backup (with its own key slots) gives: its key, and who."""

    master: bytes
    username: str


def backup_keys_path(backup_file: Path) -> Path:
    """The copy of the key slots that travels beside each backup (`<backup>.keys`)."""
    return sidecar_path(Path(backup_file))


def _write_backup_keys(branch: Branch, out: Path) -> None:
    kf = KeyFile.load(branch.path)
    kf.throttle.clear()
    kf.pending_events.clear()
    make_private_dir(Path(out).parent)
    write_atomic(backup_keys_path(out), kf.to_bytes())


def _readable_keys(path: Path) -> KeyFile | None:
    try:
        return KeyFile.from_bytes(path.read_bytes())
    except (OSError, KeySlotError):
        return None


def unlock_backup(db_path: Path, source: Path, username: str, password: str) -> BackupUnlock:
    """Log in against the backup's own key slots (those of the day it was made), so a
    restore works when the database or its key file is missing or broken. A backup
    without its key copy falls back to the current key file."""
    keys = backup_keys_path(source)
    if keys.exists():
        kf = KeyFile.from_bytes(keys.read_bytes())
    elif sidecar_path(Path(db_path)).exists():
        kf = KeyFile.load(Path(db_path))
    else:
        raise BackupInvalid(
            f"找不到备份的密钥文件 {keys.name}，数据库的密钥文件也不存在，无法验证身份。"
            "请把备份和它旁边的 .keys 文件放在一起")
    return BackupUnlock(kf.unwrap(username, password), username)


def _restorer(staging: Path, master: bytes, username: str) -> tuple[str, str]:
    """The user (id, name) in the backup who may restore; refused otherwise."""
    engine = make_engine(staging, master, pool_size=1)
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT id, role, active FROM users WHERE username = ?",
                (normalize_username(username),)).first()
            perms = set() if row is None else {p for (p,) in conn.exec_driver_sql(
                "SELECT permission FROM role_permissions WHERE role = ?", (row[1],))}
    finally:
        engine.dispose()
    if row is None or not row[2] or str(Perm.BACKUP_RESTORE) not in perms:
        raise PermissionDenied(str(Perm.BACKUP_RESTORE),
                               "该用户在备份中没有恢复数据库的权限（backup.restore）")
    return str(row[0]), normalize_username(username)


def restore(db_path: Path, master: bytes, source: Path, *, actor_name: str = "",
            actor_id: str | None = None, check_user: str | None = None,
            now: datetime | None = None,
            step: Callable[[str], None] = lambda _name: None) -> RestoreResult:
    """Replace the database with a verified backup; keep the old one aside.

    Works when the database is missing or damaged. The caller must have closed every
    connection (the instance lock is taken here). Nothing is replaced unless the backup
    verifies; `check_user` (the command line) must hold backup.restore in the backup.
    The current key file stays when it opens with this key; otherwise the backup's copy
    of the key slots goes in with the database. The swap is journaled: a crash midway is
    finished on the next start (`finish_interrupted_restore`).
    """
    db_path, source = Path(db_path), Path(source)
    finish_interrupted_restore(db_path)
    current = _readable_keys(sidecar_path(db_path))
    carried = _readable_keys(backup_keys_path(source))
    if carried is not None and not carried.verify_mac(master):
        carried = None  # made under another key: of no use with this one
    db_id = current.db_id if current else carried.db_id if carried else None
    if current and carried and carried.db_id != current.db_id:
        raise BackupInvalid("备份文件属于另一个数据库，不能用于恢复本网点")
    replace_keys = current is None or not current.verify_mac(master)
    if replace_keys and carried is None:
        raise BackupInvalid("这份备份旁没有可用的密钥文件，恢复后将无法登录。"
                            "请先用恢复密钥重建密钥文件（postcrm recover）")
    lock = acquire_instance_lock(db_path)
    try:
        staging = staging_path(db_path)
        discard_staging(db_path)
        try:
            copy_private(source, staging)
            fsync_file(staging)
            verify_backup(staging, master, db_id)
            if check_user is not None:
                actor_id, actor_name = _restorer(staging, master, check_user)
            if replace_keys and carried is not None:
                create_private_file(staging_keys_path(db_path))
                with open(staging_keys_path(db_path), "wb") as fh:
                    fh.write(carried.to_bytes())
                    fh.flush()
                    os.fsync(fh.fileno())
            fsync_dir(db_path.parent)
        except BaseException:
            discard_staging(db_path)
            raise
        when = now or datetime.now(UTC)
        aside = db_path.with_name(f"{db_path.name}.replaced-{_stamp(when)}")
        swap_in(db_path, aside, replace_keys=replace_keys, step=step)
    finally:
        lock.release()
    db = Database.open(db_path, master)
    try:
        with db.session(actor_id) as s, s.begin():
            audit.append(s, "backup.restored", user_id=actor_id, username=actor_name,
                         detail={"file": source.name, "replaced_copy": aside.name})
    finally:
        db.close()
    return RestoreResult(source, aside)


def list_backups(db_path: Path) -> list[Path]:
    folder = backup_dir(Path(db_path))
    with contextlib.suppress(FileNotFoundError):
        return sorted(folder.glob(f"*{SUFFIX}"), reverse=True)
    return []
