"""Stand-ins for the shell's pieces, so a page can be tested alone.

    ctx = make_context(branch)          # a PageContext with a fake bus and tasks
    page = create_page(ctx)
    ctx.tasks.titles                    # what background work the page started
    ctx.navigated                       # where it asked to go
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.core.clock import Clock
from postcrm_desktop.services import events
from postcrm_desktop.services.branch import Branch
from postcrm_desktop.ui.context import PageContext
from postcrm_desktop.ui.qt import QObject, Signal


class FakeBus(QObject):
    """`changed(Changes)` like the shell's bus; `listen()` also relays the services'
    announcements (synchronously: the fake has no event-loop hop)."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._unsubscribe: Callable[[], None] | None = None

    def listen(self) -> FakeBus:
        if self._unsubscribe is None:
            self._unsubscribe = events.subscribe(self.changed.emit)
        return self

    def publish(self, changes: events.Changes) -> None:
        events.publish(changes)

    def close(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()


class FakeControl:
    """What the background function gets: progress reports and a cancel flag."""

    def __init__(self) -> None:
        self.cancelled = False
        self.reports: list[tuple[int, int, str]] = []

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))

    def check(self) -> None:
        if self.cancelled:
            from postcrm_desktop.ui.worker import Cancelled

            raise Cancelled()


class SyncTasks:
    """Runs background work at once on the calling thread.

    An error goes to `on_error` when given; otherwise it is recorded in `errors` and
    raised, so a test never passes over an error the real helper would have shown.
    """

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.errors: list[BaseException] = []
        self.controls: list[FakeControl] = []

    def run(self, fn: Callable[[Any], Any], on_done: Callable[[Any], Any] | None = None, *,
            title: str, cancellable: bool = False,
            on_error: Callable[[BaseException], Any] | None = None,
            quiet: bool = False) -> FakeControl:
        self.titles.append(title)
        control = FakeControl()
        self.controls.append(control)
        try:
            result = fn(control)
        except Exception as exc:
            if on_error is None:
                self.errors.append(exc)
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)
        return control

    def cancel_all(self) -> None:
        for control in self.controls:
            control.cancelled = True


def make_context(branch: Branch, *, listen: bool = False,
                 clock: Clock | None = None) -> PageContext:
    """A PageContext for `branch`. With `listen`, services' change announcements reach
    `ctx.bus.changed` (close it with `ctx.bus.close()`). `clock` (e.g. a `FixedClock`)
    replaces the real time in the branch's zone."""
    navigated: list[tuple[str, dict[str, Any]]] = []
    bus = FakeBus()
    if listen:
        bus.listen()
    ctx = PageContext(
        branch=branch,
        bus=bus,  # type: ignore[arg-type]
        tasks=SyncTasks(),  # type: ignore[arg-type]
        navigate=lambda key, **kw: navigated.append((key, kw)),
        open_customer=lambda cid: navigated.append(("customer", {"id": cid})),
        clock=clock or Clock(),
    )
    ctx.navigated = navigated  # type: ignore[attr-defined]
    return ctx
