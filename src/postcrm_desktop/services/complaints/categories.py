"""The editable category list (延误, 丢失, 破损, 服务态度, 价格, 其他 to start with).

Complaints keep a category's code, so renaming one relabels every complaint filed under
it. A category in use cannot be deleted, only retired (hidden from intake); a retired
category still names the complaints filed under it. Changes need `complaint.manage`.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from postcrm_desktop.core.errors import Conflict, NotFound, ValidationError
from postcrm_desktop.core.ids import new_id
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.complaints.types import CategoryRow
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.complaints import Complaint, ComplaintCategory

MAX_NAME = 32


def _row(c: ComplaintCategory) -> CategoryRow:
    return CategoryRow(c.code, c.name, c.name_en, c.position, c.active)


def category_names(s: Session, lang: str = "zh_CN") -> dict[str, str]:
    """Code -> name of every category, retired ones too (for labelling rows); in
    English the English name where one is set."""
    rows = s.execute(select(ComplaintCategory.code, ComplaintCategory.name,
                            ComplaintCategory.name_en)).all()
    english = lang.startswith("en")
    return {code: (name_en or name) if english else name for code, name, name_en in rows}


def resolve_category(s: Session, text: str, field: str = "category") -> str:
    """The code of the active category named by `text` (its code or its name)."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(field, "请选择问题分类")
    row = s.execute(
        select(ComplaintCategory).where(
            (ComplaintCategory.code == value) | (ComplaintCategory.name == value))
    ).scalars().first()
    if row is None:
        raise ValidationError(field, f"没有这个问题分类：{value}")
    if not row.active:
        raise ValidationError(field, f"问题分类“{row.name}”已停用，请选择其他分类")
    return row.code


def list_categories(branch: Branch, *, include_retired: bool = False) -> list[CategoryRow]:
    """Categories in list order; retired ones only when asked (the admin page)."""
    with branch.session() as s, reading(s):
        query = select(ComplaintCategory).order_by(ComplaintCategory.position,
                                                   ComplaintCategory.code)
        if not include_retired:
            query = query.where(ComplaintCategory.active.is_(True))
        return [_row(c) for c in s.execute(query).scalars()]


def _check_name(name: str) -> str:
    text = clean_text(name, "name", MAX_NAME, label="分类名称")
    if not text:
        raise ValidationError("name", "请填写分类名称")
    return text


def _unique(s: Session, name: str, exclude: str | None = None) -> None:
    query = select(ComplaintCategory.code).where(ComplaintCategory.name == name)
    if exclude is not None:
        query = query.where(ComplaintCategory.code != exclude)
    if s.execute(query).first():
        raise ValidationError("name", f"分类“{name}”已存在")


def _get(s: Session, code: str) -> ComplaintCategory:
    row = s.execute(select(ComplaintCategory).where(ComplaintCategory.code == code)
                    ).scalar_one_or_none()
    if row is None:
        raise NotFound("问题分类不存在")
    return row


def _audit(s: Session, branch: Branch, action: str, code: str, detail: dict[str, object]
           ) -> None:
    audit.append(s, action, user_id=branch.actor.user_id, username=branch.actor.username,
                 entity="complaint_category", entity_id=code, detail=detail)


def add_category(branch: Branch, name: str, name_en: str = "") -> str:
    """Add a category at the end of the list; returns its code."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    text = _check_name(name)
    english = clean_text(name_en, "name_en", 64, label="英文名称")
    with branch.session() as s, transaction(s, branch.actor):
        _unique(s, text)
        last = s.execute(select(func.max(ComplaintCategory.position))).scalar()
        code = new_id()
        s.add(ComplaintCategory(code=code, name=text, name_en=english,
                                position=(last if last is not None else -1) + 1, active=True))
        s.flush()
        _audit(s, branch, "complaint.category_added", code, {})
        return code


def rename_category(branch: Branch, code: str, name: str, name_en: str | None = None) -> None:
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    text = _check_name(name)
    with branch.session() as s, transaction(s, branch.actor):
        row = _get(s, code)
        _unique(s, text, exclude=code)
        row.name = text
        if name_en is not None:
            row.name_en = clean_text(name_en, "name_en", 64, label="英文名称")
        _audit(s, branch, "complaint.category_renamed", code, {})


def set_category_active(branch: Branch, code: str, active: bool) -> None:
    """Retire a category (hidden from intake, kept on old complaints) or bring it back."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        row = _get(s, code)
        if not active and s.execute(
                select(func.count()).select_from(ComplaintCategory)
                .where(ComplaintCategory.active.is_(True), ComplaintCategory.code != code)
        ).scalar_one() == 0:
            raise Conflict("至少要保留一个可用的问题分类")
        if row.active != active:
            row.active = active
            _audit(s, branch, "complaint.category_enabled" if active
                   else "complaint.category_retired", code, {})


def move_category(branch: Branch, code: str, position: int) -> None:
    """Put a category at `position` (0 = first) in the list."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        rows = list(s.execute(select(ComplaintCategory).order_by(
            ComplaintCategory.position, ComplaintCategory.code)).scalars())
        moving = next((r for r in rows if r.code == code), None)
        if moving is None:
            raise NotFound("问题分类不存在")
        rows.remove(moving)
        rows.insert(max(0, min(position, len(rows))), moving)
        for i, row in enumerate(rows):
            if row.position != i:
                row.position = i
        _audit(s, branch, "complaint.category_moved", code, {"position": position})


def delete_category(branch: Branch, code: str) -> None:
    """Delete a category no complaint uses; one in use can only be retired."""
    branch.actor.require(Perm.COMPLAINT_MANAGE)
    with branch.session() as s, transaction(s, branch.actor):
        row = _get(s, code)
        used = s.execute(select(func.count()).select_from(Complaint)
                         .where(Complaint.category == code)).scalar_one()
        if used:
            raise Conflict(f"已有 {used} 条投诉使用分类“{row.name}”，不能删除，可以停用")
        s.delete(row)
        _audit(s, branch, "complaint.category_deleted", code, {})


__all__ = [
    "add_category",
    "category_names",
    "delete_category",
    "list_categories",
    "move_category",
    "rename_category",
    "resolve_category",
    "set_category_active",
]
