"""The audit log in words: what each action, detail field and recorded value means, in
Chinese (zh_CN, first) and English.

The log itself keeps codes and ids (never names or numbers in clear: it cannot be
edited, so personal data written there could never be removed). These tables turn a row
into a sentence when it is shown; names of customers and other records are looked up
at that moment, for a reader allowed to see them (`audit_log.page`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from postcrm_desktop.core.complaint_enums import Priority, Status
from postcrm_desktop.core.contact_enums import CareCalendar, CareKind, ContactChannel, RuleMode
from postcrm_desktop.core.customer_enums import CustomerType, Stage, TagGroup
from postcrm_desktop.core.roles import Role
from postcrm_desktop.core.validators import FIELD_LABELS as CUSTOMER_FIELDS

# action code -> (Chinese, English)
ACTIONS: dict[str, tuple[str, str]] = {
    "branch.init": ("创建网点数据库", "Branch database created"),
    "login.ok": ("登录成功", "Logged in"),
    "login.failed": ("登录失败（密码错误）", "Login failed (wrong password)"),
    "login.throttled": ("登录被拒绝（尝试过快）", "Login refused (too many attempts)"),
    "login.locked_out": ("登录被拒绝（账户已锁定）", "Login refused (account locked)"),
    "user.locked": ("账户因多次密码错误被锁定", "Account locked after wrong passwords"),
    "user.lock_expired": ("账户锁定到期自动解除", "Account lock expired"),
    "audit.anchor_mismatch": ("审计链头与密钥文件中的锚点不一致",
                              "Audit chain head did not match its anchor in the key file"),
    "idle_unlock.failed": ("锁屏解锁密码错误", "Wrong password at the idle lock"),
    "key.rotated": ("更换数据库主密钥", "Database master key rotated"),
    "key.recovery_replaced": ("更换恢复密钥", "Recovery key replaced"),
    "user.unlocked": ("解锁账户", "Account unlocked"),
    "user.added": ("新增用户", "User added"),
    "user.role_changed": ("修改用户角色", "User role changed"),
    "user.enabled": ("启用用户", "User enabled"),
    "user.disabled": ("停用用户", "User disabled"),
    "password.reset": ("重置密码", "Password reset"),
    "password.changed": ("修改自己的密码", "Own password changed"),
    "keyfile.recovered": ("用恢复密钥重建密钥文件", "Key file rebuilt with the recovery key"),
    "backup.manual": ("手动备份", "Manual backup"),
    "backup.automatic": ("自动备份", "Automatic backup"),
    "backup.restored": ("从备份恢复", "Restored from backup"),
    "setting.changed": ("修改设置", "Setting changed"),
    "screenshots.export": ("导出界面截图", "Screen pictures exported"),
    "customer.created": ("新建客户", "Customer created"),
    "customer.updated": ("修改客户资料", "Customer updated"),
    "customer.revealed": ("查看完整号码", "Full number viewed"),
    "customer.deleted": ("客户移入回收站", "Customer moved to the recycle bin"),
    "customer.restored": ("从回收站恢复客户", "Customer restored from the recycle bin"),
    "customer.purged": ("彻底删除客户", "Customer deleted permanently"),
    "customer.merged": ("合并重复客户", "Duplicate customers merged"),
    "customer.tags_changed": ("修改客户标签", "Customer tags changed"),
    "customer.number_searched": ("按号码查找客户", "Customers searched by number"),
    "customer.number_search_refused": ("按号码查找过于频繁被拒绝",
                                       "Search by number refused (too frequent)"),
    "tag.created": ("新建标签", "Tag created"),
    "tag.renamed": ("修改标签", "Tag changed"),
    "tag.merged": ("合并标签", "Tags merged"),
    "tag.retired": ("停用标签", "Tag retired"),
    "tag.restored": ("重新启用标签", "Tag enabled again"),
    "tag.deleted": ("删除标签", "Tag deleted"),
    "attachment.added": ("添加附件", "Attachment added"),
    "attachment.opened": ("打开附件", "Attachment opened"),
    "attachment.removed": ("删除附件", "Attachment removed"),
    "contact.logged": ("记录联系", "Contact logged"),
    "contact.updated": ("修改联系记录", "Contact record changed"),
    "task.created": ("新建跟进任务", "Follow-up task created"),
    "task.updated": ("修改跟进任务", "Follow-up task changed"),
    "task.completed": ("完成跟进任务", "Follow-up task completed"),
    "task.reopened": ("重新打开跟进任务", "Follow-up task reopened"),
    "task.cancelled": ("取消跟进任务", "Follow-up task cancelled"),
    "rule.created": ("新建跟进规则", "Follow-up rule created"),
    "rule.updated": ("修改跟进规则", "Follow-up rule changed"),
    "rule.enabled": ("启用跟进规则", "Follow-up rule enabled"),
    "rule.disabled": ("停用跟进规则", "Follow-up rule disabled"),
    "rule.deleted": ("删除跟进规则", "Follow-up rule deleted"),
    "rule.applied": ("按跟进规则生成任务", "Tasks created by a follow-up rule"),
    "care_date.added": ("添加关怀日", "Care date added"),
    "care_date.updated": ("修改关怀日", "Care date changed"),
    "care_date.removed": ("删除关怀日", "Care date removed"),
    "greeting_template.created": ("新建祝福模板", "Greeting template created"),
    "greeting_template.updated": ("修改祝福模板", "Greeting template changed"),
    "greeting_template.deleted": ("删除祝福模板", "Greeting template deleted"),
    "greeting.exported": ("导出祝福短信名单", "Greeting SMS list exported"),
    "complaint.created": ("登记投诉", "Complaint registered"),
    "complaint.edited": ("修改投诉", "Complaint changed"),
    "complaint.status_changed": ("投诉处理进度变更", "Complaint status changed"),
    "complaint.priority_changed": ("修改投诉优先级", "Complaint priority changed"),
    "complaint.reassigned": ("改派投诉处理人", "Complaint reassigned"),
    "complaint.note_added": ("添加投诉处理备注", "Complaint note added"),
    "complaint.escalated": ("投诉升级到总部", "Complaint escalated to head office"),
    "complaint.escalation_cancelled": ("撤销投诉升级", "Complaint escalation withdrawn"),
    "complaint.sla_policy_changed": ("修改投诉处理时限", "Complaint deadlines changed"),
    "holiday.calendar_changed": ("修改节假日安排", "Holiday calendar changed"),
    "complaint.demo_filled": ("生成演示投诉", "Demo complaints generated"),
    "complaint.category_added": ("新增投诉类别", "Complaint category added"),
    "complaint.category_renamed": ("修改投诉类别名称", "Complaint category renamed"),
    "complaint.category_enabled": ("启用投诉类别", "Complaint category enabled"),
    "complaint.category_retired": ("停用投诉类别", "Complaint category retired"),
    "complaint.category_moved": ("调整投诉类别顺序", "Complaint category moved"),
    "complaint.category_deleted": ("删除投诉类别", "Complaint category deleted"),
    "case.created": ("新建案例", "Case created"),
    "case.edited": ("修改案例", "Case changed"),
    "case.retired": ("停用案例", "Case retired"),
    "case.restored": ("重新启用案例", "Case enabled again"),
}

# entity -> (Chinese, English)
ENTITIES: dict[str, tuple[str, str]] = {
    "user": ("用户", "User"),
    "setting": ("设置", "Setting"),
    "customer": ("客户", "Customer"),
    "tag": ("标签", "Tag"),
    "contact": ("联系记录", "Contact"),
    "task": ("跟进任务", "Task"),
    "follow_up_rule": ("跟进规则", "Follow-up rule"),
    "care_date": ("关怀日", "Care date"),
    "greeting_template": ("祝福模板", "Greeting template"),
    "complaint": ("投诉", "Complaint"),
    "complaint_category": ("投诉类别", "Complaint category"),
    "holiday_day": ("节假日安排", "Holiday calendar"),
    "case": ("案例", "Case"),
    "campaign": ("营销活动", "Campaign"),
}

# detail key -> (Chinese, English); keys not listed are not shown (technical ids).
FIELDS: dict[str, tuple[str, str]] = {
    "number": ("编号", "Number"),
    "customer_type": ("类型", "Type"),
    "stage": ("阶段", "Stage"),
    "owner_id": ("负责人", "Account manager"),
    "tags": ("标签数", "Tags"),
    "people": ("联系人数", "Contact people"),
    "fields": ("字段", "Fields"),
    "role": ("角色", "Role"),
    "from": ("原为", "From"),
    "to": ("改为", "To"),
    "action": ("操作", "Action"),
    "file": ("文件", "File"),
    "bytes": ("大小", "Size"),
    "replaced_copy": ("原数据库另存为", "Previous database kept as"),
    "branch_code": ("网点代码", "Branch code"),
    "users_to_reset": ("需重设密码的用户", "Users to reset"),
    "rebuilt": ("重建", "Rebuilt"),
    "value": ("新值", "New value"),
    "tasks": ("任务数", "Tasks"),
    "mode": ("方式", "Mode"),
    "days": ("天数", "Days"),
    "channel": ("渠道", "Channel"),
    "kind": ("种类", "Kind"),
    "calendar": ("历法", "Calendar"),
    "lines": ("条数", "Lines"),
    "start": ("起始日期", "From date"),
    "removed": ("移除", "Removed"),
    "removed_from": ("从客户移除", "Removed from customers"),
    "moved": ("转移", "Moved"),
    "added": ("添加", "Added"),
    "tag_group": ("标签分组", "Tag group"),
    "position": ("位置", "Position"),
    "count": ("数量", "Count"),
    "category": ("类别", "Category"),
    "complaint": ("投诉编号", "Complaint number"),
    "where": ("位置", "Where"),
    "hits": ("结果数", "Hits"),
    "query": ("查找内容", "Searched for"),
    "size": ("大小", "Size"),
    "mime_type": ("文件类型", "File type"),
    "into": ("并入", "Merged into"),
    "name": ("名称", "Name"),
    "case_title": ("案例标题", "Case title"),
    "case_tags": ("案例标签", "Case tags"),
    "problem": ("问题描述", "Problem"),
    "cause": ("原因", "Cause"),
    "solution": ("解决方案", "Solution"),
    "years": ("年份", "Years"),
}

# Values of enumerated fields, by field.
_ENUMS: dict[str, Any] = {
    "customer_type": CustomerType, "stage": Stage, "role": Role, "mode": RuleMode,
    "channel": ContactChannel, "kind": CareKind, "calendar": CareCalendar,
    "tag_group": TagGroup,
}
_FROM_TO_ENUMS = (Role, Status, Priority, Stage)
_YES_NO = {True: ("是", "yes"), False: ("否", "no")}
_ROLE_EN = {"counter_clerk": "Counter clerk", "account_manager": "Account manager",
            "branch_admin": "Branch admin", "hq_analyst": "HQ analyst"}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def action_label(code: str, lang: str = "zh_CN") -> str:
    """The action in words; an unknown code (from a newer version) as recorded."""
    pair = ACTIONS.get(code)
    return _pick(pair, lang) if pair else code


def entity_label(entity: str, lang: str = "zh_CN") -> str:
    pair = ENTITIES.get(entity)
    return _pick(pair, lang) if pair else entity


def _enum_label(enum: Any, value: Any, lang: str) -> str | None:
    try:
        member = enum(value)
    except (ValueError, TypeError):
        return None
    if enum is Role and lang.startswith("en"):
        return _ROLE_EN.get(str(member), str(member))
    if hasattr(member, "label_en"):
        return member.label_en if lang.startswith("en") else member.label
    return str(getattr(member, "label", value))


def _field_name(name: str, lang: str) -> str:
    pair = FIELDS.get(name)
    if pair:
        return _pick(pair, lang)
    label = CUSTOMER_FIELDS.get(name)
    return label if label and not lang.startswith("en") else name.replace("_", " ")


def value_text(key: str, value: Any, lang: str = "zh_CN",
               names: Mapping[str, str] | None = None) -> str:
    """One recorded value in words: labels for codes, names for user ids."""
    if isinstance(value, bool):
        return _pick(_YES_NO[value], lang)
    if value is None:
        return "无" if not lang.startswith("en") else "none"
    if isinstance(value, list):
        if key == "fields":
            return "、".join(_field_name(str(v), lang) for v in value) if not \
                lang.startswith("en") else ", ".join(_field_name(str(v), lang) for v in value)
        return str(len(value)) if key in ("removed", "moved", "added") else \
            ", ".join(str(v) for v in value)
    if key in ("owner_id", "assignee_id", "from_assignee_id") and names is not None:
        return names.get(str(value), "")
    enum = _ENUMS.get(key)
    if enum is not None:
        found = _enum_label(enum, value, lang)
        if found:
            return found
    if key in ("from", "to"):
        for enum in _FROM_TO_ENUMS:
            found = _enum_label(enum, value, lang)
            if found:
                return found
    if key in ("bytes", "size") and isinstance(value, int):
        return f"{value / 1024:.0f} KB" if value < 1024 * 1024 else f"{value / 2**20:.1f} MB"
    return str(value)


# Detail keys that are bookkeeping, not for a reader (ids, where an event was kept).
HIDDEN = frozenset({"source", "attachment_id", "care_date_id", "assignee_id",
                    "from_assignee_id"})


def detail_text(detail: Mapping[str, Any], lang: str = "zh_CN",
                names: Mapping[str, str] | None = None) -> str:
    """The detail of a row as "字段：值，字段：值" (or "Field: value, ...")."""
    en = lang.startswith("en")
    parts = []
    for key in sorted(detail):
        if key in HIDDEN:
            continue
        shown = value_text(key, detail[key], lang, names)
        if shown == "":
            continue
        parts.append(f"{_field_name(key, lang)}: {shown}" if en
                     else f"{_field_name(key, lang)}：{shown}")
    return ", ".join(parts) if en else "，".join(parts)


def action_codes() -> list[str]:
    return list(ACTIONS)


__all__ = ["ACTIONS", "ENTITIES", "FIELDS", "HIDDEN", "action_codes", "action_label",
           "detail_text", "entity_label", "value_text"]
