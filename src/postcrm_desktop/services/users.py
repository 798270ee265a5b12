"""Branch admin: users, roles, unlocking and password resets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.roles import Perm, Role
from postcrm_desktop.services.auth import check_password_policy, check_username
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.keyslots import KeyFile, editing
from postcrm_desktop.store.models.system import User
from postcrm_desktop.store.types import utcnow


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    role: Role
    department: str
    active: bool
    locked: bool
    must_change_password: bool
    has_password: bool
    last_login_at: datetime | None


def list_users(branch: Branch, now: datetime | None = None) -> list[UserRow]:
    """Every user; `locked` counts a lock after wrong passwords only until it expires."""
    branch.actor.require(Perm.USER_MANAGE)
    when = now or utcnow()
    kf = KeyFile.load(branch.path)
    with branch.session() as s, reading(s):
        rows = s.execute(select(User).order_by(User.username)).scalars().all()
        return [
            UserRow(u.id, u.username, u.display_name, Role(u.role), u.department, u.active,
                    u.locked or kf.throttle_for(u.username).locked_now(when, kf.lock_minutes),
                    u.must_change_password,
                    u.username in kf.slots, u.last_login_at)
            for u in rows
        ]


def _get(s: Session, username: str) -> User:
    row = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if row is None:
        raise NotFound(f"没有用户 {username}")
    return row


def add_user(branch: Branch, username: str, display_name: str, role: Role, password: str,
             department: str = "", *, enforce_policy: bool = True) -> str:
    """New user with an initial password they must change at first login."""
    branch.actor.require(Perm.USER_MANAGE)
    name = check_username(username)
    if not display_name.strip():
        raise ValidationError("display_name", "请填写姓名")
    if enforce_policy:
        check_password_policy(password)
    kf = KeyFile.load(branch.path)
    with branch.session() as s, transaction(s, branch.actor):
        if s.execute(select(User.id).where(User.username == name)).first():
            raise ValidationError("username", f"用户名 {name} 已存在")
        user = User(username=name, display_name=display_name.strip(), role=str(Role(role)),
                    department=department.strip(), must_change_password=enforce_policy)
        s.add(user)
        s.flush()
        audit.append(s, "user.added", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="user", entity_id=user.id,
                     detail={"role": str(role)})
        # Key file last inside the transaction: if it cannot be written, no user row stays.
        slot = kf.build_slot(name, password, branch.master)
        with editing(branch.path, branch.master) as fresh:
            fresh.put_slot(slot, branch.master)
        return user.id


def set_role(branch: Branch, username: str, role: Role) -> None:
    branch.actor.require(Perm.USER_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        user = _get(s, username)
        if user.id == branch.actor.user_id and role != Role.BRANCH_ADMIN:
            raise Conflict("不能取消自己的管理员角色")
        old = user.role
        user.role = str(Role(role))
        audit.append(s, "user.role_changed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="user", entity_id=user.id,
                     detail={"from": old, "to": str(role)})


def set_active(branch: Branch, username: str, active: bool,
               new_password: str | None = None) -> None:
    """Disable removes the user's key slot; enabling again needs a new password."""
    branch.actor.require(Perm.USER_MANAGE)
    kf = KeyFile.load(branch.path)
    with branch.session() as s, transaction(s, branch.actor):
        user = _get(s, username)
        if user.id == branch.actor.user_id and not active:
            raise Conflict("不能停用自己的账户")
        if active and new_password is None:
            raise ValidationError("password", "重新启用账户需要设置新的初始密码")
        user.active = active
        audit.append(s, "user.enabled" if active else "user.disabled",
                     user_id=branch.actor.user_id, username=branch.actor.username,
                     entity="user", entity_id=user.id)
        slot = None
        if active:
            assert new_password is not None
            check_password_policy(new_password)
            user.must_change_password = True
            slot = kf.build_slot(user.username, new_password, branch.master)
        with editing(branch.path, branch.master) as fresh:
            if slot is not None:
                fresh.put_slot(slot, branch.master)
            else:
                fresh.remove_slot(user.username, branch.master)


def reset_password(branch: Branch, username: str, temp_password: str) -> None:
    """Admin sets a temporary password; the user must change it at next login."""
    branch.actor.require(Perm.USER_MANAGE)
    check_password_policy(temp_password)
    kf = KeyFile.load(branch.path)
    with branch.session() as s, transaction(s, branch.actor):
        user = _get(s, username)
        if not user.active:
            raise Conflict("账户已停用，请先启用")
        user.must_change_password = True
        user.locked = False
        audit.append(s, "password.reset", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="user", entity_id=user.id)
        slot = kf.build_slot(user.username, temp_password, branch.master)
        with editing(branch.path, branch.master) as fresh:
            fresh.put_slot(slot, branch.master)
            fresh.throttle.pop(user.username, None)


def unlock(branch: Branch, username: str) -> None:
    branch.actor.require(Perm.USER_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        user = _get(s, username)
        user.locked = False
        audit.append(s, "user.unlocked", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="user", entity_id=user.id)
        with editing(branch.path) as fresh:
            fresh.throttle.pop(user.username, None)
