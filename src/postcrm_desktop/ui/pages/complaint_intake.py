"""登记投诉/服务请求: the intake form.

Customer (search as you type, or fixed when opened from a profile), type, category,
priority (pre-filled from the customer's tier by the branch's SLA policy; raising it is
always allowed, lowering it below the tier's default only with complaint management),
channel, time received (defaults to now; may be dated back), waybill number,
description, assignee and files to attach. The deadline the complaint will get is
previewed live. The service checks everything and every message appears under its
field; nothing is saved while one is shown. Attachments are stored after the complaint,
through the background helper.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from postcrm_desktop.core.complaint_enums import Channel, ClockMode, ComplaintType, Priority
from postcrm_desktop.core.errors import (
    PermissionDenied,
    PostCrmError,
    ValidationError,
    ValidationErrors,
)
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import SlaPolicy, format_local
from postcrm_desktop.services.complaints.types import ComplaintInput
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.complaints_table import priority_label
from postcrm_desktop.ui.models.customer_labels import enum_label, fmt_size, language, tier_label
from postcrm_desktop.ui.pages.complaint_forms import MUTED_STYLE, FieldErrors, error_label
from postcrm_desktop.ui.qt import (
    QKeySequence,
    QMessageBox,
    Qt,
    QtCore,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.widgets.attachments_panel import ask_file, checked_size
from postcrm_desktop.ui.widgets.case_suggestions import CaseSuggestions, show_case
from postcrm_desktop.ui.widgets.clock_fields import qdatetime, wall_to_utc
from postcrm_desktop.ui.widgets.customer_picker import CustomerChoice, CustomerPicker
from postcrm_desktop.ui.widgets.sla_clock import clock_label
from postcrm_desktop.ui.worker import error_message


def fill_enum(combo: QtWidgets.QComboBox, enum_cls: type, *, blank: str | None = None) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for member in enum_cls:
        combo.addItem(member.label_for(language()), str(member))


def select_data(combo: QtWidgets.QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def hours_text(hours: int, mode: ClockMode) -> str:
    if mode == ClockMode.WORKING:
        return QtCore.QCoreApplication.translate("ComplaintIntake", "{0} 个工作小时").format(
            hours)
    if hours % 24 == 0:
        return QtCore.QCoreApplication.translate("ComplaintIntake", "{0} 天").format(
            hours // 24)
    return QtCore.QCoreApplication.translate("ComplaintIntake", "{0} 小时").format(hours)


class ComplaintIntake(QtWidgets.QDialog):
    sig_saved = Signal(str)  # the new complaint's id

    def __init__(self, ctx: PageContext, customer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from postcrm_desktop.services.complaints import policy, workdays

        self.ctx = ctx
        self.saved_id: str | None = None
        self.files: list[Path] = []
        self.priority_touched = False
        self.received_touched = False
        self.floor: Priority | None = None
        self.can_manage = ctx.branch.actor.can(Perm.COMPLAINT_MANAGE)
        self.policy: SlaPolicy = policy.get_policy(ctx.branch)
        self.calendar = workdays.calendar(ctx.branch)  # the branch's holidays
        self.setWindowTitle(self.tr("登记投诉/服务请求"))
        self.setObjectName("complaint_intake")
        self.setMinimumWidth(620)

        layout = QtWidgets.QVBoxLayout(self)
        self.form = QtWidgets.QFormLayout()
        layout.addLayout(self.form)
        self.general = error_label("error_general")
        self.errors = FieldErrors(self.general)
        self._build_fields(customer_id)
        # Cases that answer what the customer says, as the category and text are entered.
        self.suggestions = CaseSuggestions(ctx)
        self.suggestions.sig_open.connect(lambda case_id: show_case(ctx, case_id, self))
        self.category.currentIndexChanged.connect(lambda _i: self._suggest())
        self.description.textChanged.connect(self._suggest)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.general)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("登记(&S)"))
        save.setShortcut(QKeySequence("Ctrl+S"))
        save.setToolTip(self.tr("登记 Ctrl+S"))
        layout.addWidget(self.buttons)
        self.update_preview()

    # -- building -----------------------------------------------------------------------

    def _row(self, field: str, label: str, widget: QWidget) -> QWidget:
        return self.errors.add_row(self.form, field, label, widget)

    def _build_fields(self, customer_id: str | None) -> None:
        from postcrm_desktop.services.complaints import categories

        self.customer = CustomerPicker(self.ctx, show_tier=True,
                                       object_name="complaint_customer")
        self.customer.sig_choice.connect(self._on_customer)
        self._row("customer_id", self.tr("客户："), self.customer)

        self.complaint_type = QtWidgets.QComboBox()
        self.complaint_type.setObjectName("field_complaint_type")
        fill_enum(self.complaint_type, ComplaintType)
        select_data(self.complaint_type, str(ComplaintType.COMPLAINT))
        self._row("complaint_type", self.tr("类型："), self.complaint_type)

        self.category = QtWidgets.QComboBox()
        self.category.setObjectName("field_category")
        self.category.addItem(self.tr("（请选择）"), None)
        try:
            for c in categories.list_categories(self.ctx.branch):
                self.category.addItem(c.name_en if language().startswith("en") and c.name_en
                                      else c.name, c.code)
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
        self._row("category", self.tr("问题分类："), self.category)

        prio_row = QtWidgets.QWidget()
        box = QtWidgets.QHBoxLayout(prio_row)
        box.setContentsMargins(0, 0, 0, 0)
        self.priority = QtWidgets.QComboBox()
        self.priority.setObjectName("field_priority")
        fill_enum(self.priority, Priority)
        select_data(self.priority, str(Priority.NORMAL))
        self.priority.activated.connect(self._on_priority_chosen)
        self.priority.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.priority_hint = QtWidgets.QLabel()
        self.priority_hint.setObjectName("priority_hint")
        self.priority_hint.setStyleSheet(MUTED_STYLE)
        box.addWidget(self.priority)
        box.addWidget(self.priority_hint, 1)
        self._row("priority", self.tr("优先级："), prio_row)

        self.channel = QtWidgets.QComboBox()
        self.channel.setObjectName("field_channel")
        fill_enum(self.channel, Channel)
        self._row("channel", self.tr("受理渠道："), self.channel)

        clock = self.ctx.clock
        self.received = QtWidgets.QDateTimeEdit(qdatetime(clock.now(), clock.zone))
        self.received.setObjectName("field_received_at")
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        self.received.dateTimeChanged.connect(self._on_received_changed)
        self._row("received_at", self.tr("受理时间："), self.received)

        self.waybill = QtWidgets.QLineEdit()
        self.waybill.setObjectName("field_waybill_no")
        self.waybill.setPlaceholderText(self.tr("相关邮件号，如 EA123456785CN（可不填）"))
        self.waybill.setMaxLength(40)
        self._row("waybill_no", self.tr("邮件号："), self.waybill)

        self.description = QtWidgets.QPlainTextEdit()
        self.description.setObjectName("field_description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("客户反映的问题、诉求和经过"))
        self.description.setMinimumHeight(110)
        self._row("description", self.tr("问题描述："), self.description)

        self.assignee = QtWidgets.QComboBox()
        self.assignee.setObjectName("field_assignee_id")
        self._fill_assignees()
        self._row("assignee_id", self.tr("处理人："), self.assignee)

        files = QtWidgets.QWidget()
        column = QtWidgets.QHBoxLayout(files)
        column.setContentsMargins(0, 0, 0, 0)
        self.file_list = QtWidgets.QListWidget()
        self.file_list.setObjectName("intake_files")
        self.file_list.setMaximumHeight(64)
        buttons = QtWidgets.QVBoxLayout()
        self.add_file_button = QtWidgets.QPushButton(self.tr("添加…"))
        self.add_file_button.clicked.connect(self.ask_add_file)
        self.remove_file_button = QtWidgets.QPushButton(self.tr("移除"))
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        buttons.addWidget(self.add_file_button)
        buttons.addWidget(self.remove_file_button)
        column.addWidget(self.file_list, 1)
        column.addLayout(buttons)
        self._row("attachments", self.tr("附件："), files)

        self.preview = QtWidgets.QLabel()
        self.preview.setObjectName("deadline_preview")
        self.preview.setWordWrap(True)
        font = self.preview.font()
        font.setBold(True)
        self.preview.setFont(font)
        self.form.addRow(self.tr("办结期限："), self.preview)
        # After the priority field: the customer sets its default. A given one is fixed.
        if customer_id and self.customer.choose(customer_id):
            self.customer.set_read_only(True)

    def _fill_assignees(self) -> None:
        from postcrm_desktop.services.complaints import desk

        actor = self.ctx.branch.actor
        self.assignee.addItem(self.tr("暂不分派"), None)
        if actor.user_id:
            self.assignee.addItem(self.tr("自己处理（{0}）").format(actor.display_name),
                                  actor.user_id)
        if not self.can_manage:
            return
        try:
            users = desk.assignable_users(self.ctx.branch)
        except PostCrmError:
            return
        for u in users:
            if u.id != actor.user_id:
                label = u.display_name + (f"（{u.department}）" if u.department else "")
                self.assignee.addItem(label, u.id)

    # -- live behaviour -----------------------------------------------------------------

    def _on_customer(self, choice: CustomerChoice | None) -> None:
        if choice is None:
            self.floor = None
            self.priority_hint.clear()
            self._limit_priorities()
            self.update_preview()
            return
        self.floor = self.policy.default_priority(choice.tier)
        self.priority_hint.setText(self.tr("{0}客户默认：{1}").format(
            tier_label(choice.tier), priority_label(str(self.floor))))
        current = Priority(self.priority.currentData())
        if not self.priority_touched or (current < self.floor and not self.can_manage):
            select_data(self.priority, str(self.floor))
        self._limit_priorities()
        self.update_preview()

    def _limit_priorities(self) -> None:
        """Priorities below the tier's default are offered only to complaint managers."""
        model = self.priority.model()
        assert isinstance(model, QtGui.QStandardItemModel)
        for row in range(self.priority.count()):
            lower = self.floor is not None and Priority(self.priority.itemData(row)) < self.floor
            item = model.item(row)
            item.setEnabled(self.can_manage or not lower)
            item.setToolTip(self.tr("低于该客户等级的默认优先级，需要投诉管理权限")
                            if lower else "")

    def _suggest(self) -> None:
        self.suggestions.schedule(self.category.currentData(), self.description.toPlainText())

    def _on_priority_chosen(self, _index: int) -> None:
        self.priority_touched = True

    def _on_received_changed(self, _value: QtCore.QDateTime) -> None:
        self.received_touched = True
        self.update_preview()

    def received_at(self) -> datetime | None:
        """The time received as aware UTC, or None (now) when left as it was."""
        if not self.received_touched:
            return None
        return wall_to_utc(self.received.dateTime(), self.ctx.clock.zone)

    def deadline(self) -> datetime | None:
        from postcrm_desktop.services.complaints import policy

        try:
            start = self.received_at() or self.ctx.clock.now()
            return policy.due_at(self.policy, Priority(self.priority.currentData()), start,
                                 self.calendar)
        except (ValueError, PostCrmError):
            return None

    def update_preview(self) -> None:
        due = self.deadline()
        if due is None:
            self.preview.setText(self.tr("无法计算期限"))
            return
        prio = Priority(self.priority.currentData())
        mode = self.policy.mode
        left = clock_label(due, self.ctx.clock.now())
        self.preview.setText(self.tr("{0}（{1}：{2}，{3}）{4}").format(
            format_local(due, self.ctx.clock.zone), priority_label(str(prio)),
            hours_text(self.policy.hours_for(prio), mode), enum_label(ClockMode, str(mode)),
            f"　{left}" if left else ""))

    # -- attachments --------------------------------------------------------------------

    def ask_add_file(self) -> None:
        path = ask_file(self)
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path) -> bool:
        size = checked_size(self, path)
        if size is None:
            return False
        self.files.append(path)
        self.file_list.addItem(f"{path.name}  （{fmt_size(size)}）")
        return True

    def remove_selected_file(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self.file_list.takeItem(row)

    # -- saving -------------------------------------------------------------------------

    def to_input(self) -> ComplaintInput:
        return ComplaintInput(
            customer_id=self.customer.customer_id() or "",
            complaint_type=self.complaint_type.currentData() or "",
            category=self.category.currentData() or "",
            description=self.description.toPlainText(),
            channel=self.channel.currentData() or "",
            priority=self.priority.currentData(),
            waybill_no=self.waybill.text(),
            received_at=self.received_at(),
            assignee_id=self.assignee.currentData(),
        )

    def accept(self) -> None:
        from postcrm_desktop.services.complaints import desk

        self.errors.clear()
        data = self.to_input()
        try:
            complaint_id = desk.create_complaint(self.ctx.branch, data)
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return
        except PermissionDenied as exc:
            field = "priority" if "优先级" in str(exc) else "assignee_id"
            self.errors.show(ValidationError(field, error_message(exc)))
            return
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
            return
        self.saved_id = complaint_id
        self._store_files(complaint_id)
        super().accept()
        self.sig_saved.emit(complaint_id)

    def _store_files(self, complaint_id: str) -> None:
        from postcrm_desktop.services.complaints import desk

        if not self.files:
            return
        branch, files = self.ctx.branch, list(self.files)

        def work(control: object) -> int:
            for n, path in enumerate(files, start=1):
                desk.attach_file(branch, complaint_id, path.name, path.read_bytes())
                progress = getattr(control, "progress", None)
                if progress is not None:
                    progress(n, len(files), path.name)
            return len(files)

        parent = self.parentWidget()
        self.ctx.tasks.run(work, None, title=self.tr("正在保存附件…"),
                           on_error=lambda exc: QMessageBox.warning(
                               parent, self.tr("附件"), self.tr(
                                   "投诉已登记，但附件未能全部保存：{0}").format(
                                   error_message(exc))))

    def has_input(self) -> bool:
        fixed = self.customer.edit.isReadOnly()
        return bool(self.description.toPlainText().strip() or self.waybill.text().strip()
                    or self.files or (not fixed and self.customer.edit.text().strip()))

    def maybe_discard(self) -> bool:
        """True when the form may close: nothing typed, or the user agrees to drop it."""
        if self.saved_id is not None or not self.has_input():
            return True
        answer = QMessageBox.question(
            self, self.windowTitle(), self.tr("放弃正在登记的投诉？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self.maybe_discard():
            super().reject()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        # Enter in a one-line field must not register a half-filled complaint.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() == Qt.KeyboardModifier.NoModifier:
            return
        super().keyPressEvent(event)


__all__ = ["ComplaintIntake"]
