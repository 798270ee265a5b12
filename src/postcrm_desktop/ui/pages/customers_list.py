"""The customer list: one search box answering as you type, filters, saved views, a lazily
paged table sorted by the service, the match count, and the actions on the selection.

The same widget shows the recycle bin (`recycle_bin=True`): deleted customers, with
restore and (for an admin) purge instead of edit and delete.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.customer_enums import CustomerType, Stage, Tier
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
from postcrm_desktop.ui.models.customer_labels import stage_label, tier_label, type_label
from postcrm_desktop.ui.models.customers_table import CustomersTableModel
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, confirm
from postcrm_desktop.ui.pages.customers_filters import FilterBar, SavedViewsButton
from postcrm_desktop.ui.qt import QEvent, QObject, Qt, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.actions import add_action, add_shortcut, enable_actions
from postcrm_desktop.ui.widgets.dialogs import run_or_warn
from postcrm_desktop.ui.widgets.search_box import debounced_search
from postcrm_desktop.ui.widgets.table_view import (
    fit_columns,
    make_table,
    on_open,
    select_id,
    selected_row,
    show_sort,
)
from postcrm_desktop.ui.worker import error_message

DEBOUNCE_MS = 150
COUNT_CAP = 1000  # counted at once; past it the exact number comes from the background
EXACT_CAP = 100_000_000


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
        self.counting: Any = None  # the background exact count under way, if any
        self.count_generation = 0  # a newer list makes an older count's answer stale
        self.setObjectName("customers_recycle_bin" if recycle_bin else "customers_list")
        actor = ctx.branch.actor
        self.can_edit = actor.can(Perm.CUSTOMER_EDIT)
        self.can_delete = actor.can(Perm.CUSTOMER_DELETE)
        self.can_purge = actor.can(Perm.CUSTOMER_PURGE)
        layout = QtWidgets.QVBoxLayout(self)

        top = QtWidgets.QHBoxLayout()
        self.search, self.debounce = debounced_search(self, "customer_search", self.tr(
            "搜索姓名、客户编号、电话（任意4位以上）、地址、单位或拼音　Ctrl+F"),
            DEBOUNCE_MS, self.reload)
        self.search.installEventFilter(self)
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
        widths = {"number": 140, "name": 120, "customer_type": 52, "tier": 52, "stage": 52,
                  "mobile": 110, "district": 80, "company": 200, "industry": 120,
                  "owner_name": 70, "created_at": 90}
        self.view = make_table(self.model, "customers_table",
                               {self.model.column_of(k): w for k, w in widths.items()},
                               highlight_sections=True)
        self.fit_columns()
        self.model.sort_changed.connect(lambda c, o: show_sort(self.view, c, o))
        on_open(self.view, self.open_selected)
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
        # Shortcuts work anywhere in the window while this list is shown (Qt ignores those
        # of hidden widgets); a key that also edits text (Del) only in the table.
        return add_action(self, self.toolbar, self.actions_, key, text, slot, shortcut,
                          enabled, context=Qt.ShortcutContext.WidgetShortcut if table_only
                          else Qt.ShortcutContext.WindowShortcut,
                          holder=self.view_actions if table_only else None)

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
        add_shortcut(self, "Ctrl+F", self.focus_search, Qt.ShortcutContext.WindowShortcut)

    def _update_actions(self) -> None:
        has = self.selected() is not None
        enable_actions(self.actions_, lambda key: has or key in ("new", "refresh"))

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

    def fit_columns(self) -> None:
        """Type, tier and stage columns as wide as their longest label in the current
        language (English labels are longer than Chinese ones), and the owner column
        wide enough for "未分配"."""
        enums = {"customer_type": (CustomerType, type_label), "tier": (Tier, tier_label),
                 "stage": (Stage, stage_label)}
        texts = {self.model.column_of(k): [label(str(m)) for m in enum]
                 for k, (enum, label) in enums.items()}
        texts[self.model.column_of("owner_name")] = [self.tr("未分配")]
        fit_columns(self.view, {c: t for c, t in texts.items() if c >= 0})

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "view"):
            self.fit_columns()
        super().changeEvent(event)

    def refresh_count(self) -> None:
        """The count up to `COUNT_CAP` at once ("1000+"); above it, the exact number is
        counted in the background and replaces it when done."""
        from postcrm_desktop.services.customers import search

        self.count_generation += 1
        if self.counting is not None and hasattr(self.counting, "cancel"):
            self.counting.cancel()
        self.counting = None
        try:
            self.last_count = search.count(self.ctx.branch, self.filters(), cap=COUNT_CAP)
        except PostCrmError as exc:
            self._on_fetch_failed(error_message(exc))
            return
        if not self.last_count.exact:
            self.counting = True  # shown as "counting" until the answer comes
        self.show_count(self.last_count)
        if not self.last_count.exact:
            self.count_exactly()

    def count_exactly(self) -> None:
        from postcrm_desktop.services.customers import search

        branch, filters, generation = self.ctx.branch, self.filters(), self.count_generation

        finished = False

        def done(found: Count) -> None:
            nonlocal finished
            finished = True
            if generation == self.count_generation:  # still the list on screen
                self.counting = None
                self.last_count = found
                self.show_count(found)

        def failed(_exc: BaseException) -> None:
            nonlocal finished
            finished = True
            if generation == self.count_generation:
                self.counting = None
                self.show_count(self.last_count or Count(COUNT_CAP, False))

        control = self.ctx.tasks.run(
            lambda _c: search.count(branch, filters, cap=EXACT_CAP), done,
            title=self.tr("正在统计客户数…"), cancellable=True, on_error=failed, quiet=True)
        if not finished and generation == self.count_generation:
            self.counting = control

    def show_count(self, count: Count) -> None:
        label = count.label()
        if self.recycle_bin:
            text = self.tr("回收站中共 {0} 位客户").format(label)
        else:
            text = self.tr("共 {0} 位客户").format(label)
        active = self.filter_bar.active_count()
        if active:
            text += self.tr("（{0} 项筛选）").format(active)
        if not count.exact and self.counting is not None:
            text += self.tr("，正在统计准确数量…")
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
        row = selected_row(self.view)
        return None if row is None else self.model.row_at(row)

    def select(self, customer_id: str) -> bool:
        found = select_id(self.view, self.model, customer_id)
        if found:
            self._update_actions()
        return found

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
        if not run_or_warn(self, title, call):
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
        return super().eventFilter(obj, event)
