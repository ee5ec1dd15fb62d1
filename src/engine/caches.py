"""The app's caches on disk as one thing a person can see and manage (Preferences).

Three caches live under :func:`engine.paths.cache_dir`, each rebuilt on demand, so
clearing one costs only time (the next scan or training decodes and computes again):

- resized photos (``engine.imagecache``): the big one, bounded by a limit (2 GB unless
  the person sets another);
- the backbone's features per photo (``engine.features``): a few kB per photo;
- what earlier scans learned about each file (``engine.dataset.ScanMemo``): one small
  JSON file per photo folder.

Not here: a running training's activation files (``engine.activation_store``), its
working memory, which the run removes itself; and the move journals (``paths.state_dir``),
which are needed to finish or undo file moves and are never cleared to save space.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import imagecache
from .paths import FEATURE_CACHE, IMAGE_CACHE, SCAN_CACHE, cache_dir


@dataclass(frozen=True)
class CacheUsage:
    """Bytes on disk per cache."""

    images: int
    features: int
    scans: int

    @property
    def total(self) -> int:
        return self.images + self.features + self.scans


def _folder_bytes(folder: Path) -> int:
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:  # missing, or removed while we look
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


def _empty(folder: Path) -> None:
    """Remove what ``folder`` holds, keeping the folder (a writer may count on it)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # in use or gone already: the next clear gets it


def cache_usage() -> CacheUsage:
    """How much disk each of the app's caches takes now (walks the folders: run it off the
    window's thread for a big cache)."""
    base = cache_dir()
    return CacheUsage(
        images=_folder_bytes(base / IMAGE_CACHE),
        features=_folder_bytes(base / FEATURE_CACHE),
        scans=_folder_bytes(base / SCAN_CACHE),
    )


def clear_caches() -> int:
    """Empty the three caches; returns the bytes freed. Photos, models and projects are
    not touched. Safe while the app runs: a reader that finds an entry gone computes it
    again."""
    before = cache_usage().total
    base = cache_dir()
    for name in (IMAGE_CACHE, FEATURE_CACHE, SCAN_CACHE):
        _empty(base / name)
    return max(0, before - cache_usage().total)


def set_image_cache_limit(limit_bytes: int, *, trim: bool = True) -> None:
    """Keep at most ``limit_bytes`` of resized photos (the oldest go first); ``trim``:
    now (walks the cache: off the window's thread), else as the cache fills."""
    imagecache.set_limit(limit_bytes, trim=trim)


def image_cache_limit() -> int:
    """The resized photos' limit in bytes."""
    return imagecache.limit()
