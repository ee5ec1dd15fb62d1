"""GUI test fixtures: offscreen Qt, a private app home, tiny photo folders, a main window."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FINETUNE_STUDIO_NO_ERROR_DIALOG"] = "1"

from photo_folders import make_photos  # noqa: E402
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
def english(qapp, compiled_translations):
    """The window's English as the app shows it: its plural forms come from the *_en.qm files
    ("%n photo(s)" -> "1 photo" / "2 photos"). The ``german`` fixture switches to German."""
    from gui import i18n

    i18n.install("en")
    yield
    i18n.uninstall()


@pytest.fixture(autouse=True)
def no_worker_left_running(qapp):
    """Every test must leave no QThread running (else Qt aborts the process later)."""
    yield
    still = workers.active_workers()
    if still:
        workers.stop_all_workers(30_000)
    assert not still, f"workers still running after the test: {still}"


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
