"""A record's attachments (a customer's on the profile, a complaint's in its detail
panel): add, save a copy, remove (with confirmation).

Reading and writing files runs through the background helper: a 20 MB scan read from a
network drive must not freeze the window. Sizes and kinds are checked by the service
too; the size is checked here first so nobody waits for a file that will be refused.
The panel is given how to add a file to its owner (`add(branch, owner_id, filename,
data)`); saving and removing go by the attachment's own id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import fmt_datetime, fmt_size
from postcrm_desktop.ui.pages.customer_common import confirm
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMessageBox,
    Qt,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
    translate,
)

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch

MAX_BYTES = 20 * 1024 * 1024
FILE_FILTER = QT_TRANSLATE_NOOP(
    "AttachmentsPanel",
    "附件 (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.webp *.doc *.docx *.xls *.xlsx "
    "*.ppt *.pptx *.wps *.et *.dps)"
)
InfoRole = Qt.ItemDataRole.UserRole + 1

AddFile = Callable[["Branch", str, str, bytes], AttachmentInfo]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentsPanel", text)


def checked_size(parent: QWidget, path: Path) -> int | None:
    """The size of the file at `path`, or None (after saying why) when it cannot be read
    or is too big to attach."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        QMessageBox.warning(
            parent,
            translate("AttachmentsPanel", "添加附件"),
            translate("AttachmentsPanel", "无法读取文件：{0}").format(exc.strerror or path.name),
        )
        return None
    if size > MAX_BYTES:
        QMessageBox.warning(
            parent,
            translate("AttachmentsPanel", "添加附件"),
            translate("AttachmentsPanel", "文件太大（{0}），附件不能超过20 MB。").format(
                fmt_size(size)
            ),
        )
        return None
    return size


def ask_file(parent: QWidget) -> Path | None:
    """A file to attach, chosen by the person (None when they cancel)."""
    name, _ = QtWidgets.QFileDialog.getOpenFileName(
        parent, translate("AttachmentsPanel", "添加附件"), str(Path.home()), _tr(FILE_FILTER)
    )
    return Path(name) if name else None


class AttachmentsPanel(QtWidgets.QWidget):
    sig_changed = Signal()
    sig_status = Signal(str)

    def __init__(
        self,
        ctx: PageContext,
        add: AddFile,
        parent: QWidget | None = None,
        *,
        object_name: str = "attachments_view",
        name_width: int = 260,
        hint: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._add = add
        self.owner_id: str | None = None
        self.editable = False
        layout = QtWidgets.QVBoxLayout(self)
        self.model = QtGui.QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("文件名"), self.tr("大小"), self.tr("添加时间")]
        )
        self.view = QtWidgets.QTreeView()
        self.view.setObjectName(object_name)
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda _i: self.save_selected())
        self.view.setColumnWidth(0, name_width)
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
        if hint:
            label = QtWidgets.QLabel(self.tr("PDF、图片或Office文档，每个不超过20 MB"))
            label.setStyleSheet("color: #666666")
            layout.addWidget(label)

    def set_attachments(self, owner_id: str, items: list[AttachmentInfo], editable: bool) -> None:
        self.owner_id, self.editable = owner_id, editable
        self.model.removeRows(0, self.model.rowCount())
        for info in items:
            cells = [
                QtGui.QStandardItem(info.filename),
                QtGui.QStandardItem(fmt_size(info.size)),
                QtGui.QStandardItem(fmt_datetime(info.created_at)),
            ]
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
        path = ask_file(self)
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path) -> None:
        if self.owner_id is None or not self.editable or checked_size(self, path) is None:
            return
        add, branch, owner = self._add, self.ctx.branch, self.owner_id
        self.ctx.tasks.run(
            lambda _c: add(branch, owner, path.name, path.read_bytes()),
            lambda _info: self.sig_changed.emit(),
            title=self.tr("正在添加附件…"),
            on_error=self._on_error,
        )

    # -- save a copy --------------------------------------------------------------------

    def save_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("附件另存为"), str(Path.home() / info.filename)
        )
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

        self.ctx.tasks.run(
            work, self._on_saved, title=self.tr("正在保存附件…"), on_error=self._on_error
        )

    def _on_saved(self, out: Path) -> None:
        self.sig_status.emit(self.tr("附件已保存：{0}").format(out.name))

    # -- remove -------------------------------------------------------------------------

    def remove_selected(self) -> None:
        from postcrm_desktop.services.customers import attachments

        info = self.selected()
        if info is None or not self.editable:
            return
        if not confirm(
            self,
            self.tr("删除附件"),
            self.tr("删除附件“{0}”？此操作不能撤销。").format(info.filename),
        ):
            return
        branch = self.ctx.branch
        self.ctx.tasks.run(
            lambda _c: attachments.remove_attachment(branch, info.id),
            lambda _r: self.sig_changed.emit(),
            title=self.tr("正在删除附件…"),
            on_error=self._on_error,
        )

    def _on_error(self, exc: BaseException) -> None:
        from postcrm_desktop.ui.worker import show_error

        show_error(self, exc, self.tr("附件"))


__all__ = ["FILE_FILTER", "MAX_BYTES", "AttachmentsPanel", "ask_file", "checked_size"]
