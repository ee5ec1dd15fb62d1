"""No surprises: a folder that cannot be shown says where it is; a hard crash leaves its
stack in the log folder; the GTK platform theme that crashed the app is not loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gui.widgets import prediction_card


def _location_dialogs():
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "folderLocationDialog" and w.isVisible()
    ]


def test_no_file_manager_shows_where_the_folder_is(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(prediction_card, "_linux_folder_handler_missing", lambda: True)
    monkeypatch.setattr(sys, "platform", "linux")
    photo = tmp_path / "a photo.png"
    photo.write_bytes(b"")
    assert prediction_card.show_in_folder(photo) is False
    dialog = _location_dialogs()[-1]
    assert dialog.path_edit.text() == str(tmp_path)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(tmp_path)
    dialog.close()

    from engine.paths import log_dir

    window.open_log_folder()
    assert _location_dialogs()[-1].path_edit.text() == str(log_dir())


def test_a_hard_crash_leaves_its_stack_in_the_log_folder(tmp_path):
    script = (
        "import ctypes\n"
        "from gui.app import enable_crash_log\n"
        "print(enable_crash_log())\n"
        "ctypes.string_at(0)\n"  # a segmentation fault
    )
    env = {**os.environ, "FINETUNE_STUDIO_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode != 0
    log = Path(out.stdout.strip().splitlines()[0])
    assert log.parent == tmp_path / "logs"
    text = log.read_text()
    assert "Segmentation fault" in text and 'File "<string>", line 4' in text


def test_the_gtk_platform_theme_is_not_loaded(monkeypatch):
    from gui.app import avoid_crashing_platform_theme, system_prefers_dark

    monkeypatch.setenv("QT_QPA_PLATFORMTHEME", "gtk3")
    assert avoid_crashing_platform_theme() == "gtk3"
    assert "QT_QPA_PLATFORMTHEME" not in os.environ
    monkeypatch.setenv("QT_QPA_PLATFORMTHEME", "xdgdesktopportal")
    assert avoid_crashing_platform_theme() == ""
    assert os.environ["QT_QPA_PLATFORMTHEME"] == "xdgdesktopportal"
    # Without the theme, a dark GTK theme still means dark colours.
    monkeypatch.setenv("GTK_THEME", "Adwaita:dark")
    assert system_prefers_dark()


_SCAN_PROBE = """
import inspect, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
from gui.app import skip_pyside_source_scan

read = []
real = inspect.getsource
inspect.getsource = lambda obj: read.append(obj.__name__) or real(obj)
import before_the_fix
skip_pyside_source_scan()
import after_the_fix
feature = sys.modules["shibokensupport.feature"]
print(",".join(read), feature.pyside_feature_dict.get("after_the_fix"))
"""


def test_pyside_does_not_read_the_source_of_each_module_imported_after_it(tmp_path):
    """PySide6 reads the source of every module imported after it (for its __feature__
    switches, unused here): torch's import on the warm-up thread took 0.3-0.8 s longer,
    holding the GIL beside the window (issue 13's stall). The window's process skips it."""
    for name in ("before_the_fix", "after_the_fix"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    out = subprocess.run(
        [sys.executable, "-c", _SCAN_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    read, flag = out.stdout.split()
    assert "before_the_fix" in read.split(",")  # PySide's scan, as it is without the fix
    assert "after_the_fix" not in read.split(",")
    assert flag == "-1"  # marked "no PySide here", as PySide marks such a module
