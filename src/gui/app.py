"""Start the app: ``finetune-studio`` (no sub-command) calls :func:`run_app`."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel

from engine import APP_NAME, __version__

from .workers import stop_all_workers


def run_app(demo: bool = False, project: str | None = None) -> int:
    """Open the main window; return the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.aboutToQuit.connect(stop_all_workers)
    win = QLabel(f"{APP_NAME} {__version__}")
    win.show()
    return app.exec()
