"""Complaint deadlines (SLA): from priority, policy and start time to an aware UTC instant.

Two clocks:

- calendar hours: the deadline is the start plus N real hours;
- working hours: time only runs inside the working window (08:30-17:30 by default) of
  working days, in the policy's zone (Asia/Shanghai). Which days are working days is a
  predicate the caller passes in (the service layer uses the Chinese public-holiday
  calendar with its make-up working days), so this module stays pure and testable.

Every result is an aware UTC datetime: what is stored never depends on the PC's zone
or on daylight saving. `local_time` turns it into the viewer's local time for display.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postcrm_desktop.core.complaint_enums import (
    DEFAULT_TIER_PRIORITY,
    ClockMode,
    Priority,
    parse_choice,
)
from postcrm_desktop.core.customer_enums import Tier
from postcrm_desktop.core.errors import ValidationError, ValidationErrors

WorkdayPredicate = Callable[[date], bool]

DEFAULT_ZONE = "Asia/Shanghai"
DEFAULT_HOURS: dict[str, int] = {"urgent": 24, "normal": 72, "low": 168}
MAX_HOURS = 90 * 24
# A working-hours deadline further than this many days away means the predicate
# names (almost) no working days: refuse rather than loop for ever.
MAX_SEARCH_DAYS = 3 * 366


def weekday_only(day: date) -> bool:
    """Monday to Friday: the fallback when no holiday calendar covers `day`."""
    return day.weekday() < 5


def _zone(zone: str | tzinfo) -> tzinfo:
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def require_aware(value: datetime, field: str = "time") -> datetime:
    """`value` as aware UTC; naive datetimes are refused (their zone is a guess)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "时间缺少时区，无法计算期限")
    return value.astimezone(UTC)


@dataclass(frozen=True)
class SlaPolicy:
    """The branch's deadline rules, edited by the admin.

    `hours` maps each priority code to its allowance in hours (calendar or working,
    per `mode`); `tier_priority` maps customer tier codes to the priority a complaint
    starts with; the working window is `day_start`-`day_end` local time in `zone`.
    """

    hours: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    mode: ClockMode = ClockMode.CALENDAR
    day_start: time = time(8, 30)
    day_end: time = time(17, 30)
    zone: str = DEFAULT_ZONE
    tier_priority: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_TIER_PRIORITY))

    def hours_for(self, priority: Priority | str) -> int:
        return int(self.hours[str(Priority(priority))])

    def default_priority(self, tier: Tier | str | None) -> Priority:
        return Priority(self.tier_priority.get(str(tier or ""), Priority.NORMAL.value))

    def to_json(self) -> dict[str, Any]:
        return {
            "hours": {str(p): int(self.hours[str(p)]) for p in Priority},
            "mode": str(self.mode),
            "day_start": self.day_start.strftime("%H:%M"),
            "day_end": self.day_end.strftime("%H:%M"),
            "zone": self.zone,
            "tier_priority": {str(t): str(self.tier_priority.get(str(t), "normal"))
                              for t in Tier},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SlaPolicy:
        """Parse and check a stored or entered policy; raises `ValidationErrors`."""
        errors: list[ValidationError] = []
        base = cls()

        hours: dict[str, int] = dict(base.hours)
        raw_hours = data.get("hours", {})
        if not isinstance(raw_hours, Mapping):
            errors.append(ValidationError("hours", "时限设置无效"))
            raw_hours = {}
        for p in Priority:
            if str(p) not in raw_hours:
                continue
            value = raw_hours[str(p)]
            try:
                if isinstance(value, bool):
                    raise ValueError
                number = int(str(value).strip())
            except ValueError:
                errors.append(ValidationError(f"hours.{p}", f"“{p.label}”的时限必须是整数小时"))
                continue
            if not 1 <= number <= MAX_HOURS:
                errors.append(ValidationError(
                    f"hours.{p}", f"“{p.label}”的时限必须在 1 到 {MAX_HOURS} 小时之间"))
                continue
            hours[str(p)] = number
        if not errors and not (hours["urgent"] <= hours["normal"] <= hours["low"]):
            errors.append(ValidationError(
                "hours", "时限应满足：紧急 ≤ 一般 ≤ 低（优先级越高，时限越短）"))

        mode = base.mode
        try:
            mode = parse_choice(ClockMode, data.get("mode", str(base.mode)), "mode")
        except ValidationError as exc:
            errors.append(exc)

        day_start, day_end = base.day_start, base.day_end
        for key in ("day_start", "day_end"):
            raw = data.get(key)
            if raw is None:
                continue
            try:
                parsed = raw if isinstance(raw, time) else time.fromisoformat(str(raw).strip())
            except ValueError:
                label = "上班时间" if key == "day_start" else "下班时间"
                errors.append(ValidationError(key, f"{label}格式应为 HH:MM，如 08:30"))
                continue
            if key == "day_start":
                day_start = parsed.replace(second=0, microsecond=0, tzinfo=None)
            else:
                day_end = parsed.replace(second=0, microsecond=0, tzinfo=None)
        if day_start >= day_end:
            errors.append(ValidationError("day_end", "下班时间必须晚于上班时间"))

        zone = str(data.get("zone") or base.zone).strip()
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            errors.append(ValidationError("zone", f"时区无效：{zone}"))
            zone = base.zone

        tier_priority = dict(base.tier_priority)
        raw_tiers = data.get("tier_priority", {})
        if isinstance(raw_tiers, Mapping):
            for tier_code, prio in raw_tiers.items():
                try:
                    tier = Tier(str(tier_code))
                    tier_priority[str(tier)] = str(parse_choice(Priority, prio,
                                                                f"tier_priority.{tier}"))
                except ValueError:
                    errors.append(ValidationError("tier_priority", f"客户等级无效：{tier_code}"))
                except ValidationError as exc:
                    errors.append(exc)
        else:
            errors.append(ValidationError("tier_priority", "客户等级对应的优先级设置无效"))

        if errors:
            raise ValidationErrors(errors)
        return cls(hours=hours, mode=mode, day_start=day_start, day_end=day_end, zone=zone,
                   tier_priority=tier_priority)


def add_calendar_hours(start: datetime, hours: float) -> datetime:
    """`start` plus `hours` real hours, in UTC (a daylight-saving change adds nothing)."""
    return require_aware(start, "start") + timedelta(hours=hours)


def _window(day: date, zone: tzinfo, day_start: time, day_end: time
            ) -> tuple[datetime, datetime]:
    """The working window of `day` as two aware UTC instants."""
    begin = datetime.combine(day, day_start, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day, day_end, tzinfo=zone).astimezone(UTC)
    return begin, end


def add_working_hours(start: datetime, hours: float, *, is_workday: WorkdayPredicate,
                      zone: str | tzinfo = DEFAULT_ZONE, day_start: time = time(8, 30),
                      day_end: time = time(17, 30)) -> datetime:
    """The instant when `hours` of working time have passed since `start`.

    Working time is the window `day_start`-`day_end` (local time in `zone`) of every day
    `is_workday` accepts. A start outside the window waits for the next window; a
    deadline that lands exactly on a window's end stays there (not the next morning).
    """
    if hours <= 0:
        raise ValueError("hours must be positive")
    if day_start >= day_end:
        raise ValueError("day_start must be before day_end")
    tz = _zone(zone)
    cursor = require_aware(start, "start")
    left = timedelta(hours=hours)
    day = cursor.astimezone(tz).date()
    for _ in range(MAX_SEARCH_DAYS):
        if is_workday(day):
            begin, end = _window(day, tz, day_start, day_end)
            at = max(cursor, begin)
            if at < end:
                available = end - at
                if left <= available:
                    return at + left
                left -= available
        day += timedelta(days=1)
    raise ValueError("no working days found: check the working-day calendar")


def working_time_between(start: datetime, end: datetime, *, is_workday: WorkdayPredicate,
                         zone: str | tzinfo = DEFAULT_ZONE, day_start: time = time(8, 30),
                         day_end: time = time(17, 30)) -> timedelta:
    """Working time from `start` to `end` (negative when `end` is earlier)."""
    a, b = require_aware(start, "start"), require_aware(end, "end")
    if b < a:
        return -working_time_between(b, a, is_workday=is_workday, zone=zone,
                                     day_start=day_start, day_end=day_end)
    tz = _zone(zone)
    total = timedelta()
    day, last = a.astimezone(tz).date(), b.astimezone(tz).date()
    while day <= last:
        if is_workday(day):
            begin, stop = _window(day, tz, day_start, day_end)
            lo, hi = max(a, begin), min(b, stop)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


def deadline(policy: SlaPolicy, priority: Priority | str, start: datetime,
             is_workday: WorkdayPredicate = weekday_only) -> datetime:
    """When a complaint of `priority` received at `start` is due, as aware UTC."""
    hours = policy.hours_for(priority)
    if policy.mode == ClockMode.WORKING:
        return add_working_hours(start, hours, is_workday=is_workday, zone=policy.zone,
                                 day_start=policy.day_start, day_end=policy.day_end)
    return add_calendar_hours(start, hours)


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    return due_at is not None and require_aware(due_at, "due_at") < require_aware(now, "now")


def local_time(value: datetime, zone: str | tzinfo | None = None) -> datetime:
    """`value` in `zone`, or in the PC's own zone when `zone` is None (display only)."""
    aware = require_aware(value)
    return aware.astimezone(_zone(zone)) if zone is not None else aware.astimezone()


def format_local(value: datetime | None, zone: str | tzinfo | None = None) -> str:
    """`2026-11-24 16:30` in the viewer's zone; empty for None."""
    if value is None:
        return ""
    return local_time(value, zone).strftime("%Y-%m-%d %H:%M")


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}天{hours}小时" if hours else f"{days}天"
    if hours:
        return f"{hours}小时{mins}分钟" if mins else f"{hours}小时"
    return f"{max(mins, 1)}分钟" if delta > timedelta(0) else "0分钟"


def clock_text(due_at: datetime | None, now: datetime, *, is_open: bool = True) -> str:
    """The visible clock: `剩余 5小时12分钟`, `已超时 2天3小时`, or empty when stopped."""
    if due_at is None or not is_open:
        return ""
    left = require_aware(due_at, "due_at") - require_aware(now, "now")
    if left < timedelta(0):
        return f"已超时 {_span(-left)}"
    return f"剩余 {_span(left)}"


__all__ = [
    "DEFAULT_HOURS",
    "DEFAULT_ZONE",
    "SlaPolicy",
    "WorkdayPredicate",
    "add_calendar_hours",
    "add_working_hours",
    "clock_text",
    "deadline",
    "format_local",
    "is_overdue",
    "local_time",
    "require_aware",
    "weekday_only",
    "working_time_between",
]
