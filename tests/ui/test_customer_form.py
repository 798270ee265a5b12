"""新建/编辑客户 form: inline errors beside each field, masked numbers kept, duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import records, tags
from postcrm_desktop.services.customers.types import CustomerInput, PersonInput
from postcrm_desktop.ui.pages.customer_form import CustomerForm
from postcrm_desktop.ui.qt import QMessageBox
from tests.ui.fakes import make_context


def _count(branch: Branch) -> int:
    from sqlalchemy import func, select

    from postcrm_desktop.store.models.customers import Customer

    with branch.session() as s:
        return s.execute(select(func.count()).select_from(Customer)).scalar_one()


def _form(qtbot, branch: Branch, customer_id: str | None = None) -> CustomerForm:
    form = CustomerForm(make_context(branch), customer_id)
    qtbot.addWidget(form)
    form.open()
    return form


def test_invalid_fields_show_their_message_beside_them_and_save_nothing(qtbot, branch) -> None:
    form = _form(qtbot, branch)
    form.name.setText("测试丙")
    form.mobile.setText("1381234")
    form.postal_code.setText("51000")
    form.email.setText("not-an-email")
    form.accept()
    assert form.isVisible()
    assert "手机" in form.error_text("mobile")
    assert "邮政编码" in form.error_text("postal_code")
    assert form.error_text("email")
    assert form.error_text("name") == ""
    assert form.tabs.currentIndex() == 1, "the tab holding the first problem comes forward"
    assert _count(branch) == 0

    form.mobile.setText("13812348000")
    form.postal_code.setText("510000")
    form.email.setText("c@example.com")
    saved: list[str] = []
    form.sig_saved.connect(saved.append)
    form.accept()
    assert not form.isVisible() and len(saved) == 1
    d = records.get_customer(branch, saved[0], reveal=True)
    assert (d.name, d.mobile, d.postal_code) == ("测试丙", "13812348000", "510000")
    assert d.number.startswith("GZ01-")


def test_enterprise_form_with_people_and_grouped_tags(qtbot, branch) -> None:
    vip = tags.create_tag(branch, "value", "高价值")
    tags.create_tag(branch, "need", "寄递")
    form = _form(qtbot, branch)
    form.customer_type.setCurrentIndex(form.customer_type.findData("enterprise"))
    assert not form.id_number.isEnabled() and form.people.isEnabled()
    form.name.setText("测试商贸")
    form.accept()
    assert "单位" in form.error_text("company")
    form.company.setText("测试商贸有限公司")
    row = form.people.add_person("联系人丁", "经理", "12345")
    form.accept()
    assert form.isVisible() and "第1位联系人" in form.error_text("people")
    form.people.set_cell(row, 2, "13900001111")
    groups = [form.tags.model_.item(i).text() for i in range(form.tags.model_.rowCount())]
    assert groups == ["需求", "价值"]
    assert form.tags.set_checked(vip)
    form.accept()
    assert not form.isVisible()
    d = records.get_customer(branch, form.saved_id or "", reveal=True)
    assert [p.phone for p in d.people] == ["13900001111"]
    assert [t.name for t in d.tags] == ["高价值"]


def test_edit_keeps_masked_numbers_unless_retyped(qtbot, branch) -> None:
    cid = records.create_customer(branch, CustomerInput(
        customer_type="individual", name="测试戊", mobile="13812348000",
        landline="020-12345678", birthday=date(1990, 1, 2)))
    form = _form(qtbot, branch, cid)
    assert form.mobile.text() == "138****8000"
    assert not form.is_dirty()
    form.notes.setPlainText("老客户")
    assert form.is_dirty()
    form.accept()
    d = records.get_customer(branch, cid, reveal=True)
    assert (d.mobile, d.landline, d.notes) == ("13812348000", "020-12345678", "老客户")

    form = _form(qtbot, branch, cid)
    form.mobile.setText("13900002222")
    form.stage.setCurrentIndex(form.stage.findData("intent"))
    form.accept()
    d = records.get_customer(branch, cid, reveal=True)
    assert d.mobile == "13900002222"
    assert [c.to_stage for c in d.stage_history] == ["prospect", "intent"]


def test_removing_an_earlier_person_keeps_the_others_hidden_phones(qtbot, branch) -> None:
    cid = records.create_customer(branch, CustomerInput(
        customer_type="enterprise", name="测试物流", company="测试物流有限公司",
        people=[PersonInput("联系人甲", "经理", "13900001111"),
                PersonInput("联系人乙", "会计", "13900002222"),
                PersonInput("联系人丙", "出纳", "13900003333")]))
    kept_ids = [p.id for p in records.get_customer(branch, cid).people][1:]
    form = _form(qtbot, branch, cid)
    form.people.view.setCurrentIndex(form.people.model.index(0, 0))
    form.people.remove_selected()
    assert [p.phone for p in form.to_input().people] == [None, None], "masked, kept"
    form.people.add_person("联系人丁", "司机", "13900004444")
    form.accept()
    assert not form.isVisible(), form.error_text("people")
    d = records.get_customer(branch, cid, reveal=True)
    assert [(p.name, p.phone) for p in d.people] == [
        ("联系人乙", "13900002222"), ("联系人丙", "13900003333"), ("联系人丁", "13900004444")]
    assert [p.id for p in d.people][:2] == kept_ids


def test_possible_duplicate_is_shown_before_saving(qtbot, branch) -> None:
    first = records.create_customer(branch, CustomerInput(
        customer_type="individual", name="测试己", mobile="13812349000"))
    form = _form(qtbot, branch)
    form.name.setText("测试庚")
    form.mobile.setText("13812349000")
    form.accept()
    assert form.isVisible() and form.duplicates.isVisible()
    assert form.duplicates.candidate_ids() == [first]
    assert "手机" in form.duplicates.list.item(0).text()
    assert _count(branch) == 1
    opened: list[str] = []
    form.sig_open_customer.connect(opened.append)
    form.duplicates.open_button.click()
    assert opened == [first] and not form.isVisible()
    assert _count(branch) == 1

    form = _form(qtbot, branch)
    form.name.setText("测试庚")
    form.mobile.setText("13812349000")
    form.accept()
    form.duplicates.save_button.click()
    assert not form.isVisible() and _count(branch) == 2


@pytest.mark.parametrize("answer, closes", [(QMessageBox.StandardButton.No, False),
                                            (QMessageBox.StandardButton.Yes, True)])
def test_unsaved_edits_are_not_lost_without_asking(qtbot, branch, monkeypatch, answer,
                                                   closes) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, msg, *a, **k: asked.append(msg) or answer)
    form = _form(qtbot, branch)
    form.reject()
    assert not form.isVisible() and asked == [], "an untouched form closes at once"
    form = _form(qtbot, branch)
    form.name.setText("写了一半")
    form.reject()
    assert len(asked) == 1 and form.isVisible() is not closes
