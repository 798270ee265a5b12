"""投诉 list header sorts: the service sorts the whole list page by page, however long;
columns it cannot sort still sort in memory up to the cap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtTest import QTest

from postcrm_desktop.core.complaint_enums import Priority
from postcrm_desktop.services.complaints import listing
from postcrm_desktop.ui.models.complaints_table import SERVER_SORTS
from postcrm_desktop.ui.qt import Qt, QtCore
from tests.ui.test_complaints_page import _complaint, _customer, _page


def _spy(monkeypatch) -> list[Any]:
    sorts: list[Any] = []
    real = listing.list_complaints

    def spy(*args: Any, **kw: Any) -> Any:
        sorts.append(kw.get("sort"))
        return real(*args, **kw)

    monkeypatch.setattr(listing, "list_complaints", spy)
    return sorts


def _click(page, key: str) -> None:
    header = page.list.view.horizontalHeader()
    x = header.sectionViewportPosition(page.list.model.column_of(key)) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(x, header.height() // 2))


def test_server_sorts_are_the_service_sort_columns() -> None:
    assert set(SERVER_SORTS) == set(listing.SORT_COLUMNS)


def test_header_click_asks_the_service_and_shows_its_first_page(qtbot, branch,
                                                                  monkeypatch) -> None:
    cust = _customer(branch, "测试甲", 1)
    for i, p in enumerate(("low", "urgent", "normal", "urgent", "low", "normal")):
        _complaint(branch, cust, priority=p, ago=timedelta(hours=i))
    page = _page(qtbot, branch)
    model = page.list.model
    model.page_size = 2
    model.local_sort_cap = 2  # a memory sort would be refused: the service sorts instead
    refused: list[str] = []
    model.sort_refused.connect(refused.append)
    everything = list(listing.iter_complaints(branch))
    sorts = _spy(monkeypatch)
    _click(page, "priority")
    assert sorts and sorts[-1] is not None and sorts[-1][0] == "priority"
    descending = sorts[-1][1]
    assert not refused and model.loaded() == 2 and model.canFetchMore()
    want = sorted(everything, key=lambda r: (-Priority(r.priority).rank, r.id),
                  reverse=descending)
    assert [model.row_at(i).id for i in range(2)] == [r.id for r in want[:2]]
    model.fetch_all()
    assert [r.id for r in model.rows()] == [r.id for r in want]
    assert all(s == sorts[-1] for s in sorts[-3:])  # later pages keep the sort
    _click(page, "priority")
    assert sorts[-1] == ("priority", not descending)
    assert model.row_at(0).priority == ("low" if not descending else "urgent")
    model.reset_sort()
    assert sorts[-1] is None  # back to overdue first


def test_a_column_the_service_cannot_sort_still_sorts_in_memory(qtbot, branch,
                                                               monkeypatch) -> None:
    cust = _customer(branch, "测试甲", 1)
    for i in range(3):
        _complaint(branch, cust, ago=timedelta(hours=i))
    page = _page(qtbot, branch)
    model = page.list.model
    sorts = _spy(monkeypatch)
    model.sort(model.column_of("summary"), Qt.SortOrder.AscendingOrder)
    assert sorts and all(s is None for s in sorts)
    assert model.loaded() == 3 and model.current_sort()[0] == model.column_of("summary")
