"""跟进任务: my tasks (or every task the user may see), by status and due window, in a
lazily paged table (earliest due first; overdue red, today amber).

Actions: complete (Ctrl+D), reopen, cancel (confirmed), new task (Ctrl+N), edit
(Ctrl+E), log a contact that completes the task (Ctrl+Shift+N), open the customer (Enter), F5.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from postcrm_desktop.core.local_time import day_bounds
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import TaskFilters, TaskPage, TaskRow
from postcrm_desktop.services.customers.access import sees_whole_branch
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.tasks_table import TasksTableModel
from postcrm_desktop.ui.pages.contact_form import ContactForm, saved_message
from postcrm_desktop.ui.pages.contacts_task_form import TaskForm
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, confirm
from postcrm_desktop.ui.qt import Qt, QtGui, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.actions import add_action, enable_actions
from postcrm_desktop.ui.widgets.changes import ReloadOnChanges
from postcrm_desktop.ui.widgets.customer_picker import CustomerPicker
from postcrm_desktop.ui.widgets.dialogs import close_dialog, open_dialog, run_or_warn
from postcrm_desktop.ui.widgets.table_view import (
    make_table,
    on_open,
    select_id,
    selected_row,
    show_sort,
)

STATUSES = (("open", "待办"), ("done", "已完成"), ("cancelled", "已取消"), (None, "全部状态"))
WINDOWS = ((None, "全部期限"), ("overdue", "已逾期"), ("today", "今天到期"),
           ("week", "7天内到期"))


class TasksTab(QtWidgets.QWidget):
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tasks_tab")
        self.ctx = ctx
        self.dialog: QtWidgets.QDialog | None = None
        actor = ctx.branch.actor
        self.can_edit = actor.can(Perm.TASK_EDIT)
        self.can_log = actor.can(Perm.CONTACT_EDIT)
        layout = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.scope = QtWidgets.QComboBox()
        self.scope.setObjectName("task_scope")
        self.scope.addItem(self.tr("我的任务"), "mine")
        if sees_whole_branch(actor):
            self.scope.addItem(self.tr("全部任务"), "all")
        self.status_filter = QtWidgets.QComboBox()
        self.status_filter.setObjectName("task_status_filter")
        for code, text in STATUSES:
            self.status_filter.addItem(self.tr(text), code)
        self.due_window = QtWidgets.QComboBox()
        self.due_window.setObjectName("task_window")
        for code, text in WINDOWS:
            self.due_window.addItem(self.tr(text), code)
        self.customer = CustomerPicker(ctx, placeholder=self.tr("全部客户（输入查找）"))
        self.customer.setMinimumWidth(220)
        self.customer.sig_chosen.connect(lambda _id: self.reload())
        for combo in (self.scope, self.status_filter, self.due_window):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
            bar.addWidget(combo)
        bar.addWidget(self.customer, 1)
        layout.addLayout(bar)
        self.toolbar = QtWidgets.QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        self.model = TasksTableModel(self._fetch, self, sorted_fetch=self._fetch_sorted,
                                     clock=ctx.clock)
        self.model.fetch_failed.connect(self._on_failed)
        self.model.sort_refused.connect(self._on_failed)
        self.view = make_table(self.model, "tasks_table",
                               {0: 150, 1: 60, 2: 110, 3: 140, 4: 250, 5: 70, 6: 110, 7: 80})
        self.model.sort_changed.connect(lambda c, o: show_sort(self.view, c, o))
        on_open(self.view, self.open_customer)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        layout.addWidget(self.view, 1)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("tasks_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.actions_: dict[str, QtGui.QAction] = {}
        self.changes = ReloadOnChanges(self, self.view, self.reload, lambda: self.show_status(
            self.tr("任务有更新，按 F5 刷新")))
        self._build_actions()
        self.reload()

    def _action(self, key: str, text: str, slot: Any, shortcut: str = "",
                allowed: bool = True) -> None:
        add_action(self, self.toolbar, self.actions_, key, text, slot, shortcut, allowed)

    def _build_actions(self) -> None:
        self._action("complete", self.tr("完成"), self.complete_selected, "Ctrl+D",
                     self.can_edit)
        self._action("log", self.tr("记录联系并完成"), self.log_for_selected, "Ctrl+Shift+N",
                     self.can_log)
        self._action("reopen", self.tr("重新打开"), self.reopen_selected, "", self.can_edit)
        self._action("cancel", self.tr("取消任务"), self.cancel_selected, "", self.can_edit)
        self.toolbar.addSeparator()
        self._action("new", self.tr("新建任务"), self.new_task, "Ctrl+N", self.can_edit)
        self._action("edit", self.tr("修改"), self.edit_selected, "Ctrl+E", self.can_edit)
        self._action("open", self.tr("打开客户"), self.open_customer)
        self._action("refresh", self.tr("刷新"), self.reload, "F5")
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected()
        is_open = row is not None and row.status == "open"
        needs = {"complete": is_open, "log": is_open, "reopen": row is not None and not is_open,
                 "cancel": is_open, "edit": is_open, "open": row is not None}
        enable_actions(self.actions_, lambda key: needs.get(key, True))

    # -- data ---------------------------------------------------------------------------

    def filters(self, now: datetime | None = None) -> TaskFilters:
        now = now or self.ctx.clock.now()
        zone = self.ctx.clock.zone
        today = now.astimezone(zone).date()
        due_from = due_before = None
        window = self.due_window.currentData()
        if window == "overdue":
            due_before = now
        elif window == "today":
            due_from, due_before = day_bounds(today, zone)
        elif window == "week":
            due_before = day_bounds(today + timedelta(days=6), zone)[1]
        mine = self.scope.currentData() == "mine"
        return TaskFilters(customer_id=self.customer.customer_id(),
                           assigned_to=self.ctx.branch.actor.user_id if mine else None,
                           status=self.status_filter.currentData(), due_from=due_from,
                           due_before=due_before)

    def _fetch(self, after: Any, limit: int) -> TaskPage:
        from postcrm_desktop.services.contacts import tasks

        return tasks.list_tasks(self.ctx.branch, self.filters(), after=after, limit=limit)

    def _fetch_sorted(self, after: Any, limit: int, sort: tuple[str, bool]) -> TaskPage:
        from postcrm_desktop.services.contacts import tasks

        return tasks.list_tasks(self.ctx.branch, self.filters(), after=after, limit=limit,
                                descending=sort[1])

    def reload(self) -> None:
        self.changes.stale = False
        keep = self.selected()
        self.model.reload()
        if keep is not None:
            self.select(keep.id)
        self._update_actions()
        n = self.model.loaded()
        more = "+" if self.model.canFetchMore() else ""
        self.show_status(self.tr("{0}{1} 项任务").format(n, more))

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _on_failed(self, message: str) -> None:
        self.show_status(message, ERROR_STYLE)

    def on_changes(self) -> None:
        """Records changed elsewhere (see `ReloadOnChanges`)."""
        self.changes.note()

    def show_scope(self, scope: str | None = None, window: str | None = None) -> None:
        """Select a scope ("mine"/"all") and a due window (navigation from elsewhere)."""
        for combo, value in ((self.scope, scope), (self.due_window, window)):
            if value is not None and combo.findData(value) >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(value))
                combo.blockSignals(False)
        self.reload()

    # -- selection ----------------------------------------------------------------------

    def selected(self) -> TaskRow | None:
        row = selected_row(self.view)
        return None if row is None else self.model.row_at(row)

    def select(self, task_id: str) -> bool:
        found = select_id(self.view, self.model, task_id)
        if found:
            self._update_actions()
        return found

    def open_customer(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.open_customer(row.customer_id)

    # -- changing tasks -----------------------------------------------------------------

    def _run(self, title: str, call: Any, done: str) -> bool:
        if not run_or_warn(self, title, call):
            return False
        self.reload()
        self.show_status(done)
        self.sig_status.emit(done)
        return True

    def complete_selected(self) -> bool:
        from postcrm_desktop.services.contacts import tasks

        row = self.selected()
        if row is None or row.status != "open" or not self.can_edit:
            return False
        return self._run(self.tr("完成任务"),
                         lambda: tasks.complete_task(self.ctx.branch, row.id),
                         self.tr("任务已完成：{0}").format(row.title))

    def reopen_selected(self) -> bool:
        from postcrm_desktop.services.contacts import tasks

        row = self.selected()
        if row is None or row.status == "open" or not self.can_edit:
            return False
        return self._run(self.tr("重新打开任务"),
                         lambda: tasks.reopen_task(self.ctx.branch, row.id),
                         self.tr("任务已重新打开：{0}").format(row.title))

    def cancel_selected(self) -> bool:
        from postcrm_desktop.services.contacts import tasks

        row = self.selected()
        if row is None or row.status != "open" or not self.can_edit:
            return False
        if not confirm(self, self.tr("取消任务"),
                       self.tr("取消任务“{0}”（客户：{1}）？\n取消后可重新打开。")
                       .format(row.title, row.customer_name)):
            return False
        return self._run(self.tr("取消任务"),
                         lambda: tasks.cancel_task(self.ctx.branch, row.id),
                         self.tr("任务已取消：{0}").format(row.title))

    def new_task(self) -> TaskForm | None:
        if not self.can_edit:
            return None
        return self._open(TaskForm(self.ctx, customer_id=self.customer.customer_id(),
                                   parent=self))

    def edit_selected(self) -> TaskForm | None:
        row = self.selected()
        if row is None or row.status != "open" or not self.can_edit:
            return None
        return self._open(TaskForm(self.ctx, task_id=row.id, parent=self))

    def log_for_selected(self) -> ContactForm | None:
        """A contact with the task's customer that completes this task."""
        row = self.selected()
        if row is None or row.status != "open" or not self.can_log:
            return None
        form = ContactForm(self.ctx, customer_id=row.customer_id, parent=self)
        if row.channel and form.channel.findData(row.channel) >= 0:
            form.channel.setCurrentIndex(form.channel.findData(row.channel))
        for i in range(form.tasks.count()):
            form.tasks.item(i).setCheckState(Qt.CheckState.Unchecked)
        form.set_task_checked(row.id)
        form.saved_snapshot = form.snapshot()
        return self._open(form)

    def _open(self, dlg: Any) -> Any:
        self.dialog = dlg
        dlg.sig_saved.connect(self._on_saved)
        return open_dialog(dlg)

    def _on_saved(self, _id: str, result: Any) -> None:
        self.reload()
        if hasattr(result, "task_id"):  # a contact
            text, style = saved_message(result, self)
        else:
            flag = next((n.message for n in result.notices), "")
            text = self.tr("任务已保存") + (self.tr("，注意：{0}").format(flag) if flag else "")
            style = MUTED_STYLE if not flag else "color: #8a5a00"
            self.select(result.id)
        self.show_status(text, style)
        self.sig_status.emit(text)

    def maybe_close(self) -> bool:
        return close_dialog(self.dialog)


__all__ = ["TasksTab"]
