"""customers search."""

from __future__ import annotations

import argparse
from typing import Any

from postcrm_desktop.cli.common import EXIT_OK, add_db_arg, open_branch
from postcrm_desktop.core.customer_enums import CustomerType, Tier
from postcrm_desktop.services.customers.types import CustomerRow


def register(sub: Any) -> None:
    p = sub.add_parser("customers", help="客户档案")
    csub = p.add_subparsers(dest="customers_command", required=True, metavar="COMMAND")
    s = csub.add_parser("search", help="搜索客户（姓名、编号、电话片段、地址、拼音），"
                                       "以制表符分隔输出")
    s.add_argument("query", metavar="QUERY", help="搜索内容，如 张三、zs、8000、GZ01-2026-0001")
    add_db_arg(s)
    s.add_argument("--limit", type=int, default=20, help="最多显示多少位客户（默认 20）")
    s.set_defaults(handler=cmd_search)


def _label(enum_cls: Any, code: str) -> str:
    try:
        return str(enum_cls(code).label)
    except ValueError:
        return code


def _clean(text: str) -> str:
    """One field of a tab-separated line: no tabs or line breaks inside."""
    return " ".join((text or "").split())


def format_row(r: CustomerRow) -> str:
    """number, name, type, tier, mobile (masked), district, owner."""
    fields = (r.number, r.name, _label(CustomerType, r.customer_type), _label(Tier, r.tier),
              r.mobile or r.landline, r.district, r.owner_name)
    return "\t".join(_clean(f) for f in fields)


def cmd_search(args: argparse.Namespace) -> int:
    from postcrm_desktop.services.customers import search

    branch = open_branch(args.db)
    try:
        rows = search.quick_search(branch, args.query, limit=max(1, args.limit))
    finally:
        branch.close()
    for row in rows:
        print(format_row(row))
    return EXIT_OK


__all__ = ["cmd_search", "format_row", "register"]
