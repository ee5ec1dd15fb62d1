"""The Model step's time estimate against a real run on the sample: within 2x."""

from __future__ import annotations

import pytest
from test_training_flow import load_folder_by_button

from gui.resources import sample_dir


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="issue 13, open: on a quiet 2-core machine the Model step's estimate was 3.5 s for "
    "a real 8.2 s (0.42x); within 2x only under load so far",
)
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
