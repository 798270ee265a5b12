"""The filter bar's industry and district choices: distinct values among the customers
the user may see, not deleted, read from the indexes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.choices import filter_choices, sort_key
from postcrm_desktop.services.customers.records import create_customer, delete_customer
from tests.unit.customer_data import enterprise, individual


def _expected(branch: Branch, owner_id: str | None = None) -> tuple[list[str], list[str]]:
    """What the choices should be, read the slow way."""
    where = "deleted_at IS NULL" + (" AND owner_id = :owner" if owner_id else "")
    with branch.db.connect() as conn:
        rows = conn.execute(text(f"SELECT industry, district FROM customers WHERE {where}"),
                            {"owner": owner_id}).all()

    return (sorted({r[0] for r in rows if r[0]}, key=sort_key),
            sorted({r[1] for r in rows if r[1]}, key=sort_key))


def test_distinct_values_of_live_customers_by_pinyin(branch: Branch) -> None:
    create_customer(branch, individual(district="越秀区", industry=""))
    create_customer(branch, individual(district="天河区", industry="教育"))
    create_customer(branch, individual(district="天河区", industry="制造业"))
    create_customer(branch, enterprise(district="", industry="批发和零售业"))
    gone = create_customer(branch, individual(district="白云区", industry="金融业"))
    delete_customer(branch, gone)
    found = filter_choices(branch)
    assert found.districts == ["天河区", "越秀区"]
    assert found.industries == ["教育", "批发和零售业", "制造业"]
    assert (found.industries, found.districts) == _expected(branch)


def test_choices_come_in_pinyin_order() -> None:
    names = ["越秀区", "天河区", "白云区", "徐汇区", "玄武区", "海淀区", "Zone A", "朝阳区"]
    assert sorted(names, key=sort_key) == [
        "Zone A", "白云区", "朝阳区", "海淀区", "天河区", "徐汇区", "玄武区", "越秀区"]


def test_a_manager_is_offered_the_values_of_own_customers(demo_login: Any) -> None:
    admin: Branch = demo_login("admin")
    # A district only someone else's customer lives in (demo customers all live in the
    # branch's city, so a manager may well have every one of its districts).
    create_customer(admin, individual(district="从化区", owner_id=admin.actor.user_id))
    every = filter_choices(admin)
    assert (every.industries, every.districts) == _expected(admin)
    manager: Branch = demo_login("manager1")
    own = _expected(manager, manager.actor.user_id)
    assert own[1] and set(own[1]) < set(every.districts), "the demo has others' districts"
    found = filter_choices(manager)
    assert (found.industries, found.districts) == own
    # An industry of a customer without a district counts; a deleted customer's does not.
    create_customer(manager, enterprise(district="", industry="测试甲业"))
    gone = create_customer(manager, individual(district="测试乙区", industry="测试乙业"))
    delete_customer(manager, gone)
    found = filter_choices(manager)
    assert "测试甲业" in found.industries and "测试乙业" not in found.industries
    assert "测试乙区" not in found.districts and "" not in found.districts
    assert (found.industries, found.districts) == _expected(manager, manager.actor.user_id)


def _statements(branch: Branch) -> list[tuple[str, Any]]:
    """The statements `filter_choices` runs."""
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        if "min(customers." in statement:
            statements.append((statement, parameters))

    engine = branch.db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        filter_choices(branch)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return statements


def _plans(branch: Branch, statements: list[tuple[str, Any]]) -> list[str]:
    raw = branch.db.engine.raw_connection()
    try:
        return [" ".join(str(r[-1]) for r in raw.cursor().execute(
            f"EXPLAIN QUERY PLAN {statement}", parameters))
            for statement, parameters in statements]
    finally:
        raw.close()


def test_choices_are_read_from_the_indexes(demo_login: Any) -> None:
    admin: Branch = demo_login("admin")
    plans = _plans(admin, _statements(admin))
    assert len(plans) == 2
    for plan, index in zip(plans, ("ix_customers_industry", "ix_customers_district"),
                           strict=True):
        assert "SCAN customers" not in plan and f"COVERING INDEX {index}" in plan, plan
    manager: Branch = demo_login("manager1")
    [plan] = _plans(manager, _statements(manager))
    assert "SCAN customers" not in plan, plan
    assert plan.count("COVERING INDEX ix_customers_owner_district_industry") == 2, plan
