"""Start the app: ``finetune-studio`` (no sub-command) calls :func:`run_app`.

Only Qt, pyqtgraph and the light parts of the engine are imported before the window
shows; torch is imported on a worker thread afterwards (see ``MainWindow.start``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from logging.handlers import RotatingFileHandler

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from engine import APP_NAME, __version__

from .resources import icon_path, resources_dir
from .workers import stop_all_workers

log = logging.getLogger("gui")
DESKTOP_ID = "io.github.finetunestudio.FinetuneStudio"
_T0 = time.perf_counter()


def setup_logging() -> None:
    from engine.paths import log_dir

    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = RotatingFileHandler(
            log_dir() / "finetune-studio.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor(55, 55, 60)),
        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Highlight, QColor(42, 130, 218)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Link, QColor(100, 170, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)),
        (QPalette.ColorRole.Mid, QColor(80, 80, 84)),
    ):
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return p


def follow_color_scheme(app: QApplication) -> None:
    """Light or dark as the system says; the platform theme usually does it already.

    Where it does not (e.g. Fusion on a desktop without a Qt platform theme), switch to a
    dark palette when the system reports a dark scheme, and back when it changes.
    """
    hints = QGuiApplication.styleHints()
    default = QPalette(app.palette())

    def apply() -> None:
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        looks_dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if dark and not looks_dark:
            app.setPalette(_dark_palette())
        elif (
            not dark and looks_dark and default.color(QPalette.ColorRole.Window).lightness() >= 128
        ):
            app.setPalette(default)

    apply()
    hints.colorSchemeChanged.connect(lambda _scheme: apply())


def _load_stylesheet(app: QApplication) -> None:
    path = resources_dir() / "style" / "studio.qss"
    with contextlib.suppress(OSError):
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def _excepthook(exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
    """A bug in a slot: log it and say so, instead of silently printing to a console."""
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    sys.__excepthook__(exc_type, exc, tb)
    app = QApplication.instance()
    if app is not None and not os.environ.get("FINETUNE_STUDIO_NO_ERROR_DIALOG"):
        QMessageBox.critical(
            None,
            APP_NAME,
            f"Something went wrong inside the app ({exc_type.__name__}: {exc}).\n"
            "Your photos are untouched. Details are in the log (Help > Open log folder).",
        )


def run_app(demo: bool = False, project: str | None = None) -> int:
    """Open the main window; return the process exit code."""
    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (125%, 150%) as the system says, not rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("FinetuneStudio")
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(QIcon(str(icon_path())))
    if sys.platform.startswith("linux"):
        app.setStyle("Fusion")  # consistent everywhere, follows the palette
    follow_color_scheme(app)
    _load_stylesheet(app)
    setup_logging()
    sys.excepthook = _excepthook
    app.aboutToQuit.connect(stop_all_workers)

    from .main_window import MainWindow

    win = MainWindow()
    win.show()
    shown = time.perf_counter() - _T0
    log.info("window shown %.2f s after the app module was imported", shown)

    def after_shown() -> None:
        if os.environ.get("FINETUNE_STUDIO_REPORT_SHOWN"):
            # For the launch-time test: the first event-loop turn after show() = on screen.
            print(f"window-shown {time.time():.3f}", flush=True)
            if os.environ.get("FINETUNE_STUDIO_REPORT_SHOWN") == "quit":
                win.close()
                return
        win.start(demo=demo, project=project)

    QTimer.singleShot(0, after_shown)
    code = app.exec()
    stop_all_workers()
    return code
