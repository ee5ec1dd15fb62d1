"""Live training curves: loss per step (raw and smoothed) with validation loss per epoch,
and accuracy per epoch.

Points go into growing numpy buffers as events arrive; a timer redraws at most five times
a second, and only when something changed. Long curves stay fast: ``setClipToView`` draws
only what is visible and peak downsampling keeps the spikes while drawing a few thousand
points instead of a million.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from ..terms import tip

BLUE = QColor(31, 119, 180)
ORANGE = QColor(230, 120, 20)
GREEN = QColor(44, 160, 44)
REDRAW_MS = 200


class GrowingSeries:
    """x/y float64 buffers that double when full (amortised O(1) appends)."""

    def __init__(self, capacity: int = 1024) -> None:
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.n = 0

    def extend(self, xs: Iterable[float], ys: Iterable[float]) -> None:
        xa = np.asarray(list(xs) if not isinstance(xs, np.ndarray) else xs, dtype=float)
        ya = np.asarray(list(ys) if not isinstance(ys, np.ndarray) else ys, dtype=float)
        need = self.n + len(xa)
        if need > len(self.x):
            cap = max(need, 2 * len(self.x))
            self.x = np.resize(self.x, cap)
            self.y = np.resize(self.y, cap)
        self.x[self.n : need] = xa
        self.y[self.n : need] = ya
        self.n = need

    def clear(self) -> None:
        self.n = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.n], self.y[: self.n]

    def __len__(self) -> int:
        return self.n


class _CurvePlot(pg.PlotWidget):
    """A PlotWidget that follows the palette, shows a hint when empty and redraws lazily."""

    def empty_hint(self) -> str:
        """What the empty plot says (each plot its own, in the window's language)."""
        return ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(220, 160)
        self.plotItem.showGrid(x=True, y=True, alpha=0.2)
        for name in ("left", "bottom"):
            # Grid lines at the labelled ticks only: the finer levels of translucent lines
            # cost 30-60 ms a repaint (measured offscreen), most of a redraw.
            self.plotItem.getAxis(name).setStyle(maxTickLevel=0)
            # Epochs and losses are plain numbers: no "epoch (x0.001)" with ticks 200-800
            # when a run has only fractions of an epoch yet.
            self.plotItem.getAxis(name).enableAutoSIPrefix(False)
        # Nothing happens before epoch 0 and no loss or accuracy is negative: the view
        # never runs to -5..5 (one point) or -500..500 (none).
        self.plotItem.vb.setLimits(xMin=0, yMin=0)
        self.plotItem.setXRange(0, 1, padding=0)
        # setXRange turns the x auto-range off: on again, or a run's curves stay cut off
        # at epoch 1 (the empty view keeps 0..1: there is nothing to range over yet).
        self.plotItem.enableAutoRange(axis="x")
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self._hint = pg.TextItem(self.empty_hint(), anchor=(0.5, 0.5))
        # Wrapped to fit the smallest plot (its minimum width less the axis), not clipped
        # to "ars here when training starts".
        self._hint.setTextWidth(150)
        self._hint.setPos(0.5, 0.5)
        self.plotItem.vb.addItem(self._hint, ignoreBounds=True)
        self._dirty = False
        self._redraw_clock = _RedrawClock.shared()
        self._redraw_clock.add(self)
        self._apply_palette()

    def mark_dirty(self) -> None:
        """New data: redrawn at the plot's next turn (within ``REDRAW_MS``)."""
        self._dirty = True

    def _redraw_if_dirty(self) -> bool:
        if self._dirty:
            self.redraw()
            return True
        return False

    def redraw(self) -> None:
        self._dirty = False
        empty = not self.has_data()
        self._hint.setVisible(empty)
        # The legend names curves: with none yet it only covered the hint in a small plot.
        self.legend.setVisible(not empty)
        if empty:
            self.center_hint()
        self._update_curves()

    def center_hint(self) -> None:
        """The empty-plot hint in the middle of what is shown (whatever the axes' ranges)."""
        (x0, x1), (y0, y1) = self.plotItem.vb.viewRange()
        self._hint.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    def has_data(self) -> bool:
        raise NotImplementedError

    def _update_curves(self) -> None:
        raise NotImplementedError

    def _apply_palette(self) -> None:
        pal = self.palette()
        self.setBackground(pal.color(QPalette.ColorRole.Base))
        fg = pal.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.plotItem.getAxis(name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
        self._hint.setColor(pal.color(QPalette.ColorRole.PlaceholderText))
        self.legend.setLabelTextColor(fg)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ) and hasattr(self, "_hint"):
            self._apply_palette()
        super().changeEvent(event)

    def stop_timer(self) -> None:
        self._redraw_clock.remove(self)


class _RedrawClock(QObject):
    """One timer for every live plot: each tick redraws the next plot that has new data,
    in turn. A plot with new data is redrawn within ``REDRAW_MS`` (two plots: a tick every
    ``REDRAW_MS / 2``), and two plots never repaint in the same turn of the event loop,
    which kept the window's worst pause while training to one plot's repaint."""

    _instance: _RedrawClock | None = None

    @classmethod
    def shared(cls) -> _RedrawClock:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        super().__init__()
        self._plots: list[weakref.ReferenceType[_CurvePlot]] = []
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS // 2)
        self._timer.timeout.connect(self._tick)

    def add(self, plot: _CurvePlot) -> None:
        self._plots.append(weakref.ref(plot))
        self._timer.start()

    def remove(self, plot: _CurvePlot | None = None) -> None:
        """Stop redrawing ``plot``; also forgets plots that are gone (None: only those)."""
        self._plots = [r for r in self._plots if r() is not None and r() is not plot]
        if not self._plots:
            self._timer.stop()

    def _tick(self) -> None:
        self.remove()
        plots = [p for p in (r() for r in self._plots) if p is not None]
        for i in range(len(plots)):
            j = (self._next + i) % len(plots)
            try:
                redrawn = plots[j]._redraw_if_dirty()
            except RuntimeError:  # its Qt object was deleted: forget it next time
                self.remove(plots[j])
                continue
            if redrawn:
                self._next = j + 1
                return


def _fast(curve: pg.PlotDataItem) -> pg.PlotDataItem:
    """Long curves arrive already reduced by :func:`reduce_for_display`; no antialiasing
    (on thousands of segments it costs more than everything else in a repaint)."""
    curve.setSkipFiniteCheck(True)
    return curve


def reduce_for_display(
    x: np.ndarray, y: np.ndarray, x_range: tuple[float, float] | None, pixels: int, peak: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Clip to the visible x range and downsample to about two points per pixel.

    ``x`` must be increasing (steps are). ``peak`` keeps each bin's minimum and maximum, so
    a spike in a million points still shows; otherwise each bin's last point (smooth
    curves need no more).
    Costs one pass over the visible points, in numpy: a few ms for a million.
    """
    n = len(x)
    if x_range is not None and n:
        lo = max(0, int(np.searchsorted(x, x_range[0], "left")) - 1)
        hi = min(n, int(np.searchsorted(x, x_range[1], "right")) + 1)
        x, y = x[lo:hi], y[lo:hi]
        n = len(x)
    target = max(200, pixels)
    if n <= 4 * target:
        return x, y
    block = n // target
    m = (n // block) * block
    bins = y[:m].reshape(-1, block)
    first, last = x[:m:block], x[block - 1 : m : block]
    if peak:
        out_x = np.empty(2 * len(first))
        out_x[0::2], out_x[1::2] = first, last
        out_y = np.empty(2 * len(first))
        out_y[0::2] = bins.min(axis=1)
        out_y[1::2] = bins.max(axis=1)
    else:
        out_x, out_y = last, bins[:, -1]
    # The tail that does not fill a bin is drawn as it is (it is the newest data).
    return np.concatenate([out_x, x[m:]]), np.concatenate([out_y, y[m:]])


class LossPlot(_CurvePlot):
    """Training loss per step (faint), smoothed (solid), and validation loss per epoch."""

    def empty_hint(self) -> str:
        return self.tr("The loss curve appears here when training starts.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self.setAccessibleName(self.tr("Loss curve"))
        self.setAccessibleDescription(
            self.tr("Training loss per step and validation loss per epoch")
        )
        self.setToolTip(tip("loss"))
        self.plotItem.setLabel("bottom", self.tr("epoch"))
        self.plotItem.setLabel("left", self.tr("loss (lower is better)"))
        faint = QColor(BLUE)
        faint.setAlpha(70)
        self._raw_curve = _fast(self.plot(pen=pg.mkPen(faint, width=1)))
        self._smooth_curve = _fast(
            self.plot(pen=pg.mkPen(BLUE, width=2), name=self.tr("training photos (smoothed)"))
        )
        self._val_curve = self.plot(
            pen=pg.mkPen(ORANGE, width=2),
            antialias=True,
            symbol="o",
            symbolSize=7,
            symbolBrush=ORANGE,
            symbolPen=None,
            name=self.tr("checking photos"),
        )
        self.raw = GrowingSeries()
        self.smooth = GrowingSeries()
        self.val = GrowingSeries(64)
        self.steps_per_epoch = 1
        self._ema = 0.0
        self._ema_n = 0
        self._alpha = 0.6
        self.plotItem.vb.sigXRangeChanged.connect(self._on_range_changed)

    def _on_range_changed(self, *_args: object) -> None:
        # Zooming in shows more detail: re-reduce for the new range (unless auto-ranging,
        # where the range follows the data and nothing new becomes visible).
        if not self.plotItem.vb.autoRangeEnabled()[0] and len(self.raw) > 800:
            self.mark_dirty()

    def reset(self, steps_per_epoch: int = 1) -> None:
        self.raw.clear()
        self.smooth.clear()
        self.val.clear()
        self._ema = 0.0
        self._ema_n = 0
        self.set_steps_per_epoch(steps_per_epoch)
        self.redraw()

    def set_steps_per_epoch(self, steps: int) -> None:
        self.steps_per_epoch = max(1, int(steps))
        # About half an epoch of memory, within sensible bounds.
        self._alpha = float(np.clip(1 - 2 / (self.steps_per_epoch + 1), 0.5, 0.95))

    def add_losses(self, pairs: Iterable[tuple[int, float]]) -> None:
        """``(global_step, loss)`` pairs, as in ``TrainEvent.losses``."""
        pairs = list(pairs)
        if not pairs:
            return
        steps = np.fromiter((s for s, _ in pairs), float, len(pairs))
        losses = np.fromiter((v for _, v in pairs), float, len(pairs))
        smoothed = np.empty_like(losses)
        a = self._alpha
        for i, v in enumerate(losses):
            # Exponential moving average, debiased so the first points are not pulled to 0.
            self._ema = a * self._ema + (1 - a) * v
            self._ema_n += 1
            smoothed[i] = self._ema / (1 - a**self._ema_n)
        x = steps / self.steps_per_epoch
        self.raw.extend(x, losses)
        self.smooth.extend(x, smoothed)
        self.mark_dirty()

    def set_losses(self, steps: np.ndarray, losses: np.ndarray) -> None:
        """Replace the per-step curve at once (e.g. a long history); smoothing vectorised."""
        self.raw.clear()
        self.smooth.clear()
        self._ema, self._ema_n = 0.0, 0
        x = np.asarray(steps, dtype=float) / self.steps_per_epoch
        y = np.asarray(losses, dtype=float)
        self.raw.extend(x, y)
        self.smooth.extend(x, _ema(y, self._alpha))
        self.mark_dirty()

    def add_val_loss(self, epoch: int, loss: float) -> None:
        self.val.extend([epoch], [loss])
        self.mark_dirty()

    def has_data(self) -> bool:
        return bool(len(self.raw) or len(self.val))

    def _update_curves(self) -> None:
        vb = self.plotItem.vb
        # With auto-range on, everything is visible; otherwise only what is in view.
        x_range = None if vb.autoRangeEnabled()[0] else tuple(vb.viewRange()[0])
        pixels = max(100, int(vb.width()))
        self._raw_curve.setData(*reduce_for_display(*self.raw.data(), x_range, pixels, peak=True))
        self._smooth_curve.setData(
            *reduce_for_display(*self.smooth.data(), x_range, pixels, peak=False)
        )
        self._val_curve.setData(*self.val.data())


def _ema(y: np.ndarray, alpha: float) -> np.ndarray:
    """Debiased exponential moving average of ``y`` (block-wise, no Python loop per point)."""
    out = np.empty_like(y)
    ema = 0.0
    n = 0
    # a^-block must stay far below the float64 maximum (about 2^1023).
    block = max(1, int(600 / -np.log(alpha)))
    for start in range(0, len(y), block):
        chunk = y[start : start + block]
        k = np.arange(1, len(chunk) + 1)
        # ema_k = a^k ema_0 + (1-a) sum_j a^(k-j) y_j, computed with a cumulative sum on
        # rescaled values.
        weights = alpha ** (-k)
        acc = np.cumsum(chunk * weights) * (1 - alpha)
        values = alpha**k * (ema + acc)
        n_k = n + k
        out[start : start + len(chunk)] = values / (1 - alpha**n_k)
        ema = values[-1]
        n += len(chunk)
    return out


class AccuracyPlot(_CurvePlot):
    """Accuracy per epoch on the training and the checking (validation) photos, in %."""

    def empty_hint(self) -> str:
        return self.tr("Accuracy appears here after the first epoch.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accuracyPlot")
        self.setAccessibleName(self.tr("Accuracy curve"))
        self.setAccessibleDescription(
            self.tr("Training and validation accuracy per epoch, in percent")
        )
        self.setToolTip(tip("accuracy"))
        self.plotItem.setLabel("bottom", self.tr("epoch"))
        self.plotItem.setLabel("left", self.tr("accuracy (%)"))
        self.plotItem.setYRange(0, 100, padding=0.02)
        self.plotItem.vb.setLimits(yMin=0, yMax=105)
        # The hint starts at y 0.5, the foot of a 0-100 axis, where it was cut off.
        self.center_hint()
        self.legend.setOffset((-10, -10))
        self._train_curve = self.plot(
            pen=pg.mkPen(BLUE, width=2),
            antialias=True,
            symbol="o",
            symbolSize=7,
            symbolBrush=BLUE,
            symbolPen=None,
            name=self.tr("training photos"),
        )
        self._val_curve = self.plot(
            pen=pg.mkPen(ORANGE, width=2),
            antialias=True,
            symbol="s",
            symbolSize=7,
            symbolBrush=ORANGE,
            symbolPen=None,
            name=self.tr("checking photos"),
        )
        self.train = GrowingSeries(64)
        self.val = GrowingSeries(64)

    def reset(self) -> None:
        self.train.clear()
        self.val.clear()
        self.redraw()

    def add_epoch(self, epoch: int, train_accuracy: float, val_accuracy: float) -> None:
        """Accuracies as fractions (0..1), as in ``EpochRecord``."""
        self.train.extend([epoch], [100 * train_accuracy])
        self.val.extend([epoch], [100 * val_accuracy])
        self.mark_dirty()

    def has_data(self) -> bool:
        return bool(len(self.val))

    def _update_curves(self) -> None:
        self._train_curve.setData(*self.train.data())
        self._val_curve.setData(*self.val.data())
        self.plotItem.setYRange(0, 100, padding=0.02)
        # Whole epochs on the x axis (no "1.2, 1.4" between two points).
        last = int(self.val.x[self.val.n - 1]) if self.val.n else 1
        step = max(1, -(-last // 10))
        self.plotItem.getAxis("bottom").setTickSpacing(step, step)
