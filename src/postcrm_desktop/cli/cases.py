"""cases search."""

from __future__ import annotations

import argparse
from typing import Any

from postcrm_desktop.cli.common import EXIT_OK, add_db_arg, open_branch
from postcrm_desktop.services.cases.types import CaseRow

ORIGIN_LABELS = {"local": "本网点", "hq": "总部"}


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="案例库")
    csub = p.add_subparsers(dest="cases_command", required=True, metavar="COMMAND")
    s = csub.add_parser("search", help="搜索案例（标题、问题、原因、解决方案、标签、拼音），"
                                       "以制表符分隔输出")
    s.add_argument("query", metavar="QUERY", help="搜索内容，如 延误、yanwu、yw")
    add_db_arg(s)
    s.add_argument("--limit", type=int, default=20, help="最多显示多少个案例（默认 20）")
    s.add_argument("--retired", action="store_true", help="包括已停用的案例")
    s.set_defaults(handler=cmd_search)


def _clean(text: str) -> str:
    """One field of a tab-separated line: no tabs or line breaks inside."""
    return " ".join((text or "").split())


def format_row(r: CaseRow) -> str:
    """title, category, tags (、), origin, in use or retired, the start of the problem."""
    fields = (r.title, r.category_name, "、".join(r.tags), ORIGIN_LABELS.get(r.origin, r.origin),
              "在用" if r.active else "已停用", r.summary)
    return "\t".join(_clean(f) for f in fields)


def cmd_search(args: argparse.Namespace) -> int:
    from postcrm_desktop.services.cases import search_cases

    branch = open_branch(args.db)
    try:
        rows = search_cases(branch, args.query, include_retired=args.retired,
                            limit=max(1, args.limit))
    finally:
        branch.close()
    for row in rows:
        print(format_row(row))
    return EXIT_OK


__all__ = ["cmd_search", "format_row", "register"]
