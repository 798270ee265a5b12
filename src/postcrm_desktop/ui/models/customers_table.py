"""The customer list as a lazily paged table: a page of rows at a time, sorted by the service.

The model never asks for every row. `fetch(sort, after, limit)` returns a `Page` (rows
and an opaque keyset cursor); the view calls `fetchMore` when the user scrolls near the
end. Clicking a header calls `sort(column, order)`, which asks the service for the first
page in the new order. The number of matches is counted separately (`Count`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.customers.types import SORTABLE, CustomerRow, Page, Sort
from postcrm_desktop.ui.models.customer_labels import (
    fmt_date,
    fmt_datetime,
    stage_label,
    tier_label,
    type_label,
)
from postcrm_desktop.ui.qt import QCoreApplication, Qt, QtCore, QtGui, Signal

PAGE = 100
RowRole = Qt.ItemDataRole.UserRole + 1  # the CustomerRow behind a table row
SortRole = Qt.ItemDataRole.UserRole + 2  # the service's sort key of a column (or None)

Fetch = Callable[[Sort, Any, int], Page]
_ROOT = QtCore.QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustomersTableModel", text)


def _district(r: CustomerRow) -> str:
    return r.district or r.city or r.province


# (key, header, how a row shows it). The key is the service's sort column when sortable.
COLUMNS: list[tuple[str, str, Callable[[CustomerRow], str]]] = [
    ("number", "客户编号", lambda r: r.number),
    ("name", "名称", lambda r: r.name),
    ("customer_type", "类型", lambda r: type_label(r.customer_type)),
    ("tier", "等级", lambda r: tier_label(r.tier)),
    ("stage", "阶段", lambda r: stage_label(r.stage)),
    ("mobile", "手机", lambda r: r.mobile or r.landline),
    ("district", "区县", _district),
    ("company", "单位", lambda r: r.company),
    ("industry", "行业", lambda r: r.industry),
    ("owner_name", "负责人", lambda r: r.owner_name),
    ("created_at", "创建日期", lambda r: fmt_date(r.created_at)),
    ("last_activity_at", "最近活动", lambda r: fmt_date(r.last_activity_at)),
]
RECYCLE_COLUMNS = [*COLUMNS[:-1], ("deleted_at", "删除时间", lambda r: fmt_datetime(r.deleted_at))]


class CustomersTableModel(QtCore.QAbstractTableModel):
    # A page could not be read (message for a person); the list stays as it was.
    fetch_failed = Signal(str)
    # The order the list is in now (column index, order), e.g. after a refused sort.
    sort_changed = Signal(int, Qt.SortOrder)

    def __init__(self, fetch: Fetch, parent: QtCore.QObject | None = None, *,
                 recycle_bin: bool = False) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.columns = RECYCLE_COLUMNS if recycle_bin else COLUMNS
        self._rows: list[CustomerRow] = []
        self._cursor: Any = None
        self._more = False
        self.sort_order = Sort()
        self.pages_fetched = 0

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the loaded rows and fetch the first page again."""
        self.beginResetModel()
        self._rows, self._cursor, self._more, self.pages_fetched = [], None, True, 0
        self.endResetModel()
        self.fetchMore()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._cursor, self._more = [], None, False
        self.endResetModel()

    def canFetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> None:
        if parent.isValid() or not self._more:
            return
        self._more = False  # a view may ask again while this page is read
        try:
            page = self._fetch(self.sort_order, self._cursor, PAGE)
        except PostCrmError as exc:
            from postcrm_desktop.ui.worker import error_message

            self.fetch_failed.emit(error_message(exc))
            return
        self.pages_fetched += 1
        self._cursor = page.next_cursor
        self._more = page.next_cursor is not None
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(_ROOT, start, start + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    # -- sorting ------------------------------------------------------------------------

    def column_of(self, key: str) -> int:
        for i, (k, _h, _f) in enumerate(self.columns):
            if k == key:
                return i
        return -1

    def current_sort(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self.sort_order.descending else \
            Qt.SortOrder.AscendingOrder
        return self.column_of(self.sort_order.column), order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column][0] if 0 <= column < len(self.columns) else ""
        if key not in SORTABLE:
            # Masked numbers and deletion times have no server-side order: keep the
            # current one and tell the view to show it again.
            self.sort_changed.emit(*self.current_sort())
            return
        wanted = Sort(key, order == Qt.SortOrder.DescendingOrder)
        if wanted == self.sort_order:
            return  # e.g. the view announcing the order it was given
        self.sort_order = wanted
        self.reload()
        self.sort_changed.emit(column, order)

    def set_sort(self, sort: Sort) -> None:
        """Use `sort` from the next reload on (e.g. restoring a saved state)."""
        self.sort_order = sort

    # -- rows ---------------------------------------------------------------------------

    def row_at(self, row: int) -> CustomerRow:
        return self._rows[row]

    def row_of(self, customer_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == customer_id:
                return i
        return -1

    def loaded(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, header, _f = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(header)
        if role == Qt.ItemDataRole.ToolTipRole and key not in SORTABLE:
            return _tr("此列不能排序")
        if role == SortRole:
            return key if key in SORTABLE else None
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == RowRole:
            return r
        key, _h, show = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return show(r)
        if role == Qt.ItemDataRole.ForegroundRole and r.deleted_at is not None:
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("mobile", "number"):
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        return None
