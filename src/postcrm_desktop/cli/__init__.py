"""`postcrm` command line: a thin shell over the services, like the UI.

Exit codes: 0 ok, 1 error, 2 wrong password, 3 account locked or throttled, 4 database
cannot be opened (missing, not ours, in use, newer than this app, key file missing or
damaged), 5 check failed, 64 usage error (the usage goes to stderr; `postcrm` alone prints
the help there and exits 64 too, so a script missing its command fails).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from postcrm_desktop.cli import common, foundation, help_zh


class Parser(help_zh.ChineseParser):
    """argparse exits 2 on a usage error, which is the wrong-password code here: 64."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(common.EXIT_USAGE, f"{self.prog}: 用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="postcrm", description="PostCRM Desktop 邮政客户营销管理系统（命令行）",
        epilog=help_zh.epilog(),
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")
    for module in common.command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:  # `postcrm` alone: what can I type?
        parser.print_help(sys.stderr)
        return common.EXIT_USAGE
    return common.run(args)


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["build_parser", "foundation", "main"]
