"""Complaint numbers: `TS-<branch code>-<year>-<6-digit sequence>`, e.g. `TS-GZ01-2026-000123`.

The branch code keeps numbers unique once head office gathers every branch's
complaints. The sequence restarts each (local) year; it is kept in `meta` under
`complaint_seq:<year>` and bumped as the transaction's first write (call it first), so
two writers queue on SQLite's write lock. The highest number already stored is checked
too, so rows a bulk fill wrote without bumping the counter never make a number repeat.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, cast, insert, select, update
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict
from postcrm_desktop.store.models.complaints import Complaint
from postcrm_desktop.store.models.system import Meta

PREFIX = "TS"
SEQ_DIGITS = 6
MAX_SEQ = 10**SEQ_DIGITS - 1


def counter_key(year: int) -> str:
    return f"complaint_seq:{year}"


def format_number(branch_code: str, year: int, seq: int) -> str:
    return f"{PREFIX}-{branch_code}-{year:04d}-{seq:0{SEQ_DIGITS}d}"


def _highest_stored(s: Session, prefix: str) -> int:
    upper = prefix[:-1] + "."  # '.' follows '-': [prefix, upper) is this year's numbers
    last = s.execute(
        select(Complaint.number).where(Complaint.number >= prefix, Complaint.number < upper)
        .order_by(Complaint.number.desc()).limit(1)
    ).scalar()
    if last is None:
        return 0
    tail = last[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def allocate_numbers(s: Session, branch_code: str, count: int = 1,
                     year: int | None = None) -> list[str]:
    """Reserve `count` consecutive complaint numbers inside the caller's transaction."""
    if count < 1:
        return []
    year = year or datetime.now().astimezone().year
    key = counter_key(year)
    # A write first: the transaction takes SQLite's write lock before reading anything.
    bumped = s.execute(
        update(Meta).where(Meta.key == key)
        .values(value=cast(cast(Meta.value, Integer) + count, Meta.value.type))
    ).rowcount
    if not bumped:
        s.execute(insert(Meta).values(key=key, value=str(count)))
    counter = int(s.execute(select(Meta.value).where(Meta.key == key)).scalar_one())
    prefix = format_number(branch_code, year, 0)[:-SEQ_DIGITS]
    last = max(counter, _highest_stored(s, prefix) + count)
    if last > MAX_SEQ:
        raise Conflict(f"{year}年的投诉编号已用完，请联系管理员")
    if last != counter:
        s.execute(update(Meta).where(Meta.key == key).values(value=str(last)))
    return [format_number(branch_code, year, n) for n in range(last - count + 1, last + 1)]


__all__ = ["allocate_numbers", "counter_key", "format_number"]
