"""客户 page: list and count, search as you type, lazy pages, server-side sort, create and
edit through the form, recycle bin, saved views, profile by Enter and by navigation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtTest import QTest

from postcrm_desktop.services import audit_log
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import records, search
from postcrm_desktop.services.customers.types import CustomerFilters, CustomerInput, Sort
from postcrm_desktop.ui.models.customers_table import PAGE
from postcrm_desktop.ui.pages import customers
from postcrm_desktop.ui.pages.customer_form import CustomerForm
from postcrm_desktop.ui.qt import QMessageBox, QSettings, Qt, QtCore
from tests.ui.fakes import FakeControl, make_context

DEFAULT_SORT = Sort()
NAMES = ["测试甲", "测试乙", "测试丙", "测试丁", "测试戊"]


def _add(branch: Branch, name: str, n: int, **kw: object) -> str:
    values: dict[str, object] = {"customer_type": "individual", "name": name,
                                 "mobile": f"139{n:04d}5678", "district": "天河区",
                                 "address": f"测试路{n}号"}
    values.update(kw)
    return records.create_customer(branch, CustomerInput(**values))  # type: ignore[arg-type]


def _page(qtbot, branch: Branch, **kw: object) -> customers.CustomersPage:
    ctx = make_context(branch, **kw)  # type: ignore[arg-type]
    page = customers.create_page(ctx)
    assert isinstance(page, customers.CustomersPage)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _names(page: customers.CustomersPage) -> list[str]:
    model = page.list.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, msg, *a, **k: asked.append(msg) or button)
    return asked


@pytest.fixture
def five(branch: Branch) -> Iterator[dict[str, str]]:
    yield {name: _add(branch, name, i, tier="gold" if i % 2 else "normal")
           for i, name in enumerate(NAMES)}


def test_list_shows_rows_and_the_count(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    assert sorted(_names(page)) == sorted(NAMES)
    assert page.list.status.text() == "共 5 位客户"
    headers = [page.list.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.list.model.columnCount())]
    assert headers[:6] == ["客户编号", "名称", "类型", "等级", "阶段", "手机"]
    row = page.list.model.row_of(five["测试乙"])
    cells = [page.list.model.index(row, c).data() for c in range(6)]
    assert cells[1:] == ["测试乙", "个人", "金卡", "潜在", "139****5678"]


def test_typing_in_the_search_box_filters_after_a_pause(qtbot, branch, five,
                                                        monkeypatch) -> None:
    page = _page(qtbot, branch)
    calls: list[str] = []
    real = search.search_page

    def spy(b, filters, sort=DEFAULT_SORT, after=None, limit=100):
        calls.append(filters.query)
        return real(b, filters, sort, after=after, limit=limit)

    monkeypatch.setattr(search, "search_page", spy)
    QTest.keyClicks(page.list.search, "1567")  # any four digits of a phone number
    qtbot.waitUntil(lambda: _names(page) == ["测试乙"], timeout=3000)
    assert calls == ["1567"], "one search after the typing pauses, not one per key"
    assert page.list.status.text() == "共 1 位客户"
    page.list.search.setText("测试丁")
    qtbot.waitUntil(lambda: _names(page) == ["测试丁"], timeout=3000)
    QTest.keyClick(page.list.search, Qt.Key.Key_Escape)
    assert page.list.search.text() == "" and len(_names(page)) == 5


def test_search_by_pinyin_and_address(qtbot, branch, five) -> None:
    # (Searching an address with its house number, e.g. "测试路3号", finds nothing in
    # the search service as it stands; reported, not tested here.)
    page = _page(qtbot, branch)
    page.list.search.setText("csy")  # initials of 测试乙
    qtbot.waitUntil(lambda: _names(page) == ["测试乙"], timeout=3000)
    _add(branch, "测试庚", 7, address="环市东路")
    page.list.search.setText("环市东路")
    qtbot.waitUntil(lambda: _names(page) == ["测试庚"], timeout=3000)


def test_a_large_count_shows_capped_at_once_then_exact_from_the_background(
        qtbot, branch, five, monkeypatch) -> None:
    from postcrm_desktop.services.customers.types import Count
    from postcrm_desktop.ui.pages import customers_list

    seen: list[int] = []
    later: list[object] = []

    def count(_b, _f, cap=1000):
        seen.append(cap)
        return Count(cap, False) if cap == 1000 else Count(1234, True)

    monkeypatch.setattr(search, "count", count)
    page = _page(qtbot, branch)
    # The page's tasks run at once: the capped count, then the exact one in the background.
    assert seen == [1000, customers_list.EXACT_CAP]
    assert page.list.status.text() == "共 1234 位客户"
    assert page.list.last_count == Count(1234, True)

    # While the background count runs, the capped count shows and says so; a newer list
    # makes an older answer stale.
    def deferred(fn, on_done=None, **kw):
        later.append((fn, on_done))
        return FakeControl()

    monkeypatch.setattr(page.ctx.tasks, "run", deferred)
    page.list.refresh_count()
    assert page.list.status.text() == "共 1000+ 位客户，正在统计准确数量…"
    page.list.refresh_count()
    (_old_fn, old_done), (new_fn, new_done) = later
    old_done(Count(999_999, True))
    assert "1000+" in page.list.status.text(), "a stale answer is ignored"
    new_done(new_fn(None))
    assert page.list.status.text() == "共 1234 位客户"


def test_pages_load_only_when_scrolled(qtbot, branch) -> None:
    for i in range(250):
        _add(branch, f"客户{i:03d}", i)
    page = _page(qtbot, branch)
    model, view = page.list.model, page.list.view
    assert model.loaded() == PAGE and model.canFetchMore()
    assert page.list.status.text() == "共 250 位客户"
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded() == 2 * PAGE)
    assert model.pages_fetched == 2
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded() == 250)
    assert not model.canFetchMore()
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == 250, "keyset pages neither skip nor repeat rows"


def test_header_click_sorts_on_the_service(qtbot, branch, five, monkeypatch) -> None:
    page = _page(qtbot, branch)
    sorts: list[Sort] = []
    real = search.search_page

    def spy(b, filters, sort=DEFAULT_SORT, after=None, limit=100):
        sorts.append(sort)
        return real(b, filters, sort, after=after, limit=limit)

    monkeypatch.setattr(search, "search_page", spy)
    header = page.list.view.horizontalHeader()
    name_col = page.list.model.column_of("name")
    x = header.sectionViewportPosition(name_col) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(x, header.height() // 2))
    assert sorts and sorts[-1].column == "name"
    first = sorts[-1]
    names = _names(page)
    assert names == (sorted(NAMES, reverse=first.descending))
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(x, header.height() // 2))
    assert sorts[-1] == Sort("name", not first.descending)
    assert _names(page) == list(reversed(names))

    # Masked phone numbers have no order: the click is refused, the order stays.
    calls = len(sorts)
    page.list.view.sortByColumn(page.list.model.column_of("mobile"),
                                Qt.SortOrder.AscendingOrder)
    assert len(sorts) == calls
    assert header.sortIndicatorSection() == name_col


def test_create_with_an_invalid_field_then_save(qtbot, branch, monkeypatch) -> None:
    page = _page(qtbot, branch)
    page.list.view.setFocus()
    QTest.keyClick(page.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.dialog
    assert isinstance(form, CustomerForm) and form.isVisible()
    form.name.setText("测试新")
    form.id_number.setText("440106199005171234")
    form.accept()
    assert form.isVisible() and "校验" in form.error_text("id_number")
    assert page.list.model.rowCount() == 0
    form.id_number.setText("440106199005171236")
    form.accept()
    assert page.dialog is None or not form.isVisible()
    assert _names(page) == ["测试新"]
    selected = page.list.selected()
    assert selected is not None and selected.name == "测试新"
    assert page.list.status.text() == "共 1 位客户"


def test_edit_from_the_list(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    assert page.list.select(five["测试丙"])
    page.list.actions_["edit"].trigger()
    form = page.dialog
    assert isinstance(form, CustomerForm) and form.customer_id == five["测试丙"]
    form.name.setText("测试丙改")
    form.accept()
    assert "测试丙改" in _names(page)
    assert page.list.selected().name == "测试丙改"  # type: ignore[union-attr]


def test_delete_to_recycle_bin_then_restore_and_purge(qtbot, branch, five,
                                                      monkeypatch) -> None:
    page = _page(qtbot, branch)
    cid = five["测试丁"]
    page.list.select(cid)
    page.list.view.setFocus()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    QTest.keyClick(page.list.view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "测试丁" in asked[0]
    assert "测试丁" in _names(page), "nothing deleted without a yes"
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    QTest.keyClick(page.list.view, Qt.Key.Key_Delete)
    assert "测试丁" not in _names(page)
    assert page.list.status.text() == "共 4 位客户"

    page.show_tab("recycle_bin")
    bin_ = page.recycle_bin
    assert [bin_.model.row_at(r).id for r in range(bin_.model.rowCount())] == [cid]
    assert bin_.status.text() == "回收站中共 1 位客户"
    bin_.select(cid)
    bin_.actions_["restore"].trigger()
    assert bin_.model.rowCount() == 0
    page.show_tab("list")
    assert "测试丁" in _names(page)

    records.delete_customer(branch, cid)
    page.show_tab("recycle_bin")
    bin_.reload()
    bin_.select(cid)
    bin_.actions_["purge"].trigger()
    assert bin_.model.rowCount() == 0
    assert [r.entity_id for r in audit_log.page(branch, action="customer.purged")] == [cid]


def test_clerk_cannot_delete_or_purge(qtbot, demo_login) -> None:
    admin = demo_login("admin")
    cid = _add(admin, "测试甲", 1)
    records.delete_customer(admin, cid)
    _add(admin, "测试乙", 2)
    clerk = demo_login("clerk1")
    page = _page(qtbot, clerk)
    page.list.view.selectRow(0)
    assert page.list.actions_["edit"].isEnabled()
    assert not page.list.actions_["delete"].isEnabled()
    page.show_tab("recycle_bin")
    page.recycle_bin.view.selectRow(0)
    assert not page.recycle_bin.actions_["restore"].isEnabled()
    assert not page.recycle_bin.actions_["purge"].isEnabled()


def test_saved_view_save_and_apply(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    lst = page.list
    lst.filter_bar.tier.setCurrentIndex(lst.filter_bar.tier.findData("gold"))
    assert sorted(_names(page)) == ["测试丁", "测试乙"]
    assert lst.views.save("金卡客户")
    lst.filter_bar.clear()
    assert len(_names(page)) == 5
    assert lst.views.apply_named("金卡客户")
    assert lst.filter_bar.tier.currentData() == "gold"
    assert sorted(_names(page)) == ["测试丁", "测试乙"]
    assert "1 项筛选" in lst.status.text()
    views = search.list_views(branch)
    assert [(v.name, v.filters.tier) for v in views] == [("金卡客户", "gold")]


def test_enter_opens_the_profile_and_back_returns(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    page.list.select(five["测试戊"])
    page.list.view.setFocus()
    QTest.keyClick(page.list.view, Qt.Key.Key_Return)
    assert page.currentWidget() is page.profile
    assert page.profile.customer_id() == five["测试戊"]
    assert page.profile.reveal_buttons["mobile"].isVisibleTo(page.profile)
    page.profile.back_button.click()
    assert page.currentWidget() is page.lists


def test_keyboard_focus_search(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    page.list.view.setFocus()
    QTest.keyClick(page.list.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.list.search.hasFocus()


def test_navigation_opens_a_customer_in_the_main_window(qtbot, branch, five, tmp_path) -> None:
    from postcrm_desktop.ui.main_window import MainWindow

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    w = MainWindow(branch, persist_state=False)
    qtbot.addWidget(w)
    try:
        w.show()
        w.ctx.open_customer(five["测试甲"])
        page = w.pages["customers"]
        assert isinstance(page, customers.CustomersPage)
        assert page.currentWidget() is page.profile
        assert page.profile.title.text() == "测试甲"
        w.navigate("customers", query="测试乙")
        assert page.currentWidget() is page.lists and _names(page) == ["测试乙"]
        # Ctrl+F reaches the search box from anywhere in the window, e.g. the navigation.
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        w.nav.setFocus()
        QTest.keyClick(w.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert page.list.search.hasFocus() and page.list.search.selectedText() == "测试乙"
    finally:
        w.ending = True
        w.idle_lock.stop()
        w.close()


def test_unsaved_form_is_guarded_on_close(qtbot, branch, monkeypatch) -> None:
    page = _page(qtbot, branch)
    assert page.maybe_close()
    form = page.edit_customer(None)
    assert form is not None
    form.name.setText("未保存")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not page.maybe_close() and len(asked) == 1 and form.isVisible()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert page.maybe_close() and not form.isVisible()


def test_changes_elsewhere_refresh_the_list(qtbot, branch, five) -> None:
    page = _page(qtbot, branch, listen=True)
    try:
        _add(branch, "测试己", 9)
        qtbot.waitUntil(lambda: "测试己" in _names(page))
        assert page.list.status.text() == "共 6 位客户"
    finally:
        page.ctx.bus.close()


def test_filters_are_sent_to_the_service(qtbot, branch, five) -> None:
    page = _page(qtbot, branch)
    lst = page.list
    lst.apply_filters(CustomerFilters(query="测试", tier="gold"))
    assert lst.filters() == CustomerFilters(query="测试", tier="gold")
    assert sorted(_names(page)) == ["测试丁", "测试乙"]
    assert lst.filter_bar.isVisibleTo(lst), "a view with filters shows the filter bar"


def test_industry_and_district_filters_offer_the_values_in_use(qtbot, branch, five) -> None:
    _add(branch, "测试己", 7, district="越秀区", industry="教育")
    page = _page(qtbot, branch, listen=True)
    try:
        lst = page.list
        bar = lst.filter_bar
        lst.filters_button.setChecked(True)

        def items(box) -> list[str]:
            return [box.itemText(i) for i in range(box.count())]

        assert items(bar.district) == ["天河区", "越秀区"] and items(bar.industry) == ["教育"]
        assert bar.district.currentText() == "" and lst.filters().district is None
        emitted: list[int] = []
        bar.changed.connect(lambda: emitted.append(1))
        row = bar.district.findText("越秀区")
        bar.district.setCurrentIndex(row)
        bar.district.activated.emit(row)  # picked from the list
        bar.district.lineEdit().editingFinished.emit()  # then focus leaves
        assert _names(page) == ["测试己"] and len(emitted) == 1, "one search per pick"
        bar.district.setEditText("天河区")  # typed, not picked
        bar.district.lineEdit().editingFinished.emit()
        assert sorted(_names(page)) == sorted(NAMES)
        # A customer filed elsewhere brings its district; what is typed stays.
        _add(branch, "测试庚", 8, district="海珠区", industry="制造业")
        qtbot.waitUntil(lambda: "海珠区" in items(bar.district))
        assert items(bar.district) == ["海珠区", "天河区", "越秀区"]
        assert items(bar.industry) == ["教育", "制造业"]
        assert bar.district.currentText() == "天河区" and lst.filters().district == "天河区"
        lst.apply_filters(CustomerFilters(industry="教育"))
        assert (bar.industry.currentText(), bar.district.currentText()) == ("教育", "")
        assert _names(page) == ["测试己"]
        bar.clear()
        assert bar.industry.currentText() == "" and len(_names(page)) == 7
    finally:
        page.ctx.bus.close()


def test_profile_reloads_for_its_own_customer_and_keeps_revealed_numbers(
        qtbot, branch, five, monkeypatch) -> None:
    from postcrm_desktop.services.customers import attachments

    pdf = b"%PDF-1.4\n% synthetic test file\n"
    page = _page(qtbot, branch, listen=True)
    try:
        cid, other = five["测试甲"], five["测试乙"]
        assert page.open_customer(cid)
        profile = page.profile
        loads: list[str] = []
        real_load = profile.load
        monkeypatch.setattr(profile, "load", lambda c: loads.append(c) or real_load(c))
        assert profile.reveal("mobile") == "13900005678"

        attachments.add_attachment(branch, "customer", other, "别人的.pdf", pdf)
        records.update_customer(branch, other, CustomerInput(
            customer_type="individual", name="测试乙", mobile=None, notes="另一位"))
        assert loads == [] and profile.attachments.filenames() == []

        info = attachments.add_attachment(branch, "customer", cid, "合同.pdf", pdf)
        assert profile.attachments.filenames() == ["合同.pdf"]
        assert loads == [], "only the attachment list is read again"
        assert profile.facts["mobile"].text() == "13900005678", "still revealed"
        attachments.remove_attachment(branch, info.id)
        assert profile.attachments.filenames() == [] and loads == []

        records.update_customer(branch, cid, CustomerInput(
            customer_type="individual", name="测试甲", mobile=None, notes="常来"))
        assert loads == [cid] and "常来" in profile.needs.toPlainText()
        assert profile.facts["mobile"].text() == "139****5678"
    finally:
        page.ctx.bus.close()


def test_customers_without_an_owner_are_flagged(qtbot, branch) -> None:
    from postcrm_desktop.ui.models.customers_table import UNASSIGNED_COLOR

    owned = _add(branch, "测试甲", 1, owner_id=branch.actor.user_id)
    orphan = _add(branch, "测试乙", 2)
    page = _page(qtbot, branch)
    model = page.list.model
    col = next(i for i, c in enumerate(model.columns) if c.key == "owner_name")
    mine, alone = (model.index(model.row_of(cid), col) for cid in (owned, orphan))
    assert alone.data() == "未分配" and "没有负责人" in alone.data(Qt.ItemDataRole.ToolTipRole)
    assert alone.data(Qt.ItemDataRole.ForegroundRole).color().name().lower() == \
        UNASSIGNED_COLOR.lower()
    assert alone.data(Qt.ItemDataRole.FontRole).italic()
    assert mine.data() != "未分配" and mine.data(Qt.ItemDataRole.ForegroundRole) is None


def test_filters_and_columns_are_not_clipped_in_either_language(qtbot, branch, five) -> None:
    from postcrm_desktop.ui import i18n

    page = _page(qtbot, branch)
    bar = page.list.filter_bar
    page.list.filters_button.setChecked(True)
    qtbot.waitUntil(lambda: bar.isVisible())
    for combo in bar.combos():
        text = combo.itemText(0)
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(text) + 16, text
    try:
        i18n.install("en")
        qtbot.wait(50)
        view, model = page.list.view, page.list.model
        col = model.column_of("customer_type")
        need = view.fontMetrics().horizontalAdvance("Institution")
        assert view.columnWidth(col) >= need + 8
        assert bar.owner.width() >= bar.owner.fontMetrics().horizontalAdvance(
            bar.owner.itemText(0)) + 16
    finally:
        i18n.install("zh_CN")
