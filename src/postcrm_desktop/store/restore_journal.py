"""Replacing the database with a restored copy so that a crash at any step loses nothing.

The copy (and, when needed, its key file) is first written beside the database under
temporary names. Then an intent file (`<database>.restore-journal`) is written and
synced: from that moment the restore is decided, and `finish_interrupted_restore`
completes it on the next start (app or command) from wherever it stopped. Before the
intent file exists nothing live has moved, and leftovers are simply removed. Should the
copy be gone while the database is missing too (which the steps below never produce),
the set-aside database is moved back instead: there is always a database.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from postcrm_desktop.store.atomic import fsync_dir
from postcrm_desktop.store.keyslots import sidecar_path

SIDE_SUFFIXES = ("-wal", "-shm")


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restore-journal")


def staging_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restore-tmp")


def staging_keys_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restore-keys")


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def discard_staging(db_path: Path) -> None:
    staging = staging_path(db_path)
    for leftover in (staging, *(Path(f"{staging}{s}") for s in SIDE_SUFFIXES),
                     staging_keys_path(db_path)):
        _remove(leftover)


def _write_journal(db_path: Path, aside: Path, replace_keys: bool) -> None:
    journal = journal_path(db_path)
    tmp = journal.with_name(journal.name + ".new")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"aside": aside.name, "replace_keys": replace_keys}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, journal)
    fsync_dir(db_path.parent)


def swap_in(db_path: Path, aside: Path, *, replace_keys: bool,
            step: Callable[[str], None] = lambda _name: None) -> None:
    """Move the staged copy into place, keeping the old database as `aside`.

    The staged files must be complete and synced. `step(name)` is called between the
    moves (tests use it to stop at each one as a crash would).
    """
    _write_journal(db_path, aside, replace_keys)
    step("journal")
    _roll_forward(db_path, aside, replace_keys, step)


def _roll_forward(db_path: Path, aside: Path, replace_keys: bool,
                  step: Callable[[str], None] = lambda _name: None) -> None:
    staging, staged_keys = staging_path(db_path), staging_keys_path(db_path)
    keys = sidecar_path(db_path)
    if staging.exists():
        for suffix in SIDE_SUFFIXES:
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        step("sides")
        if db_path.exists():
            os.replace(db_path, aside)
        step("aside")
    if replace_keys and staged_keys.exists():
        old_keys = sidecar_path(aside)
        if keys.exists() and not old_keys.exists():
            shutil.copyfile(keys, old_keys)
        os.replace(staged_keys, keys)
        step("keys")
    if staging.exists():
        os.replace(staging, db_path)
        step("database")
    elif not db_path.exists() and aside.exists():
        os.replace(aside, db_path)  # nothing to finish with: undo
        for suffix in SIDE_SUFFIXES:
            side = Path(f"{aside}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{db_path}{suffix}"))
        if replace_keys and sidecar_path(aside).exists():
            os.replace(sidecar_path(aside), keys)
    fsync_dir(db_path.parent)
    _remove(journal_path(db_path))
    discard_staging(db_path)
    fsync_dir(db_path.parent)


def finish_interrupted_restore(db_path: Path) -> bool:
    """Complete a restore that a crash or power cut interrupted; True if there was one."""
    db_path = Path(db_path)
    journal = journal_path(db_path)
    if not journal.exists():
        if staging_path(db_path).exists() or staging_keys_path(db_path).exists():
            discard_staging(db_path)  # stopped before the decision: nothing live moved
        return False
    try:
        intent = json.loads(journal.read_text(encoding="utf-8"))
        aside = db_path.with_name(str(intent["aside"]))
        replace_keys = bool(intent["replace_keys"])
    except (ValueError, KeyError, TypeError, OSError):
        # A torn intent file was never synced into place: the restore had not started.
        _remove(journal)
        discard_staging(db_path)
        return False
    _roll_forward(db_path, aside, replace_keys)
    return True
