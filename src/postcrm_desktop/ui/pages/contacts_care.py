"""客户关怀: the month care calendar (days with care dates marked, the chosen day's list
with "生成祝福语" and "打开客户") beside one customer's care-dates editor."""

from __future__ import annotations

from datetime import date
from typing import Any

from postcrm_desktop.core.contact_enums import CareKind
from postcrm_desktop.services.contacts.types import CareItem
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.models.contact_labels import care_kind_label
from postcrm_desktop.ui.models.customer_labels import tier_label
from postcrm_desktop.ui.pages.contacts_care_dates import CareDatesBox
from postcrm_desktop.ui.pages.contacts_greeting_dialog import GreetingDialog
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.clock_fields import qdate as to_qdate
from postcrm_desktop.ui.widgets.dialogs import open_dialog
from postcrm_desktop.ui.widgets.table_view import make_table, on_open
from postcrm_desktop.ui.worker import error_message

ItemRole = Qt.ItemDataRole.UserRole + 1


def care_item_kind(item: CareItem) -> str:
    """What the care date is, in the interface language (a custom one by its own name)."""
    if item.kind == str(CareKind.CUSTOM) and item.label:
        return item.label
    if item.kind in {str(k) for k in CareKind}:
        return care_kind_label(item.kind)
    return item.kind_label


HEADERS = ("客户", "客户编号", "关怀事由", "日期", "周年/岁", "等级")
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "CareTab".
_HEADERS_TEXTS = (
    QT_TRANSLATE_NOOP("CareTab", "客户"),
    QT_TRANSLATE_NOOP("CareTab", "客户编号"),
    QT_TRANSLATE_NOOP("CareTab", "关怀事由"),
    QT_TRANSLATE_NOOP("CareTab", "日期"),
    QT_TRANSLATE_NOOP("CareTab", "周年/岁"),
    QT_TRANSLATE_NOOP("CareTab", "等级"),
)
MARK_COLOR = "#fde7c8"


def calendar_locale() -> QtCore.QLocale:
    """Month and weekday names in the interface language (not the PC's locale)."""
    from postcrm_desktop.ui.models.customer_labels import language

    if language().lower().startswith("en"):
        return QtCore.QLocale(QtCore.QLocale.Language.English,
                              QtCore.QLocale.Country.UnitedStates)
    return QtCore.QLocale(QtCore.QLocale.Language.Chinese, QtCore.QLocale.Country.China)


class CareTab(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("care_tab")
        self.ctx = ctx
        self.days: dict[date, Any] = {}
        self.marked: list[QtCore.QDate] = []
        self.dialog: GreetingDialog | None = None
        self.loaded_month: tuple[int, int] | None = None
        layout = QtWidgets.QHBoxLayout(self)

        left = QtWidgets.QVBoxLayout()
        self.calendar = QtWidgets.QCalendarWidget()
        self.calendar.setObjectName("care_calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QtWidgets.QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumWidth(330)
        self.calendar.setLocale(calendar_locale())
        self.calendar.setSelectedDate(to_qdate(ctx.clock.today()))  # the branch's today
        self.calendar.currentPageChanged.connect(lambda y, m: self.load_month(y, m))
        self.calendar.selectionChanged.connect(self.show_day)
        left.addWidget(self.calendar)
        self.mine = QtWidgets.QCheckBox(self.tr("只看我负责的客户"))
        self.mine.setObjectName("care_mine")
        self.mine.toggled.connect(lambda _on: self.reload())
        left.addWidget(self.mine)
        self.month_label = QtWidgets.QLabel()
        self.month_label.setObjectName("care_month_summary")
        self.month_label.setWordWrap(True)
        self.month_label.setStyleSheet(MUTED_STYLE)
        left.addWidget(self.month_label)
        left.addStretch(1)
        layout.addLayout(left)

        middle = QtWidgets.QVBoxLayout()
        self.day_title = QtWidgets.QLabel()
        self.day_title.setObjectName("care_day_title")
        middle.addWidget(self.day_title)
        self.model = QtGui.QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.view = make_table(self.model, "care_day_table")
        on_open(self.view, self.open_customer)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._on_item())
        middle.addWidget(self.view, 1)
        buttons = QtWidgets.QHBoxLayout()
        self.greet_button = QtWidgets.QPushButton(self.tr("生成祝福语…"))
        self.greet_button.setObjectName("care_greet")
        self.greet_button.clicked.connect(self.greet_selected)
        self.open_button = QtWidgets.QPushButton(self.tr("打开客户"))
        self.open_button.clicked.connect(self.open_customer)
        buttons.addWidget(self.greet_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        middle.addLayout(buttons)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        middle.addWidget(self.status)
        layout.addLayout(middle, 3)

        self.dates = CareDatesBox(ctx)
        self.dates.sig_changed.connect(self.reload)
        self.dates.setMinimumWidth(300)
        layout.addWidget(self.dates, 2)
        self._on_item()

    # -- the month ----------------------------------------------------------------------

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self.loaded_month is None:
            self.reload()

    def reload(self) -> None:
        self.load_month(self.calendar.yearShown(), self.calendar.monthShown())

    def load_month(self, year: int, month: int) -> None:
        from postcrm_desktop.services.contacts import care

        branch, mine = self.ctx.branch, self.mine.isChecked()
        self.loaded_month = (year, month)
        lang = current_language()
        self.ctx.tasks.run(lambda _c: care.care_calendar(branch, year, month, mine=mine,
                                                         lang=lang),
                           lambda days: self._show_month(year, month, days),
                           title=self.tr("正在读取关怀日历…"), on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText(error_message(exc))
        self.status.setStyleSheet(ERROR_STYLE)

    def _show_month(self, year: int, month: int, days: list[Any]) -> None:
        if (year, month) != self.loaded_month:
            return  # the user already moved on to another month
        for qdate in self.marked:
            self.calendar.setDateTextFormat(qdate, QtGui.QTextCharFormat())
        self.marked = []
        self.days = {d.on: d for d in days}
        total = 0
        fmt = QtGui.QTextCharFormat()
        fmt.setFontWeight(QtGui.QFont.Weight.Bold)
        fmt.setBackground(QtGui.QBrush(QtGui.QColor(MARK_COLOR)))
        for d in days:
            if d.total:
                qdate = QtCore.QDate(d.on.year, d.on.month, d.on.day)
                tip = QtGui.QTextCharFormat(fmt)
                tip.setToolTip(self.tr("{0} 个关怀日").format(d.total))
                self.calendar.setDateTextFormat(qdate, tip)
                self.marked.append(qdate)
                total += d.total
        busy = sum(1 for d in days if d.total)
        self.month_label.setText(self.tr("{0}年{1}月：{2} 个关怀日，分布在 {3} 天（底色标出）")
                                 .format(year, month, total, busy))
        self.show_day()

    def marked_days(self) -> list[date]:
        return sorted(d for d, day in self.days.items() if day.total)

    # -- the chosen day -----------------------------------------------------------------

    def select_day(self, day: date) -> None:
        self.calendar.setSelectedDate(QtCore.QDate(day.year, day.month, day.day))
        self.show_day()

    def show_day(self) -> None:
        day: date = self.calendar.selectedDate().toPython()  # type: ignore[assignment]
        found = self.days.get(day)
        items: list[CareItem] = list(found.items) if found else []
        total = found.total if found else 0
        more = self.tr("（只列出前 {0} 个）").format(len(items)) if total > len(items) else ""
        self.day_title.setText(self.tr("{0}：{1} 个关怀日{2}").format(day.isoformat(), total,
                                                                   more))
        self.model.removeRows(0, self.model.rowCount())
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        for item in items:
            cells = [item.customer_name, item.customer_number, care_item_kind(item),
                     item.date_text,
                     str(item.years) if item.years is not None else "",
                     tier_label(item.customer_tier)]
            row = [QtGui.QStandardItem(c) for c in cells]
            row[0].setData(item, ItemRole)
            self.model.appendRow(row)
        for col, width in enumerate((70, 130, 70, 90, 50)):
            self.view.setColumnWidth(col, width)
        if items:
            self.view.selectRow(0)
        self._on_item()

    def selected(self) -> CareItem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        item: CareItem | None = self.model.item(index.row(), 0).data(ItemRole)
        return item

    def _on_item(self) -> None:
        item = self.selected()
        self.greet_button.setEnabled(item is not None)
        self.open_button.setEnabled(item is not None)
        if item is not None and item.customer_id != self.dates.customer.customer_id():
            self.dates.set_customer(item.customer_id)

    def open_customer(self) -> None:
        item = self.selected()
        if item is not None:
            self.ctx.open_customer(item.customer_id)

    def greet_selected(self) -> GreetingDialog | None:
        item = self.selected()
        if item is None:
            return None
        dlg = GreetingDialog(self.ctx, item, self)
        dlg.sig_sent.connect(lambda *_a: self.sig_status.emit(self.tr("祝福已记录为联系")))
        self.dialog = dlg
        return open_dialog(dlg)


__all__ = ["CareTab"]
