"""The branch's holiday calendar: seeded from chinesecalendar, extended by the admin for
later years (form or file), used by working-hours deadlines, warned about while missing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied, ValidationErrors
from postcrm_desktop.core.holidays import (
    HolidayEntry,
    format_lines,
    missing_years,
    parse_lines,
)
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, users
from postcrm_desktop.services.complaints import desk, policy, workdays
from postcrm_desktop.store.models.calendar import HolidayDay, holiday_id
from postcrm_desktop.store.models.system import ChangeEntry
from tests.unit.complaint_support import add_customer, file_complaint
from tests.unit.contact_data import as_user

SH = ZoneInfo("Asia/Shanghai")

# A synthetic 2027 Spring Festival arrangement in the State Council's usual shape:
# Saturday 6 to Friday 12 February off, Sunday 31 January and Saturday 20 February worked.
SPRING_2027 = "\n".join([
    "日期,类型,名称",
    *(f"2027-02-{d:02d},holiday,春节" for d in range(6, 13)),
    "2027-01-31,workday,春节调休",
    "2027-02-20，班，春节调休",
    "2027-01-01\t休\t元旦",
    "",
    "# 其余节日待通知",
])


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def _working_hours(branch) -> None:
    policy.set_policy(branch, policy.get_policy(branch).to_json()
                      | {"mode": "working", "hours": {"urgent": 9, "normal": 27, "low": 45}})


# --- the file format ---------------------------------------------------------------------

def test_the_file_format_reads_commas_tabs_and_chinese_words() -> None:
    entries = parse_lines(SPRING_2027)
    assert len(entries) == 10 and entries[0] == HolidayEntry(date(2027, 1, 1), "holiday", "元旦")
    assert HolidayEntry(date(2027, 2, 20), "workday", "春节调休") in entries
    assert parse_lines(format_lines(entries)) == entries


def test_every_wrong_line_is_named() -> None:
    text = "\n".join([
        "2027-02-10,holiday,春节",
        "2027/02/11,holiday,春节",       # 2: date format
        "2027-02-12,off,春节",            # 3: kind
        "2027-02-09,workday,春节调休",    # 4: a Tuesday cannot be a make-up day
        "2027-02-10,holiday,春节",        # 5: twice
        "2027-02-13",                     # 6: too few fields
        "2027-02-30,holiday,春节",        # 7: no such day
    ])
    with pytest.raises(ValidationErrors) as caught:
        parse_lines(text)
    messages = [e.message for e in caught.value.errors]
    assert len(messages) == 6
    assert messages[0].startswith("第 2 行：") and "YYYY-MM-DD" in messages[0]
    assert messages[1].startswith("第 3 行：") and "holiday" in messages[1]
    assert messages[2].startswith("第 4 行：") and "周二" in messages[2]
    assert messages[3].startswith("第 5 行：") and "第 1 行重复" in messages[3]
    assert messages[4].startswith("第 6 行：")
    assert messages[5].startswith("第 7 行：") and "2027-02-30" in messages[5]
    with pytest.raises(ValidationErrors):
        parse_lines("# nothing\n\n")


def test_missing_years_from_november_include_the_next() -> None:
    assert missing_years([2026], date(2026, 10, 31)) == []
    assert missing_years([2026], date(2026, 11, 1)) == [2027]
    assert missing_years([2026, 2027], date(2026, 12, 31)) == []
    assert missing_years([2026], date(2027, 1, 4)) == [2027]
    assert missing_years([], date(2027, 11, 4)) == [2027, 2028]


# --- the branch's calendar ---------------------------------------------------------------

def test_a_new_branch_is_seeded_from_the_library(branch) -> None:
    calendar = workdays.calendar(branch)
    assert calendar.knows(2025) and calendar.knows(2026) and not calendar.knows(2027)
    assert not calendar.is_workday(date(2025, 10, 1))  # National Day
    assert calendar.is_workday(date(2025, 10, 11))  # the Saturday worked for it
    [row] = workdays.year_entries(branch, 2025)[:1]
    assert row == HolidayEntry(date(2025, 1, 1), "holiday", "元旦")
    with branch.session() as s:
        seeded = s.execute(select(HolidayDay).where(HolidayDay.day == date(2025, 10, 1))
                           ).scalar_one()
        assert seeded.source == "library" and seeded.id == holiday_id(date(2025, 10, 1))


def test_spring_festival_2027_deadline_follows_the_entered_calendar(branch) -> None:
    _working_hours(branch)
    cust = add_customer(branch)
    received = sh(2027, 2, 5, 16, 30)  # Friday before the festival
    now = received + timedelta(minutes=1)
    before = file_complaint(branch, cust, priority="urgent", received_at=received, now=now)
    # Unknown year: Monday to Friday, so the 9 working hours end on Monday the 8th.
    assert desk.get_complaint(branch, before).row.due_at == sh(2027, 2, 8, 16, 30)

    summary = workdays.import_text(branch, SPRING_2027)
    assert [(y.year, y.holidays, y.workdays) for y in summary] == [(2027, 8, 2)]
    after = file_complaint(branch, cust, priority="urgent", received_at=received, now=now)
    # 1 hour on Friday, the festival week off, then 8 hours on Monday the 15th.
    assert desk.get_complaint(branch, after).row.due_at == sh(2027, 2, 15, 16, 30)
    # The make-up Saturday counts: 2 working hours from Friday the 19th 16:30.
    late = file_complaint(branch, cust, priority="urgent", received_at=sh(2027, 2, 19, 16, 30),
                          now=sh(2027, 2, 19, 16, 31))
    assert desk.get_complaint(branch, late).row.due_at == sh(2027, 2, 20, 16, 30)
    # A deadline already promised stays as it was.
    assert desk.get_complaint(branch, before).row.due_at == sh(2027, 2, 8, 16, 30)


def test_a_year_entered_in_the_form_replaces_that_year_only(branch) -> None:
    workdays.import_text(branch, SPRING_2027)
    stored = workdays.set_year(branch, 2027, [
        HolidayEntry(date(2027, 10, 1), "holiday", "国庆节"),
        HolidayEntry(date(2027, 9, 26), "workday", " 国庆节调休 "),
    ])
    assert [e.day for e in stored] == [date(2027, 9, 26), date(2027, 10, 1)]
    assert workdays.year_entries(branch, 2027) == stored
    assert stored[0].name == "国庆节调休"
    assert workdays.calendar(branch).knows(2026), "other years untouched"
    with pytest.raises(ValidationErrors) as caught:
        workdays.set_year(branch, 2027, [HolidayEntry(date(2028, 1, 1), "holiday", "元旦")])
    assert "不在 2027 年" in caught.value.errors[0].message
    assert workdays.year_entries(branch, 2027) == stored, "nothing stored on error"


def test_a_file_with_one_bad_line_changes_nothing(branch) -> None:
    with pytest.raises(ValidationErrors) as caught:
        workdays.import_text(branch, SPRING_2027 + "\n2027-02-15,workday,错\n")
    assert "周一" in caught.value.errors[0].message
    assert not workdays.calendar(branch).knows(2027)


def test_changes_are_synced_audited_and_need_complaint_management(branch) -> None:
    workdays.import_text(branch, SPRING_2027)
    with branch.session() as s:
        entities = set(s.execute(select(ChangeEntry.entity)).scalars())
    assert "holiday_day" in entities, "rows travel in sync packages like other settings"
    with branch.session() as s:
        row = s.execute(select(HolidayDay).where(HolidayDay.day == date(2027, 2, 10))
                        ).scalar_one()
    assert row.id == holiday_id(date(2027, 2, 10)), "the same day is the same row at HQ"
    assert "holiday.calendar_changed" in audit_log.actions(branch)
    clerk_id = users.add_user(branch, "clerk1", "柜员甲", Role.COUNTER_CLERK, "Clerk1234")
    clerk = as_user(branch, clerk_id, "clerk1", Role.COUNTER_CLERK)
    with pytest.raises(PermissionDenied):
        workdays.import_text(clerk, SPRING_2027)
    with pytest.raises(PermissionDenied):
        workdays.delete_year(clerk, 2027)
    assert workdays.calendar(clerk).knows(2027), "reading needs nothing"


def test_warning_while_the_year_is_unknown(branch) -> None:
    assert workdays.warning(branch, date(2026, 10, 31)) == ""
    nov = workdays.warning(branch, date(2026, 11, 2))
    assert "2027 年" in nov and "周一至周五" in nov
    assert workdays.missing(branch, date(2027, 3, 1)) == [2027]
    workdays.import_text(branch, SPRING_2027)
    assert workdays.warning(branch, date(2027, 3, 1)) == ""
    assert workdays.missing(branch, date(2027, 11, 2)) == [2028]
    workdays.delete_year(branch, 2027)
    assert workdays.missing(branch, date(2027, 3, 1)) == [2027]
