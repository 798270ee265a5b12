"""Closed choices of contacts, follow-up tasks and care dates.

Same shape as `core.customer_enums`: the value is the stable English code kept in the
database, `.label` the Chinese text, `.label_en` the English one, and `parse_enum`
accepts any of them (its messages name the Chinese field registered below).
"""

from __future__ import annotations

from postcrm_desktop.core.customer_enums import ENUM_FIELDS, LabelledEnum


class ContactChannel(LabelledEnum):
    PHONE = "phone", "电话", "Phone"
    VISIT = "visit", "上门拜访", "Visit"
    COUNTER = "counter", "柜台", "Counter"
    EMAIL = "email", "邮件", "Email"
    WECHAT = "wechat", "微信", "WeChat"
    SMS = "sms", "短信", "SMS"


class TaskStatus(LabelledEnum):
    OPEN = "open", "待办", "Open"
    DONE = "done", "已完成", "Done"
    CANCELLED = "cancelled", "已取消", "Cancelled"


class TaskSource(LabelledEnum):
    RULE = "rule", "跟进规则", "Follow-up rule"
    MANUAL = "manual", "手工创建", "Manual"
    CONTACT = "contact", "联系记录的下一步", "Next step of a contact"


class RuleMode(LabelledEnum):
    """`every`: a task whenever N days pass without contact; `within`: one task per stage
    entry, due N days after the customer entered the stage."""

    EVERY = "every", "每隔N天", "Every N days"
    WITHIN = "within", "进入阶段后N天内", "Within N days of entering the stage"


class CareKind(LabelledEnum):
    BIRTHDAY = "birthday", "生日", "Birthday"
    ANNIVERSARY = "anniversary", "合作纪念日", "Cooperation anniversary"
    CUSTOM = "custom", "自定义", "Custom date"


class CareCalendar(LabelledEnum):
    SOLAR = "solar", "公历", "Solar"
    LUNAR = "lunar", "农历", "Lunar"


ENUM_FIELDS.update({
    ContactChannel: ("channel", "联系方式"),
    TaskStatus: ("status", "任务状态"),
    TaskSource: ("source", "任务来源"),
    RuleMode: ("mode", "规则类型"),
    CareKind: ("kind", "关怀类型"),
    CareCalendar: ("calendar", "历法"),
})

__all__ = [
    "CareCalendar",
    "CareKind",
    "ContactChannel",
    "RuleMode",
    "TaskSource",
    "TaskStatus",
]
