"""Masks hold against combination: from everything a role without the reveal permission
sees of the demo branch, no masked ID or phone number can be rebuilt.

What such a role (the counter clerk, the HQ analyst) sees of a customer: the list and its
search results, the profile, the customer's care dates, the upcoming care dates and the
greetings (the SMS list export needs the reveal permission). For every ID the test counts
the numbers consistent with all of it, assuming the worst: the region code known from the
address. For every phone it counts the digits no view shows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from lunardate import LunarDate
from sqlalchemy import select

from postcrm_desktop.core.care_dates import is_leap
from postcrm_desktop.core.validators import resident_id_check_digit
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care, greetings
from postcrm_desktop.services.contacts.types import CareDateInput
from postcrm_desktop.services.customers import records, search
from postcrm_desktop.services.customers.types import CustomerFilters, Sort
from postcrm_desktop.store.models.customers import Customer, CustomerPerson
from tests.unit.customer_data import individual

MIN_CANDIDATES = 1000
TODAY = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def _truth(admin: Branch) -> dict[str, Customer]:
    with admin.session() as s:
        out = {c.id: c for c in s.execute(select(Customer)).scalars()}
        s.expunge_all()
    return out


def _people_phones(admin: Branch) -> dict[str, list[str]]:
    with admin.session() as s:
        out: dict[str, list[str]] = {}
        for cid, phone in s.execute(select(CustomerPerson.customer_id, CustomerPerson.phone)):
            if phone:
                out.setdefault(cid, []).append(phone)
    return out


def _all_rows(branch: Branch, query: str = "") -> list:
    rows, after = [], None
    while True:
        page = search.search_page(branch, CustomerFilters(query=query), Sort(), after=after,
                                  limit=200, now=NOW)
        rows += page.rows
        after = page.next_cursor
        if after is None:
            return rows


class Seen:
    """Everything shown of one customer's masked numbers and birthday."""

    def __init__(self) -> None:
        self.texts: dict[str, list[str]] = {}  # field -> each way it was shown
        self.birthdays: list[date] = []  # full birthdays shown
        self.month_days: set[tuple[int, int]] = set()
        self.lunar: set[tuple[int, int, bool]] = set()
        self.birth_years: set[int] = set()
        self.ages: set[tuple[date, int]] = set()  # (day, age on that day)

    def add(self, field: str, text: str) -> None:
        if text:
            self.texts.setdefault(field, []).append(text)


def _seen_by(branch: Branch, customers: dict[str, Customer]) -> dict[str, Seen]:
    seen: dict[str, Seen] = {cid: Seen() for cid in customers}
    rows = _all_rows(branch)
    assert rows, "the role sees the demo customers"
    for r in rows:
        seen[r.id].add("mobile", r.mobile)
        seen[r.id].add("landline", r.landline)
    for i, r in enumerate(rows):
        c = customers[r.id]
        # Searching by what is shown (the last 4 digits) shows the same masks; one
        # search a minute stays below the limit.
        if c.mobile:
            for hit in search.quick_search(branch, c.mobile[-4:], limit=50,
                                           now=NOW + timedelta(minutes=i)):
                seen[hit.id].add("mobile", hit.mobile)
        d = records.get_customer(branch, r.id)
        for field in ("mobile", "landline", "id_number"):
            seen[r.id].add(field, getattr(d, field))
        for i, person in enumerate(d.people):
            seen[r.id].add(f"person{i}", person.phone)
        if d.birthday is not None:
            seen[r.id].birthdays.append(d.birthday)
        if d.birthday_masked:
            _, mm, dd = d.birthday_masked.split("-")
            seen[r.id].month_days.add((int(mm), int(dd)))
        for cd in care.care_dates_of(branch, r.id, today=TODAY):
            if cd.kind != "birthday":
                continue
            if cd.calendar == "lunar":
                seen[r.id].lunar.add((cd.month, cd.day, cd.leap))
            else:
                seen[r.id].month_days.add((cd.month, cd.day))
            if cd.year is not None:
                seen[r.id].birth_years.add(cd.year)
    for item in care.upcoming(branch, TODAY, 366):
        if item.kind == "birthday" and item.years is not None:
            seen[item.customer_id].ages.add((item.on, item.years))
    for line in greetings.greeting_list(branch, TODAY, 366):
        seen[line.customer_id].add("mobile", line.mobile)
    return seen


def _known_positions(texts: list[str], length: int) -> dict[int, str]:
    """Characters of a number that some view shows in clear (by position)."""
    known: dict[int, str] = {}
    for text in texts:
        if len(text) != length:
            continue
        for i, ch in enumerate(text):
            if ch != "*":
                known[i] = ch
    return known


def _years(seen: Seen, born: date) -> list[int]:
    """Years of birth consistent with what was shown of the birthday."""
    if seen.birthdays:
        return sorted({b.year for b in seen.birthdays})
    out = []
    for year in range(1900, TODAY.year + 1):
        try:
            day = date(year, born.month, born.day) if not seen.month_days else None
            for mm, dd in seen.month_days:
                day = date(year, mm, dd)
        except ValueError:
            continue
        assert day is not None
        if day > TODAY:
            continue
        if seen.birth_years and year not in seen.birth_years:
            continue
        if any(on.year - year - ((on.month, on.day) < (day.month, day.day)) != age
               for on, age in seen.ages):
            continue
        if seen.lunar:
            lunar = LunarDate.from_solar_date(year, day.month, day.day)
            if any((lunar.month, lunar.day, is_leap(lunar)) != want for want in seen.lunar):
                continue
        out.append(year)
    return out


def id_candidates(true_id: str, seen: Seen, gender: str | None, born: date) -> int:
    """How many 18-digit IDs fit everything shown (the region code taken as known)."""
    known = _known_positions(seen.texts.get("id_number", []), 18)
    assert known.get(0) == true_id[0], "the region code is shown"
    for i, ch in known.items():
        assert true_id[i] == ch
    sequences = [f"{n:03d}" for n in range(1000)
                 if (gender is None or (n % 2 == 1) == (gender == "M"))
                 and all(known.get(14 + k, d) == d for k, d in enumerate(f"{n:03d}"))]
    total = 0
    for year in _years(seen, born):
        if not seen.birthdays and not seen.month_days:
            # Month and day unknown too: far more candidates than needed.
            return 365 * len(sequences)
        mm, dd = next(iter(seen.month_days)) if seen.month_days else (born.month, born.day)
        middle = f"{year:04d}{mm:02d}{dd:02d}"
        if any(known.get(6 + k, ch) != ch for k, ch in enumerate(middle)):
            continue
        for seq in sequences:
            first17 = true_id[:6] + middle + seq
            if 17 in known and resident_id_check_digit(first17) != known[17]:
                continue
            total += 1
    return total


@pytest.mark.parametrize("username", ["clerk1", "analyst1"])
def test_no_masked_number_can_be_rebuilt_from_what_the_role_sees(demo_login,
                                                                 username: str) -> None:
    admin: Branch = demo_login("admin")
    customers = _truth(admin)
    people = _people_phones(admin)
    branch: Branch = demo_login(username)
    seen = _seen_by(branch, customers)

    checked_ids = 0
    for cid, c in customers.items():
        if c.deleted_at is not None or c.merged_into is not None:
            continue
        s = seen[cid]
        if c.id_number and len(c.id_number) == 18:
            assert c.id_number not in repr(vars(s))
            born = c.birthday or date(int(c.id_number[6:10]), int(c.id_number[10:12]),
                                      int(c.id_number[12:14]))
            count = id_candidates(c.id_number, s, c.gender, born)
            assert count >= MIN_CANDIDATES, f"customer {c.number}: {count} IDs fit"
            checked_ids += 1
        for field, value in (("mobile", c.mobile), ("landline", c.landline)):
            if not value:
                continue
            texts = s.texts.get(field, [])
            assert texts and value not in texts
            shown = texts[0]
            assert all(len(t) == len(shown) for t in texts)
            hidden = len(shown) - len(_known_positions(texts, len(shown)))
            assert 10 ** hidden >= MIN_CANDIDATES, f"customer {c.number}: {field}"
        for phone in people.get(cid, []):
            texts = [t for k, v in s.texts.items() if k.startswith("person") for t in v]
            assert phone not in texts
    assert checked_ids > 30


def test_an_edit_without_reveal_keeps_the_hidden_birthday_and_birth_year(demo_login) -> None:
    """The clerk's form and care-date form cannot show the year: saving them keeps it."""
    admin: Branch = demo_login("admin")
    cid = records.create_customer(admin, individual(name="测试乙", birthday=date(1985, 6, 20)))
    care_id = care.add_care_date(admin, CareDateInput(cid, "birthday", 6, 20, year=1985),
                                 today=TODAY)
    clerk: Branch = demo_login("clerk1")
    shown = records.get_customer(clerk, cid)
    assert (shown.birthday, shown.birthday_masked) == (None, "****-06-20")
    assert [(r.year, r.month, r.day) for r in care.care_dates_of(clerk, cid, today=TODAY)] \
        == [(None, 6, 20)]
    records.update_customer(clerk, cid, individual(name="测试乙", mobile=None, birthday=None,
                                                   notes="改过备注"))
    care.update_care_date(clerk, care_id, CareDateInput(cid, "birthday", 6, 20), today=TODAY)
    admin = demo_login("admin")
    assert records.get_customer(admin, cid).birthday == date(1985, 6, 20)
    assert records.get_customer(admin, cid).notes == "改过备注"
    assert [r.year for r in care.care_dates_of(admin, cid, today=TODAY)] == [1985]
