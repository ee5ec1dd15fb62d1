"""The app's caches as Preferences shows them: their size, clearing them, the photo limit,
and where new runs go."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

from engine import caches, imagecache
from engine.paths import FEATURE_CACHE, SCAN_CACHE, cache_dir, models_dir, runs_folder


@pytest.fixture
def limit_restored():
    yield
    imagecache.set_limit(imagecache.DEFAULT_LIMIT_BYTES)


def _fill(tmp_path, n: int = 4, side: int = 64) -> list:
    """n photos in the shared image cache, one feature file and one scan memo."""
    cache = imagecache.get_default_cache()
    assert cache is not None
    paths = []
    for i in range(n):
        photo = tmp_path / f"p{i}.png"
        Image.new("RGB", (side * 3, side * 3), (i * 40, 10, 10)).save(photo)
        cache.put(photo, side, Image.new("RGB", (side, side), (i * 40, 10, 10)))
        paths.append(photo)
    feat = cache_dir() / FEATURE_CACHE / "net" / "ab" / "abcd.npy"
    feat.parent.mkdir(parents=True, exist_ok=True)
    np.save(feat, np.zeros(1280, np.float16))
    (cache_dir() / SCAN_CACHE).mkdir(parents=True, exist_ok=True)
    (cache_dir() / SCAN_CACHE / "memo.json").write_text('{"version": 2, "files": {}}')
    return paths


def test_usage_counts_each_cache_and_clear_empties_them(tmp_path) -> None:
    paths = _fill(tmp_path)
    usage = caches.cache_usage()
    assert usage.images >= 4 * 64 * 64 * 3  # four raw 64x64 RGB arrays
    assert usage.features >= 1280 * 2
    assert usage.scans > 0
    assert usage.total == usage.images + usage.features + usage.scans

    freed = caches.clear_caches()
    assert freed == usage.total
    assert caches.cache_usage().total == 0
    assert imagecache.get_default_cache().get(paths[0], 64) is None
    # the folders stay, so writers that count on them keep working
    assert (cache_dir() / SCAN_CACHE).is_dir()
    # and the cache fills again
    imagecache.get_default_cache().put(paths[0], 64, Image.new("RGB", (64, 64)))
    assert imagecache.get_default_cache().get(paths[0], 64) is not None


def test_clear_leaves_the_photos_alone(tmp_path) -> None:
    paths = _fill(tmp_path)
    caches.clear_caches()
    assert all(p.is_file() for p in paths)


def test_the_limit_trims_the_photo_cache_at_once(tmp_path, limit_restored) -> None:
    _fill(tmp_path, n=6)
    one = 64 * 64 * 3 + 128  # one array and its .npy header
    assert caches.cache_usage().images > 3 * one
    caches.set_image_cache_limit(2 * one)
    assert caches.image_cache_limit() == 2 * one
    assert caches.cache_usage().images <= 2 * one
    # a cache made later (after a test reset, or a new process setting it first) gets it too
    imagecache._default = None
    assert imagecache.get_default_cache().limit_bytes == 2 * one


def test_runs_folder_is_the_chosen_one_when_it_can_be_written(tmp_path) -> None:
    chosen = tmp_path / "My runs" / "2026"
    assert runs_folder(chosen) == chosen
    assert chosen.is_dir()
    assert list(chosen.iterdir()) == []  # the write test leaves nothing behind
    assert runs_folder(None) == models_dir()
    assert runs_folder("") == models_dir()


def test_runs_folder_falls_back_when_the_chosen_one_cannot_be_used(tmp_path) -> None:
    a_file = tmp_path / "not a folder"
    a_file.write_text("x")
    assert runs_folder(a_file / "runs") == models_dir()
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            assert runs_folder(locked) == models_dir()
        finally:
            locked.chmod(0o700)
