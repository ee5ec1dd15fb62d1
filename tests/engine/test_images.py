"""Loading photos as a person expects to see them, and refusing broken ones plainly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from corpus import write_bad, write_good
from engine.images import ImageLoadError, open_image, resize_short_side


def test_awkward_but_valid_photos_load_as_rgb(tmp_path):
    for name, path in write_good(tmp_path).items():
        img = open_image(path)
        assert img.mode == "RGB", name
        assert min(img.size) >= 8, name


@pytest.mark.parametrize(
    "name",
    [
        "empty.jpg",
        "truncated.jpg",
        "text.jpg",
        "one-pixel.png",
        "bomb.png",
        "holiday.heic",
        "raw-photo.cr2",
    ],
)
def test_broken_files_are_refused_with_a_reason(tmp_path, name):
    path, word = write_bad(tmp_path)[name]
    with pytest.raises(ImageLoadError) as info:
        open_image(path)
    assert word in info.value.reason.lower(), info.value.reason


def test_exif_orientation_is_applied(tmp_path):
    path = write_good(tmp_path)["exif-rotated.jpg"]
    img = open_image(path)
    # Stored 64x48 with "rotate 90 cw": shown 48x64, and the red left half is now on top.
    assert img.size == (48, 64)
    arr = np.asarray(img).astype(int)
    top, bottom = arr[:20].mean(axis=(0, 1)), arr[-20:].mean(axis=(0, 1))
    assert top[0] > 150 and top[1] < 80
    assert not (bottom[0] > 150 and bottom[1] < 80)


def test_transparency_goes_on_neutral_grey(tmp_path):
    img = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    p = tmp_path / "clear.png"
    img.save(p)
    assert open_image(p).getpixel((5, 5)) == (128, 128, 128)


def test_sixteen_bit_keeps_its_brightness(tmp_path):
    arr = np.full((16, 16), 40000, dtype=np.uint16)
    p = tmp_path / "16.png"
    Image.fromarray(arr).save(p)
    r, g, b = open_image(p).getpixel((3, 3))
    assert r == g == b and 150 < r < 165  # 40000/65535*255 = 155.6, not clipped to 255


def test_jpeg_draft_mode_decodes_big_photos_small(tmp_path):
    p = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (10, 200, 10)).save(p, quality=85)
    img = open_image(p, draft_size=256)
    assert 256 <= min(img.size) < 1500
    assert resize_short_side(img, 256).size == (341, 256)
