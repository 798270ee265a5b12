"""`postcrm --help` in Chinese: argparse's own words too, the environment variables and
the exit codes listed after the commands.

argparse takes its words ("usage: ", "options", its error messages) through gettext
lookups at call time; `install()` points those lookups at the Chinese below, so help and
usage errors of every command read in Chinese.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "值 %(value)r 无效（应为 %(type)s）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "ignored explicit argument %r": "多余的参数值 %r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项有歧义：%(option)s 可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
}

# Environment variables the commands read, for the epilog.
ENVIRONMENT: list[tuple[str, str]] = [
    ("POSTCRM_USER", "登录用户名（默认 admin）"),
    ("POSTCRM_PASSWORD", "登录密码；不设时在终端提示输入，没有终端（脚本、定时任务）时必须设置"),
    ("POSTCRM_RECOVERY_KEY", "恢复密钥（recover 用它重建密钥文件）；不设时提示输入"),
]


_HEADING = re.compile(r"^(\S[^\n]*?):$", re.MULTILINE)


def _zh(text: str) -> str:
    return ARGPARSE_ZH.get(text, text)


def _zh_n(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Chinese in this process (idempotent)."""
    argparse._ = _zh  # type: ignore[attr-defined]
    argparse.ngettext = _zh_n  # type: ignore[attr-defined]


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's line breaks; a wider column for the option names."""

    def __init__(self, prog: str, **kw: Any) -> None:
        kw.setdefault("max_help_position", 30)
        super().__init__(prog, **kw)

    def format_help(self) -> str:
        # argparse ends each section heading with an ASCII colon: a Chinese one here.
        return _HEADING.sub(r"\1：", super().format_help())


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser (and, through `add_subparsers`, its commands) with the Chinese
    help formatter."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        install()
        kw.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kw)

    def add_subparsers(self, **kw: Any) -> Any:
        # Errors name the argument by its metavar: "参数 命令：无效的选择…".
        kw.setdefault("metavar", "命令")
        return super().add_subparsers(**kw)


def exit_codes() -> list[tuple[int, str]]:
    """The exit codes, from the constants the commands use."""
    from postcrm_desktop.cli import common

    usage = getattr(common, "EXIT_USAGE", 2)
    codes = [
        (common.EXIT_OK, "成功"),
        (common.EXIT_ERROR, "出错（输入有误、没有权限、磁盘已满等，原因见错误信息）"),
        (common.EXIT_WRONG_PASSWORD, "密码错误"),
        (common.EXIT_LOCKED, "账户已锁定、已停用，或登录尝试过于频繁"),
        (common.EXIT_CANNOT_OPEN,
         "数据库无法打开（不存在、不是本系统的、正被使用、版本更新，或密钥文件有问题）"),
        (common.EXIT_CHECK_FAILED, "检查未通过（如审计日志校验失败）"),
    ]
    described = dict(codes)
    if usage in described:
        described[usage] += "；命令或参数写错（用法错误）也是此码"
    else:
        described[usage] = "用法错误：命令或参数写错（同时显示用法）"
    return sorted(described.items())


def epilog() -> str:
    width = max(len(name) for name, _ in ENVIRONMENT) + 2
    lines = ["环境变量："]
    lines += [f"  {name.ljust(width)}{text}" for name, text in ENVIRONMENT]
    lines += ["", "退出码："]
    lines += [f"  {str(code).ljust(4)}{text}" for code, text in exit_codes()]
    lines += ["", "每个命令的选项见 postcrm 命令 --help，如 postcrm complaints list --help。"]
    return "\n".join(lines)


def undescribed(parser: argparse.ArgumentParser, path: str = "postcrm") -> list[str]:
    """Options, arguments and commands without a help text (for the tests)."""
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                if not helps.get(name):
                    missing.append(f"{path} {name}")
                missing += undescribed(sub, f"{path} {name}")
        elif not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


__all__ = ["ARGPARSE_ZH", "ENVIRONMENT", "ChineseParser", "epilog", "exit_codes", "install",
           "undescribed"]
