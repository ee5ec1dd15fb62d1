"""Issue 6, property-based: random bytes as photos and random folder trees.

Whatever the bytes and however the folders are named and nested, the only outcomes are
"a usable RGB photo" or "skipped, with a reason". Any other exception is a failure: this
is how the IndexError / struct.error crashes of damaged animated GIFs were found.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from engine import preprocess
from engine.backbones import Preprocessing
from engine.dataset import IGNORED_NAMES, is_hidden, scan_folder
from engine.images import IMAGE_SUFFIXES, UNSUPPORTED_SUFFIXES, ImageLoadError, open_image

# Pillow warns about the damaged files it still reads (corrupt EXIF...): expected here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

PREP = Preprocessing(resize=40, crop=32, mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5))
SUFFIXES = sorted(IMAGE_SUFFIXES | set(UNSUPPORTED_SUFFIXES) | {".txt", "", ".JPG", ".Png"})
FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _seed_images() -> dict[str, bytes]:
    """Small valid files of every format the app reads (mutations of them reach deep into
    the decoders, which purely random bytes rarely do)."""
    rng = np.random.default_rng(0)
    frames = [
        Image.fromarray(rng.integers(0, 255, (20, 24, 3), dtype=np.uint8), "RGB") for _ in range(3)
    ]
    out = {}
    for fmt, kw in [
        ("PNG", {}),
        ("JPEG", {"quality": 80}),
        ("JPEG", {"progressive": True}),
        ("WEBP", {}),
        ("BMP", {}),
        ("TIFF", {}),
        ("GIF", {"save_all": True, "append_images": frames[1:]}),
        ("WEBP", {"save_all": True, "append_images": frames[1:]}),
        ("PNG", {"save_all": True, "append_images": frames[1:]}),
    ]:
        buf = io.BytesIO()
        frames[0].save(buf, fmt, **kw)
        out[f"{fmt}{len(out)}"] = buf.getvalue()
    return out


SEEDS = _seed_images()


@st.composite
def file_bytes(draw) -> bytes:
    kind = draw(st.sampled_from(["random", "flipped", "cut", "valid"]))
    if kind == "random":
        return draw(st.binary(max_size=600))
    seed = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    if kind == "valid":
        return seed
    if kind == "cut":
        return seed[: draw(st.integers(0, len(seed) - 1))]
    data = bytearray(seed)
    for pos, value in draw(
        st.lists(st.tuples(st.integers(0, len(seed) - 1), st.integers(0, 255)), max_size=8)
    ):
        data[pos] = value
    return bytes(data)


def _assert_photo_or_reason(load) -> bool:
    """True for a usable photo, False for a named skip; anything else fails the test."""
    try:
        img = load()
    except ImageLoadError as exc:
        assert isinstance(exc.reason, str) and len(exc.reason) > 5
        return False
    assert img.mode == "RGB" and min(img.size) >= 8
    return True


@FAST
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_are_a_photo_or_a_named_skip_for_every_loader(tmp_path, data, suffix):
    path = tmp_path / f"photo{suffix}"
    path.write_bytes(data)
    from_path = _assert_photo_or_reason(lambda: open_image(path))
    from_bytes = _assert_photo_or_reason(lambda: open_image(data, draft_size=32))
    if suffix.lower() not in UNSUPPORTED_SUFFIXES:
        assert from_path == from_bytes  # the scanner (bytes) and the loaders (path) agree
    # The training and prediction loaders: resize, plain and augmented views.
    if _assert_photo_or_reason(lambda: preprocess.load_resized(path, PREP.resize)):
        img = preprocess.load_resized(path, PREP.resize)
        assert preprocess.plain_view(img, PREP).shape == (32, 32, 3)
        view = preprocess.augmented_view(img, PREP, random.Random(0))
        assert view.shape == (32, 32, 3) and view.dtype == np.uint8


def test_thousands_of_damaged_files_are_each_a_photo_or_a_named_skip():
    """A seeded sweep beside the property test: hypothesis draws a few hundred files; the
    decoder bugs it is after (1 damaged animated GIF in ~25 crashed Pillow) need more."""
    rng = random.Random(6)
    names = sorted(SEEDS)
    usable = 0
    for _ in range(4000):
        data = bytearray(SEEDS[rng.choice(names)])
        if rng.random() < 0.25:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randrange(1, 10)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        usable += _assert_photo_or_reason(lambda d=bytes(data): open_image(d, draft_size=32))
    assert 0 < usable < 4000  # both outcomes really happened


# ----------------------------------------------------------------- random folder trees

_NAME = st.one_of(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"),
        min_size=1,
        max_size=10,
    ).filter(lambda s: s not in (".", "..")),
    st.sampled_from(sorted(IGNORED_NAMES) + [".hidden", "._x", "a b", "ünï ✓", "CON"]),
)
_FILE = st.tuples(_NAME, st.sampled_from(SUFFIXES), file_bytes())
_FOLDER = st.tuples(
    _NAME,
    st.lists(_FILE, max_size=4),
    st.lists(st.tuples(_NAME, st.lists(_FILE, max_size=2)), max_size=2),  # one level deeper
)


def _write_tree(root: Path, folders, loose_files, loop: bool) -> None:
    for name, files, subfolders in folders:
        folder = root / name
        folder.mkdir(exist_ok=True)
        for fname, suffix, data in files:
            (folder / (fname + suffix)).write_bytes(data)
        for sub, subfiles in subfolders:
            (folder / sub).mkdir(exist_ok=True)
            for fname, suffix, data in subfiles:
                target = folder / sub / (fname + suffix)
                if not target.is_dir():
                    target.write_bytes(data)
        if loop and not (folder / "loop").exists():
            os.symlink(".", folder / "loop")
    for fname, suffix, data in loose_files:
        target = root / (fname + suffix)
        if not target.exists():
            target.write_bytes(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    folders=st.lists(_FOLDER, max_size=4, unique_by=lambda f: f[0]),
    loose_files=st.lists(_FILE, max_size=2),
    loop=st.booleans(),
)
def test_random_folder_trees_give_categories_photos_and_named_skips(folders, loose_files, loop):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            _write_tree(root, folders, loose_files, loop)
        except OSError:
            return  # a name this file system refuses (too long in bytes...): not our input
        scan = scan_folder(root)
        visible = sorted(p.name for p in root.iterdir() if p.is_dir() and not is_hidden(p.name))
        assert scan.classes == visible
        photos = {p.path for p in scan.photos}
        skipped = {Path(s.path): s.reason for s in scan.skipped}
        assert not photos & set(skipped)
        for reason in skipped.values():
            assert isinstance(reason, str) and len(reason) > 5
        for photo in scan.photos:
            assert _assert_photo_or_reason(lambda p=photo: open_image(p.path))
            assert 0 <= photo.label < len(scan.classes)
        # Every visible file inside a category is accounted for: used or skipped, by name.
        for name in visible:
            for dirpath, dirnames, filenames in os.walk(root / name):
                dirnames[:] = [d for d in dirnames if not is_hidden(d)]
                for f in filenames:
                    p = Path(dirpath) / f
                    if not is_hidden(f):
                        assert p in photos or p in skipped, p
        assert sum(scan.counts().values()) == len(scan.photos)
