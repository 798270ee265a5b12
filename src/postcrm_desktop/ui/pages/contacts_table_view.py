"""One way to set up the list tables of the contact area and the workbench: whole-row
selection, sortable headers (the sort indicator set before sorting is turned on), no
editing, compact rows."""

from __future__ import annotations

from postcrm_desktop.ui.qt import Qt, QtCore, QtWidgets


def make_table(model: QtCore.QAbstractItemModel, name: str,
               widths: dict[int, int] | None = None, *, sortable: bool = True,
               sort: tuple[int, Qt.SortOrder] | None = None) -> QtWidgets.QTableView:
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
    header.setHighlightSections(False)
    for col, width in (widths or {}).items():
        view.setColumnWidth(col, width)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
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


__all__ = ["make_table", "show_sort"]
