"""The tag catalogue and customers' tags."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.records import create_customer, get_customer
from postcrm_desktop.services.customers.tags import (
    create_tag,
    delete_tag,
    list_tags,
    rename_tag,
    set_customer_tags,
)
from postcrm_desktop.store.models.customers import CustomerTag
from tests.unit.customer_data import audit_detail, audit_rows, changes, individual


def test_catalogue_is_listed_in_group_order_then_by_name(branch: Branch) -> None:
    create_tag(branch, "情感", "满意")
    create_tag(branch, "attribute", "退休")
    create_tag(branch, "attribute", "个体户", "#3a7bd5")
    create_tag(branch, "behavior", "常来网点")
    listed = list_tags(branch)
    assert [(t.tag_group, t.name) for t in listed] == [
        ("attribute", "个体户"), ("attribute", "退休"), ("behaviour", "常来网点"),
        ("sentiment", "满意")]
    assert listed[0].color == "#3A7BD5"
    assert [t.name for t in list_tags(branch, "情感")] == ["满意"]


def test_create_refuses_bad_input_naming_the_field(branch: Branch) -> None:
    create_tag(branch, "need", "理财")
    with pytest.raises(ValidationError) as one:
        create_tag(branch, "need", " 理财 ")
    assert one.value.field == "name"
    with pytest.raises(ValidationErrors) as many:
        create_tag(branch, "colour", "", "red")
    assert set(many.value.by_field()) == {"tag_group", "name", "color"}
    with pytest.raises(ValidationErrors) as long:
        create_tag(branch, "need", "长" * 33)
    assert "name" in long.value.by_field()
    create_tag(branch, "value", "理财")  # the same name in another group is fine


def test_only_admins_edit_the_catalogue(demo_login: object) -> None:
    manager: Branch = demo_login("manager1")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        create_tag(manager, "need", "保险")


def test_rename_keeps_assignments_and_is_audited(branch: Branch) -> None:
    tag = create_tag(branch, "need", "理财")
    cid = create_customer(branch, individual(tag_ids=[tag]))
    rename_tag(branch, tag, "理财产品", "#112233")
    assert [t.name for t in get_customer(branch, cid).tags] == ["理财产品"]
    assert len(audit_rows(branch, "tag.renamed", tag)) == 1
    other = create_tag(branch, "need", "保险")
    with pytest.raises(ValidationError):
        rename_tag(branch, other, "理财产品")
    with pytest.raises(NotFound):
        rename_tag(branch, "missing", "x")


def test_delete_in_use_needs_confirmation(branch: Branch) -> None:
    tag = create_tag(branch, "value", "高价值")
    cid = create_customer(branch, individual(tag_ids=[tag]))
    with pytest.raises(Conflict, match="1 位客户"):
        delete_tag(branch, tag)
    assert delete_tag(branch, tag, remove_assignments=True) == 1
    assert get_customer(branch, cid).tags == []
    assert list_tags(branch) == []
    [row] = audit_rows(branch, "tag.deleted", tag)
    assert audit_detail(row)["removed_from"] == 1
    assert changes(branch, "tag", tag)[-1].op == "delete"


def test_unused_tag_deletes_without_confirmation(branch: Branch) -> None:
    tag = create_tag(branch, "value", "低价值")
    assert delete_tag(branch, tag) == 0


def test_set_customer_tags_adds_and_removes_with_audit(branch: Branch) -> None:
    a = create_tag(branch, "need", "理财")
    b = create_tag(branch, "need", "保险")
    c = create_tag(branch, "behaviour", "线上")
    cid = create_customer(branch, individual(tag_ids=[a, b]))
    set_customer_tags(branch, cid, [b, c, c])
    assert {t.id for t in get_customer(branch, cid).tags} == {b, c}
    [row] = audit_rows(branch, "customer.tags_changed", cid)
    assert audit_detail(row) == {"added": [c], "removed": [a]}
    set_customer_tags(branch, cid, [c, b])  # same set: nothing written
    assert len(audit_rows(branch, "customer.tags_changed", cid)) == 1
    with branch.session() as s:
        pairs = s.execute(select(func.count()).select_from(CustomerTag)
                          .where(CustomerTag.customer_id == cid)).scalar_one()
    assert pairs == 2


def test_set_customer_tags_refuses_unknown_tags_and_strangers(demo_login: object) -> None:
    m1: Branch = demo_login("manager1")  # type: ignore[operator]
    cid = create_customer(m1, individual())
    with pytest.raises(ValidationError) as info:
        set_customer_tags(m1, cid, ["missing"])
    assert info.value.field == "tag_ids"
    m2: Branch = demo_login("manager2")  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        set_customer_tags(m2, cid, [])


# --- managing the catalogue: merge, retire, defaults ------------------------------------


def test_merge_moves_the_customers_to_the_other_tag_in_one_step(branch: Branch) -> None:
    from postcrm_desktop.services.customers.tags import merge_tags, tag_usage

    old = create_tag(branch, "need", "理财")
    new = create_tag(branch, "need", "理财需求")
    only_old = create_customer(branch, individual(tag_ids=[old]))
    both = create_customer(branch, individual(name="测试乙", tag_ids=[old, new]))
    assert tag_usage(branch) == {old: 2, new: 1}
    assert merge_tags(branch, old, new) == 1  # the one that had both keeps one
    assert [t.id for t in get_customer(branch, only_old).tags] == [new]
    assert [t.id for t in get_customer(branch, both).tags] == [new]
    assert [t.name for t in list_tags(branch)] == ["理财需求"]
    assert tag_usage(branch) == {new: 2}
    [row] = audit_rows(branch, "tag.merged", new)
    assert audit_detail(row)["moved"] == 1
    with pytest.raises(ValidationError):
        merge_tags(branch, new, new)
    with pytest.raises(NotFound):
        merge_tags(branch, old, new)


def test_a_retired_tag_stays_on_its_customers_but_is_not_offered(branch: Branch) -> None:
    from postcrm_desktop.services.customers.tags import set_tag_active

    tag = create_tag(branch, "value", "高价值")
    other = create_tag(branch, "value", "潜力")
    cid = create_customer(branch, individual(tag_ids=[tag]))
    fresh = create_customer(branch, individual(name="测试乙"))
    set_tag_active(branch, tag, False)
    assert [t.id for t in list_tags(branch)] == [other]
    assert {(t.id, t.active) for t in list_tags(branch, include_retired=True)} == {
        (other, True), (tag, False)}
    assert [t.id for t in get_customer(branch, cid).tags] == [tag]
    set_customer_tags(branch, cid, [tag, other])  # kept where it was
    with pytest.raises(ValidationError, match="停用"):
        set_customer_tags(branch, fresh, [tag])
    assert audit_rows(branch, "tag.retired", tag)
    set_tag_active(branch, tag, True)
    set_customer_tags(branch, fresh, [tag])
    assert audit_rows(branch, "tag.restored", tag)


def test_managing_tags_is_for_the_branch_admin(branch: Branch) -> None:
    from postcrm_desktop.services.customers.tags import merge_tags, set_tag_active
    from tests.unit.contact_data import add_staff, manager

    a = create_tag(branch, "need", "理财")
    b = create_tag(branch, "need", "保险")
    staff = add_staff(branch)
    someone = manager(branch, staff)
    for call in (lambda: merge_tags(someone, a, b), lambda: set_tag_active(someone, a, False),
                 lambda: create_tag(someone, "need", "新"), lambda: rename_tag(someone, a, "新")):
        with pytest.raises(PermissionDenied):
            call()


def test_a_new_branch_starts_with_the_default_tags_in_all_five_groups(tmp_path) -> None:
    from postcrm_desktop.core.customer_enums import TagGroup
    from postcrm_desktop.services import auth
    from postcrm_desktop.services.customers.tags import DEFAULT_TAGS, add_default_tags

    path = tmp_path / "new.db"
    auth.init_branch(path, branch_code="SZ01", branch_name="新支局", admin_username="admin",
                     admin_password="Admin1234")
    b = auth.login(path, "admin", "Admin1234")
    try:
        listed = list_tags(b)
        assert len(listed) == len(DEFAULT_TAGS) >= 10
        assert {t.tag_group for t in listed} == {str(g) for g in TagGroup}
        assert add_default_tags(b) == 0  # already there
    finally:
        b.close()
