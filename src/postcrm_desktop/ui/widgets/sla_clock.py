"""The deadline clock as the interface language says it (`已超时 1天23小时`).

`core.sla.clock_text` is Qt-free and always Chinese; the screens rebuild the same text
here from the same numbers so each part can be translated.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from postcrm_desktop.core.sla import require_aware
from postcrm_desktop.ui.qt import translate


def span_text(delta: timedelta) -> str:
    """A duration as `2天3小时`, `5小时12分钟` or `8分钟` (same rounding as core.sla)."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return (translate("SlaClock", "{0}天{1}小时").format(days, hours) if hours
                else translate("SlaClock", "{0}天").format(days))
    if hours:
        return (translate("SlaClock", "{0}小时{1}分钟").format(hours, mins) if mins
                else translate("SlaClock", "{0}小时").format(hours))
    return translate("SlaClock", "{0}分钟").format(max(mins, 1) if delta > timedelta(0) else 0)


def clock_label(due_at: datetime | None, now: datetime, *, is_open: bool = True) -> str:
    """The visible clock: time left, time overdue, or empty when stopped."""
    if due_at is None or not is_open:
        return ""
    left = require_aware(due_at, "due_at") - require_aware(now, "now")
    if left < timedelta(0):
        return translate("SlaClock", "已超时 {0}").format(span_text(-left))
    return translate("SlaClock", "剩余 {0}").format(span_text(left))


__all__ = ["clock_label", "span_text"]
