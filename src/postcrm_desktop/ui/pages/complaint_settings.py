"""The complaint desk's settings: the SLA policy (hours per priority, calendar or working
hours, the working day, the default priority per customer tier), the holiday calendar
working hours count by, and the category list.

Everyone may read them; only a user with complaint management (the branch admin) may
change them, the others see them read-only. The service checks every value and each
message appears beside its field.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from postcrm_desktop.core.complaint_enums import ClockMode, Priority
from postcrm_desktop.core.customer_enums import Tier
from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import MAX_HOURS, SlaPolicy
from postcrm_desktop.services.complaints.types import CategoryRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.pages.complaint_forms import (
    MUTED_STYLE,
    OK_STYLE,
    FieldErrors,
    error_label,
)
from postcrm_desktop.ui.pages.complaint_holidays import HolidayEditor
from postcrm_desktop.ui.pages.complaint_intake import fill_enum, select_data
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtCore, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.worker import error_message

ZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau")
CategoryRole = Qt.ItemDataRole.UserRole + 1


def _qtime(value: time) -> QtCore.QTime:
    return QtCore.QTime(value.hour, value.minute)


class SlaPolicyEditor(QtWidgets.QGroupBox):
    sig_saved = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("办结时限（SLA）"))
        self.setObjectName("sla_editor")
        self.ctx = ctx
        self.editable = ctx.branch.actor.can(Perm.COMPLAINT_MANAGE)
        layout = QtWidgets.QVBoxLayout(self)
        self.note = QtWidgets.QLabel(self.tr(
            "新的时限只用于此后受理（或调整优先级、重新打开）的投诉；已定的期限不变。")
            if self.editable else self.tr("只有网点管理员可以修改办结时限，这里仅供查看。"))
        self.note.setObjectName("sla_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.note)
        form = QtWidgets.QFormLayout()
        layout.addLayout(form)
        self.general = error_label("sla_error")
        self.errors = FieldErrors(self.general)
        lang = language()

        self.hours: dict[str, QtWidgets.QSpinBox] = {}
        for p in Priority:
            spin = QtWidgets.QSpinBox()
            spin.setObjectName(f"sla_hours_{p}")
            spin.setRange(1, MAX_HOURS)
            spin.setSuffix(self.tr(" 小时"))
            self.hours[str(p)] = spin
            self.errors.add_row(form, f"hours.{p}", self.tr("{0}：").format(p.label_for(lang)),
                                spin)
        self.errors.labels["hours"] = self.errors.labels[f"hours.{Priority.LOW}"]

        self.mode = QtWidgets.QComboBox()
        self.mode.setObjectName("sla_mode")
        fill_enum(self.mode, ClockMode)
        self.mode.setToolTip(self.tr(
            "工作时间：只计工作日上班时间，节假日和调休按国家法定安排"))
        self.errors.add_row(form, "mode", self.tr("计时方式："), self.mode)
        self.day_start = QtWidgets.QTimeEdit()
        self.day_start.setObjectName("sla_day_start")
        self.day_start.setDisplayFormat("HH:mm")
        self.errors.add_row(form, "day_start", self.tr("上班时间："), self.day_start)
        self.day_end = QtWidgets.QTimeEdit()
        self.day_end.setObjectName("sla_day_end")
        self.day_end.setDisplayFormat("HH:mm")
        self.errors.add_row(form, "day_end", self.tr("下班时间："), self.day_end)
        self.zone = QtWidgets.QComboBox()
        self.zone.setObjectName("sla_zone")
        self.zone.setEditable(True)
        self.zone.addItems(ZONES)
        self.errors.add_row(form, "zone", self.tr("时区："), self.zone)

        tiers = QtWidgets.QGroupBox(self.tr("客户等级对应的默认优先级"))
        tier_form = QtWidgets.QFormLayout(tiers)
        self.tier_priority: dict[str, QtWidgets.QComboBox] = {}
        for t in Tier:
            combo = QtWidgets.QComboBox()
            combo.setObjectName(f"sla_tier_{t}")
            fill_enum(combo, Priority)
            self.tier_priority[str(t)] = combo
            self.errors.add_row(tier_form, f"tier_priority.{t}",
                                self.tr("{0}：").format(t.label_for(lang)), combo)
        self.errors.labels["tier_priority"] = self.errors.labels[
            f"tier_priority.{Tier.NORMAL}"]
        layout.addWidget(tiers)
        layout.addWidget(self.general)

        buttons = QtWidgets.QHBoxLayout()
        self.save_button = QtWidgets.QPushButton(self.tr("保存时限设置"))
        self.save_button.setObjectName("sla_save")
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QtWidgets.QPushButton(self.tr("恢复默认值"))
        self.defaults_button.clicked.connect(lambda: self.show_policy(SlaPolicy()))
        self.saved_label = QtWidgets.QLabel()
        self.saved_label.setStyleSheet(OK_STYLE)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.saved_label, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.inputs: list[QWidget] = [*self.hours.values(), self.mode, self.day_start,
                                      self.day_end, self.zone, *self.tier_priority.values()]
        for w in self.inputs:
            w.setEnabled(self.editable)
        self.save_button.setVisible(self.editable)
        self.defaults_button.setVisible(self.editable)
        self.mode.currentIndexChanged.connect(lambda _i: self._update_window())
        self.load()

    def load(self) -> None:
        from postcrm_desktop.services.complaints import policy

        try:
            self.show_policy(policy.get_policy(self.ctx.branch))
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))

    def show_policy(self, p: SlaPolicy) -> None:
        self.errors.clear()
        for code, spin in self.hours.items():
            spin.setValue(int(p.hours[code]))
        select_data(self.mode, str(p.mode))
        self.day_start.setTime(_qtime(p.day_start))
        self.day_end.setTime(_qtime(p.day_end))
        self.zone.setCurrentText(p.zone)
        for code, combo in self.tier_priority.items():
            select_data(combo, str(p.tier_priority.get(code, Priority.NORMAL.value)))
        self._update_window()

    def _update_window(self) -> None:
        working = self.mode.currentData() == str(ClockMode.WORKING)
        for w in (self.day_start, self.day_end):
            w.setEnabled(self.editable and working)

    def values(self) -> dict[str, Any]:
        return {
            "hours": {code: spin.value() for code, spin in self.hours.items()},
            "mode": self.mode.currentData(),
            "day_start": self.day_start.time().toString("HH:mm"),
            "day_end": self.day_end.time().toString("HH:mm"),
            "zone": self.zone.currentText().strip(),
            "tier_priority": {code: combo.currentData()
                              for code, combo in self.tier_priority.items()},
        }

    def save(self) -> bool:
        from postcrm_desktop.services.complaints import policy

        if not self.editable:
            return False
        self.errors.clear()
        self.saved_label.clear()
        try:
            stored = policy.set_policy(self.ctx.branch, self.values())
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return False
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
            return False
        self.show_policy(stored)
        self.saved_label.setText(self.tr("已保存"))
        self.sig_saved.emit()
        return True


class CategoriesEditor(QtWidgets.QGroupBox):
    """The category list: add, rename, reorder, retire or bring back, delete unused."""

    sig_changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("问题分类"))
        self.setObjectName("categories_editor")
        self.ctx = ctx
        self.editable = ctx.branch.actor.can(Perm.COMPLAINT_MANAGE)
        layout = QtWidgets.QVBoxLayout(self)
        note = QtWidgets.QLabel(self.tr(
            "已使用的分类不能删除，只能停用：停用后登记时不再出现，原有投诉仍显示该分类。")
            if self.editable else self.tr("只有网点管理员可以修改分类，这里仅供查看。"))
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        layout.addWidget(note)
        self.model = QtGui.QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("名称"), self.tr("英文名称"),
                                              self.tr("状态")])
        self.view = QtWidgets.QTreeView()
        self.view.setObjectName("categories_view")
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setColumnWidth(0, 140)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._on_current())
        layout.addWidget(self.view, 1)

        form = QtWidgets.QFormLayout()
        self.general = error_label("category_error")
        self.errors = FieldErrors(self.general)
        self.name = QtWidgets.QLineEdit()
        self.name.setObjectName("category_name")
        self.name.setMaxLength(32)
        self.name.setPlaceholderText(self.tr("分类名称，如：投递不到位"))
        self.errors.add_row(form, "name", self.tr("名称："), self.name)
        self.name_en = QtWidgets.QLineEdit()
        self.name_en.setObjectName("category_name_en")
        self.name_en.setMaxLength(64)
        self.errors.add_row(form, "name_en", self.tr("英文名称："), self.name_en)
        layout.addLayout(form)
        layout.addWidget(self.general)
        buttons = QtWidgets.QGridLayout()
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for i, (key, text, slot) in enumerate((
                ("add", "添加", self.add), ("rename", "改名", self.rename),
                ("toggle", "停用", self.toggle_active), ("delete", "删除", self.delete),
                ("up", "上移", lambda: self.move(-1)), ("down", "下移", lambda: self.move(1)))):
            button = QtWidgets.QPushButton(self.tr(text))
            button.setObjectName(f"category_{key}")
            button.clicked.connect(slot)
            buttons.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        layout.addLayout(buttons)
        for w in (self.name, self.name_en, *self.buttons.values()):
            w.setVisible(self.editable)
        if not self.editable:
            for i in range(form.rowCount()):
                form.setRowVisible(i, False)
        self.load()

    def load(self, select: str | None = None) -> None:
        from postcrm_desktop.services.complaints import categories

        keep = select or self.selected_code()
        self.model.removeRows(0, self.model.rowCount())
        try:
            rows = categories.list_categories(self.ctx.branch, include_retired=True)
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
            return
        for c in rows:
            cells = [QtGui.QStandardItem(c.name), QtGui.QStandardItem(c.name_en),
                     QtGui.QStandardItem(self.tr("使用中") if c.active else self.tr("已停用"))]
            cells[0].setData(c, CategoryRole)
            if not c.active:
                for cell in cells:
                    cell.setForeground(QtGui.QBrush(QtGui.QColor("#888888")))
            self.model.appendRow(cells)
        if keep:
            for r in range(self.model.rowCount()):
                if self.model.item(r, 0).data(CategoryRole).code == keep:
                    self.view.setCurrentIndex(self.model.index(r, 0))
        self._on_current()

    def names(self) -> list[str]:
        return [self.model.item(r, 0).text() for r in range(self.model.rowCount())]

    def selected(self) -> CategoryRow | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(CategoryRole)

    def selected_code(self) -> str | None:
        c = self.selected()
        return c.code if c is not None else None

    def select_name(self, name: str) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).text() == name:
                self.view.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    def _on_current(self) -> None:
        c = self.selected()
        if c is not None:
            self.name.setText(c.name)
            self.name_en.setText(c.name_en)
        self.buttons["toggle"].setText(self.tr("启用") if c is not None and not c.active
                                       else self.tr("停用"))
        for key in ("rename", "toggle", "delete", "up", "down"):
            self.buttons[key].setEnabled(c is not None)

    def _run(self, step: Any, select: str | None = None) -> bool:
        self.errors.clear()
        try:
            result = step()
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return False
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("问题分类"), error_message(exc))
            return False
        self.load(select or (result if isinstance(result, str) else None))
        self.sig_changed.emit()
        return True

    def add(self) -> bool:
        from postcrm_desktop.services.complaints import categories

        name, name_en = self.name.text(), self.name_en.text()
        return self._run(lambda: categories.add_category(self.ctx.branch, name, name_en))

    def rename(self) -> bool:
        from postcrm_desktop.services.complaints import categories

        c = self.selected()
        if c is None:
            return False
        name, name_en = self.name.text(), self.name_en.text()
        return self._run(lambda: categories.rename_category(self.ctx.branch, c.code, name,
                                                            name_en), c.code)

    def toggle_active(self) -> bool:
        from postcrm_desktop.services.complaints import categories

        c = self.selected()
        if c is None:
            return False
        return self._run(lambda: categories.set_category_active(self.ctx.branch, c.code,
                                                                not c.active), c.code)

    def delete(self) -> bool:
        from postcrm_desktop.services.complaints import categories

        c = self.selected()
        if c is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("删除分类"), self.tr("删除分类“{0}”？").format(c.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(lambda: categories.delete_category(self.ctx.branch, c.code))

    def move(self, step: int) -> bool:
        from postcrm_desktop.services.complaints import categories

        c = self.selected()
        index = self.view.currentIndex()
        if c is None or not index.isValid():
            return False
        target = max(0, index.row() + step)
        return self._run(lambda: categories.move_category(self.ctx.branch, c.code, target),
                         c.code)


class ComplaintSettings(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_settings")
        row = QtWidgets.QHBoxLayout(self)
        self.sla = SlaPolicyEditor(ctx)
        self.categories = CategoriesEditor(ctx)
        self.holidays = HolidayEditor(ctx)
        left = QWidget()
        column = QtWidgets.QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.sla)
        column.addWidget(self.holidays)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(left)
        row.addWidget(scroll, 1)
        row.addWidget(self.categories, 1)

    def reload(self) -> None:
        self.sla.load()
        self.categories.load()
        self.holidays.load()


__all__ = ["CategoriesEditor", "ComplaintSettings", "SlaPolicyEditor"]
