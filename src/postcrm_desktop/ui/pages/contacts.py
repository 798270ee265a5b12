"""联系记录 page: contact records, follow-up tasks, customer care (calendar and dates),
greetings, statistics and the follow-up rules, one tab each.

`create_page(ctx)` builds it. The page answers
`navigate_to(tab="contacts"|"tasks"|"care"|"greetings"|"stats"|"rules", customer_id=...,
log_contact=True, scope="mine"|"all", window="overdue"|"today"|"week")` and
`maybe_close()`. It refreshes what is shown when contacts, tasks, rules, care dates,
templates or customers change (`ctx.bus.changed`).
"""

from __future__ import annotations

from typing import Any

from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.contacts_care import CareTab
from postcrm_desktop.ui.pages.contacts_greetings import GreetingsTab
from postcrm_desktop.ui.pages.contacts_list import ContactsList
from postcrm_desktop.ui.pages.contacts_rules import RulesTab
from postcrm_desktop.ui.pages.contacts_stats import StatsTab
from postcrm_desktop.ui.pages.contacts_tasks import TasksTab
from postcrm_desktop.ui.qt import QEvent, QtWidgets, QWidget

TABS = ("contacts", "tasks", "care", "greetings", "stats", "rules")


class ContactsPage(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contacts_page")
        self.ctx = ctx
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("contacts_tabs")
        self.contacts = ContactsList(ctx)
        self.tasks = TasksTab(ctx)
        self.care = CareTab(ctx)
        self.greetings = GreetingsTab(ctx)
        self.stats = StatsTab(ctx)
        self.rules = RulesTab(ctx)
        for w in (self.contacts, self.tasks, self.care, self.greetings, self.stats,
                  self.rules):
            self.tabs.addTab(w, "")
            signal = getattr(w, "sig_status", None)
            if signal is not None:
                signal.connect(self.show_status)
        layout.addWidget(self.tabs, 1)
        self.last_status = ""
        ctx.bus.changed.connect(self.on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        titles = (self.tr("联系记录"), self.tr("跟进任务"), self.tr("客户关怀"),
                  self.tr("祝福语"), self.tr("联系统计"), self.tr("跟进规则"))
        for i, text in enumerate(titles):
            self.tabs.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_status(self, text: str) -> None:
        # The main window's status bar, when the page sits in one.
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)
        self.last_status = text

    def show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))

    def navigate_to(self, tab: str | None = None, customer_id: str | None = None,
                    log_contact: bool = False, scope: str | None = None,
                    window: str | None = None, **_kw: Any) -> None:
        if tab:
            self.show_tab(tab)
        if customer_id and (tab in (None, "contacts")):
            self.show_tab("contacts")
            self.contacts.filter_bar.set_customer(customer_id)
        if customer_id and tab == "care":
            self.care.dates.set_customer(customer_id)
        if tab == "tasks" and (scope or window):
            self.tasks.show_scope(scope, window)
        if log_contact:
            self.show_tab("contacts")
            self.contacts.new_contact(customer_id)

    def on_changes(self, changes: Changes) -> None:
        touches = changes.touches
        if touches("contact") or touches("customer") or touches("task"):
            self.contacts.on_changes()
        if touches("task") or touches("customer"):
            self.tasks.on_changes()
        if touches("follow_up_rule"):
            self.rules.reload()
        if touches("greeting_template"):
            self.greetings.editor.reload()
            self.greetings.lines.reload_templates()
        if (touches("care_date") or touches("customer")) and self.care.loaded_month:
            if self.care.isVisible():
                self.care.reload()
            else:
                self.care.loaded_month = None  # read again when shown

    def maybe_close(self) -> bool:
        return self.contacts.maybe_close() and self.tasks.maybe_close()


def create_page(ctx: PageContext) -> QWidget:
    return ContactsPage(ctx)
