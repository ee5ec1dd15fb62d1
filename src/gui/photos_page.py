"""Step 1, Photos: choose (or drop) a folder with one subfolder per category.

The folder is scanned on a worker thread (every photo is opened once, so broken files are
found now and not in the middle of training). The table lists each category with its
count, how many photos go to training and to checking, and a few lazily loaded previews.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.readiness import assess

from .model_page import fmt_number
from .state import StudioState
from .terms import tip
from .widgets.naming import name_widget
from .widgets.thumbnails import ThumbnailLoader
from .workers import WorkerError, WorkerHandle, start_worker

THUMBS_PER_ROW = 6
THUMB = 44  # logical pixels
ExamplesRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2


class CategoryTableModel(QAbstractTableModel):
    """Rows: categories. Columns: name, photos, to learn from / to check with, previews."""

    COLUMNS = 4  # name, photos, to learn from / to check with, previews

    def __init__(self, thumbnails: ThumbnailLoader, parent: Any = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.names: list[str] = []
        self.counts: list[int] = []
        self.split: list[tuple[int, int]] = []
        self.examples: list[list[str]] = []
        self._row_of: dict[str, int] = {}
        thumbnails.loaded.connect(self._on_thumbnail)

    def set_scan(self, scan: Any) -> None:
        self.beginResetModel()
        if scan is None:
            self.names, self.counts, self.split, self.examples = [], [], [], []
        else:
            self.names = list(scan.classes)
            counts = scan.counts()
            self.counts = [counts[n] for n in self.names]
            self.split = [(c, 0) for c in self.counts]
            self.examples = [[] for _ in self.names]
            for p in scan.photos:  # one pass, even with 10,000 photos
                ex = self.examples[p.label]
                if len(ex) < THUMBS_PER_ROW:
                    ex.append(str(p.path))
        self._row_of = {path: row for row, ex in enumerate(self.examples) for path in ex}
        self.endResetModel()

    def set_split(self, split: list[tuple[int, int]]) -> None:
        if len(split) != len(self.names) or not self.names:  # no rows: nothing changed
            return
        self.split = split
        self.dataChanged.emit(self.index(0, 2), self.index(len(self.names) - 1, 2))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Category"),
                self.tr("Photos"),
                self.tr("Learn from / check with"),
                self.tr("Examples"),
            )[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.names[row]
            if col == 1:
                return fmt_number(self.counts[row])
            if col == 2:
                train, val = self.split[row]
                return f"{fmt_number(train)} / {fmt_number(val)}"
            return None
        if role == CountRole:
            return self.counts[row]
        if role == ExamplesRole and col == 3:
            return [self.thumbnails.get(p) for p in self.examples[row]]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return self.tr("Double-click to open the {name} folder.").format(
                    name=self.names[row]
                )
            if col == 2:
                return tip("validation")
            if col == 3:
                return self.tr("The first photos of this category.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == 3:
                return self.tr("%n example photo(s)", "", len(self.examples[row]))
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def _on_thumbnail(self, path: str) -> None:
        row = self._row_of.get(path)
        if row is not None:
            idx = self.index(row, 3)
            self.dataChanged.emit(idx, idx, [ExamplesRole])


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints a row of previews (grey squares while they load)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pixmaps = index.data(ExamplesRole)
        if pixmaps is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.save()
        x = option.rect.x() + 4
        top = option.rect.y() + (option.rect.height() - THUMB) // 2
        placeholder = option.palette.color(QPalette.ColorRole.Mid)
        for pm in pixmaps:
            if x + THUMB > option.rect.right():
                break
            cell = QRect(x, top, THUMB, THUMB)
            if pm is None or pm.isNull():
                painter.fillRect(cell, placeholder)
            else:
                scaled = pm.size().scaled(QSize(THUMB, THUMB), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(0, 0, scaled.width(), scaled.height())
                target.moveCenter(cell.center())
                painter.drawPixmap(target, pm)
            x += THUMB + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(THUMBS_PER_ROW * (THUMB + 4) + 4, THUMB + 8)


class PhotosPage(QWidget):
    """Choose a folder, see its categories and problems, choose the checking photos."""

    scan_started = Signal()
    scan_finished = Signal(object)  # DatasetScan, or None if it failed or was cancelled
    status_message = Signal(str)
    readiness_changed = Signal(object)  # engine.readiness.Readiness | None
    check_requested = Signal()  # "Check my photos" (the window opens the check)

    def __init__(self, state: StudioState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photosPage")
        self.setAccessibleName(self.tr("Step 1: Photos"))
        self.state = state
        self._scan_handle: WorkerHandle | None = None
        self._val_handle: WorkerHandle | None = None
        self.val_scan: Any = None
        self.last_error: str = ""
        self.readiness: Any = None  # engine.readiness.Readiness of the folder shown

        title = QLabel(self.tr("<h2>1. Your photos</h2>"))
        intro = QLabel(
            self.tr(
                "Choose a folder that holds <b>one subfolder per category</b>, for example "
                "<i>Flowers/rose</i>, <i>Flowers/tulip</i>, <i>Flowers/daisy</i>. Or drop the "
                "folder anywhere on this window."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.folder_button = QPushButton(self.tr("Choose folder…"))
        name_widget(
            self.folder_button,
            "photosFolderButton",
            self.tr("Choose photo folder"),
            self.tr("Choose the folder that holds one subfolder per category (Ctrl+Shift+O)."),
        )
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_label = QLabel(self.tr("No folder chosen yet."))
        name_widget(self.folder_label, "photosFolderLabel", self.tr("Photo folder"))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rescan_button = QPushButton(self.tr("Scan again"))
        name_widget(
            self.rescan_button,
            "rescanButton",
            self.tr("Scan the folder again"),
            self.tr("Look at the folder again after adding, removing or fixing photos."),
        )
        self.rescan_button.clicked.connect(self.rescan)
        self.rescan_button.setEnabled(False)
        self.check_button = QPushButton(self.tr("Check my photos…"))
        name_widget(
            self.check_button,
            "checkPhotosButton",
            self.tr("Check my photos"),
            self.tr("Find photos in the wrong folder, copies and odd ones out, and fix them."),
        )
        self.check_button.clicked.connect(self.check_requested)
        self.check_button.setEnabled(False)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.rescan_button)
        folder_row.addWidget(self.check_button)

        self.progress = QProgressBar()
        name_widget(self.progress, "scanProgress", self.tr("Scan progress"))
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        name_widget(
            self.cancel_button,
            "scanCancelButton",
            self.tr("Cancel the scan"),
            self.tr("Stop scanning."),
        )
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.progress_row = QWidget()
        pr = QHBoxLayout(self.progress_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.progress, 1)
        pr.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)

        self.summary = QLabel("")
        name_widget(self.summary, "photosSummary", self.tr("Photo summary"))
        self.summary.setWordWrap(True)
        # The one answer to "can I train on this?" (engine.readiness), also in the sidebar.
        self.readiness_label = QLabel("")
        name_widget(self.readiness_label, "photosReadiness", self.tr("Ready to train?"))
        self.readiness_label.setWordWrap(True)
        self.readiness_label.setTextFormat(Qt.TextFormat.RichText)
        self.readiness_label.setVisible(False)
        state.scan_changed.connect(self._on_state_scan_changed)
        # A folder (partly) not sorted yet: say so and offer to sort it (gui.pile_view).
        self.pile_label = QLabel("")
        name_widget(self.pile_label, "pileLabel", self.tr("Photos not sorted yet"))
        self.pile_label.setWordWrap(True)
        self.sort_button = QPushButton(self.tr("Sort them…"))
        name_widget(
            self.sort_button,
            "sortPhotosButton",
            self.tr("Sort the photos not sorted yet"),
            self.tr("Create categories, label a few photos, and let the app suggest the rest."),
        )
        self.sort_button.clicked.connect(self.open_sorting)
        self.pile_row = QWidget()
        pl = QHBoxLayout(self.pile_row)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.pile_label, 1)
        pl.addWidget(self.sort_button)
        self.pile_row.setVisible(False)
        self.sort_dialog = None  # made when first needed
        self._pile_handle: WorkerHandle | None = None
        self._rescan_after_sorting = QTimer(self)
        self._rescan_after_sorting.setSingleShot(True)
        self._rescan_after_sorting.setInterval(1500)
        self._rescan_after_sorting.timeout.connect(self._rescan_if_idle)

        self.thumbnails = ThumbnailLoader(
            size=int(THUMB * max(1.0, self.devicePixelRatioF())), parent=self
        )
        self.model = CategoryTableModel(self.thumbnails, self)
        self.table = QTableView()
        name_widget(
            self.table,
            "categoryTable",
            self.tr("Categories"),
            self.tr("Each category found in the folder, with its number of photos."),
        )
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(3, ThumbnailDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(self._open_category_folder)

        self.empty_hint = QLabel(
            self.tr(
                "<p style='font-size:large'>Drop a photo folder here, or click "
                "<b>Choose folder…</b></p>"
                "<pre>Flowers/\n  rose/    photo1.jpg  photo2.jpg  …\n  tulip/   …\n"
                "  daisy/   …</pre>"
                "<p>No photos of your own yet? <b>Help › Try the sample</b> opens 150 photos "
                "of clothing in 5 categories.</p>"
            )
        )
        name_widget(self.empty_hint, "photosEmptyHint", self.tr("How to prepare a photo folder"))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_hint.setTextFormat(Qt.TextFormat.RichText)
        self.empty_hint.setWordWrap(True)

        # ---- validation choice
        val_box = QGroupBox(self.tr("Photos to check the model with (validation)"))
        val_box.setToolTip(tip("validation"))
        self.val_split_radio = QRadioButton(self.tr("Set aside"))
        name_widget(
            self.val_split_radio,
            "valSplitRadio",
            self.tr("Set aside a share of each category"),
            tip("val_split"),
        )
        self.val_split_spin = QDoubleSpinBox()
        name_widget(
            self.val_split_spin,
            "valSplitSpin",
            self.tr("Share set aside for checking, in percent"),
            tip("val_split"),
        )
        self.val_split_spin.setRange(5, 50)
        self.val_split_spin.setDecimals(0)
        self.val_split_spin.setSingleStep(5)
        self.val_split_spin.setSuffix(" %")
        split_tail = QLabel(
            self.tr("of each category's photos (chosen at random, always the same ones)")
        )
        split_tail.setWordWrap(True)
        self.val_folder_radio = QRadioButton(self.tr("Use a separate folder:"))
        name_widget(
            self.val_folder_radio,
            "valFolderRadio",
            self.tr("Use a separate checking folder"),
            tip("val_folder"),
        )
        self.val_folder_button = QPushButton(self.tr("Choose…"))
        name_widget(
            self.val_folder_button,
            "valFolderButton",
            self.tr("Choose the checking folder"),
            tip("val_folder"),
        )
        self.val_folder_label = QLabel(self.tr("none chosen"))
        name_widget(self.val_folder_label, "valFolderLabel", self.tr("Checking folder"))
        self.val_folder_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        group = QButtonGroup(self)
        group.addButton(self.val_split_radio)
        group.addButton(self.val_folder_radio)
        vb = QVBoxLayout(val_box)
        r1 = QHBoxLayout()
        r1.addWidget(self.val_split_radio)
        r1.addWidget(self.val_split_spin)
        r1.addWidget(split_tail, 1)
        r2 = QHBoxLayout()
        r2.addWidget(self.val_folder_radio)
        r2.addWidget(self.val_folder_button)
        r2.addWidget(self.val_folder_label, 1)
        vb.addLayout(r1)
        vb.addLayout(r2)
        self.val_split_spin.valueChanged.connect(self._on_validation_edited)
        self.val_split_radio.toggled.connect(self._on_validation_edited)
        self.val_folder_button.clicked.connect(self.choose_val_folder)

        # ---- problems
        self.problems = QTabWidget()
        name_widget(self.problems, "problemsTabs", self.tr("Problems found"))
        self.warnings_list = QListWidget()
        name_widget(self.warnings_list, "warningsList", self.tr("Warnings about the photos"))
        self.warnings_list.setWordWrap(True)
        self.skipped_table = QTableWidget(0, 2)
        name_widget(self.skipped_table, "skippedTable", self.tr("Files that were skipped, and why"))
        self.skipped_table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Why it was skipped")]
        )
        self.skipped_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive
        )
        self.skipped_table.horizontalHeader().setStretchLastSection(True)
        self.skipped_table.verticalHeader().setVisible(False)
        self.skipped_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped_table.setColumnWidth(0, 320)
        self.copy_skipped_button = QPushButton(self.tr("Copy the list"))
        name_widget(
            self.copy_skipped_button,
            "copySkippedButton",
            self.tr("Copy the list of skipped files"),
            self.tr("Copy the skipped files and reasons, to paste elsewhere."),
        )
        self.copy_skipped_button.clicked.connect(self._copy_skipped)
        skipped_page = QWidget()
        sl = QVBoxLayout(skipped_page)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.skipped_table, 1)
        sl.addWidget(self.copy_skipped_button, 0, Qt.AlignmentFlag.AlignRight)
        self.problems.addTab(self.warnings_list, self.tr("Problems"))
        self.problems.addTab(skipped_page, self.tr("Skipped files"))
        self.problems.setVisible(False)
        self.problems.setMaximumHeight(190)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.readiness_label)
        layout.addWidget(self.pile_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(val_box)
        layout.addWidget(self.problems)
        self.table.setVisible(False)
        self._show_validation()  # start values from the state's TrainConfig
        state.validation_changed.connect(self._show_validation)
        state.project_loaded.connect(self._on_project_loaded)

    # ------------------------------------------------------------------ the step
    title = "Photos"
    needs_model = False

    def subtitle(self) -> str:
        scan = self.state.scan
        if self.scanning:
            return self.tr("Scanning…")
        # The Photos step's own answer (engine.readiness), in a few words.
        if scan and self.readiness is not None:
            return self.readiness.headline
        return self.tr("Choose a folder")

    def reset(self) -> None:
        """Nothing chosen: no scan running, no folder shown."""
        self._abort_scan()
        self.model.set_scan(None)
        self.table.setVisible(False)
        self.empty_hint.setVisible(True)
        self.problems.setVisible(False)
        self.summary.setText("")
        self.folder_label.setText(self.tr("No folder chosen yet."))
        self.val_scan = None
        self.pile_row.setVisible(False)
        if self.sort_dialog is not None:
            self.sort_dialog.close()

    def _on_project_loaded(self, _project: Any) -> None:
        if self.state.data_dir is not None:
            self.load_folder(self.state.data_dir)

    # ------------------------------------------------------------------ folder choice
    def choose_folder(self) -> None:
        start = str(self.state.data_dir.parent) if self.state.data_dir else os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the photo folder"), start)
        if folder:
            self.load_folder(Path(folder))

    def choose_val_folder(self) -> None:
        start = str(self.state.data_dir.parent) if self.state.data_dir else os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder of checking photos"), start
        )
        if folder:
            self.set_val_folder(Path(folder))

    def rescan(self) -> None:
        if self.state.data_dir is not None:
            self.load_folder(self.state.data_dir)

    @property
    def scanning(self) -> bool:
        return self._scan_handle is not None and self._scan_handle.running

    def load_folder(self, folder: Path) -> None:
        """Scan ``folder`` in the background (a scan already running is stopped)."""
        folder = Path(folder)
        self._abort_scan()
        self.thumbnails.clear()
        self.last_error = ""
        self.folder_label.setText(str(folder))
        self.folder_label.setToolTip(str(folder))
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setFormat(self.tr("Looking at the folder…"))
        self.progress_row.setVisible(True)
        self.summary.setText("")
        self.scan_started.emit()
        self.status_message.emit(self.tr("Scanning {folder}…").format(folder=folder))

        # One decode per photo: the scan fills the image cache at the chosen backbone's size,
        # so training reads the photos and the thumbnails come from it too. (None until the
        # catalog is loaded: then the scan only checks, as it is not worth importing torch
        # on the scan's thread for it.)
        resize = self.state.input_resize

        def scan(task):
            from engine.dataset import scan_folder

            return scan_folder(
                folder,
                on_progress=task.report,
                should_stop=task.should_stop,
                cache_resize=resize,
            )

        # Handlers compare the handle, so a stale scan (replaced by a newer one) is ignored.
        handle: WorkerHandle

        def on_result(result: Any) -> None:
            if self._scan_handle is handle:
                self._on_scan_done(folder, result)

        def on_error(err: WorkerError) -> None:
            if self._scan_handle is handle:
                self._on_scan_failed(folder, err)

        def on_progress(p: Any) -> None:
            if self._scan_handle is handle:
                self._on_scan_progress(p)

        handle = start_worker(
            self, scan, on_result=on_result, on_error=on_error, on_progress=on_progress, name="scan"
        )
        self._scan_handle = handle

    def cancel_scan(self) -> None:
        """The person pressed Cancel: stop, and keep showing the previous folder (if any)."""
        if not self.scanning:
            return
        self._abort_scan()
        data_dir = self.state.data_dir
        shown = str(data_dir) if data_dir else self.tr("No folder chosen yet.")
        self.folder_label.setText(shown)
        self.summary.setText(
            self.tr("Scan stopped. Showing the previous folder.")
            if self.state.scan
            else self.tr("Scan stopped.")
        )
        self.status_message.emit(self.tr("Scan stopped."))
        self.scan_finished.emit(None)

    def _abort_scan(self) -> None:
        if self._scan_handle is not None and self._scan_handle.running:
            self._scan_handle.stop()
        self._scan_handle = None
        self.progress_row.setVisible(False)

    def _on_scan_progress(self, p: Any) -> None:
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.progress.setFormat(self.tr("Checking photo %v of %m (%p%)"))

    def take_scan(self, scan: Any) -> None:
        """Show a scan updated in place (after the photo check moved photos): no rescan."""
        if self.state.data_dir is not None and scan is not None:
            self._on_scan_done(self.state.data_dir, scan)

    def _on_scan_done(self, folder: Path, scan: Any) -> None:
        self._scan_handle = None
        self.thumbnails.cache_resize = scan.cache_resize
        self.progress_row.setVisible(False)
        self.rescan_button.setEnabled(True)
        self.check_button.setEnabled(len(scan.classes) >= 2)
        self.model.set_scan(scan)
        self.empty_hint.setVisible(False)
        self.table.setVisible(True)
        self.state.set_scan(folder, scan)
        self._show_problems(scan)
        self._update_split()
        if self.state.val_mode == "folder" and self.state.val_dir is not None:
            self._scan_val_folder(self.state.val_dir)
        n, k = len(scan.photos), len(scan.classes)
        found = self.tr("Found {photos} in {categories}.").format(
            photos=self.photos_text(n), categories=self.categories_text(k)
        )
        self.status_message.emit(found if k else self.readiness.line if self.readiness else found)
        self._show_pile(folder)
        self.scan_finished.emit(scan)

    # ------------------------------------------------------------------ not sorted yet
    def _show_pile(self, folder: Path) -> None:
        """Say whether photos wait to be sorted (a listing, on a worker: 10,000 files)."""

        def look(_task):
            from engine.pile import find_pile

            return find_pile(folder)  # no photo is opened

        def show(pile: Any) -> None:
            if self.state.data_dir != folder:
                return  # another folder was chosen meanwhile
            # The engine's sentence (translated there), with a pencil in front.
            said = html.escape(pile.describe())
            self.pile_label.setText(f"&#9998; <b>{said}</b>")  # i18n: not text
            self.pile_row.setVisible(pile.is_pile)

        self.pile_row.setVisible(False)
        self._pile_handle = start_worker(self, look, on_result=show, name="find-pile")

    def open_sorting(self) -> None:
        """Open the sorting view on this folder (create categories, label, suggest)."""
        if self.state.data_dir is None:
            return
        from .pile_view import SortPhotosDialog

        if self.sort_dialog is None:
            self.sort_dialog = SortPhotosDialog(self)
            self.sort_dialog.view.changed.connect(self._rescan_after_sorting.start)
            self.sort_dialog.view.status_message.connect(self.status_message)
            self.sort_dialog.finished.connect(lambda _r: self._rescan_if_idle())
        self.sort_dialog.open_folder(self.state.data_dir)

    def _rescan_if_idle(self) -> None:
        # Photos just labelled count for training: look again (the scan memo makes it a
        # listing for the photos already checked).
        if not self.scanning:
            self.rescan()

    def _on_scan_failed(self, folder: Path, err: WorkerError) -> None:
        self._scan_handle = None
        self.progress_row.setVisible(False)
        self.model.set_scan(None)
        self.state.set_scan(None, None)  # first: it clears the summary written below
        if err.cancelled:
            self.summary.setText(self.tr("Scan stopped."))
            self.status_message.emit(self.tr("Scan stopped."))
        else:
            self.last_error = err.message
            self.summary.setText(
                self.tr("<b>This folder cannot be used:</b> {reason}").format(reason=err.message)
            )
            self.status_message.emit(err.message)
        self.scan_finished.emit(None)

    # ------------------------------------------------------------------ problems
    def _show_problems(self, scan: Any) -> None:
        self.warnings_list.clear()
        style = self.style()
        warn_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for w in scan.warnings:
            self.warnings_list.addItem(QListWidgetItem(warn_icon, w))
        if scan.skipped:
            n = len(scan.skipped)
            self.warnings_list.addItem(
                QListWidgetItem(
                    warn_icon,
                    self.tr(
                        "%Ln file(s) were skipped and will not be used: see 'Skipped files'.",
                        "",
                        n,
                    ),
                )
            )
        self.skipped_table.setRowCount(len(scan.skipped))
        root = Path(scan.root)
        for row, s in enumerate(scan.skipped):
            try:
                shown = str(Path(s.path).relative_to(root))
            except ValueError:
                shown = s.path
            item = QTableWidgetItem(shown)
            item.setToolTip(s.path)
            self.skipped_table.setItem(row, 0, item)
            self.skipped_table.setItem(row, 1, QTableWidgetItem(s.reason))
        self.problems.setTabText(
            0, self.tr("Problems ({count})").format(count=self.warnings_list.count())
        )
        self.problems.setTabText(
            1, self.tr("Skipped files ({count})").format(count=fmt_number(len(scan.skipped)))
        )
        self.problems.setVisible(bool(scan.warnings or scan.skipped))

    def _copy_skipped(self) -> None:
        scan = self.state.scan
        if scan is None:
            return
        text = "\n".join(f"{s.path}\t{s.reason}" for s in scan.skipped)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(self.tr("Copied %Ln line(s).", "", len(scan.skipped)))

    def _open_category_folder(self, index: QModelIndex) -> None:
        if self.state.data_dir is None or not index.isValid():
            return
        folder = self.state.data_dir / self.model.names[index.row()]
        from .widgets.prediction_card import open_folder

        open_folder(folder)

    # ------------------------------------------------------------------ validation
    def _on_validation_edited(self) -> None:
        mode = "split" if self.val_split_radio.isChecked() else "folder"
        self.state.set_validation(mode, self.val_split_spin.value() / 100, self.state.val_dir)
        self._update_split()

    def set_val_folder(self, folder: Path | None) -> None:
        self.val_folder_label.setText(str(folder) if folder else self.tr("none chosen"))
        self.val_folder_label.setToolTip(str(folder) if folder else "")
        if folder is not None:
            self.val_folder_radio.setChecked(True)
        self.state.set_validation(
            "folder" if folder else self.state.val_mode, self.state.val_split, folder
        )
        self.val_scan = None
        self._update_split()
        if folder is not None and self.state.scan is not None:
            self._scan_val_folder(folder)

    def _show_validation(self) -> None:
        """Show the state's validation choice (a project opened, a reset) without editing it."""
        st = self.state
        with (
            QSignalBlocker(self.val_split_spin),
            QSignalBlocker(self.val_split_radio),
            QSignalBlocker(self.val_folder_radio),
        ):
            self.val_split_spin.setValue(round(st.val_split * 100))
            (self.val_folder_radio if st.val_mode == "folder" else self.val_split_radio).setChecked(
                True
            )
        self.val_folder_label.setText(str(st.val_dir) if st.val_dir else self.tr("none chosen"))
        self.val_folder_label.setToolTip(str(st.val_dir) if st.val_dir else "")
        self._update_split()

    def _scan_val_folder(self, folder: Path) -> None:
        classes = list(self.state.scan.classes)
        if self._val_handle is not None and self._val_handle.running:
            self._val_handle.stop()

        def scan(task):
            from engine.dataset import scan_folder

            return scan_folder(folder, classes=classes, should_stop=task.should_stop)

        def done(result: Any) -> None:
            self.val_scan = result
            self._update_split()
            for w in result.warnings:
                self.warnings_list.addItem(self.tr("Checking folder: {problem}").format(problem=w))
            if result.warnings:
                self.problems.setVisible(True)

        def failed(err: WorkerError) -> None:
            if not err.cancelled:
                self.warnings_list.addItem(
                    self.tr("Checking folder: {problem}").format(problem=err.message)
                )
                self.problems.setVisible(True)

        self._val_handle = start_worker(
            self, scan, on_result=done, on_error=failed, name="scan-val"
        )

    def _update_split(self) -> None:
        scan = self.state.scan
        if scan is None:
            return
        counts = scan.counts()
        if self.state.val_mode == "folder":
            vcounts = self.val_scan.counts() if self.val_scan is not None else {}
            split = [(counts[n], vcounts.get(n, 0)) for n in scan.classes]
        else:
            from engine.dataset import split_train_val

            train, val = split_train_val(scan, self.state.val_split, 0)
            t = [0] * len(scan.classes)
            v = [0] * len(scan.classes)
            for p in train:
                t[p.label] += 1
            for p in val:
                v[p.label] += 1
            split = list(zip(t, v, strict=True))
        self.model.set_split(split)
        n_train = sum(a for a, _ in split)
        n_val = sum(b for _, b in split)
        pending = self.state.val_mode == "folder" and self.val_scan is None
        self._show_readiness(assess(scan, checking_photos=None if pending else n_val))
        if not scan.classes:
            # Nothing to count: the readiness line says what the folder lacks.
            self.summary.setText("")
            return
        head = self.tr("<b>{photos} in {categories}</b>").format(
            photos=self.photos_text(len(scan.photos)),
            categories=self.categories_text(len(scan.classes)),
        )
        if pending:
            tail = self.tr("{head}: {train} to learn from, checking folder not scanned yet.")
        else:
            tail = self.tr("{head}: {train} to learn from, {check} to check with.")
        self.summary.setText(
            tail.format(head=head, train=fmt_number(n_train), check=fmt_number(n_val))
        )

    def photos_text(self, n: int) -> str:
        """The number of photos, as words in the window's language ("1 photo", "1,000 photos")."""
        return self.tr("%Ln photo(s)", "", n)

    def categories_text(self, n: int) -> str:
        """The number of categories, as words in the window's language ("5 categories")."""
        return self.tr("%n category(ies)", "", n)

    def _show_readiness(self, readiness: Any) -> None:
        self.readiness = readiness
        if readiness is None:
            self.readiness_label.setText("")
            self.readiness_label.setVisible(False)
        else:
            mark = "&#10004;" if readiness.ready else "&#9888;"  # check mark / warning sign
            line = html.escape(readiness.line)  # the engine's verdict, translated there
            self.readiness_label.setText(f"<b>{mark} {line}</b>")  # i18n: not text
            self.readiness_label.setVisible(True)
        self.readiness_changed.emit(readiness)

    def _on_state_scan_changed(self, scan: Any) -> None:
        if scan is None:  # New project, or a folder that cannot be used
            self.summary.setText("")
            self._show_readiness(None)

    def shutdown(self) -> None:
        self._rescan_after_sorting.stop()
        if self._pile_handle is not None:
            self._pile_handle.stop()
        if self.sort_dialog is not None:
            self.sort_dialog.view.shutdown()
        self._abort_scan()
        if self._val_handle is not None:
            self._val_handle.stop()
        self.thumbnails.stop()
