"""Sort an unsorted pile: create categories, label photos, let the model suggest the rest.

The view arranges and asks; the engine (``engine.pile``) finds the pile, suggests and
labels (a journaled move, so Undo/Redo and crash recovery are the journal's). A photo is
labelled by clicking a category, by a number key (1 = the first category), or by dragging
thumbnails onto a category. Suggestions are computed on a worker thread and refreshed,
a moment after the last label, while the person goes on labelling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeyEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.errors import StudioError
from engine.pile import FeatureStore, Pile, Suggestions, create_category, find_pile, label_photos

from .undo import JournalCommand, MoveRunner, runner_for
from .widgets.naming import name_widget
from .widgets.photo_actions import number_key
from .widgets.thumbnails import ThumbnailLoader
from .workers import WorkerError, WorkerHandle, start_worker

PHOTOS_MIME = "application/x-finetune-studio-photos"
PathRole = Qt.ItemDataRole.UserRole + 1
CategoryRole = Qt.ItemDataRole.UserRole + 2
THUMB = 72
USEFUL_AT_ONCE = 5  # "Label the most useful next" offers this many photos at a time
REFRESH_MS = 600  # suggestions refresh this long after the last label


class PhotoGrid(QListWidget):
    """The unsorted photos as thumbnails; number keys label the selected ones."""

    number_pressed = Signal(int)  # 0 for key 1

    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 48, THUMB + 48))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [PHOTOS_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        data.setData(PHOTOS_MIME, "\n".join(i.data(PathRole) for i in items).encode("utf-8"))
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        number = number_key(event)
        if number is not None:
            self.number_pressed.emit(number - 1)
            return
        super().keyPressEvent(event)


class CategoryList(QListWidget):
    """The categories; a click labels the selected photos, dropped thumbnails too."""

    photos_dropped = Signal(object, str)  # list[Path], category

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

    def _category_at(self, event: QDropEvent | QDragMoveEvent) -> str | None:
        item = self.itemAt(event.position().toPoint())
        return item.data(CategoryRole) if item is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(PHOTOS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(PHOTOS_MIME) and self._category_at(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        category = self._category_at(event)
        if not event.mimeData().hasFormat(PHOTOS_MIME) or not category:
            event.ignore()
            return
        raw = bytes(event.mimeData().data(PHOTOS_MIME).data()).decode("utf-8")
        paths = [Path(p) for p in raw.split("\n") if p]
        event.acceptProposedAction()
        self.photos_dropped.emit(paths, category)


class SortPhotosView(QWidget):
    """Sort the photos of one folder that are not in a category folder yet."""

    changed = Signal()  # photos were labelled, or a label undone/redone: the scan is stale
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "sortPhotosView", self.tr("Sort photos into categories"))
        self.root: Path | None = None
        self.pile: Pile | None = None
        self.suggestions: Suggestions | None = None
        self.store = FeatureStore()
        self._suggest_handle: WorkerHandle | None = None
        self._suggest_again = False  # labels came in while suggesting
        self._wanted = False  # the person asked for suggestions: keep them fresh
        self._items: dict[str, QListWidgetItem] = {}
        self._pending: set[str] = set()  # being labelled on the move thread: not shown
        self.thumbnails = ThumbnailLoader(size=THUMB, parent=self)
        self.thumbnails.loaded.connect(self._on_thumbnail)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.suggest)

        self.header = QLabel("")
        name_widget(self.header, "pileHeader", self.tr("What is not sorted yet"))
        self.header.setWordWrap(True)

        self.new_name = QLineEdit()
        name_widget(self.new_name, "newCategoryName", self.tr("Name of a new category"))
        self.new_name.setPlaceholderText(self.tr("New category, e.g. roses"))
        self.new_name.returnPressed.connect(self._on_add_category)
        self.add_button = QPushButton(self.tr("Add category"))
        name_widget(self.add_button, "addCategoryButton", self.tr("Add the category"))
        self.add_button.clicked.connect(self._on_add_category)
        self.copy_box = QCheckBox(self.tr("Copy photos instead of moving them"))
        name_widget(
            self.copy_box,
            "copyInsteadBox",
            self.tr("Copy instead of move"),
            self.tr("Leave each photo where it is and put a copy in its category folder."),
        )
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        top = QHBoxLayout()
        top.addWidget(self.new_name, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.copy_box)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)

        self.categories = CategoryList()
        name_widget(
            self.categories,
            "pileCategories",
            self.tr("Categories"),
            self.tr(
                "Click a category, press its number, or drop photos on it to label the "
                "selected photos."
            ),
        )
        self.categories.itemClicked.connect(self._on_category_clicked)
        self._category_font = self.categories.font()
        self._category_font.setPointSizeF(self._category_font.pointSizeF() * 1.25)
        self._category_font.setBold(True)
        self.categories.photos_dropped.connect(self.label)
        self.grid = PhotoGrid()
        name_widget(
            self.grid,
            "pileGrid",
            self.tr("Photos not sorted yet"),
            self.tr(
                "Select photos, then click a category, press its number (1-9) or drag them onto it."
            ),
        )
        self.grid.number_pressed.connect(self._on_number)
        split = QSplitter()
        split.addWidget(self.categories)
        split.addWidget(self.grid)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 700])

        self.suggest_button = QPushButton(self.tr("Suggest labels"))
        name_widget(
            self.suggest_button,
            "suggestButton",
            self.tr("Suggest labels"),
            self.tr(
                "Learn from the labelled photos (seconds) and suggest a category for every "
                "other one."
            ),
        )
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        self.useful_button = QPushButton(
            self.tr("Label the most useful next ({count})").format(count=USEFUL_AT_ONCE)
        )
        name_widget(
            self.useful_button,
            "usefulNextButton",
            self.tr("Select the photos most useful to label next"),
            self.tr(
                "Selects the photos the model is least sure about: labelling them helps it most."
            ),
        )
        self.useful_button.clicked.connect(self.select_most_useful)
        self.accept_spin = QSpinBox()
        name_widget(
            self.accept_spin,
            "acceptAboveSpin",
            self.tr("How sure a suggestion must be, in percent"),
        )
        self.accept_spin.setRange(50, 99)
        self.accept_spin.setValue(80)
        self.accept_spin.setSuffix(" %")
        self.accept_button = QPushButton(self.tr("Accept all suggestions above"))
        name_widget(
            self.accept_button,
            "acceptAboveButton",
            self.tr("Accept all suggestions above this confidence"),
            self.tr(
                "Labels every photo whose suggestion is at least this sure, in one step you can "
                "undo."
            ),
        )
        self.accept_button.clicked.connect(self.accept_above)
        self.progress = QProgressBar()
        name_widget(self.progress, "suggestProgress", self.tr("Suggestion progress"))
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.suggest_button)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.useful_button)
        bottom.addStretch(1)
        bottom.addWidget(self.accept_button)
        bottom.addWidget(self.accept_spin)
        bottom.addWidget(QLabel(self.tr("sure")))
        self.note = QLabel("")
        name_widget(self.note, "pileNote", self.tr("What the suggestions say"))
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.note)
        self._stack_ready = False
        self._stack: QUndoStack | None = None
        self._update_buttons()

    # ------------------------------------------------------------------ the folder
    @property
    def stack(self) -> QUndoStack:
        """The main window's undo stack (its Edit menu's), or one of the view's own."""
        if self._stack is None:
            w: QWidget | None = self
            while w is not None and not isinstance(getattr(w, "undo_stack", None), QUndoStack):
                w = w.parentWidget()  # the dialog, the Photos page, ..., the main window
            self._stack = w.undo_stack if w is not None else QUndoStack(self)  # type: ignore[union-attr]
        return self._stack

    @property
    def runner(self) -> MoveRunner:
        return runner_for(self.stack)

    @property
    def busy(self) -> bool:
        """True while labels, undos or redos are still being carried out."""
        return self.runner.busy

    def _connect_stack(self) -> None:
        if self._stack_ready:
            return
        stack = self.stack
        undo = stack.createUndoAction(self, self.tr("Undo"))
        redo = stack.createRedoAction(self, self.tr("Redo"))
        undo.setObjectName("pileUndoAction")
        redo.setObjectName("pileRedoAction")
        self.undo_button.setDefaultAction(undo)
        self.redo_button.setDefaultAction(redo)
        self._stack_ready = True

    def open_folder(self, root: Path) -> None:
        """Show ``root``'s unsorted photos (suggestions start over)."""
        self._connect_stack()
        self.root = Path(root)
        self.suggestions = None
        self._wanted = False
        self.grid.clear()
        self._items.clear()
        self.thumbnails.clear()
        self.note.setText(
            self.tr(
                "Select photos, then click a category, press its number or drag them onto it. "
                "After a few per category, press Suggest labels."
            )
        )
        self.reload()

    def reload(self) -> None:
        """Look at the folder again (a listing, no photo is opened) and update the lists."""
        if self.root is None:
            return
        try:
            self.pile = find_pile(self.root)
        except StudioError as exc:
            self.header.setText(
                self.tr("<b>This folder cannot be sorted:</b> {reason}").format(reason=exc)
            )
            self.pile = None
            return
        self.header.setText(self.pile.describe())
        self._fill_categories()
        self._fill_grid()
        self._update_buttons()

    def _fill_categories(self) -> None:
        pile = self.pile
        assert pile is not None
        self.categories.clear()
        for i, name in enumerate(pile.categories):
            key = f"{i + 1}  " if i < 9 else "    "
            item = QListWidgetItem(f"{key}{name}  ({len(pile.labelled.get(name, []))})")
            item.setData(CategoryRole, name)
            item.setFont(self._category_font)
            item.setSizeHint(QSize(0, 34))
            item.setToolTip(
                self.tr("Click, press {key} or drop photos here to label them {category}.").format(
                    key=i + 1, category=name
                )
                if i < 9
                else self.tr("Click or drop photos here to label them {category}.").format(
                    category=name
                )
            )
            self.categories.addItem(item)

    def _fill_grid(self) -> None:
        pile = self.pile
        assert pile is not None
        wanted = {str(p) for p in pile.unsorted} - self._pending
        current = self.grid.currentRow()
        for key in [k for k in self._items if k not in wanted]:
            self.grid.takeItem(self.grid.row(self._items.pop(key)))
        for p in pile.unsorted:  # sorted by path; new ones (an undo) go in their place
            key = str(p)
            if key in self._items or key in self._pending:
                continue
            item = QListWidgetItem(p.name)
            # A fixed size: the icon arrives later, and two lines of text may follow.
            item.setSizeHint(QSize(THUMB + 44, THUMB + 44))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            item.setData(PathRole, key)
            item.setToolTip(key)
            self._set_icon(item, key)
            self._items[key] = item
            row = self._row_for(key)
            self.grid.insertItem(row, item)
        self._show_suggestions()
        if not self.grid.selectedItems() and self.grid.count():
            row = min(max(current, 0), self.grid.count() - 1)
            self.grid.setCurrentRow(row)

    def _row_for(self, key: str) -> int:
        # The grid stays in path order: binary search over the items already there.
        lo, hi = 0, self.grid.count()
        while lo < hi:
            mid = (lo + hi) // 2
            if self.grid.item(mid).data(PathRole) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _on_thumbnail(self, key: str) -> None:
        item = self._items.get(key)
        if item is not None:
            self._set_icon(item, key)

    def _set_icon(self, item: QListWidgetItem, key: str) -> None:
        pix = self.thumbnails.get(key)  # None until decoded; then _on_thumbnail comes
        if pix is None:
            return
        if max(pix.width(), pix.height()) < THUMB:  # tiny photos: enlarge to be seen
            pix = pix.scaled(
                THUMB,
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        item.setIcon(QIcon(pix))

    # ------------------------------------------------------------------ categories
    def _on_add_category(self) -> None:
        if self.root is None:
            return
        try:
            create_category(self.root, self.new_name.text())
        except StudioError as exc:
            self.note.setText(str(exc))
            return
        self.status_message.emit(
            self.tr("Category {name} created.").format(name=self.new_name.text().strip())
        )
        self.new_name.clear()
        self.reload()

    def add_category(self, name: str) -> None:
        """Create a category, as typing its name and pressing Add does."""
        self.new_name.setText(name)
        self._on_add_category()

    # ------------------------------------------------------------------ labelling
    def selected_paths(self) -> list[Path]:
        items = self.grid.selectedItems() or (
            [self.grid.currentItem()] if self.grid.currentItem() else []
        )
        return [Path(i.data(PathRole)) for i in items]

    def _on_number(self, index: int) -> None:
        if self.pile is not None and index < len(self.pile.categories):
            self.label(self.selected_paths(), self.pile.categories[index])

    def _on_category_clicked(self, item: QListWidgetItem) -> None:
        self.label(self.selected_paths(), item.data(CategoryRole))

    def label(self, paths: list[Path], category: str) -> None:
        """Label ``paths`` as ``category``: one journaled batch, one step to undo."""
        if not paths or self.root is None:
            return
        self._apply(
            [(p, category) for p in paths],
            self.tr("Label %n photo(s) {category}", "", len(paths)).format(category=category),
            {},
        )

    def accept_above(self) -> None:
        """Accept every fresh suggestion at least as sure as the spin box says, in one step."""
        if self.suggestions is None or self.pile is None:
            return
        unsorted = {str(p) for p in self.pile.unsorted}
        level = self.accept_spin.value()
        chosen = [
            (s.path, s.category)
            for s in self.suggestions.above(level / 100)
            if str(s.path) in unsorted
        ]
        if not chosen:
            self.note.setText(
                self.tr("No suggestion is at least {level}% sure yet.").format(level=level)
            )
            return
        self._apply(
            chosen,
            self.tr("Accept %n suggestion(s) above {level}%", "", len(chosen)).format(level=level),
            {"accepted_above": level / 100},
        )

    def _apply(self, assignments: list[tuple[Path, str]], text: str, meta: dict) -> None:
        """Label on the move thread; the photos leave the grid at once (the next key press
        is for the next photo), and come back if the move fails."""
        assert self.root is not None
        selected = self.grid.selectedItems() or (
            [self.grid.currentItem()] if self.grid.currentItem() else []
        )
        row = min((self.grid.row(i) for i in selected), default=-1)
        keys = {str(p) for p, _ in assignments}
        self._pending |= keys
        for key in keys:
            item = self._items.pop(key, None)
            if item is not None:
                self.grid.takeItem(self.grid.row(item))
        if self.grid.count() and row >= 0:  # go on with the next photo
            self.grid.setCurrentRow(min(row, self.grid.count() - 1))
        root, copy = self.root, self.copy_box.isChecked()

        def changed(_moves: Any = None) -> None:
            self._pending -= keys  # the first call is the labelling's own
            self._on_moved(command)

        command = JournalCommand(
            text,
            root,
            lambda: label_photos(root, assignments, copy=copy, meta=meta),
            changed,
            restore=changed,
            runner=self.runner,
        )
        self.stack.push(command)
        self.status_message.emit(text + ".")

    def _on_moved(self, command: JournalCommand) -> None:
        if command.error:
            self.note.setText(command.error)
        elif command.failed:
            src, _dst, reason = command.failed[0]
            self.note.setText(
                self.tr(
                    "%n photo(s) could not be moved ({name}: {reason}); they stay where they are.",
                    "",
                    len(command.failed),
                ).format(name=Path(src).name, reason=reason)
            )
        self.reload()
        self.changed.emit()
        if self._wanted:
            self._refresh.start()

    # ------------------------------------------------------------------ suggestions
    def _on_suggest_clicked(self) -> None:
        self._wanted = True
        self.suggest()

    def suggest(self) -> None:
        """Compute suggestions on a worker thread (a run in progress is followed by a new one)."""
        if self.pile is None or self.root is None:
            return
        if self._suggest_handle is not None and self._suggest_handle.running:
            self._suggest_again = True
            return
        pile, store = find_pile(self.root), self.store

        def work(task):
            from engine.pile import suggest

            return suggest(pile, store, on_progress=task.report, should_stop=task.should_stop)

        self._suggest_again = False
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.note.setText(self.tr("Learning from the labelled photos…"))
        self._suggest_handle = start_worker(
            self,
            work,
            on_result=self._on_suggested,
            on_error=self._on_suggest_failed,
            on_progress=lambda f: self.progress.setValue(int(100 * f)),
            on_finished=self._on_suggest_finished,
            name="suggest",
        )
        self._update_buttons()

    @property
    def suggesting(self) -> bool:
        return self._suggest_handle is not None and self._suggest_handle.running

    def _on_suggested(self, result: Suggestions) -> None:
        self.suggestions = result
        self._show_suggestions()
        sure = len(result.above(self.accept_spin.value() / 100))
        text = self.tr(
            "Suggestions for %n photo(s), learned from {labelled} labelled: "
            "{sure} are at least {level}% sure.",
            "",
            len(result.items),
        ).format(labelled=result.labelled, sure=sure, level=self.accept_spin.value())
        if result.skipped:
            unread = self.tr("%n photo(s) could not be read.", "", len(result.skipped))
            text = f"{text} {unread}"
        self.note.setText(text)

    def _on_suggest_failed(self, err: WorkerError) -> None:
        if not err.cancelled:
            self.note.setText(err.message)

    def _on_suggest_finished(self) -> None:
        self._suggest_handle = None
        self.progress.setVisible(False)
        self._update_buttons()
        if self._suggest_again:
            self.suggest()

    def _show_suggestions(self) -> None:
        by_path = {str(s.path): s for s in self.suggestions.items} if self.suggestions else {}
        for key, item in self._items.items():
            s = by_path.get(key)
            name = Path(key).name
            if s is None:
                item.setText(name)
            else:
                percent = round(100 * s.confidence)
                item.setText(
                    self.tr("{name}\n{category}? {percent}%").format(
                        name=name, category=s.category, percent=percent
                    )
                )
                item.setToolTip(
                    self.tr("{path}\nLooks like {category} ({percent}% sure)").format(
                        path=key, category=s.category, percent=percent
                    )
                )
        self._update_buttons()

    def select_most_useful(self) -> None:
        """Select the photos the model is least sure about, to label them next."""
        if self.suggestions is None:
            return
        self.grid.clearSelection()
        chosen = [
            self._items[str(s.path)]
            for s in sorted(self.suggestions.items, key=lambda s: (s.margin, str(s.path)))
            if str(s.path) in self._items
        ][:USEFUL_AT_ONCE]
        for item in chosen:
            item.setSelected(True)
        if chosen:
            self.grid.setCurrentItem(chosen[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            self.grid.scrollToItem(chosen[0])
            self.grid.setFocus()
            self.note.setText(
                self.tr(
                    "Selected the %n photo(s) the model is least sure about: "
                    "label them (click a category or press its number).",
                    "",
                    len(chosen),
                )
            )

    def _update_buttons(self) -> None:
        has_labels = self.pile is not None and (
            sum(1 for c in self.pile.categories if self.pile.labelled.get(c)) >= 2
        )
        self.suggest_button.setEnabled(bool(has_labels and self.pile and self.pile.unsorted))
        fresh = self.suggestions is not None and bool(self.suggestions.items)
        self.useful_button.setEnabled(fresh)
        self.accept_button.setEnabled(fresh)
        self.accept_spin.setEnabled(fresh)

    def shutdown(self) -> None:
        self._refresh.stop()
        if self._stack is not None:
            self.runner.wait()  # no label is left half-made
        self._suggest_again = False
        if self._suggest_handle is not None:
            # Wait: features stop between two batches, and no thread may outlive the view.
            self._suggest_handle.stop_and_wait(30_000)
            self._suggest_handle = None
        self.thumbnails.stop()


class SortPhotosDialog(QDialog):
    """The sorting view in a window of its own beside the main window (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sortPhotosDialog")
        self.setWindowTitle(self.tr("Sort photos into categories"))
        self.view = SortPhotosView(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(980, 640)

    def open_folder(self, root: Path) -> None:
        self.view.open_folder(root)
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.view.shutdown()
        super().closeEvent(event)
