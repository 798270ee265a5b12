"""The case form of the case library: read a case, write a new one, edit, retire, restore.

Title, category, tags, problem, cause and solution; the service checks every field
(required texts, lengths, the category, no customer data) and each message appears under
its field, so nothing typed is lost. Cases HQ published, and every case for a role
without `cases.edit`, are shown read-only with the reason. A draft from a complaint says
how many pieces of customer data were taken out and which complaint it comes from.
"""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services.cases.types import CaseDetail, CaseDraft, CaseInput
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.pages.complaint_forms import MUTED_STYLE, FieldErrors
from postcrm_desktop.ui.qt import QKeySequence, QMessageBox, Qt, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.form_errors import error_label
from postcrm_desktop.ui.worker import error_message

TEXT_FIELDS = ("problem", "cause", "solution")


class CaseEditor(QtWidgets.QWidget):
    sig_saved = Signal(str)  # the case id, after a save, retire or restore
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_editor")
        self.ctx = ctx
        self.can_edit = ctx.branch.actor.can(Perm.CASES_EDIT)
        self.detail: CaseDetail | None = None
        self.source_complaint_id: str | None = None
        self._loaded: CaseInput | None = None  # what the form held when filled

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QtWidgets.QLabel()
        self.heading.setObjectName("case_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("case_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.notice)

        self.form = QtWidgets.QFormLayout()
        self.general = error_label("case_error_general")
        self.errors = FieldErrors(self.general)
        self.title = QtWidgets.QLineEdit()
        self.title.setObjectName("case_field_title")
        self.title.setMaxLength(80)
        self.title.setPlaceholderText(self.tr("一句话说明问题，如：包裹延误，物流信息不更新"))
        self.errors.add_row(self.form, "title", self.tr("标题："), self.title)
        self.category = QtWidgets.QComboBox()
        self.category.setObjectName("case_field_category")
        self.errors.add_row(self.form, "category", self.tr("问题分类："), self.category)
        self.tags = QtWidgets.QLineEdit()
        self.tags.setObjectName("case_field_tags")
        self.tags.setPlaceholderText(self.tr("关键词，用逗号或空格分隔"))
        self.errors.add_row(self.form, "tags", self.tr("标签："), self.tags)
        self.texts: dict[str, QtWidgets.QPlainTextEdit] = {}
        for key, label, hint in (
                ("problem", self.tr("问题描述："),
                 self.tr("客户问的是什么（不写客户姓名、电话等）")),
                ("cause", self.tr("原因："), self.tr("为什么会这样（可不填）")),
                ("solution", self.tr("解决方案："), self.tr("柜台怎么答复、怎么处理"))):
            edit = QtWidgets.QPlainTextEdit()
            edit.setObjectName(f"case_field_{key}")
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(hint)
            edit.setMinimumHeight(60)
            self.texts[key] = edit
            self.errors.add_row(self.form, key, label, edit)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.general)

        bar = QtWidgets.QHBoxLayout()
        self.save_button = QtWidgets.QPushButton(self.tr("保存(&S)"))
        self.save_button.setObjectName("case_save")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.retire_button = QtWidgets.QPushButton(self.tr("停用"))
        self.retire_button.setObjectName("case_retire")
        self.retire_button.clicked.connect(self.toggle_active)
        self.revert_button = QtWidgets.QPushButton(self.tr("撤销修改"))
        self.revert_button.setObjectName("case_revert")
        self.revert_button.clicked.connect(self.revert)
        bar.addWidget(self.save_button)
        bar.addWidget(self.revert_button)
        bar.addStretch(1)
        bar.addWidget(self.retire_button)
        layout.addLayout(bar)
        self.fill_categories()
        self.start_new()

    # -- filling --------------------------------------------------------------------------

    def fill_categories(self) -> None:
        from postcrm_desktop.services.complaints import categories

        current = self.category.currentData()
        self.category.clear()
        self.category.addItem(self.tr("（请选择）"), None)
        try:
            for c in categories.list_categories(self.ctx.branch, include_retired=True):
                name = c.name_en if language().startswith("en") and c.name_en else c.name
                if not c.active:
                    name = self.tr("{0}（已停用）").format(name)
                self.category.addItem(name, c.code)
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
        self._select_category(current)

    def _select_category(self, code: str | None) -> None:
        index = self.category.findData(code) if code else 0
        self.category.setCurrentIndex(max(index, 0))

    def _fill(self, data: CaseInput) -> None:
        self.errors.clear()
        self.title.setText(data.title)
        self._select_category(data.category)
        tags = data.tags if isinstance(data.tags, str) else "，".join(data.tags)
        self.tags.setText(tags)
        for key in TEXT_FIELDS:
            self.texts[key].setPlainText(getattr(data, key))
        self._loaded = self.to_input()

    def _set_editable(self, editable: bool) -> None:
        self.title.setReadOnly(not editable)
        self.tags.setReadOnly(not editable)
        self.category.setEnabled(editable)
        for edit in self.texts.values():
            edit.setReadOnly(not editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)

    def start_new(self, draft: CaseDraft | None = None) -> None:
        """An empty form for a case written by hand, or a draft from a complaint."""
        self.detail = None
        self.source_complaint_id = draft.input.source_complaint_id if draft else None
        self._fill(draft.input if draft else CaseInput("", "", "", ""))
        self._set_editable(self.can_edit)
        self.retire_button.setVisible(False)
        if draft is not None:
            self.heading.setText(self.tr("新案例（来自投诉 {0}）").format(draft.complaint_number))
            self.notice.setText(self.tr(
                "已隐去 {0} 处客户信息（姓名、电话、证件号、地址、邮件号）。保存前请通读一遍，"
                "案例会在各网点共享。").format(draft.removed))
        else:
            self.heading.setText(self.tr("新案例") if self.can_edit else self.tr("案例"))
            self.notice.setText("" if self.can_edit else self.tr(
                "当前角色只能查阅案例，不能编写"))

    def show_case(self, d: CaseDetail) -> None:
        self.detail = d
        self.source_complaint_id = None
        r = d.row
        self._fill(CaseInput(r.title, r.category, d.problem, d.solution, d.cause, r.tags))
        self._set_editable(r.editable)
        self.heading.setText(r.title if r.active else self.tr("{0}（已停用）").format(r.title))
        notes = [self.tr("更新：{0} {1}").format(
            format_local(r.updated_at, self.ctx.clock.zone), d.updated_by_name)]
        if d.source_complaint_number:
            notes.append(self.tr("来自投诉 {0}").format(d.source_complaint_number))
        if r.origin == "hq":
            notes.append(self.tr("总部发布（{0}），网点只读").format(r.published_by or "—"))
        elif not self.can_edit:
            notes.append(self.tr("当前角色只能查阅案例，不能修改"))
        self.notice.setText("　".join(notes))
        self.retire_button.setVisible(r.editable)
        self.retire_button.setText(self.tr("恢复使用") if not r.active else self.tr("停用"))

    def load(self, case_id: str) -> bool:
        from postcrm_desktop.services import cases

        try:
            detail = cases.get_case(self.ctx.branch, case_id)
        except PostCrmError as exc:
            self.start_new()
            self.errors.show_general(error_message(exc))
            return False
        self.show_case(detail)
        return True

    def case_id(self) -> str | None:
        return self.detail.row.id if self.detail is not None else None

    # -- saving ---------------------------------------------------------------------------

    def to_input(self) -> CaseInput:
        return CaseInput(
            title=self.title.text(), category=self.category.currentData() or "",
            problem=self.texts["problem"].toPlainText(),
            solution=self.texts["solution"].toPlainText(),
            cause=self.texts["cause"].toPlainText(), tags=self.tags.text(),
            source_complaint_id=self.source_complaint_id)

    def has_changes(self) -> bool:
        return not self.title.isReadOnly() and self._loaded is not None \
            and self.to_input() != self._loaded

    def save(self) -> str | None:
        """Save the form (a new case or the one shown); the case id, or None when refused
        (the messages are under their fields)."""
        from postcrm_desktop.services import cases

        self.errors.clear()
        data = self.to_input()
        try:
            if self.detail is None:
                case_id = cases.create_case(self.ctx.branch, data)
            else:
                case_id = self.detail.row.id
                cases.update_case(self.ctx.branch, case_id, data)
        except (ValidationError, ValidationErrors) as exc:
            self.errors.show(exc)
            return None
        except PostCrmError as exc:
            self.errors.show_general(error_message(exc))
            return None
        self.load(case_id)
        self.sig_status.emit(self.tr("案例“{0}”已保存").format(self.title.text()))
        self.sig_saved.emit(case_id)
        return case_id

    def toggle_active(self) -> None:
        from postcrm_desktop.services import cases

        d = self.detail
        if d is None:
            return
        retire = d.row.active
        if retire and QMessageBox.question(
                self, self.tr("停用案例"),
                self.tr("停用案例“{0}”？停用后不再推荐，也不在默认列表中显示，可随时恢复。")
                .format(d.row.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        try:
            cases.set_case_active(self.ctx.branch, d.row.id, not retire,
                                  now=self.ctx.clock.now())
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("案例"), error_message(exc))
            return
        self.load(d.row.id)
        self.sig_status.emit(self.tr("案例已停用") if retire else self.tr("案例已恢复使用"))
        self.sig_saved.emit(d.row.id)

    def revert(self) -> None:
        if self.detail is not None:
            self.show_case(self.detail)
        elif self._loaded is not None:
            self._fill(self._loaded)

    def maybe_discard(self) -> bool:
        """True when the form may be replaced: no unsaved edits, or the user agrees."""
        if not self.has_changes():
            return True
        answer = QMessageBox.question(
            self, self.tr("案例"), self.tr("放弃对案例的修改？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


class CaseViewDialog(QtWidgets.QDialog):
    """One case to read, opened from the suggestions of a complaint."""

    def __init__(self, ctx: PageContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_view")
        self.setWindowTitle(self.tr("案例"))
        self.setMinimumWidth(520)
        layout = QtWidgets.QVBoxLayout(self)
        self.editor = CaseEditor(ctx)
        self.editor.can_edit = False
        self.editor.load(case_id)
        self.editor._set_editable(False)
        self.editor.retire_button.setVisible(False)
        layout.addWidget(self.editor, 1)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.setWindowModality(Qt.WindowModality.WindowModal)


__all__ = ["CaseEditor", "CaseViewDialog"]
