"""The one door for Qt imports: pages and widgets import Qt names from here.

Keeping every binding detail in one module means a Qt upgrade (or a move between
bindings) touches one file.
"""

from __future__ import annotations

__all__ = [name for name in dir() if name.startswith("Q") or name in ("Qt", "Signal", "Slot")]
