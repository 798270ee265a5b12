"""新建/修改跟进任务: a follow-up task by hand (customer, what to do, due time, channel,
who does it, a note). A due time in the past is allowed and flagged."""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.contact_enums import ContactChannel
from postcrm_desktop.core.errors import PostCrmError, ValidationError
from postcrm_desktop.services.contacts.types import TaskInput, TaskResult
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import owner_choices
from postcrm_desktop.ui.pages.contacts_forms import DueEdit, ServiceDialog
from postcrm_desktop.ui.pages.customer_common import fill_enum_combo, select_data
from postcrm_desktop.ui.qt import QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.customer_picker import CustomerPicker, customer_text


class TaskForm(ServiceDialog):
    sig_saved = Signal(str, object)  # task id, TaskResult

    def __init__(self, ctx: PageContext, *, customer_id: str | None = None,
                 task_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改跟进任务") if task_id else self.tr("新建跟进任务"), parent)
        self.setObjectName("task_form")
        self.setMinimumWidth(560)
        self.ctx = ctx
        self.task_id = task_id
        self.customer = CustomerPicker(ctx)
        self.errors.add("customer_id", self.tr("客户："), self.customer)
        self.title = QtWidgets.QLineEdit()
        self.title.setObjectName("field_title")
        self.title.setMaxLength(200)
        self.errors.add("title", self.tr("任务内容："), self.title)
        self.due = DueEdit(self.ctx.clock, optional=False)
        self.due.setObjectName("field_due")
        self.errors.add("due", self.tr("期限："), self.due)
        self.channel = QtWidgets.QComboBox()
        self.channel.setObjectName("field_channel")
        fill_enum_combo(self.channel, ContactChannel, blank=self.tr("（不限）"))
        self.errors.add("channel", self.tr("联系方式："), self.channel)
        self.assigned_to = QtWidgets.QComboBox()
        self.assigned_to.setObjectName("field_assigned_to")
        self.assigned_to.addItem(self.tr("客户的负责人"), None)
        try:
            for oid, name in owner_choices(self._owners()):
                self.assigned_to.addItem(name, oid)
        except PostCrmError:
            pass
        self.errors.add("assigned_to", self.tr("负责人："), self.assigned_to)
        self.note = QtWidgets.QPlainTextEdit()
        self.note.setObjectName("field_note")
        self.note.setMaximumHeight(90)
        self.note.setTabChangesFocus(True)
        self.errors.add("note", self.tr("备注："), self.note)
        self.finish_layout()
        if task_id:
            self._load(task_id)
        elif customer_id:
            self.customer.choose(customer_id)
            self.customer.set_read_only(True)
        self.saved_snapshot = self.snapshot()

    def _owners(self) -> list[Any]:
        from postcrm_desktop.services.customers import records

        return list(records.list_owners(self.ctx.branch))

    def _load(self, task_id: str) -> None:
        from postcrm_desktop.services.contacts import tasks

        t = tasks.get_task(self.ctx.branch, task_id)
        self.customer.set_customer(t.customer_id, customer_text(t.customer_name,
                                                                t.customer_number))
        self.customer.set_read_only(True)
        self.title.setText(t.title)
        self.due.set_value(t.due_at)
        select_data(self.channel, t.channel)
        if t.assigned_to and self.assigned_to.findData(t.assigned_to) < 0:
            self.assigned_to.addItem(t.assigned_name or t.assigned_to, t.assigned_to)
        select_data(self.assigned_to, t.assigned_to)
        self.note.setPlainText(t.note)

    def to_input(self) -> TaskInput:
        return TaskInput(customer_id=self.customer.customer_id() or "",
                         title=self.title.text(), due=self.due.value(),  # type: ignore[arg-type]
                         note=self.note.toPlainText(), channel=self.channel.currentData(),
                         assigned_to=self.assigned_to.currentData())

    def snapshot(self) -> Any:
        return self.to_input() if hasattr(self, "note") else None

    def submit(self) -> TaskResult:
        from postcrm_desktop.services.contacts import tasks

        data = self.to_input()
        if not data.customer_id:
            raise ValidationError("customer_id", self.tr("请选择客户"))
        if self.task_id:
            return tasks.update_task(self.ctx.branch, self.task_id, data,
                                     tz=self.ctx.clock.zone, now=self.ctx.clock.now())
        return tasks.create_task(self.ctx.branch, data, tz=self.ctx.clock.zone,
                                 now=self.ctx.clock.now())

    def saved(self, result: TaskResult) -> None:
        self.sig_saved.emit(result.id, result)


__all__ = ["TaskForm"]
