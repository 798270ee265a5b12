"""The branch's clock: its zone is the one its SLA policy names (Asia/Shanghai by default)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.policy import get_policy


def branch_zone(branch: Branch) -> str:
    return get_policy(branch).zone


def branch_clock(branch: Branch, source: Callable[[], datetime] | None = None) -> Clock:
    """A clock counting days in `branch`'s zone; `source` replaces the system time."""
    zone = branch_zone(branch)
    return Clock(zone) if source is None else Clock(zone, source)


__all__ = ["branch_clock", "branch_zone"]
