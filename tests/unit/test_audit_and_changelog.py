"""The hash-chained audit log and the change log that sync reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import users
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.system import ChangeEntry, User


def _some_history(branch: Branch) -> None:
    users.add_user(branch, "a1", "甲", Role.COUNTER_CLERK, "Clerk1234")
    users.set_role(branch, "a1", Role.ACCOUNT_MANAGER)
    users.reset_password(branch, "a1", "Temp12345")


def test_audit_rows_cannot_be_updated_or_deleted_through_sql(branch: Branch) -> None:
    _some_history(branch)
    with branch.db.connect() as conn:
        for stmt in ("UPDATE audit_log SET username='x' WHERE seq=2",
                     "DELETE FROM audit_log WHERE seq=2"):
            with pytest.raises(Exception, match="append-only"):
                conn.exec_driver_sql(stmt)
            conn.rollback()


def _drop_guards(branch: Branch) -> None:
    # Someone holding the key can drop the triggers; the hash chain still tells.
    with branch.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")


def test_verify_is_ok_on_an_untouched_log(branch: Branch) -> None:
    _some_history(branch)
    with branch.session() as s:
        result = audit.verify(s)
    assert result.ok and result.rows >= 5


def test_verify_names_an_edited_row(branch: Branch) -> None:
    _some_history(branch)
    _drop_guards(branch)
    with branch.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail='{}' WHERE seq=3"))
    with branch.session() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_bad_seq == 3
    assert "3" in result.reason


def test_verify_names_a_removed_row(branch: Branch) -> None:
    _some_history(branch)
    _drop_guards(branch)
    with branch.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq=4"))
    with branch.session() as s:
        result = audit.verify(s)
    assert not result.ok and result.first_bad_seq == 4
    assert "缺失" in result.reason


def test_every_write_appends_change_log_in_same_transaction(branch: Branch) -> None:
    uid = users.add_user(branch, "c1", "丙", Role.COUNTER_CLERK, "Clerk1234")
    users.set_role(branch, "c1", Role.ACCOUNT_MANAGER)
    with branch.session() as s:
        entries = s.execute(
            select(ChangeEntry).where(ChangeEntry.entity == "user", ChangeEntry.entity_id == uid)
            .order_by(ChangeEntry.seq)
        ).scalars().all()
        row = s.get(User, uid)
    assert [e.op for e in entries] == ["insert", "update"]
    assert entries[0].changes["username"] == "c1"
    assert entries[1].changes == {"role": "account_manager"}
    assert entries[0].version < entries[1].version
    assert row is not None and row.version == entries[1].version
    assert row.site_id == "GZ01" and row.created_by == branch.actor.user_id


def test_failed_transaction_leaves_neither_row_nor_change(branch: Branch) -> None:
    with branch.session() as s:
        before = s.execute(select(ChangeEntry.seq)).all()
    with pytest.raises(RuntimeError), branch.session() as s, s.begin():
        s.info["user_id"] = branch.actor.user_id
        s.add(User(username="ghost", display_name="幽灵", role="counter_clerk"))
        s.flush()
        raise RuntimeError("boom")
    with branch.session() as s:
        assert s.execute(select(ChangeEntry.seq)).all() == before
        assert s.execute(select(User).where(User.username == "ghost")).first() is None


def test_version_stamps_survive_reopen(branch_path: Path) -> None:
    from postcrm_desktop.services import auth
    from tests.conftest import ADMIN_PASSWORD

    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(b, "d1", "丁", Role.COUNTER_CLERK, "Clerk1234")
        with b.session() as s:
            last = s.execute(select(ChangeEntry.version).order_by(ChangeEntry.seq.desc())).scalar()
    finally:
        b.close()
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert b.db.clock.now().encode() > last
    finally:
        b.close()
