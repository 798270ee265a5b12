"""Yearly record numbers: `<prefix><branch code>-<year>-<6-digit sequence>`, e.g. customer
`GZ01-2026-000123` and complaint `TS-GZ01-2026-000123`.

The branch code keeps numbers unique once head office gathers every branch's records.
The sequence restarts each (local) year and is kept in the `meta` table under
`<counter>:<year>`, bumped inside the transaction that inserts the record: the bump is
that transaction's first write (call it first), so two writers queue on SQLite's write
lock instead of both reading the same value. The highest number already stored is
checked too (one index seek), so rows written by bulk fills or imports that did not bump
the counter never make a number repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import cast, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import Integer

from postcrm_desktop.core.errors import Conflict
from postcrm_desktop.store.models.system import Meta

SEQ_DIGITS = 6
MAX_SEQ = 10**SEQ_DIGITS - 1


def local_year() -> int:
    """The year on the PC's calendar: a record filed on 1 January local time is new-year."""
    return datetime.now().astimezone().year


@dataclass(frozen=True)
class NumberSeries:
    counter: str  # the meta key before ":<year>"
    column: Any  # the ORM column the numbers are stored in (indexed)
    what: str  # what the numbers are called, for the message when a year's run out
    prefix: str = ""

    def counter_key(self, year: int) -> str:
        return f"{self.counter}:{year}"

    def format_number(self, branch_code: str, year: int, seq: int) -> str:
        return f"{self.prefix}{branch_code}-{year:04d}-{seq:0{SEQ_DIGITS}d}"

    def _highest_stored(self, s: Session, prefix: str) -> int:
        # '.' follows '-' in ASCII: [prefix, prefix-with-'.') is exactly this year's numbers.
        upper = prefix[:-1] + "."
        last = s.execute(
            select(self.column).where(self.column >= prefix, self.column < upper)
            .order_by(self.column.desc()).limit(1)
        ).scalar()
        if last is None:
            return 0
        tail = last[len(prefix):]
        return int(tail) if tail.isdigit() else 0

    def allocate_numbers(self, s: Session, branch_code: str, count: int = 1,
                         year: int | None = None) -> list[str]:
        """Reserve `count` consecutive numbers inside the caller's transaction."""
        if count < 1:
            return []
        year = year or local_year()
        key = self.counter_key(year)
        # A write first: the transaction takes SQLite's write lock before reading anything.
        bumped = s.execute(
            update(Meta).where(Meta.key == key)
            .values(value=cast(cast(Meta.value, Integer) + count, Meta.value.type))
        ).rowcount
        if not bumped:
            s.execute(insert(Meta).values(key=key, value=str(count)))
        counter = int(s.execute(select(Meta.value).where(Meta.key == key)).scalar_one())
        prefix = self.format_number(branch_code, year, 0)[:-SEQ_DIGITS]
        last = max(counter, self._highest_stored(s, prefix) + count)
        if last > MAX_SEQ:
            raise Conflict(f"{year}年的{self.what}已用完，请联系管理员")
        if last != counter:
            s.execute(update(Meta).where(Meta.key == key).values(value=str(last)))
        return [self.format_number(branch_code, year, n)
                for n in range(last - count + 1, last + 1)]


__all__ = ["MAX_SEQ", "SEQ_DIGITS", "NumberSeries", "local_year"]
