"""One decode per photo: the scan's decode checks the photo, fills the image cache at the
backbone's size and feeds the thumbnails; the training run's data stage decodes nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus import big_photos
from engine import dataset, imagecache, preprocess
from engine.dataset import scan_folder


class DecodeCounter:
    """Counts the decodes of each module that decodes photos (they import open_image)."""

    def __init__(self, monkeypatch) -> None:
        self.calls: dict[str, int] = {"scan": 0, "data stage": 0}
        for module, label in ((dataset, "scan"), (preprocess, "data stage")):
            real = module.open_image

            def counted(*args, _real=real, _label=label, **kwargs):
                self.calls[_label] += 1
                return _real(*args, **kwargs)

            monkeypatch.setattr(module, "open_image", counted)


def test_scan_fills_the_cache_with_what_the_loader_would_make(tmp_path, fresh_cache, monkeypatch):
    paths = big_photos(tmp_path / "photos", per_class=2)
    resize = 256
    # What the data stage makes with no cache at all: the reference pixels.
    monkeypatch.setattr(imagecache, "_enabled", False)
    reference = {p: np.asarray(preprocess.load_resized(p, resize)) for p in paths}
    monkeypatch.setattr(imagecache, "_enabled", True)

    counter = DecodeCounter(monkeypatch)
    scan = scan_folder(tmp_path / "photos", cache_resize=resize, remember=False)
    assert len(scan.photos) == len(paths) and scan.cache_resize == resize
    assert counter.calls == {"scan": len(paths), "data stage": 0}
    for p in paths:
        img = preprocess.load_resized(p, resize)
        assert np.array_equal(np.asarray(img), reference[p])  # identical, not just close
    assert counter.calls["data stage"] == 0  # every photo came from the cache
    assert fresh_cache.size_bytes() > 0
    assert fresh_cache.clear() > 0 and fresh_cache.size_bytes() == 0


def test_without_a_cache_the_scan_only_checks_small(tmp_path, monkeypatch):
    paths = big_photos(tmp_path / "photos", per_class=1)
    monkeypatch.setattr(imagecache, "_enabled", False)
    seen = []
    scan = scan_folder(
        tmp_path / "photos",
        cache_resize=256,
        remember=False,
        on_decoded=lambda path, img: seen.append((path, img.size)),
    )
    assert scan.cache_resize is None
    # Draft size 32 on a 2400x1800 JPEG: decoded at 1/8 scale, the cheapest check.
    assert sorted(seen) == sorted((p, (300, 225)) for p in paths)


def test_the_per_photo_hook_sees_each_decode_once(tmp_path, fresh_cache):
    paths = big_photos(tmp_path / "photos", per_class=2)
    seen: list[Path] = []
    scan_folder(tmp_path / "photos", cache_resize=256, on_decoded=lambda p, img: seen.append(p))
    assert sorted(seen) == sorted(paths)
    # A rescan of the unchanged folder decodes nothing (the scan memo), so no hook calls.
    scan_folder(tmp_path / "photos", cache_resize=256, on_decoded=lambda p, img: seen.append(p))
    assert len(seen) == len(paths)


@pytest.mark.slow
def test_a_first_training_run_decodes_each_photo_once(tmp_path, fresh_cache, monkeypatch):
    from engine.training import TrainConfig, train

    paths = big_photos(tmp_path / "photos")
    counter = DecodeCounter(monkeypatch)
    result = train(
        TrainConfig(data_dir=str(tmp_path / "photos"), epochs=1, image_size=64, precision="fp32"),
    )
    assert result.val_accuracy is not None
    assert counter.calls == {"scan": len(paths), "data stage": 0}
