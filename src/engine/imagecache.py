"""An on-disk cache of resized photos, so a second run skips decoding big camera JPEGs.

Keyed by the file's absolute path, size and modification time and the resize target, so
an edited or replaced photo is decoded again. Stored as raw uint8 arrays (about 1 ms to
read), bounded in total size (oldest entries go first) and clearable from the app.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from PIL import Image

from .paths import IMAGE_CACHE, cache_dir

DEFAULT_LIMIT_BYTES = 2 * 1024**3


class ImageCache:
    """Resized-image cache in ``folder``, at most ``limit_bytes`` in total."""

    def __init__(self, folder: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.folder = Path(folder)
        self.limit_bytes = limit_bytes
        self._lock = threading.Lock()
        self._added = 0

    def _key(self, path: str | Path, resize: int) -> Path | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        # fsencode: a file name need not be valid UTF-8 (bad\xffname.png); its bytes are.
        raw = (
            os.fsencode(os.path.abspath(path)) + f"|{st.st_size}|{st.st_mtime_ns}|{resize}".encode()
        )
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        return self.folder / digest[:2] / f"{digest}.npy"

    def get(self, path: str | Path, resize: int) -> Image.Image | None:
        key = self._key(path, resize)
        if key is None or not key.is_file():
            return None
        try:
            arr = np.load(key, allow_pickle=False)
        except (OSError, ValueError):
            key.unlink(missing_ok=True)
            return None
        if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] != 3:
            key.unlink(missing_ok=True)
            return None
        return Image.fromarray(arr, "RGB")

    def put(self, path: str | Path, resize: int, img: Image.Image) -> None:
        key = self._key(path, resize)
        if key is None:
            return
        arr = np.asarray(img.convert("RGB"), dtype=np.uint8)
        key.parent.mkdir(parents=True, exist_ok=True)
        tmp = key.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with open(tmp, "wb") as f:
                np.save(f, arr, allow_pickle=False)
            os.replace(tmp, key)
        except OSError:
            tmp.unlink(missing_ok=True)
            return
        with self._lock:
            self._added += arr.nbytes
            if self._added > self.limit_bytes // 10:
                self._added = 0
                self.trim()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*.npy"))

    def trim(self) -> None:
        """Delete the least recently written entries until the cache fits its limit."""
        files = sorted(self.folder.rglob("*.npy"), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        for p in files:
            if total <= self.limit_bytes:
                break
            total -= p.stat().st_size
            p.unlink(missing_ok=True)

    def clear(self) -> int:
        """Remove every cached image; returns the bytes freed."""
        freed = 0
        for p in self.folder.rglob("*.npy"):
            freed += p.stat().st_size
            p.unlink(missing_ok=True)
        return freed


_default: ImageCache | None = None
_enabled = os.environ.get("FINETUNE_STUDIO_NO_IMAGE_CACHE") is None
_limit = DEFAULT_LIMIT_BYTES


def set_limit(limit_bytes: int, *, trim: bool = True) -> None:
    """Keep at most ``limit_bytes`` of resized photos from now on (Preferences).

    ``trim``: bring the shared cache down to it now (it walks the whole cache, so not at
    start, where the cache trims itself as it fills)."""
    global _limit
    _limit = max(0, int(limit_bytes))
    cache = get_default_cache()
    if cache is not None:
        cache.limit_bytes = _limit
        if trim:
            cache.trim()


def limit() -> int:
    """The shared cache's size limit in bytes."""
    return _limit


def get_default_cache() -> ImageCache | None:
    """The app's shared cache under the user cache folder (None when disabled)."""
    global _default
    if not _enabled:
        return None
    if _default is None:
        _default = ImageCache(cache_dir() / IMAGE_CACHE, _limit)
    return _default


def set_cache_enabled(enabled: bool) -> None:
    global _enabled, _default
    _enabled = enabled
    _default = None


def worth_caching(decoded: Image.Image, resize: int) -> bool:
    """Small photos decode faster than a cache read; only big ones are worth keeping."""
    return decoded.width * decoded.height > 2 * resize * resize


def keep_resized(path: str | Path, decoded: Image.Image, resize: int) -> Image.Image:
    """``decoded`` (opened with ``draft_size=resize``) with its shorter side at ``resize``,
    kept in the app's cache when worth it, so the next load of ``path`` skips decoding.

    The one place a decoded photo enters the cache: the data stage's loader and the
    scan (which decodes every photo anyway, to check it) both come through here, so the
    scan's one decode feeds the training run.
    """
    from .images import resize_short_side

    img = resize_short_side(decoded, resize)
    cache = get_default_cache()
    if cache is not None and worth_caching(decoded, resize):
        cache.put(path, resize, img)
    return img


def cached_resized(path: str | Path, resize: int) -> Image.Image | None:
    """The cached ``resize`` version of ``path`` if there is one (thumbnails use it)."""
    cache = get_default_cache()
    return cache.get(path, resize) if cache is not None else None
