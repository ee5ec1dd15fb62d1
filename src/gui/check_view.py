"""Check my photos: the findings of ``engine.check`` with the means to fix them, undoably.

The check runs on a worker thread (``gui.workers``) with progress and Stop. Its findings
are listed by kind (wrongly filed, duplicates, odd ones out, leaks) with thumbnails; the
selected photo is shown large, a duplicate group side by side. Every fix is a command on
the window's ``QUndoStack`` (``gui.undo``): the file moves are the engine's journaled
moves, the findings and the Photos step's scan are updated in place (no rescan), and
"Not a mistake" is remembered in the project (``StudioState.kept``).

Keyboard: arrows walk the list, 1-9 move the selected photos to that category (in the
order of the category menu), Delete removes them from the set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.check import CheckProgress, CheckReport, keep_key

from .model_page import fmt_number
from .state import StudioState
from .undo import Moves
from .widgets.naming import name_widget
from .widgets.photo_actions import PhotoActions, number_key
from .widgets.thumbnails import ThumbnailLoader
from .workers import WorkerError, WorkerHandle, start_worker

PathRole = Qt.ItemDataRole.UserRole + 1
THUMB = 88
PREVIEW = 360


class CheckView(QWidget):
    """The findings, a large preview, and the actions that fix them."""

    scan_updated = Signal(object)  # engine.dataset.DatasetScan after a fix (no rescan)
    check_finished = Signal(object)  # CheckReport | None

    def __init__(
        self,
        state: StudioState,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        trash: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkView")
        self.state = state
        self.undo_stack = undo_stack
        self.actions = PhotoActions(
            state,
            undo_stack,
            trash=trash,  # gui.undo.system_trash where the system has a trash
            on_moved=self._on_moved,
            snapshot=self._snapshot,
            restore=self._restore,
            on_kept=self._fill,
            parent=self,
        )
        self.actions.scan_updated.connect(self.scan_updated)
        self.actions.message.connect(self._on_message)
        self.report: CheckReport | None = None
        self._handle: WorkerHandle | None = None
        self.thumbnails = ThumbnailLoader(size=THUMB, parent=self)
        self.thumbnails.loaded.connect(self._on_thumbnail)
        self.last_error = ""

        self.header = QLabel(
            self.tr("Looks for photos in the wrong folder, copies and odd ones out.")
        )
        self.header.setWordWrap(True)
        name_widget(self.header, "checkHeader", self.tr("What the check found"))
        self.run_button = QPushButton(self.tr("Check my photos"))
        name_widget(self.run_button, "checkRunButton", self.tr("Run the check"))
        self.run_button.clicked.connect(self.start_check)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop_check)
        self.stop_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        name_widget(self.progress, "checkProgress", self.tr("Check progress"))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        top.addWidget(self.run_button)

        self.suspects = self._icon_list(
            "checkSuspects", self.tr("Photos that may be in the wrong folder")
        )
        self.outliers = self._icon_list(
            "checkOutliers", self.tr("Photos that look like no category")
        )
        self.duplicates = QListWidget()
        name_widget(self.duplicates, "checkDuplicates", self.tr("Copies of the same photo"))
        self.leaks = QListWidget()
        name_widget(
            self.leaks, "checkLeaks", self.tr("Checking photos that are copies of training photos")
        )
        for lst in (self.duplicates, self.leaks):
            lst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            lst.itemSelectionChanged.connect(self._on_selection)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.suspects, self.tr("Wrongly filed"))
        self.tabs.addTab(self.duplicates, self.tr("Duplicates"))
        self.tabs.addTab(self.outliers, self.tr("Odd ones out"))
        self.tabs.addTab(self.leaks, self.tr("Leaks"))
        self.tabs.currentChanged.connect(lambda _i: self._on_selection())
        self._fit_tabs()

        self.preview = QWidget()
        self.preview_row = QHBoxLayout(self.preview)
        self.preview_row.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        name_widget(self.caption, "checkCaption", self.tr("About the selected photo"))
        self.move_best = QPushButton(self.tr("Move to …"))
        name_widget(self.move_best, "checkMoveBest", self.tr("Move to the category it looks like"))
        self.move_best.clicked.connect(self._move_to_best)
        self.move_menu_button = QPushButton(self.tr("Move to another category…"))
        self.move_menu = QMenu(self)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_menu_button.setMenu(self.move_menu)
        self.remove_button = QPushButton(self.tr("Remove (Delete)"))
        name_widget(
            self.remove_button, "checkRemove", self.tr("Take the selected photos out of the set")
        )
        self.remove_button.clicked.connect(self.remove_selected)
        self.keep_button = QPushButton(self.tr("Not a mistake"))
        name_widget(self.keep_button, "checkKeep", self.tr("Keep the selected photos as they are"))
        self.keep_button.clicked.connect(self.keep_selected)
        actions = QHBoxLayout()
        for b in (self.move_best, self.move_menu_button, self.remove_button, self.keep_button):
            actions.addWidget(b)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.preview, 1)
        rv.addWidget(self.caption)
        rv.addLayout(actions)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(right)
        split.setSizes([520, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        for lst in (self.suspects, self.outliers, self.duplicates, self.leaks):
            lst.installEventFilter(self)
        self._update_actions()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Number keys refile, Delete removes (arrows walk the list as usual)."""
        number = number_key(event)
        if number is not None:
            self._move_to_number(number)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if plain and key in (Qt.Key.Key_Delete.value, Qt.Key.Key_Backspace.value):
                self.remove_selected()
                return True
        return super().eventFilter(obj, event)

    def _fit_tabs(self) -> None:
        # All four tab titles stay readable (German ones are longer): the splitter may not
        # squeeze the findings narrower than their tab bar.
        self.tabs.setMinimumWidth(self.tabs.tabBar().sizeHint().width() + 8)

    def _icon_list(self, name: str, accessible: str) -> QListWidget:
        lst = QListWidget()
        name_widget(lst, name, accessible)
        lst.setViewMode(QListWidget.ViewMode.IconMode)
        lst.setIconSize(QSize(THUMB, THUMB))
        lst.setGridSize(QSize(THUMB + 40, THUMB + 40))
        lst.setResizeMode(QListWidget.ResizeMode.Adjust)
        lst.setMovement(QListWidget.Movement.Static)
        lst.setWordWrap(True)
        lst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        lst.itemSelectionChanged.connect(self._on_selection)
        return lst

    # ------------------------------------------------------------------ running the check
    @property
    def running(self) -> bool:
        return self._handle is not None and self._handle.running

    def start_check(self) -> None:
        """Run the check on the state's folder, off the GUI thread."""
        if self.running or self.state.data_dir is None:
            return
        from engine.check import check_folder

        root = self.state.data_dir
        val_dir = self.state.val_dir if self.state.val_mode == "folder" else None
        kept = set(self.state.kept)
        scan = self.state.scan
        backbone = self.state.backbone
        self.run_button.setEnabled(False)
        self.stop_button.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.header.setText(self.tr("Checking…"))
        self._handle = start_worker(
            self,
            lambda task: check_folder(
                root,
                val_dir=val_dir,
                backbone=backbone,
                kept=kept,
                scan=scan,
                on_progress=task.report,
                should_stop=task.should_stop,
            ),
            on_result=self._on_done,
            on_error=self._on_failed,
            on_progress=self._on_progress,
            name="photo check",
        )

    def stop_check(self) -> None:
        if self._handle is not None:
            self._handle.stop()

    def shutdown(self) -> None:
        """Stop the check and the thumbnail loader and wait for them (closing)."""
        if self._handle is not None:
            self._handle.stop_and_wait()
        self.thumbnails.stop()

    def _on_progress(self, p: CheckProgress) -> None:
        self.header.setText(p.message)
        if p.fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(100 * p.fraction))

    def _finish_run(self) -> None:
        self._handle = None
        self.run_button.setEnabled(True)
        self.run_button.setText(self.tr("Check again"))
        self.stop_button.setVisible(False)
        self.progress.setVisible(False)

    def _on_done(self, report: CheckReport) -> None:
        self._finish_run()
        self.set_report(report)
        self.check_finished.emit(report)

    def _on_failed(self, err: WorkerError) -> None:
        self._finish_run()
        self.last_error = "" if err.cancelled else err.message
        self.header.setText(self.tr("Check stopped.") if err.cancelled else err.message)
        self.check_finished.emit(None)

    # ------------------------------------------------------------------ showing findings
    def set_report(self, report: CheckReport | None) -> None:
        self.report = report
        self._fill()

    def visible_report(self) -> CheckReport | None:
        """The report without the photos marked "not a mistake" since it was made."""
        scan, r = self.state.scan, self.report
        if r is None or scan is None or not self.state.kept:
            return r
        kept = [p.path for p in scan.photos if keep_key(p, scan.classes) in self.state.kept]
        return r.without(kept)

    def _fill(self) -> None:
        r = self.visible_report()
        for lst in (self.suspects, self.outliers, self.duplicates, self.leaks):
            lst.clear()
        if r is None:
            return
        self.header.setText(" ".join(r.summary_lines(examples=0)))
        for s in r.suspects:
            text = self.tr("{category}?\n{percent}%").format(
                category=s.looks_like, percent=round(100 * s.confidence)
            )
            self._add_photo(self.suspects, s.path, text, s)
        for o in r.outliers:
            score = fmt_number(o.score, 1)
            self._add_photo(self.outliers, o.path, self.tr("{score}x").format(score=score), o)
        for g in r.duplicates:
            item = QListWidgetItem(g.describe())
            item.setData(PathRole, g)
            self.duplicates.addItem(item)
        for leak in r.leaks:
            item = QListWidgetItem(
                self.tr("{name} is a copy of {original}").format(
                    name=leak.path.name, original=leak.copy_of
                )
            )
            item.setData(PathRole, leak)
            self.leaks.addItem(item)
        self.tabs.setTabText(0, self.tr("Wrongly filed ({count})").format(count=len(r.suspects)))
        self.tabs.setTabText(1, self.tr("Duplicates ({count})").format(count=len(r.duplicates)))
        self.tabs.setTabText(2, self.tr("Odd ones out ({count})").format(count=len(r.outliers)))
        self.tabs.setTabText(3, self.tr("Leaks ({count})").format(count=len(r.leaks)))
        self._fit_tabs()
        current = self.tabs.currentWidget()
        if isinstance(current, QListWidget) and current.count():
            current.setCurrentRow(0)
        self._on_selection()

    def _add_photo(self, lst: QListWidget, path: Path, text: str, finding: Any) -> None:
        item = QListWidgetItem(text)
        item.setData(PathRole, finding)
        item.setToolTip(finding.describe())
        pm = self.thumbnails.get(path)
        if pm is not None:
            item.setIcon(pm)
        lst.addItem(item)

    def _on_thumbnail(self, path: str) -> None:
        for lst in (self.suspects, self.outliers):
            for i in range(lst.count()):
                item = lst.item(i)
                if str(item.data(PathRole).path) == path:
                    pm = self.thumbnails.get(path)
                    if pm is not None:
                        item.setIcon(pm)

    def selected_findings(self) -> list[Any]:
        lst = self.tabs.currentWidget()
        if not isinstance(lst, QListWidget):
            return []
        return [i.data(PathRole) for i in lst.selectedItems()]

    def selected_paths(self) -> list[Path]:
        """The photos the actions apply to (for a duplicate group: all but its first)."""
        out: list[Path] = []
        for f in self.selected_findings():
            if hasattr(f, "paths"):
                out += list(f.paths[1:])
            else:
                out.append(f.path)
        return list(dict.fromkeys(out))

    def _on_selection(self) -> None:
        while self.preview_row.count():
            w = self.preview_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        found = self.selected_findings()
        if found and hasattr(found[0], "paths"):
            paths = list(found[0].paths)
            size = max(120, PREVIEW // max(1, min(len(paths), 3)) + 60)
            for p in paths[:4]:
                self.preview_row.addWidget(self._picture(p, size, f"{p.parent.name}/{p.name}"))
            self.caption.setText(
                self.tr("{finding}. Remove keeps the first photo and removes the others.").format(
                    finding=found[0].describe()
                )
            )
        elif found and hasattr(found[0], "copy_of"):
            leak = found[0]
            for p in (leak.path, leak.copy_of):
                self.preview_row.addWidget(self._picture(p, 240, str(p)))
            self.caption.setText(
                self.tr(
                    "This photo to check with is a copy of a training photo: remove one of them."
                )
            )
        elif found:
            f = found[0]
            self.preview_row.addWidget(self._picture(f.path, PREVIEW, ""))
            shown = f"{f.path.parent.name}/{f.path.name}: {f.describe()}"
            if len(found) > 1:
                shown = self.tr("{photo} (and %n more selected)", "", len(found) - 1).format(
                    photo=shown
                )
            self.caption.setText(shown)
        else:
            self.caption.setText("")
        self._update_actions()

    @staticmethod
    def _picture(path: Path, size: int, caption: str) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        pic = QLabel()
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pm = QPixmap(str(path))
        if not pm.isNull():
            pic.setPixmap(
                pm.scaled(
                    size,
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    # Thumbnails of 28-px photos are enlarged: keep their pixels sharp.
                    Qt.TransformationMode.FastTransformation
                    if pm.width() < size // 2
                    else Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            pic.setText(CheckView.tr("(cannot show this photo)"))
        v.addWidget(pic, 1)
        if caption:
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text.setWordWrap(True)
            v.addWidget(text)
        return box

    def _update_actions(self) -> None:
        found = self.selected_findings()
        has = bool(found)
        best = getattr(found[0], "looks_like", None) if found else None
        self.move_best.setVisible(best is not None)
        if best:
            self.move_best.setText(self.tr("Move to {category}").format(category=best))
        self.move_menu_button.setEnabled(has and not hasattr(found[0], "paths"))
        self.remove_button.setEnabled(has)
        self.keep_button.setEnabled(has)

    # ------------------------------------------------------------------ fixing
    def categories(self) -> list[str]:
        return self.actions.categories()

    def _fill_move_menu(self) -> None:
        self.actions.fill_move_menu(self.move_menu, self.selected_paths, self)

    def _on_message(self, text: str) -> None:
        self.header.setText(text)
        self.last_error = self.actions.last_error or self.last_error

    def _move_to_best(self) -> None:
        found = self.selected_findings()
        if found and getattr(found[0], "looks_like", None):
            self.refile_selected(found[0].looks_like)

    def _move_to_number(self, n: int) -> None:
        cats = self.categories()
        if 0 < n <= len(cats):
            self.refile_selected(cats[n - 1])

    def refile_selected(self, category: str, *, new: bool = False) -> None:
        """Move the selected photos into ``category`` (created first when ``new``)."""
        self.actions.refile(self.selected_paths(), category, new=new)

    def remove_selected(self) -> None:
        """Take the selected photos out of the set (to the trash, or a hidden folder)."""
        self.actions.remove(self.selected_paths())

    def keep_selected(self) -> None:
        """Mark the selected photos "not a mistake": not shown again (remembered)."""
        self.actions.keep([f.path for f in self.selected_findings() if hasattr(f, "path")])

    def _snapshot(self) -> Any:
        return self.report

    def _restore(self, report: Any) -> None:
        self.set_report(report)

    def _on_moved(self, moves: Moves) -> None:
        report = self.report
        if report is not None:
            for old, new in moves:
                report = report.after_move(old, new)
        self.set_report(report)


class CheckDialog(QDialog):
    """The check in its own window (opened from the Photos step), sharing the undo stack."""

    def __init__(self, view: CheckView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check my photos"))
        self.view = view
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        undo = view.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = view.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.addAction(undo)
        self.addAction(redo)
        self.resize(1040, 680)
