"""Judgement in plain words, the same for the window and the command line.

:func:`training_advice` says what a finished run suggests doing next; :func:`plain_verdict`
turns an evaluation into a one-line verdict with advice, and :func:`wilson_interval` says
how certain an accuracy measured on few photos is. Torch-free: they read plain results.
"""

from __future__ import annotations

import math
from typing import Any

from .config import TrainResult
from .freezing import preset_label
from .i18n import Messages, percent


class Advice(Messages):
    """Messages of engine/advice.py: what a run suggests, and the verdict on a model."""


def training_advice(result: TrainResult, train_layers: str | None = None) -> list[str]:
    """What the finished run suggests doing next, in plain words.

    ``train_layers`` is the run's setting (``head``, ``last``, ``all`` or groups); without
    it, a run that trained every parameter counts as ``all``. "Let more layers learn" is
    only said when more layers *can* learn, naming the next preset up.
    """
    out: list[str] = []
    if not result.history or result.best_epoch is None:
        return out
    best = next(r for r in result.history if r.epoch == result.best_epoch)
    last = result.history[-1]
    if best.val_accuracy >= 0.95:
        out.append(
            Advice.tr(
                "Very good: the model named {accuracy} of the checking photos correctly."
            ).format(accuracy=percent(best.val_accuracy))
        )
    elif best.val_accuracy < 0.6:
        everything = train_layers == "all" or (
            train_layers is None
            and result.total_params
            and result.trainable_params >= result.total_params
        )
        if everything:
            out.append(
                Advice.tr(
                    "Accuracy is low. Check that each folder holds the right photos, and add "
                    "more photos: every layer already learns, so more layers cannot help."
                )
            )
        else:
            more = preset_label("all" if train_layers == "last" else "last")
            out.append(
                Advice.tr(
                    "Accuracy is low. Check that each folder holds the right photos, add more "
                    "photos, or let more layers learn (step 2: '{preset}')."
                ).format(preset=more)
            )
    gap = last.train_accuracy - last.val_accuracy
    if gap > 0.15:
        out.append(
            Advice.tr(
                "The model does much better on the photos it learned from ({train}) "
                "than on the checking photos ({checking}): it is partly memorising. "
                "More photos, or augmentation (Settings), usually help."
            ).format(train=percent(last.train_accuracy), checking=percent(last.val_accuracy))
        )
    if (
        not result.early_stopped
        and not result.stopped
        and result.best_epoch == last.epoch
        and len(result.history) >= 3
    ):
        improving = result.history[-1].val_accuracy > result.history[-2].val_accuracy
        if improving:
            out.append(
                Advice.tr("Accuracy was still improving at the last epoch: more epochs may help.")
            )
    if result.best_epoch != last.epoch:
        out.append(
            Advice.tr("The best epoch ({epoch}) was kept, not the last one.").format(
                epoch=result.best_epoch
            )
        )
    return out


def wilson_interval(correct: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% range for an accuracy measured on ``total`` photos (Wilson score interval)."""
    if total <= 0:
        return 0.0, 1.0
    p = correct / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def plain_verdict(evaluation: Any, history: list[Any] | None = None) -> tuple[str, list[str]]:
    """A one-line verdict and a list of advice for an :class:`engine.evaluation.Evaluation`."""
    k = max(1, len(evaluation.classes))
    acc, n = evaluation.accuracy, evaluation.count
    chance = 1.0 / k
    if n == 0:
        return Advice.tr("No checking photos could be checked."), []
    if acc >= 0.97:
        verdict = Advice.tr("Excellent: the model recognises almost every checking photo.")
    elif acc >= 0.9:
        verdict = Advice.tr("Good: the model is right about {tenths} times in 10.").format(
            tenths=math.floor(acc * 10)
        )
    elif acc >= 0.75:
        verdict = Advice.tr("Fair: the model is usually right, but it mixes some categories up.")
    elif acc >= chance + 0.15:
        verdict = Advice.tr("Weak: the model has learned something, but it is often wrong.")
    else:
        verdict = Advice.tr("Not learning yet: the model does little better than guessing.")
    advice = list(evaluation.advice())
    correct = round(acc * n)
    lo, hi = wilson_interval(correct, n)
    if n < 100 and hi - lo > 0.1:
        advice.append(
            Advice.tr(
                "Only {count} photos were checked, so the real accuracy could be anywhere from "
                "{low} to {high}. More photos per category make this figure more certain."
            ).format(count=n, low=percent(lo), high=percent(hi))
        )
    if history:
        best = max(history, key=lambda r: r.val_accuracy)
        if best.train_accuracy - best.val_accuracy > 0.15:
            advice.append(
                Advice.tr(
                    "The model does better on its training photos ({train}) "
                    "than on new ones ({checking}): it is memorising. More varied "
                    "photos, or training fewer layers, will help."
                ).format(train=percent(best.train_accuracy), checking=percent(best.val_accuracy))
            )
    if acc < chance + 0.15:
        advice.append(
            Advice.tr(
                "Check that each category's folder holds only photos of that category, and "
                "add more photos: at least 20 per category."
            )
        )
    return verdict, advice
