"""What the person has set up so far, shared by the pages (and saved in a project).

The state owns ONE :class:`engine.config.TrainConfig`: the run's settings, with the
defaults written once, in the engine. Pages edit its fields through :meth:`StudioState.update`
(or the setters below) and listen to :attr:`StudioState.config_changed` to show them, as
napari's views subscribe to their layer's events; a page that shows a change blocks its
own widgets' signals meanwhile (``QSignalBlocker``), so showing never writes back.
Opening a project is :meth:`StudioState.load`; saving reads :attr:`StudioState.config`.

Nothing here imports torch (``engine.config`` is torch-free), so the window can show
before the engine's heavy modules load.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from engine.config import TrainConfig

# The TrainConfig fields that say which photos a run learns from and is checked on;
# they change through :meth:`StudioState.set_scan` and :meth:`StudioState.set_validation`.
_PHOTO_FIELDS = ("data_dir", "val_dir", "val_split")


class StudioState(QObject):
    config_changed = Signal(str)  # the name of the TrainConfig field that changed
    scan_changed = Signal(object)  # DatasetScan | None
    validation_changed = Signal()
    backbone_changed = Signal(str)
    freezing_changed = Signal(str)  # train_layers spec: "head" | "last" | "all" | "block7,head"
    backbone_ready_changed = Signal(bool)
    model_changed = Signal(object)  # Path | None
    project_loaded = Signal(object)  # engine.projects.Project, once its values are in here

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = TrainConfig()
        self.scan: Any = None  # engine.dataset.DatasetScan
        self.val_mode = "split"  # "split" | "folder"
        # The checking folder last chosen; kept while "split" is chosen, so switching back
        # to "folder" finds it again. Only in the config while "folder" is chosen.
        self.val_dir: Path | None = None
        self.backbone_ready = True  # weights on this computer (bundled or downloaded)
        # The chosen backbone's Preprocessing.resize, once the catalog is loaded (the Model
        # step sets it): the Photos step's scan fills the image cache at this size.
        self.input_resize: int | None = None
        self.model_path: Path | None = None
        self.train_result: Any = None  # engine.config.TrainResult of the last run
        self.history: list[dict[str, Any]] = []
        # Findings of the photo check marked "not a mistake" (engine.check.keep_key values).
        self.kept: set[str] = set()

    # --------------------------------------------------------------------- the config
    @property
    def data_dir(self) -> Path | None:
        return Path(self.config.data_dir) if self.config.data_dir else None

    @property
    def val_split(self) -> float:
        return self.config.val_split

    @property
    def backbone(self) -> str:
        return self.config.backbone

    @property
    def train_layers(self) -> str:
        return self.config.train_layers

    def update(self, **values: Any) -> None:
        """Set TrainConfig fields; each one that really changes is announced once."""
        names = {f.name for f in dataclasses.fields(TrainConfig)}
        for name, value in values.items():
            if name not in names:
                raise AttributeError(f"TrainConfig has no field {name!r}")
            if getattr(self.config, name) == value and type(getattr(self.config, name)) is type(
                value
            ):
                continue
            setattr(self.config, name, value)
            self._announce(name)

    def _announce(self, name: str) -> None:
        self.config_changed.emit(name)
        if name == "backbone":
            self.backbone_changed.emit(self.config.backbone)
        elif name == "train_layers":
            self.freezing_changed.emit(self.config.train_layers)

    def config_for_run(self) -> TrainConfig:
        """A copy of the config, as a run (or a saved project) should get it."""
        return dataclasses.replace(self.config)

    # --------------------------------------------------------------------- setters
    def set_scan(self, data_dir: Path | None, scan: Any) -> None:
        self.scan = scan
        self.update(data_dir=str(data_dir) if data_dir else "")
        self.scan_changed.emit(scan)

    def set_validation(self, mode: str, split: float, folder: Path | None) -> None:
        if (mode, split, folder) == (self.val_mode, self.val_split, self.val_dir):
            return
        self.val_mode, self.val_dir = mode, folder
        self.update(val_split=split, val_dir=str(folder) if (mode == "folder" and folder) else None)
        self.validation_changed.emit()

    def set_backbone(self, name: str) -> None:
        self.update(backbone=name)

    def set_backbone_ready(self, ready: bool) -> None:
        if ready != self.backbone_ready:
            self.backbone_ready = ready
            self.backbone_ready_changed.emit(ready)

    def set_train_layers(self, spec: str) -> None:
        self.update(train_layers=spec)

    def set_model(self, path: Path | None, result: Any = None) -> None:
        self.model_path = path
        self.train_result = result
        self.model_changed.emit(path)

    # --------------------------------------------------------------------- projects
    def load(self, project: Any) -> None:
        """Take everything from ``project`` (an :class:`engine.projects.Project`).

        The photo folder itself is scanned by the Photos page, which listens to
        :attr:`project_loaded`; the model is set by the window once it is known to exist.
        """
        cfg = project.config
        values = {
            f.name: getattr(cfg, f.name)
            for f in dataclasses.fields(TrainConfig)
            if f.name not in (*_PHOTO_FIELDS, "checkpoint")  # a run's file, not a setting
        }
        self.update(**values)
        self.scan = None
        self.update(data_dir=cfg.data_dir or "")
        folder = Path(cfg.val_dir) if cfg.val_dir else None
        self.set_validation("folder" if folder else "split", cfg.val_split, folder)
        self.history = list(project.history)
        self.kept = set(project.kept)
        self.project_loaded.emit(project)

    def reset(self) -> None:
        """Back to nothing chosen: the engine's defaults, no photos, no model."""
        self.set_scan(None, None)
        self.set_validation("split", TrainConfig().val_split, None)
        defaults = TrainConfig()
        self.update(**{f.name: getattr(defaults, f.name) for f in dataclasses.fields(defaults)})
        self.history = []
        self.kept = set()
        self.set_model(None)

    # --------------------------------------------------------------------- queries
    @property
    def num_classes(self) -> int:
        return len(self.scan.classes) if self.scan is not None else 0

    def why_not_trainable(self) -> str | None:
        """None when Train can start; otherwise what to do first, in plain words."""
        if self.scan is None:
            return self.tr("Choose a photo folder first (step 1).")
        classes = self.scan.classes
        counts = self.scan.counts()
        if len(classes) < 2:
            return self.tr("The photo folder needs at least 2 category subfolders.")
        if sum(1 for c in counts.values() if c > 0) < 2:
            return self.tr("At least 2 categories need usable photos.")
        if self.val_mode == "folder" and self.val_dir is None:
            return self.tr("Choose the folder of checking photos, or set aside a share (step 1).")
        if not self.backbone_ready:
            return self.tr("Download or import the backbone's weights first (step 2).")
        return None
