"""Setting up a branch, logging in, throttling, and recovery with the recovery key."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from math import ceil
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import PostCrmError, ValidationError
from postcrm_desktop.core.roles import DEFAULT_GRANTS, Role
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit, audit_anchor
from postcrm_desktop.store.engine import Database, WrongKey
from postcrm_desktop.store.keyslots import (
    KeyFile,
    KeySlotError,
    Throttle,
    WrongPassword,
    editing,
    load_recovery_copy,
    locked,
    master_from_recovery_key,
    new_master_key,
    normalize_username,
    recovery_key_from_master,
    save_recovery_copy,
)
from postcrm_desktop.store.lifecycle import create_database, finish_interrupted_init
from postcrm_desktop.store.models.system import RolePermission, User
from postcrm_desktop.store.restore_journal import finish_interrupted_restore

MAX_FAILURES = 5
MAX_BACKOFF_S = 30
MIN_PASSWORD_LEN = 8
USERNAME_MAX = 64
USERNAME_TOO_LONG = f"用户名不能超过 {USERNAME_MAX} 个字符"


class AccountLocked(PostCrmError):
    def __init__(self, username: str, minutes_left: int | None = None) -> None:
        when = (f"{minutes_left} 分钟后自动解锁，或" if minutes_left is not None
                else "请")
        super().__init__(f"账户 {username} 已因多次密码错误被锁定，{when}联系网点管理员解锁")
        self.minutes_left = minutes_left


class LoginThrottled(PostCrmError):
    def __init__(self, seconds: int) -> None:
        super().__init__(f"密码错误次数过多，请 {seconds} 秒后再试")
        self.seconds = seconds


class AccountDisabled(PostCrmError):
    def __init__(self) -> None:
        super().__init__("该账户已停用，请联系网点管理员")


def check_password_policy(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LEN:
        raise ValidationError(field, f"密码至少 {MIN_PASSWORD_LEN} 位")
    if password.isdigit() or password.isalpha():
        raise ValidationError(field, "密码需同时包含字母和数字")


def check_username(username: str) -> str:
    name = normalize_username(username)
    if len(name) > USERNAME_MAX:
        raise ValidationError("username", USERNAME_TOO_LONG)
    if not name or not all(c.isalnum() or c in "._-" for c in name):
        raise ValidationError("username",
                              f"用户名只能包含字母、数字和 . _ -，长度 1-{USERNAME_MAX}")
    return name


def backoff_seconds(failures: int) -> int:
    """Wait before the next try: 1, 2, 4, 8 … seconds after each failure."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_BACKOFF_S)


def load_permissions(session: Session, role: str) -> frozenset[str]:
    rows = session.execute(
        select(RolePermission.permission).where(RolePermission.role == role)
    ).scalars()
    return frozenset(rows)


def actor_for(session: Session, user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, Role(user.role),
                 load_permissions(session, user.role), user.department)


def seed_roles(session: Session) -> None:
    for role, perms in DEFAULT_GRANTS.items():
        for perm in sorted(perms):
            session.add(RolePermission(role=str(role), permission=str(perm)))


def init_branch(
    path: Path,
    *,
    branch_code: str,
    branch_name: str,
    admin_username: str,
    admin_password: str,
    admin_display_name: str | None = None,
    enforce_policy: bool = True,
    populate: Callable[[Database, str], None] | None = None,
    default_tags: bool = True,
) -> str:
    """Create the encrypted database and its first admin; returns the recovery key.
    The tag catalogue starts with `tags.DEFAULT_TAGS` unless `default_tags` is False."""
    code = branch_code.strip().upper()
    if not code or not code.isalnum() or len(code) > 12:
        raise ValidationError("branch_code", "网点代码只能是字母和数字，1-12 位")
    if not branch_name.strip():
        raise ValidationError("branch_name", "请填写网点名称")
    username = check_username(admin_username)
    if enforce_policy:
        check_password_policy(admin_password)
    master = new_master_key()

    heads: list[tuple[int, str]] = []

    recovery_secret = new_master_key()

    def keyfile_for(db_id: str) -> KeyFile:
        kf = KeyFile(db_id=db_id)
        kf.set_password(username, admin_password, master)
        kf.set_recovery(recovery_secret, master)
        if heads:
            kf.anchor = audit_anchor.sign(audit_anchor.anchor_key(master), db_id, *heads[-1])
        return kf

    def first_rows(db: Database) -> None:
        with db.session() as s, s.begin():
            seed_roles(s)
            admin = User(username=username, display_name=admin_display_name or username,
                         role=str(Role.BRANCH_ADMIN), department="")
            s.add(admin)
            s.flush()
            audit.append(s, "branch.init", user_id=admin.id, username=username,
                         detail={"branch_code": code})
            if default_tags:
                from postcrm_desktop.services.customers.tags import seed_default_tags

                seed_default_tags(s)
        if populate is not None:
            populate(db, admin.id)
        with db.session() as s:
            heads.append(audit_anchor.head(s))

    create_database(path, master, branch_code=code, branch_name=branch_name.strip(),
                    keyfile_for=keyfile_for, populate=first_rows)
    save_recovery_copy(path, KeyFile.load(path))
    return recovery_key_from_master(recovery_secret)


def _now() -> datetime:
    return datetime.now(UTC)


def login(path: Path, username: str, password: str, *, now: Callable[[], datetime] = _now,
          lock: bool = True) -> Branch:
    """Unwrap the master key with the password, open the database, record the login.

    Failures are counted in the key file (the database cannot be opened without the
    key) and moved into the audit log at the next successful login.
    """
    path = Path(path)
    # Refused before anything is written: failures are recorded under the name typed.
    if len(normalize_username(username)) > USERNAME_MAX:
        raise ValidationError("username", USERNAME_TOO_LONG)
    if not normalize_username(username):
        raise ValidationError("username", "请填写用户名")
    finish_interrupted_restore(path)
    finish_interrupted_init(path)
    from postcrm_desktop.store.engine import check_file

    check_file(path)
    kf = KeyFile.load(path)
    when = now()
    user = normalize_username(username)
    throttle = kf.throttle_for(user)
    if throttle.locked:
        if throttle.locked_now(when, kf.lock_minutes):
            ends = throttle.lock_ends(kf.lock_minutes)
            left = None if ends is None or ends.year == datetime.max.year else \
                max(1, ceil((ends - when).total_seconds() / 60))
            _record_refusal(path, user, "login.locked_out", when)
            raise AccountLocked(user, left)
        throttle = _lift_expired_lock(path, user, when)
    if throttle.failures and throttle.last_failure:
        waited = (when - datetime.fromisoformat(throttle.last_failure)).total_seconds()
        left_s = backoff_seconds(throttle.failures) - waited
        if left_s > 0:
            _record_refusal(path, user, "login.throttled", when)
            raise LoginThrottled(int(left_s) + 1)
    try:
        master, pending = kf.unwrap_keys(user, password)
    except WrongPassword:
        _count_failure(path, user, when)
        raise
    db, master = _open_rotating(path, kf, master, pending, lock)
    try:
        branch = _start_session(db, user, master, when)
        _upgrade_keyfile(path, user, password, master)
    except BaseException:
        db.close()
        raise
    return branch


def _open_rotating(path: Path, kf: KeyFile, master: bytes, pending: bytes | None,
                   lock: bool) -> tuple[Database, bytes]:
    """Open with the current key; after a rotation cut short, settle it either way."""
    from postcrm_desktop.services import keys

    try:
        db = Database.open(path, master, lock=lock)
    except WrongKey:
        if pending is None:
            raise
        db = Database.open(path, pending, lock=lock)
        keys.finish_interrupted(path, master, pending)
        return db, pending
    if kf.next_sealed is not None:
        keys.abandon_interrupted(path, master)
    return db, master


def _upgrade_keyfile(path: Path, user: str, password: str, master: bytes) -> None:
    """Bring a version 1 key file forward while its user is here with the password:
    the slot gets a key pair (so rotation can carry it), and the old recovery key
    (the master key itself) gets a sealed copy so it keeps working after a rotation."""
    kf = KeyFile.load(path)
    slot = kf.slots.get(user)
    if not (slot is not None and slot.legacy) and kf.recovery_pub is not None:
        return
    fresh_slot = kf.build_slot(user, password, master) if slot is not None and slot.legacy \
        else None
    with editing(path, master) as fresh:
        if fresh_slot is not None and user in fresh.slots and fresh.slots[user].legacy:
            fresh.put_slot(fresh_slot, master)
        if fresh.recovery_pub is None:
            fresh.set_recovery(master, master, legacy=True)


def _count_failure(path: Path, user: str, when: datetime) -> None:
    """One more failure for `user`, counted on the freshest key file under its lock."""
    with editing(path) as kf:
        _prune_throttle(kf)
        throttle = kf.throttle_for(user)
        throttle.failures += 1
        throttle.last_failure = when.isoformat(timespec="seconds")
        _record(kf, user, "login.failed", when)
        if throttle.failures >= MAX_FAILURES and not throttle.locked:
            throttle.locked = True
            throttle.locked_at = throttle.last_failure
            _record(kf, user, "user.locked", when)


# Guesses under many made-up names must not grow the key file without bound: it keeps
# at most this many waiting events (further ones are counted, not listed) and this many
# throttled names (the oldest unlocked ones are forgotten first).
MAX_PENDING_EVENTS = 500
MAX_THROTTLED_NAMES = 200


def _record(kf: KeyFile, user: str, event: str, when: datetime) -> None:
    if len(kf.pending_events) < MAX_PENDING_EVENTS:
        kf.record_event(user, event, when)


def _prune_throttle(kf: KeyFile) -> None:
    if len(kf.throttle) < MAX_THROTTLED_NAMES:
        return
    unlocked = sorted((t.last_failure or "", name) for name, t in kf.throttle.items()
                      if not t.locked)
    for _, name in unlocked[: len(kf.throttle) - MAX_THROTTLED_NAMES + 1]:
        del kf.throttle[name]


def _record_refusal(path: Path, user: str, event: str, when: datetime) -> None:
    """A login refused before the password was tried (throttled or locked), for the audit."""
    with editing(path) as kf:
        _record(kf, user, event, when)


def _lift_expired_lock(path: Path, user: str, when: datetime) -> Throttle:
    """The lock period is over: the account starts afresh (five more tries)."""
    with editing(path) as kf:
        throttle = kf.throttle_for(user)
        if throttle.locked and not throttle.locked_now(when, kf.lock_minutes):
            kf.throttle[user] = throttle = Throttle()
            _record(kf, user, "user.lock_expired", when)
        return throttle


def _start_session(db: Database, username: str, master: bytes, when: datetime) -> Branch:
    # The key file stays locked from reading its pending events until they are removed,
    # so two logins never move the same events twice and none added meanwhile is lost.
    with locked(db.path):
        kf = KeyFile.load(db.path)
        moved = list(kf.pending_events)
        with db.session() as s, s.begin():
            row = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
            if row is None or not row.active:
                raise AccountDisabled()
            if row.locked:
                raise AccountLocked(username)
            anchor = audit_anchor.check(s, audit_anchor.anchor_key(master), db.info.db_id,
                                        kf.anchor)
            for ev in moved:
                audit.append(s, ev["event"], username=ev["user"],
                             at=datetime.fromisoformat(ev["at"]), detail={"source": "keyfile"})
            s.info["user_id"] = row.id
            row.last_login_at = when
            if not anchor.ok:
                # Recorded in the chain itself: cutting this row off shows again next time.
                audit.append(s, "audit.anchor_mismatch", user_id=row.id, username=row.username,
                             detail={"db_seq": anchor.db_seq, "anchor_seq": anchor.anchor_seq})
            audit.append(s, "login.ok", user_id=row.id, username=row.username)
            actor = actor_for(s, row)
        # Read again: the commit above rewrote the audit anchor in the key file.
        kf = KeyFile.load(db.path)
        if moved or kf.throttle.get(username):
            kf.pending_events = kf.pending_events[len(moved):]
            kf.throttle.pop(username, None)
            kf.save(db.path)
    return Branch(db=db, actor=actor, master=master, anchor_check=anchor)


def verify_password(branch: Branch, password: str) -> bool:
    """For the idle lock: the same user types their password again; failures are audited."""
    kf = KeyFile.load(branch.path)
    try:
        return kf.unwrap(branch.actor.username, password) == branch.master
    except WrongPassword:
        with branch.session() as s, s.begin():
            audit.append(s, "idle_unlock.failed", user_id=branch.actor.user_id,
                         username=branch.actor.username)
        return False


def change_own_password(branch: Branch, old: str, new: str) -> None:
    kf = KeyFile.load(branch.path)
    try:
        kf.unwrap(branch.actor.username, old)
    except WrongPassword:
        raise ValidationError("old_password", "原密码不正确") from None
    check_password_policy(new, "new_password")
    if new == old:
        raise ValidationError("new_password", "新密码不能与原密码相同")
    slot = kf.build_slot(branch.actor.username, new, branch.master)
    with editing(branch.path, branch.master) as fresh:
        fresh.put_slot(slot, branch.master)
    with branch.session() as s, s.begin():
        row = s.get(User, branch.actor.user_id)
        if row is not None:
            row.must_change_password = False
        audit.append(s, "password.changed", user_id=branch.actor.user_id,
                     username=branch.actor.username)


def must_change_password(branch: Branch) -> bool:
    with branch.session() as s:
        row = s.get(User, branch.actor.user_id)
        return bool(row and row.must_change_password)


def recover(path: Path, recovery_key: str, admin_username: str, new_password: str) -> int:
    """Let a branch admin in again with the recovery key, with a new password.

    When the key file is intact (the admin only forgot the password or is locked out),
    only the admin's slot is replaced and every other user keeps theirs. When it is lost,
    damaged or was edited outside the app, it is rebuilt: every other user must then be
    given a new password by the admin. Returns how many users need one.
    """
    path = Path(path)
    check_password_policy(new_password)
    secret = master_from_recovery_key(recovery_key)
    user = normalize_username(admin_username)
    db, master = _open_with_recovery(path, secret)
    try:
        with locked(path):
            kf = _trusted_keyfile(path, db.info.db_id, master)
            rebuild = kf is None
            with db.session() as s, s.begin():
                admin = s.execute(select(User).where(User.username == user)).scalar_one_or_none()
                if admin is None or not admin.active or admin.role != Role.BRANCH_ADMIN:
                    raise ValidationError("username", "请填写一个有效的网点管理员用户名")
                s.info["user_id"] = admin.id
                admin.locked = False
                others = []
                if rebuild:
                    others = s.execute(
                        select(User).where(User.id != admin.id, User.active.is_(True))
                    ).scalars().all()
                    for other in others:
                        other.must_change_password = True
                audit.append(s, "keyfile.recovered", user_id=admin.id, username=user,
                             detail={"users_to_reset": len(others), "rebuilt": rebuild})
                if kf is None:
                    kf = KeyFile(db_id=db.info.db_id)
                    kf.set_recovery(secret, master, legacy=secret == master)
                kf.set_password(user, new_password, master)
                kf.throttle.pop(user, None)
                kf.save(path)
                if rebuild:
                    save_recovery_copy(path, kf)
            return len(others)
    finally:
        db.close()


def _open_with_recovery(path: Path, secret: bytes) -> tuple[Database, bytes]:
    """The key file seals the master key to the recovery key; a version 1 file (or one
    lost with no copy) has the recovery key as the master key itself."""
    candidates: list[bytes] = []
    with contextlib.suppress(KeySlotError):
        candidates += KeyFile.load(path).unwrap_recovery(secret)
    copy = load_recovery_copy(path)
    if copy is not None:
        candidates += copy.unwrap_recovery(secret)
    candidates.append(secret)
    for master in candidates:
        try:
            return Database.open(path, master), master
        except WrongKey:
            continue
    raise KeySlotError("恢复密钥打不开这个数据库：请核对恢复密钥；若密钥文件丢失，"
                       "请把最近一份备份旁的 .keys 文件复制为数据库的密钥文件后再试")


def _trusted_keyfile(path: Path, db_id: str, master: bytes) -> KeyFile | None:
    """The current key file if it belongs to this database and was not edited outside."""
    try:
        kf = KeyFile.load(path)
    except KeySlotError:
        return None
    if kf.db_id != db_id or not kf.verify_mac(master):
        return None
    return kf


def count_users(session: Session) -> int:
    return session.execute(select(func.count()).select_from(User)).scalar_one()
