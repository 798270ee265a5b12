"""客户 page: the list (with duplicates and the recycle bin as tabs) and a customer's profile.

`create_page(ctx)` builds it. The page answers `open_customer(id)` (the shell's
`ctx.open_customer`), `navigate_to(customer_id=..., tab="list"|"duplicates"|"recycle_bin",
query=...)` and `maybe_close()` (asks before unsaved edits in an open form are lost).
Shortcuts: Ctrl+F search, Ctrl+N new, Enter open, Del delete (confirmed), Esc clears the
search, Alt+Left back from a profile.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.customers.types import CustomerFilters
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import CUSTOMER_ENTITIES
from postcrm_desktop.ui.pages.customer_common import MUTED_STYLE, confirm
from postcrm_desktop.ui.pages.customer_form import CustomerForm
from postcrm_desktop.ui.pages.customer_profile import CustomerProfile
from postcrm_desktop.ui.pages.customers_list import CustomersList
from postcrm_desktop.ui.qt import QEvent, QMessageBox, QtWidgets, QWidget
from postcrm_desktop.ui.worker import error_message

TABS = ("list", "duplicates", "recycle_bin")
# Changes that never alter what this page shows.
UNRELATED = ("user", "setting", "saved_view", "role_permission")


class CustomersPage(QtWidgets.QStackedWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customers_page")
        self.ctx = ctx
        self.dialog: CustomerForm | None = None
        self.last_status = ""

        self.lists = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(self.lists)
        column.setContentsMargins(0, 0, 0, 0)
        self.tabs = QtWidgets.QTabWidget()
        self.list = CustomersList(ctx)
        self.duplicates = self._build_duplicates()
        self.recycle_bin = CustomersList(ctx, recycle_bin=True)
        self.tabs.addTab(self.list, "")
        self.tabs.addTab(self.duplicates, "")
        self.tabs.addTab(self.recycle_bin, "")
        column.addWidget(self.tabs, 1)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("customers_message")
        self.message.setStyleSheet(MUTED_STYLE)
        column.addWidget(self.message)
        self.addWidget(self.lists)

        self.profile = CustomerProfile(ctx)
        self.addWidget(self.profile)

        for lst in (self.list, self.recycle_bin):
            lst.sig_open.connect(self.open_customer)
            lst.sig_status.connect(self.show_status)
        # What one list moves (to or out of the recycle bin) the other shows next time.
        self.list.sig_changed.connect(self.recycle_bin.on_changes)
        self.recycle_bin.sig_changed.connect(self.list.on_changes)
        self.list.sig_new.connect(lambda: self.edit_customer(None))
        self.list.sig_edit.connect(self.edit_customer)
        self.profile.sig_back.connect(self.show_list)
        self.profile.sig_edit.connect(self.edit_customer)
        self.profile.sig_delete.connect(self.delete_customer)
        self.profile.sig_status.connect(self.show_status)
        ctx.bus.changed.connect(self.on_changes)
        self.retranslate()

    def _build_duplicates(self) -> QWidget:
        try:
            from postcrm_desktop.ui.pages.customer_duplicates import DuplicatesTab
        except ImportError:  # the duplicates service is not there yet
            return QtWidgets.QLabel(self.tr("疑似重复客户的功能尚未提供。"))
        tab = DuplicatesTab(self.ctx)
        tab.sig_open.connect(self.open_customer)
        tab.sig_status.connect(self.show_status)
        tab.sig_merged.connect(lambda: [lst.on_changes() for lst in self.lists_()])
        return tab

    def lists_(self) -> list[CustomersList]:
        return [self.list, self.recycle_bin]

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("客户列表"), self.tr("疑似重复"), self.tr("回收站"))):
            self.tabs.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- navigation ---------------------------------------------------------------------

    def show_list(self) -> None:
        self.setCurrentWidget(self.lists)
        current = self.tabs.currentWidget()
        if isinstance(current, CustomersList):
            current.view.setFocus()

    def show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))
        self.show_list()

    def open_customer(self, customer_id: str) -> bool:
        """Show the profile of `customer_id` (also what `ctx.open_customer` lands on)."""
        opened = self.profile.load(customer_id)
        self.setCurrentWidget(self.profile)
        if opened:
            self.list.select(customer_id)
        return opened

    def navigate_to(self, customer_id: str | None = None, tab: str | None = None,
                    query: str | None = None, **_kwargs: Any) -> None:
        if customer_id:
            self.open_customer(customer_id)
            return
        if tab:
            self.show_tab(tab)
        if query is not None:
            self.show_tab("list")
            self.list.apply_filters(CustomerFilters(query=query))

    def show_status(self, text: str) -> None:
        self.last_status = text
        self.message.setText(text)

    # -- editing ------------------------------------------------------------------------

    def edit_customer(self, customer_id: str | None = None) -> CustomerForm | None:
        """Open the form (a new customer when `customer_id` is None); one form at a time."""
        if not self.ctx.branch.actor.can(Perm.CUSTOMER_EDIT):
            return None
        if self.dialog is not None:
            if self.dialog.customer_id == customer_id:
                self.dialog.raise_()
                self.dialog.activateWindow()
                return self.dialog
            if not self.dialog.maybe_discard():
                return self.dialog
        try:
            dlg = CustomerForm(self.ctx, customer_id, self)
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("编辑客户"), error_message(exc))
            return None
        dlg.sig_saved.connect(self._on_saved)
        dlg.sig_open_customer.connect(self.open_customer)
        dlg.finished.connect(lambda _r, d=dlg: self._on_form_closed(d))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _on_form_closed(self, dlg: CustomerForm) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()

    def _on_saved(self, customer_id: str) -> None:
        self.list.reload()
        self.list.select(customer_id)
        if self.currentWidget() is self.profile and self.profile.customer_id() == customer_id:
            self.profile.reload()
        self.show_status(self.tr("客户资料已保存"))

    def delete_customer(self, customer_id: str) -> None:
        from postcrm_desktop.services.customers import records

        d = self.profile.detail
        if d is None or d.id != customer_id:
            return
        title = self.tr("删除客户")
        if not confirm(self, title, self.tr("将客户“{0}”（{1}）移入回收站？\n可在回收站中恢复。")
                       .format(d.name, d.number)):
            return
        try:
            records.delete_customer(self.ctx.branch, customer_id)
        except PostCrmError as exc:
            QMessageBox.warning(self, title, error_message(exc))
            return
        self.show_status(self.tr("已移入回收站：{0}").format(d.number))
        self.list.reload()
        self.recycle_bin.on_changes()
        self.show_list()

    # -- changes ------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if not any(changes.touches(e) for e in CUSTOMER_ENTITIES):
            # Other areas' records (contacts, complaints...) fill the profile's timeline.
            others = set(changes.entities) - set(UNRELATED)
            if others and self.currentWidget() is self.profile:
                self.profile.reload()
            return
        for lst in (self.list, self.recycle_bin):
            lst.on_changes()
        refresh = getattr(self.duplicates, "on_changes", None)
        if refresh is not None:
            refresh()
        if self.currentWidget() is self.profile:
            self.profile.on_changes(changes)

    def maybe_close(self) -> bool:
        if self.dialog is not None:
            return self.dialog.maybe_discard()
        return True

    # -- screenshots --------------------------------------------------------------------

    def open_first_customer(self) -> bool:
        """Show the profile of the first listed customer (for screenshots and demos)."""
        if self.list.model.rowCount() == 0:
            return False
        return self.open_customer(self.list.model.row_at(0).id)


def create_page(ctx: PageContext) -> QWidget:
    return CustomersPage(ctx)
