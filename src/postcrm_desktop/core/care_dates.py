"""Care dates on the calendar: when a solar or lunar yearly date falls, pure computation.

Conventions (what branches told us customers expect):
- A solar 29 February is celebrated on 28 February in common years.
- A lunar date is celebrated on the same lunar month and day each lunar year. A 30th in a
  month that has only 29 days this year is celebrated on the 29th (the month's last day).
- Someone born in a leap month (闰月) celebrates in that leap month in years that have
  it, otherwise in the ordinary month of the same number. Someone born in an ordinary
  month celebrates in the ordinary month, never in a leap month of the same number.

`lunardate` covers lunar years 1900-2099; dates outside give no occurrence.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunardate import LunarDate

from postcrm_desktop.core.errors import ValidationError

LUNAR_FIRST_YEAR = 1900
LUNAR_LAST_YEAR = 2099

LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DAY_TENS = ("初", "十", "廿", "三")
_DAY_UNITS = ("十", "一", "二", "三", "四", "五", "六", "七", "八", "九")


@dataclass(frozen=True)
class YearlyDate:
    """A date that comes back every year: `calendar` is "solar" or "lunar"; `leap` only
    for lunar dates born in a leap month; `year` (optional) is the first year (of birth,
    of the start of cooperation), solar or lunar like the date itself."""

    calendar: str
    month: int
    day: int
    leap: bool = False
    year: int | None = None


def is_leap(lunar: LunarDate) -> bool:
    """Whether a `LunarDate` is in a leap month (the attribute was renamed in lunardate)."""
    value = getattr(lunar, "is_leap_month", None)
    return bool(lunar.isLeapMonth if value is None else value)


@lru_cache(maxsize=8192)
def lunar_month_days(year: int, month: int, leap: bool = False) -> int:
    """29 or 30: days of lunar `month` (the leap one if `leap`) of lunar `year`."""
    try:
        LunarDate(year, month, 30, leap).to_solar_date()
    except ValueError:
        return 29
    return 30


def leap_month_of(year: int) -> int | None:
    """The month number repeated as a leap month in lunar `year`, or None."""
    return LunarDate.leap_month_for_year(year)


def check(value: YearlyDate, *, today: date | None = None) -> YearlyDate:
    """`value` if it names a real yearly date, else `ValidationError` in Chinese."""
    if value.calendar not in ("solar", "lunar"):
        raise ValidationError("calendar", "历法只能是公历或农历")
    if not 1 <= value.month <= 12:
        raise ValidationError("month", "月份必须在1到12之间")
    if value.calendar == "solar":
        if value.leap:
            raise ValidationError("leap", "公历日期没有闰月")
        days = _cal.monthrange(value.year or 2000, value.month)[1]
        if not 1 <= value.day <= days:
            raise ValidationError("day", f"{value.year or ''}{'年' if value.year else ''}"
                                         f"{value.month}月没有{value.day}日")
        if value.year is not None and not 1900 <= value.year <= 2100:
            raise ValidationError("year", "年份必须在1900到2100之间")
    else:
        if not 1 <= value.day <= 30:
            raise ValidationError("day", "农历日期必须在初一到三十之间")
        if value.year is not None:
            if not LUNAR_FIRST_YEAR <= value.year <= LUNAR_LAST_YEAR:
                raise ValidationError(
                    "year", f"农历年份必须在{LUNAR_FIRST_YEAR}到{LUNAR_LAST_YEAR}之间")
            if value.leap and leap_month_of(value.year) != value.month:
                raise ValidationError(
                    "leap", f"农历{value.year}年没有闰{LUNAR_MONTHS[value.month - 1]}月")
            if value.day == 30 and lunar_month_days(value.year, value.month, value.leap) < 30:
                raise ValidationError(
                    "day", f"农历{value.year}年{lunar_label(value.month, 30, value.leap)}"
                           "不存在（该月只有29天）")
    if value.year is not None and today is not None and value.year > today.year + 1:
        raise ValidationError("year", "年份不能晚于明年")
    return value


def solar_occurrence(month: int, day: int, year: int) -> date:
    """The solar date in `year`; 29 February falls on the 28th in common years."""
    if month == 2 and day == 29 and not _cal.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


@lru_cache(maxsize=8192)
def lunar_occurrence(month: int, day: int, leap: bool, lunar_year: int) -> date | None:
    """The solar date on which a lunar yearly date falls in `lunar_year` (None outside
    the years lunardate covers)."""
    if not LUNAR_FIRST_YEAR <= lunar_year <= LUNAR_LAST_YEAR:
        return None
    in_leap = leap and leap_month_of(lunar_year) == month
    last = lunar_month_days(lunar_year, month, in_leap)
    try:
        return LunarDate(lunar_year, month, min(day, last), in_leap).to_solar_date()
    except ValueError:
        return None


def occurrences(value: YearlyDate, start: date, end: date) -> list[tuple[date, int]]:
    """Each `(solar date, year of the occurrence)` with start <= date < end, in order.

    The year is solar for solar dates and lunar for lunar ones, so `year - value.year`
    is the age or the number of years in both calendars.
    """
    out: list[tuple[date, int]] = []
    if end <= start:
        return out
    for year in range(start.year - 1, end.year + 1):
        if value.calendar == "solar":
            when: date | None = solar_occurrence(value.month, value.day, year)
        else:
            when = lunar_occurrence(value.month, value.day, value.leap, year)
        if when is not None and start <= when < end:
            out.append((when, year))
    out.sort()
    return out


def next_occurrence(value: YearlyDate, on_or_after: date) -> tuple[date, int] | None:
    """The first occurrence on or after `on_or_after` (within about 13 months)."""
    found = occurrences(value, on_or_after, on_or_after + timedelta(days=400))
    return found[0] if found else None


def lookup_keys(day: date) -> list[tuple[str, int, int]]:
    """`(calendar, month, day)` keys of the stored yearly dates that may fall on `day`.

    A cheap index probe: every stored date that occurs on `day` has one of these keys, but
    a key can also match a date that does not (a leap-month birthday in a year without
    that leap month); confirm each candidate with `occurrences`.
    """
    keys = [("solar", day.month, day.day)]
    if day.month == 2 and day.day == 28 and not _cal.isleap(day.year):
        keys.append(("solar", 2, 29))
    try:
        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    except ValueError:
        return keys
    keys.append(("lunar", lunar.month, lunar.day))
    if lunar.day == 29 and lunar_month_days(lunar.year, lunar.month, is_leap(lunar)) == 29:
        keys.append(("lunar", lunar.month, 30))
    return keys


def occurs_on(value: YearlyDate, day: date) -> int | None:
    """The occurrence year if `value` falls on `day`, else None."""
    for when, year in occurrences(value, day, day + timedelta(days=1)):
        if when == day:
            return year
    return None


def lunar_label(month: int, day: int, leap: bool = False) -> str:
    """Chinese reading of a lunar date: 闰四月初八, 腊月三十."""
    if day == 10:
        day_text = "初十"
    elif day == 20:
        day_text = "二十"
    elif day == 30:
        day_text = "三十"
    else:
        day_text = _DAY_TENS[day // 10] + _DAY_UNITS[day % 10]
    return f"{'闰' if leap else ''}{LUNAR_MONTHS[month - 1]}月{day_text}"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def label(value: YearlyDate, lang: str = "zh_CN") -> str:
    """The date as a person reads it: 3月8日, 农历八月十五 (English: Mar 8, Lunar 8/15,
    Lunar leap 4/8)."""
    if lang.startswith("en"):
        if value.calendar == "lunar":
            return f"Lunar {'leap ' if value.leap else ''}{value.month}/{value.day}"
        return f"{_MONTHS_EN[value.month - 1]} {value.day}"
    if value.calendar == "lunar":
        return "农历" + lunar_label(value.month, value.day, value.leap)
    return f"{value.month}月{value.day}日"


def from_solar_birthday(birthday: date, calendar: str) -> YearlyDate:
    """The yearly date of someone born on solar `birthday`, kept in `calendar`."""
    if calendar == "solar":
        return YearlyDate("solar", birthday.month, birthday.day, False, birthday.year)
    try:
        lunar = LunarDate.from_solar_date(birthday.year, birthday.month, birthday.day)
    except ValueError:
        raise ValidationError(
            "birthday", f"出生日期需在{LUNAR_FIRST_YEAR}到{LUNAR_LAST_YEAR}年之间才能换算农历"
        ) from None
    return YearlyDate("lunar", lunar.month, lunar.day, is_leap(lunar), lunar.year)


__all__ = [
    "YearlyDate",
    "check",
    "from_solar_birthday",
    "is_leap",
    "label",
    "leap_month_of",
    "lookup_keys",
    "lunar_label",
    "lunar_month_days",
    "lunar_occurrence",
    "next_occurrence",
    "occurrences",
    "occurs_on",
    "solar_occurrence",
]
