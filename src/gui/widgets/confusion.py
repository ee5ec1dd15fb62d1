"""A clickable confusion matrix drawn with pyqtgraph.

Rows are the true category, columns the predicted one (as in
:class:`engine.evaluation.Evaluation`). Each cell shows its photo count; its colour is the
share of that row (so a small category's mistakes are as visible as a big one's), with a
colour bar beside it. Clicking a cell emits :attr:`ConfusionMatrixWidget.cell_clicked`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

MAX_LABEL_CHARS = 14
MAX_TEXT_CELLS = 30  # above this many categories the counts are left to the tooltips


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1] + "…"


class ConfusionMatrixWidget(pg.GraphicsLayoutWidget):
    """Counts per (true, predicted) pair; click a cell to see its photos."""

    cell_clicked = Signal(int, int)  # true index, predicted index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.setBackground(None)
        self.setMinimumSize(260, 220)
        self.ci.setContentsMargins(4, 4, 4, 4)
        self.plot: pg.PlotItem = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.plot.setLabel("bottom", self.tr("Predicted category"))
        self.plot.setLabel("left", self.tr("True category"))
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickLength=0)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        # Pale to deep blue ("Blues"): the diagonal stands out, dark numbers stay readable.
        self.colormap = pg.ColorMap(
            pos=[0.0, 0.35, 0.7, 1.0],
            color=[(247, 251, 255), (158, 202, 225), (49, 130, 189), (8, 48, 107)],
        )
        self.image.setColorMap(self.colormap)
        self.image.setLevels((0.0, 1.0))
        self.colorbar = pg.ColorBarItem(
            values=(0.0, 1.0),
            colorMap=self.colormap,
            interactive=False,
            width=12,
            label=self.tr("Share of the true category"),
        )
        self.colorbar.setImageItem(self.image)
        self.addItem(self.colorbar, row=0, col=1)
        self._texts: list[pg.TextItem] = []
        self._selection = QGraphicsRectItem()
        self._selection.setPen(pg.mkPen(QColor("#e67e22"), width=3, cosmetic=True))
        self._selection.setZValue(10)
        self._selection.hide()
        self.plot.addItem(self._selection)
        self.classes: list[str] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)

    # ------------------------------------------------------------------------- content
    def set_matrix(self, matrix: Sequence[Sequence[int]], classes: Sequence[str]) -> None:
        """Show ``matrix[true][predicted]`` counts for ``classes``."""
        self.classes = list(classes)
        self.matrix = np.asarray(matrix, dtype=np.int64).reshape(
            len(self.classes), len(self.classes)
        )
        k = len(self.classes)
        rows = self.matrix.sum(axis=1, keepdims=True)
        share = np.divide(self.matrix, rows, out=np.zeros(self.matrix.shape), where=rows > 0)
        for item in self._texts:
            self.plot.removeItem(item)
        self._texts = []
        self._selection.hide()
        if k == 0:
            self.image.clear()
            self.plot.getAxis("bottom").setTicks([[]])
            self.plot.getAxis("left").setTicks([[]])
            self.setAccessibleDescription("")
            return
        # ImageItem indexes image[x, y]: x is the column (predicted), y the row (true).
        self.image.setImage(share.T, levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(QRectF(0, 0, k, k))
        if 0 < k <= MAX_TEXT_CELLS:
            font = QFont()
            font.setPointSizeF(max(7.0, 13.0 - 0.4 * k))
            font.setBold(True)
            for t in range(k):
                for p in range(k):
                    dark = share[t, p] > 0.55
                    text = pg.TextItem(
                        str(self.matrix[t, p]),
                        color=QColor("white") if dark else QColor("#1b2631"),
                        anchor=(0.5, 0.5),
                    )
                    text.setFont(font)
                    text.setPos(p + 0.5, t + 0.5)
                    self.plot.addItem(text)
                    self._texts.append(text)
        self._set_ticks()
        self.plot.setXRange(0, k, padding=0)
        self.plot.setYRange(0, k, padding=0)
        self.setAccessibleDescription(self._describe())

    def column_labels(self) -> list[str]:
        """The predicted-category labels under the columns, fitted to the columns' width:
        the names shortened with "…", or the categories' numbers when even that would
        overlap ("foodhousehold mammals"); the rows then carry the numbers too."""
        k = len(self.classes)
        if not k:
            return []
        width = self.plot.vb.sceneBoundingRect().width() or self.width() * 0.7
        room = int(width / k) - 8  # a gap between neighbouring labels
        metrics = QFontMetrics(self.plot.getAxis("bottom").font())
        if room < metrics.horizontalAdvance("Www…"):
            return [str(i + 1) for i in range(k)]
        return [
            metrics.elidedText(_short(n), Qt.TextElideMode.ElideRight, room) for n in self.classes
        ]

    def _set_ticks(self) -> None:
        columns = self.column_labels()
        numbered = bool(columns) and columns[0] == "1"
        rows = [
            f"{i + 1} {_short(n)}" if numbered else _short(n) for i, n in enumerate(self.classes)
        ]
        self.plot.getAxis("bottom").setTicks([[(i + 0.5, c) for i, c in enumerate(columns)]])
        self.plot.getAxis("left").setTicks([[(i + 0.5, r) for i, r in enumerate(rows)]])

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if getattr(self, "classes", None):  # not during construction
            self._set_ticks()

    def _describe(self) -> str:
        parts = []
        for t, name in enumerate(self.classes):
            wrong = [
                self.tr("{count} as {category}").format(
                    count=self.matrix[t, p], category=self.classes[p]
                )
                for p in range(len(self.classes))
                if p != t and self.matrix[t, p]
            ]
            right = self.matrix[t, t] if len(self.classes) else 0
            parts.append(
                self.tr("{category}: {count} right").format(category=name, count=right)
                + (", " + ", ".join(wrong) if wrong else "")
            )
        return "; ".join(parts)

    def describe_cell(self, true: int, predicted: int) -> str:
        n = int(self.matrix[true, predicted])
        total = int(self.matrix[true].sum())
        name = self.classes[true]
        if true == predicted:
            text = self.tr("%n of {total} {name} photos were recognised correctly", "", n)
        else:
            text = self.tr("%n of {total} {name} photos were taken for {other}", "", n)
        return text.format(total=total, name=name, other=self.classes[predicted])

    def select_cell(self, true: int, predicted: int) -> None:
        """Outline a cell (as a click does) and emit :attr:`cell_clicked`."""
        self._selection.setRect(QRectF(predicted, true, 1, 1))
        self._selection.show()
        self.cell_clicked.emit(true, predicted)

    # ------------------------------------------------------------------------ geometry
    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """The (true, predicted) cell under a scene position, or None."""
        if not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        pos = self.plot.vb.mapSceneToView(scene_pos)
        p, t = int(np.floor(pos.x())), int(np.floor(pos.y()))
        k = len(self.classes)
        if 0 <= t < k and 0 <= p < k:
            return t, p
        return None

    def cell_center(self, true: int, predicted: int) -> QPoint:
        """A cell's centre in this widget's (viewport) coordinates, e.g. to click it."""
        scene = self.plot.vb.mapViewToScene(QPointF(predicted + 0.5, true + 0.5))
        return self.mapFromScene(scene)

    # -------------------------------------------------------------------------- events
    def _on_scene_clicked(self, event) -> None:  # pyqtgraph MouseClickEvent
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            event.accept()
            self.select_cell(*cell)

    def _on_scene_moved(self, scene_pos: QPointF) -> None:
        cell = self.cell_at(scene_pos)
        if cell is None:
            self.setToolTip("")
            self.viewport().unsetCursor()
            return
        self.setToolTip(self.describe_cell(*cell) + "\n" + self.tr("Click to see these photos."))
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
