"""Take the README's screenshots: `finetune-studio --demo`, press Train, grab each step.

Run under a display (for example ``xvfb-run -a -s "-screen 0 1400x900x24"``):

    .venv/bin/python docs/screenshots/take_screenshots.py [OUT_DIR] [--all]

By default it writes photos.png, model.png, train.png and training-done.png; ``--all``
also writes results.png and use.png (steps 4 and 5 have their own screenshots, made by
the pages' authors; do not overwrite those by accident).

It starts the app exactly as the ``finetune-studio`` command does (``gui.launch.main``
with ``--demo``) and drives it with timers, like a person clicking: wait for the sample to
load, visit the Model step, press Train, and save PNGs of the window along the way.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
ALL = "--all" in sys.argv
OUT = Path(ARGS[0]) if ARGS else Path(__file__).resolve().parent
SIZE = (1280, 820)


def main() -> int:
    from gui.launch import main as launch
    from gui.main_window import MainWindow

    started = time.monotonic()
    state = {"step": "wait-window"}

    def window() -> MainWindow | None:
        app = QApplication.instance()
        found = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        return found[0] if found else None

    def shot(win: MainWindow, name: str) -> None:
        win.train_page.loss_plot.redraw()
        win.train_page.accuracy_plot.redraw()
        QApplication.processEvents()
        path = OUT / f"{name}.png"
        win.grab().save(str(path))
        print(f"{time.monotonic() - started:6.1f} s  saved {path}", flush=True)

    def tick() -> None:
        win = window()
        if win is None:
            return
        page = win.train_page
        step = state["step"]
        if step == "wait-window":
            win.resize(*SIZE)
            state["step"] = "wait-sample"
        elif step == "wait-sample":
            thumbs_ready = win.state.scan is not None and all(
                win.photos_page.thumbnails.get(p) is not None
                for p in win.photos_page.model.examples[0]
            )
            if thumbs_ready and win.model_page.structure is not None:
                shot(win, "photos")
                win.go_to(1)
                state["step"] = "model"
        elif step == "model":
            shot(win, "model")
            win.go_to(2)
            page.train_button.click()
            state["step"] = "training"
            state["since"] = time.monotonic()
        elif step == "training":
            # Most of a head-only run is looking at the photos once (the frozen layers);
            # the epochs themselves take milliseconds. Show that stage, half done.
            if (
                page.progress.maximum()
                and 0.4 <= page.progress.value() / page.progress.maximum() <= 0.9
            ):
                shot(win, "train")
                state["step"] = "finishing"
            elif not page.training:
                state["step"] = "finishing"
        elif step == "finishing" and not page.training:
            QTimer.singleShot(1500, lambda: (shot(win, "training-done"), finish(win)))
            state["step"] = "done"

    def results_then_use(win: MainWindow) -> None:
        shot(win, "results")
        win.go_to(4)
        QTimer.singleShot(1500, lambda: (shot(win, "use"), close(win)))

    def close(win: MainWindow) -> None:
        # The demo's model is not saved in a project; do not stop at "Save the project?".
        win.setWindowModified(False)
        win.close()

    def finish(win: MainWindow) -> None:
        if ALL and win.step_enabled(3):
            win.go_to(3)
            QTimer.singleShot(4000, lambda: results_then_use(win))
        else:
            close(win)

    # The app reuses this QApplication (run_app takes QApplication.instance()).
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    timer = QTimer(app)
    timer.timeout.connect(tick)
    timer.start(250)
    return launch(["--demo"])


if __name__ == "__main__":
    sys.exit(main())
