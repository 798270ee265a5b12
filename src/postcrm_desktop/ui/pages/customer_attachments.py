"""A customer's attachments on the profile: add, save a copy, remove (with confirmation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postcrm_desktop.services.customers.types import AttachmentInfo
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.qt import QWidget
from postcrm_desktop.ui.widgets.attachments_panel import AttachmentsPanel

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch


def add_customer_file(branch: Branch, customer_id: str, filename: str,
                      data: bytes) -> AttachmentInfo:
    from postcrm_desktop.services.customers import attachments

    return attachments.add_attachment(branch, "customer", customer_id, filename, data)


class AttachmentsBox(AttachmentsPanel):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, add_customer_file, parent, hint=True)


__all__ = ["AttachmentsBox"]
