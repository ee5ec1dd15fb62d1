"""Sorting an unsorted pile in the window: categories, labels by key/drag/click, suggestions,
accept above N%, undo/redo through the shared QUndoStack and the engine's journal."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.pile_view import CategoryRole, PathRole, SortPhotosView
from gui.probe import LatencyProbe

CATEGORIES = ("t-shirt", "trouser", "pullover")


def census(root: Path) -> dict[str, int]:
    """sha256 -> how many files hold it, for every photo under ``root``."""
    out: dict[str, int] = {}
    for p in root.rglob("*.png"):
        if ".finetune-journal" in p.parts:
            continue
        d = hashlib.sha256(p.read_bytes()).hexdigest()
        out[d] = out.get(d, 0) + 1
    return out


def make_pile(source: Path, tmp: Path, per_class: int) -> tuple[Path, dict[str, str]]:
    """A plain folder of 3 x ``per_class`` Fashion-MNIST photos, and each one's true category."""
    pile = tmp / "pile"
    pile.mkdir()
    truth: dict[str, str] = {}
    for cat in CATEGORIES:
        for f in sorted((source / cat).iterdir())[:per_class]:
            shutil.copy2(f, pile / f.name)
            truth[f.name] = cat
    return pile, truth


def select(view: SortPhotosView, names: list[str]) -> None:
    view.grid.clearSelection()
    for i in range(view.grid.count()):
        item = view.grid.item(i)
        if Path(item.data(PathRole)).name in names:
            item.setSelected(True)
            view.grid.setCurrentItem(item, view.grid.selectionModel().SelectionFlag.NoUpdate)


def drag_to_category(view: SortPhotosView, names: list[str], category: str) -> None:
    """Drop the thumbnails of ``names`` on ``category`` (what a drag ends with)."""
    select(view, names)
    mime = view.grid.mimeData(view.grid.selectedItems())
    row = next(
        i
        for i in range(view.categories.count())
        if view.categories.item(i).data(CategoryRole) == category
    )
    pos = view.categories.visualItemRect(view.categories.item(row)).center().toPointF()
    target = view.categories.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # A drop goes to the widget that accepted the drag's enter (Qt's drag manager).
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(target, move)
    assert move.isAccepted()
    QApplication.sendEvent(target, QDropEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods))


def on_disk(root: Path) -> dict[str, str]:
    """file name -> its folder ('' for loose in the pile)."""
    out = {}
    for p in root.rglob("*.png"):
        if ".finetune-journal" in p.parts:
            continue
        out[p.name] = "" if p.parent == root else p.parent.name
    return out


@pytest.fixture
def view(qtbot):
    v = SortPhotosView()
    qtbot.addWidget(v)
    v.resize(1000, 640)
    v.show()
    yield v
    v.shutdown()  # its threads end with the test, passed or failed


@pytest.mark.slow
def test_sort_a_pile_of_60_label_suggest_accept_undo_redo(qtbot, view, tmp_path, fashion_train):
    root, truth = make_pile(fashion_train, tmp_path, per_class=20)
    before = census(root)
    assert sum(before.values()) == 60
    view.open_folder(root)
    assert "60 photos, not sorted yet" in view.header.text()
    assert view.grid.count() == 60
    for name in CATEGORIES:
        view.add_category(name)
    # Listed in name order: 1 pullover, 2 t-shirt, 3 trouser.
    assert [view.categories.item(i).data(CategoryRole) for i in range(3)] == sorted(CATEGORIES)

    by_cat = {c: sorted(n for n, t in truth.items() if t == c) for c in CATEGORIES}
    # t-shirt and trouser: 3 each by number keys, one photo at a time.
    for key, cat in ((Qt.Key.Key_2, "t-shirt"), (Qt.Key.Key_3, "trouser")):
        for name in by_cat[cat][:3]:
            select(view, [name])
            qtbot.keyClick(view.grid, key)
    # pullover: 2 dragged at once onto the category, 1 more by clicking the category.
    drag_to_category(view, by_cat["pullover"][:2], "pullover")
    select(view, [by_cat["pullover"][2]])
    view.categories.itemClicked.emit(view.categories.item(0))
    assert view.grid.count() == 51  # at once: the moves go on off the GUI thread
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    placed = on_disk(root)
    for cat in CATEGORIES:
        assert sorted(n for n, f in placed.items() if f == cat) == by_cat[cat][:3]
    assert view.grid.count() == 51 and view.pile.labelled_count() == 9

    # Suggest (a worker thread: the window keeps answering meanwhile).
    qtbot.mouseClick(view.suggest_button, Qt.MouseButton.LeftButton)
    assert view.suggesting
    qtbot.waitUntil(lambda: view.suggestions is not None and not view.suggesting, timeout=600_000)
    assert len(view.suggestions.items) == 51
    assert "t-shirt?" in " ".join(view.grid.item(i).text() for i in range(view.grid.count()))

    # "Label the most useful next": the photos the model is least sure about, selected.
    qtbot.mouseClick(view.useful_button, Qt.MouseButton.LeftButton)
    chosen = {Path(i.data(PathRole)).name for i in view.grid.selectedItems()}
    assert chosen == {s.path.name for s in view.suggestions.most_useful(5)}
    view.accept_spin.setValue(80)
    sure = {s.path.name: s.category for s in view.suggestions.above(0.8)}
    assert sure, "no suggestion is 80% sure"
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    accepted = on_disk(root)
    for name, cat in sure.items():
        assert accepted[name] == cat
    assert view.grid.count() == 51 - len(sure)
    right = sum(truth[n] == c for n, c in sure.items())
    assert right / len(sure) >= 0.8, f"{right} of {len(sure)} accepted suggestions right"
    # One undo step per key press (6), one for the drag, one for the click, one for "accept".
    assert view.stack.count() == 9
    assert view.stack.undoText() == f"Accept {len(sure)} suggestions above 80%"

    view.stack.undo()
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    undone = on_disk(root)
    assert all(undone[n] == "" for n in sure)  # back in the pile
    assert sum(1 for f in undone.values() if f) == 9  # the 9 labelled by hand stay
    assert view.grid.count() == 51
    view.stack.redo()
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    assert on_disk(root) == accepted
    assert view.grid.count() == 51 - len(sure)

    # The folder ends with the files in <category>/ folders; nothing lost or duplicated.
    after = census(root)
    assert after == before
    final = on_disk(root)
    assert len(final) == 60
    assert {f for f in final.values() if f} <= set(CATEGORIES)
    assert sum(1 for f in final.values() if f) == 9 + len(sure)


@pytest.mark.slow
def test_labelling_20_photos_by_keys_never_stalls_the_window(
    qtbot, view, tmp_path, record_property, fashion_train
):
    root, _truth = make_pile(fashion_train, tmp_path, per_class=8)
    view.open_folder(root)
    for name in CATEGORIES:
        view.add_category(name)
    qtbot.wait(300)  # thumbnails settle
    view.grid.setFocus()
    view.grid.setCurrentRow(0)
    probe = LatencyProbe(10)
    probe.start()
    t0 = time.perf_counter()
    for i in range(20):
        qtbot.keyClick(view.grid, Qt.Key.Key_1 + i % 3)
        qtbot.wait(15)  # a person presses a key every so often; the timer gets its turns
    seconds = time.perf_counter() - t0
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    stats = probe.stop()
    record_property("label_20_by_keys_worst_lateness_ms", round(stats.worst_ms, 1))
    assert view.grid.count() == 24 - 20
    assert sum(1 for f in on_disk(root).values() if f) == 20
    assert stats.worst_ms <= 50, f"{stats} over {seconds:.2f} s"


def test_the_photos_step_offers_to_sort_a_pile_and_edit_undo_undoes_a_label(
    qtbot, window, tmp_path
):
    from photo_folders import make_photos

    make_photos(tmp_path / "made", classes=2, per_class=3)
    root = tmp_path / "pile"
    root.mkdir()
    for f in sorted((tmp_path / "made").rglob("*.png")):
        shutil.copy2(f, root / f"{f.parent.name}-{f.name}")
    page = window.photos_page
    with qtbot.waitSignal(page.scan_finished, timeout=30_000):
        page.load_folder(root)
    qtbot.waitUntil(page.pile_row.isVisible, timeout=10_000)
    assert "6 photos, not sorted yet" in page.pile_label.text()
    qtbot.mouseClick(page.sort_button, Qt.MouseButton.LeftButton)
    view = page.sort_dialog.view
    assert view.grid.count() == 6
    view.add_category("red")
    view.add_category("green")
    assert view.stack is window.undo_stack  # one undo stack for the window
    select(view, ["category_a-000.png"])
    qtbot.keyClick(view.grid, Qt.Key.Key_2)  # 2 = red (name order: green, red)
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    assert (root / "red" / "category_a-000.png").exists()
    undo = window.act_undo  # the Edit menu's
    assert undo.isEnabled() and undo.text() == "&Undo Label 1 photo red"
    undo.trigger()
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    assert (root / "category_a-000.png").exists()
    assert not list((root / "red").glob("*.png"))
    assert view.grid.count() == 6
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)
    assert (root / "red" / "category_a-000.png").exists()
    # After sorting, the Photos step looks again: the labelled photo counts for training.
    with qtbot.waitSignal(page.scan_finished, timeout=30_000):
        page.sort_dialog.close()
    assert window.state.scan.classes == ["green", "red"]
    assert window.state.scan.counts() == {"green": 0, "red": 1}
