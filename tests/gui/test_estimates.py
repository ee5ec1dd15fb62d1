"""The Model step's time estimate against a real run: within 2x, head only on the sample
(through the window) and fine-tune everything on a small folder."""

from __future__ import annotations

import pytest
from test_training_flow import load_folder_by_button

from gui.resources import sample_dir


@pytest.mark.slow
def test_the_estimate_is_within_2x_of_a_real_run_on_the_sample(
    qtbot, window, wait_catalog, monkeypatch, record_property
):
    from engine.config import TrainConfig
    from engine.plan import estimate_seconds, plan_run

    win = window
    wait_catalog(win)
    load_folder_by_button(qtbot, win, sample_dir(), monkeypatch)
    win.model_page.apply_preset("head")
    s = win.model_page.structure
    n_train, n_val = win.model_page._photo_counts()
    epochs = 3
    plan = plan_run(TrainConfig(train_layers="head"), s.groups, s.stage_names)
    prepare, per_epoch = estimate_seconds(plan, s, n_train, n_val)
    estimate = prepare + epochs * per_epoch
    assert "Rough time for 120 + 30 photos" in win.model_page.time_label.text()

    win.go_to(2)
    page = win.train_page
    page.epochs_spin.setValue(epochs)
    with qtbot.waitSignal(page.training_finished, timeout=900_000) as done:
        page.train_button.click()
    result = done.args[0]
    assert result is not None, page.log.toPlainText()
    ratio = estimate / result.seconds
    record_property("estimate_over_real", f"{ratio:.2f}")
    print(f"\nestimate {estimate:.1f} s, real {result.seconds:.1f} s: {ratio:.2f}x")
    assert 0.5 <= ratio <= 2.0, (estimate, result.seconds)


@pytest.mark.slow
def test_the_fine_tune_everything_estimate_is_within_2x_of_a_real_run(
    fashion_small, tmp_path, record_property
):
    """Issue 13: "fine-tune everything" said 453 ms per photo; a real epoch took 52 s.
    Every layer trains here (no feature cache, a checkpoint every epoch), on 36 photos."""
    from engine import measure
    from engine.config import TrainConfig
    from engine.dataset import scan_folder, split_train_val
    from engine.plan import estimate_seconds, plan_run
    from engine.training import train

    config = TrainConfig(
        data_dir=str(fashion_small),
        train_layers="all",
        epochs=2,
        early_stop_patience=0,
        checkpoint=str(tmp_path / "m.ckpt"),  # as the window's runs of more than the head
    )
    # Timed now, not taken from earlier in the session: on a shared machine whose load
    # changes by the minute, the timing and the run must see the same machine.
    s = measure._at_training_precision(measure.measure_structure(config.backbone))
    scan = scan_folder(fashion_small)
    train_photos, val_photos = split_train_val(scan, config.val_split, config.seed)
    plan = plan_run(config, s.groups, s.stage_names)
    assert not plan.caches_features
    prepare, per_epoch = estimate_seconds(plan, s, len(train_photos), len(val_photos))
    result = train(config, out=tmp_path / "m.ftmodel")
    real_epoch = sum(r.seconds for r in result.history) / len(result.history)
    total = prepare + config.epochs * per_epoch
    for what, estimate, real in (("epoch", per_epoch, real_epoch), ("run", total, result.seconds)):
        ratio = estimate / real
        record_property(f"{what}_estimate_over_real", f"{ratio:.2f}")
        print(f"\n{what}: estimate {estimate:.1f} s, real {real:.1f} s: {ratio:.2f}x")
        assert 0.5 <= ratio <= 2.0, (what, estimate, real)
