"""Closed choices of a customer file: type, tier, stage, gender, tag group, source channel.

Every choice is a `StrEnum` whose value is the stable English code kept in the database;
`.label` is the Chinese text shown first, `.label_en` the English one. `parse_enum` turns
whatever a person or an import file wrote (code, Chinese label or English label) back into
a member, or raises `ValidationError` naming the field.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Any, TypeVar

from postcrm_desktop.core.errors import ValidationError


class LabelledEnum(StrEnum):
    """A `StrEnum` whose members are declared as `(value, Chinese label, English label)`."""

    _label: str
    _label_en: str

    def __new__(cls, value: str, label: str = "", label_en: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value
        member._label_en = label_en or value
        return member

    @property
    def label(self) -> str:
        """Chinese label (zh_CN), the text a form or list shows."""
        return self._label

    @property
    def label_en(self) -> str:
        """English label."""
        return self._label_en

    def label_for(self, language: str) -> str:
        """Label in `language` ("zh_CN"/"zh"/"en"...); Chinese unless English is asked for."""
        return self._label_en if language.lower().startswith("en") else self._label


class CustomerType(LabelledEnum):
    INDIVIDUAL = "individual", "个人", "Individual"
    ENTERPRISE = "enterprise", "企业", "Enterprise"
    INSTITUTION = "institution", "机构", "Institution"


class Tier(LabelledEnum):
    """Value tier, ordered: `Tier.NORMAL < Tier.SILVER < ... < Tier.DIAMOND`."""

    NORMAL = "normal", "普通", "Normal"
    SILVER = "silver", "银卡", "Silver"
    GOLD = "gold", "金卡", "Gold"
    PLATINUM = "platinum", "白金", "Platinum"
    DIAMOND = "diamond", "钻石", "Diamond"

    @property
    def rank(self) -> int:
        """0 for normal up to 4 for diamond."""
        return _TIER_ORDER.index(self)

    @classmethod
    def from_rank(cls, rank: int) -> Tier:
        if not 0 <= rank < len(_TIER_ORDER):
            raise ValueError(f"tier rank out of range: {rank}")
        return _TIER_ORDER[rank]

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Tier):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, Tier):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, Tier):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, Tier):
            return self.rank >= other.rank
        return NotImplemented

    __hash__ = StrEnum.__hash__


_TIER_ORDER: tuple[Tier, ...] = tuple(Tier)


class Stage(LabelledEnum):
    """Development stage: prospect -> intent (in talks) -> customer; any -> lost."""

    PROSPECT = "prospect", "潜在", "Prospect"
    INTENT = "intent", "意向", "In talks"
    CUSTOMER = "customer", "成交", "Customer"
    LOST = "lost", "流失", "Lost"


class Gender(LabelledEnum):
    MALE = "male", "男", "Male"
    FEMALE = "female", "女", "Female"
    UNKNOWN = "unknown", "未知", "Unknown"


class TagGroup(LabelledEnum):
    ATTRIBUTE = "attribute", "属性", "Attribute"
    NEED = "need", "需求", "Need"
    BEHAVIOUR = "behaviour", "行为", "Behaviour"
    VALUE = "value", "价值", "Value"
    SENTIMENT = "sentiment", "情感", "Sentiment"


class SourceChannel(LabelledEnum):
    COUNTER = "counter", "柜台", "Counter"
    PHONE = "phone", "电话", "Phone"
    VISIT = "visit", "上门", "Visit"
    REFERRAL = "referral", "转介绍", "Referral"
    ONLINE = "online", "线上", "Online"
    EVENT = "event", "活动", "Event"
    OTHER = "other", "其他", "Other"


# Members are also reachable by their lower-case names (`Tier.gold is Tier.GOLD`), except
# where that name is taken by the enum machinery (`TagGroup.VALUE` has no `TagGroup.value`).
for _cls in (CustomerType, Tier, Stage, Gender, TagGroup, SourceChannel):
    for _member in _cls:
        if not any(_member.name.lower() in vars(k) for k in _cls.__mro__):
            setattr(_cls, _member.name.lower(), _member)
del _cls, _member

# Field name and Chinese field label each enum is entered through (used in messages).
ENUM_FIELDS: dict[type[LabelledEnum], tuple[str, str]] = {
    CustomerType: ("customer_type", "客户类型"),
    Tier: ("tier", "客户等级"),
    Stage: ("stage", "发展阶段"),
    Gender: ("gender", "性别"),
    TagGroup: ("tag_group", "标签分组"),
    SourceChannel: ("source_channel", "来源渠道"),
}

# Other spellings people write for a choice (all compared after `_fold`).
_ALIASES: dict[type[LabelledEnum], dict[str, str]] = {
    Gender: {"m": "male", "f": "female", "男性": "male", "女性": "female", "不详": "unknown"},
    Tier: {"普通客户": "normal", "银卡客户": "silver", "金卡客户": "gold",
           "白金客户": "platinum", "白金卡": "platinum", "钻石客户": "diamond",
           "钻石卡": "diamond"},
    Stage: {"潜在客户": "prospect", "意向客户": "intent", "成交客户": "customer",
            "流失客户": "lost", "in_talks": "intent", "intention": "intent"},
    TagGroup: {"behavior": "behaviour"},
    SourceChannel: {"其它": "other", "转介": "referral", "网络": "online"},
}

E = TypeVar("E", bound=StrEnum)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    return " ".join(folded.replace("_", " ").replace("-", " ").split())


def _field_of(enum_cls: type[StrEnum]) -> tuple[str, str]:
    found = ENUM_FIELDS.get(enum_cls)  # type: ignore[call-overload]
    if found is not None:
        return found
    name = enum_cls.__name__
    snake = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return snake, name


def _lookup(enum_cls: type[StrEnum]) -> dict[str, StrEnum]:
    table: dict[str, StrEnum] = {}
    for member in enum_cls:
        table[_fold(member.value)] = member
        table[_fold(member.name)] = member
        label = getattr(member, "label", None)
        label_en = getattr(member, "label_en", None)
        if isinstance(label, str):
            table[_fold(label)] = member
        if isinstance(label_en, str):
            table[_fold(label_en)] = member
    for alias, value in _ALIASES.get(enum_cls, {}).items():  # type: ignore[call-overload]
        table.setdefault(_fold(alias), enum_cls(value))
    return table


_LOOKUPS: dict[type[StrEnum], dict[str, StrEnum]] = {}


def parse_enum(enum_cls: type[E], text: Any, field: str | None = None) -> E:
    """The member of `enum_cls` that `text` names.

    Accepts a member, its value (`"gold"`), its name (`"GOLD"`), its Chinese label
    (`"金卡"`) or its English label (`"Gold"`), ignoring case, surrounding spaces and
    full-width forms. Raises `ValidationError(field, message)`; `field` defaults to the
    enum's field name (`ENUM_FIELDS`).
    """
    field_name, field_label = _field_of(enum_cls)
    field = field or field_name
    if isinstance(text, enum_cls):
        return text
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ValidationError(field, f"请选择{field_label}")
    if not isinstance(text, str):
        raise ValidationError(field, f"{field_label}无效")
    table = _LOOKUPS.get(enum_cls)
    if table is None:
        table = _LOOKUPS[enum_cls] = _lookup(enum_cls)
    member = table.get(_fold(text))
    if member is None:
        allowed = "、".join(choice_labels(enum_cls))
        raise ValidationError(field, f"{field_label}无效，可选：{allowed}")
    return member  # type: ignore[return-value]


def choice_labels(enum_cls: type[StrEnum], language: str = "zh_CN") -> list[str]:
    """Labels of every member in declaration order, for messages and combo boxes."""
    out = []
    for member in enum_cls:
        if isinstance(member, LabelledEnum):
            out.append(member.label_for(language))
        else:
            out.append(member.value)
    return out


def choices(enum_cls: type[E], language: str = "zh_CN") -> list[tuple[E, str]]:
    """`(member, label)` pairs in declaration order, for combo boxes."""
    return list(zip(enum_cls, choice_labels(enum_cls, language), strict=True))


__all__ = [
    "ENUM_FIELDS",
    "CustomerType",
    "Gender",
    "LabelledEnum",
    "SourceChannel",
    "Stage",
    "TagGroup",
    "Tier",
    "choice_labels",
    "choices",
    "parse_enum",
]
