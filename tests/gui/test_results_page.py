"""The Results page: accuracy and verdict, a confusion matrix whose cells list their photos
when clicked, a sortable per-category table, and the most confidently wrong photos."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from test_use_page import EASY, trained_fashion  # the session's model, trained once

from engine.advice import plain_verdict, wilson_interval


@pytest.fixture(scope="session")
def fashion_model(tmp_path_factory):
    return trained_fashion(tmp_path_factory)


@pytest.fixture
def page(qtbot):
    from gui.results_page import ResultsPage

    page = ResultsPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    yield page
    page.shutdown()
    from gui import workers

    workers.stop_all_workers(30_000)


def click_cell(qtbot, matrix, true: int, predicted: int) -> None:
    qtbot.mouseClick(
        matrix.viewport(), Qt.MouseButton.LeftButton, pos=matrix.cell_center(true, predicted)
    )


def synthetic_evaluation(held_out: Path):
    """A known evaluation over real photos: every kind of cell, with mistakes."""
    from engine.evaluation import compute

    classes = list(EASY)
    paths, labels, predicted = [], [], []
    # true class t: its photos predicted as pattern[t] in turn
    pattern = {0: [0, 0, 0, 1, 2, 0], 1: [1, 1, 0, 1, 1, 1], 2: [2, 2, 2, 2, 2, 1]}
    for t, name in enumerate(classes):
        photos = sorted((held_out / name).iterdir())
        for photo, p in zip(photos, pattern[t], strict=False):
            paths.append(str(photo))
            labels.append(t)
            predicted.append(p)
    n = len(paths)
    probs = torch.full((n, 3), 0.05)
    for i, p in enumerate(predicted):
        probs[i, p] = 0.9 - 0.01 * i  # distinct confidences: a known "most confident" order
    return compute(classes, probs, torch.tensor(labels), paths)


def test_after_training_shows_accuracy_verdict_table_and_matrix(qtbot, page, fashion_model):
    model_path, result, _ = fashion_model
    with qtbot.waitSignal(page.evaluation_ready, timeout=60_000) as blocker:
        page.show_result(result, model_path)
    ev = blocker.args[0]
    assert ev.count == len(result.val_photos) and ev.classes == result.classes
    assert page.accuracy_label.objectName() == "resultsAccuracy"
    assert page.accuracy_label.text() == f"{ev.accuracy:.0%}"
    assert page.verdict_label.text() == plain_verdict(ev, result.history)[0]
    # The matrix shows the evaluation's counts.
    assert page.matrix.matrix.tolist() == ev.confusion
    assert page.matrix.classes == ev.classes
    # One table row per category, with its photo count.
    model = page.table.model()
    assert model.rowCount() == len(ev.classes)
    rows = {
        model.index(r, 0).data(): int(model.index(r, 1).data()) for r in range(model.rowCount())
    }
    assert rows == {m.name: m.support for m in ev.per_class}
    # A diagonal cell click lists that category's correctly recognised photos.
    click_cell(qtbot, page.matrix, 0, 0)
    assert sorted(page.cell_photos.paths()) == sorted(ev.cell(0, 0))
    assert page.cell_photos.count() > 0


def test_clicking_each_confusion_cell_lists_exactly_its_photos(qtbot, page, fashion_model):
    _, _, held_out = fashion_model
    page.model_path = Path("unused.ftmodel")
    ev = synthetic_evaluation(held_out)
    page.show_evaluation(ev)
    seen = []
    page.matrix.cell_clicked.connect(lambda t, p: seen.append((t, p)))
    for t in range(3):
        for p in range(3):
            click_cell(qtbot, page.matrix, t, p)
            assert seen[-1] == (t, p)
            assert page.cell_photos.paths() == ev.cell(t, p), (t, p)
            n = len(ev.cell(t, p))
            assert f"{n} of" in page.cell_title.text()
    assert len(seen) == 9
    # Off-diagonal: "taken for" in plain words.
    click_cell(qtbot, page.matrix, 1, 0)
    assert page.cell_title.text().startswith("1 of 6 bag photos was taken for trouser")
    # Outside the cells: nothing happens.
    before = len(seen)
    qtbot.mouseClick(
        page.matrix.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(3, 3),  # QPoint(0, 0) would mean the centre to QTest
    )
    assert len(seen) == before


def test_table_sorts_and_mistakes_open_in_the_viewer(qtbot, page, fashion_model):
    _, _, held_out = fashion_model
    ev = synthetic_evaluation(held_out)
    page.show_evaluation(ev)

    # Sortable by the numbers, not the text: click "Right when named" (precision) twice.
    table = page.table
    header = table.horizontalHeader()
    precision = {m.name: m.precision for m in ev.per_class}
    assert len(set(precision.values())) == 3  # no ties: the order is unique

    def column0() -> list[str]:
        return [table.model().index(r, 0).data() for r in range(table.model().rowCount())]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_header_pos(header, 3))
    first = column0()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_header_pos(header, 3))
    second = column0()
    assert first == list(reversed(second))
    assert sorted(precision, key=precision.get) in (first, second)

    # The mistakes gallery: most confident first, true -> predicted in the caption.
    gallery = page.mistakes
    assert gallery.paths() == [m.path for m in ev.mistakes]
    assert len(ev.mistakes) == 4
    top = ev.mistakes[0]
    assert gallery.item(0).text().startswith(f"{top.true_label} → {top.predicted}")

    opened: list[str] = []

    class Handler(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url.toLocalFile())

    handler = Handler()
    QDesktopServices.setUrlHandler("file", handler, "open")
    try:
        rect = gallery.visualItemRect(gallery.item(1))
        # QTest's double click sends no press first; an item view needs one (as a mouse does).
        qtbot.mousePress(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened == [ev.mistakes[1].path]
        gallery.setCurrentRow(0)
        assert page.open_button.isEnabled()
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
        assert opened[-1] == ev.mistakes[0].path
    finally:
        QDesktopServices.unsetUrlHandler("file")
    # The gallery's thumbnails load in the background.
    qtbot.waitUntil(lambda: not gallery.item(0).icon().pixmap(16, 16).isNull(), timeout=10_000)


def _header_pos(header, section: int):
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_opened_model_shows_its_summary_then_checks_a_folder(qtbot, page, fashion_model):
    model_path, result, held_out = fashion_model
    page.show_result(None, model_path)
    assert page.accuracy_label.text() == f"{result.val_accuracy:.0%}"
    assert "Check on another folder" in page.advice_label.text()
    assert page.matrix.classes == []
    with qtbot.waitSignal(page.evaluation_ready, timeout=60_000) as blocker:
        page.evaluate_folder(held_out)
    ev = blocker.args[0]
    assert ev.count == 30 and sorted(ev.classes) == sorted(EASY)
    assert page.matrix.matrix.sum() == 30
    assert page.accuracy_label.text() == f"{ev.accuracy:.0%}"
    assert ev.accuracy >= 0.8  # easy categories: the trained model must have learned them


def test_plain_verdict_and_uncertainty():
    lo, hi = wilson_interval(9, 10)
    assert 0.55 < lo < 0.6 and 0.98 < hi <= 1.0
    assert wilson_interval(0, 0) == (0.0, 1.0)

    class Ev:
        classes = ["a", "b"]
        count = 10
        accuracy = 0.5

        def advice(self):
            return ["a is mistaken for b in 5 of 5 photos: add more varied photos of both."]

    verdict, advice = plain_verdict(Ev())
    assert verdict.startswith("Not learning yet")
    assert advice[0].startswith("a is mistaken for b")
    assert any("could be anywhere from" in a for a in advice)
    Ev.accuracy, Ev.count = 1.0, 500
    assert plain_verdict(Ev())[0].startswith("Excellent")


def test_a_folder_with_other_categories_says_so(qtbot, page, fashion_model, tmp_path):
    import shutil

    model_path, _result, held_out = fashion_model
    page.show_result(None, model_path)
    mixed = tmp_path / "mixed"
    shutil.copytree(held_out / "trouser", mixed / "trouser")
    shutil.copytree(held_out / "bag", mixed / "handbag")  # a name the model does not know
    with qtbot.waitSignal(page.evaluation_ready, timeout=60_000) as blocker:
        page.evaluate_folder(mixed)
    ev = blocker.args[0]
    assert ev.count == 10 and ev.unmatched == ["handbag"]
    advice = page.advice_label.text()
    assert "This folder's categories do not match the model's" in advice
    assert "handbag" in advice and "could not be read" not in advice
    assert page.matrix.matrix.sum() == 10

    # Nothing in common: said, no matrix of zeros.
    other = tmp_path / "other"
    shutil.copytree(held_out / "bag", other / "handbag")
    shutil.copytree(held_out / "sandal", other / "shoe")
    with qtbot.waitSignal(page.evaluation_failed, timeout=60_000):
        page.evaluate_folder(other)
    assert "do not match the model's: none of its categories" in page.status_label.text()


def test_confusion_column_labels_never_overlap(qtbot):
    from PySide6.QtGui import QFontMetrics

    from gui.widgets.confusion import ConfusionMatrixWidget

    names = ["food", "household", "mammals", "reptiles", "trees", "vehicles", "insects"]
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    for width, numbered in ((380, True), (1400, False)):
        widget.resize(width, 380)
        widget.show()
        qtbot.waitExposed(widget)
        widget.set_matrix([[1] * 7 for _ in range(7)], names)
        qtbot.wait(50)
        labels = widget.column_labels()
        room = widget.plot.vb.sceneBoundingRect().width() / 7
        metrics = QFontMetrics(widget.plot.getAxis("bottom").font())
        assert all(metrics.horizontalAdvance(t) < room for t in labels), (width, labels)
        assert (labels[0] == "1") == numbered
