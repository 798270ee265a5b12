"""One section of the workbench (today's tasks, overdue tasks, care dates, complaints near
their deadline): a titled box with its count, a compact table and the section's actions.

Double-click or Enter opens the item's customer. In task sections the first column is a
check box: one click completes the task. Right-click offers the other actions.

A follow-up rule's tasks are one line with their count ("▶ 潜在客户每月电话跟进 · 20 位
客户"); double-click, Enter or "展开" opens the group below it, and its tasks complete
one by one like any other (the next one is selected after each).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from postcrm_desktop.services.contacts.workbench import (
    COUNT_CAP,
    WorkbenchItem,
    WorkbenchSection,
)
from postcrm_desktop.ui.models.contact_labels import (
    DUE_TODAY_COLOR,
    OVERDUE_COLOR,
    due_text,
    fmt_day,
    overdue_text,
    relative_day,
    weekday_label,
)
from postcrm_desktop.ui.pages.customer_common import MUTED_STYLE
from postcrm_desktop.ui.qt import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QtCore,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
    translate,
)

ItemRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QtCore.QModelIndex()
TASK_SECTIONS = ("today", "overdue")


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkbenchSection", text)


def _when(section: str, item: WorkbenchItem, now: datetime) -> str:
    if item.due_at is not None:
        if section == "overdue" or (item.overdue and section != "today"):
            return f"{due_text(item.due_at, now)}（{overdue_text(item.due_at, now)}）"
        return due_text(item.due_at, now)
    if item.on is not None:
        today = now.date()  # `now` is in the branch's zone
        return f"{fmt_day(item.on)} {weekday_label(item.on)}（{relative_day(item.on, today)}）"
    return ""


def headers(section: str) -> list[str]:
    if section in TASK_SECTIONS:
        return [
            translate("WorkbenchSection", "完成"),
            translate("WorkbenchSection", "期限"),
            translate("WorkbenchSection", "客户"),
            translate("WorkbenchSection", "任务"),
        ]
    if section == "care":
        return [
            translate("WorkbenchSection", "日期"),
            translate("WorkbenchSection", "客户"),
            translate("WorkbenchSection", "关怀事由"),
            translate("WorkbenchSection", "日子"),
        ]
    return [
        translate("WorkbenchSection", "期限"),
        translate("WorkbenchSection", "客户"),
        translate("WorkbenchSection", "事项"),
        translate("WorkbenchSection", "说明"),
    ]


class WorkbenchItemsModel(QtCore.QAbstractTableModel):
    """Items of one section; task rows have a check box that asks to complete the task."""

    sig_complete = Signal(object)  # WorkbenchItem whose box was ticked

    def __init__(self, section: str, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.top: list[WorkbenchItem] = []  # the section's items, groups closed
        self.items: list[WorkbenchItem] = []  # the rows shown: open groups' tasks too
        self.in_group: set[int] = set()  # rows that are a group's task
        self.expanded: set[str] = set()  # ids of the open groups (kept over refreshes)
        self.now: datetime | None = None

    def set_items(self, items: list[WorkbenchItem], now: datetime | None) -> None:
        self.beginResetModel()
        self.top = list(items)
        self.now = now
        self._flatten()
        self.endResetModel()

    def _flatten(self) -> None:
        self.items, self.in_group = [], set()
        for item in self.top:
            self.items.append(item)
            if item.is_group and item.id in self.expanded:
                for child in item.children:
                    self.in_group.add(len(self.items))
                    self.items.append(child)

    def toggle(self, row: int) -> bool:
        """Open or close the group on `row`; False when it is not a group."""
        if not 0 <= row < len(self.items) or not self.items[row].is_group:
            return False
        self.beginResetModel()
        self.expanded ^= {self.items[row].id}
        self._flatten()
        self.endResetModel()
        return True

    def rowCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(headers(self.section))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers(self.section)[section]
        return None

    def _cells(self, item: WorkbenchItem, row: int = -1) -> list[str]:
        customer = item.customer_name
        when = _when(self.section, item, self.now) if self.now is not None else ""
        if item.is_group:
            mark = "▼" if item.id in self.expanded else "▶"
            count = f"{COUNT_CAP}+" if item.count > COUNT_CAP else str(item.count)
            return ["", when, translate("WorkbenchSection", "{0} 位客户").format(count),
                    f"{mark} {item.title}"]
        if self.section in TASK_SECTIONS:
            title = f"　└ {item.title}" if row in self.in_group else item.title
            return ["", when, customer, title]
        if self.section == "care":
            return [when, customer, item.title, item.detail]
        return [when, customer, item.title, item.detail]

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        group = 0 <= index.row() < len(self.items) and self.items[index.row()].is_group
        if self.section in TASK_SECTIONS and index.column() == 0 and not group:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        col = index.column()
        if role == ItemRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._cells(item, index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                if item.is_group:
                    return translate("WorkbenchSection", "双击展开或收起这组规则任务")
                if self.section in TASK_SECTIONS and col == 0:
                    return translate("WorkbenchSection", "勾选即完成此任务")
                return "\n".join(x for x in (cells[col], item.detail if col == 3 else "") if x)
            return cells[col]
        if (role == Qt.ItemDataRole.CheckStateRole and self.section in TASK_SECTIONS
                and col == 0 and not item.is_group):
            return Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and item.is_group:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.overdue:
                return QtGui.QBrush(QtGui.QColor(OVERDUE_COLOR))
            if self.section == "complaints":
                return QtGui.QBrush(QtGui.QColor(DUE_TODAY_COLOR))
        when_col = 1 if self.section in TASK_SECTIONS else 0
        if (
            role == Qt.ItemDataRole.FontRole
            and item.overdue
            and col == when_col
            and self.section != "today"
        ):
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None

    def setData(
        self, index: QtCore.QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and index.column() == 0
            and self.section in TASK_SECTIONS
            and 0 <= index.row() < len(self.items)
            and not self.items[index.row()].is_group
        ):
            if Qt.CheckState(value) == Qt.CheckState.Checked:
                self.sig_complete.emit(self.items[index.row()])
            return True
        return False

    def item_at(self, row: int) -> WorkbenchItem:
        return self.items[row]

    def row_of(self, item_id: str) -> int:
        return next((i for i, it in enumerate(self.items) if it.id == item_id), -1)


class SectionBox(QtWidgets.QGroupBox):
    """A workbench section. Signals name what the user asked for; the page does it."""

    sig_open_customer = Signal(str)
    sig_complete = Signal(object)  # WorkbenchItem (task)
    sig_log_contact = Signal(object)  # WorkbenchItem (task or care date)
    sig_greet = Signal(object)  # WorkbenchItem (care date)
    sig_open_complaint = Signal(object)  # WorkbenchItem (complaint)
    sig_show_all = Signal(str)  # section key

    def __init__(
        self, key: str, title: str, parent: QWidget | None = None, *, highlight: str = ""
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title_text = title
        self.setObjectName(f"section_{key}")
        if highlight:
            self.setStyleSheet(
                f"QGroupBox#section_{key} {{ font-weight: bold; color: {highlight}; }}"
            )
        else:
            self.setStyleSheet(f"QGroupBox#section_{key} {{ font-weight: bold; }}")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        self.model = WorkbenchItemsModel(key, self)
        self.model.sig_complete.connect(self.sig_complete.emit)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName(f"{key}_table")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setWordWrap(False)
        self.view.setStyleSheet("QTableView { color: palette(text); font-weight: normal; }")
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        widths = {
            "today": (40, 110, 110),
            "overdue": (40, 190, 110),
            "care": (180, 100, 120),
            "complaints": (175, 90, 170),
        }
        for col, width in enumerate(widths.get(key, (120, 100, 150))):
            self.view.setColumnWidth(col, width)
        # Dates, names, care occasions and complaint numbers are short: each such column
        # is as wide as its longest text (never clipped); the last one takes the rest.
        fitted = range(1, 3) if key in TASK_SECTIONS else range(0, 3)
        for col in fitted:
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        self.empty = QtWidgets.QLabel()
        self.empty.setObjectName(f"{key}_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(MUTED_STYLE + "; font-weight: normal;")
        layout.addWidget(self.empty, 1)
        row = QtWidgets.QHBoxLayout()
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for name, text in self._button_texts():
            button = QtWidgets.QPushButton(text)
            button.setObjectName(f"{key}_{name}")
            button.setStyleSheet("font-weight: normal;")
            button.clicked.connect(lambda _c=False, n=name: self._on_button(n))
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.more = QtWidgets.QLabel()
        self.more.setObjectName(f"{key}_more")
        self.more.setStyleSheet("font-weight: normal;")
        self.more.linkActivated.connect(lambda _l: self.sig_show_all.emit(self.key))
        row.addWidget(self.more)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.set_section(None, None)

    def _button_texts(self) -> list[tuple[str, str]]:
        if self.key in TASK_SECTIONS:
            return [
                ("expand", translate("WorkbenchSection", "展开/收起")),
                ("complete", translate("WorkbenchSection", "完成")),
                ("log", translate("WorkbenchSection", "记录联系")),
                ("open", translate("WorkbenchSection", "打开客户")),
            ]
        if self.key == "care":
            return [
                ("greet", translate("WorkbenchSection", "生成祝福语")),
                ("open", translate("WorkbenchSection", "打开客户")),
            ]
        if self.key == "complaints":
            return [
                ("complaint", translate("WorkbenchSection", "打开投诉")),
                ("open", translate("WorkbenchSection", "打开客户")),
            ]
        return [("open", translate("WorkbenchSection", "打开客户"))]

    def set_section(self, section: WorkbenchSection | None, now: datetime | None) -> None:
        """Show `section`; `now` is in the branch's zone (days and times read in it)."""
        keep = self.selected()
        keep_row = self.view.currentIndex().row()
        kept_in_group = keep_row in self.model.in_group
        items = section.items if section is not None else []
        self.model.set_items(items, now)
        total = section.total_text if section is not None else "0"
        self.setTitle(f"{self.title_text}（{total}）")
        shown = len(items)
        more = section is not None and section.total > shown
        see_all = translate("WorkbenchSection", "共 {0} 项，查看全部").format(total)
        self.more.setText(
            f'<a href="all">{see_all}</a>'
            if more or (self.key in TASK_SECTIONS and shown)
            else ""
        )
        self.empty.setText(
            {
                "today": translate("WorkbenchSection", "今天没有到期的任务"),
                "overdue": translate("WorkbenchSection", "没有逾期任务"),
                "care": translate("WorkbenchSection", "近期没有关怀日"),
                "complaints": translate("WorkbenchSection", "没有临近期限的投诉"),
            }.get(self.key, translate("WorkbenchSection", "暂无"))
        )
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)
        if keep is not None and self.model.row_of(keep.id) >= 0:
            self.view.selectRow(self.model.row_of(keep.id))
        elif kept_in_group and keep_row in self.model.in_group:
            self.view.selectRow(keep_row)  # working through a group: the next task
        self._update()

    def selected(self) -> WorkbenchItem | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(
            index.row(), QtCore.QModelIndex()
        ):
            return None
        return self.model.item_at(index.row())

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _update(self) -> None:
        item = self.selected()
        group = item is not None and item.is_group
        for name, button in self.buttons.items():
            button.setEnabled(item is not None and (group == (name == "expand")))
        if "expand" in self.buttons:
            self.buttons["expand"].setVisible(any(i.is_group for i in self.model.top))

    def toggle_selected(self) -> bool:
        row = self.view.currentIndex().row()
        if not self.model.toggle(row):
            return False
        self.view.selectRow(row)
        self._update()
        return True

    def _on_button(self, name: str) -> None:
        item = self.selected()
        if item is None:
            return
        if item.is_group or name == "expand":
            self.toggle_selected()
            return
        {
            "complete": self.sig_complete,
            "log": self.sig_log_contact,
            "greet": self.sig_greet,
            "complaint": self.sig_open_complaint,
        }.get(name, self.sig_open_customer).emit(item.customer_id if name == "open" else item)

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None and item.is_group:
            self.toggle_selected()
        elif item is not None:
            self.sig_open_customer.emit(item.customer_id)

    def _menu(self, pos: QtCore.QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QtWidgets.QMenu(self)
        group = self.model.item_at(index.row()).is_group
        for name, text in self._button_texts():
            if group == (name == "expand"):
                menu.addAction(text, lambda n=name: self._on_button(n))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if key == Qt.Key.Key_Space and self.key in TASK_SECTIONS:
                item = self.selected()
                if item is not None and item.is_group:
                    self.toggle_selected()
                elif item is not None:
                    self.sig_complete.emit(item)
                return True
        return super().eventFilter(obj, event)


__all__ = ["ItemRole", "SectionBox", "WorkbenchItemsModel", "headers"]
