"""Faults around the encrypted file: foreign files, kills and full disks, a second instance."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from postcrm_desktop.services import auth, backup
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import lifecycle
from postcrm_desktop.store.engine import (
    DatabaseInUse,
    DatabaseMissing,
    DatabaseTooNew,
    NotOurDatabase,
    WrongKey,
)
from postcrm_desktop.store.keyslots import WrongPassword, sidecar_path
from tests.conftest import ADMIN_PASSWORD

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _init(path: Path) -> str:
    return auth.init_branch(path, branch_code="GZ01", branch_name="测试支局",
                            admin_username="admin", admin_password=ADMIN_PASSWORD)


def test_file_is_encrypted_and_holds_no_known_text(branch: Branch) -> None:
    from postcrm_desktop.core.roles import Role
    from postcrm_desktop.services import users

    users.add_user(branch, "zhang", "张晓明测试", Role.COUNTER_CLERK, "Clerk1234",
                   department="13800138000")
    path = branch.path
    branch.close()
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for needle in ("张晓明测试", "13800138000", "zhang", "测试支局"):
        assert needle.encode("utf-8") not in raw
        assert needle.encode("utf-16-le") not in raw


def test_wrong_password_leaves_the_database_untouched(branch_path: Path) -> None:
    before = branch_path.read_bytes()
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "admin", "wrong-password-1")
    assert branch_path.read_bytes() == before


def test_missing_or_empty_file_is_never_replaced(tmp_path: Path) -> None:
    missing = tmp_path / "gone.db"
    with pytest.raises(DatabaseMissing):
        auth.login(missing, "admin", ADMIN_PASSWORD)
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NotOurDatabase):
        auth.login(empty, "admin", ADMIN_PASSWORD)
    assert empty.stat().st_size == 0


def test_plain_sqlite_file_is_not_ours(tmp_path: Path, branch_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("create table t(x)").connection.commit()
    (tmp_path / "plain.db.keys").write_bytes(sidecar_path(branch_path).read_bytes())
    with pytest.raises(NotOurDatabase):
        auth.login(plain, "admin", ADMIN_PASSWORD)


def test_random_bytes_with_a_valid_sidecar_is_refused(tmp_path: Path, branch_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(os.urandom(8192))
    (tmp_path / "bogus.db.keys").write_bytes(sidecar_path(branch_path).read_bytes())
    with pytest.raises(WrongKey):
        auth.login(bogus, "admin", ADMIN_PASSWORD)


def test_second_instance_is_refused(branch: Branch) -> None:
    with pytest.raises(DatabaseInUse, match="另一个"):
        auth.login(branch.path, "admin", ADMIN_PASSWORD)


def test_database_newer_than_the_app_is_refused(branch: Branch) -> None:
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='9999_future'")
    path = branch.path
    branch.close()
    with pytest.raises(DatabaseTooNew):
        auth.login(path, "admin", ADMIN_PASSWORD)


def test_disk_full_during_init_leaves_nothing(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.db"
    real_replace = os.replace

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lifecycle.os, "replace", full)
    with pytest.raises(OSError):
        _init(path)
    monkeypatch.setattr(lifecycle.os, "replace", real_replace)
    assert list(tmp_path.iterdir()) == []
    _init(path)  # the next attempt works
    auth.login(path, "admin", ADMIN_PASSWORD).close()


def _run_and_kill(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_kill_during_init_before_commit_point_leaves_no_database(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    proc = _run_and_kill(f"""
        import os
        from postcrm_desktop.store import keyslots, lifecycle
        keyslots.set_default_kdf(keyslots.KdfParams(1, 1024, 1))
        real = os.replace
        def die(src, dst):
            if str(dst).endswith("k.db"):
                os._exit(9)
            real(src, dst)
        lifecycle.os.replace = die
        from postcrm_desktop.services import auth
        auth.init_branch({str(path)!r}, branch_code="GZ01", branch_name="x",
                         admin_username="admin", admin_password="Admin1234")
    """)
    assert proc.returncode == 9, proc.stderr
    assert not path.exists()
    with pytest.raises(DatabaseMissing):
        auth.login(path, "admin", ADMIN_PASSWORD)
    _init(path)
    auth.login(path, "admin", ADMIN_PASSWORD).close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".init-tmp", ".init"))]


def test_kill_after_commit_point_is_completed_on_next_open(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    proc = _run_and_kill(f"""
        import os
        from postcrm_desktop.store import keyslots, lifecycle
        keyslots.set_default_kdf(keyslots.KdfParams(1, 1024, 1))
        real = os.replace
        def die(src, dst):
            real(src, dst)
            if str(dst).endswith("k.db"):
                os._exit(9)
        lifecycle.os.replace = die
        from postcrm_desktop.services import auth
        auth.init_branch({str(path)!r}, branch_code="GZ01", branch_name="x",
                         admin_username="admin", admin_password="Admin1234")
    """)
    assert proc.returncode == 9, proc.stderr
    assert path.exists() and not sidecar_path(path).exists()
    auth.login(path, "admin", ADMIN_PASSWORD).close()
    assert sidecar_path(path).exists()


def test_kill_during_backup_keeps_the_old_backup(branch: Branch, tmp_path: Path) -> None:
    out = tmp_path / "daily.pcbak"
    backup.backup(branch, out)
    good = out.read_bytes()
    path = branch.path
    branch.close()
    proc = _run_and_kill(f"""
        import os
        from postcrm_desktop.store import keyslots, backup_file
        keyslots.set_default_kdf(keyslots.KdfParams(1, 1024, 1))
        def die(*a, **k):
            os._exit(9)
        backup_file.verify_backup = die  # runs after the pages are copied, before the rename
        from postcrm_desktop.services import auth, backup
        b = auth.login({str(path)!r}, "admin", "Admin1234")
        backup.backup(b, {str(out)!r})
    """)
    assert proc.returncode == 9, proc.stderr
    assert out.read_bytes() == good
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        backup.backup(b, out)  # a leftover .partial does not block the next backup
    finally:
        b.close()
    assert not out.with_name(out.name + ".partial").exists()


def test_disk_full_during_backup_keeps_the_old_backup(branch: Branch, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from postcrm_desktop.store import backup_file

    out = tmp_path / "daily.pcbak"
    backup.backup(branch, out)
    good = out.read_bytes()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_file, "verify_backup", full)
    with pytest.raises(OSError):
        backup.backup(branch, out)
    assert out.read_bytes() == good
    assert not list(tmp_path.glob("*.partial"))
