"""A complaint's attachments (photos of a damaged parcel, scans of a letter): add, save a
copy, remove. Files are read and written through the background helper."""

from __future__ import annotations

from pathlib import Path

from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import fmt_datetime, fmt_size
from postcrm_desktop.ui.pages.complaint_intake import FILE_FILTER, MAX_ATTACHMENT
from postcrm_desktop.ui.qt import QMessageBox, Qt, QtGui, QtWidgets, QWidget, Signal

InfoRole = Qt.ItemDataRole.UserRole + 1


class ComplaintAttachments(QtWidgets.QWidget):
    sig_changed = Signal()
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id: str | None = None
        self.editable = False
        layout = QtWidgets.QVBoxLayout(self)
        self.model = QtGui.QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("文件名"), self.tr("大小"),
                                              self.tr("添加时间")])
        self.view = QtWidgets.QTreeView()
        self.view.setObjectName("complaint_attachments")
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setColumnWidth(0, 240)
        self.view.doubleClicked.connect(lambda _i: self.save_selected())
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
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def set_attachments(self, complaint_id: str, items: list[AttachmentInfo],
                        editable: bool) -> None:
        self.complaint_id, self.editable = complaint_id, editable
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

    def ask_add(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("添加附件"), str(Path.home()), self.tr(FILE_FILTER))
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        from postcrm_desktop.services.complaints import desk

        if self.complaint_id is None or not self.editable:
            return
        try:
            size = path.stat().st_size
        except OSError as exc:
            QMessageBox.warning(self, self.tr("添加附件"), self.tr("无法读取文件：{0}")
                                .format(exc.strerror or path.name))
            return
        if size > MAX_ATTACHMENT:
            QMessageBox.warning(self, self.tr("添加附件"), self.tr(
                "文件太大（{0}），附件不能超过20 MB。").format(fmt_size(size)))
            return
        branch, owner = self.ctx.branch, self.complaint_id
        self.ctx.tasks.run(
            lambda _c: desk.attach_file(branch, owner, path.name, path.read_bytes()),
            lambda _info: self.sig_changed.emit(), title=self.tr("正在添加附件…"),
            on_error=self._on_error)

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

        self.ctx.tasks.run(work, lambda p: self.sig_status.emit(
            self.tr("附件已保存：{0}").format(p.name)), title=self.tr("正在保存附件…"),
            on_error=self._on_error)

    def remove_selected(self) -> None:
        from postcrm_desktop.services.customers import attachments

        info = self.selected()
        if info is None or not self.editable:
            return
        answer = QMessageBox.question(
            self, self.tr("删除附件"), self.tr("删除附件“{0}”？此操作不能撤销。")
            .format(info.filename), QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        branch = self.ctx.branch
        self.ctx.tasks.run(lambda _c: attachments.remove_attachment(branch, info.id),
                           lambda _r: self.sig_changed.emit(),
                           title=self.tr("正在删除附件…"), on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import show_error

        show_error(self, exc, self.tr("附件"))


__all__ = ["ComplaintAttachments"]
