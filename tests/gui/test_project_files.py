"""The app's own files, where a person expects them: a project carries its model, every file
of ours opens (menu, drop, command line, a second launch), and what was located is kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

RESULTS, USE = 3, 4


def make_photos(root: Path, **kw) -> Path:
    from photo_folders import make_photos as make

    return make(root, **kw)


def _fast(win, epochs: int = 2) -> None:
    page = win.train_page
    page.epochs_spin.setValue(epochs)
    page.precision_combo.setCurrentIndex(page.precision_combo.findData("fp32"))
    page.size_combo.setCurrentIndex(page.size_combo.findData(96))


def _train_in(qtbot, win, wait_catalog, photos: Path, epochs: int = 2) -> None:
    wait_catalog(win)
    with qtbot.waitSignal(win.photos_page.scan_finished, timeout=30_000):
        win.photos_page.load_folder(photos)
    _fast(win, epochs)
    with qtbot.waitSignal(win.train_page.training_finished, timeout=180_000):
        win.train_page.start_training()
    qtbot.waitUntil(lambda: not win.results_page.jobs.busy, timeout=60_000)


def _drop(win, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)


@pytest.fixture
def photos(tmp_path) -> Path:
    """A photo folder of this test's own (the tests move and delete things around it)."""
    return make_photos(tmp_path / "work" / "Birds", classes=3, per_class=8)


@pytest.fixture
def other_window(qtbot):
    from gui.main_window import MainWindow
    from gui.settings import GuiSettings

    wins = []

    def make():
        win = MainWindow(GuiSettings())
        qtbot.addWidget(win)
        win.show()
        wins.append(win)
        return win

    yield make
    for win in wins:
        win.shutdown(30_000)


# ------------------------------------------------------------------ models where they belong
@pytest.mark.slow
def test_a_copied_project_keeps_its_model_results_and_curves(
    qtbot, window, wait_catalog, photos, tmp_path, monkeypatch, other_window, gui_home
):
    win = window
    _train_in(qtbot, win, wait_catalog, photos, epochs=2)
    trained = win.state.model_path
    # Named after the photo folder, in the visible models folder (not in a cache).
    assert trained.parent == gui_home / "Finetune Studio" and trained.name == "Birds.ftmodel"

    project = tmp_path / "work" / "projects" / "Birds.ftproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(project), ""))
    assert win.save_project()
    beside = project.with_suffix(".ftmodel")
    assert beside.is_file()  # the model travels with the project
    doc = json.loads(project.read_text())
    assert doc["model_file"] == "Birds.ftmodel"  # relative to the project file
    assert len(doc["history"]) == 2

    # Copy the project's two files elsewhere, then delete the originals and the run's model.
    copy_dir = tmp_path / "work" / "copied"
    copy_dir.mkdir()
    for f in (project, beside):
        shutil.copy2(f, copy_dir / f.name)
    shutil.rmtree(project.parent)
    trained.unlink()
    win.shutdown()

    other = other_window()
    with qtbot.waitSignal(other.results_page.evaluation_ready, timeout=120_000) as checked:
        assert other.open_project(copy_dir / "Birds.ftproj")
    # Results: checked again in the background on the same checking photos.
    assert checked.args[0].count == 6  # 20% of 8 photos in each of 3 categories
    assert other.step_enabled(RESULTS) and other.step_enabled(USE)
    assert other.results_page.accuracy_label.text().endswith("%")
    # Curves: two epochs of accuracy and checking loss are drawn again.
    assert len(other.train_page.accuracy_plot.val) == 2
    # Use: the copied model classifies a photo.
    qtbot.waitUntil(lambda: other.use_page.predictor is not None, timeout=60_000)
    with qtbot.waitSignal(other.use_page.classify_finished, timeout=60_000):
        other.use_page.classify([str(next((photos / "category_a").iterdir()))])
    assert other.use_page.model.rowCount() == 1
    assert other.state.model_path == (copy_dir / "Birds.ftmodel").resolve()


def test_saving_a_project_copies_its_model_beside_it_atomically(tmp_path):
    from engine.config import TrainConfig
    from engine.projects import Project, load_project, save_project

    model = tmp_path / "models" / "run.ftmodel"
    model.parent.mkdir()
    model.write_bytes(b"weights")
    path = save_project(Project(TrainConfig(), model_file=str(model)), tmp_path / "p" / "Plants")
    assert path.with_suffix(".ftmodel").read_bytes() == b"weights"
    assert load_project(path).model_file == str(path.with_suffix(".ftmodel").resolve())
    # Saving again with the model already beside it copies nothing onto itself.
    again = load_project(path)
    save_project(again, path)
    assert path.with_suffix(".ftmodel").read_bytes() == b"weights"
    assert not list(path.parent.glob("*.tmp*"))


def test_a_missing_model_is_said_and_located_near_its_old_place(
    qtbot, window, photos, tmp_path, monkeypatch
):
    from engine.config import TrainConfig
    from engine.projects import Project, save_project

    model = tmp_path / "work" / "models" / "Birds.ftmodel"
    model.parent.mkdir(parents=True)
    model.write_bytes(b"x")
    path = save_project(
        Project(TrainConfig(data_dir=str(photos)), model_file=str(model)),
        tmp_path / "work" / "Birds.ftproj",
        keep_model_beside=False,
    )
    model.unlink()
    asked = []

    def where(old: str):
        asked.append(old)
        return None  # "Open without it"

    monkeypatch.setattr(window, "ask_moved_model", where)
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        assert window.open_project(path)
    assert asked == [str(model.resolve())]
    assert window.state.model_path is None and not window.step_enabled(RESULTS)
    assert window.isWindowModified()  # the project changed: it no longer names that model

    # The "Locate…" dialog itself starts in the nearest folder that still exists.
    from engine.projects import near_existing

    assert near_existing(str(model)) == model.parent
    shutil.rmtree(model.parent)
    assert near_existing(str(model)) == tmp_path / "work"


def test_a_relocated_photo_folder_is_saved_and_not_asked_again(
    qtbot, window, photos, tmp_path, monkeypatch, other_window
):
    from engine.config import TrainConfig
    from engine.projects import Project, save_project

    path = save_project(Project(TrainConfig(data_dir=str(photos), epochs=3)), tmp_path / "p.ftproj")
    moved = tmp_path / "moved" / "Birds"
    shutil.move(str(photos), moved)
    starts = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda parent, title, start, *a, **k: starts.append(start) or str(moved),
    )
    monkeypatch.setattr(window, "_ask_to_locate", lambda *a: True)  # "Locate…"
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        assert window.open_project(path)
    assert starts == [str(tmp_path / "work")]  # near the old place, not the home folder
    assert window.state.data_dir == moved
    assert window.isWindowModified()  # located: the project changed, quitting offers to save
    assert window.save_project()
    assert not window.isWindowModified()

    again = other_window()
    asked = []
    monkeypatch.setattr(again, "ask_moved_folder", lambda *a: asked.append(a))
    with qtbot.waitSignal(again.photos_page.scan_finished, timeout=30_000):
        assert again.open_project(path)
    assert asked == []  # not asked again
    assert again.state.data_dir == moved and again.train_page.epochs_spin.value() == 3


# ------------------------------------------------------------------ every file of ours opens
@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    """A small trained model whose own file names its photo folder (head only, 2 epochs)."""
    from engine.config import TrainConfig
    from engine.training import train

    root = tmp_path_factory.mktemp("openable")
    photos = make_photos(root / "Shapes")
    config = TrainConfig(
        data_dir=str(photos), epochs=2, image_size=96, precision="fp32", train_layers="head"
    )
    return Path(train(config, out=root / "Shapes.ftmodel").model_path)


def test_open_model_from_the_menu_goes_to_use_with_results_and_curves(
    qtbot, window, model_file, monkeypatch
):
    starts = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda parent, title, start, *a, **k: starts.append(start) or (str(model_file), ""),
    )
    action = window.act_open_model
    assert action in window.menuBar().actions()[0].menu().actions()  # File > Open model…
    with (
        qtbot.waitSignal(window.use_page.model_ready, timeout=60_000),
        qtbot.waitSignal(window.results_page.evaluation_ready, timeout=60_000) as checked,
    ):
        action.trigger()
    assert window.current_step() == USE
    assert checked.args[0].count > 0  # its checking photos were at hand: Results checked them
    assert len(window.train_page.accuracy_plot.val) == 2  # the history is in the model file
    assert window.step_enabled(RESULTS)


def test_dropping_a_model_or_a_project_on_the_window_opens_it(qtbot, window, model_file, tmp_path):
    with qtbot.waitSignal(window.use_page.model_ready, timeout=60_000):
        _drop(window, model_file)
    assert window.current_step() == USE and window.state.model_path == model_file
    assert window.use_page.model_path == model_file

    from engine.config import TrainConfig
    from engine.projects import Project, save_project

    project = save_project(Project(TrainConfig(epochs=4)), tmp_path / "dropped.ftproj")
    window.go_to(0)
    _drop(window, project)
    assert window.project_path == project and window.train_page.epochs_spin.value() == 4

    # On the Use step, the drop area opens a dropped model instead of classifying it.
    window.go_to(USE) if window.step_enabled(USE) else None
    with qtbot.waitSignal(window.use_page.model_ready, timeout=60_000):
        window.use_page.drop_area.paths_dropped.emit([str(model_file)])
    assert window.state.model_path == model_file and window.use_page.model.rowCount() == 0


def test_the_command_line_opens_a_project_a_model_or_a_folder(qtbot, window, model_file, photos):
    from engine.cli import main

    opened = []

    def open_gui(demo: bool = False, path: str | None = None) -> int:
        opened.append(path)
        return 0

    for arg in (str(model_file), str(photos), "missing.ftproj"):
        assert main([arg], open_gui=open_gui) == 0
    assert opened == [str(model_file), str(photos), "missing.ftproj"]
    assert main(["backbones"], open_gui=open_gui) == 0 and len(opened) == 3  # a sub-command

    with qtbot.waitSignal(window.use_page.model_ready, timeout=60_000):
        window.start(path=str(model_file))  # what run_app does with the argument
    assert window.current_step() == USE
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        window.start(path=str(photos))
    assert window.state.data_dir == photos


def test_a_second_launch_hands_its_file_to_the_running_window(qtbot, window, model_file):
    from gui.single_instance import SingleInstance, send_to_running, server_name

    name = server_name()  # from this test's own FINETUNE_STUDIO_HOME: no collisions
    first = SingleInstance(lambda p: window.open_path(Path(p)) if p else None)
    try:
        assert first.try_become_first()
        second = SingleInstance(lambda p: None)
        assert not second.try_become_first()  # the lock is held: this launch hands over
        with qtbot.waitSignal(window.use_page.model_ready, timeout=60_000):
            assert send_to_running(str(model_file), name)
        assert window.state.model_path == model_file.resolve()
    finally:
        first.close()
    assert not send_to_running(None, name)  # nobody listens any more


def test_a_second_launch_process_exits_after_handing_over(qtbot, window, model_file, gui_home):
    import os
    import subprocess
    import sys

    from gui.single_instance import SingleInstance

    first = SingleInstance(lambda p: window.open_path(Path(p)) if p else None)
    assert first.try_become_first()
    try:
        env = {**os.environ, "FINETUNE_STUDIO_HOME": str(gui_home), "QT_QPA_PLATFORM": "offscreen"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "gui.launch", str(model_file)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: window.state.model_path is not None, timeout=60_000)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "handed over" in err
        assert window.state.model_path == model_file.resolve()
    finally:
        first.close()


def test_the_models_folder_is_visible_and_redirected_in_tests(gui_home):
    from engine.paths import cache_dir, models_dir, new_model_path

    folder = models_dir()
    assert folder == gui_home / "Finetune Studio" and folder.is_dir()
    assert cache_dir() not in folder.parents
    first = new_model_path("Plants")
    assert first == folder / "Plants.ftmodel"
    first.write_bytes(b"x")
    assert new_model_path("Plants") == folder / "Plants 2.ftmodel"  # never over a model
    assert new_model_path('a/b:c*?"') == folder / "a_b_c___.ftmodel"


def test_export_dialogs_suggest_the_models_folder(qtbot, window, model_file, monkeypatch, gui_home):
    with qtbot.waitSignal(window.use_page.model_ready, timeout=60_000):
        assert window.open_model(model_file)
    page = window.use_page
    page.export_model_dialog()
    dialog = page._export_dialog  # deletes itself on close
    # Not beside the model wherever it lies (a cache, a run folder): the models folder.
    assert Path(dialog.path.text()) == gui_home / "Finetune Studio" / "Shapes.onnx"
    dialog.close()

    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        page.classify([str(next(Path(model_file.parent / "Shapes" / "category_a").iterdir()))])
    starts = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, start, *a, **k: starts.append(start) or ("", ""),
    )
    page.export_csv_dialog()
    assert starts == [str(gui_home / "Finetune Studio" / "Shapes answers.csv")]
