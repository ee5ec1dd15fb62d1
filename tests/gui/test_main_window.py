"""The window: steps, menus, shortcuts, names for tests and screen readers, settings."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from gui.main_window import MainWindow
from gui.settings import (
    SETTINGS_VERSION,
    GuiSettings,
    load_settings,
    save_settings,
    settings_path,
)

REQUIRED = [
    "photosFolderButton",
    "categoryTable",
    "backboneList",
    "freezeTree",
    "trainButton",
    "stopButton",
    "lossPlot",
    "accuracyPlot",
    "trainProgress",
    "stepList",
    "pauseButton",
    "valSplitSpin",
    "valFolderButton",
    "downloadButton",
    "cancelDownloadButton",
    "importWeightsButton",
    "freezePresetCombo",
    "epochsSpin",
    "lrCombo",
    "imageSizeCombo",
    "augmentCombo",
    "trainLog",
]


def test_every_named_control_has_an_accessible_name(window):
    for name in REQUIRED:
        w = window.findChild(QWidget, name)
        assert w is not None, name
        assert w.accessibleName(), f"{name} has no accessible name"
    # Every named control of my pages, not only the listed ones.
    for page in (window.photos_page, window.model_page, window.train_page):
        for w in page.findChildren(QWidget):
            name = w.objectName()
            if name and not name.startswith("qt_") and name[0].islower():
                assert w.accessibleName(), name


def test_five_steps_results_and_use_wait_for_a_model(window):
    steps = [window.step_list.item(i).text().split("\n")[0] for i in range(5)]
    assert steps == ["1  Photos", "2  Model", "3  Train", "4  Results", "5  Use"]
    assert window.step_enabled(0) and window.step_enabled(2)
    assert not window.step_enabled(3) and not window.step_enabled(4)
    window.go_to(3)
    assert window.current_step() == 0  # not reachable yet
    window.go_to(2)
    assert window.current_step() == 2
    assert not window.train_page.train_button.isEnabled()
    assert "Choose a photo folder" in window.train_page.ready_label.text()
    assert not window.act_export.isEnabled()


def test_menus_and_standard_shortcuts(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert {"File", "Help"} <= set(menus)
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    for wanted in (
        "New project",
        "Open project…",
        "Open recent",
        "Save project",
        "Save project as…",
        "Export model…",
        "Quit",
    ):
        assert wanted in file_items, file_items
    help_items = [a.text().replace("&", "") for a in menus["Help"].actions() if a.text()]
    assert {"Getting started", "Try the sample", "Open log folder", "About Finetune Studio"} <= set(
        help_items
    )
    shortcuts = {
        a.objectName(): a.shortcut() for a in window.findChildren(QAction) if a.objectName()
    }
    assert shortcuts["actionOpen"] == QKeySequence(QKeySequence.StandardKey.Open)
    assert shortcuts["actionSave"] == QKeySequence(QKeySequence.StandardKey.Save)
    assert shortcuts["actionQuit"] == QKeySequence(QKeySequence.StandardKey.Quit)
    assert shortcuts["actionStepTrain"] == QKeySequence("Ctrl+3")


def test_step_shortcut_switches_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == 2


def test_about_lists_versions_and_licences(qtbot, window):
    from gui.help import about_html, getting_started_html

    html = about_html()
    for word in (
        "PySide6",
        "pyqtgraph",
        "PyTorch",
        "LGPL-3.0",
        "Apache-2.0",
        "Fashion-MNIST",
        "MIT",
    ):
        assert word in html
    assert "one subfolder per category" in getting_started_html()
    window.show_about()
    dialog = window.findChild(QWidget, "aboutDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_try_the_sample_loads_it_with_the_built_in_backbone(qtbot, window):
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000) as blocker:
        window.try_sample()
    scan = blocker.args[0]
    assert scan is not None and len(scan.classes) == 5 and len(scan.photos) == 150
    assert window.state.backbone == "efficientnet_lite0" and window.state.train_layers == "head"
    assert window.banner.isVisible()
    assert window.train_page.train_button.isEnabled()


def test_the_samples_banner_keeps_its_room_while_the_sample_trains(qtbot, window):
    """Issue 13: pressing Train must not make the page taller (a whole-window layout and
    repaint at the click); the banner says what happens now, then goes when the run ends."""
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        window.try_sample()
    window.go_to(2)
    qtbot.wait(50)
    page_size, banner_size = window.train_page.size(), window.banner.size()
    window.train_page.training_started.emit()
    qtbot.wait(50)
    assert window.banner.isVisible() and not window.banner_button.isVisible()
    assert "Results" in window.banner_label.text()
    assert window.banner.size() == banner_size
    assert window.train_page.size() == page_size
    window.train_page.training_finished.emit(None)
    assert not window.banner.isVisible()
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        window.try_sample()  # shown again, with its button
    assert window.banner.isVisible() and window.banner_button.isVisible()


def test_geometry_and_recent_projects_are_remembered(qtbot, tmp_path):
    first = MainWindow(GuiSettings())
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 640)
    first.settings.add_recent(tmp_path / "a.ftproj")
    first.close()
    doc = json.loads(settings_path().read_text())
    assert doc["version"] == SETTINGS_VERSION and doc["geometry"] and doc["recent_projects"]

    second = MainWindow()  # loads the saved settings
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (790, 640)
    assert second.settings.recent_projects == [str((tmp_path / "a.ftproj").resolve())]
    second.close()


def test_settings_survive_damage_and_newer_versions():
    path = settings_path()
    path.write_text("{not json")
    assert load_settings() == GuiSettings()
    path.write_text(json.dumps({"version": 99, "last_folder": "/x"}))
    assert load_settings().last_folder == ""
    path.write_text(json.dumps({"version": 1, "last_folder": 5, "recent_projects": ["/a", 3]}))
    s = load_settings()
    assert s.last_folder == "" and s.recent_projects == []
    s = GuiSettings()
    for i in range(12):
        s.add_recent(f"/p/{i}.ftproj")
    s.add_recent("/p/3.ftproj")
    assert len(s.recent_projects) == 8 and s.recent_projects[0].endswith("3.ftproj")
    save_settings(s)
    assert load_settings().recent_projects == s.recent_projects


def test_opening_a_project_whose_folder_moved_asks_where(
    qtbot, window, tiny_photos, tmp_path, monkeypatch
):
    import shutil

    from engine.config import TrainConfig
    from engine.projects import Project, save_project

    moved_from = tmp_path / "old place"
    path = save_project(
        Project(TrainConfig(data_dir=str(moved_from), epochs=3)), tmp_path / "p.ftproj"
    )
    new_place = tmp_path / "new place"
    shutil.copytree(tiny_photos, new_place)
    asked = []
    monkeypatch.setattr(
        window, "ask_moved_folder", lambda what, old: asked.append((what, old)) or new_place
    )
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        assert window.open_project(path)
    assert asked and asked[0][0] == "photo folder"
    assert window.state.data_dir == new_place
    assert window.train_page.epochs_spin.value() == 3
    assert window.windowTitle().startswith("p.ftproj")
