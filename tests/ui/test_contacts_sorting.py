"""联系记录 and 任务 headers: the time column reads both ways from the service, a page at
a time however long the list, instead of sorting in memory up to a cap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from postcrm_desktop.services.contacts import records, tasks
from postcrm_desktop.services.contacts.types import TaskInput
from postcrm_desktop.store.types import utcnow
from postcrm_desktop.ui.qt import Qt
from tests.ui.test_contacts_page import _customer, _log, _page


def _spy(monkeypatch, module: Any, name: str, flag: str) -> list[Any]:
    calls: list[Any] = []
    real = getattr(module, name)

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append(kw.get(flag))
        return real(*args, **kw)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_contact_time_header_reads_oldest_first_from_the_service(qtbot, branch,
                                                                  monkeypatch) -> None:
    cid = _customer(branch)
    now = utcnow()
    for i in range(7):
        _log(branch, cid, f"联系{i}", at=now - timedelta(hours=i))
    page = _page(qtbot, branch)
    model, view = page.contacts.model, page.contacts.view
    model.page_size, model.local_sort_cap = 3, 2  # a memory sort would be refused
    calls = _spy(monkeypatch, records, "list_contacts", "ascending")
    view.sortByColumn(model.column_of("at"), Qt.SortOrder.AscendingOrder)
    assert calls and calls[-1] is True
    assert model.sort_order == ("at", False) and model.loaded() == 3
    model.fetch_all()
    assert [model.row_at(r).content for r in range(7)] == [f"联系{i}" for i in range(6, -1, -1)]
    view.sortByColumn(model.column_of("at"), Qt.SortOrder.DescendingOrder)
    assert calls[-1] is None or calls[-1] is False
    assert model.row_at(0).content == "联系0"


def test_task_due_header_reads_latest_first_from_the_service(qtbot, branch,
                                                             monkeypatch) -> None:
    cid = _customer(branch)
    now = utcnow()
    for i in range(5):
        tasks.create_task(branch, TaskInput(cid, f"任务{i}", now + timedelta(hours=i + 1)))
    page = _page(qtbot, branch)
    tab = page.tasks
    page.tabs.setCurrentWidget(tab)
    model = tab.model
    model.page_size, model.local_sort_cap = 2, 1
    calls = _spy(monkeypatch, tasks, "list_tasks", "descending")
    tab.view.sortByColumn(model.column_of("due_at"), Qt.SortOrder.DescendingOrder)
    assert calls and calls[-1] is True
    assert model.sort_order == ("due_at", True) and model.loaded() == 2
    model.fetch_all()
    assert [model.row_at(r).title for r in range(5)] == [f"任务{i}" for i in range(4, -1, -1)]
