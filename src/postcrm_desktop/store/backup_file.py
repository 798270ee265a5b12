"""Encrypted backups through SQLite's online backup API, and checking a backup file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.store.atomic import fsync_dir
from postcrm_desktop.store.engine import (
    APP_MARKER,
    Database,
    check_file,
    make_engine,
    raw_integrity_check,
)
from postcrm_desktop.store.file_modes import create_private_file, make_private_dir
from postcrm_desktop.store.keyslots import KeyFile


class BackupInvalid(PostCrmError):
    pass


class BackupTargetRefused(PostCrmError):
    """The chosen backup file would overwrite something that must not be overwritten.

    `overridable` is True when the person may insist (`--force`): an existing file that
    is not an older backup of this branch. The live files never are.
    """

    def __init__(self, message: str, *, overridable: bool = False) -> None:
        super().__init__(message)
        self.overridable = overridable


# Files beside a live database that a backup must never replace.
_LIVE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".keys", ".lock", ".keys.lock", ".recovery",
                  ".restore-journal")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_backup_of(path: Path, master: bytes, db_id: str) -> bool:
    """Whether `path` opens with this key and carries this database's id (read only)."""
    try:
        check_file(path)
        conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    except (PostCrmError, OSError, sqlcipher3.Error):
        return False
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{master.hex()}'\"")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()
    return meta.get("app") == APP_MARKER and meta.get("db_id") == db_id


def _is_key_file_of(path: Path, db_id: str) -> bool:
    try:
        return KeyFile.from_bytes(path.read_bytes()).db_id == db_id
    except (OSError, PostCrmError):
        return False


def check_backup_target(db_path: Path, master: bytes, db_id: str, out: Path, *,
                        force: bool = False) -> None:
    """Refuse a target that is the live database or one of its files (always), or an
    existing file that is not an older backup of this database (unless `force`).

    Symbolic links are followed and hard links recognised (same file), so no other
    name for the live files gets past.
    """
    out, db_path = Path(out), Path(db_path)
    live = [Path(f"{db_path}{suffix}") for suffix in _LIVE_SUFFIXES]
    candidates = [out, out.with_name(out.name + ".partial"), Path(f"{out}.keys")]
    for target in candidates:
        resolved = target.resolve()
        for own in live:
            if resolved == own.resolve() or _same_file(target, own):
                raise BackupTargetRefused(
                    f"不能把备份写到 {out.name}：它是正在使用的数据库或其密钥文件、日志文件。"
                    "请选择备份文件夹中的新文件名")
    if out.is_dir():
        raise BackupTargetRefused(f"{out} 是一个文件夹，请给出备份文件名")
    if out.exists() and not force and not _is_backup_of(out, master, db_id):
        raise BackupTargetRefused(
            f"{out.name} 已存在，且不是本网点的旧备份，不会覆盖它。请换一个文件名",
            overridable=True)
    keys = Path(f"{out}.keys")
    if keys.exists() and not _is_key_file_of(keys, db_id):
        raise BackupTargetRefused(
            f"{keys.name} 已存在，且不是本网点的密钥文件，不会覆盖它。请换一个文件名")


def _keyed(path: Path, master: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{master.hex()}'\"")
    return conn


def write_backup(db: Database, master: bytes, out: Path,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Copy the live database, page by page, into `out` under the same key.

    Written beside as `out.partial` and renamed when complete and verified, so a crash
    or a full disk never leaves a half backup under the real name.
    """
    out = Path(out)
    make_private_dir(out.parent)
    partial = out.with_name(out.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        create_private_file(partial)
        raw = db.engine.raw_connection()
        try:
            dst = _keyed(partial, master)
            try:
                raw.driver_connection.backup(  # type: ignore[union-attr]
                    dst, pages=256,
                    progress=(lambda _s, remaining, total: progress(total - remaining, total))
                    if progress else None,
                )
            finally:
                dst.close()
        finally:
            raw.close()
        verify_backup(partial, master, db.info.db_id)
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, out)
        fsync_dir(out.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise


def verify_backup(path: Path, master: bytes, db_id: str | None) -> None:
    """Open the file with the key, check every page's HMAC and the structure, and its id."""
    try:
        check_file(path)
    except PostCrmError as exc:
        raise BackupInvalid(f"备份文件无效：{exc}") from exc
    engine = make_engine(path, master, pool_size=1)
    try:
        try:
            problems = raw_integrity_check(engine)
            with engine.connect() as conn:
                meta = dict(conn.exec_driver_sql("SELECT key, value FROM meta").all())
        except PostCrmError as exc:
            raise BackupInvalid(
                "备份文件无法用本数据库的密钥打开（不是本网点的备份或已损坏）"
            ) from exc
        except Exception as exc:
            raise BackupInvalid("备份文件已损坏，无法读取，不能用于恢复。请换一份备份。") \
                .with_detail(f"{type(exc).__name__}: {exc}") from exc
        if problems:
            raise BackupInvalid(
                f"备份文件已损坏：有 {len(problems)} 处数据未通过加密校验，不能用于恢复。"
                "请换一份备份。").with_detail("\n".join(problems[:50]))
        if meta.get("app") != APP_MARKER:
            raise BackupInvalid("备份文件不是 PostCRM 数据库")
        if db_id is not None and meta.get("db_id") != db_id:
            raise BackupInvalid("备份文件属于另一个数据库，不能用于恢复本网点")
    finally:
        engine.dispose()
