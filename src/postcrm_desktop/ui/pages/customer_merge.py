"""合并客户: pick the customer that stays, then, for each field where the two differ, whose
value the kept customer should have. Everything else (contacts, complaints, tags,
attachments) moves to the kept customer; the other goes to the recycle bin, merged."""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError, ValidationError, ValidationErrors
from postcrm_desktop.services.customers.types import MergeResult
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import (
    channel_label,
    gender_label,
    stage_label,
    tier_label,
    type_label,
)
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.worker import error_message, log_error

# How a merge field's shown value (`MergeField.kept` / `.merged`) reads on screen.
_LABELLED = {"customer_type": type_label, "gender": gender_label, "tier": tier_label,
             "stage": stage_label, "source_channel": channel_label}
# Field labels as the service names them (core.validators.FIELD_LABELS and
# services.customers.duplicates.MERGE_LABELS), translated here in the dialog.
_FIELD_TEXTS = (
    QT_TRANSLATE_NOOP("MergeDialog", "客户类型"),
    QT_TRANSLATE_NOOP("MergeDialog", "姓名"),
    QT_TRANSLATE_NOOP("MergeDialog", "性别"),
    QT_TRANSLATE_NOOP("MergeDialog", "生日"),
    QT_TRANSLATE_NOOP("MergeDialog", "身份证号码"),
    QT_TRANSLATE_NOOP("MergeDialog", "手机号码"),
    QT_TRANSLATE_NOOP("MergeDialog", "固定电话"),
    QT_TRANSLATE_NOOP("MergeDialog", "电子邮箱"),
    QT_TRANSLATE_NOOP("MergeDialog", "省份"),
    QT_TRANSLATE_NOOP("MergeDialog", "城市"),
    QT_TRANSLATE_NOOP("MergeDialog", "区县"),
    QT_TRANSLATE_NOOP("MergeDialog", "地址"),
    QT_TRANSLATE_NOOP("MergeDialog", "邮政编码"),
    QT_TRANSLATE_NOOP("MergeDialog", "行业"),
    QT_TRANSLATE_NOOP("MergeDialog", "单位"),
    QT_TRANSLATE_NOOP("MergeDialog", "来源渠道"),
    QT_TRANSLATE_NOOP("MergeDialog", "负责人"),
    QT_TRANSLATE_NOOP("MergeDialog", "部门"),
    QT_TRANSLATE_NOOP("MergeDialog", "客户等级"),
    QT_TRANSLATE_NOOP("MergeDialog", "发展阶段"),
    QT_TRANSLATE_NOOP("MergeDialog", "需求描述"),
    QT_TRANSLATE_NOOP("MergeDialog", "备注"),
)


def shown_text(field: str, value: str) -> str:
    """One side of a merge field as the dialog shows it (numbers stay masked)."""
    if field in _LABELLED:
        return _LABELLED[field](value or None)
    return value if len(value) <= 60 else value[:57] + "…"


class MergeDialog(QtWidgets.QDialog):
    sig_merged = Signal(object)  # MergeResult

    def __init__(self, ctx: PageContext, a_id: str, b_id: str,
                 parent: QWidget | None = None) -> None:
        from postcrm_desktop.services.customers import duplicates, records

        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.setWindowTitle(self.tr("合并客户"))
        self.setMinimumWidth(680)
        self.ctx = ctx
        self.a = records.get_customer(ctx.branch, a_id)
        self.b = records.get_customer(ctx.branch, b_id)
        self.result_: MergeResult | None = None
        layout = QtWidgets.QVBoxLayout(self)
        keep_box = QtWidgets.QGroupBox(self.tr("保留哪一位客户（编号和全部记录归入这一位）"))
        keep_row = QtWidgets.QHBoxLayout(keep_box)
        self.keep_a = QtWidgets.QRadioButton(f"{self.a.number}  {self.a.name}")
        self.keep_b = QtWidgets.QRadioButton(f"{self.b.number}  {self.b.name}")
        self.keep_a.setChecked(True)
        keep_row.addWidget(self.keep_a)
        keep_row.addWidget(self.keep_b)
        layout.addWidget(keep_box)

        # Compared on the stored values: two numbers with the same mask still differ.
        preview = duplicates.merge_preview(ctx.branch, a_id, b_id)
        self.preview = {f.field: f for f in preview}
        self.fields = [f.field for f in preview if f.differs]
        self.picks: dict[str, tuple[QtWidgets.QRadioButton, QtWidgets.QRadioButton]] = {}
        self.errors: dict[str, QtWidgets.QLabel] = {}
        grid_box = QtWidgets.QGroupBox(self.tr("两位客户不同的资料：选择保留的值"))
        grid = QtWidgets.QGridLayout(grid_box)
        grid.addWidget(QtWidgets.QLabel(self.tr("字段")), 0, 0)
        grid.addWidget(QtWidgets.QLabel(self.a.number), 0, 1)
        grid.addWidget(QtWidgets.QLabel(self.b.number), 0, 2)
        row = 1
        for field in self.fields:
            item = self.preview[field]
            group = QtWidgets.QButtonGroup(self)
            pick_a = QtWidgets.QRadioButton(shown_text(field, item.kept) or self.tr("（空）"))
            pick_b = QtWidgets.QRadioButton(shown_text(field, item.merged) or self.tr("（空）"))
            pick_a.setObjectName(f"pick_a_{field}")
            pick_b.setObjectName(f"pick_b_{field}")
            group.addButton(pick_a)
            group.addButton(pick_b)
            # An empty value never wins by default over a filled one.
            (pick_b if not item.kept and item.merged else pick_a).setChecked(True)
            self.picks[field] = (pick_a, pick_b)
            grid.addWidget(QtWidgets.QLabel(self.tr(item.label)), row, 0)
            grid.addWidget(pick_a, row, 1)
            grid.addWidget(pick_b, row, 2)
            err = QtWidgets.QLabel()
            err.setStyleSheet(ERROR_STYLE)
            err.setVisible(False)
            self.errors[field] = err
            grid.addWidget(err, row + 1, 1, 1, 2)
            row += 2
        if not self.fields:
            grid.addWidget(QtWidgets.QLabel(self.tr("两位客户的资料相同。")), row, 0, 1, 3)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_box)
        layout.addWidget(scroll, 1)
        note = QtWidgets.QLabel(self.tr(
            "另一位客户的联系记录、投诉、标签和附件都将归入保留的客户；"
            "另一位客户移入回收站并标记为已合并。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.general_error = QtWidgets.QLabel()
        self.general_error.setObjectName("merge_error")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setVisible(False)
        layout.addWidget(self.general_error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("合并"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def keep_first(self) -> bool:
        return self.keep_a.isChecked()

    def pick(self, field: str, side: str) -> None:
        """Choose `side` ("a" or "b") for `field` (for tests and keyboard users)."""
        pick_a, pick_b = self.picks[field]
        (pick_a if side == "a" else pick_b).setChecked(True)

    def choices(self) -> dict[str, str]:
        keep_a = self.keep_first()
        out = {}
        for field, (pick_a, _pick_b) in self.picks.items():
            from_a = pick_a.isChecked()
            out[field] = "keep" if from_a == keep_a else "merge"
        return out

    def accept(self) -> None:
        from postcrm_desktop.services.customers import duplicates

        for label in [*self.errors.values(), self.general_error]:
            label.setVisible(False)
        keep, merge = (self.a, self.b) if self.keep_first() else (self.b, self.a)
        choices = self.choices()
        branch = self.ctx.branch
        self.buttons.setEnabled(False)
        self.ctx.tasks.run(
            lambda _c: duplicates.merge_customers(branch, keep.id, merge.id, choices),
            self._on_merged, title=self.tr("正在合并客户…"), on_error=self._on_failed)

    def _on_merged(self, result: MergeResult) -> None:
        self.buttons.setEnabled(True)
        self.result_ = result
        super().accept()
        self.sig_merged.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = exc.errors if isinstance(exc, ValidationErrors) else \
            [exc] if isinstance(exc, ValidationError) else []
        for e in errors:
            label = self.errors.get(e.field)
            if label is not None:
                label.setText(e.message)
                label.setVisible(True)
            else:
                self._general(e.message)
        if not errors:
            if not isinstance(exc, PostCrmError):
                log_error("customer merge failed", exc)
            self._general(error_message(exc))

    def _general(self, message: str) -> None:
        text = self.general_error.text() if self.general_error.isVisible() else ""
        self.general_error.setText("\n".join(x for x in (text, message) if x))
        self.general_error.setVisible(True)
