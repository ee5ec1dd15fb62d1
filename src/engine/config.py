"""The run's vocabulary: its settings, its progress reports, its outcome and how to stop it.

Torch-free on purpose: the window imports these at the top of its modules, the CLI builds
its argument defaults from :class:`TrainConfig` without loading torch, and ``modelfile`` and
``projects`` read and write them without importing the training loop (which is what kept
evaluation -> predict -> modelfile -> training -> evaluation in a circle).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import StudioError
from .i18n import Messages

if TYPE_CHECKING:  # only for annotations: importing them would load torch and Pillow
    from .backbones import StagedNet
    from .dataset import Photo, SkippedFile

#: The bundled backbone, ready offline (engine.backbones builds it).
DEFAULT_BACKBONE = "efficientnet_lite0"

#: What can run a model for ``predict`` (engine.predict checks that its runtimes match).
PREDICT_BACKENDS = ("auto", "openvino", "onnxruntime", "torch")

#: The most categories a model file may hold (engine.modelfile refuses more on load), so
#: training refuses more up front instead of saving a model nobody can open.
MAX_CLASSES = 10_000

EventKind = Literal["stage", "step", "epoch", "message", "done"]


class Settings(Messages):
    """Messages of engine/config.py: a training setting no run can use."""


@dataclass
class TrainConfig:
    """Everything that defines a training run (saved in projects, models and checkpoints)."""

    data_dir: str = ""
    val_dir: str | None = None
    val_split: float = 0.2
    backbone: str = DEFAULT_BACKBONE
    train_layers: str = "head"  # "head" | "last" | "all" | "block7,head"
    epochs: int = 10
    batch_size: int = 32
    lr: float | None = None  # None: 3e-3 when only the head trains, 1e-3 / 3e-4 otherwise
    image_size: int | None = None  # None: the backbone's own input size
    augment: bool | None = None  # None: on when more than the head trains
    augment_views: int = 3  # cached views per photo when augmenting a cached prefix
    seed: int = 0
    device: str = "auto"
    precision: str = "auto"  # "auto" (probe once per machine) | "fp32" | "bf16"
    weight_decay: float = 0.01
    label_smoothing: float = 0.1
    warmup_epochs: float = 0.5
    schedule: str = "cosine"  # "cosine" | "onecycle"
    class_weights: bool = False
    early_stop_patience: int = 4  # epochs without improvement before stopping; 0 = never
    checkpoint: str | None = None  # where to save a resumable checkpoint every epoch

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TrainConfig:
        """Build from a dict, ignoring unknown keys and checking basic types."""
        known = {f.name: f for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for k, v in d.items():
            if k not in known:
                continue
            if v is not None and not isinstance(v, (str, int, float, bool)):
                raise StudioError(
                    Settings.tr("Training setting {name} has an invalid value.").format(
                        name=repr(k)
                    )
                )
            kwargs[k] = v
        config = cls(**kwargs)
        config.check()
        return config

    def check(self) -> None:
        """Raise :class:`StudioError` for a value no run can use (wrong type or out of range).

        Settings come from files a person may have edited, damaged or been sent, so each
        is checked against its declared type and a sane range before anything runs.
        """
        for f in fields(self):
            value = getattr(self, f.name)
            if not _type_ok(value, str(f.type)):
                raise StudioError(
                    Settings.tr("Training setting {name} has an invalid value ({value}).").format(
                        name=repr(f.name), value=_short_repr(value)
                    )
                )
            if isinstance(value, str) and len(value) > 4096:
                raise StudioError(
                    Settings.tr("Training setting {name} is too long.").format(name=repr(f.name))
                )
            limits = _LIMITS.get(f.name)
            if limits and value is not None and not limits[0] <= value <= limits[1]:
                raise StudioError(
                    Settings.tr(
                        "Training setting {name} must be between {low} and {high} (it is {value})."
                    ).format(
                        name=repr(f.name), low=limits[0], high=limits[1], value=_short_repr(value)
                    )
                )
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise StudioError(
                    Settings.tr(
                        "Training setting {name} must be one of {choices} (it is {value})."
                    ).format(
                        name=repr(name),
                        choices=", ".join(allowed),
                        value=_short_repr(getattr(self, name)),
                    )
                )

    def resolved_lr(self) -> float:
        if self.lr:
            return float(self.lr)
        return {"head": 3e-3, "last": 1e-3}.get(self.train_layers, 3e-4)


#: Sane ranges of numeric settings (NaN fails every comparison, so it is refused too).
_LIMITS: dict[str, tuple[float, float]] = {
    "val_split": (0.0, 0.95),
    "epochs": (1, 10_000),
    "batch_size": (1, 65_536),
    "lr": (0.0, 10.0),
    "image_size": (16, 1024),
    "augment_views": (1, 64),
    "weight_decay": (0.0, 10.0),
    "label_smoothing": (0.0, 0.99),
    "warmup_epochs": (0.0, 10_000.0),
    "early_stop_patience": (0, 10_000),
}
#: What ``--device`` accepts (engine.device.pick_device).
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda", "mps")
CHOICES: dict[str, tuple[str, ...]] = {
    "schedule": ("cosine", "onecycle"),
    "precision": ("auto", "fp32", "bf16"),
}
_KINDS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


def _type_ok(value: Any, annotation: str) -> bool:
    """Does ``value`` fit a simple annotation such as ``"int"`` or ``"float | None"``?"""
    kinds = [k.strip() for k in annotation.split("|")]
    if value is None:
        return "None" in kinds
    if isinstance(value, bool):  # bool is an int to Python, never to a person
        return "bool" in kinds
    return any(isinstance(value, _KINDS.get(k, ())) for k in kinds)


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class EpochRecord:
    epoch: int
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    seconds: float
    lr: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class TrainEvent:
    """One progress report. ``kind`` says which fields are meaningful.

    - ``stage``: a preparation step (``message``), with ``fraction`` done (0..1) if known;
    - ``step``: ``losses`` holds ``(global_step, loss)`` pairs since the previous report;
    - ``epoch``: ``record`` is the finished epoch, ``best`` whether it is the best so far
      (``tied_with``: the epoch of the same accuracy it replaced, by a lower loss);
    - ``message``: plain-language advice or news (``message``);
    - ``done``: the run ended (``message`` says how).
    """

    kind: EventKind
    message: str = ""
    fraction: float | None = None
    epoch: int = 0
    total_epochs: int = 0
    step: int = 0
    steps_per_epoch: int = 0
    losses: tuple[tuple[int, float], ...] = ()
    record: EpochRecord | None = None
    best: bool = False
    eta_seconds: float | None = None
    # ``epoch`` only: the earlier epoch with the same accuracy that this one displaced as
    # the best (by a lower loss), so both are never shown as "the best" without a word.
    tied_with: int | None = None


@dataclass
class TrainResult:
    classes: list[str]
    history: list[EpochRecord]
    best_epoch: int | None
    val_accuracy: float | None
    skipped: list[SkippedFile]
    warnings: list[str]
    stopped: bool  # stopped by the person (the best completed epoch was kept)
    early_stopped: bool
    model_path: Path | None
    seconds: float
    trainable_params: int = 0
    total_params: int = 0
    net: StagedNet | None = field(default=None, repr=False)
    val_photos: list[Photo] = field(default_factory=list, repr=False)

    def metrics(self) -> dict[str, Any]:
        """The ``--metrics-json`` document."""
        return {
            "classes": self.classes,
            "epochs": [
                {
                    "epoch": r.epoch,
                    "train_loss": r.train_loss,
                    "train_accuracy": r.train_accuracy,
                    "val_loss": r.val_loss,
                    "val_accuracy": r.val_accuracy,
                    "seconds": r.seconds,
                }
                for r in self.history
            ],
            "best_epoch": self.best_epoch,
            "val_accuracy": self.val_accuracy,
            "stopped": self.stopped,
            "early_stopped": self.early_stopped,
            "seconds": self.seconds,
            "trainable_params": self.trainable_params,
            "total_params": self.total_params,
            "warnings": self.warnings,
            "skipped_files": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }


class TrainControl:
    """The one way to stop or pause a run, from any thread (never via queued signals).

    The window creates it on the GUI thread and hands ``stop_event`` to its worker (so the
    worker's Stop sets this very event); the CLI stops by KeyboardInterrupt instead.
    """

    def __init__(self, stop_event: threading.Event | None = None) -> None:
        self.stop_event = stop_event or threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        self.stop_event.set()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def wait_if_paused(self) -> None:
        """Block while paused; return at once when stop is set (by :meth:`stop` or directly
        on ``stop_event``, as a GUI worker handle does), so a paused run can always stop."""
        while not self._running.wait(0.1):
            if self.stop_event.is_set():
                return
