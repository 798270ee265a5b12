"""Which days are working days: the holiday calendar the branch keeps (`holiday_days`).

The table is seeded from `chinesecalendar` for the years it knows; the branch admin (or
HQ, through sync) enters later years from the State Council notice, in a form or by
importing a simple file. Deadlines in working hours use this calendar. A year with no
entries counts Monday to Friday: the screens and `postcrm complaints list` warn while
the current year (from November also the next) is missing.

Reading needs nothing; changing needs `complaint.manage`, is audited, one transaction,
announced as entity "holiday_day".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import ValidationError, ValidationErrors
from postcrm_desktop.core.holidays import (
    HolidayCalendar,
    HolidayEntry,
    check_entries,
    missing_text,
    missing_years,
    parse_lines,
)
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.calendar import HolidayDay, holiday_id

ENTITY = "holiday_day"


@dataclass(frozen=True)
class YearSummary:
    year: int
    holidays: int
    workdays: int


_LIBRARY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def library_entries() -> list[HolidayEntry]:
    """What the `chinesecalendar` package knows (what a new branch is seeded with)."""
    import chinese_calendar

    out = [HolidayEntry(d, "holiday", _LIBRARY_NAMES.get(str(n), str(n)))
           for d, n in chinese_calendar.holidays.items()]
    out += [HolidayEntry(d, "workday", _LIBRARY_NAMES.get(str(n), str(n)) + "调休")
            for d, n in chinese_calendar.workdays.items()]
    return sorted(out, key=lambda e: e.day)


def library_calendar() -> HolidayCalendar:
    return HolidayCalendar.of(library_entries())


def load_calendar(s: Session) -> HolidayCalendar:
    """The branch's calendar, read inside the caller's session."""
    rows = s.execute(select(HolidayDay.day, HolidayDay.kind)).all()
    return HolidayCalendar.of(HolidayEntry(d, k) for d, k in rows)


def calendar(branch: Branch) -> HolidayCalendar:
    with branch.session() as s, reading(s):
        return load_calendar(s)


def known_years(branch: Branch) -> list[int]:
    return sorted(calendar(branch).years)


def years(branch: Branch) -> list[YearSummary]:
    """Each year with entries: how many holidays and make-up working days."""
    with branch.session() as s, reading(s):
        rows = s.execute(select(HolidayDay.day, HolidayDay.kind)).all()
    counts: dict[int, list[int]] = {}
    for day, kind in rows:
        c = counts.setdefault(day.year, [0, 0])
        c[0 if kind == "holiday" else 1] += 1
    return [YearSummary(y, h, w) for y, (h, w) in sorted(counts.items())]


def year_entries(branch: Branch, year: int) -> list[HolidayEntry]:
    with branch.session() as s, reading(s):
        rows = s.execute(select(HolidayDay.day, HolidayDay.kind, HolidayDay.name)
                         .where(_in_year(year))
                         .order_by(HolidayDay.day)).all()
    return [HolidayEntry(d, k, n) for d, k, n in rows]


def missing(branch: Branch, today: date) -> list[int]:
    """Years that should be in the calendar by `today` (the branch's day) but are not."""
    return missing_years(calendar(branch).years, today)


def warning(branch: Branch, today: date) -> str:
    """The visible warning while a needed year is missing; empty when all is known."""
    return missing_text(missing(branch, today))


def _in_year(year: int) -> ColumnElement[bool]:
    return HolidayDay.day.between(date(year, 1, 1), date(year, 12, 31))


def _replace(s: Session, branch: Branch, entries: list[HolidayEntry],
             year_list: Iterable[int], how: str) -> None:
    year_set = sorted(set(year_list))
    existing = {r.day: r for r in s.execute(select(HolidayDay).where(
        or_(*(_in_year(y) for y in year_set)))).scalars()}
    wanted = {e.day: e for e in entries}
    for day, row in existing.items():
        if day not in wanted:
            s.delete(row)
    for day, e in wanted.items():
        row = existing.get(day)
        if row is None:
            s.add(HolidayDay(id=holiday_id(day), day=day, kind=e.kind, name=e.name,
                             source="branch"))
        elif (row.kind, row.name) != (e.kind, e.name):
            row.kind, row.name, row.source = e.kind, e.name, "branch"
    s.flush()
    audit.append(s, "holiday.calendar_changed", user_id=branch.actor.user_id,
                 username=branch.actor.username, entity=ENTITY, entity_id="",
                 detail={"years": year_set, "how": how, "days": len(wanted)})


def set_year(branch: Branch, year: int, entries: Iterable[HolidayEntry]) -> list[HolidayEntry]:
    """Replace `year`'s holidays and make-up working days with `entries` (each in that
    year). Raises `ValidationErrors` naming every wrong entry; nothing is stored then."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    checked = check_entries(entries)
    wrong = [ValidationError("day", f"{e.day.isoformat()} 不在 {year} 年")
             for e in checked if e.day.year != year]
    if wrong:
        raise ValidationErrors(wrong)
    with branch.session() as s, transaction(s, branch.actor):
        _replace(s, branch, checked, [year], "form")
    return checked


def import_text(branch: Branch, text: str) -> list[YearSummary]:
    """Import the simple file format (see `core.holidays.parse_lines`): each year in the
    file is replaced by the file's entries for it, all in one transaction. Raises
    `ValidationErrors` with one message per wrong line; nothing is stored then."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    entries = parse_lines(text)
    in_file = sorted({e.day.year for e in entries})
    with branch.session() as s, transaction(s, branch.actor):
        _replace(s, branch, entries, in_file, "import")
    return [YearSummary(y, sum(1 for e in entries if e.day.year == y and e.kind == "holiday"),
                        sum(1 for e in entries if e.day.year == y and e.kind == "workday"))
            for y in in_file]


def delete_year(branch: Branch, year: int) -> int:
    """Remove a year's entries (it then counts as unknown again); returns how many."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        rows = list(s.execute(select(HolidayDay).where(_in_year(year))).scalars())
        for row in rows:
            s.delete(row)
        s.flush()
        audit.append(s, "holiday.calendar_changed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity=ENTITY, entity_id="",
                     detail={"years": [year], "how": "delete", "days": 0})
    return len(rows)


__all__ = [
    "ENTITY",
    "YearSummary",
    "calendar",
    "delete_year",
    "import_text",
    "known_years",
    "library_calendar",
    "library_entries",
    "load_calendar",
    "missing",
    "set_year",
    "warning",
    "year_entries",
    "years",
]
