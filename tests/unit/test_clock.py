"""The branch's clock: now() in UTC, today() and local times in the branch's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from postcrm_desktop.core.clock import Clock, FixedClock
from postcrm_desktop.services.clock import branch_clock
from postcrm_desktop.services.complaints import policy


def test_today_is_the_branchs_day_not_utcs() -> None:
    clock = FixedClock(datetime(2027, 1, 4, 16, 30, tzinfo=UTC))  # 00:30 on the 5th
    assert clock.now() == datetime(2027, 1, 4, 16, 30, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    assert clock.today() == date(2027, 1, 5)
    assert clock.local_now().hour == 0 and clock.stamp() == "20270105-003000"
    clock.advance(timedelta(hours=-1))
    assert clock.today() == date(2027, 1, 4)


def test_a_naive_source_is_refused() -> None:
    with pytest.raises(ValueError):
        Clock(source=lambda: datetime(2027, 1, 1)).now()


def test_the_branch_clock_follows_the_sla_policy_zone(branch) -> None:
    assert branch_clock(branch).zone_name == "Asia/Shanghai"
    urumqi = policy.get_policy(branch).to_json() | {"zone": "Asia/Urumqi"}
    policy.set_policy(branch, urumqi)
    clock = branch_clock(branch, lambda: datetime(2027, 1, 4, 18, 30, tzinfo=UTC))
    assert clock.zone == ZoneInfo("Asia/Urumqi")
    assert clock.today() == date(2027, 1, 5)  # 00:30 in Urumqi (UTC+6)
