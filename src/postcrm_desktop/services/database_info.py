"""What the open branch database is (for the admin page) and its page-level integrity check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import migrate
from postcrm_desktop.store.backup_file import verify_backup
from postcrm_desktop.store.engine import raw_integrity_check


@dataclass(frozen=True)
class DatabaseInfo:
    branch_code: str
    branch_name: str
    path: Path
    size_bytes: int  # the database file plus its write-ahead log
    schema_version: str | None
    app_schema_version: str  # the newest schema this program knows


def describe(branch: Branch) -> DatabaseInfo:
    info = branch.db.info
    path = branch.path
    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    return DatabaseInfo(info.branch_code, info.branch_name, path, size,
                        migrate.current(branch.db.engine), migrate.head())


def integrity_check(branch: Branch) -> list[str]:
    """SQLCipher's per-page HMAC check and SQLite's structure check; [] when healthy.

    Reads every page, so it takes a while on a large database: run it in the background.
    """
    branch.actor.require(Perm.AUDIT_VIEW)
    return raw_integrity_check(branch.db.engine)


def check_backup(branch: Branch, source: Path) -> None:
    """Refuse (BackupInvalid, with a message) a file that is not a good backup of this
    branch: wrong key, another database, damaged pages. Changes nothing."""
    branch.actor.require(Perm.BACKUP_RESTORE)
    verify_backup(Path(source), branch.master, branch.db.info.db_id)
