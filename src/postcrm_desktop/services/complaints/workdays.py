"""Which days are working days: the Chinese public-holiday calendar, make-up days included.

`chinese_calendar` knows the State Council's holiday arrangements for the years it was
published for (a National Day week off, a Saturday worked to make up for it). For a
year it does not cover yet, Monday to Friday count as working days and a warning is
logged once per year, so deadlines keep coming until the package is updated.
"""

from __future__ import annotations

import logging
import threading
from datetime import date

import chinese_calendar

from postcrm_desktop.core.sla import weekday_only

_log = logging.getLogger(__name__)
_warned: set[int] = set()
_lock = threading.Lock()


def covers(day: date) -> bool:
    """Whether the holiday calendar has data for `day`'s year."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def china_workday(day: date) -> bool:
    """True on working days in mainland China (weekdays, minus public holidays, plus the
    weekend days worked in exchange); Monday to Friday outside the calendar's years."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        with _lock:
            first = day.year not in _warned
            _warned.add(day.year)
        if first:
            _log.warning("holiday calendar has no data for %d; counting Monday to Friday "
                         "as working days (update the chinesecalendar package)", day.year)
        return weekday_only(day)


__all__ = ["china_workday", "covers"]
