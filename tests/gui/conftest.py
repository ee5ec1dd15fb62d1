"""GUI test fixtures: offscreen Qt, a private app home, tiny photo folders, a main window."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FINETUNE_STUDIO_NO_ERROR_DIALOG"] = "1"

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from gui import workers  # noqa: E402


@pytest.fixture(scope="session")
def fp32_probe_file(tmp_path_factory) -> Path:
    """A remembered precision choice (fp32) for this machine: no GUI test pays the probe.

    The probe itself is the engine's business (tests/engine); here it would only add
    seconds, uninterruptible, to whichever test first loads a model on a worker.
    """
    import torch

    from engine.device import _machine_key

    path = tmp_path_factory.mktemp("probe") / "precision.json"
    choice = {"dtype": "float32", "channels_last": False, "speedup": 1.0}
    path.write_text(json.dumps({_machine_key(torch.device("cpu")): choice}))
    return path


@pytest.fixture(autouse=True)
def gui_home(tmp_path_factory, monkeypatch, fp32_probe_file) -> Path:
    """A private FINETUNE_STUDIO_HOME and torch hub folder for every GUI test."""
    home = tmp_path_factory.mktemp("guihome")
    monkeypatch.setenv("FINETUNE_STUDIO_HOME", str(home))
    monkeypatch.setenv("TORCH_HOME", str(home / "torch"))
    monkeypatch.setenv("FINETUNE_STUDIO_PROBE_FILE", str(fp32_probe_file))
    return home


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A real modal dialog would wait forever offscreen: answer them all, and record them."""
    from PySide6.QtWidgets import QFileDialog

    shown: list[tuple[str, tuple]] = []

    def box(kind, answer):
        def show(*args, **kwargs):
            shown.append((kind, args))
            return answer

        return show

    monkeypatch.setattr(
        QMessageBox, "question", box("question", QMessageBox.StandardButton.Discard)
    )
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box(kind, QMessageBox.StandardButton.Ok))
    # A message box built by hand and exec()'d (e.g. "Locate…"): no button is clicked.
    monkeypatch.setattr(
        QMessageBox, "exec", lambda self: shown.append(("exec", (self.text(),))) or 0
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", box("folder", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", box("open", ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", box("save", ("", "")))
    return shown


@pytest.fixture(autouse=True)
def no_worker_left_running(qapp):
    """Every test must leave no QThread running (else Qt aborts the process later)."""
    yield
    still = workers.active_workers()
    if still:
        workers.stop_all_workers(30_000)
    assert not still, f"workers still running after the test: {still}"


def make_photos(root: Path, classes: int = 3, per_class: int = 8, size: int = 32) -> Path:
    """Tiny, distinct PNG photos: each category a colour and a shape, with noise."""
    from PIL import Image, ImageDraw

    rng = random.Random(0)
    colours = [(220, 40, 40), (40, 160, 40), (40, 60, 220), (200, 180, 30), (150, 40, 170)]
    for c in range(classes):
        folder = root / f"category_{chr(ord('a') + c)}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            img = Image.new("RGB", (size, size), (rng.randrange(90, 140),) * 3)
            d = ImageDraw.Draw(img)
            x0, y0 = rng.randrange(2, 8), rng.randrange(2, 8)
            box = (x0, y0, x0 + size // 2 + rng.randrange(8), y0 + size // 2 + rng.randrange(8))
            colour = colours[c % len(colours)]
            if c % 3 == 0:
                d.ellipse(box, fill=colour)
            elif c % 3 == 1:
                d.rectangle(box, fill=colour)
            else:
                d.polygon(
                    [(box[0], box[3]), (box[2], box[3]), ((box[0] + box[2]) // 2, box[1])],
                    fill=colour,
                )
            img.save(folder / f"{i:03d}.png")
    return root


@pytest.fixture(scope="session")
def tiny_photos(tmp_path_factory) -> Path:
    """3 categories x 8 photos of 32x32 pixels."""
    return make_photos(tmp_path_factory.mktemp("tiny") / "photos")


@pytest.fixture
def window(qtbot, monkeypatch):
    """A main window with default settings; questions answered 'yes' / 'discard'."""
    from gui.main_window import MainWindow
    from gui.settings import GuiSettings

    win = MainWindow(GuiSettings())
    answers: list[tuple[str, str]] = []

    def ask(title, text, buttons, default):
        answers.append((title, text))
        for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Discard):
            if buttons & b:
                return b
        return default

    monkeypatch.setattr(win, "ask", ask)
    win.asked = answers
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.isVisible():
        win.close()
    win.shutdown(30_000)


@pytest.fixture
def wait_catalog(qtbot):
    """wait_catalog(win): the backbone list and the chosen backbone's structure are loaded."""

    def wait(win, timeout: int = 60_000) -> None:
        win.model_page.load_catalog()
        qtbot.waitUntil(lambda: win.model_page.catalog_loaded, timeout=timeout)
        qtbot.waitUntil(lambda: win.model_page.structure is not None, timeout=timeout)

    return wait
