"""Who may render pictures of the screens: they show customer data in clear files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied
from postcrm_desktop.core.roles import Perm
from postcrm_desktop.services.auth import must_change_password
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store import audit
from postcrm_desktop.store.models.system import Meta

DEMO_FLAG = "demo"  # meta key set by the demo generator: synthetic data only


def is_demo_branch(branch: Branch) -> bool:
    with branch.session() as s:
        return s.execute(select(Meta.value).where(Meta.key == DEMO_FLAG)).scalar() == "1"


def mark_demo(branch: Branch) -> None:
    with branch.session() as s, s.begin():
        s.merge(Meta(key=DEMO_FLAG, value="1"))


def allow_screenshots(branch: Branch, out: Path) -> None:
    """On a demo branch anyone may; on a real one only a role that may export customer
    data. Either way the audit log records who wrote pictures where. A temporary password
    set by the admin opens nothing until it is changed, pictures included."""
    if must_change_password(branch):
        raise PermissionDenied(
            "password.change", "这是网点管理员设置的临时密码，请先修改密码（postcrm passwd）再截图")
    demo = is_demo_branch(branch)
    if not demo and not branch.actor.can(Perm.CUSTOMER_EXPORT):
        raise PermissionDenied(
            str(Perm.CUSTOMER_EXPORT),
            "截图会把客户资料写成图片文件：只能在演示网点，"
            "或由有导出权限（customer.export）的角色进行")
    with branch.session() as s, transaction(s, branch.actor):
        audit.append(s, "screenshots.export", user_id=branch.actor.user_id,
                     username=branch.actor.username,
                     detail={"folder": Path(out).name, "demo": demo})
