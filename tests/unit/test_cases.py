"""Case library services: writing, drafts from complaints without customer data, search
(Chinese substrings, pinyin full and initials), suggestions, permissions, audit, sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationErrors,
)
from postcrm_desktop.services import cases, events
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.cases import CaseInput
from postcrm_desktop.services.customers.records import create_customer
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.store.models.system import ChangeEntry
from tests.unit.complaint_support import file_complaint, walk
from tests.unit.customer_data import all_audit_text, audit_rows, individual

Login = Callable[[str], Branch]
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def case_input(**overrides: object) -> CaseInput:
    values: dict[str, object] = {
        "title": "包裹延误物流信息不更新",
        "category": "延误",
        "problem": "客户反映包裹多日未到，物流信息停在处理中心不更新。",
        "cause": "处理中心积压，扫描漏记。",
        "solution": "联系处理中心核实位置，告知客户预计送达时间，超时可申请赔偿。",
        "tags": "延误，查询、赔偿",
    }
    values.update(overrides)
    return CaseInput(**values)  # type: ignore[arg-type]


def _resolved_complaint(branch: Branch, **overrides: object) -> tuple[str, str]:
    customer = create_customer(branch, individual(name="钱多多", mobile="13912345678",
                                                  address="示例路88号"))
    complaint = file_complaint(branch, customer, **overrides)
    walk(branch, complaint, "resolved")
    return customer, complaint


# --- writing ------------------------------------------------------------------------------

def test_a_case_written_by_hand_is_stored_audited_logged_and_announced(branch: Branch) -> None:
    heard: list[events.Changes] = []
    stop = events.subscribe(heard.append)
    try:
        case_id = cases.create_case(branch, case_input())
    finally:
        stop()
    detail = cases.get_case(branch, case_id)
    assert detail.row.title == "包裹延误物流信息不更新"
    assert detail.row.category == "delay" and detail.row.category_name == "延误"
    assert detail.row.tags == ("延误", "查询", "赔偿")
    assert detail.row.origin == "local" and detail.row.editable and detail.row.active
    assert detail.cause == "处理中心积压，扫描漏记。"
    assert any(c.touches("case") and case_id in c.entities["case"] for c in heard)
    assert [r.action for r in audit_rows(branch, "case.created", case_id)] == ["case.created"]
    with branch.session() as s:
        row = s.get(Case, case_id)
        assert row is not None and len(row.id) == 32 and row.version and row.site_id
        entry = s.execute(select(ChangeEntry).where(ChangeEntry.entity == "case")).scalar_one()
        assert entry.op == "insert" and entry.entity_id == case_id
        assert "search_no" not in entry.changes and entry.changes["origin"] == "local"


def test_every_wrong_field_is_named_and_nothing_is_saved(branch: Branch) -> None:
    bad = case_input(title=" ", category="没有这个", problem="", solution="回电 13812348000",
                     tags=["x" * 17])
    with pytest.raises(ValidationErrors) as caught:
        cases.create_case(branch, bad)
    by_field = caught.value.by_field()
    assert by_field["title"] == "请填写标题"
    assert "没有这个问题分类" in by_field["category"]
    assert by_field["problem"] == "请填写问题描述"
    assert "号码" in by_field["solution"] and "13812348000" not in by_field["solution"]
    assert "16" in by_field["tags"]
    assert cases.search_cases(branch) == []


def test_edit_retire_and_restore(branch: Branch) -> None:
    case_id = cases.create_case(branch, case_input())
    cases.update_case(branch, case_id, case_input(title="挂号信延误怎么查询", tags=""))
    row = cases.get_case(branch, case_id).row
    assert row.title == "挂号信延误怎么查询" and row.tags == ()
    assert audit_rows(branch, "case.edited", case_id)
    cases.retire_case(branch, case_id, now=NOW)
    detail = cases.get_case(branch, case_id)
    assert not detail.row.active and detail.retired_at == NOW
    assert cases.search_cases(branch, "挂号信") == []
    assert [r.id for r in cases.search_cases(branch, "挂号信", include_retired=True)] == [case_id]
    cases.restore_case(branch, case_id)
    assert [r.id for r in cases.search_cases(branch, "挂号信")] == [case_id]
    with pytest.raises(NotFound):
        cases.get_case(branch, "0" * 32)


def test_clerks_read_but_cannot_write_managers_can(demo_login: Login) -> None:
    admin = demo_login("admin")
    case_id = cases.create_case(admin, case_input(title="寄递违禁品如何解释"))
    clerk = demo_login("clerk1")
    assert case_id in [r.id for r in cases.search_cases(clerk, "违禁品")]
    assert not cases.get_case(clerk, case_id).row.editable
    with pytest.raises(PermissionDenied):
        cases.create_case(clerk, case_input())
    with pytest.raises(PermissionDenied):
        cases.retire_case(clerk, case_id)
    manager = demo_login("manager1")
    cases.update_case(manager, case_id, case_input(title="寄递违禁品如何向客户解释"))
    analyst = demo_login("analyst1")
    assert cases.get_case(analyst, case_id).row.title == "寄递违禁品如何向客户解释"


def test_cases_published_by_hq_are_read_only(branch: Branch) -> None:
    case_id = cases.create_case(branch, case_input())
    with branch.session() as s, s.begin():  # as a sync import would write it
        row = s.get(Case, case_id)
        assert row is not None
        row.origin, row.published_by = "hq", "总部客服部"
    assert not cases.get_case(branch, case_id).row.editable
    with pytest.raises(Conflict, match="总部发布"):
        cases.update_case(branch, case_id, case_input(title="改"))
    with pytest.raises(Conflict, match="总部发布"):
        cases.retire_case(branch, case_id)


# --- from a complaint ---------------------------------------------------------------------

def test_a_resolved_complaint_drafts_a_case_without_the_customers_data(branch: Branch) -> None:
    _customer, complaint = _resolved_complaint(
        branch, description="钱多多女士（13912345678）家住示例路88号，邮件号EA123456785CN的"
                            "包裹延误五天。钱多多很着急。", waybill_no="EA123456785CN")
    draft = cases.draft_from_complaint(branch, complaint)
    texts = " ".join((draft.input.title, draft.input.problem, draft.input.solution))
    for secret in ("钱", "13912345678", "示例路88号", "EA123456785CN"):
        assert secret not in texts
    assert draft.input.problem.startswith("客户（［已隐去］）家住［已隐去］")
    assert draft.input.category == "delay" and draft.removed >= 4
    assert draft.input.solution == "已联系处理中心核实，包裹已送达"
    case_id = cases.create_case(branch, draft.input)
    assert cases.case_of_complaint(branch, complaint) == case_id
    assert cases.get_case(branch, case_id).source_complaint_number.startswith("TS-")
    with pytest.raises(Conflict, match="已转为案例"):
        cases.draft_from_complaint(branch, complaint)
    assert "钱多多" not in all_audit_text(branch)


def test_the_customers_name_typed_back_into_a_draft_is_refused(branch: Branch) -> None:
    _customer, complaint = _resolved_complaint(branch)
    draft = cases.draft_from_complaint(branch, complaint).input
    draft.solution = "已回电钱女士说明情况"
    with pytest.raises(ValidationErrors) as caught:
        cases.create_case(branch, draft)
    assert caught.value.by_field() == {
        "solution": "解决方案含有该投诉客户的姓名或称呼，请改为“客户”"}
    case_id = cases.create_case(branch, case_input(source_complaint_id=complaint))
    with pytest.raises(ValidationErrors):  # still checked on every later edit
        cases.update_case(branch, case_id, case_input(cause="钱多多寄错了地址"))


def test_only_resolved_or_closed_complaints_become_cases(branch: Branch) -> None:
    customer = create_customer(branch, individual())
    complaint = file_complaint(branch, customer)
    with pytest.raises(Conflict, match="已解决"):
        cases.draft_from_complaint(branch, complaint)
    walk(branch, complaint, "closed")
    assert cases.draft_from_complaint(branch, complaint).input.source_complaint_id == complaint


# --- search and suggestions ---------------------------------------------------------------

@pytest.fixture
def library(branch: Branch) -> dict[str, str]:
    ids = {
        "delay": cases.create_case(branch, case_input()),
        "customs": cases.create_case(branch, case_input(
            title="国际包裹海关扣留", category="其他", problem="寄往国外的包裹被海关扣留。",
            cause="", solution="告知客户按海关通知补充申报材料。", tags="海关 国际")),
        "damage": cases.create_case(branch, case_input(
            title="易碎品破损理赔", category="破损", problem="收到的瓷器摔坏。",
            solution="拍照留证，按保价理赔流程办理。", tags="理赔")),
    }
    return ids


@pytest.mark.parametrize(("query", "expected"), [
    ("延误", {"delay"}),  # two characters
    ("延", {"delay"}),  # one character of the title
    ("物流信息", {"delay"}),  # substring
    ("海关扣留", {"customs"}),
    ("补充申报", {"customs"}),  # the solution's text
    ("yanwu", {"delay"}),  # full pinyin of a word inside the title
    ("yw", {"delay"}),  # initials
    ("haiguan", {"customs"}),
    ("hg kl", {"customs"}),  # initials typed with a space (海关扣留)
    ("lipei", {"damage"}),  # a tag
    ("ＹＡＮＷＵ", {"delay"}),  # full-width letters
    ("破损 理赔", {"damage"}),
    ("破损 海关", set()),
    ("！！", set()),
])
def test_search_as_you_type(branch: Branch, library: dict[str, str], query: str,
                            expected: set[str]) -> None:
    found = {r.id for r in cases.search_cases(branch, query)}
    assert found == {library[k] for k in expected}


def test_title_hits_come_first_and_blank_lists_everything(branch: Branch,
                                                          library: dict[str, str]) -> None:
    cases.create_case(branch, case_input(title="包裹查询", problem="问理赔进度",
                                         tags="", category="其他"))
    found = cases.search_cases(branch, "理赔")
    assert found[0].id == library["damage"]
    assert len(cases.search_cases(branch, "")) == 4
    assert [r.id for r in cases.search_cases(branch, "", category="damage")] == [library["damage"]]


def test_renamed_case_is_found_by_its_new_title_only(branch: Branch, library: dict[str, str]
                                                     ) -> None:
    cases.update_case(branch, library["customs"], case_input(
        title="国际邮件退回", category="其他", problem="国际邮件被退回。", cause="",
        solution="核对地址后重寄。", tags=""))
    assert cases.search_cases(branch, "haiguan") == []
    assert [r.id for r in cases.search_cases(branch, "tuihui")] == [library["customs"]]
    with branch.session() as s:
        keys = s.execute(text("SELECT count(*) FROM case_pinyin WHERE key LIKE 'haiguan%'"))
        assert keys.scalar() == 0


def test_suggestions_need_the_category_and_the_text_to_match(branch: Branch,
                                                             library: dict[str, str]) -> None:
    said = "我的包裹延误了一周，物流信息一直不更新"
    assert [r.id for r in cases.suggest_cases(branch, "delay", said)] == [library["delay"]]
    assert cases.suggest_cases(branch, "damage", said) == []  # other category
    assert cases.suggest_cases(branch, "delay", "营业时间是几点") == []  # other question
    assert cases.suggest_cases(branch, "delay", "") == []
    cases.retire_case(branch, library["delay"])
    assert cases.suggest_cases(branch, "delay", said) == []


def test_suggestions_best_first_at_most_three(branch: Branch) -> None:
    ids = [cases.create_case(branch, case_input(title=f"包裹延误第{n}类", problem="包裹延误"
                                                + "物流信息不更新" * (n > 2)))
           for n in range(5)]
    found = [r.id for r in cases.suggest_cases(branch, "delay", "包裹延误物流信息不更新")]
    assert len(found) == 3 and set(found) <= set(ids[3:] + ids[:3])
    assert set(found[:2]) == set(ids[3:])


def test_the_demo_library_has_hq_cases_and_a_case_from_a_complaint(demo_login: Login) -> None:
    from postcrm_desktop.store.models.customers import Customer

    branch = demo_login("admin")
    rows = cases.search_cases(branch, limit=50)
    assert len(rows) >= 8
    assert {r.origin for r in rows} == {"local", "hq"}
    converted = [r for r in rows if r.source_complaint_id]
    assert converted
    detail = cases.get_case(branch, converted[0].id)
    with branch.session() as s:
        names = set(s.execute(select(Customer.name)).scalars())
    texts = " ".join((detail.row.title, detail.problem, detail.cause, detail.solution))
    assert not [n for n in names if n in texts]


def test_an_existing_branch_gets_the_library_and_the_grant_on_upgrade(branch: Branch) -> None:
    from alembic import command

    from postcrm_desktop.services import auth
    from postcrm_desktop.store import migrate
    from tests.conftest import ADMIN_PASSWORD

    cfg = migrate._config()
    with branch.db.engine.begin() as conn:  # the branch as the previous version left it
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
        assert not conn.exec_driver_sql(
            "SELECT count(*) FROM role_permissions WHERE permission = 'cases.edit'").scalar()
    path = branch.path
    branch.close()
    again = auth.login(path, "admin", ADMIN_PASSWORD)
    try:
        with again.session() as s:
            granted = set(s.execute(text("SELECT role FROM role_permissions "
                                         "WHERE permission = 'cases.edit'")).scalars())
        assert granted == {"branch_admin", "account_manager"}
        case_id = cases.create_case(again, case_input())
        assert [r.id for r in cases.search_cases(again, "yanwu")] == [case_id]
    finally:
        again.close()


def test_a_drafts_title_is_the_first_clause_of_the_description(branch: Branch) -> None:
    _customer, complaint = _resolved_complaint(
        branch, description="寄往武汉的挂号信延误十天，物流信息不更新。客户很着急。")
    draft = cases.draft_from_complaint(branch, complaint).input
    assert draft.title == "寄往武汉的挂号信延误十天"
    assert draft.problem == "寄往武汉的挂号信延误十天，物流信息不更新。客户很着急。"


def test_the_audit_log_names_a_case_edit_in_words(branch: Branch) -> None:
    from postcrm_desktop.services import audit_log

    case_id = cases.create_case(branch, case_input())
    cases.update_case(branch, case_id, case_input(title="挂号信延误", tags="挂号信"))
    [edited] = audit_log.page(branch, action="case.edited")
    assert edited.summary() == "修改案例 挂号信延误"
    assert "字段：案例标题、案例标签" in edited.detail_text()
    assert "职务" not in edited.detail_text()
    assert "Fields: Case title, Case tags" in edited.detail_text("en")


def test_texts_typed_with_spaces_or_full_width_letters_are_found(branch: Branch) -> None:
    case_id = cases.create_case(branch, case_input(title="包裹　延误 ＥＭＳ查询", tags="国际 邮件"))
    for query in ("包裹延误", "包裹 延误", "EMS查询", "ems", "baoguoyanwu"):
        assert [r.id for r in cases.search_cases(branch, query)] == [case_id], query


def test_a_name_with_a_middle_dot_is_kept_out_typed_with_or_without_it(branch: Branch) -> None:
    customer = create_customer(branch, individual(name="买买提·艾力"))
    complaint = file_complaint(branch, customer,
                               description="买买提艾力的包裹延误，买买提 • 艾力先生很着急")
    walk(branch, complaint, "resolved")
    draft = cases.draft_from_complaint(branch, complaint).input
    assert "买买提" not in draft.problem and "艾力" not in draft.problem
    assert draft.problem == "客户的包裹延误，客户很着急"
