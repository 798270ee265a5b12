"""系统管理 › 标签: the branch's tag catalogue in its five groups (属性, 需求, 行为, 价值,
情感) — create, rename, merge, retire (and bring back) and delete tags, each with how many
customers carry it. Only the branch admin changes the catalogue; others see it.
"""

from __future__ import annotations

from postcrm_desktop.core.customer_enums import TagGroup
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.customers import tags
from postcrm_desktop.services.customers.types import TagRef
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.pages.admin_forms import ERROR_STYLE, OK_STYLE
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtWidgets, QWidget
from postcrm_desktop.ui.worker import error_message

TagRole = Qt.ItemDataRole.UserRole + 1


def group_label(group: str) -> str:
    member = TagGroup(group)
    return member.label_en if current_language().startswith("en") else member.label


class TagDialog(QtWidgets.QDialog):
    """A new tag: its group and name."""

    def __init__(self, group: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建标签"))
        form = QtWidgets.QFormLayout(self)
        self.group = QtWidgets.QComboBox()
        for g in TagGroup:
            self.group.addItem(group_label(str(g)), str(g))
        if group:
            self.group.setCurrentIndex(max(0, self.group.findData(group)))
        self.name = QtWidgets.QLineEdit()
        self.name.setMaxLength(tags.TAG_NAME_MAX)
        self.name.setPlaceholderText(self.tr("如：理财需求"))
        form.addRow(self.tr("分组："), self.group)
        form.addRow(self.tr("名称："), self.name)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TagsTab(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tags_tab")
        self.ctx = ctx
        self.allowed = ctx.branch.actor.can(Perm.SETTINGS_MANAGE)
        self.catalogue: list[TagRef] = []
        self.usage: dict[str, int] = {}
        self.dialog: TagDialog | None = None
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(self.tr(
            "标签分为属性、需求、行为、价值、情感五组。停用的标签仍保留在已有客户上，"
            "但不再供新客户选择；合并会把客户从一个标签移到另一个标签。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("tags_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        self.tree = QtWidgets.QTreeWidget()
        self.tree.setObjectName("tags_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("标签"), self.tr("客户数"), self.tr("状态")])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 90)
        self.tree.itemSelectionChanged.connect(self._update)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.ask_rename())
        layout.addWidget(self.tree, 1)

        row = QtWidgets.QHBoxLayout()
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for key, text, slot in (
                ("new", self.tr("新建标签…"), self.ask_create),
                ("rename", self.tr("改名…"), self.ask_rename),
                ("merge", self.tr("合并到…"), self.ask_merge),
                ("retire", self.tr("停用/启用"), self.toggle_selected),
                ("delete", self.tr("删除…"), self.ask_delete),
                ("defaults", self.tr("添加默认标签"), self.add_defaults)):
            button = QtWidgets.QPushButton(text)
            button.setObjectName(f"tags_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("tags_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        if not self.allowed:
            self.notice.setText(self.tr("只有网点管理员可以维护标签，这里只能查看。"))
            self.notice.setVisible(True)
        ctx.bus.changed.connect(self.on_changes)
        self.reload()

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.selected()
        try:
            self.catalogue = tags.list_tags(self.ctx.branch, include_retired=True)
            self.usage = tags.tag_usage(self.ctx.branch)
        except PostCrmError as exc:
            self.say(error_message(exc), problem=True)
            return
        self.tree.clear()
        for group in TagGroup:
            mine = [t for t in self.catalogue if t.tag_group == str(group)]
            top = QtWidgets.QTreeWidgetItem([f"{group_label(str(group))}（{len(mine)}）"])
            top.setData(0, TagRole, str(group))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for tag in mine:
                item = QtWidgets.QTreeWidgetItem([
                    tag.name, str(self.usage.get(tag.id, 0)),
                    self.tr("在用") if tag.active else self.tr("已停用")])
                item.setData(0, TagRole, tag)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                if not tag.active:
                    for col in range(3):
                        item.setForeground(col, self.palette().placeholderText())
                top.addChild(item)
                if keep is not None and keep.id == tag.id:
                    self.tree.setCurrentItem(item)
            top.setExpanded(True)
        self._update()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("tag") or changes.touches("customer"):
            self.reload()

    def selected(self) -> TagRef | None:
        item = self.tree.currentItem()
        value = item.data(0, TagRole) if item is not None else None
        return value if isinstance(value, TagRef) else None

    def selected_group(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, TagRole) if item is not None else None
        if isinstance(value, TagRef):
            return value.tag_group
        return value if isinstance(value, str) else None

    def select(self, tag_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                if item.data(0, TagRole).id == tag_id:
                    self.tree.setCurrentItem(item)
                    return

    def names(self, group: str) -> list[str]:
        return [t.name for t in self.catalogue if t.tag_group == group]

    def _update(self) -> None:
        tag = self.selected()
        for key, button in self.buttons.items():
            needs_tag = key in ("rename", "merge", "retire", "delete")
            button.setEnabled(self.allowed and (tag is not None or not needs_tag))
        if tag is not None:
            self.buttons["retire"].setText(self.tr("停用") if tag.active else self.tr("启用"))

    def say(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if problem else OK_STYLE)

    def _run(self, action: object, done: str) -> bool:
        try:
            action()  # type: ignore[operator]
        except PostCrmError as exc:
            self.say(error_message(exc), problem=True)
            return False
        self.say(done)
        self.reload()
        return True

    # -- actions (the ask_* ones ask first, the others do it) ---------------------------

    def create(self, group: str, name: str) -> bool:
        made: list[str] = []
        ok = self._run(lambda: made.append(tags.create_tag(self.ctx.branch, group, name)),
                       self.tr("已新建标签“{0}”").format(name.strip()))
        if ok and made:
            self.select(made[0])
        return ok

    def ask_create(self) -> TagDialog:
        dlg = TagDialog(self.selected_group(), self)
        dlg.accepted.connect(lambda: self.create(str(dlg.group.currentData()), dlg.name.text()))
        dlg.open()
        self.dialog = dlg
        return dlg

    def rename(self, tag_id: str, name: str) -> bool:
        return self._run(lambda: tags.rename_tag(self.ctx.branch, tag_id, name),
                         self.tr("标签已改名为“{0}”").format(name.strip()))

    def ask_rename(self) -> None:
        tag = self.selected()
        if tag is None or not self.allowed:
            return
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("标签改名"),
                                                  self.tr("新名称："), text=tag.name)
        if ok:
            self.rename(tag.id, name)

    def merge(self, source_id: str, into_id: str) -> bool:
        into = next((t for t in self.catalogue if t.id == into_id), None)
        moved: list[int] = []
        return self._run(lambda: moved.append(tags.merge_tags(self.ctx.branch, source_id,
                                                              into_id)),
                         self.tr("已合并到“{0}”").format(into.name if into else ""))

    def ask_merge(self) -> None:
        tag = self.selected()
        if tag is None or not self.allowed:
            return
        others = [t for t in self.catalogue if t.tag_group == tag.tag_group and t.id != tag.id]
        if not others:
            self.say(self.tr("同一分组中没有可以合并到的其他标签"), problem=True)
            return
        names = [t.name for t in others]
        name, ok = QtWidgets.QInputDialog.getItem(
            self, self.tr("合并标签"),
            self.tr("把“{0}”的 {1} 位客户移到：").format(tag.name, self.usage.get(tag.id, 0)),
            names, 0, False)
        if ok and name in names:
            self.merge(tag.id, others[names.index(name)].id)

    def set_active(self, tag_id: str, active: bool) -> bool:
        return self._run(lambda: tags.set_tag_active(self.ctx.branch, tag_id, active),
                         self.tr("标签已启用") if active else
                         self.tr("标签已停用：已有客户保留，新客户不再可选"))

    def toggle_selected(self) -> None:
        tag = self.selected()
        if tag is not None and self.allowed:
            self.set_active(tag.id, not tag.active)

    def delete(self, tag_id: str, confirmed: bool = False) -> bool:
        return self._run(lambda: tags.delete_tag(self.ctx.branch, tag_id,
                                                 remove_assignments=confirmed),
                         self.tr("标签已删除"))

    def ask_delete(self) -> None:
        tag = self.selected()
        if tag is None or not self.allowed:
            return
        used = self.usage.get(tag.id, 0)
        text = self.tr("删除标签“{0}”？").format(tag.name) if not used else self.tr(
            "标签“{0}”正被 {1} 位客户使用。删除后会从这些客户上移除，不能撤销。"
            "如只想不再使用，请改为停用。确定删除？").format(tag.name, used)
        answer = QMessageBox.question(self, self.tr("删除标签"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(tag.id, confirmed=True)

    def add_defaults(self) -> None:
        added: list[int] = []
        self._run(lambda: added.append(tags.add_default_tags(self.ctx.branch)),
                  self.tr("默认标签已添加"))
