"""联系统计: per owner and per channel over a chosen period — contacts, customers reached,
next steps set, done on time, done late, still open (of which overdue), on-time rate.

The period is local days; the counting runs as background work. Tables sort by any
column (numbers as numbers).
"""

from __future__ import annotations

from datetime import date, timedelta

from postcrm_desktop.core.contact_enums import ContactChannel
from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import ContactStats, StatLine
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.contact_labels import contact_channel_label
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, heading
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, QWidget
from postcrm_desktop.ui.widgets.table_view import make_table

SortValueRole = Qt.ItemDataRole.UserRole + 1
CHANNEL_CODES = frozenset(str(c) for c in ContactChannel)
PERIODS = (("this_month", "本月"), ("last_month", "上月"), ("this_week", "本周"),
           ("last_30", "近30天"), ("this_year", "今年"), ("custom", "自定义"))
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "StatsTab".
_PERIODS_TEXTS = (
    QT_TRANSLATE_NOOP("StatsTab", "本月"),
    QT_TRANSLATE_NOOP("StatsTab", "上月"),
    QT_TRANSLATE_NOOP("StatsTab", "本周"),
    QT_TRANSLATE_NOOP("StatsTab", "近30天"),
    QT_TRANSLATE_NOOP("StatsTab", "今年"),
    QT_TRANSLATE_NOOP("StatsTab", "自定义"),
)
HEADERS = ("", "联系次数", "接触客户数", "设定下一步", "按时完成", "逾期完成", "未完成",
           "其中已逾期", "按时完成率")
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "StatsTab".
_HEADERS_TEXTS = (
    QT_TRANSLATE_NOOP("StatsTab", "联系次数"),
    QT_TRANSLATE_NOOP("StatsTab", "接触客户数"),
    QT_TRANSLATE_NOOP("StatsTab", "设定下一步"),
    QT_TRANSLATE_NOOP("StatsTab", "按时完成"),
    QT_TRANSLATE_NOOP("StatsTab", "逾期完成"),
    QT_TRANSLATE_NOOP("StatsTab", "未完成"),
    QT_TRANSLATE_NOOP("StatsTab", "其中已逾期"),
    QT_TRANSLATE_NOOP("StatsTab", "按时完成率"),
)


def period_days(key: str, today: date) -> tuple[date, date]:
    """First and last local day of a named period."""
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "this_week":
        first = today - timedelta(days=today.weekday())
        return first, first + timedelta(days=6)
    if key == "last_30":
        return today - timedelta(days=29), today
    if key == "this_year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def rate_text(line: StatLine) -> str:
    rate = line.on_time_rate
    return f"{rate * 100:.1f}%" if rate is not None else "—"


class StatsTab(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats_tab")
        self.ctx = ctx
        self.allowed = ctx.branch.actor.can(Perm.REPORT_VIEW)
        self.last: ContactStats | None = None
        self.loaded_once = False
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.period = QtWidgets.QComboBox()
        self.period.setObjectName("stats_period")
        for key, text in PERIODS:
            self.period.addItem(self.tr(text), key)
        self.date_from = QtWidgets.QDateEdit()
        self.date_to = QtWidgets.QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.run_button = QtWidgets.QPushButton(self.tr("统计"))
        self.run_button.setObjectName("stats_run")
        self.run_button.setShortcut("F5")
        self.run_button.clicked.connect(self.refresh)
        self.period.currentIndexChanged.connect(lambda _i: self._on_period())
        for w in (QtWidgets.QLabel(self.tr("统计期间：")), self.period, self.date_from,
                  QtWidgets.QLabel(self.tr("至")), self.date_to, self.run_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("stats_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.by_owner, self.owner_view = self._table("stats_by_owner")
        self.by_channel, self.channel_view = self._table("stats_by_channel")
        layout.addWidget(heading(self.tr("按人员"), 1.1))
        layout.addWidget(self.owner_view, 3)
        layout.addWidget(heading(self.tr("按联系方式"), 1.1))
        layout.addWidget(self.channel_view, 2)
        note = QtWidgets.QLabel(self.tr(
            "“设定下一步”统计期间内联系记录中填写了下一步的条数；按时完成指在期限前完成对应的跟进任务。"))
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        layout.addWidget(note)
        self._on_period()
        if not self.allowed:
            self.run_button.setEnabled(False)
            self.summary.setText(self.tr("联系统计需要报表查看权限。"))
            self.summary.setStyleSheet(ERROR_STYLE)

    def _table(self, name: str) -> tuple[QtGui.QStandardItemModel, QtWidgets.QTableView]:
        model = QtGui.QStandardItemModel(0, len(HEADERS), self)
        model.setSortRole(SortValueRole)
        model.setHorizontalHeaderLabels(["", *(self.tr(h) for h in HEADERS[1:])])
        # Rows arrive busiest first (the service's order).
        view = make_table(model, name, sort=(1, Qt.SortOrder.DescendingOrder))
        view.horizontalHeader().setDefaultSectionSize(96)
        view.setColumnWidth(0, 140)
        return model, view

    def _on_period(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            first, last = period_days(key, self.ctx.clock.today())
            self.date_from.setDate(QtCore.QDate(first.year, first.month, first.day))
            self.date_to.setDate(QtCore.QDate(last.year, last.month, last.day))
            if self.loaded_once:
                self.refresh()

    def days(self) -> tuple[date, date]:
        first: date = self.date_from.date().toPython()  # type: ignore[assignment]
        last: date = self.date_to.date().toPython()  # type: ignore[assignment]
        return min(first, last), max(first, last)

    def set_period(self, first: date, last: date) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(False)
        self.date_from.setEnabled(True)
        self.date_to.setEnabled(True)
        self.date_from.setDate(QtCore.QDate(first.year, first.month, first.day))
        self.date_to.setDate(QtCore.QDate(last.year, last.month, last.day))

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once and self.allowed:
            self.refresh()

    def refresh(self) -> None:
        from postcrm_desktop.services.contacts import records

        if not self.allowed:
            return
        self.loaded_once = True
        first, last = self.days()
        zone = self.ctx.clock.zone
        since, until = day_bounds(first, zone)[0], day_bounds(last, zone)[1]
        now = self.ctx.clock.now()
        branch = self.ctx.branch
        self.summary.setText(self.tr("正在统计…"))
        self.summary.setStyleSheet(MUTED_STYLE)
        self.ctx.tasks.run(lambda _c: records.stats(branch, since, until, now=now), self.show_stats,
                           title=self.tr("正在统计联系记录…"), on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import error_message

        self.summary.setText(error_message(exc))
        self.summary.setStyleSheet(ERROR_STYLE)

    def show_stats(self, result: ContactStats) -> None:
        self.last = result
        t = result.total
        first, last = self.days()
        self.summary.setText(self.tr(
            "{0} 至 {1}：联系 {2} 次，接触客户 {3} 位；设定下一步 {4} 项，按时完成 {5} 项，"
            "逾期完成 {6} 项，未完成 {7} 项（其中已逾期 {8} 项）；按时完成率 {9}").format(
            first.isoformat(), last.isoformat(), t.contacts, t.customers, t.next_steps,
            t.on_time, t.late, t.pending, t.overdue, rate_text(t)))
        self.summary.setStyleSheet("")
        self._fill(self.by_owner, self.tr("人员"), result.by_owner)
        self._fill(self.by_channel, self.tr("联系方式"), result.by_channel)

    def _fill(self, model: QtGui.QStandardItemModel, first: str,
              lines: list[StatLine]) -> None:
        model.removeRows(0, model.rowCount())
        model.setHorizontalHeaderLabels([first, *(self.tr(h) for h in HEADERS[1:])])
        for line in lines:
            label = line.label
            if model is self.by_channel and line.key in CHANNEL_CODES:
                label = contact_channel_label(line.key)  # the service names it in Chinese
            values: list[tuple[str, object]] = [(label, label)]
            for n in (line.contacts, line.customers, line.next_steps, line.on_time, line.late,
                      line.pending, line.overdue):
                values.append((str(n), n))
            rate = line.on_time_rate
            values.append((rate_text(line), -1.0 if rate is None else rate))
            items = []
            for i, (text, sort_value) in enumerate(values):
                item = QtGui.QStandardItem(text)
                item.setData(sort_value, SortValueRole)
                if i:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            model.appendRow(items)

    def cell(self, which: str, label: str, column: int) -> str:
        """The text of `column` on the line named `label` ("owner" or "channel" table)."""
        model = self.by_owner if which == "owner" else self.by_channel
        for row in range(model.rowCount()):
            if model.item(row, 0).text() == label:
                return model.item(row, column).text()
        return ""


__all__ = ["StatsTab", "period_days"]
