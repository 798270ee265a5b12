"""The contact records list: filters, a lazily paged table (newest first), the count, the
whole text of the selected contact, and log / correct / open-customer actions.

Shortcuts: Ctrl+N log a contact, Ctrl+E correct the selected one, Enter open its
customer, Ctrl+F search, F5 refresh.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import ContactPage, ContactResult, ContactRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.contact_labels import contact_channel_label, fmt_local
from postcrm_desktop.ui.models.contacts_table import ContactsTableModel
from postcrm_desktop.ui.pages.contact_form import ContactForm, saved_message
from postcrm_desktop.ui.pages.contacts_filters import ContactFilterBar
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE
from postcrm_desktop.ui.qt import QEvent, QObject, Qt, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.actions import add_action, add_shortcut, enable_actions
from postcrm_desktop.ui.widgets.changes import ReloadOnChanges
from postcrm_desktop.ui.widgets.dialogs import close_dialog, open_dialog
from postcrm_desktop.ui.widgets.table_view import (
    make_table,
    on_open,
    select_id,
    selected_row,
    show_sort,
)
from postcrm_desktop.ui.worker import error_message

# Counting reads every match; past this many the status says "2000+" (also where the
# table stops sorting other columns in memory).
COUNT_CAP = 2000


class ContactsList(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contacts_list")
        self.ctx = ctx
        self.dialog: ContactForm | None = None
        self.can_edit = ctx.branch.actor.can(Perm.CONTACT_EDIT)
        layout = QtWidgets.QVBoxLayout(self)
        self.filter_bar = ContactFilterBar(ctx)
        self.filter_bar.changed.connect(self.reload)
        self.filter_bar.text.installEventFilter(self)
        layout.addWidget(self.filter_bar)

        self.toolbar = QtWidgets.QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)

        self.model = ContactsTableModel(self._fetch, self, sorted_fetch=self._fetch_sorted,
                                        clock=ctx.clock)
        self.model.fetch_failed.connect(self._on_failed)
        self.model.sort_refused.connect(self._on_failed)
        self.view = make_table(self.model, "contacts_table",
                               {0: 130, 1: 110, 2: 140, 3: 80, 4: 80, 5: 80, 6: 260, 7: 160})
        self.model.sort_changed.connect(lambda c, o: show_sort(self.view, c, o))
        on_open(self.view, self.open_customer)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._on_current())

        self.detail = QtWidgets.QTextBrowser()
        self.detail.setObjectName("contact_detail")
        self.detail.setMaximumHeight(130)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("contacts_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.actions_: dict[str, QtGui.QAction] = {}
        self.changes = ReloadOnChanges(self, self.view, self.reload, lambda: self.show_status(
            self.tr("联系记录有更新，按 F5 刷新")))
        self._build_actions()
        self._on_current()
        self.reload()

    # -- actions ------------------------------------------------------------------------

    def _action(self, key: str, text: str, slot: Any, shortcut: str = "",
                allowed: bool = True) -> QtGui.QAction:
        return add_action(self, self.toolbar, self.actions_, key, text, slot, shortcut,
                          allowed)

    def _build_actions(self) -> None:
        self._action("new", self.tr("记录联系"), self.new_contact, "Ctrl+N", self.can_edit)
        self._action("edit", self.tr("修改"), self.edit_selected, "Ctrl+E", self.can_edit)
        self._action("open", self.tr("打开客户"), self.open_customer)
        self._action("refresh", self.tr("刷新"), self.reload, "F5")
        add_shortcut(self, "Ctrl+F", self.focus_search)

    def _update_actions(self) -> None:
        has = self.selected() is not None
        enable_actions(self.actions_, lambda key: has or key in ("new", "refresh"))

    # -- data ---------------------------------------------------------------------------

    def _fetch(self, after: Any, limit: int) -> ContactPage:
        from postcrm_desktop.services.contacts import records

        return records.list_contacts(self.ctx.branch, self.filter_bar.values(), after=after,
                                     limit=limit)

    def _fetch_sorted(self, after: Any, limit: int, sort: tuple[str, bool]) -> ContactPage:
        from postcrm_desktop.services.contacts import records

        return records.list_contacts(self.ctx.branch, self.filter_bar.values(), after=after,
                                     limit=limit, ascending=not sort[1])

    def reload(self) -> None:
        self.changes.stale = False
        keep = self.selected()
        self.model.reload()
        if keep is not None:
            self.select(keep.id)
        self._on_current()
        self.refresh_count()

    def refresh_count(self) -> None:
        """The count up to `COUNT_CAP` at once ("2000+"); above it, the exact number is
        counted in the background (quietly) and replaces it when done."""
        from postcrm_desktop.services.contacts import records

        self.count_generation = getattr(self, "count_generation", 0) + 1
        generation, branch, filters = self.count_generation, self.ctx.branch, \
            self.filter_bar.values()
        try:
            n = records.count_contacts(branch, filters, cap=COUNT_CAP)
        except PostCrmError as exc:
            self._on_failed(error_message(exc))
            return
        self.show_count(n, counting=n > COUNT_CAP)
        if n <= COUNT_CAP:
            return

        def done(exact: int) -> None:
            if generation == self.count_generation:  # still the list on screen
                self.show_count(exact, exact=True)

        self.ctx.tasks.run(lambda _c: records.count_contacts(branch, filters), done,
                           title=self.tr("正在统计联系记录数…"), cancellable=True,
                           on_error=lambda _e: None, quiet=True)

    def show_count(self, n: int, *, counting: bool = False, exact: bool = False) -> None:
        shown = f"{COUNT_CAP}+" if n > COUNT_CAP and not exact else str(n)
        text = self.tr("共 {0} 条联系记录").format(shown)
        active = self.filter_bar.active_count()
        if active:
            text += self.tr("（{0} 项筛选）").format(active)
        if counting:
            text += self.tr("，正在统计准确数量…")
        self.show_status(text)

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _on_failed(self, message: str) -> None:
        self.show_status(message, ERROR_STYLE)

    def on_changes(self) -> None:
        """Records changed elsewhere (see `ReloadOnChanges`)."""
        self.changes.note()

    # -- selection ----------------------------------------------------------------------

    def selected(self) -> ContactRow | None:
        row = selected_row(self.view)
        return None if row is None else self.model.row_at(row)

    def select(self, contact_id: str) -> bool:
        return select_id(self.view, self.model, contact_id)

    def _on_current(self) -> None:
        self._update_actions()
        row = self.selected()
        if row is not None:
            self.detail.setHtml(self.detail_html(row))
        else:
            hint = self.tr("选择一条联系记录，这里显示它的全部内容")
            self.detail.setHtml(f'<p style="color:#666666">{hint}</p>')

    def detail_html(self, r: ContactRow) -> str:
        from html import escape

        def para(label: str, text: str) -> str:
            body = escape(text).replace("\n", "<br>") if text else "—"
            return f"<p><b>{escape(label)}：</b>{body}</p>"

        zone = self.ctx.clock.zone
        head = "　".join(x for x in (fmt_local(r.at, zone), contact_channel_label(r.channel),
                                     f"{r.customer_name}（{r.customer_number}）",
                                     r.owner_name, r.person) if x)
        parts = [f"<p>{escape(head)}</p>", para(self.tr("联系内容"), r.content),
                 para(self.tr("客户反馈"), r.feedback)]
        if r.next_step:
            due = fmt_local(r.next_due_at, zone)
            parts.append(para(self.tr("下一步"), f"{r.next_step}（{self.tr('期限')} {due}）"))
        return "".join(parts)

    def focus_search(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def open_customer(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.open_customer(row.customer_id)

    # -- logging and correcting -----------------------------------------------------------

    def new_contact(self, customer_id: str | None = None) -> ContactForm | None:
        if not self.can_edit:
            return None
        customer_id = customer_id or self.filter_bar.customer.customer_id()
        return self._open_form(ContactForm(self.ctx, customer_id=customer_id, parent=self))

    def edit_selected(self) -> ContactForm | None:
        row = self.selected()
        if row is None or not self.can_edit:
            return None
        try:
            form = ContactForm(self.ctx, contact_id=row.id, parent=self)
        except PostCrmError as exc:
            self._on_failed(error_message(exc))
            return None
        return self._open_form(form)

    def _open_form(self, form: ContactForm) -> ContactForm:
        self.dialog = form
        form.sig_saved.connect(self._on_saved)
        return open_dialog(form)

    def _on_saved(self, contact_id: str, result: ContactResult) -> None:
        self.reload()
        self.select(contact_id)
        text, style = saved_message(result, self)
        self.show_status(text, style)
        self.sig_status.emit(text)

    def maybe_close(self) -> bool:
        return close_dialog(self.dialog)

    # -- keys ---------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.filter_bar.text:
                if key == Qt.Key.Key_Escape and self.filter_bar.text.text():
                    self.filter_bar.text.clear()
                    self.filter_bar._on_changed()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.filter_bar._on_changed()
                    return True
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.view.setFocus()
                    self.view.selectRow(0)
                    return True
        return super().eventFilter(obj, event)


__all__ = ["ContactsList"]
