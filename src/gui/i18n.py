"""The window's language: loads the compiled translations and hands them to the engine.

The .ts files in ``resources/translations`` are compiled to .qm by
``scripts/translations.py release`` (``make`` does it). English is the source language;
``*_en.qm`` only supplies English plural forms. Qt's own strings (the Yes/No/Cancel of a
message box, the file dialog) come from Qt's ``qtbase_<lang>.qm``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine import i18n as engine_i18n

from .resources import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
_installed: list[QTranslator] = []
_current = [SOURCE_LANGUAGE]
# The default locale before the first install, for uninstall.
_locale_before: list[QLocale] = []


def translations_dir() -> Path:
    """Where the .ts and the compiled .qm files are."""
    return resources_dir() / "translations"


def available_languages() -> list[str]:
    """Language codes the window can show: English and each translated language."""
    try:
        doc = json.loads((translations_dir() / "areas.json").read_text(encoding="utf-8"))
        extra = [str(lang) for lang in doc.get("languages", [])]
    except (OSError, ValueError):
        extra = []
    return [SOURCE_LANGUAGE, *extra]


def system_language() -> str:
    """The system's language code if the app has it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in available_languages():
            return code
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The language the window shows now (installed at start)."""
    return _current[0]


def install(language: str | None = None) -> str:
    """Show the window (and engine messages) in ``language`` (None: the system's).

    Returns the language used. Call before any window is made: text already shown keeps
    its language.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("make the QApplication before installing translations")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = language if language in available_languages() else system_language()
    folder = translations_dir()
    files = sorted(folder.glob(f"*_{SOURCE_LANGUAGE}.qm"))
    if lang != SOURCE_LANGUAGE:
        files += sorted(folder.glob(f"*_{lang}.qm"))
        if not any(f.name.endswith(f"_{lang}.qm") for f in files):
            log.warning("no compiled translations for %s in %s (make builds them)", lang, folder)
    for path in files:
        _load(app, str(path.with_suffix("")), folder)
    if lang != SOURCE_LANGUAGE:
        qt_dirs = qt_translations_dirs()
        found = next((d for d in qt_dirs if (Path(d) / f"qtbase_{lang}.qm").is_file()), qt_dirs[0])
        _load(app, f"qtbase_{lang}", found)
    engine_i18n.set_translator(QCoreApplication.translate, lang)
    if not _locale_before:
        _locale_before.append(QLocale())
    QLocale.setDefault(QLocale(lang))
    _current[0] = lang
    return lang


def qt_translations_dirs() -> list[str]:
    """Where Qt's own qtbase_<lang>.qm may be: where Qt says, then PySide6's own folder
    (a frozen app keeps them there: packaging/finetune-studio.spec)."""
    import PySide6

    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]


def uninstall() -> None:
    """Back to the source language: no translator in Qt or the engine (tests use it)."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    _current[0] = SOURCE_LANGUAGE
    engine_i18n.set_translator(None)
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())


def _load(app: QCoreApplication, name: str, folder: str | Path) -> None:
    translator = QTranslator(app)
    if translator.load(name, str(folder)):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("could not load translation %s from %s", name, folder)
