"""What every command shares: password input, opening a branch, exit codes."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from postcrm_desktop.cli import fault_log
from postcrm_desktop.core.clock import Clock
from postcrm_desktop.core.errors import PermissionDenied, PostCrmError, ValidationError
from postcrm_desktop.core.faults import fault_sentence, is_disk_full, is_io_error
from postcrm_desktop.services import auth
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store.engine import DatabaseOpenError
from postcrm_desktop.store.keyslots import KeySlotError, WrongPassword

EXIT_OK, EXIT_ERROR, EXIT_WRONG_PASSWORD, EXIT_LOCKED, EXIT_CANNOT_OPEN, EXIT_CHECK_FAILED = (
    0, 1, 2, 3, 4, 5,
)
EXIT_USAGE = 64  # sysexits' EX_USAGE: the command line itself is wrong

# Each area adds its commands in its own module; the order is the order of --help.
COMMAND_MODULES = [
    "postcrm_desktop.cli.foundation",
    "postcrm_desktop.cli.account",
    "postcrm_desktop.cli.customers",
    "postcrm_desktop.cli.complaints",
    "postcrm_desktop.cli.contacts",
    "postcrm_desktop.cli.cases",
]


def command_modules() -> list[ModuleType]:
    modules = []
    for name in COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


def password(prompt: str = "密码: ") -> str:
    value = os.environ.get("POSTCRM_PASSWORD")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PostCrmError("请通过环境变量 POSTCRM_PASSWORD 提供密码")
    return getpass.getpass(prompt)


def username(default: str = "admin") -> str:
    return os.environ.get("POSTCRM_USER", default)


class PasswordChangeRequired(PostCrmError):
    def __init__(self, db: Path) -> None:
        super().__init__(
            "这是网点管理员设置的临时密码，必须先修改密码才能使用：\n"
            f"  postcrm passwd --db {db}\n"
            "（脚本中可用环境变量 POSTCRM_PASSWORD 和 POSTCRM_NEW_PASSWORD）"
        )


def open_branch(db: Path, *, password_change_ok: bool = False) -> Branch:
    """Log in; a temporary password set by the admin only opens `postcrm passwd`."""
    branch = auth.login(Path(db), username(), password())
    if branch.anchor_check is not None and not branch.anchor_check.ok:
        print(f"postcrm: 警告：{branch.anchor_check.reason}（已记入审计日志）", file=sys.stderr)
    if not password_change_ok and auth.must_change_password(branch):
        branch.close()
        raise PasswordChangeRequired(Path(db))
    return branch


def secret(env: str, prompt: str, *, confirm: str | None = None) -> str:
    """A secret from `env`, else typed without echo (twice when `confirm` is given)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PostCrmError(f"请通过环境变量 {env} 提供")
    value = getpass.getpass(prompt)
    if confirm is not None and getpass.getpass(confirm) != value:
        raise ValidationError("new_password", "两次输入的密码不一致")
    return value


def clock(branch: Branch) -> Clock:
    """The branch's clock, as the app's pages have it: days in the branch's zone."""
    from postcrm_desktop.services.clock import branch_clock

    return branch_clock(branch)


def add_db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, type=Path, metavar="文件", help="数据库文件路径")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"postcrm: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    handler: Callable[[Any], int] = args.handler
    try:
        return handler(args)
    except WrongPassword:
        return fail("密码错误 (wrong password)", EXIT_WRONG_PASSWORD)
    except (auth.AccountLocked, auth.LoginThrottled, auth.AccountDisabled,
            PasswordChangeRequired) as exc:
        return fail(str(exc), EXIT_LOCKED)
    except (DatabaseOpenError, KeySlotError) as exc:
        return fail(str(exc), EXIT_CANNOT_OPEN)
    except ValidationError as exc:
        return fail(f"{exc.field}: {exc.message}")
    except (PermissionDenied, PostCrmError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("已取消", 130)
    except Exception as exc:  # a full disk, an I/O error, a bug: one line, never a traceback
        return fail_unexpected(exc, args)


LOW_SPACE_BYTES = 1024 * 1024


def _disk_nearly_full(args: argparse.Namespace) -> bool:
    """Whether a folder the command writes to has (almost) no space left."""
    for name in ("db", "out", "source"):
        value = getattr(args, name, None)
        if not isinstance(value, Path):
            continue
        folder = Path(value).absolute().parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
                return True
        except OSError:
            continue
    return False


def fail_unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    hint = "详情见日志"
    if not is_io_error(exc) and not is_disk_full(exc):
        logged = fault_log.write(exc)
        hint = f"详情见日志 {logged}" if logged else "日志也无法写入"
    return fail(fault_sentence(exc, log_hint=hint, disk_nearly_full=_disk_nearly_full(args)))
