"""Customer choices: values, labels, tier order and parsing of what people type."""

from __future__ import annotations

import pickle
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcrm_desktop.core.customer_enums import (
    ENUM_FIELDS,
    CustomerType,
    Gender,
    SourceChannel,
    Stage,
    TagGroup,
    Tier,
    choice_labels,
    choices,
    parse_enum,
)
from postcrm_desktop.core.errors import ValidationError

ALL = [CustomerType, Tier, Stage, Gender, TagGroup, SourceChannel]

EXPECTED = {
    CustomerType: {"individual": "个人", "enterprise": "企业", "institution": "机构"},
    Tier: {"normal": "普通", "silver": "银卡", "gold": "金卡", "platinum": "白金",
           "diamond": "钻石"},
    Stage: {"prospect": "潜在", "intent": "意向", "customer": "成交", "lost": "流失"},
    Gender: {"male": "男", "female": "女", "unknown": "未知"},
    TagGroup: {"attribute": "属性", "need": "需求", "behaviour": "行为", "value": "价值",
               "sentiment": "情感"},
    SourceChannel: {"counter": "柜台", "phone": "电话", "visit": "上门", "referral": "转介绍",
                    "online": "线上", "event": "活动", "other": "其他"},
}


@pytest.mark.parametrize("enum_cls", ALL)
def test_values_and_chinese_labels(enum_cls: type[StrEnum]) -> None:
    assert {m.value: m.label for m in enum_cls} == EXPECTED[enum_cls]
    assert list(m.value for m in enum_cls) == list(EXPECTED[enum_cls])  # declaration order


@pytest.mark.parametrize("enum_cls", ALL)
def test_members_are_strings_and_round_trip(enum_cls: type[StrEnum]) -> None:
    for member in enum_cls:
        assert isinstance(member, str)
        assert member == member.value
        assert str(member) == member.value
        assert enum_cls(member.value) is member
        if member.name != "VALUE":  # `.value` stays the enum's own property
            assert getattr(enum_cls, member.name.lower()) is member
        assert pickle.loads(pickle.dumps(member)) is member
        assert member.label_en and member.label_en.isascii()
        assert member.label_for("en_US") == member.label_en
        assert member.label_for("zh_CN") == member.label


def test_english_labels() -> None:
    assert Stage.INTENT.label_en == "In talks"
    assert CustomerType.INSTITUTION.label_en == "Institution"
    assert SourceChannel.REFERRAL.label_en == "Referral"
    assert TagGroup.BEHAVIOUR.label_en == "Behaviour"
    assert TagGroup.VALUE.value == "value" and TagGroup.VALUE.label == "价值"


def test_tier_rank_and_order() -> None:
    assert [t.rank for t in Tier] == [0, 1, 2, 3, 4]
    assert Tier.NORMAL < Tier.SILVER < Tier.GOLD < Tier.PLATINUM < Tier.DIAMOND
    assert Tier.DIAMOND >= Tier.GOLD and Tier.GOLD <= Tier.GOLD
    assert not Tier.SILVER > Tier.GOLD  # string order would say "silver" > "gold"
    assert max(Tier) is Tier.DIAMOND
    assert sorted([Tier.GOLD, Tier.NORMAL, Tier.DIAMOND, Tier.SILVER]) == [
        Tier.NORMAL, Tier.SILVER, Tier.GOLD, Tier.DIAMOND]
    assert all(Tier.from_rank(t.rank) is t for t in Tier)
    with pytest.raises(ValueError):
        Tier.from_rank(5)
    assert {Tier.GOLD: 1}["gold"] == 1  # still hashes like its value


@given(st.sampled_from([m for cls in ALL for m in cls]), st.sampled_from(["value", "name",
       "label", "label_en"]), st.booleans(), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_parse_enum_accepts_value_and_labels(member: StrEnum, form: str, upper: bool,
                                             pad: str) -> None:
    text = {"value": member.value, "name": member.name, "label": member.label,
            "label_en": member.label_en}[form]
    text = text.upper() if upper else text.lower()
    assert parse_enum(type(member), pad + text + pad) is member


def test_parse_enum_other_spellings() -> None:
    assert parse_enum(Gender, "Ｆｅｍａｌｅ") is Gender.FEMALE  # full-width letters
    assert parse_enum(Gender, "男性") is Gender.MALE
    assert parse_enum(Stage, "in-talks") is Stage.INTENT
    assert parse_enum(Stage, "in_talks") is Stage.INTENT
    assert parse_enum(Tier, "金卡客户") is Tier.GOLD
    assert parse_enum(TagGroup, "behavior") is TagGroup.BEHAVIOUR
    assert parse_enum(SourceChannel, "其它") is SourceChannel.OTHER
    assert parse_enum(Tier, Tier.GOLD) is Tier.GOLD


@pytest.mark.parametrize("enum_cls", ALL)
def test_parse_enum_refuses_with_field_named(enum_cls: type[StrEnum]) -> None:
    field, label = ENUM_FIELDS[enum_cls]
    for bad in ["nope", "金", "1", "'; DROP TABLE x"]:
        with pytest.raises(ValidationError) as info:
            parse_enum(enum_cls, bad)
        assert info.value.field == field
        assert label in info.value.message
        assert "、".join(choice_labels(enum_cls)) in info.value.message
    for empty in ["", "   ", None]:
        with pytest.raises(ValidationError) as info:
            parse_enum(enum_cls, empty)
        assert info.value.message == f"请选择{label}"
    with pytest.raises(ValidationError) as info:
        parse_enum(enum_cls, "nope", field="contact_source")
    assert info.value.field == "contact_source"


def test_parse_enum_not_confused_across_enums() -> None:
    with pytest.raises(ValidationError):
        parse_enum(Gender, "gold")
    with pytest.raises(ValidationError):
        parse_enum(Tier, Gender.MALE)
    assert parse_enum(SourceChannel, "电话") is SourceChannel.PHONE


@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.binary(max_size=5)))
def test_parse_enum_raises_only_validation_error(text: object) -> None:
    for enum_cls in ALL:
        try:
            result = parse_enum(enum_cls, text)
        except ValidationError:
            continue
        assert isinstance(result, enum_cls)


def test_choices_for_combo_boxes() -> None:
    assert choices(CustomerType) == [(CustomerType.INDIVIDUAL, "个人"),
                                     (CustomerType.ENTERPRISE, "企业"),
                                     (CustomerType.INSTITUTION, "机构")]
    assert choice_labels(Stage, "en") == ["Prospect", "In talks", "Customer", "Lost"]
