"""记录联系 / 修改联系记录: one contact with a customer.

Opened from the contacts page (customer chosen here) or from a customer's profile
(`customer_id` given: the customer is fixed). Time, channel, owner, the person spoken
to, content, the customer's feedback, a next step with its due time (it becomes a
reminder task; a time in the past is allowed and flagged), open tasks this contact
completes, and attachments. Every problem the service finds appears under its field.

    dlg = ContactForm(ctx, customer_id=..., parent=page)
    dlg.sig_saved.connect(...)   # (contact id, ContactResult)
    dlg.open()
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from postcrm_desktop.core.contact_enums import ContactChannel
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.contacts.types import ContactInput, ContactResult, ContactRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.contact_labels import contact_channel_label, due_text
from postcrm_desktop.ui.models.customer_labels import owner_choices
from postcrm_desktop.ui.pages.contacts_forms import WARNING_STYLE, DueEdit, ServiceDialog
from postcrm_desktop.ui.pages.customer_common import MUTED_STYLE, fill_enum_combo, select_data
from postcrm_desktop.ui.qt import Qt, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.clock_fields import qdatetime, wall_to_utc
from postcrm_desktop.ui.widgets.customer_picker import CustomerPicker, customer_text

TaskIdRole = Qt.ItemDataRole.UserRole + 1


def past_due_message(result: ContactResult) -> str:
    """The flag a saved contact carries when its next step was already due ('' if not)."""
    return next((n.message for n in result.notices if n.code == "next_due_in_past"), "")


class ContactForm(ServiceDialog):
    sig_saved = Signal(str, object)  # contact id, ContactResult

    def __init__(self, ctx: PageContext, *, customer_id: str | None = None,
                 contact_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改联系记录") if contact_id else self.tr("记录联系"), parent)
        self.setObjectName("contact_form")
        self.setMinimumSize(640, 620)
        self.ctx = ctx
        self.contact_id = contact_id
        self.fixed_customer = customer_id is not None or contact_id is not None
        self.files: list[tuple[str, bytes]] = []
        self.existing: ContactRow | None = None
        self._build()
        self.finish_layout()
        if contact_id:
            self._load_contact(contact_id)
        elif customer_id:
            self.customer.choose(customer_id)
            self.customer.set_read_only(True)
        self.saved_snapshot = self.snapshot()

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.customer = CustomerPicker(self.ctx)
        self.customer.sig_chosen.connect(self._on_customer_chosen)
        self.errors.add("customer_id", self.tr("客户："), self.customer)
        self.at = QtWidgets.QDateTimeEdit(qdatetime(self.ctx.clock.now(), self.ctx.clock.zone))
        self.at.setObjectName("field_at")
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.errors.add("at", self.tr("联系时间："), self.at)
        self.channel = QtWidgets.QComboBox()
        self.channel.setObjectName("field_channel")
        fill_enum_combo(self.channel, ContactChannel)
        self.channel.currentIndexChanged.connect(lambda _i: self._precheck_tasks())
        self.errors.add("channel", self.tr("联系方式："), self.channel)
        self.owner = QtWidgets.QComboBox()
        self.owner.setObjectName("field_owner_id")
        self.errors.add("owner_id", self.tr("联系人员："), self.owner)
        self.person = QtWidgets.QLineEdit()
        self.person.setObjectName("field_person")
        self.person.setMaxLength(50)
        self.person.setPlaceholderText(self.tr("本人，或单位客户的联系人"))
        self.errors.add("person", self.tr("联系对象："), self.person)
        self.content = QtWidgets.QPlainTextEdit()
        self.content.setObjectName("field_content")
        self.content.setPlaceholderText(self.tr("谈了什么（必填）"))
        self.content.setTabChangesFocus(True)
        self.errors.add("content", self.tr("联系内容："), self.content)
        self.feedback = QtWidgets.QPlainTextEdit()
        self.feedback.setObjectName("field_feedback")
        self.feedback.setMaximumHeight(80)
        self.feedback.setTabChangesFocus(True)
        self.errors.add("feedback", self.tr("客户反馈："), self.feedback)
        self.next_step = QtWidgets.QLineEdit()
        self.next_step.setObjectName("field_next_step")
        self.next_step.setMaxLength(200)
        self.next_step.setPlaceholderText(self.tr("如：下周送资料上门（填写后将生成跟进提醒）"))
        self.errors.add("next_step", self.tr("下一步："), self.next_step)
        self.next_due = DueEdit(self.ctx.clock)
        self.next_due.setObjectName("field_next_due")
        self.next_step.textEdited.connect(self._on_next_step_edited)
        self.errors.add("next_due", self.tr("下一步期限："), self.next_due)
        self.tasks = QtWidgets.QListWidget()
        self.tasks.setObjectName("field_complete_task_ids")
        self.tasks.setMaximumHeight(90)
        self.tasks_hint = QtWidgets.QLabel(self.tr("勾选本次联系完成的待办任务"))
        self.tasks_hint.setStyleSheet(MUTED_STYLE)
        box = QtWidgets.QVBoxLayout()
        box.addWidget(self.tasks)
        box.addWidget(self.tasks_hint)
        self.errors.add("complete_task_ids", self.tr("完成任务："), box)
        self.attachments = QtWidgets.QListWidget()
        self.attachments.setObjectName("field_attachments")
        self.attachments.setMaximumHeight(70)
        self.add_file_button = QtWidgets.QPushButton(self.tr("添加附件…"))
        self.add_file_button.clicked.connect(self.choose_files)
        self.remove_file_button = QtWidgets.QPushButton(self.tr("移除所选"))
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        self.existing_files = QtWidgets.QLabel()
        self.existing_files.setStyleSheet(MUTED_STYLE)
        files = QtWidgets.QVBoxLayout()
        files.addWidget(self.attachments)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.add_file_button)
        buttons.addWidget(self.remove_file_button)
        buttons.addWidget(self.existing_files, 1)
        files.addLayout(buttons)
        self.errors.add("attachments", self.tr("附件："), files)
        # The attachment checks name the file's own fields.
        self.errors.alias("attachment", "attachments")
        self.errors.alias("filename", "attachments")
        self._fill_owners()

    def _fill_owners(self) -> None:
        from postcrm_desktop.services.customers import records

        actor = self.ctx.branch.actor
        self.owner.addItem(actor.display_name, actor.user_id)
        try:
            for oid, name in owner_choices(records.list_owners(self.ctx.branch)):
                if oid != actor.user_id:
                    self.owner.addItem(name, oid)
        except PostCrmError:
            pass

    def _load_contact(self, contact_id: str) -> None:
        from postcrm_desktop.services.contacts import records

        c = records.get_contact(self.ctx.branch, contact_id)
        self.existing = c
        self.customer.set_customer(c.customer_id, customer_text(c.customer_name,
                                                                c.customer_number))
        self.customer.set_read_only(True)
        self.at.setDateTime(qdatetime(c.at, self.ctx.clock.zone))
        select_data(self.channel, c.channel)
        if c.owner_id and self.owner.findData(c.owner_id) < 0:
            self.owner.addItem(c.owner_name or c.owner_id, c.owner_id)
        select_data(self.owner, c.owner_id)
        self.person.setText(c.person)
        self.content.setPlainText(c.content)
        self.feedback.setPlainText(c.feedback)
        self.next_step.setText(c.next_step)
        self.next_due.set_value(c.next_due_at if c.next_step else None)
        self.tasks.setEnabled(False)
        self.tasks_hint.setText(self.tr("修改联系记录时不改变已完成的任务"))
        if c.attachments:
            self.existing_files.setText(self.tr("已有 {0} 个附件；新添加的将一并保存")
                                        .format(c.attachments))

    # -- customer and its open tasks ------------------------------------------------------

    def _on_customer_chosen(self, customer_id: str) -> None:
        if self.contact_id is None:
            self.load_open_tasks(customer_id or None)

    def load_open_tasks(self, customer_id: str | None) -> None:
        from postcrm_desktop.services.contacts import tasks

        self.tasks.clear()
        if not customer_id:
            return
        try:
            rows = tasks.open_tasks_of(self.ctx.branch, customer_id)
        except PostCrmError:
            rows = []
        for t in rows:
            text = f"{due_text(t.due_at, self.ctx.clock.local_now())}  {t.title}"
            if t.channel:
                text += f"（{contact_channel_label(t.channel)}）"
            item = QtWidgets.QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(TaskIdRole, t.id)
            item.setData(Qt.ItemDataRole.UserRole + 2, (t.source, t.channel))
            self.tasks.addItem(item)
        self.tasks_hint.setText(self.tr("勾选本次联系完成的待办任务") if rows
                                else self.tr("该客户没有待办任务"))
        self._precheck_tasks()

    def _precheck_tasks(self) -> None:
        """Rule tasks of the chosen channel are what this contact usually completes."""
        channel = self.channel.currentData()
        for i in range(self.tasks.count()):
            item = self.tasks.item(i)
            source, task_channel = item.data(Qt.ItemDataRole.UserRole + 2)
            item.setCheckState(Qt.CheckState.Checked if source == "rule" and
                               task_channel == channel else Qt.CheckState.Unchecked)

    def set_task_checked(self, task_id: str, on: bool = True) -> bool:
        for i in range(self.tasks.count()):
            item = self.tasks.item(i)
            if item.data(TaskIdRole) == task_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return True
        return False

    def checked_task_ids(self) -> list[str]:
        return [self.tasks.item(i).data(TaskIdRole) for i in range(self.tasks.count())
                if self.tasks.item(i).checkState() == Qt.CheckState.Checked]

    def _on_next_step_edited(self, text: str) -> None:
        # Typing a next step turns the due date on (the service requires one).
        if text.strip() and not self.next_due.enabled.isChecked():
            self.next_due.enabled.setChecked(True)

    # -- attachments --------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QtWidgets.QFileDialog.getOpenFileNames(self, self.tr("添加附件"))
        for name in names:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                self.errors.show({"attachments": self.tr("无法读取文件：{0}").format(
                    exc.strerror or Path(name).name)})
                continue
            self.add_attachment(Path(name).name, data)

    def add_attachment(self, filename: str, data: bytes) -> None:
        self.files.append((filename, data))
        self.attachments.addItem(filename)

    def remove_selected_file(self) -> None:
        row = self.attachments.currentRow()
        if 0 <= row < len(self.files):
            self.files.pop(row)
            self.attachments.takeItem(row)

    # -- saving -------------------------------------------------------------------------

    def to_input(self) -> ContactInput:
        at = wall_to_utc(self.at.dateTime(), self.ctx.clock.zone).replace(second=0,
                                                                            microsecond=0)
        if self.existing is not None and not self._at_changed(at):
            at = self.existing.at
        return ContactInput(
            customer_id=self.customer.customer_id() or "",
            channel=self.channel.currentData(),
            content=self.content.toPlainText(),
            at=at,
            feedback=self.feedback.toPlainText(),
            person=self.person.text(),
            owner_id=self.owner.currentData(),
            next_step=self.next_step.text(),
            next_due=self.next_due.value(),
            attachments=list(self.files),
            complete_task_ids=self.checked_task_ids() if self.contact_id is None else None,
        )

    def _at_changed(self, at: datetime) -> bool:
        # The editor has minute precision: keep the stored instant unless it was moved.
        assert self.existing is not None
        stored = self.existing.at.astimezone(UTC).replace(second=0, microsecond=0)
        return at.replace(second=0, microsecond=0) != stored

    def snapshot(self) -> Any:
        if not hasattr(self, "next_due"):
            return None
        data = self.to_input()
        data.at = None  # the clock moves; the time alone is no reason to ask
        data.attachments = [(n, b"") for n, _ in data.attachments]
        return data

    def submit(self) -> ContactResult:
        from postcrm_desktop.services.contacts import records

        data = self.to_input()
        if not data.customer_id:
            from postcrm_desktop.core.errors import ValidationError

            raise ValidationError("customer_id", self.tr("请选择客户"))
        if self.contact_id:
            return records.update_contact(self.ctx.branch, self.contact_id, data,
                                          tz=self.ctx.clock.zone, now=self.ctx.clock.now())
        return records.log_contact(self.ctx.branch, data, tz=self.ctx.clock.zone,
                                   now=self.ctx.clock.now())

    def saved(self, result: ContactResult) -> None:
        self.sig_saved.emit(result.id, result)


def saved_message(result: ContactResult, parent: QWidget) -> tuple[str, str]:
    """(text, style) telling what saving a contact did, with the past-due flag."""
    tr = parent.tr
    parts = [tr("联系记录已保存")]
    if result.task_id:
        parts.append(tr("已生成跟进提醒"))
    if result.completed_task_ids:
        parts.append(tr("完成任务 {0} 项").format(len(result.completed_task_ids)))
    flag = past_due_message(result)
    if flag:
        parts.append(tr("注意：{0}").format(flag))
    return "，".join(parts), (WARNING_STYLE if flag else MUTED_STYLE)


__all__ = ["ContactForm", "past_due_message", "saved_message"]
