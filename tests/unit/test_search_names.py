"""Search forgives spacing and mixed pinyin, with names that are hard in other ways too:
polyphonic and compound surnames, characters outside the BMP, ethnic-minority names with
a middle dot. Names and queries go through one normalisation (`core.search_text`).

All names are synthetic or common; no real person's data.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from postcrm_desktop.core.pinyin_keys import name_mixed_keys
from postcrm_desktop.core.search_text import compact_name, normalize_name, normalize_query
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import search
from postcrm_desktop.services.customers.records import create_customer
from postcrm_desktop.services.customers.types import CustomerFilters, Sort
from postcrm_desktop.store import search_index
from tests.unit.customer_data import enterprise, individual


@pytest.mark.parametrize(("raw", "normal"), [
    ("张　三丰", "张三丰"), ("张 三丰", "张三丰"), ("张\u00a0三丰", "张三丰"),
    ("  张\u2009\u3000三丰 ", "张三丰"), ("欧阳 修", "欧阳修"),
    ("买买提・艾力", "买买提·艾力"), ("买买提 • 艾力", "买买提·艾力"),
    ("买买提‧艾力", "买买提·艾力"),
    ("Ｊｏｈｎ　Ｓｍｉｔｈ", "John Smith"), ("John   Smith", "John Smith"),
    ("𠮷 野家", "𠮷野家"), ("张３", "张3"),
])
def test_names_have_one_normal_form(raw: str, normal: str) -> None:
    assert normalize_name(raw) == normal
    assert normalize_name(normal) == normal


def test_compact_and_query_forms() -> None:
    assert compact_name("买买提・艾力") == "买买提艾力"
    assert compact_name("John·Smith") == "John Smith"
    assert normalize_query("广州 张三") == "广州 张三", "words stay apart in a query"
    assert normalize_query("买买提•艾力　") == "买买提·艾力"


@pytest.mark.parametrize(("name", "keys"), [
    ("张三丰", ["zhangsf", "zsanfeng"]),
    ("欧阳修", ["ouyangx", "oyxiu"]),
    ("单雄信", ["shanxx", "sxiongxin"]),
    ("买买提·艾力", ["maimaitial", "mmtaili"]),
])
def test_mixed_pinyin_keys(name: str, keys: list[str]) -> None:
    assert name_mixed_keys(name)[:2] == keys


HARD = {
    # name as entered -> queries that must find it (as full pinyin and initials do)
    "单雄信": ["单雄信", "单", "shanxiongxin", "sxx", "shanxx", "sxiongxin", "shanx", "单x"],
    "曾国藩": ["zengguofan", "zgf", "zenggf", "zguofan", "曾g"],
    "解缙": ["xiejin", "xj", "xiej", "xjin"],
    "仇英": ["qiuying", "qy", "qiuy", "qying"],
    "区志强": ["ouzhiqiang", "ozq", "ouzq", "ozhiqiang"],
    "欧阳修": ["欧阳修", "欧阳 修", "ouyangxiu", "oyx", "ouyangx", "oyxiu", "欧阳x"],
    "司马光": ["simaguang", "smg", "simag", "smguang"],
    "诸葛亮": ["zhugeliang", "zgl", "zhugel", "zgliang", "诸葛 亮"],
    "𠮷野家": ["𠮷野家", "𠮷", "𠮷野", "jiyejia", "jyj"],
    "买买提·艾力": ["买买提·艾力", "买买提・艾力", "买买提•艾力", "买买提 艾力", "买买提艾力",
                 "maimaitiaili", "mmtal", "maimaitial", "mmtaili"],
    "张　三丰": ["张　三丰", "张 三丰", "张\u00a0三丰", "张三丰", "zhangsanfeng", "zsf",
               "zhangsf", "zsanfeng", "zhang san feng", "张sf"],
    "Ｊｏｈｎ Ｓｍｉｔｈ": ["John Smith", "Ｊｏｈｎ　Ｓｍｉｔｈ", "john", "johnsmith", "smith"],
}


def _found(branch: Branch, query: str) -> set[str]:
    quick = {r.name for r in search.quick_search(branch, query, limit=50)}
    listed = {r.name for r in search.search_page(branch, CustomerFilters(query=query),
                                                 Sort("name")).rows}
    assert quick == listed, query
    return quick


def test_hard_names_are_found_every_way_people_type_them(branch: Branch) -> None:
    for name in HARD:
        create_customer(branch, individual(name=name, mobile=None))
    create_customer(branch, individual(name="张三", mobile=None))  # near miss for 张三丰
    for name, queries in HARD.items():
        stored = normalize_name(name)
        for query in queries:
            assert stored in _found(branch, query), (name, query)
    assert _found(branch, "zhangsf") == {"张三丰"}
    assert "张三丰" not in _found(branch, "zsfeng x")


def test_organisations_keep_their_spaces_and_are_not_keyed_as_persons(branch: Branch) -> None:
    create_customer(branch, enterprise(name="Ｇｒｅｅｎ　Ｌｅａｆ 文具",
                                       company="绿叶文具有限公司"))
    create_customer(branch, enterprise(name="张三丰商行", company="张三丰商行"))
    assert "Green Leaf 文具" in _found(branch, "Green Leaf")
    assert "张三丰商行" in _found(branch, "zhangsanfeng")
    assert "张三丰商行" not in _found(branch, "zhangsfsh"), "mixed keys are for persons"
    assert "Green Leaf 文具" in _found(branch, "green leaf 文具")


def test_names_stored_before_the_normal_form_are_migrated(branch: Branch) -> None:
    """Rows written raw (an older version, a bulk fill) hold `张　三丰`; the migration
    normalises them and indexes the name without its dot and the mixed pinyin keys."""
    raw = {"张　三丰": "张三丰", "李\u00a0四": "李四", "买买提・艾力": "买买提·艾力",
           "Ｔｏｍ  Ｌｅｅ": "Tom Lee", "赵六": "赵六"}
    ids = {create_customer(branch, individual(name=f"临时{i}", mobile=None)): name
           for i, name in enumerate(raw)}
    with branch.session() as s, s.begin():
        conn = s.connection().connection
        cur = conn.cursor()
        cur.executemany("UPDATE customers SET name = ? WHERE id = ?",
                        [(name, cid) for cid, name in ids.items()])
        cur.execute(f"DELETE FROM {search_index.PINYIN}")  # as the old index held them
        cur.close()
        changed, reindexed = search_index.normalize_names(conn)
    assert (changed, reindexed) == (4, 4)
    with branch.session() as s:
        stored = dict(s.execute(text("SELECT id, name FROM customers")).all())
    assert {stored[cid] for cid in ids} == set(raw.values())
    for name in ids.values():
        assert raw[name] in _found(branch, raw[name])
    assert "张三丰" in _found(branch, "zhangsf")
    assert "赵六" in _found(branch, "zliu"), "every person gains the mixed keys"
    assert "买买提·艾力" in _found(branch, "买买提艾力")
