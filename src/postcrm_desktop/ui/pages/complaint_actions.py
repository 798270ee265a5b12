"""The small forms behind the detail panel's buttons, one per step: assign, resolve,
revisit, reopen, priority, escalate, note, edit. Each returns an `ActionDialog` whose
Save calls the desk service; what the service refuses shows under the field."""

from __future__ import annotations

from postcrm_desktop.core.complaint_enums import Channel, ComplaintType, Priority, Status
from postcrm_desktop.core.complaint_workflow import SCORE_MAX, SCORE_MIN
from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.complaints.types import ComplaintDetail
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.models.complaints_table import priority_label
from postcrm_desktop.ui.models.customer_labels import language
from postcrm_desktop.ui.pages.complaint_forms import ActionDialog
from postcrm_desktop.ui.pages.complaint_intake import fill_enum, select_data
from postcrm_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QtWidgets,
    QWidget,
    translate,
)

SCORE_WORDS = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
# The words are translated where shown: in these forms and in the detail panel.
_SCORE_TEXTS = (
    QT_TRANSLATE_NOOP("ComplaintActions", "非常满意"),
    QT_TRANSLATE_NOOP("ComplaintActions", "满意"),
    QT_TRANSLATE_NOOP("ComplaintActions", "一般"),
    QT_TRANSLATE_NOOP("ComplaintActions", "不满意"),
    QT_TRANSLATE_NOOP("ComplaintActions", "非常不满意"),
    QT_TRANSLATE_NOOP("ComplaintDetailPanel", "非常满意"),
    QT_TRANSLATE_NOOP("ComplaintDetailPanel", "满意"),
    QT_TRANSLATE_NOOP("ComplaintDetailPanel", "一般"),
    QT_TRANSLATE_NOOP("ComplaintDetailPanel", "不满意"),
    QT_TRANSLATE_NOOP("ComplaintDetailPanel", "非常不满意"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintActions", text)


def _title(what: str, d: ComplaintDetail) -> str:
    return f"{what} - {d.row.number}"


def assign_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    reassign = d.row.status in (Status.ASSIGNED, Status.IN_PROGRESS)

    def submit(dlg: ActionDialog) -> None:
        desk.assign(
            ctx.branch, d.row.id, str(dlg.choice("assignee_id") or ""), note=dlg.text("note")
        )

    dlg = ActionDialog(
        _title(
            translate("ComplaintActions", "改派")
            if reassign
            else translate("ComplaintActions", "分派"),
            d,
        ),
        submit,
        parent,
    )
    users = QtWidgets.QComboBox()
    actor = ctx.branch.actor
    users.addItem(translate("ComplaintActions", "（请选择处理人）"), None)
    if actor.can(Perm.COMPLAINT_MANAGE):
        try:
            for u in desk.assignable_users(ctx.branch):
                label = u.display_name + (f"（{u.department}）" if u.department else "")
                users.addItem(label, u.id)
        except PostCrmError:
            pass
    elif actor.user_id:
        users.addItem(
            translate("ComplaintActions", "自己（{0}）").format(actor.display_name), actor.user_id
        )
    if d.row.assignee_id:
        select_data(users, d.row.assignee_id)
    elif users.count() == 2:
        users.setCurrentIndex(1)
    dlg.add("assignee_id", translate("ComplaintActions", "处理人："), users)
    dlg.add_text("note", translate("ComplaintActions", "备注："), lines=2)
    return dlg


def resolve_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    def submit(dlg: ActionDialog) -> None:
        desk.resolve(ctx.branch, d.row.id, dlg.text("resolution"))

    dlg = ActionDialog(
        _title(translate("ComplaintActions", "办结"), d),
        submit,
        parent,
        intro=translate("ComplaintActions", "填写处理结果后办结，之后进行回访。"),
    )
    dlg.add_text(
        "resolution",
        translate("ComplaintActions", "处理结果："),
        placeholder=translate("ComplaintActions", "如何处理、结果如何、是否赔偿、是否已告知客户"),
        lines=6,
    )
    return dlg


def revisit_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    def submit(dlg: ActionDialog) -> None:
        score = dlg.choice("satisfaction")
        desk.revisit(
            ctx.branch,
            d.row.id,
            score if isinstance(score, int) else None,  # type: ignore[arg-type]
            dlg.text("comment"),
        )

    dlg = ActionDialog(
        _title(translate("ComplaintActions", "回访"), d),
        submit,
        parent,
        intro=translate("ComplaintActions", "记录客户对处理结果的满意度（1-5 分）和意见。"),
    )
    scores = QtWidgets.QComboBox()
    scores.addItem(translate("ComplaintActions", "（请选择满意度）"), None)
    for n in range(SCORE_MAX, SCORE_MIN - 1, -1):
        scores.addItem(
            translate("ComplaintActions", "{0} 分　{1}").format(n, _tr(SCORE_WORDS[n])), n
        )
    dlg.add("satisfaction", translate("ComplaintActions", "满意度："), scores)
    dlg.add_text("comment", translate("ComplaintActions", "回访意见："), lines=3)
    return dlg


def reopen_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    def submit(dlg: ActionDialog) -> None:
        desk.reopen(ctx.branch, d.row.id, dlg.text("note"))

    dlg = ActionDialog(
        _title(translate("ComplaintActions", "重新打开"), d),
        submit,
        parent,
        intro=translate(
            "ComplaintActions",
            "重新打开后投诉回到“处理中”，办结期限从现在起重新计算；原处理结果和评分保留在处理历史中。",
        ),
    )
    dlg.add_text(
        "note",
        translate("ComplaintActions", "原因："),
        placeholder=translate("ComplaintActions", "如：客户再次来电反映问题未解决"),
    )
    return dlg


def priority_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    def submit(dlg: ActionDialog) -> None:
        desk.set_priority(
            ctx.branch, d.row.id, str(dlg.choice("priority")), reason=dlg.text("reason")
        )

    floor = Priority(d.priority_floor)
    dlg = ActionDialog(
        _title(translate("ComplaintActions", "调整优先级"), d),
        submit,
        parent,
        intro=translate(
            "ComplaintActions",
            "当前为“{0}”，该客户等级默认“{1}”。办结期限按新优先级从受理时间重新计算；"
            "降低优先级须说明原因。",
        ).format(priority_label(d.row.priority), priority_label(str(floor))),
    )
    combo = QtWidgets.QComboBox()
    fill_enum(combo, Priority)
    select_data(combo, d.row.priority)
    dlg.add("priority", translate("ComplaintActions", "优先级："), combo)
    dlg.add_text("reason", translate("ComplaintActions", "原因："), lines=2)
    return dlg


def escalate_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    cancel = d.row.escalated

    def submit(dlg: ActionDialog) -> None:
        if cancel:
            desk.cancel_escalation(ctx.branch, d.row.id, dlg.text("note"))
        else:
            desk.escalate(ctx.branch, d.row.id, dlg.text("note"))

    if cancel:
        dlg = ActionDialog(_title(translate("ComplaintActions", "撤销上报"), d), submit, parent)
        dlg.add_text("note", translate("ComplaintActions", "撤销原因："), lines=3)
    else:
        dlg = ActionDialog(
            _title(translate("ComplaintActions", "上报总部"), d),
            submit,
            parent,
            intro=translate("ComplaintActions", "上报标记随同步发送给总部。"),
        )
        dlg.add_text(
            "note",
            translate("ComplaintActions", "上报说明："),
            placeholder=translate("ComplaintActions", "需要总部协调处理的原因"),
            lines=3,
        )
    return dlg


def note_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import desk

    def submit(dlg: ActionDialog) -> None:
        desk.add_note(ctx.branch, d.row.id, dlg.text("note"))

    dlg = ActionDialog(_title(translate("ComplaintActions", "添加处理记录"), d), submit, parent)
    dlg.add_text(
        "note",
        translate("ComplaintActions", "处理记录："),
        placeholder=translate("ComplaintActions", "如：已致电客户说明进展；已联系处理中心查询"),
    )
    return dlg


def edit_dialog(ctx: PageContext, d: ComplaintDetail, parent: QWidget | None) -> ActionDialog:
    from postcrm_desktop.services.complaints import categories, desk
    from postcrm_desktop.services.complaints.types import ComplaintEdit

    def submit(dlg: ActionDialog) -> None:
        desk.update_complaint(
            ctx.branch,
            d.row.id,
            ComplaintEdit(
                complaint_type=str(dlg.choice("complaint_type")),
                category=str(dlg.choice("category")),
                channel=str(dlg.choice("channel")),
                description=dlg.text("description"),
                waybill_no=dlg.text("waybill_no"),
            ),
        )

    dlg = ActionDialog(_title(translate("ComplaintActions", "修改投诉"), d), submit, parent)
    kind = QtWidgets.QComboBox()
    fill_enum(kind, ComplaintType)
    select_data(kind, d.row.complaint_type)
    dlg.add("complaint_type", translate("ComplaintActions", "类型："), kind)
    cats = QtWidgets.QComboBox()
    try:
        rows = categories.list_categories(ctx.branch)
    except PostCrmError:
        rows = []
    for c in rows:
        cats.addItem(c.name_en if language().startswith("en") and c.name_en else c.name, c.code)
    if cats.findData(d.row.category) < 0:  # a retired category stays selectable as is
        cats.addItem(d.row.category_name, d.row.category)
    select_data(cats, d.row.category)
    dlg.add("category", translate("ComplaintActions", "问题分类："), cats)
    channel = QtWidgets.QComboBox()
    fill_enum(channel, Channel)
    select_data(channel, d.row.channel)
    dlg.add("channel", translate("ComplaintActions", "受理渠道："), channel)
    waybill = QtWidgets.QLineEdit(d.row.waybill_no)
    dlg.add("waybill_no", translate("ComplaintActions", "邮件号："), waybill)
    dlg.add_text("description", translate("ComplaintActions", "问题描述："), lines=6)
    dlg.set_text("description", d.description)
    return dlg


DIALOGS = {
    "assign": assign_dialog,
    "resolve": resolve_dialog,
    "revisit": revisit_dialog,
    "reopen": reopen_dialog,
    "priority": priority_dialog,
    "escalate": escalate_dialog,
    "note": note_dialog,
    "edit": edit_dialog,
}

__all__ = ["DIALOGS", "SCORE_WORDS"]
