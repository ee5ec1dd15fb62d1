"""One model, one preprocessing, one number: the checking accuracy the Train step reports
is the one the Results step measures, and a photo's confidence is the same on Results and
on Use (and on checking again)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_training_flow import _choose, load_folder_by_button

from gui.resources import sample_dir

TRAIN, RESULTS, USE = 2, 3, 4


@pytest.mark.slow
def test_numbers_agree_across_train_results_and_use(qtbot, window, wait_catalog, monkeypatch):
    from engine.device import _cpu_has_bf16

    win = window
    wait_catalog(win)
    load_folder_by_button(qtbot, win, sample_dir(), monkeypatch)
    win.go_to(TRAIN)
    page = win.train_page
    page.epochs_spin.setValue(3)
    # Training in bfloat16 (where the processor has it) is what made the numbers differ:
    # the check during training must still be the saved model's float32 answer.
    _choose(page.precision_combo, "bf16" if _cpu_has_bf16() else "fp32")
    with (
        qtbot.waitSignal(win.results_page.evaluation_ready, timeout=600_000) as checked,
        qtbot.waitSignal(page.training_finished, timeout=600_000) as trained,
    ):
        page.train_button.click()
    result, ev = trained.args[0], checked.args[0]
    assert result is not None and result.model_path is not None, page.log.toPlainText()

    # Train and Results: the same accuracy, on the same 30 photos.
    assert ev.count == len(result.val_photos) == 30
    assert ev.accuracy == pytest.approx(result.val_accuracy, abs=1e-6)
    shown = f"{result.val_accuracy:.0%}"
    assert f"best checking accuracy {shown}" in page.progress.format()
    assert win.results_page.accuracy_label.text() == shown
    correct = round(ev.accuracy * ev.count)
    assert f"{correct} of 30" in win.results_page.accuracy_caption.text()
    # Not only the rounded accuracy: the best epoch's checking loss is the saved model's.
    import math

    best = next(r for r in result.history if r.epoch == result.best_epoch)
    predictor = win.use_page.predictor or _predictor(qtbot, win)
    answers = predictor.predict_paths(ev.paths, top_k=len(ev.classes))
    names = [ev.classes[t] for t in ev.true]
    loss = -sum(math.log(dict(a.top)[n]) for a, n in zip(answers, names, strict=True)) / ev.count
    assert loss == pytest.approx(best.val_loss, abs=2e-4)

    # Results and Use: the same confidence for the least certain photo, shown the same way.
    i = min(range(ev.count), key=lambda k: ev.confidence[k])
    photo = ev.paths[i]
    use = win.use_page
    with qtbot.waitSignal(use.classify_finished, timeout=60_000):
        use.classify([photo])
    qtbot.waitUntil(lambda: use.model.rowCount() == 1, timeout=10_000)
    answer = use.model.predictions()[0]
    assert Path(answer.path) == Path(photo)
    assert answer.top[0][1] == pytest.approx(ev.confidence[i], abs=1e-5)
    assert f"{answer.top[0][1]:.0%}" == f"{ev.confidence[i]:.0%}"

    # Checking again gives the same numbers.
    with qtbot.waitSignal(win.results_page.evaluation_ready, timeout=120_000) as again:
        win.results_page.show_result(result, result.model_path)
    assert again.args[0].confidence == pytest.approx(ev.confidence, abs=1e-6)
    assert again.args[0].accuracy == ev.accuracy


def _predictor(qtbot, win):
    qtbot.waitUntil(lambda: win.use_page.predictor is not None, timeout=120_000)
    return win.use_page.predictor
