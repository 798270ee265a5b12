"""One clock for screens and commands: `now()` as aware UTC, `today()` in the branch's zone.

The branch's days are those of its zone (the SLA policy's zone, Asia/Shanghai by default),
not the PC's: a PC set to another zone still shows and counts the branch's days. Screens
and commands take the time only from a `Clock`, so tests replace it with a `FixedClock`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from postcrm_desktop.core.local_time import ZoneLike, as_utc, zone_name

DEFAULT_ZONE = "Asia/Shanghai"


def _system_now() -> datetime:
    return datetime.now(UTC)


def _as_zone(tz: ZoneLike) -> tzinfo:
    if tz is None:
        return ZoneInfo(DEFAULT_ZONE)
    return ZoneInfo(tz) if isinstance(tz, str) else tz


class Clock:
    """The current moment and the branch's calendar day."""

    def __init__(self, zone: ZoneLike = DEFAULT_ZONE,
                 source: Callable[[], datetime] = _system_now) -> None:
        self._zone = _as_zone(zone)
        self._source = source

    @property
    def zone(self) -> tzinfo:
        return self._zone

    @zone.setter
    def zone(self, value: ZoneLike) -> None:
        self._zone = _as_zone(value)

    @property
    def zone_name(self) -> str:
        return zone_name(self._zone)

    def now(self) -> datetime:
        """The current moment, aware UTC."""
        return as_utc(self._source())

    def local_now(self) -> datetime:
        """The current moment in the branch's zone (for wall-clock display)."""
        return self.now().astimezone(self._zone)

    def today(self) -> date:
        """The branch's calendar day now."""
        return self.local_now().date()

    def local(self, moment: datetime) -> datetime:
        """`moment` (aware) in the branch's zone."""
        return as_utc(moment).astimezone(self._zone)

    def local_date(self, moment: datetime) -> date:
        return self.local(moment).date()

    def stamp(self) -> str:
        """`20261205-233000` in the branch's zone, for file names."""
        return self.local_now().strftime("%Y%m%d-%H%M%S")


class FixedClock(Clock):
    """A clock standing still at `at` until set or advanced (tests, screenshots)."""

    def __init__(self, at: datetime, zone: ZoneLike = DEFAULT_ZONE) -> None:
        self._at = as_utc(at)
        super().__init__(zone, source=lambda: self._at)

    def set(self, at: datetime) -> None:
        self._at = as_utc(at)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


__all__ = ["DEFAULT_ZONE", "Clock", "FixedClock"]
