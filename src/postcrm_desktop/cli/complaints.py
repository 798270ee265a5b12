"""complaints list: the complaint desk's list for scripts, overdue first.

Each complaint is one tab-separated line: number, status, priority, category, deadline
(local time of the branch's zone), overdue marker (`超时` or empty), customer number. `--header`
adds a first line naming the columns. While the branch's holiday calendar lacks the
current year (from November also the next), a warning goes to standard error: deadlines
in working hours are then counted Monday to Friday.
"""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo
from typing import Any

from postcrm_desktop.cli.common import EXIT_OK, add_db_arg, clock, open_branch
from postcrm_desktop.core.complaint_enums import Priority, Status
from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services.complaints import workdays
from postcrm_desktop.services.complaints.listing import iter_complaints
from postcrm_desktop.services.complaints.types import ComplaintFilters, ComplaintRow

COLUMNS = ("编号", "状态", "优先级", "分类", "处理期限", "超时", "客户编号")
OVERDUE_MARK = "超时"


def register(sub: Any) -> None:
    p = sub.add_parser("complaints", help="投诉与服务请求")
    csub = p.add_subparsers(dest="complaints_command", required=True)
    lp = csub.add_parser("list", help="列出投诉，已超时的在前（制表符分隔）")
    add_db_arg(lp)
    lp.add_argument("--overdue", action="store_true", help="只列出已超时未办结的投诉")
    lp.add_argument("--open", dest="open_only", action="store_true",
                    help="只列出未办结的投诉")
    lp.add_argument("--header", action="store_true", help="第一行输出列名")
    lp.set_defaults(handler=cmd_list)


def _clean(text: str) -> str:
    return " ".join(text.split())  # a tab or line break inside a value would break the row


def line(row: ComplaintRow, zone: tzinfo | None = None) -> str:
    return "\t".join(_clean(v) for v in (
        row.number,
        Status(row.status).label,
        Priority(row.priority).label,
        row.category_name,
        format_local(row.due_at, zone),
        OVERDUE_MARK if row.overdue else "",
        row.customer_number,
    ))


def cmd_list(args: argparse.Namespace) -> int:
    branch = open_branch(args.db)
    try:
        filters = ComplaintFilters(overdue_only=args.overdue, open_only=args.open_only)
        now = clock(branch)
        rows = list(iter_complaints(branch, filters, now=now.now(), zone=now.zone_name))
        warning = workdays.warning(branch, now.today())
    finally:
        branch.close()
    if warning:
        print(f"postcrm: 警告：{warning}", file=sys.stderr)
    if args.header:
        print("\t".join(COLUMNS))
    for row in rows:
        print(line(row, now.zone))
    return EXIT_OK


__all__ = ["COLUMNS", "OVERDUE_MARK", "cmd_list", "line", "register"]
