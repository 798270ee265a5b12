"""What every page receives: the logged-in branch, the change bus, background work, navigation.

A page module `postcrm_desktop.ui.pages.<key>` exposes
`create_page(ctx: PageContext) -> QWidget`; the main window builds pages lazily by key.
Optional methods on the page widget: `navigate_to(**kwargs)` (called by
`ctx.navigate(key, **kwargs)` after the page is shown), `open_customer(customer_id)` (the
customers page, called by `ctx.open_customer`), and `maybe_close() -> bool` (asked before
the window closes or the user switches; False keeps it open, e.g. for unsaved edits).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from postcrm_desktop.core.clock import Clock

if TYPE_CHECKING:
    from postcrm_desktop.services.branch import Branch
    from postcrm_desktop.ui.bus import UiBus
    from postcrm_desktop.ui.worker import Tasks

# Navigation keys, in the order of the navigation bar, with their zh_CN titles.
PAGES: list[tuple[str, str]] = [
    ("workbench", "工作台"),
    ("customers", "客户"),
    ("contacts", "联系记录"),
    ("complaints", "投诉"),
    ("campaigns", "营销活动"),
    ("reports", "报表"),
    ("sync", "同步"),
    ("admin", "系统管理"),
]


@dataclass
class PageContext:
    branch: Branch
    # Qt signal bridge of `services.events`: `bus.changed(Changes)` on the GUI thread.
    bus: UiBus
    # Background work: `tasks.run(fn, on_done, title=..., cancellable=...)`.
    tasks: Tasks
    # Navigation: go to a page by key, with optional arguments (e.g. a customer id).
    navigate: Callable[..., Any]
    # Open a customer's profile page by id (set by the customers page when it exists).
    open_customer: Callable[[str], Any]
    # The one source of time for pages: `clock.now()` (aware UTC), `clock.today()` and
    # `clock.zone` (the branch's). The shell sets the branch's zone; tests replace it.
    clock: Clock = field(default_factory=Clock)
