"""The branch's tag catalogue (grouped: attribute, need, behaviour, value, sentiment) and
the tags of each customer.

The catalogue is branch configuration: creating, renaming, merging, retiring and
deleting tags needs `Perm.SETTINGS_MANAGE` (each one transaction, audited); choosing a
customer's tags needs `Perm.CUSTOMER_EDIT` on a customer the user may see. A retired tag
stays on the customers who carry it and in their history, but is no longer offered for
new customers. A new branch starts with `DEFAULT_TAGS` (`seed_default_tags`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.customer_enums import TagGroup, parse_enum
from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError, ValidationErrors
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.access import require_visible
from postcrm_desktop.services.customers.types import TagRef
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import announce, reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.customers import Customer, CustomerTag, Tag

TAG_NAME_MAX = 32
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")

# What a branch starts with: four tags in each of the five groups, the ones counter
# staff use most (group, name, colour).
DEFAULT_TAGS: tuple[tuple[str, str, str], ...] = (
    ("attribute", "退休人员", "#8E8E93"), ("attribute", "个体工商户", "#5856D6"),
    ("attribute", "公职人员", "#007AFF"), ("attribute", "外来务工", "#34C759"),
    ("need", "理财需求", "#FF9500"), ("need", "寄递需求", "#FF3B30"),
    ("need", "保险需求", "#AF52DE"), ("need", "集邮爱好", "#FFCC00"),
    ("behaviour", "常来网点", "#30B0C7"), ("behaviour", "手机银行用户", "#32ADE6"),
    ("behaviour", "电商寄件", "#00C7BE"), ("behaviour", "节假日办理", "#A2845E"),
    ("value", "高净值", "#FF2D55"), ("value", "潜力客户", "#FF9F0A"),
    ("value", "代发工资单位", "#64D2FF"), ("value", "长期客户", "#30D158"),
    ("sentiment", "满意", "#34C759"), ("sentiment", "有投诉记录", "#FF453A"),
    ("sentiment", "价格敏感", "#FFD60A"), ("sentiment", "需重点维护", "#BF5AF2"),
)


def seed_default_tags(s: Session) -> int:
    """Add the default tags a catalogue does not have yet (in the caller's transaction);
    returns how many were added."""
    existing = {(g, n) for g, n in s.execute(select(Tag.tag_group, Tag.name)).all()}
    added = 0
    for group, name, color in DEFAULT_TAGS:
        if (group, name) not in existing:
            s.add(Tag(tag_group=group, name=name, color=color))
            added += 1
    s.flush()
    return added


def add_default_tags(branch: Branch) -> int:
    """The default tags, for a branch that started without them (admin only)."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        added = seed_default_tags(s)
        if added:
            audit.append(s, "tag.created", user_id=branch.actor.user_id,
                         username=branch.actor.username, detail={"count": added})
        return added


def _ref(tag: Tag) -> TagRef:
    return TagRef(tag.id, tag.tag_group, tag.name, tag.color, bool(tag.active))


def _group_order() -> dict[str, int]:
    return {str(g): i for i, g in enumerate(TagGroup)}


def _sorted(tags: Iterable[Tag]) -> list[TagRef]:
    order = _group_order()
    return [_ref(t) for t in sorted(tags, key=lambda t: (order.get(t.tag_group, 99), t.name))]


def _check_name(name: str) -> str:
    text = clean_text(name, "name", TAG_NAME_MAX, label="标签名称")
    if not text:
        raise ValidationError("name", "请填写标签名称")
    return text


def _check_color(color: str | None) -> str:
    text = (color or "").strip()
    if text and not _COLOR.fullmatch(text):
        raise ValidationError("color", "颜色应为 #RRGGBB 形式，如 #3A7BD5")
    return text.upper()


def _unique_name(s: Session, group: str, name: str, exclude_id: str | None = None) -> None:
    query = select(Tag.id).where(Tag.tag_group == group, Tag.name == name)
    if exclude_id:
        query = query.where(Tag.id != exclude_id)
    if s.execute(query.limit(1)).first():
        raise ValidationError("name", f"“{TagGroup(group).label}”分组中已有同名标签")


def _get_tag(s: Session, tag_id: str) -> Tag:
    tag = s.get(Tag, tag_id)
    if tag is None:
        raise NotFound("标签不存在或已删除")
    return tag


def list_tags(branch: Branch, group: TagGroup | str | None = None, *,
              include_retired: bool = False) -> list[TagRef]:
    """The catalogue (one group, or all in group order), sorted by name within a group;
    retired tags only with `include_retired`."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        query = select(Tag)
        if not include_retired:
            query = query.where(Tag.active.is_(True))
        if group is not None:
            query = query.where(Tag.tag_group == str(parse_enum(TagGroup, group)))
        return _sorted(s.execute(query).scalars())


def create_tag(branch: Branch, group: TagGroup | str, name: str, color: str = "") -> str:
    branch.actor.require(Perm.SETTINGS_MANAGE)
    errors: list[ValidationError] = []
    checked: dict[str, str] = {}
    for key, check in (("tag_group", lambda: str(parse_enum(TagGroup, group))),
                       ("name", lambda: _check_name(name)),
                       ("color", lambda: _check_color(color))):
        try:
            checked[key] = check()
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    with branch.session() as s, transaction(s, branch.actor):
        _unique_name(s, checked["tag_group"], checked["name"])
        tag = Tag(tag_group=checked["tag_group"], name=checked["name"], color=checked["color"])
        s.add(tag)
        s.flush()
        audit.append(s, "tag.created", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="tag", entity_id=tag.id,
                     detail={"tag_group": tag.tag_group})
        return tag.id


def rename_tag(branch: Branch, tag_id: str, name: str, color: str | None = None) -> None:
    """New name (and colour, unless `color` is None) for a tag; its group stays."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    new_name = _check_name(name)
    new_color = None if color is None else _check_color(color)
    with branch.session() as s, transaction(s, branch.actor):
        tag = _get_tag(s, tag_id)
        _unique_name(s, tag.tag_group, new_name, exclude_id=tag.id)
        tag.name = new_name
        if new_color is not None:
            tag.color = new_color
        audit.append(s, "tag.renamed", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="tag", entity_id=tag.id,
                     detail={"tag_group": tag.tag_group})


def tag_usage(branch: Branch) -> dict[str, int]:
    """How many customers (not deleted) carry each tag, by tag id."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    with branch.session() as s, reading(s):
        rows = s.execute(
            select(CustomerTag.tag_id, func.count()).join(Customer,
                                                          Customer.id == CustomerTag.customer_id)
            .where(Customer.deleted_at.is_(None), Customer.merged_into.is_(None))
            .group_by(CustomerTag.tag_id)).all()
    return {tag_id: int(n) for tag_id, n in rows}


def set_tag_active(branch: Branch, tag_id: str, active: bool) -> None:
    """Retire a tag (kept on its customers, no longer offered) or bring it back."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        tag = _get_tag(s, tag_id)
        if bool(tag.active) == active:
            return
        tag.active = active
        audit.append(s, "tag.restored" if active else "tag.retired",
                     user_id=branch.actor.user_id, username=branch.actor.username,
                     entity="tag", entity_id=tag.id, detail={"tag_group": tag.tag_group})


def merge_tags(branch: Branch, source_id: str, into_id: str) -> int:
    """Fold tag `source_id` into `into_id`: every customer carrying the first carries the
    second instead (once), and the first is deleted. One transaction; returns how many
    customers were moved over."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    if source_id == into_id:
        raise ValidationError("into", "不能把标签合并到它自己")
    with branch.session() as s, transaction(s, branch.actor):
        source, into = _get_tag(s, source_id), _get_tag(s, into_id)
        rows = list(s.execute(select(CustomerTag).where(CustomerTag.tag_id == source.id))
                    .scalars())
        has_into = set(s.execute(select(CustomerTag.customer_id)
                                 .where(CustomerTag.tag_id == into.id)).scalars())
        moved = 0
        for row in rows:
            s.delete(row)
        s.flush()
        for row in rows:
            if row.customer_id not in has_into:
                s.add(CustomerTag(customer_id=row.customer_id, tag_id=into.id))
                moved += 1
            announce(s, Customer.__entity__, row.customer_id)
        s.flush()
        s.delete(source)
        audit.append(s, "tag.merged", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="tag", entity_id=into.id,
                     detail={"tag_group": into.tag_group, "moved": moved,
                             "from": source.id})
        return moved


def delete_tag(branch: Branch, tag_id: str, *, remove_assignments: bool = False) -> int:
    """Delete a tag. A tag some customers carry is refused (`Conflict` saying how many)
    unless `remove_assignments` is True, the person having confirmed; then it is taken
    off those customers first. Returns the number of customers it was taken off."""
    branch.actor.require(Perm.SETTINGS_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        tag = _get_tag(s, tag_id)
        used = s.execute(
            select(func.count()).select_from(CustomerTag).where(CustomerTag.tag_id == tag.id)
        ).scalar_one()
        if used and not remove_assignments:
            raise Conflict(f"标签“{tag.name}”正被 {used} 位客户使用，"
                           "确认后才能删除并从这些客户上移除")
        removed = 0
        if used:
            for row in s.execute(select(CustomerTag).where(CustomerTag.tag_id == tag.id)).scalars():
                s.delete(row)
                removed += 1
            s.flush()
        s.delete(tag)
        audit.append(s, "tag.deleted", user_id=branch.actor.user_id,
                     username=branch.actor.username, entity="tag", entity_id=tag.id,
                     detail={"tag_group": tag.tag_group, "removed_from": removed})
        return removed


def customer_tags(s: Session, customer_id: str) -> list[TagRef]:
    rows = s.execute(
        select(Tag).join(CustomerTag, CustomerTag.tag_id == Tag.id)
        .where(CustomerTag.customer_id == customer_id)
    ).scalars()
    return _sorted(rows)


def apply_tags(s: Session, customer_id: str, tag_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Make `customer_id` carry exactly `tag_ids` (checked to exist by the caller);
    returns (added, removed) tag ids."""
    wanted = list(dict.fromkeys(tag_ids))
    current = {row.tag_id: row for row in s.execute(
        select(CustomerTag).where(CustomerTag.customer_id == customer_id)).scalars()}
    removed = [tid for tid in current if tid not in wanted]
    added = [tid for tid in wanted if tid not in current]
    for tid in removed:
        s.delete(current[tid])
    if removed:
        s.flush()  # free the unique pair before anything is added back
    for tid in added:
        s.add(CustomerTag(customer_id=customer_id, tag_id=tid))
    s.flush()
    if added or removed:
        announce(s, Customer.__entity__, customer_id)
    return added, removed


def set_customer_tags(branch: Branch, customer_id: str, tag_ids: list[str]) -> None:
    branch.actor.require(Perm.CUSTOMER_EDIT)
    wanted = list(dict.fromkeys(t for t in tag_ids if t))
    with branch.session() as s, transaction(s, branch.actor):
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound("客户不存在")
        require_visible(branch.actor, customer.owner_id)
        if customer.deleted_at is not None:
            raise Conflict("客户在回收站中，请先恢复")
        if wanted:
            found = dict(s.execute(select(Tag.id, Tag.active).where(Tag.id.in_(wanted))).all())
            if len(found) != len(wanted):
                raise ValidationError("tag_ids", "所选标签不存在或已删除")
            carried = set(s.execute(select(CustomerTag.tag_id)
                                    .where(CustomerTag.customer_id == customer.id)).scalars())
            if any(not found[t] and t not in carried for t in wanted):
                raise ValidationError("tag_ids", "所选标签已停用，不能再添加到客户")
        added, removed = apply_tags(s, customer.id, wanted)
        if added or removed:
            audit.append(s, "customer.tags_changed", user_id=branch.actor.user_id,
                         username=branch.actor.username, entity="customer",
                         entity_id=customer.id, detail={"added": added, "removed": removed})


__all__ = [
    "DEFAULT_TAGS",
    "add_default_tags",
    "apply_tags",
    "create_tag",
    "customer_tags",
    "delete_tag",
    "list_tags",
    "merge_tags",
    "rename_tag",
    "seed_default_tags",
    "set_customer_tags",
    "set_tag_active",
    "tag_usage",
]
