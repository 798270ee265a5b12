"""`postcrm cases search` as a script would use it: tab-separated cases of the demo library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from postcrm_desktop.services import demo

SRC = str(Path(__file__).resolve().parents[2] / "src")


def postcrm(*args: str, user: str = "admin") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD=demo.DEMO_PASSWORD,
               POSTCRM_USER=user)
    return subprocess.run([sys.executable, "-m", "postcrm_desktop", *args], env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def _rows(proc: subprocess.CompletedProcess) -> list[list[str]]:
    assert proc.returncode == 0, proc.stderr
    return [line.split("\t") for line in proc.stdout.splitlines()]


def test_search_by_pinyin_prints_tab_separated_cases(demo_path: Path) -> None:
    rows = _rows(postcrm("cases", "search", "yanwu", "--db", str(demo_path), user="clerk1"))
    assert rows and all(len(r) == 6 for r in rows)
    titles = [r[0] for r in rows]
    assert "包裹延误，物流信息多日不更新" in titles
    for title, category, _tags, origin, state, _summary in rows:
        assert "延误" in title + category + _tags + _summary
        assert origin in ("本网点", "总部") and state == "在用"
    hq = next(r for r in rows if r[0] == "包裹延误，物流信息多日不更新")
    assert hq[1] == "延误" and hq[2] == "延误、轨迹查询、补偿" and hq[3] == "总部"


def test_search_by_chinese_limit_and_nothing_found(demo_path: Path) -> None:
    rows = _rows(postcrm("cases", "search", "海关", "--db", str(demo_path)))
    assert [r[0] for r in rows] == ["国际包裹被海关扣留"]
    assert _rows(postcrm("cases", "search", "包裹", "--db", str(demo_path), "--limit", "1"))
    assert len(_rows(postcrm("cases", "search", "包裹", "--db", str(demo_path),
                             "--limit", "1"))) == 1
    assert _rows(postcrm("cases", "search", "不存在的问题", "--db", str(demo_path))) == []


def test_wrong_password_exits_2(demo_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=SRC, POSTCRM_PASSWORD="wrong", POSTCRM_USER="admin")
    proc = subprocess.run([sys.executable, "-m", "postcrm_desktop", "cases", "search", "x",
                           "--db", str(demo_path)], env=env, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
