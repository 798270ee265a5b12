"""init, demo, audit verify, backup, restore, recover, screenshots."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from postcrm_desktop.cli.common import (
    EXIT_CHECK_FAILED,
    EXIT_OK,
    add_db_arg,
    fail,
    open_branch,
    password,
    secret,
    username,
)
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services import auth, demo
from postcrm_desktop.services import backup as backup_service
from postcrm_desktop.store import audit
from postcrm_desktop.store.backup_file import BackupTargetRefused
from postcrm_desktop.store.engine import raw_integrity_check


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="新建加密的网点数据库并打印恢复密钥")
    add_db_arg(p)
    p.add_argument("--branch", required=True, help="网点代码，如 GZ01")
    p.add_argument("--branch-name", required=True, help="网点名称")
    p.add_argument("--admin", required=True, help="管理员用户名")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="新建演示网点数据库（每个角色一个用户）")
    add_db_arg(p)
    p.add_argument("--customers", type=int, default=200, help="演示客户数量")
    p.add_argument("--seed", type=int, default=20261124,
                   help="随机数种子：同一种子生成同样的演示数据（默认 %(default)s）")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("audit", help="审计日志")
    asub = p.add_subparsers(dest="audit_command", required=True)
    v = asub.add_parser("verify", help="校验审计日志哈希链与数据库完整性")
    add_db_arg(v)
    v.set_defaults(handler=cmd_audit_verify)

    p = sub.add_parser("backup", help="备份数据库（保持加密）")
    add_db_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="文件", help="备份文件路径")
    p.add_argument("--force", action="store_true",
                   help="覆盖一个已存在、但不是本网点旧备份的文件（数据库本身及其密钥文件永远不会被覆盖）")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（先校验，原库另存；用备份时的用户和密码，"
                                       "数据库丢失或损坏时也可恢复）")
    add_db_arg(p)
    p.add_argument("--from", dest="source", required=True, type=Path, metavar="文件",
                   help="要恢复的备份文件")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("recover", help="用恢复密钥重建丢失或损坏的密钥文件")
    add_db_arg(p)
    p.add_argument("--admin", required=True, help="网点管理员用户名（将设置新密码）")
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("screenshots", help="离屏渲染各主界面为 PNG")
    add_db_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="目录",
                   help="截图保存的目录")
    p.set_defaults(handler=cmd_screenshots)

    register_app(sub)


def cmd_init(args: argparse.Namespace) -> int:
    pw = password("管理员密码: ")
    key = auth.init_branch(args.db, branch_code=args.branch, branch_name=args.branch_name,
                           admin_username=args.admin, admin_password=pw)
    print("数据库已创建。请抄写或打印下面的恢复密钥并妥善保管，它只显示这一次：")
    print(key)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    pw = os.environ.get("POSTCRM_PASSWORD", demo.DEMO_PASSWORD)
    result = demo.make_demo(args.db, customers=args.customers, password=pw, seed=args.seed,
                            progress=lambda msg: print(msg, flush=True))
    print(f"演示数据库：{args.db}")
    print("用户（密码相同）：" + ", ".join(f"{u} ({r})" for u, r in result.users))
    print(f"恢复密钥：{result.recovery_key}")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from postcrm_desktop.services import audit_log

    branch = open_branch(args.db)
    try:
        branch.actor.require(Perm.AUDIT_VIEW)
        problems = raw_integrity_check(branch.db.engine)
        with branch.session() as s:
            result = audit.verify(s)
        at_login = branch.anchor_check
        now = audit_log.check_anchor(branch)
        earlier = audit_log.anchor_mismatches(branch)
    finally:
        branch.close()
    if problems:
        return fail(f"数据库完整性检查失败：{problems[0]}", EXIT_CHECK_FAILED)
    if not result.ok:
        return fail(f"审计日志校验失败：{result.reason}（seq {result.first_bad_seq}）",
                    EXIT_CHECK_FAILED)
    for check in (at_login, now):
        if check is not None and not check.ok:
            return fail(f"审计链头校验失败：{check.reason}", EXIT_CHECK_FAILED)
    print(f"审计日志完好：{result.rows} 条记录；数据库加密页校验通过")
    anchored = (f"与密钥文件中的锚点一致（锚点第 {now.anchor_seq} 条）"
                if now.anchor_seq is not None else "密钥文件中尚无锚点")
    print(f"审计链头：第 {now.db_seq} 条，哈希 {now.db_hash[:16]}…，{anchored}")
    if earlier:
        print(f"注意：审计日志记有 {earlier} 次登录时发现链头与锚点不一致（audit.anchor_mismatch）")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    branch = open_branch(args.db)
    try:
        out = backup_service.backup(branch, args.out, force=args.force)
    except BackupTargetRefused as exc:
        hint = "；确需覆盖请加 --force" if exc.overridable else ""
        return fail(f"{exc}{hint}")
    finally:
        branch.close()
    print(f"备份完成：{out}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    # Logs in against the backup's own key slots: works with the database missing or broken.
    unlock = backup_service.unlock_backup(args.db, args.source, username(), password())
    result = backup_service.restore(args.db, unlock.master, args.source,
                                    check_user=unlock.username)
    print(f"已从 {result.restored_from} 恢复；原数据库另存为 {result.replaced_copy}")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    key = secret("POSTCRM_RECOVERY_KEY", "恢复密钥（输入时不显示）: ")
    pw = password("管理员新密码: ")
    others = auth.recover(args.db, key, args.admin, pw)
    print(f"密钥文件已重建。{args.admin} 可用新密码登录；另有 {others} 个用户需要管理员重置密码")
    return EXIT_OK


def cmd_screenshots(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from postcrm_desktop.ui.screenshots import render_all

    files = render_all(Path(args.db), username(), password(), Path(args.out))
    for f in files:
        print(f)
    return EXIT_OK


def register_app(sub: Any) -> None:
    p = sub.add_parser("app", help="打开桌面程序")
    p.add_argument("--db", type=Path, default=None, help="数据库文件路径（默认上次打开的）")
    p.set_defaults(handler=cmd_app)


def cmd_app(args: argparse.Namespace) -> int:
    from postcrm_desktop.ui.app import run

    return run(["postcrm"], db_path=args.db)
