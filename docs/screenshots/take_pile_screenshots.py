"""Screenshots of sorting an unsorted pile (issue 17): labelling, and the suggestions.

Run under a display (for example ``xvfb-run -a -s "-screen 0 1400x900x24"``):

    .venv/bin/python docs/screenshots/take_pile_screenshots.py [OUT_DIR]

Makes a plain folder of 60 Fashion-MNIST photos (Debian's dataset-fashion-mnist), opens it
in the main window, presses "Sort them…", creates three categories, labels three photos
of each with the number keys, and saves pile-labelling.png; then presses "Suggest labels"
and "Label the most useful next" and saves pile-suggestions.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
MAKE = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "make_fashion_folders.py"
CATEGORIES = ("bag", "sandal", "trouser")  # Fashion-MNIST's 9th, 6th and 2nd categories


def wait_until(condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float) -> None:
    """Let the event loop run for ``seconds`` (previews, repaints)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def make_pile(tmp: Path) -> tuple[Path, dict[str, str]]:
    source = tmp / "source"
    subprocess.run(
        [sys.executable, str(MAKE), str(source), "--per-class", "20", "--classes", "10"],
        check=True,
        capture_output=True,
    )
    pile = tmp / "My clothes"
    pile.mkdir()
    truth = {}
    for cat in CATEGORIES:
        for f in sorted((source / cat).iterdir()):
            shutil.copy2(f, pile / f.name)
            truth[f.name] = cat
    return pile, truth


def main() -> int:
    from gui.main_window import MainWindow
    from gui.pile_view import PathRole
    from gui.settings import GuiSettings

    _app = QApplication.instance() or QApplication(sys.argv)  # kept alive until the end
    tmp = Path(tempfile.mkdtemp(prefix="pile-shots-"))
    root, truth = make_pile(tmp)
    win = MainWindow(GuiSettings())
    win.resize(1280, 820)
    win.show()
    done = []
    win.photos_page.scan_finished.connect(lambda _s: done.append(1))
    win.photos_page.load_folder(root)
    wait_until(lambda: done, 60)
    win.grab().save(str(OUT / "pile-photos.png"))
    win.photos_page.open_sorting()
    dialog = win.photos_page.sort_dialog
    dialog.resize(1100, 700)
    view = dialog.view
    for name in CATEGORIES:
        view.add_category(name)
    for key, cat in enumerate(CATEGORIES):
        for name in sorted(n for n, c in truth.items() if c == cat)[:3]:
            view.grid.clearSelection()
            for i in range(view.grid.count()):
                if Path(view.grid.item(i).data(PathRole)).name == name:
                    view.grid.setCurrentRow(i)
            QTest.keyClick(view.grid, Qt.Key.Key_1 + key)
    wait_until(lambda: not view.busy, 30)
    view.grid.setCurrentRow(4)
    settle(1.0)  # the thumbnails arrive
    dialog.grab().save(str(OUT / "pile-labelling.png"))
    view.suggest_button.click()
    wait_until(lambda: view.suggestions is not None and not view.suggesting, 900)
    view.select_most_useful()
    settle(0.5)
    dialog.grab().save(str(OUT / "pile-suggestions.png"))
    print(view.note.text())
    dialog.close()
    win.shutdown(30_000)  # not close(): it would ask about the unsaved project
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
