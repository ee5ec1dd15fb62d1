"""Results: how good is the trained model, in ways a person can act on.

After training (or when a model is opened) the model is checked on its validation photos
in a worker: validation accuracy in large type with a plain verdict and advice, a
confusion matrix whose cells show their photos when clicked, per-category precision and
recall in a sortable table, and the photos the model got most confidently wrong, each of
which opens in the system viewer or in its folder. Given the window's undo stack
(:meth:`ResultsPage.enable_fixing`), a mistake (or a cell's photo) can be moved to another
category, removed or kept ("not a mistake") with the same undoable actions as "Check my
photos" (``gui.widgets.photo_actions``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.advice import plain_verdict
from engine.i18n import percent

from .model_page import fmt_number
from .state import StudioState
from .widgets.confusion import ConfusionMatrixWidget
from .widgets.job import JobProgressWidget
from .widgets.photo_actions import PhotoActions
from .widgets.prediction_card import open_in_viewer, show_in_folder
from .widgets.thumbnails import ThumbnailLoader
from .workers import (
    Task,
    WorkerError,
    WorkerHandle,
    freeze_long_lived_objects,
    lower_this_threads_priority,
)

GALLERY_THUMB = 88
MAX_CELL_PHOTOS = 400  # more would only slow the list; the count is still shown
PathRole = Qt.ItemDataRole.UserRole + 1
#: The smallest the page's content gets before it scrolls (measured: the verdict, the
#: matrix with five categories and the per-category table all readable).
RESULTS_MIN_WIDTH, RESULTS_MIN_HEIGHT = 900, 700
ADVICE_LIST = "<ul style='margin-left:-20px'>{items}</ul>"  # markup only: the items are text


# ------------------------------------------------------------------------------ widgets


class _SortItem(QStandardItem):
    """A table cell showing ``text`` but sorting by ``value``."""

    def __init__(self, text: str, value: Any, tooltip: str = "") -> None:
        super().__init__(text)
        self.setData(value, Qt.ItemDataRole.UserRole)
        self.setEditable(False)
        if tooltip:
            self.setToolTip(tooltip)
        if isinstance(value, (int, float)):
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PhotoGallery(QListWidget):
    """Thumbnails of photos (lazily loaded); double-click opens, right-click offers more."""

    def __init__(
        self, loader: ThumbnailLoader, *, wrap: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._items: dict[str, list[QListWidgetItem]] = {}
        self.actions: PhotoActions | None = None  # offers the fixes in the context menu
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(wrap)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(GALLERY_THUMB, GALLERY_THUMB))
        self.setGridSize(QSize(GALLERY_THUMB + 72, GALLERY_THUMB + 48))
        # In icon mode a caption wraps at the icon's width unless the item says it is wider:
        # room for "t-shirt → pullover" on one line.
        self._item_size = QSize(GALLERY_THUMB + 68, GALLERY_THUMB + 44)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.itemDoubleClicked.connect(lambda item: open_in_viewer(item.data(PathRole)))
        loader.loaded.connect(self._on_thumbnail)
        # A placeholder of the thumbnail's size keeps every item's layout the same while
        # the real thumbnails load.
        blank = QPixmap(GALLERY_THUMB, GALLERY_THUMB)
        blank.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
        self._blank = QIcon(blank)

    def set_photos(self, photos: list[tuple[str, str, str]]) -> None:
        """``photos``: (path, caption, tooltip) triples."""
        self.clear()
        self._items = {}
        for path, caption, tooltip in photos:
            item = QListWidgetItem(caption)
            item.setData(PathRole, path)
            item.setToolTip(tooltip)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            item.setSizeHint(self._item_size)
            pix = self._loader.get(path)
            item.setIcon(QIcon(pix) if pix is not None else self._blank)
            self.addItem(item)
            self._items.setdefault(path, []).append(item)

    def paths(self) -> list[str]:
        return [self.item(i).data(PathRole) for i in range(self.count())]

    def selected_path(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(PathRole) if items else None

    def _on_thumbnail(self, path: str) -> None:
        items = self._items.get(path)
        if items:
            pix = self._loader.get(path)
            if pix is not None:
                for item in items:
                    item.setIcon(QIcon(pix))

    def _on_context_menu(self, pos) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        path = item.data(PathRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Open photo"), lambda: open_in_viewer(path))
        menu.addAction(self.tr("Show in folder"), lambda: show_in_folder(path))
        if self.actions is not None:
            menu.addSeparator()
            self.actions.add_fixes(menu, lambda: [Path(path)], self)
        menu.exec(self.viewport().mapToGlobal(pos))


class ResultsPage(QWidget):
    """Validation accuracy, verdict, confusion matrix, per-category table, mistakes."""

    evaluation_ready = Signal(object)  # engine.evaluation.Evaluation
    evaluation_failed = Signal(object)  # WorkerError
    use_model_requested = Signal()

    title = "Results"
    needs_model = True

    def __init__(self, state: StudioState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("resultsPage")
        self.model_path: Path | None = None
        self.train_result: Any = None
        self.evaluation: Any = None
        self.actions: PhotoActions | None = None  # see enable_fixing
        # Where the evaluation's photos are now (fixed since): path -> new path, None removed.
        self._moved: dict[str, str | None] = {}
        self._cell: tuple[int, int] | None = None
        self._job: WorkerHandle | None = None
        self._thumbs = ThumbnailLoader(size=GALLERY_THUMB, capacity=1500, parent=self)
        self._build()
        self._show_empty(self._empty_text())

    # ------------------------------------------------------------------ the step
    def subtitle(self) -> str:
        return self.tr("How good is it?")

    def _empty_text(self) -> str:
        return self.tr("Train a model, or open one (File > Open model), to see how good it is.")

    def reset(self) -> None:
        """No model: stop a check that runs, show the empty page."""
        self.stop()
        self.model_path = None
        self.train_result = None
        self.evaluation = None
        self._show_empty(self._empty_text())

    # ----------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.accuracy_label = QLabel("–")
        self.accuracy_label.setObjectName("resultsAccuracy")
        self.accuracy_label.setAccessibleName(self.tr("Validation accuracy"))
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 3.6)
        big.setBold(True)
        self.accuracy_label.setFont(big)
        self.accuracy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accuracy_caption = QLabel("")
        self.accuracy_caption.setWordWrap(True)
        self.accuracy_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accuracy_caption.setFixedWidth(200)
        acc_box = QVBoxLayout()
        acc_box.addWidget(self.accuracy_label)
        acc_box.addWidget(self.accuracy_caption)
        acc_box.addStretch(1)

        self.verdict_label = QLabel("")
        self.verdict_label.setObjectName("resultsVerdict")
        self.verdict_label.setWordWrap(True)
        vf = QFont(self.font())
        vf.setPointSizeF(self.font().pointSizeF() * 1.35)
        vf.setBold(True)
        self.verdict_label.setFont(vf)
        self.advice_label = QLabel("")
        self.advice_label.setObjectName("resultsAdvice")
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.RichText)
        self.advice_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)  # a long folder name (or German) wraps, not cut
        self.jobs = JobProgressWidget(bar_width=260)  # checking the model
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.jobs)
        verdict_box = QVBoxLayout()
        verdict_box.addWidget(self.verdict_label)
        verdict_box.addWidget(self.advice_label, 1)
        verdict_box.addLayout(status)

        self.check_folder_button = QPushButton(self.tr("Check on another folder…"))
        self.check_folder_button.setToolTip(
            self.tr(
                "Measure the model on a folder of labelled photos it has never seen "
                "(one subfolder per category)."
            )
        )
        self.check_folder_button.clicked.connect(self.check_folder_dialog)
        self.use_button = QPushButton(self.tr("Use this model →"))
        self.use_button.clicked.connect(self.use_model_requested)
        buttons = QVBoxLayout()
        buttons.addWidget(self.check_folder_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addLayout(acc_box)
        top.addSpacing(12)
        top.addLayout(verdict_box, 1)
        top.addLayout(buttons)

        # Confusion matrix and the photos of the clicked cell.
        self.matrix = ConfusionMatrixWidget()
        self.matrix.cell_clicked.connect(self._on_cell_clicked)
        matrix_box = QGroupBox(self.tr("Which categories get mixed up"))
        mb = QVBoxLayout(matrix_box)
        mb.addWidget(self.matrix, 1)
        hint = QLabel(
            self.tr(
                "Rows: the real category. Columns: what the model said. "
                "Click a cell to see its photos."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        mb.addWidget(hint)

        self.table_model = QStandardItemModel(0, 5, self)
        self.table_model.setHorizontalHeaderLabels(
            [
                self.tr("Category"),
                self.tr("Photos"),
                self.tr("Found"),
                self.tr("Right when\nnamed"),
                self.tr("Overall (F1)"),
            ]
        )
        tips = [
            self.tr("The category (one subfolder of your photos)."),
            self.tr("Checking photos of this category."),
            self.tr("Of this category's photos, the share the model named correctly (recall)."),
            self.tr("When the model names this category, how often it is right (precision)."),
            self.tr(
                "Found and right-when-named in one score from 0 to 1 (F1, their harmonic mean): "
                "high only when the model both finds this category and is right when it names it."
            ),
        ]
        for i, t in enumerate(tips):
            self.table_model.horizontalHeaderItem(i).setToolTip(t)
        self.table_proxy = QSortFilterProxyModel(self)
        self.table_proxy.setSourceModel(self.table_model)
        self.table_proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setObjectName("perCategoryTable")
        self.table.setAccessibleName(self.tr("Per-category precision and recall"))
        self.table.setModel(self.table_proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumWidth(380)
        table_box = QGroupBox(self.tr("Per category"))
        QVBoxLayout(table_box).addWidget(self.table)

        self.cell_title = QLabel(self.tr("Click a cell of the matrix to see its photos here."))
        self.cell_title.setObjectName("cellTitle")
        self.cell_title.setWordWrap(True)
        self.cell_photos = PhotoGallery(self._thumbs, wrap=True)
        self.cell_photos.setObjectName("cellPhotos")
        self.cell_photos.setAccessibleName(self.tr("Photos in the selected cell"))
        cell_box = QGroupBox(self.tr("Photos in the selected cell"))
        cb = QVBoxLayout(cell_box)
        cb.addWidget(self.cell_title)
        cb.addWidget(self.cell_photos, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(table_box)
        right.addWidget(cell_box)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(matrix_box)
        middle.addWidget(right)
        middle.setStretchFactor(0, 5)
        middle.setStretchFactor(1, 4)
        middle.setSizes([550, 450])

        # Most confidently wrong.
        self.mistakes = PhotoGallery(self._thumbs, wrap=False)
        self.mistakes.setObjectName("mistakesGallery")
        self.mistakes.setAccessibleName(self.tr("Most confidently wrong photos"))
        self.mistakes.setMinimumHeight(GALLERY_THUMB + 64)
        self.mistakes.itemSelectionChanged.connect(self._update_mistake_buttons)
        self.open_button = QPushButton(self.tr("Open photo"))
        self.open_button.clicked.connect(lambda: self._act_on_mistake(open_in_viewer))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.clicked.connect(lambda: self._act_on_mistake(show_in_folder))
        self.move_button = QPushButton(self.tr("Move to…"))
        self.move_button.setToolTip(self.tr("Move the photo to another category (or a new one)"))
        self.move_menu = QMenu(self)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_button.setMenu(self.move_menu)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(
            self.tr("Take the photo out of the set (Edit > Undo brings it back)")
        )
        self.remove_button.clicked.connect(
            lambda: self._fix_mistake(lambda a, paths: a.remove(paths))
        )
        self.keep_button = QPushButton(self.tr("Not a mistake"))
        self.keep_button.setToolTip(self.tr("It is filed right: do not show it as a mistake again"))
        self.keep_button.clicked.connect(lambda: self._fix_mistake(lambda a, paths: a.keep(paths)))
        self.fix_buttons = (self.move_button, self.remove_button, self.keep_button)
        for b in self.fix_buttons:
            b.setVisible(False)  # until enable_fixing
        self.mistakes_note = QLabel("")
        self.mistakes_note.setWordWrap(True)
        # Two columns: the box stays as low as with two buttons (the page fits 800 px).
        mistake_buttons = QGridLayout()
        for i, b in enumerate((self.open_button, self.folder_button, *self.fix_buttons)):
            mistake_buttons.addWidget(b, i % 3, i // 3)
        mistake_buttons.setRowStretch(3, 1)
        mistakes_box = QGroupBox(
            self.tr("Most confidently wrong: real category → what the model said")
        )
        ml = QVBoxLayout(mistakes_box)
        ml.addWidget(self.mistakes_note)
        row = QHBoxLayout()
        row.addWidget(self.mistakes, 1)
        row.addLayout(mistake_buttons)
        ml.addLayout(row)
        self._update_mistake_buttons()

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(middle)
        body.addWidget(mistakes_box)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        self.body = body

        content = QWidget()
        content.setObjectName("resultsContent")
        inner = QVBoxLayout(content)
        inner.addLayout(top)
        inner.addWidget(body, 1)
        # Below this size the texts, the matrix and the tables overlapped (the window's
        # minimum is 760 x 540): the page scrolls instead.
        content.setMinimumSize(RESULTS_MIN_WIDTH, RESULTS_MIN_HEIGHT)
        scroll = QScrollArea()
        scroll.setObjectName("resultsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # --------------------------------------------------------------------- public API
    def enable_fixing(self, undo_stack: QUndoStack, *, trash: Any = None) -> PhotoActions:
        """Offer move / remove / "not a mistake" on the mistakes, as steps of
        ``undo_stack``; connect the returned actions' ``scan_updated`` to the Photos step."""
        if self.state is None:
            raise ValueError("fixing photos needs the window's state")
        self.actions = PhotoActions(
            self.state,
            undo_stack,
            trash=trash,
            on_moved=self._on_moved,
            snapshot=lambda: dict(self._moved),
            restore=self._restore_moved,
            on_kept=self._refresh_photos,
            parent=self,
        )
        self.actions.message.connect(self.status_label.setText)
        self.mistakes.actions = self.actions
        self.cell_photos.actions = self.actions
        for b in self.fix_buttons:
            b.setVisible(True)
        self._update_mistake_buttons()
        return self.actions

    def show_result(self, train_result: Any, model_path: Path, config: Any = None) -> None:
        """Show how good the model in ``model_path`` is.

        ``train_result`` is the :class:`engine.config.TrainResult` of the run that made it
        (its validation photos are checked again with the saved model). Without one (a
        reopened project, an opened model file) the photos it was checked on are found
        again, in the background, from ``config`` (the project's settings) or else from the
        model file's own; when they are not at hand, its saved summary is shown ("Check on
        another folder…" gives the details)."""
        self.model_path = Path(model_path)
        self.train_result = train_result
        photos = list(getattr(train_result, "val_photos", None) or [])
        classes = list(getattr(train_result, "classes", None) or [])
        if photos:
            self._evaluate(
                lambda predictor, task: _evaluate_photos(predictor, photos, classes, task),
                self.tr("Checking the model on %n checking photo(s)…", "", len(photos)),
            )
        else:
            self._show_summary_only()
            self._evaluate(
                lambda predictor, task: _evaluate_again(predictor, config, task),
                self.tr("Checking the model again on the photos it was checked on…"),
            )

    def evaluate_folder(self, folder: str | Path) -> WorkerHandle | None:
        """Measure the current model on a labelled folder (one subfolder per category)."""
        if self.model_path is None:
            return None
        folder = Path(folder)
        return self._evaluate(
            lambda predictor, task: _evaluate_folder(predictor, folder, task),
            self.tr("Checking the model on the photos in {folder}…").format(folder=folder.name),
        )

    def check_folder_dialog(self) -> None:
        if self.model_path is None:
            self.status_label.setText(self.tr("Train or open a model first."))
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of labelled photos (one subfolder per category)")
        )
        if folder:
            self.evaluate_folder(folder)

    def stop(self) -> None:
        if self._job is not None:
            self._job.stop()

    def shutdown(self) -> None:
        """Stop this page's workers (the window calls this before closing)."""
        self.stop()
        self._thumbs.stop()

    # ------------------------------------------------------------------- evaluation
    def _evaluate(self, how, message: str) -> WorkerHandle:
        if self._job is not None:
            self._job.stop()
        model_path = self.model_path

        def run(task: Task) -> Any:
            from engine.predict import Predictor

            lower_this_threads_priority()  # a check after training: the window goes first
            predictor = Predictor(model_path)
            return how(predictor, task)

        self.status_label.setText(message)
        self.check_folder_button.setEnabled(False)
        # A replaced check (stopped above) still reports "Stopped." later: only the newest
        # one may finish the page (it would clear the new job and say "Stopped.").
        handle = self.jobs.start(
            self,
            run,
            on_result=lambda ev: self._on_evaluated(ev) if self._job is handle else None,
            on_error=lambda err: self._on_failed(err) if self._job is handle else None,
            name="evaluate",
        )
        self._job = handle
        return handle

    def _finish_job(self) -> None:
        self._job = None
        self.check_folder_button.setEnabled(True)

    def _on_failed(self, err: WorkerError) -> None:
        self._finish_job()
        self.status_label.setText(
            self.tr("Stopped.")
            if err.cancelled
            else self.tr("Could not check the model: {error}").format(error=err.message)
        )
        self.evaluation_failed.emit(err)

    def _on_evaluated(self, evaluation: Any) -> None:
        freeze_long_lived_objects()  # torch is loaded now: keep full GC passes short
        self._finish_job()
        if evaluation is None:  # its checking photos are not at hand: the summary stays
            self.status_label.setText("")
            return
        self.show_evaluation(evaluation)
        self.evaluation_ready.emit(evaluation)

    # --------------------------------------------------------------------- display
    def _show_empty(self, message: str) -> None:
        self.accuracy_label.setText("–")
        self.accuracy_caption.setText("")
        self.verdict_label.setText(message)
        self.advice_label.setText("")
        self.matrix.set_matrix([], [])
        self.table_model.removeRows(0, self.table_model.rowCount())
        self.cell_photos.set_photos([])
        self.mistakes.set_photos([])
        self.mistakes_note.setText("")
        self.use_button.setEnabled(False)

    def _show_summary_only(self) -> None:
        """An opened model: its saved validation accuracy, and how to see the details."""
        self._show_empty("")
        self.use_button.setEnabled(True)
        accuracy = None
        try:
            from engine.modelfile import read_model_info

            summary = read_model_info(self.model_path).get("summary") or {}
            accuracy = summary.get("val_accuracy")
        except Exception as exc:  # noqa: BLE001 - shown, not raised
            self.verdict_label.setText(
                self.tr("Could not read the model: {error}").format(error=exc)
            )
            return
        if isinstance(accuracy, (int, float)):
            self.accuracy_label.setText(percent(accuracy))
            self.accuracy_caption.setText(self.tr("checking accuracy when this model was trained"))
        self.verdict_label.setText(self.tr("Model {name}").format(name=self.model_path.name))
        self.advice_label.setText(
            self.tr(
                "The photos it was checked on are not known here. Use <b>Check on another "
                "folder…</b> with a folder of labelled photos to see which categories get "
                "mixed up and which photos it gets wrong."
            )
        )

    def show_evaluation(self, ev: Any) -> None:
        """Fill the page from an :class:`engine.evaluation.Evaluation`."""
        self.evaluation = ev
        self.use_button.setEnabled(True)
        n = ev.count
        correct = sum(ev.confusion[i][i] for i in range(len(ev.classes)))
        self.accuracy_label.setText(percent(ev.accuracy) if n else "–")
        self.accuracy_caption.setText(
            self.tr("{correct} of %n checking photo(s) recognised correctly", "", n).format(
                correct=correct
            )
            if n
            else self.tr("no photos could be checked")
        )
        history = list(getattr(self.train_result, "history", None) or [])
        verdict, advice = plain_verdict(ev, history)
        self.verdict_label.setText(verdict)
        skipped = len(getattr(ev, "skipped", []) or [])
        if skipped:
            advice.append(
                self.tr(
                    "%n file(s) could not be used (not photos, or unreadable) and were left out.",
                    "",
                    skipped,
                )
            )
        note = ev.category_note() if hasattr(ev, "category_note") else ""
        if note:
            advice.insert(0, note)
        if advice:  # the engine's advice, already in the window's language, as a list
            items = "".join(f"<li>{_html(a)}</li>" for a in advice)
            self.advice_label.setText(ADVICE_LIST.format(items=items))
        else:
            self.advice_label.setText(
                self.tr("Nothing to improve that the checking photos can show.")
            )
        self.status_label.setText("")

        self.matrix.set_matrix(ev.confusion, ev.classes)
        self.cell_photos.set_photos([])
        self.cell_title.setText(self.tr("Click a cell of the matrix to see its photos here."))

        self.table.setSortingEnabled(False)
        self.table_model.removeRows(0, self.table_model.rowCount())
        for m in ev.per_class:
            row = [
                _SortItem(m.name, m.name.lower()),
                _SortItem(str(m.support), m.support),
                _SortItem(
                    percent(m.recall),
                    m.recall,
                    self.tr("{name}: {percent} of its photos were found").format(
                        name=m.name, percent=percent(m.recall, 1)
                    ),
                ),
                _SortItem(
                    percent(m.precision),
                    m.precision,
                    self.tr("When the model says {name}, it is right {percent} of the time").format(
                        name=m.name, percent=percent(m.precision, 1)
                    ),
                ),
                _SortItem(fmt_number(m.f1, 2), m.f1),
            ]
            if m.support and m.recall < 0.6:
                row[2].setBackground(QColor(231, 76, 60, 70))
            self.table_model.appendRow(row)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # the weakest first

        self._moved = {}
        self._cell = None
        self._show_mistakes()

    def _where(self, path: str) -> str | None:
        """Where an evaluated photo is now (None: removed, or kept as "not a mistake")."""
        now = self._moved.get(str(Path(path)), path)
        if now is None or (self.actions is not None and self.actions.is_kept(Path(now))):
            return None
        return now

    def _show_mistakes(self) -> None:
        ev = self.evaluation
        rows = []
        for m in ev.mistakes:
            path = self._where(m.path)
            real = m.true_label if path == m.path else Path(path or "").parent.name
            if path is None or real == m.predicted:  # removed, kept, or refiled: no mistake
                continue
            rows.append(
                (
                    path,
                    self.tr("{real} → {said}\n{percent} sure").format(
                        real=real, said=m.predicted, percent=percent(m.confidence)
                    ),
                    self.tr(
                        "{path}\nReal category: {real}\nThe model said: {said} "
                        "({percent} sure)\nDouble-click to open it."
                    ).format(path=path, real=real, said=m.predicted, percent=percent(m.confidence)),
                )
            )
        self.mistakes.set_photos(rows)
        n = ev.count
        wrong = n - sum(ev.confusion[i][i] for i in range(len(ev.classes)))
        if not ev.mistakes:
            self.mistakes_note.setText(self.tr("No mistakes on the checking photos."))
        else:
            self.mistakes_note.setText(
                self.tr(
                    "%n photo(s) were named wrongly; the {shown} the model was most sure "
                    "about are shown first. Often the photo is unusual, or filed in the wrong "
                    "folder.",
                    "",
                    wrong,
                ).format(shown=len(ev.mistakes))
            )
        self._update_mistake_buttons()

    def _on_cell_clicked(self, true: int, predicted: int) -> None:
        ev = self.evaluation
        if ev is None:
            return
        self._cell = (true, predicted)
        paths = [p for p in (self._where(p) for p in ev.cell(true, predicted)) if p]
        title = self.matrix.describe_cell(true, predicted)
        if len(paths) > MAX_CELL_PHOTOS:
            title += self.tr(" (the first {count} are shown)").format(count=MAX_CELL_PHOTOS)
        self.cell_title.setText(title + ("." if paths else self.tr(": none.")))
        conf = dict(zip(ev.paths, ev.confidence, strict=False))
        self.cell_photos.set_photos(
            [
                (
                    p,
                    Path(p).name,
                    self.tr("{path}\nReal: {real}, said: {said} ({percent} sure)").format(
                        path=p,
                        real=ev.classes[true],
                        said=ev.classes[predicted],
                        percent=percent(conf.get(p, 0.0)),
                    ),
                )
                for p in paths[:MAX_CELL_PHOTOS]
            ]
        )

    def _update_mistake_buttons(self) -> None:
        has = self.mistakes.selected_path() is not None
        self.open_button.setEnabled(has)
        self.folder_button.setEnabled(has)
        for b in self.fix_buttons:
            b.setEnabled(has and self.actions is not None)

    # ------------------------------------------------------------------ fixing mistakes
    def _selected_mistake(self) -> list[Path]:
        path = self.mistakes.selected_path()
        return [Path(path)] if path else []

    def _fill_move_menu(self) -> None:
        if self.actions is not None:
            self.actions.fill_move_menu(self.move_menu, self._selected_mistake, self)

    def _fix_mistake(self, fix) -> None:
        paths = self._selected_mistake()
        if self.actions is not None and paths:
            fix(self.actions, paths)

    def _on_moved(self, moves: list[tuple[Path, Path | None]]) -> None:
        now_to_first = {v: k for k, v in self._moved.items() if v is not None}
        for old, new in moves:
            first = now_to_first.get(str(old), str(old))
            self._moved[first] = str(new) if new is not None else None
        self._refresh_photos()

    def _restore_moved(self, moved: Any) -> None:
        self._moved = dict(moved or {})
        self._refresh_photos()

    def _refresh_photos(self) -> None:
        """Show the mistakes and the clicked cell's photos where they are now."""
        if self.evaluation is None:
            return
        self._show_mistakes()
        if self._cell is not None:
            self._on_cell_clicked(*self._cell)

    def _act_on_mistake(self, action) -> None:
        path = self.mistakes.selected_path()
        if path:
            action(path)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _evaluate_photos(predictor: Any, photos: list, classes: list[str], task: Task) -> Any:
    from engine.evaluation import evaluate_photos

    return evaluate_photos(
        predictor,
        photos,
        classes or None,
        on_progress=lambda done, total: task.report((done, total)),
        should_stop=task.should_stop,
    )


def _evaluate_again(predictor: Any, config: Any, task: Task) -> Any:
    """Check a reopened model on the photos it was checked on, or None when they are not
    at hand (the folder moved, or the model file does not name one)."""
    from engine.config import TrainConfig
    from engine.errors import StudioError
    from engine.projects import checking_photos

    if config is None:
        try:
            config = TrainConfig.from_dict(predictor.model.config or {})
        except StudioError:
            return None
    if not config.data_dir or not Path(config.data_dir).is_dir():
        return None
    if config.val_dir and not Path(config.val_dir).is_dir():
        return None
    photos, classes = checking_photos(config, should_stop=task.should_stop)
    if not photos:
        return None
    return _evaluate_photos(predictor, photos, classes, task)


def _evaluate_folder(predictor: Any, folder: Path, task: Task) -> Any:
    from engine.evaluation import evaluate_folder

    return evaluate_folder(
        predictor,
        folder,
        on_progress=lambda done, total: task.report((done, total)),
        should_stop=task.should_stop,
    )
