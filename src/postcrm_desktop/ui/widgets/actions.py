"""Page actions: toolbar buttons with a shortcut (shown in the tooltip) that are enabled
when the user may use them and the selection suits them, and keys without a button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from postcrm_desktop.ui.qt import QKeySequence, Qt, QtGui, QtWidgets, QWidget

PAGE_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut  # while the page has focus


def add_action(owner: QWidget, toolbar: QtWidgets.QToolBar, actions: dict[str, QtGui.QAction],
               key: str, text: str, slot: Callable[[], Any], shortcut: str = "",
               allowed: bool = True, *, context: Qt.ShortcutContext = PAGE_KEYS,
               holder: QWidget | None = None) -> QtGui.QAction:
    """A toolbar action `action_<key>` kept in `actions`; `allowed` (the user's right)
    is read by `enable_actions`; its shortcut works in `holder` (default: the owner)."""
    act = QtGui.QAction(text, owner)
    act.setObjectName(f"action_{key}")
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
        act.setToolTip(f"{text}（{QKeySequence(shortcut).toString()}）")
    act.setShortcutContext(context)
    act.triggered.connect(lambda _c=False: slot())
    act.setProperty("allowed", allowed)
    toolbar.addAction(act)
    (holder or owner).addAction(act)
    actions[key] = act
    return act


def enable_actions(actions: dict[str, QtGui.QAction], ready: Callable[[str], bool]) -> None:
    """Enable each action the user may use whose `ready(key)` holds now."""
    for key, act in actions.items():
        act.setEnabled(bool(act.property("allowed")) and ready(key))


def add_shortcut(owner: QWidget, keys: str, slot: Callable[..., Any],
                 context: Qt.ShortcutContext = PAGE_KEYS) -> QtGui.QAction:
    """A key that runs `slot` (connected as given) while `owner` is shown; no button."""
    act = QtGui.QAction(owner)
    act.setShortcut(QKeySequence(keys))
    act.setShortcutContext(context)
    act.triggered.connect(slot)
    owner.addAction(act)
    return act


__all__ = ["PAGE_KEYS", "add_action", "add_shortcut", "enable_actions"]
