"""The complaint list as a lazily paged table, overdue first, with a live deadline clock.

`fetch(after, limit)` returns a `ComplaintPage` (keyset pages in the service's order:
open complaints by deadline, so the overdue ones lead, then the others newest first);
the view calls `fetchMore` as the user scrolls. The clock column and the red overdue
highlight are computed from `due_at` and the current time at paint time, so `tick()`
(called each minute by the page) only repaints. A click on a column header sorts in
memory when the whole result fits in `local_sort_cap` rows; beyond that the list keeps
the service order and says why (`sort_refused`). Column -1 is the service order.

The labels of the complaint codes (status, priority, type, channel) live here too, so
the list and the detail panel read the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from postcrm_desktop.core.complaint_enums import Channel, ComplaintType, Priority, Status
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.sla import clock_text, format_local
from postcrm_desktop.services.complaints.types import (
    ComplaintCursor,
    ComplaintPage,
    ComplaintRow,
)
from postcrm_desktop.ui.models.customer_labels import enum_label
from postcrm_desktop.ui.qt import QCoreApplication, Qt, QtCore, QtGui, Signal

PAGE = 100
LOCAL_SORT_CAP = 2000
RowRole = Qt.ItemDataRole.UserRole + 1  # the ComplaintRow behind a table row
SortRole = Qt.ItemDataRole.UserRole + 2  # the column's key
OverdueRole = Qt.ItemDataRole.UserRole + 3  # bool: open and past its deadline now

OVERDUE_BACKGROUND = "#fde2e1"
OVERDUE_TEXT = "#b00020"
URGENT_TEXT = "#c0392b"
DONE_TEXT = "#666666"

Fetch = Callable[[ComplaintCursor | None, int], ComplaintPage]
Now = Callable[[], datetime]
_ROOT = QtCore.QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintsTableModel", text)


def utc_now() -> datetime:
    return datetime.now(UTC)


# -- labels -----------------------------------------------------------------------------

def status_label(code: str | None) -> str:
    return enum_label(Status, code)


def priority_label(code: str | None) -> str:
    return enum_label(Priority, code)


def type_label(code: str | None) -> str:
    return enum_label(ComplaintType, code)


def channel_label(code: str | None) -> str:
    return enum_label(Channel, code)


def is_open(row: ComplaintRow) -> bool:
    try:
        return Status(row.status).is_open
    except ValueError:
        return False


def is_overdue(row: ComplaintRow, now: datetime) -> bool:
    """Open and past its deadline at `now` (the row's own flag is a snapshot)."""
    return is_open(row) and row.due_at < now


def row_clock(row: ComplaintRow, now: datetime) -> str:
    """`剩余 5小时` / `已超时 2天3小时` while open; the outcome once resolved."""
    text = clock_text(row.due_at, now, is_open=is_open(row))
    if text:
        return text
    if row.on_time is True:
        return _tr("按时办结")
    if row.on_time is False:
        return _tr("超时办结")
    return ""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    show: Callable[[ComplaintRow, datetime], str]
    # The value an in-memory sort compares (default: the shown text).
    sort_key: Callable[[ComplaintRow], Any] | None = None


COLUMNS: list[Column] = [
    Column("number", "投诉编号", lambda r, _n: r.number),
    Column("customer", "客户", lambda r, _n: r.customer_name),
    Column("complaint_type", "类型", lambda r, _n: type_label(r.complaint_type)),
    Column("category", "分类", lambda r, _n: r.category_name),
    Column("priority", "优先级", lambda r, _n: priority_label(r.priority),
           lambda r: -Priority(r.priority).rank),
    Column("status", "状态", lambda r, _n: status_label(r.status),
           lambda r: Status(r.status).rank),
    Column("assignee", "处理人", lambda r, _n: r.assignee_name),
    Column("received_at", "受理时间", lambda r, _n: format_local(r.received_at),
           lambda r: r.received_at),
    Column("due_at", "办结期限", lambda r, _n: format_local(r.due_at), lambda r: r.due_at),
    Column("clock", "剩余时间", row_clock,
           lambda r: (not is_open(r), r.due_at)),
    Column("escalated", "上报", lambda r, _n: _tr("已上报") if r.escalated else "",
           lambda r: not r.escalated),
    Column("summary", "问题摘要", lambda r, _n: r.summary),
]


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None or value == "", value if value is not None else "")


class ComplaintsTableModel(QtCore.QAbstractTableModel):
    # A page could not be read (message for a person); the list stays as it was.
    fetch_failed = Signal(str)
    # The order the list is in now (column, order); column -1 is the service order.
    sort_changed = Signal(int, Qt.SortOrder)
    # A sort the model could not do, with the reason for a person.
    sort_refused = Signal(str)

    def __init__(self, fetch: Fetch, parent: QtCore.QObject | None = None, *,
                 now: Now = utc_now, page_size: int = PAGE,
                 local_sort_cap: int = LOCAL_SORT_CAP) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._now = now
        self.columns = COLUMNS
        self.page_size = page_size
        self.local_sort_cap = local_sort_cap
        self._rows: list[ComplaintRow] = []
        self._cursor: ComplaintCursor | None = None
        self._more = False
        self.pages_fetched = 0
        self.sort_order: tuple[int, bool] = (-1, False)  # (column, descending)
        self.painted_at = now()

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the loaded rows and read again (the first page, or every row when the
        list is sorted by a column)."""
        self.beginResetModel()
        self._rows, self._cursor, self._more, self.pages_fetched = [], None, True, 0
        self.painted_at = self._now()
        self.endResetModel()
        if self.sort_order[0] >= 0:
            if self._load_all_sorted():
                return
            self.sort_order = (-1, False)
            self.sort_changed.emit(*self.current_sort())
        self.fetchMore()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._cursor, self._more = [], None, False
        self.endResetModel()

    def _read(self, limit: int) -> ComplaintPage | None:
        try:
            return self._fetch(self._cursor, limit)
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
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(_ROOT, start, start + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    def fetch_all(self, cap: int = LOCAL_SORT_CAP) -> None:
        """Read on until every row is loaded or `cap` rows are (e.g. to select one)."""
        while self._more and len(self._rows) < cap:
            self.fetchMore()

    def _load_all_sorted(self) -> bool:
        """Read every row (up to the cap) and sort them; False when there are more."""
        rows: list[ComplaintRow] = []
        self._cursor = None
        while True:
            page = self._read(min(500, self.local_sort_cap + 1))
            if page is None:
                return True  # the failure is shown; an empty list is honest
            self.pages_fetched += 1
            rows.extend(page.rows)
            self._cursor = page.next_cursor
            if len(rows) > self.local_sort_cap:
                self.sort_refused.emit(_tr(
                    "投诉超过{0}条，只能按默认顺序（超时优先）显示；请先筛选再按此列排序")
                    .format(self.local_sort_cap))
                self._cursor = None
                return False
            if page.next_cursor is None:
                break
        column_index, descending = self.sort_order
        column = self.columns[column_index]
        now = self._now()
        key = column.sort_key or (lambda r: column.show(r, now))
        rows.sort(key=lambda r: _none_last(key(r)), reverse=descending)
        self._more = False
        if rows:
            self.beginInsertRows(_ROOT, 0, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
        return True

    # -- sorting ------------------------------------------------------------------------

    def current_sort(self) -> tuple[int, Qt.SortOrder]:
        column, descending = self.sort_order
        return column, Qt.SortOrder.DescendingOrder if descending else \
            Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(self.columns):
            return
        wanted = (max(column, -1), order == Qt.SortOrder.DescendingOrder and column >= 0)
        if wanted == self.sort_order:
            return  # e.g. the view announcing the order it was given
        self.sort_order = wanted
        self.reload()
        self.sort_changed.emit(*self.current_sort())

    def reset_sort(self) -> None:
        """Back to the service order (overdue first) and read again."""
        self.sort(-1)

    # -- the clock ----------------------------------------------------------------------

    def tick(self) -> None:
        """Repaint the clock and the overdue highlight for the current time."""
        self.painted_at = self._now()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole, OverdueRole])

    # -- rows ---------------------------------------------------------------------------

    def row_at(self, row: int) -> ComplaintRow:
        return self._rows[row]

    def rows(self) -> list[ComplaintRow]:
        return list(self._rows)

    def row_of(self, complaint_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == complaint_id:
                return i
        return -1

    def loaded(self) -> int:
        return len(self._rows)

    def column_of(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        return -1

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
            return _tr(column.header)
        if role == SortRole:
            return column.key
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == RowRole:
            return r
        column = self.columns[index.column()]
        now = self.painted_at
        if role == OverdueRole:
            return is_overdue(r, now)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(r, now)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "summary":
                return r.summary
            if is_overdue(r, now):
                return _tr("已超过办结期限（{0}）").format(format_local(r.due_at))
            return column.show(r, now)
        if role == Qt.ItemDataRole.BackgroundRole and is_overdue(r, now):
            return QtGui.QBrush(QtGui.QColor(OVERDUE_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            if is_overdue(r, now) and column.key in ("clock", "due_at", "number"):
                return QtGui.QBrush(QtGui.QColor(OVERDUE_TEXT))
            if column.key == "priority" and r.priority == Priority.URGENT:
                return QtGui.QBrush(QtGui.QColor(URGENT_TEXT))
            if not is_open(r) and column.key == "clock":
                return QtGui.QBrush(QtGui.QColor(DONE_TEXT))
        if role == Qt.ItemDataRole.FontRole and is_overdue(r, now) and column.key == "clock":
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None


__all__ = [
    "COLUMNS",
    "LOCAL_SORT_CAP",
    "PAGE",
    "ComplaintsTableModel",
    "OverdueRole",
    "RowRole",
    "SortRole",
    "channel_label",
    "is_overdue",
    "priority_label",
    "row_clock",
    "status_label",
    "type_label",
]
