"""HEIC/HEIF (through the decode-only pi-heif) and AVIF (through Pillow) open like any photo.

Every test file is written here, in the test: HEIC with pillow-heif's encoder (a test-only
dependency; the app never imports it) and AVIF with Pillow's own encoder. Pixels are
compared with the source photo (lossy formats: a small mean difference).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine import images
from engine.images import ImageLoadError, decoder_available, open_image, unsupported_reason

pillow_heif = pytest.importorskip("pillow_heif", reason="pip install pillow-heif (dev extra)")
needs_heic = pytest.mark.skipif(
    not decoder_available("HEIC"), reason="no HEIC decoder: pip install pi-heif"
)
needs_avif = pytest.mark.skipif(
    not decoder_available("AVIF"), reason="this Pillow cannot read AVIF: pip install -U Pillow"
)

ORIENTATION = 0x0112


def _source(size: tuple[int, int] = (120, 80)) -> Image.Image:
    """A real photo (skimage's astronaut) with a red left third, to see any rotation."""
    skimage_data = pytest.importorskip("skimage.data")
    img = Image.fromarray(skimage_data.astronaut()).resize(size, Image.BILINEAR)
    arr = np.asarray(img).copy()
    arr[:, : size[0] // 3] = (220, 20, 20)
    return Image.fromarray(arr)


def heic_bytes(img: Image.Image, exif: bytes | None = None) -> bytes:
    """Encode with pillow-heif without registering it as Pillow's HEIF opener."""
    buf = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    pillow_heif.from_pillow(img).save(buf, quality=95, **kwargs)
    return buf.getvalue()


def avif_bytes(img: Image.Image, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    img.save(buf, "AVIF", quality=95, **kwargs)
    return buf.getvalue()


def _rotated_exif() -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # "rotate 90 degrees clockwise to show it", as a phone held upright
    return exif.tobytes()


def _mean_diff(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size, (a.size, b.size)
    return float(np.abs(np.asarray(a, dtype=int) - np.asarray(b.convert("RGB"), dtype=int)).mean())


@needs_heic
def test_heic_opens_with_the_source_pixels(tmp_path):
    src = _source()
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(heic_bytes(src))
    assert path.read_bytes()[4:12] == b"ftypheic"
    img = open_image(path)
    assert img.mode == "RGB" and img.size == src.size
    assert _mean_diff(img, src) < 4.0
    # The same from the bytes (the scan's way) and at a draft size (no draft for HEIC).
    assert _mean_diff(open_image(path.read_bytes(), draft_size=32), src) < 4.0


@needs_heic
def test_heic_decodes_through_pi_heif_even_when_pillow_heif_registered_last(tmp_path):
    """The app ships only the decode-only pi-heif; an encoder registered over it (as the
    tests, or an imaging library, may do) must not take over the decoding."""
    import pi_heif

    pillow_heif.register_heif_opener()
    try:
        path = tmp_path / "a.heic"
        path.write_bytes(heic_bytes(_source()))
        open_image(path)
        assert Image.OPEN["HEIF"][0] is pi_heif.HeifImageFile
    finally:
        pi_heif.register_heif_opener()


@needs_heic
def test_exif_rotated_heic_is_upright(tmp_path):
    """Stored sideways with "rotate 90 clockwise" (how a phone writes a portrait photo):
    shown upright, with the source's pixels, and rotated exactly once."""
    src = _source()
    stored = src.transpose(Image.Transpose.ROTATE_90)  # sideways, as the sensor saw it
    data = heic_bytes(stored, exif=_rotated_exif())
    raw = Image.open(io.BytesIO(data))
    assert raw.info.get("original_orientation") == 6  # really a rotated file
    path = tmp_path / "portrait.heic"
    path.write_bytes(data)
    img = open_image(path)
    assert img.size == src.size
    assert _mean_diff(img, src) < 4.0
    left = np.asarray(img)[:, : src.width // 4].mean(axis=(0, 1))
    assert left[0] > 180 and left[1] < 60  # the red third is on the left again


@needs_avif
def test_avif_opens_with_the_source_pixels_and_its_orientation(tmp_path):
    src = _source()
    path = tmp_path / "photo.avif"
    path.write_bytes(avif_bytes(src))
    assert _mean_diff(open_image(path), src) < 4.0
    rotated = tmp_path / "rotated.avif"
    rotated.write_bytes(avif_bytes(src.transpose(Image.Transpose.ROTATE_90), _rotated_exif()))
    img = open_image(rotated)
    assert img.size == src.size and _mean_diff(img, src) < 4.0


def test_without_a_heic_decoder_the_reason_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "_heif_checked", True)
    monkeypatch.setattr(images, "_heif_plugin", None)
    path = tmp_path / "IMG_0002.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    reason = unsupported_reason(path)
    assert reason and "HEIC" in reason and "pip install pi-heif" in reason
    with pytest.raises(ImageLoadError, match="pi-heif"):
        open_image(path)


def test_without_avif_support_the_reason_says_how_to_get_it(tmp_path, monkeypatch):
    from PIL import features

    real = features.check
    monkeypatch.setattr(features, "check", lambda name: False if name == "avif" else real(name))
    reason = unsupported_reason(tmp_path / "x.avif")
    assert reason and "AVIF" in reason and "Pillow" in reason


@needs_heic
def test_damaged_heic_is_a_named_skip(tmp_path):
    good = heic_bytes(_source())
    path = tmp_path / "cut.heic"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImageLoadError) as info:
        open_image(path)
    assert len(info.value.reason) > 5


def _convert_folder(src: Path, dst: Path) -> list[Path]:
    """Every photo of ``src`` as HEIC or AVIF (alternately), upscaled to 64 px; some HEIC
    stored sideways with an EXIF rotation."""
    written = []
    for i, p in enumerate(sorted(src.rglob("*.png"))):
        img = Image.open(p).convert("RGB").resize((64, 64), Image.BILINEAR)
        out = dst / p.parent.name / p.stem
        out.parent.mkdir(parents=True, exist_ok=True)
        if i % 2:
            target = out.with_suffix(".avif")
            target.write_bytes(avif_bytes(img))
        elif i % 4 == 0:
            target = out.with_suffix(".heic")
            stored = img.transpose(Image.Transpose.ROTATE_90)
            target.write_bytes(heic_bytes(stored, exif=_rotated_exif()))
        else:
            target = out.with_suffix(".HEIC")
            target.write_bytes(heic_bytes(img))
        written.append(target)
    return written


@needs_heic
@needs_avif
@pytest.mark.slow
def test_heic_and_avif_photos_train_predict_and_sort(tmp_path, fashion_small):
    from engine.predict import Predictor
    from engine.sorting import sort_folder
    from engine.training import TrainConfig, train

    data = tmp_path / "data"
    written = _convert_folder(fashion_small, data)
    assert {p.suffix.lower() for p in written} == {".heic", ".avif"}
    result = train(
        TrainConfig(data_dir=str(data), epochs=4, image_size=64, seed=0, precision="fp32"),
        out=tmp_path / "m.ftmodel",
    )
    metrics = result.metrics()
    assert metrics["skipped_files"] == []  # every HEIC and AVIF photo was used
    assert {p.path.suffix.lower() for p in result.val_photos} == {".heic", ".avif"}
    assert metrics["val_accuracy"] >= 0.6, metrics["val_accuracy"]  # 3 easy categories

    predictor = Predictor(result.model_path, precision="fp32")
    preds = predictor.predict_paths(written)
    assert not [p.error for p in preds if p.error]
    right = sum(p.label == Path(p.path).parent.name for p in preds)
    assert right / len(preds) >= 0.6, right

    report = sort_folder(predictor, data, tmp_path / "sorted", min_confidence=0.0)
    assert not report.unreadable and len(report.placed) == len(written)
    placed = [Path(dst) for _, dst, _, _ in report.placed]
    assert all(p.is_file() and p.suffix.lower() in (".heic", ".avif") for p in placed)
