"""The audit chain's head, anchored outside the database.

The hash chain (store/audit.py) shows an edited or removed row in the middle, but not a
removed tail or a chain recomputed from scratch: both still form a valid chain. So the
last sequence number and hash are also kept in the key file, under a MAC keyed from the
master key, and rewritten after every commit that added audit rows. A database rolled
back or truncated on its own then no longer matches its key file. The same signed head
goes into sync packages, so head office sees a branch's chain shrink or change.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.store.models.system import AuditEntry

log = logging.getLogger(__name__)


def anchor_key(master: bytes) -> bytes:
    return hashlib.sha256(b"postcrm-audit-anchor|" + master).digest()


def _mac(key: bytes, db_id: str, seq: int, head_hash: str) -> str:
    return hmac.new(key, f"{db_id}|{seq}|{head_hash}".encode(), hashlib.sha256).hexdigest()


def sign(key: bytes, db_id: str, seq: int, head_hash: str) -> dict[str, Any]:
    """The anchor as stored in the key file and sent with sync packages."""
    return {"seq": seq, "hash": head_hash, "mac": _mac(key, db_id, seq, head_hash)}


def head(session: Session) -> tuple[int, str]:
    """(last seq, its hash); (0, "") for an empty log."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else (0, "")


@dataclass(frozen=True)
class AnchorCheck:
    ok: bool
    db_seq: int
    db_hash: str
    anchor_seq: int | None  # None: the key file holds no anchor yet
    reason: str = ""


def check(session: Session, key: bytes, db_id: str, anchor: dict[str, Any] | None
          ) -> AnchorCheck:
    """Compare the database's chain with the anchored head.

    An anchor older than the head is fine when the row at its sequence still has its
    hash (a later commit's anchor may not have been written yet); a newer anchor, a
    different hash or a broken MAC means the log was cut back, rewritten or replaced.
    """
    db_seq, db_hash = head(session)
    if anchor is None:
        return AnchorCheck(True, db_seq, db_hash, None)
    try:
        a_seq, a_hash, a_mac = int(anchor["seq"]), str(anchor["hash"]), str(anchor["mac"])
    except (KeyError, TypeError, ValueError):
        return AnchorCheck(False, db_seq, db_hash, None, "密钥文件中的审计链头锚点已损坏")
    if not hmac.compare_digest(_mac(key, db_id, a_seq, a_hash), a_mac):
        return AnchorCheck(False, db_seq, db_hash, a_seq,
                           "密钥文件中的审计链头锚点校验失败（被改动，或属于另一个数据库）")
    if a_seq > db_seq:
        return AnchorCheck(False, db_seq, db_hash, a_seq,
                           f"审计日志末尾被删除：锚点在第 {a_seq} 条，数据库只到第 {db_seq} 条")
    at = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == a_seq)).scalar()
    if at != a_hash:
        return AnchorCheck(False, db_seq, db_hash, a_seq,
                           f"审计日志被重写：第 {a_seq} 条与密钥文件中的锚点不一致")
    return AnchorCheck(True, db_seq, db_hash, a_seq)


def write(db_path: Path, key: bytes, db_id: str, seq: int, head_hash: str) -> None:
    """Anchor a new head in the key file (one small locked rewrite)."""
    from postcrm_desktop.store.keyslots import editing

    # Last writer wins: two sessions committing at once may leave the older head, which
    # `check` accepts; a restore from backup moves the head back on purpose.
    with editing(db_path) as kf:
        kf.anchor = sign(key, db_id, seq, head_hash)


def write_after_commit(db_path: Path, key: bytes, db_id: str, seq: int,
                       head_hash: str) -> None:
    """Called once the database commit stands: a failure here must not undo it.

    A stale anchor is still consistent (see `check`), so the next commit catches up.
    """
    try:
        write(db_path, key, db_id, seq, head_hash)
    except (OSError, PostCrmError) as exc:
        log.warning("audit anchor not updated: %s", type(exc).__name__)
