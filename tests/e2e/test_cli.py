"""The `postcrm` command as a script would use it: exit codes and one-line messages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")


def postcrm(*args: str, password: str = "Admin1234", **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD=password, **env)
    return subprocess.run([sys.executable, "-m", "postcrm_desktop", *args], env=full_env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "branch.db"
    proc = postcrm("init", "--db", str(db), "--branch", "GZ01", "--branch-name", "天河支局",
                   "--admin", "admin")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"([A-Z2-7]{5}-){10}[A-Z2-7]{5}", proc.stdout), "recovery key printed"
    return db


def _copy(db: Path, folder: Path) -> Path:
    copy = folder / "copy.db"
    copy.write_bytes(db.read_bytes())
    (folder / "copy.db.keys").write_bytes(Path(f"{db}.keys").read_bytes())
    return copy


def test_wrong_password_exit_2_and_database_untouched(cli_db: Path, tmp_path: Path) -> None:
    db = _copy(cli_db, tmp_path)  # failures are counted: keep them off the shared database
    before = db.read_bytes()
    proc = postcrm("audit", "verify", "--db", str(db), password="Wrong1234")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "密码错误" in proc.stderr
    assert db.read_bytes() == before


def test_audit_verify_ok_then_names_the_broken_row(cli_db: Path, tmp_path: Path) -> None:
    proc = postcrm("audit", "verify", "--db", str(cli_db))
    assert proc.returncode == 0, proc.stderr
    copy = _copy(cli_db, tmp_path)
    edit = (
        "import sys\n"
        "from postcrm_desktop.services import auth\n"
        "b = auth.login(sys.argv[1], 'admin', 'Admin1234')\n"
        "with b.db.engine.begin() as c:\n"
        "    c.exec_driver_sql('DROP TRIGGER audit_log_no_update')\n"
        "    c.exec_driver_sql(\"UPDATE audit_log SET username='eve' WHERE seq=1\")\n"
        "b.close()\n"
    )
    subprocess.run([sys.executable, "-c", edit, str(copy)], check=True,
                   env=dict(os.environ, PYTHONPATH=SRC))
    proc = postcrm("audit", "verify", "--db", str(copy))
    assert proc.returncode == 5
    assert "seq 1" in proc.stderr


def test_backup_and_restore_round_trip(cli_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pcbak"
    proc = postcrm("backup", "--db", str(cli_db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
    proc = postcrm("restore", "--db", str(cli_db), "--from", str(out))
    assert proc.returncode == 0, proc.stderr
    assert list(cli_db.parent.glob("branch.db.replaced-*"))
    bad = tmp_path / "bad.pcbak"
    bad.write_bytes(b"x" * 4096)
    set_aside = set(cli_db.parent.glob("branch.db.replaced-*"))
    proc = postcrm("restore", "--db", str(cli_db), "--from", str(bad))
    assert proc.returncode != 0 and proc.stderr.startswith("postcrm:")
    # refused before anything moved: no new copy set aside, the database still opens
    assert set(cli_db.parent.glob("branch.db.replaced-*")) == set_aside
    assert postcrm("audit", "verify", "--db", str(cli_db)).returncode == 0


def test_missing_database_exit_4(tmp_path: Path) -> None:
    proc = postcrm("audit", "verify", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 4
    assert not (tmp_path / "none.db").exists()


def test_backup_over_the_live_database_or_key_file_is_refused(cli_db: Path,
                                                              tmp_path: Path) -> None:
    db = _copy(cli_db, tmp_path)
    keys = Path(f"{db}.keys")
    before = keys.read_bytes()
    for target in (db, keys):
        proc = postcrm("backup", "--db", str(db), "--out", str(target), "--force")
        assert proc.returncode == 1 and "正在使用的数据库" in proc.stderr
    other = tmp_path / "other.db"
    other.write_bytes(b"another branch" * 300)
    proc = postcrm("backup", "--db", str(db), "--out", str(other))
    assert proc.returncode == 1 and "--force" in proc.stderr
    assert other.read_bytes() == b"another branch" * 300
    # Each login moves the audit anchor in the key file; its key slots must be untouched.
    assert json.loads(keys.read_bytes())["slots"] == json.loads(before)["slots"]
    assert postcrm("audit", "verify", "--db", str(db)).returncode == 0  # whole, opens


def test_restore_onto_a_missing_or_corrupt_database(cli_db: Path, tmp_path: Path) -> None:
    db = _copy(cli_db, tmp_path)
    out = tmp_path / "saved" / "b.pcbak"
    assert postcrm("backup", "--db", str(db), "--out", str(out)).returncode == 0
    db.write_bytes(os.urandom(16384))  # corrupt
    proc = postcrm("restore", "--db", str(db), "--from", str(out))
    assert proc.returncode == 0, proc.stderr
    assert postcrm("audit", "verify", "--db", str(db)).returncode == 0
    db.unlink()
    Path(f"{db}.keys").unlink()  # gone, key file too
    proc = postcrm("restore", "--db", str(db), "--from", str(out), password="Wrong1234")
    assert proc.returncode == 2 and not db.exists()
    proc = postcrm("restore", "--db", str(db), "--from", str(out))
    assert proc.returncode == 0, proc.stderr
    assert postcrm("audit", "verify", "--db", str(db)).returncode == 0
