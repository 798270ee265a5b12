"""The customer list as a lazily paged table: a page of rows at a time, sorted by the service.

The model never asks for every row. `fetch(sort, after, limit)` returns a `Page` (rows
and an opaque keyset cursor); the view calls `fetchMore` when the user scrolls near the
end (the paging is `keyset_table.PagedTableModel`). Clicking a header calls
`sort(column, order)`, which asks the service for the first page in the new order. The
number of matches is counted separately (`Count`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.services.customers.types import SORTABLE, CustomerRow, Page, Sort
from postcrm_desktop.ui.models.customer_labels import (
    fmt_date,
    fmt_datetime,
    stage_label,
    tier_label,
    type_label,
)
from postcrm_desktop.ui.models.keyset_table import (
    PAGE,
    Column,
    PagedTableModel,
    RowRole,
    SortRole,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui

Fetch = Callable[[Sort, Any, int], Page]
UNASSIGNED_COLOR = "#C05A00"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustomersTableModel", text)


def _district(r: CustomerRow) -> str:
    return r.district or r.city or r.province


# The key is the service's sort column when sortable.
COLUMNS: list[Column[CustomerRow]] = [
    Column("number", "客户编号", lambda r: r.number),
    Column("name", "名称", lambda r: r.name),
    Column("customer_type", "类型", lambda r: type_label(r.customer_type)),
    Column("tier", "等级", lambda r: tier_label(r.tier)),
    Column("stage", "阶段", lambda r: stage_label(r.stage)),
    Column("mobile", "手机", lambda r: r.mobile or r.landline),
    Column("district", "区县", _district),
    Column("company", "单位", lambda r: r.company),
    Column("industry", "行业", lambda r: r.industry),
    Column("owner_name", "负责人", lambda r: r.owner_name or _tr("未分配")),
    Column("created_at", "创建日期", lambda r: fmt_date(r.created_at)),
    Column("last_activity_at", "最近活动", lambda r: fmt_date(r.last_activity_at)),
]
RECYCLE_COLUMNS = [*COLUMNS[:-1],
                   Column("deleted_at", "删除时间", lambda r: fmt_datetime(r.deleted_at))]


class CustomersTableModel(PagedTableModel[CustomerRow]):
    """Sorted by the service: a new order reads the first page again."""

    def __init__(self, fetch: Fetch, parent: QtCore.QObject | None = None, *,
                 recycle_bin: bool = False) -> None:
        super().__init__(lambda after, limit: fetch(self.sort_order, after, limit),
                         RECYCLE_COLUMNS if recycle_bin else COLUMNS, parent=parent)
        self.sort_order = Sort()

    def current_sort(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self.sort_order.descending else \
            Qt.SortOrder.AscendingOrder
        return self.column_of(self.sort_order.column), order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].key if 0 <= column < len(self.columns) else ""
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns) \
                and self.columns[section].key not in SORTABLE:
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("此列不能排序")
            if role == SortRole:
                return None
        return super().headerData(section, orientation, role)

    def header_text(self, header: str) -> str:
        return _tr(header)

    def cell(self, row: CustomerRow, column: Any, role: int) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and column.key == "owner_name"
                and row.owner_id is None):
            return _tr("这位客户还没有负责人，请在客户资料中指定")
        return super().cell(row, column, role)

    def decorate(self, row: CustomerRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.deleted_at is not None:
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if key == "owner_name" and row.owner_id is None:
            # A customer nobody looks after: flagged for the branch admin to assign.
            if role == Qt.ItemDataRole.ForegroundRole:
                return QtGui.QBrush(QtGui.QColor(UNASSIGNED_COLOR))
            if role == Qt.ItemDataRole.FontRole:
                font = QtGui.QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("mobile", "number"):
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        return None


__all__ = ["COLUMNS", "PAGE", "RECYCLE_COLUMNS", "CustomersTableModel", "RowRole", "SortRole"]


# The headers above and the unassigned owner's words, marked for lupdate; `header_text`
# and `_tr` translate them when shown.
_HEADER_TEXTS = (
    QT_TRANSLATE_NOOP("CustomersTableModel", "客户编号"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "名称"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "类型"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "等级"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "阶段"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "手机"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "区县"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "单位"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "行业"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "负责人"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "创建日期"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "最近活动"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "删除时间"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "未分配"),
    QT_TRANSLATE_NOOP("CustomersTableModel", "这位客户还没有负责人，请在客户资料中指定"),
)
