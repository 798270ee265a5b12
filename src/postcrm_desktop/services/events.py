"""Change announcements: after a commit, services say which entities and ids changed.

Listeners are plain callables (the UI bridges them to one Qt signal), so services stay
free of Qt and a test can listen too. Listeners may be called from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    # entity name -> ids changed, e.g. {"customer": {"0190..."}}
    entities: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def touches(self, entity: str) -> bool:
        return entity in self.entities

    def __bool__(self) -> bool:
        return bool(self.entities)


Listener = Callable[[Changes], None]
_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Add a listener; returns a function that removes it."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return unsubscribe


def publish(changes: Changes) -> None:
    if not changes:
        return
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(changes)
