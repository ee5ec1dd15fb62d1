"""Progress reporting helpers shared by every long engine call."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

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


def fmt_duration(seconds: float) -> str:
    """A duration in plain words, rounded as a person says it ("40 s", "12 min", "1.5 h").

    The one formatter of durations: the CLI, the Train page's time left and the Model
    page's estimates all use it, so the same number reads the same everywhere.
    """
    if seconds < 1:
        return "under a second"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def fmt_time_left(seconds: float | None) -> str:
    """``"about 12 min left"`` (empty when not known yet)."""
    if seconds is None:
        return ""
    if seconds < 5:
        return "a few seconds left"
    return f"about {fmt_duration(seconds)} left"


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
