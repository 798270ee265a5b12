"""A search box that answers after a pause in typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.ui.qt import QTimer, QtWidgets, QWidget


def debounced_search(owner: QWidget, name: str, placeholder: str, delay_ms: int,
                     on_pause: Callable[..., Any]) -> tuple[QtWidgets.QLineEdit, QTimer]:
    """The line edit and its timer: `on_pause` runs `delay_ms` after the last change
    (stop the timer when searching sooner, e.g. on Enter)."""
    edit = QtWidgets.QLineEdit()
    edit.setObjectName(name)
    edit.setClearButtonEnabled(True)
    edit.setPlaceholderText(placeholder)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(on_pause)
    edit.textChanged.connect(lambda _t: timer.start())
    return edit, timer


__all__ = ["debounced_search"]
