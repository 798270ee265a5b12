"""投诉 page: the complaint desk (complaints and service requests).

Tabs: the list with the selected complaint's detail beside it, statistics with charts,
settings (SLA policy and categories; read-only without complaint management) and the
case library (`case_library`).
`create_page(ctx)` builds it. The page answers `navigate_to(complaint_id=...,
customer_id=..., new=True, overdue=True, query=..., case_id=...,
tab="list"|"stats"|"settings"|"cases")`
and `maybe_close()` (asks before a half-filled intake form is dropped).

Shortcuts: Ctrl+N new complaint, Ctrl+F search, F5 refresh, Ctrl+Shift+O overdue only,
Alt+letter for the detail panel's buttons (分派 A, 开始处理 S, 办结 R, 回访 V, 关闭 C,
重新打开 O, 优先级 P, 上报 E, 处理记录 N, 修改 M, 转为案例 K).
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.complaints_table import Now
from postcrm_desktop.ui.pages.case_library import CaseLibraryTab
from postcrm_desktop.ui.pages.complaint_detail import ComplaintDetailPanel
from postcrm_desktop.ui.pages.complaint_forms import MUTED_STYLE
from postcrm_desktop.ui.pages.complaint_intake import ComplaintIntake
from postcrm_desktop.ui.pages.complaint_settings import ComplaintSettings
from postcrm_desktop.ui.pages.complaints_list import ComplaintsList
from postcrm_desktop.ui.pages.complaints_stats import ComplaintStatsTab
from postcrm_desktop.ui.qt import QEvent, Qt, QtWidgets, QWidget

TABS = ("list", "stats", "settings", "cases")
# Entities whose change may alter what this page shows.
COMPLAINT_ENTITIES = ("complaint", "complaint_event", "complaint_category", "complaint_sla",
                      "holiday_day",
                      "attachment", "customer")


class ComplaintsPage(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *,
                 now: Now | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaints_page")
        self.ctx = ctx
        self.intake: ComplaintIntake | None = None
        self.last_status = ""
        layout = QtWidgets.QVBoxLayout(self)
        self.tabs = QtWidgets.QTabWidget()
        layout.addWidget(self.tabs, 1)

        # The list takes the full width (many columns), the detail sits below it.
        self.split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("complaints_split")
        self.list = ComplaintsList(ctx, now=now or ctx.clock.now)
        self.detail = ComplaintDetailPanel(ctx)
        self.split.addWidget(self.list)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([430, 330])
        self.stats = ComplaintStatsTab(ctx)
        self.settings = ComplaintSettings(ctx)
        self.tabs.addTab(self.split, "")
        self.tabs.addTab(self.stats, "")
        self.tabs.addTab(self.settings, "")
        self.cases = CaseLibraryTab(ctx)
        self.tabs.addTab(self.cases, "")
        self.tabs.currentChanged.connect(self._on_tab)

        self.message = QtWidgets.QLabel()
        self.message.setObjectName("complaints_message")
        self.message.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.message)

        self.list.sig_selected.connect(self.show_complaint)
        self.list.sig_new.connect(lambda: self.new_complaint())
        self.list.sig_status.connect(self.show_status)
        self.list.clock.timeout.connect(self.detail.tick)
        self.detail.sig_changed.connect(self._on_detail_changed)
        self.detail.sig_status.connect(self.show_status)
        self.detail.sig_open_customer.connect(ctx.open_customer)
        self.stats.sig_status.connect(self.show_status)
        self.cases.sig_status.connect(self.show_status)
        self.detail.sig_make_case.connect(self.make_case)
        self.detail.sig_open_case.connect(self.open_case)
        self.settings.sla.sig_saved.connect(lambda: self.show_status(self.tr("办结时限已保存")))
        self.settings.categories.sig_changed.connect(self._on_categories_changed)
        ctx.bus.changed.connect(self.on_changes)
        self.retranslate()
        self.list.reload()
        self.show_first_complaint()  # the most urgent one, so the detail is never blank

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("投诉列表"), self.tr("统计分析"),
                                  self.tr("时限与分类设置"), self.tr("案例库"))):
            self.tabs.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- navigation ---------------------------------------------------------------------

    def show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.stats:
            self.stats.ensure_loaded()
        elif self.tabs.widget(index) is self.cases:
            self.cases.ensure_loaded()

    def open_case(self, case_id: str) -> bool:
        """The case library with one case shown (from a suggestion)."""
        self.show_tab("cases")
        return self.cases.open_case(case_id)

    def make_case(self, complaint_id: str) -> bool:
        """转为案例: a draft of a case from the complaint, in the case library."""
        self.show_tab("cases")
        return self.cases.new_from_complaint(complaint_id)

    def show_complaint(self, complaint_id: str) -> bool:
        """Show the detail of `complaint_id` (selecting it when listed)."""
        if not complaint_id:
            self.detail.clear()
            return False
        opened = self.detail.load(complaint_id)
        if opened and self.list.selected_id() != complaint_id:
            self.list.select(complaint_id, emit=False)
        return opened

    def open_complaint(self, complaint_id: str) -> bool:
        """Bring the list forward with `complaint_id` shown (e.g. from the workbench)."""
        self.show_tab("list")
        if self.list.model.row_of(complaint_id) < 0:
            self.list.model.fetch_all(cap=1000)  # deep in the list: read on to it
        return self.show_complaint(complaint_id)

    def navigate_to(self, complaint_id: str | None = None, customer_id: str | None = None,
                    new: bool = False, overdue: bool | None = None, query: str | None = None,
                    tab: str | None = None, customer_label: str = "",
                    case_id: str | None = None, **_kw: Any) -> None:
        if tab:
            self.show_tab(tab)
        if case_id:
            self.open_case(case_id)
        if customer_id is not None and not new:
            self.show_tab("list")
            self.list.set_customer(customer_id, customer_label)
        if overdue is not None:
            self.show_tab("list")
            self.list.set_overdue_only(overdue)
        if query is not None:
            self.show_tab("list")
            self.list.search.setText(query)
            self.list.reload()
        if complaint_id:
            self.open_complaint(complaint_id)
        if new:
            self.new_complaint(customer_id)

    def show_status(self, text: str) -> None:
        self.last_status = text
        self.message.setText(text)

    # -- intake -------------------------------------------------------------------------

    def new_complaint(self, customer_id: str | None = None) -> ComplaintIntake | None:
        """Open the intake form (one at a time), with the customer fixed when given."""
        if not self.list.can_edit:
            return None
        if self.intake is not None:
            self.intake.raise_()
            self.intake.activateWindow()
            return self.intake
        dlg = ComplaintIntake(self.ctx, customer_id, self)
        dlg.sig_saved.connect(self._on_saved)
        dlg.finished.connect(lambda _r, d=dlg: self._on_intake_closed(d))
        self.intake = dlg
        dlg.open()
        return dlg

    def _on_intake_closed(self, dlg: ComplaintIntake) -> None:
        if self.intake is dlg:
            self.intake = None
        dlg.deleteLater()

    def _on_saved(self, complaint_id: str) -> None:
        self.show_tab("list")
        self.list.reload(keep=complaint_id)
        self.show_complaint(complaint_id)
        self.stats.mark_stale()
        d = self.detail.detail
        if d is not None:
            self.show_status(self.tr("已登记投诉 {0}，办结期限 {1}").format(
                d.row.number, self.detail.facts["due"].text()))

    def _on_categories_changed(self) -> None:
        self.list.fill_categories()
        self.list.reload()

    def _on_detail_changed(self, complaint_id: str) -> None:
        self.list.reload(keep=complaint_id)
        self.stats.mark_stale()

    # -- changes ------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("case"):
            self.detail.refresh_cases()
        if not any(changes.touches(e) for e in COMPLAINT_ENTITIES):
            return
        if changes.touches("complaint_sla"):
            self.settings.sla.load()
        if changes.touches("holiday_day") or changes.touches("complaint_sla"):
            self.settings.holidays.load()
        if changes.touches("complaint_category"):
            self.settings.categories.load()
            self.list.fill_categories()
        self.list.reload()
        shown = self.detail.complaint_id()
        if shown is not None:
            self.detail.reload()
        self.stats.mark_stale()
        if self.tabs.currentWidget() is self.stats:
            self.stats.ensure_loaded()

    def maybe_close(self) -> bool:
        if self.intake is not None:
            return self.intake.maybe_discard()
        return True

    # -- screenshots --------------------------------------------------------------------

    def show_first_complaint(self) -> bool:
        """Select the first listed complaint (for screenshots and demos)."""
        if self.list.model.rowCount() == 0:
            return False
        complaint_id = self.list.model.row_at(0).id
        self.list.select(complaint_id, emit=False)
        return self.show_complaint(complaint_id)


    def show_stats(self) -> bool:
        """Show the statistics tab (for screenshots); False without the permission."""
        self.show_tab("stats")
        return self.stats.allowed

    def show_case_library(self) -> bool:
        """Show the case library with its first case open (for screenshots); False while
        the library is empty."""
        self.show_tab("cases")
        self.cases.ensure_loaded()
        if not self.cases.model.rowCount():
            return False
        return self.cases.open_case(self.cases.model.row_at(0).id)


def create_page(ctx: PageContext) -> QWidget:
    return ComplaintsPage(ctx)
