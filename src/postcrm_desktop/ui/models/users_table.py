"""The branch's users as a table model (a branch has tens of users: loaded whole)."""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.roles import ROLE_LABELS
from postcrm_desktop.services.users import UserRow
from postcrm_desktop.ui.models.list_table import ListTableModel
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui

UserRole = Qt.ItemDataRole.UserRole + 1  # the UserRow behind a table row
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (dates, booleans)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersTableModel", text)


def role_label(row: UserRow) -> str:
    return QCoreApplication.translate("Roles", ROLE_LABELS[row.role])


class UsersTableModel(ListTableModel[UserRow]):
    CONTEXT = "UsersTableModel"
    # Marked for lupdate; `headerData` translates them when shown.
    HEADERS = (
        QT_TRANSLATE_NOOP("UsersTableModel", "用户名"),
        QT_TRANSLATE_NOOP("UsersTableModel", "姓名"),
        QT_TRANSLATE_NOOP("UsersTableModel", "角色"),
        QT_TRANSLATE_NOOP("UsersTableModel", "部门"),
        QT_TRANSLATE_NOOP("UsersTableModel", "启用"),
        QT_TRANSLATE_NOOP("UsersTableModel", "锁定"),
        QT_TRANSLATE_NOOP("UsersTableModel", "需改密码"),
        QT_TRANSLATE_NOOP("UsersTableModel", "上次登录"),
    )

    def row_of(self, username: str) -> int:
        for i, r in enumerate(self._rows):
            if r.username == username:
                return i
        return -1

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        u = self._rows[index.row()]
        col = index.column()
        if role == UserRole:
            return u
        if role == SortRole:
            if col == 7:
                return u.last_login_at.timestamp() if u.last_login_at else 0.0
            if col in (4, 5, 6):
                return int((u.active, u.locked, u.must_change_password)[col - 4])
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return u.username
        if col == 1:
            return u.display_name
        if col == 2:
            return role_label(u)
        if col == 3:
            return u.department
        if col == 4:
            return _tr("是") if u.active else _tr("已停用")
        if col == 5:
            return _tr("已锁定") if u.locked else ""
        if col == 6:
            return _tr("是") if u.must_change_password else ""
        return u.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M") if u.last_login_at \
            else ""

