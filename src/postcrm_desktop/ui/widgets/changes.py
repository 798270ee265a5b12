"""Gather changes announced elsewhere, then read a list again once.

A list shown at the top reads again shortly after the last of several announcements in
a row; one the user has scrolled down keeps its place and says it is out of date; a
hidden one reads again when it is next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.ui.qt import QEvent, QObject, QTimer, QtWidgets, QWidget

CHANGE_DELAY_MS = 150


class ReloadOnChanges(QObject):
    def __init__(self, page: QWidget, view: QtWidgets.QAbstractScrollArea,
                 reload: Callable[[], Any], out_of_date: Callable[[], Any],
                 delay_ms: int = CHANGE_DELAY_MS) -> None:
        super().__init__(page)
        self.page, self.view = page, view
        self._reload, self._out_of_date = reload, out_of_date
        self.stale = False  # the page's reload sets it back
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._on_settled)
        page.installEventFilter(self)

    def note(self) -> None:
        """Records changed elsewhere."""
        self.stale = True
        if not self.page.isVisible():
            return
        if self.view.verticalScrollBar().value() == 0:
            self.timer.start()
        else:
            self._out_of_date()

    def _on_settled(self) -> None:
        if self.stale and self.page.isVisible():
            self._reload()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.page and event.type() == QEvent.Type.Show and self.stale:
            self._reload()
        return False


__all__ = ["CHANGE_DELAY_MS", "ReloadOnChanges"]
