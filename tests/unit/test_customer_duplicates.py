"""Possible duplicates on create, the duplicates page, and field-by-field merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select, text

from postcrm_desktop.core.errors import (
    Conflict,
    PermissionDenied,
    ValidationErrors,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.attachments import add_attachment
from postcrm_desktop.services.customers.duplicates import (
    MERGEABLE,
    SAME_ID_NUMBER,
    SAME_LANDLINE,
    SAME_MOBILE,
    SIMILAR_NAME_ADDRESS,
    addresses_similar,
    duplicate_count_for,
    find_candidates,
    list_duplicate_pairs,
    merge_customers,
    merge_preview,
)
from postcrm_desktop.services.customers.records import (
    PossibleDuplicates,
    create_customer,
    delete_customer,
    get_customer,
    restore_customer,
    update_customer,
)
from postcrm_desktop.services.customers.related import customer_references
from postcrm_desktop.services.customers.tags import create_tag
from postcrm_desktop.services.customers.types import PersonInput
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store.models.customers import Customer, CustomerTag
from tests.unit.customer_data import (
    audit_detail,
    audit_rows,
    changes,
    enterprise,
    individual,
    resident_id,
    unique_mobile,
)

PDF = b"%PDF-1.4\n% synthetic\n"


def reasons_by_id(found: list) -> dict[str, list[str]]:
    return {c.customer.id: c.reasons for c in found}


# --- candidates ----------------------------------------------------------------------


def test_candidates_by_each_number_and_by_name_and_address(branch: Branch) -> None:
    rid = resident_id()
    by_id = create_customer(branch, individual(name="测试甲", id_number=rid, address="甲路1号"))
    by_mobile = create_customer(branch, individual(name="测试乙", mobile="13900000001"))
    by_landline = create_customer(branch, individual(name="测试丙", landline="020-22223333"))
    by_name = create_customer(branch, individual(name="测试丁", address="天河路385号太古汇"))
    create_customer(branch, individual(name="测试丁", address="完全不同的地址888号"))
    create_customer(branch, individual(name="测试丁", district="越秀区",
                                       address="天河路385号太古汇"))
    probe = individual(name="测试丁", id_number=rid.lower(), mobile="139 0000 0001",
                       landline="02022223333", address="天河路385号 太古汇一座")
    found = reasons_by_id(find_candidates(branch, probe))
    assert found == {by_id: [SAME_ID_NUMBER], by_mobile: [SAME_MOBILE],
                     by_landline: [SAME_LANDLINE], by_name: [SIMILAR_NAME_ADDRESS]}


def test_candidates_leave_out_deleted_and_the_customer_being_edited(branch: Branch) -> None:
    data = individual(mobile="13900000002")
    a = create_customer(branch, data)
    b = create_customer(branch, data)
    delete_customer(branch, b)
    assert reasons_by_id(find_candidates(branch, data)) == {
        a: [SAME_MOBILE, SIMILAR_NAME_ADDRESS]}
    assert find_candidates(branch, data, exclude_id=a) == []


def test_most_reasons_come_first(branch: Branch) -> None:
    rid = resident_id()
    one = create_customer(branch, individual(mobile="13900000003"))
    both = create_customer(branch, individual(mobile="13900000003", id_number=rid))
    found = find_candidates(branch, individual(mobile="13900000003", id_number=rid))
    assert [c.customer.id for c in found] == [both, one]
    assert found[0].customer.mobile == "139****0003"  # masked


def test_another_managers_customer_is_named_but_not_shown(demo_login: object) -> None:
    m1: Branch = demo_login("manager1")  # type: ignore[operator]
    create_customer(m1, individual(name="测试戊", mobile="13900000004"))
    m2: Branch = demo_login("manager2")  # type: ignore[operator]
    [cand] = find_candidates(m2, individual(mobile="13900000004"))
    assert cand.customer.name == "测*戊" and cand.customer.address == ""
    assert cand.customer.owner_name  # who to talk to


def test_create_can_refuse_possible_duplicates(branch: Branch) -> None:
    data = individual(mobile="13900000005")
    first = create_customer(branch, data)
    with branch.session() as s:
        before = s.execute(select(func.count()).select_from(Customer)).scalar_one()
    with pytest.raises(PossibleDuplicates) as info:
        create_customer(branch, data, refuse_duplicates=True)
    assert [c.customer.id for c in info.value.candidates] == [first]
    with branch.session() as s:
        assert s.execute(select(func.count()).select_from(Customer)).scalar_one() == before
    second = create_customer(branch, data)  # confirmed by the person
    assert second != first
    assert duplicate_count_for(branch, second) == 1


def test_address_similarity() -> None:
    assert addresses_similar("天河路385号", "天河路 385 号")
    assert addresses_similar("中山大道西100号A座", "中山大道西100号A座1201")
    assert not addresses_similar("中山大道西100号", "黄埔大道东900号")
    assert not addresses_similar("", "")
    assert not addresses_similar("天河路1号", "天河路12号")
    assert not addresses_similar("中山大道西100号A座3楼", "中山大道西100号A座5楼")


def test_candidate_lookups_use_indexes(branch: Branch) -> None:
    create_customer(branch, individual())
    with branch.db.connect() as conn:
        for where in ("mobile = '1'", "landline = '1'", "id_number = '1'",
                      "name = '1' AND district = '1'"):
            plan = " ".join(str(r[-1]) for r in conn.execute(
                text(f"EXPLAIN QUERY PLAN SELECT * FROM customers WHERE {where} "
                     "AND deleted_at IS NULL")))
            assert "USING INDEX" in plan and "SCAN" not in plan, plan


# --- the duplicates page -------------------------------------------------------------


def test_pairs_by_id_then_mobile_then_name(branch: Branch) -> None:
    rid = resident_id()
    a = create_customer(branch, individual(id_number=rid, mobile="13900000006"))
    b = create_customer(branch, individual(id_number=rid, mobile="13900000006"))
    c = create_customer(branch, individual(name="测试庚", mobile="13900000007"))
    d = create_customer(branch, individual(name="测试辛", mobile="13900000007"))
    e = create_customer(branch, individual(name="测试壬", address="黄埔大道西1号"))
    f = create_customer(branch, individual(name="测试壬", address="黄埔大道西1号之一"))
    gone = create_customer(branch, individual(name="测试壬", address="黄埔大道西1号"))
    delete_customer(branch, gone)
    pairs = list_duplicate_pairs(branch)
    got = [({p.a.id, p.b.id}, p.reasons) for p in pairs]
    assert got == [({a, b}, [SAME_ID_NUMBER, SAME_MOBILE, SIMILAR_NAME_ADDRESS]),
                   ({c, d}, [SAME_MOBILE]),
                   ({e, f}, [SIMILAR_NAME_ADDRESS])]
    assert pairs[0].a.id == a  # the older one first: the natural one to keep


def test_pairs_page_with_after(branch: Branch) -> None:
    for i in range(5):
        mobile = f"139100000{i:02d}"
        create_customer(branch, individual(name=f"测试{i}", mobile=mobile, address=""))
        create_customer(branch, individual(name=f"测试{i}号", mobile=mobile, address=""))
    seen: list[frozenset[str]] = []
    after = None
    while True:
        page = list_duplicate_pairs(branch, limit=2, after=after)
        if not page:
            break
        seen += [frozenset((p.a.id, p.b.id)) for p in page]
        after = page[-1]
        if len(page) < 2:
            break
    assert len(seen) == 5 and len(set(seen)) == 5


def test_pairs_page_needs_merge_permission(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        list_duplicate_pairs(manager)


# --- merge ---------------------------------------------------------------------------


def _pair(branch: Branch) -> tuple[str, str, dict[str, str]]:
    t1 = create_tag(branch, "need", "理财")
    t2 = create_tag(branch, "need", "保险")
    t3 = create_tag(branch, "value", "高价值")
    keep = create_customer(branch, enterprise(name="测试公司甲", tag_ids=[t1, t2],
                                              people=[PersonInput("联系人甲")]))
    other = create_customer(branch, enterprise(
        name="测试公司甲分部", landline="020-55556666", stage="customer", tag_ids=[t2, t3],
        people=[PersonInput("联系人乙", "", unique_mobile())]))
    return keep, other, {"t1": t1, "t2": t2, "t3": t3}


def test_merge_moves_every_related_record(branch: Branch) -> None:
    keep, other, t = _pair(branch)
    att = add_attachment(branch, "customer", other, "营业执照.pdf", PDF)
    result = merge_customers(branch, keep, other, {"landline": "merge", "stage": "merge"})
    assert (result.kept_id, result.merged_id) == (keep, other)
    assert result.moved == {"customer_people": 1, "customer_stage_changes": 1,
                            "customer_tags": 1, "attachments": 1}
    kept = get_customer(branch, keep, reveal=True)
    assert kept.name == "测试公司甲" and kept.landline == "020-55556666"
    assert kept.stage == "customer"
    assert {x.id for x in kept.tags} == {t["t1"], t["t2"], t["t3"]}
    assert sorted(p.name for p in kept.people) == ["联系人乙", "联系人甲"]
    assert [a.id for a in kept.attachments] == [att.id]
    assert len(kept.stage_history) == 2
    gone = get_customer(branch, other)
    assert gone.merged_into == keep and gone.deleted_at is not None
    assert gone.tags == [] and gone.people == [] and gone.attachments == []
    with branch.session() as s:
        n = s.execute(select(func.count()).select_from(CustomerTag)
                      .where(CustomerTag.customer_id == keep)).scalar_one()
    assert n == 3  # the shared tag is not doubled


def test_merge_is_audited_and_in_the_change_log(branch: Branch) -> None:
    keep, other, _ = _pair(branch)
    merge_customers(branch, keep, other, {"landline": "merge"})
    [row] = audit_rows(branch, "customer.merged", keep)
    detail = audit_detail(row)
    assert detail["merged_id"] == other and detail["fields_from_merged"] == ["landline"]
    assert "020-55556666" not in row.detail and "测试公司" not in row.detail
    kept_change = changes(branch, "customer", keep)[-1]
    assert kept_change.op == "update" and "landline" in kept_change.changes
    merged_change = changes(branch, "customer", other)[-1]
    assert set(merged_change.changes) == {"merged_into", "deleted_at"}
    with branch.session() as s:
        person_id = s.execute(text("SELECT id FROM customer_people WHERE name = '联系人乙'")
                              ).scalar_one()
    assert changes(branch, "customer_person", person_id)[-1].changes == {"customer_id": keep}


def test_merge_refusals(branch: Branch) -> None:
    keep, other, _ = _pair(branch)
    with pytest.raises(Conflict):
        merge_customers(branch, keep, keep)
    with pytest.raises(ValidationErrors) as info:
        merge_customers(branch, keep, other, {"number": "merge", "name": "both"})
    assert set(info.value.by_field()) == {"number", "name"}
    delete_customer(branch, other)
    with pytest.raises(Conflict):
        merge_customers(branch, keep, other)
    restore_customer(branch, other)
    merge_customers(branch, keep, other)
    with pytest.raises(Conflict):
        merge_customers(branch, keep, other)  # already merged
    with pytest.raises(Conflict):
        merge_customers(branch, other, keep)
    with pytest.raises(Conflict):
        restore_customer(branch, other)
    with pytest.raises(Conflict):
        update_customer(branch, other, enterprise())


def test_merge_refuses_a_contradictory_result(branch: Branch) -> None:
    a = create_customer(branch, individual(id_number=resident_id()))
    b = create_customer(branch, individual(id_number=resident_id(seq="124")))
    with pytest.raises(ValidationErrors) as info:
        merge_customers(branch, a, b, {"id_number": "merge"})
    assert "gender" in info.value.by_field()
    assert get_customer(branch, b).merged_into is None  # nothing happened
    merge_customers(branch, a, b, {"id_number": "merge", "gender": "merge"})


def test_merge_needs_the_merge_permission(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    a = create_customer(manager, individual())
    b = create_customer(manager, individual())
    with pytest.raises(PermissionDenied):
        merge_customers(manager, a, b)


def test_merge_preview_compares_stored_values_and_shows_them_masked(branch: Branch) -> None:
    # Two different mobiles and two different IDs that mask alike.
    first_id = resident_id()
    second_id = next(r for day in range(1, 29)
                     if (r := resident_id(born=date(1991, 5, day)))[-4:] == first_id[-4:])
    keep = create_customer(branch, individual(name="测试子", mobile="13812341234",
                                              id_number=first_id,
                                              landline="020-11112222", notes="常客"))
    other = create_customer(branch, individual(name="测试子", mobile="13899991234",
                                               id_number=second_id,
                                               landline="020-11112222", notes=""))
    fields = {f.field: f for f in merge_preview(branch, keep, other)}
    assert list(fields) == list(MERGEABLE)
    mobile = fields["mobile"]
    assert mobile.kept == mobile.merged == "138****1234" and mobile.differs
    assert mobile.label == "手机号码"
    id_number = fields["id_number"]
    assert id_number.kept == id_number.merged and "*" in id_number.kept
    assert id_number.differs
    assert not fields["landline"].differs and "*" in fields["landline"].kept
    assert not fields["name"].differs and not fields["postal_code"].differs
    assert (fields["notes"].kept, fields["notes"].merged, fields["notes"].differs) == (
        "常客", "", True)
    assert fields["owner_id"].label == "负责人"
    every = " ".join(f"{f.kept} {f.merged}" for f in fields.values())
    assert "13812341234" not in every and "13899991234" not in every


def test_merge_preview_refuses_what_merge_refuses(branch: Branch, demo_login: object) -> None:
    keep, other, _ = _pair(branch)
    with pytest.raises(Conflict):
        merge_preview(branch, keep, keep)
    delete_customer(branch, other)
    with pytest.raises(Conflict):
        merge_preview(branch, keep, other)
    restore_customer(branch, other)
    assert any(f.differs for f in merge_preview(branch, keep, other))
    merge_customers(branch, keep, other)
    with pytest.raises(Conflict):
        merge_preview(branch, keep, other)
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    a = create_customer(manager, individual())
    b = create_customer(manager, individual())
    with pytest.raises(PermissionDenied):
        merge_preview(manager, a, b)


def test_merge_leaves_the_kept_customer_one_birthday(branch: Branch) -> None:
    from postcrm_desktop.services.contacts.care import add_care_date, care_dates_of
    from postcrm_desktop.services.contacts.types import CareDateInput

    keep = create_customer(branch, individual(name="测试寅"))
    other = create_customer(branch, individual(name="测试寅"))
    add_care_date(branch, CareDateInput(keep, "birthday", 3, 8))
    dropped_id = add_care_date(branch, CareDateInput(other, "birthday", 4, 9, "lunar"))
    add_care_date(branch, CareDateInput(other, "anniversary", 5, 1, year=2020))
    add_care_date(branch, CareDateInput(other, "custom", 6, 1, label="开业纪念日"))
    result = merge_customers(branch, keep, other)
    assert result.dropped == {"care_dates": 1} and result.moved["care_dates"] == 2
    kinds = sorted((c.kind, c.month) for c in care_dates_of(branch, keep))
    assert kinds == [("anniversary", 5), ("birthday", 3), ("custom", 6)]
    assert audit_detail(audit_rows(branch, "customer.merged", keep)[-1])["dropped"] == {
        "care_dates": 1}
    assert changes(branch, "care_date", dropped_id)[-1].op == "delete"


def test_merge_moves_the_birthday_when_the_kept_customer_has_none(branch: Branch) -> None:
    from postcrm_desktop.services.contacts.care import add_care_date, care_dates_of
    from postcrm_desktop.services.contacts.types import CareDateInput

    keep = create_customer(branch, individual(name="测试卯"))
    other = create_customer(branch, individual(name="测试卯"))
    add_care_date(branch, CareDateInput(other, "birthday", 4, 9))
    result = merge_customers(branch, keep, other)
    assert result.dropped == {} and result.moved["care_dates"] == 1
    assert [(c.kind, c.month, c.day) for c in care_dates_of(branch, keep)] == [
        ("birthday", 4, 9)]


def test_related_tables_are_found_from_the_schema() -> None:
    found = {(r.table.name, r.column.name) for r in customer_references()}
    assert {("customer_people", "customer_id"), ("customer_stage_changes", "customer_id"),
            ("customer_tags", "customer_id")} <= found


def test_merging_keeps_values_by_default(branch: Branch) -> None:
    keep = create_customer(branch, individual(name="测试癸", mobile="13900000008"))
    other = create_customer(branch, individual(name="测试癸", mobile="13900000009",
                                               notes="另一份"))
    merge_customers(branch, keep, other)
    kept = get_customer(branch, keep, reveal=True)
    assert kept.mobile == "13900000008" and kept.notes == ""
    merged = replace(individual(), mobile="13900000009")
    assert find_candidates(branch, merged) == []  # the merged one no longer counts


def _task_and_contact(branch: Branch, customer_id: str) -> tuple[str, str]:
    """A follow-up task and a contact record pointing at it (tables of a later area)."""
    from postcrm_desktop.store.models.contacts import ContactRecord, Task
    from postcrm_desktop.store.types import utcnow

    with branch.session() as s, transaction(s, branch.actor):
        task = Task(customer_id=customer_id, title="回访", due_at=utcnow())
        s.add(task)
        s.flush()
        contact = ContactRecord(customer_id=customer_id, at=utcnow(), channel="phone",
                                content="电话沟通", task_id=task.id)
        s.add(contact)
        s.flush()
        return task.id, contact.id


def test_merge_moves_records_of_tables_added_later(branch: Branch) -> None:
    from postcrm_desktop.store.models.contacts import ContactRecord, Task

    keep = create_customer(branch, individual())
    other = create_customer(branch, individual())
    task_id, contact_id = _task_and_contact(branch, other)
    result = merge_customers(branch, keep, other)
    assert result.moved["tasks"] == 1 and result.moved["contact_records"] == 1
    with branch.session() as s:
        assert s.get(Task, task_id).customer_id == keep
        contact = s.get(ContactRecord, contact_id)
        assert (contact.customer_id, contact.task_id) == (keep, task_id)
    assert changes(branch, "task", task_id)[-1].changes == {"customer_id": keep}
