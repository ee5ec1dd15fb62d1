"""Screenshots of "Check my photos": check-suspects.png and check-duplicates.png.

Run under a display (for example ``xvfb-run -a -s "-screen 0 1400x900x24"``):

    .venv/bin/python docs/screenshots/take_check_screenshots.py [OUT_DIR]

The folder: Fashion-MNIST (3 categories x 15, upscaled to 112 px so they can be seen) with
three photos moved into the wrong category, scikit-image's coffee photo saved in one
category and a re-saved copy (70% size, JPEG 75) in another, and the astronaut among
the clothes. The check runs as in the app (on its worker thread); then the window is
grabbed on the "Wrongly filed" and "Duplicates" tabs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
MAKE = Path("/work/shared/datasets/make_fashion_folders.py")


def build(root: Path) -> None:
    from skimage import data

    subprocess.run(
        [sys.executable, str(MAKE), str(root), "--per-class", "15", "--classes", "3"]
        + ["--size", "112"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cats = sorted(p.name for p in root.iterdir() if p.is_dir())
    for i, p in enumerate(sorted((root / cats[2]).glob("*.png"))[:3]):
        p.rename(root / cats[i % 2] / f"from-{cats[2]}-{p.name}")
    coffee = Image.fromarray(data.coffee())
    coffee.save(root / cats[0] / "coffee.jpg", quality=90)
    small = coffee.resize((coffee.width * 7 // 10, coffee.height * 7 // 10))
    small.save(root / cats[1] / "coffee (small).jpg", quality=75)
    Image.fromarray(data.astronaut()).save(root / cats[2] / "astronaut.jpg", quality=90)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="check-shots-"))
    os.environ.setdefault("FINETUNE_STUDIO_HOME", str(tmp / "home"))
    root = tmp / "My clothes"
    build(root)
    app = QApplication.instance() or QApplication(sys.argv)
    from engine.dataset import scan_folder
    from gui.check_view import CheckDialog, CheckView
    from gui.state import StudioState

    state = StudioState()
    state.set_scan(root, scan_folder(root))
    view = CheckView(state, QUndoStack(), trash=None)
    dialog = CheckDialog(view)
    dialog.resize(1180, 720)
    dialog.show()

    def shot(name: str) -> None:
        app.processEvents()
        path = OUT / name
        dialog.grab().save(str(path))
        print(f"saved {path}", flush=True)

    def done(report) -> None:
        if report is None:
            print("check failed:", view.last_error, file=sys.stderr)
            app.exit(1)
            return
        view.tabs.setCurrentIndex(0)
        view.suspects.setCurrentRow(0)
        QTimer.singleShot(1500, lambda: (shot("check-suspects.png"), duplicates()))

    def duplicates() -> None:
        view.tabs.setCurrentIndex(1)
        view.duplicates.setCurrentRow(0)
        QTimer.singleShot(500, lambda: (shot("check-duplicates.png"), finish()))

    def finish() -> None:
        view.shutdown()
        app.exit(0)

    view.check_finished.connect(done)
    view.start_check()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
