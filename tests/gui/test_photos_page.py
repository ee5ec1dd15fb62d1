"""Step 1: scanning a folder, the category table, problems, validation and drag and drop."""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from gui.probe import LatencyProbe


def scan(qtbot, win, folder: Path, timeout: int = 30_000):
    with qtbot.waitSignal(win.photos_page.scan_finished, timeout=timeout) as blocker:
        win.photos_page.load_folder(folder)
    return blocker.args[0]


def test_scan_fills_the_table_and_loads_thumbnails_lazily(qtbot, window, tiny_photos):
    result = scan(qtbot, window, tiny_photos)
    assert result is not None and window.state.scan is result
    page = window.photos_page
    m = page.model
    assert [m.index(r, 0).data() for r in range(3)] == ["category_a", "category_b", "category_c"]
    assert [m.index(r, 1).data() for r in range(3)] == ["8"] * 3
    assert "24 photos in 3 categories" in page.summary.text()
    assert page.table.isVisible() and not page.empty_hint.isVisible()
    # Previews are requested when the rows are painted and arrive from the loader thread.
    first = m.examples[0][0]
    qtbot.waitUntil(lambda: page.thumbnails.get(first) is not None, timeout=10_000)
    assert not page.thumbnails.get(first).isNull()
    # The sidebar says what the page says (8 photos per category is below the advice).
    assert page.readiness_label.text().startswith("<b>&#10004; Ready to train, but ")
    assert window.step_list.item(0).text().endswith("Ready to train (1 caution)")
    assert window.step_list.item(0).toolTip() == page.readiness.line


def _broken_folder(root: Path, tiny: Path) -> Path:
    shutil.copytree(tiny, root)
    (root / "category_a" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg")
    (root / "category_a" / "notes.txt").write_text("shopping list")
    (root / "category_b" / "holiday.cr2").write_bytes(b"\x00" * 64)
    small = root / "category_d"
    small.mkdir()
    for p in sorted((tiny / "category_c").iterdir())[:2]:
        shutil.copy(p, small / p.name)  # also the same photo in two categories
    return root


def test_problems_and_skipped_files_are_explained(qtbot, window, tiny_photos, tmp_path):
    folder = _broken_folder(tmp_path / "photos", tiny_photos)
    result = scan(qtbot, window, folder)
    page = window.photos_page
    assert len(result.skipped) == 3
    warnings = [page.warnings_list.item(i).text() for i in range(page.warnings_list.count())]
    assert any("Very few photos" in w and "category_d (2)" in w for w in warnings)
    assert any("more than one category" in w for w in warnings)
    assert any("3 files were skipped" in w for w in warnings)  # plural forms (issue 20)
    assert page.problems.tabText(1) == "Skipped files (3)"
    rows = {
        page.skipped_table.item(r, 0).text(): page.skipped_table.item(r, 1).text()
        for r in range(page.skipped_table.rowCount())
    }
    assert "not a photo (.txt)" in rows[os.path.join("category_a", "notes.txt")]
    assert "Canon RAW" in rows[os.path.join("category_b", "holiday.cr2")]
    assert "broken.jpg" in " ".join(rows)
    page.copy_skipped_button.click()
    from PySide6.QtGui import QGuiApplication

    assert "notes.txt" in QGuiApplication.clipboard().text()


def test_a_folder_that_cannot_be_used_says_why(qtbot, window, tmp_path):
    result = scan(qtbot, window, tmp_path / "does-not-exist")
    assert result is None
    assert "does not exist" in window.photos_page.summary.text()
    assert window.state.scan is None
    assert not window.train_page.train_button.isEnabled()


def test_validation_share_and_separate_folder(qtbot, window, tiny_photos, tmp_path, monkeypatch):
    scan(qtbot, window, tiny_photos)
    page = window.photos_page
    page.val_split_spin.setValue(50)
    assert window.state.val_split == 0.5
    assert page.model.index(0, 2).data() == "4 / 4"
    assert "12 to learn from, 12 to check with" in page.summary.text()

    val = tmp_path / "val"
    shutil.copytree(tiny_photos, val)
    shutil.rmtree(val / "category_c")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(val))
    qtbot.mouseClick(page.val_folder_button, Qt.MouseButton.LeftButton)
    assert window.state.val_mode == "folder" and window.state.val_dir == val
    qtbot.waitUntil(lambda: page.val_scan is not None, timeout=20_000)
    assert [page.model.index(r, 2).data() for r in range(3)] == ["8 / 8", "8 / 8", "8 / 0"]
    cfg = window.state.config.to_dict()
    assert cfg["val_dir"] == str(val)
    page.val_split_radio.setChecked(True)
    assert window.state.config.to_dict()["val_dir"] is None


def test_dropping_a_folder_on_the_window_loads_it(qtbot, window, tiny_photos):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tiny_photos))])
    window.go_to(2)
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=30_000):
        window.dropEvent(event)
    assert window.current_step() == 0
    assert window.state.data_dir == tiny_photos


# ------------------------------------------------------------------------ 10,000 photos

CLASSES = 4
PER_CLASS = 2500


@pytest.fixture(scope="session")
def ten_thousand(tmp_path_factory) -> Path:
    """10,000 distinct 16x16 PNGs in 4 categories, written in a couple of seconds."""
    root = tmp_path_factory.mktemp("big") / "photos"
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(CLASSES * PER_CLASS, 16, 16, 3), dtype=np.uint8)
    for c in range(CLASSES):
        folder = root / f"kind{c}"
        folder.mkdir(parents=True)
        for i in range(PER_CLASS):
            buf = io.BytesIO()
            Image.fromarray(pixels[c * PER_CLASS + i]).save(buf, "PNG", compress_level=0)
            (folder / f"{i:05d}.png").write_bytes(buf.getvalue())
    return root


def test_scanning_10000_photos_keeps_the_window_responsive(
    qtbot, window, ten_thousand, record_property
):
    page = window.photos_page
    values = []
    page.progress.valueChanged.connect(values.append)
    probe = LatencyProbe(10)
    probe.start()
    t0 = time.monotonic()
    result = scan(qtbot, window, ten_thousand, timeout=180_000)
    seconds = time.monotonic() - t0
    stats = probe.stop()
    record_property("scan_10k", f"{seconds:.1f} s; {stats}")
    print(f"\nscan of 10,000 photos: {seconds:.1f} s; {stats}")
    assert result is not None
    assert len(result.photos) == CLASSES * PER_CLASS
    assert result.counts() == {f"kind{c}": PER_CLASS for c in range(CLASSES)}
    assert [page.model.index(r, 1).data() for r in range(CLASSES)] == ["2,500"] * CLASSES
    assert len(values) >= 3 and 0 < values[len(values) // 2] < CLASSES * PER_CLASS  # live progress
    assert stats.ticks > 10 * seconds  # the timer kept running all along
    # Budget 100 ms; the machine is shared, so only a real freeze fails the worst tick.
    assert stats.p99_ms < 50, stats
    assert stats.worst_ms < 1000, stats


def test_cancelling_a_scan(qtbot, window, ten_thousand):
    page = window.photos_page
    page.load_folder(ten_thousand)
    qtbot.waitUntil(lambda: page.progress.value() > 100, timeout=60_000)
    with qtbot.waitSignal(page.scan_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is None
    assert not page.scanning and not page.progress_row.isVisible()
    assert "Scan stopped" in page.summary.text()
    assert window.state.scan is None


def _readiness(qtbot, window, folder: Path) -> tuple[str, str, str]:
    scan(qtbot, window, folder)
    page = window.photos_page
    sidebar = window.step_list.item(0).text().splitlines()[-1].strip()
    return page.readiness.line, page.readiness_label.text(), sidebar


def test_the_photos_step_says_whether_you_can_train(qtbot, window, tmp_path):
    import shutil

    from photo_folders import make_photos

    # Loose photos, no subfolders: said so, not "0 photos in 0 categories".
    loose = make_photos(tmp_path / "made", classes=1, per_class=6) / "category_a"
    line, shown, sidebar = _readiness(qtbot, window, loose)
    assert line.startswith("Not yet, because the 6 photos are loose in the folder")
    assert "Not yet, because the 6 photos are loose" in shown
    assert "0 categories" not in window.photos_page.summary.text()
    assert sidebar == "Not yet: photos not in category folders"

    # One category.
    line, _, sidebar = _readiness(qtbot, window, tmp_path / "made")
    assert "only one category (category_a)" in line
    assert sidebar == "Not yet: only one category"

    # Small and imbalanced: every small category named, 44 vs 8 mentioned.
    uneven = tmp_path / "uneven"
    make_photos(uneven, classes=3, per_class=44)
    for name, keep in (("category_b", 8), ("category_c", 22)):
        for extra in sorted((uneven / name).iterdir())[keep:]:
            extra.unlink()
    line, shown, sidebar = _readiness(qtbot, window, uneven)
    assert line.startswith("Ready to train, but category_b (8), category_c (22) have fewer")
    assert "unequal (category_a 44 photos, category_b 8)" in line
    assert sidebar == "Ready to train (2 cautions)"
    assert "1 categories" not in window.photos_page.summary.text()

    # Enough of each: plainly ready; New project clears the old summary and line.
    good = tmp_path / "good"
    make_photos(good, classes=2, per_class=30)
    line, shown, sidebar = _readiness(qtbot, window, good)
    assert (line, sidebar) == ("Ready to train.", "Ready to train")
    window.new_project()
    page = window.photos_page
    assert page.readiness is None and not page.readiness_label.isVisible()
    assert page.summary.text() == "" and page.readiness_label.text() == ""
    assert window.step_list.item(0).text().endswith("Choose a folder")
    shutil.rmtree(uneven)
