"""Date and time edits on the branch's clock: wall times shown and read in its zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from postcrm_desktop.ui.qt import QtCore


def qdate(day: date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


def qdatetime(moment: datetime, zone: tzinfo) -> QtCore.QDateTime:
    """`moment` as the wall time it reads in `zone` (a QDateTime without a zone)."""
    local = moment.astimezone(zone)
    return QtCore.QDateTime(qdate(local.date()),
                            QtCore.QTime(local.hour, local.minute, local.second))


def wall_to_utc(value: QtCore.QDateTime, zone: tzinfo) -> datetime:
    """A wall time read from an edit, taken in `zone`, as aware UTC."""
    d, t = value.date(), value.time()
    local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                     tzinfo=zone)
    return local.astimezone(UTC)


def day_start_utc(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


__all__ = ["day_start_utc", "qdate", "qdatetime", "wall_to_utc"]
