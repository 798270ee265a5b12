"""案例库 tab of the complaint desk: the case library's list with its search box, and the
selected case's form beside it (read, write, edit, retire).

The search answers as the user types (Chinese words, pinyin full or initials, like the
customer search); a category filter and "show retired" narrow the list. A complaint's
"转为案例" opens a draft here (`new_from_complaint`). Other windows' changes to cases
(entity `case`) reload the list.
"""

from __future__ import annotations

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.cases_table import CasesTableModel, RowRole
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.pages.case_editor import CaseEditor
from postcrm_desktop.ui.pages.complaint_forms import MUTED_STYLE
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.search_box import debounced_search
from postcrm_desktop.ui.widgets.table_view import make_table
from postcrm_desktop.ui.worker import error_message

SEARCH_DELAY_MS = 250
LIST_LIMIT = 200


class CaseLibraryTab(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_library")
        self.ctx = ctx
        self.can_edit = ctx.branch.actor.can(Perm.CASES_EDIT)
        layout = QtWidgets.QVBoxLayout(self)

        bar = QtWidgets.QHBoxLayout()
        self.search, self.search_timer = debounced_search(
            self, "case_search", self.tr("搜索案例：关键词、拼音或首字母，如 延误、yanwu、yw"),
            SEARCH_DELAY_MS, self.reload)
        self.search.returnPressed.connect(self.reload)
        self.category = QtWidgets.QComboBox()
        self.category.setObjectName("case_category_filter")
        self.category.currentIndexChanged.connect(lambda _i: self.reload())
        self.retired = QtWidgets.QCheckBox(self.tr("显示已停用"))
        self.retired.setObjectName("case_show_retired")
        self.retired.toggled.connect(lambda _on: self.reload())
        self.new_button = QtWidgets.QPushButton(self.tr("新建案例"))
        self.new_button.setObjectName("case_new")
        self.new_button.clicked.connect(lambda: self.new_case())
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category)
        bar.addWidget(self.retired)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.new_button.setVisible(self.can_edit)  # once parented: never a window of its own

        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.model = CasesTableModel(self, zone=ctx.clock.zone)
        self.view = make_table(self.model, "case_list", {0: 260, 1: 80, 2: 140, 3: 60},
                               sortable=False)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._on_row(current.row()))
        self.editor = CaseEditor(ctx)
        self.editor.sig_saved.connect(self._on_saved)
        self.editor.sig_status.connect(self.sig_status.emit)
        split.addWidget(self.view)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 480])
        layout.addWidget(split, 1)
        self.count = QtWidgets.QLabel()
        self.count.setObjectName("case_count")
        self.count.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.count)

        ctx.bus.changed.connect(self.on_changes)
        self.fill_categories()
        self.loaded = False

    # -- list -----------------------------------------------------------------------------

    def fill_categories(self) -> None:
        from postcrm_desktop.services.complaints import categories

        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("全部分类"), None)
        try:
            for c in categories.list_categories(self.ctx.branch, include_retired=True):
                self.category.addItem(c.name_en if language().startswith("en") and c.name_en
                                      else c.name, c.code)
        except PostCrmError:
            pass
        index = self.category.findData(current) if current else 0
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)
        self.editor.fill_categories()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self, keep: str | None = None) -> None:
        """Search again with the box's text and the filters; keep the case shown selected."""
        from postcrm_desktop.services import cases

        self.search_timer.stop()
        self.loaded = True
        keep = keep or self.editor.case_id()
        try:
            rows = cases.search_cases(self.ctx.branch, self.search.text(),
                                      category=self.category.currentData(),
                                      include_retired=self.retired.isChecked(),
                                      limit=LIST_LIMIT)
        except PostCrmError as exc:
            rows = []
            self.sig_status.emit(error_message(exc))
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {0} 个案例").format(len(rows)) if len(rows) < LIST_LIMIT
                           else self.tr("前 {0} 个案例，请输入更多关键词").format(LIST_LIMIT))
        if keep:
            self.select(keep)

    def select(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        self.view.selectRow(row)
        selection.blockSignals(False)
        return True

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        r = self.model.index(row, 0).data(RowRole)
        if r is None or r.id == self.editor.case_id():
            return
        if not self.editor.maybe_discard():
            return
        self.editor.load(r.id)

    # -- opening --------------------------------------------------------------------------

    def open_case(self, case_id: str) -> bool:
        """Show one case (from a suggestion, or after a save elsewhere)."""
        self.ensure_loaded()
        if not self.editor.maybe_discard():
            return False
        opened = self.editor.load(case_id)
        if opened and not self.select(case_id):
            self.search.blockSignals(True)
            self.search.clear()  # it may be filtered out: show the whole library
            self.search.blockSignals(False)
            self.retired.blockSignals(True)
            self.retired.setChecked(True)
            self.retired.blockSignals(False)
            self.reload(keep=case_id)
        return opened

    def new_case(self) -> bool:
        if not self.can_edit or not self.editor.maybe_discard():
            return False
        self.view.clearSelection()
        self.editor.start_new()
        self.editor.title.setFocus()
        return True

    def new_from_complaint(self, complaint_id: str) -> bool:
        """A draft of a case from a resolved complaint, customer data taken out; opens the
        existing case instead when the complaint already became one."""
        from postcrm_desktop.services import cases

        self.ensure_loaded()
        existing = cases.case_of_complaint(self.ctx.branch, complaint_id)
        if existing:
            return self.open_case(existing)
        if not self.editor.maybe_discard():
            return False
        try:
            draft = cases.draft_from_complaint(self.ctx.branch, complaint_id)
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("转为案例"), error_message(exc))
            return False
        self.view.clearSelection()
        self.editor.start_new(draft)
        self.editor.title.setFocus()
        return True

    def _on_saved(self, case_id: str) -> None:
        self.reload(keep=case_id)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("complaint_category"):
            self.fill_categories()
        if self.loaded and changes.touches("case"):
            self.reload()


__all__ = ["CaseLibraryTab"]
