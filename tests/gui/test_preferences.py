"""Edit > Preferences: each choice does what it says, is saved, and is there after a restart
(a fresh window built from the settings file); reset and clearing the cache work."""

from __future__ import annotations

import json

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from engine import caches, imagecache
from engine.config import DEFAULT_BACKBONE
from engine.paths import models_dir
from gui import app as gui_app
from gui import i18n
from gui.main_window import MainWindow
from gui.preferences import PreferencesDialog, _size, apply_at_start, open_preferences
from gui.settings import (
    DEFAULT_CACHE_LIMIT_MB,
    SETTINGS_VERSION,
    GuiSettings,
    load_settings,
    save_settings,
    settings_path,
)

BACKBONES = {
    "efficientnet_lite0": "EfficientNet-Lite0",
    "efficientnet_lite1": "EfficientNet-Lite1",
    "efficientnet_lite2": "EfficientNet-Lite2",
}


@pytest.fixture
def restored(qapp):
    """Theme, language and cache limit as they were, whatever the test chose."""
    if gui_app._theme["apply"] is None:
        gui_app.follow_color_scheme(qapp)
    palette = QPalette(qapp.palette())
    yield
    gui_app.set_theme("system")
    qapp.setPalette(palette)
    i18n.uninstall()
    imagecache.set_limit(imagecache.DEFAULT_LIMIT_BYTES)


def _dialog(qtbot, settings: GuiSettings | None = None) -> PreferencesDialog:
    dialog = PreferencesDialog(settings or load_settings(), None, BACKBONES, running_language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    return dialog


def _choose(box, value) -> None:
    i = box.findData(value)
    assert i >= 0, value
    box.setCurrentIndex(i)


def _restart(qtbot) -> PreferencesDialog:
    """What a new start sees: the settings file read again, a new Preferences window."""
    return _dialog(qtbot, load_settings())


def _saved() -> dict:
    return json.loads(settings_path().read_text(encoding="utf-8"))


def test_edit_menu_has_preferences_with_the_platform_key_and_ctrl_comma(window, qtbot):
    edit = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.menu() and "Edit" in a.text().replace("&", "")
    )
    assert isinstance(edit, QMenu)
    act = window.act_preferences
    assert act in edit.actions()
    keys = act.shortcuts()
    assert QKeySequence("Ctrl+,") in keys
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences):
        assert key in keys  # Cmd+, on macOS
    act.trigger()
    dialog = window.preferences_dialog
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    assert open_preferences(window) is dialog  # one at a time
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    dialog.close()


def test_language_is_saved_said_plainly_and_installed_at_the_next_start(
    qtbot, restored, compiled_translations
):
    dialog = _dialog(qtbot)
    assert not dialog.language_note.isVisible()  # English chosen by the system, English shown
    _choose(dialog.language_box, "de")
    assert _saved()["language"] == "de"
    assert dialog.language_note.isVisible()
    assert "next time you start" in dialog.language_note.text()
    assert "Deutsch" in dialog.language_note.text()
    dialog.close()

    again = _restart(qtbot)
    assert again.language_box.currentData() == "de"
    # The start: app.run_app calls apply_at_start before the window is built.
    assert apply_at_start(load_settings()) == "de"
    assert i18n.current_language() == "de"
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Einstellungen"
    german = _dialog(qtbot, load_settings())
    assert german.windowTitle() == "Einstellungen"

    _choose(german.language_box, "")
    assert load_settings().language == ""


def test_theme_applies_at_once_and_persists(qtbot, restored):
    app = QApplication.instance()
    dialog = _dialog(qtbot)
    _choose(dialog.theme_box, "dark")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert _saved()["theme"] == "dark"
    _choose(dialog.theme_box, "light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    _choose(dialog.theme_box, "dark")
    dialog.close()

    again = _restart(qtbot)
    assert again.theme_box.currentData() == "dark"
    gui_app.set_theme("light")
    apply_at_start(load_settings())  # the next start is dark again
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def test_default_backbone_is_what_new_projects_start_with(qtbot, restored):
    dialog = _dialog(qtbot)
    assert dialog.backbone_box.currentData() == DEFAULT_BACKBONE
    assert dialog.backbone_box.count() == len(BACKBONES)
    _choose(dialog.backbone_box, "efficientnet_lite1")
    assert _saved()["default_backbone"] == "efficientnet_lite1"
    dialog.close()

    assert _restart(qtbot).backbone_box.currentData() == "efficientnet_lite1"
    win = MainWindow(load_settings())
    qtbot.addWidget(win)
    assert win.state.backbone == "efficientnet_lite1"
    win.state.set_backbone("efficientnet_lite2")  # this project's own choice...
    win.reset_project()  # ...and a new project starts from the preference again
    assert win.state.backbone == "efficientnet_lite1"
    win.shutdown(30_000)

    # Choosing the standard one again stores "no preference".
    again = _restart(qtbot)
    _choose(again.backbone_box, DEFAULT_BACKBONE)
    assert load_settings().default_backbone == ""


def test_runs_folder_is_used_for_new_runs_and_persists(qtbot, tmp_path, monkeypatch, restored):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "runs"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    dialog = _dialog(qtbot)
    assert dialog.runs_edit.text() == str(models_dir())
    assert not dialog.runs_standard_button.isEnabled()
    dialog.runs_button.click()
    assert dialog.runs_edit.text() == str(chosen)
    assert _saved()["runs_folder"] == str(chosen)
    dialog.close()

    again = _restart(qtbot)
    assert again.runs_edit.text() == str(chosen)
    win = MainWindow(load_settings())
    qtbot.addWidget(win)
    assert win._runs_dir() == chosen
    assert win.train_page.new_model_path().parent == chosen
    win.shutdown(30_000)

    again.runs_standard_button.click()
    assert load_settings().runs_folder == ""
    assert again.runs_edit.text() == str(models_dir())


def test_a_folder_that_cannot_be_written_is_refused(qtbot, tmp_path, monkeypatch, no_modal_dialogs):
    from PySide6.QtWidgets import QFileDialog

    a_file = tmp_path / "a file"
    a_file.write_text("x")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(a_file))
    dialog = _dialog(qtbot)
    dialog.runs_button.click()
    assert [kind for kind, _ in no_modal_dialogs] == ["warning"]
    assert load_settings().runs_folder == ""
    assert dialog.runs_edit.text() == str(models_dir())


def _fill_cache(tmp_path, n: int = 5) -> int:
    cache = imagecache.get_default_cache()
    for i in range(n):
        photo = tmp_path / f"p{i}.png"
        Image.new("RGB", (300, 300), (i * 30, 0, 0)).save(photo)
        cache.put(photo, 64, Image.new("RGB", (64, 64), (i * 30, 0, 0)))
    return caches.cache_usage().total


def test_cache_size_is_shown_and_clear_empties_it_after_a_yes(qtbot, tmp_path, restored):
    size = _fill_cache(tmp_path)
    assert size > 0
    dialog = _dialog(qtbot)
    assert dialog.usage.total == size
    assert dialog.cache_size_label.text().startswith(f"{_size(size)} in all")
    assert "kB" in dialog.cache_size_label.text()  # not KiB: as file managers write it

    dialog.confirm = lambda title, text: False  # "Cancel": nothing happens
    dialog.clear_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert caches.cache_usage().total == size

    asked = []
    dialog.confirm = lambda title, text: asked.append(title) or True
    dialog.clear_button.click()
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.usage.total == 0, timeout=10_000)
    assert asked == ["Clear the image cache?"]
    assert caches.cache_usage().total == 0
    assert all((tmp_path / f"p{i}.png").is_file() for i in range(5))  # photos untouched


def test_cache_limit_applies_and_persists(qtbot, tmp_path, restored):
    _fill_cache(tmp_path, n=8)
    dialog = _dialog(qtbot)
    assert dialog.cache_limit_spin.value() == pytest.approx(DEFAULT_CACHE_LIMIT_MB / 1024)
    dialog.cache_limit_spin.setValue(0.1)
    dialog.cache_limit_spin.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    assert _saved()["cache_limit_mb"] == 102
    assert caches.image_cache_limit() == 102 * 2**20
    dialog.close()

    assert _restart(qtbot).cache_limit_spin.value() == pytest.approx(0.1)
    imagecache.set_limit(imagecache.DEFAULT_LIMIT_BYTES)
    apply_at_start(load_settings())  # the next start applies it again
    assert caches.image_cache_limit() == 102 * 2**20


def test_reset_all_settings_after_a_yes(qtbot, tmp_path, restored):
    settings = GuiSettings(
        language="de",
        theme="dark",
        default_backbone="efficientnet_lite2",
        cache_limit_mb=500,
        runs_folder=str(tmp_path),
        recent_projects=[str(tmp_path / "a.ftproj")],
        last_folder=str(tmp_path),
    )
    save_settings(settings)
    dialog = _dialog(qtbot)
    dialog.confirm = lambda title, text: False
    dialog.reset_button.click()
    assert load_settings().theme == "dark"

    dialog.confirm = lambda title, text: True
    dialog.reset_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    saved = load_settings()
    defaults = GuiSettings()
    for name in ("language", "theme", "default_backbone", "cache_limit_mb", "runs_folder"):
        assert getattr(saved, name) == getattr(defaults, name), name
    # not preferences: kept
    assert saved.recent_projects == [str(tmp_path / "a.ftproj")]
    assert saved.last_folder == str(tmp_path)
    # the window shows the defaults
    assert dialog.language_box.currentData() == ""
    assert dialog.theme_box.currentData() == "system"
    assert dialog.backbone_box.currentData() == DEFAULT_BACKBONE
    assert dialog.runs_edit.text() == str(models_dir())
    assert caches.image_cache_limit() == DEFAULT_CACHE_LIMIT_MB * 2**20


def test_old_settings_files_migrate_and_bad_values_fall_back():
    settings_path().write_text(
        json.dumps({"version": 1, "recent_projects": ["/a.ftproj"], "last_folder": "/photos"})
    )
    s = load_settings()
    assert s.recent_projects == ["/a.ftproj"] and s.last_folder == "/photos"
    assert (s.language, s.theme, s.default_backbone, s.runs_folder) == ("", "system", "", "")
    assert s.cache_limit_mb == DEFAULT_CACHE_LIMIT_MB
    save_settings(s)
    assert _saved()["version"] == SETTINGS_VERSION == 2

    settings_path().write_text(
        json.dumps({"version": 2, "theme": "purple", "cache_limit_mb": -5, "language": 3})
    )
    s = load_settings()
    assert (s.theme, s.cache_limit_mb, s.language) == ("system", DEFAULT_CACHE_LIMIT_MB, "")


def test_the_app_starts_in_the_saved_language(tmp_path, compiled_translations):
    """`finetune-studio` reads the settings and installs their language before it builds
    the window: the menus are German from the first frame."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "gui-settings.json").write_text(
        json.dumps({"version": SETTINGS_VERSION, "language": "de", "theme": "dark"})
    )
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from gui.launch import main\n"
        "from gui.main_window import MainWindow\n"
        "seen = []\n"
        "real_show = MainWindow.show\n"
        "def show(self):\n"
        "    seen.append([a.text() for a in self.menuBar().actions()])\n"
        "    real_show(self)\n"
        "MainWindow.show = show\n"
        "code = main([])\n"
        "from gui import i18n\n"
        "print('menus', seen[0])\n"
        "print('language', i18n.current_language())\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FINETUNE_STUDIO_HOME": str(home),
        "FINETUNE_STUDIO_REPORT_SHOWN": "quit",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "language de" in out.stdout
    assert "'&Datei', '&Bearbeiten'" in out.stdout, out.stdout
