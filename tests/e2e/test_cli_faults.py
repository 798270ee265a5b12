"""The command line under races and faults: one clean line and the right exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
