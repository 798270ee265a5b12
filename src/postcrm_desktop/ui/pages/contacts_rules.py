"""跟进规则: the branch admin's stage-based follow-up rules (prospects: a call every 7 days;
new customers: a visit within 30 days; ...). Everyone sees them; only a user with the
settings permission (the branch admin) adds, edits, turns on/off, deletes or runs them.
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.core.contact_enums import ContactChannel, RuleMode
from postcrm_desktop.core.customer_enums import Stage
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import ApplyResult, RuleInput, RuleRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.contact_labels import contact_channel_label, rule_mode_label
from postcrm_desktop.ui.models.customer_labels import stage_label
from postcrm_desktop.ui.pages.contacts_forms import ServiceDialog
from postcrm_desktop.ui.pages.customer_common import (
    ERROR_STYLE,
    MUTED_STYLE,
    confirm,
    fill_enum_combo,
    select_data,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, Qt, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.dialogs import open_dialog, run_or_warn
from postcrm_desktop.ui.widgets.table_view import make_table
from postcrm_desktop.ui.worker import error_message

RuleRole = Qt.ItemDataRole.UserRole + 1
HEADERS = ("状态", "客户阶段", "规则类型", "天数", "等待天数", "联系方式", "规则名称", "规则说明")
# The texts above, marked for the translation scanner: they are translated
# through a variable, in the context "RulesTab".
_HEADERS_TEXTS = (
    QT_TRANSLATE_NOOP("RulesTab", "状态"),
    QT_TRANSLATE_NOOP("RulesTab", "客户阶段"),
    QT_TRANSLATE_NOOP("RulesTab", "规则类型"),
    QT_TRANSLATE_NOOP("RulesTab", "天数"),
    QT_TRANSLATE_NOOP("RulesTab", "等待天数"),
    QT_TRANSLATE_NOOP("RulesTab", "联系方式"),
    QT_TRANSLATE_NOOP("RulesTab", "规则名称"),
    QT_TRANSLATE_NOOP("RulesTab", "规则说明"),
)


class RuleForm(ServiceDialog):
    sig_saved = Signal(str)

    def __init__(self, ctx: PageContext, rule: RuleRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改跟进规则") if rule else self.tr("新建跟进规则"), parent)
        self.setObjectName("rule_form")
        self.setMinimumWidth(520)
        self.ctx = ctx
        self.rule = rule
        self.stage = QtWidgets.QComboBox()
        fill_enum_combo(self.stage, Stage)
        self.errors.add("stage", self.tr("客户阶段："), self.stage)
        self.mode = QtWidgets.QComboBox()
        fill_enum_combo(self.mode, RuleMode)
        self.mode.currentIndexChanged.connect(lambda _i: self._on_mode())
        self.errors.add("mode", self.tr("规则类型："), self.mode)
        self.days = QtWidgets.QSpinBox()
        self.days.setObjectName("field_days")
        self.days.setRange(0, 9999)
        self.days.setValue(7)
        self.days.setSuffix(self.tr(" 天"))
        self.errors.add("days", self.tr("天数 N："), self.days)
        self.start_after = QtWidgets.QSpinBox()
        self.start_after.setObjectName("field_start_after_days")
        self.start_after.setRange(0, 99999)
        self.start_after.setSuffix(self.tr(" 天"))
        self.start_after.setToolTip(self.tr("客户进入该阶段满多少天后才开始按此规则跟进"))
        self.errors.add("start_after_days", self.tr("开始前等待："), self.start_after)
        self.channel = QtWidgets.QComboBox()
        fill_enum_combo(self.channel, ContactChannel)
        self.errors.add("channel", self.tr("联系方式："), self.channel)
        self.title = QtWidgets.QLineEdit()
        self.title.setObjectName("field_title")
        self.title.setMaxLength(100)
        self.title.setPlaceholderText(self.tr("生成的任务以此为内容，如“潜在客户每周电话跟进”"))
        self.errors.add("title", self.tr("规则名称："), self.title)
        self.description = QtWidgets.QPlainTextEdit()
        self.description.setMaximumHeight(80)
        self.description.setTabChangesFocus(True)
        self.errors.add("description", self.tr("说明："), self.description)
        self.active = QtWidgets.QCheckBox(self.tr("启用"))
        self.active.setChecked(True)
        self.errors.add("active", "", self.active)
        self.preview = QtWidgets.QLabel()
        self.preview.setObjectName("rule_preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(MUTED_STYLE)
        self.layout_.addWidget(self.preview)
        for w in (self.stage, self.channel):
            w.currentIndexChanged.connect(lambda _i: self._update_preview())
        for s in (self.days, self.start_after):
            s.valueChanged.connect(lambda _v: self._update_preview())
        self.finish_layout()
        if rule is not None:
            select_data(self.stage, rule.stage)
            select_data(self.mode, rule.mode)
            self.days.setValue(rule.days)
            self.start_after.setValue(rule.start_after_days)
            select_data(self.channel, rule.channel)
            self.title.setText(rule.title)
            self.description.setPlainText(rule.description)
            self.active.setChecked(rule.active)
        self._on_mode()
        self.saved_snapshot = self.snapshot()

    def _on_mode(self) -> None:
        within = self.mode.currentData() == str(RuleMode.WITHIN)
        if within:
            self.start_after.setValue(0)
        self.start_after.setEnabled(not within)
        self._update_preview()

    def _update_preview(self) -> None:
        from postcrm_desktop.services.contacts.rules import summary

        try:
            text = summary(self.stage.currentData(), self.mode.currentData(),
                           self.days.value(), self.channel.currentData(),
                           self.start_after.value())
        except (ValueError, KeyError):
            text = ""
        self.preview.setText(self.tr("规则含义：{0}").format(text) if text else "")

    def to_input(self) -> RuleInput:
        return RuleInput(stage=self.stage.currentData(), mode=self.mode.currentData(),
                         days=self.days.value(), channel=self.channel.currentData(),
                         title=self.title.text(), description=self.description.toPlainText(),
                         start_after_days=self.start_after.value(),
                         active=self.active.isChecked())

    def snapshot(self) -> Any:
        return self.to_input() if hasattr(self, "active") else None

    def submit(self) -> str:
        from postcrm_desktop.services.contacts import rules

        if self.rule is None:
            return rules.create_rule(self.ctx.branch, self.to_input())
        rules.update_rule(self.ctx.branch, self.rule.id, self.to_input())
        return self.rule.id

    def saved(self, result: str) -> None:
        self.sig_saved.emit(result)


class RulesTab(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rules_tab")
        self.ctx = ctx
        self.can_manage = ctx.branch.actor.can(Perm.SETTINGS_MANAGE)
        self.dialog: RuleForm | None = None
        self.rules: list[RuleRow] = []
        layout = QtWidgets.QVBoxLayout(self)
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("rules_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(MUTED_STYLE)
        self.note.setText(self.tr(
            "规则每天自动为符合条件的客户生成跟进任务（打开工作台时执行），任务交给客户的负责人。")
            if self.can_manage else
            self.tr("跟进规则由网点管理员设置，这里只能查看。"))
        layout.addWidget(self.note)
        self.toolbar = QtWidgets.QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons: dict[str, QtGui.QAction] = {}
        for key, text, slot in (("new", self.tr("新建规则"), self.new_rule),
                                ("edit", self.tr("修改"), self.edit_selected),
                                ("toggle", self.tr("启用/停用"), self.toggle_selected),
                                ("delete", self.tr("删除"), self.delete_selected),
                                ("defaults", self.tr("添加默认规则"), self.add_defaults),
                                ("apply", self.tr("立即执行规则"), self.apply_now)):
            act = self.toolbar.addAction(text)
            act.setObjectName(f"action_{key}")
            act.triggered.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = act
        layout.addWidget(self.toolbar)  # parented first: a shown orphan is a window
        self.toolbar.setVisible(self.can_manage)
        self.model = QtGui.QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.view = make_table(self.model, "rules_table")
        for col, width in enumerate((50, 80, 120, 50, 70, 80, 200)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        layout.addWidget(self.view, 1)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("rules_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.reload()

    def reload(self) -> None:
        from postcrm_desktop.services.contacts import rules

        keep = self.selected()
        try:
            self.rules = rules.list_rules(self.ctx.branch)
        except PostCrmError as exc:
            self.rules = []
            self.show_status(error_message(exc), ERROR_STYLE)
        self.model.removeRows(0, self.model.rowCount())
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        for r in self.rules:
            cells = [self.tr("启用") if r.active else self.tr("停用"), stage_label(r.stage),
                     rule_mode_label(r.mode), str(r.days),
                     str(r.start_after_days) if r.start_after_days else "",
                     contact_channel_label(r.channel), r.title, r.summary]
            items = [QtGui.QStandardItem(c) for c in cells]
            items[0].setData(r, RuleRole)
            if not r.active:
                for item in items:
                    item.setForeground(QtGui.QBrush(QtGui.QColor("#888888")))
            self.model.appendRow(items)
        if keep is not None:
            self.select(keep.id)
        self._update()

    def _update(self) -> None:
        has = self.selected() is not None
        for key in ("edit", "toggle", "delete"):
            self.buttons[key].setEnabled(self.can_manage and has)

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def selected(self) -> RuleRow | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        rule: RuleRow | None = self.model.item(index.row(), 0).data(RuleRole)
        return rule

    def select(self, rule_id: str) -> bool:
        for row in range(self.model.rowCount()):
            rule = self.model.item(row, 0).data(RuleRole)
            if rule is not None and rule.id == rule_id:
                self.view.selectRow(row)
                return True
        return False

    def new_rule(self) -> RuleForm | None:
        return self._open(RuleForm(self.ctx, parent=self)) if self.can_manage else None

    def edit_selected(self) -> RuleForm | None:
        rule = self.selected()
        if rule is None or not self.can_manage:
            return None
        return self._open(RuleForm(self.ctx, rule, parent=self))

    def _open(self, dlg: RuleForm) -> RuleForm:
        self.dialog = dlg
        dlg.sig_saved.connect(lambda rid: (self.reload(), self.select(rid),
                                           self.show_status(self.tr("跟进规则已保存"))))
        return open_dialog(dlg)

    def _run(self, title: str, call: Any, done: str) -> bool:
        if not run_or_warn(self, title, call):
            return False
        self.reload()
        self.show_status(done)
        return True

    def toggle_selected(self) -> bool:
        from postcrm_desktop.services.contacts import rules

        rule = self.selected()
        if rule is None or not self.can_manage:
            return False
        on = not rule.active
        return self._run(self.tr("跟进规则"),
                         lambda: rules.set_rule_active(self.ctx.branch, rule.id, on),
                         self.tr("已启用：{0}").format(rule.title) if on
                         else self.tr("已停用：{0}").format(rule.title))

    def delete_selected(self) -> bool:
        from postcrm_desktop.services.contacts import rules

        rule = self.selected()
        if rule is None or not self.can_manage:
            return False
        if not confirm(self, self.tr("删除跟进规则"),
                       self.tr("删除规则“{0}”？\n已生成过任务的规则不能删除，只能停用。")
                       .format(rule.title)):
            return False
        return self._run(self.tr("删除跟进规则"),
                         lambda: rules.delete_rule(self.ctx.branch, rule.id),
                         self.tr("已删除：{0}").format(rule.title))

    def add_defaults(self) -> bool:
        from postcrm_desktop.services.contacts import rules

        if not self.can_manage:
            return False
        added: list[str] = []
        ok = self._run(self.tr("添加默认规则"),
                       lambda: added.extend(rules.add_default_rules(self.ctx.branch)), "")
        if ok:
            self.show_status(self.tr("已添加 {0} 条默认规则").format(len(added)) if added
                             else self.tr("默认规则都已存在"))
        return ok

    def apply_now(self) -> None:
        from postcrm_desktop.services.contacts import rules

        if not self.can_manage:
            return
        branch = self.ctx.branch
        now = self.ctx.clock.now()
        self.ctx.tasks.run(lambda _c: rules.apply_rules(branch, now), self._on_applied,
                           title=self.tr("正在按规则生成跟进任务…"))

    def _on_applied(self, result: ApplyResult) -> None:
        text = self.tr("按规则生成了 {0} 项跟进任务").format(result.created)
        self.show_status(text)
        self.sig_status.emit(text)


__all__ = ["RuleForm", "RulesTab"]
