"""`postcrm --help` speaks Chinese (argparse's own words too), describes every option, and
lists the environment variables and exit codes; usage errors are Chinese too."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from postcrm_desktop.cli import build_parser, common
from postcrm_desktop.cli.help_zh import ENVIRONMENT, exit_codes, undescribed
from tests.e2e.test_cli import SRC

ENGLISH = ("usage:", "show this help message", "positional arguments", "options:",
           "error:", "the following arguments", "invalid choice", "invalid int value")


def run(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from postcrm_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTCRM_")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=dict(env, PYTHONPATH=SRC), timeout=120,
                          stdin=subprocess.DEVNULL)


def test_top_help_lists_commands_environment_and_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("用法：postcrm") and "显示本帮助并退出" in out
    assert "选项：" in out and "命令：" in out
    for word in ENGLISH:
        assert word not in out, word
    for name, _text in ENVIRONMENT:
        assert name in out
    assert {"POSTCRM_PASSWORD", "POSTCRM_USER", "POSTCRM_RECOVERY_KEY"} <= {
        n for n, _ in ENVIRONMENT}
    section = out[out.index("退出码："):]
    for code, text in exit_codes():
        assert f"  {code}" in section and text in section
    assert {common.EXIT_WRONG_PASSWORD, common.EXIT_LOCKED, common.EXIT_CANNOT_OPEN} <= {
        c for c, _ in exit_codes()}


def test_every_command_option_and_argument_is_described() -> None:
    assert undescribed(build_parser()) == []


@pytest.mark.parametrize("command", [["complaints", "list"], ["backup"], ["workbench"],
                                     ["customers", "search"]])
def test_each_command_help_is_chinese(command: list[str]) -> None:
    proc = run(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("用法：postcrm " + " ".join(command))
    assert "--db 文件" in proc.stdout and "数据库文件路径" in proc.stdout
    for word in ENGLISH:
        assert word not in proc.stdout, word


def test_usage_errors_are_chinese() -> None:
    missing = run("complaints", "list")
    assert missing.returncode != 0 and missing.stdout == ""
    assert "用法：postcrm complaints list" in missing.stderr
    assert "错误：缺少必需的参数：--db" in missing.stderr
    wrong = run("complaints", "lst")
    assert "无效的选择：'lst'" in wrong.stderr and "参数 命令" in wrong.stderr
    bad_int = run("workbench", "--db", "x.db", "--limit", "abc")
    assert "参数 --limit：值 'abc' 无效" in bad_int.stderr
    for proc in (missing, wrong, bad_int):
        for word in ENGLISH:
            assert word not in proc.stderr, word
