"""Form pieces the complaint dialogs share: an error line under each field, and a dialog
whose Save calls a service and shows what it refuses.

Services check every input and raise `ValidationError`/`ValidationErrors` naming the
field; the message appears under that field (or under the form when no field matches).
A refused step (`Conflict`, `NotFound`: the complaint changed meanwhile) is shown in a
message box and the dialog closes; a missing permission is shown and the dialog stays.
Dialogs open with `open()`; a test fills the fields and calls `accept()`.
"""

from __future__ import annotations

from collections.abc import Callable

from postcrm_desktop.core.errors import (
    Conflict,
    NotFound,
    PostCrmError,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.ui.qt import QMessageBox, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.form_errors import ErrorLines, error_label
from postcrm_desktop.ui.worker import error_message

ERROR_STYLE = "color: #b00020"
MUTED_STYLE = "color: #666666"
OVERDUE_STYLE = "color: #b00020; font-weight: bold"
OK_STYLE = "color: #1b5e20"


class FieldErrors(ErrorLines):
    """The error lines of one form, by the service's field names."""

    def add_row(self, form: QtWidgets.QFormLayout, field: str, label: str,
                widget: QWidget) -> QWidget:
        self.line(form, field, label, widget)
        return widget

    def show(self, exc: ValidationError | ValidationErrors) -> dict[str, str]:
        """Put each message beside its field; returns field -> message shown."""
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        shown: dict[str, str] = {}
        loose: list[str] = []
        for e in errors:
            label = self.labels.get(e.field) or self.labels.get(e.field.split(".")[0])
            if label is None:
                loose.append(e.message)
                continue
            self.append(label, e.message)
            shown[e.field] = e.message
        if loose:
            self.show_general("\n".join(loose))
        return shown

    def messages(self) -> dict[str, str]:
        """What is shown now, by field ("" for the general line): for tests and checks."""
        out = {f: lbl.text() for f, lbl in self.labels.items() if lbl.text()}
        if self.general.text():
            out[""] = self.general.text()
        return out


class ActionDialog(QtWidgets.QDialog):
    """A small form for one step (resolve, revisit, reopen...); `submit(dialog)` calls the
    service and raises what it refuses."""

    sig_done = Signal()

    def __init__(self, title: str, submit: Callable[[ActionDialog], None],
                 parent: QWidget | None = None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("complaint_action_dialog")
        self.setMinimumWidth(440)
        self.title = title
        self.submit = submit
        self.refused = ""  # the message of a refused step, when one was
        layout = QtWidgets.QVBoxLayout(self)
        if intro:
            text = QtWidgets.QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        self.form = QtWidgets.QFormLayout()
        layout.addLayout(self.form)
        self.general = error_label("error_general")
        layout.addWidget(self.general)
        self.errors = FieldErrors(self.general)
        self.fields: dict[str, QWidget] = {}
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add(self, field: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"field_{field}")
        self.fields[field] = widget
        self.errors.add_row(self.form, field, label, widget)
        return widget

    def add_text(self, field: str, label: str, *, placeholder: str = "",
                 lines: int = 4) -> QtWidgets.QPlainTextEdit:
        edit = QtWidgets.QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 16)
        self.add(field, label, edit)
        return edit

    def text(self, field: str) -> str:
        widget = self.fields[field]
        if isinstance(widget, QtWidgets.QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QtWidgets.QLineEdit):
            return widget.text()
        raise TypeError(field)

    def set_text(self, field: str, value: str) -> None:
        widget = self.fields[field]
        if isinstance(widget, QtWidgets.QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QtWidgets.QLineEdit):
            widget.setText(value)

    def choice(self, field: str) -> object:
        widget = self.fields[field]
        assert isinstance(widget, QtWidgets.QComboBox)
        return widget.currentData()

    def accept(self) -> None:
        self.errors.clear()
        try:
            self.submit(self)
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return
        except (Conflict, NotFound) as exc:
            # The complaint moved on meanwhile (or is gone): say so and close.
            self.refused = error_message(exc)
            QMessageBox.warning(self, self.title, self.refused)
            self.reject()
            return
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
            return
        super().accept()
        self.sig_done.emit()


__all__ = [
    "ERROR_STYLE",
    "MUTED_STYLE",
    "OK_STYLE",
    "OVERDUE_STYLE",
    "ActionDialog",
    "FieldErrors",
    "error_label",
]
