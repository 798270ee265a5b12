"""How pages open their (window-modal, never blocking) dialogs, close them with the page,
and run a service call whose refusal is shown in a message box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.ui.qt import QMessageBox, QtWidgets, QWidget
from postcrm_desktop.ui.worker import error_message

D = TypeVar("D", bound=QtWidgets.QDialog)


def open_dialog(dlg: D) -> D:
    """Show `dlg` with `open()`; it is deleted when closed."""
    dlg.finished.connect(dlg.deleteLater)
    dlg.open()
    return dlg


def close_dialog(dlg: QtWidgets.QDialog | None) -> bool:
    """Close a page's open dialog (it may ask first); False when it stays open."""
    try:
        visible = dlg is not None and dlg.isVisible()
    except RuntimeError:  # already deleted
        visible = False
    if visible and dlg is not None:
        dlg.reject()
        return not dlg.isVisible()
    return True


def run_or_warn(parent: QWidget, title: str, call: Callable[[], Any]) -> bool:
    """Call a service; a refusal is shown in a message box titled `title` (False)."""
    try:
        call()
    except PostCrmError as exc:
        QMessageBox.warning(parent, title, error_message(exc))
        return False
    return True


__all__ = ["close_dialog", "open_dialog", "run_or_warn"]
