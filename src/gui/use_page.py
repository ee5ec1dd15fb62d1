"""Use: drop photos or folders and see what the model thinks they are.

The model is loaded once, in a worker, and warmed up, so a single dropped photo is
answered at once. Classification runs in a worker too: the engine hands over answers batch
by batch (the first batch small), the GUI queues them and a timer adds cards in short
slices, so each turn of the event loop stays short however many photos were dropped.
Thumbnails are decoded lazily, off the GUI thread, only for cards on screen.

Also here: "Why?" (a Grad-CAM heatmap, :mod:`engine.explain`), sorting a folder into
category folders, exporting the answers as CSV, and exporting the model (app file, ONNX,
TorchScript) with the engine's parity check shown.
"""

from __future__ import annotations

import collections
import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from engine.exportformats import export_to
from engine.paths import MODEL_SUFFIX, PROJECT_SUFFIX

from .state import StudioState
from .widgets.drop_area import PhotoDropArea
from .widgets.job import JobProgressWidget
from .widgets.prediction_card import (
    PathRole,
    PredictionCardView,
    PredictionListModel,
    open_in_viewer,
    percent,
    show_in_folder,
)
from .widgets.use_dialogs import ExplanationDialog, ExportModelDialog, SortDialog
from .workers import (
    Task,
    WorkerError,
    WorkerHandle,
    freeze_long_lived_objects,
    lower_this_threads_priority,
    start_worker,
)

FEED_INTERVAL_MS = 15  # how often queued answers become cards
FEED_BUDGET_S = 0.008  # at most this long per slice on the GUI thread
FEED_MAX_ROWS = 64  # and at most this many cards per slice
PARITY_PHOTOS = 64  # photos the export's parity check uses (from the cards shown)
# Measured on a 2-core laptop CPU with EfficientNet-Lite0: batches of 4-8 photos run at
# ~45 photos/s, batches of 32 at ~25 (their activations no longer fit in the caches).
# Small batches also make the cards arrive in a smoother stream.
PREDICT_BATCH = 8


# ---------------------------------------------------------------------- worker messages


@dataclass(frozen=True)
class _Found:
    """The worker expanded the dropped paths into this many photos."""

    count: int


@dataclass(frozen=True)
class _Answers:
    predictions: list[Any]  # engine.predict.Prediction


@dataclass(frozen=True)
class ClassifyDone:
    photos: int
    seconds: float


# ------------------------------------------------------------------------------ page


class UsePage(QWidget):
    """Drop zone, a card per photo, sorting, CSV and model export."""

    model_ready = Signal(object)  # engine.predict.Predictor
    model_failed = Signal(object)  # WorkerError
    cards_added = Signal(int)  # cards shown now
    classify_finished = Signal(object)  # ClassifyDone
    classify_failed = Signal(object)  # WorkerError
    explanation_ready = Signal(object)  # engine.explain.Explanation
    export_finished = Signal(object)  # engine.export.ExportReport | exportformats.ModelCopyReport
    export_failed = Signal(object)  # WorkerError
    csv_saved = Signal(object)  # Path
    sort_finished = Signal(object)  # engine.sorting.SortReport
    sort_failed = Signal(object)  # WorkerError
    open_requested = Signal(object)  # Path of a dropped .ftmodel/.ftproj: the window opens it

    title = "Use"
    needs_model = True

    def __init__(self, state: StudioState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("usePage")
        self.model_path: Path | None = None
        self.predictor: Any = None
        self._model_job: WorkerHandle | None = None
        self._job: WorkerHandle | None = None
        self._side_job: WorkerHandle | None = None  # sort / export / CSV
        self._explain_job: WorkerHandle | None = None
        self._queue: collections.deque[list[str]] = collections.deque()
        self._pending: collections.deque[Any] = collections.deque()
        self._expected = 0
        self._generation = 0  # bumped by clear(): answers of older jobs are dropped
        self._last_folder = ""
        self._explainer: ExplanationDialog | None = None
        self._export_dialog: ExportModelDialog | None = None
        self._sort_move = False
        self._build()
        self._update_enabled()

    # ------------------------------------------------------------------------ layout
    def _no_model_text(self) -> str:
        return self.tr("No model yet: train one, or open one (File > Open model).")

    def _build(self) -> None:
        self.model_label = QLabel(self._no_model_text())
        self.model_label.setObjectName("useModelLabel")
        self.model_label.setWordWrap(True)
        self.sort_button = QPushButton(self.tr("Sort into folders…"))
        self.sort_button.setToolTip(
            self.tr("Copy or move every photo of a folder into one folder per category.")
        )
        self.sort_button.clicked.connect(self.sort_dialog)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setToolTip(self.tr("Save the answers shown as a spreadsheet (CSV)."))
        self.csv_button.clicked.connect(self.export_csv_dialog)
        self.export_button = QPushButton(self.tr("Export model…"))
        self.export_button.setToolTip(
            self.tr("Save the model as ONNX, TorchScript or the app's own file.")
        )
        self.export_button.clicked.connect(self.export_model_dialog)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self._top_buttons = QHBoxLayout()
        for b in (self.sort_button, self.csv_button, self.export_button, self.clear_button):
            self._top_buttons.addWidget(b)
        # Beside the model's name, or below it where the buttons' words need the whole
        # width (German at the window's smallest size): see resizeEvent.
        top = self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.model_label, 1)
        top.addLayout(self._top_buttons)
        top.setAlignment(self._top_buttons, Qt.AlignmentFlag.AlignRight)

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setObjectName("thresholdSlider")
        self.threshold_slider.setAccessibleName(self.tr("Not sure below this confidence"))
        self.threshold_slider.setRange(0, 99)
        self.threshold_slider.setValue(50)
        self.threshold_slider.setMaximumWidth(220)
        # A long summary beside it must not squeeze it to a stub.
        self.threshold_slider.setMinimumWidth(120)
        self.threshold_slider.setToolTip(
            self.tr(
                "Answers with a lower confidence are marked “not sure”. The model's own "
                "setting keeps at least 95% of its confident answers right on its checking "
                "photos."
            )
        )
        self.threshold_slider.valueChanged.connect(self._on_threshold)
        self.threshold_label = QLabel("")
        self.threshold_label.setMinimumWidth(40)
        self.reset_threshold = QPushButton(self.tr("Reset"))
        self.reset_threshold.setToolTip(self.tr("Back to the model's own setting."))
        self.reset_threshold.clicked.connect(self._reset_threshold)
        self.summary_label = QLabel("")
        self.summary_label.setObjectName("useSummary")
        # A long line wraps (and the whole of it is in the tooltip) instead of taking the
        # slider's room.
        self.summary_label.setWordWrap(True)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.jobs = JobProgressWidget()  # classifying and sorting
        self.jobs.stop_requested.connect(self._on_stop_clicked)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Not sure below")))
        second.addWidget(self.threshold_slider)
        second.addWidget(self.threshold_label)
        second.addWidget(self.reset_threshold)
        second.addSpacing(16)
        second.addWidget(self.summary_label, 1)
        second.addWidget(self.jobs)

        # The drop area holds the hint row and the cards: a drop anywhere on it counts.
        self.drop_area = PhotoDropArea()
        self.drop_area.paths_dropped.connect(self.classify)
        self.hint = QLabel(self.tr("Drop photos or folders here, or"))
        self.choose_button = QPushButton(self.tr("Choose photos…"))
        self.choose_button.setObjectName("choosePhotosButton")
        self.choose_button.clicked.connect(self.choose_photos_dialog)
        self.folder_button = QPushButton(self.tr("Choose a folder…"))
        self.folder_button.clicked.connect(self.choose_folder_dialog)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint)
        hint_row.addWidget(self.choose_button)
        hint_row.addWidget(self.folder_button)
        hint_row.addStretch(1)
        self.empty_label = QLabel(
            self.tr(
                "<p style='font-size:15pt'>Drop photos or a folder here</p>"
                "<p>Each photo gets a card with the model's three best guesses.<br>"
                "Click “Why?” on a card to see what the model looked at.</p>"
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.model = PredictionListModel(self)
        self.cards = PredictionCardView()
        self.cards.setModel(self.model)
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cards.customContextMenuRequested.connect(self._on_card_menu)
        self.cards.doubleClicked.connect(lambda idx: open_in_viewer(idx.data(PathRole)))
        self.cards.card_delegate.why_clicked.connect(lambda idx: self.explain(idx.row()))
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.cards)
        inner = QVBoxLayout(self.drop_area)
        inner.setContentsMargins(10, 8, 10, 10)
        inner.addLayout(hint_row)
        inner.addLayout(self.stack, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.drop_area, 1)

        self._feed = QTimer(self)
        self._feed.setInterval(FEED_INTERVAL_MS)
        self._feed.timeout.connect(self._feed_cards)
        self._summary_timer = QTimer(self, singleShot=True, interval=150)
        self._summary_timer.timeout.connect(self._update_summary)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # The model's name needs room too (about a third of the buttons' width).
        room = self._top_buttons.sizeHint().width() * 4 // 3
        below = self.width() < room
        self._top.setDirection(
            QBoxLayout.Direction.TopToBottom if below else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    # ------------------------------------------------------------------ the step
    def subtitle(self) -> str:
        return self.tr("Recognise new photos")

    def reset(self) -> None:
        """No model: stop what runs, remove the cards."""
        self.stop()
        if self._model_job is not None:
            self._model_job.stop()
            self._model_job = None
        self.clear()
        self.model_path = None
        self.predictor = None
        self.model_label.setText(self._no_model_text())
        self._update_enabled()

    # -------------------------------------------------------------------- the model
    def set_model(self, model_path: Path) -> None:
        """Use the model in ``model_path`` for the photos dropped from now on.

        The model loads (and warms up) in a worker; photos dropped meanwhile wait for it.
        Cards of an earlier model are cleared."""
        self.stop()
        self.clear()
        self.model_path = Path(model_path)
        self.predictor = None
        self.model_label.setText(self.tr("Loading {name}…").format(name=self.model_path.name))
        if self._model_job is not None:
            self._model_job.stop()
        path = self.model_path

        def load(task: Task) -> Any:
            import torch

            from engine.predict import Predictor

            lower_this_threads_priority()  # often loads right after training: window first
            predictor = Predictor(path)
            crop = predictor.model.prep.crop
            # Warm up: the first run of a network is several times slower than the next.
            predictor.logits(torch.zeros(1, 3, crop, crop, dtype=torch.uint8))
            return predictor

        self._model_job = start_worker(
            self,
            load,
            on_result=lambda p, path=path: self._on_model_loaded(path, p),
            on_error=lambda e, path=path: self._on_model_failed(path, e),
            name="load-model",
        )
        self._update_enabled()

    def _on_model_loaded(self, path: Path, predictor: Any) -> None:
        if path != self.model_path:
            return  # a newer model was chosen meanwhile
        self._model_job = None
        self.predictor = predictor
        freeze_long_lived_objects()
        classes = predictor.classes
        shown = ", ".join(classes[:8]) + ("…" if len(classes) > 8 else "")
        self.model_label.setText(
            self.tr("<b>{name}</b>: %n category(ies) ({shown})", "", len(classes)).format(
                name=path.name, shown=shown
            )
        )
        self.model_label.setToolTip(str(path))
        self._reset_threshold()
        self._update_enabled()
        self.model_ready.emit(predictor)
        self._next_job()

    def _on_model_failed(self, path: Path, err: WorkerError) -> None:
        if path != self.model_path:
            return
        self._model_job = None
        self.model_path = None
        self.model_label.setText(
            self.tr("Could not load the model: {error}").format(error=err.message)
        )
        self._queue.clear()
        self._update_enabled()
        self.model_failed.emit(err)

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def set_threshold(self, threshold: float) -> None:
        self.threshold_slider.setValue(round(threshold * 100))
        self._on_threshold(self.threshold_slider.value())

    def _reset_threshold(self) -> None:
        if self.predictor is not None:
            self.set_threshold(self.predictor.threshold)

    def _on_threshold(self, value: int) -> None:
        self.threshold_label.setText(percent(value / 100))
        self.model.set_threshold(value / 100)
        self._summary_timer.start()

    # --------------------------------------------------------------- classification
    def choose_photos_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose photos"),
            self._last_folder,
            self.tr("Photos ({patterns});;All files (*)").format(
                patterns="*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp"
            ),
        )
        if files:
            self.classify(files)

    def choose_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of photos"), self._last_folder
        )
        if folder:
            self.classify([folder])

    def classify(self, paths: list[str]) -> None:
        """Classify photos and folders (as a drop does); cards fill in as answers arrive."""
        paths = [str(p) for p in paths]
        # A model or project dropped here is opened, not classified.
        ours = [p for p in paths if Path(p).suffix in (MODEL_SUFFIX, PROJECT_SUFFIX)]
        if ours:
            self.open_requested.emit(Path(ours[0]))
            paths = [p for p in paths if p not in ours]
        if not paths:
            return
        if self.model_path is None:
            self.summary_label.setText(
                self.tr("Train or open a model first; then drop the photos again.")
            )
            return
        first = Path(paths[0])
        self._last_folder = str(first if first.is_dir() else first.parent)
        self._queue.append(paths)
        self._next_job()

    def _next_job(self) -> None:
        if self._job is not None or self.predictor is None or not self._queue:
            if self.predictor is None and self._queue:
                self.summary_label.setText(self.tr("Waiting for the model to load…"))
            return
        paths = self._queue.popleft()
        predictor = self.predictor

        def run(task: Task) -> ClassifyDone:
            from engine.predict import expand_paths

            lower_this_threads_priority()
            t0 = time.monotonic()
            files = expand_paths(paths)
            task.report(_Found(len(files)))
            if len(files) == 1:
                task.report(_Answers([predictor.predict_image(files[0])]))
            elif files:
                predictor.predict_paths(
                    files,
                    batch_size=PREDICT_BATCH,
                    on_results=lambda batch: task.report(_Answers(batch)),
                    should_stop=task.should_stop,
                )
            return ClassifyDone(len(files), time.monotonic() - t0)

        self._job = self.jobs.start(
            self,
            run,
            on_result=self._on_classified,
            on_error=self._on_classify_failed,
            # Answers of a job from before "Clear" (or another model) are dropped.
            on_progress=lambda msg, gen=self._generation: (
                self._on_classify_progress(msg) if gen == self._generation else None
            ),
            progress_per_second=None,  # every batch of answers must arrive
            hold=True,  # the bar stays until the last queued answer is a card
            name="classify",
        )

    def _on_classify_progress(self, msg: Any) -> None:
        if isinstance(msg, _Found):
            self._expected += msg.count
            self.jobs.set_progress((self.model.rowCount() + len(self._pending), self._expected))
            if msg.count == 0:
                self.summary_label.setText(self.tr("No photos found there."))
        elif isinstance(msg, _Answers):
            self._pending.extend(msg.predictions)
            if not self._feed.isActive():
                self._feed_cards()  # the first answers show at once
                self._feed.start()

    def _feed_cards(self) -> None:
        """Move queued answers into the card list, in a slice short enough to keep the
        window responsive; the timer calls again until the queue is empty."""
        if not self._pending:
            self._feed.stop()
            if self._job is None:
                self._finish_progress()
            return
        deadline = time.perf_counter() + FEED_BUDGET_S
        chunk: list[Any] = []
        while self._pending and len(chunk) < FEED_MAX_ROWS and time.perf_counter() < deadline:
            chunk.append(self._pending.popleft())
        self.model.append(chunk)
        self.stack.setCurrentWidget(self.cards)
        self.jobs.set_progress((self.model.rowCount(), max(self._expected, self.model.rowCount())))
        if not self._summary_timer.isActive():
            self._summary_timer.start()
        self._update_enabled()
        self.cards_added.emit(self.model.rowCount())

    def _on_classified(self, done: ClassifyDone) -> None:
        self._job = None
        if not self._pending:
            self._finish_progress()
        self.classify_finished.emit(done)
        self._next_job()

    def _on_classify_failed(self, err: WorkerError) -> None:
        self._job = None
        self._finish_progress()
        if not err.cancelled:
            self.summary_label.setText(
                self.tr("Could not classify the photos: {error}").format(error=err.message)
            )
        self.classify_failed.emit(err)
        self._next_job()

    def _finish_progress(self) -> None:
        if self._job is None and not self._queue:
            self.jobs.release()
            self._expected = self.model.rowCount()
        self._update_summary()

    def stop(self) -> None:
        """Stop classifying (cards shown so far stay)."""
        self._queue.clear()
        if self._job is not None:
            self._job.stop()

    def _on_stop_clicked(self) -> None:
        # The bar has stopped its jobs (classifying, sorting); photos still queued are dropped.
        self.stop()

    def clear(self) -> None:
        """Remove every card."""
        self.stop()
        self._generation += 1
        self._pending.clear()
        self._feed.stop()
        self.model.clear()
        self.cards.clear_thumbnails()
        self._expected = 0
        self.stack.setCurrentWidget(self.empty_label)
        self._update_summary()
        self._update_enabled()

    def shutdown(self) -> None:
        """Stop every worker of this page (the window calls this before closing)."""
        self.stop()
        for job in (self._model_job, self._side_job, self._explain_job):
            if job is not None:
                job.stop()
        self.cards.thumbnails.stop()

    def _update_summary(self) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        if not total:
            self.summary_label.setText("")
            return
        special = {"not sure", "unreadable"}
        parts = [
            f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]) if k not in special
        ]
        # The model's two special answers (their keys stay English), in the window's words.
        if counts.get("not sure"):
            parts.append(self.tr("%n not sure", "", counts["not sure"]))
        if counts.get("unreadable"):
            parts.append(self.tr("%n unreadable", "", counts["unreadable"]))
        self.summary_label.setText(
            self.tr("%n photo(s): {counts}", "", total).format(counts=", ".join(parts))
        )

    def _update_enabled(self) -> None:
        has_model = self.model_path is not None
        has_cards = self.model.rowCount() > 0
        self.sort_button.setEnabled(has_model)
        self.export_button.setEnabled(has_model)
        self.csv_button.setEnabled(has_cards)
        self.clear_button.setEnabled(has_cards)
        self.threshold_slider.setEnabled(self.predictor is not None)
        self.reset_threshold.setEnabled(self.predictor is not None)

    # ------------------------------------------------------------------ card actions
    def _on_card_menu(self, pos) -> None:
        index = self.cards.indexAt(pos)
        if not index.isValid():
            return
        pred = index.data(Qt.ItemDataRole.UserRole + 1)
        menu = QMenu(self)
        why = menu.addAction(self.tr("Why?"), lambda: self.explain(index.row()))
        why.setEnabled(not pred.error)
        menu.addAction(self.tr("Open photo"), lambda: open_in_viewer(pred.path))
        menu.addAction(self.tr("Show in folder"), lambda: show_in_folder(pred.path))
        menu.exec(self.cards.viewport().mapToGlobal(pos))

    def explain(self, row: int, category: str | None = None) -> WorkerHandle | None:
        """Show the "Why?" heatmap for the card in ``row`` (its top category by default)."""
        if self.predictor is None or not 0 <= row < self.model.rowCount():
            return None
        pred = self.model.prediction(row)
        if pred.error:
            return None
        if self._explainer is None:
            self._explainer = ExplanationDialog(self)
            self._explainer.category_chosen.connect(self._explain_path)
        self._explainer.start(pred)
        self._explainer.show()
        self._explainer.raise_()
        return self._explain_path(pred.path, category or pred.label)

    def _explain_path(self, path: str, category: str) -> WorkerHandle:
        loaded = self.predictor.model
        if self._explain_job is not None:
            self._explain_job.stop()

        def run(task: Task) -> Any:
            from engine.explain import explain_photo

            return explain_photo(loaded, path, category)

        def failed(err: WorkerError) -> None:
            if self._explainer is not None and not err.cancelled:
                self._explainer.caption.setText(
                    self.tr("Could not explain this photo: {error}").format(error=err.message)
                )

        self._explain_job = start_worker(
            self, run, on_result=self._on_explained, on_error=failed, name="explain"
        )
        return self._explain_job

    def _on_explained(self, ex: Any) -> None:
        self._explain_job = None
        if self._explainer is not None:
            self._explainer.show_explanation(ex)
        self.explanation_ready.emit(ex)

    # ------------------------------------------------------------------------- CSV
    def export_csv_dialog(self) -> None:
        if not self.model.rowCount():
            return
        from engine.paths import models_dir

        # Beside the models, named after the model: not inside the photo folder itself.
        name = f"{self.model_path.stem} answers.csv" if self.model_path else "answers.csv"
        start = str(models_dir() / name)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the answers as CSV"), start, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv_to(Path(path))

    def export_csv_to(self, path: Path) -> WorkerHandle:
        """Write one row per card (with "not sure" as the slider says now)."""
        threshold = self.threshold
        preds = [
            p if p.error else dataclasses.replace(p, unsure=p.confidence < threshold)
            for p in self.model.predictions()
        ]

        def run(task: Task) -> Path:
            from engine.predict import write_predictions_csv

            write_predictions_csv(preds, path)
            return path

        def done(p: Path) -> None:
            self.summary_label.setText(
                self.tr("Saved %n answer(s) to {name}.", "", len(preds)).format(name=p.name)
            )
            self.csv_saved.emit(p)

        def failed(err: WorkerError) -> None:
            self.summary_label.setText(
                self.tr("Could not save the CSV: {error}").format(error=err.message)
            )

        self._side_job = start_worker(self, run, on_result=done, on_error=failed, name="csv")
        return self._side_job

    # ------------------------------------------------------------------------- sort
    def sort_dialog(self) -> None:
        if self.model_path is None:
            return
        dialog = SortDialog(
            self._last_folder if os.path.isdir(self._last_folder) else "", self.threshold, self
        )
        if (
            dialog.exec() == QDialog.DialogCode.Accepted
            and dialog.source.text()
            and dialog.out.text()
        ):
            self.sort_into(
                Path(dialog.source.text()), Path(dialog.out.text()), move=dialog.move.isChecked()
            )

    def sort_into(self, src: Path, out: Path, *, move: bool = False) -> WorkerHandle | None:
        """Sort every photo below ``src`` into ``out/<category>/`` (``unsure`` below the slider)."""
        if self.model_path is None:
            return None
        predictor = self.predictor
        model_path = self.model_path
        threshold = self.threshold
        self._sort_move = move

        def run(task: Task) -> Any:
            from engine.sorting import sort_folder

            return sort_folder(
                predictor or model_path,
                src,
                out,
                move=move,
                min_confidence=threshold,
                on_progress=lambda done, total: task.report((done, total)),
                should_stop=task.should_stop,
            )

        self.summary_label.setText(
            self.tr("Sorting the photos in {folder}…").format(folder=src.name)
        )
        self._side_job = self.jobs.start(
            self, run, on_result=self._on_sorted, on_error=self._on_sort_failed, name="sort"
        )
        return self._side_job

    def _end_side_job(self) -> None:
        self._side_job = None

    def _on_sorted(self, report: Any) -> None:
        self._end_side_job()
        counts = report.counts()
        lines = ", ".join(
            self.tr("{count} into {category}").format(count=n, category=k)
            for k, n in sorted(counts.items(), key=lambda kv: -kv[1])
        )
        placed = len(report.placed)
        text = (
            self.tr("Moved %n photo(s): {where}.", "", placed)
            if self._sort_move
            else self.tr("Copied %n photo(s): {where}.", "", placed)
        ).format(where=lines or self.tr("none"))
        if report.unreadable:
            text += " " + self.tr(
                "%n could not be read and were left where they are.", "", len(report.unreadable)
            )
        if report.failed:
            text += " " + self.tr("%n could not be copied (see the CSV).", "", len(report.failed))
        if report.stopped:
            text = self.tr("Stopped.") + " " + text
        self.summary_label.setText(text)
        self.sort_finished.emit(report)
        # Not modal: a worker's callback must never start a nested event loop.
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Sorted"), text, parent=self)
        box.setObjectName("sortReportBox")
        box.setInformativeText(
            self.tr("A list of what went where: {path}").format(path=report.csv_path)
        )
        open_btn = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        folder = report.csv_path.parent if report.csv_path is not None else None
        box.buttonClicked.connect(
            lambda b: open_in_viewer(folder) if b is open_btn and folder else None
        )
        box.open()

    def _on_sort_failed(self, err: WorkerError) -> None:
        self._end_side_job()
        self.summary_label.setText(
            self.tr("Sorting stopped.")
            if err.cancelled
            else self.tr("Could not sort: {error}").format(error=err.message)
        )
        self.sort_failed.emit(err)

    # ----------------------------------------------------------------------- export
    def parity_photos(self) -> list[str]:
        """Photos for the export's parity check: readable ones among the cards shown."""
        return [p.path for p in self.model.predictions() if not p.error][:PARITY_PHOTOS]

    def export_model_dialog(self) -> None:
        """File > Export model: choose a format and a place, export, show the parity check."""
        if self.model_path is None:
            QMessageBox.information(
                self, self.tr("Export model"), self.tr("Train or open a model first.")
            )
            return
        dialog = ExportModelDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self._export_dialog = dialog

    def export_model_to(self, fmt: str, out: Path) -> WorkerHandle | None:
        """Export the model as ``fmt`` ("ftmodel", "onnx", "torchscript") to ``out``; the
        result (with the parity check on the photos shown) arrives in :attr:`export_finished`."""
        if self.model_path is None:
            return None
        model_path = self.model_path
        check = self.parity_photos()

        def run(task: Task) -> Any:
            return export_to(fmt, model_path, out, check_paths=check or None)

        self._side_job = start_worker(
            self,
            run,
            on_result=self._on_exported,
            on_error=self._on_export_failed,
            name="export",
        )
        return self._side_job

    def _on_exported(self, report: Any) -> None:
        self._side_job = None
        self.summary_label.setText(report.summary())
        self.export_finished.emit(report)

    def _on_export_failed(self, err: WorkerError) -> None:
        self._side_job = None
        self.export_failed.emit(err)


__all__ = [
    "ClassifyDone",
    "UsePage",
]
