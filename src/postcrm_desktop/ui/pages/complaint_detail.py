"""The detail panel of one complaint: its facts, the live deadline clock, the buttons of
the steps its status allows, its history (who did what, when) and its attachments.

Every workflow button is shown; those the current status does not allow are disabled
with the reason as tooltip (from `core.complaint_workflow`). The service checks again
when one is used: a step refused because the complaint moved on meanwhile is shown in a
message box and the panel reloads. Closing asks for confirmation first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from postcrm_desktop.core.complaint_enums import ClockMode, Status
from postcrm_desktop.core.complaint_workflow import (
    ACTIONS,
    ALLOWED,
    Action,
    check_transition,
)
from postcrm_desktop.core.errors import Conflict, PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import format_local
from postcrm_desktop.services.complaints.types import ComplaintDetail, ComplaintEventRow
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.complaints_table import (
    channel_label,
    priority_label,
    status_label,
    type_label,
)
from postcrm_desktop.ui.models.customer_labels import enum_label, tier_label
from postcrm_desktop.ui.pages.complaint_actions import DIALOGS, SCORE_WORDS
from postcrm_desktop.ui.pages.complaint_attachments import ComplaintAttachments
from postcrm_desktop.ui.pages.complaint_forms import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    OVERDUE_STYLE,
    ActionDialog,
)
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QMessageBox,
    Qt,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.widgets.case_suggestions import CaseSuggestions
from postcrm_desktop.ui.widgets.sla_clock import clock_label
from postcrm_desktop.ui.worker import error_message

# (key, button text); workflow steps first, in workflow order.
WORKFLOW_BUTTONS = [
    ("assign", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "分派(&A)")),
    ("start", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "开始处理(&S)")),
    ("resolve", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "办结(&R)")),
    ("revisit", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "回访(&V)")),
    ("close", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "关闭(&C)")),
    ("reopen", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "重新打开(&O)")),
]
OTHER_BUTTONS = [
    ("priority", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "调整优先级(&P)")),
    ("escalate", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "上报总部(&E)")),
    ("note", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "处理记录(&N)")),
    ("edit", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "修改(&M)")),
]
BADGE_STYLE = "background: {bg}; color: {fg}; border-radius: 3px; padding: 1px 6px"
# (key, label), two per grid row: left column, right column.
FACTS = [
    ("customer", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "客户")),
    ("received", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "受理时间")),
    ("tier", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "客户等级")),
    ("due", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "办结期限")),
    ("type", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "类型")),
    ("assignee", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "处理人")),
    ("category", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "问题分类")),
    ("responded", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "首次响应")),
    ("channel", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "受理渠道")),
    ("resolved", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "办结时间")),
    ("waybill", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "邮件号")),
    ("satisfaction", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "满意度")),
    ("created_by", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "登记人")),
    ("reopens", QT_TRANSLATE_NOOP("ComplaintDetailPanel", "重新打开")),
]
# History step names, as services.complaints.desk.EVENT_LABELS says them in Chinese.
EVENT_TEXTS = {
    "created": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "受理"),
    "edited": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "修改"),
    "priority": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "调整优先级"),
    "reassign": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "改派"),
    "note": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "处理记录"),
    "escalated": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "上报总部"),
    "escalation_cancelled": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "撤销上报"),
    "assign": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "分派"),
    "start": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "开始处理"),
    "resolve": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "办结"),
    "revisit": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "回访"),
    "close": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "关闭"),
    "reopen": QT_TRANSLATE_NOOP("ComplaintDetailPanel", "重新打开"),
}


def _bold(label: QtWidgets.QLabel, scale: float = 1.0) -> QtWidgets.QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class ComplaintDetailPanel(QtWidgets.QStackedWidget):
    sig_changed = Signal(str)  # complaint id, after a step or an edit here
    sig_status = Signal(str)
    sig_open_customer = Signal(str)
    sig_make_case = Signal(str)  # complaint id: draft a case from it
    sig_open_case = Signal(str)  # case id

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_detail")
        self.ctx = ctx
        self.detail: ComplaintDetail | None = None
        self.dialog: ActionDialog | None = None
        self.user_names: dict[str, str] | None = None
        actor = ctx.branch.actor
        self.can_edit = actor.can(Perm.COMPLAINT_EDIT)
        self.can_manage = actor.can(Perm.COMPLAINT_MANAGE)

        self.empty = QtWidgets.QLabel(self.tr("在上方列表中选择一条投诉查看详情"))
        self.empty.setObjectName("complaint_detail_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(MUTED_STYLE)
        self.empty.setWordWrap(True)
        self.addWidget(self.empty)
        self.body = QtWidgets.QWidget()
        self.addWidget(self.body)
        layout = QtWidgets.QVBoxLayout(self.body)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_buttons())
        self.suggestions = CaseSuggestions(ctx)
        self.suggestions.sig_open.connect(self.sig_open_case.emit)
        layout.addWidget(self.suggestions)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(self._build_facts(), self.tr("详情"))
        self.history_view, self.history = self._build_history()
        self.tabs.addTab(self.history_view, self.tr("处理历史"))
        self.attachments = ComplaintAttachments(ctx)
        self.attachments.sig_changed.connect(self._after_change)
        self.attachments.sig_status.connect(self.sig_status.emit)
        self.tabs.addTab(self.attachments, self.tr("附件"))
        layout.addWidget(self.tabs, 1)

    # -- building -----------------------------------------------------------------------

    def _build_header(self) -> QtWidgets.QLayout:
        box = QtWidgets.QVBoxLayout()
        top = QtWidgets.QHBoxLayout()
        self.title = _bold(QtWidgets.QLabel(), 1.3)
        self.title.setObjectName("complaint_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = _bold(QtWidgets.QLabel())
        self.status_badge.setObjectName("complaint_status")
        self.priority_badge = _bold(QtWidgets.QLabel())
        self.priority_badge.setObjectName("complaint_priority")
        self.escalated_badge = _bold(QtWidgets.QLabel(self.tr("已上报总部")))
        self.escalated_badge.setObjectName("complaint_escalated")
        self.escalated_badge.setStyleSheet(BADGE_STYLE.format(bg="#b00020", fg="white"))
        top.addWidget(self.title)
        top.addWidget(self.status_badge)
        top.addWidget(self.priority_badge)
        top.addWidget(self.escalated_badge)
        top.addStretch(1)
        self.clock = _bold(QtWidgets.QLabel(), 1.15)
        self.clock.setObjectName("complaint_clock")
        top.addWidget(self.clock)
        box.addLayout(top)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("complaint_notice")
        self.notice.setStyleSheet(MUTED_STYLE)
        self.notice.setWordWrap(True)
        box.addWidget(self.notice)
        return box

    def _build_buttons(self) -> QWidget:
        box = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for row, specs in enumerate((WORKFLOW_BUTTONS, OTHER_BUTTONS)):
            for col, (key, text) in enumerate(specs):
                button = QtWidgets.QPushButton(self.tr(text))
                button.setObjectName(f"action_{key}")
                button.clicked.connect(lambda _c=False, k=key: self.run_action(k))
                grid.addWidget(button, row, col)
                self.buttons[key] = button
        self.customer_button = QtWidgets.QPushButton(self.tr("客户画像"))
        self.customer_button.setObjectName("action_customer")
        self.customer_button.clicked.connect(self._open_customer)
        grid.addWidget(self.customer_button, 1, len(OTHER_BUTTONS))
        self.case_button = QtWidgets.QPushButton(self.tr("转为案例(&K)"))
        self.case_button.setObjectName("action_make_case")
        self.case_button.clicked.connect(self._case_clicked)
        grid.addWidget(self.case_button, 0, len(WORKFLOW_BUTTONS))
        self.case_id: str | None = None  # the case drafted from the complaint shown
        return box

    def _build_facts(self) -> QWidget:
        page = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(page)
        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(12)
        self.facts: dict[str, QtWidgets.QLabel] = {}
        for i, (key, label) in enumerate(FACTS):
            row, col = divmod(i, 2)
            name = QtWidgets.QLabel(self.tr("{0}：").format(self.tr(label)))
            name.setStyleSheet(MUTED_STYLE)
            value = QtWidgets.QLabel()
            value.setObjectName(f"fact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            grid.addWidget(name, row, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, col * 2 + 1)
            self.facts[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        column.addLayout(grid)
        self.texts: dict[str, QtWidgets.QPlainTextEdit] = {}
        for key, label in (("description", self.tr("问题描述")),
                           ("resolution", self.tr("处理结果")),
                           ("revisit", self.tr("回访意见")),
                           ("escalation", self.tr("上报说明"))):
            title = QtWidgets.QLabel(label)
            title.setStyleSheet(MUTED_STYLE)
            text = QtWidgets.QPlainTextEdit()
            text.setObjectName(f"text_{key}")
            text.setReadOnly(True)
            text.setMaximumHeight(90 if key == "description" else 64)
            self.texts[key] = text
            column.addWidget(title)
            column.addWidget(text)
            text.setProperty("title_label", title)
        column.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _build_history(self) -> tuple[QtWidgets.QTreeView, QtGui.QStandardItemModel]:
        model = QtGui.QStandardItemModel(0, 5, self)
        model.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作"), self.tr("状态"),
                                         self.tr("操作人"), self.tr("说明")])
        view = QtWidgets.QTreeView()
        view.setObjectName("complaint_history")
        view.setRootIsDecorated(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.setModel(model)
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        for col, width in ((0, 130), (1, 80), (2, 130), (3, 80)):
            view.setColumnWidth(col, width)
        return view, model

    # -- showing ------------------------------------------------------------------------

    def complaint_id(self) -> str | None:
        return self.detail.row.id if self.detail is not None else None

    def load(self, complaint_id: str) -> bool:
        from postcrm_desktop.services.complaints import desk

        try:
            detail = desk.get_complaint(self.ctx.branch, complaint_id)
        except PostCrmError as exc:
            self.clear(error_message(exc))
            return False
        self.show_detail(detail)
        return True

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.row.id)

    def clear(self, message: str = "") -> None:
        self.detail = None
        self.empty.setText(message or self.tr("在上方列表中选择一条投诉查看详情"))
        self.empty.setStyleSheet(ERROR_STYLE if message else MUTED_STYLE)
        self.setCurrentWidget(self.empty)

    def show_detail(self, d: ComplaintDetail) -> None:
        self.detail = d
        r = d.row
        self.setCurrentWidget(self.body)
        self.title.setText(f"{r.number}　{type_label(r.complaint_type)}")
        self.status_badge.setText(status_label(r.status))
        self.priority_badge.setText(priority_label(r.priority))
        self.status_badge.setStyleSheet(BADGE_STYLE.format(
            bg="#e8f5e9" if r.status == Status.CLOSED else "#e3edf9", fg="#1f3b63"))
        self.priority_badge.setStyleSheet(BADGE_STYLE.format(
            bg="#fdecea" if r.priority == "urgent" else "#f1f1f1",
            fg="#b00020" if r.priority == "urgent" else "#333333"))
        self.escalated_badge.setVisible(r.escalated)
        mode = enum_label(ClockMode, d.sla_mode)
        score = self.tr("{0} 分（{1}）").format(
            r.satisfaction, self.tr(SCORE_WORDS[r.satisfaction])) \
            if r.satisfaction in SCORE_WORDS else ""
        values = {
            "customer": f"{r.customer_name}（{r.customer_number}）",
            "tier": tier_label(r.customer_tier),
            "type": type_label(r.complaint_type),
            "category": r.category_name,
            "channel": channel_label(r.channel),
            "waybill": r.waybill_no or self.tr("（无）"),
            "received": self.local_text(r.received_at),
            "due": f"{self.local_text(r.due_at)}（{mode}）",
            "assignee": r.assignee_name or self.tr("（未分派）"),
            "responded": self.local_text(d.responded_at),
            "resolved": self.local_text(r.resolved_at) + (
                "" if r.on_time is None else
                self.tr("（按时）") if r.on_time else self.tr("（超时）")),
            "satisfaction": score,
            "created_by": d.created_by_name,
            "reopens": self.tr("{0} 次").format(d.reopen_count) if d.reopen_count else "",
        }
        for key, text in values.items():
            self.facts[key].setText(text)
        escalation = ""
        if r.escalated:
            escalation = self.tr("{0} 上报：{1}").format(self.local_text(d.escalated_at),
                                                     d.escalation_note)
        for key, text in (("description", d.description), ("resolution", d.resolution),
                          ("revisit", d.revisit_comment), ("escalation", escalation)):
            widget = self.texts[key]
            widget.setPlainText(text)
            shown = key == "description" or bool(text)
            widget.setVisible(shown)
            widget.property("title_label").setVisible(shown)
        self._fill_history(d.history)
        self.attachments.set_attachments(r.id, d.attachments, self.can_edit and d.editable)
        self._update_buttons(d)
        self.refresh_cases()
        self.tick()

    def local_text(self, value: datetime | None) -> str:
        """`value` as the branch's wall time (its zone, from the clock)."""
        return format_local(value, self.ctx.clock.zone)

    def tick(self, now: datetime | None = None) -> None:
        """Refresh the clock for the current time (called each minute by the page)."""
        d = self.detail
        if d is None:
            return
        at = now or self.ctx.clock.now()
        r = d.row
        open_ = Status(r.status).is_open
        text = clock_label(r.due_at, at, is_open=open_)
        if open_:
            overdue = r.due_at < at
            self.clock.setText(text)
            self.clock.setStyleSheet(OVERDUE_STYLE if overdue else OK_STYLE)
            self.notice.setText(self.tr("已超过办结期限，请尽快处理") if overdue else "")
        else:
            self.clock.setText(self.tr("按时办结") if r.on_time else
                               self.tr("超时办结") if r.on_time is False else "")
            self.clock.setStyleSheet(MUTED_STYLE)
            self.notice.setText(self.tr("投诉已关闭，不能修改；如需继续处理，请重新打开。")
                                if r.status == Status.CLOSED else "")

    def _names(self) -> dict[str, str]:
        """User names for assignees named in history details (best effort)."""
        if self.user_names is None:
            from postcrm_desktop.services.complaints import desk

            try:
                self.user_names = {u.id: u.display_name
                                   for u in desk.assignable_users(self.ctx.branch)}
            except PostCrmError:
                self.user_names = {}
        return self.user_names

    def event_text(self, e: ComplaintEventRow) -> str:
        """What the history's 说明 column says of one step."""
        parts: list[str] = []
        detail: dict[str, Any] = e.detail or {}
        if e.action == "created":
            if "priority" in detail:
                parts.append(self.tr("优先级：{0}").format(priority_label(detail["priority"])))
        elif e.action == "priority":
            parts.append(f"{priority_label(detail.get('from'))} → "
                         f"{priority_label(detail.get('to'))}")
        elif e.action == "revisit" and "satisfaction" in detail:
            parts.append(self.tr("满意度 {0} 分").format(detail["satisfaction"]))
        if e.action in ("assign", "reassign") and detail.get("assignee_id"):
            name = self._names().get(detail["assignee_id"])
            if name:
                parts.append(self.tr("处理人：{0}").format(name))
        if "due_at" in detail and e.action in ("created", "priority"):
            parts.append(self.tr("期限 {0}").format(
                self.local_text(datetime.fromisoformat(detail["due_at"]))))
        if "new_due_at" in detail:
            parts.append(self.tr("新期限 {0}").format(
                self.local_text(datetime.fromisoformat(detail["new_due_at"]))))
        if e.note:
            parts.append(e.note)
        return "；".join(parts)

    def _fill_history(self, history: list[ComplaintEventRow]) -> None:
        self.history.removeRows(0, self.history.rowCount())
        for e in reversed(history):  # newest first
            change = ""
            if e.to_status:
                change = status_label(e.to_status) if not e.from_status else \
                    f"{status_label(e.from_status)} → {status_label(e.to_status)}"
            step = self.tr(EVENT_TEXTS.get(e.action, e.action_label))
            by = self.tr("系统") if e.by_id is None else e.by_name  # a step no user took
            cells = [self.local_text(e.at), step, change, by, self.event_text(e)]
            items = [QtGui.QStandardItem(c) for c in cells]
            items[4].setToolTip(cells[4])
            self.history.appendRow(items)

    def history_rows(self) -> list[list[str]]:
        return [[self.history.item(r, c).text() for c in range(5)]
                for r in range(self.history.rowCount())]

    def _update_buttons(self, d: ComplaintDetail) -> None:
        status = Status(d.row.status)
        allowed = set(d.allowed_actions)
        for key, _text in WORKFLOW_BUTTONS:
            button = self.buttons[key]
            ok = key in allowed
            if key == "assign" and status in (Status.ASSIGNED, Status.IN_PROGRESS):
                ok = True  # hand it to someone else
            button.setText(self.tr("改派(&A)") if key == "assign" and status in (
                Status.ASSIGNED, Status.IN_PROGRESS) else self.tr(dict(WORKFLOW_BUTTONS)[key]))
            button.setEnabled(self.can_edit and ok)
            button.setToolTip("" if ok else self._refusal(status, key))
        open_ = status.is_open
        self.buttons["priority"].setEnabled(self.can_edit and open_)
        self.buttons["priority"].setToolTip("" if open_ else self.tr(
            "投诉已办结，不能再调整优先级；如需继续处理，请先重新打开"))
        self.buttons["escalate"].setText(self.tr("撤销上报(&E)") if d.row.escalated
                                         else self.tr("上报总部(&E)"))
        self.buttons["escalate"].setEnabled(self.can_manage and d.editable)
        self.buttons["escalate"].setToolTip("" if self.can_manage else self.tr(
            "上报总部需要投诉管理权限"))
        self.buttons["note"].setEnabled(self.can_edit and d.editable)
        # Edit stays offered on a closed complaint: the refusal says what to do instead.
        self.buttons["edit"].setEnabled(self.can_edit)
        if not self.can_edit:
            for button in self.buttons.values():
                button.setToolTip(self.tr("当前角色没有处理投诉的权限"))

    def _refusal(self, status: Status, key: str) -> str:
        """Why step `key` is refused from `status`: the reasons of
        `core.complaint_workflow.check_transition`, in the interface language."""
        try:
            check_transition(status, ACTIONS[Action(key)][1])
        except Conflict:
            pass
        else:
            return ""
        target = ACTIONS[Action(key)][1]
        cur = status_label(str(status))
        if target == status:
            return self.tr("投诉已经是“{0}”状态").format(cur)
        if target == Status.CLOSED and status == Status.RESOLVED:
            return self.tr("关闭前必须先完成回访（记录客户满意度）")
        if target == Status.CLOSED and status.is_open:
            return self.tr("投诉尚未办结（当前“{0}”），需办结并回访后才能关闭").format(cur)
        if target == Status.REVISITED and status.is_open:
            return self.tr("投诉尚未办结（当前“{0}”），办结后才能回访").format(cur)
        if target == Status.RESOLVED and status in (Status.NEW, Status.ASSIGNED):
            return self.tr("投诉当前为“{0}”，需先分派并开始处理才能办结").format(cur)
        if status == Status.CLOSED:
            return self.tr("投诉已关闭；如需继续处理，请先重新打开")
        options = self.tr("、").join(
            self.tr("“{0}”").format(status_label(str(s)))
            for s in sorted(ALLOWED[status], key=lambda s: s.rank))
        return self.tr("投诉当前为“{0}”，不能变为“{1}”（可变为：{2}）").format(
            cur, status_label(str(target)), options)

    # -- actions ------------------------------------------------------------------------

    def run_action(self, key: str) -> ActionDialog | None:
        """Do the step `key` for the complaint shown: at once (start), after a
        confirmation (close), or through its form (the others, returned)."""
        from postcrm_desktop.services.complaints import desk

        d = self.detail
        if d is None or not self.can_edit:
            return None
        if key == "start":
            self._direct(self.tr("开始处理"), lambda: desk.start_work(self.ctx.branch, d.row.id))
            return None
        if key == "close":
            if self._confirm_close(d):
                self._direct(self.tr("关闭投诉"), lambda: desk.close(self.ctx.branch, d.row.id))
            return None
        if key == "edit" and not d.editable:
            QMessageBox.warning(self, self.tr("修改投诉"), self.tr(
                "投诉已关闭，不能修改；如需继续处理，请先重新打开"))
            return None
        dlg = DIALOGS[key](self.ctx, d, self)
        dlg.sig_done.connect(self._after_change)
        dlg.rejected.connect(lambda dl=dlg: self.reload() if dl.refused else None)
        dlg.finished.connect(lambda _r, dl=dlg: self._forget(dl))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _forget(self, dlg: ActionDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()

    def _confirm_close(self, d: ComplaintDetail) -> bool:
        answer = QMessageBox.question(
            self, self.tr("关闭投诉"),
            self.tr("关闭投诉 {0}？\n关闭后不能再修改；如需继续处理，须重新打开。")
            .format(d.row.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _direct(self, title: str, step: Any) -> bool:
        try:
            step()
        except PostCrmError as exc:
            QMessageBox.warning(self, title, error_message(exc))
            self.reload()  # show where the complaint really is now
            return False
        self._after_change()
        return True

    def _after_change(self) -> None:
        complaint_id = self.complaint_id()
        self.reload()
        if complaint_id is not None:
            self.sig_changed.emit(complaint_id)

    # -- case library ---------------------------------------------------------------------

    def refresh_cases(self) -> None:
        """The 转为案例 button and the related cases, for the complaint shown."""
        from postcrm_desktop.services import cases
        from postcrm_desktop.services.cases.library import CONVERTIBLE

        d = self.detail
        if d is None:
            return
        try:
            self.case_id = cases.case_of_complaint(self.ctx.branch, d.row.id)
        except PostCrmError:
            self.case_id = None
        button = self.case_button
        if self.case_id:
            button.setText(self.tr("查看案例(&K)"))
            button.setEnabled(True)
            button.setToolTip(self.tr("该投诉已转为案例"))
        else:
            button.setText(self.tr("转为案例(&K)"))
            done = Status(d.row.status) in CONVERTIBLE
            allowed = self.ctx.branch.actor.can(Perm.CASES_EDIT)
            button.setEnabled(done and allowed)
            button.setToolTip("" if done and allowed else self.tr(
                "当前角色不能编写案例") if not allowed else self.tr(
                "投诉办结后才能转为案例（去掉客户信息，供各网点参考）"))
        self.suggestions.refresh(d.row.category, d.description,
                                 (self.case_id,) if self.case_id else ())

    def _case_clicked(self) -> None:
        if self.case_id:
            self.sig_open_case.emit(self.case_id)
        elif self.detail is not None:
            self.sig_make_case.emit(self.detail.row.id)

    def _open_customer(self) -> None:
        if self.detail is not None:
            self.sig_open_customer.emit(self.detail.row.customer_id)


__all__ = ["OTHER_BUTTONS", "WORKFLOW_BUTTONS", "ComplaintDetailPanel"]
