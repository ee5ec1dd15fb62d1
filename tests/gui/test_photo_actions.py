"""The fixes shared by "Check my photos" and the Results step (gui.widgets.photo_actions):
a mistake refiled, kept or removed from the Results page, undone on the window's stack,
and a removal into the system trash (a Linux trash under a temporary HOME) and back."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import torch
from PySide6.QtGui import QUndoStack
from test_check_view import census

from engine.check import REMOVED_FOLDER, keep_key
from engine.dataset import scan_folder
from engine.evaluation import compute
from gui.state import StudioState


@pytest.fixture
def folder(fashion_small, tmp_path) -> Path:
    root = tmp_path / "photos"
    shutil.copytree(fashion_small, root)
    return root


def evaluation_of(scan):
    """A known evaluation of the scanned photos: every 4th photo said to be the next class."""
    classes = list(scan.classes)
    paths = [str(p.path) for p in scan.photos]
    labels = torch.tensor([p.label for p in scan.photos])
    probs = torch.full((len(paths), len(classes)), 0.05)
    for i, t in enumerate(labels.tolist()):
        probs[i, (t + 1) % len(classes) if i % 4 == 0 else t] = 0.9 - 0.001 * i
    return compute(classes, probs, labels, paths)


@pytest.fixture
def results(qtbot, folder):
    """The Results page of ``folder``'s scan, with the fixes on an undo stack."""
    from gui.results_page import ResultsPage

    state = StudioState()
    state.set_scan(folder, scan_folder(folder))
    page = ResultsPage(state)
    stack = QUndoStack()
    actions = page.enable_fixing(stack, trash=None)
    actions.scan_updated.connect(lambda scan: state.set_scan(folder, scan))
    qtbot.addWidget(page)
    page.show()
    page.show_evaluation(evaluation_of(state.scan))
    yield page, state, stack
    page.shutdown()


def select_first_mistake(page) -> tuple[Path, str]:
    page.mistakes.setCurrentRow(0)
    first = page.evaluation.mistakes[0]
    assert page.mistakes.selected_path() == first.path
    return Path(first.path), first.predicted


def test_refile_a_mistake_from_results_then_undo(results):
    page, state, stack = results
    root = state.data_dir
    before = census(root)
    shown = page.mistakes.count()
    path, said = select_first_mistake(page)
    assert path.parent.name != said and page.move_button.isEnabled()

    page._fill_move_menu()  # what opening the "Move to…" menu does
    entry = [a for a in page.move_menu.actions() if a.text().endswith(f"  {said}")]
    assert len(entry) == 1, [a.text() for a in page.move_menu.actions()]
    entry[0].trigger()

    moved = root / said / path.name
    assert moved.is_file() and not path.exists()
    assert stack.count() == 1 and stack.undoText() == f"Move {path.name} to {said}"
    # Filed where the model said: no longer a mistake; the scan knows it (no rescan).
    assert str(moved) not in page.mistakes.paths() and page.mistakes.count() == shown - 1
    photo = next(p for p in state.scan.photos if p.path == moved)
    assert state.scan.classes[photo.label] == said
    assert census(root) == before

    stack.undo()
    assert path.is_file() and not moved.exists()
    assert page.mistakes.paths()[0] == str(path) and page.mistakes.count() == shown
    assert next(p for p in state.scan.photos if p.path == path).label != photo.label
    stack.redo()
    assert moved.is_file() and not path.exists()
    stack.undo()
    assert path.is_file()
    assert census(root) == before  # every photo, byte for byte, and nothing more


def test_keep_and_remove_a_mistake_from_results(results):
    page, state, stack = results
    root = state.data_dir
    before = census(root)
    path, _said = select_first_mistake(page)
    page.keep_button.click()
    photo = next(p for p in state.scan.photos if p.path == path)
    assert keep_key(photo, state.scan.classes) in state.kept
    assert str(path) not in page.mistakes.paths() and path.is_file()
    stack.undo()
    assert not state.kept and page.mistakes.paths()[0] == str(path)

    # A cell's photo: the matrix cell (real, said) of the first mistake.
    ev = page.evaluation
    true, said = ev.classes.index(path.parent.name), ev.classes.index(_said)
    page._on_cell_clicked(true, said)
    assert str(path) in page.cell_photos.paths()
    page.actions.remove([path])  # what the cell photo's context menu "Remove" does
    assert not path.exists() and (root / REMOVED_FOLDER / path.parent.name / path.name).is_file()
    assert str(path) not in page.cell_photos.paths() + page.mistakes.paths()
    assert all(p.path != path for p in state.scan.photos)
    stack.undo()
    assert path.is_file() and str(path) in page.cell_photos.paths()
    assert census(root) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the freedesktop trash")
def test_remove_goes_to_the_system_trash_and_undo_brings_it_back(
    qtbot, folder, tmp_path, monkeypatch
):
    from gui.check_view import CheckView
    from gui.undo import system_trash

    home = tmp_path / "home"
    (home / ".local" / "share").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    trash = home / ".local" / "share" / "Trash"
    state = StudioState()
    state.set_scan(folder, scan_folder(folder))
    stack = QUndoStack()
    view = CheckView(state, stack, trash=system_trash)
    view.scan_updated.connect(lambda scan: state.set_scan(folder, scan))
    qtbot.addWidget(view)
    before = census(folder)
    photo = sorted((folder / "trouser").glob("*.png"))[0]
    data = photo.read_bytes()

    view.actions.remove([photo])
    assert not photo.exists()
    hidden = folder / REMOVED_FOLDER / "trouser" / photo.name
    assert not hidden.exists()  # handed on to the trash
    in_trash = list((trash / "files").iterdir())
    assert [p.read_bytes() for p in in_trash] == [data]
    info = list((trash / "info").glob("*.trashinfo"))
    # The journal moved it to the hidden folder first, and the trash took it from there:
    # the file manager's "Restore" puts it back in the hidden folder; Edit > Undo, in place.
    assert len(info) == 1 and f"Path={hidden}\n" in info[0].read_text()
    assert all(p.path != photo for p in state.scan.photos)

    stack.undo()  # out of the trash, back where it was
    assert photo.read_bytes() == data
    assert not list((trash / "files").iterdir()) and not list((trash / "info").iterdir())
    assert any(p.path == photo for p in state.scan.photos)
    assert census(folder) == before


def test_the_window_undoes_a_results_fix_from_its_edit_menu(window, folder):
    """In the window: the Results page's fixes are steps of Edit > Undo, and the Photos
    step's scan follows them."""
    window.state.set_scan(folder, scan_folder(folder))
    page = window.results_page
    assert page.actions is not None and page.actions.undo_stack is window.undo_stack
    page.show_evaluation(evaluation_of(window.state.scan))
    before = census(folder)
    path, said = select_first_mistake(page)
    page.actions.refile([path], said)
    moved = folder / said / path.name
    assert moved.is_file() and window.act_undo.isEnabled()
    assert any(p.path == moved for p in window.state.scan.photos)  # via the Photos step
    window.act_undo.trigger()
    assert path.is_file() and not moved.exists()
    assert any(p.path == path for p in window.state.scan.photos)
    assert census(folder) == before
