"""The audit log as the admin page reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, users
from postcrm_desktop.services.branch import Branch


def _history(branch: Branch, n: int) -> None:
    for i in range(n):
        users.add_user(branch, f"u{i}", f"用户{i}", Role.COUNTER_CLERK, "Clerk1234")


def test_pages_newest_first_without_gaps_or_repeats(branch: Branch) -> None:
    _history(branch, 12)
    seen: list[int] = []
    before = None
    while True:
        rows = audit_log.page(branch, before_seq=before, limit=5)
        if not rows:
            break
        seen += [r.seq for r in rows]
        before = rows[-1].seq
    assert seen == sorted(seen, reverse=True)
    assert seen == list(range(seen[0], 0, -1))


def test_filters_by_action_user_and_time(branch: Branch) -> None:
    _history(branch, 3)
    added = audit_log.page(branch, action="user.added")
    assert [r.detail.get("username") or r.entity_id for r in added] and len(added) == 3
    assert all(r.action_label == "新增用户" for r in added)
    assert {r.username for r in audit_log.page(branch, username="ADMIN")} == {"admin"}
    future = datetime.now(UTC) + timedelta(days=1)
    assert audit_log.page(branch, since=future) == []
    assert audit_log.page(branch, until=future)
    assert "user.added" in audit_log.actions(branch)


def test_needs_audit_permission(branch_path: Path, branch: Branch) -> None:
    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    branch.close()
    clerk = auth.login(branch_path, "clerk", "Clerk1234")
    try:
        with pytest.raises(PermissionDenied):
            audit_log.page(clerk)
        with pytest.raises(PermissionDenied):
            audit_log.verify(clerk)
    finally:
        clerk.close()


def test_verify_reports_ok(branch: Branch) -> None:
    _history(branch, 2)
    result = audit_log.verify(branch)
    assert result.ok and result.rows >= 3
