"""Branch settings edited in the app, declared in one place with type, default and limits.

Values live in the `settings` table (JSON). Reading needs no permission; changing one
needs `settings.manage`, is audited, and is announced as a change of entity "setting".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from postcrm_desktop.core.errors import ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit, keyslots
from postcrm_desktop.store.models.system import Setting
from postcrm_desktop.store.types import utcnow


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    default: Any
    type_: type
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: Any) -> Any:
        if self.type_ is int:
            if isinstance(value, bool) or not isinstance(value, int):
                try:
                    value = int(str(value).strip())
                except ValueError:
                    raise ValidationError(self.key, f"{self.label}必须是整数") from None
            if self.minimum is not None and value < self.minimum:
                raise ValidationError(self.key, f"{self.label}不能小于 {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValidationError(self.key, f"{self.label}不能大于 {self.maximum}")
            return value
        if self.type_ is bool:
            if not isinstance(value, bool):
                raise ValidationError(self.key, f"{self.label}必须是是/否")
            return value
        if not isinstance(value, self.type_):
            raise ValidationError(self.key, f"{self.label}的值无效")
        return value


IDLE_LOCK_MINUTES = "idle_lock_minutes"
# GB/T 22239 level 3 practice: a session left alone locks within 30 minutes at most.
IDLE_LOCK_MAX_MINUTES = 30
ACCOUNT_LOCK_MINUTES = "account_lock_minutes"

DEFINITIONS: dict[str, SettingDef] = {
    d.key: d
    for d in (
        SettingDef(IDLE_LOCK_MINUTES, "空闲锁定分钟数", 10, int, minimum=1,
                   maximum=IDLE_LOCK_MAX_MINUTES),
        SettingDef(ACCOUNT_LOCK_MINUTES, "密码错误锁定分钟数", keyslots.DEFAULT_LOCK_MINUTES,
                   int, minimum=keyslots.MIN_LOCK_MINUTES, maximum=keyslots.MAX_LOCK_MINUTES),
    )
}


def definition(key: str) -> SettingDef:
    try:
        return DEFINITIONS[key]
    except KeyError:
        raise ValidationError("key", f"没有这个设置项：{key}") from None


def get(branch: Branch, key: str) -> Any:
    """The stored value, or the default when unset or no longer valid."""
    d = definition(key)
    with branch.session() as s, reading(s):
        value = s.execute(select(Setting.value).where(Setting.key == key)).scalar()
    if value is None:
        return d.default
    try:
        return d.check(value)
    except ValidationError:
        return d.default


def get_all(branch: Branch) -> dict[str, Any]:
    return {key: get(branch, key) for key in DEFINITIONS}


def set(branch: Branch, key: str, value: Any) -> Any:
    """Change one setting; returns the value as stored."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    d = definition(key)
    value = d.check(value)
    with branch.session() as s, transaction(s, branch.actor):
        s.merge(Setting(key=key, value=value, updated_at=utcnow()))
        audit.append(s, "setting.changed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="setting", entity_id=key,
                     detail={"value": value})
        changed = s.info["changed"]
        changed["setting"] = frozenset(changed.get("setting", ())) | {key}
        if key == ACCOUNT_LOCK_MINUTES:
            # Enforced before the database can be opened, so the key file holds it too.
            with keyslots.editing(branch.path) as kf:
                kf.lock_minutes = value
    return value
