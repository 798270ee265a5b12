"""Reading the audit log: newest first, keyset paging on `seq`, and the chain check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import reading
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.system import AuditEntry, User

# What each action means to a branch admin; unknown actions show as recorded.
ACTION_LABELS: dict[str, str] = {
    "branch.init": "创建网点数据库",
    "login.ok": "登录成功",
    "login.failed": "登录失败",
    "login.throttled": "登录过快被拒绝",
    "login.locked_out": "账户锁定中登录被拒绝",
    "user.locked": "账户锁定",
    "user.lock_expired": "账户锁定到期自动解除",
    "user.unlocked": "账户解锁",
    "user.added": "新增用户",
    "user.role_changed": "修改角色",
    "user.enabled": "启用用户",
    "user.disabled": "停用用户",
    "password.reset": "重置密码",
    "password.changed": "修改密码",
    "keyfile.recovered": "用恢复密钥重建密钥文件",
    "backup.manual": "手动备份",
    "backup.automatic": "自动备份",
    "backup.restored": "从备份恢复",
    "setting.changed": "修改设置",
    "customer.created": "新建客户",
    "customer.updated": "修改客户",
    "customer.revealed": "查看完整号码",
    "customer.deleted": "客户移入回收站",
    "customer.restored": "从回收站恢复客户",
    "customer.purged": "彻底删除客户",
    "customer.merged": "合并客户",
    "customer.tags_changed": "修改客户标签",
    "tag.created": "新建标签",
    "tag.renamed": "修改标签",
    "tag.deleted": "删除标签",
    "attachment.added": "添加附件",
    "attachment.opened": "打开附件",
    "attachment.removed": "删除附件",
}

# What kind of thing an entry is about.
ENTITY_LABELS: dict[str, str] = {
    "user": "用户",
    "setting": "设置",
    "customer": "客户",
    "tag": "标签",
    "contact": "联系记录",
    "complaint": "投诉",
    "campaign": "营销活动",
}


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, object]
    # A readable name for the entry's object where one is safe to show (a username).
    target_name: str = ""

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def target(self) -> str:
        """`用户 clerk1`, `设置 idle_lock_minutes`, or the kind and a short id."""
        if not self.entity:
            return ""
        kind = ENTITY_LABELS.get(self.entity, self.entity)
        name = self.target_name or (self.entity_id[-12:] if len(self.entity_id) > 16
                                    else self.entity_id)
        return f"{kind} {name}".strip()


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
        user_ids = {e.entity_id for e in entries if e.entity == "user" and e.entity_id}
        names: dict[str, str] = {}
        if user_ids:
            found = s.execute(select(User.id, User.username).where(User.id.in_(user_ids)))
            names = {uid: name for uid, name in found}
        return [
            AuditRow(r.seq, r.at, r.username, r.action, r.entity, r.entity_id,
                     json.loads(r.detail or "{}"),
                     names.get(r.entity_id, "") if r.entity == "user" else
                     (r.entity_id if r.entity == "setting" else ""))
            for r in entries
        ]


def actions(branch: Branch) -> list[str]:
    """Every action code recorded so far, for the filter list."""
    branch.actor.require(Perm.AUDIT_VIEW)
    with branch.session() as s, reading(s):
        return list(s.execute(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
                    .scalars())


def verify(branch: Branch) -> VerifyResult:
    """Walk the whole hash chain; the result names the first broken row, if any."""
    branch.actor.require(Perm.AUDIT_VIEW)
    with branch.session() as s, reading(s):
        return audit.verify(s)
