"""Named views of the customer list: a user's saved filter sets (table `saved_views`).

Views are per user. Saving under a name the user already has replaces that view's
filters (the list's "save view" asks the user before overwriting), so names stay unique.
A view is a preference of one user, not business data: it is not audited.
"""

from __future__ import annotations

from sqlalchemy import select

from postcrm_desktop.core.errors import NotFound, ValidationError
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.customers.types import CustomerFilters, SavedViewRow
from postcrm_desktop.services.customers.validation import clean_text
from postcrm_desktop.services.tx import reading, transaction
from postcrm_desktop.store.models.customers import SavedView

AREA = "customers"
NAME_MAX = 64
MAX_VIEWS = 200


def _check_name(name: str) -> str:
    text = clean_text(name, "name", NAME_MAX, label="视图名称")
    if not text:
        raise ValidationError("name", "请填写视图名称")
    return text


def _user_id(branch: Branch) -> str:
    if branch.actor.user_id is None:
        raise ValidationError("user", "保存视图需要以用户身份登录")
    return branch.actor.user_id


def save_view(branch: Branch, name: str, filters: CustomerFilters) -> str:
    """Save `filters` as the user's view `name`; a view of the same name is replaced.
    Returns the view's id."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    user_id = _user_id(branch)
    name = _check_name(name)
    data = filters.to_json()
    with branch.session() as s, transaction(s, branch.actor):
        view = s.execute(select(SavedView).where(
            SavedView.user_id == user_id, SavedView.area == AREA, SavedView.name == name,
        )).scalar_one_or_none()
        if view is None:
            mine = s.execute(select(SavedView.id).where(
                SavedView.user_id == user_id, SavedView.area == AREA).limit(MAX_VIEWS)).all()
            if len(mine) >= MAX_VIEWS:
                raise ValidationError("name", f"最多保存 {MAX_VIEWS} 个视图，请先删除不用的视图")
            view = SavedView(user_id=user_id, area=AREA, name=name, filters=data)
            s.add(view)
        else:
            view.filters = data
        s.flush()
        return view.id


def list_views(branch: Branch) -> list[SavedViewRow]:
    """The user's saved views of the customer list, by name."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    user_id = _user_id(branch)
    with branch.session() as s, reading(s):
        rows = s.execute(select(SavedView.id, SavedView.name, SavedView.filters).where(
            SavedView.user_id == user_id, SavedView.area == AREA,
        ).order_by(SavedView.name, SavedView.id)).all()
    return [SavedViewRow(r[0], r[1], CustomerFilters.from_json(r[2] or {})) for r in rows]


def delete_view(branch: Branch, view_id: str) -> None:
    """Delete one of the user's own views."""
    branch.actor.require(Perm.CUSTOMER_VIEW)
    user_id = _user_id(branch)
    with branch.session() as s, transaction(s, branch.actor):
        view = s.get(SavedView, view_id)
        if view is None or view.user_id != user_id or view.area != AREA:
            raise NotFound("视图不存在或已删除")
        s.delete(view)


__all__ = ["delete_view", "list_views", "save_view"]
