"""Customer list rows (`CustomerRow`) built from customer records, masked."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.masking import mask_name
from postcrm_desktop.services.customers.access import shown_phone
from postcrm_desktop.services.customers.types import CustomerRow
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import User


def owner_names(s: Session, owner_ids: Iterable[str | None]) -> dict[str, str]:
    """Display name of each owner id (one query)."""
    ids = {i for i in owner_ids if i}
    if not ids:
        return {}
    rows = s.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()
    return {r[0]: r[1] for r in rows}


def customer_row(c: Customer, owner_name: str, *, restricted: bool = False) -> CustomerRow:
    """The list row of `c`, phones masked.

    `restricted` is for a customer the viewer may not open (another manager's customer
    named as a possible duplicate): the name is masked and the address left out too, so
    the row says only that such a customer exists and who owns it.
    """
    return CustomerRow(
        id=c.id,
        number=c.number,
        name=mask_name(c.name) if restricted else c.name,
        customer_type=c.customer_type,
        tier=c.tier,
        stage=c.stage,
        mobile=shown_phone(c.mobile, False),
        landline=shown_phone(c.landline, False),
        province=c.province,
        city=c.city,
        district=c.district,
        address="" if restricted else c.address,
        company="" if restricted and c.customer_type == "individual" else c.company,
        industry=c.industry,
        owner_id=c.owner_id,
        owner_name=owner_name,
        created_at=c.created_at,
        last_activity_at=c.last_activity_at,
        deleted_at=c.deleted_at,
    )
