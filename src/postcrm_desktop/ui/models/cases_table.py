"""Cases of the case library as a table model (a search answers at most a few hundred:
loaded whole, sorted in the view)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services.cases.types import CaseRow
from postcrm_desktop.ui.models.list_table import ListTableModel
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui

RowRole = Qt.ItemDataRole.UserRole + 1  # the CaseRow behind a table row
_CONTEXT = "CasesTableModel"

ORIGINS = {
    "local": QT_TRANSLATE_NOOP("CasesTableModel", "本网点"),
    "hq": QT_TRANSLATE_NOOP("CasesTableModel", "总部"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def origin_label(row: CaseRow) -> str:
    return _tr(ORIGINS.get(row.origin, row.origin))


def tags_text(row: CaseRow) -> str:
    return QCoreApplication.translate("CasesTableModel", "、").join(row.tags)


class CasesTableModel(ListTableModel[CaseRow]):
    CONTEXT = _CONTEXT
    # Marked for lupdate; `headerData` translates them when shown.
    HEADERS = (
        QT_TRANSLATE_NOOP("CasesTableModel", "标题"),
        QT_TRANSLATE_NOOP("CasesTableModel", "问题分类"),
        QT_TRANSLATE_NOOP("CasesTableModel", "标签"),
        QT_TRANSLATE_NOOP("CasesTableModel", "来源"),
        QT_TRANSLATE_NOOP("CasesTableModel", "更新时间"),
    )

    def __init__(self, parent: QtCore.QObject | None = None, *,
                 zone: tzinfo | str | None = None) -> None:
        super().__init__(parent)
        self.zone = zone  # the branch's: times shown as its wall clock

    def row_of(self, case_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), -1)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            title = r.title if r.active else QCoreApplication.translate(
                "CasesTableModel", "{0}（已停用）").format(r.title)
            return (title, r.category_name, tags_text(r), origin_label(r),
                    format_local(r.updated_at, self.zone))[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return r.summary
        if role == Qt.ItemDataRole.ForegroundRole and not r.active:
            return QtGui.QBrush(QtGui.QColor("#888888"))
        return None


__all__ = ["CasesTableModel", "RowRole", "origin_label", "tags_text"]
