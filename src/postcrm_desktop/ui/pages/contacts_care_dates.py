"""A customer's care dates (关怀日): birthday (solar or lunar), cooperation anniversary,
custom dates — listed with their next solar date; add, edit, remove (confirmed), or take
the birthday from the customer's file."""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core import care_dates as cd
from postcrm_desktop.core.contact_enums import CareCalendar, CareKind
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import CareDateInput, CareDateRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.contact_labels import care_kind_label, fmt_day, relative_day
from postcrm_desktop.ui.pages.contacts_forms import ServiceDialog
from postcrm_desktop.ui.pages.customer_common import (
    ERROR_STYLE,
    MUTED_STYLE,
    confirm,
    fill_enum_combo,
    select_data,
)
from postcrm_desktop.ui.qt import Qt, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.customer_picker import CustomerPicker
from postcrm_desktop.ui.worker import error_message

CareRole = Qt.ItemDataRole.UserRole + 1


class CareDateForm(ServiceDialog):
    sig_saved = Signal(str)

    def __init__(self, ctx: PageContext, customer_id: str, row: CareDateRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改关怀日") if row else self.tr("添加关怀日"), parent)
        self.setObjectName("care_date_form")
        self.setMinimumWidth(440)
        self.ctx = ctx
        self.customer_id = customer_id
        self.row = row
        self.kind = QtWidgets.QComboBox()
        self.kind.setObjectName("field_kind")
        fill_enum_combo(self.kind, CareKind)
        self.errors.add("kind", self.tr("类型："), self.kind)
        self.calendar = QtWidgets.QComboBox()
        self.calendar.setObjectName("field_calendar")
        fill_enum_combo(self.calendar, CareCalendar)
        self.errors.add("calendar", self.tr("历法："), self.calendar)
        when = QtWidgets.QHBoxLayout()
        self.month = QtWidgets.QSpinBox()
        self.month.setObjectName("field_month")
        self.month.setRange(1, 12)
        self.month.setSuffix(self.tr(" 月"))
        self.day = QtWidgets.QSpinBox()
        self.day.setObjectName("field_day")
        self.day.setRange(1, 31)
        self.day.setSuffix(self.tr(" 日"))
        self.leap = QtWidgets.QCheckBox(self.tr("闰月"))
        self.leap.setObjectName("field_leap")
        for w in (self.month, self.day, self.leap):
            when.addWidget(w)
        when.addStretch(1)
        self.errors.add("day", self.tr("日期："), when)
        self.errors.alias("month", "day")
        self.errors.alias("leap", "day")
        year_row = QtWidgets.QHBoxLayout()
        self.has_year = QtWidgets.QCheckBox(self.tr("登记年份"))
        self.year = QtWidgets.QSpinBox()
        self.year.setObjectName("field_year")
        self.year.setRange(1900, 2100)
        self.year.setValue(1980)
        self.year.setEnabled(False)
        self.has_year.toggled.connect(self.year.setEnabled)
        year_row.addWidget(self.has_year)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        self.errors.add("year", self.tr("年份："), year_row)
        self.label = QtWidgets.QLineEdit()
        self.label.setObjectName("field_label")
        self.label.setMaxLength(50)
        self.label.setPlaceholderText(self.tr("自定义关怀日必填，如“开业纪念日”"))
        self.errors.add("label", self.tr("名称："), self.label)
        self.preview = QtWidgets.QLabel()
        self.preview.setObjectName("care_preview")
        self.preview.setStyleSheet(MUTED_STYLE)
        self.layout_.addWidget(self.preview)
        for w in (self.kind, self.calendar):
            w.currentIndexChanged.connect(lambda _i: self._update())
        for s in (self.month, self.day, self.year):
            s.valueChanged.connect(lambda _v: self._update())
        self.leap.toggled.connect(lambda _on: self._update())
        self.has_year.toggled.connect(lambda _on: self._update())
        self.finish_layout()
        if row is not None:
            select_data(self.kind, row.kind)
            select_data(self.calendar, row.calendar)
            self.month.setValue(row.month)
            self.day.setValue(row.day)
            self.leap.setChecked(row.leap)
            self.has_year.setChecked(row.year is not None)
            if row.year is not None:
                self.year.setValue(row.year)
            self.label.setText(row.label)
        self._update()
        self.saved_snapshot = self.snapshot()

    def _update(self) -> None:
        lunar = self.calendar.currentData() == str(CareCalendar.LUNAR)
        self.leap.setEnabled(lunar)
        if not lunar:
            self.leap.setChecked(False)
        self.year.setSuffix(self.tr(" 年（农历）") if lunar else self.tr(" 年"))
        try:
            value = cd.check(self._value())
            found = cd.next_occurrence(value, self.ctx.clock.today())
        except PostCrmError:
            self.preview.setText("")
            return
        text = cd.label(value)
        if found:
            text += self.tr("，下次在公历 {0}").format(found[0].isoformat())
        self.preview.setText(text)

    def _value(self) -> cd.YearlyDate:
        return cd.YearlyDate(self.calendar.currentData(), self.month.value(), self.day.value(),
                             self.leap.isChecked(),
                             self.year.value() if self.has_year.isChecked() else None)

    def to_input(self) -> CareDateInput:
        return CareDateInput(customer_id=self.customer_id, kind=self.kind.currentData(),
                             month=self.month.value(), day=self.day.value(),
                             calendar=self.calendar.currentData(), leap=self.leap.isChecked(),
                             year=self.year.value() if self.has_year.isChecked() else None,
                             label=self.label.text())

    def snapshot(self) -> Any:
        return self.to_input() if hasattr(self, "preview") else None

    def submit(self) -> str:
        from postcrm_desktop.services.contacts import care

        if self.row is None:
            return care.add_care_date(self.ctx.branch, self.to_input(),
                                      today=self.ctx.clock.today())
        care.update_care_date(self.ctx.branch, self.row.id, self.to_input(),
                              today=self.ctx.clock.today())
        return self.row.id

    def saved(self, result: str) -> None:
        self.sig_saved.emit(result)


class CareDatesBox(QtWidgets.QGroupBox):
    """One customer's care dates with the actions on them."""

    sig_changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("客户关怀日"))
        self.setObjectName("care_dates_box")
        self.ctx = ctx
        self.can_edit = ctx.branch.actor.can(Perm.CUSTOMER_EDIT)
        self.dialog: CareDateForm | None = None
        self.rows: list[CareDateRow] = []
        layout = QtWidgets.QVBoxLayout(self)
        self.customer = CustomerPicker(ctx)
        self.customer.sig_chosen.connect(lambda _id: self.reload())
        layout.addWidget(self.customer)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("care_dates_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _i: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _r: self._update())
        layout.addWidget(self.list, 1)
        buttons = QtWidgets.QGridLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("添加…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QtWidgets.QPushButton(self.tr("修改…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QtWidgets.QPushButton(self.tr("删除"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.birthday_button = QtWidgets.QPushButton(self.tr("从档案生日添加"))
        self.birthday_button.setToolTip(self.tr("按客户档案中的公历生日添加；选“农历”则换算为农历生日"))
        self.birthday_calendar = QtWidgets.QComboBox()
        fill_enum_combo(self.birthday_calendar, CareCalendar)
        self.birthday_button.clicked.connect(self.add_birthday_from_file)
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.edit_button, 0, 1)
        buttons.addWidget(self.remove_button, 0, 2)
        buttons.addWidget(self.birthday_button, 1, 0, 1, 2)
        buttons.addWidget(self.birthday_calendar, 1, 2)
        layout.addLayout(buttons)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("care_dates_status")
        layout.addWidget(self.status)
        self._update()

    def set_customer(self, customer_id: str) -> None:
        self.customer.choose(customer_id)
        self.reload()

    def reload(self) -> None:
        from postcrm_desktop.services.contacts import care

        self.list.clear()
        self.rows = []
        customer_id = self.customer.customer_id()
        if customer_id:
            try:
                self.rows = care.care_dates_of(self.ctx.branch, customer_id,
                                               today=self.ctx.clock.today())
            except PostCrmError as exc:
                self.show_status(error_message(exc), ERROR_STYLE)
        today = self.ctx.clock.today()
        for r in self.rows:
            name = r.label if r.kind == str(CareKind.CUSTOM) and r.label else \
                care_kind_label(r.kind)
            year = self.tr("（{0}年起）").format(r.year) if r.year else ""
            upcoming = ""
            if r.next_date:
                when = relative_day(r.next_date, today)
                upcoming = "\n" + self.tr("下次：{0}").format(fmt_day(r.next_date)) + (
                    f"（{when}）" if not when[:1].isdigit() else "")
            item = QtWidgets.QListWidgetItem(f"{name}　{r.date_text}{year}{upcoming}")
            item.setData(CareRole, r)
            self.list.addItem(item)
        if customer_id and not self.rows:
            self.show_status(self.tr("该客户还没有关怀日"))
        elif not customer_id:
            self.show_status(self.tr("选择客户后查看和维护其关怀日"))
        else:
            self.show_status("")
        self._update()

    def _update(self) -> None:
        has_customer = self.customer.customer_id() is not None
        has = self.selected() is not None
        self.add_button.setEnabled(self.can_edit and has_customer)
        self.birthday_button.setEnabled(self.can_edit and has_customer)
        self.edit_button.setEnabled(self.can_edit and has)
        self.remove_button.setEnabled(self.can_edit and has)

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def selected(self) -> CareDateRow | None:
        item = self.list.currentItem()
        return item.data(CareRole) if item is not None else None

    def add(self) -> CareDateForm | None:
        customer_id = self.customer.customer_id()
        if not customer_id or not self.can_edit:
            return None
        return self._open(CareDateForm(self.ctx, customer_id, parent=self))

    def edit_selected(self) -> CareDateForm | None:
        row = self.selected()
        if row is None or not self.can_edit:
            return None
        return self._open(CareDateForm(self.ctx, row.customer_id, row, parent=self))

    def _open(self, dlg: CareDateForm) -> CareDateForm:
        self.dialog = dlg
        dlg.sig_saved.connect(lambda _id: self._changed(self.tr("关怀日已保存")))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def _changed(self, text: str) -> None:
        self.reload()
        self.show_status(text)
        self.sig_changed.emit()

    def remove_selected(self) -> bool:
        from postcrm_desktop.services.contacts import care

        row = self.selected()
        if row is None or not self.can_edit:
            return False
        if not confirm(self, self.tr("删除关怀日"),
                       self.tr("删除关怀日“{0} {1}”？").format(care_kind_label(row.kind),
                                                          row.date_text)):
            return False
        try:
            care.remove_care_date(self.ctx.branch, row.id)
        except PostCrmError as exc:
            self.show_status(error_message(exc), ERROR_STYLE)
            return False
        self._changed(self.tr("关怀日已删除"))
        return True

    def add_birthday_from_file(self) -> bool:
        from postcrm_desktop.services.contacts import care

        customer_id = self.customer.customer_id()
        if not customer_id or not self.can_edit:
            return False
        try:
            care.add_birthday_from_profile(self.ctx.branch, customer_id,
                                           self.birthday_calendar.currentData(),
                                           today=self.ctx.clock.today())
        except PostCrmError as exc:
            self.show_status(error_message(exc), ERROR_STYLE)
            return False
        self._changed(self.tr("已按档案生日添加"))
        return True


__all__ = ["CareDateForm", "CareDatesBox"]
