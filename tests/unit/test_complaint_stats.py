"""Complaint statistics on a small known data set, and frequent-phrase extraction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from postcrm_desktop.core.errors import PermissionDenied, ValidationError
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import desk
from postcrm_desktop.services.complaints.phrases import phrases_of, top_phrases
from postcrm_desktop.services.complaints.stats import complaint_stats
from tests.unit.complaint_support import add_customer, file_complaint

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # Monday 2 November, 10:00 in Shanghai
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _resolve(branch: Branch, cid: str, at: datetime, score: int | None = None,
             close: bool = False) -> None:
    desk.assign(branch, cid, branch.actor.user_id or "", now=at - timedelta(hours=2))
    desk.start_work(branch, cid, now=at - timedelta(hours=1))
    desk.resolve(branch, cid, "已处理并回复客户", now=at)
    if score is not None:
        desk.revisit(branch, cid, score, now=at + timedelta(hours=1))
    if close:
        desk.close(branch, cid, now=at + timedelta(hours=2))


@pytest.fixture
def known(branch: Branch) -> Branch:
    """Five complaints, four of them received in November 2026 (Shanghai time)."""
    a = add_customer(branch, district="天河区")
    b = add_customer(branch, district="越秀区", customer_type="enterprise")
    c = add_customer(branch, district="越秀区", tier="diamond")

    def file(customer: str, at: datetime, **kw: object) -> str:
        return file_complaint(branch, customer, received_at=at, now=at, **kw)

    one = file(a, T0, description="包裹延误五天，物流信息不更新")
    _resolve(branch, one, T0 + timedelta(hours=10), score=5, close=True)  # on time
    two = file(b, T0 + timedelta(days=1), description="物流信息不更新，包裹延误三天")
    _resolve(branch, two, T0 + timedelta(days=1, hours=100), score=3)  # late (72h)
    # Diamond: urgent, 24h; still open at "now" below, so overdue.
    file(c, T0 + timedelta(days=8), category="破损", description="包裹破损，瓷器摔坏")
    # Open and still within its deadline at "now": not rated yet.
    file(a, T0 + timedelta(days=19), complaint_type="建议", category="其他",
         description="营业厅排队等待时间太长")
    # 23:30 on 31 October in Shanghai (15:30 UTC): outside November, local days count.
    file(b, datetime(2026, 10, 31, 15, 30, tzinfo=UTC), complaint_type="咨询",
         category="价格", description="邮费多收")
    return branch


def test_counts_rates_and_trends(known: Branch) -> None:
    st = complaint_stats(known, *NOVEMBER, now=T0 + timedelta(days=20))
    assert st.total == 4
    assert {c.code: c.count for c in st.by_type} == {
        "enquiry": 0, "complaint": 3, "suggestion": 1}
    assert {c.label: c.count for c in st.by_category} == {
        "延误": 2, "丢失": 0, "破损": 1, "服务态度": 0, "价格": 0, "其他": 1}
    assert {c.code: c.count for c in st.by_status} == {
        "new": 2, "assigned": 0, "in_progress": 0, "resolved": 0, "revisited": 1,
        "closed": 1}
    assert {c.code: c.count for c in st.by_priority} == {"urgent": 1, "normal": 3, "low": 0}
    # On time: 1 of (2 resolved + 1 open past its deadline); the open one within its
    # deadline is not rated.
    assert (st.resolved, st.resolved_on_time, st.overdue_open) == (2, 1, 1)
    assert st.on_time_rate == pytest.approx(1 / 3)
    assert st.revisited == 2 and st.average_satisfaction == pytest.approx(4.0)
    assert st.satisfaction_counts == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert [(p.period, p.count) for p in st.weekly] == [
        ("2026-W44", 0), ("2026-W45", 2), ("2026-W46", 1), ("2026-W47", 1),
        ("2026-W48", 0), ("2026-W49", 0)]
    assert st.weekly[1].start == date(2026, 11, 2)
    assert [(p.period, p.count) for p in st.monthly] == [("2026-11", 4)]


def test_monthly_trend_spans_months(known: Branch) -> None:
    st = complaint_stats(known, date(2026, 10, 1), date(2026, 11, 30),
                         now=T0 + timedelta(days=20))
    assert st.total == 5
    assert [(p.period, p.count) for p in st.monthly] == [("2026-10", 1), ("2026-11", 4)]


def test_cross_tabs(known: Branch) -> None:
    st = complaint_stats(known, *NOVEMBER, now=T0 + timedelta(days=20))
    by_district = st.category_by_district
    assert by_district.columns == ["天河区", "越秀区"]
    assert by_district.cell("延误", "天河区") == 1 and by_district.cell("延误", "越秀区") == 1
    assert by_district.cell("破损", "越秀区") == 1 and by_district.cell("其他", "天河区") == 1
    assert sum(by_district.row_totals) == 4 == sum(by_district.column_totals)
    by_type = st.category_by_customer_type
    assert by_type.columns[:3] == ["个人", "企业", "机构"]
    assert by_type.cell("延误", "个人") == 1 and by_type.cell("延误", "企业") == 1
    assert by_type.cell("破损", "个人") == 1 and by_type.cell("价格", "企业") == 0


def test_recurring_phrase_is_found_and_cross_tabbed(known: Branch) -> None:
    st = complaint_stats(known, *NOVEMBER, now=T0 + timedelta(days=20))
    phrases = {p.text: p for p in st.top_phrases}
    assert phrases["包裹"].count == 3
    recurring = [p for p in st.top_phrases if "物流信息" in p.text]
    assert recurring and recurring[0].count == 2
    top = recurring[0]
    assert top.by_category == {"延误": 2}
    assert top.by_district == {"天河区": 1, "越秀区": 1}
    assert top.by_customer_type == {"个人": 1, "企业": 1}
    assert all(p.count >= 2 for p in st.top_phrases)  # one-off words are left out


def test_empty_period_and_bad_periods(known: Branch) -> None:
    st = complaint_stats(known, date(2026, 1, 1), date(2026, 1, 31))
    assert st.total == 0 and st.on_time_rate is None and st.average_satisfaction is None
    assert st.top_phrases == [] and [p.count for p in st.monthly] == [0]
    with pytest.raises(ValidationError):
        complaint_stats(known, date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(ValidationError):
        complaint_stats(known, date(2020, 1, 1), date(2026, 1, 1))


def test_statistics_need_report_permission(demo_login: Callable[[str], Branch]) -> None:
    clerk = demo_login("clerk1")
    with pytest.raises(PermissionDenied):
        complaint_stats(clerk, *NOVEMBER)
    analyst = demo_login("analyst1")
    assert complaint_stats(analyst, *NOVEMBER).total >= 0


# --- phrase extraction on its own -----------------------------------------------------------

def test_phrases_drop_stop_words_numbers_and_punctuation() -> None:
    found = phrases_of("客户表示：邮件号EA123456785CN的包裹破损了！电话13800138000")
    assert "包裹" in found and "破损" in found and "包裹破损" in found
    assert not any(ch.isdigit() for p in found for ch in p)
    assert "客户" not in found and "表示" not in found
    assert not any(len(p) < 2 for p in found)


def test_top_phrases_prefers_the_phrase_over_its_words() -> None:
    texts = ["投递员虚假签收，包裹放在门口", "又一次虚假签收，没有送货上门",
             "虚假签收，快递柜也没有", "柜台排队太久"]
    ranked = dict(top_phrases(texts))
    assert ranked["虚假签收"] == 3
    assert "排队" not in ranked  # only once
    texts = ["包裹破损严重", "包裹破损了", "包裹破损，要求赔偿"]
    ranked = dict(top_phrases(texts))
    assert ranked == {"包裹破损": 3}  # "包裹" and "破损" add nothing on their own
