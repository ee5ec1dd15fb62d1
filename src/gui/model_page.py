"""Step 2, Model: choose the pretrained backbone and which of its layers stay frozen.

The catalog, the network's structure and its speed on this computer are worked out on
worker threads (they import torch and build the network), so the window never waits.
"""

from __future__ import annotations

import contextlib
import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.config import DEFAULT_BACKBONE as BUILT_IN
from engine.errors import StudioError
from engine.i18n import decimal
from engine.plan import BackboneStructure, estimate_seconds, plan_run
from engine.progress import fmt_duration

from . import warmup
from .state import StudioState
from .terms import tip
from .widgets.naming import name_widget
from .workers import WorkerError, WorkerHandle, start_worker

log = logging.getLogger(__name__)

PRESET_ORDER = ("head", "last", "all")


def _probe_structure(name: str) -> BackboneStructure:
    from engine.measure import probe_structure  # here: it loads torch, on the worker thread

    return probe_structure(name)


def _measure_in_background(config) -> None:
    """Time this computer in a child process (engine.measure.measure_in_background), once
    per computer: beside the window's thread it held the GIL in long stretches."""
    from engine.device import pick_device
    from engine.measure import measure_in_background

    with contextlib.suppress(StudioError):  # e.g. a device not here: the run says so
        measure_in_background(config.backbone, pick_device(config.device))


def state_words(st: str) -> str:
    """A backbone's state (engine.backbones.BackboneState) in the window's words."""
    # Written as ModelPage.tr at call time (the class is defined below): the context
    # lupdate files these under and the one PySide6 looks up are then the same.
    words = {
        "bundled": ModelPage.tr("built in, ready offline"),
        "downloaded": ModelPage.tr("downloaded, ready offline"),
        "downloadable": ModelPage.tr("needs a download"),
        "missing": ModelPage.tr("missing: reinstall the app"),
    }
    return words.get(st, st)


def layers_words(spec: str) -> str:
    """A freezing spec in a few words, for the step list and the Train page."""
    return {
        "head": ModelPage.tr("head only"),
        "last": ModelPage.tr("last block + head"),
        "all": ModelPage.tr("everything"),
    }.get(spec, ModelPage.tr("custom"))


def fmt_number(x: float, decimals: int | None = None) -> str:
    """``x`` in the window's language, grouped ("2,562"; German "2.562"), with ``decimals``
    places ("4.7"; German "4,7"); engine.i18n.decimal writes it."""
    if decimals is None:
        return decimal(round(x), 0, grouping=True)
    return decimal(x, decimals, grouping=True)


def fmt_count(n: int) -> str:
    if n >= 1_000_000:
        return ModelPage.tr("{n} million").format(n=fmt_number(n / 1e6, 1))
    if n >= 10_000:
        return ModelPage.tr("{n} thousand").format(n=fmt_number(n / 1e3, 0))
    return fmt_number(n)


class ModelPage(QWidget):
    status_message = Signal(str)
    structure_ready = Signal(str)  # backbone name, once its freeze tree is shown
    catalog_ready = Signal()  # the list is filled (torch and torchvision are imported)

    def __init__(self, state: StudioState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPage")
        self.setAccessibleName(self.tr("Step 2: Model"))
        self.state = state
        self.catalog: dict[str, Any] = {}  # name -> BackboneInfo
        self.states: dict[str, str] = {}
        self.structures: dict[str, BackboneStructure] = {}
        self._catalog_handle: WorkerHandle | None = None
        self._structure_handle: WorkerHandle | None = None
        self._download_handle: WorkerHandle | None = None
        self._import_handle: WorkerHandle | None = None
        self._download_failed: dict[str, str] = {}  # backbone -> why its download failed
        self._updating_tree = False

        title = QLabel(self.tr("<h2>2. The pretrained model</h2>"))
        intro = QLabel(
            self.tr(
                "Choose a <b>backbone</b>: a network that already learned to see from millions "
                "of everyday photos. Then choose which of its layers to keep as they are (frozen)."
            )
        )
        intro.setWordWrap(True)
        intro.setToolTip(tip("backbone"))

        self.backbone_list = QListWidget()
        name_widget(self.backbone_list, "backboneList", self.tr("Backbones"), tip("backbone"))
        self.backbone_list.setMinimumWidth(260)
        # Each row fits the list's width (wrapped, else elided): no sideways scrolling to
        # read a backbone's name, at any window size.
        self.backbone_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.backbone_list.setWordWrap(True)
        self.backbone_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.backbone_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.backbone_list.addItem(self.tr("Loading the list of backbones…"))
        self.backbone_list.currentItemChanged.connect(self._on_backbone_selected)

        self.details = QLabel("")
        name_widget(self.details, "backboneDetails", self.tr("About the chosen backbone"))
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.download_button = QPushButton(self.tr("Download"))
        name_widget(
            self.download_button,
            "downloadButton",
            self.tr("Download the backbone's weights"),
            self.tr("Download this backbone's pretrained weights once; then it works offline."),
        )
        self.download_button.clicked.connect(self.start_download)
        self.cancel_download_button = QPushButton(self.tr("Cancel"))
        name_widget(
            self.cancel_download_button,
            "cancelDownloadButton",
            self.tr("Cancel the download"),
            self.tr("Stop the download; nothing half-downloaded is kept."),
        )
        self.cancel_download_button.clicked.connect(self.cancel_download)
        self.download_progress = QProgressBar()
        name_widget(self.download_progress, "downloadProgress", self.tr("Download progress"))
        self.import_button = QPushButton(self.tr("Import weights file…"))
        name_widget(
            self.import_button,
            "importWeightsButton",
            self.tr("Import a weights file"),
            self._import_tip(),
        )
        self.import_button.clicked.connect(self.choose_weights_file)
        dl_row = QHBoxLayout()
        dl_row.addWidget(self.download_button)
        dl_row.addWidget(self.download_progress, 1)
        dl_row.addWidget(self.cancel_download_button)
        dl_row.addWidget(self.import_button)
        self.download_progress.setVisible(False)
        self.cancel_download_button.setVisible(False)
        # A failed download, said on the step itself (not only in the status bar), with
        # what to do about it.
        self.download_notice = QFrame()
        name_widget(self.download_notice, "downloadNotice", self.tr("Download failed"))
        self.download_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.download_notice_text = QLabel("")
        name_widget(
            self.download_notice_text, "downloadNoticeText", self.tr("What failed and what to do")
        )
        self.download_notice_text.setWordWrap(True)
        self.download_notice_text.setTextFormat(Qt.TextFormat.RichText)
        self.use_built_in_button = QPushButton(self.tr("Use EfficientNet-Lite0 (built in)"))
        name_widget(
            self.use_built_in_button,
            "useBuiltInButton",
            self.tr("Use the built-in backbone"),
            self.tr("EfficientNet-Lite0 comes with the app: it needs no download."),
        )
        self.use_built_in_button.clicked.connect(lambda: self.select_backbone(BUILT_IN))
        nl = QHBoxLayout(self.download_notice)
        nl.addWidget(self.download_notice_text, 1)
        nl.addWidget(self.use_built_in_button, 0, Qt.AlignmentFlag.AlignTop)
        self.download_notice.setVisible(False)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.details, 1)
        rl.addLayout(dl_row)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.backbone_list)
        top.addWidget(right)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        # 2 : 3 from the start (scaled to the splitter's width), not the list's narrow size
        # hint: at the default window size its rows then fit on their lines.
        top.setSizes([400, 600])
        top.setChildrenCollapsible(False)

        # ---- freezing
        freeze_box = QGroupBox(self.tr("Which layers learn"))
        freeze_box.setToolTip(tip("freeze"))
        self.preset_combo = QComboBox()
        name_widget(
            self.preset_combo, "freezePresetCombo", self.tr("Freezing preset"), tip("freeze")
        )
        self._preset_labels = {
            "head": self.tr("Train only the new head (fastest)"),
            "last": self.tr("Also fine-tune the last block"),
            "all": self.tr("Fine-tune everything (slowest)"),
        }
        for key in PRESET_ORDER:
            self.preset_combo.addItem(self._preset_labels[key], key)
        self.preset_combo.addItem(self.tr("Custom (your own ticks below)"), "custom")
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.tree = QTreeWidget()
        name_widget(
            self.tree,
            "freezeTree",
            self.tr("Layer groups: ticked groups are frozen"),
            tip("freeze"),
        )
        self.tree.setHeaderLabels(
            [self.tr("Layer group (ticked = frozen)"), self.tr("Parameters"), ""]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemChanged.connect(self._on_tree_changed)
        self.params_label = QLabel("")
        name_widget(
            self.params_label, "trainableParamsLabel", self.tr("Parameters that will train")
        )
        self.params_label.setToolTip(tip("params"))
        self.time_label = QLabel("")
        name_widget(self.time_label, "epochTimeLabel", self.tr("Estimated training time"))
        self.time_label.setWordWrap(True)
        fl = QVBoxLayout(freeze_box)
        pr = QHBoxLayout()
        pr.addWidget(QLabel(self.tr("Preset:")))
        pr.addWidget(self.preset_combo, 1)
        fl.addLayout(pr)
        fl.addWidget(self.tree, 1)
        fl.addWidget(self.params_label)
        fl.addWidget(self.time_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(top, 2)
        layout.addWidget(self.download_notice)  # the whole width: room for its words
        layout.addWidget(freeze_box, 3)
        self._show_details(None)

        state.scan_changed.connect(lambda _scan: self.reapply_layers())
        state.validation_changed.connect(self._update_estimates)
        # A project opened, a reset: show the state's choice. What this page writes itself
        # comes back here too, and is skipped (self._writing), so showing never writes back.
        self._writing = False
        state.backbone_changed.connect(self._on_backbone_changed)
        state.freezing_changed.connect(self._on_freezing_changed)

    # ------------------------------------------------------------------ the step
    title = "Model"
    needs_model = False

    def subtitle(self) -> str:
        return self.tr("{backbone}, {layers}").format(
            backbone=self.backbone_title(), layers=layers_words(self.state.train_layers)
        )

    def backbone_title(self) -> str:
        """The chosen backbone's short title (its name until the catalog is loaded)."""
        info = self.catalog.get(self.state.backbone)
        return info.title.replace(" (built in)", "") if info else self.state.backbone

    def reset(self) -> None:
        """Nothing to clear: the backbone and the ticks follow the state's defaults."""
        self.reapply_layers()

    def _on_backbone_changed(self, name: str) -> None:
        if not self._writing:
            self.select_backbone(name)

    def _on_freezing_changed(self, _spec: str) -> None:
        if not self._writing:
            self.reapply_layers()

    def _write(self, **values: Any) -> None:
        self._writing = True
        try:
            self.state.update(**values)
        finally:
            self._writing = False

    # ------------------------------------------------------------------ catalog
    def load_catalog(self) -> None:
        """Fill the list (imports torch and torchvision on a worker thread)."""
        if self._catalog_handle is not None or self.catalog:
            return

        config = self.state.config_for_run()  # read here, on the GUI thread

        def fetch(task):
            # The warm-up (gui.warmup): import now what training and prediction need, probe
            # what the first run would probe, so that pressing Train neither waits for it
            # nor competes with it for the window's thread.
            with warmup.warming_up():
                from engine.backbones import backbone_state, list_backbones

                warmup.part_done("torch")
                _measure_in_background(config)

                task.report([(i, backbone_state(i.name)) for i in list_backbones()])
                warmup.part_done("catalog")
                import numpy.ma  # noqa: F401 - np.unique imports it when first used (the plots)

                import engine.evaluation  # noqa: F401
                import engine.freezing  # noqa: F401
                import engine.modelfile  # noqa: F401
                import engine.predict  # noqa: F401
                from engine.training import warm_up

                warmup.part_done("imports")
                try:
                    warm_up(config, task.should_stop, warmup.part_done)
                except Exception:  # noqa: BLE001 - only a head start: a run does it itself
                    log.warning("warm-up failed", exc_info=True)

        self._catalog_handle = start_worker(
            self,
            fetch,
            on_progress=self._on_catalog,  # the list, as soon as it is known
            on_error=self._on_catalog_error,
            on_finished=self._on_warm_up_finished,
            name="catalog",
        )

    @property
    def catalog_loaded(self) -> bool:
        return bool(self.catalog)

    def _on_catalog(self, rows: list[tuple[Any, str]]) -> None:
        self.backbone_list.blockSignals(True)
        self.backbone_list.clear()
        for info, st in rows:
            self.catalog[info.name] = info
            self.states[info.name] = st
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            self.backbone_list.addItem(item)
            self._refresh_item(item)
        self.backbone_list.blockSignals(False)
        self.select_backbone(self.state.backbone)
        self.catalog_ready.emit()

    def _on_warm_up_finished(self) -> None:
        self._catalog_handle = None

    def _on_catalog_error(self, err: WorkerError) -> None:
        self._catalog_handle = None
        self.backbone_list.clear()
        self.backbone_list.addItem(
            self.tr("Could not load the backbones: {error}").format(error=err.message)
        )

    def _refresh_item(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        info = self.catalog[name]
        st = self.states[name]
        words = state_words(st)
        if st == "downloadable":
            words = self.tr("download {mb} MB").format(mb=fmt_number(info.download_mb, 0))
        item.setText(
            self.tr("{title}\n    {millions} M parameters · {state}").format(
                title=info.title, millions=fmt_number(info.params / 1e6, 1), state=words
            )
        )
        item.setToolTip(info.description)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{title}, {state}").format(title=info.title, state=words),
        )

    def select_backbone(self, name: str) -> None:
        for row in range(self.backbone_list.count()):
            item = self.backbone_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.backbone_list.setCurrentItem(item)
                return
        self._write(backbone=name)

    def _on_backbone_selected(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if not name:
            return
        self._write(backbone=name)
        self._show_details(name)
        self._load_structure(name)

    def _show_details(self, name: str | None) -> None:
        if name is None or name not in self.catalog:
            self.details.setText(self.tr("<i>Loading the backbones…</i>"))
            for w in (self.download_button, self.import_button):
                w.setEnabled(False)
            return
        info = self.catalog[name]
        st = self.states[name]
        ready = st in ("bundled", "downloaded")
        self.state.set_backbone_ready(ready)
        self.state.input_resize = info.preprocessing.resize
        structure = self.structures.get(name)
        speed = (
            self.tr("about {ms} ms per photo on this computer").format(
                ms=fmt_number(sum(structure.stage_ms), 0)
            )
            if structure
            else self.tr("measuring on this computer…")
        )
        size = (
            self.tr("included with the app")
            if st == "bundled"
            else self.tr("{mb} MB download").format(mb=fmt_number(info.download_mb, 0))
        )
        rows = [
            (self.tr("State"), state_words(st)),
            (
                self.tr("Size"),
                self.tr(
                    "{millions} million parameters with its ImageNet classifier (a new head "
                    "for your categories replaces it), {size}"
                ).format(millions=fmt_number(info.params / 1e6, 1), size=size),
            ),
            (
                self.tr("Speed"),
                self.tr("{gflops} billion operations per photo; {speed}").format(
                    gflops=fmt_number(info.gflops, 2), speed=speed
                ),
            ),
            (
                self.tr("ImageNet accuracy"),
                self.tr("{pct}% (first guess right, 1000 everyday things)").format(
                    pct=fmt_number(info.imagenet_top1, 1)
                ),
            ),
            (
                self.tr("Input size"),
                self.tr("{size} × {size} pixels").format(size=info.input_size),
            ),
            (self.tr("Licence"), info.license),
        ]
        # The markup around the rows translated above, and the catalog's own words:
        self.details.setText(  # i18n: not text
            f"<h3>{info.title}</h3><p>{info.description}</p>"
            "<table cellspacing='4'>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        busy = self._download_handle is not None
        self.download_button.setVisible(st == "downloadable" or busy)
        self.download_button.setEnabled(
            st == "downloadable" and not busy and bool(info.download_url)
        )
        self.download_button.setText(
            self.tr("Download ({mb} MB)").format(mb=fmt_number(info.download_mb, 0))
        )
        self._show_download_notice(name)
        self.import_button.setEnabled(st != "bundled" and not busy)
        self.import_button.setToolTip(
            self.tr("The built-in backbone needs no weights file.")
            if st == "bundled"
            else self._import_tip()
        )

    def _import_tip(self) -> str:
        return self.tr(
            "For computers without internet: choose the backbone's weights file "
            "(.pth or .safetensors) copied from elsewhere."
        )

    # ------------------------------------------------------------------ structure
    def _load_structure(self, name: str) -> None:
        if name in self.structures:
            self._show_structure(self.structures[name])
            return
        self.tree.clear()
        self.params_label.setText(self.tr("Looking at the layers…"))
        self.time_label.setText("")
        handle: WorkerHandle

        def done(structure: BackboneStructure) -> None:
            self.structures[structure.name] = structure
            if self._structure_handle is handle:
                self._structure_handle = None
            if self.state.backbone == structure.name:
                self._show_structure(structure)
                self._show_details(structure.name)

        def failed(err: WorkerError) -> None:
            if self._structure_handle is handle:
                self._structure_handle = None
            if not err.cancelled:
                self.params_label.setText(
                    self.tr("Could not build {name}: {error}").format(name=name, error=err.message)
                )

        handle = start_worker(
            self,
            lambda task: _probe_structure(name),
            on_result=done,
            on_error=failed,
            name="structure",
        )
        self._structure_handle = handle

    @property
    def structure(self) -> BackboneStructure | None:
        return self.structures.get(self.state.backbone)

    def reapply_layers(self) -> None:
        """Show ``state.train_layers`` (and the head's size for the current categories)."""
        if self.structure is not None:
            self._show_structure(self.structure)

    def _show_structure(self, s: BackboneStructure) -> None:
        from engine.freezing import FreezePlan, display_name

        try:
            plan = FreezePlan.parse(s.groups, self.state.train_layers)
        except StudioError:  # e.g. "block7,head" saved with a backbone that has 5 blocks
            plan = FreezePlan.preset(s.groups, "head")
        self._updating_tree = True
        self.tree.clear()
        for g in s.groups:
            params = (
                s.group_params.get(g, 0)
                if g != "head"
                else s.head_params(max(2, self.state.num_classes))
            )
            item = QTreeWidgetItem([display_name(g), fmt_count(params), ""])
            item.setData(0, Qt.ItemDataRole.UserRole, g)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if g == "head":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setText(2, self.tr("new: names your categories, always trains"))
                item.setToolTip(0, tip("head"))
                item.setDisabled(True)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                frozen = g in plan.frozen
                item.setCheckState(0, Qt.CheckState.Checked if frozen else Qt.CheckState.Unchecked)
                item.setToolTip(0, tip("freeze"))
            self.tree.addTopLevelItem(item)
        self._updating_tree = False
        self._after_plan_change(plan)
        self.structure_ready.emit(s.name)

    def frozen_groups(self) -> set[str]:
        out = set()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            g = item.data(0, Qt.ItemDataRole.UserRole)
            if g != "head" and item.checkState(0) == Qt.CheckState.Checked:
                out.add(g)
        return out

    def set_frozen(self, frozen: set[str]) -> None:
        """Tick exactly ``frozen`` (as a person would, one click each)."""
        self._updating_tree = True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            g = item.data(0, Qt.ItemDataRole.UserRole)
            if g != "head":
                item.setCheckState(
                    0, Qt.CheckState.Checked if g in frozen else Qt.CheckState.Unchecked
                )
        self._updating_tree = False
        self._on_tree_changed()

    def apply_preset(self, key: str) -> None:
        s = self.structure
        if s is None:
            self._write(train_layers=key)
            return
        from engine.freezing import FreezePlan

        self.set_frozen(FreezePlan.preset(s.groups, key).frozen)

    def _on_preset_chosen(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key in PRESET_ORDER:
            self.apply_preset(key)

    def _on_tree_changed(self, *_args: Any) -> None:
        if self._updating_tree or self.structure is None:
            return
        from engine.freezing import FreezePlan

        self._after_plan_change(FreezePlan(list(self.structure.groups), self.frozen_groups()))

    def _after_plan_change(self, plan: Any) -> None:
        self._write(train_layers=plan.describe())
        preset = plan.preset_name()
        idx = self.preset_combo.findData(preset or "custom")
        self.preset_combo.setCurrentIndex(idx)
        self._updating_tree = True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            g = item.data(0, Qt.ItemDataRole.UserRole)
            if g != "head":
                item.setText(
                    2,
                    self.tr("frozen: kept as pretrained")
                    if g in plan.frozen
                    else self.tr("learns"),
                )
        self._updating_tree = False
        self._update_estimates()

    def trainable_params(self) -> tuple[int, int]:
        """(trainable, total) under the current ticks, for the current categories."""
        s = self.structure
        if s is None:
            return 0, 0
        frozen = self.frozen_groups()
        head = s.head_params(max(2, self.state.num_classes))
        total = sum(s.group_params.values()) + head
        trainable = (
            sum(v for g, v in s.group_params.items() if g not in frozen and g != "head") + head
        )
        return trainable, total

    def _update_estimates(self) -> None:
        s = self.structure
        if s is None:
            return
        trainable, total = self.trainable_params()
        pct = 100 * trainable / max(1, total)
        self.params_label.setText(
            self.tr("<b>{trainable} of {total} parameters will train</b> ({pct}%).").format(
                trainable=fmt_count(trainable), total=fmt_count(total), pct=fmt_number(pct, 1)
            )
        )
        n_train, n_val = self._photo_counts()
        # The run's own plan, from the state's config (augmentation, views and all).
        config = self.state.config_for_run()
        try:
            plan = plan_run(config, s.groups, s.stage_names)
        except StudioError:  # a saved group this backbone lacks: the tree shows head only
            config.train_layers = "head"
            plan = plan_run(config, s.groups, s.stage_names)
        prepare, epoch = estimate_seconds(plan, s, n_train, n_val)
        who = (
            self.tr("{train} + {val} photos").format(
                train=fmt_number(n_train), val=fmt_number(n_val)
            )
            if self.state.scan is not None
            else self.tr("100 photos")
        )
        if prepare > 0:
            text = self.tr(
                "Rough time for {who} on this computer: about {prepare} to look at the photos "
                "once through the frozen layers, then {epoch} per epoch."
            ).format(who=who, prepare=fmt_duration(prepare), epoch=fmt_duration(epoch))
        else:
            text = self.tr(
                "Rough time for {who} on this computer: about {epoch} per epoch."
            ).format(who=who, epoch=fmt_duration(epoch))
        self.time_label.setText(text)

    def _photo_counts(self) -> tuple[int, int]:
        scan = self.state.scan
        if scan is None:
            return 80, 20
        n = len(scan.photos)
        if self.state.val_mode == "split":
            n_val = round(n * self.state.val_split)
            return n - n_val, n_val
        return n, max(1, n // 4)

    # ------------------------------------------------------------------ download / import
    def start_download(self) -> None:
        name = self.state.backbone
        info = self.catalog.get(name)
        if info is None or not info.download_url or self._download_handle is not None:
            return

        def fetch(task):
            from engine.backbones import download_weights

            return download_weights(name, on_progress=task.report, should_stop=task.should_stop)

        self.download_progress.setVisible(True)
        self.cancel_download_button.setVisible(True)
        self.download_progress.setRange(0, 0)
        self.download_progress.setFormat(self.tr("Connecting…"))
        self._download_handle = start_worker(
            self,
            fetch,
            on_result=lambda _p: self._on_download_done(name, None),
            on_error=lambda err: self._on_download_done(name, err),
            on_progress=self._on_download_progress,
            name="download",
        )
        self._show_details(name)
        self.status_message.emit(self.tr("Downloading {title}…").format(title=info.title))

    def cancel_download(self) -> None:
        if self._download_handle is not None:
            self._download_handle.stop()

    @property
    def downloading(self) -> bool:
        return self._download_handle is not None

    def _on_download_progress(self, p: Any) -> None:
        done_mb = p.done_bytes / 1e6
        speed = p.speed_bytes_per_s / 1e6
        if p.total_bytes:
            self.download_progress.setRange(0, 1000)
            self.download_progress.setValue(int(1000 * p.done_bytes / p.total_bytes))
            left = (
                (p.total_bytes - p.done_bytes) / p.speed_bytes_per_s
                if p.speed_bytes_per_s
                else None
            )
            text = self.tr("{done} of {total} MB · {speed} MB/s").format(
                done=fmt_number(done_mb, 1),
                total=fmt_number(p.total_bytes / 1e6, 1),
                speed=fmt_number(speed, 1),
            )
            if left is not None:
                text += self.tr(" · {time} left").format(time=fmt_duration(left))
            self.download_progress.setFormat(text)
        else:
            self.download_progress.setFormat(
                self.tr("{done} MB · {speed} MB/s").format(
                    done=fmt_number(done_mb, 1), speed=fmt_number(speed, 1)
                )
            )

    def _on_download_done(self, name: str, err: WorkerError | None) -> None:
        self._download_handle = None
        self.download_progress.setVisible(False)
        self.cancel_download_button.setVisible(False)
        self._download_failed.pop(name, None)
        if err is None:
            self._set_state(name, "downloaded")
            self.status_message.emit(
                self.tr("{title} is ready offline.").format(title=self.catalog[name].title)
            )
        elif err.cancelled:
            self.status_message.emit(self.tr("Download cancelled; nothing was kept."))
        else:
            self.status_message.emit(err.message)
            self._download_failed[name] = err.message  # shown by _show_details
        if self.state.backbone == name:
            self._show_details(name)

    def _show_download_notice(self, name: str) -> None:
        """The failed download of ``name`` (if it failed) on the step, with what to do."""
        why = self._download_failed.get(name)
        self.download_notice.setVisible(why is not None)
        if why is None:
            return
        title = self.catalog[name].title if name in self.catalog else name
        self.download_notice_text.setText(
            # ``why`` (engine.download) says what to do about the connection itself.
            self.tr(
                "<b>The download of {title} failed.</b> {why} Or choose a built-in "
                "backbone such as EfficientNet-Lite0: it works offline."
            ).format(title=html.escape(title), why=html.escape(why))
        )

    def _set_state(self, name: str, st: str) -> None:
        self.states[name] = st
        for row in range(self.backbone_list.count()):
            item = self.backbone_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self._refresh_item(item)
        if name == self.state.backbone:
            self.state.set_backbone_ready(st in ("bundled", "downloaded"))

    def choose_weights_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import the backbone's weights"),
            "",
            self.tr("Weights files (*.pth *.pt *.bin *.safetensors);;All files (*)"),
        )
        if path:
            self.import_weights(Path(path))

    def import_weights(self, path: Path) -> None:
        """Check that ``path`` fits the chosen backbone, then store it where downloads go."""
        name = self.state.backbone
        info = self.catalog.get(name)
        if info is None or not info.file_name:
            return

        def work(task):
            from engine.backbones import import_weights

            return import_weights(name, path)

        def done(_dest: Any) -> None:
            self._import_handle = None
            self._set_state(name, "downloaded")
            self._show_details(name)
            self.status_message.emit(
                self.tr("Imported the weights of {title}.").format(title=info.title)
            )

        def failed(err: WorkerError) -> None:
            self._import_handle = None
            self.status_message.emit(err.message)
            self.details.setText(
                self.details.text()
                + self.tr("<p><b>Import failed:</b> {error}</p>").format(error=err.message)
            )

        self.status_message.emit(self.tr("Checking {file}…").format(file=path.name))
        self._import_handle = start_worker(
            self, work, on_result=done, on_error=failed, name="import"
        )

    def shutdown(self) -> None:
        for h in (
            self._catalog_handle,
            self._structure_handle,
            self._download_handle,
            self._import_handle,
        ):
            if h is not None:
                h.stop()
