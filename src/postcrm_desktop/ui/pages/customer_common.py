"""Small widgets and helpers the customer pages share: combos of choices, confirmations."""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.customer_enums import LabelledEnum
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.qt import QMessageBox, QtWidgets, QWidget

ERROR_STYLE = "color: #b00020"
OK_STYLE = "color: #1b5e20"
MUTED_STYLE = "color: #666666"


def fill_enum_combo(combo: QtWidgets.QComboBox, enum_cls: type[LabelledEnum], *,
                    blank: str | None = None) -> None:
    """Items `(label, code)` of every member; a first item `(blank, None)` when given."""
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for member in enum_cls:
        combo.addItem(member.label_for(language()), str(member))


def select_data(combo: QtWidgets.QComboBox, value: Any) -> None:
    """Select the item holding `value` (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(value), 0))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before destroying data; No is the default answer."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def heading(text: str, scale: float = 1.3) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
