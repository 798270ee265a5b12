"""The contacts list's filter bar: customer, owner, channel, date range and text.

`values()` gives a `ContactFilters`; the date range is read as local days and sent to
the service as UTC bounds `[start of first day, start of the day after the last)`.
"""

from __future__ import annotations

from datetime import date

from postcrm_desktop.core.contact_enums import ContactChannel
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.services.contacts.types import ContactFilters
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import owner_choices
from postcrm_desktop.ui.pages.customer_common import fill_enum_combo, select_data
from postcrm_desktop.ui.qt import QtCore, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.clock_fields import qdate
from postcrm_desktop.ui.widgets.customer_picker import CustomerPicker
from postcrm_desktop.ui.widgets.date_range import optional_date_range
from postcrm_desktop.ui.widgets.search_box import debounced_search

DEBOUNCE_MS = 250


def staff_choices(ctx: PageContext) -> list[tuple[str, str]]:
    """(id, name) of the people who may appear as a contact's owner: the account
    managers and admins the customer service lists, and the acting user."""
    from postcrm_desktop.services.customers import records

    actor = ctx.branch.actor
    out: list[tuple[str, str]] = []
    try:
        out = owner_choices(records.list_owners(ctx.branch))
    except PostCrmError:
        out = []
    if actor.user_id and all(oid != actor.user_id for oid, _ in out):
        out.insert(0, (actor.user_id, actor.display_name))
    return out


class ContactFilterBar(QtWidgets.QWidget):
    """Emits `changed` when a filter changes (the text: after a pause in typing)."""

    changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text, self.debounce = debounced_search(
            self, "contact_search", self.tr("搜索内容、反馈、下一步、联系对象　Ctrl+F"),
            DEBOUNCE_MS, self._on_changed)
        self.customer = CustomerPicker(ctx, placeholder=self.tr("全部客户（输入查找）"))
        self.customer.setMinimumWidth(200)
        self.customer.sig_chosen.connect(lambda _id: self._on_changed())
        self.owner = QtWidgets.QComboBox()
        self.owner.setObjectName("filter_owner")
        self.owner.setMinimumContentsLength(6)
        self.channel = QtWidgets.QComboBox()
        self.channel.setObjectName("filter_channel")
        fill_enum_combo(self.channel, ContactChannel, blank=self.tr("全部方式"))
        self.use_dates, self.date_from, self.date_to = optional_date_range(
            self.tr("日期"), qdate(ctx.clock.today()).addDays(-30), self._on_changed,
            qdate(ctx.clock.today()))
        self.clear_button = QtWidgets.QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.owner, self.channel):
            combo.currentIndexChanged.connect(lambda _i: self._on_changed())
        row.addWidget(self.text, 2)
        row.addWidget(self.customer, 1)
        for w in (self.owner, self.channel, self.use_dates, self.date_from,
                  QtWidgets.QLabel(self.tr("至")), self.date_to, self.clear_button):
            row.addWidget(w)
        self.reload_choices()

    def reload_choices(self) -> None:
        self._quiet = True
        try:
            current = self.owner.currentData()
            self.owner.clear()
            self.owner.addItem(self.tr("全部人员"), None)
            for oid, name in staff_choices(self.ctx):
                self.owner.addItem(name, oid)
            select_data(self.owner, current)
        finally:
            self._quiet = False

    def _on_changed(self) -> None:
        self.debounce.stop()
        if not self._quiet:
            self.changed.emit()

    def values(self) -> ContactFilters:
        since = until = None
        if self.use_dates.isChecked():
            first: date = self.date_from.date().toPython()  # type: ignore[assignment]
            last: date = self.date_to.date().toPython()  # type: ignore[assignment]
            first, last = min(first, last), max(first, last)
            zone = self.ctx.clock.zone
            since = day_bounds(first, zone)[0]
            until = day_bounds(last, zone)[1]
        return ContactFilters(customer_id=self.customer.customer_id(),
                              owner_id=self.owner.currentData(),
                              channel=self.channel.currentData(), since=since, until=until,
                              text=self.text.text().strip())

    def set_customer(self, customer_id: str | None) -> None:
        """Filter by one customer (e.g. navigation from a profile)."""
        self._quiet = True
        try:
            if customer_id:
                self.customer.choose(customer_id)
            else:
                self.customer.set_customer(None)
        finally:
            self._quiet = False
        self.changed.emit()

    def set_dates(self, first: date | None, last: date | None) -> None:
        self._quiet = True
        try:
            on = first is not None and last is not None
            self.use_dates.setChecked(on)
            if first is not None and last is not None:
                self.date_from.setDate(QtCore.QDate(first.year, first.month, first.day))
                self.date_to.setDate(QtCore.QDate(last.year, last.month, last.day))
        finally:
            self._quiet = False
        self.changed.emit()

    def clear(self) -> None:
        self._quiet = True
        try:
            self.text.clear()
            self.debounce.stop()
            self.customer.set_customer(None)
            self.owner.setCurrentIndex(0)
            self.channel.setCurrentIndex(0)
            self.use_dates.setChecked(False)
        finally:
            self._quiet = False
        self.changed.emit()

    def active_count(self) -> int:
        f = self.values()
        return sum(1 for v in (f.customer_id, f.owner_id, f.channel, f.since, f.text) if v)


__all__ = ["ContactFilterBar", "staff_choices"]
