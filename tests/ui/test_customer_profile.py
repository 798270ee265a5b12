"""客户画像: key facts, masked numbers with an audited reveal, attachments, timeline;
疑似重复: pairs and the field-by-field merge dialog."""

from __future__ import annotations

import sys
import types
from datetime import UTC, datetime

from postcrm_desktop.services import audit_log
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import attachments, records, tags
from postcrm_desktop.services.customers.types import CustomerInput, PersonInput
from postcrm_desktop.ui.pages import customer_profile
from postcrm_desktop.ui.pages.customer_duplicates import DuplicatesTab
from postcrm_desktop.ui.pages.customer_merge import MergeDialog
from postcrm_desktop.ui.pages.customer_profile import CustomerProfile
from postcrm_desktop.ui.qt import QMessageBox
from tests.ui.fakes import make_context

PDF = b"%PDF-1.4\n% synthetic test file\n"


def _customer(branch: Branch, **kw: object) -> str:
    values: dict[str, object] = {"customer_type": "individual", "name": "测试甲",
                                 "mobile": "13812348000", "id_number": "440106199005171236",
                                 "district": "天河区", "address": "测试路1号"}
    values.update(kw)
    return records.create_customer(branch, CustomerInput(**values))  # type: ignore[arg-type]


def _profile(qtbot, branch: Branch, customer_id: str) -> CustomerProfile:
    profile = CustomerProfile(make_context(branch))
    qtbot.addWidget(profile)
    profile.show()
    assert profile.load(customer_id)
    return profile


def test_profile_shows_key_facts_tags_and_stage_history(qtbot, branch) -> None:
    vip = tags.create_tag(branch, "value", "高价值")
    cid = _customer(branch, tier="gold", tag_ids=[vip], needs="想办理集邮")
    records.update_customer(branch, cid, CustomerInput(
        customer_type="individual", name="测试甲", mobile=None, id_number=None,
        landline=None, district="天河区", address="测试路1号", tier="gold", stage="intent",
        tag_ids=[vip], needs="想办理集邮"))
    p = _profile(qtbot, branch, cid)
    assert p.title.text() == "测试甲"
    assert p.facts["tier"].text() == "金卡"
    assert p.facts["stage"].text().startswith("意向")
    assert p.facts["gender"].text() == "男", "taken from the ID number"
    assert p.facts["mobile"].text() == "138****8000"
    assert p.tags_label.text() == "价值：高价值"
    assert p.stages.rowCount() == 2 and "潜在 → 意向" in p.stages.item(0, 1).text()
    assert "想办理集邮" in p.needs.toPlainText()


def test_clerk_sees_masked_numbers_without_a_reveal_button(qtbot, demo_login) -> None:
    admin = demo_login("admin")
    cid = _customer(admin)
    clerk = demo_login("clerk1")
    p = _profile(qtbot, clerk, cid)
    assert p.facts["mobile"].text() == "138****8000"
    assert p.facts["id_number"].text() == "440106************"
    assert p.facts["birthday"].text() == "****-05-17", "month and day only: no birth year"
    assert not any(b.isVisibleTo(p) for b in p.reveal_buttons.values())
    assert p.reveal("mobile") is None
    assert p.facts["mobile"].text() == "138****8000"


def test_reveal_shows_one_number_and_is_audited(qtbot, demo_login) -> None:
    admin = demo_login("admin")
    manager_id = next(o.id for o in records.list_owners(admin) if o.username == "manager1")
    cid = _customer(admin, owner_id=manager_id)
    manager = demo_login("manager1")
    p = _profile(qtbot, manager, cid)
    button = p.reveal_buttons["mobile"]
    assert button.isVisibleTo(p)
    button.click()
    assert p.facts["mobile"].text() == "13812348000"
    assert not button.isVisibleTo(p)
    assert p.facts["id_number"].text() == "440106************", "only the one asked for"
    rows = audit_log.page(demo_login("admin"), action="customer.revealed")
    assert [(r.username, r.entity_id, r.detail) for r in rows] == [
        ("manager1", cid, {"fields": ["mobile"]})]


def test_reveal_a_contact_persons_phone(qtbot, branch) -> None:
    cid = records.create_customer(branch, CustomerInput(
        customer_type="enterprise", name="测试商贸", company="测试商贸有限公司",
        people=[PersonInput("联系人乙", "经理", "13900001111")]))
    p = _profile(qtbot, branch, cid)
    assert p.people.item(0, 2).text() == "139****1111"
    p.people_view.setCurrentIndex(p.people.index(0, 0))
    assert p.reveal_person() == "13900001111"
    assert p.people.item(0, 2).text() == "13900001111"


def test_attachments_add_save_and_remove(qtbot, branch, tmp_path, monkeypatch) -> None:
    cid = _customer(branch)
    p = _profile(qtbot, branch, cid)
    box = p.attachments
    src = tmp_path / "合同.pdf"
    src.write_bytes(PDF)
    box.add_file(src)
    assert box.filenames() == ["合同.pdf"]
    assert p.ctx.tasks.titles == ["正在添加附件…"], "read and stored in the background"

    big = tmp_path / "scan.pdf"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, msg, *a: warned.append(msg))
    box.add_file(big)
    assert warned and "20 MB" in warned[0] and box.filenames() == ["合同.pdf"]
    assert len(p.ctx.tasks.titles) == 1, "a file too big is refused before it is read"

    assert box.select("合同.pdf")
    out = tmp_path / "copy.pdf"
    box.save_to(box.selected(), out)  # type: ignore[arg-type]
    assert out.read_bytes() == PDF
    assert audit_log.page(branch, action="attachment.opened")

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    box.remove_selected()
    assert box.filenames() == ["合同.pdf"], "nothing removed without a yes"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    box.remove_selected()
    assert box.filenames() == []
    assert attachments.list_attachments(branch, "customer", cid) == []


def test_timeline_says_no_records_until_an_area_provides_one(qtbot, branch,
                                                              monkeypatch) -> None:
    cid = _customer(branch)
    monkeypatch.setattr(customer_profile, "TIMELINE_MODULE",
                        "postcrm_desktop.services.no_such_area.timeline")
    p = _profile(qtbot, branch, cid)
    assert p.timeline_empty.isVisibleTo(p) and p.timeline_empty.text() == "暂无记录"

    item = types.SimpleNamespace(at=datetime(2026, 3, 1, 2, 0, tzinfo=UTC), kind="contact",
                                 title="上门联系", detail="介绍理财产品", by_name="李晓燕")
    fake = types.ModuleType("fake_timeline")
    fake.customer_timeline = lambda _b, customer_id, limit=200, **_kw: [item]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_timeline", fake)
    monkeypatch.setattr(customer_profile, "TIMELINE_MODULE", "fake_timeline")
    p.reload()
    assert not p.timeline_empty.isVisibleTo(p)
    assert [p.timeline.item(0, c).text() for c in (1, 2, 3)] == [
        "联系", "上门联系：介绍理财产品", "李晓燕"]


def test_timeline_from_the_contacts_area(qtbot, branch) -> None:
    cid = _customer(branch)
    p = _profile(qtbot, branch, cid)
    assert not p.timeline_empty.isVisibleTo(p)
    kinds = [p.timeline.item(r, 1).text() for r in range(p.timeline.rowCount())]
    assert "阶段" in kinds, "filing the customer is its first event"


def test_deleted_customer_profile_is_read_only(qtbot, branch) -> None:
    cid = _customer(branch)
    records.delete_customer(branch, cid)
    p = _profile(qtbot, branch, cid)
    assert "回收站" in p.notice.text() and not p.edit_button.isEnabled()
    assert not p.attachments.add_button.isEnabled()


def test_merge_dialog_merges_field_by_field(qtbot, branch) -> None:
    a = _customer(branch, name="测试甲", email="a@example.com", notes="")
    b = _customer(branch, name="测试乙", id_number=None, email="", notes="常来寄包裹",
                  tier="silver")
    tab = DuplicatesTab(make_context(branch))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.model.rowCount() == 1
    assert "手机号码相同" in tab.model.item(0, 2).text()
    tab.select_row(0)
    dlg = tab.merge_selected()
    assert dlg is not None
    keep_first = dlg.a.id == a
    assert {"name", "email", "notes", "tier"} <= set(dlg.fields)
    assert "mobile" not in dlg.fields
    # The side holding a value is picked by default over an empty one.
    assert dlg.picks["notes"][0 if dlg.a.notes else 1].isChecked()
    (dlg.keep_a if keep_first else dlg.keep_b).setChecked(True)
    dlg.pick("name", "a" if keep_first else "b")
    dlg.pick("tier", "b" if keep_first else "a")
    assert dlg.choices()["tier"] == "merge" and dlg.choices()["name"] == "keep"
    dlg.accept()
    assert not dlg.isVisible() and dlg.result_ is not None
    kept = records.get_customer(branch, a)
    assert (kept.name, kept.tier, kept.notes, kept.email) == (
        "测试甲", "silver", "常来寄包裹", "a@example.com")
    gone = records.get_customer(branch, b)
    assert gone.merged_into == a and gone.deleted_at is not None
    assert tab.model.rowCount() == 0


def test_merge_dialog_offers_numbers_that_only_look_alike(qtbot, branch) -> None:
    a = _customer(branch, name="测试丙", mobile="13812348000", id_number=None,
                  address="测试路7号")
    b = _customer(branch, name="测试丙", mobile="13899998000", id_number=None,
                  address="测试路7号")
    dlg = MergeDialog(make_context(branch), a, b)
    qtbot.addWidget(dlg)
    assert "mobile" in dlg.fields, "same mask, different numbers"
    pick_a, pick_b = dlg.picks["mobile"]
    assert pick_a.text() == pick_b.text() == "138****8000"
    assert "name" not in dlg.fields and "address" not in dlg.fields
    dlg.pick("mobile", "b")
    dlg.accept()
    assert dlg.result_ is not None
    assert records.get_customer(branch, a, reveal=True).mobile == "13899998000"


def test_duplicates_need_the_merge_permission(qtbot, demo_login) -> None:
    clerk = demo_login("clerk1")
    tab = DuplicatesTab(make_context(clerk))
    qtbot.addWidget(tab)
    tab.show()
    assert "不能" in tab.notice.text() and not tab.view.isEnabled()
