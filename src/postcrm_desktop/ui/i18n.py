"""Languages: zh_CN is the source language; others load a Qt Linguist `.qm` file.

The chosen language is a per-PC preference kept in QSettings, like the window state.
"""

from __future__ import annotations

from pathlib import Path

from postcrm_desktop.ui.qt import QCoreApplication, QSettings, QtCore, QTranslator

ORGANIZATION = "PostCRM"
APPLICATION = "PostCRM Desktop"

SOURCE_LANGUAGE = "zh_CN"
# code -> name shown in the language menu (each in its own language, never translated)
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGE_KEY = "ui/language"

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def app_settings() -> QSettings:
    """This PC's preferences: language, window state, last database and user."""
    return QSettings(ORGANIZATION, APPLICATION)


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"postcrm_{language}.qm"


def preferred_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, SOURCE_LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else SOURCE_LANGUAGE


def set_preferred_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    s = app_settings()
    s.setValue(LANGUAGE_KEY, language)
    s.sync()


def current_language() -> str:
    return _current


def install(language: str | None = None) -> bool:
    """Load the translations of `language` (default: the preference) into the application.

    Returns False when the app's own `.qm` for that language is missing (the source text,
    Chinese, is shown then). Qt's own strings (dialog buttons) are translated too.
    """
    global _current
    app = QCoreApplication.instance()
    language = language or preferred_language()
    for tr in _installed:
        if app is not None:
            app.removeTranslator(tr)
    _installed.clear()
    _current = language
    ok = True
    if language != SOURCE_LANGUAGE:
        tr = QTranslator()
        ok = tr.load(str(qm_path(language)))
        if ok:
            _installed.append(tr)
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator()
    if qt_tr.load(f"qtbase_{language}", qt_dir):
        _installed.append(qt_tr)
    if app is not None:
        for tr in _installed:
            app.installTranslator(tr)
    return ok
