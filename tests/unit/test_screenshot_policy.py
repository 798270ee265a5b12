"""Pictures of the screens hold customer data: demo branch or export permission, audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, screenshots, users
from postcrm_desktop.services.branch import Branch


def test_real_branch_needs_the_export_permission(branch: Branch, tmp_path: Path) -> None:
    users.add_user(branch, "clerk", "柜员", Role.COUNTER_CLERK, "Clerk1234")
    path = branch.path
    screenshots.allow_screenshots(branch, tmp_path / "shots")  # admin may export
    entries = audit_log.page(branch, action="screenshots.export")
    assert entries and entries[0].username == "admin"
    branch.close()
    clerk = auth.login(path, "clerk", "Clerk1234")
    auth.change_own_password(clerk, "Clerk1234", "Clerk5678")  # a new user's first step
    try:
        assert not screenshots.is_demo_branch(clerk)
        with pytest.raises(PermissionDenied, match="演示网点"):
            screenshots.allow_screenshots(clerk, tmp_path / "shots")
    finally:
        clerk.close()


def test_anyone_may_on_a_demo_branch_and_it_is_audited(demo_login, tmp_path: Path) -> None:
    clerk = demo_login("clerk1")
    assert screenshots.is_demo_branch(clerk)
    screenshots.allow_screenshots(clerk, tmp_path / "shots")
    admin = demo_login("admin")
    entries = audit_log.page(admin, action="screenshots.export")
    assert [e.username for e in entries] == ["clerk1"]


def test_a_temporary_password_must_be_changed_first(demo_login, tmp_path: Path) -> None:
    admin = demo_login("admin")
    users.reset_password(admin, "clerk1", "Temp12345")
    path = admin.path
    admin.close()
    clerk = auth.login(path, "clerk1", "Temp12345")
    try:
        with pytest.raises(PermissionDenied, match="临时密码"):
            screenshots.allow_screenshots(clerk, tmp_path / "shots")
    finally:
        clerk.close()
    admin = demo_login("admin")
    assert not audit_log.page(admin, action="screenshots.export")
