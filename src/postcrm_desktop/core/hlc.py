"""Hybrid logical clock: version stamps that order changes across sites.

A stamp is wall time in milliseconds, a counter and the site that made it. It never goes
backwards on one site, even when the PC clock is set back, and it moves past any stamp
received from another site, so "newest wins" does not depend on correct clocks.

Stamps are encoded as fixed-width strings that sort in stamp order:
``"0000018c5e3f2a10-0003-GZ01"``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MS_WIDTH = 16
_COUNTER_WIDTH = 4
MAX_COUNTER = 16**_COUNTER_WIDTH - 1


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    site: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_MS_WIDTH}x}-{self.counter:0{_COUNTER_WIDTH}x}-{self.site}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, site = text.split("-", 2)
        if len(wall) != _MS_WIDTH or len(counter) != _COUNTER_WIDTH or not site:
            raise ValueError(f"not a version stamp: {text!r}")
        return cls(int(wall, 16), int(counter, 16), site)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Thread-safe HLC for one site. `last` restores state persisted across restarts."""

    def __init__(
        self, site: str, last: Stamp | None = None, wall: Callable[[], int] = _wall_ms
    ) -> None:
        if "-" in site or not site:
            raise ValueError("site id must be non-empty and contain no '-'")
        self.site = site
        self._wall = wall
        self._lock = threading.Lock()
        self._ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    def now(self) -> Stamp:
        """A stamp for a local event, greater than every stamp seen so far."""
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._advance_counter()
            return Stamp(self._ms, self._counter, self.site)

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a stamp received from another site; returns the new local stamp."""
        with self._lock:
            wall = self._wall()
            top = max(wall, self._ms, remote.wall_ms)
            if top == self._ms == remote.wall_ms:
                self._counter = max(self._counter, remote.counter)
                self._advance_counter()
            elif top == self._ms:
                self._advance_counter()
            elif top == remote.wall_ms:
                self._ms, self._counter = top, remote.counter
                self._advance_counter()
            else:
                self._ms, self._counter = top, 0
            return Stamp(self._ms, self._counter, self.site)

    def _advance_counter(self) -> None:
        if self._counter >= MAX_COUNTER:
            # Counter exhausted within one millisecond: borrow the next millisecond.
            self._ms += 1
            self._counter = 0
        else:
            self._counter += 1
