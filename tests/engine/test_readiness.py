"""The Photos step's answer to "can I train on this?": one line, one threshold, one wording."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from engine.dataset import scan_folder
from engine.readiness import ADVISED_PHOTOS, assess, plural


def _photos(folder: Path, n: int, shade: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (16, 16), (shade, (7 * i) % 256, 90)).save(folder / f"{i}.png")


def test_loose_photos_are_named_as_loose_not_zero_categories(tmp_path):
    _photos(tmp_path, 12)
    r = assess(scan_folder(tmp_path))
    assert not r.ready
    assert r.line.startswith("Not yet, because the 12 photos are loose in the folder")
    assert "subfolder per category" in r.line
    assert "0 categories" not in r.line


def test_an_empty_folder_and_a_single_category_are_not_ready(tmp_path):
    (tmp_path / "empty").mkdir()
    r = assess(scan_folder(tmp_path / "empty"))
    assert not r.ready and "no category subfolders" in r.line
    _photos(tmp_path / "one" / "cats", 40)
    r = assess(scan_folder(tmp_path / "one"))
    assert not r.ready
    assert "only one category (cats)" in r.line and "at least 2" in r.line
    assert r.headline == "Not yet: only one category"


def test_every_small_category_is_flagged_with_one_threshold(tmp_path):
    sizes = {"cat": 44, "crab": 12, "eel": 22, "fish": 8, "owl": 26, "yak": ADVISED_PHOTOS}
    for i, (name, n) in enumerate(sizes.items()):
        _photos(tmp_path / name, n, shade=40 * i)
    scan = scan_folder(tmp_path)
    r = assess(scan, checking_photos=28)
    assert r.ready
    assert r.line.startswith("Ready to train, but ")
    # Every category below the advised minimum, smallest first; the ones at or above it not.
    assert "fish (8), crab (12), eel (22), owl (26) have fewer than the advised 30 photos" in (
        r.line
    )
    assert "yak" not in r.line and "cat (" not in r.line
    # 44 vs 8 is mentioned, in the line and in the scan's problems (the same threshold).
    assert "unequal (cat 44 photos, fish 8)" in r.line
    warnings = " ".join(scan.warnings)
    assert "Very few photos in fish (8), crab (12), eel (22), owl (26)" in warnings
    assert "aim for at least 30 per category" in warnings
    assert "very unequal: cat has 44 photos, fish only 8" in warnings
    assert r.headline == "Ready to train (2 cautions)"


def test_a_good_folder_is_plainly_ready_and_empty_categories_block(tmp_path):
    _photos(tmp_path / "a", 30)
    _photos(tmp_path / "b", 35, shade=200)
    r = assess(scan_folder(tmp_path), checking_photos=13)
    assert (r.ready, r.line, r.headline) == (True, "Ready to train.", "Ready to train")
    assert not assess(scan_folder(tmp_path), checking_photos=0).ready
    (tmp_path / "c").mkdir()
    r = assess(scan_folder(tmp_path))
    assert not r.ready and "no usable photos in c" in r.line


def test_plurals():
    assert [plural(1, "category"), plural(2, "category"), plural(1200, "photo")] == [
        "1 category",
        "2 categories",
        "1,200 photos",
    ]
