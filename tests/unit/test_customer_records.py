"""Customer files: validation, numbers, edits, masking and reveal, visibility, recycle bin.

All names and numbers are synthetic.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.validators import (
    PROVINCE_CODES,
    is_mobile_range,
    resident_id_check_digit,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import records, tags
from postcrm_desktop.services.customers.access import visible_clause
from postcrm_desktop.services.customers.attachments import add_attachment
from postcrm_desktop.services.customers.numbering import allocate_numbers, local_year
from postcrm_desktop.services.customers.records import (
    create_customer,
    delete_customer,
    get_customer,
    list_owners,
    purge_customer,
    restore_customer,
    reveal_field,
    update_customer,
    validate_input,
)
from postcrm_desktop.services.customers.types import CustomerInput, PersonInput
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store.models.customers import (
    Attachment,
    Customer,
    CustomerPerson,
    CustomerTag,
    StageChange,
)
from postcrm_desktop.store.models.system import Meta
from tests.unit.customer_data import (
    all_audit_text,
    audit_detail,
    audit_rows,
    changes,
    enterprise,
    individual,
    resident_id,
    unique_mobile,
)

PDF = b"%PDF-1.4\n% synthetic\n"


def errors_of(data: CustomerInput, **kwargs: object) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        validate_input(data, **kwargs)  # type: ignore[arg-type]
    return info.value.by_field()


# --- validation: each refusal names its field ------------------------------------------

BAD_FIELDS = [
    ("mobile", {"mobile": "12345"}),
    ("mobile", {"mobile": "1380013800a"}),
    ("landline", {"landline": "12345678"}),
    ("id_number", {"id_number": resident_id()[:-1] + ("0" if resident_id()[-1] != "0"
                                                      else "1")}),
    ("id_number", {"id_number": "44010619900517123"}),
    ("postal_code", {"postal_code": "51000"}),
    ("postal_code", {"postal_code": "910000"}),
    ("email", {"email": "someone@"}),
    ("name", {"name": "  "}),
    ("name", {"name": "测" * 51}),
    ("customer_type", {"customer_type": "alien"}),
    ("gender", {"gender": "x"}),
    ("birthday", {"birthday": date.today() + timedelta(days=1)}),
    ("birthday", {"birthday": date(1899, 12, 31)}),
    ("tier", {"tier": "bronze"}),
    ("stage", {"stage": "won"}),
    ("source_channel", {"source_channel": "pigeon"}),
    ("address", {"address": "路" * 201}),
    ("province", {"province": "省\x07"}),
    ("needs", {"needs": "x" * 2001}),
    ("people", {"people": [PersonInput("联系人丙")]}),
    ("gender", {"id_number": resident_id(), "gender": "女"}),
    ("birthday", {"id_number": resident_id(), "birthday": date(1991, 1, 1)}),
]


@pytest.mark.parametrize(("field", "overrides"), BAD_FIELDS)
def test_each_bad_field_is_refused_with_its_name(field: str, overrides: dict) -> None:
    found = errors_of(individual(**overrides))
    assert field in found
    assert re.search(r"[\u4e00-\u9fff]", found[field])  # a Chinese message


BAD_ORG_FIELDS = [
    ("company", {"company": ""}),
    ("id_number", {"id_number": resident_id()}),
    ("gender", {"gender": "男"}),
    ("birthday", {"birthday": date(1990, 1, 1)}),
    ("people[0].name", {"people": [PersonInput("")]}),
    ("people[1].phone", {"people": [PersonInput("联系人甲"), PersonInput("联系人乙", "", "123")]}),
    ("people[0].title", {"people": [PersonInput("联系人甲", "长" * 51)]}),
]


@pytest.mark.parametrize(("field", "overrides"), BAD_ORG_FIELDS)
def test_each_bad_enterprise_field_is_refused_with_its_name(field: str, overrides: dict) -> None:
    assert field in errors_of(enterprise(**overrides))


def test_every_problem_is_reported_at_once() -> None:
    found = errors_of(individual(mobile="1", postal_code="1", email="@", stage="?"))
    assert {"mobile", "postal_code", "email", "stage"} <= set(found)


def test_messages_never_repeat_the_number_typed() -> None:
    bad_id = "440106199005171230"
    found = errors_of(individual(id_number=bad_id, mobile="13800138", landline="0201234"))
    assert not any(v in m for m in found.values() for v in (bad_id, "13800138", "0201234"))


def test_values_are_normalised() -> None:
    rid = resident_id(date(1985, 2, 3), seq="12" + "2")
    lower = rid.lower() if rid.endswith("X") else rid
    out = validate_input(individual(
        customer_type="个人", mobile="+86 138-0013-8000", landline="(020) 8765 4321",
        id_number=" " + lower + " ", stage="意向", tier="金卡", source_channel="柜台",
        email="Someone@Example.COM", name=" 测 试 ", address="  测试路   2号 "))
    assert out["customer_type"] == "individual"
    assert out["mobile"] == "13800138000"
    assert out["landline"] == "020-87654321"
    assert out["id_number"] == rid
    assert (out["stage"], out["tier"], out["source_channel"]) == ("intent", "gold", "counter")
    assert out["email"] == "Someone@example.com"
    assert out["name"] == "测试"
    assert out["address"] == "测试路 2号"


def test_trailing_x_is_upper_cased() -> None:
    first17 = "11010519491231002"
    rid = first17 + resident_id_check_digit(first17)
    assert rid.endswith("X")
    assert validate_input(individual(id_number=rid.lower()))["id_number"] == rid


def test_gender_and_birthday_come_from_the_id_number() -> None:
    out = validate_input(individual(id_number=resident_id(date(1979, 8, 9), seq="124")))
    assert out["gender"] == "F" and out["birthday"] == date(1979, 8, 9)


def test_matching_gender_and_birthday_are_accepted() -> None:
    out = validate_input(individual(id_number=resident_id(), gender="男",
                                    birthday=date(1990, 5, 17)))
    assert out["gender"] == "M"


def test_enterprise_needs_company_and_keeps_contact_people() -> None:
    out = validate_input(enterprise(people=[PersonInput("联系人甲", "经理", "020-12345678")]))
    assert out["people"][0]["phone"] == "020-12345678"
    assert out["gender"] is None and out["birthday"] is None


def test_empty_optional_fields_store_nothing() -> None:
    out = validate_input(CustomerInput(customer_type="individual", name="测试丁"))
    assert out["mobile"] is None and out["id_number"] is None and out["email"] is None
    assert out["postal_code"] is None and out["gender"] is None


def test_for_update_none_keeps_numbers() -> None:
    out = validate_input(individual(mobile=None, landline=None, id_number=None),
                         for_update=True)
    assert "mobile" not in out and "landline" not in out and "id_number" not in out


# --- validation: property tests ---------------------------------------------------------

names = st.text(alphabet="张王李赵测试甲乙丙丁明华", min_size=1, max_size=6)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    region = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    seq = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    first17 = f"{province}{region}{born:%Y%m%d}{seq}"
    return first17 + resident_id_check_digit(first17)


mobiles = st.builds(lambda second, rest: "1" + second + rest, st.sampled_from("3456789"),
                    st.text(alphabet="0123456789", min_size=9, max_size=9)
                    ).filter(is_mobile_range)
postal_codes = st.builds(lambda first, rest: first + rest, st.sampled_from("012345678"),
                         st.text(alphabet="0123456789", min_size=5, max_size=5))


@st.composite
def valid_inputs(draw: st.DrawFn) -> CustomerInput:
    kind = draw(st.sampled_from(["individual", "enterprise", "institution", "个人", "企业"]))
    org = kind not in ("individual", "个人")
    return CustomerInput(
        customer_type=kind,
        name=draw(names),
        id_number="" if org else draw(st.one_of(st.just(""), resident_ids())),
        mobile=draw(st.one_of(st.just(""), mobiles)),
        postal_code=draw(st.one_of(st.just(""), postal_codes)),
        company=draw(names) + "公司" if org else "",
        stage=draw(st.sampled_from(["prospect", "intent", "customer", "lost", "潜在", "成交"])),
        tier=draw(st.sampled_from(["normal", "silver", "gold", "platinum", "diamond"])),
        address=draw(st.text(alphabet="路街号巷123", max_size=30)),
        people=[PersonInput(draw(names), "", draw(mobiles))] if org else [],
    )


@settings(max_examples=150, deadline=None)
@given(valid_inputs())
def test_generated_valid_inputs_pass(data: CustomerInput) -> None:
    out = validate_input(data)
    assert out["customer_type"] in ("individual", "enterprise", "institution")
    if out["id_number"]:
        assert out["gender"] in ("M", "F") and out["birthday"] is not None


@settings(max_examples=150, deadline=None)
@given(valid_inputs(), resident_ids(), st.integers(0, 16), st.integers(1, 9))
def test_a_corrupted_id_number_is_refused_on_its_field(data: CustomerInput, rid: str,
                                                       pos: int, delta: int) -> None:
    digits = list(rid)
    digits[pos] = str((int(digits[pos]) + delta) % 10)
    corrupted = "".join(digits)
    found = errors_of(replace(data, customer_type="individual", company="", people=[],
                              id_number=corrupted))
    assert "id_number" in found


@settings(max_examples=150, deadline=None)
@given(valid_inputs(), mobiles, st.sampled_from(["drop", "add", "letter", "prefix"]))
def test_a_corrupted_mobile_is_refused_on_its_field(data: CustomerInput, mobile: str,
                                                    how: str) -> None:
    bad = {"drop": mobile[:-1], "add": mobile + "1", "letter": mobile[:5] + "a" + mobile[6:],
           "prefix": "12" + mobile[2:]}[how]
    assert "mobile" in errors_of(replace(data, mobile=bad))


@settings(max_examples=150, deadline=None)
@given(valid_inputs(), postal_codes, st.sampled_from(["drop", "add", "nine", "letter"]))
def test_a_corrupted_postal_code_is_refused_on_its_field(data: CustomerInput, code: str,
                                                         how: str) -> None:
    bad = {"drop": code[:-1], "add": code + "0", "nine": "9" + code[1:],
           "letter": code[:3] + "O" + code[4:]}[how]
    assert "postal_code" in errors_of(replace(data, postal_code=bad))


@settings(max_examples=100, deadline=None)
@given(valid_inputs(), mobiles, st.integers(0, 4))
def test_a_corrupted_contact_phone_names_the_person(data: CustomerInput, mobile: str,
                                                    extra: int) -> None:
    people = [PersonInput(f"联系人{i}", "", mobile) for i in range(extra)]
    people.append(PersonInput("联系人末", "", mobile[:-2]))
    found = errors_of(replace(data, customer_type="enterprise", company="测试公司",
                              id_number="", people=people))
    assert f"people[{extra}].phone" in found


# --- create, numbers, history -----------------------------------------------------------


def test_create_gives_a_branch_year_number_and_dated_stage(branch: Branch) -> None:
    cid = create_customer(branch, individual(stage="意向"))
    detail = get_customer(branch, cid)
    assert re.fullmatch(rf"GZ01-{local_year()}-\d{{6}}", detail.number)
    assert detail.stage == "intent" and detail.stage_changed_at is not None
    assert [(h.from_stage, h.to_stage) for h in detail.stage_history] == [(None, "intent")]


def test_numbers_follow_each_other_and_the_counter_is_kept_in_meta(branch: Branch) -> None:
    numbers = [get_customer(branch, create_customer(branch, individual())).number
               for _ in range(3)]
    seqs = [int(n.rsplit("-", 1)[1]) for n in numbers]
    assert seqs == [seqs[0], seqs[0] + 1, seqs[0] + 2] and len(set(numbers)) == 3
    with branch.session() as s:
        assert s.get(Meta, f"customer_seq:{local_year()}").value == str(seqs[-1])


def test_numbers_never_repeat_one_already_stored(branch: Branch) -> None:
    first = get_customer(branch, create_customer(branch, individual())).number
    with branch.session() as s, s.begin():  # a bulk fill that never bumped the counter
        s.delete(s.get(Meta, f"customer_seq:{local_year()}"))
    second = get_customer(branch, create_customer(branch, individual())).number
    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1


def test_numbers_restart_each_year_and_reserve_in_blocks(branch: Branch) -> None:
    with branch.session() as s, transaction(s, branch.actor):
        block = allocate_numbers(s, "GZ01", 3, year=2031)
        more = allocate_numbers(s, "GZ01", 1, year=2031)
    assert block == ["GZ01-2031-000001", "GZ01-2031-000002", "GZ01-2031-000003"]
    assert more == ["GZ01-2031-000004"]


def test_the_number_never_changes(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    number = get_customer(branch, cid).number
    update_customer(branch, cid, individual(name="测试己", stage="customer", mobile=None))
    assert get_customer(branch, cid).number == number
    assert all("number" not in (e.changes or {}) for e in changes(branch, "customer", cid)
               if e.op == "update")


def test_create_writes_change_log_and_audit_without_personal_data(branch: Branch) -> None:
    tag = tags.create_tag(branch, "value", "高价值")
    rid = resident_id()
    data = individual(id_number=rid, email="someone@example.com", tag_ids=[tag])
    cid = create_customer(branch, data)
    log = changes(branch, "customer", cid)
    assert [e.op for e in log] == ["insert"] and log[0].changes["mobile"] == data.mobile
    [row] = audit_rows(branch, "customer.created", cid)
    detail = audit_detail(row)
    assert detail["number"].startswith("GZ01-") and detail["tags"] == 1
    text = all_audit_text(branch)
    for value in (rid, data.mobile, data.name, data.address, "someone@"):
        assert value not in text
    with branch.session() as s:
        assert s.execute(select(CustomerTag).where(CustomerTag.customer_id == cid)).first()
        stage = s.execute(select(StageChange).where(StageChange.customer_id == cid)).scalar_one()
        assert changes(branch, "customer_stage_change", stage.id)[0].op == "insert"


def test_create_refuses_unknown_owner_clerk_owner_and_missing_tags(
        demo_login: object) -> None:
    admin: Branch = demo_login("admin")  # type: ignore[operator]
    clerk_id = next(u.id for u in _users(admin) if u.username == "clerk1")
    with pytest.raises(ValidationErrors) as info:
        create_customer(admin, individual(owner_id=clerk_id, tag_ids=["nope"]))
    assert {"owner_id", "tag_ids"} <= set(info.value.by_field())
    with pytest.raises(ValidationErrors) as info:
        create_customer(admin, individual(owner_id="0" * 32))
    assert "owner_id" in info.value.by_field()


def _users(branch: Branch) -> list:
    from postcrm_desktop.services.users import list_users

    return list_users(branch)


def test_a_manager_owns_what_they_file(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(manager, individual())
    detail = get_customer(manager, cid)
    assert detail.owner_id == manager.actor.user_id
    assert detail.department == manager.actor.department


def test_list_owners_offers_managers_and_admins(demo_login: object) -> None:
    clerk: Branch = demo_login("clerk1")  # type: ignore[operator]
    usernames = {o.username for o in list_owners(clerk)}
    assert {"admin", "manager1", "manager2"} <= usernames
    assert not usernames & {"clerk1", "analyst1"}


def test_analyst_cannot_create(demo_login: object) -> None:
    analyst: Branch = demo_login("analyst1")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        create_customer(analyst, individual())


# --- update ---------------------------------------------------------------------------


def test_update_audits_changed_field_names_only(branch: Branch) -> None:
    data = individual()
    cid = create_customer(branch, data)
    update_customer(branch, cid, replace(data, address="测试路9号", notes="常来办理业务"))
    [row] = audit_rows(branch, "customer.updated", cid)
    assert audit_detail(row) == {"fields": ["address", "notes"]}
    assert "测试路9号" not in row.detail
    last = changes(branch, "customer", cid)[-1]
    assert last.op == "update" and set(last.changes) == {"address", "notes"}


def test_update_without_changes_writes_nothing(branch: Branch) -> None:
    data = individual()
    cid = create_customer(branch, data)
    update_customer(branch, cid, data)
    assert audit_rows(branch, "customer.updated", cid) == []


def test_update_none_or_the_mask_keeps_stored_numbers(branch: Branch) -> None:
    rid = resident_id()
    data = individual(id_number=rid, landline="020-12345678")
    cid = create_customer(branch, data)
    shown = get_customer(branch, cid)
    update_customer(branch, cid, replace(data, mobile=None, id_number=shown.id_number,
                                         landline=shown.landline, notes="改备注"))
    after = get_customer(branch, cid, reveal=True)
    assert (after.mobile, after.id_number, after.landline) == (data.mobile, rid, "020-12345678")
    update_customer(branch, cid, replace(data, mobile="", id_number=None, landline=None))
    assert get_customer(branch, cid, reveal=True).mobile == ""


def test_stage_change_is_dated_and_kept(branch: Branch) -> None:
    data = individual()
    cid = create_customer(branch, data)
    before = get_customer(branch, cid).stage_changed_at
    update_customer(branch, cid, replace(data, stage="成交"))
    update_customer(branch, cid, replace(data, stage="流失"))
    detail = get_customer(branch, cid)
    assert detail.stage == "lost" and detail.stage_changed_at > before
    assert [(h.from_stage, h.to_stage) for h in detail.stage_history] == [
        (None, "prospect"), ("prospect", "customer"), ("customer", "lost")]
    row = audit_rows(branch, "customer.updated", cid)[-1]
    assert audit_detail(row)["stage"] == {"from": "customer", "to": "lost"}


def test_update_edits_contact_people_in_place(branch: Branch) -> None:
    data = enterprise(people=[PersonInput("联系人甲", "经理", "020-11112222"),
                              PersonInput("联系人乙", "会计", unique_mobile())])
    cid = create_customer(branch, data)
    first_id = get_customer(branch, cid).people[0].id
    masked = get_customer(branch, cid).people[0].phone
    update_customer(branch, cid, replace(data, people=[
        PersonInput("联系人甲", "总经理", masked, id=first_id)]))
    [person] = get_customer(branch, cid, reveal=True).people
    assert (person.id, person.title, person.phone) == (first_id, "总经理", "020-11112222")
    assert audit_detail(audit_rows(branch, "customer.updated", cid)[-1]) == {
        "fields": ["people"]}


def test_tags_or_people_alone_announce_the_customer(branch: Branch) -> None:
    from postcrm_desktop.services import events

    tag = tags.create_tag(branch, "need", "理财")
    data = enterprise()
    cid = create_customer(branch, data)
    person = get_customer(branch, cid).people[0]
    heard: list[events.Changes] = []
    unsubscribe = events.subscribe(heard.append)
    try:
        update_customer(branch, cid, replace(data, tag_ids=[tag], people=[
            PersonInput(person.name, person.title, None, id=person.id)]))
        update_customer(branch, cid, replace(data, tag_ids=[tag], people=[
            PersonInput(person.name, "总经理", None, id=person.id)]))
        tags.set_customer_tags(branch, cid, [])
    finally:
        unsubscribe()
    assert [set(c.entities) for c in heard] == [{"customer_tag", "customer"},
                                                {"customer_person", "customer"},
                                                {"customer_tag", "customer"}]
    assert all(c.entities["customer"] == {cid} for c in heard)


def test_contact_people_are_matched_by_id_not_by_place(branch: Branch) -> None:
    first_phone, second_phone = unique_mobile(), unique_mobile()
    data = enterprise(people=[PersonInput("联系人甲", "经理", first_phone),
                              PersonInput("联系人乙", "会计", second_phone)])
    cid = create_customer(branch, data)
    first, second = get_customer(branch, cid).people
    # The form deleted the first person; the second comes back first, phone unseen.
    update_customer(branch, cid, replace(data, people=[
        PersonInput("联系人乙", "会计", None, id=second.id),
        PersonInput("联系人丙", "出纳", None)]))
    stored = get_customer(branch, cid, reveal=True).people
    assert (stored[0].id, stored[0].name, stored[0].phone) == (second.id, "联系人乙",
                                                               second_phone)
    assert (stored[1].name, stored[1].phone) == ("联系人丙", "")
    assert stored[1].id not in (first.id, second.id)
    assert first.id not in {p.id for p in stored}
    # A mask typed back keeps its own person's phone; on another person it is no number.
    with pytest.raises(ValidationErrors) as info:
        update_customer(branch, cid, replace(data, people=[
            PersonInput("联系人乙", "会计", second.phone, id=second.id),
            PersonInput("联系人丙", "出纳", second.phone, id=stored[1].id)]))
    assert list(info.value.by_field()) == ["people[1].phone"]


def test_a_person_removed_meanwhile_is_refused_not_guessed(branch: Branch) -> None:
    data = enterprise(people=[PersonInput("联系人甲", "经理", unique_mobile())])
    cid = create_customer(branch, data)
    [person] = get_customer(branch, cid).people
    with pytest.raises(ValidationErrors) as info:
        update_customer(branch, cid, replace(data, people=[
            PersonInput("联系人甲", "经理", None, id="0190-missing")]))
    assert "people[0]" in info.value.by_field()
    with pytest.raises(ValidationErrors) as info:
        update_customer(branch, cid, replace(data, people=[
            PersonInput("联系人甲", "经理", None, id=person.id),
            PersonInput("联系人甲", "经理", None, id=person.id)]))
    assert "people[1]" in info.value.by_field()


def test_update_checks_the_form_too(branch: Branch) -> None:
    cid = create_customer(branch, individual())
    with pytest.raises(ValidationErrors) as info:
        update_customer(branch, cid, individual(postal_code="abc"))
    assert "postal_code" in info.value.by_field()


def test_gender_is_checked_against_the_stored_id_when_kept(branch: Branch) -> None:
    data = individual(id_number=resident_id())
    cid = create_customer(branch, data)
    with pytest.raises(ValidationErrors) as info:
        update_customer(branch, cid, replace(data, id_number=None, gender="female"))
    assert "gender" in info.value.by_field()


# --- masking and reveal ---------------------------------------------------------------


def test_clerk_sees_masked_numbers_and_cannot_reveal(demo_login: object) -> None:
    admin: Branch = demo_login("admin")  # type: ignore[operator]
    cid = create_customer(admin, individual(mobile="13800138000",
                                            id_number="440106199005171236"))
    clerk: Branch = demo_login("clerk1")  # type: ignore[operator]
    detail = get_customer(clerk, cid)
    assert detail.mobile == "138****8000" and detail.id_number == "440106************"
    assert not detail.revealed
    with pytest.raises(PermissionDenied):
        get_customer(clerk, cid, reveal=True)
    with pytest.raises(PermissionDenied):
        reveal_field(clerk, cid, "mobile")


def test_reveal_is_audited_with_field_names_only(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(manager, individual(mobile="13800138000", id_number=resident_id()))
    detail = get_customer(manager, cid, reveal=True)
    assert detail.mobile == "13800138000" and detail.revealed
    [row] = audit_rows(manager, "customer.revealed", cid)
    assert audit_detail(row) == {"fields": ["mobile", "id_number"]}
    assert row.username == "manager1"
    assert reveal_field(manager, cid, "id_number") == resident_id()
    rows = audit_rows(manager, "customer.revealed", cid)
    assert audit_detail(rows[-1]) == {"fields": ["id_number"]}
    assert "13800138000" not in all_audit_text(manager)


def test_reveal_a_contact_persons_phone(branch: Branch) -> None:
    phone = unique_mobile()
    cid = create_customer(branch, enterprise(people=[PersonInput("联系人甲", "", phone)]))
    person = get_customer(branch, cid).people[0]
    assert person.phone != phone
    assert reveal_field(branch, cid, "person_phone", person_id=person.id) == phone
    with pytest.raises(ValidationError):
        reveal_field(branch, cid, "name")
    with pytest.raises(NotFound):
        reveal_field(branch, cid, "person_phone", person_id="missing")


# --- visibility -----------------------------------------------------------------------


def test_managers_see_only_their_own_customers(demo_login: object) -> None:
    m1: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(m1, individual())
    m1_id = m1.actor.user_id
    m2: Branch = demo_login("manager2")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        get_customer(m2, cid)
    with pytest.raises(PermissionDenied):
        update_customer(m2, cid, individual())
    with pytest.raises(PermissionDenied):
        delete_customer(m2, cid)
    with m2.session() as s:
        seen = set(s.execute(select(Customer.owner_id).where(visible_clause(m2.actor)))
                   .scalars())
    assert seen <= {m2.actor.user_id}
    clerk: Branch = demo_login("clerk1")  # type: ignore[operator]
    assert get_customer(clerk, cid).owner_id == m1_id
    with clerk.session() as s:
        assert s.execute(select(Customer.id).where(visible_clause(clerk.actor),
                                                   Customer.id == cid)).first()


def test_missing_customer_is_not_found(branch: Branch) -> None:
    with pytest.raises(NotFound):
        get_customer(branch, "0" * 32)


# --- recycle bin and purge -------------------------------------------------------------


def test_delete_and_restore_through_the_recycle_bin(branch: Branch) -> None:
    data = individual()
    cid = create_customer(branch, data)
    delete_customer(branch, cid)
    assert get_customer(branch, cid).deleted_at is not None
    with pytest.raises(Conflict):
        update_customer(branch, cid, data)
    with pytest.raises(Conflict):
        delete_customer(branch, cid)
    restore_customer(branch, cid)
    assert get_customer(branch, cid).deleted_at is None
    with pytest.raises(Conflict):
        restore_customer(branch, cid)
    assert len(audit_rows(branch, "customer.deleted", cid)) == 1
    assert len(audit_rows(branch, "customer.restored", cid)) == 1
    ops = [(e.op, sorted(e.changes or {})) for e in changes(branch, "customer", cid)]
    assert ops[-2:] == [("update", ["deleted_at"]), ("update", ["deleted_at"])]


def test_clerk_cannot_delete(demo_login: object) -> None:
    admin: Branch = demo_login("admin")  # type: ignore[operator]
    cid = create_customer(admin, individual())
    clerk: Branch = demo_login("clerk1")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        delete_customer(clerk, cid)


def test_purge_is_for_admins_and_only_from_the_recycle_bin(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(manager, individual())
    delete_customer(manager, cid)
    with pytest.raises(PermissionDenied):
        purge_customer(manager, cid)
    admin: Branch = demo_login("admin")  # type: ignore[operator]
    live = create_customer(admin, individual())
    with pytest.raises(Conflict):
        purge_customer(admin, live)
    purge_customer(admin, cid)
    with pytest.raises(NotFound):
        get_customer(admin, cid)


def test_purge_removes_dependants_and_leaves_tombstones(branch: Branch) -> None:
    tag = tags.create_tag(branch, "attribute", "老客户")
    cid = create_customer(branch, enterprise(tag_ids=[tag]))
    att = add_attachment(branch, "customer", cid, "合同.pdf", PDF)
    delete_customer(branch, cid)
    with branch.session() as s:
        person_id = s.execute(select(CustomerPerson.id)
                              .where(CustomerPerson.customer_id == cid)).scalar_one()
    removed = purge_customer(branch, cid)
    assert removed == {"customer_people": 1, "customer_stage_changes": 1,
                       "customer_tags": 1, "attachments": 1}
    with branch.session() as s:
        for model in (CustomerPerson, StageChange, CustomerTag):
            assert not s.execute(select(model).where(model.customer_id == cid)).first()
        assert s.get(Attachment, att.id) is None
        assert s.get(Customer, cid) is None
    assert changes(branch, "customer", cid)[-1].op == "delete"
    assert changes(branch, "customer_person", person_id)[-1].op == "delete"
    assert changes(branch, "attachment", att.id)[-1].op == "delete"
    [row] = audit_rows(branch, "customer.purged", cid)
    assert audit_detail(row)["removed"] == removed
    assert tags.list_tags(branch)  # the tag itself stays in the catalogue


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(valid_inputs())
def test_valid_generated_inputs_are_saved_and_read_back(branch: Branch,
                                                        data: CustomerInput) -> None:
    cid = create_customer(branch, data)
    detail = get_customer(branch, cid, reveal=True)
    out = records.validate_input(data)
    assert (detail.name, detail.customer_type, detail.stage) == (
        out["name"], out["customer_type"], out["stage"])
    assert detail.mobile == (out["mobile"] or "")
    assert detail.id_number == (out["id_number"] or "")


def test_purge_removes_records_of_tables_added_later(branch: Branch) -> None:
    from postcrm_desktop.store.models.contacts import ContactRecord, Task
    from postcrm_desktop.store.types import utcnow

    cid = create_customer(branch, individual())
    with branch.session() as s, transaction(s, branch.actor):
        task = Task(customer_id=cid, title="回访", due_at=utcnow())
        s.add(task)
        s.flush()
        s.add(ContactRecord(customer_id=cid, at=utcnow(), channel="phone", content="沟通",
                            task_id=task.id))
    delete_customer(branch, cid)
    removed = purge_customer(branch, cid)
    assert removed["tasks"] == 1 and removed["contact_records"] == 1
    with branch.session() as s:
        assert not s.execute(select(Task).where(Task.customer_id == cid)).first()
        assert not s.execute(select(ContactRecord)
                             .where(ContactRecord.customer_id == cid)).first()
