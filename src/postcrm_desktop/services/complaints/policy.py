"""The branch's SLA policy: hours per priority, calendar or working hours, tier defaults.

Stored as JSON in `settings` under `complaint_sla`. Anyone may read it; changing it
needs `complaint.manage`, is audited and announced as entity "complaint_sla". A new
policy applies to complaints taken (or re-prioritised, or reopened) afterwards; the
deadlines already set stay as they were promised.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.complaint_enums import Priority
from postcrm_desktop.core.errors import ValidationErrors
from postcrm_desktop.core.holidays import HolidayCalendar
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.core.sla import SlaPolicy, deadline
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.system import Setting
from postcrm_desktop.store.types import utcnow

SETTING_KEY = "complaint_sla"
_log = logging.getLogger(__name__)


def load_policy(s: Session) -> SlaPolicy:
    """The stored policy inside the caller's session; the default when unset or broken."""
    value = s.execute(select(Setting.value).where(Setting.key == SETTING_KEY)).scalar()
    if not isinstance(value, Mapping):
        return SlaPolicy()
    try:
        return SlaPolicy.from_json(value)
    except ValidationErrors:
        _log.warning("stored complaint SLA policy is invalid; using the default")
        return SlaPolicy()


def get_policy(branch: Branch) -> SlaPolicy:
    with branch.session() as s, reading(s):
        return load_policy(s)


def set_policy(branch: Branch, policy: SlaPolicy | Mapping[str, Any]) -> SlaPolicy:
    """Check and store a new policy (a `SlaPolicy` or its JSON form); returns it as stored.

    Raises `ValidationErrors` naming every wrong field at once.
    """
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    data = policy.to_json() if isinstance(policy, SlaPolicy) else dict(policy)
    checked = SlaPolicy.from_json(data)
    stored = checked.to_json()
    with branch.session() as s, transaction(s, branch.actor):
        s.merge(Setting(key=SETTING_KEY, value=stored, updated_at=utcnow()))
        audit.append(s, "complaint.sla_policy_changed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="setting", entity_id=SETTING_KEY,
                     detail={"hours": stored["hours"], "mode": stored["mode"],
                             "day_start": stored["day_start"], "day_end": stored["day_end"],
                             "zone": stored["zone"], "tier_priority": stored["tier_priority"]})
        changed = s.info["changed"]
        changed["complaint_sla"] = frozenset(changed.get("complaint_sla", ())) | {SETTING_KEY}
    return checked


def due_at(policy: SlaPolicy, priority: Priority | str, start: datetime,
           calendar: HolidayCalendar) -> datetime:
    """The deadline under `policy`, counting working days by the branch's holiday
    calendar (`workdays.load_calendar`); a year it lacks counts Monday to Friday."""
    return deadline(policy, priority, start, calendar.is_workday)


__all__ = ["SETTING_KEY", "due_at", "get_policy", "load_policy", "set_policy"]
