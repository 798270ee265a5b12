"""Setting up a branch, logging in, throttling, and recovery with the recovery key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import PostCrmError, ValidationError
from postcrm_desktop.core.roles import DEFAULT_GRANTS, Role
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.store import audit
from postcrm_desktop.store.engine import Database
from postcrm_desktop.store.keyslots import (
    KeyFile,
    WrongPassword,
    editing,
    locked,
    master_from_recovery_key,
    new_master_key,
    normalize_username,
    recovery_key_from_master,
)
from postcrm_desktop.store.lifecycle import create_database, finish_interrupted_init
from postcrm_desktop.store.models.system import RolePermission, User

MAX_FAILURES = 5
MAX_BACKOFF_S = 30
MIN_PASSWORD_LEN = 8


class AccountLocked(PostCrmError):
    def __init__(self, username: str) -> None:
        super().__init__(f"账户 {username} 已因多次密码错误被锁定，请联系网点管理员解锁")


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
    if not name or len(name) > 32 or not all(c.isalnum() or c in "._-" for c in name):
        raise ValidationError("username", "用户名只能包含字母、数字和 . _ -，长度 1-32")
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
) -> str:
    """Create the encrypted database and its first admin; returns the recovery key."""
    code = branch_code.strip().upper()
    if not code or not code.isalnum() or len(code) > 12:
        raise ValidationError("branch_code", "网点代码只能是字母和数字，1-12 位")
    if not branch_name.strip():
        raise ValidationError("branch_name", "请填写网点名称")
    username = check_username(admin_username)
    if enforce_policy:
        check_password_policy(admin_password)
    master = new_master_key()

    def keyfile_for(db_id: str) -> KeyFile:
        kf = KeyFile(db_id=db_id)
        kf.set_password(username, admin_password, master)
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
        if populate is not None:
            populate(db, admin.id)

    create_database(path, master, branch_code=code, branch_name=branch_name.strip(),
                    keyfile_for=keyfile_for, populate=first_rows)
    return recovery_key_from_master(master)


def _now() -> datetime:
    return datetime.now(UTC)


def login(path: Path, username: str, password: str, *, now: Callable[[], datetime] = _now,
          lock: bool = True) -> Branch:
    """Unwrap the master key with the password, open the database, record the login.

    Failures are counted in the key file (the database cannot be opened without the
    key) and moved into the audit log at the next successful login.
    """
    path = Path(path)
    finish_interrupted_init(path)
    from postcrm_desktop.store.engine import check_file

    check_file(path)
    kf = KeyFile.load(path)
    when = now()
    user = normalize_username(username)
    throttle = kf.throttle_for(user)
    if throttle.locked:
        raise AccountLocked(user)
    if throttle.failures and throttle.last_failure:
        waited = (when - datetime.fromisoformat(throttle.last_failure)).total_seconds()
        left = backoff_seconds(throttle.failures) - waited
        if left > 0:
            raise LoginThrottled(int(left) + 1)
    try:
        master = kf.unwrap(user, password)
    except WrongPassword:
        _count_failure(path, user, when)
        raise
    db = Database.open(path, master, lock=lock)
    try:
        branch = _start_session(db, user, master, when)
    except BaseException:
        db.close()
        raise
    return branch


def _count_failure(path: Path, user: str, when: datetime) -> None:
    """One more failure for `user`, counted on the freshest key file under its lock."""
    with editing(path) as kf:
        throttle = kf.throttle_for(user)
        throttle.failures += 1
        throttle.last_failure = when.isoformat(timespec="seconds")
        kf.record_event(user, "login.failed")
        if throttle.failures >= MAX_FAILURES and not throttle.locked:
            throttle.locked = True
            kf.record_event(user, "user.locked")


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
            for ev in moved:
                audit.append(s, ev["event"], username=ev["user"],
                             at=datetime.fromisoformat(ev["at"]), detail={"source": "keyfile"})
            s.info["user_id"] = row.id
            row.last_login_at = when
            audit.append(s, "login.ok", user_id=row.id, username=row.username)
            actor = actor_for(s, row)
        if moved or kf.throttle.get(username):
            kf.pending_events = kf.pending_events[len(moved):]
            kf.throttle.pop(username, None)
            kf.save(db.path)
    return Branch(db=db, actor=actor, master=master)


def verify_password(branch: Branch, password: str) -> bool:
    """For the idle lock: the same user types their password again."""
    kf = KeyFile.load(branch.path)
    try:
        return kf.unwrap(branch.actor.username, password) == branch.master
    except WrongPassword:
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
    """Rebuild a lost or damaged key file with the recovery key.

    The named branch admin gets the new password; every other user must be given a new
    password by the admin (their slots cannot be trusted). Returns how many users need one.
    """
    path = Path(path)
    check_password_policy(new_password)
    master = master_from_recovery_key(recovery_key)
    user = normalize_username(admin_username)
    db = Database.open(path, master)
    try:
        with db.session() as s, s.begin():
            admin = s.execute(select(User).where(User.username == user)).scalar_one_or_none()
            if admin is None or not admin.active or admin.role != Role.BRANCH_ADMIN:
                raise ValidationError("username", "请填写一个有效的网点管理员用户名")
            s.info["user_id"] = admin.id
            admin.locked = False
            others = s.execute(
                select(User).where(User.id != admin.id, User.active.is_(True))
            ).scalars().all()
            for other in others:
                other.must_change_password = True
            audit.append(s, "keyfile.recovered", user_id=admin.id, username=user,
                         detail={"users_to_reset": len(others)})
            kf = KeyFile(db_id=db.info.db_id)
            kf.set_password(user, new_password, master)
            with locked(path):
                kf.save(path)
            return len(others)
    finally:
        db.close()


def count_users(session: Session) -> int:
    return session.execute(select(func.count()).select_from(User)).scalar_one()
