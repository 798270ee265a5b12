"""Customer files: create, edit, open (masked or revealed), recycle bin, purge.

Every write is one transaction with its audit row; the change log records every row
through the ORM hook. Audit details hold ids, codes and field names, never names,
numbers or addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.masking import mask_birthday
from postcrm_desktop.core.roles import Perm, Role
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import (
    require_visible,
    shown_id_number,
    shown_phone,
)
from postcrm_desktop.services.customers.attachments import attachments_of
from postcrm_desktop.services.customers.numbering import allocate_numbers
from postcrm_desktop.services.customers.related import purge_customer_rows
from postcrm_desktop.services.customers.tags import apply_tags, customer_tags
from postcrm_desktop.services.customers.types import (
    CustomerDetail,
    CustomerInput,
    DuplicateCandidate,
    PersonRow,
    StageChangeRow,
)
from postcrm_desktop.services.customers.validation import (
    OWNER_ROLES,
    check_input,
    gender_from_code,
    validate_input,
)
from postcrm_desktop.services.tx import announce, reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.customers import Customer, CustomerPerson, StageChange
from postcrm_desktop.store.models.system import User
from postcrm_desktop.store.types import utcnow

# Customer columns a form sets (everything `validate_input` returns but tags and people).
FORM_COLUMNS = (
    "customer_type", "name", "gender", "birthday", "id_number", "mobile", "landline", "email",
    "province", "city", "district", "address", "postal_code", "industry", "company",
    "source_channel", "owner_id", "department", "tier", "stage", "needs", "notes",
)

# What `reveal_field` can show in clear.
REVEALABLE = ("mobile", "landline", "id_number", "person_phone")


@dataclass(frozen=True)
class OwnerChoice:
    """A user who can own customers (account manager or branch admin)."""

    id: str
    display_name: str
    username: str
    department: str
    role: str


class PossibleDuplicates(Conflict):
    """Raised by `create_customer(..., refuse_duplicates=True)` when other customers look
    like the same person or organisation; the form shows them and asks to confirm."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__(f"可能与已有的 {len(candidates)} 位客户重复，请核对后再保存")
        self.candidates = candidates


def _audit(s: Session, branch: Branch, action: str, customer_id: str,
           detail: dict[str, Any] | None = None) -> None:
    audit.append(s, action, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity="customer", entity_id=customer_id, detail=detail or {})


def load_customer(s: Session, customer_id: str) -> Customer:
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise NotFound("客户不存在或已被彻底删除")
    return customer


def _editable(branch: Branch, customer: Customer) -> None:
    require_visible(branch.actor, customer.owner_id)
    if customer.merged_into:
        raise Conflict(f"该客户已合并到其他客户，不能修改（客户编号 {customer.number}）")
    if customer.deleted_at is not None:
        raise Conflict("客户在回收站中，请先恢复")


def _people_rows(s: Session, customer_id: str) -> list[CustomerPerson]:
    return list(s.execute(
        select(CustomerPerson).where(CustomerPerson.customer_id == customer_id)
        .order_by(CustomerPerson.position, CustomerPerson.created_at)
    ).scalars())


def _write_people(s: Session, customer_id: str, people: list[dict[str, Any]]) -> bool:
    """Make the contact people equal `people`: a person with the id of a stored one edits
    that row, one without an id is added, stored people not listed are removed. Returns
    whether anything changed."""
    rows = {row.id: row for row in _people_rows(s, customer_id)}
    changed = False
    for person in people:
        values = {key: person[key] for key in ("name", "title", "phone", "position")}
        row = rows.pop(person["id"], None) if person.get("id") else None
        if row is None:
            s.add(CustomerPerson(customer_id=customer_id, **values))
            changed = True
            continue
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
    for row in rows.values():
        s.delete(row)
        changed = True
    s.flush()
    if changed:
        announce(s, Customer.__entity__, customer_id)
    return changed


def _default_owner(branch: Branch, values: dict[str, Any]) -> None:
    """Account managers own the customers they file unless they name another owner."""
    actor = branch.actor
    if not values.get("owner_id") and actor.user_id and actor.role == Role.ACCOUNT_MANAGER:
        values["owner_id"] = actor.user_id


def _default_department(s: Session, values: dict[str, Any]) -> None:
    if values.get("department") or not values.get("owner_id"):
        return
    owner = s.get(User, values["owner_id"])
    if owner is not None:
        values["department"] = owner.department


def create_customer(branch: Branch, data: CustomerInput, *,
                    refuse_duplicates: bool = False) -> str:
    """File a new customer; returns its id.

    The number (`GZ01-2026-000123`) is given here and never changes. With
    `refuse_duplicates`, `PossibleDuplicates` is raised (nothing saved) when the mobile,
    landline or ID number is already on file, or the name and address look alike.
    """
    branch.actor.require(Perm.CUSTOMER_EDIT)
    validate_input(data)  # the form's own problems first, before the database is touched
    with branch.session() as s, transaction(s, branch.actor):
        number = allocate_numbers(s, branch.db.info.branch_code)[0]
        values = check_input(data, session=s)
        _default_owner(branch, values)
        _default_department(s, values)
        if refuse_duplicates:
            from postcrm_desktop.services.customers.duplicates import candidates_in

            found = candidates_in(s, branch.actor, data)
            if found:
                raise PossibleDuplicates(found)
        now = utcnow()
        customer = Customer(number=number, stage_changed_at=now,
                            **{k: values[k] for k in FORM_COLUMNS})
        s.add(customer)
        s.flush()
        s.add(StageChange(customer_id=customer.id, from_stage=None, to_stage=customer.stage,
                          changed_at=now))
        apply_tags(s, customer.id, values["tag_ids"])
        _write_people(s, customer.id, values["people"])
        _audit(s, branch, "customer.created", customer.id,
               {"number": number, "customer_type": customer.customer_type,
                "stage": customer.stage, "owner_id": customer.owner_id,
                "tags": len(values["tag_ids"]), "people": len(values["people"])})
        return customer.id


def update_customer(branch: Branch, customer_id: str, data: CustomerInput) -> None:
    """Save the edit form. The number never changes; `None` (or the mask shown) in a
    phone or ID number keeps the stored number; a stage change is dated and kept in the
    stage history. Contact people are matched by `PersonInput.id`: listed ones are
    edited (a `None` phone keeps that person's own), new ones (no id) added, the rest
    removed. The audit row names the fields that changed, not their values."""
    branch.actor.require(Perm.CUSTOMER_EDIT)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        _editable(branch, customer)
        stored = {p.id: p.phone for p in _people_rows(s, customer.id)}
        values = check_input(data, for_update=True, current=customer, current_people=stored,
                             session=s)
        if data.birthday is None and values.get("birthday") is None \
                and not branch.actor.can(Perm.CUSTOMER_REVEAL) \
                and values.get("customer_type", customer.customer_type) == "individual":
            # The form had the birthday hidden (month and day only): it stays as stored.
            values["birthday"] = customer.birthday
        changed = [k for k in FORM_COLUMNS if k in values and getattr(customer, k) != values[k]]
        old_stage = customer.stage
        for key in changed:
            setattr(customer, key, values[key])
        if "stage" in changed:
            now = utcnow()
            customer.stage_changed_at = now
            s.add(StageChange(customer_id=customer.id, from_stage=old_stage,
                              to_stage=customer.stage, changed_at=now))
        added, removed = apply_tags(s, customer.id, values["tag_ids"])
        if added or removed:
            changed.append("tag_ids")
        if _write_people(s, customer.id, values["people"]):
            changed.append("people")
        if not changed:
            return
        detail: dict[str, Any] = {"fields": changed}
        if "stage" in changed:
            detail["stage"] = {"from": old_stage, "to": customer.stage}
        _audit(s, branch, "customer.updated", customer.id, detail)


def _stage_history(s: Session, customer_id: str) -> list[StageChangeRow]:
    rows = s.execute(
        select(StageChange.from_stage, StageChange.to_stage, StageChange.changed_at,
               User.display_name)
        .outerjoin(User, User.id == StageChange.created_by)
        .where(StageChange.customer_id == customer_id)
        .order_by(StageChange.changed_at, StageChange.id)
    ).all()
    return [StageChangeRow(r[0], r[1], r[2], r[3] or "") for r in rows]


def _detail(s: Session, c: Customer, reveal: bool, full_birthday: bool) -> CustomerDetail:
    owner = s.get(User, c.owner_id) if c.owner_id else None
    people = [PersonRow(p.id, p.name, p.title, shown_phone(p.phone, reveal))
              for p in _people_rows(s, c.id)]
    return CustomerDetail(
        id=c.id, number=c.number, customer_type=c.customer_type, name=c.name,
        gender=gender_from_code(c.gender), birthday=c.birthday if full_birthday else None,
        birthday_masked="" if full_birthday else mask_birthday(c.birthday),
        id_number=shown_id_number(c.id_number, reveal),
        mobile=shown_phone(c.mobile, reveal), landline=shown_phone(c.landline, reveal),
        email=c.email or "", province=c.province, city=c.city, district=c.district,
        address=c.address, postal_code=c.postal_code or "", industry=c.industry,
        company=c.company, source_channel=c.source_channel, owner_id=c.owner_id,
        owner_name=owner.display_name if owner else "", department=c.department,
        tier=c.tier, stage=c.stage, stage_changed_at=c.stage_changed_at, needs=c.needs,
        notes=c.notes, created_at=c.created_at, updated_at=c.updated_at,
        last_activity_at=c.last_activity_at, deleted_at=c.deleted_at,
        merged_into=c.merged_into, tags=customer_tags(s, c.id), people=people,
        attachments=attachments_of(s, Customer.__entity__, c.id),
        stage_history=_stage_history(s, c.id), revealed=reveal,
    )


def _revealed_fields(s: Session, c: Customer) -> list[str]:
    fields = [f for f in ("mobile", "landline", "id_number") if getattr(c, f)]
    if any(p.phone for p in _people_rows(s, c.id)):
        fields.append("person_phone")
    return fields


def get_customer(branch: Branch, customer_id: str, *, reveal: bool = False) -> CustomerDetail:
    """Everything the profile page and the edit form show. Phone and ID numbers are
    masked unless `reveal` (needs `Perm.CUSTOMER_REVEAL`; audited "customer.revealed")."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    if not reveal:
        with branch.session() as s, reading(s):
            customer = load_customer(s, customer_id)
            require_visible(branch.actor, customer.owner_id)
            return _detail(s, customer, False,
                           branch.actor.can(Perm.CUSTOMER_REVEAL))
    branch.actor.require(Perm.CUSTOMER_REVEAL)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        require_visible(branch.actor, customer.owner_id)
        fields = _revealed_fields(s, customer)
        if fields:
            _audit(s, branch, "customer.revealed", customer.id, {"fields": fields})
        return _detail(s, customer, True, True)


def reveal_field(branch: Branch, customer_id: str, field: str, *,
                 person_id: str | None = None) -> str:
    """One number in clear: "mobile", "landline", "id_number", or "person_phone" with
    `person_id`. Needs `Perm.CUSTOMER_REVEAL`; audited. An empty field gives ""."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    branch.actor.require(Perm.CUSTOMER_REVEAL)
    if field not in REVEALABLE:
        raise ValidationError("field", "只能查看手机号码、固定电话、身份证号码或联系人电话")
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        require_visible(branch.actor, customer.owner_id)
        detail: dict[str, Any] = {"fields": [field]}
        if field == "person_phone":
            person = s.get(CustomerPerson, person_id) if person_id else None
            if person is None or person.customer_id != customer.id:
                raise NotFound("联系人不存在")
            value = person.phone or ""
            detail["person_id"] = person.id
        else:
            value = getattr(customer, field) or ""
        if value:
            _audit(s, branch, "customer.revealed", customer.id, detail)
        return value


def delete_customer(branch: Branch, customer_id: str) -> None:
    """Move to the recycle bin (restorable)."""
    branch.actor.require(Perm.CUSTOMER_DELETE)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        _editable(branch, customer)
        customer.deleted_at = utcnow()
        _audit(s, branch, "customer.deleted", customer.id, {"number": customer.number})


def restore_customer(branch: Branch, customer_id: str) -> None:
    """Take a customer out of the recycle bin. A merged customer stays merged."""
    branch.actor.require(Perm.CUSTOMER_DELETE)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        require_visible(branch.actor, customer.owner_id)
        if customer.deleted_at is None:
            raise Conflict("该客户不在回收站中")
        if customer.merged_into:
            raise Conflict("该客户已合并到其他客户，不能恢复")
        customer.deleted_at = None
        _audit(s, branch, "customer.restored", customer.id, {"number": customer.number})


def purge_customer(branch: Branch, customer_id: str) -> dict[str, int]:
    """Remove a recycle-bin customer for good, with every record depending on it and its
    attachments (admin only). Returns rows removed per table."""
    branch.actor.require(Perm.CUSTOMER_PURGE)
    with branch.session() as s, transaction(s, branch.actor):
        customer = load_customer(s, customer_id)
        if customer.deleted_at is None:
            raise Conflict("只能彻底删除回收站中的客户，请先删除到回收站")
        number = customer.number
        removed = purge_customer_rows(s, customer)
        _audit(s, branch, "customer.purged", customer_id, {"number": number, "removed": removed})
        return removed


def list_owners(branch: Branch) -> list[OwnerChoice]:
    """Active account managers and branch admins, for the owner combo box."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        rows = s.execute(
            select(User).where(User.active.is_(True),
                               User.role.in_([str(r) for r in OWNER_ROLES]))
            .order_by(User.display_name, User.username)
        ).scalars()
        return [OwnerChoice(u.id, u.display_name, u.username, u.department, u.role)
                for u in rows]


def age_on(birthday: date | None, today: date | None = None) -> int | None:
    """Whole years from `birthday` to `today` (for the profile's key facts)."""
    if birthday is None:
        return None
    today = today or date.today()
    return today.year - birthday.year - ((today.month, today.day) < (birthday.month,
                                                                      birthday.day))


__all__ = [
    "FORM_COLUMNS",
    "REVEALABLE",
    "OwnerChoice",
    "PossibleDuplicates",
    "age_on",
    "create_customer",
    "delete_customer",
    "get_customer",
    "list_owners",
    "load_customer",
    "purge_customer",
    "restore_customer",
    "reveal_field",
    "update_customer",
    "validate_input",
]
