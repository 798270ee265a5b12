"""A customer field that searches as you type (name, number, phone digits, pinyin) and
offers the matches in a drop-down; picking one sets the customer.

Searches through `services.customers.search.quick_search`. Used by the contact and task
forms, the care-dates editor, the contacts filter bars and the complaint intake form
(`show_tier`: a complaint's default priority follows the customer's tier).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import tier_label
from postcrm_desktop.ui.qt import Qt, QtCore, QtGui, QTimer, QtWidgets, QWidget, Signal

DEBOUNCE_MS = 200
MATCHES = 15
ChoiceRole = Qt.ItemDataRole.UserRole + 1


def customer_text(name: str, number: str) -> str:
    return f"{name}（{number}）" if number else name


@dataclass(frozen=True)
class CustomerChoice:
    id: str
    name: str
    number: str
    tier: str = ""

    @property
    def text(self) -> str:
        return customer_text(self.name, self.number)


def search_customers(ctx: PageContext, text: str, limit: int = MATCHES) -> list[Any]:
    """Customer rows matching `text`, best first ([] when there is nothing to search)."""
    from postcrm_desktop.services.customers import search

    text = text.strip()
    if not text:
        return []
    return list(search.quick_search(ctx.branch, text, limit=limit))


class CustomerPicker(QtWidgets.QWidget):
    sig_chosen = Signal(str)  # customer id, or "" when the field was cleared
    sig_choice = Signal(object)  # the same moments: the CustomerChoice, or None

    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *,
                 placeholder: str = "", show_tier: bool = False,
                 object_name: str = "customer_picker") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_tier = show_tier
        self._id: str | None = None
        self._text = ""
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName(object_name)
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

    def set_customer(self, customer_id: str | None, text: str = "", tier: str = "") -> None:
        """Show a customer already known (no search); None clears the field."""
        self._id = customer_id or None
        self._text = text if customer_id else ""
        self.edit.setText(self._text)
        if self.show_tier and customer_id:
            self.edit.setToolTip(self.tr("客户等级：{0}").format(tier_label(tier)))
        else:
            self.edit.setToolTip(self._text)

    def choose(self, customer_id: str) -> bool:
        """Set the customer by id, reading its name and number; False if unreadable."""
        from postcrm_desktop.services.customers import records

        try:
            d = records.get_customer(self.ctx.branch, customer_id)
        except PostCrmError:
            return False
        self._take(CustomerChoice(d.id, d.name, d.number, d.tier))
        return True

    def set_read_only(self, on: bool) -> None:
        self.edit.setReadOnly(on)
        self.edit.setClearButtonEnabled(not on)

    def _take(self, choice: CustomerChoice) -> None:
        self.set_customer(choice.id, choice.text, choice.tier)
        self._announce(choice)

    def _announce(self, choice: CustomerChoice | None) -> None:
        self.sig_chosen.emit(choice.id if choice else "")
        self.sig_choice.emit(choice)

    # -- searching ----------------------------------------------------------------------

    def _on_edited(self, text: str) -> None:
        if self._id is not None and text != self._text:
            self._id = None
            self._announce(None)
        if not text.strip():
            self.matches.clear()
            self.debounce.stop()
            return
        self.debounce.start()

    def match_label(self, r: Any) -> str:
        """A match as the drop-down lists it."""
        phone = r.mobile or r.landline
        parts = (r.name, r.number, tier_label(r.tier), phone, r.district) if self.show_tier \
            else (r.name, r.number, phone, r.owner_name)
        return "  ".join(x for x in parts if x)

    def search_now(self) -> int:
        """Search for the typed text and show the matches; returns how many."""
        self.debounce.stop()
        try:
            rows = search_customers(self.ctx, self.edit.text())
        except PostCrmError as exc:
            rows = []
            # e.g. too many searches by phone number: say why nothing is listed
            from postcrm_desktop.ui.worker import error_message

            self.edit.setToolTip(error_message(exc))
            QtWidgets.QToolTip.showText(
                self.edit.mapToGlobal(QtCore.QPoint(0, self.edit.height())),
                error_message(exc), self.edit)
        except ImportError:
            rows = []
        else:
            self.edit.setToolTip("")
        self.matches.clear()
        for r in rows:
            item = QtGui.QStandardItem(self.match_label(r))
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
        self._take(choice)
        # The completer writes its own text after this signal; ours wins on the next turn.
        QTimer.singleShot(0, lambda: self.edit.setText(self._text) if self._id else None)

    def _on_return(self) -> None:
        # Enter with exactly one match picks it, without reaching for the mouse.
        if self._id is None and self.search_now() == 1:
            self.pick_row(0)


__all__ = ["CustomerChoice", "CustomerPicker", "customer_text", "search_customers"]
