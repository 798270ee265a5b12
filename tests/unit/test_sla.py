"""Complaint deadlines: calendar and working hours, Chinese holidays, zones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.complaint_enums import ClockMode, Priority, default_priority_for
from postcrm_desktop.core.errors import ValidationError, ValidationErrors
from postcrm_desktop.core.sla import (
    SlaPolicy,
    add_calendar_hours,
    add_working_hours,
    clock_text,
    deadline,
    format_local,
    is_overdue,
    local_time,
    weekday_only,
    working_time_between,
)
from postcrm_desktop.core.waybill import clean_waybill, s10_check_digit
from postcrm_desktop.services.complaints import workdays

# What a new branch's calendar is seeded with: the years `chinesecalendar` knows.
china_workday = workdays.library_calendar().is_workday

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def working(start: datetime, hours: float, **kw: object) -> datetime:
    kw.setdefault("is_workday", china_workday)
    return add_working_hours(start, hours, **kw)  # type: ignore[arg-type]


# --- calendar hours ---------------------------------------------------------------------

def test_calendar_hours_add_real_hours_in_utc() -> None:
    start = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    due = add_calendar_hours(start, 24)
    assert due == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert due.tzinfo == UTC


def test_calendar_deadline_ignores_holidays() -> None:
    policy = SlaPolicy()
    start = sh(2025, 9, 30, 16, 30)
    assert deadline(policy, Priority.URGENT, start, china_workday) == start + timedelta(hours=24)
    assert deadline(policy, "normal", start) == start + timedelta(hours=72)
    assert deadline(policy, Priority.LOW, start) == start + timedelta(days=7)


def test_calendar_hours_across_a_dst_change_stay_real_hours() -> None:
    # New York springs forward on 2026-03-08: 24 real hours later reads 13:00 local.
    start = datetime(2026, 3, 7, 12, 0, tzinfo=NY)
    due = add_calendar_hours(start, 24)
    assert due - start == timedelta(hours=24)
    assert due.astimezone(NY).hour == 13
    assert due.tzinfo == UTC


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValidationError):
        add_calendar_hours(datetime(2026, 1, 1, 9, 0), 24)
    with pytest.raises(ValidationError):
        working(datetime(2026, 1, 1, 9, 0), 8)


# --- working hours ----------------------------------------------------------------------

def test_working_hours_within_one_day() -> None:
    assert working(sh(2026, 11, 24, 9, 0), 3) == sh(2026, 11, 24, 12, 0)


def test_start_before_opening_waits_for_the_window() -> None:
    assert working(sh(2026, 11, 24, 6, 0), 1) == sh(2026, 11, 24, 9, 30)


def test_start_after_closing_carries_to_next_working_day() -> None:
    # Tuesday 20:00 -> Wednesday 08:30 + 2h.
    assert working(sh(2026, 11, 24, 20, 0), 2) == sh(2026, 11, 25, 10, 30)


def test_deadline_on_window_end_stays_that_day() -> None:
    assert working(sh(2026, 11, 24, 8, 30), 9) == sh(2026, 11, 24, 17, 30)


def test_weekend_is_skipped() -> None:
    # Friday 2026-11-27 16:30, 2 working hours: 1h Friday, 1h Monday.
    assert working(sh(2026, 11, 27, 16, 30), 2) == sh(2026, 11, 30, 9, 30)


def test_golden_week_holiday_is_skipped() -> None:
    # Tuesday 2025-09-30 16:30: 1h that day, then 1-8 October off, Thursday 9th 08:30 + 7h.
    due = working(sh(2025, 9, 30, 16, 30), 8)
    assert due == sh(2025, 10, 9, 15, 30)
    assert due == datetime(2025, 10, 9, 7, 30, tzinfo=UTC)
    assert due.tzinfo == UTC


def test_make_up_saturday_counts_as_working_day() -> None:
    # Saturday 2025-10-11 is worked in exchange for the National Day week.
    assert china_workday(date(2025, 10, 11))
    assert not weekday_only(date(2025, 10, 11))
    assert working(sh(2025, 10, 10, 16, 30), 2) == sh(2025, 10, 11, 9, 30)
    # With Monday-Friday only, the same deadline moves to Monday.
    assert working(sh(2025, 10, 10, 16, 30), 2, is_workday=weekday_only) == sh(
        2025, 10, 13, 9, 30)


def test_make_up_sunday_before_golden_week() -> None:
    assert working(sh(2025, 9, 26, 17, 0), 1) == sh(2025, 9, 28, 9, 0)


def test_working_hours_for_a_long_allowance() -> None:
    # 72 working hours = 8 days of 9 hours, starting at a window's opening.
    due = working(sh(2026, 11, 23, 8, 30), 72, is_workday=weekday_only)
    assert due == sh(2026, 12, 2, 17, 30)


def test_working_window_follows_local_time_across_dst() -> None:
    # Berlin moves to summer time on Sunday 2026-03-29; the window stays 08:30-17:30 local.
    start = datetime(2026, 3, 27, 17, 0, tzinfo=BERLIN)  # 16:00 UTC
    due = working(start, 1, is_workday=weekday_only, zone=BERLIN)
    assert due.astimezone(BERLIN) == datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN)
    assert due == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_working_time_between_inverts_adding() -> None:
    start = sh(2025, 9, 30, 16, 30)
    due = working(start, 8)
    assert working_time_between(start, due, is_workday=china_workday) == timedelta(hours=8)
    assert working_time_between(due, start, is_workday=china_workday) == -timedelta(hours=8)


def test_custom_window_and_bad_arguments() -> None:
    due = working(sh(2026, 11, 24, 9, 0), 1, day_start=time(9, 0), day_end=time(12, 0))
    assert due == sh(2026, 11, 24, 10, 0)
    with pytest.raises(ValueError):
        working(sh(2026, 11, 24, 9, 0), 0)
    with pytest.raises(ValueError):
        working(sh(2026, 11, 24, 9, 0), 1, day_start=time(18, 0), day_end=time(9, 0))
    with pytest.raises(ValueError):
        working(sh(2026, 11, 24, 9, 0), 1, is_workday=lambda _d: False)


def test_working_policy_deadline() -> None:
    policy = SlaPolicy(mode=ClockMode.WORKING)
    start = sh(2025, 9, 30, 16, 30)
    due = deadline(policy, Priority.URGENT, start, china_workday)
    # 24 working hours: 1h on 30 Sep, none 1-8 Oct, 9h on the 9th and 10th, the last 5h
    # on Saturday the 11th (a make-up working day).
    assert due == sh(2025, 10, 11, 13, 30)


# --- holiday calendar fallback ------------------------------------------------------------

def test_year_outside_holiday_calendar_falls_back_to_weekdays() -> None:
    calendar = workdays.library_calendar()
    far = date(2040, 1, 7)  # a Saturday, in a year the calendar does not cover
    assert not calendar.knows(2040) and calendar.knows(2025)
    assert calendar.is_workday(far) is False
    assert calendar.is_workday(far + timedelta(days=2)) is True  # Monday
    # Deadlines keep coming in such a year.
    due = working(datetime(2040, 1, 6, 17, 0, tzinfo=SH), 1, is_workday=calendar.is_workday)
    assert due == datetime(2040, 1, 9, 9, 0, tzinfo=SH)


# --- display ------------------------------------------------------------------------------

def test_display_zone_never_moves_the_instant() -> None:
    due = add_calendar_hours(datetime(2026, 3, 7, 12, 0, tzinfo=UTC), 48)
    shanghai, new_york = local_time(due, SH), local_time(due, NY)
    assert shanghai == new_york == due  # same instant
    assert shanghai.hour != new_york.hour  # shown differently
    assert format_local(due, SH) == "2026-03-09 20:00"
    assert format_local(due, NY) == "2026-03-09 08:00"  # EDT after 8 March
    assert format_local(None) == ""


def test_clock_text_and_overdue() -> None:
    now = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert clock_text(now + timedelta(hours=5, minutes=12), now) == "剩余 5小时12分钟"
    assert clock_text(now + timedelta(days=2, hours=3), now) == "剩余 2天3小时"
    assert clock_text(now - timedelta(hours=2), now) == "已超时 2小时"
    assert clock_text(now + timedelta(seconds=20), now) == "剩余 1分钟"
    assert clock_text(now - timedelta(hours=2), now, is_open=False) == ""
    assert is_overdue(now - timedelta(seconds=1), now)
    assert not is_overdue(now, now)
    assert not is_overdue(None, now)


# --- policy -------------------------------------------------------------------------------

def test_policy_round_trips_through_json() -> None:
    policy = SlaPolicy(hours={"urgent": 8, "normal": 24, "low": 48}, mode=ClockMode.WORKING,
                       day_start=time(9, 0), day_end=time(18, 0),
                       tier_priority={"gold": "urgent"})
    again = SlaPolicy.from_json(policy.to_json())
    assert again.hours_for("urgent") == 8
    assert again.mode == ClockMode.WORKING
    assert (again.day_start, again.day_end) == (time(9, 0), time(18, 0))
    assert again.default_priority("gold") == Priority.URGENT
    assert again.default_priority("diamond") == Priority.NORMAL  # not in the given table


def test_default_policy_and_tier_defaults() -> None:
    policy = SlaPolicy()
    assert [policy.hours_for(p) for p in ("urgent", "normal", "low")] == [24, 72, 168]
    assert policy.mode == ClockMode.CALENDAR
    assert policy.default_priority("diamond") == Priority.URGENT
    assert policy.default_priority("gold") == Priority.NORMAL
    assert policy.default_priority(None) == Priority.NORMAL
    assert default_priority_for("diamond") == Priority.URGENT


def test_policy_refuses_bad_values_all_at_once() -> None:
    with pytest.raises(ValidationErrors) as caught:
        SlaPolicy.from_json({"hours": {"urgent": 0, "normal": "abc"}, "mode": "weekly",
                             "day_start": "25:00", "zone": "Mars/Base",
                             "tier_priority": {"ruby": "urgent"}})
    fields = caught.value.by_field()
    assert {"hours.urgent", "hours.normal", "mode", "day_start", "zone",
            "tier_priority"} <= set(fields)
    assert "1 到" in fields["hours.urgent"]


def test_policy_refuses_inverted_hours_and_window() -> None:
    with pytest.raises(ValidationErrors) as caught:
        SlaPolicy.from_json({"hours": {"urgent": 100, "normal": 72, "low": 168}})
    assert "紧急 ≤ 一般 ≤ 低" in caught.value.by_field()["hours"]
    with pytest.raises(ValidationErrors) as caught:
        SlaPolicy.from_json({"day_start": "18:00", "day_end": "09:00"})
    assert "day_end" in caught.value.by_field()


# --- waybill numbers ----------------------------------------------------------------------

def test_waybill_numbers() -> None:
    assert s10_check_digit("12345678") == 5
    assert clean_waybill(" ea 123456785 cn ") == "EA123456785CN"
    assert clean_waybill("9876543210123") == "9876543210123"
    assert clean_waybill("") == ""
    with pytest.raises(ValidationError, match="校验位"):
        clean_waybill("EA123456789CN")
    with pytest.raises(ValidationError, match="10-20"):
        clean_waybill("12-34")
