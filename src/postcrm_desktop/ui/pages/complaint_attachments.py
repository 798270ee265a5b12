"""A complaint's attachments (photos of a damaged parcel, scans of a letter): add, save a
copy, remove. Files are read and written through the background helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.qt import QWidget
from postcrm_desktop.ui.widgets.attachments_panel import AttachmentsPanel

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch


def add_complaint_file(branch: Branch, complaint_id: str, filename: str,
                       data: bytes) -> AttachmentInfo:
    from postcrm_desktop.services.complaints import desk

    return desk.attach_file(branch, complaint_id, filename, data)


class ComplaintAttachments(AttachmentsPanel):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, add_complaint_file, parent, object_name="complaint_attachments",
                         name_width=240)


__all__ = ["ComplaintAttachments"]
