"""Where photos and folders are dropped to be classified (the Use step)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QWidget


class PhotoDropArea(QFrame):
    """Accepts drops of photos and folders (file URLs) and says so while dragging."""

    paths_dropped = Signal(list)  # list[str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictDropArea")
        # The Use step and its tests find the area by this name; a reader hears the description.
        self.setAccessibleName("predictDropArea")  # i18n: not text
        self.setAccessibleDescription(
            PhotoDropArea.tr("Drop photos or folders here to classify them.")
        )
        self.setAcceptDrops(True)
        self._dragging = False

    @staticmethod
    def local_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.local_paths(event):
            event.acceptProposedAction()
            self._set_dragging(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._set_dragging(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._set_dragging(False)
        paths = self.local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.paths_dropped.emit(paths)

    def _set_dragging(self, on: bool) -> None:
        if self._dragging != on:
            self._dragging = on
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        colour = (
            pal.color(QPalette.ColorRole.Highlight)
            if self._dragging
            else pal.color(QPalette.ColorRole.Mid)
        )
        pen = QPen(colour, 3 if self._dragging else 1.5, Qt.PenStyle.DashLine)
        p.setPen(pen)
        if self._dragging:
            fill = QColor(colour)
            fill.setAlpha(30)
            p.setBrush(fill)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 8, 8)
