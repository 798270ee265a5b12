"""The search box is no oracle for masked numbers: without the reveal permission a phone
matches only whole or by the last 4 digits, an ID only whole; such searches are audited
without the digits in clear, and a burst of them is refused. Roles with the reveal
permission keep fragment search.

All numbers are synthetic.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import number_search, search
from postcrm_desktop.services.customers.number_search import SearchThrottled
from postcrm_desktop.services.customers.records import create_customer, list_owners
from postcrm_desktop.services.customers.types import CustomerFilters, PersonInput, Sort
from postcrm_desktop.store.models.customers import Customer
from postcrm_desktop.store.models.system import AuditEntry
from tests.unit.customer_data import enterprise, individual

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
MOBILE = "13912345678"
ID_NUMBER = "440106199005171236"


def _ids(rows) -> set[str]:
    return {r.id for r in rows}


def _list(branch: Branch, query: str, now: datetime = NOW) -> set[str]:
    return _ids(search.search_page(branch, CustomerFilters(query=query), Sort(),
                                   now=now).rows)


def _audit(branch: Branch, action: str = number_search.ACTION) -> list[AuditEntry]:
    with branch.session() as s:
        rows = list(s.execute(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.seq)).scalars())
        s.expunge_all()
    return rows


@pytest.fixture
def filed(demo_login) -> dict[str, str]:
    """A few customers with known numbers, filed by the admin."""
    admin: Branch = demo_login("admin")
    return {
        "person": create_customer(admin, individual(name="甄测试", mobile=MOBILE,
                                                    id_number=ID_NUMBER)),
        "landline": create_customer(admin, enterprise(name="测试邮品商行",
                                                      landline="020-87654321-12")),
        "contact": create_customer(admin, enterprise(
            name="测试文具公司", landline="020-22223333",
            people=[PersonInput("联系人", "经理", "13755556666")])),
    }


def _demo_mobiles(branch: Branch, n: int) -> list[tuple[str, str]]:
    with branch.session() as s:
        return [tuple(r) for r in s.execute(
            select(Customer.id, Customer.mobile).where(Customer.mobile.is_not(None),
                                                       Customer.deleted_at.is_(None))
            .order_by(Customer.number).limit(n))]


def test_fragments_of_the_hidden_digits_find_nothing_without_reveal(demo_login) -> None:
    """The probe rebuilt 5 of 5 mobiles from fragments; now no fragment that is not the
    last 4 digits or the whole number finds the customer through its phone."""
    admin: Branch = demo_login("admin")
    mobiles = _demo_mobiles(admin, 5)
    clerk: Branch = demo_login("clerk1")
    minute = 0
    for cid, mobile in mobiles:
        for length in range(3, 11):
            for start in range(0, 12 - length):
                fragment = mobile[start:start + length]
                if fragment == mobile[-4:] or int(fragment) < 10_000:
                    continue  # the shown tail; a customer number's sequence
                minute += 1
                found = search.quick_search(clerk, fragment, limit=50,
                                            now=NOW + timedelta(minutes=minute))
                assert cid not in _ids(found), "a fragment found the customer"
                assert cid not in _list(clerk, fragment, NOW + timedelta(minutes=minute))
        assert cid in _ids(search.quick_search(clerk, mobile, now=NOW))
        assert cid in _ids(search.quick_search(clerk, mobile[-4:], now=NOW))
        assert cid in _list(clerk, mobile[-4:])


def test_whole_numbers_and_last_four_digits_match_without_reveal(demo_login, filed) -> None:
    clerk: Branch = demo_login("clerk1")
    person, landline, contact = filed["person"], filed["landline"], filed["contact"]
    minutes = itertools.count()

    def found(query: str) -> set[str]:
        at = NOW + timedelta(minutes=next(minutes))  # one search a minute: never refused
        return _ids(search.quick_search(clerk, query, limit=100, now=at)) \
            | _list(clerk, query, at)

    for query, expected in ((MOBILE, person), ("139 1234 5678", person), ("5678", person),
                            ("020-87654321", landline), ("87654321", landline),
                            ("4321", landline), ("13755556666", contact),
                            ("6666", contact), ("22223333", contact),
                            (ID_NUMBER, person)):
        assert expected in found(query), query
    for query, other in (("1234", person), ("123456", person), ("3912345", person),
                         ("8765", landline), ("7654321", landline), ("5555", contact),
                         ("44010619900517", person), ("1990051712", person)):
        assert other not in found(query), query


def test_roles_with_reveal_keep_fragment_search(demo_login, filed) -> None:
    owner = next(o.id for o in list_owners(demo_login("admin")) if o.username == "manager1")
    admin: Branch = demo_login("admin")
    mine = create_customer(admin, individual(name="甄经理", mobile="13698765432",
                                             owner_id=owner))
    for branch, cid in ((demo_login("admin"), filed["person"]),
                        (demo_login("manager1"), mine)):
        fragment = "912345" if cid == filed["person"] else "698765"
        assert cid in _ids(search.quick_search(branch, fragment, now=NOW))
        assert cid in _list(branch, fragment)
    assert _audit(demo_login("admin")) == [], "searches with reveal are not counted"


def test_number_searches_are_audited_without_the_digits(demo_login, filed) -> None:
    clerk: Branch = demo_login("clerk1")
    search.quick_search(clerk, MOBILE, now=NOW)
    search.search_page(clerk, CustomerFilters(query="5678"), Sort(), now=NOW)
    search.quick_search(clerk, ID_NUMBER, now=NOW)
    search.quick_search(clerk, "甄测试", now=NOW)  # a name: not a number search
    rows = _audit(demo_login("admin"))
    assert [(r.username, r.user_id is not None) for r in rows] == [("clerk1", True)] * 3
    details = [json.loads(r.detail) for r in rows]
    assert [(d["where"], d["hits"] >= 1) for d in details] == [
        ("quick", True), ("list", True), ("quick", True)]
    assert details[0]["query"] == ["139****5678"]
    assert details[2]["query"] == ["440106************"]
    text = " ".join(r.detail for r in rows)
    for secret in (MOBILE, "1234", ID_NUMBER, "19900517", '["5678"]'):
        assert secret not in text
    assert all(r.at == NOW.replace(microsecond=0) for r in rows)


def test_a_burst_of_number_searches_is_refused(demo_login, filed) -> None:
    clerk: Branch = demo_login("clerk1")
    for i in range(number_search.PER_MINUTE):
        search.quick_search(clerk, f"{1000 + i}", now=NOW + timedelta(seconds=i))
    late = NOW + timedelta(seconds=30)
    with pytest.raises(SearchThrottled, match="每分钟最多 20 次"):
        search.quick_search(clerk, MOBILE, now=late)
    with pytest.raises(SearchThrottled):
        search.search_page(clerk, CustomerFilters(query=MOBILE), Sort(), now=late)
    with pytest.raises(SearchThrottled):
        search.count(clerk, CustomerFilters(query=MOBILE), now=late)
    # Other searches go on; a minute after the burst number searches do too.
    assert filed["person"] in _ids(search.quick_search(clerk, "甄测试", now=late))
    assert filed["person"] in _ids(search.quick_search(clerk, MOBILE,
                                                       now=NOW + timedelta(seconds=61)))
    admin: Branch = demo_login("admin")
    refused = _audit(admin, number_search.REFUSED)
    assert [json.loads(r.detail)["where"] for r in refused] == ["quick", "list"]
    assert MOBILE not in " ".join(r.detail for r in refused)
    # Each user has their own count.
    analyst: Branch = demo_login("analyst1")
    assert search.quick_search(analyst, MOBILE, now=late)
