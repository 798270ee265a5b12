"""The audit log as the admin page reads it: keyset pages, filters, permission, chain check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit


def _history(branch: Branch, n: int) -> None:
    for i in range(n):
        users.add_user(branch, f"u{i}", f"用户{i}", Role.COUNTER_CLERK, "Clerk1234")


def _all_pages(branch: Branch, limit: int, **filters: object) -> list[audit_log.AuditRow]:
    rows: list[audit_log.AuditRow] = []
    after = None
    while True:
        batch = audit_log.page(branch, after_seq=after, limit=limit,
                               **filters)  # type: ignore[arg-type]
        assert len(batch) <= limit
        if not batch:
            return rows
        rows += batch
        after = batch[-1].seq


def test_pages_newest_first_without_gaps_or_repeats(branch: Branch) -> None:
    _history(branch, 12)
    seen = [r.seq for r in _all_pages(branch, 5)]
    assert seen == sorted(seen, reverse=True)
    assert seen == list(range(seen[0], 0, -1))
    first = audit_log.page(branch, limit=5)
    assert [r.seq for r in first] == seen[:5]


def test_page_size_is_bounded(branch: Branch) -> None:
    _history(branch, 3)
    assert len(audit_log.page(branch, limit=2)) == 2
    assert len(audit_log.page(branch, limit=0)) == 1
    assert audit_log.MAX_PAGE <= 1000


def test_filters_by_action_and_user_across_pages(branch: Branch) -> None:
    _history(branch, 7)
    users.set_role(branch, "u1", Role.ACCOUNT_MANAGER)
    added = _all_pages(branch, 3, action="user.added")
    assert len(added) == 7
    assert {r.action for r in added} == {"user.added"}
    assert all(r.action_label == "新增用户" for r in added)
    assert [r.seq for r in added] == sorted((r.seq for r in added), reverse=True)
    changed = audit_log.page(branch, action="user.role_changed")
    assert len(changed) == 1 and changed[0].detail == {"from": "counter_clerk",
                                                       "to": "account_manager"}
    assert changed[0].target == "用户 u1"  # the object by its username, not a bare id
    assert {r.username for r in audit_log.page(branch, username=" ADMIN ")} == {"admin"}
    assert audit_log.page(branch, username="nobody") == []
    acts = audit_log.actions(branch)
    assert acts == sorted(set(acts))
    assert {"branch.init", "user.added", "user.role_changed"} <= set(acts)


def test_filters_by_time_range(branch: Branch) -> None:
    _history(branch, 2)
    rows = audit_log.page(branch)
    newest = rows[0].at
    assert newest.tzinfo is not None
    assert audit_log.page(branch, since=newest + timedelta(seconds=1)) == []
    assert audit_log.page(branch, since=newest)[0].seq == rows[0].seq  # since is inclusive
    assert audit_log.page(branch, until=newest + timedelta(seconds=1))[0].seq == rows[0].seq
    assert all(r.at < newest for r in audit_log.page(branch, until=newest))  # until exclusive
    past = datetime.now(UTC) - timedelta(days=3650)
    assert len(audit_log.page(branch, since=past, until=newest + timedelta(days=1))) == len(rows)


def test_needs_audit_permission(branch_path: Path, branch: Branch) -> None:
    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    branch.close()
    clerk = auth.login(branch_path, "clerk", "Clerk1234")
    try:
        for call in (audit_log.page, audit_log.actions, audit_log.verify):
            with pytest.raises(PermissionDenied):
                call(clerk)
    finally:
        clerk.close()


def test_analyst_may_read(demo_login: Callable[[str], Branch]) -> None:
    analyst = demo_login("analyst1")
    assert audit_log.page(analyst, limit=3)
    assert audit_log.verify(analyst).ok


def test_verify_reports_ok(branch: Branch) -> None:
    _history(branch, 2)
    result = audit_log.verify(branch)
    assert isinstance(result, audit.VerifyResult)
    assert result.ok and result.rows >= 3 and result.first_bad_seq is None


def test_verify_names_the_first_broken_row(branch: Branch) -> None:
    _history(branch, 4)
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.execute(text("UPDATE audit_log SET username='someone' WHERE seq=3"))
    result = audit_log.verify(branch)
    assert not result.ok and result.first_bad_seq == 3 and "3" in result.reason
