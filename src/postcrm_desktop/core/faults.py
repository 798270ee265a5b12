"""One clear sentence for a fault that is nobody's input: a full disk, an I/O error, a bug.

Front ends show this line instead of a traceback (the details go to the log, never to
the screen). Database drivers report a full disk or a failing device as their own
errors ("database or disk is full", "disk I/O error"), often wrapped by SQLAlchemy, so
the chain of causes is searched as well as the exception itself.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator

DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_SQLITE_FULL = ("database or disk is full", "disk is full")
_SQLITE_IO = ("disk i/o error", "unable to open database file", "attempt to write a readonly")

_OS_WHY = {
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "找不到文件或文件夹",
    errno.EIO: "设备读写失败",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's
        current = orig if isinstance(orig, BaseException) else (
            current.__cause__ or current.__context__)


def _where(exc: OSError) -> str:
    return f"（{exc.filename}）" if getattr(exc, "filename", None) else ""


def is_disk_full(exc: BaseException) -> bool:
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno in DISK_FULL_ERRNOS:
            return True
        if any(s in str(e).lower() for s in _SQLITE_FULL):
            return True
    return False


def is_io_error(exc: BaseException) -> bool:
    return any(isinstance(e, OSError) or any(s in str(e).lower() for s in _SQLITE_IO)
               for e in _chain(exc))


def fault_sentence(exc: BaseException, *, log_hint: str = "详情见日志",
                   disk_nearly_full: bool = False) -> str:
    """"磁盘空间不足：…", "读写错误：…" or "意外错误：…（详情见日志）" for `exc`.

    SQLite often reports a full disk as a plain I/O error (its shared-memory file cannot
    grow); `disk_nearly_full`, measured by the caller where the files are, settles it.
    """
    chain = list(_chain(exc))
    if is_disk_full(exc) or (disk_nearly_full and is_io_error(exc)):
        where = next((_where(e) for e in chain if isinstance(e, OSError) and _where(e)), "")
        return f"磁盘空间不足：写入失败{where}。请腾出磁盘空间后重试，已保存的数据不受影响"
    for e in chain:
        if isinstance(e, OSError):
            why = _OS_WHY.get(e.errno or 0) or e.strerror or type(e).__name__
            return f"读写错误：{why}{_where(e)}"
        if any(s in str(e).lower() for s in _SQLITE_IO):
            return "读写错误：数据库文件读写失败。请检查磁盘和文件权限后重试"
    return f"意外错误：{type(exc).__name__}（{log_hint}）"
