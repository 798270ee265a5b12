"""What the contact, task and care services share: customer checks, users, audit, errors."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, false, func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError, ValidationErrors
from postcrm_desktop.core.local_time import ZoneLike, due_instant
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import require_visible
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import User

T = TypeVar("T")
S = TypeVar("S", bound=Select[Any])

# Moments entered as "now" may come from a PC clock a little ahead of this one.
CLOCK_SLACK = timedelta(minutes=5)


class Collector:
    """Runs checks and keeps every `ValidationError`, so a form shows all problems."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(ValidationError(field, message))

    def run(self, check: Callable[[], T]) -> T | None:
        try:
            return check()
        except ValidationErrors as exc:
            self.errors.extend(exc.errors)
        except ValidationError as exc:
            self.errors.append(exc)
        return None

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


def active_customer_clause() -> ColumnElement[bool]:
    """Customers neither in the recycle bin nor merged into another.

    Written with coalesce() so no index on `customers` can serve it (likewise the owner
    test in `scoped`): without ANALYZE statistics SQLite takes "deleted_at IS NULL" and
    "owner_id = ?" for selective index lookups and would walk all of an owner's
    customers, instead of the contact, task or care index of the query, looking each
    customer up by id.
    """
    return and_(func.coalesce(Customer.deleted_at, None).is_(None),
                func.coalesce(Customer.merged_into, None).is_(None))


def not_deleted_clause() -> ColumnElement[bool]:
    """Customers not in the recycle bin (merged ones included), in the same form."""
    return func.coalesce(Customer.deleted_at, None).is_(None)


def scoped(query: S, actor: Actor) -> S:
    """Narrow a query already joined to `Customer` to the customers `actor` may see
    (the rule of `customers.access.visible_clause`, in a form no index serves)."""
    if actor.can(Perm.CUSTOMER_VIEW) and actor.can(Perm.CUSTOMER_VIEW_ALL):
        return query
    if not actor.can(Perm.CUSTOMER_VIEW) or actor.user_id is None:
        return query.where(false())
    return query.where(func.coalesce(Customer.owner_id, "") == actor.user_id)


def load_customer(s: Session, actor: Actor, customer_id: str, *,
                  write: bool = False) -> Customer:
    """The customer if `actor` may see it; for a write also not deleted nor merged."""
    customer = s.get(Customer, customer_id) if customer_id else None
    if customer is None:
        raise NotFound("客户不存在或已被彻底删除")
    require_visible(actor, customer.owner_id)
    if write:
        if customer.merged_into:
            raise Conflict(f"该客户（编号 {customer.number}）已合并到其他客户，"
                           "请在合并后的客户档案中操作")
        if customer.deleted_at is not None:
            raise Conflict("客户在回收站中，请先恢复")
    return customer


def check_user(s: Session, user_id: str, field: str, label: str) -> str:
    user = s.get(User, user_id)
    if user is None:
        raise ValidationError(field, f"{label}不存在")
    if not user.active:
        raise ValidationError(field, f"{label}（{user.display_name}）已停用")
    return user.id


def user_names(s: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = s.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all()
    return {r[0]: r[1] for r in rows}


def moment(value: Any, field: str, label: str) -> datetime:
    """An aware instant from a form value, or `ValidationError`."""
    if not isinstance(value, datetime):
        raise ValidationError(field, f"{label}格式不正确")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, f"{label}缺少时区，无法确定时刻")
    return value


def due(value: Any, field: str, label: str, tz: ZoneLike) -> datetime:
    """A due instant from a datetime (aware) or a local date."""
    if isinstance(value, datetime):
        return due_instant(moment(value, field, label), tz)
    try:
        return due_instant(value, tz)
    except (TypeError, AttributeError):
        raise ValidationError(field, f"{label}格式不正确") from None


def write_audit(s: Session, branch: Branch, action: str, entity: str, entity_id: str,
                detail: dict[str, Any] | None = None) -> None:
    """Audit row in the caller's transaction; `detail` holds ids and codes only."""
    audit.append(s, action, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity=entity, entity_id=entity_id, detail=detail or {})


def optional_module(name: str) -> Any | None:
    """`name` imported, or None when that area is not part of this build."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return None
        raise


def chunks(items: list[T], size: int = 500) -> Iterable[list[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


__all__ = [
    "CLOCK_SLACK",
    "Collector",
    "active_customer_clause",
    "check_user",
    "chunks",
    "due",
    "load_customer",
    "moment",
    "not_deleted_clause",
    "optional_module",
    "scoped",
    "user_names",
    "write_audit",
]
