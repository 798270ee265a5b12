"""The customer list: one search box answering as you type, filters, saved views, a lazily
paged table sorted by the service, the match count, and the actions on the selection.

The same widget shows the recycle bin (`recycle_bin=True`): deleted customers, with
restore and (for an admin) purge instead of edit and delete.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.customers.types import (
    Count,
    CustomerFilters,
    CustomerRow,
    Page,
    Sort,
)
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customers_table import CustomersTableModel
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, confirm
from postcrm_desktop.ui.pages.customers_filters import FilterBar, SavedViewsButton
from postcrm_desktop.ui.qt import (
    QEvent,
    QKeySequence,
    QMessageBox,
    QObject,
    Qt,
    QtCore,
    QtGui,
    QTimer,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.worker import error_message

DEBOUNCE_MS = 150
COUNT_CAP = 1000


class CustomersList(QtWidgets.QWidget):
    sig_open = Signal(str)  # customer id: show its profile
    sig_new = Signal()
    sig_edit = Signal(str)
    sig_status = Signal(str)
    sig_changed = Signal()  # this list deleted, restored or purged a customer

    def __init__(self, ctx: PageContext, *, recycle_bin: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recycle_bin = recycle_bin
        self.stale = False
        self.last_count: Count | None = None
        self.setObjectName("customers_recycle_bin" if recycle_bin else "customers_list")
        actor = ctx.branch.actor
        self.can_edit = actor.can(Perm.CUSTOMER_EDIT)
        self.can_delete = actor.can(Perm.CUSTOMER_DELETE)
        self.can_purge = actor.can(Perm.CUSTOMER_PURGE)
        layout = QtWidgets.QVBoxLayout(self)

        top = QtWidgets.QHBoxLayout()
        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr(
            "搜索姓名、客户编号、电话（任意4位以上）、地址、单位或拼音　Ctrl+F"))
        self.search.installEventFilter(self)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        top.addWidget(self.search, 1)
        self.filters_button = QtWidgets.QToolButton()
        self.filters_button.setText(self.tr("筛选"))
        self.filters_button.setCheckable(True)
        self.filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        top.addWidget(self.filters_button)
        self.views = SavedViewsButton(ctx, self.filters)
        self.views.view_applied.connect(self.apply_filters)
        top.addWidget(self.views)
        layout.addLayout(top)

        self.filter_bar = FilterBar(ctx)
        self.filter_bar.changed.connect(self._on_filters_changed)
        self.filter_bar.setVisible(False)
        self.filters_button.toggled.connect(self.filter_bar.setVisible)
        layout.addWidget(self.filter_bar)

        self.toolbar = QtWidgets.QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_: dict[str, QtGui.QAction] = {}
        layout.addWidget(self.toolbar)

        self.model = CustomersTableModel(self._fetch, self, recycle_bin=recycle_bin)
        self.model.fetch_failed.connect(self._on_fetch_failed)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("customers_table")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicator(*self.model.current_sort())  # before sorting is enabled
        self.view.setSortingEnabled(True)
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.model.sort_changed.connect(self._show_sort)
        widths = {"number": 140, "name": 120, "customer_type": 52, "tier": 52, "stage": 52,
                  "mobile": 110, "district": 80, "company": 200, "industry": 120,
                  "owner_name": 70, "created_at": 90}
        for key, width in widths.items():
            self.view.setColumnWidth(self.model.column_of(key), width)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.view.installEventFilter(self)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.view_actions = self.view
        self._build_actions()
        layout.addWidget(self.view, 1)

        self.status = QtWidgets.QLabel()
        self.status.setObjectName("customers_status")
        layout.addWidget(self.status)
        self._update_actions()
        if recycle_bin:
            self.stale = True  # read when first shown: most days nobody opens it
        else:
            self.reload()

    # -- actions ------------------------------------------------------------------------

    def _action(self, key: str, text: str, slot: Any, shortcut: str = "",
                enabled: bool = True, table_only: bool = False) -> QtGui.QAction:
        act = QtGui.QAction(text, self)
        act.setObjectName(f"action_{key}")
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(f"{text}（{QKeySequence(shortcut).toString()}）")
        act.triggered.connect(lambda _checked=False: slot())
        act.setProperty("allowed", enabled)
        self.toolbar.addAction(act)
        # Shortcuts work anywhere in the window while this list is shown (Qt ignores those
        # of hidden widgets); a key that also edits text (Del) only in the table.
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if table_only
                               else Qt.ShortcutContext.WindowShortcut)
        (self.view_actions if table_only else self).addAction(act)
        self.actions_[key] = act
        return act

    def _build_actions(self) -> None:
        self._action("open", self.tr("打开"), self.open_selected)
        if self.recycle_bin:
            self._action("restore", self.tr("恢复"), self.restore_selected,
                         enabled=self.can_delete)
            self._action("purge", self.tr("彻底删除…"), self.purge_selected,
                         enabled=self.can_purge)
        else:
            self._action("new", self.tr("新建客户"), self.sig_new.emit, "Ctrl+N",
                         enabled=self.can_edit)
            self._action("edit", self.tr("编辑"), self.edit_selected, "Ctrl+E",
                         enabled=self.can_edit)
            self._action("delete", self.tr("删除"), self.delete_selected, "Del",
                         enabled=self.can_delete, table_only=True)
        self._action("refresh", self.tr("刷新"), self.reload, "F5")
        focus = QtGui.QAction(self)
        focus.setShortcut(QKeySequence("Ctrl+F"))
        focus.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        focus.triggered.connect(self.focus_search)
        self.addAction(focus)

    def _update_actions(self) -> None:
        has = self.selected() is not None
        for key, act in self.actions_.items():
            allowed = bool(act.property("allowed"))
            needs_row = key not in ("new", "refresh")
            act.setEnabled(allowed and (has or not needs_row))

    # -- data ---------------------------------------------------------------------------

    def filters(self) -> CustomerFilters:
        return CustomerFilters(query=self.search.text().strip(), **self.filter_bar.values(),
                               in_recycle_bin=self.recycle_bin)

    def _fetch(self, sort: Sort, after: Any, limit: int) -> Page:
        from postcrm_desktop.services.customers import search

        return search.search_page(self.ctx.branch, self.filters(), sort, after=after,
                                  limit=limit)

    def reload(self) -> None:
        """Search again with the current text and filters, keeping the selected customer
        selected if it still matches."""
        self.debounce.stop()
        self.stale = False
        keep = self.selected()
        self.model.reload()
        if keep is not None:
            self.select(keep.id)
        self._update_actions()
        self.refresh_count()

    def refresh_count(self) -> None:
        from postcrm_desktop.services.customers import search

        try:
            self.last_count = search.count(self.ctx.branch, self.filters(), cap=COUNT_CAP)
        except PostCrmError as exc:
            self._on_fetch_failed(error_message(exc))
            return
        label = self.last_count.label()
        if self.recycle_bin:
            text = self.tr("回收站中共 {0} 位客户").format(label)
        else:
            text = self.tr("共 {0} 位客户").format(label)
        active = self.filter_bar.active_count()
        if active:
            text += self.tr("（{0} 项筛选）").format(active)
        self.status.setText(text)
        self.status.setStyleSheet(MUTED_STYLE)
        self.sig_status.emit(text)

    def _on_fetch_failed(self, message: str) -> None:
        self.status.setText(self.tr("未能读取客户列表：{0}").format(message))
        self.status.setStyleSheet(ERROR_STYLE)

    def _on_filters_changed(self) -> None:
        self.reload()

    def apply_filters(self, f: CustomerFilters) -> None:
        """Show the list for `f` (a saved view, or navigation from another page)."""
        self.search.blockSignals(True)
        self.search.setText(f.query)
        self.search.blockSignals(False)
        self.filter_bar.set_values(f)
        if self.filter_bar.active_count():
            self.filters_button.setChecked(True)
        self.reload()

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        header = self.view.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            header.viewport().update()

    def on_changes(self) -> None:
        """Customers changed somewhere: search again now if shown at the top; a list the
        user has scrolled into keeps its place and says it is out of date."""
        if self.isVisible() and self.view.verticalScrollBar().value() == 0:
            self.filter_bar.reload_choices()
            self.reload()
        else:
            self.stale = True
            if self.isVisible():
                self.status.setText(self.tr("客户资料有更新，按 F5 刷新列表"))
                self.status.setStyleSheet(MUTED_STYLE)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.filter_bar.reload_choices()
            self.reload()

    # -- selection ----------------------------------------------------------------------

    def selected(self) -> CustomerRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(
                index.row(), QtCore.QModelIndex()):
            return None
        return self.model.row_at(index.row())

    def select(self, customer_id: str) -> bool:
        row = self.model.row_of(customer_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self._update_actions()
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_open.emit(row.id)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and self.can_edit:
            self.sig_edit.emit(row.id)

    # -- recycle bin --------------------------------------------------------------------

    def _run(self, title: str, call: Any, done_text: str) -> bool:
        try:
            call()
        except PostCrmError as exc:
            QMessageBox.warning(self, title, error_message(exc))
            return False
        self.sig_status.emit(done_text)
        self.reload()
        self.sig_changed.emit()
        return True

    def delete_selected(self) -> None:
        from postcrm_desktop.services.customers import records

        row = self.selected()
        if row is None or not self.can_delete:
            return
        title = self.tr("删除客户")
        if confirm(self, title, self.tr("将客户“{0}”（{1}）移入回收站？\n可在回收站中恢复。")
                   .format(row.name, row.number)):
            self._run(title, lambda: records.delete_customer(self.ctx.branch, row.id),
                      self.tr("已移入回收站：{0}").format(row.number))

    def restore_selected(self) -> None:
        from postcrm_desktop.services.customers import records

        row = self.selected()
        if row is not None and self.can_delete:
            self._run(self.tr("恢复客户"),
                      lambda: records.restore_customer(self.ctx.branch, row.id),
                      self.tr("已恢复：{0}").format(row.number))

    def purge_selected(self) -> None:
        from postcrm_desktop.services.customers import records

        row = self.selected()
        if row is None or not self.can_purge:
            return
        title = self.tr("彻底删除客户")
        if confirm(self, title, self.tr(
                "彻底删除客户“{0}”（{1}）及其全部联系记录、投诉和附件？\n此操作不能撤销。")
                .format(row.name, row.number)):
            self._run(title, lambda: records.purge_customer(self.ctx.branch, row.id),
                      self.tr("已彻底删除：{0}").format(row.number))

    # -- keys ---------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.search:
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    self.reload()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.reload()  # now, without waiting for the pause
                    return True
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.view.setFocus()
                    if self.selected() is None:
                        self.view.selectRow(0)
                    return True
            elif obj is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
        return super().eventFilter(obj, event)
