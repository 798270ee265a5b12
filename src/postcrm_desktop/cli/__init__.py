"""`postcrm` command line: a thin shell over the services, like the UI.

Exit codes: 0 ok, 1 error, 2 wrong password, 3 account locked or throttled, 4 database
cannot be opened (missing, not ours, in use, newer than this app), 5 check failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from postcrm_desktop.cli import common, foundation, help_zh


def build_parser() -> argparse.ArgumentParser:
    parser = help_zh.ChineseParser(
        prog="postcrm", description="PostCRM Desktop 邮政客户营销管理系统（命令行）",
        epilog=help_zh.epilog(),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令",
                                title="命令")
    for module in common.command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return common.run(args)


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["build_parser", "foundation", "main"]
