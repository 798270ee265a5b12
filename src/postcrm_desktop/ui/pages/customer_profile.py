"""客户画像: key facts, tags, tier, owner, masked numbers (revealed one at a time where the
role allows, audited by the service), stage history, contact people, attachments and
the timeline that other areas fill (contacts, complaints, campaigns, transactions)."""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Any

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.customers.types import CustomerDetail
from postcrm_desktop.services.events import Changes
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.customer_labels import (
    channel_label,
    fmt_date,
    fmt_datetime,
    gender_label,
    group_label,
    stage_label,
    tags_by_group,
    tier_label,
    type_label,
)
from postcrm_desktop.ui.pages.customer_attachments import AttachmentsBox
from postcrm_desktop.ui.pages.customer_common import ERROR_STYLE, MUTED_STYLE, heading
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMessageBox,
    Qt,
    QtGui,
    QtWidgets,
    QWidget,
    Signal,
)
from postcrm_desktop.ui.worker import error_message

TIMELINE_MODULE = "postcrm_desktop.services.contacts.timeline"
REVEAL_FIELDS = ("mobile", "landline", "id_number")
PersonIdRole = Qt.ItemDataRole.UserRole + 1


def load_timeline(branch: Any, customer_id: str, clock: Clock) -> list[Any] | None:
    """The customer's timeline items, or None while no area provides a timeline."""
    try:
        module = importlib.import_module(TIMELINE_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name is not None and TIMELINE_MODULE.startswith(exc.name):
            return None
        raise
    return list(module.customer_timeline(branch, customer_id, limit=200, now=clock.now(),
                                         tz=clock.zone))


# Timeline kinds (`TimelineEvent.kind`) as the profile names them.
KIND_LABELS = {
    "contact": QT_TRANSLATE_NOOP("CustomerProfile", "联系"),
    "stage": QT_TRANSLATE_NOOP("CustomerProfile", "阶段"),
    "task": QT_TRANSLATE_NOOP("CustomerProfile", "任务"),
    "care": QT_TRANSLATE_NOOP("CustomerProfile", "关怀"),
    "complaint": QT_TRANSLATE_NOOP("CustomerProfile", "投诉"),
    "campaign": QT_TRANSLATE_NOOP("CustomerProfile", "营销活动"),
    "transaction": QT_TRANSLATE_NOOP("CustomerProfile", "交易"),
}


def _first(item: Any, *names: str) -> Any:
    for name in names:
        value = getattr(item, name, None)
        if value not in (None, ""):
            return value
    return None


def timeline_cells(item: Any) -> tuple[str, str, str, str]:
    """(when, kind, what, by whom) of a timeline event; upcoming ones say so."""
    when = _first(item, "at", "occurred_at", "when", "created_at")
    kind = _first(item, "kind_label", "kind") or ""
    kind = QCoreApplication.translate("CustomerProfile", KIND_LABELS[kind]) \
        if kind in KIND_LABELS else str(kind)
    if getattr(item, "upcoming", False):
        kind += QCoreApplication.translate("CustomerProfile", "（将到）")
    title = str(_first(item, "title", "summary", "text") or "")
    detail = str(getattr(item, "detail", "") or "")
    text = f"{title}：{detail}" if title and detail else title or detail
    text = " ".join(text.split())  # one line per event; the tooltip has it whole
    stamp = fmt_datetime(when) if hasattr(when, "astimezone") else str(when or "")
    return stamp, kind, text, str(getattr(item, "by_name", "") or "")


class CustomerProfile(QtWidgets.QWidget):
    sig_back = Signal()
    sig_edit = Signal(str)
    sig_delete = Signal(str)
    sig_status = Signal(str)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_profile")
        self.ctx = ctx
        self.detail: CustomerDetail | None = None
        actor = ctx.branch.actor
        self.can_reveal = actor.can(Perm.CUSTOMER_REVEAL)
        self.can_edit = actor.can(Perm.CUSTOMER_EDIT)
        self.can_delete = actor.can(Perm.CUSTOMER_DELETE)
        layout = QtWidgets.QVBoxLayout(self)

        top = QtWidgets.QHBoxLayout()
        self.back_button = QtWidgets.QPushButton(self.tr("← 返回列表"))
        self.back_button.setShortcut(QtGui.QKeySequence("Alt+Left"))
        self.back_button.clicked.connect(self.sig_back.emit)
        self.title = heading("", 1.5)
        self.title.setObjectName("profile_title")
        self.badges = QtWidgets.QLabel()
        self.badges.setObjectName("profile_badges")
        self.log_button = QtWidgets.QPushButton(self.tr("记录联系"))
        self.log_button.setObjectName("profile_log_contact")
        self.log_button.clicked.connect(self.log_contact)
        self.edit_button = QtWidgets.QPushButton(self.tr("编辑"))
        self.edit_button.clicked.connect(lambda: self._emit_for(self.sig_edit))
        self.delete_button = QtWidgets.QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(lambda: self._emit_for(self.sig_delete))
        self.complaint_button = QtWidgets.QPushButton(self.tr("登记投诉"))
        self.complaint_button.setObjectName("profile_new_complaint")
        self.complaint_button.setToolTip(self.tr("为该客户登记投诉或服务请求"))
        self.complaint_button.clicked.connect(self.new_complaint)
        self.complaint_dialog: QWidget | None = None
        for w in (self.back_button, self.title, self.badges):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.log_button)
        top.addWidget(self.complaint_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        self.notice = QtWidgets.QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        split = QtWidgets.QSplitter()
        split.addWidget(self._build_facts())
        self.tabs = QtWidgets.QTabWidget()
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self._build_tabs()

    # -- building -----------------------------------------------------------------------

    def _build_facts(self) -> QWidget:
        box = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(box)
        facts = QtWidgets.QGroupBox(self.tr("基本信息"))
        self.facts_form = QtWidgets.QFormLayout(facts)
        self.facts: dict[str, QtWidgets.QLabel] = {}
        self.reveal_buttons: dict[str, QtWidgets.QPushButton] = {}
        rows = [
            ("number", self.tr("客户编号")),
            ("customer_type", self.tr("客户类型")),
            ("tier", self.tr("客户等级")),
            ("stage", self.tr("发展阶段")),
            ("owner", self.tr("负责人")),
            ("gender", self.tr("性别")),
            ("birthday", self.tr("生日")),
            ("id_number", self.tr("身份证号码")),
            ("mobile", self.tr("手机号码")),
            ("landline", self.tr("固定电话")),
            ("email", self.tr("电子邮箱")),
            ("address", self.tr("地址")),
            ("postal_code", self.tr("邮政编码")),
            ("industry", self.tr("行业")),
            ("company", self.tr("单位")),
            ("source_channel", self.tr("来源渠道")),
            ("created", self.tr("建档时间")),
            ("last_activity", self.tr("最近活动")),
        ]
        for key, label in rows:
            value = QtWidgets.QLabel()
            value.setObjectName(f"fact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts[key] = value
            if key in REVEAL_FIELDS:
                cell = QtWidgets.QWidget()
                row = QtWidgets.QHBoxLayout(cell)
                row.setContentsMargins(0, 0, 0, 0)
                button = QtWidgets.QPushButton(self.tr("显示"))
                button.setObjectName(f"reveal_{key}")
                button.setToolTip(self.tr("显示完整号码（将记入审计日志）"))
                button.clicked.connect(lambda _c=False, f=key: self.reveal(f))
                self.reveal_buttons[key] = button
                row.addWidget(value, 1)
                row.addWidget(button)
                self.facts_form.addRow(self.tr("{0}：").format(label), cell)
            else:
                self.facts_form.addRow(self.tr("{0}：").format(label), value)
        column.addWidget(facts)
        tags_box = QtWidgets.QGroupBox(self.tr("标签"))
        tags_layout = QtWidgets.QVBoxLayout(tags_box)
        self.tags_label = QtWidgets.QLabel()
        self.tags_label.setObjectName("profile_tags")
        self.tags_label.setWordWrap(True)
        tags_layout.addWidget(self.tags_label)
        column.addWidget(tags_box)
        column.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        return scroll

    def _list_view(self, headers: list[str], name: str) -> tuple[QtWidgets.QTreeView,
                                                                  QtGui.QStandardItemModel]:
        model = QtGui.QStandardItemModel(0, len(headers), self)
        model.setHorizontalHeaderLabels(headers)
        view = QtWidgets.QTreeView()
        view.setObjectName(name)
        view.setRootIsDecorated(False)
        view.setModel(model)
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setColumnWidth(0, 140)
        return view, model

    def _build_tabs(self) -> None:
        self.timeline_view, self.timeline = self._list_view(
            [self.tr("时间"), self.tr("类型"), self.tr("内容"), self.tr("经办人")],
            "profile_timeline")
        self.timeline_view.setColumnWidth(2, 360)
        self.timeline_empty = QtWidgets.QLabel(self.tr("暂无记录"))
        self.timeline_empty.setObjectName("timeline_empty")
        self.timeline_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timeline_empty.setStyleSheet(MUTED_STYLE)
        page = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(page)
        box.addWidget(self.timeline_empty)
        box.addWidget(self.timeline_view, 1)
        self.tabs.addTab(page, self.tr("时间线"))

        self.stages_view, self.stages = self._list_view(
            [self.tr("时间"), self.tr("阶段变化"), self.tr("操作人")], "profile_stages")
        self.tabs.addTab(self.stages_view, self.tr("阶段变化"))

        self.attachments = AttachmentsBox(self.ctx)
        self.attachments.sig_changed.connect(self.refresh_attachments)
        self.attachments.sig_status.connect(self.sig_status.emit)
        self.tabs.addTab(self.attachments, self.tr("附件"))

        people_page = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(people_page)
        self.people_view, self.people = self._list_view(
            [self.tr("姓名"), self.tr("职务"), self.tr("电话")], "profile_people")
        self.reveal_person_button = QtWidgets.QPushButton(self.tr("显示所选联系人电话"))
        self.reveal_person_button.setObjectName("reveal_person_phone")
        self.reveal_person_button.clicked.connect(self.reveal_person)
        box.addWidget(self.people_view, 1)
        box.addWidget(self.reveal_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(people_page, self.tr("企业联系人"))

        self.needs = QtWidgets.QPlainTextEdit()
        self.needs.setObjectName("profile_needs")
        self.needs.setReadOnly(True)
        self.tabs.addTab(self.needs, self.tr("需求与备注"))

    # -- showing ------------------------------------------------------------------------

    def log_contact(self) -> QWidget | None:
        """Open the contact form for this customer (the customer is fixed)."""
        from postcrm_desktop.ui.pages.contact_form import ContactForm, saved_message

        if self.detail is None or not self.log_button.isEnabled():
            return None
        form = ContactForm(self.ctx, customer_id=self.detail.id, parent=self)
        form.sig_saved.connect(lambda _id, result: (
            self.reload(), self.sig_status.emit(saved_message(result, self)[0])))
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def _emit_for(self, signal: Any) -> None:
        if self.detail is not None:
            signal.emit(self.detail.id)

    def load(self, customer_id: str) -> bool:
        from postcrm_desktop.services.customers import records

        try:
            detail = records.get_customer(self.ctx.branch, customer_id)
        except PostCrmError as exc:
            self.detail = None
            self.notice.setText(error_message(exc))
            self.notice.setVisible(True)
            self.title.setText("")
            return False
        self.show_detail(detail)
        return True

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.id)

    def refresh_attachments(self) -> None:
        """Read the attachment list again, nothing else: numbers revealed stay shown."""
        from postcrm_desktop.services.customers import attachments

        d = self.detail
        if d is None:
            return
        try:
            items = attachments.list_attachments(self.ctx.branch, "customer", d.id)
        except PostCrmError:
            self.reload()  # e.g. the customer is gone: the notice says so
            return
        self.detail = replace(d, attachments=items)
        self.attachments.set_attachments(d.id, items, self.attachments.editable)

    def on_changes(self, changes: Changes) -> None:
        """Customers changed somewhere: reload when this customer did (its own row, or
        tags, people, attachments, which announce it too) or a tag or attachment shown
        here did; when only its attachments changed, read just those again."""
        d = self.detail
        if d is None:
            return
        customers = changes.entities.get("customer", frozenset())
        attachments = changes.entities.get("attachment", frozenset())
        shown_attachments = {a.id for a in d.attachments}
        mine = d.id in customers
        if not (mine or attachments & shown_attachments
                or changes.entities.get("tag", frozenset()) & {t.id for t in d.tags}):
            return
        if attachments and set(changes.entities) <= {"attachment", "customer"} \
                and customers <= {d.id}:
            self.refresh_attachments()
        else:
            self.reload()

    def customer_id(self) -> str | None:
        return self.detail.id if self.detail is not None else None

    def show_detail(self, d: CustomerDetail) -> None:
        self.detail = d
        self.title.setText(d.name)
        self.badges.setText("　".join(x for x in (type_label(d.customer_type), tier_label(d.tier),
                                                  stage_label(d.stage)) if x))
        gone = d.deleted_at is not None or d.merged_into is not None
        self.notice.setVisible(gone)
        if d.merged_into:
            self.notice.setText(self.tr("该客户已合并到其他客户，只能查看。"))
        elif d.deleted_at is not None:
            self.notice.setText(self.tr("该客户在回收站中（{0} 删除），恢复后才能修改。")
                                .format(fmt_datetime(d.deleted_at)))
        self.edit_button.setEnabled(self.can_edit and not gone)
        self.log_button.setEnabled(self.ctx.branch.actor.can(Perm.CONTACT_EDIT) and not gone)
        self.delete_button.setEnabled(self.can_delete and not gone)
        self.complaint_button.setEnabled(self.ctx.branch.actor.can(Perm.COMPLAINT_EDIT)
                                         and not gone)
        address = " ".join(x for x in (d.province, d.city, d.district, d.address) if x)
        owner = d.owner_name + (f"（{d.department}）" if d.department else "")
        stage = stage_label(d.stage)
        if d.stage_changed_at is not None:
            stage += self.tr("（{0} 起）").format(fmt_date(d.stage_changed_at))
        values = {
            "number": d.number, "customer_type": type_label(d.customer_type),
            "tier": tier_label(d.tier), "stage": stage, "owner": owner,
            "gender": gender_label(d.gender),
            "birthday": fmt_date(d.birthday) or d.birthday_masked,
            "id_number": d.id_number, "mobile": d.mobile, "landline": d.landline,
            "email": d.email, "address": address, "postal_code": d.postal_code,
            "industry": d.industry, "company": d.company,
            "source_channel": channel_label(d.source_channel),
            "created": fmt_datetime(d.created_at),
            "last_activity": fmt_datetime(d.last_activity_at) or self.tr("暂无"),
        }
        for key, text in values.items():
            self.facts[key].setText(text)
        for key, button in self.reveal_buttons.items():
            button.setVisible(self.can_reveal and bool(values[key]) and not d.revealed)
        groups = tags_by_group(d.tags)
        self.tags_label.setText("\n".join(
            f"{group_label(g)}：{'、'.join(t.name for t in ts)}" for g, ts in groups.items())
            or self.tr("暂无标签"))
        self._fill_stages(d)
        self._fill_people(d)
        self.attachments.set_attachments(d.id, d.attachments, self.can_edit and not gone)
        needs = [self.tr("需求描述："), d.needs or self.tr("（无）"), "",
                 self.tr("备注："), d.notes or self.tr("（无）")]
        self.needs.setPlainText("\n".join(needs))
        self._fill_timeline(d.id)

    def _fill_stages(self, d: CustomerDetail) -> None:
        self.stages.removeRows(0, self.stages.rowCount())
        for change in reversed(d.stage_history):
            what = stage_label(change.to_stage) if change.from_stage is None else \
                f"{stage_label(change.from_stage)} → {stage_label(change.to_stage)}"
            self.stages.appendRow([QtGui.QStandardItem(fmt_datetime(change.changed_at)),
                                   QtGui.QStandardItem(what),
                                   QtGui.QStandardItem(change.by_name)])

    def _fill_people(self, d: CustomerDetail) -> None:
        self.people.removeRows(0, self.people.rowCount())
        for p in d.people:
            name = QtGui.QStandardItem(p.name)
            name.setData(p.id, PersonIdRole)
            self.people.appendRow([name, QtGui.QStandardItem(p.title),
                                   QtGui.QStandardItem(p.phone)])
        self.reveal_person_button.setVisible(self.can_reveal and any(p.phone for p in d.people))

    def _fill_timeline(self, customer_id: str) -> None:
        self.timeline.removeRows(0, self.timeline.rowCount())
        try:
            items = load_timeline(self.ctx.branch, customer_id, self.ctx.clock)
        except PostCrmError as exc:
            self.timeline_empty.setText(error_message(exc))
            items = []
        else:
            self.timeline_empty.setText(self.tr("暂无记录"))
        for item in items or []:
            cells = [QtGui.QStandardItem(c) for c in timeline_cells(item)]
            cells[2].setToolTip(str(getattr(item, "detail", "") or cells[2].text()))
            self.timeline.appendRow(cells)
        self.timeline_empty.setVisible(not items)
        self.timeline_view.setVisible(bool(items))

    def new_complaint(self) -> QWidget | None:
        """登记投诉: the complaint desk's intake form with this customer fixed."""
        from postcrm_desktop.ui.pages.complaint_intake import ComplaintIntake

        if self.detail is None or not self.complaint_button.isEnabled():
            return None
        dlg = ComplaintIntake(self.ctx, self.detail.id, self)
        dlg.sig_saved.connect(lambda _id: self.sig_status.emit(
            self.tr("投诉已登记，可在“投诉”页跟进处理")))
        dlg.finished.connect(dlg.deleteLater)
        self.complaint_dialog = dlg
        dlg.open()
        return dlg

    # -- reveal -------------------------------------------------------------------------

    def reveal(self, field: str) -> str | None:
        from postcrm_desktop.services.customers import records

        if self.detail is None or not self.can_reveal:
            return None
        try:
            value = records.reveal_field(self.ctx.branch, self.detail.id, field)
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("显示号码"), error_message(exc))
            return None
        self.facts[field].setText(value)
        self.reveal_buttons[field].setVisible(False)
        return value

    def reveal_person(self) -> str | None:
        from postcrm_desktop.services.customers import records

        index = self.people_view.currentIndex()
        if self.detail is None or not self.can_reveal or not index.isValid():
            return None
        item = self.people.item(index.row(), 0)
        try:
            value = records.reveal_field(self.ctx.branch, self.detail.id, "person_phone",
                                         person_id=item.data(PersonIdRole))
        except PostCrmError as exc:
            QMessageBox.warning(self, self.tr("显示号码"), error_message(exc))
            return None
        self.people.item(index.row(), 2).setText(value)
        return value
