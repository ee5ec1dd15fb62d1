"""Start the app: ``finetune-studio`` (no sub-command) calls :func:`run_app`.

Only Qt, pyqtgraph and the light parts of the engine are imported before the window
shows; torch is imported on a worker thread afterwards (see ``MainWindow.start``).
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFileOpenEvent, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from engine import APP_NAME, __version__

from .resources import icon_path, resources_dir
from .single_instance import hand_over_or_start
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


_CRASH_LOG = None  # the open file faulthandler writes into (kept open for the process)


def enable_crash_log() -> Path | None:
    """A hard crash (segmentation fault, abort) writes every thread's Python stack to
    ``crash.log`` in the log folder (Help > Open log folder), instead of vanishing."""
    global _CRASH_LOG
    from engine.paths import log_dir

    if _CRASH_LOG is not None:
        return Path(_CRASH_LOG.name)
    try:
        path = log_dir() / "crash.log"
        if path.exists() and path.stat().st_size > 1_000_000:
            path.replace(path.with_suffix(".log.1"))
        _CRASH_LOG = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
    except OSError:
        return None
    _CRASH_LOG.write(
        f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} {APP_NAME} "
        f"{__version__}: a crash, if any, is described below\n"
    )
    _CRASH_LOG.flush()
    faulthandler.enable(file=_CRASH_LOG, all_threads=True)
    return path


# Qt platform themes that are not loaded. Qt's GTK 3 theme plugin runs GTK inside the app
# (its own main loop, theme engine and settings daemon calls); one start in six crashed in
# it right after the window appeared (QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark).
# The app needs nothing from it: Fusion draws every widget, and a dark system gets the
# dark palette below (follow_color_scheme).
AVOIDED_PLATFORM_THEMES = ("gtk3", "gtk2", "gtk")


def avoid_crashing_platform_theme() -> str:
    """Drop a GTK platform theme from the environment before Qt starts (see
    AVOIDED_PLATFORM_THEMES); returns the theme dropped ("" if none)."""
    theme = os.environ.get("QT_QPA_PLATFORMTHEME", "")
    if theme.split(":")[0].strip().lower() in AVOIDED_PLATFORM_THEMES:
        os.environ.pop("QT_QPA_PLATFORMTHEME")
        return theme
    return ""


def block_triton() -> None:
    """Keep torch's GPU kernel compiler (triton) out of the window's process.

    torchvision imports torch._dynamo, which imports triton when it is installed, on the
    warm-up thread while the window is already running. Loading triton's C++ library
    (it carries its own LLVM) there segfaulted the app under a GTK theme (the stack in the
    crash log: triton/knobs.py). The app never compiles kernels (no torch.compile), torch
    treats a missing triton as "not installed", and the packaged app leaves it out anyway.
    """
    if "triton" not in sys.modules:
        sys.modules["triton"] = None  # type: ignore[assignment] - "import triton" fails


def system_prefers_dark() -> bool:
    """Whether the desktop asks for dark colours: Qt's own answer, or (where Qt has no
    platform theme to ask) GTK_THEME's ``:dark`` variant."""
    if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return True
    return os.environ.get("GTK_THEME", "").lower().endswith(":dark")


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


#: Preferences > Theme ("system", "light" or "dark"), and the palette switch that
#: follow_color_scheme set up (set_theme calls it again).
_theme: dict[str, Any] = {"choice": "system", "apply": None}


def follow_color_scheme(app: QApplication) -> None:
    """Light or dark as the system says (or as Preferences > Theme says); the platform
    theme usually does it already.

    Where it does not (e.g. Fusion on a desktop without a Qt platform theme), switch to a
    dark palette when the system reports a dark scheme, and back when it changes.
    """
    hints = QGuiApplication.styleHints()
    default = QPalette(app.palette())
    light = default if default.color(QPalette.ColorRole.Window).lightness() >= 128 else None

    def apply() -> None:
        choice = _theme["choice"]
        dark = choice == "dark" or (choice == "system" and system_prefers_dark())
        looks_dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if dark and not looks_dark:
            app.setPalette(_dark_palette())
        elif not dark and looks_dark:
            # back to the palette the app started with when it was light; a light one
            # asked for on a dark system is the style's own
            app.setPalette(light if light is not None else app.style().standardPalette())

    _theme["apply"] = apply
    apply()
    hints.colorSchemeChanged.connect(lambda _scheme: apply())


def set_theme(theme: str) -> None:
    """Light, dark, or as the system says ("system"), from now on (Preferences > Theme).

    Qt's own request first (where the platform theme can, it switches natively), then the
    app's palette switch for where it cannot (Fusion without a platform theme)."""
    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    QGuiApplication.styleHints().setColorScheme(schemes.get(theme, Qt.ColorScheme.Unknown))
    _theme["choice"] = theme if theme in schemes else "system"
    if _theme["apply"] is not None:
        _theme["apply"]()


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
            QCoreApplication.translate(
                "App",
                "Something went wrong inside the app ({error}).\n"
                "Your photos are untouched. Details are in the log (Help > Open log folder).",
            ).format(error=f"{exc_type.__name__}: {exc}"),
        )


class _FileOpenFilter(QObject):
    """macOS opens files by a ``QFileOpenEvent`` (Finder, the Dock), not by the command
    line; they may arrive before the window exists, so they wait for it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pending: list[str] = []
        self.window: Any = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                if self.window is None:
                    self.pending.append(path)
                else:
                    self.window.open_path(Path(path))
            return True
        return super().eventFilter(obj, event)


def _bring_forward(win: Any, path: str | None) -> None:
    """A later launch handed over ``path``: open it here and show this window."""
    win.showNormal() if win.isMinimized() else win.show()
    win.raise_()
    win.activateWindow()
    if path:
        win.open_path(Path(path))


def prepare_process() -> None:
    """What the window's process sets before Qt and torch start (the benchmarks too)."""
    setup_logging()
    enable_crash_log()
    block_triton()
    # Workers run Python-heavy stretches (building the model, copying its weights, eager
    # forward passes): the window's thread waits for the GIL up to one switch interval
    # each time (5 ms by default, often several in a row). 1 ms keeps those waits short;
    # the workers lose nothing measurable (their time is in C++ that releases the GIL).
    sys.setswitchinterval(0.001)
    skip_pyside_source_scan()


def skip_pyside_source_scan() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    PySide6 replaces ``__import__`` and, after each import, reads and tokenizes the new
    module's source (``shibokensupport.feature._mod_uses_pyside``, ``inspect.getsource``)
    to support ``from __feature__ import snake_case``, which this app never uses. For
    torch and torchvision, imported on the warm-up thread while the window is open, that
    was 0.3-0.8 s of 3-4.5 s here, all of it holding the GIL beside the window's thread.
    A module that does import ``__feature__`` is still registered by PySide's own import
    hook; every other one is marked "ignore", as PySide marks a module without PySide."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_pyside_features


def _uses_no_pyside_features(module: object) -> bool:
    return False


def run_app(demo: bool = False, path: str | None = None) -> int:
    """Open the main window (or hand ``path`` to the one already open); return the
    process exit code. ``path``: a project, a model or a photo folder to open."""
    prepare_process()
    app = QApplication.instance()
    if app is None:
        dropped = avoid_crashing_platform_theme()
        if dropped:
            log.info("not loading Qt's %s platform theme (it crashed at start)", dropped)
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
    # The saved language (or the system's), theme and cache limit, before any window is
    # made: text already shown keeps its language.
    from .preferences import apply_at_start
    from .settings import load_settings

    settings = load_settings()
    apply_at_start(settings)
    _load_stylesheet(app)
    sys.excepthook = _excepthook
    app.aboutToQuit.connect(stop_all_workers)
    file_open = _FileOpenFilter(app)
    app.installEventFilter(file_open)

    holder: dict[str, Any] = {}
    instance = hand_over_or_start(path, lambda p: _bring_forward(holder["win"], p))
    if instance is None:
        print("finetune-studio: handed over to the window already open.", file=sys.stderr)
        return 0
    app.aboutToQuit.connect(instance.close)

    from .main_window import MainWindow

    win = holder["win"] = MainWindow(settings)
    file_open.window = win
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
        win.start(demo=demo, path=path or (file_open.pending.pop(0) if file_open.pending else None))
        for later in file_open.pending:
            win.open_path(Path(later))
        file_open.pending.clear()

    QTimer.singleShot(0, after_shown)
    code = app.exec()
    stop_all_workers()
    return code
