"""workbench, rules apply: the follow-up side for scripts and scheduled runs.

`postcrm workbench` prints today's workbench of the logged-in user (POSTCRM_USER), one
tab-separated line per item: section, local time or day, overdue marker (`逾期`), item
title, customer number. `postcrm rules apply` creates the tasks the follow-up rules call
for (run it daily from a scheduler, or let the app do it when the workbench opens).
"""

from __future__ import annotations

import argparse
from typing import Any

from postcrm_desktop.cli.common import EXIT_OK, add_db_arg, clock, open_branch
from postcrm_desktop.core.local_time import zone
from postcrm_desktop.services.contacts import rules, workbench
from postcrm_desktop.services.contacts.workbench import WorkbenchItem

OVERDUE_MARK = "逾期"


def register(sub: Any) -> None:
    p = sub.add_parser("workbench", help="今日工作台：今日任务、逾期任务、近期关怀、临期投诉")
    add_db_arg(p)
    p.add_argument("--all", dest="show_all", action="store_true",
                   help="显示可见的全部客户，而不只是自己的")
    p.add_argument("--tz", default=None,
                   help="时区（如 Asia/Shanghai），默认网点时区（投诉设置中的时区）")
    p.add_argument("--limit", type=int, default=50, help="每一栏最多列出几项")
    p.add_argument("--apply-rules", action="store_true", help="先按跟进规则生成任务")
    p.set_defaults(handler=cmd_workbench)

    r = sub.add_parser("rules", help="跟进规则")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    ap = rsub.add_parser("apply", help="按跟进规则生成到期的跟进任务（可重复运行）")
    add_db_arg(ap)
    ap.set_defaults(handler=cmd_rules_apply)


def _clean(text: str) -> str:
    return " ".join(text.split())


def line(section: str, item: WorkbenchItem, tz: Any) -> str:
    if item.due_at is not None:
        when = item.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    else:
        when = item.on.isoformat() if item.on else ""
    return "\t".join(_clean(v) for v in (section, when, OVERDUE_MARK if item.overdue else "",
                                         item.title, item.customer_number))


def cmd_workbench(args: argparse.Namespace) -> int:
    branch = open_branch(args.db)
    try:
        branch_clock = clock(branch)
        tz = zone(args.tz) if args.tz else branch_clock.zone
        bench = workbench.today(branch, branch_clock.now(), tz=tz, mine=not args.show_all,
                                limit=args.limit, apply_rules=args.apply_rules)
    finally:
        branch.close()
    if bench.rules is not None:
        print(f"# 按规则新建任务 {bench.rules.created} 项")
    for section in bench.sections:
        print(f"# {section.title}（{section.total_text}）")
        for item in section.items:
            # A rule's group of tasks: its tasks one per line, like any other task.
            for one in item.children or (item,):
                print(line(section.title, one, tz))
    return EXIT_OK


def cmd_rules_apply(args: argparse.Namespace) -> int:
    branch = open_branch(args.db)
    try:
        result = rules.apply_rules(branch, clock(branch).now())
    finally:
        branch.close()
    print(f"按跟进规则新建任务 {result.created} 项")
    return EXIT_OK


__all__ = ["OVERDUE_MARK", "cmd_rules_apply", "cmd_workbench", "line", "register"]
