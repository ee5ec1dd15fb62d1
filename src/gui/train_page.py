"""Step 3, Train: a few settings, one button, live curves and a log in plain words.

Training runs on a worker thread (:func:`engine.training.train`); its events arrive as
queued signals (the engine sends at most ~10 a second) and only append to numpy buffers
and a log; the plots redraw from their own timer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.advice import training_advice
from engine.config import TrainControl
from engine.plan import default_checkpoint
from engine.progress import fmt_time_left

from .model_page import fmt_number
from .state import StudioState
from .terms import tip
from .warmup import wait_for_warm_up
from .widgets.naming import name_widget
from .widgets.plots import AccuracyPlot, LossPlot
from .workers import (
    WorkerError,
    WorkerHandle,
    lower_this_threads_priority,
    start_worker,
    window_closed,
)

LR_CHOICES = (None, 0.01, 0.003, 0.001, 0.0003, 0.0001, 0.00003)
SIZE_CHOICES = (None, 96, 128, 160, 192, 224, 256, 288, 320, 384)


class TrainPage(QWidget):
    training_started = Signal()
    training_finished = Signal(object)  # TrainResult, or None after an error (thread ended)
    status_message = Signal(str)
    show_results_requested = Signal()

    def __init__(self, state: StudioState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainPage")
        self.setAccessibleName(self.tr("Step 3: Train"))
        self.state = state
        self.runs_dir_fn = None  # set by the main window: () -> Path for new model files
        self.model_name_fn = None  # set by the main window: () -> str (the project's name)
        self.describe_setup_fn = None  # set by the main window: () -> str
        self._handle: WorkerHandle | None = None
        self._control: TrainControl | None = None
        self._train_layers: str | None = None  # of the run going on (for its advice)
        self._started_at = 0.0
        self._total_epochs = 0
        self._steps_per_epoch = 0
        self.last_result: Any = None
        self.last_error: WorkerError | None = None
        self.events_seen = 0

        title = QLabel(self.tr("<h2>3. Train</h2>"))

        # ---- settings in front
        settings_box = QGroupBox(self.tr("Settings"))
        self.epochs_spin = QSpinBox()
        name_widget(self.epochs_spin, "epochsSpin", self.tr("Epochs"), tip("epoch"))
        self.epochs_spin.setRange(1, 500)
        self.lr_combo = QComboBox()
        name_widget(self.lr_combo, "lrCombo", self.tr("Learning rate"), tip("lr"))
        for v in LR_CHOICES:
            self.lr_combo.addItem(self.tr("Automatic (recommended)") if v is None else f"{v:g}", v)
        self.size_combo = QComboBox()
        name_widget(self.size_combo, "imageSizeCombo", self.tr("Image size"), tip("image_size"))
        for v in SIZE_CHOICES:
            self.size_combo.addItem(
                self.tr("The backbone's own") if v is None else _size_label(v), v
            )
        self.augment_combo = QComboBox()
        name_widget(self.augment_combo, "augmentCombo", self.tr("Augmentation"), tip("augment"))
        for label, v in (
            (self.tr("Automatic"), None),
            (self.tr("On"), True),
            (self.tr("Off"), False),
        ):
            self.augment_combo.addItem(label, v)
        grid = QGridLayout(settings_box)
        for col, (text, widget, key) in enumerate(
            (
                (self.tr("Epochs"), self.epochs_spin, "epoch"),
                (self.tr("Learning rate"), self.lr_combo, "lr"),
                (self.tr("Image size"), self.size_combo, "image_size"),
                (self.tr("Augmentation"), self.augment_combo, "augment"),
            )
        ):
            label = QLabel(text)
            label.setToolTip(tip(key))
            label.setBuddy(widget)
            grid.addWidget(label, 0, col)
            grid.addWidget(widget, 1, col)

        self.advanced_button = QToolButton()
        name_widget(
            self.advanced_button,
            "advancedButton",
            self.tr("Show advanced settings"),
            self.tr("Settings most people never need to change."),
        )
        self.advanced_button.setText(self.tr("Advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.toggled.connect(self._toggle_advanced)
        grid.addWidget(self.advanced_button, 1, 4)
        grid.setColumnStretch(5, 1)

        self.advanced = QWidget()
        name_widget(self.advanced, "advancedPanel", self.tr("Advanced settings"))
        form_l = QFormLayout()
        form_r = QFormLayout()
        adv = QHBoxLayout(self.advanced)
        adv.setContentsMargins(0, 0, 0, 0)
        adv.addLayout(form_l)
        adv.addSpacing(24)
        adv.addLayout(form_r)
        adv.addStretch(1)
        self.batch_spin = self._spin("batchSizeSpin", self.tr("Batch size"), "batch_size", 1, 1024)
        self.wd_spin = self._dspin(
            "weightDecaySpin", self.tr("Weight decay"), "weight_decay", 0, 1, 3, 0.005
        )
        self.ls_spin = self._dspin(
            "labelSmoothingSpin", self.tr("Label smoothing"), "label_smoothing", 0, 0.5, 2, 0.05
        )
        self.warmup_spin = self._dspin(
            "warmupSpin", self.tr("Warm-up epochs"), "warmup", 0, 20, 1, 0.5
        )
        self.schedule_combo = QComboBox()
        name_widget(
            self.schedule_combo, "scheduleCombo", self.tr("Learning-rate schedule"), tip("schedule")
        )
        self.schedule_combo.addItem(self.tr("Cosine (smooth)"), "cosine")
        self.schedule_combo.addItem(self.tr("One-cycle"), "onecycle")
        self.patience_spin = self._spin(
            "patienceSpin", self.tr("Stop early after"), "patience", 0, 100
        )
        self.patience_spin.setSpecialValueText(self.tr("never"))
        self.patience_spin.setSuffix(self.tr(" epochs without improvement"))
        self.class_weights_check = QCheckBox(self.tr("Weigh small categories more"))
        name_widget(
            self.class_weights_check,
            "classWeightsCheck",
            self.tr("Class weights"),
            tip("class_weights"),
        )
        self.views_spin = self._spin(
            "augmentViewsSpin", self.tr("Augmented copies per photo"), "augment", 1, 10
        )
        self.seed_spin = self._spin("seedSpin", self.tr("Random seed"), "seed", 0, 2**31 - 1)
        self.precision_combo = QComboBox()
        name_widget(
            self.precision_combo, "precisionCombo", self.tr("Number precision"), tip("precision")
        )
        for label, v in (
            (self.tr("Automatic (fastest here)"), "auto"),
            (self.tr("32-bit (fp32)"), "fp32"),
            ("bfloat16", "bf16"),  # i18n: not text (the number format's own name)
        ):
            self.precision_combo.addItem(label, v)
        self.device_combo = QComboBox()
        name_widget(self.device_combo, "deviceCombo", self.tr("Device"), tip("device"))
        for label, v in (
            (self.tr("Automatic"), "auto"),
            (self.tr("Processor (CPU)"), "cpu"),
            (self.tr("NVIDIA GPU (CUDA)"), "cuda"),
            (self.tr("Apple GPU (MPS)"), "mps"),
        ):
            self.device_combo.addItem(label, v)
        for form, rows in (
            (
                form_l,
                (
                    (self.tr("Batch size"), self.batch_spin),
                    (self.tr("Weight decay"), self.wd_spin),
                    (self.tr("Label smoothing"), self.ls_spin),
                    (self.tr("Warm-up epochs"), self.warmup_spin),
                    (self.tr("Schedule"), self.schedule_combo),
                ),
            ),
            (
                form_r,
                (
                    (self.tr("Early stopping"), self.patience_spin),
                    (self.tr("Augmented copies"), self.views_spin),
                    (self.tr("Random seed"), self.seed_spin),
                    (self.tr("Precision"), self.precision_combo),
                    (self.tr("Device"), self.device_combo),
                    ("", self.class_weights_check),
                ),
            ),
        ):
            for text, w in rows:
                form.addRow(text, w)
        self.advanced.setVisible(False)

        # ---- buttons and progress
        self.train_button = QPushButton(self.tr("Train"))
        name_widget(
            self.train_button,
            "trainButton",
            self.tr("Start training"),
            self._train_tip(),
        )
        self.train_button.setDefault(True)
        self.train_button.setMinimumWidth(110)
        self.train_button.clicked.connect(self.start_training)
        self.pause_button = QPushButton(self.tr("Pause"))
        name_widget(
            self.pause_button,
            "pauseButton",
            self.tr("Pause or resume training"),
            self.tr("Pause training (the computer is free meanwhile); press again to resume."),
        )
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._on_pause_toggled)
        self.stop_button = QPushButton(self.tr("Stop"))
        name_widget(
            self.stop_button,
            "stopButton",
            self.tr("Stop training"),
            self.tr("Stop training; the best finished epoch is kept as the model."),
        )
        self.stop_button.clicked.connect(self.stop_training)
        self.results_button = QPushButton(self.tr("See the results →"))
        name_widget(
            self.results_button,
            "resultsButton",
            self.tr("Go to the results"),
            self.tr("Step 4: how good is the model?"),
        )
        self.results_button.clicked.connect(self.show_results_requested)
        self.results_button.setVisible(False)
        self.ready_label = QLabel("")
        name_widget(self.ready_label, "trainReadyLabel", self.tr("What is needed before training"))
        self.ready_label.setWordWrap(True)
        self.ready_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        for b in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addWidget(self.ready_label, 1)
        buttons.addWidget(self.results_button)

        self.progress = QProgressBar()
        name_widget(self.progress, "trainProgress", self.tr("Training progress"))
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Not started"))

        # ---- plots and log
        self.loss_plot = LossPlot()
        self.accuracy_plot = AccuracyPlot()
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.accuracy_plot)
        plots.setChildrenCollapsible(False)
        self.log = QPlainTextEdit()
        name_widget(self.log, "trainLog", self.tr("Training log"))
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setPlaceholderText(
            self.tr("What happens during training is told here in plain words.")
        )
        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(plots)
        lower.addWidget(self.log)
        lower.setStretchFactor(0, 4)
        lower.setStretchFactor(1, 1)
        lower.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(settings_box)
        layout.addWidget(self.advanced)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(lower, 1)

        self._settings_widgets = [
            settings_box,
            self.advanced,
        ]
        for sig in (
            state.scan_changed,
            state.validation_changed,
            state.backbone_ready_changed,
            state.backbone_changed,
            state.freezing_changed,
        ):
            sig.connect(self.update_ready)
        self._bind_fields()
        state.project_loaded.connect(lambda _p: self.show_history(self.state.history))
        self._set_running(False)

    # ------------------------------------------------------------------ the step
    title = "Train"
    needs_model = False

    def subtitle(self) -> str:
        st = self.state
        if self.training:
            return self.tr("Training…")
        if st.train_result is not None and st.train_result.val_accuracy is not None:
            return self.tr("Best: {pct}%").format(pct=_pct(st.train_result.val_accuracy))
        return self.tr("Model ready") if st.model_path else self.tr("Press Train")

    def reset(self) -> None:
        """No curves, no log, not started (the settings follow the state)."""
        self.loss_plot.reset()
        self.accuracy_plot.reset()
        self.log.clear()
        self.progress.setFormat(self.tr("Not started"))
        self.progress.setValue(0)
        self.results_button.setVisible(False)

    def _spin(self, obj: str, acc: str, key: str, lo: int, hi: int) -> QSpinBox:
        w = QSpinBox()
        name_widget(w, obj, acc, tip(key))
        w.setRange(lo, hi)
        return w

    def _dspin(
        self,
        obj: str,
        acc: str,
        key: str,
        lo: float,
        hi: float,
        decimals: int,
        step: float,
    ) -> QDoubleSpinBox:
        w = QDoubleSpinBox()
        name_widget(w, obj, acc, tip(key))
        w.setRange(lo, hi)
        w.setDecimals(decimals)
        w.setSingleStep(step)
        return w

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # ------------------------------------------------------------------ settings
    def _bind_fields(self) -> None:
        """Each widget edits one TrainConfig field of the state and shows its changes."""
        self._fields: dict[str, QWidget] = {
            "epochs": self.epochs_spin,
            "lr": self.lr_combo,
            "image_size": self.size_combo,
            "augment": self.augment_combo,
            "batch_size": self.batch_spin,
            "weight_decay": self.wd_spin,
            "label_smoothing": self.ls_spin,
            "warmup_epochs": self.warmup_spin,
            "schedule": self.schedule_combo,
            "class_weights": self.class_weights_check,
            "early_stop_patience": self.patience_spin,
            "augment_views": self.views_spin,
            "seed": self.seed_spin,
            "precision": self.precision_combo,
            "device": self.device_combo,
        }
        for name, w in self._fields.items():
            changed = (
                w.currentIndexChanged
                if isinstance(w, QComboBox)
                else w.toggled
                if isinstance(w, QCheckBox)
                else w.valueChanged
            )
            changed.connect(
                lambda *_a, name=name, w=w: self.state.update(**{name: widget_value(w)})
            )
            self._show_field(name)  # start values come from TrainConfig's defaults
        self.state.config_changed.connect(self._show_field)

    def _show_field(self, name: str) -> None:
        """Show the state's value of ``name`` (a saved project's value, a reset)."""
        w = self._fields.get(name)
        if w is None:
            return
        value = getattr(self.state.config, name)
        with QSignalBlocker(w):  # showing a value is not editing it
            if isinstance(w, QComboBox):
                _select(w, value, _CUSTOM_LABELS.get(name))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            else:
                w.setValue(value)

    # ------------------------------------------------------------------ running
    @property
    def training(self) -> bool:
        return self._handle is not None and self._handle.running

    def update_ready(self, *_args: Any) -> None:
        if self.training:
            return
        reason = self.state.why_not_trainable()
        self.train_button.setEnabled(reason is None)
        if reason:
            self.ready_label.setText(reason)
        elif self.results_button.isVisibleTo(self):
            self.ready_label.setText(
                self.tr("Trained. See the results, or change a setting and press Train again.")
            )
        else:
            s = self.state.scan
            what = (
                self.describe_setup_fn()
                if self.describe_setup_fn
                else self.tr("{photos} photos · {backbone} · {layers}").format(
                    photos=fmt_number(len(s.photos)),
                    backbone=self.state.backbone,
                    layers=self.state.train_layers,
                )
            )
            self.ready_label.setText(self.tr("Ready to train: {what}").format(what=what))
        self.train_button.setToolTip(reason or self._train_tip())

    def _train_tip(self) -> str:
        return self.tr("Start training with these settings (Ctrl+Return).")

    def _set_running(self, running: bool) -> None:
        for w in self._settings_widgets:
            w.setEnabled(not running)
        self.advanced_button.setEnabled(not running)
        self.pause_button.setEnabled(running and self._control is not None)
        self.stop_button.setEnabled(running)
        if running:
            self.train_button.setEnabled(False)
            self.results_button.setVisible(False)
            self.ready_label.setText(
                self.tr(
                    "Training. The other steps stay usable; Pause frees the computer for a while."
                )
            )
        else:
            self.pause_button.blockSignals(True)
            self.pause_button.setChecked(False)
            self.pause_button.setText(self.tr("Pause"))
            self.pause_button.blockSignals(False)
            self.update_ready()

    def new_model_path(self) -> Path:
        """A new model file in the person's models folder, named after the project (or the
        photo folder), never over an earlier one (engine.paths owns the policy)."""
        from engine.paths import new_model_path

        name = self.model_name_fn() if self.model_name_fn else ""
        if not name and self.state.data_dir is not None:
            name = self.state.data_dir.name
        folder = self.runs_dir_fn() if self.runs_dir_fn else None
        return new_model_path(name or "Model", folder)

    def start_training(self) -> None:
        if self.training:
            return
        reason = self.state.why_not_trainable()
        if reason:
            self.ready_label.setText(reason)
            self.status_message.emit(reason)
            return
        config = self.state.config_for_run()
        config.checkpoint = None  # never resume an older run by accident
        out = self.new_model_path()
        # The engine's checkpoint policy, the same as the CLI's.
        config.checkpoint = default_checkpoint(config, out)
        self._train_layers = config.train_layers
        # The one way to stop and pause: made here, on the GUI thread, so Pause works from
        # the first moment; the worker's Stop sets this control's own event.
        control = self._control = TrainControl()
        self.last_result = None
        self.last_error = None
        self.events_seen = 0
        self._total_epochs = config.epochs
        self._steps_per_epoch = 0
        self.loss_plot.reset()
        self.accuracy_plot.reset()
        self.log.clear()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self._log(
            self.tr(
                "Training {backbone} ({layers}) for up to %n epochs on the photos in {folder}.",
                "",
                config.epochs,
            ).format(backbone=config.backbone, layers=config.train_layers, folder=config.data_dir)
        )
        self._started_at = time.monotonic()

        def run(task):
            # The window must win the CPU over training (and the OpenMP threads this
            # thread starts): a repaint competing with two busy cores stalled up to 130 ms.
            lower_this_threads_priority()
            wait_for_warm_up()  # its imports and probes, not the same again side by side
            from engine.training import train  # here: torch loads on the worker, not the window

            return train(config, out=out, on_event=task.report, control=control)

        self._handle = start_worker(
            self,
            run,
            on_result=self._on_result,
            on_error=self._on_error,
            on_progress=self._on_event,
            on_finished=self._on_finished,
            stop_event=control.stop_event,
            progress_per_second=None,  # every event carries losses; the engine throttles
            name="train",
        )
        self._set_running(True)
        self.training_started.emit()
        self.status_message.emit(self.tr("Training…"))

    def stop_training(self) -> None:
        if self._handle is not None and self._handle.running:
            self._handle.stop()
            self.stop_button.setEnabled(False)
            self.pause_button.setEnabled(False)
            self.progress.setFormat(self.tr("Stopping after this step…"))
            self._log(self.tr("Stopping: the best finished epoch will be kept."))

    def stop_and_wait(self, timeout_ms: int = 60_000) -> bool:
        if self._handle is None:
            return True
        return self._handle.stop_and_wait(timeout_ms)

    def _on_pause_toggled(self, paused: bool) -> None:
        if self._control is None:
            return
        if paused:
            self._control.pause()
            self.pause_button.setText(self.tr("Resume"))
            self.progress.setFormat(self.tr("Paused: press Resume to continue"))
            self._log(self.tr("Paused."))
        else:
            self._control.resume()
            self.pause_button.setText(self.tr("Pause"))
            self._log(self.tr("Resumed."))

    # ------------------------------------------------------------------ events
    def _on_event(self, e: Any) -> None:
        self.events_seen += 1
        kind = e.kind
        if kind == "stage":
            if e.fraction is None:
                self.progress.setRange(0, 0)
                self.progress.setFormat(e.message)
            else:
                self.progress.setRange(0, 1000)
                self.progress.setValue(int(1000 * e.fraction))
                # %p is the progress bar's own field (the percentage).
                self.progress.setFormat(self.tr("{stage}: %p%").format(stage=e.message))
            # A stage without a fraction (loading, choosing settings, saving) and the start
            # of a measured one go to the log; the engine's words may be in any language.
            if e.fraction in (None, 0.0):
                self._log(e.message)
        elif kind == "step":
            if e.steps_per_epoch != self._steps_per_epoch:
                self._steps_per_epoch = e.steps_per_epoch
                self.loss_plot.set_steps_per_epoch(e.steps_per_epoch)
            self._total_epochs = e.total_epochs
            self.loss_plot.add_losses(e.losses)
            self._show_progress(e.epoch - 1 + e.step / max(1, e.steps_per_epoch), e)
        elif kind == "epoch" and e.record is not None:
            r = e.record
            self.loss_plot.add_val_loss(r.epoch, r.val_loss)
            self.accuracy_plot.add_epoch(r.epoch, r.train_accuracy, r.val_accuracy)
            self._show_progress(float(r.epoch), e)
            self._log(e.message)
        elif kind in ("message", "done"):
            self._log(e.message)

    def _show_progress(self, epochs_done: float, e: Any) -> None:
        total = max(1, e.total_epochs)
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * min(1.0, epochs_done / total)))
        if self._control is not None and self._control.paused:
            return
        step = (
            self.tr(" · step {step} of {steps}").format(step=e.step, steps=e.steps_per_epoch)
            if e.kind == "step"
            else ""
        )
        eta = fmt_time_left(e.eta_seconds)
        epoch = e.epoch if e.kind == "step" else min(total, e.epoch)
        text = self.tr("Epoch {epoch} of {total}").format(epoch=epoch, total=total) + step
        self.progress.setFormat(text + (f" · {eta}" if eta else ""))  # i18n: not text

    def _on_result(self, result: Any) -> None:
        self.last_result = result
        secs = time.monotonic() - self._started_at
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        if result.best_epoch is None:
            self.progress.setFormat(self.tr("Stopped before the first epoch finished: no model"))
        else:
            self.progress.setFormat(
                self.tr("Done in {secs} s · best checking accuracy {pct}% (epoch {epoch})").format(
                    secs=fmt_number(secs, 0), pct=_pct(result.val_accuracy), epoch=result.best_epoch
                )
            )
        for advice in training_advice(result, self._train_layers):
            self._log(advice)
        self.state.history = [r.to_dict() for r in result.history]
        if result.model_path is not None:
            self._log(self.tr("The model was saved as {path}.").format(path=result.model_path))
            self.results_button.setVisible(True)
            self.state.set_model(Path(result.model_path), result)
        self.status_message.emit(self.progress.format())

    def _on_error(self, err: WorkerError) -> None:
        self.last_error = err
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        if err.cancelled:
            self.progress.setFormat(self.tr("Stopped"))
            self._log(self.tr("Training stopped before anything could be kept."))
        else:
            self.progress.setFormat(self.tr("Training could not run"))
            self._log(self.tr("Training could not run: {error}").format(error=err.message))
        self.status_message.emit(err.message)

    def _on_finished(self) -> None:
        # Last of all (after the result or the error): listeners see training == False.
        self._handle = None
        self._control = None
        self._set_running(False)
        # Announced in the next turn of the event loop, not in this one: the final
        # repaint, the result's handlers and what listeners start (the check of the model,
        # loading it for use) then each get their own turn, and the window never stalls
        # for all of them at once.
        QTimer.singleShot(0, self._announce_finished)

    def _announce_finished(self) -> None:
        if window_closed(self.window()):
            return  # the window closed meanwhile: start nothing new
        # The last points are drawn by the plots' own clock, each in its own turn.
        self.loss_plot.mark_dirty()
        self.accuracy_plot.mark_dirty()
        self.training_finished.emit(self.last_result)

    def _log(self, text: str) -> None:
        if text:
            self.log.appendPlainText(text)

    def show_history(self, history: list[dict[str, Any]]) -> None:
        """Curves of a saved run (a project being opened): per-epoch points only."""
        self.loss_plot.reset()
        self.accuracy_plot.reset()
        for h in history:
            try:
                self.loss_plot.add_val_loss(int(h["epoch"]), float(h["val_loss"]))
                self.accuracy_plot.add_epoch(
                    int(h["epoch"]), float(h["train_accuracy"]), float(h["val_accuracy"])
                )
            except (KeyError, TypeError, ValueError):
                continue
        self.loss_plot.redraw()
        self.accuracy_plot.redraw()
        accuracies = [
            h["val_accuracy"] for h in history if isinstance(h.get("val_accuracy"), (int, float))
        ]
        if accuracies and not self.training:
            # Say what the curves are: an earlier run's, not one that is about to start.
            self.progress.setRange(0, 1000)
            self.progress.setValue(1000)
            self.progress.setFormat(
                self.tr(
                    "Trained earlier: %n epochs · best checking accuracy {pct}%", "", len(history)
                ).format(pct=_pct(max(accuracies)))
            )

    def shutdown(self) -> None:
        self.loss_plot.stop_timer()
        self.accuracy_plot.stop_timer()


# Combo values a saved project may hold that the lists do not offer: shown as custom items.
def _size_label(v: int) -> str:
    return TrainPage.tr("{size} × {size} pixels").format(size=v)


def _pct(fraction: float) -> str:
    """A share as a whole percentage, without the sign (the text around it has it)."""
    return fmt_number(100 * fraction, 0)


_CUSTOM_LABELS = {
    "lr": lambda v: f"{v:g}",
    "image_size": _size_label,
}


def widget_value(w: QWidget) -> Any:
    """The value a settings widget shows (its item's data for a combo box)."""
    if isinstance(w, QComboBox):
        return w.currentData()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    return w.value()  # type: ignore[attr-defined]


def _select(combo: QComboBox, value: Any, label=None) -> None:
    idx = combo.findData(value)
    if idx < 0 and label is not None and value is not None:
        combo.addItem(label(value), value)
        idx = combo.count() - 1
    if idx >= 0:
        combo.setCurrentIndex(idx)
