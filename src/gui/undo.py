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
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFile
from PySide6.QtGui import QUndoCommand

from engine.errors import StudioError
from engine.journal import BatchRecord, MoveJournal

Moves = list[tuple[Path, Path | None]]


def system_trash(path: Path) -> Path | None:
    """Move ``path`` to the system's trash; where it went, or None where there is none."""
    ok, where = QFile.moveToTrash(str(path))
    return Path(where) if ok and where else None


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
    ) -> None:
        super().__init__(text)
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
                QFile.rename(str(where), str(place))
        self._trashed.clear()

    def redo(self) -> None:
        try:
            if self.batch_id is None:
                self._before = self.snapshot()
                rec = self.action()
                self.batch_id = rec.id
            else:
                rec = MoveJournal(self.root).redo(self.batch_id)
        except StudioError as exc:
            self.error = str(exc)
            self.setObsolete(True)  # nothing was done: nothing to undo
            return
        self._hand_to_trash(rec)
        self._report(rec)

    def undo(self) -> None:
        if self.batch_id is None:
            return
        self._back_from_trash()
        try:
            rec = MoveJournal(self.root).undo(self.batch_id)
        except StudioError as exc:
            self.error = str(exc)
            return
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
