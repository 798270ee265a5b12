"""Contact records as a lazily paged table (newest first, from `records.list_contacts`;
the time header reads oldest first from the service too, through `sorted_fetch`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.services.contacts.types import ContactRow
from postcrm_desktop.ui.models.contact_labels import (
    OVERDUE_COLOR,
    contact_channel_label,
    fmt_local,
)
from postcrm_desktop.ui.models.keyset_table import (
    Column,
    KeysetTableModel,
    PageLike,
    SortedFetch,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _next_due(r: ContactRow, zone: tzinfo) -> str:
    return fmt_local(r.next_due_at, zone) if r.next_step else ""


# The columns `records.list_contacts` orders itself (contact time, both ways).
SERVER_SORTS = ("at",)


def columns(clock: Clock) -> list[Column[ContactRow]]:
    """The columns, times shown in the clock's zone (the branch's)."""
    return [
        Column("at", "联系时间", lambda r: fmt_local(r.at, clock.zone), lambda r: r.at),
        Column("customer_name", "客户", lambda r: r.customer_name),
        Column("customer_number", "客户编号", lambda r: r.customer_number),
        Column("channel", "方式", lambda r: contact_channel_label(r.channel)),
        Column("owner_name", "联系人员", lambda r: r.owner_name),
        Column("person", "联系对象", lambda r: r.person),
        Column("content", "联系内容", lambda r: _one_line(r.content)),
        Column("feedback", "客户反馈", lambda r: _one_line(r.feedback)),
        Column("next_step", "下一步", lambda r: _one_line(r.next_step, 40)),
        Column("next_due_at", "下一步期限", lambda r: _next_due(r, clock.zone),
               lambda r: r.next_due_at),
        Column("attachments", "附件", lambda r: str(r.attachments) if r.attachments else "",
               lambda r: r.attachments),
    ]


class ContactsTableModel(KeysetTableModel[ContactRow]):
    def __init__(self, fetch: Callable[[Any, int], PageLike],
                 parent: QtCore.QObject | None = None, *,
                 sorted_fetch: SortedFetch | None = None, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        super().__init__(fetch, columns(self.clock), service_sort=("at", True),
                         parent=parent,
                         sorted_fetch=sorted_fetch, server_sorts=SERVER_SORTS)

    def header_text(self, header: str) -> str:
        return QCoreApplication.translate("ContactsTableModel", header)

    def decorate(self, row: ContactRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and key == "next_due_at" and \
                row.task_status == "open" and row.next_due_at is not None and \
                row.next_due_at < self.clock.now():
            return QtGui.QBrush(QtGui.QColor(OVERDUE_COLOR))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "attachments":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# The headers above, marked for lupdate; `header_text` translates them when shown.
_HEADER_TEXTS = (
    QT_TRANSLATE_NOOP("ContactsTableModel", "联系时间"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "客户"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "客户编号"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "方式"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "联系人员"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "联系对象"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "联系内容"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "客户反馈"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "下一步"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "下一步期限"),
    QT_TRANSLATE_NOOP("ContactsTableModel", "附件"),
)
