"""Checking a customer form (`CustomerInput`) as a whole: every problem at once.

`validate_input` returns the values to store, normalised (phones as digits, IDs with an
upper-case X, choices as their codes), or raises `ValidationErrors` whose `field`s are
`CustomerInput` attribute names (`people[1].phone` for the second contact person, counted
from 0) and whose messages are Chinese and never repeat the value typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.customer_enums import (
    CustomerType,
    Gender,
    SourceChannel,
    Stage,
    Tier,
    parse_enum,
)
from postcrm_desktop.core.errors import ValidationError, ValidationErrors
from postcrm_desktop.core.masking import mask_phone, mask_resident_id
from postcrm_desktop.core.roles import Role
from postcrm_desktop.core.validators import (
    EARLIEST_BIRTHDATE,
    field_label,
    resident_id_birthdate,
    resident_id_gender,
    validate_email,
    validate_landline,
    validate_mobile,
    validate_name,
    validate_phone,
    validate_postal_code,
    validate_resident_id,
)
from postcrm_desktop.services.customers.types import CustomerInput, PersonInput
from postcrm_desktop.store.models.customers import Customer, Tag
from postcrm_desktop.store.models.system import User

# The `customers.gender` column holds one letter.
GENDER_CODES: dict[Gender, str] = {Gender.MALE: "M", Gender.FEMALE: "F", Gender.UNKNOWN: "U"}
_CODE_GENDERS = {code: g for g, code in GENDER_CODES.items()}

# Roles that can own customers (the owner combo box lists them).
OWNER_ROLES = (Role.ACCOUNT_MANAGER, Role.BRANCH_ADMIN)

MAX_PEOPLE = 20
ORG_NAME_MAX = 100
PERSON_NAME_MAX = 50

# Free-text fields: (max length, may span lines).
TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    "province": (32, False),
    "city": (32, False),
    "district": (32, False),
    "address": (200, False),
    "industry": (64, False),
    "company": (100, False),
    "department": (64, False),
    "needs": (2000, True),
    "notes": (4000, True),
}

# Fields holding numbers that screens mask; `None` in them keeps the stored value.
MASKED_FIELDS = ("id_number", "mobile", "landline")

_LINE_BREAKS = "\n\r\t"

T = TypeVar("T")


def gender_from_code(code: str | None) -> str | None:
    """The `Gender` value (`"male"`) of a stored gender, or None."""
    if not code:
        return None
    found = _CODE_GENDERS.get(code)
    if found is not None:
        return str(found)
    try:  # rows written by other tools may hold the full code
        return str(parse_enum(Gender, code))
    except ValidationError:
        return None


def gender_code(value: Gender) -> str:
    return GENDER_CODES[value]


class _Collector:
    """Runs checks, keeping every `ValidationError` instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(ValidationError(field, message))

    def run(self, check: Callable[[], T], *, field: str | None = None,
            prefix: str = "") -> T | None:
        try:
            return check()
        except ValidationError as exc:
            self.errors.append(ValidationError(field or exc.field, prefix + exc.message))
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: Any, field: str, max_len: int, multiline: bool = False,
               label: str | None = None) -> str:
    """Trimmed free text: no control characters, within `max_len` characters.

    One-line fields get their runs of whitespace collapsed to one space.
    """
    label = label or field_label(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label}格式不正确")
    text = unicodedata.normalize("NFC", value).strip()
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and not (
                multiline and ch in _LINE_BREAKS) and ch not in " \t":
            raise ValidationError(field, f"{label}不能包含控制字符")
    if not multiline:
        text = " ".join(text.split())
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > max_len:
        raise ValidationError(field, f"{label}不能超过{max_len}个字")
    return text


def _check_birthday(value: Any, today: date) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError("birthday", "生日格式不正确，如1990-01-31") from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValidationError("birthday", "生日格式不正确，如1990-01-31")
    if value < EARLIEST_BIRTHDATE:
        raise ValidationError("birthday", "生日不能早于1900年")
    if value > today:
        raise ValidationError("birthday", "生日不能晚于今天")
    return value


def _kept(raw: Any, current: str | None, mask: Callable[[Any], str]) -> bool:
    """Whether a masked field's input means "keep the stored value".

    `None` does, and so does the stored value's own mask typed back unchanged (a form
    that only ever showed `138****8000` cannot overwrite the number with it).
    """
    if raw is None:
        return True
    return bool(current) and isinstance(raw, str) and raw.strip() == mask(current)


def _check_people(people: list[PersonInput], stored: dict[str, str | None] | None,
                  errors: _Collector) -> list[dict[str, Any]]:
    """The people to store. `stored` (on update) maps each stored person's id to its
    phone: a person sent with its id keeps that phone when the phone comes back as None
    or as its mask. Without `stored` (a new customer) ids are ignored."""
    out: list[dict[str, Any]] = []
    if len(people) > MAX_PEOPLE:
        errors.add("people", f"联系人最多{MAX_PEOPLE}位")
        return out
    known = stored or {}
    seen: set[str] = set()
    for i, person in enumerate(people):
        prefix = f"第{i + 1}位联系人："
        key = f"people[{i}]"
        name = errors.run(lambda p=person: validate_name(p.name, "contact_name", PERSON_NAME_MAX),
                          field=f"{key}.name", prefix=prefix)
        title = errors.run(lambda p=person: clean_text(p.title, "title", 50),
                           field=f"{key}.title", prefix=prefix)
        person_id = (person.id or None) if stored is not None else None
        if person_id is not None and (person_id not in known or person_id in seen):
            # Removed meanwhile (another user's edit) or listed twice: its stored phone
            # cannot be matched, so nothing is guessed.
            errors.add(key, prefix + "该联系人已不存在或重复，请重新打开客户资料后再修改")
            person_id = None
        current: str | None = None
        if person_id is not None:
            seen.add(person_id)
            current = known[person_id]
        phone: str | None
        if person_id is not None and _kept(person.phone, current, mask_phone):
            phone = current
        elif _blank(person.phone):
            phone = None
        else:
            phone = errors.run(lambda p=person: validate_phone(p.phone, "contact_phone"),
                               field=f"{key}.phone", prefix=prefix)
        out.append({"id": person_id, "name": name, "title": title or "", "phone": phone,
                    "position": i})
    return out


def check_input(
    data: CustomerInput,
    *,
    for_update: bool = False,
    current: Customer | None = None,
    current_people: dict[str, str | None] | None = None,
    session: Session | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """`validate_input`, plus what an update needs: the stored record `current` (its
    masked numbers are kept when the form sends `None` or their mask back) and the
    stored contact people's phones by person id (`PersonInput.id` picks its own)."""
    today = today or date.today()
    errors = _Collector()
    out: dict[str, Any] = {}

    ctype = errors.run(lambda: parse_enum(CustomerType, data.customer_type, "customer_type"))
    if ctype is not None:
        out["customer_type"] = str(ctype)
    individual = ctype in (None, CustomerType.INDIVIDUAL)

    if ctype is None or ctype == CustomerType.INDIVIDUAL:
        out["name"] = errors.run(lambda: validate_name(data.name, "name", PERSON_NAME_MAX))
    else:
        out["name"] = errors.run(
            lambda: validate_name(data.name, "customer_name", ORG_NAME_MAX), field="name")

    # Numbers: `None` (or the stored mask) keeps the stored value on update.
    def masked(field: str, validator: Callable[..., str], mask: Callable[[Any], str]) -> None:
        raw = getattr(data, field)
        stored = getattr(current, field) if current is not None else None
        if for_update and _kept(raw, stored, mask):
            return
        if _blank(raw):
            out[field] = None
            return
        out[field] = errors.run(lambda: validator(raw, field))

    masked("mobile", validate_mobile, mask_phone)
    masked("landline", validate_landline, mask_phone)
    masked("id_number", lambda raw, f: validate_resident_id(raw, f, today=today),
           mask_resident_id)

    id_number = out.get("id_number", current.id_number if current is not None else None)
    if ctype is not None and not individual and "id_number" in out and out["id_number"]:
        errors.add("id_number", "企业或机构客户不填写身份证号码")

    # Gender and birthday belong to individuals; an ID number supplies missing ones.
    gender: Gender | None = None
    if not _blank(data.gender):
        gender = errors.run(lambda: parse_enum(Gender, data.gender, "gender"))
    birthday: date | None = None
    if data.birthday is not None and not _blank(data.birthday):
        birthday = errors.run(lambda: _check_birthday(data.birthday, today))
    if ctype is not None and not individual:
        if gender not in (None, Gender.UNKNOWN):
            errors.add("gender", "企业或机构客户不填写性别")
        if birthday is not None:
            errors.add("birthday", "企业或机构客户不填写生日")
        gender, birthday = None, None
    elif id_number and not any(e.field == "id_number" for e in errors.errors):
        id_gender = resident_id_gender(id_number)
        id_birthday = resident_id_birthdate(id_number)
        if gender in (None, Gender.UNKNOWN):
            gender = id_gender
        elif gender != id_gender:
            errors.add("gender", "性别与身份证号码不符")
        if birthday is None:
            birthday = id_birthday
        elif birthday != id_birthday:
            errors.add("birthday", "生日与身份证号码中的出生日期不符")
    out["gender"] = GENDER_CODES[gender] if gender is not None else None
    out["birthday"] = birthday

    out["email"] = None if _blank(data.email) else errors.run(
        lambda: validate_email(data.email, "email"))
    out["postal_code"] = None if _blank(data.postal_code) else errors.run(
        lambda: validate_postal_code(data.postal_code, "postal_code"))

    for field, (max_len, multiline) in TEXT_FIELDS.items():
        out[field] = errors.run(
            lambda f=field, n=max_len, m=multiline: clean_text(getattr(data, f), f, n, m))
    if ctype in (CustomerType.ENTERPRISE, CustomerType.INSTITUTION) and not out["company"] \
            and not any(e.field == "company" for e in errors.errors):
        errors.add("company", f"{ctype.label}客户请填写单位名称")

    out["source_channel"] = "" if _blank(data.source_channel) else errors.run(
        lambda: str(parse_enum(SourceChannel, data.source_channel, "source_channel")))
    tier = errors.run(lambda: parse_enum(Tier, data.tier or "normal", "tier"))
    out["tier"] = str(tier) if tier is not None else None
    stage = errors.run(lambda: parse_enum(Stage, data.stage or "prospect", "stage"))
    out["stage"] = str(stage) if stage is not None else None

    out["owner_id"] = data.owner_id or None
    tag_ids = list(dict.fromkeys(t for t in data.tag_ids if t))
    out["tag_ids"] = tag_ids

    people = list(data.people or [])
    if people and ctype == CustomerType.INDIVIDUAL:
        errors.add("people", "个人客户不填写企业联系人")
        out["people"] = []
    else:
        out["people"] = _check_people(people, current_people if for_update else None,
                                      errors)

    if session is not None:
        _check_references(session, out, errors)
    errors.raise_if_any()
    return out


def _check_references(s: Session, out: dict[str, Any], errors: _Collector) -> None:
    owner_id = out.get("owner_id")
    if owner_id:
        owner = s.get(User, owner_id)
        if owner is None or not owner.active:
            errors.add("owner_id", "负责人不存在或已停用")
        elif owner.role not in {str(r) for r in OWNER_ROLES}:
            errors.add("owner_id", "负责人必须是客户经理或网点管理员")
    tag_ids = out.get("tag_ids") or []
    if tag_ids:
        found = set(s.execute(select(Tag.id).where(Tag.id.in_(tag_ids))).scalars())
        if len(found) != len(tag_ids):
            errors.add("tag_ids", "所选标签不存在或已删除")


def validate_input(data: CustomerInput, *, for_update: bool = False,
                   session: Session | None = None) -> dict[str, Any]:
    """Check every field of `data`; return the values to store or raise `ValidationErrors`.

    Keys are `Customer` column names plus `tag_ids` (ids, duplicates dropped) and
    `people` (dicts id/name/title/phone/position; id None for a person to add). With
    `for_update`, a masked number sent as `None` is left out of the result (keep what is
    stored). With `session`, owner and tag ids are checked against the database too.
    """
    return check_input(data, for_update=for_update, session=session)


__all__ = [
    "GENDER_CODES",
    "MASKED_FIELDS",
    "OWNER_ROLES",
    "TEXT_FIELDS",
    "check_input",
    "clean_text",
    "gender_code",
    "gender_from_code",
    "validate_input",
]
