"""Pages count days on the branch's clock (Asia/Shanghai), not on the PC's zone or date.

The clock is fixed just after midnight in Shanghai while the PC runs on New York time,
where it is still the day before: the pages must show and count the branch's day.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.clock import FixedClock
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints import desk
from postcrm_desktop.services.complaints.types import ComplaintInput
from postcrm_desktop.services.contacts import tasks
from postcrm_desktop.services.contacts.types import TaskInput
from postcrm_desktop.services.customers import records
from postcrm_desktop.services.customers.types import CustomerInput
from postcrm_desktop.ui.pages import complaints, workbench
from tests.ui.fakes import make_context

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2027-01-05 00:30 in Shanghai is 2027-01-04 11:30 in New York.
JUST_AFTER_MIDNIGHT = datetime(2027, 1, 5, 0, 30, tzinfo=SHANGHAI)
# 2027-01-04 23:30 in Shanghai is 2027-01-04 10:30 in New York (the same date there).
JUST_BEFORE_MIDNIGHT = datetime(2027, 1, 4, 23, 30, tzinfo=SHANGHAI)


@pytest.fixture
def new_york(monkeypatch) -> Iterator[None]:
    """The PC's zone is America/New_York for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _customer(branch: Branch) -> str:
    return records.create_customer(branch, CustomerInput(
        customer_type="individual", name="测试甲", mobile="13900001234", district="天河区",
        address="测试路1号"))


def test_stats_period_ends_on_the_branchs_today(qtbot, branch, new_york) -> None:
    assert datetime.now().astimezone().utcoffset() != SHANGHAI.utcoffset(JUST_AFTER_MIDNIGHT)
    cid = _customer(branch)
    received = JUST_AFTER_MIDNIGHT - timedelta(minutes=20)  # 00:10 in Shanghai
    desk.create_complaint(branch, ComplaintInput(
        customer_id=cid, complaint_type="complaint", category="damage",
        description="包裹破损"), now=received.astimezone(UTC))
    ctx = make_context(branch, clock=FixedClock(JUST_AFTER_MIDNIGHT))
    page = complaints.create_page(ctx)
    assert isinstance(page, complaints.ComplaintsPage)
    qtbot.addWidget(page)
    page.show_tab("stats")
    stats = page.stats
    assert stats.period() == (date(2027, 1, 5) - timedelta(days=89), date(2027, 1, 5))
    assert stats.stats is not None and stats.stats.total == 1
    # The complaint list shows its time as the branch reads it.
    model = page.list.model
    assert model.index(0, model.column_of("received_at")).data() == "2027-01-05 00:10"


@pytest.mark.parametrize("at", [JUST_BEFORE_MIDNIGHT, JUST_AFTER_MIDNIGHT],
                         ids=["before-midnight", "after-midnight"])
def test_workbench_today_is_the_branchs_day(qtbot, branch, new_york, at) -> None:
    cid = _customer(branch)
    due_today = at + timedelta(minutes=10) if at.hour == 23 else at + timedelta(hours=8)
    due_tomorrow = datetime.combine(at.date() + timedelta(days=1), datetime.min.time(),
                                    tzinfo=SHANGHAI) + timedelta(hours=1)
    today_id = tasks.create_task(branch, TaskInput(cid, "今天办", due_today),
                                 now=at.astimezone(UTC)).id
    tasks.create_task(branch, TaskInput(cid, "明天办", due_tomorrow), now=at.astimezone(UTC))
    ctx = make_context(branch, clock=FixedClock(at))
    page = workbench.WorkbenchPage(ctx, apply_rules=False)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=5000)
    assert page.data is not None and page.data.today == at.date()
    assert page.section_ids("today") == [today_id]
    assert f"{at.month}月{at.day}日" in page.date_label.text()
