"""Prediction cards: one card per classified photo, painted by a delegate.

A drop can bring thousands of photos, so the cards are not widgets: a list model holds
the answers and thumbnails, and :class:`PredictionCardDelegate` paints only the cards in
view. Adding a chunk of cards is one ``beginInsertRows``; changing the "not sure"
threshold is one repaint.

Thumbnails are decoded lazily, off the GUI thread, only for the cards that are painted
(:class:`~gui.widgets.thumbnails.ThumbnailLoader`, an LRU cache), so ten thousand cards
cost no more decoding than the thirty on screen.
"""

from __future__ import annotations

import math
import os
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QProcess,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from engine.i18n import percent

from .thumbnails import ThumbnailLoader

THUMB = 96  # thumbnail size on cards (logical pixels)
CARD_CACHE = 300  # drawn cards kept (about 40 MB at most; a screen shows 20-40)
CARD_W, CARD_H = 272, 120

PredictionRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 3

SURE_COLOR = QColor("#2f7ed8")
UNSURE_COLOR = QColor("#d08a10")
OTHER_COLOR = QColor("#9aa5b1")
ERROR_COLOR = QColor("#c0392b")


# ------------------------------------------------------------------------------- numbers


# ------------------------------------------------------------------ photos and the desktop


def image_from_array(rgb: Any) -> QImage:
    """A QImage copy of an HxWx3 uint8 numpy array."""
    import numpy as np

    arr = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def open_in_viewer(path: str | os.PathLike[str]) -> bool:
    """Open the photo in the system's image viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: str | os.PathLike[str]) -> bool:
    """Show the file in the system's file manager (selected where the system allows it);
    where none can be opened, say where the folder is (with a Copy button)."""
    path = os.path.abspath(os.fspath(path))
    if sys.platform == "win32":
        ok = QProcess.startDetached("explorer", [f"/select,{os.path.normpath(path)}"])[0]
    elif sys.platform == "darwin":
        ok = QProcess.startDetached("open", ["-R", path])[0]
    else:
        # Linux desktops differ; opening the folder works everywhere there is a file manager.
        return open_folder(Path(path).parent)
    if not ok:
        FolderLocationDialog.tell(Path(path).parent)
    return ok


def _linux_folder_handler_missing() -> bool:
    """True when this Linux desktop has no program to open folders with: Qt would start
    ``xdg-open``, which then fails where nobody sees it."""
    import shutil
    import subprocess

    if not shutil.which("xdg-open"):
        return True
    if not shutil.which("xdg-mime"):
        return False  # cannot tell: let xdg-open try
    try:
        out = subprocess.run(
            ["xdg-mime", "query", "default", "inode/directory"],
            capture_output=True,
            text=True,
            timeout=3,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and not out.stdout.strip()


def open_folder(folder: str | os.PathLike[str]) -> bool:
    """Open ``folder`` in the file manager; where none can be opened, show where it is
    (the path, with a Copy button) and return False."""
    folder = Path(os.path.abspath(os.fspath(folder)))
    ok = False
    if not (sys.platform.startswith("linux") and _linux_folder_handler_missing()):
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    if not ok:
        FolderLocationDialog.tell(folder)
    return ok


class FolderLocationDialog(QDialog):
    """No file manager could show a folder: its path, selectable, and a Copy button."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderLocationDialog")
        self.setWindowTitle(self.tr("Where the folder is"))
        self.folder = str(folder)
        text = QLabel(
            self.tr(
                "No file manager could be opened on this computer. The folder is here; copy "
                "its location to open it another way:"
            )
        )
        text.setWordWrap(True)
        self.path_edit = QLineEdit(self.folder)
        self.path_edit.setReadOnly(True)
        self.path_edit.setObjectName("folderLocationPath")
        self.path_edit.setAccessibleName(self.tr("Folder location"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("folderLocationCopy")
        self.copy_button.clicked.connect(self.copy)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(560, self.sizeHint().height())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.folder)
        self.copy_button.setText(self.tr("Copied"))

    @classmethod
    def tell(cls, folder: Path) -> FolderLocationDialog:
        """Show the dialog over the active window (not modal: nothing waits for it)."""
        dialog = cls(folder, QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


# ------------------------------------------------------------------------------- the model


class PredictionListModel(QAbstractListModel):
    """The classified photos, in the order they were answered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Any] = []  # engine.predict.Prediction
        self.threshold = 0.5

    # Qt API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        pred = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{Path(pred.path).name}: {self.describe(pred)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [pred.path]
            if pred.error:
                lines.append(self.tr("Not classified: {error}").format(error=pred.error))
            else:
                lines += [f"{name}: {percent(conf, 1)}" for name, conf in pred.top]
                if self.is_unsure(pred):
                    lines.append(
                        self.tr("Not sure: below {percent} confidence").format(
                            percent=percent(self.threshold)
                        )
                    )
            lines.append(self.tr("Double-click to open; right-click for more."))
            return "\n".join(lines)
        if role == PredictionRole:
            return pred
        if role == PathRole:
            return pred.path
        return None

    # Ours
    def is_unsure(self, pred: Any) -> bool:
        return not pred.error and pred.confidence < self.threshold

    def describe(self, pred: Any) -> str:
        if pred.error:
            return self.tr("unreadable ({error})").format(error=pred.error)
        text = f"{pred.label} {percent(pred.confidence)}"
        return (
            self.tr("not sure (maybe {answer})").format(answer=text)
            if self.is_unsure(pred)
            else text
        )

    def append(self, entries: list[Any]) -> None:
        if not entries:
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self._entries.extend(entries)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._entries = []
        self.endResetModel()

    def set_threshold(self, threshold: float) -> None:
        self.threshold = float(threshold)
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def predictions(self) -> list[Any]:
        return list(self._entries)

    def prediction(self, row: int) -> Any:
        return self._entries[row]

    def counts(self) -> dict[str, int]:
        """Photos per shown answer: categories, "not sure" and "unreadable" (these two keys
        stay English: the page words them in the window's language)."""
        out: dict[str, int] = {}
        for p in self._entries:
            key = "unreadable" if p.error else ("not sure" if self.is_unsure(p) else p.label)
            out[key] = out.get(key, 0) + 1
        return out


# ---------------------------------------------------------------------------- the painter


class PredictionCardDelegate(QStyledItemDelegate):
    """Paints a card: thumbnail, top 3 with confidence bars, "not sure", a Why? button."""

    why_clicked = Signal(QModelIndex)

    def __init__(self, thumbnails: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.card_width = CARD_W  # the view stretches cards to fill its width
        self._cache: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._pressed: QPersistentModelIndex | None = None

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # noqa: N802
        return QSize(self.card_width, CARD_H)

    @staticmethod
    def why_rect(card: QRect) -> QRect:
        """The Why? button: top right of the card, beside the file name; as wide as its
        text needs in the window's language ("Warum?" is wider than "Why?")."""
        text = PredictionCardDelegate.tr("Why?")
        width = max(56, QFontMetrics(QApplication.font()).horizontalAdvance(text) + 18)
        return QRect(card.right() - 6 - width, card.top() + 6, width, 22)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # A card is drawn once into a pixmap and then only copied: a full repaint of the
        # view (every time cards are added) costs a few microseconds per card, not ~1 ms.
        model = index.model()
        pred = index.data(PredictionRole)
        if pred is None:
            return
        unsure = bool(model.is_unsure(pred)) if hasattr(model, "is_unsure") else pred.unsure
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        thumb = self.thumbnails.get(pred.path) if not pred.error else None
        pressed = self._pressed is not None and self._pressed == QPersistentModelIndex(index)
        w, h = option.rect.width(), option.rect.height()
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (
            pred.path,
            pred.top,
            pred.error,
            w,
            h,
            unsure,
            selected,
            thumb is not None,
            pressed,
            dpr,
        )
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            local = QStyleOptionViewItem(option)
            local.rect = QRect(0, 0, w, h)
            p = QPainter(pixmap)
            try:
                self._paint_card(p, local, pred, unsure, selected, thumb, pressed)
            finally:
                p.end()
            self._cache[key] = pixmap
            while len(self._cache) > CARD_CACHE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), pixmap)

    def clear_cache(self) -> None:
        """Forget the drawn cards (after a palette or style change)."""
        self._cache.clear()

    def _paint_card(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        pred: Any,
        unsure: bool,
        selected: bool,
        thumb: QPixmap | None,
        pressed: bool,
    ) -> None:
        pal = option.palette
        r = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = (
            pal.color(QPalette.ColorRole.Highlight)
            if selected
            else (UNSURE_COLOR if unsure else pal.color(QPalette.ColorRole.Mid))
        )
        painter.setPen(QPen(border, 2 if selected or unsure else 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(r, 6, 6)

        # Thumbnail, centred in its square; "Not sure" as a badge across its foot.
        box = QRect(r.left() + 8, r.top() + (r.height() - THUMB) // 2, THUMB, THUMB)
        if thumb is not None and not thumb.isNull():
            tw, th = thumb.width(), thumb.height()
            if tw > THUMB or th > THUMB:
                f = min(THUMB / tw, THUMB / th)
                tw, th = int(tw * f), int(th * f)
            target = QRect(box.left() + (THUMB - tw) // 2, box.top() + (THUMB - th) // 2, tw, th)
            painter.drawPixmap(target, thumb)
        else:
            painter.fillRect(box, pal.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(
                ERROR_COLOR if pred.error else pal.color(QPalette.ColorRole.PlaceholderText)
            )
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "!" if pred.error else "…")

        font = QFont(option.font)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        bold = QFont(font)
        bold.setBold(True)
        if unsure:
            badge = QRect(box.left(), box.bottom() - 19, box.width(), 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(UNSURE_COLOR)
            painter.drawRect(badge)
            painter.setPen(QColor("white"))
            painter.setFont(bold)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.tr("Not sure"))

        text_left = box.right() + 10
        width = r.right() - 8 - text_left
        why = self.why_rect(r)

        # File name.
        painter.setFont(small)
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        name_w = (why.left() - 6 - text_left) if not pred.error else width
        name = painter.fontMetrics().elidedText(
            Path(pred.path).name, Qt.TextElideMode.ElideMiddle, name_w
        )
        painter.drawText(
            QRect(text_left, why.top(), name_w, why.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )

        if pred.error:
            painter.setFont(font)
            painter.setPen(ERROR_COLOR)
            painter.drawText(
                QRect(text_left, why.bottom() + 6, width, r.bottom() - why.bottom() - 12),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.tr("Could not be classified: {error}").format(error=pred.error),
            )
            painter.restore()
            return

        # Top 3 with confidence bars.
        y = why.bottom() + 6
        for k, (label, conf) in enumerate(pred.top[:3]):
            colour = (UNSURE_COLOR if unsure else SURE_COLOR) if k == 0 else OTHER_COLOR
            painter.setFont(bold if k == 0 else font)
            painter.setPen(
                pal.color(QPalette.ColorRole.Text)
                if k == 0
                else pal.color(QPalette.ColorRole.PlaceholderText)
            )
            pct = percent(conf) if conf >= 0.01 or conf == 0 else "<" + percent(0.01)
            fm = painter.fontMetrics()
            pw = fm.horizontalAdvance(percent(1.0)) + 2
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, width - pw - 4)
            painter.drawText(
                QRect(text_left, y, width - pw, 16),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            painter.drawText(
                QRect(text_left + width - pw, y, pw, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                pct,
            )
            bar = QRect(text_left, y + 18, width, 5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase).darker(105))
            painter.drawRoundedRect(bar, 2, 2)
            if conf > 0:
                painter.setBrush(colour)
                filled = QRect(bar.left(), bar.top(), max(3, int(bar.width() * conf)), bar.height())
                painter.drawRoundedRect(filled, 2, 2)
            y += 27
        painter.restore()

        button = QStyleOptionButton()
        button.rect = why
        button.text = self.tr("Why?")
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        if pressed:
            button.state |= QStyle.StateFlag.State_Sunken
        button.palette = pal
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)

    def editorEvent(
        self,
        event: QEvent,
        model: Any,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:  # noqa: N802
        pred = index.data(PredictionRole)
        if pred is None or pred.error:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            inside = self.why_rect(option.rect.adjusted(2, 2, -2, -2)).contains(
                event.position().toPoint()
            )
            if kind == QEvent.Type.MouseButtonPress and inside:
                self._pressed = QPersistentModelIndex(index)
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._pressed is not None:
                was = self._pressed
                self._pressed = None
                if inside and was == QPersistentModelIndex(index):
                    self.why_clicked.emit(QModelIndex(index))
                return True
        return False


class PredictionCardView(QListView):
    """A wrapping grid of prediction cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionCards")
        self.setAccessibleName(self.tr("Classified photos"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setDragEnabled(False)
        self.thumbnails = ThumbnailLoader(size=THUMB, capacity=800, parent=self)
        self.thumbnails.loaded.connect(self._on_thumbnail_loaded)
        self._repaint = QTimer(self, singleShot=True, interval=50)
        self._repaint.timeout.connect(self.viewport().update)
        self.card_delegate = PredictionCardDelegate(self.thumbnails, self)
        self.setItemDelegate(self.card_delegate)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # Stretch the cards so the columns fill the width (no ragged gap on the right).
        # The scroll bar's width is always reserved, so showing it never changes the grid.
        spacing = 2 * self.spacing()
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        columns = max(1, room // (CARD_W + spacing))
        width = max(CARD_W, min(CARD_W + 120, room // columns - spacing))
        if width != self.card_delegate.card_width:
            self.card_delegate.card_width = width
            self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.card_delegate.clear_cache()
        super().changeEvent(event)

    def _on_thumbnail_loaded(self, _path: str) -> None:
        # Thumbnails arrive one by one; repaint at most 20 times a second.
        if not self._repaint.isActive():
            self._repaint.start()

    def clear_thumbnails(self) -> None:
        self.thumbnails.clear()

    def why_button_center(self, row: int) -> Any:
        """Where a card's Why? button is, in viewport coordinates (for tests and automation)."""
        rect = self.visualRect(self.model().index(row, 0))
        return self.card_delegate.why_rect(rect.adjusted(2, 2, -2, -2)).center()
