"""祝福模板 and the greeting list: edit templates (placeholders such as {姓名} {等级}) with
a live preview; make the greetings for the care dates of a period, copy them, export
them as a list for an SMS platform (CSV or Excel, audited by the service), and mark the
ones sent (each becomes a contact).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from postcrm_desktop.core.contact_enums import CareKind
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import GreetingLine, TemplateInput, TemplateRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.contacts_forms import FieldErrors
from postcrm_desktop.ui.pages.customer_common import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    confirm,
    fill_enum_combo,
    heading,
    select_data,
)
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    Qt,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.widgets.clock_fields import qdate
from postcrm_desktop.ui.widgets.table_view import make_table
from postcrm_desktop.ui.worker import error_message

TemplateRole = Qt.ItemDataRole.UserRole + 1
LineRole = Qt.ItemDataRole.UserRole + 1
LINE_HEADERS = ("日期", "客户", "手机", "祝福内容", "状态")
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "GreetingList".
_LINE_HEADERS_TEXTS = (
    QT_TRANSLATE_NOOP("GreetingList", "日期"),
    QT_TRANSLATE_NOOP("GreetingList", "客户"),
    QT_TRANSLATE_NOOP("GreetingList", "手机"),
    QT_TRANSLATE_NOOP("GreetingList", "祝福内容"),
    QT_TRANSLATE_NOOP("GreetingList", "状态"),
)


def sample_values(ctx: PageContext) -> dict[str, str]:
    """Made-up values to preview a template with."""
    today = ctx.clock.today()
    return {"name": "王小明", "surname": "王", "salutation": "王先生", "tier": "金卡",
            "date": f"{today.month}月{today.day}日", "care_date": "农历八月十五",
            "kind": "生日", "years": "40", "owner": ctx.branch.actor.display_name,
            "branch": ctx.branch.db.info.branch_name}


def write_sms_list(lines: list[GreetingLine], path: Path) -> int:
    """Write the lines with a mobile number to `path` (.xlsx or CSV); returns how many."""
    from postcrm_desktop.services.contacts import greetings

    return greetings.write_sms_list(lines, path)


class TemplateEditor(QtWidgets.QWidget):
    """The list of templates and the form of the selected one."""

    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.branch.actor.can(Perm.CAMPAIGN_EDIT)
        self.current: TemplateRow | None = None
        layout = QtWidgets.QHBoxLayout(self)
        left = QtWidgets.QVBoxLayout()
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("template_list")
        self.list.currentItemChanged.connect(lambda cur, _prev: self._on_current(cur))
        left.addWidget(self.list, 1)
        row = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(self.tr("新建"))
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QtWidgets.QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self.delete_current)
        self.defaults_button = QtWidgets.QPushButton(self.tr("添加默认模板"))
        self.defaults_button.clicked.connect(self.add_defaults)
        for b in (self.new_button, self.delete_button, self.defaults_button):
            b.setEnabled(self.can_edit)
            row.addWidget(b)
        left.addLayout(row)
        layout.addLayout(left, 1)

        right = QtWidgets.QVBoxLayout()
        form = QtWidgets.QFormLayout()
        self.general = QtWidgets.QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.setVisible(False)
        self.errors = FieldErrors(form, self.general)
        self.name = QtWidgets.QLineEdit()
        self.name.setObjectName("template_name")
        self.name.setMaxLength(50)
        self.errors.add("name", self.tr("模板名称："), self.name)
        self.kind = QtWidgets.QComboBox()
        self.kind.setObjectName("template_kind")
        fill_enum_combo(self.kind, CareKind, blank=self.tr("通用（任何关怀日）"))
        self.errors.add("kind", self.tr("适用于："), self.kind)
        self.body = QtWidgets.QPlainTextEdit()
        self.body.setObjectName("template_body")
        self.body.setMinimumHeight(90)
        self.body.textChanged.connect(self.update_preview)
        self.errors.add("body", self.tr("模板内容："), self.body)
        self.placeholders = QtWidgets.QComboBox()
        self.placeholders.setObjectName("template_placeholders")
        self._fill_placeholders()
        self.placeholders.activated.connect(self._insert_placeholder)
        self.errors.add("placeholders", self.tr("插入占位符："), self.placeholders)
        self.active = QtWidgets.QCheckBox(self.tr("启用"))
        self.active.setChecked(True)
        self.errors.add("active", "", self.active)
        right.addLayout(form)
        right.addWidget(self.general)
        right.addWidget(QtWidgets.QLabel(self.tr("预览（示例客户）：")))
        self.preview = QtWidgets.QLabel()
        self.preview.setObjectName("template_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.preview.setMinimumHeight(48)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.preview)
        save_row = QtWidgets.QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QtWidgets.QPushButton(self.tr("保存模板"))
        self.save_button.setObjectName("template_save")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        if not self.can_edit:
            note = QtWidgets.QLabel(self.tr("只有客户经理和网点管理员可以修改祝福模板。"))
            note.setStyleSheet(MUTED_STYLE)
            right.addWidget(note)
            for w in (self.name, self.kind, self.body, self.placeholders, self.active,
                      self.save_button):
                w.setEnabled(False)
        right.addStretch(1)
        layout.addLayout(right, 2)
        self.reload()

    def _fill_placeholders(self) -> None:
        from postcrm_desktop.services.contacts.greetings import PLACEHOLDERS

        self.placeholders.addItem(self.tr("选择后插入到光标处…"), None)
        for _key, (zh, what) in PLACEHOLDERS.items():
            self.placeholders.addItem(f"{{{zh}}}　{what}", f"{{{zh}}}")

    def _insert_placeholder(self, index: int) -> None:
        text = self.placeholders.itemData(index)
        if text:
            self.body.insertPlainText(text)
            self.body.setFocus()
        self.placeholders.setCurrentIndex(0)

    def reload(self, select_id: str | None = None) -> None:
        from postcrm_desktop.services.contacts import greetings

        keep = select_id or (self.current.id if self.current else None)
        self.list.blockSignals(True)
        self.list.clear()
        try:
            rows = greetings.list_templates(self.ctx.branch)
        except PostCrmError as exc:
            rows = []
            self.errors.show_general(error_message(exc))
        for t in rows:
            kind = CareKind(t.kind).label if t.kind else self.tr("通用")
            text = f"{t.name}（{kind}）" + ("" if t.active else self.tr("［停用］"))
            item = QtWidgets.QListWidgetItem(text)
            item.setData(TemplateRole, t)
            self.list.addItem(item)
        self.list.blockSignals(False)
        target = 0
        for i in range(self.list.count()):
            if self.list.item(i).data(TemplateRole).id == keep:
                target = i
        if self.list.count():
            self.list.setCurrentRow(target)
            self._on_current(self.list.currentItem())
        else:
            self.new_template()

    def _on_current(self, item: QtWidgets.QListWidgetItem | None) -> None:
        t: TemplateRow | None = item.data(TemplateRole) if item is not None else None
        self.show_template(t)

    def show_template(self, t: TemplateRow | None) -> None:
        self.current = t
        self.errors.clear()
        self.name.setText(t.name if t else "")
        select_data(self.kind, t.kind if t else None)
        self.body.setPlainText(t.body if t else "")
        self.active.setChecked(t.active if t else True)
        self.delete_button.setEnabled(self.can_edit and t is not None)
        self.update_preview()

    def new_template(self) -> None:
        self.list.clearSelection()
        self.show_template(None)
        self.name.setFocus()

    def update_preview(self) -> str:
        from postcrm_desktop.services.contacts import greetings

        body = self.body.toPlainText()
        try:
            text = greetings.render(body, sample_values(self.ctx)) if body.strip() else ""
        except PostCrmError as exc:
            self.preview.setText(error_message(exc))
            self.preview.setStyleSheet(ERROR_STYLE)
            return ""
        self.preview.setText(text)
        self.preview.setStyleSheet("")
        return text

    def to_input(self) -> TemplateInput:
        return TemplateInput(name=self.name.text(), body=self.body.toPlainText(),
                             kind=self.kind.currentData(), active=self.active.isChecked())

    def save(self) -> str | None:
        from postcrm_desktop.services.contacts import greetings

        if not self.can_edit:
            return None
        current = self.current

        def call() -> str:
            if current is None:
                return greetings.create_template(self.ctx.branch, self.to_input())
            greetings.update_template(self.ctx.branch, current.id, self.to_input())
            return current.id

        ok, template_id = self.errors.run(call)
        if not ok:
            return None
        self.reload(template_id)
        self.sig_status.emit(self.tr("模板已保存"))
        return template_id

    def delete_current(self) -> bool:
        from postcrm_desktop.services.contacts import greetings

        t = self.current
        if t is None or not self.can_edit:
            return False
        if not confirm(self, self.tr("删除模板"), self.tr("删除祝福模板“{0}”？").format(t.name)):
            return False
        ok, _ = self.errors.run(lambda: greetings.delete_template(self.ctx.branch, t.id))
        if ok:
            self.current = None
            self.reload()
            self.sig_status.emit(self.tr("模板已删除"))
        return ok

    def add_defaults(self) -> None:
        from postcrm_desktop.services.contacts import greetings

        ok, added = self.errors.run(lambda: greetings.add_default_templates(self.ctx.branch))
        if ok:
            self.reload()
            self.sig_status.emit(self.tr("已添加 {0} 个默认模板").format(len(added)))


class GreetingList(QtWidgets.QWidget):
    """The greetings for a period's care dates: make, copy, export, mark sent."""

    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        actor = ctx.branch.actor
        self.can_export = actor.can(Perm.CUSTOMER_REVEAL) and actor.can(Perm.CUSTOMER_EXPORT)
        self.can_send = actor.can(Perm.CONTACT_EDIT)
        self.lines: list[GreetingLine] = []
        self.sent: set[int] = set()
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.start = QtWidgets.QDateEdit(qdate(ctx.clock.today()))
        self.start.setObjectName("greeting_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.days = QtWidgets.QSpinBox()
        self.days.setObjectName("greeting_days")
        self.days.setRange(1, 31)
        self.days.setValue(1)
        self.days.setSuffix(self.tr(" 天"))
        self.template = QtWidgets.QComboBox()
        self.template.setObjectName("greeting_list_template")
        self.template.setMinimumContentsLength(10)
        self.mine = QtWidgets.QCheckBox(self.tr("只含我负责的客户"))
        self.make_button = QtWidgets.QPushButton(self.tr("生成名单"))
        self.make_button.setObjectName("greeting_make")
        self.make_button.clicked.connect(self.make)
        for w in (QtWidgets.QLabel(self.tr("从")), self.start, QtWidgets.QLabel(self.tr("起")),
                  self.days, QtWidgets.QLabel(self.tr("模板：")), self.template, self.mine,
                  self.make_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = QtGui.QStandardItemModel(0, len(LINE_HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in LINE_HEADERS])
        self.view = make_table(self.model, "greeting_lines")
        self.view.setSelectionMode(
            QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(
            3, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open_customer())
        layout.addWidget(self.view, 1)
        buttons = QtWidgets.QHBoxLayout()
        self.copy_button = QtWidgets.QPushButton(self.tr("复制所选"))
        self.copy_button.clicked.connect(lambda: self.copy(selected_only=True))
        self.copy_all_button = QtWidgets.QPushButton(self.tr("复制全部"))
        self.copy_all_button.clicked.connect(lambda: self.copy(selected_only=False))
        self.export_button = QtWidgets.QPushButton(self.tr("导出短信名单…"))
        self.export_button.setObjectName("greeting_export")
        self.export_button.setEnabled(self.can_export)
        if not self.can_export:
            self.export_button.setToolTip(self.tr("导出完整手机号码需要查看号码和导出权限"))
        self.export_button.clicked.connect(self.ask_export)
        self.sent_button = QtWidgets.QPushButton(self.tr("标记所选已发送"))
        self.sent_button.setObjectName("greeting_mark_sent")
        self.sent_button.setEnabled(self.can_send)
        self.sent_button.clicked.connect(self.mark_selected_sent)
        for b in (self.copy_button, self.copy_all_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.sent_button)
        layout.addLayout(buttons)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("greeting_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.reload_templates()

    def reload_templates(self) -> None:
        from postcrm_desktop.services.contacts import greetings

        current = self.template.currentData()
        self.template.clear()
        self.template.addItem(self.tr("按关怀类型自动选择"), None)
        try:
            for t in greetings.list_templates(self.ctx.branch):
                if t.active:
                    self.template.addItem(t.name, t.id)
        except PostCrmError:
            pass
        select_data(self.template, current)

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _window(self) -> tuple[date, int]:
        start: date = self.start.date().toPython()  # type: ignore[assignment]
        return start, self.days.value()

    def make(self) -> None:
        from postcrm_desktop.services.contacts import greetings

        branch = self.ctx.branch
        start, days = self._window()
        template_id, mine = self.template.currentData(), self.mine.isChecked()
        self.ctx.tasks.run(
            lambda _c: greetings.greeting_list(branch, start, days, template_id=template_id,
                                               mine=mine),
            self.show_lines, title=self.tr("正在生成祝福名单…"),
            on_error=lambda exc: self.show_status(error_message(exc), ERROR_STYLE))

    def show_lines(self, lines: list[GreetingLine]) -> None:
        self.lines = list(lines)
        self.sent = set()
        self.model.removeRows(0, self.model.rowCount())
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in LINE_HEADERS])
        for i, line in enumerate(self.lines):
            cells = [line.on.isoformat(), line.customer_name, line.mobile, line.text, ""]
            items = [QtGui.QStandardItem(c) for c in cells]
            items[0].setData(i, LineRole)
            items[3].setToolTip(line.text)
            self.model.appendRow(items)
        self.view.setColumnWidth(0, 90)
        self.view.setColumnWidth(1, 90)
        self.view.setColumnWidth(2, 110)
        self.view.setColumnWidth(4, 60)
        self.show_status(self.tr("共 {0} 条祝福").format(len(self.lines)) if self.lines else
                         self.tr("这段时间没有需要祝福的关怀日（或没有适用的模板）"))

    def selected_indexes(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.item(r, 0).data(LineRole) for r in rows]

    def select_line(self, index: int) -> None:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(LineRole) == index:
                self.view.selectRow(r)

    def copy(self, selected_only: bool) -> str:
        picked = self.selected_indexes() if selected_only else list(range(len(self.lines)))
        text = "\n".join(self.lines[i].text for i in picked)
        if text:
            QApplication.clipboard().setText(text)
            self.show_status(self.tr("已复制 {0} 条到剪贴板").format(len(picked)), OK_STYLE)
        return text

    def open_customer(self) -> None:
        picked = self.selected_indexes()
        if picked:
            self.ctx.open_customer(self.lines[picked[0]].customer_id)

    def mark_selected_sent(self) -> int:
        from postcrm_desktop.services.contacts import greetings

        if not self.can_send:
            return 0
        done = 0
        for i in self.selected_indexes():
            if i in self.sent:
                continue
            line = self.lines[i]
            try:
                greetings.record_greeting_sent(self.ctx.branch, line.customer_id, line.text,
                                               care_date_id=line.care_date_id)
            except PostCrmError as exc:
                self.show_status(error_message(exc), ERROR_STYLE)
                break
            self.sent.add(i)
            done += 1
            for r in range(self.model.rowCount()):
                if self.model.item(r, 0).data(LineRole) == i:
                    self.model.item(r, 4).setText(self.tr("已发送"))
        if done:
            text = self.tr("已将 {0} 条祝福记录为联系").format(done)
            self.show_status(text, OK_STYLE)
            self.sig_status.emit(text)
        return done

    def ask_export(self) -> None:
        if not self.can_export:
            return
        start = self._window()[0]
        suggested = f"祝福短信名单-{start.isoformat()}.xlsx"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("导出短信名单"), suggested,
            self.tr("Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        """Export the period's greetings with full mobile numbers (audited by the service)."""
        from postcrm_desktop.services.contacts import greetings

        branch = self.ctx.branch
        start, days = self._window()
        template_id, mine = self.template.currentData(), self.mine.isChecked()

        def work(_control: Any) -> int:
            lines = greetings.greeting_list(branch, start, days, template_id=template_id,
                                            mine=mine, for_export=True)
            return write_sms_list(lines, path)

        self.ctx.tasks.run(work, lambda n: self.show_status(
            self.tr("已导出 {0} 条短信到 {1}").format(n, str(path)), OK_STYLE),
            title=self.tr("正在导出短信名单…"),
            on_error=lambda exc: self.show_status(error_message(exc), ERROR_STYLE))


class GreetingsTab(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greetings_tab")
        layout = QtWidgets.QVBoxLayout(self)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        top = QtWidgets.QWidget()
        top_layout = QtWidgets.QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading(self.tr("祝福模板"), 1.1))
        self.editor = TemplateEditor(ctx)
        top_layout.addWidget(self.editor, 1)
        bottom = QtWidgets.QWidget()
        bottom_layout = QtWidgets.QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading(self.tr("祝福名单"), 1.1))
        self.lines = GreetingList(ctx)
        bottom_layout.addWidget(self.lines, 1)
        split.addWidget(top)
        split.addWidget(bottom)
        layout.addWidget(split)
        self.editor.sig_status.connect(self.sig_status.emit)
        self.editor.sig_status.connect(lambda _t: self.lines.reload_templates())
        self.lines.sig_status.connect(self.sig_status.emit)


__all__ = ["GreetingList", "GreetingsTab", "TemplateEditor", "sample_values",
           "write_sms_list"]
