"""The complaint list: search, filters (status, priority, category, type, assignee,
overdue only, escalated only), a lazily paged table with overdue complaints first and in
red, a deadline clock that counts down each minute, and the number of matches.

Shortcuts (while the list is shown): Ctrl+F search, Esc clears it, Ctrl+N new
complaint, F5 refresh, Ctrl+Shift+O overdue only.
"""

from __future__ import annotations

import contextlib
from typing import Any

from postcrm_desktop.core.complaint_enums import ComplaintType, Priority, Status
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.complaints.types import (
    ComplaintCursor,
    ComplaintFilters,
    ComplaintPage,
    ComplaintRow,
)
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.complaints_table import ComplaintsTableModel, Now
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.pages.complaint_forms import ERROR_STYLE, MUTED_STYLE
from postcrm_desktop.ui.qt import QEvent, QObject, Qt, QtCore, QTimer, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.actions import add_shortcut
from postcrm_desktop.ui.widgets.search_box import debounced_search
from postcrm_desktop.ui.widgets.table_view import make_table, show_sort

DEBOUNCE_MS = 250
CLOCK_MS = 60_000
OPEN = "open"  # the status filter's "not yet resolved" choice


class ComplaintsList(QtWidgets.QWidget):
    sig_selected = Signal(str)  # complaint id, or "" when nothing is selected
    sig_new = Signal()
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *,
                 now: Now | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaints_list")
        self.ctx = ctx
        self.customer_id: str | None = None  # a customer's complaints only
        self.customer_label = ""
        self.overdue_total = 0
        self.total = 0
        actor = ctx.branch.actor
        self.can_edit = actor.can(Perm.COMPLAINT_EDIT)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_top())
        layout.addLayout(self._build_filters())
        self.customer_bar = self._build_customer_bar()
        layout.addWidget(self.customer_bar)

        self.now: Now = now or ctx.clock.now
        self.model = ComplaintsTableModel(self._fetch, self, now=self.now, zone=ctx.clock.zone,
                                          sorted_fetch=self._fetch_sorted)
        self.model.fetch_failed.connect(self._on_fetch_failed)
        self.model.sort_refused.connect(self.sig_status.emit)
        self.model.sort_changed.connect(self._show_sort)
        widths = {"number": 165, "customer": 90, "complaint_type": 48, "category": 72,
                  "priority": 52, "status": 60, "assignee": 64, "received_at": 118,
                  "due_at": 118, "clock": 124, "escalated": 50}
        # Sorted by the service (overdue first) until a header is clicked.
        self.view = make_table(self.model, "complaints_table",
                               {self.model.column_of(k): w for k, w in widths.items()},
                               alternating=False, highlight_sections=True)
        # The summary takes the room the fixed columns leave (elided, whole in its
        # tooltip), so it is never pushed off the right edge.
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.column_of("summary"),
                                    QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.installEventFilter(self)
        layout.addWidget(self.view, 1)

        bottom = QtWidgets.QHBoxLayout()
        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("complaints_count")
        self.count_label.setStyleSheet(MUTED_STYLE)
        self.overdue_label = QtWidgets.QLabel()
        self.overdue_label.setObjectName("complaints_overdue")
        self.overdue_label.setStyleSheet(ERROR_STYLE)
        self.sort_button = QtWidgets.QToolButton()
        self.sort_button.setText(self.tr("恢复默认顺序（超时优先）"))
        self.sort_button.clicked.connect(self.model.reset_sort)
        self.sort_button.setVisible(False)
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.overdue_label)
        bottom.addStretch(1)
        bottom.addWidget(self.sort_button)
        layout.addLayout(bottom)

        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self.tick)
        self.clock.start()
        self._build_shortcuts()

    # -- building -----------------------------------------------------------------------

    def _build_top(self) -> QtWidgets.QLayout:
        top = QtWidgets.QHBoxLayout()
        self.search, self.debounce = debounced_search(self, "complaint_search", self.tr(
            "搜索投诉编号、邮件号、客户编号、客户名称或问题描述　Ctrl+F"), DEBOUNCE_MS, self.reload)
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        self.new_button = QtWidgets.QPushButton(self.tr("登记投诉"))
        self.new_button.setObjectName("new_complaint")
        self.new_button.setToolTip(self.tr("登记投诉或服务请求 Ctrl+N"))
        self.new_button.setEnabled(self.can_edit)
        self.new_button.clicked.connect(self.sig_new.emit)
        self.refresh_button = QtWidgets.QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("刷新 F5"))
        self.refresh_button.clicked.connect(self.reload)
        top.addWidget(self.new_button)
        top.addWidget(self.refresh_button)
        return top

    def _combo(self, name: str, items: list[tuple[str, Any]]) -> QtWidgets.QComboBox:
        combo = QtWidgets.QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def _build_filters(self) -> QtWidgets.QLayout:
        from postcrm_desktop.services.complaints import desk

        lang = language()
        row = QtWidgets.QHBoxLayout()
        self.status_filter = self._combo("filter_status", [
            (self.tr("全部状态"), None), (self.tr("未办结"), OPEN),
            *[(s.label_for(lang), str(s)) for s in Status]])
        self.priority_filter = self._combo("filter_priority", [
            (self.tr("全部优先级"), None), *[(p.label_for(lang), str(p)) for p in Priority]])
        self.category_filter = self._combo("filter_category", [])
        self.fill_categories()
        self.type_filter = self._combo("filter_type", [
            (self.tr("全部类型"), None), *[(t.label_for(lang), str(t)) for t in ComplaintType]])
        people: list[tuple[str, Any]] = [(self.tr("全部处理人"), None)]
        actor = self.ctx.branch.actor
        if actor.user_id and self.can_edit:
            people.append((self.tr("我处理的"), actor.user_id))
        with contextlib.suppress(PostCrmError):
            people += [(u.display_name, u.id) for u in desk.assignable_users(self.ctx.branch)
                       if u.id != actor.user_id]
        self.assignee_filter = self._combo("filter_assignee", people)
        self.overdue_only = QtWidgets.QCheckBox(self.tr("只看超时"))
        self.overdue_only.setObjectName("filter_overdue")
        self.overdue_only.setToolTip(self.tr("只看超过办结期限仍未办结的投诉 Ctrl+Shift+O"))
        self.overdue_only.toggled.connect(lambda _on: self.reload())
        self.escalated_only = QtWidgets.QCheckBox(self.tr("只看已上报"))
        self.escalated_only.setObjectName("filter_escalated")
        self.escalated_only.toggled.connect(lambda _on: self.reload())
        for w in (self.status_filter, self.priority_filter, self.category_filter,
                  self.type_filter, self.assignee_filter, self.overdue_only,
                  self.escalated_only):
            row.addWidget(w)
        row.addStretch(1)
        return row

    def fill_categories(self) -> None:
        """The category filter's choices (again, after the list of categories changed)."""
        from postcrm_desktop.services.complaints import categories

        combo = self.category_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部分类"), None)
        with contextlib.suppress(PostCrmError):
            for c in categories.list_categories(self.ctx.branch, include_retired=True):
                combo.addItem(c.name if c.active else self.tr("{0}（已停用）").format(c.name),
                              c.code)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _build_customer_bar(self) -> QWidget:
        bar = QtWidgets.QWidget()
        box = QtWidgets.QHBoxLayout(bar)
        box.setContentsMargins(0, 0, 0, 0)
        self.customer_text = QtWidgets.QLabel()
        self.customer_text.setObjectName("customer_filter")
        clear = QtWidgets.QToolButton()
        clear.setText(self.tr("显示全部客户"))
        clear.clicked.connect(lambda: self.set_customer(None))
        box.addWidget(self.customer_text)
        box.addWidget(clear)
        box.addStretch(1)
        bar.setVisible(False)
        return bar

    def _build_shortcuts(self) -> None:
        add_shortcut(self, "Ctrl+F", self.focus_search)
        add_shortcut(self, "Ctrl+N", lambda: self.sig_new.emit() if self.can_edit else None)
        add_shortcut(self, "F5", self.reload)
        add_shortcut(self, "Ctrl+Shift+O", self.overdue_only.toggle)

    # -- filters and loading -------------------------------------------------------------

    def filters(self) -> ComplaintFilters:
        status = self.status_filter.currentData()
        return ComplaintFilters(
            query=self.search.text(),
            statuses=(status,) if status and status != OPEN else (),
            open_only=status == OPEN,
            overdue_only=self.overdue_only.isChecked(),
            priority=self.priority_filter.currentData(),
            category=self.category_filter.currentData(),
            complaint_type=self.type_filter.currentData(),
            assignee_id=self.assignee_filter.currentData(),
            customer_id=self.customer_id,
            escalated=True if self.escalated_only.isChecked() else None,
        )

    def _fetch(self, after: ComplaintCursor | None, limit: int) -> ComplaintPage:
        from postcrm_desktop.services.complaints import listing

        return listing.list_complaints(self.ctx.branch, self.filters(), limit=limit,
                                       after=after, **self._when())

    def _fetch_sorted(self, after: ComplaintCursor | None, limit: int,
                      sort: tuple[str, bool]) -> ComplaintPage:
        from postcrm_desktop.services.complaints import listing

        return listing.list_complaints(self.ctx.branch, self.filters(), limit=limit,
                                       after=after, sort=sort, **self._when())

    def _when(self) -> dict[str, Any]:
        """The moment and the branch's zone the service counts deadlines and days by."""
        return {"now": self.now(), "zone": self.ctx.clock.zone_name}

    def reload(self, keep: str | None = None) -> None:
        """Read the list again, keeping the selected complaint selected when listed."""
        self.debounce.stop()
        keep = keep if keep is not None else self.selected_id()
        self.model.reload()
        self.update_counts()
        if keep:
            self.select(keep, emit=False)

    def update_counts(self) -> None:
        from postcrm_desktop.services.complaints import listing

        filters = self.filters()
        try:
            self.total = listing.count_complaints(self.ctx.branch, filters, **self._when())
            self.overdue_total = listing.count_complaints(
                self.ctx.branch, ComplaintFilters(overdue_only=True,
                                                  customer_id=self.customer_id),
                **self._when())
        except PostCrmError as exc:
            from postcrm_desktop.ui.worker import error_message

            self.count_label.setText(error_message(exc))
            return
        self.count_label.setText(self.tr("共 {0} 条").format(self.total))
        self.overdue_label.setText(self.tr("超时未办结 {0} 条").format(self.overdue_total)
                                   if self.overdue_total else "")

    def set_customer(self, customer_id: str | None, label: str = "") -> None:
        """Show only the complaints of one customer (None: everyone's)."""
        self.customer_id = customer_id
        self.customer_label = label
        self.customer_text.setText(self.tr("只显示客户：{0}").format(label or customer_id))
        self.customer_bar.setVisible(customer_id is not None)
        self.reload()

    def set_overdue_only(self, on: bool = True) -> None:
        self.overdue_only.setChecked(on)

    def tick(self) -> None:
        """Each minute: the clocks count down; a complaint that just ran out turns red."""
        self.model.tick()
        self.update_counts()

    def _on_fetch_failed(self, message: str) -> None:
        self.count_label.setText(message)
        self.sig_status.emit(message)

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        show_sort(self.view, column, order)
        self.sort_button.setVisible(column >= 0)

    # -- selection ----------------------------------------------------------------------

    def selected_row(self) -> ComplaintRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select(self, complaint_id: str, emit: bool = True) -> bool:
        row = self.model.row_of(complaint_id)
        if row < 0:
            return False
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.selectRow(row)
        if not emit:
            self.view.selectionModel().blockSignals(False)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _on_current(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        if current.isValid() and current.row() < self.model.rowCount():
            self.sig_selected.emit(self.model.row_at(current.row()).id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if obj is self.search and key == Qt.Key.Key_Down:
                self.view.setFocus()
                if self.model.rowCount() and not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.index(0, 0))
                return True
        return super().eventFilter(obj, event)


__all__ = ["ComplaintsList"]
