"""One way to set up the list tables of the customer, contact, complaint and workbench
pages: whole-row selection, sortable headers (the sort indicator set before sorting is
turned on), no editing, compact rows; and what the lists do with them (select a row by
id, open the row on double-click or Enter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.ui.qt import QEvent, QObject, Qt, QtCore, QtWidgets

_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def make_table(model: QtCore.QAbstractItemModel, name: str,
               widths: dict[int, int] | None = None, *, sortable: bool = True,
               sort: tuple[int, Qt.SortOrder] | None = None, alternating: bool = True,
               highlight_sections: bool = False) -> QtWidgets.QTableView:
    """`sort` is the order the rows arrive in; (-1, ...) keeps them as given until the
    user clicks a header (models with `current_sort()` say it themselves)."""
    view = QtWidgets.QTableView()
    view.setObjectName(name)
    view.setModel(model)
    header = view.horizontalHeader()
    current = getattr(model, "current_sort", None)
    if sortable and current is not None:
        header.setSortIndicator(*current())
    elif sortable:
        header.setSortIndicator(*(sort or (-1, Qt.SortOrder.AscendingOrder)))
    view.setSortingEnabled(sortable)
    header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(highlight_sections)
    for col, width in (widths or {}).items():
        view.setColumnWidth(col, width)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    view.setAlternatingRowColors(alternating)
    view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def show_sort(view: QtWidgets.QTableView, column: int, order: Qt.SortOrder) -> None:
    """Show the order the model is in (after it refused or changed a sort)."""
    header = view.horizontalHeader()
    if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        header.viewport().update()


def selected_row(view: QtWidgets.QAbstractItemView) -> int | None:
    """The current row when it is also selected (None: nothing is)."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(
            index.row(), QtCore.QModelIndex()):
        return None
    return index.row()


def select_id(view: QtWidgets.QAbstractItemView, model: Any, row_id: str) -> bool:
    """Select and show the row of `row_id` in a model with `row_of(id)`; False when it is
    not loaded."""
    row = model.row_of(row_id)
    if row < 0:
        return False
    view.selectRow(row)  # type: ignore[attr-defined]
    view.scrollTo(model.index(row, 0))
    return True


class _OpenKeys(QObject):
    def __init__(self, view: QtWidgets.QAbstractItemView, slot: Callable[[], Any]) -> None:
        super().__init__(view)
        self.slot = slot

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in _OPEN_KEYS:  # type: ignore[attr-defined]
            self.slot()
            return True
        return False


def on_open(view: QtWidgets.QAbstractItemView, slot: Callable[[], Any]) -> None:
    """Run `slot` when a row is double-clicked or Enter is pressed in the view."""
    view.doubleClicked.connect(lambda _i: slot())
    view.installEventFilter(_OpenKeys(view, slot))


__all__ = ["make_table", "on_open", "select_id", "selected_row", "show_sort"]


def fit_columns(view: QtWidgets.QTableView, texts: dict[int, list[str]],
                padding: int = 24) -> None:
    """Widen each column to its longest possible text (e.g. every label of an enum in
    the interface language, "Individual" as well as "个人") and its header, so none is
    clipped; a column already wide enough keeps its width."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    model = view.model()
    for col, values in texts.items():
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        bold = header.fontMetrics().horizontalAdvance(title) + padding + 12  # sort arrow
        wanted = max([bold, *(metrics.horizontalAdvance(v) + padding for v in values)])
        if view.columnWidth(col) < wanted:
            view.setColumnWidth(col, wanted)
