"""Care dates (客户关怀): birthdays (solar or lunar), cooperation anniversaries, custom
dates; the upcoming list and the care calendar.

Stored as month and day in their own calendar, so a lunar birthday is found through the
index on (calendar, month, day) for every solar day asked about, then confirmed with the
rules in `core.care_dates` (leap months, a 30th in a 29-day month, 29 February).
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from postcrm_desktop.core import care_dates as cd
from postcrm_desktop.core.contact_enums import CareCalendar, CareKind
from postcrm_desktop.core.customer_enums import parse_enum
from postcrm_desktop.core.errors import NotFound, ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.common import (
    Collector,
    active_customer_clause,
    chunks,
    load_customer,
    scoped,
    write_audit,
)
from postcrm_desktop.services.contacts.types import CareDateInput, CareDateRow, CareItem
from postcrm_desktop.services.customers.access import sees_whole_branch
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.contacts import CareDate
from postcrm_desktop.store.models.customers import Customer

MAX_DAYS = 366
LABEL_MAX = 50
# Kinds a customer has at most one of (a merge keeps the kept customer's one too).
ONE_PER_CUSTOMER: frozenset[str] = frozenset({str(CareKind.BIRTHDAY)})


@dataclass(frozen=True)
class CareDay:
    """One day of the care calendar: how many dates fall on it, and the first of them."""

    on: date
    total: int
    items: list[CareItem]


def _yearly(c: CareDate) -> cd.YearlyDate:
    return cd.YearlyDate(c.calendar, c.month, c.day, bool(c.leap), c.year)


def _clean(data: CareDateInput, today: date) -> dict[str, Any]:
    errors = Collector()
    kind = errors.run(lambda: str(parse_enum(CareKind, data.kind)))
    calendar = errors.run(lambda: str(parse_enum(CareCalendar, data.calendar or "solar")))
    label = errors.run(lambda: clean_text(data.label, "label", LABEL_MAX, label="名称"))
    if kind == CareKind.CUSTOM and label == "":
        errors.add("label", "自定义关怀日请填写名称，如“开业纪念日”")
    for name, value in (("month", data.month), ("day", data.day), ("year", data.year)):
        if value is None and name == "year":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors.add(name, {"month": "月份", "day": "日期", "year": "年份"}[name] + "必须是整数")
    errors.raise_if_any()
    value = cd.check(cd.YearlyDate(str(calendar), data.month, data.day, bool(data.leap),
                                   data.year), today=today)
    return {"kind": kind, "calendar": value.calendar, "month": value.month, "day": value.day,
            "leap": value.leap, "year": value.year, "label": label or ""}


def _birth_year_hidden(branch: Branch, kind: str) -> bool:
    """A birthday's year (and so the age) is hidden without the reveal permission: with
    the month and day it would give the birth date that the ID number's mask hides."""
    return kind == CareKind.BIRTHDAY and not branch.actor.can(Perm.CUSTOMER_REVEAL)


def _row(c: CareDate, today: date, hide_year: bool = False) -> CareDateRow:
    value = _yearly(c)
    found = cd.next_occurrence(value, today)
    return CareDateRow(c.id, c.customer_id, c.kind, c.calendar, c.month, c.day, bool(c.leap),
                       None if hide_year else c.year, c.label, cd.label(value),
                       found[0] if found else None)


def add_care_date(branch: Branch, data: CareDateInput, *, today: date | None = None) -> str:
    """Add a yearly date to a customer's file; returns its id."""
    branch.actor.require(Perm.CUSTOMER_EDIT)
    today = today or date.today()
    values = _clean(data, today)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, branch.actor, data.customer_id, write=True)
        if values["kind"] in ONE_PER_CUSTOMER and s.execute(
                select(CareDate.id).where(CareDate.customer_id == customer.id,
                                          CareDate.kind == values["kind"])).first():
            label = CareKind(values["kind"]).label
            raise ValidationError("kind", f"该客户已有{label}，请修改原有{label}")
        care = CareDate(customer_id=customer.id, **values)
        s.add(care)
        s.flush()
        write_audit(s, branch, "care_date.added", "customer", customer.id,
                    {"care_date_id": care.id, "kind": care.kind, "calendar": care.calendar})
        return care.id


def _care(s: Session, care_date_id: str) -> CareDate:
    care = s.get(CareDate, care_date_id) if care_date_id else None
    if care is None:
        raise NotFound("关怀日不存在")
    return care


def update_care_date(branch: Branch, care_date_id: str, data: CareDateInput, *,
                     today: date | None = None) -> None:
    branch.actor.require(Perm.CUSTOMER_EDIT)
    values = _clean(data, today or date.today())
    with branch.session() as s, transaction(s, branch.actor):
        care = _care(s, care_date_id)
        load_customer(s, branch.actor, care.customer_id, write=True)
        if values["year"] is None and _birth_year_hidden(branch, care.kind):
            values["year"] = care.year  # the form could not show it: it stays as stored
        changed = [k for k, v in values.items() if getattr(care, k) != v]
        for key in changed:
            setattr(care, key, values[key])
        if changed:
            write_audit(s, branch, "care_date.updated", "customer", care.customer_id,
                        {"care_date_id": care.id, "fields": changed})


def remove_care_date(branch: Branch, care_date_id: str) -> None:
    branch.actor.require(Perm.CUSTOMER_EDIT)
    with branch.session() as s, transaction(s, branch.actor):
        care = _care(s, care_date_id)
        load_customer(s, branch.actor, care.customer_id, write=True)
        customer_id = care.customer_id
        s.delete(care)
        write_audit(s, branch, "care_date.removed", "customer", customer_id,
                    {"care_date_id": care_date_id})


def add_birthday_from_profile(branch: Branch, customer_id: str, calendar: str = "solar",
                              *, today: date | None = None) -> str:
    """A birthday care date from the birthday in the customer's file; with
    calendar="lunar" it is converted to the lunar date of birth (leap month kept)."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        customer = load_customer(s, branch.actor, customer_id)
        birthday = customer.birthday
    if birthday is None:
        raise ValidationError("birthday", "客户档案中没有生日")
    value = cd.from_solar_birthday(birthday, str(parse_enum(CareCalendar, calendar)))
    return add_care_date(branch, CareDateInput(customer_id, "birthday", value.month, value.day,
                                               value.calendar, value.leap, value.year),
                         today=today)


def care_dates_of(branch: Branch, customer_id: str, *,
                  today: date | None = None) -> list[CareDateRow]:
    """A customer's care dates, each with its next solar date, soonest first."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    today = today or date.today()
    with branch.session() as s, reading(s):
        load_customer(s, branch.actor, customer_id)
        rows = [_row(c, today, _birth_year_hidden(branch, c.kind)) for c in s.execute(
            select(CareDate).where(CareDate.customer_id == customer_id)).scalars()]
    return sorted(rows, key=lambda r: (r.next_date or date.max, r.kind, r.id))


# --- upcoming dates and the calendar ----------------------------------------------------


def _window(start: date, days: int) -> date:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"天数必须在1到{MAX_DAYS}之间")
    return start + timedelta(days=days)


def _scan(s: Session, branch: Branch, start: date, end: date, owner_id: str | None,
          cap: int | None = None) -> list[tuple[date, str, int | None]]:
    """`(date, care date id, years)` of the visible care dates in `[start, end)`, by
    date (`owner_id`: only that owner's customers). With `cap`, days stop being read
    once more than `cap` were found."""
    # One owner's dates: on SQLite the trigger-kept copy of the owner on each care date
    # makes them one index range; the customer is still checked through the join.
    only = owner_id if owner_id is not None else (
        None if sees_whole_branch(branch.actor) else branch.actor.user_id)
    use_copy = only is not None and s.get_bind().dialect.name == "sqlite"
    found: list[tuple[date, str, int | None]] = []
    day = start
    while day < end and (cap is None or len(found) <= cap):
        keys = cd.lookup_keys(day)
        query = (select(CareDate.id, CareDate.calendar, CareDate.month, CareDate.day,
                        CareDate.leap, CareDate.year)
                 .join(Customer, Customer.id == CareDate.customer_id)
                 .where(active_customer_clause(),
                        or_(*(and_(CareDate.calendar == c, CareDate.month == m,
                                   CareDate.day == d) for c, m, d in keys))))
        query = scoped(query, branch.actor)
        if owner_id is not None:
            query = query.where(func.coalesce(Customer.owner_id, "") == owner_id)
        if use_copy:
            query = query.where(CareDate.owner_id == only)
        hits = []
        for care_id, calendar, month, dd, leap, year in s.execute(query):
            occ_year = cd.occurs_on(cd.YearlyDate(calendar, month, dd, bool(leap), year), day)
            if occ_year is not None:
                hits.append((day, care_id, occ_year - year if year is not None else None))
        found += sorted(hits)
        day += timedelta(days=1)
    return found


def _kind_label(c: CareDate, lang: str = "zh_CN") -> str:
    if c.kind == CareKind.CUSTOM and c.label:
        return c.label
    try:
        kind = CareKind(c.kind)
    except ValueError:
        return c.kind
    return kind.label_en if lang.startswith("en") else kind.label


def _items(s: Session, branch: Branch,
           picked: list[tuple[date, str, int | None]], lang: str = "zh_CN") -> list[CareItem]:
    ids = list({care_id for _, care_id, _ in picked})
    rows: dict[str, tuple[CareDate, str, str, str, str | None]] = {}
    for part in chunks(ids):
        for care, name, number, tier, owner in s.execute(
                select(CareDate, Customer.name, Customer.number, Customer.tier,
                       Customer.owner_id)
                .join(Customer, Customer.id == CareDate.customer_id)
                .where(CareDate.id.in_(part))):
            rows[care.id] = (care, name, number, tier, owner)
    out = []
    for when, care_id, years in picked:
        care, name, number, tier, owner = rows[care_id]
        out.append(CareItem(care.id, care.customer_id, name, number, tier, owner, care.kind,
                            _kind_label(care, lang), care.calendar,
                            cd.label(_yearly(care), lang), when,
                            None if _birth_year_hidden(branch, care.kind) else years,
                            care.label))
    return out


def upcoming(branch: Branch, start: date, days: int = 7, *, mine: bool = False,
             limit: int | None = None, lang: str = "zh_CN") -> list[CareItem]:
    """Care dates falling on solar days `start` .. `start + days - 1`, by date. `mine`
    keeps the customers the acting user owns; `limit` cuts the list. Kinds and dates
    are worded in `lang` (zh_CN, or en)."""
    return upcoming_with_total(branch, start, days, mine=mine, limit=limit, lang=lang)[0]


def upcoming_with_total(branch: Branch, start: date, days: int = 7, *, mine: bool = False,
                        limit: int | None = None, cap: int | None = None,
                        lang: str = "zh_CN") -> tuple[list[CareItem], int]:
    """`upcoming` and how many there are in all. With `cap`, counting stops past it
    (the total is then `cap + 1`, "more than cap"), which bounds the work on a large
    branch."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    end = _window(start, days)
    owner = branch.actor.user_id if mine else None
    with branch.session() as s, reading(s):
        found = _scan(s, branch, start, end, owner, cap)
        picked = found if limit is None else found[:max(0, limit)]
        total = len(found) if cap is None else min(len(found), cap + 1)
        return _items(s, branch, picked, lang), total


def care_calendar(branch: Branch, year: int, month: int, *, mine: bool = False,
                  per_day: int = 20, lang: str = "zh_CN") -> list[CareDay]:
    """Every day of a solar month with the care dates falling on it (the first
    `per_day` of each, and the day's total)."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    if not 1 <= month <= 12 or not 1900 <= year <= 2099:
        raise ValidationError("month", "年月不正确")
    first = date(year, month, 1)
    days = _cal.monthrange(year, month)[1]
    owner = branch.actor.user_id if mine else None
    with branch.session() as s, reading(s):
        found = _scan(s, branch, first, first + timedelta(days=days), owner)
        by_day: dict[date, list[tuple[date, str, int | None]]] = {}
        for entry in found:
            by_day.setdefault(entry[0], []).append(entry)
        shown = [e for entries in by_day.values() for e in entries[:per_day]]
        items = _items(s, branch, shown, lang)
    grouped: dict[date, list[CareItem]] = {}
    for item in items:
        grouped.setdefault(item.on, []).append(item)
    return [CareDay(first + timedelta(days=i), len(by_day.get(first + timedelta(days=i), [])),
                    grouped.get(first + timedelta(days=i), []))
            for i in range(days)]


__all__ = [
    "ONE_PER_CUSTOMER",
    "CareDay",
    "add_birthday_from_profile",
    "add_care_date",
    "care_calendar",
    "care_dates_of",
    "remove_care_date",
    "upcoming",
    "upcoming_with_total",
    "update_care_date",
]
