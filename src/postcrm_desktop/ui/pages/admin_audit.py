"""系统管理 › 审计日志: a lazily paged, filterable view of the log and its hash-chain check."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services import audit_log, audit_words
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.i18n import current_language
from postcrm_desktop.ui.models.audit_table import AuditTableModel
from postcrm_desktop.ui.pages.admin_forms import ERROR_STYLE, OK_STYLE
from postcrm_desktop.ui.qt import Qt, QtCore, QtGui, QtWidgets, QWidget
from postcrm_desktop.ui.widgets.clock_fields import qdate
from postcrm_desktop.ui.worker import error_message


def local_midnight(d: QtCore.QDate, zone: tzinfo) -> datetime:
    """The start of a calendar day in `zone` (the branch's), as an aware UTC datetime."""
    return datetime.combine(d.toPython(), time(), tzinfo=zone).astimezone(UTC)


class AuditTab(QtWidgets.QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.allowed = ctx.branch.actor.can(Perm.AUDIT_VIEW)
        self.stale = False
        self.last_verify: audit_log.VerifyResult | None = None
        layout = QtWidgets.QVBoxLayout(self)

        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("audit_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        bar = QtWidgets.QHBoxLayout()
        self.action = QtWidgets.QComboBox()
        self.action.setMinimumContentsLength(10)
        self.user = QtWidgets.QLineEdit()
        self.user.setPlaceholderText(self.tr("用户名"))
        self.user.setClearButtonEnabled(True)
        self.use_dates = QtWidgets.QCheckBox(self.tr("日期从"))
        today = qdate(ctx.clock.today())
        self.date_from = QtWidgets.QDateEdit(today.addDays(-30))
        self.date_to = QtWidgets.QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.verify_button = QtWidgets.QPushButton(self.tr("校验"))
        self.verify_button.setObjectName("audit_verify")
        self.verify_button.setToolTip(self.tr("检查审计日志的哈希链：任何一条被改动或删除都会被发现"))
        for w in (QtWidgets.QLabel(self.tr("操作：")), self.action,
                  QtWidgets.QLabel(self.tr("用户：")), self.user, self.use_dates,
                  self.date_from, QtWidgets.QLabel(self.tr("至")), self.date_to):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        layout.addLayout(bar)

        self.verify_result = QtWidgets.QLabel()
        self.verify_result.setObjectName("audit_verify_result")
        self.verify_result.setWordWrap(True)
        layout.addWidget(self.verify_result)

        self.model = AuditTableModel(self._fetch, self)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 150)
        self.view.setColumnWidth(2, 120)
        self.view.setColumnWidth(3, 220)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.view, 1)

        if not self.allowed:
            self._deny()
            return
        self.action.currentIndexChanged.connect(lambda _i: self.reload())
        self.user.editingFinished.connect(self.reload)
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.date_from.dateChanged.connect(lambda _d: self.reload())
        self.date_to.dateChanged.connect(lambda _d: self.reload())
        self.verify_button.clicked.connect(self.verify)
        ctx.bus.changed.connect(self.on_changes)
        self.reload_actions()
        self.model.reload()

    # -- data ---------------------------------------------------------------------------

    def _deny(self) -> None:
        self.allowed = False
        self.notice.setText(self.tr("当前角色不能查看审计日志。"))
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setVisible(True)
        self.model.clear()
        for w in (self.action, self.user, self.use_dates, self.date_from, self.date_to,
                  self.verify_button, self.view):
            w.setEnabled(False)

    def reload(self) -> None:
        if self.allowed:
            self.model.reload()

    def reload_actions(self) -> None:
        try:
            codes = audit_log.actions(self.ctx.branch)
        except PermissionDenied:
            self._deny()
            return
        current = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self.tr("全部"), None)
        lang = current_language()
        for label, code in sorted((audit_words.action_label(c, lang), c) for c in codes):
            self.action.addItem(label, code)
        self.action.setCurrentIndex(max(self.action.findData(current), 0))
        self.action.blockSignals(False)

    def set_filter(self, *, action: str | None = None, username: str = "",
                   since: QtCore.QDate | None = None,
                   until: QtCore.QDate | None = None) -> None:
        """Set every filter at once and reload once (for navigation and tests)."""
        for w in (self.action, self.user, self.use_dates, self.date_from, self.date_to):
            w.blockSignals(True)
        self.action.setCurrentIndex(max(self.action.findData(action), 0))
        self.user.setText(username)
        dates = since is not None or until is not None
        self.use_dates.setChecked(dates)
        if since is not None:
            self.date_from.setDate(since)
        if until is not None:
            self.date_to.setDate(until)
        for w in (self.action, self.user, self.use_dates, self.date_from, self.date_to):
            w.blockSignals(False)
        self.date_from.setEnabled(dates)
        self.date_to.setEnabled(dates)
        self.reload()

    def _on_dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.reload()

    def filters(self) -> dict[str, Any]:
        since = until = None
        if self.use_dates.isChecked():
            since = local_midnight(self.date_from.date(), self.ctx.clock.zone)
            until = local_midnight(self.date_to.date(), self.ctx.clock.zone) + timedelta(days=1)
        return {"action": self.action.currentData(),
                "username": self.user.text().strip() or None,
                "since": since, "until": until}

    def _fetch(self, after_seq: int | None, limit: int) -> list[audit_log.AuditRow]:
        if not self.allowed:
            return []
        try:
            return audit_log.page(self.ctx.branch, after_seq=after_seq, limit=limit,
                                  **self.filters())
        except PermissionDenied:
            QtCore.QTimer.singleShot(0, self._deny)
            return []

    def on_changes(self, _changes: Changes) -> None:
        # Nearly every change writes audit rows. Reload only a view that shows the newest
        # rows; one the user has scrolled into keeps its place until shown again.
        if self.isVisible() and self.view.verticalScrollBar().value() == 0:
            self.reload_actions()
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and self.allowed:
            self.stale = False
            self.reload_actions()
            self.reload()

    # -- chain check ----------------------------------------------------------------------

    def verify(self) -> None:
        if not self.allowed:
            return
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText(self.tr("正在校验…"))
        branch = self.ctx.branch
        self.ctx.tasks.run(lambda _control: audit_log.verify(branch), self.on_verified,
                           title=self.tr("校验审计日志"), on_error=self.on_verify_failed)

    def on_verified(self, result: audit_log.VerifyResult) -> None:
        self.last_verify = result
        self.verify_button.setEnabled(True)
        if result.ok:
            self.verify_result.setText(self.tr("校验通过：{0} 条审计记录完整，未被改动或删除。")
                                       .format(result.rows))
            self.verify_result.setStyleSheet(OK_STYLE)
        else:
            self.verify_result.setText(self.tr("校验失败：{0}（第一处问题在第 {1} 条）")
                                       .format(result.reason, result.first_bad_seq))
            self.verify_result.setStyleSheet(ERROR_STYLE)

    def on_verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.setText(self.tr("未能校验：{0}").format(error_message(exc)))
        self.verify_result.setStyleSheet(ERROR_STYLE)
