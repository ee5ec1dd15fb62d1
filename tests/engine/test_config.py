"""The run's vocabulary (engine.config): the one way to stop, and the duration words."""

from __future__ import annotations

import threading
import time

from engine.config import TrainControl
from engine.progress import fmt_duration, fmt_time_left


def test_a_paused_run_returns_when_the_workers_stop_event_is_set():
    # The window hands control.stop_event to its worker; the worker's Stop sets only that
    # event (not control.stop()), and a paused run must still come out of its pause.
    stop = threading.Event()
    control = TrainControl(stop)
    control.pause()
    waited = []
    t = threading.Thread(target=lambda: (control.wait_if_paused(), waited.append(1)))
    t.start()
    time.sleep(0.3)
    assert not waited  # still paused
    stop.set()
    t.join(2)
    assert waited == [1]
    assert control.should_stop()


def test_durations_read_the_same_everywhere():
    assert fmt_duration(0.2) == "under a second"
    assert fmt_duration(42) == "42 s"
    assert fmt_duration(12 * 60) == "12 min"
    assert fmt_duration(3 * 3600) == "3.0 h"
    assert fmt_time_left(None) == ""
    assert fmt_time_left(2) == "a few seconds left"
    assert fmt_time_left(600) == "about 10 min left"
