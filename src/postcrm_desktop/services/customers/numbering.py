"""Customer numbers: `<branch code>-<year>-<6-digit sequence>`, e.g. `GZ01-2026-000123`.

The sequence restarts each year and is kept in the `meta` table under
`customer_seq:<year>`, bumped inside the transaction that inserts the customer: the
bump is that transaction's first write, so two writers queue on SQLite's write lock
instead of both reading the same value. The highest number already stored is checked
too (one index seek), so customers written by bulk fills or imports that did not bump
the counter never make a number repeat.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import cast, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import Integer

from postcrm_desktop.core.errors import Conflict
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import Meta

SEQ_DIGITS = 6
MAX_SEQ = 10**SEQ_DIGITS - 1
NUMBER_PATTERN = re.compile(r"(?P<branch>[A-Z0-9]{1,12})-(?P<year>[0-9]{4})-(?P<seq>[0-9]{6})")


def counter_key(year: int) -> str:
    return f"customer_seq:{year}"


def local_year() -> int:
    """The year on the PC's calendar: a customer filed on 1 January local time is new-year."""
    return datetime.now().astimezone().year


def format_number(branch_code: str, year: int, seq: int) -> str:
    return f"{branch_code}-{year:04d}-{seq:0{SEQ_DIGITS}d}"


def _highest_stored(s: Session, prefix: str) -> int:
    # '.' follows '-' in ASCII: [prefix, prefix-with-'.') is exactly this year's numbers.
    upper = prefix[:-1] + "."
    last = s.execute(
        select(Customer.number)
        .where(Customer.number >= prefix, Customer.number < upper)
        .order_by(Customer.number.desc()).limit(1)
    ).scalar()
    if last is None:
        return 0
    tail = last[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def allocate_numbers(s: Session, branch_code: str, count: int = 1,
                     year: int | None = None) -> list[str]:
    """Reserve `count` consecutive new customer numbers inside the caller's transaction."""
    if count < 1:
        return []
    year = year or local_year()
    key = counter_key(year)
    bumped = s.execute(
        update(Meta).where(Meta.key == key)
        .values(value=cast(cast(Meta.value, Integer) + count, Meta.value.type))
    ).rowcount
    if not bumped:
        s.execute(insert(Meta).values(key=key, value=str(count)))
    counter = int(s.execute(select(Meta.value).where(Meta.key == key)).scalar_one())
    prefix = format_number(branch_code, year, 0)[: -SEQ_DIGITS]
    highest = _highest_stored(s, prefix)
    last = max(counter, highest + count)
    if last > MAX_SEQ:
        raise Conflict(f"{year}年的客户编号已用完，请联系管理员")
    if last != counter:
        s.execute(update(Meta).where(Meta.key == key).values(value=str(last)))
    return [format_number(branch_code, year, seq) for seq in range(last - count + 1, last + 1)]


__all__ = ["NUMBER_PATTERN", "allocate_numbers", "counter_key", "format_number", "local_year"]
