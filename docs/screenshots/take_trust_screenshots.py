"""Issue 13's screenshots: the Photos step's readiness line (a ready folder and loose
photos) and the Results step at the window's minimum size (760 x 540).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/take_trust_screenshots.py [OUT_DIR]

Starts the app as ``finetune-studio --demo`` does and drives it with timers.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
RESULTS_ONLY = "--results-only" in sys.argv
OUT = Path(ARGS[0]) if ARGS else Path(__file__).resolve().parent


def main() -> int:
    from gui.launch import main as launch
    from gui.main_window import MainWindow
    from gui.resources import sample_dir

    started = time.monotonic()
    state = {"step": "wait-window"}
    loose = Path(tempfile.mkdtemp()) / "Holiday photos"
    loose.mkdir()
    for p in sorted((sample_dir() / "bag").iterdir())[:12]:
        shutil.copy(p, loose / p.name)

    def window() -> MainWindow | None:
        found = [
            w
            for w in QApplication.instance().topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()
        ]
        return found[0] if found else None

    def shot(win: MainWindow, name: str) -> None:
        QApplication.processEvents()
        path = OUT / f"{name}.png"
        win.grab().save(str(path))
        print(f"{time.monotonic() - started:6.1f} s  saved {path}", flush=True)

    def tick() -> None:
        win = window()
        if win is None:
            return
        step = state["step"]
        if step == "wait-window":
            win.resize(1100, 720)
            state["step"] = "wait-sample"
        elif step == "wait-sample" and win.photos_page.readiness is not None and RESULTS_ONLY:
            state["step"] = "wait-sample-again"
        elif step == "wait-sample" and win.photos_page.readiness is not None:
            shot(win, "photos-readiness-ready")
            win.photos_page.load_folder(loose)
            state["step"] = "wait-loose"
        elif step == "wait-loose" and win.state.scan is not None and not win.state.scan.classes:
            shot(win, "photos-readiness-loose")
            win.photos_page.load_folder(sample_dir())
            state["step"] = "wait-sample-again"
        elif step == "wait-sample-again" and win.state.scan and win.state.scan.classes:
            win.go_to(2)
            win.train_page.epochs_spin.setValue(3)
            win.train_page.train_button.click()
            state["step"] = "training"
        elif (
            step == "training"
            and not win.train_page.training
            and win.results_page.evaluation is not None
        ):
            win.resize(760, 540)
            win.go_to(3)
            state["step"] = "results"
            QTimer.singleShot(2000, lambda: (shot(win, "results-minimum-size"), close(win)))

    def close(win: MainWindow) -> None:
        win.setWindowModified(False)
        win.close()

    app = QApplication(sys.argv[:1])
    timer = QTimer(app)
    timer.timeout.connect(tick)
    timer.start(250)
    return launch(["--demo"])


if __name__ == "__main__":
    sys.exit(main())
