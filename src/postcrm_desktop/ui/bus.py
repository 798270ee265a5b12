"""The bridge from `services.events` to Qt: one signal, always delivered on the GUI thread.

Services announce what changed after each commit, possibly from a worker thread. The bus
listens once and re-emits `changed(Changes)` through a queued connection, so every handler
runs on the GUI thread, after the event loop turns.
"""

from __future__ import annotations

from collections.abc import Callable

from postcrm_desktop.services import events
from postcrm_desktop.ui.qt import QObject, Qt, Signal


class UiBus(QObject):
    changed = Signal(object)
    # Internal: emitted from any thread, delivered queued to `_on_relay` on the bus's thread.
    _relay = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self._on_relay, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = events.subscribe(self._on_event)

    def _on_event(self, changes: events.Changes) -> None:
        try:
            self._relay.emit(changes)
        except RuntimeError:
            # The Qt side is gone (application shutting down): nobody is left to tell.
            self.close()

    def _on_relay(self, changes: events.Changes) -> None:
        if self._unsubscribe is not None:
            self.changed.emit(changes)

    def publish(self, changes: events.Changes) -> None:
        """Announce a change made outside the services (rare: e.g. a restored database)."""
        events.publish(changes)

    @property
    def closed(self) -> bool:
        return self._unsubscribe is None

    def close(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()
