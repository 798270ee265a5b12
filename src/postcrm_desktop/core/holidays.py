"""The holiday calendar a branch keeps: public holidays and make-up working days per year.

The State Council publishes each year's arrangement (e.g. 春节 2027-02-06..02-12 off, a
Sunday worked in exchange). A year is *known* when the calendar has entries for it; in a
known year a day is a working day unless it is a listed holiday, or it is a weekend day
listed as a make-up working day. An unknown year falls back to Monday-Friday, and the
screens warn (see `missing_years`) so the admin enters it before deadlines go wrong.

Pure: parsing the simple import format and the rules live here, storage in the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from postcrm_desktop.core.errors import ValidationError, ValidationErrors

HOLIDAY = "holiday"
WORKDAY = "workday"
KINDS = (HOLIDAY, WORKDAY)
KIND_LABELS = {HOLIDAY: "放假", WORKDAY: "调休上班"}
# What the import file may say for each kind.
KIND_WORDS = {
    "holiday": HOLIDAY, "休": HOLIDAY, "放假": HOLIDAY, "假": HOLIDAY, "节假日": HOLIDAY,
    "workday": WORKDAY, "班": WORKDAY, "上班": WORKDAY, "调休上班": WORKDAY, "补班": WORKDAY,
}
NAME_MAX = 32
FIRST_YEAR, LAST_YEAR = 2000, 2100
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
# From this month on, next year's arrangement is expected (the notice comes out in
# October to December) and its absence is warned about.
NEXT_YEAR_FROM_MONTH = 11


@dataclass(frozen=True)
class HolidayEntry:
    day: date
    kind: str  # HOLIDAY or WORKDAY
    name: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class HolidayCalendar:
    """Entries by day and the years they cover; `is_workday` is the SLA's predicate."""

    entries: Mapping[date, str] = field(default_factory=dict)  # day -> kind
    years: frozenset[int] = frozenset()

    @classmethod
    def of(cls, entries: Iterable[HolidayEntry]) -> HolidayCalendar:
        kinds = {e.day: e.kind for e in entries}
        return cls(kinds, frozenset(d.year for d in kinds))

    def knows(self, year: int) -> bool:
        return year in self.years

    def is_workday(self, day: date) -> bool:
        kind = self.entries.get(day)
        if kind == HOLIDAY:
            return False
        if kind == WORKDAY:
            return True
        return day.weekday() < 5


def missing_years(known: Iterable[int], today: date) -> list[int]:
    """The years whose arrangement should be known by `today` but is not: the current
    year, and from November on also the next."""
    have = set(known)
    wanted = [today.year]
    if today.month >= NEXT_YEAR_FROM_MONTH:
        wanted.append(today.year + 1)
    return [y for y in wanted if y not in have]


def missing_text(years: list[int]) -> str:
    """The warning shown while years are missing; empty when none is."""
    if not years:
        return ""
    listed = "、".join(f"{y} 年" for y in years)
    return (f"尚未录入 {listed}的法定节假日和调休安排：按工作时间计算的投诉期限暂按周一至周五"
            "计算，春节、国庆等假期会算错。请网点管理员在“投诉 → 设置 → 节假日”中录入或导入。")


def _check_entry(day: date, kind: str, name: str, where: str) -> list[ValidationError]:
    errors = []
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors.append(ValidationError("day", f"{where}年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间"))
    if kind == WORKDAY and day.weekday() < 5:
        errors.append(ValidationError("kind", (
            f"{where}{day.isoformat()} 是{WEEKDAYS[day.weekday()]}，本来就是工作日，"
            "调休上班日应是周六或周日")))
    if len(name) > NAME_MAX:
        errors.append(ValidationError("name", f"{where}名称不能超过 {NAME_MAX} 个字"))
    return errors


def check_entries(entries: Iterable[HolidayEntry]) -> list[HolidayEntry]:
    """Entries entered in a form: each checked, one per day; raises `ValidationErrors`."""
    errors: list[ValidationError] = []
    seen: dict[date, int] = {}
    out: list[HolidayEntry] = []
    for n, e in enumerate(entries, 1):
        where = f"第 {n} 项："
        if e.kind not in KINDS:
            errors.append(ValidationError("kind", f"{where}类型应为“放假”或“调休上班”"))
            continue
        if e.day in seen:
            errors.append(ValidationError("day", (
                f"{where}{e.day.isoformat()} 与第 {seen[e.day]} 项重复")))
            continue
        seen[e.day] = n
        errors += _check_entry(e.day, e.kind, e.name.strip(), where)
        out.append(HolidayEntry(e.day, e.kind, e.name.strip()))
    if errors:
        raise ValidationErrors(errors)
    return sorted(out, key=lambda e: e.day)


def parse_lines(text: str) -> list[HolidayEntry]:
    """The import format, one day a line: `2027-02-10,holiday,春节` or
    `2027-02-07,workday,春节调休` (a comma, a Chinese comma or a tab between fields; the
    name may be left out; blank lines and lines starting with # are skipped; a first line
    naming the columns is allowed). Raises `ValidationErrors` naming every wrong line."""
    errors: list[ValidationError] = []
    out: list[HolidayEntry] = []
    seen: dict[date, int] = {}
    for n, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.replace("，", ",").replace("\t", ",").split(",")]
        where = f"第 {n} 行："
        if n == 1 and parts[0].lower() in ("date", "day", "日期"):
            continue
        if len(parts) < 2 or len(parts) > 3:
            errors.append(ValidationError("line", (
                f"{where}应为“日期,类型,名称”三项，如 2027-02-10,holiday,春节")))
            continue
        try:
            day = date.fromisoformat(parts[0])
            if len(parts[0]) != 10:
                raise ValueError
        except ValueError:
            errors.append(ValidationError("day", (
                f"{where}日期“{parts[0]}”无效，格式应为 YYYY-MM-DD，如 2027-02-10")))
            continue
        kind = KIND_WORDS.get(parts[1].lower())
        if kind is None:
            errors.append(ValidationError("kind", (
                f"{where}类型“{parts[1]}”无效，应为 holiday（放假）或 workday（调休上班）")))
            continue
        name = parts[2] if len(parts) == 3 else ""
        if day in seen:
            errors.append(ValidationError("day", (
                f"{where}{day.isoformat()} 与第 {seen[day]} 行重复")))
            continue
        seen[day] = n
        problems = _check_entry(day, kind, name, where)
        if problems:
            errors += problems
            continue
        out.append(HolidayEntry(day, kind, name))
    if errors:
        raise ValidationErrors(errors)
    if not out:
        raise ValidationErrors([ValidationError("line", "文件中没有节假日安排")])
    return sorted(out, key=lambda e: e.day)


def format_lines(entries: Iterable[HolidayEntry]) -> str:
    """Entries in the import format (what `parse_lines` reads back)."""
    return "".join(f"{e.day.isoformat()},{e.kind},{e.name}\n" for e in entries)


__all__ = [
    "HOLIDAY",
    "KINDS",
    "KIND_LABELS",
    "WORKDAY",
    "HolidayCalendar",
    "HolidayEntry",
    "check_entries",
    "format_lines",
    "missing_text",
    "missing_years",
    "parse_lines",
]
