"""The audit log as a lazily paged table: rows arrive a page at a time as the view scrolls.

The model never asks for every row. `fetch(after_seq, limit)` returns the next rows in
newest-first order after the given `seq` (keyset paging), and the view calls
`fetchMore` when the user scrolls near the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.services.audit_log import AuditRow
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore

PAGE = 200
# The AuditRow behind a table row, for a details view or a test.
RowRole = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[int | None, int], list[AuditRow]]
_ROOT = QtCore.QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


def detail_text(row: AuditRow) -> str:
    """The row's detail in words, in the interface language."""
    return row.detail_text(current_language())


def raw_detail(row: AuditRow) -> str:
    """What was recorded, codes and all (the tooltip: one look away for support)."""
    return ", ".join(f"{k}={v}" for k, v in sorted(row.detail.items()))


class AuditTableModel(QtCore.QAbstractTableModel):
    # Marked for lupdate; `headerData` translates them when shown.
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditTableModel", "时间"),
        QT_TRANSLATE_NOOP("AuditTableModel", "用户"),
        QT_TRANSLATE_NOOP("AuditTableModel", "操作"),
        QT_TRANSLATE_NOOP("AuditTableModel", "对象"),
        QT_TRANSLATE_NOOP("AuditTableModel", "详情"),
    )

    def __init__(self, fetch: Fetch, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[AuditRow] = []
        self._more = True
        self.pages_fetched = 0

    def reload(self) -> None:
        """Forget what was loaded and fetch the first (newest) page again."""
        self.beginResetModel()
        self._rows, self._more, self.pages_fetched = [], True, 0
        self.endResetModel()
        self.fetchMore()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._more = [], False
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    def rowCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == RowRole:
            return r
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        col = index.column()
        shown = role == Qt.ItemDataRole.DisplayRole
        lang = current_language()
        if col == 0:
            return r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if col == 1:
            return r.username
        if col == 2:
            return r.action_text(lang) if shown else f"{r.action_text(lang)}（{r.action}）"
        if col == 3:
            return r.target_text(lang) if shown else \
                f"{r.target_text(lang)}\n{r.entity} {r.entity_id}".strip()
        return detail_text(r) if shown else f"{detail_text(r)}\n{raw_detail(r)}".strip()

    def canFetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QtCore.QModelIndex = _ROOT) -> None:
        if parent.isValid() or not self._more:
            return
        after = self._rows[-1].seq if self._rows else None
        rows = self._fetch(after, PAGE)
        self.pages_fetched += 1
        self._more = len(rows) >= PAGE
        if rows:
            start = len(self._rows)
            self.beginInsertRows(_ROOT, start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
