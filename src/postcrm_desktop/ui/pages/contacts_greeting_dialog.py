"""生成祝福语: the greeting for one care date (a birthday, an anniversary...) from a template,
editable, ready to copy; "标记已发送" records it as a contact with the customer.

Opened from the workbench's care section and from the care calendar.
"""

from __future__ import annotations

from postcrm_desktop.core.contact_enums import ContactChannel
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import CareItem, ContactResult
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.customer_common import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    fill_enum_combo,
    select_data,
)
from postcrm_desktop.ui.qt import QApplication, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.worker import error_message


def greeting_for(ctx: PageContext, item: CareItem, template_id: str | None) -> str:
    """The greeting text for one care date ('' when no template fits it)."""
    from postcrm_desktop.services.contacts import greetings

    lines = greetings.greeting_list(ctx.branch, item.on, 1, template_id=template_id)
    return next((line.text for line in lines if line.care_date_id == item.care_date_id), "")


class GreetingDialog(QtWidgets.QDialog):
    sig_sent = Signal(str, object)  # customer id, ContactResult

    def __init__(self, ctx: PageContext, item: CareItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greeting_dialog")
        self.setWindowTitle(self.tr("生成祝福语"))
        self.setMinimumSize(520, 360)
        self.ctx = ctx
        self.item = item
        self.sent: ContactResult | None = None
        layout = QtWidgets.QVBoxLayout(self)
        years = self.tr("（{0}周年）").format(item.years) if item.years else ""
        about = QtWidgets.QLabel(self.tr("{0}（{1}）　{2}　{3} {4}{5}").format(
            item.customer_name, item.customer_number, item.kind_label, item.on.isoformat(),
            item.date_text, years))
        about.setWordWrap(True)
        layout.addWidget(about)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(self.tr("模板：")))
        self.template = QtWidgets.QComboBox()
        self.template.setObjectName("greeting_template")
        row.addWidget(self.template, 1)
        layout.addLayout(row)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setObjectName("greeting_text")
        layout.addWidget(self.text, 1)
        send_row = QtWidgets.QHBoxLayout()
        self.copy_button = QtWidgets.QPushButton(self.tr("复制"))
        self.copy_button.setObjectName("greeting_copy")
        self.copy_button.setShortcut("Ctrl+Shift+C")
        self.copy_button.clicked.connect(self.copy)
        self.channel = QtWidgets.QComboBox()
        fill_enum_combo(self.channel, ContactChannel)
        select_data(self.channel, str(ContactChannel.SMS))
        self.send_button = QtWidgets.QPushButton(self.tr("标记已发送"))
        self.send_button.setObjectName("greeting_mark_sent")
        self.send_button.setToolTip(self.tr("把这条祝福记为一次联系"))
        self.send_button.clicked.connect(self.mark_sent)
        self.send_button.setEnabled(ctx.branch.actor.can(Perm.CONTACT_EDIT))
        send_row.addWidget(self.copy_button)
        send_row.addStretch(1)
        send_row.addWidget(QtWidgets.QLabel(self.tr("发送方式：")))
        send_row.addWidget(self.channel)
        send_row.addWidget(self.send_button)
        layout.addLayout(send_row)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("greeting_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.button(QtWidgets.QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._fill_templates()
        self.template.currentIndexChanged.connect(lambda _i: self.render())
        self.render()

    def _fill_templates(self) -> None:
        from postcrm_desktop.services.contacts import greetings

        self.template.addItem(self.tr("自动选择（按关怀类型）"), None)
        try:
            for t in greetings.list_templates(self.ctx.branch, self.item.kind):
                self.template.addItem(t.name, t.id)
        except PostCrmError:
            pass

    def show_message(self, text: str, style: str = MUTED_STYLE) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    def render(self) -> str:
        try:
            text = greeting_for(self.ctx, self.item, self.template.currentData())
        except PostCrmError as exc:
            self.show_message(error_message(exc), ERROR_STYLE)
            return ""
        self.text.setPlainText(text)
        if not text:
            self.show_message(self.tr("没有适用的祝福模板，请在“祝福模板”中添加"), ERROR_STYLE)
        else:
            self.show_message("")
        return text

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text.toPlainText())
        self.show_message(self.tr("已复制到剪贴板"), OK_STYLE)

    def mark_sent(self) -> ContactResult | None:
        from postcrm_desktop.services.contacts import greetings

        try:
            result = greetings.record_greeting_sent(
                self.ctx.branch, self.item.customer_id, self.text.toPlainText(),
                care_date_id=self.item.care_date_id, channel=self.channel.currentData())
        except PostCrmError as exc:
            self.show_message(error_message(exc), ERROR_STYLE)
            return None
        self.sent = result
        self.send_button.setEnabled(False)
        self.show_message(self.tr("已记录为一次联系（{0}）").format(self.channel.currentText()),
                          OK_STYLE)
        self.sig_sent.emit(self.item.customer_id, result)
        return result


__all__ = ["GreetingDialog", "greeting_for"]
