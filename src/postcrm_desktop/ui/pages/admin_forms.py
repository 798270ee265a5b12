"""Small forms of the admin page whose OK runs one service call.

An error the service raises stays in the dialog: a `ValidationError` appears under the
field it names, anything else above the buttons. Dialogs are opened with `open()` (never
a blocking `exec()`), so a test fills the fields and calls `accept()`.
"""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.ui.qt import QtWidgets, QWidget
from postcrm_desktop.ui.widgets.form_errors import add_error_row, error_label
from postcrm_desktop.ui.worker import error_message

ERROR_STYLE = "color: #b00020"
OK_STYLE = "color: #1b5e20"


class FormDialog(QtWidgets.QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(360)
        self.form = QtWidgets.QFormLayout(self)
        self.errors: dict[str, QtWidgets.QLabel] = {}
        self.labels: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.general_error = error_label()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def add_field(self, field: str, label: str, widget: QWidget, *aliases: str) -> None:
        """A labelled input with an error line under it; `aliases` are other names the
        services use for the same input."""
        self.errors[field] = add_error_row(self.form, field, label, widget)
        self.labels[field] = label.rstrip("：:")
        for alias in aliases:
            self.aliases[alias] = field

    def add_note(self, text: str) -> QtWidgets.QLabel:
        note = QtWidgets.QLabel(text)
        note.setWordWrap(True)
        self.form.addRow(note)
        return note

    def finish_layout(self) -> None:
        self.form.addRow(self.general_error)
        self.form.addRow(self.buttons)

    def clear_errors(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.clear()
            label.setVisible(False)

    def show_error(self, field: str, message: str) -> None:
        field = self.aliases.get(field, field)
        label = self.errors.get(field)
        if label is None:
            # A field this form does not show: name it in the general message.
            self.show_general(self.tr("{0}：{1}").format(field, message))
            return
        label.setText(message)
        label.setVisible(True)

    def show_general(self, message: str) -> None:
        self.general_error.setText(message)
        self.general_error.setVisible(True)

    def error_text(self, field: str) -> str:
        """What the dialog says about `field` now ('' when nothing)."""
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""

    def submit(self) -> None:
        """Run the service call; raise its error to keep the dialog open."""
        raise NotImplementedError

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.submit()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except ValidationErrors as exc:
            for e in exc.errors:
                self.show_error(e.field, e.message)
            return
        except PostCrmError as exc:
            self.show_general(error_message(exc))
            return
        super().accept()


def password_edit(placeholder: str = "") -> QtWidgets.QLineEdit:
    edit = QtWidgets.QLineEdit()
    edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit
