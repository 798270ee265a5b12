"""The one door for Qt imports: pages and widgets import Qt names from here.

Keeping every binding detail in one module means a Qt upgrade (or a move between
bindings) touches one file. Modules that are not always installed (print support)
are loaded on demand through a function.
"""

from __future__ import annotations

from types import ModuleType

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def print_support() -> ModuleType | None:
    """QtPrintSupport, or None where the installed Qt has no print support."""
    try:
        from PySide6 import QtPrintSupport
    except ImportError:
        return None
    return QtPrintSupport


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


__all__ = [
    "QT_TRANSLATE_NOOP",
    "QAction",
    "QApplication",
    "QCoreApplication",
    "QEvent",
    "QFont",
    "QIcon",
    "QKeySequence",
    "QMessageBox",
    "QObject",
    "QSettings",
    "QSize",
    "QThreadPool",
    "QTimer",
    "QTranslator",
    "QWidget",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
    "print_support",
    "translate",
]
