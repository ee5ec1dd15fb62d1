"""Small previews of photos, decoded off the GUI thread only when they are shown."""

from __future__ import annotations

import queue
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from ..workers import WorkerHandle, serve_queue, start_worker

IDLE_SECONDS = 2.0  # the loader thread ends after this long without requests


def load_thumbnail(path: str, size: int, cache_resize: int | None = None) -> QImage | None:
    """Decode ``path`` into a QImage at most ``size`` pixels on each side (None if unusable).

    With ``cache_resize`` (the size the folder's scan cached its photos at), the preview is
    made from the cached photo when there is one, instead of decoding the file again.
    Runs on the loader thread: QImage (unlike QPixmap) may be made off the GUI thread.
    """
    from PIL import Image

    from engine.imagecache import cached_resized
    from engine.images import open_image

    try:
        img = cached_resized(path, cache_resize) if cache_resize else None
        if img is None:
            img = open_image(path, draft_size=size)
    except Exception:  # noqa: BLE001 - a broken preview is only a missing picture
        return None
    img.thumbnail((size, size), Image.BILINEAR)
    data = img.tobytes()
    qimg = QImage(data, img.width, img.height, 3 * img.width, QImage.Format.Format_RGB888)
    return qimg.copy()  # own the pixels (data is freed when this function returns)


class ThumbnailLoader(QObject):
    """Asks for previews by path; ``loaded(path)`` fires when one is ready in :meth:`get`."""

    loaded = Signal(str)

    def __init__(self, size: int = 48, capacity: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        #: Where the scan cached the photos (read by the loader thread; None: decode).
        self.cache_resize: int | None = None
        self.capacity = capacity
        self._cache: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._pending: set[str] = set()
        self._queue: queue.Queue[tuple[int, str]] = queue.Queue()
        self._generation = 0
        self._handle: WorkerHandle | None = None

    def get(self, path: str | Path) -> QPixmap | None:
        """The preview if ready (None otherwise, and it is requested)."""
        key = str(path)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if key not in self._pending:
            self._pending.add(key)
            self._queue.put((self._generation, key))
            self._ensure_running()
        return None

    def clear(self) -> None:
        """Forget everything (a new folder); previews still being made are dropped."""
        self._generation += 1
        self._cache.clear()
        self._pending.clear()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.stop_and_wait(5000)
            self._handle = None

    def _ensure_running(self) -> None:
        if self._handle is not None and self._handle.running:
            return
        size = self.size

        def load(item: tuple[int, str]) -> tuple[int, str, QImage | None]:
            generation, key = item
            return generation, key, load_thumbnail(key, size, self.cache_resize)

        run = serve_queue(self._queue, load, IDLE_SECONDS)
        self._handle = start_worker(
            self,
            run,
            on_progress=self._on_loaded,
            on_finished=self._on_finished,
            progress_per_second=None,
            name="thumbnails",
        )

    def _on_finished(self) -> None:
        self._handle = None
        if not self._queue.empty():  # requests that came in while the thread was ending
            self._ensure_running()

    def _on_loaded(self, item: tuple[int, str, QImage | None]) -> None:
        generation, key, image = item
        if generation != self._generation:
            return
        self._pending.discard(key)
        self._cache[key] = QPixmap.fromImage(image) if image is not None else None
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        self.loaded.emit(key)
