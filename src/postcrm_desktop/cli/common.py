"""What every command shares: password input, opening a branch, exit codes."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from postcrm_desktop.core.errors import PermissionDenied, PostCrmError, ValidationError
from postcrm_desktop.services import auth
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store.engine import DatabaseOpenError
from postcrm_desktop.store.keyslots import WrongPassword

EXIT_OK, EXIT_ERROR, EXIT_WRONG_PASSWORD, EXIT_LOCKED, EXIT_CANNOT_OPEN, EXIT_CHECK_FAILED = (
    0, 1, 2, 3, 4, 5,
)

# Each area adds its commands in its own module; the order is the order of --help.
COMMAND_MODULES = [
    "postcrm_desktop.cli.foundation",
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


def open_branch(db: Path) -> Branch:
    return auth.login(Path(db), username(), password())


def add_db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, type=Path, help="数据库文件路径")


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"postcrm: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    handler: Callable[[Any], int] = args.handler
    try:
        return handler(args)
    except WrongPassword:
        return fail("密码错误 (wrong password)", EXIT_WRONG_PASSWORD)
    except (auth.AccountLocked, auth.LoginThrottled, auth.AccountDisabled) as exc:
        return fail(str(exc), EXIT_LOCKED)
    except DatabaseOpenError as exc:
        return fail(str(exc), EXIT_CANNOT_OPEN)
    except ValidationError as exc:
        return fail(f"{exc.field}: {exc.message}")
    except (PermissionDenied, PostCrmError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("已取消", 130)
