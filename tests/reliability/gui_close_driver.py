"""Close the real main window while it trains, scans, downloads and predicts (issue 6).

Run by test_gui_close.py in a child process, so that whatever Qt does at exit (a
"QThread: Destroyed while thread is still running" abort, a hang on a thread that never
ends) shows in this process's exit code and stderr. Prints one JSON line per scenario.

    python gui_close_driver.py PHOTOS_DIR MODEL_FILE SCRATCH_DIR DOWNLOAD_URL
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FINETUNE_STUDIO_NO_ERROR_DIALOG"] = "1"

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

PHOTOS, MODEL, SCRATCH, URL = map(str, sys.argv[1:5])
Answer = QMessageBox.StandardButton
app = QApplication([])

from gui import workers  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import GuiSettings  # noqa: E402

STARTED: list[str] = []  # the name of every worker started, in order
_real_handle_init = workers.WorkerHandle.__init__


def _counting_init(self, name, *args, **kwargs):
    STARTED.append(name)
    _real_handle_init(self, name, *args, **kwargs)


workers.WorkerHandle.__init__ = _counting_init  # type: ignore[method-assign]


def wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        time.sleep(0.01)
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")


def new_window() -> tuple[MainWindow, list[str]]:
    win = MainWindow(GuiSettings())
    asked: list[str] = []

    def ask(title, text, buttons, default):
        asked.append(text)
        for b in (Answer.Yes, Answer.Discard):
            if buttons & b:
                return b
        return default

    win.ask = ask  # type: ignore[method-assign]
    win.show()
    app.processEvents()
    return win, asked


def close_and_report(name: str, win: MainWindow, asked: list[str], **extra) -> None:
    t0 = time.monotonic()
    win.close()
    seconds = time.monotonic() - t0
    running = [repr(h) for h in workers.active_workers()]
    before = len(STARTED)
    for _ in range(30):  # what the event loop still delivers before the app quits
        app.processEvents()
        time.sleep(0.01)
    started = STARTED[before:]
    stopped_ok = workers.stop_all_workers(30_000)  # what run_app does after app.exec()
    report = {
        "scenario": name,
        "close_seconds": seconds,
        "visible": win.isVisible(),
        "asked": asked,
        "running": running,
        "started_after_close": started,
        "stopped_ok": stopped_ok,
        **extra,
    }
    print(json.dumps(report), flush=True)
    win.deleteLater()
    app.processEvents()


def slow(module, name: str, seconds: float) -> None:
    """Make ``module.name`` take ``seconds`` per call: the work is still running when the
    window closes, like a slow disk or a big folder."""
    real = getattr(module, name)

    def slowed(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    setattr(module, name, slowed)


def scanning() -> None:
    from engine import dataset

    slow(dataset, "open_image", 0.05)
    win, asked = new_window()
    win.photos_page.load_folder(Path(SCRATCH) / "many")
    wait_until(lambda: win.photos_page.progress.maximum() > 0, "the scan to report progress")
    assert win.photos_page.scanning
    close_and_report("scanning", win, asked)


def downloading() -> None:
    win, asked = new_window()
    page = win.model_page
    page.load_catalog()
    wait_until(lambda: page.catalog_loaded, "the backbone list")
    name = "mobilenet_v3_small"
    from engine import download

    real_download = download.download_file
    # The real download machinery, from the test's endless server instead of the internet.
    download.download_file = lambda url, dest, **kw: real_download(URL, dest, **kw)
    page.select_backbone(name)
    wait_until(lambda: page.structure is not None, "the backbone's structure")
    page.start_download()
    wait_until(
        lambda: " MB" in page.download_progress.format() or not page.downloading,
        "download progress",
    )
    assert page.downloading, page.details.text()
    close_and_report("downloading", win, asked)


def predicting() -> None:
    from engine import device
    from engine.predict import Predictor

    device.best_precision = lambda *a, **k: device.FP32  # no one-off speed probe here
    win, asked = new_window()
    page = win.use_page
    page.set_model(Path(MODEL))
    wait_until(lambda: page.predictor is not None, "the model to load")
    slow(Predictor, "_load", 0.05)
    page.classify([str(Path(SCRATCH) / "many")])
    wait_until(lambda: page.model.rowCount() > 0, "the first answers")
    assert page._job is not None and page._job.running
    close_and_report("predicting", win, asked, cards=page.model.rowCount())


def training() -> None:
    win, asked = new_window()
    win.photos_page.load_folder(Path(PHOTOS))
    wait_until(lambda: win.state.scan is not None, "the scan")
    page = win.train_page
    page.epochs_spin.setValue(400)
    page.patience_spin.setValue(0)
    page.precision_combo.setCurrentIndex(page.precision_combo.findData("fp32"))
    page.size_combo.setCurrentIndex(page.size_combo.findData(96))
    page.start_training()
    wait_until(lambda: len(page.accuracy_plot.val) >= 1, "the first finished epoch", 240)
    assert page.training
    close_and_report("training", win, asked, runs=str(win._runs_dir()))


try:
    for scenario in (scanning, downloading, predicting, training):
        scenario()
finally:
    workers.stop_all_workers(30_000)  # a failed scenario must not end in a Qt abort
print("END", flush=True)
