"""Manual and automatic backups, and restore that checks before it replaces anything."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.atomic import fsync_dir
from postcrm_desktop.store.backup_file import (
    check_backup_target,
    verify_backup,
    write_backup,
)
from postcrm_desktop.store.engine import Database
from postcrm_desktop.store.keyslots import KeyFile
from postcrm_desktop.store.models.system import Meta

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
    return out


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced_copy: Path


def restore(db_path: Path, master: bytes, source: Path, *, actor_name: str = "",
            actor_id: str | None = None) -> RestoreResult:
    """Replace the (closed) database with a verified backup; keep the old one aside.

    The caller must have closed every connection first (the app logs out; the CLI holds
    no open database). Nothing is replaced unless the backup verifies.
    """
    db_path, source = Path(db_path), Path(source)
    kf = KeyFile.load(db_path)
    verify_backup(source, master, kf.db_id)
    now = datetime.now(UTC)
    aside = db_path.with_name(f"{db_path.name}.replaced-{_stamp(now)}")
    staging = db_path.with_name(db_path.name + ".restore-tmp")
    shutil.copyfile(source, staging)
    with open(staging, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    if db_path.exists():
        os.replace(db_path, aside)
    os.replace(staging, db_path)
    fsync_dir(db_path.parent)
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
