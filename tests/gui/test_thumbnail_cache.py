"""The Photos step's thumbnails come from the photos the scan already decoded and cached."""

from __future__ import annotations

import pytest

from corpus import big_photos
from engine import imagecache
from engine.dataset import scan_folder


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    cache = imagecache.ImageCache(tmp_path / "cache", limit_bytes=64 * 1024**2)
    monkeypatch.setattr(imagecache, "_enabled", True)
    monkeypatch.setattr(imagecache, "_default", cache)
    return cache


def test_thumbnails_come_from_the_scans_cache(tmp_path, fresh_cache, monkeypatch):
    from engine import images
    from gui.widgets.thumbnails import load_thumbnail

    path = big_photos(tmp_path / "photos", per_class=1)[0]
    scan_folder(tmp_path / "photos", cache_resize=256, remember=False)

    def no_decode(*args, **kwargs):
        raise AssertionError("the thumbnail decoded the photo again")

    monkeypatch.setattr(images, "open_image", no_decode)
    thumb = load_thumbnail(str(path), 96, cache_resize=256)
    assert thumb is not None and max(thumb.width(), thumb.height()) == 96
