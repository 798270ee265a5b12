"""Reading the audit log: newest first, keyset paging on `seq`, and the chain check."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services import audit_words as words
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import can_see
from postcrm_desktop.services.settings import DEFINITIONS
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store import audit, audit_anchor
from postcrm_desktop.store.keyslots import KeyFile
from postcrm_desktop.store.models.cases import Case
from postcrm_desktop.store.models.complaints import Complaint, ComplaintCategory
from postcrm_desktop.store.models.contacts import FollowUpRule, GreetingTemplate, Task
from postcrm_desktop.store.models.customers import Customer, Tag
from postcrm_desktop.store.models.system import AuditEntry, User

# What each action means to a branch admin (Chinese); unknown actions show as recorded.
ACTION_LABELS: dict[str, str] = {code: pair[0] for code, pair in words.ACTIONS.items()}

# What kind of thing an entry is about.
ENTITY_LABELS: dict[str, str] = {entity: pair[0] for entity, pair in words.ENTITIES.items()}


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, object]
    # The entry's object by name, looked up when read (a username, a rule's title, a
    # customer's name and number for a reader allowed to see that customer).
    target_name: str = ""
    # Names of the users a detail refers to by id (an owner, an assignee).
    names: dict[str, str] = field(default_factory=dict)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def target(self) -> str:
        return self.target_text()

    def action_text(self, lang: str = "zh_CN") -> str:
        return words.action_label(self.action, lang)

    def target_text(self, lang: str = "zh_CN") -> str:
        """`用户 clerk1`, `客户 邵欣琪（GZ01-2026-000310）`, or the kind and a short id."""
        if not self.entity:
            return ""
        kind = words.entity_label(self.entity, lang)
        name = self.target_name or (self.entity_id[-12:] if len(self.entity_id) > 16
                                    else self.entity_id)
        return f"{kind} {name}".strip()

    def detail_text(self, lang: str = "zh_CN") -> str:
        return words.detail_text(self.detail, lang, self.names)

    def summary(self, lang: str = "zh_CN") -> str:
        """One sentence: "新建客户 邵欣琪（GZ01-2026-000310）"."""
        target = self.target_name or ""
        return f"{self.action_text(lang)} {target}".strip()


MAX_PAGE = 1000
VerifyResult = audit.VerifyResult


def page(branch: Branch, *, after_seq: int | None = None, limit: int = 200,
         action: str | None = None, username: str | None = None,
         since: datetime | None = None, until: datetime | None = None) -> list[AuditRow]:
    """Up to `limit` rows that come after `after_seq` in newest-first order, filtered.

    Keyset paging: pass the `seq` of the last row of one page to get the next page, so
    each page costs the same however deep the reader has scrolled. `since` is inclusive,
    `until` exclusive; both are aware datetimes.
    """
    branch.actor.require(Perm.AUDIT_VIEW)
    q = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(max(1, min(limit, MAX_PAGE)))
    if after_seq is not None:
        q = q.where(AuditEntry.seq < after_seq)
    if action:
        q = q.where(AuditEntry.action == action)
    if username:
        q = q.where(AuditEntry.username == username.strip().lower())
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    with branch.session() as s, reading(s):
        entries = s.execute(q).scalars().all()
        targets = _target_names(s, branch, entries)
        users = _user_names(s, entries)
        return [
            AuditRow(r.seq, r.at, r.username, r.action, r.entity, r.entity_id,
                     json.loads(r.detail or "{}"), targets.get((r.entity, r.entity_id), ""),
                     users)
            for r in entries
        ]


def _by_ids(s: Session, columns: Iterable[Any], id_column: Any, ids: set[str]) -> list[Any]:
    if not ids:
        return []
    return list(s.execute(select(id_column, *columns).where(id_column.in_(ids))).all())


def _target_names(s: Session, branch: Branch, entries: Iterable[AuditEntry]
                  ) -> dict[tuple[str, str], str]:
    """Readable names of the entries' objects. Customers are named only for a reader who
    may see them (else by number); what no longer exists keeps its number from the
    detail, or a short id."""
    wanted: dict[str, set[str]] = {}
    numbers: dict[tuple[str, str], str] = {}
    for e in entries:
        if e.entity and e.entity_id:
            wanted.setdefault(e.entity, set()).add(e.entity_id)
            number = json.loads(e.detail or "{}").get("number")
            if isinstance(number, str):
                numbers[(e.entity, e.entity_id)] = number
    out: dict[tuple[str, str], str] = dict(numbers)
    actor = branch.actor
    see_customers = actor.can(Perm.CUSTOMER_VIEW)
    for cid, name, number, owner in _by_ids(
            s, (Customer.name, Customer.number, Customer.owner_id), Customer.id,
            wanted.get("customer", set())):
        out[("customer", cid)] = (f"{name}（{number}）" if see_customers and can_see(actor, owner)
                                  else number)
    simple = {"user": (User.username, User.id), "task": (Task.title, Task.id),
              "follow_up_rule": (FollowUpRule.title, FollowUpRule.id),
              "tag": (Tag.name, Tag.id), "greeting_template": (GreetingTemplate.name,
                                                               GreetingTemplate.id),
              "complaint": (Complaint.number, Complaint.id), "case": (Case.title, Case.id),
              "complaint_category": (ComplaintCategory.name, ComplaintCategory.code)}
    for entity, (column, id_column) in simple.items():
        for oid, name in _by_ids(s, (column,), id_column, wanted.get(entity, set())):
            out[(entity, oid)] = name
    for key in wanted.get("setting", set()):
        definition = DEFINITIONS.get(key)
        out[("setting", key)] = definition.label if definition else key
    return out


def _user_names(s: Session, entries: Iterable[AuditEntry]) -> dict[str, str]:
    """Display names of the users details refer to (owners, assignees)."""
    ids = set()
    for e in entries:
        detail = json.loads(e.detail or "{}")
        for key in ("owner_id", "assignee_id", "from_assignee_id"):
            if isinstance(detail.get(key), str):
                ids.add(detail[key])
    return {uid: name or username for uid, username, name in
            _by_ids(s, (User.username, User.display_name), User.id, ids)}


def actions(branch: Branch) -> list[str]:
    """Every action code recorded so far, for the filter list (shown by its label)."""
    branch.actor.require(Perm.AUDIT_VIEW)
    with branch.session() as s, reading(s):
        return list(s.execute(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
                    .scalars())


def verify(branch: Branch) -> VerifyResult:
    """Walk the whole hash chain; the result names the first broken row, if any."""
    branch.actor.require(Perm.AUDIT_VIEW)
    with branch.session() as s, reading(s):
        return audit.verify(s)


def chain_anchor(branch: Branch) -> dict[str, object]:
    """The chain's head, signed with the master key: what a sync package carries.

    {"db_id", "seq", "hash", "mac"}; head office compares seq and hash with the last
    package from this branch, so a chain that shrank or changed shows there too.
    """
    with branch.session() as s, reading(s):
        seq, head_hash = audit_anchor.head(s)
    db_id = branch.db.info.db_id
    return {"db_id": db_id,
            **audit_anchor.sign(audit_anchor.anchor_key(branch.master), db_id, seq, head_hash)}


def check_anchor(branch: Branch) -> audit_anchor.AnchorCheck:
    """The database's chain against the head anchored in the key file, now."""
    branch.actor.require(Perm.AUDIT_VIEW)
    kf = KeyFile.load(branch.path)
    with branch.session() as s, reading(s):
        return audit_anchor.check(s, audit_anchor.anchor_key(branch.master),
                                  branch.db.info.db_id, kf.anchor)


def anchor_mismatches(branch: Branch) -> int:
    """How many logins found the chain's head not matching its anchor."""
    branch.actor.require(Perm.AUDIT_VIEW)
    with branch.session() as s, reading(s):
        return len(s.execute(select(AuditEntry.seq).where(
            AuditEntry.action == "audit.anchor_mismatch")).all())
