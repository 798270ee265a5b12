"""What the contact-area dialogs share: a form whose every field has its error line beside
it, filled from a service's `ValidationError(s)`, and a general line for the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.ui.pages.customer_common import confirm
from postcrm_desktop.ui.qt import QtCore, QtWidgets, QWidget
from postcrm_desktop.ui.widgets.clock_fields import qdate
from postcrm_desktop.ui.widgets.form_errors import ErrorLines, error_label
from postcrm_desktop.ui.worker import error_message

WARNING_STYLE = "color: #8a5a00"


class FieldErrors(ErrorLines):
    """Error labels under the fields of one `QFormLayout`."""

    def __init__(self, form: QtWidgets.QFormLayout, general: QtWidgets.QLabel) -> None:
        super().__init__(general)
        self.form = form

    def add(self, field: str, label: str, widget: QWidget | QtWidgets.QLayout) -> None:
        self.line(self.form, field, label, widget)

    def alias(self, field: str, shown_as: str) -> None:
        """Show errors about `field` under the line of `shown_as` (e.g. month -> date)."""
        self.labels[field] = self.labels[shown_as]

    def show(self, by_field: dict[str, str]) -> None:
        general: list[str] = []
        for field, message in by_field.items():
            label = self.labels.get(field.split("[", 1)[0])
            if label is None:
                general.append(message)
                continue
            self.append(label, message)
        if general:
            self.show_general("\n".join(general))

    def text(self, field: str) -> str:
        """What the form says about `field` now ('' when nothing)."""
        label = self.labels[field]
        return label.text() if not label.isHidden() else ""

    def run(self, call: Callable[[], Any]) -> tuple[bool, Any]:
        """Call a service, showing its complaints; (True, result) when it succeeded."""
        self.clear()
        try:
            return True, call()
        except ValidationError as exc:
            self.show({exc.field: exc.message})
        except ValidationErrors as exc:
            self.show(exc.by_field())
        except PostCrmError as exc:
            self.show_general(error_message(exc))
        return False, None


class ServiceDialog(QtWidgets.QDialog):
    """A dialog with a form, error lines, a general error line and Save / Cancel; asks
    before throwing typed changes away. Subclasses build fields in `self.form` through
    `self.errors.add(...)`, give `snapshot()` and `submit()`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QtWidgets.QVBoxLayout(self)
        self.form = QtWidgets.QFormLayout()
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form, 1)
        self.general_error = error_label("form_general_error")
        self.errors = FieldErrors(self.form, self.general_error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save).setText(
            self.tr("保存"))
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.saved_snapshot: Any = None
        self.result_: Any = None

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.general_error)
        self.layout_.addWidget(self.buttons)
        self.saved_snapshot = self.snapshot()

    def snapshot(self) -> Any:
        return None

    def submit(self) -> Any:
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """After a successful submit (emit signals here)."""

    def accept(self) -> None:
        ok, result = self.errors.run(self.submit)
        if not ok:
            return
        self.result_ = result
        self.saved_snapshot = self.snapshot()
        super().accept()
        self.saved(result)

    def is_dirty(self) -> bool:
        return self.snapshot() != self.saved_snapshot

    def discard(self) -> None:
        self.saved_snapshot = self.snapshot()
        super().reject()

    def reject(self) -> None:
        if self.is_dirty() and not confirm(self, self.windowTitle(),
                                           self.tr("放弃尚未保存的内容？")):
            return
        self.discard()


class DueEdit(QtWidgets.QWidget):
    """An optional date and time on the branch's clock (a due date): a check box turns it
    on; the time defaults to 09:00. `value()` is an aware datetime or None."""

    def __init__(self, clock: Clock, parent: QWidget | None = None, *,
                 optional: bool = True) -> None:
        super().__init__(parent)
        self.clock = clock
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.enabled = QtWidgets.QCheckBox(self.tr("设置期限"))
        self.date = QtWidgets.QDateEdit(qdate(clock.today()).addDays(1))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QtWidgets.QTimeEdit(QtCore.QTime(9, 0))
        self.time.setDisplayFormat("HH:mm")
        self.warning = QtWidgets.QLabel()
        self.warning.setObjectName("past_due_warning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        if optional:
            row.addWidget(self.enabled)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addWidget(self.warning)
        row.addStretch(1)
        if optional:
            self.enabled.toggled.connect(self._on_toggled)
            self._on_toggled(False)
        else:
            self.enabled.setChecked(True)
        self.date.dateChanged.connect(lambda _d: self.update_warning())
        self.time.timeChanged.connect(lambda _t: self.update_warning())

    def _on_toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self.time.setEnabled(on)
        self.update_warning()

    def value(self) -> datetime | None:
        if not self.enabled.isChecked():
            return None
        day: date = self.date.date().toPython()  # type: ignore[assignment]
        at: time = self.time.time().toPython()  # type: ignore[assignment]
        return datetime.combine(day, at, tzinfo=self.clock.zone)

    def set_value(self, value: datetime | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            local = self.clock.local(value)
            self.date.setDate(QtCore.QDate(local.year, local.month, local.day))
            self.time.setTime(QtCore.QTime(local.hour, local.minute))
        self.update_warning()

    def in_past(self) -> bool:
        value = self.value()
        return value is not None and value < self.clock.now()

    def update_warning(self) -> None:
        past = self.in_past()
        self.warning.setText(self.tr("⚠ 期限早于当前时间，保存后将立即显示为逾期") if past else "")
        self.warning.setVisible(past)


__all__ = ["WARNING_STYLE", "DueEdit", "FieldErrors", "ServiceDialog"]
