"""Measure how responsive the GUI's event loop is: a 10 ms timer and its lateness."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer


@dataclass(frozen=True)
class LatenessStats:
    ticks: int
    p50_ms: float
    p99_ms: float
    worst_ms: float

    def __str__(self) -> str:
        return (
            f"{self.ticks} ticks: lateness p50 {self.p50_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms, worst {self.worst_ms:.1f} ms"
        )


class LatencyProbe(QObject):
    """A precise ``interval_ms`` timer; each tick records how late it fired.

    Lateness = time since the previous tick minus the interval. A GUI that stalls for
    200 ms shows one tick about 190 ms late.
    """

    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.lateness_ms: list[float] = []

    def start(self) -> None:
        self.lateness_ms = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> LatenessStats:
        self._timer.stop()
        return self.stats()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness_ms.append(max(0.0, (now - self._last) * 1000 - self.interval_ms))
        self._last = now

    def stats(self) -> LatenessStats:
        if not self.lateness_ms:
            return LatenessStats(0, 0.0, 0.0, 0.0)
        a = np.asarray(self.lateness_ms)
        return LatenessStats(
            len(a),
            float(np.percentile(a, 50)),
            float(np.percentile(a, 99)),
            float(a.max()),
        )
