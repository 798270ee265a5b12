"""工作台: what needs doing today — overdue tasks (highlighted), today's tasks, care dates
of the coming days and open complaints near their deadline — each one click from its
customer; tasks complete with one click. The first time it is read in a session the
follow-up rules run, so rule tasks appear here.

While the app is open a timer looks every minute for the user's tasks coming due and
announces them (tray balloon where there is a tray, a banner in the page, the status
bar). `create_page(ctx)` builds it; `WorkbenchPage(ctx, notify_interval_ms=...,
clock=...)` lets tests run the timer fast on their own clock.

Shortcuts: F5 refresh, Ctrl+N log a contact, Enter open the customer, Space complete the
selected task.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.contacts.types import CareItem, TaskRow
from postcrm_desktop.services.contacts.workbench import Workbench, WorkbenchItem
from postcrm_desktop.services.customers.access import sees_whole_branch
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.models.contact_labels import OVERDUE_COLOR, weekday_label
from postcrm_desktop.ui.pages.complaint_holidays import WARNING_STYLE, holiday_warning
from postcrm_desktop.ui.pages.contact_form import ContactForm, saved_message
from postcrm_desktop.ui.pages.contacts_greeting_dialog import GreetingDialog
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, heading
from postcrm_desktop.ui.pages.workbench_notifier import (
    CHECK_EVERY_MS,
    Announcer,
    Banner,
    DueNotifier,
)
from postcrm_desktop.ui.pages.workbench_sections import SectionBox
from postcrm_desktop.ui.qt import QEvent, Qt, QtGui, QTimer, QtWidgets, QWidget, Signal
from postcrm_desktop.ui.widgets.actions import add_shortcut
from postcrm_desktop.ui.widgets.dialogs import close_dialog, open_dialog
from postcrm_desktop.ui.worker import error_message

REFRESH_ON = ("task", "contact", "customer", "care_date", "complaint", "holiday_day")
UNDO_MS = 15_000


class WorkbenchPage(QtWidgets.QWidget):
    sig_refreshed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None, *,
                 notify_interval_ms: int = CHECK_EVERY_MS,
                 clock: Callable[[], datetime] | None = None,
                 apply_rules: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("workbench_page")
        self.ctx = ctx
        # `clock` replaces the context clock's now() (tests run the timer on their own).
        self.clock = clock or ctx.clock.now
        self.zone = ctx.clock.zone
        self.rules_pending = apply_rules and ctx.branch.actor.can(Perm.TASK_EDIT)
        self.data: Workbench | None = None
        self.stale = False
        self.loading = False
        self.pending = False  # asked to refresh while reading: read again after
        self.dialog: QtWidgets.QDialog | None = None
        self.undo_task: str | None = None
        actor = ctx.branch.actor
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)

        top = QtWidgets.QHBoxLayout()
        self.title = heading(self.tr("工作台"), 1.5)
        self.date_label = QtWidgets.QLabel()
        self.date_label.setObjectName("workbench_date")
        self.scope = QtWidgets.QComboBox()
        self.scope.setObjectName("workbench_scope")
        self.scope.addItem(self.tr("我的事项"), "mine")
        if sees_whole_branch(actor):
            self.scope.addItem(self.tr("全网点"), "all")
            # A branch admin watches the whole branch; others start with their own work.
            if actor.can(Perm.SETTINGS_MANAGE):
                self.scope.setCurrentIndex(1)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.log_button = QtWidgets.QPushButton(self.tr("记录联系"))
        self.log_button.setObjectName("workbench_log_contact")
        self.log_button.setEnabled(actor.can(Perm.CONTACT_EDIT))
        self.log_button.setToolTip(self.tr("记录一次客户联系（Ctrl+N）"))
        self.log_button.clicked.connect(lambda: self.log_contact(None))
        self.refresh_button = QtWidgets.QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("workbench_refresh")
        self.refresh_button.setToolTip(self.tr("刷新（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.date_label)
        top.addStretch(1)
        for w in (self.scope, self.log_button, self.refresh_button):
            top.addWidget(w)
        layout.addLayout(top)
        add_shortcut(self, "F5", self.refresh)
        add_shortcut(self, "Ctrl+N", lambda: self.log_contact(None))

        self.banner = Banner()
        self.banner.sig_show.connect(self.show_due)
        layout.addWidget(self.banner)
        # The holiday calendar lacks this year (from November: next year): deadlines in
        # working hours are then counted Monday to Friday.
        self.holiday_warning = QtWidgets.QLabel()
        self.holiday_warning.setObjectName("holiday_warning")
        self.holiday_warning.setWordWrap(True)
        self.holiday_warning.setStyleSheet(WARNING_STYLE)
        self.holiday_warning.hide()
        layout.addWidget(self.holiday_warning)
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("workbench_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        grid = QtWidgets.QGridLayout()
        grid.setSpacing(10)
        self.sections: dict[str, SectionBox] = {
            "overdue": SectionBox("overdue", self.tr("逾期任务"), highlight=OVERDUE_COLOR),
            "today": SectionBox("today", self.tr("今日任务")),
            "care": SectionBox("care", self.tr("近期关怀（7天内）")),
            "complaints": SectionBox("complaints", self.tr("临近期限的投诉")),
        }
        for (row, col), key in zip(((0, 0), (0, 1), (1, 0), (1, 1)), self.sections,
                                   strict=True):
            grid.addWidget(self.sections[key], row, col)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)
        for box in self.sections.values():
            box.sig_open_customer.connect(self.open_customer)
            box.sig_complete.connect(self.complete)
            box.sig_log_contact.connect(lambda item: self.log_contact(item))
            box.sig_greet.connect(self.greet)
            box.sig_open_complaint.connect(self.open_complaint)
            box.sig_show_all.connect(self.show_all)
        self.sections["complaints"].setVisible(False)

        bottom = QtWidgets.QHBoxLayout()
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("workbench_status")
        self.status.setWordWrap(True)
        self.undo_button = QtWidgets.QPushButton(self.tr("撤销"))
        self.undo_button.setObjectName("workbench_undo")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_complete)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._expire_undo)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.undo_button)
        layout.addLayout(bottom)

        self.announcer = Announcer(self.banner, self)
        self.notifier = DueNotifier(ctx.branch, self, interval_ms=notify_interval_ms,
                                    clock=self.clock)
        self.notifier.sig_due.connect(self.on_due)
        self.notifier.timer.timeout.connect(self._on_tick)
        self.notifier.start()
        self.last_due: list[TaskRow] = []
        ctx.bus.changed.connect(self.on_changes)
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def mine(self) -> bool:
        return self.scope.currentData() == "mine"

    def refresh(self) -> None:
        from postcrm_desktop.services.contacts import workbench

        if self.loading:
            self.pending = True  # e.g. the rules' own writes announced while reading
            return
        branch, mine, now = self.ctx.branch, self.mine(), self.clock()
        zone = self.zone = self.ctx.clock.zone
        rules, self.rules_pending = self.rules_pending, False
        self.stale = False
        self.loading = True

        lang = current_language()

        def work(_control: Any) -> Workbench:
            return workbench.today(branch, now, tz=zone, mine=mine, apply_rules=rules,
                                   lang=lang)

        self.ctx.tasks.run(work, self.show_workbench, title=self.tr("正在读取工作台…"),
                           on_error=self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        self.loading = False
        self.show_status(error_message(exc), ERROR_STYLE)
        self._again_if_asked()

    def _again_if_asked(self) -> None:
        if self.pending:
            self.pending = False
            self.refresh()

    def show_workbench(self, data: Workbench) -> None:
        self.loading = False
        self.data = data
        self.show_holiday_warning()
        now = data.generated_at.astimezone(self.zone)
        today = data.today
        self.date_label.setText(self.tr("{0}年{1}月{2}日 {3}").format(
            today.year, today.month, today.day, weekday_label(today)))
        for key, box in self.sections.items():
            section = data.section(key)
            box.set_section(section, now)
            if key == "complaints":
                box.setVisible(section is not None)
        overdue = data.section("overdue")
        today_s = data.section("today")
        care = data.section("care")
        parts = []
        if overdue is not None and overdue.total:
            parts.append(self.tr("逾期 {0} 项").format(overdue.total_text))
        if today_s is not None:
            parts.append(self.tr("今日到期 {0} 项").format(today_s.total_text))
        if care is not None and care.total:
            parts.append(self.tr("7天内关怀 {0} 个").format(care.total_text))
        complaints = data.section("complaints")
        if complaints is not None and complaints.total:
            parts.append(self.tr("临近期限投诉 {0} 件").format(complaints.total_text))
        text = "，".join(parts) if parts else self.tr("今天没有待办事项")
        if data.rules is not None and data.rules.created:
            text += self.tr("；跟进规则新生成 {0} 项任务").format(data.rules.created)
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {OVERDUE_COLOR}; font-weight: bold;"
                                   if overdue is not None and overdue.total else "")
        self.sig_refreshed.emit()
        self._again_if_asked()

    def show_holiday_warning(self) -> None:
        try:
            text = holiday_warning(self.ctx)
        except PostCrmError as exc:
            text = error_message(exc)
        self.holiday_warning.setText(text)
        self.holiday_warning.setVisible(bool(text))

    def section_ids(self, key: str) -> list[str]:
        return [item.id for item in self.sections[key].model.items]

    def show_status(self, text: str, style: str = MUTED_STYLE) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar) and text:
            bar().showMessage(text, 8000)

    # -- changes, the clock and notifications -------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if not any(changes.touches(e) for e in REFRESH_ON):
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and not self.loading:
            self.refresh()

    def _on_tick(self) -> None:
        # A new local day: yesterday's "today" tasks are now overdue.
        if self.data is not None and self.clock().astimezone(self.zone).date() != self.data.today:
            self.refresh()

    def on_due(self, rows: list[TaskRow]) -> None:
        self.last_due = rows
        self.announcer.announce(rows)
        self.refresh()

    def show_due(self) -> None:
        """Bring the workbench and the task that came due to the front."""
        self.ctx.navigate("workbench")
        self.banner.hide()
        if self.last_due:
            for box in (self.sections["today"], self.sections["overdue"]):
                row = box.model.row_of(self.last_due[0].id)
                if row >= 0:
                    box.select_row(row)
                    box.view.setFocus()
                    return

    # -- actions ------------------------------------------------------------------------

    def open_customer(self, customer_id: str) -> None:
        self.ctx.open_customer(customer_id)

    def complete(self, item: WorkbenchItem) -> bool:
        from postcrm_desktop.services.contacts import tasks

        if item.kind != "task":
            return False
        try:
            tasks.complete_task(self.ctx.branch, item.id)
        except PostCrmError as exc:
            self.show_status(error_message(exc), ERROR_STYLE)
            self.refresh()
            return False
        self.undo_task = item.id
        self.undo_button.setVisible(True)
        self.undo_timer.start(UNDO_MS)
        self.show_status(self.tr("任务已完成：{0}（{1}）").format(item.title, item.customer_name))
        self.refresh()
        return True

    def _expire_undo(self) -> None:
        self.undo_task = None
        self.undo_button.setVisible(False)

    def undo_complete(self) -> None:
        from postcrm_desktop.services.contacts import tasks

        task_id, self.undo_task = self.undo_task, None
        self.undo_button.setVisible(False)
        if task_id is None:
            return
        try:
            tasks.reopen_task(self.ctx.branch, task_id)
        except PostCrmError as exc:
            self.show_status(error_message(exc), ERROR_STYLE)
            return
        self.show_status(self.tr("已撤销，任务恢复为待办"))
        self.refresh()

    def log_contact(self, item: WorkbenchItem | None) -> ContactForm | None:
        if not self.ctx.branch.actor.can(Perm.CONTACT_EDIT):
            return None
        customer_id = item.customer_id if item is not None else None
        form = ContactForm(self.ctx, customer_id=customer_id, parent=self)
        if item is not None and item.kind == "task":
            for i in range(form.tasks.count()):
                form.tasks.item(i).setCheckState(Qt.CheckState.Unchecked)
            form.set_task_checked(item.id)
            form.saved_snapshot = form.snapshot()
        form.sig_saved.connect(lambda _id, result: self.show_status(
            *saved_message(result, self)))
        return self._open(form)

    def care_item(self, item: WorkbenchItem) -> CareItem | None:
        """The care calendar's entry behind a workbench care line."""
        from postcrm_desktop.services.contacts import care

        if item.on is None:
            return None
        found = care.upcoming(self.ctx.branch, item.on, 1, mine=False)
        return next((c for c in found if c.care_date_id == item.id), None)

    def greet(self, item: WorkbenchItem) -> GreetingDialog | None:
        try:
            care_item = self.care_item(item)
        except PostCrmError as exc:
            self.show_status(error_message(exc), ERROR_STYLE)
            return None
        if care_item is None:
            self.show_status(self.tr("该关怀日已不存在"), ERROR_STYLE)
            self.refresh()
            return None
        dlg = GreetingDialog(self.ctx, care_item, self)
        dlg.sig_sent.connect(lambda *_a: self.show_status(self.tr("祝福已记录为联系")))
        return self._open(dlg)

    def _open(self, dlg: Any) -> Any:
        self.dialog = dlg
        return open_dialog(dlg)

    def open_complaint(self, item: WorkbenchItem) -> None:
        self.ctx.navigate("complaints", complaint_id=item.id)

    def show_all(self, key: str) -> None:
        scope = "mine" if self.mine() else "all"
        if key in ("today", "overdue"):
            self.ctx.navigate("contacts", tab="tasks", scope=scope, window=key)
        elif key == "care":
            self.ctx.navigate("contacts", tab="care")
        else:
            self.ctx.navigate("complaints")

    def maybe_close(self) -> bool:
        return close_dialog(self.dialog)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_workbench(self.data)
            self.refresh()  # texts the services word (care dates, categories) again
        super().changeEvent(event)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.notifier.stop()
        self.announcer.close()
        super().closeEvent(event)


def create_page(ctx: PageContext) -> QWidget:
    return WorkbenchPage(ctx)
