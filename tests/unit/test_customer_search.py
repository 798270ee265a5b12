"""Customer search and list: query shapes, pinyin, filters, sorting with keyset pages,
counts, visibility and masking, saved views, and an index that never goes stale.

All names and numbers are synthetic.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from postcrm_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from postcrm_desktop.core.roles import DEFAULT_GRANTS, Perm, Role
from postcrm_desktop.services import users
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import search, search_query
from postcrm_desktop.services.customers.duplicates import merge_customers
from postcrm_desktop.services.customers.numbering import local_year
from postcrm_desktop.services.customers.records import (
    create_customer,
    delete_customer,
    get_customer,
    purge_customer,
    restore_customer,
    update_customer,
)
from postcrm_desktop.services.customers.tags import create_tag
from postcrm_desktop.services.customers.types import (
    SORTABLE,
    Count,
    CustomerFilters,
    CustomerInput,
    PersonInput,
    Sort,
)
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store import search_index
from postcrm_desktop.store.models.customers import Customer, CustomerPerson
from postcrm_desktop.store.types import utcnow
from tests.unit.customer_data import enterprise, individual

PASSWORD = "Passw0rd123"
HOSTILE = ['"', "*", "'; DROP TABLE customers; --", "NEAR(", "-", "()", '"张', "张*",
           "a OR b", "NOT x", "zhang AND wang", "^张", "{name}:张三", "name:张三", "a:b",
           "NEAR(张 三, 2)", '"" ""', "''", "\\", "%", "_", "\x00", "张\x00三", "  ", "\n\t",
           "(((", ")))", "***", "+-", "😀", "𠀋", "ＺＨＡＮＧ", "１３８", "\u200b", "--",
           "1 OR 1=1", "x' OR '1'='1"]


def _actor(user_id: str, username: str, role: Role) -> Actor:
    return Actor(user_id, username, username, role,
                 frozenset(str(p) for p in DEFAULT_GRANTS[role]))


def as_user(branch: Branch, user_id: str, username: str, role: Role) -> Branch:
    """The same open database, acting as another user."""
    return Branch(branch.db, _actor(user_id, username, role), branch.master)


@pytest.fixture
def staff(branch: Branch) -> dict[str, str]:
    return {
        "manager1": users.add_user(branch, "manager1", "经理甲", Role.ACCOUNT_MANAGER, PASSWORD,
                                   enforce_policy=False),
        "manager2": users.add_user(branch, "manager2", "经理乙", Role.ACCOUNT_MANAGER, PASSWORD,
                                   enforce_policy=False),
        "clerk1": users.add_user(branch, "clerk1", "柜员丙", Role.COUNTER_CLERK, PASSWORD,
                                 enforce_policy=False),
    }


def add(branch: Branch, name: str, **values: Any) -> str:
    return create_customer(branch, individual(name=name, **values))


def names(rows: list[Any]) -> list[str]:
    return [r.name for r in rows]


def found(branch: Branch, query: str) -> set[str]:
    """Names the search box and the list both find for `query` (they must agree)."""
    quick = set(names(search.quick_search(branch, query, limit=100)))
    listed = set(names(search.search_page(branch, CustomerFilters(query=query),
                                          limit=100).rows))
    assert quick == listed, query
    return quick


# -- the query's words ---------------------------------------------------------------------


def _kinds(text_: str) -> list[set[str]]:
    parts = search_query.parse(text_)
    assert parts is not None
    return [{s.kind for s in p.sources} for p in parts]


def test_words_are_routed_by_shape() -> None:
    q = search_query
    assert search_query.parse("") is None and search_query.parse("   ") is None
    assert _kinds("张") == [{q.NAME_EXACT, q.SHORT}]
    assert _kinds("张伟") == [{q.NAME_EXACT, q.SHORT}]
    assert _kinds("张三丰") == [{q.NAME_EXACT, q.TRI_TEXT}]
    assert _kinds("zw") == [{q.PINYIN}]
    assert _kinds("zhangw") == [{q.PINYIN, q.TRI_TEXT}]
    assert _kinds("8000") == [{q.NUMBER_SEQ, q.TRI_PHONES}]
    assert _kinds("13812348000") == [{q.TRI_PHONES}]
    assert _kinds("12") == [{q.NUMBER_SEQ}]
    assert _kinds("GZ01-2026-0001") == [{q.NUMBER_PREFIX, q.TRI_TEXT}]
    assert _kinds("2026-000123") == [{q.NUMBER_SUFFIX, q.TRI_PHONES}]
    assert _kinds("张s") == [{q.PINYIN}]
    assert sorted(map(sorted, _kinds("wang 138"))) == sorted(
        [sorted({q.PINYIN, q.TRI_TEXT}), sorted({q.NUMBER_SEQ, q.TRI_PHONES})])
    # Syllables typed with spaces are one name; dashes inside a phone number are dropped.
    assert len(search_query.parse("zhang san") or []) == 1
    assert search_query.words("138-0013-8000") == ["138-0013-8000"]
    assert _kinds("138-0013-8000") == [{q.TRI_PHONES}]
    # A 1-2 digit run beside other words is left out while the user is still typing.
    assert _kinds("张三 1") == [{q.NAME_EXACT, q.SHORT}]
    # Only punctuation: a search nothing can match (not "everything").
    for junk in ('"', "*", "-", "()", "--", "***"):
        assert search_query.parse(junk) == [], junk


def test_fts_phrase_quotes_everything() -> None:
    assert search_query.fts_phrase('a"b') == '"a""b"'


# -- what each shape finds -----------------------------------------------------------------


@pytest.fixture
def people(branch: Branch) -> dict[str, str]:
    """A small branch: names chosen to test surnames, pinyin and neighbours."""
    return {
        "张三": add(branch, "张三", mobile="13812348000", address="体育西路88号锦绣花园3栋"),
        "张三丰": add(branch, "张三丰", mobile="13900001111"),
        "张伟": add(branch, "张伟", mobile="13700002222", district="越秀区"),
        "李张伟": add(branch, "李张伟", mobile="13600003333"),
        "王五": add(branch, "王五", mobile="15012345678", landline="020-87654321"),
        "王六": add(branch, "王六", mobile="15099998888"),
        "单雄信": add(branch, "单雄信", mobile="18612340000"),
        "吕布": add(branch, "吕布", mobile="18700004444"),
        "欧阳修": add(branch, "欧阳修", mobile="18900005555"),
    }


def test_chinese_names_one_two_and_three_characters(branch: Branch, people: dict) -> None:
    assert {"张三", "张三丰", "张伟", "李张伟"} <= found(branch, "张")
    assert found(branch, "张三") == {"张三", "张三丰"}
    assert found(branch, "三丰") == {"张三丰"}
    assert found(branch, "张三丰") == {"张三丰"}
    assert found(branch, "张伟") == {"张伟", "李张伟"}
    # An exact name comes first in the search box.
    assert names(search.quick_search(branch, "张伟"))[0] == "张伟"
    assert found(branch, "欧阳修") == {"欧阳修"}
    assert found(branch, "赵") == set()


def test_pinyin_full_initials_prefix_and_surname_readings(branch: Branch, people: dict) -> None:
    assert "张三" in found(branch, "zhangsan")
    assert {"张三", "张三丰"} <= found(branch, "zs")
    assert found(branch, "zsf") == {"张三丰"}
    assert {"张三", "张三丰", "张伟"} <= found(branch, "zhang")
    assert found(branch, "zhangw") == {"张伟"}
    assert found(branch, "zw") >= {"张伟"}
    assert "张三" in found(branch, "zhang san")
    assert "张三" in found(branch, "ZhangSan")
    assert "张三" in found(branch, "ＺＨＡＮＧＳＡＮ")  # full-width letters
    # 单 as a surname is read shan, not dan.
    assert found(branch, "shanxiongxin") == {"单雄信"}
    assert found(branch, "sxx") == {"单雄信"}
    assert "单雄信" in found(branch, "shan")
    assert found(branch, "danxiongxin") == set()
    # 吕 is keyed lv; people type lu too. Compound surname 欧阳.
    assert found(branch, "lvbu") == {"吕布"} and found(branch, "lubu") == {"吕布"}
    assert found(branch, "ouyangxiu") == {"欧阳修"} and found(branch, "oyx") == {"欧阳修"}


def test_phone_fragments(branch: Branch, people: dict) -> None:
    assert found(branch, "8000") == {"张三"}
    assert found(branch, "1234") >= {"张三", "王五", "单雄信"}
    assert found(branch, "13812348000") == {"张三"}
    assert found(branch, "138-1234-8000") == {"张三"}
    assert found(branch, "138 1234 8000") == {"张三"}
    # A landline by its digits, with or without the area code.
    assert found(branch, "87654321") == {"王五"}
    assert found(branch, "02087654321") == {"王五"}
    assert found(branch, "9999") == {"王六"}
    # The masked form a clerk sees is not a way to find anyone.
    assert search.quick_search(branch, "138****8000") == search.quick_search(branch, "138 8000")


def test_contact_people_phones_are_searchable(branch: Branch) -> None:
    cid = create_customer(branch, enterprise(name="恒达贸易", people=[
        PersonInput("联系人甲", "经理", "13566667777")]))
    assert found(branch, "6667777") == {"恒达贸易"}
    data = enterprise(name="恒达贸易", people=[PersonInput("联系人甲", "经理", "13511112222")],
                      landline=None)
    update_customer(branch, cid, data)
    assert found(branch, "6667777") == set()
    assert found(branch, "1112222") == {"恒达贸易"}


def test_number_prefix_and_sequence(branch: Branch, people: dict) -> None:
    year = local_year()
    first = get_customer(branch, people["张三"]).number
    assert first == f"GZ01-{year}-000001"
    assert "张三" in found(branch, f"GZ01-{year}-0000")
    assert "张三" in found(branch, f"gz01-{year}-00000")
    assert found(branch, f"GZ01-{year}-000001") == {"张三"}
    assert found(branch, f"{year}-000001") == {"张三"}
    # Digits alone find a number by its sequence, in any year of this branch.
    assert found(branch, "1") == {"张三"}
    assert found(branch, "000002") == {"张三丰"}
    assert found(branch, "GZ02") == set()


def test_address_district_and_company(branch: Branch, people: dict) -> None:
    create_customer(branch, enterprise(name="宏远科技", company="广州宏远科技有限公司"))
    assert found(branch, "体育西路") == {"张三"}
    assert found(branch, "锦绣花园") == {"张三"}
    assert "张伟" in found(branch, "越秀")
    assert "张伟" in found(branch, "越秀区")
    assert "张三" in found(branch, "广州")
    assert found(branch, "宏远") == {"宏远科技"}
    assert found(branch, "宏远科技有限公司") == {"宏远科技"}
    assert found(branch, "hykj") == {"宏远科技"}


def test_mixed_input_intersects_the_words(branch: Branch, people: dict) -> None:
    assert found(branch, "张s") == {"张三", "张三丰"}
    assert found(branch, "wang 8888") == {"王六"}
    assert found(branch, "wang 1234") == {"王五"}
    assert found(branch, "王 5678") == {"王五"}
    assert found(branch, "张 体育") == {"张三"}
    assert found(branch, "zs 1111") == {"张三丰"}
    assert found(branch, "张三 1") == {"张三", "张三丰"}  # still typing the phone
    assert found(branch, "zhang 9999") == set()


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_is_plain_text(branch: Branch, people: dict, query: str) -> None:
    rows = search.quick_search(branch, query)
    page = search.search_page(branch, CustomerFilters(query=query), limit=5)
    counted = search.count(branch, CustomerFilters(query=query))
    assert isinstance(rows, list) and counted.value == len(
        search.search_page(branch, CustomerFilters(query=query), limit=100).rows)
    assert len(page.rows) <= 5
    with branch.session() as s:  # nothing was dropped or changed
        assert s.execute(select(Customer.id)).all()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_never_raises(branch: Branch, query: str) -> None:
    search.quick_search(branch, query)
    search.count(branch, CustomerFilters(query=query))
    search.search_page(branch, CustomerFilters(query=query), Sort("name", False), limit=3)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('张三王abzs 0123"*()-:^\'NEARORAND')), max_size=30))
def test_query_like_text_never_raises(branch: Branch, query: str) -> None:
    search.quick_search(branch, query)
    search.count(branch, CustomerFilters(query=query))


# -- the index stays in step ----------------------------------------------------------------


def _index_rows(branch: Branch, customer_id: str) -> dict[str, int]:
    with branch.session() as s:
        no = s.execute(select(Customer.search_no).where(Customer.id == customer_id)).scalar()
        keys = s.execute(text("SELECT count(*) FROM customer_pinyin WHERE search_no = :n"),
                         {"n": no}).scalar_one()
        tri = s.execute(text("SELECT count(*) FROM customer_fts_tri WHERE rowid = :n"),
                        {"n": no}).scalar_one()
    return {"keys": keys, "tri": tri, "search_no": no or 0}


def test_rename_leaves_nothing_of_the_old_name(branch: Branch, people: dict) -> None:
    cid = people["张三丰"]
    detail = get_customer(branch, cid, reveal=True)
    update_customer(branch, cid, individual(name="赵四海", mobile=detail.mobile,
                                            id_number=None, landline=None))
    for old in ("张三丰", "三丰", "zsf", "zhangsanfeng"):
        assert "赵四海" not in found(branch, old), old
    assert found(branch, "张三丰") == set()
    assert found(branch, "赵四海") == {"赵四海"}
    assert found(branch, "zsh") == {"赵四海"}
    assert found(branch, "1111") == {"赵四海"}


def test_phone_change_is_followed(branch: Branch, people: dict) -> None:
    cid = people["王六"]
    update_customer(branch, cid, individual(name="王六", mobile="15077776666", id_number=None,
                                            landline=None))
    assert found(branch, "9999") == set()
    assert found(branch, "7776") == {"王六"}


def test_deleted_customers_only_in_the_recycle_bin(branch: Branch, people: dict) -> None:
    cid = people["张伟"]
    delete_customer(branch, cid)
    assert found(branch, "张伟") == {"李张伟"}
    bin_filter = CustomerFilters(query="张伟", in_recycle_bin=True)
    assert names(search.search_page(branch, bin_filter).rows) == ["张伟"]
    assert search.count(branch, bin_filter) == Count(1, True)
    everything = search.search_page(branch, CustomerFilters(in_recycle_bin=True)).rows
    assert [r.id for r in everything] == [cid] and everything[0].deleted_at is not None
    restore_customer(branch, cid)
    assert found(branch, "张伟") == {"张伟", "李张伟"}


def test_merged_customer_is_not_found(branch: Branch, people: dict) -> None:
    merge_customers(branch, people["王五"], people["王六"], {"mobile": "merge"})
    assert found(branch, "王六") == set()
    assert found(branch, "9999") == {"王五"}  # the kept one took the merged mobile
    assert found(branch, "5678") == set()
    listed = search.search_page(branch, CustomerFilters(query="王六", in_recycle_bin=True)).rows
    assert names(listed) == ["王六"]


def test_purge_removes_the_index_rows(branch: Branch, people: dict) -> None:
    cid = people["欧阳修"]
    before = _index_rows(branch, cid)
    assert before["keys"] >= 2 and before["tri"] == 1
    delete_customer(branch, cid)
    purge_customer(branch, cid)
    with branch.session() as s:
        left = s.execute(text("SELECT count(*) FROM customer_pinyin WHERE search_no = :n"),
                         {"n": before["search_no"]}).scalar_one()
        tri = s.execute(text("SELECT count(*) FROM customer_fts_tri WHERE rowid = :n"),
                        {"n": before["search_no"]}).scalar_one()
    assert left == 0 and tri == 0
    assert found(branch, "oyx") == set()


def test_orm_bulk_update_and_plain_objects_are_followed(branch: Branch, people: dict) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        s.execute(update(Customer).where(Customer.id == people["吕布"]).values(name="吕小布"))
    assert found(branch, "吕布") == set() and found(branch, "lxb") == {"吕小布"}
    with branch.session() as s, transaction(s, branch.actor):
        s.execute(update(Customer).where(Customer.id == people["吕布"])
                  .values(last_activity_at=utcnow()))  # nothing the index holds
    assert found(branch, "吕小布") == {"吕小布"}
    with branch.session() as s, transaction(s, branch.actor):
        c = Customer(number="GZ01-1999-000001", customer_type="individual", name="钱七",
                     mobile="13344445555")
        s.add(c)
        s.flush()
        s.add(CustomerPerson(customer_id=c.id, name="联系人", phone="13366667777"))
        c.name = "钱七七"  # changed again before the transaction ends
    assert found(branch, "钱七七") == {"钱七七"} and found(branch, "qqq") == {"钱七七"}
    assert found(branch, "6667777") == {"钱七七"}
    assert found(branch, "qq") == {"钱七七"} and found(branch, "钱七") == {"钱七七"}


def test_search_numbers_are_unique_and_local(branch: Branch, people: dict) -> None:
    with branch.session() as s:
        nos = [r[0] for r in s.execute(select(Customer.search_no)).all()]
    assert len(nos) == len(set(nos)) and None not in nos
    from postcrm_desktop.store.models.system import ChangeEntry

    with branch.session() as s:
        entries = s.execute(select(ChangeEntry.changes).where(
            ChangeEntry.entity == "customer")).scalars().all()
    assert entries and all("search_no" not in (e or {}) for e in entries)


def test_rebuild_gives_the_same_answers(branch: Branch, people: dict) -> None:
    queries = ["张", "张伟", "zs", "shan", "8000", "体育西路", "王 5678"]
    before = {q: found(branch, q) for q in queries}
    with branch.db.engine.begin() as conn:
        assert search_index.rebuild(conn.connection) == len(people)
    assert {q: found(branch, q) for q in queries} == before


# -- filters ------------------------------------------------------------------------------


def test_every_filter(branch: Branch, staff: dict[str, str]) -> None:
    tag = create_tag(branch, "need", "理财需求")
    a = add(branch, "甲一", tier="gold", stage="intent", owner_id=staff["manager1"],
            industry="制造业", district="天河区", tag_ids=[tag])
    b = create_customer(branch, enterprise(name="乙二", tier="silver", industry="教育",
                                           owner_id=staff["manager2"]))
    c = add(branch, "丙三", district="海珠区")
    with branch.session() as s, transaction(s, branch.actor):
        s.get(Customer, a).last_activity_at = utcnow() - timedelta(days=3)
        s.get(Customer, b).last_activity_at = utcnow() - timedelta(days=200)

    def ids(**kw: Any) -> set[str]:
        return {r.id for r in search.search_page(branch, CustomerFilters(**kw)).rows}

    assert ids() == {a, b, c}
    assert ids(customer_type="enterprise") == {b}
    assert ids(tier="gold") == {a}
    assert ids(stage="intent") == {a}
    assert ids(tag_id=tag) == {a}
    assert ids(owner_id=staff["manager2"]) == {b}
    assert ids(industry="教育") == {b}
    assert ids(activity="active") == {a}
    assert ids(activity="dormant") == {b}
    assert ids(activity="never") == {c}
    assert ids(district="海珠区") == {c}
    today = date.today()
    assert ids(created_from=today, created_to=today) == {a, b, c}
    assert ids(created_to=today - timedelta(days=1)) == set()
    assert ids(created_from=today + timedelta(days=1)) == set()
    assert ids(tier="gold", query="甲一") == {a} and ids(tier="silver", query="甲一") == set()
    with pytest.raises(ValidationError):
        ids(activity="sometimes")
    assert search.count(branch, CustomerFilters(district="海珠区")) == Count(1, True)


def test_count_is_capped(branch: Branch) -> None:
    for i in range(5):
        add(branch, f"测试{'甲乙丙丁戊'[i]}")
    assert search.count(branch, CustomerFilters(), cap=3) == Count(3, False)
    assert search.count(branch, CustomerFilters(), cap=3).label() == "3+"
    assert search.count(branch, CustomerFilters(), cap=5) == Count(5, True)
    assert search.count(branch, CustomerFilters(query="测试"), cap=1000) == Count(5, True)
    assert search.count(branch, CustomerFilters(query="*")) == Count(0, True)


# -- sorting and keyset pages ----------------------------------------------------------------


@pytest.fixture
def varied(branch: Branch, staff: dict[str, str]) -> list[str]:
    """Customers with ties and blanks in every sortable column."""
    owners = [staff["manager1"], staff["manager2"], None]
    tiers = ["diamond", "normal", "gold", "normal", "silver", "platinum"]
    stages = ["lost", "prospect", "customer", "intent"]
    districts = ["天河区", "越秀区", "", "天河区"]
    made = []
    for i in range(14):
        if i % 5 == 4:
            data = enterprise(name=f"企业{i % 3}", tier=tiers[i % 6], stage=stages[i % 4],
                              industry=["教育", "", "制造业"][i % 3], owner_id=owners[i % 3],
                              company=["丙公司", "甲公司", "乙公司"][i % 3],
                              district=districts[i % 4])
        else:
            data = individual(name=["张三", "李四", "王五"][i % 3], tier=tiers[i % 6],
                              stage=stages[i % 4], owner_id=owners[i % 3],
                              industry=["", "教育"][i % 2], district=districts[i % 4],
                              company=["", "甲公司"][i % 2])
        made.append(create_customer(branch, data))
    with branch.session() as s, transaction(s, branch.actor):
        for i, cid in enumerate(made):
            if i % 3:
                s.get(Customer, cid).last_activity_at = utcnow() - timedelta(days=i % 4)
    return made


def _expected(branch: Branch, column: str, descending: bool, rows: list[Any]) -> list[str]:
    """The order the list promises: the column (enumerations in their natural order, owner
    by display name, unassigned first), NULL first ascending, ties by row."""
    with branch.session() as s:
        rowid = dict(s.execute(text("SELECT id, rowid FROM customers")).all())
        people = s.execute(text("SELECT id, display_name FROM users")).all()
    orders = {"customer_type": ["individual", "enterprise", "institution"],
              "tier": ["normal", "silver", "gold", "platinum", "diamond"],
              "stage": ["prospect", "intent", "customer", "lost"]}
    owner_rank = {None: 0} | {u[0]: i + 1 for i, u in
                              enumerate(sorted(people, key=lambda u: (u[1], u[0])))}

    def key(r: Any) -> tuple[Any, ...]:
        if column in orders:
            value: Any = orders[column].index(getattr(r, column))
        elif column == "owner_name":
            value = owner_rank[r.owner_id]
        else:
            value = getattr(r, column)
        return (value is not None, value if value is not None else 0, rowid[r.id])

    ordered = sorted(rows, key=key, reverse=descending)
    if descending:  # NULL last when descending, as SQLite orders it
        ordered = [r for r in ordered if key(r)[0]] + [r for r in ordered if not key(r)[0]]
    return [r.id for r in ordered]


def _force(monkeypatch: Any, plan: str) -> None:
    """Make the list lead with a condition's rows (or walk the sort order) whenever it can."""
    cost = dict(search.COST)
    if plan == "lead":
        cost["lookup"] = 0.0
    else:
        cost.update(lookup=1e12, walk_row_order=0.0, walk_random=0.0, scan=0.0)
    monkeypatch.setattr(search, "COST", cost)


def _pages(branch: Branch, filters: CustomerFilters, sort: Sort, size: int) -> list[str]:
    out: list[str] = []
    cursor = None
    for _ in range(100):
        page = search.search_page(branch, filters, sort, after=cursor, limit=size)
        assert len(page.rows) <= size
        out += [r.id for r in page.rows]
        cursor = page.next_cursor
        if cursor is None:
            return out
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("column", SORTABLE)
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_and_pages_without_repeats_or_gaps(
        branch: Branch, varied: list[str], column: str, descending: bool) -> None:
    sort = Sort(column, descending)
    everything = search.search_page(branch, CustomerFilters(), sort, limit=1000).rows
    assert len(everything) == len(varied)
    expected = _expected(branch, column, descending, everything)
    assert [r.id for r in everything] == expected
    for size in (1, 3, 5):
        assert _pages(branch, CustomerFilters(), sort, size) == expected
    # With a search text the matches are sorted the same way.
    query = CustomerFilters(query="张三")
    matching = [r for r in everything if r.name == "张三"]
    assert _pages(branch, query, sort, 2) == _expected(branch, column, descending, matching)


@pytest.mark.parametrize("column", SORTABLE)
@pytest.mark.parametrize("filters", [CustomerFilters(query="zs"), CustomerFilters(tier="normal"),
                                     CustomerFilters(), CustomerFilters(query="张三 zs")])
def test_every_way_of_reading_gives_the_same_pages(branch: Branch, varied: list[str],
                                                   staff: dict[str, str], column: str,
                                                   filters: CustomerFilters,
                                                   monkeypatch: Any) -> None:
    """Led by a small set, or walking the sort index: the same rows in the same order."""
    sort = Sort(column, column == "created_at")
    m1 = as_user(branch, staff["manager1"], "manager1", Role.ACCOUNT_MANAGER)
    for who in (branch, m1):
        _force(monkeypatch, "lead")
        led = _pages(who, filters, sort, 2)
        _force(monkeypatch, "walk")
        assert _pages(who, filters, sort, 2) == led
        assert search.count(who, filters).value == len(led)


def test_stage_order_is_walked_through_its_index(branch: Branch) -> None:
    """Sorted by stage, a broad search walks each stage's rows through an index (so it
    stops at a full page) instead of reading every match: stage leads an index, and the
    plan for each stage group uses it."""
    with branch.session() as s:
        assert "stage" in search._indexed_columns(s)
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT rowid FROM customers WHERE stage = 'intent' "
            "AND +deleted_at IS NULL ORDER BY rowid")))
    assert "ix_customers_stage" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("descending", [False, True])
def test_unknown_choice_values_sort_last(branch: Branch, varied: list[str], descending: bool,
                                         monkeypatch: Any) -> None:
    """A tier or stage code this version does not know (from a newer one) is still listed,
    after the known ones in either direction, whichever way the list is read."""
    with branch.session() as s, transaction(s, branch.actor):
        s.get(Customer, varied[0]).tier = "legendary"
        s.get(Customer, varied[1]).stage = "dormant"
    for column, odd in (("tier", varied[0]), ("stage", varied[1])):
        sort = Sort(column, descending)
        for plan in ("lead", "walk"):
            _force(monkeypatch, plan)
            for filters in (CustomerFilters(), CustomerFilters(query="测试")):
                got = _pages(branch, filters, sort, 3)
                assert got[-1] == odd and len(got) == len(set(got))
                assert len(got) == search.count(branch, filters).value


def test_cursor_is_checked(branch: Branch, varied: list[str]) -> None:
    page = search.search_page(branch, CustomerFilters(), Sort("name"), limit=2)
    with pytest.raises(ValidationError):
        search.search_page(branch, CustomerFilters(), Sort("tier"), after=page.next_cursor)
    with pytest.raises(ValidationError):
        search.search_page(branch, CustomerFilters(), Sort("name"), after="garbage")
    with pytest.raises(ValidationError):
        search.search_page(branch, CustomerFilters(), Sort("mobile"))


def test_recycle_bin_pages(branch: Branch, varied: list[str]) -> None:
    for cid in varied[:5]:
        delete_customer(branch, cid)
    bin_ = CustomerFilters(in_recycle_bin=True)
    for column in SORTABLE:
        assert sorted(_pages(branch, bin_, Sort(column), 2)) == sorted(varied[:5])
    assert search.count(branch, bin_) == Count(5, True)
    assert search.count(branch, CustomerFilters()) == Count(len(varied) - 5, True)


# -- who sees what ----------------------------------------------------------------------------


def test_managers_see_their_own_clerks_see_all_masked(branch: Branch,
                                                      staff: dict[str, str]) -> None:
    mine = add(branch, "张一", mobile="13812348000", owner_id=staff["manager1"])
    theirs = add(branch, "张二", mobile="13912348000", owner_id=staff["manager2"])
    add(branch, "张无主", mobile="13712348000")
    m1 = as_user(branch, staff["manager1"], "manager1", Role.ACCOUNT_MANAGER)
    assert [r.id for r in search.quick_search(m1, "张")] == [mine]
    assert [r.id for r in search.quick_search(m1, "8000")] == [mine]
    assert [r.id for r in search.search_page(m1, CustomerFilters()).rows] == [mine]
    assert search.count(m1, CustomerFilters(query="zhang")) == Count(1, True)
    assert search.search_page(m1, CustomerFilters(owner_id=staff["manager2"])).rows == []
    clerk = as_user(branch, staff["clerk1"], "clerk1", Role.COUNTER_CLERK)
    rows = search.quick_search(clerk, "8000")
    assert {r.id for r in rows} == {mine, theirs} | {r.id for r in rows if r.name == "张无主"}
    assert len(rows) == 3
    assert {r.mobile for r in rows} == {"138****8000", "139****8000", "137****8000"}
    for who in (clerk, branch, m1):  # lists never show numbers in clear
        for r in search.search_page(who, CustomerFilters(query="8000")).rows:
            assert "*" in r.mobile
    assert {r.owner_name for r in search.search_page(branch, CustomerFilters()).rows} == {
        "经理甲", "经理乙", ""}


def test_no_view_permission_is_refused(branch: Branch) -> None:
    nobody = Branch(branch.db, Actor("x", "x", "x", Role.COUNTER_CLERK, frozenset()),
                    branch.master)
    for call in (lambda: search.quick_search(nobody, "张"),
                 lambda: search.search_page(nobody, CustomerFilters()),
                 lambda: search.count(nobody, CustomerFilters()),
                 lambda: search.list_views(nobody)):
        with pytest.raises(PermissionDenied):
            call()
    # Granted the whole branch but not VIEW: still nothing.
    partial = Branch(branch.db, Actor("x", "x", "x", Role.COUNTER_CLERK,
                                      frozenset({str(Perm.CUSTOMER_VIEW_ALL)})), branch.master)
    with pytest.raises(PermissionDenied):
        search.quick_search(partial, "张")


# -- saved views --------------------------------------------------------------------------------


def test_saved_views_per_user_overwrite_and_delete(branch: Branch,
                                                   staff: dict[str, str]) -> None:
    f1 = CustomerFilters(query="张", tier="gold", created_from=date(2026, 1, 1),
                         created_to=date(2026, 3, 31), activity="dormant")
    vid = search.save_view(branch, "  金卡  沉睡 ", f1)
    views = search.list_views(branch)
    assert [(v.id, v.name, v.filters) for v in views] == [(vid, "金卡 沉睡", f1)]
    f2 = replace(f1, tier="diamond")
    assert search.save_view(branch, "金卡 沉睡", f2) == vid  # same name: replaced
    assert [v.filters for v in search.list_views(branch)] == [f2]
    other = search.save_view(branch, "回收站", CustomerFilters(in_recycle_bin=True))
    assert [v.name for v in search.list_views(branch)] == sorted(["金卡 沉睡", "回收站"])
    m1 = as_user(branch, staff["manager1"], "manager1", Role.ACCOUNT_MANAGER)
    assert search.list_views(m1) == []
    with pytest.raises(NotFound):
        search.delete_view(m1, vid)
    search.save_view(m1, "金卡 沉睡", f1)  # same name, another user: allowed
    search.delete_view(branch, other)
    assert [v.id for v in search.list_views(branch)] == [vid]
    with pytest.raises(NotFound):
        search.delete_view(branch, other)
    for bad in ("", "   ", "x" * 65, "a\x07b"):
        with pytest.raises(ValidationError):
            search.save_view(branch, bad, f1)


# -- demo data ----------------------------------------------------------------------------------


def test_demo_customers_are_found(demo_login: Any) -> None:
    branch = demo_login("admin")
    with branch.session() as s:
        total, named = s.execute(text(
            "SELECT count(*), min(name) FROM customers WHERE customer_type = 'individual' "
            "AND deleted_at IS NULL")).one()
        no_index = s.execute(text(
            "SELECT count(*) FROM customers WHERE search_no IS NULL")).scalar_one()
        changes = s.execute(text(
            "SELECT count(*) FROM change_log WHERE entity = 'customer'")).scalar_one()
        customers = s.execute(text("SELECT count(*) FROM customers")).scalar_one()
    assert total > 50 and no_index == 0 and changes >= customers
    assert named in {r.name for r in search.quick_search(branch, named, limit=200)}
    m1 = demo_login("manager1")
    assert {r.owner_name for r in search.search_page(m1, CustomerFilters()).rows} == {"李晓燕"}


def test_demo_ids_and_numbers(demo_login: Any) -> None:
    branch = demo_login("admin")
    new = create_customer(branch, CustomerInput(customer_type="individual", name="新客户",
                                                mobile="13800009999"))
    detail = get_customer(branch, new)
    with branch.session() as s:
        numbers = s.execute(text("SELECT number FROM customers")).scalars().all()
        bad = [n for n in s.execute(text(
            "SELECT id_number FROM customers WHERE id_number IS NOT NULL")).scalars()]
    assert len(numbers) == len(set(numbers)) and detail.number == max(
        n for n in numbers if n.startswith(f"GZ01-{local_year()}-"))
    from postcrm_desktop.core.validators import validate_resident_id

    for id_number in bad:
        validate_resident_id(id_number)


def test_large_fill_path_on_a_small_branch(tmp_path: Any, monkeypatch: Any) -> None:
    """The bulk path (second process, indexes built after, no journal) at a small size."""
    from postcrm_desktop.services import auth, demo
    from postcrm_desktop.services.customers import demo_data

    monkeypatch.setattr(demo_data, "BULK_FROM", 10)
    monkeypatch.setattr(demo_data, "BATCH", 16)
    monkeypatch.setattr(demo, "DEMO_FILLERS", ["postcrm_desktop.services.customers.demo_data"])
    messages: list[str] = []
    path = tmp_path / "bulk.db"
    demo.make_demo(path, customers=50, seed=3, progress=messages.append)
    assert "客户 50/50" in messages and "重建客户索引…" in messages
    branch = auth.login(path, "admin", demo.DEMO_PASSWORD)
    try:
        with branch.db.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
            indexes = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index'")}
            counts = conn.exec_driver_sql(
                "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM change_log "
                "WHERE entity = 'customer'), (SELECT count(DISTINCT search_no) FROM customers),"
                " (SELECT count(*) FROM customer_fts_tri)").one()
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        assert mode == "wal" and keys == 1 and not broken
        assert {ix.name for ix in Customer.__table__.indexes} <= indexes  # built again
        assert counts[0] == counts[1] == counts[2] == 50
        with branch.session() as s:
            name, mobile = s.execute(text(
                "SELECT name, mobile FROM customers WHERE mobile IS NOT NULL "
                "AND deleted_at IS NULL LIMIT 1")).one()
        assert name in names(search.quick_search(branch, mobile[-6:]))
        assert name in names(search.quick_search(branch, name, limit=100))
        new = create_customer(branch, individual(name="后来者"))
        assert found(branch, "后来者") == {"后来者"} and new
    finally:
        branch.close()


def test_search_count_leaves_out_the_recycle_bin_and_caps(branch: Branch) -> None:
    """The count of a search text is read from the index; deleted and merged customers
    are still left out, and the cap still holds."""
    ids = [create_customer(branch, individual(name=f"测试丙{'甲乙丁戊己'[i]}"))
           for i in range(5)]
    query = CustomerFilters(query="测试丙")
    assert search.count(branch, query) == Count(5, True)
    delete_customer(branch, ids[0])
    merge_customers(branch, ids[1], ids[2])
    assert search.count(branch, query) == Count(3, True)
    assert search.count(branch, CustomerFilters(query="csb")) == Count(3, True)
    assert search.count(branch, query, cap=2) == Count(2, False)
    assert search.count(branch, query, cap=3) == Count(3, True)
    assert search.count(branch, replace(query, in_recycle_bin=True)) == Count(2, True)


@pytest.mark.parametrize("query", ["zs", "张", "张三", "三丰", "天河路", "zhangsf", "张三 zs",
                                   "广州 张", "zhang san"])
@pytest.mark.parametrize("column", ["created_at", "name", "tier", "district"])
def test_broad_texts_checked_row_by_row_give_the_same_pages(branch: Branch, monkeypatch: Any,
                                                            query: str, column: str) -> None:
    """A text matching much of the branch is checked in each row walked (its pinyin keys,
    its characters in the row's texts) instead of building its set of matches: the same
    rows, in the same order, and the same count."""
    for i, (name, district) in enumerate([("张三丰", "天河区"), ("张三", "越秀区"),
                                          ("李张三", "天河区"), ("王五", "海珠区"),
                                          ("张　三丰", "越秀区"), ("三丰张", "天河区"),
                                          ("赵四", "天河区")]):
        create_customer(branch, individual(name=name, district=district,
                                           address=f"天河路{i}号" if i % 2 else f"中山路{i}号"))
    create_customer(branch, enterprise(name="张三贸易", company="广州张三贸易有限公司"))
    filters = CustomerFilters(query=query)
    sort = Sort(column, column != "name")
    _force(monkeypatch, "lead")
    led = _pages(branch, filters, sort, 2)
    expected = search.count(branch, filters)
    _force(monkeypatch, "walk")
    monkeypatch.setattr(search, "PROBE_CAPS", (1, 1))
    monkeypatch.setitem(search.COST, "row_check", 0.0)
    assert _pages(branch, filters, sort, 2) == led
    assert search.count(branch, replace(filters, tier="normal")).value \
        == search.count(branch, filters).value == expected.value == len(led)
