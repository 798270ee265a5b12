"""系统管理: users, the audit log, backup and restore, the database and the tag catalogue
— one tab each.

`create_page(ctx)` builds the page; `navigate_to(tab="users"|"audit"|"backup"|"about"|
"tags")` switches tabs. Each tab checks what the role may do and shows a plain notice when not.
"""

from __future__ import annotations

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.pages.admin_about import AboutTab
from postcrm_desktop.ui.pages.admin_audit import AuditTab
from postcrm_desktop.ui.pages.admin_backup import BackupTab
from postcrm_desktop.ui.pages.admin_tags import TagsTab
from postcrm_desktop.ui.pages.admin_users import UsersTab
from postcrm_desktop.ui.qt import QEvent, QtWidgets, QWidget

TABS = ("users", "audit", "backup", "about", "tags")


class AdminPage(QtWidgets.QTabWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_page")
        self.ctx = ctx
        self.users = UsersTab(ctx)
        self.audit = AuditTab(ctx)
        self.backup = BackupTab(ctx)
        self.about = AboutTab(ctx)
        self.tags = TagsTab(ctx)
        for tab in (self.users, self.audit, self.backup, self.about, self.tags):
            self.addTab(tab, "")
        # Tabs of work the role cannot do at all are not shown (an analyst reads the
        # audit log; user management and backups are the branch admin's).
        actor = ctx.branch.actor
        needs = {"users": (Perm.USER_MANAGE,), "audit": (Perm.AUDIT_VIEW,),
                 "backup": (Perm.BACKUP_RUN, Perm.BACKUP_RESTORE)}
        for key, perms in needs.items():
            self.setTabVisible(TABS.index(key), any(actor.can(p) for p in perms))
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("用户"), self.tr("审计日志"), self.tr("备份与恢复"),
                                  self.tr("关于/数据库"), self.tr("标签"))):
            self.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def navigate_to(self, tab: str | None = None, **_kwargs: object) -> None:
        if tab in TABS:
            self.setCurrentIndex(TABS.index(tab))

    def maybe_close(self) -> bool:
        # A half-filled admin dialog holds nothing worth keeping the window open for.
        dialog = self.users.dialog
        if dialog is not None:
            dialog.reject()
        return True


def create_page(ctx: PageContext) -> QWidget:
    return AdminPage(ctx)
