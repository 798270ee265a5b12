"""疑似重复: pairs of customers that may be the same (same ID number, same phone, or a
similar name and address), a page at a time, with field-by-field merge.

The pairs are read in the background the first time the tab is shown (finding them
scans groups of customers), and again after customers change while it is visible.
"""

from __future__ import annotations

from postcrm_desktop.core.errors import PermissionDenied, PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.customers.types import DuplicatePair, MergeResult
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import reasons_text
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE
from postcrm_desktop.ui.pages.customer_merge import MergeDialog
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.worker import error_message

PAGE = 200
PairRole = Qt.ItemDataRole.UserRole + 1


def _who(row: object) -> str:
    return "  ".join(x for x in (getattr(row, "number", ""), getattr(row, "name", "")) if x)


class DuplicatesTab(QtWidgets.QWidget):
    sig_open = Signal(str)
    sig_status = Signal(str)
    sig_merged = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_duplicates")
        self.ctx = ctx
        self.allowed = ctx.branch.actor.can(Perm.CUSTOMER_MERGE)
        self.loaded = False
        self.more = False
        self.loading = False
        self.dialog: MergeDialog | None = None
        self.pairs: list[DuplicatePair] = []
        layout = QtWidgets.QVBoxLayout(self)
        self.notice = QtWidgets.QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.model = QtGui.QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("客户甲"), self.tr("客户乙"), self.tr("疑似重复的原因"), self.tr("负责人")])
        self.view = QtWidgets.QTreeView()
        self.view.setObjectName("duplicates_view")
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setColumnWidth(0, 240)
        self.view.setColumnWidth(1, 240)
        self.view.setColumnWidth(2, 180)
        self.view.doubleClicked.connect(lambda _i: self.merge_selected())
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.view, 1)
        row = QtWidgets.QHBoxLayout()
        self.merge_button = QtWidgets.QPushButton(self.tr("合并…"))
        self.open_a = QtWidgets.QPushButton(self.tr("打开客户甲"))
        self.open_b = QtWidgets.QPushButton(self.tr("打开客户乙"))
        self.more_button = QtWidgets.QPushButton(self.tr("加载更多"))
        self.refresh_button = QtWidgets.QPushButton(self.tr("刷新"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.open_a.clicked.connect(lambda: self._open(0))
        self.open_b.clicked.connect(lambda: self._open(1))
        self.more_button.clicked.connect(self.load_more)
        self.refresh_button.clicked.connect(self.reload)
        for b in (self.merge_button, self.open_a, self.open_b):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.more_button)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.status = QtWidgets.QLabel()
        self.status.setStyleSheet(MUTED_STYLE)
        layout.addWidget(self.status)
        if not self.allowed:
            self._deny()
        else:
            self.notice.setText(self.tr("电话号码或身份证号码相同、或名称和地址相近的客户。"
                                        "核对后可合并为一位客户。"))
            self.notice.setStyleSheet(MUTED_STYLE)
        self._update_buttons()

    def _deny(self) -> None:
        self.allowed = False
        self.notice.setText(self.tr("当前角色不能查看和合并疑似重复客户。"))
        self.notice.setStyleSheet(ERROR_STYLE)
        for w in (self.view, self.merge_button, self.open_a, self.open_b, self.more_button,
                  self.refresh_button):
            w.setEnabled(False)

    def _update_buttons(self) -> None:
        has = self.selected() is not None and self.allowed
        for b in (self.merge_button, self.open_a, self.open_b):
            b.setEnabled(has)
        self.more_button.setEnabled(self.allowed and self.more and not self.loading)

    # -- loading ------------------------------------------------------------------------

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self.allowed and not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.pairs, self.more, self.loaded = [], True, True
        self.load_more()

    def on_changes(self) -> None:
        """Customers changed: read again when next shown (now, if shown)."""
        self.loaded = False
        if self.isVisible() and self.allowed:
            self.reload()

    def load_more(self) -> None:
        from postcrm_desktop.services.customers import duplicates

        if not self.allowed or not self.more or self.loading:
            return
        self.loading = True
        self._update_buttons()
        after = self.pairs[-1] if self.pairs else None
        branch = self.ctx.branch
        self.ctx.tasks.run(
            lambda _c: duplicates.list_duplicate_pairs(branch, limit=PAGE, after=after),
            self._on_page, title=self.tr("正在查找疑似重复客户…"), on_error=self._on_error)

    def _on_page(self, pairs: list[DuplicatePair]) -> None:
        self.loading = False
        self.more = len(pairs) >= PAGE
        for pair in pairs:
            cells = [QtGui.QStandardItem(_who(pair.a)), QtGui.QStandardItem(_who(pair.b)),
                     QtGui.QStandardItem(reasons_text(pair.reasons)),
                     QtGui.QStandardItem(" / ".join(dict.fromkeys(
                         x for x in (pair.a.owner_name, pair.b.owner_name) if x)))]
            cells[0].setData(pair, PairRole)
            self.model.appendRow(cells)
        self.pairs.extend(pairs)
        n = len(self.pairs)
        self.status.setText(self.tr("共 {0}{1} 对疑似重复").format(n, "+" if self.more else "")
                            if n else self.tr("没有发现疑似重复的客户"))
        self._update_buttons()

    def _on_error(self, exc: BaseException) -> None:
        self.loading = False
        if isinstance(exc, PermissionDenied):
            self._deny()
            return
        self.status.setText(self.tr("未能读取疑似重复客户：{0}").format(error_message(exc)))
        self._update_buttons()

    def _on_scrolled(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        if value >= bar.maximum() - 2 and self.more:
            self.load_more()

    # -- actions ------------------------------------------------------------------------

    def selected(self) -> DuplicatePair | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(PairRole)

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def _open(self, which: int) -> None:
        pair = self.selected()
        if pair is not None:
            self.sig_open.emit((pair.a, pair.b)[which].id)

    def merge_selected(self) -> MergeDialog | None:
        pair = self.selected()
        if pair is None or not self.allowed:
            return None
        try:
            dlg = MergeDialog(self.ctx, pair.a.id, pair.b.id, self)
        except PostCrmError as exc:  # e.g. one of them was deleted meanwhile
            QMessageBox.warning(self, self.tr("合并客户"), error_message(exc))
            return None
        dlg.sig_merged.connect(self._on_merged)
        dlg.finished.connect(lambda _r, d=dlg: self._forget(d))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _forget(self, dlg: MergeDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()

    def _on_merged(self, result: MergeResult) -> None:
        moved = sum(result.moved.values())
        text = self.tr("已合并客户，转移了 {0} 条相关记录").format(moved)
        dropped = sum(result.dropped.values())
        if dropped:
            text += self.tr("；保留的客户已有生日，另一位客户的 {0} 个生日未转移").format(dropped)
        self.sig_status.emit(text)
        self.reload()
        self.sig_merged.emit()
