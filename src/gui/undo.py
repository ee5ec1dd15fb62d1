"""Undo and redo of changes to the photo folder, with Qt's ``QUndoStack``.

A :class:`JournalCommand` wraps one journaled batch of moves (``engine.journal``): its first
``redo`` runs the engine action (refile, remove, label) and keeps the batch's id; later
``undo``/``redo`` ask the journal to undo/redo that batch, so the window, the command
line and crash recovery agree on where every photo is. Each command reports the moves it
made (``(old, new)`` pairs, ``new`` None for a photo taken out of the set) to an
``on_moved`` callback, so a view updates its findings and the scan without reading the
folder again; on undo, the view's state from before the command is given back to
``restore`` (taken by ``snapshot`` when the command first ran). :class:`KeepCommand` marks findings "not a mistake" (and takes that back).

Reusable by any page that changes photo files (the check, labelling an unsorted pile).
Given a :class:`MoveRunner`, a command runs its moves on the runner's thread, in order
(labelling by number keys asks for one batch per key press; each fsyncs its journal), and
its callbacks still run on the GUI thread.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFile, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.errors import StudioError
from engine.journal import BatchRecord, MoveJournal

from .workers import WorkerHandle, serve_queue, start_worker

Moves = list[tuple[Path, Path | None]]
IDLE_SECONDS = 2.0  # a MoveRunner's thread ends after this long without work


def system_trash(path: Path) -> Path | None:
    """Move ``path`` to the system's trash; where it went, or None where there is none."""
    # PySide6's static QFile.moveToTrash returns only the bool (the C++ out-parameter for
    # the new place is dropped): the instance method renames the QFile to where it went.
    file = QFile(str(path))
    return Path(file.fileName()) if file.moveToTrash() else None


class MoveRunner(QObject):
    """Runs journaled moves one after another on a worker thread, in the order asked.

    A journaled move is crash-safe because it fsyncs its intent and its result: 30-60 ms
    per labelled photo on this machine's disk, too long for the GUI thread when a person
    labels a photo per key press. One thread and one queue keep the order (a label, then
    its undo), and the window never waits. ``done(job, result)`` arrives on the GUI thread.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[tuple[int, Callable[[], Any]]] = queue.Queue()
        self._handlers: dict[int, Callable[[Any], None]] = {}
        self._next = 0
        self._handle: WorkerHandle | None = None

    @property
    def busy(self) -> bool:
        """True while a move is queued or running."""
        return bool(self._handlers)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run ``fn()`` after the moves already asked; ``on_done(result)`` on the GUI thread
        (``result`` is the exception when ``fn`` raised a :class:`StudioError`)."""
        self._next += 1
        self._handlers[self._next] = on_done
        self._queue.put((self._next, fn))
        self._ensure_running()

    def _ensure_running(self) -> None:
        if self._handle is not None and self._handle.running:
            return

        def call(item: tuple[int, Callable[[], Any]]) -> tuple[int, Any]:
            job, fn = item
            try:
                return job, fn()
            except StudioError as exc:
                return job, exc

        run = serve_queue(self._queue, call, IDLE_SECONDS)
        self._handle = start_worker(
            self,
            run,
            on_progress=self._on_done,
            on_finished=self._on_finished,
            progress_per_second=None,
            name="moves",
        )

    def _on_done(self, item: tuple[int, Any]) -> None:
        job, result = item
        handler = self._handlers.pop(job, None)
        if handler is not None:
            handler(result)

    def _on_finished(self) -> None:
        self._handle = None
        if not self._queue.empty():  # asked while the thread was ending
            self._ensure_running()

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Finish the moves asked so far (on closing: no batch is left half-done)."""
        if self._handle is not None:
            self._handle.stop_and_wait(timeout_ms)
            self._handle = None
        while True:  # what the thread did not reach: run it here, in order
            try:
                job, fn = self._queue.get_nowait()
            except queue.Empty:
                break
            try:
                result = fn()
            except StudioError as exc:
                result = exc
            self._on_done((job, result))


def runner_for(stack: QUndoStack) -> MoveRunner:
    """The one move thread behind ``stack``: the steps of one stack run in order."""
    runner = stack.findChild(MoveRunner)
    return runner if runner is not None else MoveRunner(stack)


class JournalCommand(QUndoCommand):
    """One batch of journaled moves as one step of the undo stack."""

    def __init__(
        self,
        text: str,
        root: Path,
        action: Callable[[], BatchRecord],
        on_moved: Callable[[Moves], None],
        *,
        snapshot: Callable[[], object] = lambda: None,
        restore: Callable[[object], None] = lambda state: None,
        removed_into: Path | None = None,
        trash: Callable[[Path], Path | None] | None = None,
        runner: MoveRunner | None = None,
    ) -> None:
        super().__init__(text)
        self.runner = runner  # None: the moves run on the GUI thread, at once
        self.root = Path(root)
        self.action = action
        self.on_moved = on_moved
        self.snapshot = snapshot
        self.restore = restore
        self._before: object = None
        self.removed_into = removed_into  # moves into this folder mean "taken out of the set"
        self.trash = trash  # hands removed photos on to the system's trash, if given
        self.batch_id: str | None = None
        self.error: str | None = None
        self.failed: list[tuple[str, str, str]] = []
        self._trashed: dict[Path, Path] = {}  # journal's place -> where the trash put it

    def _report(self, rec: BatchRecord) -> None:
        self.failed = list(rec.failed)
        moves: Moves = []
        for m in rec.moves:
            src, dst = Path(m.src), Path(m.dst) if m.dst else None
            if self.removed_into and dst is not None and dst.is_relative_to(self.removed_into):
                dst = None  # taken out of the set
            moves.append((src, dst))
        self.on_moved(moves)

    def _hand_to_trash(self, rec: BatchRecord) -> None:
        if self.trash is None:
            return
        for m in rec.moves:
            place = Path(m.dst)
            with contextlib.suppress(OSError):
                where = self.trash(place)
                if where is not None:
                    self._trashed[place] = where

    def _back_from_trash(self) -> None:
        # Put trashed photos back where the journal left them, so its undo finds them.
        for place, where in self._trashed.items():
            if where.exists() and not place.exists():
                place.parent.mkdir(parents=True, exist_ok=True)
                if QFile.rename(str(where), str(place)):
                    # A freedesktop trash lists what it holds in info/<name>.trashinfo:
                    # without this, the trash would go on listing a photo it no longer has.
                    info = where.parent.parent / "info" / f"{where.name}.trashinfo"
                    if where.parent.name == "files" and info.is_file():
                        with contextlib.suppress(OSError):
                            info.unlink()
        self._trashed.clear()

    def redo(self) -> None:
        if self.batch_id is None:
            self._before = self.snapshot()
        if self.runner is None:
            self._redo_done(self._catch(self._redo_work))
        else:
            self.runner.submit(self._redo_work, self._redo_done)

    def undo(self) -> None:
        if self.runner is None:
            if self.batch_id is None:
                return
            self._undo_done(self._catch(self._undo_work))
        else:  # batch_id is set by then: the runner made the batch first
            self.runner.submit(self._undo_work, self._undo_done)

    @staticmethod
    def _catch(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except StudioError as exc:
            return exc

    def _redo_work(self) -> BatchRecord:
        if self.batch_id is None:
            rec = self.action()
            self.batch_id = rec.id
            return rec
        return MoveJournal(self.root).redo(self.batch_id)

    def _redo_done(self, rec: BatchRecord | StudioError) -> None:
        if isinstance(rec, StudioError):
            self.error = str(rec)
            if self.runner is None:
                self.setObsolete(True)  # nothing was done: nothing to undo
            else:
                self.on_moved([])  # already on the stack: let the view look again
            return
        self._hand_to_trash(rec)
        self._report(rec)

    def _undo_work(self) -> BatchRecord | None:
        if self.batch_id is None:  # the batch was never made (it failed)
            return None
        self._back_from_trash()
        return MoveJournal(self.root).undo(self.batch_id)

    def _undo_done(self, rec: BatchRecord | StudioError | None) -> None:
        if isinstance(rec, StudioError):
            self.error = str(rec)
            return
        if rec is not None:
            self.failed = list(rec.failed)
        self.restore(self._before)


class KeepCommand(QUndoCommand):
    """Mark findings "not a mistake" (their keys join ``kept``), undoably."""

    def __init__(
        self, text: str, kept: set[str], keys: list[str], on_changed: Callable[[], None]
    ) -> None:
        super().__init__(text)
        self.kept = kept
        self.keys = [k for k in keys if k not in kept]
        self.on_changed = on_changed

    def redo(self) -> None:
        self.kept.update(self.keys)
        self.on_changed()

    def undo(self) -> None:
        self.kept.difference_update(self.keys)
        self.on_changed()
