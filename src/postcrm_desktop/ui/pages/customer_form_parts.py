"""Pieces of the customer form: an optional date, the contact-people editor, the grouped
tag picker and the possible-duplicates panel."""

from __future__ import annotations

from datetime import date

from postcrm_desktop.services.customers.types import (
    DuplicateCandidate,
    PersonInput,
    PersonRow,
    TagRef,
)
from postcrm_desktop.ui.models.customer_labels import group_label, reasons_text, tags_by_group
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, QWidget, Signal

PersonIdRole = Qt.ItemDataRole.UserRole + 1  # stored person id (None for a new row)
ShownPhoneRole = Qt.ItemDataRole.UserRole + 2  # the masked phone the form was given
TagIdRole = Qt.ItemDataRole.UserRole + 1


class OptionalDateEdit(QtWidgets.QDateEdit):
    """A date that may be left empty: the minimum date stands for "not filled in"."""

    EMPTY = QtCore.QDate(1899, 12, 31)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.EMPTY)
        self.setMaximumDate(QtCore.QDate(today.year, today.month, today.day).addYears(1))
        self.setSpecialValueText(self.tr("未填"))
        self.setDate(self.EMPTY)

    def value(self) -> object:
        d = self.date()
        return None if d == self.EMPTY else d.toPython()

    def set_value(self, value: object) -> None:
        self.setDate(QtCore.QDate(value) if value is not None else self.EMPTY)  # type: ignore[call-overload]


class PeopleEditor(QtWidgets.QWidget):
    """Enterprise contacts: name, title, phone. Phones of stored people arrive masked;
    each row keeps its person's id, and an unchanged masked phone is sent back as None
    with that id (the service keeps that person's stored phone, whatever the order)."""

    HEADERS = ("姓名", "职务", "电话")
    # The texts above, marked for the translation scanner: they are translated
    # through a variable, in the context "PeopleEditor".
    _HEADERS_TEXTS = (
        QT_TRANSLATE_NOOP("PeopleEditor", "姓名"),
        QT_TRANSLATE_NOOP("PeopleEditor", "职务"),
        QT_TRANSLATE_NOOP("PeopleEditor", "电话"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = QtGui.QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("people_table")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(110)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        buttons = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("添加联系人"))
        self.remove_button = QtWidgets.QPushButton(self.tr("删除所选"))
        self.add_button.clicked.connect(lambda: self.add_person())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def set_people(self, people: list[PersonRow]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for p in people:
            self.add_person(p.name, p.title, p.phone, person_id=p.id)

    def add_person(self, name: str = "", title: str = "", phone: str = "", *,
                   person_id: str | None = None) -> int:
        items = [QtGui.QStandardItem(name), QtGui.QStandardItem(title),
                 QtGui.QStandardItem(phone)]
        items[0].setData(person_id, PersonIdRole)
        items[2].setData(phone if person_id else None, ShownPhoneRole)
        self.model.appendRow(items)
        row = self.model.rowCount() - 1
        if person_id is None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row

    def set_cell(self, row: int, column: int, text: str) -> None:
        self.model.item(row, column).setText(text)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()} or
                      ({self.view.currentIndex().row()} if self.view.currentIndex().isValid()
                       else set()), reverse=True)
        for row in rows:
            self.model.removeRow(row)

    def people(self) -> list[PersonInput]:
        out = []
        for row in range(self.model.rowCount()):
            name, title, phone = (self.model.item(row, c).text().strip() for c in range(3))
            shown = self.model.item(row, 2).data(ShownPhoneRole)
            if not (name or title or phone):
                continue
            kept = shown is not None and phone == shown
            out.append(PersonInput(name=name, title=title, phone=None if kept else phone,
                                   id=self.model.item(row, 0).data(PersonIdRole)))
        return out

    def mark_rows(self, rows: set[int]) -> None:
        """Tint the rows the service found fault with (indexes of `people()`)."""
        sent = 0
        for row in range(self.model.rowCount()):
            texts = [self.model.item(row, c).text().strip() for c in range(3)]
            bad = any(texts) and sent in rows
            brush = QtGui.QBrush(QtGui.QColor("#fde7e9")) if bad else QtGui.QBrush()
            for c in range(3):
                self.model.item(row, c).setBackground(brush)
            if any(texts):
                sent += 1


class TagPicker(QtWidgets.QTreeView):
    """Tags grouped (属性, 需求, 行为, 价值, 情感), each with a check box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tag_picker")
        self.model_ = QtGui.QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setMinimumHeight(160)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)

    def set_tags(self, tags: list[TagRef],
                 checked: set[str] | frozenset[str] = frozenset()) -> None:
        self.model_.clear()
        for group, members in tags_by_group(tags).items():
            parent = QtGui.QStandardItem(group_label(group))
            parent.setSelectable(False)
            for tag in members:
                item = QtGui.QStandardItem(tag.name)
                item.setCheckable(True)
                item.setData(tag.id, TagIdRole)
                item.setCheckState(Qt.CheckState.Checked if tag.id in checked
                                   else Qt.CheckState.Unchecked)
                if tag.color:
                    item.setForeground(QtGui.QBrush(QtGui.QColor(tag.color)))
                parent.appendRow(item)
            self.model_.appendRow(parent)
        self.expandAll()

    def _items(self) -> list[QtGui.QStandardItem]:
        out = []
        for g in range(self.model_.rowCount()):
            parent = self.model_.item(g)
            out.extend(parent.child(r) for r in range(parent.rowCount()))
        return out

    def checked_ids(self) -> list[str]:
        return [i.data(TagIdRole) for i in self._items()
                if i.checkState() == Qt.CheckState.Checked]

    def set_checked(self, tag_id: str, on: bool = True) -> bool:
        for item in self._items():
            if item.data(TagIdRole) == tag_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return True
        return False


class DuplicatePanel(QtWidgets.QFrame):
    """Shown when saving a new customer finds others that may be the same: open one of
    them instead, or save anyway."""

    sig_open = Signal(str)
    sig_save_anyway = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_panel")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#duplicate_panel { background: #fff8e1; }")
        layout = QtWidgets.QVBoxLayout(self)
        self.title = QtWidgets.QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet(ERROR_STYLE)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("duplicate_list")
        self.list.setMaximumHeight(120)
        self.list.itemDoubleClicked.connect(lambda _i: self._open())
        row = QtWidgets.QHBoxLayout()
        self.open_button = QtWidgets.QPushButton(self.tr("打开所选客户"))
        self.save_button = QtWidgets.QPushButton(self.tr("不是同一客户，仍然保存"))
        self.open_button.clicked.connect(self._open)
        self.save_button.clicked.connect(self.sig_save_anyway.emit)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.setVisible(False)

    def show_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        self.title.setText(self.tr("可能与以下 {0} 位已有客户重复，请核对：")
                           .format(len(candidates)))
        self.list.clear()
        for c in candidates:
            r = c.customer
            phone = r.mobile or r.landline
            text = "  ".join(x for x in (r.number, r.name, phone, r.owner_name) if x)
            item = QtWidgets.QListWidgetItem(f"{text}（{reasons_text(c.reasons)}）")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.setVisible(True)

    def candidate_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.sig_open.emit(item.data(Qt.ItemDataRole.UserRole))
