"""Plan a run before any photo is touched: what trains, what is cached, how long it takes.

:func:`plan_run` is the one place that decides, from a :class:`~engine.config.TrainConfig`
and a backbone's stage names, which stage is the first to train (everything before it runs
once and is cached), whether photos are augmented and how many views of each are cached.
``engine.training.train`` follows the plan; the Model page's time estimate
(:func:`estimate_seconds`) reads the same plan, so the estimate can never assume another
rule than the run uses. Torch-free: the window calls it on the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import TrainConfig
from .freezing import FreezePlan
from .i18n import Messages

#: Rough cost of opening and resizing one photo, in milliseconds (the run's scan checks
#: each photo once more, and the data stage reads it from the image cache).
DECODE_MS = 3.0
#: An epoch's training pass costs about three forward passes (forward, backward, update),
#: where the backbone's own training step was not measured (an old remembered timing).
TRAIN_PASS_FACTOR = 3.0
#: Writing a file (model, checkpoint), megabytes per second: a laptop's disk, with fsync.
WRITE_MB_S = 200.0


@dataclass(frozen=True)
class RunPlan:
    """What a run will do with a backbone, decided from the settings alone."""

    freeze: FreezePlan
    upto: int  # index of the first stage that trains; stages before it are cached once
    augment: bool
    views: int  # cached views per training photo (1: the plain photo only)
    lr: float

    @property
    def caches_features(self) -> bool:
        """True when frozen stages run once over every photo (and not every epoch)."""
        return self.upto > 0


def plan_run(config: TrainConfig, groups: list[str], stage_names: list[str]) -> RunPlan:
    """The plan of ``config`` on a backbone with these trainable ``groups`` and stages.

    Raises :class:`~engine.errors.StudioError` for a layer group the backbone lacks.
    """
    freeze = FreezePlan.parse(groups, config.train_layers)
    upto = next(
        (i for i, n in enumerate(stage_names) if n in groups and n not in freeze.frozen),
        len(stage_names) - 1,
    )
    augment = config.augment if config.augment is not None else freeze.describe() != "head"
    views = max(1, config.augment_views) if (augment and upto > 0) else 1
    return RunPlan(freeze, upto, augment, views, config.resolved_lr())


@dataclass(frozen=True)
class BackboneStructure:
    """A backbone's shape and speed on this computer (engine.measure measures it once)."""

    name: str
    groups: list[str]  # trainable groups, in order (``head`` last)
    group_params: dict[str, int]  # excluding the head
    head_in_features: int
    stage_names: list[str]
    stage_ms: list[float]  # forward time per photo of each stage, on this computer
    # What a run does besides the stages' forward passes, timed on this computer too
    # (0 in a timing remembered before they were measured):
    build_ms: float = 0.0  # building the network with its weights (once per run)
    shape_ms: float = 0.0  # a first pass at a new batch shape, more than the next ones
    copy_ms: float = 0.0  # copying all its weights once (best epoch, saving)
    step_ms: float = 0.0  # one optimizer step of the head alone (a step's fixed cost)
    train_factor: float = 0.0  # a training pass (forward + backward) over a forward pass
    speedup: float = 1.0  # stage_ms are at training precision; checking runs float32

    def head_params(self, num_classes: int) -> int:
        return self.head_in_features * num_classes + num_classes

    @property
    def params(self) -> int:
        """Parameters of the backbone (without the head)."""
        return sum(self.group_params.values())


def estimate_seconds(
    plan: RunPlan, structure: BackboneStructure, n_train: int, n_val: int
) -> tuple[float, float]:
    """(seconds before the first epoch and after the last, seconds per epoch) for this
    many photos: what a real run does, from the timings taken on this computer.

    Before and after: building the network with its weights, the run's scan of the
    photos, the data stage (the frozen stages once over every cached view of every
    training photo, and over each checking photo in float32, as it is checked; with
    nothing frozen, the photos are only read), and at the end the check that sets the
    "not sure" threshold and saving the model. Per epoch: the trained stages' training
    pass over every training photo (forward and backward, measured, at the training
    precision), an optimizer step per batch, the check over the checking photos
    (float32), keeping the best epoch's weights, and a checkpoint when more than the
    head trains (engine.plan.default_checkpoint).
    """
    s = structure
    fp32 = max(1.0, s.speedup)  # checking runs float32: stage_ms are at training precision
    prefix = sum(s.stage_ms[: plan.upto])
    suffix = sum(s.stage_ms[plan.upto :])
    factor = s.train_factor or TRAIN_PASS_FACTOR
    n = n_train + n_val
    prepare_ms = s.build_ms + n * DECODE_MS  # the network, the run's scan
    # Each batch shape's first pass (kernels chosen for it): full and last batches of
    # the training views and of the checking photos.
    prepare_ms += s.shape_ms * (_shapes(n_train * plan.views) + _shapes(n_val))
    if plan.caches_features:
        prepare_ms += n_train * plan.views * (prefix + DECODE_MS)
        prepare_ms += n_val * (prefix * fp32 + DECODE_MS)
    else:
        prepare_ms += n * DECODE_MS  # the photos read once and kept
    # The end: the saved model's check over the checking photos, then the weights saved.
    weights_mb = 4 * (s.params + s.head_in_features * 10) / 1e6
    prepare_ms += n_val * suffix * fp32 + 2 * s.copy_ms + 1000 * weights_mb / WRITE_MB_S
    batches = max(1, -(-n_train // TrainConfig.batch_size))  # the default batch size
    trains_more = plan.upto < len(s.stage_names) - 1  # more than the head
    trained_share = sum(s.group_params.get(n, 0) for n in s.stage_names[plan.upto :])
    trained_share /= max(1, s.params)
    epoch_ms = n_train * suffix * factor + n_val * suffix * fp32 + s.copy_ms
    # AdamW reads and writes each trained weight, its gradient and two moments a step.
    epoch_ms += batches * (s.step_ms + 3 * trained_share * s.copy_ms)
    if trains_more:  # the checkpoint: weights, optimizer moments and the best weights
        epoch_ms += 1000 * weights_mb * (2 + 2 * trained_share) / WRITE_MB_S
    return prepare_ms / 1000, epoch_ms / 1000


def _shapes(n: int, batch: int = TrainConfig.batch_size) -> int:
    """How many batch sizes ``n`` photos come in: a full batch and a smaller last one."""
    return int(n >= batch) + int(n % batch > 0)


#: Most runs stop early well before this many epochs (patience 4: by epoch 10-30 here).
EPOCHS_EARLY_STOP_USES = 50
#: With early stopping off, more epochs than this are rarely worth the time.
EPOCHS_WITHOUT_EARLY_STOP = 100


class Plan(Messages):
    """Messages of engine/plan.py: warnings about a run's settings."""


def epochs_warning(config: TrainConfig) -> str | None:
    """A plain warning when ``config.epochs`` is far past what the run will use (or None).

    The learning-rate schedule is spread over all the epochs asked for: with 500 epochs
    and a run that stops early at epoch 20, the rate has hardly started to fall, so far
    too many epochs make a worse model, not only a longer wait.
    """
    patience = config.early_stop_patience
    if patience and config.epochs > max(EPOCHS_EARLY_STOP_USES, 10 * patience):
        return Plan.tr(
            "{epochs} epochs is far more than a run uses: training stops by itself "
            "once checking accuracy has not improved for {patience} epochs, usually well "
            "before epoch {uses}. The learning rate is spread over all "
            "{epochs}, so it will hardly fall before the run stops; "
            "{fewer} epochs or fewer usually give a better model."
        ).format(
            epochs=config.epochs,
            patience=patience,
            uses=EPOCHS_EARLY_STOP_USES,
            fewer=EPOCHS_EARLY_STOP_USES // 2,
        )
    if not patience and config.epochs > EPOCHS_WITHOUT_EARLY_STOP:
        return Plan.tr(
            "{epochs} epochs with early stopping off: the run goes on long after "
            "the model stops improving (the best epoch is kept). Fewer epochs, or early "
            "stopping, save most of that time."
        ).format(epochs=config.epochs)
    return None


def default_checkpoint(config: TrainConfig, out: str | os.PathLike[str]) -> str | None:
    """The checkpoint policy, the same for the CLI and the window: a resumable checkpoint
    beside the model (``.ckpt``) every epoch when more than the head trains; none when
    only the head trains on cached features, where an epoch takes milliseconds and
    writing the whole network each epoch would be most of the run (``--checkpoint``
    still asks for one)."""
    if config.train_layers == "head":
        return None
    return str(Path(out).with_suffix(".ckpt"))
