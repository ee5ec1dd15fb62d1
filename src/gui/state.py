"""What the person has set up so far, shared by the pages (and saved in a project).

Pages write here and listen to the signals; nothing here imports torch, so the window can
show before the engine's heavy modules load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from engine.config import DEFAULT_BACKBONE


class StudioState(QObject):
    scan_changed = Signal(object)  # DatasetScan | None
    validation_changed = Signal()
    backbone_changed = Signal(str)
    freezing_changed = Signal(str)  # train_layers spec: "head" | "last" | "all" | "block7,head"
    backbone_ready_changed = Signal(bool)
    model_changed = Signal(object)  # Path | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir: Path | None = None
        self.scan: Any = None  # engine.dataset.DatasetScan
        self.val_mode = "split"  # "split" | "folder"
        self.val_split = 0.2
        self.val_dir: Path | None = None
        self.backbone = DEFAULT_BACKBONE
        self.backbone_ready = True  # weights on this computer (bundled or downloaded)
        self.train_layers = "head"
        self.model_path: Path | None = None
        self.train_result: Any = None  # engine.training.TrainResult of the last run
        self.history: list[dict[str, Any]] = []

    # --------------------------------------------------------------------- setters
    def set_scan(self, data_dir: Path | None, scan: Any) -> None:
        self.data_dir = data_dir
        self.scan = scan
        self.scan_changed.emit(scan)

    def set_validation(self, mode: str, split: float, folder: Path | None) -> None:
        if (mode, split, folder) == (self.val_mode, self.val_split, self.val_dir):
            return
        self.val_mode, self.val_split, self.val_dir = mode, split, folder
        self.validation_changed.emit()

    def set_backbone(self, name: str) -> None:
        if name != self.backbone:
            self.backbone = name
            self.backbone_changed.emit(name)

    def set_backbone_ready(self, ready: bool) -> None:
        if ready != self.backbone_ready:
            self.backbone_ready = ready
            self.backbone_ready_changed.emit(ready)

    def set_train_layers(self, spec: str) -> None:
        if spec != self.train_layers:
            self.train_layers = spec
            self.freezing_changed.emit(spec)

    def set_model(self, path: Path | None, result: Any = None) -> None:
        self.model_path = path
        self.train_result = result
        self.model_changed.emit(path)

    # --------------------------------------------------------------------- queries
    @property
    def num_classes(self) -> int:
        return len(self.scan.classes) if self.scan is not None else 0

    def why_not_trainable(self) -> str | None:
        """None when Train can start; otherwise what to do first, in plain words."""
        if self.scan is None:
            return "Choose a photo folder first (step 1)."
        classes = self.scan.classes
        counts = self.scan.counts()
        if len(classes) < 2:
            return "The photo folder needs at least 2 category subfolders."
        if sum(1 for c in counts.values() if c > 0) < 2:
            return "At least 2 categories need usable photos."
        if self.val_mode == "folder" and self.val_dir is None:
            return "Choose the folder of checking photos, or set aside a share (step 1)."
        if not self.backbone_ready:
            return "Download or import the backbone's weights first (step 2)."
        return None
