"""Possible duplicates, and merging two customers field by field.

A customer may be filed twice: the same mobile, landline or resident ID number, or the
same name in the same district at a very similar address. Every lookup goes through an
index (mobile, landline, id_number, (name, district)), so the check costs the same with
a million customers as with a hundred.

Merging keeps one customer, takes from the other the fields the person chose, moves every
record that references the other one (found from the schema, see `related`), and leaves
the other one in the recycle bin marked `merged_into` the kept one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from postcrm_desktop.core.customer_enums import CustomerType
from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError, ValidationErrors
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.validators import (
    field_label,
    resident_id_birthdate,
    resident_id_gender,
    validate_landline,
    validate_mobile,
    validate_name,
    validate_resident_id,
)
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.contacts.care import ONE_PER_CUSTOMER
from postcrm_desktop.services.customers.access import (
    can_see,
    require_visible,
    shown_id_number,
    shown_phone,
    visible_clause,
)
from postcrm_desktop.services.customers.records import FORM_COLUMNS, load_customer
from postcrm_desktop.services.customers.related import move_references
from postcrm_desktop.services.customers.rows import customer_row, owner_names
from postcrm_desktop.services.customers.types import (
    CustomerInput,
    DuplicateCandidate,
    DuplicatePair,
    MergeField,
    MergeResult,
)
from postcrm_desktop.services.customers.validation import GENDER_CODES, gender_from_code
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.contacts import CareDate
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.types import utcnow

SAME_MOBILE = "same_mobile"
SAME_LANDLINE = "same_landline"
SAME_ID_NUMBER = "same_id_number"
SIMILAR_NAME_ADDRESS = "similar_name_address"

REASON_LABELS: dict[str, str] = {
    SAME_MOBILE: "手机号码相同",
    SAME_LANDLINE: "固定电话相同",
    SAME_ID_NUMBER: "身份证号码相同",
    SIMILAR_NAME_ADDRESS: "名称相同且地址相近",
}

ADDRESS_SIMILARITY = 0.8
MAX_CANDIDATES = 20
NAME_GROUP_CAP = 200  # same name in one district: compare at most this many
NUMBER_GROUP_CAP = 12  # customers sharing one number: pair at most this many

MERGE_KEEP = "keep"
MERGE_TAKE = "merge"
MERGEABLE = FORM_COLUMNS
# Labels of mergeable fields where the form's own label would mislead in the dialog.
MERGE_LABELS = {"owner_id": "负责人", "company": "单位"}

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")


def _quiet(check: Any, value: Any) -> str | None:
    """A normalised number or name, or None when `value` is empty or malformed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return str(check(value))
    except ValidationError:
        return None


def address_key(address: str | None) -> str:
    """An address compared loosely: width folded, spaces and punctuation dropped."""
    text = unicodedata.normalize("NFKC", address or "").lower()
    return "".join(ch for ch in _SPACES.sub("", text) if ch.isalnum())


def addresses_similar(a: str | None, b: str | None) -> bool:
    """True when both addresses are filled in and nearly the same (difflib ratio >= 0.8)
    and their numbers agree as far as both go: 天河路1号 and 天河路12号 are different
    buildings however alike the text, while 100号A座 and 100号A座1201 may be one."""
    ka, kb = address_key(a), address_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    na, nb = _DIGITS.findall(ka), _DIGITS.findall(kb)
    if na[:len(nb)] != nb[:len(na)]:
        return False
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    return matcher.real_quick_ratio() >= ADDRESS_SIMILARITY \
        and matcher.quick_ratio() >= ADDRESS_SIMILARITY \
        and matcher.ratio() >= ADDRESS_SIMILARITY


@dataclass(frozen=True)
class _Keys:
    mobile: str | None
    landline: str | None
    id_number: str | None
    name: str | None
    district: str
    address: str


def _keys(data: CustomerInput) -> _Keys:
    return _Keys(
        mobile=_quiet(validate_mobile, data.mobile),
        landline=_quiet(validate_landline, data.landline),
        id_number=_quiet(validate_resident_id, data.id_number),
        name=_quiet(lambda v: validate_name(v, "name", 100), data.name),
        district=" ".join((data.district or "").split()),
        address=data.address or "",
    )


def candidates_in(s: Session, actor: Actor, data: CustomerInput,
                  exclude_id: str | None = None) -> list[DuplicateCandidate]:
    """`find_candidates` inside the caller's session."""
    keys = _keys(data)
    found: dict[str, tuple[Customer, list[str]]] = {}

    def note(rows: Sequence[Customer], reason: str) -> None:
        for c in rows:
            if c.id == exclude_id:
                continue
            entry = found.setdefault(c.id, (c, []))
            if reason not in entry[1]:
                entry[1].append(reason)

    live = Customer.deleted_at.is_(None)
    for column, value, reason in ((Customer.id_number, keys.id_number, SAME_ID_NUMBER),
                                  (Customer.mobile, keys.mobile, SAME_MOBILE),
                                  (Customer.landline, keys.landline, SAME_LANDLINE)):
        if value:
            note(s.execute(select(Customer).where(column == value, live)
                           .limit(MAX_CANDIDATES)).scalars().all(), reason)
    if keys.name and keys.district and address_key(keys.address):
        same_name = s.execute(
            select(Customer).where(Customer.name == keys.name,
                                   Customer.district == keys.district, live)
            .limit(NAME_GROUP_CAP)
        ).scalars().all()
        note([c for c in same_name if addresses_similar(c.address, keys.address)],
             SIMILAR_NAME_ADDRESS)

    ranked = sorted(found.values(), key=lambda e: (-len(e[1]), e[0].created_at, e[0].id))
    ranked = ranked[:MAX_CANDIDATES]
    names = owner_names(s, (c.owner_id for c, _ in ranked))
    return [
        DuplicateCandidate(
            customer_row(c, names.get(c.owner_id or "", ""),
                         restricted=not can_see(actor, c.owner_id)),
            reasons,
        )
        for c, reasons in ranked
    ]


def find_candidates(branch: Branch, data: CustomerInput,
                    exclude_id: str | None = None) -> list[DuplicateCandidate]:
    """Customers that may be the one `data` describes, with the reasons, most reasons first.

    Deleted customers and `exclude_id` (the customer being edited) are left out. A
    candidate the user may not open (another manager's) comes with its name masked and
    no address: the form can say it exists and who owns it.
    """
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        return candidates_in(s, branch.actor, data, exclude_id)


# --- the duplicates page ----------------------------------------------------------------

# Passes in page order: the reason, and the key columns shared within a group.
_PASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SAME_ID_NUMBER, ("id_number",)),
    (SAME_MOBILE, ("mobile",)),
    (SIMILAR_NAME_ADDRESS, ("name", "district")),
)


def _group_keys(s: Session, columns: tuple[str, ...], after: tuple[str, ...] | None,
                limit: int) -> list[tuple[str, ...]]:
    """Key values shared by 2+ customers, in key order after `after` (index-only scan)."""
    cols = [getattr(Customer, c) for c in columns]
    query = select(*cols).where(*(c.is_not(None) for c in cols), cols[0] != "")
    if after is not None:
        query = query.where(tuple_(*cols) > tuple_(*after)) if len(cols) > 1 \
            else query.where(cols[0] > after[0])
    query = query.group_by(*cols).having(func.count() > 1).order_by(*cols).limit(limit)
    return [tuple(r) for r in s.execute(query).all()]


def _members(s: Session, actor: Actor, columns: tuple[str, ...], key: tuple[str, ...],
             cap: int) -> list[Customer]:
    same = (getattr(Customer, c) == v for c, v in zip(columns, key, strict=True))
    query = select(Customer).where(Customer.deleted_at.is_(None), visible_clause(actor), *same)
    rows = s.execute(query.limit(cap)).scalars().all()
    return sorted(rows, key=lambda c: (c.created_at, c.id))


def _shared(a: Customer, b: Customer, reason: str) -> bool:
    if reason == SAME_ID_NUMBER:
        return bool(a.id_number) and a.id_number == b.id_number
    if reason == SAME_MOBILE:
        return bool(a.mobile) and a.mobile == b.mobile
    return a.name == b.name and a.district == b.district and addresses_similar(a.address,
                                                                               b.address)


def _pairs_of(members: list[Customer], reason: str) -> Iterator[tuple[Customer, Customer,
                                                                      list[str]]]:
    earlier = [r for r, _ in _PASSES[: [p[0] for p in _PASSES].index(reason)]]
    for a, b in combinations(members, 2):
        if reason == SIMILAR_NAME_ADDRESS and not _shared(a, b, reason):
            continue
        if any(_shared(a, b, r) for r in earlier):
            continue  # listed already under an earlier pass
        later = [r for r, _ in _PASSES if r != reason and r not in earlier and _shared(a, b, r)]
        yield a, b, [reason, *later]


def _cursor(s: Session, after: DuplicatePair | None) -> tuple[int, tuple[str, ...] | None]:
    """(pass index, last group key) to continue after the pair `after`."""
    if after is None or not after.reasons:
        return 0, None
    names = [p[0] for p in _PASSES]
    if after.reasons[0] not in names:
        return 0, None
    index = names.index(after.reasons[0])
    columns = _PASSES[index][1]
    for side in (after.a, after.b):
        c = s.get(Customer, side.id)
        if c is not None:
            return index, tuple(getattr(c, col) for col in columns)
    return index, None


def list_duplicate_pairs(branch: Branch, limit: int = 200,
                         after: DuplicatePair | None = None) -> list[DuplicatePair]:
    """One page of the duplicates page: pairs of live customers sharing an ID number,
    then a mobile, then a name in one district with similar addresses.

    Pass the last pair of a page as `after` for the next page; a page shorter than
    `limit` is the last. A page ends at a group boundary, so it may hold a few more
    than `limit` pairs. Needs `Perm.CUSTOMER_MERGE`; only customers the user may see
    are paired. Rows are masked.
    """
    branch.actor.require(Perm.CUSTOMER_MERGE)
    limit = max(1, limit)
    out: list[tuple[Customer, Customer, list[str]]] = []
    with branch.session() as s, reading(s):
        index, key = _cursor(s, after)
        while index < len(_PASSES) and len(out) < limit:
            reason, columns = _PASSES[index]
            cap = NAME_GROUP_CAP if reason == SIMILAR_NAME_ADDRESS else NUMBER_GROUP_CAP
            keys = _group_keys(s, columns, key, limit)
            for group in keys:
                members = _members(s, branch.actor, columns, group, cap)
                out.extend(_pairs_of(members, reason))
                key = group
                if len(out) >= limit:
                    break
            if len(out) >= limit:
                break
            if len(keys) < limit:
                index, key = index + 1, None
        names = owner_names(s, (c.owner_id for a, b, _ in out for c in (a, b)))
        return [DuplicatePair(customer_row(a, names.get(a.owner_id or "", "")),
                              customer_row(b, names.get(b.owner_id or "", "")), reasons)
                for a, b, reasons in out]


# --- merge ------------------------------------------------------------------------------


def _check_choices(choices: dict[str, str]) -> dict[str, str]:
    errors = []
    for field, side in choices.items():
        if field not in MERGEABLE:
            errors.append(ValidationError(field, "该字段不能在合并时选择"))
        elif side not in (MERGE_KEEP, MERGE_TAKE):
            errors.append(ValidationError(field, "请选择保留哪一方的值"))
    if errors:
        raise ValidationErrors(errors)
    return {f: choices.get(f, MERGE_KEEP) for f in MERGEABLE}


def _consistent(c: Customer) -> None:
    """The merged record must still agree with itself: an organisation has a company and
    no resident ID; gender and birthday match the ID number."""
    errors = []
    if c.customer_type != CustomerType.INDIVIDUAL:
        if not c.company:
            errors.append(ValidationError("company", "企业或机构客户请填写单位名称"))
        if c.id_number:
            errors.append(ValidationError("id_number", "企业或机构客户不填写身份证号码"))
    elif c.id_number:
        try:
            id_gender = GENDER_CODES[resident_id_gender(c.id_number)]
            id_birthday = resident_id_birthdate(c.id_number)
        except ValueError:
            id_gender, id_birthday = None, None
        if id_gender and c.gender not in (None, "U", id_gender):
            errors.append(ValidationError("gender", "性别与身份证号码不符，请选择同一方的值"))
        if id_birthday and c.birthday is not None and c.birthday != id_birthday:
            errors.append(ValidationError("birthday", "生日与身份证号码不符，请选择同一方的值"))
    if errors:
        raise ValidationErrors(errors)


def _merge_pair(s: Session, actor: Actor, keep_id: str, merge_id: str
                ) -> tuple[Customer, Customer]:
    """The two customers of a merge, refused as `merge_customers` refuses them."""
    if keep_id == merge_id:
        raise Conflict("不能把客户与自己合并")
    keep = load_customer(s, keep_id)
    other = load_customer(s, merge_id)
    for c in (keep, other):
        require_visible(actor, c.owner_id)
        if c.merged_into:
            raise Conflict(f"客户 {c.number} 已合并到其他客户，不能再合并")
        if c.deleted_at is not None:
            raise Conflict(f"客户 {c.number} 在回收站中，请先恢复再合并")
    return keep, other


def _shown(c: Customer, field: str, owners: dict[str, str]) -> str:
    value = getattr(c, field)
    if field == "id_number":
        return shown_id_number(value, False)
    if field in ("mobile", "landline"):
        return shown_phone(value, False)
    if field == "gender":
        return gender_from_code(value) or ""
    if field == "birthday":
        return value.isoformat() if value is not None else ""
    if field == "owner_id":
        return owners.get(value or "", "") if value else ""
    return "" if value is None else str(value)


def _differs(a: Any, b: Any) -> bool:
    """Stored values compared; None and "" are both "not filled in"."""
    return (a if a is not None else "") != (b if b is not None else "")


def merge_preview(branch: Branch, keep_id: str, merge_id: str) -> list[MergeField]:
    """Every mergeable field of the two customers, in form order, with the values as
    shown (masked) and whether the stored values differ. Needs `Perm.CUSTOMER_MERGE`;
    refused (`Conflict`, `NotFound`, `PermissionDenied`) whenever `merge_customers`
    would refuse the pair."""
    branch.actor.require(Perm.CUSTOMER_MERGE)
    with branch.session() as s, reading(s):
        keep, other = _merge_pair(s, branch.actor, keep_id, merge_id)
        owners = owner_names(s, (keep.owner_id, other.owner_id))
        return [MergeField(field, MERGE_LABELS.get(field) or field_label(field),
                           _shown(keep, field, owners), _shown(other, field, owners),
                           _differs(getattr(keep, field), getattr(other, field)))
                for field in MERGEABLE]


def _drop_second_care_dates(s: Session, keep_id: str, merge_id: str) -> int:
    """Remove the merged customer's care dates of a kind a customer has only once (a
    birthday) that the kept customer already has, so the move leaves one of each.
    Returns how many were removed."""
    kinds = sorted(ONE_PER_CUSTOMER)
    have = set(s.execute(select(CareDate.kind).where(CareDate.customer_id == keep_id,
                                                     CareDate.kind.in_(kinds))).scalars())
    rows = s.execute(
        select(CareDate).where(CareDate.customer_id == merge_id, CareDate.kind.in_(kinds))
        .order_by(CareDate.created_at, CareDate.id)
    ).scalars().all()
    dropped = 0
    for row in rows:
        if row.kind in have:
            s.delete(row)
            dropped += 1
        else:
            have.add(row.kind)  # this one moves; any further one would be a second
    s.flush()
    return dropped


def merge_customers(branch: Branch, keep_id: str, merge_id: str,
                    choices: dict[str, str] | None = None) -> MergeResult:
    """Merge customer `merge_id` into `keep_id`.

    `choices` maps a field (a `CustomerInput` field name such as "mobile") to "keep"
    (the kept customer's value, the default) or "merge" (the other one's). Every record
    referencing the merged customer moves to the kept one (tags without doubles; a
    birthday care date only when the kept customer has none); the merged customer goes
    to the recycle bin with `merged_into` set. One transaction,
    audited ("customer.merged"); needs `Perm.CUSTOMER_MERGE`.
    """
    branch.actor.require(Perm.CUSTOMER_MERGE)
    if keep_id == merge_id:
        raise Conflict("不能把客户与自己合并")
    picked = _check_choices(dict(choices or {}))
    with branch.session() as s, transaction(s, branch.actor):
        keep, other = _merge_pair(s, branch.actor, keep_id, merge_id)
        taken = [f for f, side in picked.items()
                 if side == MERGE_TAKE and getattr(keep, f) != getattr(other, f)]
        old_stage = keep.stage
        for field in taken:
            setattr(keep, field, getattr(other, field))
        if keep.stage != old_stage:
            keep.stage_changed_at = other.stage_changed_at or utcnow()
        if other.last_activity_at and (keep.last_activity_at is None
                                       or other.last_activity_at > keep.last_activity_at):
            keep.last_activity_at = other.last_activity_at
        _consistent(keep)
        s.flush()
        care_dropped = _drop_second_care_dates(s, keep.id, other.id)
        dropped = {CareDate.__tablename__: care_dropped} if care_dropped else {}
        moved = move_references(s, other.id, keep.id)
        other.merged_into = keep.id
        other.deleted_at = utcnow()
        s.flush()
        detail: dict[str, Any] = {"kept_number": keep.number, "merged_id": other.id,
                                  "merged_number": other.number,
                                  "fields_from_merged": taken, "moved": moved}
        if dropped:
            detail["dropped"] = dropped
        audit.append(s, "customer.merged", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="customer", entity_id=keep.id,
                     detail=detail)
        return MergeResult(keep.id, other.id, moved, dropped)


def duplicate_count_for(branch: Branch, customer_id: str) -> int:
    """How many live customers look like this one (for a badge on the profile page)."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound("客户不存在")
        require_visible(branch.actor, c.owner_id)
        data = CustomerInput(customer_type=c.customer_type, name=c.name,
                             id_number=c.id_number, mobile=c.mobile, landline=c.landline,
                             district=c.district, address=c.address)
        return len(candidates_in(s, branch.actor, data, exclude_id=c.id))


__all__ = [
    "MERGEABLE",
    "MERGE_KEEP",
    "MERGE_LABELS",
    "MERGE_TAKE",
    "REASON_LABELS",
    "addresses_similar",
    "candidates_in",
    "duplicate_count_for",
    "find_candidates",
    "list_duplicate_pairs",
    "merge_customers",
    "merge_preview",
]
