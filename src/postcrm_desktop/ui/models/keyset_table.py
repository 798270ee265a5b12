"""Lazily paged tables over keyset-paged service lists (customers, complaints, contacts,
tasks).

`PagedTableModel` holds the rows read so far: `fetch(after, limit)` returns a page with
`rows` and `next_cursor` (None on the last page), and the view calls `fetchMore` as the
user scrolls. `KeysetTableModel` adds sorting in memory for services with one order (their
index): contacts newest first, tasks earliest due first, complaints overdue first. A click
on another column sorts in memory, but only when the whole result fits in
`local_sort_cap` rows: then every row is loaded and sorted; beyond it the model keeps the
service order and says why (`sort_refused`), so a sort never silently applies to the
loaded rows only. Columns in `server_sorts` are sorted by the service itself through
`sorted_fetch(after, limit, (key, descending))`, a page at a time, whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.ui.qt import QCoreApplication, Qt, QtCore, Signal

RowRole = Qt.ItemDataRole.UserRole + 1  # the service row behind a table row
SortRole = Qt.ItemDataRole.UserRole + 2  # the column's key
PAGE = 100
LOCAL_SORT_CAP = 2000

R = TypeVar("R")
# (after, limit, (column key, descending)) -> a page in that column's order.
SortedFetch = Callable[[Any, int, tuple[str, bool]], Any]
_ROOT = QtCore.QModelIndex()


class PageLike(Protocol):
    rows: Any
    next_cursor: Any


def _tr(text: str) -> str:
    return QCoreApplication.translate("KeysetTableModel", text)


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str
    header: str
    show: Callable[[R], str]
    # The value an in-memory sort compares (default: the shown text).
    sort_key: Callable[[R], Any] | None = None


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None or value == "", value if value is not None else "")


class PagedTableModel(QtCore.QAbstractTableModel, Generic[R]):
    """The rows of a keyset-paged list, read a page at a time; `columns` are objects with
    a `key`, a `header` and `show(row)` (subclasses may show cells otherwise)."""

    # A page could not be read (message for a person); the list stays as it was.
    fetch_failed = Signal(str)
    # The order the list is in now (column, order), e.g. after a refused sort.
    sort_changed = Signal(int, Qt.SortOrder)

    def __init__(self, fetch: Callable[[Any, int], PageLike], columns: list[Any], *,
                 page_size: int = PAGE, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.columns = columns
        self.page_size = page_size
        self.sort_order: Any = None  # (column key, descending); subclasses set it
        self._rows: list[R] = []
        self._cursor: Any = None
        self._more = False
        self.pages_fetched = 0

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the loaded rows and fetch the first page again."""
        self._forget()
        self.fetchMore()

    def _forget(self) -> None:
        self.beginResetModel()
        self._rows, self._cursor, self._more, self.pages_fetched = [], None, True, 0
        self._on_reset()
        self.endResetModel()

    def _on_reset(self) -> None:
        """What a subclass renews with the rows (called inside the model reset)."""

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._cursor, self._more = [], None, False
        self.endResetModel()

    def _call_fetch(self, limit: int) -> PageLike:
        return self._fetch(self._cursor, limit)

    def _read(self, limit: int) -> PageLike | None:
        try:
            return self._call_fetch(limit)
        except PostCrmError as exc:
            from postcrm_desktop.ui.worker import error_message

            self._more = False
            self.fetch_failed.emit(error_message(exc))
            return None

    def canFetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> None:
        if parent.isValid() or not self._more:
            return
        self._more = False  # a view may ask again while this page is read
        page = self._read(self.page_size)
        if page is None:
            return
        self.pages_fetched += 1
        self._cursor = page.next_cursor
        self._more = page.next_cursor is not None
        rows = list(page.rows)
        if rows:
            start = len(self._rows)
            self.beginInsertRows(_ROOT, start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def fetch_all(self, cap: int = LOCAL_SORT_CAP) -> None:
        """Read on until every row is loaded or `cap` rows are (e.g. to select one)."""
        while self._more and len(self._rows) < cap:
            self.fetchMore()

    # -- sorting ------------------------------------------------------------------------

    def column_of(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        return -1

    def current_sort(self) -> tuple[int, Qt.SortOrder]:
        key, descending = self.sort_order
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return self.column_of(key), order

    # -- rows ---------------------------------------------------------------------------

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_of(self, row_id: str) -> int:
        for i, r in enumerate(self._rows):
            if getattr(r, "id", None) == row_id:
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
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(column.header)
        if role == SortRole:
            return column.key
        return None

    def header_text(self, header: str) -> str:
        """The header in the interface language (subclasses translate in their context)."""
        return header

    def decorate(self, row: R, key: str, role: int) -> Any:
        """Colours, fonts and alignment of a cell (subclasses override)."""
        return None

    def cell(self, row: R, column: Any, role: int) -> Any:
        """What a cell shows for `role` (RowRole is answered before)."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.show(row)
        return self.decorate(row, column.key, role)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == RowRole:
            return r
        return self.cell(r, self.columns[index.column()], role)


class KeysetTableModel(PagedTableModel[R]):
    """A paged list in its service's one order, sorted in memory by any other column when
    the whole result is small enough. A negative column is the service order when that
    order is no column of the table (complaints: overdue first)."""

    # A sort the model could not do, with the reason for a person.
    sort_refused = Signal(str)

    def __init__(self, fetch: Callable[[Any, int], PageLike], columns: list[Any], *,
                 service_sort: tuple[str, bool], page_size: int = PAGE,
                 local_sort_cap: int = LOCAL_SORT_CAP,
                 sorted_fetch: SortedFetch | None = None,
                 server_sorts: Collection[str] = (),
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(fetch, columns, page_size=page_size, parent=parent)
        self.service_sort = service_sort  # (column key, descending)
        self.sort_order = service_sort
        self.local_sort_cap = local_sort_cap
        self._sorted_fetch = sorted_fetch
        # Column keys the service sorts itself (only with a `sorted_fetch`).
        self.server_sorts = frozenset(server_sorts) if sorted_fetch is not None \
            else frozenset()

    def server_sorted(self) -> bool:
        """The list is in a column order the service reads page by page."""
        return self.sort_order != self.service_sort and self.sort_order[0] in self.server_sorts

    def _call_fetch(self, limit: int) -> PageLike:
        if self._sorted_fetch is not None and self.server_sorted():
            return self._sorted_fetch(self._cursor, limit, self.sort_order)
        return super()._call_fetch(limit)

    def reload(self) -> None:
        """Forget the loaded rows and read again (the first page, or everything when a
        column the service cannot sort is sorted)."""
        self._forget()
        if self.sort_order != self.service_sort and not self.server_sorted():
            if self._load_all_sorted():
                return
            self.sort_order = self.service_sort
            self.sort_changed.emit(*self.current_sort())
        self.fetchMore()

    def sort_refused_text(self) -> str:
        """Why a sort was refused ({0}: the cap)."""
        return _tr("记录超过{0}条，只能按默认顺序显示；请先筛选（如客户、日期）再按此列排序")

    def sort_value(self, column: Any) -> Callable[[R], Any]:
        """What an in-memory sort by `column` compares for a row."""
        return column.sort_key or column.show

    def _load_all_sorted(self) -> bool:
        """Read every row (up to the cap) and sort them; False when there are more."""
        rows: list[R] = []
        self._cursor = None
        while True:
            page = self._read(min(500, self.local_sort_cap + 1))
            if page is None:
                return True  # the failure is shown; an empty list is honest
            self.pages_fetched += 1
            rows.extend(page.rows)
            self._cursor = page.next_cursor
            if len(rows) > self.local_sort_cap:
                self.sort_refused.emit(self.sort_refused_text().format(self.local_sort_cap))
                self._cursor = None
                return False
            if page.next_cursor is None:
                break
        key, descending = self.sort_order
        get = self.sort_value(self.columns[self.column_of(key)])
        rows.sort(key=lambda r: _none_last(get(r)), reverse=descending)
        self._more = False
        if rows:
            self.beginInsertRows(_ROOT, 0, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(self.columns):
            return
        if column >= 0:
            wanted = (self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        elif self.column_of(self.service_sort[0]) < 0:
            wanted = self.service_sort
        else:
            return
        if wanted == self.sort_order:
            return  # e.g. the view announcing the order it was given
        self.sort_order = wanted
        self.reload()
        self.sort_changed.emit(*self.current_sort())

    def reset_sort(self) -> None:
        """Back to the service's order (from the next reload on)."""
        self.sort_order = self.service_sort


__all__ = [
    "LOCAL_SORT_CAP",
    "PAGE",
    "Column",
    "KeysetTableModel",
    "PagedTableModel",
    "RowRole",
    "SortRole",
    "SortedFetch",
]
