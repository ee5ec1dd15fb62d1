"""Check my photos in the window: fix findings, undo, redo; a census proves nothing is lost."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from engine.check import REMOVED_FOLDER, refile_photos
from engine.dataset import scan_folder
from engine.journal import MoveJournal
from gui.check_view import CheckView
from gui.state import StudioState


def census(root: Path) -> Counter:
    """sha256 -> how many files hold it, over every file below ``root``."""
    out: Counter = Counter()
    for dirpath, _dirnames, filenames in os.walk(root):
        for f in filenames:
            out[hashlib.sha256((Path(dirpath) / f).read_bytes()).hexdigest()] += 1
    return out


def where(root: Path) -> dict[str, Path]:
    """sha256 -> the one place that holds it (relative to ``root``)."""
    out = {}
    for p in root.rglob("*.png"):
        out[hashlib.sha256(p.read_bytes()).hexdigest()] = p.relative_to(root)
    return out


@pytest.fixture
def misfiled(fashion_small, tmp_path) -> Path:
    """3 categories x 12 photos with 4 trousers filed as t-shirts or pullovers."""
    root = tmp_path / "photos"
    shutil.copytree(fashion_small, root)
    trousers = sorted((root / "trouser").glob("*.png"))
    for i, p in enumerate(trousers[:4]):
        p.rename(root / ("t-shirt" if i % 2 else "pullover") / f"moved-{p.name}")
    return root


@pytest.mark.slow
def test_refile_remove_undo_redo_keeps_every_photo(qtbot, misfiled):
    root = misfiled
    state = StudioState()
    state.set_scan(root, scan_folder(root))
    stack = QUndoStack()
    view = CheckView(state, stack, trash=None)  # no system trash: the hidden folder
    view.scan_updated.connect(lambda scan: state.set_scan(root, scan))
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    before = census(root)

    with qtbot.waitSignal(view.check_finished, timeout=600_000) as done:
        view.start_check()
    report = done.args[0]
    assert report is not None, view.last_error
    assert view.suspects.count() >= 4
    moved = {p.name for p in root.rglob("moved-*.png")}
    assert len({s.path.name for s in report.suspects[:4]} & moved) >= 3

    # Refile three suspects (the arrow walks, a number key refiles), remove one (Delete).
    cats = view.categories()
    plan = []
    for _ in range(3):
        view.suspects.setFocus()
        view.suspects.setCurrentRow(0)
        finding = view.selected_findings()[0]
        target = cats.index(finding.looks_like) + 1
        plan.append((hashlib.sha256((finding.path).read_bytes()).hexdigest(), finding))
        qtbot.keyClicks(view.suspects, str(target))
    assert stack.count() == 3
    view.suspects.setCurrentRow(0)
    doomed = view.selected_findings()[0]
    doomed_hash = hashlib.sha256(doomed.path.read_bytes()).hexdigest()
    qtbot.keyClick(view.suspects, Qt.Key.Key_Delete)
    assert stack.count() == 4 and not doomed.path.exists()
    assert (root / REMOVED_FOLDER / doomed.path.parent.name / doomed.path.name).is_file()
    assert doomed.path not in {p.path for p in state.scan.photos}  # the scan, updated in place

    stack.undo()  # the removal
    stack.undo()  # the third refile
    stack.redo()  # the third refile again

    after = census(root)
    assert after == before, "a photo was lost or duplicated"
    placed = where(root)
    for digest, finding in plan:
        assert placed[digest] == Path(finding.looks_like) / finding.path.name
    assert placed[doomed_hash] == doomed.path.relative_to(root)
    assert not list((root / REMOVED_FOLDER).rglob("*.png"))
    # The window's scan says what the disk says, without a rescan.
    assert {p.path for p in state.scan.photos} == {p.path for p in scan_folder(root).photos}
    labels = {p.path: state.scan.classes[p.label] for p in state.scan.photos}
    for _, finding in plan:
        assert labels[root / finding.looks_like / finding.path.name] == finding.looks_like
    # The refiled photos are no longer suspects; the undone removal's photo is one again.
    shown = {s.path for s in view.report.suspects}
    assert doomed.path in shown and not shown & {f.path for _, f in plan}
    view.shutdown()


@pytest.mark.slow
def test_not_a_mistake_is_remembered_and_undoable(qtbot, misfiled):
    state = StudioState()
    state.set_scan(misfiled, scan_folder(misfiled))
    stack = QUndoStack()
    view = CheckView(state, stack, trash=None)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.check_finished, timeout=600_000):
        view.start_check()
    count = view.suspects.count()
    view.suspects.setCurrentRow(0)
    first = view.selected_findings()[0]
    view.keep_selected()
    assert view.suspects.count() == count - 1 and len(state.kept) == 1
    stack.undo()
    assert view.suspects.count() == count and not state.kept
    stack.redo()
    with qtbot.waitSignal(view.check_finished, timeout=600_000) as again:
        view.start_check()  # a new check leaves the kept photo out too
    assert first.path not in {s.path for s in again.args[0].suspects}
    view.shutdown()


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import engine.journal as journal
    from engine.check import refile_photos

    kill_at, steps = int(sys.argv[2]), [0]

    class Os:
        def __getattr__(self, name):
            value = getattr(os, name)
            if name not in ("link", "rename", "replace", "unlink", "fsync"):
                return value
            def counted(*a, **k):
                steps[0] += 1
                if steps[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                return value(*a, **k)
            return counted

    journal.os = Os()
    root = Path(sys.argv[1])
    photos = sorted((root / "trouser").glob("*.png"))
    refile_photos(root, [(p, "pullover") for p in photos])
    print("finished")
    """
)


@pytest.mark.parametrize("kill_at", [3, 11, 26])
def test_kill_in_the_middle_of_a_batch_of_moves_loses_nothing(fashion_small, tmp_path, kill_at):
    root = tmp_path / "photos"
    shutil.copytree(fashion_small, root)
    before = census(root)
    trousers = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "trouser").iterdir()}
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(root), str(kill_at)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=300,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    # Restart: the next engine call that moves photos (or checks) settles the batch first.
    settled = MoveJournal(root).recover()
    assert settled and settled[0].status == "recovered"
    assert census(root) == before, "a photo was lost or duplicated"
    placed = where(root)
    for digest in trousers:
        assert placed[digest].parts[0] in ("trouser", "pullover")
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]
    # And the batch can be undone: every trouser back in its folder.
    rec = MoveJournal(root).read(settled[0].id)
    if rec.moves:
        MoveJournal(root).undo(rec.id)
    assert {where(root)[d].parts[0] for d in trousers} == {"trouser"}
    assert census(root) == before


def test_a_refile_into_a_new_category_creates_it(fashion_small, tmp_path):
    root = tmp_path / "photos"
    shutil.copytree(fashion_small, root)
    photo = sorted((root / "trouser").glob("*.png"))[0]
    rec = refile_photos(root, [(photo, "jeans")], new=True)
    assert (root / "jeans" / photo.name).is_file() and not photo.exists()
    MoveJournal(root).undo(rec.id)
    assert photo.is_file()
