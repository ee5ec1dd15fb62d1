"""Progress reporting helpers shared by every long engine call."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from .i18n import Messages, decimal

ProgressFn = Callable[[Any], None]
StopFn = Callable[[], bool]


def never_stop() -> bool:
    return False


class Throttle:
    """Lets a producer report at most ``per_second`` times a second (plus the last report).

    A GUI flooded with one signal per image or per batch stalls; ten updates a second
    look live and cost nothing.
    """

    def __init__(self, per_second: float = 10.0) -> None:
        self.interval = 1.0 / per_second
        self._last = float("-inf")

    def ready(self, final: bool = False) -> bool:
        now = time.monotonic()
        if final or now - self._last >= self.interval:
            self._last = now
            return True
        return False


class Progress(Messages):
    """Messages of engine/progress.py: durations and time left."""


def fmt_duration(seconds: float) -> str:
    """A duration in plain words, rounded as a person says it ("40 s", "12 min", "1.5 h").

    The one formatter of durations: the CLI, the Train page's time left and the Model
    page's estimates all use it, so the same number reads the same everywhere.
    """
    if seconds < 1:
        return Progress.tr("under a second")
    if seconds < 90:
        return Progress.tr("{seconds} s").format(seconds=decimal(seconds))
    if seconds < 5400:
        return Progress.tr("{minutes} min").format(minutes=round(seconds / 60))
    return Progress.tr("{hours} h").format(hours=decimal(seconds / 3600, 1))


def fmt_time_left(seconds: float | None) -> str:
    """``"about 12 min left"`` (empty when not known yet)."""
    if seconds is None:
        return ""
    if seconds < 5:
        return Progress.tr("a few seconds left")
    return Progress.tr("about {duration} left").format(duration=fmt_duration(seconds))


class LinePrinter:
    """Progress on one updating line in a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        stream = stream if stream is not None else sys.stderr
        self.stream = stream
        self.tty = stream.isatty()
        self._last_plain = 0.0
        self.last_plain = ""  # the last line printed when not in a terminal
        self._width = 0

    def line(self, text: str) -> None:
        self._clear()
        print(text, file=self.stream, flush=True)

    def status(self, text: str) -> None:
        if self.tty:
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._width = len(text)
        elif time.monotonic() - self._last_plain > 5:
            self._last_plain = time.monotonic()
            self.last_plain = text
            print(text, file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0


class TimeLeft:
    """Time left of a training run: training steps and checking passes measured apart.

    The old figure mixed the speed of the last steps (no checking in it) with whole epochs
    (checking and the checkpoint in them), and jumped 4.9 h -> 7.0 h -> 19.5 h within a
    minute. Here the steps' speed is the average since measuring began (the first report
    only starts the clock: it includes warming up), the time of a checking pass is measured
    on its own (:meth:`checked`) and counted once per epoch left, so once an epoch has been
    seen the figure only moves when the computer's speed really changes. Before the first
    check it is guessed as ``check_fraction`` of an epoch's training time.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, check_fraction: float = 0.0):
        self._clock = clock
        self._check_fraction = check_fraction
        self._start: tuple[float, float] | None = None  # (time, steps) when measuring began
        self._paused = 0.0  # seconds spent checking since measuring began
        self._checks: list[float] = []

    def checked(self, seconds: float) -> None:
        """A checking pass (and what goes with it) took ``seconds``."""
        self._checks.append(seconds)
        if self._start is not None:
            self._paused += seconds

    def update(
        self, done: float, total: float, steps_per_epoch: float, checks_left: int
    ) -> float | None:
        """Seconds left after ``done`` of ``total`` steps, with ``checks_left`` checking
        passes to come (None until it can tell)."""
        now = self._clock()
        if self._start is None or done < self._start[1]:
            self._start, self._paused = (now, done), 0.0
            return None
        t0, d0 = self._start
        busy = now - t0 - self._paused
        if done - d0 <= 0 or busy <= 0:
            return None
        per_step = busy / (done - d0)
        if self._checks:
            per_check = sum(self._checks[-3:]) / len(self._checks[-3:])
        else:
            per_check = per_step * steps_per_epoch * self._check_fraction
        return max(0.0, per_step * (total - done) + per_check * checks_left)
