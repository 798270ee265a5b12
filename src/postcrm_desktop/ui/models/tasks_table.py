"""Follow-up tasks as a lazily paged table (earliest due first, from `tasks.list_tasks`;
the due header reads latest first from the service too, through `sorted_fetch`).

Overdue open tasks are red, tasks due today amber, finished ones grey.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.services.contacts.types import TaskRow
from postcrm_desktop.ui.models.contact_labels import (
    DONE_COLOR,
    DUE_TODAY_COLOR,
    OVERDUE_COLOR,
    contact_channel_label,
    due_text,
    fmt_local,
    task_source_label,
    task_status_label,
)
from postcrm_desktop.ui.models.keyset_table import (
    Column,
    KeysetTableModel,
    PageLike,
    SortedFetch,
)
from postcrm_desktop.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QtCore, QtGui


def state(row: TaskRow, now: datetime) -> str:
    """"overdue", "today", "later", or the status of a task no longer open; days are
    those of `now`'s zone (the branch's)."""
    if row.status != "open":
        return row.status
    if row.due_at < now:
        return "overdue"
    if row.due_at.astimezone(now.tzinfo).date() == now.date():
        return "today"
    return "later"


# The columns `tasks.list_tasks` orders itself (due time, both ways).
SERVER_SORTS = ("due_at",)


def columns(clock: Clock) -> list[Column[TaskRow]]:
    """The columns, times shown in the clock's zone (the branch's)."""
    return [
        Column("due_at", "期限", lambda r: due_text(r.due_at, clock.local_now()),
               lambda r: r.due_at),
        Column("status", "状态", lambda r: task_status_label(r.status)),
        Column("customer_name", "客户", lambda r: r.customer_name),
        Column("customer_number", "客户编号", lambda r: r.customer_number),
        Column("title", "任务", lambda r: r.title),
        Column("channel", "方式", lambda r: contact_channel_label(r.channel)),
        Column("source", "来源", lambda r: task_source_label(r.source)),
        Column("assigned_name", "负责人", lambda r: r.assigned_name),
        Column("done_at", "完成时间", lambda r: fmt_local(r.done_at, clock.zone),
               lambda r: r.done_at),
    ]


def task_brush(row: TaskRow, now: datetime) -> QtGui.QBrush | None:
    colour = {"overdue": OVERDUE_COLOR, "today": DUE_TODAY_COLOR, "done": DONE_COLOR,
              "cancelled": DONE_COLOR}.get(state(row, now))
    return QtGui.QBrush(QtGui.QColor(colour)) if colour else None


class TasksTableModel(KeysetTableModel[TaskRow]):
    def __init__(self, fetch: Callable[[Any, int], PageLike],
                 parent: QtCore.QObject | None = None, *,
                 sorted_fetch: SortedFetch | None = None, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        super().__init__(fetch, columns(self.clock), service_sort=("due_at", False),
                         parent=parent,
                         sorted_fetch=sorted_fetch, server_sorts=SERVER_SORTS)

    def header_text(self, header: str) -> str:
        return QCoreApplication.translate("TasksTableModel", header)

    def decorate(self, row: TaskRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return task_brush(row, self.clock.local_now())
        if role == Qt.ItemDataRole.FontRole and key == "due_at" and \
                state(row, self.clock.local_now()) == "overdue":
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None


# The headers above, marked for lupdate; `header_text` translates them when shown.
_HEADER_TEXTS = (
    QT_TRANSLATE_NOOP("TasksTableModel", "期限"),
    QT_TRANSLATE_NOOP("TasksTableModel", "状态"),
    QT_TRANSLATE_NOOP("TasksTableModel", "客户"),
    QT_TRANSLATE_NOOP("TasksTableModel", "客户编号"),
    QT_TRANSLATE_NOOP("TasksTableModel", "任务"),
    QT_TRANSLATE_NOOP("TasksTableModel", "方式"),
    QT_TRANSLATE_NOOP("TasksTableModel", "来源"),
    QT_TRANSLATE_NOOP("TasksTableModel", "负责人"),
    QT_TRANSLATE_NOOP("TasksTableModel", "完成时间"),
)
