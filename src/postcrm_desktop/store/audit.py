"""Append-only, hash-chained audit log.

Each row's hash is SHA-256 over the previous row's hash and the row's own fields, so an
edited or removed row breaks the chain from that row on and `verify` names it. The
database also refuses UPDATE and DELETE on the table (triggers in the first migration).
Details hold ids and counts, never names or phone numbers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.store.models.system import AuditEntry
from postcrm_desktop.store.types import utcnow

GENESIS = "0" * 64


def _row_hash(prev: str, seq: int, at: datetime, user_id: str | None, username: str,
              action: str, entity: str, entity_id: str, detail: str) -> str:
    body = json.dumps(
        [prev, seq, at.isoformat(), user_id, username, action, entity, entity_id, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    session: Session,
    action: str,
    *,
    user_id: str | None = None,
    username: str = "",
    entity: str = "",
    entity_id: str = "",
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one audit row inside the caller's transaction."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    # Microseconds dropped: what is hashed must equal what the database gives back.
    when = (at or utcnow()).replace(microsecond=0)
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    row = AuditEntry(
        seq=seq,
        at=when,
        user_id=user_id,
        username=username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail_text,
        prev_hash=prev,
        hash=_row_hash(prev, seq, when, user_id, username, action, entity, entity_id,
                       detail_text),
    )
    session.add(row)
    session.flush()
    # Anchored in the key file once the transaction commits (store/audit_anchor.py).
    session.info["audit_head"] = (seq, row.hash)
    return row


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify(session: Session) -> VerifyResult:
    """Walk the chain in order; report the first row that was edited, removed or inserted."""
    prev, expected_seq, count = GENESIS, 1, 0
    for row in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        count += 1
        if row.seq != expected_seq:
            return VerifyResult(False, count, expected_seq,
                                f"第 {expected_seq} 条审计记录缺失（被删除）")
        if row.prev_hash != prev:
            return VerifyResult(False, count, row.seq,
                                f"第 {row.seq} 条审计记录与上一条不连续（前一条被改动或删除）")
        want = _row_hash(prev, row.seq, row.at, row.user_id, row.username, row.action,
                         row.entity, row.entity_id, row.detail)
        if row.hash != want:
            return VerifyResult(False, count, row.seq, f"第 {row.seq} 条审计记录的内容被改动")
        prev, expected_seq = row.hash, expected_seq + 1
        session.expunge(row)
    return VerifyResult(True, count)
