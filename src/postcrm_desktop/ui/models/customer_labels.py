"""How customer codes, dates and reasons read on screen (`金卡`, not `gold`).

Shared by the table models and the customer pages so every screen shows a code the same
way, in the current interface language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from postcrm_desktop.core.customer_enums import (
    CustomerType,
    Gender,
    LabelledEnum,
    SourceChannel,
    Stage,
    TagGroup,
    Tier,
)
from postcrm_desktop.services.customers.types import TagRef
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

# Entities whose change may alter what a customer screen shows.
CUSTOMER_ENTITIES = ("customer", "customer_tag", "customer_person", "customer_stage_change",
                     "attachment", "tag")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustomerScreens", text)


def language() -> str:
    from postcrm_desktop.ui import i18n

    return i18n.current_language()


def enum_label(enum_cls: type[LabelledEnum], code: str | None) -> str:
    """The label of a stored code in the interface language; unknown codes as they are."""
    if not code:
        return ""
    try:
        return enum_cls(code).label_for(language())
    except ValueError:
        return str(code)


def type_label(code: str | None) -> str:
    return enum_label(CustomerType, code)


def tier_label(code: str | None) -> str:
    return enum_label(Tier, code)


def stage_label(code: str | None) -> str:
    return enum_label(Stage, code)


def gender_label(code: str | None) -> str:
    return enum_label(Gender, code)


def channel_label(code: str | None) -> str:
    return enum_label(SourceChannel, code)


def group_label(code: str | None) -> str:
    return enum_label(TagGroup, code)


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d")
    return value.isoformat()


def fmt_datetime(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def fmt_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


REASONS = {
    "same_mobile": QT_TRANSLATE_NOOP("CustomerScreens", "手机号码相同"),
    "same_landline": QT_TRANSLATE_NOOP("CustomerScreens", "固定电话相同"),
    "same_phone": QT_TRANSLATE_NOOP("CustomerScreens", "电话号码相同"),
    "same_id_number": QT_TRANSLATE_NOOP("CustomerScreens", "身份证号码相同"),
    "similar_name_address": QT_TRANSLATE_NOOP("CustomerScreens", "名称和地址相近"),
    "same_name": QT_TRANSLATE_NOOP("CustomerScreens", "名称相同"),
    "similar_name": QT_TRANSLATE_NOOP("CustomerScreens", "名称相近"),
    "same_email": QT_TRANSLATE_NOOP("CustomerScreens", "电子邮箱相同"),
}


def reasons_text(reasons: Iterable[str]) -> str:
    return "、".join(_tr(REASONS[r]) if r in REASONS else r for r in reasons)


def tags_by_group(tags: Iterable[TagRef]) -> dict[str, list[TagRef]]:
    """Tags grouped in `TagGroup` order (unknown groups last), names in given order."""
    out: dict[str, list[TagRef]] = {str(g): [] for g in TagGroup}
    for tag in tags:
        out.setdefault(tag.tag_group, []).append(tag)
    return {g: ts for g, ts in out.items() if ts}


def owner_choices(owners: Iterable[Any]) -> list[tuple[str, str]]:
    """`(id, name)` of each owner, whatever shape `records.list_owners` returns them in
    (rows with `id` and `display_name`/`name`, or `(id, name)` pairs)."""
    out: list[tuple[str, str]] = []
    for owner in owners:
        if isinstance(owner, tuple | list):
            out.append((str(owner[0]), str(owner[1])))
            continue
        oid = getattr(owner, "id", None) or getattr(owner, "user_id", None)
        name = getattr(owner, "display_name", None) or getattr(owner, "name", None) or \
            getattr(owner, "username", "")
        if oid:
            out.append((str(oid), str(name)))
    return out
