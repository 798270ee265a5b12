"""Who may see which customer, and what of a customer's numbers they see.

Account managers see the customers they own; a role granted `Perm.CUSTOMER_VIEW_ALL`
sees the whole branch. Every customer query (lists, search, duplicates) filters with
`visible_clause(actor)` so the rule lives in one place.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.masking import mask_phone, mask_resident_id
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.store.models.customers import Customer


def sees_whole_branch(actor: Actor) -> bool:
    return actor.can(Perm.CUSTOMER_VIEW) and actor.can(Perm.CUSTOMER_VIEW_ALL)


def visible_clause(actor: Actor) -> ColumnElement[bool]:
    """WHERE condition on `Customer` selecting the customers `actor` may see.

    Deleted (recycle bin) customers are not filtered here: callers add that themselves.
    """
    if not actor.can(Perm.CUSTOMER_VIEW):
        return false()
    if actor.can(Perm.CUSTOMER_VIEW_ALL):
        return true()
    if actor.user_id is None:
        return false()
    return Customer.owner_id == actor.user_id


def can_see(actor: Actor, owner_id: str | None) -> bool:
    """Whether `actor` may see a customer owned by `owner_id`."""
    if not actor.can(Perm.CUSTOMER_VIEW):
        return False
    return actor.can(Perm.CUSTOMER_VIEW_ALL) or (
        actor.user_id is not None and owner_id == actor.user_id
    )


def require_visible(actor: Actor, owner_id: str | None) -> None:
    """Raise `PermissionDenied` unless `actor` may see a customer owned by `owner_id`."""
    actor.require(Perm.CUSTOMER_VIEW)
    if not can_see(actor, owner_id):
        raise PermissionDenied(str(Perm.CUSTOMER_VIEW_ALL), "该客户不由您负责，无权查看或修改")


def shown_phone(value: str | None, reveal: bool) -> str:
    """A phone number as a screen shows it: in clear only when revealed."""
    if not value:
        return ""
    return value if reveal else mask_phone(value)


def shown_id_number(value: str | None, reveal: bool) -> str:
    if not value:
        return ""
    return value if reveal else mask_resident_id(value)


__all__ = [
    "can_see",
    "require_visible",
    "sees_whole_branch",
    "shown_id_number",
    "shown_phone",
    "visible_clause",
]
