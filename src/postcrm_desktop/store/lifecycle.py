"""Making a new encrypted database with no half-made state left behind on failure.

The database is built under a temporary name with its key file beside it; the rename of
the database file is the commit point. A crash or a full disk before it leaves no
database (the next attempt cleans up); after it, `finish_interrupted_init` completes the
key file's rename on the next open.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from postcrm_desktop.core.hlc import HybridClock
from postcrm_desktop.core.ids import new_id
from postcrm_desktop.store.atomic import fsync_dir, fsync_file
from postcrm_desktop.store.engine import (
    APP_MARKER,
    BranchInfo,
    Database,
    DatabaseInUse,
    DatabaseOpenError,
    acquire_instance_lock,
    lock_path,
    make_engine,
)
from postcrm_desktop.store.file_modes import create_private_file, make_private_dir
from postcrm_desktop.store.keyslots import KeyFile, sidecar_path
from postcrm_desktop.store.migrate import upgrade
from postcrm_desktop.store.models.system import Meta


class AlreadyExists(DatabaseOpenError):
    """Something is already at the path (or another init is making it there)."""


def _tmp_db(path: Path) -> Path:
    return path.with_name(path.name + ".init-tmp")


def _pending_keys(path: Path) -> Path:
    return sidecar_path(path).with_name(sidecar_path(path).name + ".init")


def _remove_leftovers(path: Path) -> None:
    tmp = _tmp_db(path)
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), _pending_keys(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def finish_interrupted_init(path: Path) -> None:
    """Database renamed into place but its key file not yet: complete that rename."""
    pending = _pending_keys(path)
    if path.exists() and not sidecar_path(path).exists() and pending.exists():
        os.replace(pending, sidecar_path(path))
        fsync_dir(path.parent)


def create_database(
    path: Path,
    master: bytes,
    *,
    branch_code: str,
    branch_name: str,
    keyfile_for: Callable[[str], KeyFile],
    populate: Callable[[Database], None],
) -> BranchInfo:
    """Build schema and first rows, write the key file, then move both into place.

    `keyfile_for(db_id)` returns the sealed key file; `populate(db)` adds the first
    users and audit rows inside the temporary database.
    """
    path = Path(path)
    if path.exists() or sidecar_path(path).exists():
        raise AlreadyExists(f"{path.name} 或它的密钥文件已经存在，不会覆盖")
    make_private_dir(path.parent)
    # The instance lock keeps a second init (or an app) off the path until this one is
    # done: two at once used to overwrite each other's files and key slots.
    try:
        lock = acquire_instance_lock(path)
    except DatabaseInUse:
        raise AlreadyExists(
            f"{path.name} 正在被另一个初始化或 PostCRM 程序创建或使用，本次不会新建") from None
    try:
        return _create_locked(path, master, branch_code=branch_code, branch_name=branch_name,
                              keyfile_for=keyfile_for, populate=populate)
    except BaseException:
        if not path.exists():  # nothing made: leave nothing behind, the lock file neither
            with contextlib.suppress(OSError):
                lock_path(path).unlink()
        raise
    finally:
        lock.release()


def _create_locked(
    path: Path,
    master: bytes,
    *,
    branch_code: str,
    branch_name: str,
    keyfile_for: Callable[[str], KeyFile],
    populate: Callable[[Database], None],
) -> BranchInfo:
    if path.exists() or sidecar_path(path).exists():  # made while this one waited
        raise AlreadyExists(f"{path.name} 或它的密钥文件已经存在，不会覆盖")
    _remove_leftovers(path)
    tmp = _tmp_db(path)
    site = branch_code.upper()
    info = BranchInfo(new_id(), branch_code, branch_name, site)
    try:
        create_private_file(tmp)  # SQLite gives the WAL and SHM this mode too
        engine = make_engine(tmp, master, pool_size=1)
        try:
            upgrade(engine)
            with engine.begin() as conn:
                conn.execute(
                    insert(Meta),
                    [
                        {"key": "app", "value": APP_MARKER},
                        {"key": "db_id", "value": info.db_id},
                        {"key": "branch_code", "value": branch_code},
                        {"key": "branch_name", "value": branch_name},
                        {"key": "site_id", "value": site},
                    ],
                )
            db = Database(tmp, engine, info, HybridClock(site), lock=None)
            populate(db)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        fsync_file(tmp)
        pending = _pending_keys(path)
        create_private_file(pending)
        with open(pending, "wb") as fh:
            fh.write(keyfile_for(info.db_id).to_bytes())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # commit point
        fsync_dir(path.parent)
    except BaseException:
        _remove_leftovers(path)
        raise
    finish_interrupted_init(path)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{tmp}{suffix}").unlink()
    return info

