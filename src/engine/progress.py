"""Progress reporting helpers shared by every long engine call."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

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
