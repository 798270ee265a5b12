"""The command line under races and faults: one clean line and the right exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import SRC, postcrm


def test_parallel_inits_on_one_path_make_one_database(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    env = dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD="Admin1234")
    procs = [
        subprocess.Popen([sys.executable, "-m", "postcrm_desktop", "init", "--db", str(db),
                          "--branch", "GZ01", "--branch-name", "天河支局",
                          "--admin", f"admin{i}"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         stdin=subprocess.DEVNULL)
        for i in range(4)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    winners = [i for i, (code, _out, _err) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    for i, (code, out, err) in enumerate(results):
        if i in winners:
            continue
        assert code == 4, err
        assert "Traceback" not in err and err.startswith("postcrm:") and "不会" in err
        assert "恢复密钥" not in out
    winner = f"admin{winners[0]}"
    proc = postcrm("audit", "verify", "--db", str(db), POSTCRM_USER=winner)
    assert proc.returncode == 0, proc.stderr
    assert not list(tmp_path.glob("*init*")), "no leftovers of the refused inits"


# -- exit codes ---------------------------------------------------------------------------

def test_usage_errors_exit_64_with_the_usage(tmp_path: Path) -> None:
    for args in (("backup", "--db", str(tmp_path / "x.db")),  # --out missing
                 ("no-such-command",), ("audit",), ("backup", "--db", "x", "--out", "y",
                                                    "--bogus")):
        proc = postcrm(*args)
        assert proc.returncode == 64, (args, proc.stderr)
        assert "用法：postcrm" in proc.stderr and "用法错误" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_postcrm_alone_prints_the_help() -> None:
    # The `postcrm` entry point (`python -m postcrm_desktop` alone opens the app instead).
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from postcrm_desktop.cli import main; "
                               "sys.exit(main())"],
        env=dict(os.environ, PYTHONPATH=SRC), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 64
    for command in ("init", "backup", "restore", "audit"):
        assert command in proc.stderr
    assert "--help" not in proc.stdout and "Traceback" not in proc.stderr


def test_key_file_problems_exit_4(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    assert postcrm("init", "--db", str(db), "--branch", "GZ01", "--branch-name", "天河支局",
                   "--admin", "admin").returncode == 0
    keys = Path(f"{db}.keys")
    saved = keys.read_bytes()
    keys.write_text("{ not json")
    proc = postcrm("audit", "verify", "--db", str(db))
    assert proc.returncode == 4 and "密钥文件" in proc.stderr
    keys.unlink()
    proc = postcrm("audit", "verify", "--db", str(db))
    assert proc.returncode == 4 and "密钥文件" in proc.stderr
    keys.write_bytes(saved)
    assert postcrm("audit", "verify", "--db", str(db)).returncode == 0


# -- a full disk, an I/O error, a bug: one line, exit 1 ------------------------------------

def _run_patched(patch: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`postcrm ARGS` with `patch` (Python) applied first: a fault injected where a real
    one would strike."""
    code = ("import sys\n" + patch +
            "\nfrom postcrm_desktop.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    return subprocess.run([sys.executable, "-c", code, *args],
                          env=dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD="Admin1234",
                                   **env),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def _one_line(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture
def small_branch(tmp_path: Path) -> Path:
    db = tmp_path / "b.db"
    proc = postcrm("init", "--db", str(db), "--branch", "GZ01", "--branch-name", "天河支局",
                   "--admin", "admin")
    assert proc.returncode == 0, proc.stderr
    return db


def test_disk_full_during_backup_is_one_line_and_keeps_the_old_backup(
        small_branch: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pcbak"
    assert postcrm("backup", "--db", str(small_branch), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    patch = ("import errno\nfrom postcrm_desktop.store import backup_file\n"
             "def full(*a, **k):\n"
             "    raise OSError(errno.ENOSPC, 'No space left on device', 'b.pcbak.partial')\n"
             "backup_file.verify_backup = full\n")
    proc = _run_patched(patch, "backup", "--db", str(small_branch), "--out", str(out))
    assert proc.returncode == 1
    assert _one_line(proc).startswith("postcrm: 磁盘空间不足：")
    assert out.read_bytes() == before
    assert postcrm("audit", "verify", "--db", str(small_branch)).returncode == 0


def test_an_unexpected_error_is_one_line_and_logged_without_personal_data(
        small_branch: Path, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    patch = ("from postcrm_desktop.services import backup\n"
             "def bug(*a, **k):\n"
             "    raise RuntimeError('customer 13800138000 broke it')\n"
             "backup.backup = bug\n")
    proc = _run_patched(patch, "backup", "--db", str(small_branch), "--out",
                        str(tmp_path / "x.pcbak"), POSTCRM_LOG_DIR=str(logs))
    assert proc.returncode == 1
    line = _one_line(proc)
    assert line.startswith("postcrm: 意外错误：RuntimeError（详情见日志")
    assert "13800138000" not in line
    log = (logs / "postcrm-cli.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log and "cmd_backup" in log
    assert "13800138000" not in log


def test_an_io_error_is_one_line(small_branch: Path, tmp_path: Path) -> None:
    proc = postcrm("restore", "--db", str(small_branch), "--from", str(tmp_path / "none.pcbak"))
    assert proc.returncode in (1, 4)
    assert "Traceback" not in proc.stderr
    proc = _run_patched(
        "import errno\nfrom postcrm_desktop.store import keyslots\n"
        "def eio(*a, **k):\n    raise OSError(errno.EIO, 'Input/output error')\n"
        "keyslots.KeyFile.load = classmethod(eio)\n",
        "audit", "verify", "--db", str(small_branch))
    assert proc.returncode == 1
    assert _one_line(proc).startswith("postcrm: 读写错误：设备读写失败")


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """An 8 MB file system (tmpfs; needs root, skipped elsewhere)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.name != "posix" or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)],
            capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(folder: Path, leave_kib: int) -> Path:
    filler = folder / "filler"
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave_kib * 1024))
    return filler


def test_a_full_disk_never_ends_in_a_traceback(tiny_disk: Path) -> None:
    db = tiny_disk / "b.db"
    proc = postcrm("init", "--db", str(db), "--branch", "GZ01", "--branch-name", "天河支局",
                   "--admin", "admin")
    assert proc.returncode == 0, proc.stderr
    filler = _fill(tiny_disk, leave_kib=8)
    attempts = [
        ("demo", "--db", str(tiny_disk / "demo.db"), "--customers", "200"),
        ("init", "--db", str(tiny_disk / "c.db"), "--branch", "GZ02", "--branch-name", "别处",
         "--admin", "admin"),
        ("backup", "--db", str(db), "--out", str(tiny_disk / "b.pcbak")),
        ("customers", "search", "张", "--db", str(db)),
        ("audit", "verify", "--db", str(db)),
    ]
    for args in attempts:
        proc = postcrm(*args)
        if proc.returncode != 0:
            assert proc.returncode == 1, (args, proc.stderr)
            line = _one_line(proc)
            assert line.startswith("postcrm: 磁盘空间不足："), line
    filler.unlink()
    proc = postcrm("audit", "verify", "--db", str(db))  # nothing was lost
    assert proc.returncode == 0, proc.stderr
