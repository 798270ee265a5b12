"""Temporary passwords on the command line, `postcrm passwd`, and the hidden recovery key."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_cli import SRC, postcrm


@pytest.fixture(scope="module")
def db_with_clerk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("account") / "branch.db"
    proc = postcrm("init", "--db", str(db), "--branch", "GZ01", "--branch-name", "天河支局",
                   "--admin", "admin")
    assert proc.returncode == 0, proc.stderr
    key = re.search(r"([A-Z2-7]{5}-){10}[A-Z2-7]{5}", proc.stdout)
    assert key
    add = (
        "import sys\n"
        "from postcrm_desktop.core.roles import Role\n"
        "from postcrm_desktop.services import auth, users\n"
        "b = auth.login(sys.argv[1], 'admin', 'Admin1234')\n"
        "users.add_user(b, 'clerk', '柜员', Role.COUNTER_CLERK, 'Temp12345')\n"
        "b.close()\n"
    )
    run = subprocess.run([sys.executable, "-c", add, str(db)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=SRC), timeout=120)
    assert run.returncode == 0, run.stderr
    return db, key.group(0)


def test_temporary_password_only_opens_passwd(db_with_clerk: tuple[Path, str]) -> None:
    db, _ = db_with_clerk
    proc = postcrm("customers", "search", "张", "--db", str(db), password="Temp12345",
                   POSTCRM_USER="clerk")
    assert proc.returncode == 3
    assert "postcrm passwd --db" in proc.stderr and "临时密码" in proc.stderr
    assert proc.stdout == ""

    proc = postcrm("passwd", "--db", str(db), password="Temp12345", POSTCRM_USER="clerk",
                   POSTCRM_NEW_PASSWORD="short")
    assert proc.returncode == 1 and "8" in proc.stderr
    proc = postcrm("passwd", "--db", str(db), password="Temp12345", POSTCRM_USER="clerk",
                   POSTCRM_NEW_PASSWORD="Mine12345")
    assert proc.returncode == 0, proc.stderr
    proc = postcrm("customers", "search", "张", "--db", str(db), password="Mine12345",
                   POSTCRM_USER="clerk")
    assert proc.returncode == 0, proc.stderr
    proc = postcrm("customers", "search", "张", "--db", str(db), password="Temp12345",
                   POSTCRM_USER="clerk")
    assert proc.returncode == 2


def _run_in_terminal(args: list[str], typed: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `postcrm` on a pseudo-terminal, typing each line when asked; returns all it showed."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(sys.executable, [sys.executable, "-m", "postcrm_desktop", *args], env)
    seen = b""
    pending = list(typed)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # A prompt ends with ": " and nothing after it: answer only then (typing early
            # would be echoed, or thrown away when the next prompt turns echo off).
            if pending and seen.endswith(b": "):
                os.write(fd, (pending.pop(0) + "\n").encode())
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, signal.SIGKILL)  # stuck waiting for input: fail, never hang
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


def test_recovery_key_is_typed_without_echo(db_with_clerk: tuple[Path, str],
                                            tmp_path: Path) -> None:
    source, key = db_with_clerk
    db = tmp_path / "copy.db"  # the admin's password changes here: keep it off the shared one
    db.write_bytes(source.read_bytes())
    Path(f"{db}.keys").write_bytes(Path(f"{source}.keys").read_bytes())
    env = {k: v for k, v in os.environ.items()
           if k not in ("POSTCRM_PASSWORD", "POSTCRM_RECOVERY_KEY")}
    env["PYTHONPATH"] = SRC
    code, shown = _run_in_terminal(["recover", "--db", str(db), "--admin", "admin"],
                                   [key, "Fresh12345"], env)
    assert code == 0, shown
    assert "恢复密钥" in shown
    assert key not in shown and key.replace("-", "")[:10] not in shown
    assert "Fresh12345" not in shown


def test_edited_slot_exits_4_without_a_traceback(db_with_clerk: tuple[Path, str],
                                                 tmp_path: Path) -> None:
    import json

    db, _ = db_with_clerk
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    data = json.loads(Path(f"{db}.keys").read_bytes())
    next(s for s in data["slots"] if s["user"] == "admin")["kdf"]["m"] = 2 ** 31
    Path(f"{copy}.keys").write_text(json.dumps(data))
    proc = postcrm("customers", "search", "张", "--db", str(copy))
    assert proc.returncode == 4
    assert "密钥文件被改动" in proc.stderr and "Traceback" not in proc.stderr


def test_audit_verify_prints_the_head_and_catches_a_deleted_tail(
        db_with_clerk: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = db_with_clerk
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    Path(f"{copy}.keys").write_bytes(Path(f"{db}.keys").read_bytes())
    proc = postcrm("audit", "verify", "--db", str(copy), password="Admin1234")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"审计链头：第 \d+ 条，哈希 [0-9a-f]{16}…，与密钥文件中的锚点一致",
                     proc.stdout)
    cut = (
        "import sys\n"
        "from postcrm_desktop.services import auth\n"
        "b = auth.login(sys.argv[1], 'admin', 'Admin1234')\n"
        "with b.db.engine.begin() as c:\n"
        "    c.exec_driver_sql('DROP TRIGGER audit_log_no_delete')\n"
        "    last = c.exec_driver_sql('SELECT max(seq) FROM audit_log').scalar()\n"
        "    c.exec_driver_sql(f'DELETE FROM audit_log WHERE seq > {last - 2}')\n"
        "b.close()\n"
    )
    run = subprocess.run([sys.executable, "-c", cut, str(copy)], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=SRC), timeout=120)
    assert run.returncode == 0, run.stderr
    proc = postcrm("audit", "verify", "--db", str(copy), password="Admin1234")
    assert proc.returncode == 5
    assert "审计链头校验失败" in proc.stderr and "末尾被删除" in proc.stderr


def test_rekey_keeps_passwords_and_the_recovery_key(db_with_clerk: tuple[Path, str],
                                                    tmp_path: Path) -> None:
    source, key = db_with_clerk
    db = tmp_path / "copy.db"
    db.write_bytes(source.read_bytes())
    Path(f"{db}.keys").write_bytes(Path(f"{source}.keys").read_bytes())
    Path(f"{db}.recovery").write_bytes(Path(f"{source}.recovery").read_bytes())
    before = db.read_bytes()[:4096]
    proc = postcrm("rekey", "--db", str(db), password="Admin1234")
    assert proc.returncode == 0, proc.stderr
    assert "主密钥已更换" in proc.stdout and "恢复密钥不变" in proc.stdout
    assert db.read_bytes()[:4096] != before  # every page re-encrypted
    proc = postcrm("audit", "verify", "--db", str(db), password="Admin1234")
    assert proc.returncode == 0, proc.stderr
    proc = postcrm("recover", "--db", str(db), "--admin", "admin", password="Fresh12345",
                   POSTCRM_RECOVERY_KEY=key)
    assert proc.returncode == 0, proc.stderr


def test_any_command_warns_when_the_audit_tail_was_cut(db_with_clerk: tuple[Path, str],
                                                       tmp_path: Path) -> None:
    db, _ = db_with_clerk
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    Path(f"{copy}.keys").write_bytes(Path(f"{db}.keys").read_bytes())
    cut = (
        "import sys\n"
        "from postcrm_desktop.services import auth\n"
        "b = auth.login(sys.argv[1], 'admin', 'Admin1234')\n"
        "with b.db.engine.begin() as c:\n"
        "    c.exec_driver_sql('DROP TRIGGER audit_log_no_delete')\n"
        "    c.exec_driver_sql('DELETE FROM audit_log WHERE seq = "
        "(SELECT max(seq) FROM audit_log)')\n"
        "b.close()\n"
    )
    run = subprocess.run([sys.executable, "-c", cut, str(copy)], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=SRC), timeout=120)
    assert run.returncode == 0, run.stderr
    proc = postcrm("customers", "search", "张", "--db", str(copy), password="Admin1234")
    assert proc.returncode == 0, proc.stderr
    assert "警告" in proc.stderr and "末尾被删除" in proc.stderr
