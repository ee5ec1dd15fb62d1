"""The window's warm-up: what the first training run needs, done before Train is pressed.

The Model page's catalog worker, started when the window appears, runs inside
:func:`warming_up`: it imports torch, starts timing this computer (the precision probe and
the backbone's stage timing) in a child process the first time
(:func:`engine.measure.measure_in_background`), fills the catalog (without torchvision),
imports what training and prediction need, then calls :func:`engine.training.warm_up`,
which takes the child's answers.
A training run started meanwhile waits for it (:func:`wait_for_warm_up`) instead of doing
the same work at the same time: two threads importing and probing side by side with the
window's own thread was what made the window's 10 ms timer come hundreds of ms late at the
start of training (issue 13, ``benchmarks/gui_bench.py gui-child start``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator

from engine.gcpause import collector_paused

from .workers import lower_this_threads_priority

log = logging.getLogger(__name__)

_done = threading.Event()
_started = threading.Event()
#: When each part of the warm-up ended (``time.perf_counter()``), for the log and the
#: start-of-training benchmark.
parts: list[tuple[str, float]] = []


def part_done(name: str) -> None:
    """Note that the warm-up's part ``name`` has ended (and say so in the log)."""
    now = time.perf_counter()
    since = parts[-1][1] if parts else now
    parts.append((name, now))
    log.info("warm-up: %s done (%.2f s)", name, now - since)


@contextlib.contextmanager
def warming_up() -> Iterator[None]:
    """Run the body as the warm-up, on the calling worker thread.

    The thread runs at a lower priority than the window's. Python's cyclic garbage
    collector is off meanwhile and everything alive at the end is frozen out of it: each
    full collection during the imports walked every object torch had made (320 ms here,
    holding the GIL, the window frozen), and the imports make little cyclic garbage.
    """
    _started.set()
    parts.append(("start", time.perf_counter()))
    lower_this_threads_priority()
    try:
        with collector_paused():
            yield
    finally:
        _done.set()


def wait_for_warm_up(timeout_s: float | None = None) -> bool:
    """Wait (on a worker thread) until a started warm-up has ended; True if none is
    under way any more. Returns at once when no warm-up was started."""
    if not _started.is_set():
        return True
    return _done.wait(timeout_s)
