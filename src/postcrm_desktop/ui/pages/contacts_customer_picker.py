"""A customer field that searches as you type (name, number, phone digits, pinyin) and
offers the matches in a drop-down; picking one sets the customer.

Used by the contact and task forms, the care-dates editor and the contacts filter bar.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.qt import Qt, QtCore, QtGui, QTimer, QtWidgets, QWidget, Signal

DEBOUNCE_MS = 200
MATCHES = 15
IdRole = Qt.ItemDataRole.UserRole + 1


def customer_text(name: str, number: str) -> str:
    return f"{name}（{number}）" if number else name


def search_customers(ctx: PageContext, text: str, limit: int = MATCHES) -> list[Any]:
    """Customer rows matching `text`, best first ([] when there is nothing to search)."""
    from postcrm_desktop.services.customers import search

    text = text.strip()
    if not text:
        return []
    return list(search.quick_search(ctx.branch, text, limit=limit))


class CustomerPicker(QtWidgets.QWidget):
    sig_chosen = Signal(str)  # customer id, or "" when the field was cleared

    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._id: str | None = None
        self._text = ""
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("customer_picker")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(
            placeholder or self.tr("输入姓名、客户编号、电话或拼音查找客户"))
        layout.addWidget(self.edit)
        self.matches = QtGui.QStandardItemModel(self)
        self.completer = QtWidgets.QCompleter(self.matches, self)
        self.completer.setCompletionMode(
            QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.edit)
        self.completer.activated[QtCore.QModelIndex].connect(self._on_activated)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.returnPressed.connect(self._on_return)

    # -- state --------------------------------------------------------------------------

    def customer_id(self) -> str | None:
        return self._id

    def set_customer(self, customer_id: str | None, text: str = "") -> None:
        """Show a customer already known (no search); None clears the field."""
        self._id = customer_id or None
        self._text = text if customer_id else ""
        self.edit.setText(self._text)
        self.edit.setToolTip(self._text)

    def choose(self, customer_id: str) -> bool:
        """Set the customer by id, reading its name and number."""
        from postcrm_desktop.services.customers import records

        try:
            d = records.get_customer(self.ctx.branch, customer_id)
        except PostCrmError:
            return False
        self.set_customer(d.id, customer_text(d.name, d.number))
        self.sig_chosen.emit(d.id)
        return True

    def set_read_only(self, on: bool) -> None:
        self.edit.setReadOnly(on)
        self.edit.setClearButtonEnabled(not on)

    # -- searching ----------------------------------------------------------------------

    def _on_edited(self, text: str) -> None:
        if self._id is not None and text != self._text:
            self._id = None
            self.sig_chosen.emit("")
        if not text.strip():
            self.matches.clear()
            self.debounce.stop()
            return
        self.debounce.start()

    def search_now(self) -> int:
        """Search for the typed text and show the matches; returns how many."""
        self.debounce.stop()
        try:
            rows = search_customers(self.ctx, self.edit.text())
        except (PostCrmError, ImportError):
            rows = []
        self.matches.clear()
        for r in rows:
            phone = r.mobile or r.landline
            label = "  ".join(x for x in (r.name, r.number, phone, r.owner_name) if x)
            item = QtGui.QStandardItem(label)
            item.setData(r.id, IdRole)
            item.setData(customer_text(r.name, r.number), Qt.ItemDataRole.UserRole + 2)
            self.matches.appendRow(item)
        if rows and self.edit.hasFocus():
            self.completer.complete()
        return len(rows)

    def pick_row(self, row: int) -> bool:
        """Take the `row`-th match (what a click in the drop-down does)."""
        if not 0 <= row < self.matches.rowCount():
            return False
        self._on_activated(self.matches.index(row, 0))
        return True

    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        customer_id = index.data(IdRole)
        if not customer_id:
            return
        text = index.data(Qt.ItemDataRole.UserRole + 2) or index.data()
        # The completer writes its own text after this signal; ours wins on the next turn.
        self.set_customer(customer_id, text)
        QTimer.singleShot(0, lambda: self.edit.setText(self._text) if self._id else None)
        self.sig_chosen.emit(customer_id)

    def _on_return(self) -> None:
        # Enter with exactly one match picks it, without reaching for the mouse.
        if self._id is None and self.search_now() == 1:
            self.pick_row(0)


__all__ = ["CustomerPicker", "customer_text", "search_customers"]
