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

#: Rough cost of opening and resizing one photo, in milliseconds.
DECODE_MS = 3.0
#: An epoch's training pass costs about three forward passes (forward, backward, update).
TRAIN_PASS_FACTOR = 3.0


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

    def head_params(self, num_classes: int) -> int:
        return self.head_in_features * num_classes + num_classes


def estimate_seconds(
    plan: RunPlan, structure: BackboneStructure, n_train: int, n_val: int
) -> tuple[float, float]:
    """(seconds to prepare the feature cache, seconds per epoch) for this many photos.

    From the measured stage times: the cached prefix runs once over every view of every
    photo; each epoch runs the trained suffix (about three passes' worth for training, one
    for checking), plus decoding every photo when nothing is cached.
    """
    prefix = sum(structure.stage_ms[: plan.upto])
    suffix = sum(structure.stage_ms[plan.upto :])
    if plan.caches_features:
        prepare = (n_train * plan.views + n_val) * (prefix + DECODE_MS) / 1000
    else:
        prepare = 0.0
    epoch = (n_train * suffix * TRAIN_PASS_FACTOR + n_val * suffix) / 1000
    if not plan.caches_features:
        epoch += (n_train + n_val) * DECODE_MS / 1000
    return prepare, epoch


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
