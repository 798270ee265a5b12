"""Files the app creates are its owner's only: 0600 files, 0700 folders, whatever the umask.

The mode is set at creation (a file opened with 0600 and then fchmod-ed, so a permissive
umask cannot widen it and a strict one cannot matter) and tightened again when a database
is opened, for files made by older versions or copied in by hand. SQLite creates the
write-ahead log and shared-memory files with the database file's own mode, so a private
database gets a private WAL and SHM. On Windows, modes do not apply (the profile folder's
access list does the same job), so these are no-ops there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_POSIX = os.name == "posix"


def create_private_file(path: Path) -> None:
    """Create `path` empty (or keep it) with mode 0600 before anyone writes to it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    try:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """mkdir -p, with each folder this call creates set to 0700; existing ones untouched
    (the user may have pointed the app at a shared folder on purpose)."""
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        for created in missing:
            with contextlib.suppress(OSError):
                os.chmod(created, PRIVATE_DIR)


def copy_private(source: Path, target: Path) -> None:
    """Copy the bytes of `source` into a new 0600 file `target`."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    create_private_file(target)
    with open(source, "rb") as src, open(target, "r+b") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)


def tighten(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Remove group and other access from an existing file of ours (no error if absent
    or owned by someone else)."""
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & 0o077:
            os.chmod(path, mode)


def tighten_database_files(db_path: Path) -> None:
    db_path = Path(db_path)
    for suffix in ("", "-wal", "-shm", "-journal", ".keys", ".recovery"):
        tighten(Path(f"{db_path}{suffix}"))
