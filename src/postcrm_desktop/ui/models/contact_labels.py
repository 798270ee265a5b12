"""How contact, task and care codes and times read on screen (`电话`, not `phone`).

Shared by the contacts page, the workbench and their table models. Instants are stored in
UTC; they are shown in the zone of the `now` passed along (the branch's, from its clock),
else in the PC's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from postcrm_desktop.core.contact_enums import (
    CareCalendar,
    CareKind,
    ContactChannel,
    RuleMode,
    TaskSource,
    TaskStatus,
)
from postcrm_desktop.ui.models.customer_labels import enum_label
from postcrm_desktop.ui.qt import QCoreApplication, translate

# Entities whose change may alter what the contact screens or the workbench show.
CONTACT_ENTITIES = (
    "contact",
    "task",
    "follow_up_rule",
    "care_date",
    "greeting_template",
    "customer",
    "complaint",
)

OVERDUE_COLOR = "#b00020"
DUE_TODAY_COLOR = "#8a5a00"
DONE_COLOR = "#888888"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContactScreens", text)


def contact_channel_label(code: str | None) -> str:
    return enum_label(ContactChannel, code)


def task_status_label(code: str | None) -> str:
    return enum_label(TaskStatus, code)


def task_source_label(code: str | None) -> str:
    return enum_label(TaskSource, code)


def care_kind_label(code: str | None) -> str:
    return enum_label(CareKind, code)


def care_calendar_label(code: str | None) -> str:
    return enum_label(CareCalendar, code)


def rule_mode_label(code: str | None) -> str:
    return enum_label(RuleMode, code)


def fmt_local(value: datetime | None, zone: tzinfo | None = None) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def fmt_day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def weekday_label(value: date) -> str:
    names = (
        translate("ContactScreens", "周一"),
        translate("ContactScreens", "周二"),
        translate("ContactScreens", "周三"),
        translate("ContactScreens", "周四"),
        translate("ContactScreens", "周五"),
        translate("ContactScreens", "周六"),
        translate("ContactScreens", "周日"),
    )
    return names[value.weekday()]


def relative_day(value: date, today: date) -> str:
    """今天 / 明天 / 昨天 / 3天后 / 5天前, else the date."""
    delta = (value - today).days
    if delta == 0:
        return translate("ContactScreens", "今天")
    if delta == 1:
        return translate("ContactScreens", "明天")
    if delta == -1:
        return translate("ContactScreens", "昨天")
    if 0 < delta <= 30:
        return translate("ContactScreens", "{0}天后").format(delta)
    if -30 <= delta < 0:
        return translate("ContactScreens", "{0}天前").format(-delta)
    return value.isoformat()


def due_text(due_at: datetime, now: datetime) -> str:
    """A due instant as a person reads it: "今天 09:00", "昨天 14:30", "2026-03-01 09:00",
    in the zone of `now` (aware)."""
    local = due_at.astimezone(now.tzinfo)
    day = relative_day(local.date(), now.date())
    if day[:1].isdigit():
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{day} {local.strftime('%H:%M')}"


def overdue_text(due_at: datetime, now: datetime) -> str:
    """How long past due: "逾期3天" / "逾期5小时" / "逾期12分钟"."""
    late = now - due_at
    if late >= timedelta(days=1):
        return translate("ContactScreens", "逾期{0}天").format(late.days)
    if late >= timedelta(hours=1):
        return translate("ContactScreens", "逾期{0}小时").format(int(late.total_seconds() // 3600))
    return translate("ContactScreens", "逾期{0}分钟").format(
        max(1, int(late.total_seconds() // 60))
    )


__all__ = [
    "CONTACT_ENTITIES",
    "DONE_COLOR",
    "DUE_TODAY_COLOR",
    "OVERDUE_COLOR",
    "care_calendar_label",
    "care_kind_label",
    "contact_channel_label",
    "due_text",
    "fmt_day",
    "fmt_local",
    "overdue_text",
    "relative_day",
    "rule_mode_label",
    "task_source_label",
    "task_status_label",
    "weekday_label",
]
