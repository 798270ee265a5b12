"""统计分析: the complaint statistics of a period, as figures and tables.

The period's statistics are read through the background helper (segmenting the texts
for frequent phrases takes a moment); the chart is a matplotlib figure built without Qt
(`services.complaints.charts`) shown in a `FigureCanvasQTAgg`, and exported to PNG or
PDF as it is shown. Tables: counts by type, category, status and priority; the most
frequent problems with where they occur; category by district and by customer type.
Needs the report permission.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from postcrm_desktop.core.complaint_enums import ComplaintType, Priority, Status
from postcrm_desktop.core.customer_enums import LabelledEnum
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.complaints.stats import ComplaintStats, Count, CrossTab
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.models.customer_labels import enum_label
from postcrm_desktop.ui.pages.complaint_forms import MUTED_STYLE
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QMessageBox,
    Qt,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
)

PRESETS = (("近30天", 30), ("近90天", 90), ("近一年", 365), ("本年", -1))
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "ComplaintStatsTab".
_PRESETS_TEXTS = (
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "近30天"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "近90天"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "近一年"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "本年"),
)
# The summary titles and the chart names (services.complaints.charts.CHARTS),
# translated through a variable in the same context.
_SUMMARY_TEXTS = (
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "投诉总数"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "按时办结率"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "平均满意度"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "超时未办结"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "回访次数"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "分类统计"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "按周趋势"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "按月趋势"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "满意度分布"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "高频问题"),
    QT_TRANSLATE_NOOP("ComplaintStatsTab", "分类 × 区县"),
)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _table(name: str) -> tuple[QtWidgets.QTableView, QtGui.QStandardItemModel]:
    model = QtGui.QStandardItemModel()
    view = QtWidgets.QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view, model


def _number(value: int | str) -> QtGui.QStandardItem:
    item = QtGui.QStandardItem(str(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _top(counts: dict[str, int], n: int = 3) -> str:
    return "、".join(f"{k} {v}" for k, v in list(counts.items())[:n])


class ComplaintStatsTab(QtWidgets.QWidget):
    sig_loaded = Signal()
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from postcrm_desktop.services.complaints.charts import CHARTS

        self.setObjectName("complaint_stats")
        self.ctx = ctx
        self.stats: ComplaintStats | None = None
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.stale = True
        self.allowed = ctx.branch.actor.can(Perm.REPORT_VIEW)
        layout = QtWidgets.QVBoxLayout(self)
        if not self.allowed:
            label = QtWidgets.QLabel(self.tr("查看投诉统计需要报表查看权限。"))
            label.setObjectName("stats_denied")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet(MUTED_STYLE)
            layout.addWidget(label)
            return

        top = QtWidgets.QHBoxLayout()
        today = ctx.clock.today()
        self.period_from = QtWidgets.QDateEdit(today - timedelta(days=89))
        self.period_to = QtWidgets.QDateEdit(today)
        for w in (self.period_from, self.period_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.preset = QtWidgets.QComboBox()
        self.preset.setObjectName("stats_preset")
        self.preset.addItem(self.tr("自定义"), 0)
        for text, days in PRESETS:
            self.preset.addItem(self.tr(text), days)
        self.preset.setCurrentIndex(2)
        self.preset.activated.connect(self._on_preset)
        self.run_button = QtWidgets.QPushButton(self.tr("统计"))
        self.run_button.setObjectName("stats_run")
        self.run_button.setToolTip(self.tr("按所选期间统计 F5"))
        self.run_button.setShortcut(QtGui.QKeySequence("F5"))
        self.run_button.clicked.connect(self.refresh)
        top.addWidget(QtWidgets.QLabel(self.tr("受理日期：")))
        top.addWidget(self.period_from)
        top.addWidget(QtWidgets.QLabel(self.tr("至")))
        top.addWidget(self.period_to)
        top.addWidget(self.preset)
        top.addWidget(self.run_button)
        top.addStretch(1)
        layout.addLayout(top)

        kpis = QtWidgets.QHBoxLayout()
        self.kpis: dict[str, QtWidgets.QLabel] = {}
        for key, text in (("total", "投诉总数"), ("on_time", "按时办结率"),
                          ("satisfaction", "平均满意度"), ("overdue", "超时未办结"),
                          ("revisited", "回访次数")):
            box = QtWidgets.QFrame()
            box.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
            column = QtWidgets.QVBoxLayout(box)
            title = QtWidgets.QLabel(self.tr(text))
            title.setStyleSheet(MUTED_STYLE)
            value = QtWidgets.QLabel("—")
            value.setObjectName(f"kpi_{key}")
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            value.setFont(font)
            column.addWidget(title)
            column.addWidget(value)
            kpis.addWidget(box)
            self.kpis[key] = value
        layout.addLayout(kpis)

        # The chart is the first of the tabs, so it gets the whole height.
        self.tables = QtWidgets.QTabWidget()
        self.tables.setObjectName("stats_tabs")
        chart_box = QtWidgets.QWidget()
        chart_layout = QtWidgets.QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_top = QtWidgets.QHBoxLayout()
        self.chart_kind = QtWidgets.QComboBox()
        self.chart_kind.setObjectName("stats_chart_kind")
        for key, title in CHARTS.items():
            self.chart_kind.addItem(self.tr(title), key)
        self.chart_kind.currentIndexChanged.connect(lambda _i: self.show_chart())
        self.export_button = QtWidgets.QPushButton(self.tr("导出 PNG/PDF…"))
        self.export_button.setObjectName("stats_export")
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        chart_top.addWidget(QtWidgets.QLabel(self.tr("图表：")))
        chart_top.addWidget(self.chart_kind)
        chart_top.addStretch(1)
        chart_top.addWidget(self.export_button)
        chart_layout.addLayout(chart_top)
        self.chart_area = QtWidgets.QVBoxLayout()
        self.placeholder = QtWidgets.QLabel(self.tr("选择期间后点击“统计”"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(MUTED_STYLE)
        self.chart_area.addWidget(self.placeholder)
        chart_layout.addLayout(self.chart_area, 1)
        self.tables.addTab(chart_box, self.tr("图表"))
        self.counts_view, self.counts = _table("stats_counts")
        self.phrases_view, self.phrases = _table("stats_phrases")
        self.district_view, self.district = _table("stats_by_district")
        self.ctype_view, self.ctype = _table("stats_by_customer_type")
        self.trend_view, self.trend = _table("stats_trend")
        self.tables.addTab(self.counts_view, self.tr("数量统计"))
        self.tables.addTab(self.phrases_view, self.tr("高频问题"))
        self.tables.addTab(self.district_view, self.tr("分类 × 区县"))
        self.tables.addTab(self.ctype_view, self.tr("分类 × 客户类型"))
        self.tables.addTab(self.trend_view, self.tr("周/月趋势"))
        layout.addWidget(self.tables, 1)

    # -- period -------------------------------------------------------------------------

    def _on_preset(self, _index: int) -> None:
        days = self.preset.currentData()
        today = self.ctx.clock.today()
        if days == -1:
            self.period_from.setDate(date(today.year, 1, 1))
        elif days:
            self.period_from.setDate(today - timedelta(days=days - 1))
        else:
            return
        self.period_to.setDate(today)
        self.refresh()

    def period(self) -> tuple[date, date]:
        start = self.period_from.date().toPython()
        end = self.period_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return start, end

    # -- loading ------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        """Read the statistics if they are not current (when the tab is shown)."""
        if self.allowed and self.stale:
            self.refresh()

    def mark_stale(self) -> None:
        self.stale = True

    def refresh(self) -> None:
        from postcrm_desktop.services.complaints import stats

        if not self.allowed:
            return
        branch = self.ctx.branch
        start, end = self.period()
        self.stale = False
        self.run_button.setEnabled(False)
        clock = self.ctx.clock
        self.ctx.tasks.run(lambda _c: stats.complaint_stats(branch, start, end,
                                                            zone=clock.zone_name,
                                                            now=clock.now()),
                           self.show_stats, title=self.tr("正在统计投诉…"),
                           on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import show_error

        self.run_button.setEnabled(True)
        show_error(self, exc, self.tr("投诉统计"))

    def show_stats(self, s: ComplaintStats) -> None:
        self.stats = s
        self.run_button.setEnabled(True)
        self.kpis["total"].setText(str(s.total))
        self.kpis["on_time"].setText(percent(s.on_time_rate))
        self.kpis["on_time"].setToolTip(self.tr(
            "按时办结 {0} 条 / （已办结 {1} 条 + 超时未办结 {2} 条）").format(
            s.resolved_on_time, s.resolved, s.overdue_open))
        self.kpis["satisfaction"].setText("—" if s.average_satisfaction is None
                                          else f"{s.average_satisfaction:.2f}")
        self.kpis["overdue"].setText(str(s.overdue_open))
        self.kpis["revisited"].setText(str(s.revisited))
        self._fill_counts(s)
        self._fill_phrases(s)
        self._fill_crosstab(self.district, s.category_by_district, self.tr("区县"))
        self._fill_crosstab(self.ctype, s.category_by_customer_type, self.tr("客户类型"))
        self._fill_trend(s)
        self.show_chart()
        self.sig_loaded.emit()

    def _fill_counts(self, s: ComplaintStats) -> None:
        m = self.counts
        m.clear()
        m.setHorizontalHeaderLabels([self.tr("维度"), self.tr("项目"), self.tr("数量"),
                                     self.tr("占比")])
        # Enum counts are named in the interface language; categories are the branch's own.
        groups: list[tuple[str, list[Count], type[LabelledEnum] | None]] = [
            (self.tr("类型"), s.by_type, ComplaintType), (self.tr("分类"), s.by_category, None),
            (self.tr("状态"), s.by_status, Status), (self.tr("优先级"), s.by_priority, Priority)]
        for title, counts, enum_cls in groups:
            for c in counts:
                share = percent(c.count / s.total) if s.total else "—"
                label = enum_label(enum_cls, c.code) if enum_cls is not None else c.label
                m.appendRow([QtGui.QStandardItem(title), QtGui.QStandardItem(label),
                             _number(c.count), _number(share)])
        self.counts_view.resizeColumnsToContents()

    def _fill_phrases(self, s: ComplaintStats) -> None:
        m = self.phrases
        m.clear()
        m.setHorizontalHeaderLabels([self.tr("问题用语"), self.tr("涉及投诉"), self.tr("主要分类"),
                                     self.tr("主要区县"), self.tr("客户类型")])
        for p in s.top_phrases:
            m.appendRow([QtGui.QStandardItem(p.text), _number(p.count),
                         QtGui.QStandardItem(_top(p.by_category)),
                         QtGui.QStandardItem(_top(p.by_district)),
                         QtGui.QStandardItem(_top(p.by_customer_type))])
        self.phrases_view.resizeColumnsToContents()

    def _fill_crosstab(self, m: QtGui.QStandardItemModel, t: CrossTab, what: str) -> None:
        m.clear()
        m.setHorizontalHeaderLabels([self.tr("分类") + " \\ " + what, *t.columns,
                                     self.tr("合计")])
        for name, cells, total in zip(t.rows, t.cells, t.row_totals, strict=True):
            m.appendRow([QtGui.QStandardItem(name), *[_number(n) for n in cells],
                         _number(total)])
        if t.rows:
            totals = t.column_totals
            m.appendRow([QtGui.QStandardItem(self.tr("合计")), *[_number(n) for n in totals],
                         _number(sum(totals))])

    def _fill_trend(self, s: ComplaintStats) -> None:
        m = self.trend
        m.clear()
        m.setHorizontalHeaderLabels([self.tr("期间"), self.tr("起始日"), self.tr("投诉数")])
        for p in [*s.monthly, *s.weekly]:
            m.appendRow([QtGui.QStandardItem(p.period), QtGui.QStandardItem(p.start.isoformat()),
                         _number(p.count)])

    # -- the chart ----------------------------------------------------------------------

    def chart_key(self) -> str:
        return str(self.chart_kind.currentData())

    def show_chart(self) -> None:
        from postcrm_desktop.services.complaints.charts import build_chart

        if self.stats is None:
            return
        self.figure = build_chart(self.stats, self.chart_key(), current_language())
        canvas = FigureCanvasQTAgg(self.figure)
        canvas.setObjectName("stats_canvas")
        canvas.setMinimumHeight(260)
        if self.canvas is not None:
            self.chart_area.replaceWidget(self.canvas, canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        else:
            self.chart_area.replaceWidget(self.placeholder, canvas)
            self.placeholder.setParent(None)
        self.canvas = canvas
        canvas.show()
        canvas.draw_idle()
        self.export_button.setEnabled(True)

    def ask_export(self) -> None:
        if self.figure is None:
            return
        start, end = self.period()
        suggested = Path.home() / f"投诉统计-{self.chart_key()}-{start:%Y%m%d}-{end:%Y%m%d}.png"
        name, chosen = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("导出图表"), str(suggested),
            self.tr("PNG 图片 (*.png);;PDF 文档 (*.pdf)"))
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".pdf" if "pdf" in chosen.lower() else ".png")
        self.export(path)

    def export(self, path: Path) -> Path | None:
        """Write the figure shown to `path` (PNG or PDF by its suffix). On the GUI thread:
        the canvas draws the same figure, and a figure is not safe to share across
        threads; writing one takes well under a second."""
        from postcrm_desktop.services.complaints.charts import export_figure

        if self.figure is None:
            return None
        try:
            out = export_figure(self.figure, path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("导出图表"), self.tr("图表未能导出：{0}")
                                .format(getattr(exc, "strerror", None) or str(exc)))
            return None
        self.sig_status.emit(self.tr("图表已导出：{0}").format(out.name))
        return out


__all__ = ["ComplaintStatsTab"]
