"""Login, throttling, locking, password changes and recovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied, ValidationError
from postcrm_desktop.core.roles import Role
from postcrm_desktop.services import auth, users
from postcrm_desktop.store.keyslots import KeyFile, KeySlotError, WrongPassword, sidecar_path
from postcrm_desktop.store.models.system import AuditEntry
from tests.conftest import ADMIN_PASSWORD


class Clock:
    def __init__(self) -> None:
        # Start from the real time: throttle entries written by plain logins use it too.
        self.t = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


def _actions(path: Path) -> list[str]:
    b = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with b.session() as s:
            return list(s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
    finally:
        b.close()


def test_login_gives_actor_with_role_permissions(branch_path: Path) -> None:
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert b.actor.role is Role.BRANCH_ADMIN
        assert b.actor.can("user.manage")
        assert b.db.info.branch_code == "GZ01"
    finally:
        b.close()


def test_wrong_password_waits_longer_each_time_then_locks(branch_path: Path) -> None:
    clock = Clock()
    waits = []
    for attempt in range(auth.MAX_FAILURES):
        with pytest.raises(WrongPassword):
            auth.login(branch_path, "admin", "nope", now=clock)
        if attempt < auth.MAX_FAILURES - 1:
            with pytest.raises(auth.LoginThrottled) as throttled:
                auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock)
            waits.append(throttled.value.seconds)
            clock.advance(throttled.value.seconds)
    assert waits == sorted(waits) and waits[-1] > waits[0]
    clock.advance(29 * 60)
    with pytest.raises(auth.AccountLocked) as locked:
        auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock)
    assert locked.value.minutes_left == 1


def test_failures_reach_the_audit_log_at_next_login(branch_path: Path) -> None:
    clock = Clock()
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "admin", "nope", now=clock)
    clock.advance(60)
    auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock).close()
    actions = _actions(branch_path)
    assert actions.count("login.failed") == 1
    assert actions.count("login.ok") == 2
    # a successful login clears the counter
    assert KeyFile.load(branch_path).throttle_for("admin").failures == 0


def test_admin_unlocks_a_locked_user(branch_path: Path) -> None:
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "clerk", "柜员甲", Role.COUNTER_CLERK, "Clerk1234")
    finally:
        admin.close()
    clock = Clock()
    _lock_out(branch_path, "clerk", clock)
    with pytest.raises(auth.AccountLocked):
        auth.login(branch_path, "clerk", "Clerk1234", now=clock)
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        assert next(u for u in users.list_users(admin, now=clock())
                    if u.username == "clerk").locked
        users.unlock(admin, "clerk")
    finally:
        admin.close()
    auth.login(branch_path, "clerk", "Clerk1234", now=clock).close()
    assert "user.unlocked" in _actions(branch_path)


def test_username_over_64_characters_is_refused_before_any_write(branch_path: Path) -> None:
    keys = sidecar_path(branch_path)
    before = keys.read_bytes()
    with pytest.raises(ValidationError) as long_login:
        auth.login(branch_path, "x" * 100_000, "bad-guess-1")
    assert long_login.value.field == "username" and "64" in long_login.value.message
    assert keys.read_bytes() == before
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        with pytest.raises(ValidationError) as long_add:
            users.add_user(admin, "y" * 65, "柜员", Role.COUNTER_CLERK, "Clerk1234")
        assert "64" in long_add.value.message
        users.add_user(admin, "y" * 64, "柜员", Role.COUNTER_CLERK, "Clerk1234")
    finally:
        admin.close()
    assert len(keys.read_bytes()) < len(before) + 2000


def test_guesses_under_many_names_keep_the_key_file_small(branch_path: Path) -> None:
    clock = Clock()
    for i in range(auth.MAX_THROTTLED_NAMES + 50):
        with pytest.raises(WrongPassword):
            auth.login(branch_path, f"nobody{i}", "bad-guess-1", now=clock)
    kf = KeyFile.load(branch_path)
    assert len(kf.throttle) <= auth.MAX_THROTTLED_NAMES
    assert f"nobody{auth.MAX_THROTTLED_NAMES + 49}" in kf.throttle


def _edit_slot(path: Path, user: str, **changes: object) -> None:
    import json

    data = json.loads(sidecar_path(path).read_bytes())
    slot = next(sl for sl in data["slots"] if sl["user"] == user)
    for key, value in changes.items():
        if key in ("t", "m", "p"):
            slot["kdf"][key] = value
        else:
            slot[key] = value
    sidecar_path(path).write_bytes(json.dumps(data).encode())


@pytest.mark.parametrize("changes", [
    {"salt": "AAAAAAAAAAAAAAAAAAAAAA=="},  # another valid 16-byte salt
    {"t": 2},
    {"m": 2 ** 31},  # absurd: would end in argon2's HashingError
    {"p": 0},
    {"salt": ""},
])
def test_edited_slot_says_key_file_changed_and_is_not_a_failure(
        branch_path: Path, changes: dict[str, object]) -> None:
    _edit_slot(branch_path, "admin", **changes)
    for _ in range(auth.MAX_FAILURES + 1):
        with pytest.raises(KeySlotError, match="密钥文件被改动"):
            auth.login(branch_path, "admin", ADMIN_PASSWORD)
    kf = KeyFile.load(branch_path)
    assert kf.throttle_for("admin").failures == 0 and not kf.throttle_for("admin").locked


def _lock_out(path: Path, username: str, clock: Clock) -> None:
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(WrongPassword):
            auth.login(path, username, "bad-guess-1", now=clock)
        clock.advance(auth.MAX_BACKOFF_S)


def test_lock_lifts_by_itself_after_the_default_period(branch_path: Path) -> None:
    clock = Clock()
    _lock_out(branch_path, "admin", clock)
    clock.advance(29 * 60)
    with pytest.raises(auth.AccountLocked):
        auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock)
    clock.advance(61)
    b = auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock)
    b.close()
    actions = _actions(branch_path)
    assert {"user.locked", "login.locked_out", "user.lock_expired"} <= set(actions)
    # the account starts afresh: the next wrong guess is the first of five again
    assert KeyFile.load(branch_path).throttle_for("admin").failures == 0


def test_admin_sets_the_lock_period(branch_path: Path) -> None:
    from postcrm_desktop.services import settings

    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "clerk", "柜员甲", Role.COUNTER_CLERK, "Clerk1234",
                       enforce_policy=False)
        with pytest.raises(ValidationError) as bad:
            settings.set(admin, settings.ACCOUNT_LOCK_MINUTES, 0)
        assert bad.value.field == settings.ACCOUNT_LOCK_MINUTES
        assert settings.get(admin, settings.ACCOUNT_LOCK_MINUTES) == 30
        settings.set(admin, settings.ACCOUNT_LOCK_MINUTES, 5)
    finally:
        admin.close()
    clock = Clock()
    _lock_out(branch_path, "clerk", clock)
    clock.advance(4 * 60)
    with pytest.raises(auth.AccountLocked) as locked:
        auth.login(branch_path, "clerk", "Clerk1234", now=clock)
    assert "分钟后自动解锁" in str(locked.value)
    clock.advance(61)
    auth.login(branch_path, "clerk", "Clerk1234", now=clock).close()


def test_throttled_login_is_audited(branch_path: Path) -> None:
    clock = Clock()
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "admin", "bad-guess-1", now=clock)
    with pytest.raises(auth.LoginThrottled):
        auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock)
    clock.advance(60)
    auth.login(branch_path, "admin", ADMIN_PASSWORD, now=clock).close()
    assert "login.throttled" in _actions(branch_path)


def test_locked_out_admin_recovers_without_losing_other_users(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    key = auth.init_branch(path, branch_code="SZ02", branch_name="深圳测试",
                           admin_username="boss", admin_password="Boss12345")
    admin = auth.login(path, "boss", "Boss12345")
    try:
        users.add_user(admin, "clerk", "柜员甲", Role.COUNTER_CLERK, "Clerk1234",
                       enforce_policy=False)
    finally:
        admin.close()
    clock = Clock()
    _lock_out(path, "boss", clock)
    assert auth.recover(path, key, "boss", "Fresh12345") == 0
    auth.login(path, "boss", "Fresh12345", now=clock).close()
    clerk = auth.login(path, "clerk", "Clerk1234", now=clock)
    try:
        assert not auth.must_change_password(clerk)
    finally:
        clerk.close()


def test_reset_password_forces_change_at_next_login(branch_path: Path) -> None:
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "mgr", "经理乙", Role.ACCOUNT_MANAGER, "Manager123")
        users.reset_password(admin, "mgr", "Temp12345")
    finally:
        admin.close()
    with pytest.raises(WrongPassword):
        auth.login(branch_path, "mgr", "Manager123")
    mgr = auth.login(branch_path, "mgr", "Temp12345", now=lambda: Clock()() + timedelta(hours=1))
    try:
        assert auth.must_change_password(mgr)
        with pytest.raises(ValidationError) as weak:
            auth.change_own_password(mgr, "Temp12345", "short")
        assert weak.value.field == "new_password"
        with pytest.raises(ValidationError) as old:
            auth.change_own_password(mgr, "wrong", "NewPass123")
        assert old.value.field == "old_password"
        auth.change_own_password(mgr, "Temp12345", "NewPass123")
        assert not auth.must_change_password(mgr)
    finally:
        mgr.close()
    auth.login(branch_path, "mgr", "NewPass123").close()
    assert {"password.reset", "password.changed"} <= set(_actions(branch_path))


def test_disabled_user_cannot_log_in(branch_path: Path) -> None:
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "gone", "离职员工", Role.COUNTER_CLERK, "Clerk1234")
        users.set_active(admin, "gone", False)
    finally:
        admin.close()
    with pytest.raises((WrongPassword, auth.AccountDisabled)):
        auth.login(branch_path, "gone", "Clerk1234")


def test_role_change_takes_effect_at_next_login(branch_path: Path) -> None:
    admin = auth.login(branch_path, "admin", ADMIN_PASSWORD)
    try:
        users.add_user(admin, "u1", "用户一", Role.COUNTER_CLERK, "Clerk1234")
        users.set_role(admin, "u1", Role.ACCOUNT_MANAGER)
    finally:
        admin.close()
    u1 = auth.login(branch_path, "u1", "Clerk1234")
    try:
        assert u1.actor.role is Role.ACCOUNT_MANAGER
        with pytest.raises(PermissionDenied, match=r"user\.manage"):
            users.list_users(u1)
    finally:
        u1.close()
    assert "user.role_changed" in _actions(branch_path)


@pytest.mark.parametrize("pw", ["short1", "onlyletters", "12345678", ""])
def test_password_policy(pw: str) -> None:
    with pytest.raises(ValidationError):
        auth.check_password_policy(pw)


def test_missing_sidecar_then_recovery_key_restores_access(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    key = auth.init_branch(path, branch_code="SZ02", branch_name="深圳测试",
                           admin_username="boss", admin_password="Boss12345")
    sidecar_path(path).unlink()
    with pytest.raises(KeySlotError, match="postcrm recover"):
        auth.login(path, "boss", "Boss12345")
    with pytest.raises(KeySlotError):
        auth.recover(path, key[:-3] + "AAA", "boss", "Fresh12345")
    assert auth.recover(path, key, "boss", "Fresh12345") == 0
    b = auth.login(path, "boss", "Fresh12345")
    b.close()


def test_tampered_sidecar_is_refused_with_recovery_path(branch_path: Path) -> None:
    raw = sidecar_path(branch_path).read_bytes()
    sidecar_path(branch_path).write_bytes(raw.replace(b'"slots"', b'"slotz"', 1))
    with pytest.raises(KeySlotError, match="recover"):
        auth.login(branch_path, "admin", ADMIN_PASSWORD)
