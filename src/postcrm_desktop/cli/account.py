"""passwd: a user changes their own password (and so leaves a temporary one behind)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from postcrm_desktop.cli.common import EXIT_OK, add_db_arg, password, secret, username
from postcrm_desktop.services import auth


def register(sub: Any) -> None:
    p = sub.add_parser("passwd", help="修改自己的密码（临时密码必须先改掉）")
    add_db_arg(p)
    p.set_defaults(handler=cmd_passwd)


def cmd_passwd(args: argparse.Namespace) -> int:
    old = password("原密码: ")
    branch = auth.login(Path(args.db), username(), old)
    try:
        new = secret("POSTCRM_NEW_PASSWORD", "新密码: ", confirm="再次输入新密码: ")
        auth.change_own_password(branch, old, new)
        name = branch.actor.username
    finally:
        branch.close()
    print(f"{name} 的密码已修改")
    return EXIT_OK


__all__ = ["cmd_passwd", "register"]
