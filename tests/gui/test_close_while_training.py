"""Closing the window during training: "Stop and close? Yes" stops the training and waits
for it to end before asking about saving; Cancel then leaves a stopped, consistent window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from test_training_flow import fast_settings

Answer = QMessageBox.StandardButton


def test_close_while_training_stops_before_asking_to_save(
    qtbot, window, wait_catalog, tiny_photos, monkeypatch
):
    win = window
    wait_catalog(win)
    win.photos_page.load_folder(tiny_photos)
    qtbot.waitUntil(lambda: win.state.scan is not None, timeout=30_000)
    fast_settings(win, epochs=400, image_size=96)
    win.train_page.patience_spin.setValue(0)
    win.train_page.start_training()
    page = win.train_page
    # At least one epoch done: a model exists, so closing will ask about saving it.
    qtbot.waitUntil(lambda: len(page.accuracy_plot.val) >= 1, timeout=120_000)

    seen: list[tuple[str, bool, int]] = []

    def answer(title, text, buttons, default):
        steps = len(page.loss_plot.raw)
        seen.append((title, page.training, steps))
        if title == "Stop and close?":
            return Answer.Yes
        return Answer.Cancel  # the save question: keep the window open

    monkeypatch.setattr(win, "ask", answer)
    win.close()
    titles = [t for t, _, _ in seen]
    assert titles == ["Stop and close?", "Save the project?"]
    # When the save question came, the training had ended: no step after it.
    _, running_when_asked, steps_when_asked = seen[1]
    assert not running_when_asked
    qtbot.wait(300)
    assert len(page.loss_plot.raw) == steps_when_asked

    # Cancel: the window stays, training stopped and the window knows it.
    assert win.isVisible()
    assert not page.training and page._handle is None
    assert page.train_button.isEnabled() and not page.stop_button.isEnabled()
    assert page.last_result is not None and page.last_result.stopped
    assert win.state.model_path is not None and win.state.model_path.is_file()
    # The model it kept is checked, as after any training (held back while closing).
    qtbot.waitUntil(lambda: win.results_page.evaluation is not None, timeout=120_000)

    # Closing again now asks only about saving.
    seen.clear()
    monkeypatch.setattr(
        win, "ask", lambda title, *a: seen.append((title, False, 0)) or Answer.Discard
    )
    win.close()
    assert [t for t, _, _ in seen] == ["Save the project?"]
    assert not win.isVisible()
