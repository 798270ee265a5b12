"""The audit chain's head anchored in the key file: tail deletion and rewrites show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import audit_log, auth, users
from postcrm_desktop.store import audit, audit_anchor
from postcrm_desktop.store.keyslots import KeyFile, sidecar_path
from postcrm_desktop.store.models.system import AuditEntry
from tests.conftest import ADMIN_PASSWORD


def _some_activity(path: Path) -> None:
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(b, "clerk1", "柜员一", Role.COUNTER_CLERK, "Clerk1234")
        users.reset_password(b, "clerk1", "Clerk5678")
    finally:
        b.close()


def _tamper(path: Path, *statements: str) -> None:
    """Change the audit table behind the app's back (triggers dropped, no session)."""
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.db.engine.begin() as c:
            c.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            c.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            for sql in statements:
                c.exec_driver_sql(sql)
    finally:
        b.close()


def test_anchor_follows_every_audited_commit(branch_path: Path) -> None:
    _some_activity(branch_path)
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert b.anchor_check is not None and b.anchor_check.ok
        now = audit_log.check_anchor(b)
        assert now.ok and now.anchor_seq == now.db_seq
        with b.session() as s:
            assert KeyFile.load(branch_path).anchor["seq"] == audit_anchor.head(s)[0]
        sync = audit_log.chain_anchor(b)
        assert sync["seq"] == now.db_seq and sync["hash"] == now.db_hash
    finally:
        b.close()


def test_new_branch_starts_anchored(branch_path: Path) -> None:
    assert KeyFile.load(branch_path).anchor is not None


def test_deleted_tail_is_detected_at_login_and_recorded(branch_path: Path) -> None:
    _some_activity(branch_path)
    # The tamperer's own login moves the anchor on; then the last rows go.
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    b.close()
    head = KeyFile.load(branch_path).anchor["seq"]
    _tamper(branch_path, f"DELETE FROM audit_log WHERE seq > {head - 3}")
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert b.anchor_check is not None and not b.anchor_check.ok
        assert "末尾被删除" in b.anchor_check.reason
        with b.session() as s:
            actions = list(s.execute(select(AuditEntry.action)).scalars())
    finally:
        b.close()
    assert "audit.anchor_mismatch" in actions


def test_chain_recomputed_from_scratch_is_detected(branch_path: Path) -> None:
    _some_activity(branch_path)
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            rows = s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
        # Rebuild the whole chain with one row's user changed: every hash is valid again.
        prev, updates = audit.GENESIS, []
        for r in rows:
            name = "eve" if r.seq == 2 else r.username
            h = audit._row_hash(prev, r.seq, r.at, r.user_id, name, r.action, r.entity,
                                r.entity_id, r.detail)
            updates.append(f"UPDATE audit_log SET username='{name}', prev_hash='{prev}', "
                           f"hash='{h}' WHERE seq={r.seq}")
            prev = h
        with b.db.engine.begin() as c:
            c.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            for sql in updates:
                c.exec_driver_sql(sql)
    finally:
        b.close()
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            assert audit.verify(s).ok  # the chain alone cannot tell
        assert not b.anchor_check.ok and "重写" in b.anchor_check.reason
        # Later logins match again, but the finding stays in the chain for verify to show.
        assert audit_log.anchor_mismatches(b) == 1
    finally:
        b.close()


def test_database_rolled_back_to_an_older_copy_is_detected(branch_path: Path,
                                                           tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(branch_path, old)
    _some_activity(branch_path)
    shutil.copyfile(old, branch_path)  # the database alone goes back; the key file stays
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert not b.anchor_check.ok
    finally:
        b.close()


def test_edited_anchor_is_detected(branch_path: Path) -> None:
    _some_activity(branch_path)
    data = json.loads(sidecar_path(branch_path).read_bytes())
    data["audit_anchor"]["seq"] -= 1
    sidecar_path(branch_path).write_text(json.dumps(data))
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert not b.anchor_check.ok and "校验失败" in b.anchor_check.reason
    finally:
        b.close()


def test_failed_idle_unlock_is_audited(branch_path: Path) -> None:
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert not auth.verify_password(b, "not-my-password")
        assert auth.verify_password(b, ADMIN_PASSWORD)
        assert [r.action for r in audit_log.page(b, action="idle_unlock.failed")] == [
            "idle_unlock.failed"]
    finally:
        b.close()
