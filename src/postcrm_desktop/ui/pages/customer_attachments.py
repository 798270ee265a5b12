"""A customer's attachments on the profile: add, save a copy, remove (with confirmation).

Reading and writing files runs through the background helper: a 20 MB scan read from a
network drive must not freeze the window. Sizes and kinds are checked by the service
too; the size is checked here first so nobody waits for a file that will be refused.
"""

from __future__ import annotations

from pathlib import Path

from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import fmt_datetime, fmt_size
from postcrm_desktop.ui.pages.customer_common import confirm
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtGui, QtWidgets, QWidget, Signal

MAX_BYTES = 20 * 1024 * 1024
FILE_FILTER = ("附件 (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.webp *.doc *.docx *.xls *.xlsx "
               "*.ppt *.pptx *.wps *.et *.dps)")
InfoRole = Qt.ItemDataRole.UserRole + 1


class AttachmentsBox(QtWidgets.QWidget):
    sig_changed = Signal()
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: str | None = None
        self.editable = False
        layout = QtWidgets.QVBoxLayout(self)
        self.model = QtGui.QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("文件名"), self.tr("大小"),
                                              self.tr("添加时间")])
        self.view = QtWidgets.QTreeView()
        self.view.setObjectName("attachments_view")
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda _i: self.save_selected())
        self.view.setColumnWidth(0, 260)
        row = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("添加附件…"))
        self.save_button = QtWidgets.QPushButton(self.tr("另存为…"))
        self.remove_button = QtWidgets.QPushButton(self.tr("删除附件"))
        self.add_button.clicked.connect(self.ask_add)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.add_button, self.save_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        hint = QtWidgets.QLabel(self.tr("PDF、图片或Office文档，每个不超过20 MB"))
        hint.setStyleSheet("color: #666666")
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(hint)

    def set_attachments(self, customer_id: str, items: list[AttachmentInfo],
                        editable: bool) -> None:
        self.customer_id, self.editable = customer_id, editable
        self.model.removeRows(0, self.model.rowCount())
        for info in items:
            cells = [QtGui.QStandardItem(info.filename), QtGui.QStandardItem(fmt_size(info.size)),
                     QtGui.QStandardItem(fmt_datetime(info.created_at))]
            cells[0].setData(info, InfoRole)
            self.model.appendRow(cells)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(items))
        self.save_button.setEnabled(bool(items))

    def filenames(self) -> list[str]:
        return [self.model.item(r, 0).text() for r in range(self.model.rowCount())]

    def selected(self) -> AttachmentInfo | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(InfoRole)

    def select(self, filename: str) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).text() == filename:
                self.view.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    # -- add ----------------------------------------------------------------------------

    def ask_add(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("添加附件"), str(Path.home()), self.tr(FILE_FILTER))
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        from postcrm_desktop.services.customers import attachments

        if self.customer_id is None or not self.editable:
            return
        try:
            size = path.stat().st_size
        except OSError as exc:
            QMessageBox.warning(self, self.tr("添加附件"), self.tr("无法读取文件：{0}")
                                .format(exc.strerror or path.name))
            return
        if size > MAX_BYTES:
            QMessageBox.warning(self, self.tr("添加附件"), self.tr(
                "文件太大（{0}），附件不能超过20 MB。").format(fmt_size(size)))
            return
        branch, owner = self.ctx.branch, self.customer_id

        def work(_control: object) -> AttachmentInfo:
            return attachments.add_attachment(branch, "customer", owner, path.name,
                                              path.read_bytes())

        self.ctx.tasks.run(work, lambda _info: self.sig_changed.emit(),
                           title=self.tr("正在添加附件…"), on_error=self._on_error)

    # -- save a copy --------------------------------------------------------------------

    def save_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("附件另存为"), str(Path.home() / info.filename))
        if name:
            self.save_to(info, Path(name))

    def save_to(self, info: AttachmentInfo, out: Path) -> None:
        from postcrm_desktop.services.customers import attachments

        branch = self.ctx.branch

        def work(_control: object) -> Path:
            data = attachments.read_attachment(branch, info.id)
            tmp = out.with_name(out.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(out)
            return out

        self.ctx.tasks.run(work, self._on_saved, title=self.tr("正在保存附件…"),
                           on_error=self._on_error)

    def _on_saved(self, out: Path) -> None:
        self.sig_status.emit(self.tr("附件已保存：{0}").format(out.name))

    # -- remove -------------------------------------------------------------------------

    def remove_selected(self) -> None:
        from postcrm_desktop.services.customers import attachments

        info = self.selected()
        if info is None or not self.editable:
            return
        if not confirm(self, self.tr("删除附件"),
                       self.tr("删除附件“{0}”？此操作不能撤销。").format(info.filename)):
            return
        branch = self.ctx.branch
        self.ctx.tasks.run(lambda _c: attachments.remove_attachment(branch, info.id),
                           lambda _r: self.sig_changed.emit(),
                           title=self.tr("正在删除附件…"), on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import show_error

        show_error(self, exc, self.tr("附件"))
