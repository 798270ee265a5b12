"""Local days over UTC instants: the store keeps UTC, people think in local days.

A deadline is one instant (aware UTC). "Today", "overdue" and a date-only due date are
local notions, computed here from an IANA zone, so a change of daylight saving time or of
the PC's zone moves how an instant is shown, never the instant itself.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A due date given without a time means the start of that working day.
DEFAULT_DUE_TIME = time(9, 0)

ZoneLike = tzinfo | str | None


def utc_now() -> datetime:
    """The current moment as an aware UTC datetime (what every stored time is)."""
    return datetime.now(UTC)


def system_zone() -> tzinfo:
    """The PC's zone, as an IANA zone when it can be found (so DST rules apply)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    # Windows and unusual systems: the current fixed offset (China has no DST).
    return datetime.now().astimezone().tzinfo or UTC


def zone(tz: ZoneLike = None) -> tzinfo:
    """`tz` as a tzinfo: an IANA name ("Asia/Shanghai"), a tzinfo, or None for the PC's."""
    if tz is None:
        return system_zone()
    if isinstance(tz, str):
        return ZoneInfo(tz)
    return tz


def zone_name(tz: tzinfo) -> str:
    return getattr(tz, "key", None) or str(tz)


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: give a zone (store UTC, show local)")
    return moment


def as_utc(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(UTC)


def local_date(moment: datetime, tz: ZoneLike = None) -> date:
    """The local calendar day `moment` falls on."""
    return as_utc(moment).astimezone(zone(tz)).date()


def at_local(day: date, at: time, tz: ZoneLike = None) -> datetime:
    """The UTC instant of wall-clock `at` on local `day`. A wall time skipped by a DST
    change is read with the offset before the change (zoneinfo's fold=0)."""
    return datetime.combine(day, at, tzinfo=zone(tz)).astimezone(UTC)


def day_bounds(day: date, tz: ZoneLike = None) -> tuple[datetime, datetime]:
    """UTC `[start, end)` of local `day`: 23 or 25 hours long on DST change days."""
    z = zone(tz)
    start = datetime.combine(day, time(0), tzinfo=z).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=z).astimezone(UTC)
    return start, end


def due_instant(value: datetime | date, tz: ZoneLike = None) -> datetime:
    """A due date as a UTC instant: a `date` means `DEFAULT_DUE_TIME` local on that day."""
    if isinstance(value, datetime):
        return as_utc(value)
    return at_local(value, DEFAULT_DUE_TIME, tz)


__all__ = [
    "DEFAULT_DUE_TIME",
    "ZoneLike",
    "as_utc",
    "at_local",
    "day_bounds",
    "due_instant",
    "local_date",
    "require_aware",
    "system_zone",
    "zone",
    "zone_name",
]
