"""Judgement in the engine: advice after training, the epochs warning, the checkpoint
policy, the plan the estimate shares with training, and time left without jumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.advice import training_advice
from engine.config import EpochRecord, TrainConfig, TrainResult
from engine.plan import (
    DECODE_MS,
    BackboneStructure,
    default_checkpoint,
    epochs_warning,
    estimate_seconds,
    plan_run,
)
from engine.progress import TimeLeft

STAGES = ["stem", "block1", "block2", "pool", "head"]
GROUPS = ["stem", "block1", "block2", "head"]


def _result(acc: float, *, trainable: int, total: int, stopped=False) -> TrainResult:
    history = [EpochRecord(1, 1.0, acc, 1.0, acc, 1.0, 1e-3)]
    return TrainResult(
        classes=["a", "b", "c"],
        history=history,
        best_epoch=1,
        val_accuracy=acc,
        skipped=[],
        warnings=[],
        stopped=stopped,
        early_stopped=False,
        model_path=None,
        seconds=1.0,
        trainable_params=trainable,
        total_params=total,
    )


def test_low_accuracy_after_fine_tuning_everything_never_says_let_more_layers_learn():
    # Issue 13: after Stop in a "fine-tune everything" run the advice named "Also fine-tune
    # the last block", which trains fewer layers.
    everything = _result(0.4, trainable=100, total=100, stopped=True)
    for advice in (training_advice(everything), training_advice(everything, "all")):
        text = " ".join(advice)
        assert "last block" not in text and "more layers cannot help" in text, text
    head = " ".join(training_advice(_result(0.4, trainable=10, total=100), "head"))
    assert "Also fine-tune the last block" in head
    last = " ".join(training_advice(_result(0.4, trainable=30, total=100), "last"))
    assert "Fine-tune everything" in last and "last block" not in last


def test_far_too_many_epochs_are_said_and_a_sensible_number_is_not():
    assert epochs_warning(TrainConfig(epochs=10)) is None
    assert epochs_warning(TrainConfig(epochs=50)) is None
    warning = epochs_warning(TrainConfig(epochs=500))
    assert warning and "500 epochs" in warning and "4 epochs" in warning
    assert epochs_warning(TrainConfig(epochs=500, early_stop_patience=0))
    assert epochs_warning(TrainConfig(epochs=80, early_stop_patience=0)) is None


def test_one_checkpoint_policy_for_the_cli_and_the_window():
    out = Path("/tmp/run/m.ftmodel")
    assert default_checkpoint(TrainConfig(train_layers="head"), out) is None
    for layers in ("last", "all", "block2,head"):
        assert default_checkpoint(TrainConfig(train_layers=layers), out) == "/tmp/run/m.ckpt"


def test_the_estimate_uses_the_runs_own_views_rule():
    s = BackboneStructure("x", GROUPS, {g: 1 for g in GROUPS}, 8, STAGES, [1, 2, 3, 0, 1])
    head = plan_run(TrainConfig(train_layers="head"), GROUPS, STAGES)
    assert (head.upto, head.augment, head.views) == (4, False, 1)
    last = plan_run(TrainConfig(train_layers="last", augment_views=5), GROUPS, STAGES)
    assert (last.upto, last.augment, last.views) == (2, True, 5)
    off = plan_run(TrainConfig(train_layers="last", augment=False), GROUPS, STAGES)
    assert off.views == 1
    # The estimate follows the plan: 5 views were cached, not the 3 the page assumed; each
    # view more runs the frozen stages (1 + 2 ms) over each photo once, after decoding it.
    prepare, epoch = estimate_seconds(last, s, 100, 20)
    prepare_1, epoch_1 = estimate_seconds(off, s, 100, 20)
    assert prepare - prepare_1 == pytest.approx(100 * 4 * (1 + 2 + DECODE_MS) / 1000)
    assert epoch == epoch_1  # an epoch trains on one view of each photo either way


def test_time_left_does_not_jump_when_the_checking_pass_is_slow():
    # Issue 13: time left jumped 4.9 h -> 7.0 h -> 19.5 h. Here: steps of 1 s, and a 30 s
    # checking pass after every epoch of 10 steps; after the first epoch has been seen,
    # the finish time it predicts stays put, and it is right.
    now = [0.0]
    left = TimeLeft(clock=lambda: now[0], check_fraction=0.1)
    epochs, spe = 20, 10
    finish = []
    for epoch in range(1, epochs + 1):
        for b in range(1, spe + 1):
            now[0] += 1.0
            eta = left.update((epoch - 1) * spe + b, epochs * spe, spe, epochs - epoch + 1)
            if epoch > 1:
                finish.append(eta + now[0])
        now[0] += 30.0
        left.checked(30.0)
    end = now[0]
    assert max(finish) - min(finish) < 0.05 * end, (min(finish), max(finish), end)
    assert abs(finish[-1] - end) < 0.05 * end


def test_a_tie_is_named_so_two_epochs_are_never_both_the_best():
    from engine.cli import _best_words
    from engine.config import TrainEvent

    assert _best_words(TrainEvent("epoch", best=False)) == ""
    assert _best_words(TrainEvent("epoch", best=True)) == " (best so far)"
    tie = _best_words(TrainEvent("epoch", best=True, tied_with=1))
    assert tie == " (best so far: same accuracy as epoch 1, lower loss)"
