"""Error lines under form fields: hidden until a service names the field, and a general
line for what no field shows. Used by the admin, contact, complaint and customer forms."""

from __future__ import annotations

from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE
from postcrm_desktop.ui.qt import QtWidgets, QWidget


def error_label(name: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


def add_error_row(form: QtWidgets.QFormLayout, field: str, label: str,
                  widget: QWidget | QtWidgets.QLayout) -> QtWidgets.QLabel:
    """`widget` labelled `label` in `form` with its error line (`error_<field>`) under it;
    returns the error line."""
    form.addRow(label, widget)
    err = error_label(f"error_{field}")
    form.addRow("", err)
    return err


class ErrorLines:
    """The error lines of one form by the service's field names, and its general line."""

    def __init__(self, general: QtWidgets.QLabel) -> None:
        self.labels: dict[str, QtWidgets.QLabel] = {}
        self.general = general

    def line(self, form: QtWidgets.QFormLayout, field: str, label: str,
             widget: QWidget | QtWidgets.QLayout) -> QtWidgets.QLabel:
        err = add_error_row(form, field, label, widget)
        self.labels[field] = err
        return err

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            label.clear()
            label.setVisible(False)

    def append(self, label: QtWidgets.QLabel, message: str) -> None:
        """Add `message` to what `label` says and show it."""
        label.setText("\n".join(x for x in (label.text(), message) if x))
        label.setVisible(True)

    def show_general(self, text: str) -> None:
        self.general.setText(text)
        self.general.setVisible(True)


__all__ = ["ErrorLines", "add_error_row", "error_label"]
