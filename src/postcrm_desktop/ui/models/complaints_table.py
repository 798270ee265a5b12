"""The complaint list as a lazily paged table, overdue first, with a live deadline clock.

`fetch(after, limit)` returns a `ComplaintPage` (keyset pages in the service's order:
open complaints by deadline, so the overdue ones lead, then the others newest first);
the view calls `fetchMore` as the user scrolls. The clock column and the red overdue
highlight are computed from `due_at` and the current time at paint time, so `tick()`
(called each minute by the page) only repaints. A click on a header in `SERVER_SORTS`
asks the service for that order (`sorted_fetch`), page by page, however long the list;
the other columns sort in memory when the whole result fits in `local_sort_cap` rows,
beyond that the list keeps the service order and says why (`sort_refused`). Column -1
is the service order.

The labels of the complaint codes (status, priority, type, channel) live here too, so
the list and the detail panel read the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from postcrm_desktop.core.complaint_enums import Channel, ComplaintType, Priority, Status
from postcrm_desktop.core.sla import DEFAULT_ZONE, format_local
from postcrm_desktop.services.complaints.types import (
    ComplaintCursor,
    ComplaintPage,
    ComplaintRow,
)
from postcrm_desktop.ui.models.customer_labels import enum_label
from postcrm_desktop.ui.models.keyset_table import (
    LOCAL_SORT_CAP,
    PAGE,
    KeysetTableModel,
    RowRole,
    SortRole,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui, translate
from postcrm_desktop.ui.widgets.sla_clock import clock_label

OverdueRole = Qt.ItemDataRole.UserRole + 3  # bool: open and past its deadline now

OVERDUE_BACKGROUND = "#fde2e1"
OVERDUE_TEXT = "#b00020"
URGENT_TEXT = "#c0392b"
DONE_TEXT = "#666666"

Fetch = Callable[[ComplaintCursor | None, int], ComplaintPage]
SortedFetch = Callable[[ComplaintCursor | None, int, tuple[str, bool]], ComplaintPage]
# The columns `list_complaints(sort=...)` orders (its SORT_COLUMNS).
SERVER_SORTS = ("number", "received_at", "due_at", "priority", "status", "category",
                "complaint_type")
Now = Callable[[], datetime]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintsTableModel", text)


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
    text = clock_label(row.due_at, now, is_open=is_open(row))
    if text:
        return text
    if row.on_time is True:
        return translate("ComplaintsTableModel", "按时办结")
    if row.on_time is False:
        return translate("ComplaintsTableModel", "超时办结")
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
    # The summary early, so it stays on screen: it takes the room the others leave.
    Column("summary", "问题摘要", lambda r, _n: r.summary),
    Column("priority", "优先级", lambda r, _n: priority_label(r.priority),
           lambda r: -Priority(r.priority).rank),
    Column("status", "状态", lambda r, _n: status_label(r.status),
           lambda r: Status(r.status).rank),
    Column("assignee", "处理人", lambda r, _n: r.assignee_name),
    Column("received_at", "受理时间", lambda r, n: format_local(r.received_at, n.tzinfo),
           lambda r: r.received_at),
    Column("due_at", "办结期限", lambda r, n: format_local(r.due_at, n.tzinfo),
           lambda r: r.due_at),
    Column("clock", "剩余时间", row_clock,
           lambda r: (not is_open(r), r.due_at)),
    Column("escalated", "上报",
           lambda r, _n: translate("ComplaintsTableModel", "已上报") if r.escalated else "",
           lambda r: not r.escalated),
]


class ComplaintsTableModel(KeysetTableModel[ComplaintRow]):
    """Column -1 (no column) is the service order: overdue first."""

    def __init__(self, fetch: Fetch, parent: QtCore.QObject | None = None, *,
                 now: Now, zone: tzinfo | None = None, page_size: int = PAGE,
                 local_sort_cap: int = LOCAL_SORT_CAP,
                 sorted_fetch: SortedFetch | None = None) -> None:
        super().__init__(fetch, COLUMNS, service_sort=("", False), page_size=page_size,
                         local_sort_cap=local_sort_cap, sorted_fetch=sorted_fetch,
                         server_sorts=SERVER_SORTS, parent=parent)
        # Times show in `zone` (the branch's): the moment cells get is in that zone.
        self.zone = zone or ZoneInfo(DEFAULT_ZONE)
        self._now = lambda: now().astimezone(self.zone)
        self.painted_at = self._now()

    def _on_reset(self) -> None:
        self.painted_at = self._now()

    def sort_refused_text(self) -> str:
        return translate("ComplaintsTableModel",
                         "投诉超过{0}条，只能按默认顺序（超时优先）显示；请先筛选再按此列排序")

    def sort_value(self, column: Column) -> Callable[[ComplaintRow], Any]:
        now = self._now()
        return column.sort_key or (lambda r: column.show(r, now))

    def reset_sort(self) -> None:
        """Back to the service order (overdue first) and read again."""
        self.sort(-1)

    def header_text(self, header: str) -> str:
        return _tr(header)

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

    def cell(self, r: ComplaintRow, column: Column, role: int) -> Any:
        now = self.painted_at
        if role == OverdueRole:
            return is_overdue(r, now)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(r, now)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "summary":
                return r.summary
            if is_overdue(r, now):
                return translate("ComplaintsTableModel", "已超过办结期限（{0}）").format(
                    format_local(r.due_at, self.zone))
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
    "SERVER_SORTS",
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


# The headers above, marked for lupdate; `header_text` translates them when shown.
_HEADER_TEXTS = (
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "投诉编号"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "客户"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "类型"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "分类"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "优先级"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "状态"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "处理人"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "受理时间"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "办结期限"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "剩余时间"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "上报"),
    QT_TRANSLATE_NOOP("ComplaintsTableModel", "问题摘要"),
)
