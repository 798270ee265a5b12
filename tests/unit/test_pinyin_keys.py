"""Pinyin keys: surname readings, mixed text, variants, query forms and prefix ranges."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcrm_desktop.core.pinyin_keys import (
    COMPOUND_SURNAMES,
    MAX_VARIANTS,
    NAME_HETERONYMS,
    SURNAME_READINGS,
    looks_like_pinyin,
    name_pinyin,
    name_pinyin_variants,
    prefix_range,
    query_pinyin_forms,
    text_initials,
    text_pinyin,
)

KEY = re.compile(r"[a-z0-9]*")

# Characters common in names, all with a reading.
COMMON_HAN = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
              "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱"
              "江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤伟芳娜秀英敏静丽强"
              "磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文红玉梅飞鹏辉志斌宇浩凯健俊帆帅"
              "乐朝长重行单区解查朴盖仇")


@pytest.mark.parametrize(("name", "full", "initials"), [
    ("张三", "zhangsan", "zs"),
    ("单雄信", "shanxiongxin", "sxx"),
    ("曾国藩", "zengguofan", "zgf"),
    ("欧阳修", "ouyangxiu", "oyx"),
    ("区家麟", "oujialin", "ojl"),
    ("乐嘉", "yuejia", "yj"),
    ("解缙", "xiejin", "xj"),
    ("仇英", "qiuying", "qy"),
    ("查良镛", "zhaliangyong", "zly"),
    ("朴槿惠", "piaojinhui", "pjh"),
    ("盖聂", "genie", "gn"),
    ("尉迟恭", "yuchigong", "ycg"),
    ("万俟卨", "moqixie", "mqx"),
    ("长孙无忌", "zhangsunwuji", "zswj"),
    ("令狐冲", "linghuchong", "lhc"),
    ("司马光", "simaguang", "smg"),
    ("诸葛亮", "zhugeliang", "zgl"),
    ("上官婉儿", "shangguanwaner", "sgwe"),
    ("夏侯惇", "xiahoudun", "xhd"),
    ("东方朔", "dongfangshuo", "dfs"),
    ("皇甫嵩", "huangfusong", "hfs"),
    ("单于飞", "chanyufei", "cyf"),
    ("澹台明", "tantaiming", "ttm"),
    ("公孙胜", "gongsunsheng", "gss"),
    ("慕容复", "murongfu", "mrf"),
    ("宇文泰", "yuwentai", "ywt"),
    ("吕小绿", "lvxiaolv", "lxl"),
    ("张3", "zhang3", "z3"),
    ("张三3号", "zhangsan3hao", "zs3h"),
    ("Tom张", "tomzhang", "tz"),
    ("张San", "zhangsan", "zs"),
    ("John Smith", "johnsmith", "js"),
    ("Ｊｏｓé 张", "josezhang", "jz"),
    ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
    ("  张　三 ", "zhangsan", "zs"),
    ("", "", ""),
])
def test_name_pinyin_examples(name: str, full: str, initials: str) -> None:
    assert name_pinyin(name) == (full, initials)


def test_surname_reading_only_at_the_start() -> None:
    assert name_pinyin("区") == ("ou", "o")
    assert name_pinyin("单单")[0].startswith("shan")
    assert name_pinyin("张单")[0] == "zhangdan"  # 单 as a given name keeps its usual reading
    assert name_pinyin("王乐")[0] == "wangle"
    assert name_pinyin("曾曾")[0].startswith("zeng")
    assert name_pinyin(None) == ("", "")


def test_compound_surname_needs_a_given_name() -> None:
    # Two characters alone are a single surname and a given name: 单 + 于.
    assert name_pinyin("单于") == ("shanyu", "sy")
    assert name_pinyin("单于飞") == ("chanyufei", "cyf")
    assert name_pinyin("欧阳") == ("ouyang", "oy")


def test_surname_tables_are_clean() -> None:
    for char, reading in SURNAME_READINGS.items():
        assert len(char) == 1 and KEY.fullmatch(reading) and reading
    for pair, readings in COMPOUND_SURNAMES.items():
        assert len(pair) == 2 and len(readings) == 2
        assert all(KEY.fullmatch(r) and r for r in readings)
        assert name_pinyin(pair + "明")[0] == "".join(readings) + "ming"
    for char, readings in NAME_HETERONYMS.items():
        assert len(char) == 1 and len(readings) >= 2 and len(set(readings)) == len(readings)


def test_characters_without_a_reading_are_skipped() -> None:
    assert name_pinyin("兙张") == ("zhang", "z")  # 兙 has no reading in the library
    assert name_pinyin("张😀三") == ("zhangsan", "zs")
    assert name_pinyin("···") == ("", "")


names = st.text(alphabet=COMMON_HAN + "abcXYZ019 ·-,.'（）", max_size=12)


@given(names)
def test_keys_are_lowercase_ascii_and_initials_count_units(name: str) -> None:
    full, initials = name_pinyin(name)
    assert KEY.fullmatch(full) and KEY.fullmatch(initials)
    han = sum(1 for ch in name if ch in COMMON_HAN)
    ascii_runs = len(re.findall(r"[A-Za-z0-9]+", name))
    assert len(initials) == han + ascii_runs
    assert full[:1] == initials[:1]
    assert len(full) >= len(initials)
    assert name_pinyin(name) == (full, initials)  # cached result is the same


@given(st.text(max_size=30))
def test_any_text_gives_clean_keys(text: str) -> None:
    full, initials = name_pinyin(text)
    assert KEY.fullmatch(full) and KEY.fullmatch(initials)
    assert len(initials) <= len(unicodedata.normalize("NFKC", text))
    assert (full == "") == (initials == "")
    assert KEY.fullmatch(text_pinyin(text)) and KEY.fullmatch(text_initials(text))
    for variant_full, variant_initials in name_pinyin_variants(text):
        assert KEY.fullmatch(variant_full) and KEY.fullmatch(variant_initials)


@given(st.text(alphabet=COMMON_HAN, min_size=1, max_size=6))
def test_variants_primary_first_bounded_unique(name: str) -> None:
    variants = name_pinyin_variants(name)
    assert variants[0] == name_pinyin(name)
    assert 1 <= len(variants) <= MAX_VARIANTS
    assert len(set(variants)) == len(variants)
    for _full, initials in variants:
        assert len(initials) == len(name)
    # A surname with its own reading keeps it in every variant.
    if name[0] in SURNAME_READINGS and (len(name) < 3 or name[:2] not in COMPOUND_SURNAMES):
        assert all(full.startswith(SURNAME_READINGS[name[0]]) for full, _ in variants)
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        surname = "".join(COMPOUND_SURNAMES[name[:2]])
        assert all(full.startswith(surname) for full, _ in variants)


def test_variants_examples() -> None:
    assert name_pinyin_variants("张朝阳") == [("zhangzhaoyang", "zzy"), ("zhangchaoyang", "zcy")]
    assert name_pinyin_variants("王重阳")[:2] == [("wangchongyang", "wcy"),
                                               ("wangzhongyang", "wzy")]
    assert name_pinyin_variants("张三") == [("zhangsan", "zs")]
    assert name_pinyin_variants("乐乐") == [("yuele", "yl"), ("yueyue", "yy")]
    assert set(query_pinyin_forms("张朝")) == {"zhangzhao", "zhangchao"}
    assert query_pinyin_forms("张朝")[0] == name_pinyin("张朝")[0]
    many = name_pinyin_variants("石乐行朝长")
    assert len(many) == MAX_VARIANTS and many[0] == name_pinyin("石乐行朝长")
    assert name_pinyin_variants("") == [("", "")]


def test_text_pinyin() -> None:
    assert text_pinyin("广州市天河区") == "guangzhoushitianhequ"
    assert text_pinyin("广州 abc 123", sep=" ") == "guang zhou abc 123"
    assert text_pinyin("单位") == "danwei"  # no surname reading in plain text
    assert text_pinyin("重庆") == "chongqing"  # phrase context is used
    assert text_initials("中国邮政") == "zgyz"
    assert text_pinyin("") == "" and text_pinyin(None) == ""


@pytest.mark.parametrize(("query", "expected"), [
    ("zs", True), ("ZhangSan", True), ("zhang san", True), ("xi'an", True), ("Ｚｓ", True),
    ("a" * 40, True), ("a" * 41, False), ("", False), ("   ", False), ("zs1", False),
    ("张s", False), ("z-s", False), ("zé", False), ("\"", False), (None, False),
])
def test_looks_like_pinyin(query, expected: bool) -> None:
    assert looks_like_pinyin(query) is expected


@pytest.mark.parametrize(("query", "forms"), [
    ("zs", ["zs"]),
    ("ZhangS", ["zhangs"]),
    ("zhang san", ["zhangsan"]),
    ("lu", ["lu", "lv"]),
    ("lvxiao", ["lvxiao"]),
    ("nue", ["nue", "nve"]),
    ("luo", ["luo"]),
    ("lü", ["lv"]),
    ("张s", ["zhangs"]),
    ("单x", ["shanx"]),
    ("欧阳x", ["ouyangx"]),
    ("张 三", ["zhangsan"]),
    ("张3", ["zhang3"]),
    ("123", []),
    ("", []),
    ("'; DROP TABLE x", []),
    ("NEAR(", []),
    ("张*", []),
    ("\"张\"", []),
    ("a" * 41, []),
    (None, []),
])
def test_query_pinyin_forms(query, forms: list[str]) -> None:
    assert query_pinyin_forms(query) == forms


def test_query_forms_find_the_names_they_mean() -> None:
    people = ["张三", "张帅", "周松", "欧阳修", "吕小明", "单雄信", "曾国藩"]
    keys = {p: name_pinyin_variants(p) for p in people}

    def find(query: str) -> set[str]:
        found = set()
        for form in query_pinyin_forms(query):
            low, high = prefix_range(form)
            for person, variants in keys.items():
                if any(low <= k < high for full, initials in variants
                       for k in (full, initials)):
                    found.add(person)
        return found

    assert find("zhangs") == {"张三", "张帅"}
    assert find("zs") == {"张三", "张帅", "周松"}
    assert find("zhangsan") == {"张三"}
    assert find("oyx") == {"欧阳修"}
    assert find("luxiao") == {"吕小明"}
    assert find("shanx") == {"单雄信"}
    assert find("张s") == {"张三", "张帅"}
    assert find("zengg") == {"曾国藩"}


@given(st.text(max_size=50))
def test_query_forms_are_clean_keys(query: str) -> None:
    forms = query_pinyin_forms(query)
    assert len(forms) == len(set(forms))
    for form in forms:
        assert 1 <= len(form) <= 40 and re.fullmatch(r"[a-z0-9]+", form)
    if looks_like_pinyin(query) and query.isascii():
        assert forms[0] == re.sub(r"[\s'’]", "", query).lower()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=12))
def test_prefix_range_is_exactly_the_prefix(form: str, key: str) -> None:
    low, high = prefix_range(form)
    assert (low <= key < high) == key.startswith(form)
    assert (low <= form + key < high)


def test_prefix_range_refuses_empty() -> None:
    with pytest.raises(ValueError):
        prefix_range("")
