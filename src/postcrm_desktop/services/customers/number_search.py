"""Searches by phone or ID number from roles without the reveal permission.

Such a role sees phones and IDs masked, and its search matches a phone only whole or by
the last 4 digits (`search_query.parse(fragments=False)`). Even so, guessing whole numbers
one after another would test candidates for a masked number, so each of these searches
is audited ("customer.number_searched": who, where, how many hits, and the number as its
mask shows it, never in clear), and more than `PER_MINUTE` of them in a minute are refused
("customer.number_search_refused"). The count is read from the audit log, so it holds
across windows and command-line runs alike.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.core.masking import mask_phone, mask_resident_id
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.actor import Actor
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers import search_query
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.system import AuditEntry

ACTION = "customer.number_searched"
REFUSED = "customer.number_search_refused"
PER_MINUTE = 20
WINDOW = timedelta(minutes=1)


class SearchThrottled(PostCrmError):
    """Too many searches by phone or ID number in the last minute."""

    def __init__(self) -> None:
        super().__init__(f"按电话或身份证号码搜索过于频繁（每分钟最多 {PER_MINUTE} 次），"
                         "请稍后再试")


def masked_words(parts: list[search_query.Part]) -> list[str]:
    """The words of the query that look at masked numbers, as masks show them."""
    out: list[str] = []
    for part in parts:
        kinds = {src.kind for src in part.sources}
        if not kinds & search_query.MASKED_KINDS:
            continue
        digits = part.word.replace("-", "")
        out.append(mask_resident_id(digits) if search_query.ID_EXACT in kinds
                   else mask_phone(digits))
    return out


def guarded(actor: Actor, parts: list[search_query.Part] | None) -> bool:
    """Whether this search is audited and counted: a role without the reveal permission
    searching by a phone or ID number."""
    return bool(parts) and not actor.can(Perm.CUSTOMER_REVEAL) and bool(masked_words(parts or []))


def recent(s: Session, actor: Actor, now: datetime) -> int:
    """This user's number searches in the minute up to `now`."""
    return int(s.execute(
        select(func.count()).select_from(AuditEntry)
        .where(AuditEntry.action == ACTION, AuditEntry.at > now - WINDOW,
               AuditEntry.at <= now, AuditEntry.user_id == actor.user_id)).scalar_one())


def over_limit(s: Session, actor: Actor, now: datetime) -> bool:
    return recent(s, actor, now) >= PER_MINUTE


def refuse(s: Session, branch: Branch, parts: list[search_query.Part], where: str,
           now: datetime) -> None:
    """Audit a refused search (inside the caller's transaction)."""
    audit.append(s, REFUSED, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity="customer", detail={"where": where, "query": masked_words(parts)},
                 at=now)


def record(s: Session, branch: Branch, parts: list[search_query.Part], hits: int,
           where: str, now: datetime) -> None:
    """Audit one number search (inside the caller's transaction)."""
    audit.append(s, ACTION, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity="customer",
                 detail={"where": where, "hits": hits, "query": masked_words(parts)}, at=now)


__all__ = ["ACTION", "PER_MINUTE", "REFUSED", "SearchThrottled", "guarded", "masked_words",
           "over_limit", "recent", "record", "refuse"]
