"""passwd: change your own password; rekey: rotate the database's master key."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from postcrm_desktop.cli.common import (
    EXIT_OK,
    add_db_arg,
    open_branch,
    password,
    secret,
    username,
)
from postcrm_desktop.services import auth


def register(sub: Any) -> None:
    p = sub.add_parser("passwd", help="修改自己的密码（临时密码必须先改掉）")
    add_db_arg(p)
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser("rekey", help="更换数据库主密钥（如有人离职）：在用账户和恢复密钥继续有效")
    add_db_arg(p)
    p.set_defaults(handler=cmd_rekey)


def cmd_rekey(args: argparse.Namespace) -> int:
    from postcrm_desktop.services import keys

    branch = open_branch(args.db)
    try:
        result = keys.rotate(branch, lambda done, total, text: print(
            f"[{done}/{total}] {text}", flush=True))
    finally:
        branch.close()
    print(f"主密钥已更换（第 {result.generation} 次）：{result.slots} 个账户继续有效")
    if result.dropped:
        print("以下账户是旧格式、未能转入新密钥，需要管理员重置密码："
              + "、".join(result.dropped))
    if result.new_recovery_key:
        print("旧的恢复密钥已失效。请抄写或打印新的恢复密钥并妥善保管，它只显示这一次：")
        print(result.new_recovery_key)
    else:
        print("恢复密钥不变，继续有效")
    return EXIT_OK


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


__all__ = ["cmd_passwd", "cmd_rekey", "register"]
