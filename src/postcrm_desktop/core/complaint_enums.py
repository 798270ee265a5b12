"""Closed choices of the complaint desk: type, priority, status, channel, clock mode.

Same pattern as `core.customer_enums`: each member is `(code kept in the database,
Chinese label, English label)`, and `parse_enum` accepts a code, a label or a member.
Categories are not an enum: the branch edits that list (`DEFAULT_CATEGORIES` seeds it).
"""

from __future__ import annotations

from typing import Any, TypeVar

from postcrm_desktop.core.customer_enums import ENUM_FIELDS, LabelledEnum, Tier, parse_enum


class ComplaintType(LabelledEnum):
    ENQUIRY = "enquiry", "咨询", "Enquiry"
    COMPLAINT = "complaint", "投诉", "Complaint"
    SUGGESTION = "suggestion", "建议", "Suggestion"


class Priority(LabelledEnum):
    """Ordered: `Priority.LOW < Priority.NORMAL < Priority.URGENT`."""

    URGENT = "urgent", "紧急", "Urgent"
    NORMAL = "normal", "一般", "Normal"
    LOW = "low", "低", "Low"

    @property
    def rank(self) -> int:
        """0 for low, 1 for normal, 2 for urgent."""
        return _PRIORITY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Priority):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, Priority):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, Priority):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, Priority):
            return self.rank >= other.rank
        return NotImplemented

    __hash__ = LabelledEnum.__hash__


_PRIORITY_RANK = {"low": 0, "normal": 1, "urgent": 2}


class Status(LabelledEnum):
    """Workflow states in their normal order (see `core.complaint_workflow`)."""

    NEW = "new", "新建", "New"
    ASSIGNED = "assigned", "已分派", "Assigned"
    IN_PROGRESS = "in_progress", "处理中", "In progress"
    RESOLVED = "resolved", "已解决", "Resolved"
    REVISITED = "revisited", "已回访", "Revisited"
    CLOSED = "closed", "已关闭", "Closed"

    @property
    def rank(self) -> int:
        """Position in the normal flow, 0 (new) to 5 (closed): sync keeps the furthest."""
        return list(Status).index(self)

    @property
    def is_open(self) -> bool:
        """Still waiting for a resolution: the deadline clock runs."""
        return self in OPEN_STATUSES


OPEN_STATUSES: frozenset[Status] = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS})


class Channel(LabelledEnum):
    """How the customer reached the branch."""

    COUNTER = "counter", "柜台", "Counter"
    PHONE = "phone", "电话", "Phone"
    HOTLINE = "hotline", "11183/11185热线", "Hotline"
    ONLINE = "online", "网站/APP", "Online"
    LETTER = "letter", "信函", "Letter"
    VISIT = "visit", "上门", "Visit"
    OTHER = "other", "其他", "Other"


class ClockMode(LabelledEnum):
    """How a deadline counts: every hour of the day, or only working hours on working days."""

    CALENDAR = "calendar", "自然时间", "Calendar hours"
    WORKING = "working", "工作时间", "Working hours"


# The category list a new branch starts with: (code, Chinese name, English name).
DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("delay", "延误", "Delay"),
    ("loss", "丢失", "Loss"),
    ("damage", "破损", "Damage"),
    ("attitude", "服务态度", "Attitude"),
    ("price", "价格", "Price"),
    ("other", "其他", "Other"),
)

ENUM_FIELDS.update({
    ComplaintType: ("complaint_type", "类型"),
    Priority: ("priority", "优先级"),
    Status: ("status", "状态"),
    Channel: ("channel", "受理渠道"),
    ClockMode: ("mode", "计时方式"),
})

# Other spellings people write (compared after trimming and case folding).
_ALIASES: dict[type[LabelledEnum], dict[str, str]] = {
    ComplaintType: {"服务请求": "enquiry", "咨询类": "enquiry", "投诉类": "complaint",
                    "建议类": "suggestion", "意见": "suggestion"},
    Priority: {"高": "urgent", "紧急优先": "urgent", "普通": "normal", "中": "normal",
               "低优先级": "low"},
    Status: {"待分派": "new", "处理完成": "resolved", "已完成": "resolved", "关闭": "closed"},
    Channel: {"热线": "hotline", "11183": "hotline", "11185": "hotline", "app": "online",
              "网站": "online", "网络": "online", "来信": "letter", "其它": "other"},
    ClockMode: {"自然时": "calendar", "日历": "calendar", "工作时": "working"},
}

E = TypeVar("E", bound=LabelledEnum)


def parse_choice(enum_cls: type[E], text: Any, field: str | None = None) -> E:
    """Like `parse_enum`, also accepting the desk's usual alternative words."""
    if isinstance(text, str):
        alias = _ALIASES.get(enum_cls, {}).get(text.strip().casefold())
        if alias is not None:
            return enum_cls(alias)
    return parse_enum(enum_cls, text, field)


def default_priority_for(tier: Tier | str | None, table: dict[str, str] | None = None
                         ) -> Priority:
    """Priority a new complaint of a customer of `tier` starts with.

    `table` maps tier codes to priority codes (the branch's SLA policy); tiers it does
    not name start normal. Without a table, diamond customers start urgent.
    """
    mapping = table if table is not None else DEFAULT_TIER_PRIORITY
    code = str(tier) if tier else ""
    return Priority(mapping.get(code, Priority.NORMAL))


DEFAULT_TIER_PRIORITY: dict[str, str] = {
    Tier.NORMAL.value: Priority.NORMAL.value,
    Tier.SILVER.value: Priority.NORMAL.value,
    Tier.GOLD.value: Priority.NORMAL.value,
    Tier.PLATINUM.value: Priority.NORMAL.value,
    Tier.DIAMOND.value: Priority.URGENT.value,
}

__all__ = [
    "DEFAULT_CATEGORIES",
    "DEFAULT_TIER_PRIORITY",
    "OPEN_STATUSES",
    "Channel",
    "ClockMode",
    "ComplaintType",
    "Priority",
    "Status",
    "default_priority_for",
    "parse_choice",
]
