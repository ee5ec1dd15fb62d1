"""Fixing a photo where it is shown: move to another category, remove, "not a mistake".

One owner for the three actions that "Check my photos" and the Results step's mistakes
both offer. Each is one command on the window's ``QUndoStack`` (``gui.undo``): the file
moves are the engine's journaled moves (``engine.check``), the Photos step's scan is
updated in place (``scan_updated``, no rescan), and "not a mistake" is remembered in the
project (``StudioState.kept``). A view passes hooks to update what it shows after a move
and to give its own state back on undo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from ..state import StudioState
from ..undo import JournalCommand, KeepCommand, Moves


def number_key(event: QEvent) -> int | None:
    """1-9 when ``event`` is a number key pressed alone (the keypad's too), else None.

    The one reading of "press a category's number" (the move menu numbers them 1-9), for
    the photo check and the sorting view alike.
    """
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return None
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return None  # Ctrl+1, Alt+1, ...: shortcuts of their own
    key = event.key()
    if Qt.Key.Key_1.value <= key <= Qt.Key.Key_9.value:
        return key - Qt.Key.Key_0.value
    return None


class PhotoActions(QObject):
    """Refile, remove and keep photos of ``state``'s folder, each one undoable step."""

    scan_updated = Signal(object)  # engine.dataset.DatasetScan after a move (no rescan)
    message = Signal(str)  # why an action did nothing, or what failed

    def __init__(
        self,
        state: StudioState,
        undo_stack: QUndoStack,
        *,
        trash: Any = None,
        on_moved: Callable[[Moves], None] = lambda moves: None,
        snapshot: Callable[[], object] = lambda: None,
        restore: Callable[[object], None] = lambda view_state: None,
        on_kept: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.undo_stack = undo_stack
        self.trash = trash  # gui.undo.system_trash where the system has a trash
        self._on_moved_view = on_moved
        self._snapshot_view = snapshot
        self._restore_view = restore
        self.on_kept = on_kept
        self.last_error = ""

    def categories(self) -> list[str]:
        """The categories of the scanned folder, in the order of the move menu."""
        return list(self.state.scan.classes) if self.state.scan is not None else []

    def in_folder(self, paths: list[Path]) -> list[Path]:
        """The photos of ``paths`` inside the scanned folder (the others cannot be moved)."""
        root = self.state.data_dir
        if root is None:
            return []
        return [Path(p) for p in paths if Path(p).is_relative_to(root)]

    # ------------------------------------------------------------------ the actions
    def refile(self, paths: list[Path], category: str, *, new: bool = False) -> None:
        """Move ``paths`` into ``category`` (created first when ``new``): one undo step."""
        from engine.check import refile_photos  # the engine's torch side: when first used

        paths = [p for p in self.in_folder(paths) if p.parent.name != category]
        root = self.state.data_dir
        if not paths or root is None:
            return
        if len(paths) == 1:
            text = self.tr("Move {name} to {category}").format(
                name=paths[0].name, category=category
            )
        else:
            text = self.tr("Move %n photo(s) to {category}", "", len(paths)).format(
                category=category
            )
        self._push(
            JournalCommand(
                text,
                root,
                lambda: refile_photos(root, [(p, category) for p in paths], new=new),
                self._moved,
                snapshot=self._snapshot,
                restore=self._restore,
            )
        )

    def remove(self, paths: list[Path]) -> None:
        """Take ``paths`` out of the set (to the trash, or the hidden folder): one undo step."""
        from engine.check import REMOVED_FOLDER, remove_photos

        paths = self.in_folder(paths)
        root = self.state.data_dir
        if not paths or root is None:
            return
        if len(paths) == 1:
            text = self.tr("Remove {name}").format(name=paths[0].name)
        else:
            text = self.tr("Remove %n photo(s)", "", len(paths))
        self._push(
            JournalCommand(
                text,
                root,
                lambda: remove_photos(root, paths),
                self._moved,
                snapshot=self._snapshot,
                restore=self._restore,
                removed_into=Path(root) / REMOVED_FOLDER,
                trash=self.trash,
            )
        )

    def keep(self, paths: list[Path]) -> None:
        """Mark ``paths`` "not a mistake": remembered in the project, undoably."""
        from engine.check import keep_key

        scan = self.state.scan
        if scan is None:
            return
        by_path = {p.path: p for p in scan.photos}
        keys = [keep_key(by_path[Path(p)], scan.classes) for p in paths if Path(p) in by_path]
        if keys:
            self._push(KeepCommand(self.tr("Not a mistake"), self.state.kept, keys, self.on_kept))
        else:
            self.message.emit(self.tr("Only photos of the scanned folder can be kept."))

    def is_kept(self, path: Path) -> bool:
        """True when ``path`` was marked "not a mistake" where it is now."""
        scan = self.state.scan
        if scan is None or not self.state.kept:
            return False
        from engine.check import keep_key

        photo = next((p for p in scan.photos if p.path == Path(path)), None)
        return photo is not None and keep_key(photo, scan.classes) in self.state.kept

    def fill_move_menu(
        self, menu: QMenu, paths: Callable[[], list[Path]], parent: QWidget | None = None
    ) -> None:
        """Fill ``menu``: one entry per category (numbered 1-9), then "New category…"."""
        menu.clear()
        for n, name in enumerate(self.categories(), start=1):
            act = menu.addAction(f"{n}  {name}" if n < 10 else name)
            act.triggered.connect(lambda _c=False, name=name: self.refile(paths(), name))
        menu.addSeparator()
        menu.addAction(self.tr("New category…")).triggered.connect(
            lambda: self.refile_to_new(paths(), parent)
        )

    def add_fixes(
        self, menu: QMenu, paths: Callable[[], list[Path]], parent: QWidget | None = None
    ) -> None:
        """Add the three fixes to ``menu`` (a photo's context menu): move, remove, keep."""
        move = menu.addMenu(self.tr("Move to"))
        move.aboutToShow.connect(lambda: self.fill_move_menu(move, paths, parent))
        self.fill_move_menu(move, paths, parent)
        menu.addAction(self.tr("Remove")).triggered.connect(lambda: self.remove(paths()))
        menu.addAction(self.tr("Not a mistake")).triggered.connect(lambda: self.keep(paths()))

    def refile_to_new(self, paths: list[Path], parent: QWidget | None = None) -> None:
        """Ask for a category name, then move ``paths`` into that new category."""
        name, ok = QInputDialog.getText(
            parent, self.tr("New category"), self.tr("Name of the new category:")
        )
        if ok and name.strip():
            self.refile(paths, name.strip(), new=True)

    # ------------------------------------------------------------------ the plumbing
    def _push(self, command: Any) -> None:
        self.last_error = ""
        self.undo_stack.push(command)
        error = getattr(command, "error", None)
        if error:
            self.last_error = error
            self.message.emit(error)
        elif getattr(command, "failed", None):
            self.message.emit(
                self.tr(
                    "%n photo(s) could not be moved: {reason}.", "", len(command.failed)
                ).format(reason=command.failed[0][2])
            )

    def _snapshot(self) -> tuple[object, Any]:
        return self._snapshot_view(), self.state.scan

    def _restore(self, saved: Any) -> None:
        view_state, scan = saved
        self._restore_view(view_state)
        self.scan_updated.emit(scan)

    def _moved(self, moves: Moves) -> None:
        from engine.check import scan_after_moves

        scan = self.state.scan
        self._on_moved_view(moves)
        if scan is not None:
            self.scan_updated.emit(scan_after_moves(scan, moves))
