"""The intake form's customer field: search as you type (name, number, phone digits,
pinyin) with the matches in a drop-down; picking one sets the customer and its tier.

Searches through `services.customers.search.quick_search`. `fix(customer_id)` shows a
customer chosen elsewhere (the profile's "登记投诉") and locks the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import tier_label
from postcrm_desktop.ui.qt import Qt, QtCore, QtGui, QTimer, QtWidgets, QWidget, Signal

DEBOUNCE_MS = 200
MATCHES = 15
ChoiceRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class CustomerChoice:
    id: str
    name: str
    number: str
    tier: str

    @property
    def text(self) -> str:
        return f"{self.name}（{self.number}）" if self.number else self.name


class ComplaintCustomerPicker(QtWidgets.QWidget):
    sig_chosen = Signal(object)  # CustomerChoice, or None when the field was cleared

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choice: CustomerChoice | None = None
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("complaint_customer")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("输入姓名、客户编号、电话或拼音查找客户"))
        layout.addWidget(self.edit)
        self.matches = QtGui.QStandardItemModel(self)
        self.completer = QtWidgets.QCompleter(self.matches, self)
        self.completer.setCompletionMode(
            QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.activated[QtCore.QModelIndex].connect(self._on_activated)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.returnPressed.connect(self._on_return)

    def customer_id(self) -> str | None:
        return self.choice.id if self.choice is not None else None

    def set_choice(self, choice: CustomerChoice | None) -> None:
        self.choice = choice
        self.edit.setText(choice.text if choice else "")
        self.edit.setToolTip(self.tr("客户等级：{0}").format(tier_label(choice.tier))
                             if choice else "")
        self.sig_chosen.emit(choice)

    def fix(self, customer_id: str) -> bool:
        """Show the customer `customer_id` and lock the field; False if unreadable."""
        from postcrm_desktop.services.customers import records

        try:
            d = records.get_customer(self.ctx.branch, customer_id)
        except PostCrmError:
            return False
        self.set_choice(CustomerChoice(d.id, d.name, d.number, d.tier))
        self.edit.setReadOnly(True)
        self.edit.setClearButtonEnabled(False)
        return True

    def _on_edited(self, text: str) -> None:
        if self.choice is not None and text != self.choice.text:
            self.choice = None
            self.sig_chosen.emit(None)
        if text.strip():
            self.debounce.start()
        else:
            self.debounce.stop()
            self.matches.clear()

    def search_now(self) -> int:
        """Search for the typed text and offer the matches; returns how many."""
        from postcrm_desktop.services.customers import search

        self.debounce.stop()
        try:
            rows = search.quick_search(self.ctx.branch, self.edit.text(), MATCHES)
        except PostCrmError:
            rows = []
        self.matches.clear()
        for r in rows:
            label = "  ".join(x for x in (r.name, r.number, tier_label(r.tier),
                                          r.mobile or r.landline, r.district) if x)
            item = QtGui.QStandardItem(label)
            item.setData(CustomerChoice(r.id, r.name, r.number, r.tier), ChoiceRole)
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
        choice = index.data(ChoiceRole)
        if not isinstance(choice, CustomerChoice):
            return
        self.set_choice(choice)
        # The completer writes the item's text after this signal; ours wins next turn.
        QTimer.singleShot(0, lambda: self.edit.setText(self.choice.text)
                          if self.choice else None)

    def _on_return(self) -> None:
        # Enter with exactly one match takes it, without reaching for the mouse.
        if self.choice is None and self.search_now() == 1:
            self.pick_row(0)


__all__ = ["ComplaintCustomerPicker", "CustomerChoice"]
