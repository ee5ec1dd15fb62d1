"""Issue 6, bad input: each awkward or broken file is used, or skipped with a named reason,
in scanning, training, prediction and sorting. Never a crash.

One "messy" photo folder holds the whole list from the issue (see ``tests/corpus.py``):
zero-byte, truncated, text-as-JPEG, 1x1, decompression bomb, CMYK, 16-bit, palette with
transparency, LA, RGBA, EXIF-rotated, animated GIF and WebP, HEIC/RAW/SVG, unicode and
spaces in names, hidden files and folders, symlink loops and dangling links, a category
with one photo, the same photo in two categories, a photo outside any category.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_support import photo_counts, sha256

from corpus import (
    CLUTTER_FOLDERS,
    write_bad,
    write_clutter,
    write_good,
    write_links,
    write_more_bad,
    write_more_good,
    write_photos,
)
from engine.config import TrainConfig
from engine.dataset import check_trainable, scan_folder, split_train_val
from engine.errors import DataError
from engine.images import ImageLoadError, open_image
from engine.predict import Predictor
from engine.sorting import sort_folder
from engine.training import train


@dataclass
class Messy:
    root: Path
    good: dict[str, Path]  # awkward photos that must be used
    bad: dict[str, tuple[Path, str]]  # name -> (path, word the reason must contain)
    clutter: list[Path]  # must be ignored: not a category, not a photo, not a skip
    loop: Path  # a folder symlink pointing at its own folder


def build_messy(root: Path, fashion_small: Path) -> Messy:
    shutil.copytree(fashion_small, root)
    good = {**write_good(root / "t-shirt" / "awkward"), **write_more_good(root / "t-shirt")}
    bad = {**write_bad(root / "trouser" / "broken"), **write_more_bad(root / "trouser")}
    links = write_links(root / "pullover")
    loop = links.pop("loop")[0]
    bad.update(links)
    clutter = write_clutter(root) + write_clutter(root / "pullover")
    (root / "pullover" / "notes.txt").write_text("shopping list")
    bad["notes.txt"] = (root / "pullover" / "notes.txt", "not a photo")
    stray = write_photos(root, 1, seed=7)[0]  # beside the categories, not in one
    bad[stray.name] = (stray, "not inside a category")
    first = sorted((root / "t-shirt").glob("*.png"))[0]
    shutil.copy(first, root / "pullover" / "the same t-shirt.png")
    (root / "lonely").mkdir()
    write_photos(root / "lonely", 1, seed=3)
    return Messy(root, good, bad, clutter, loop)


@pytest.fixture(scope="module")
def messy(tmp_path_factory, fashion_small) -> Messy:
    return build_messy(tmp_path_factory.mktemp("messy") / "photos", fashion_small)


def _reasons(skipped) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in skipped}


def test_the_corpus_really_is_what_it_claims(messy):
    """Guards the other tests: every 'good' file opens, every 'bad' one is refused."""
    for name, path in messy.good.items():
        img = open_image(path)
        assert img.mode == "RGB" and min(img.size) >= 8, name
    for name, (path, word) in messy.bad.items():
        if word in ("not a photo", "not inside a category"):
            continue  # refused by the scanner, not the decoder
        with pytest.raises(ImageLoadError) as info:
            open_image(path)
        assert info.value.reason, name


def test_scan_uses_every_good_photo_and_names_every_bad_file(messy):
    scan = scan_folder(messy.root)
    assert scan.classes == ["lonely", "pullover", "t-shirt", "trouser"]  # no clutter folder
    counts = scan.counts()
    assert counts == {"lonely": 1, "pullover": 13, "t-shirt": 12 + len(messy.good), "trouser": 12}
    reasons = _reasons(scan.skipped)
    assert set(reasons) == set(messy.bad), set(reasons) ^ set(messy.bad)
    for name, (_, word) in messy.bad.items():
        assert word in reasons[name].lower(), (name, reasons[name])
    used = {p.path for p in scan.photos}
    assert {p for p in messy.good.values()} <= used
    seen = used | {Path(s.path) for s in scan.skipped}
    for item in messy.clutter:
        assert not any(item == p or item in p.parents for p in seen), item
    assert not any(messy.loop in p.parents for p in seen)  # the loop was not followed
    text = " ".join(scan.warnings)
    assert "more than one category" in text  # the same t-shirt in pullover
    assert "Very few photos in lonely (1)" in text


def test_folder_shapes_that_cannot_train_say_why(tmp_path):
    one = tmp_path / "one"
    write_photos(one / "cats", 5)
    with pytest.raises(DataError, match=r"at least 2 categories.*only one \(cats\)"):
        train(TrainConfig(data_dir=str(one)))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError, match="at least 2 categories.*none"):
        train(TrainConfig(data_dir=str(empty)))
    hollow = tmp_path / "hollow"
    write_photos(hollow / "cats", 5)
    write_photos(hollow / "dogs", 5, seed=1)
    (hollow / "birds").mkdir()
    scan = scan_folder(hollow)
    assert "No usable photos in: birds" in " ".join(scan.warnings)
    with pytest.raises(DataError, match="No usable photo to train on in: birds"):
        check_trainable(scan.classes, *split_train_val(scan))
    with pytest.raises(DataError, match="does not exist"):
        scan_folder(tmp_path / "nowhere")
    with pytest.raises(DataError, match="a file, not a folder"):
        scan_folder(one / "cats" / "photo 0-0.png")


def test_training_skips_and_lists_bad_files_and_learns_from_the_rest(messy, tmp_path):
    events = []
    cfg = TrainConfig(data_dir=str(messy.root), epochs=1, image_size=64, precision="fp32")
    result = train(cfg, out=tmp_path / "m.ftmodel", on_event=events.append)
    listed = {Path(s["path"]).name: s["reason"] for s in result.metrics()["skipped_files"]}
    assert set(listed) == set(messy.bad)
    for name, (_, word) in messy.bad.items():
        assert word in listed[name].lower()
    assert result.model_path and result.model_path.is_file()
    assert result.classes == ["lonely", "pullover", "t-shirt", "trouser"]
    assert sum(photo_counts(events)) == len(scan_folder(messy.root).photos)
    assert any("more than one category" in e.message for e in events if e.kind == "message")


def test_prediction_answers_good_photos_and_reports_bad_ones(messy, tiny_model):
    predictor = Predictor(tiny_model, device="cpu", precision="fp32")
    answers = predictor.predict_paths([messy.root], batch_size=8)
    results = {Path(p.path).name: p for p in answers}
    paths = [Path(p.path) for p in answers]
    assert len(paths) == len(set(paths)) == len(results)  # the symlink loop repeated nothing
    for name in messy.good:
        assert results[name].error is None and results[name].label, name
    for name, (path, word) in messy.bad.items():
        if word in ("not a photo", "not inside a category"):
            continue  # prediction takes any photo given; a .txt is not listed at all
        assert word in (results[name].error or "").lower(), (name, results[name])
        single = predictor.predict_image(path)  # one dropped file: same answer
        assert single.error and single.shown_label() == "unreadable"
    assert "notes.txt" not in results
    for p in paths:
        assert not any(c == p or c in p.parents for c in messy.clutter), p
        assert messy.loop not in p.parents


def test_sorting_moves_good_photos_and_leaves_bad_files_in_place(messy, tiny_model, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(messy.root, src, symlinks=True)
    before = {p.relative_to(src) for p in src.rglob("*") if p.is_file() or p.is_symlink()}
    digests = {p.relative_to(src): sha256(p) for p in src.rglob("*") if p.is_file()}
    out = tmp_path / "sorted"
    predictor = Predictor(tiny_model, device="cpu", precision="fp32")
    report = sort_folder(predictor, src, out, move=True)
    unreadable = {Path(s).name: r for s, r in report.unreadable}
    for name, (_, word) in messy.bad.items():
        if word in ("not a photo", "not inside a category"):
            continue
        assert word in unreadable[name].lower(), name
    assert not report.failed and not report.stopped
    placed = {Path(s).relative_to(src) for s, _, _, _ in report.placed}
    assert set(messy.good) <= {p.name for p in placed}
    left = {p.relative_to(src) for p in src.rglob("*") if p.is_file() or p.is_symlink()}
    assert left == before - placed  # bad files, clutter and notes stayed where they were
    assert not left & placed
    # Nothing lost: every moved photo is in the output, none overwritten another.
    in_out = [p for p in out.rglob("*") if p.is_file() and p.name != "sorted.csv"]
    assert len(in_out) == len(placed)
    for s, d, _, _ in report.placed:
        assert sha256(Path(d)) == digests[Path(s).relative_to(src)]
    rows = list(csv.DictReader((out / "sorted.csv").open(encoding="utf-8")))
    assert sum(r["note"] == "moved" for r in rows) == len(placed)
    assert sum(r["note"].startswith("not sorted:") for r in rows) == len(report.unreadable)
    for hidden in CLUTTER_FOLDERS:
        assert (src / hidden / "photo.png").is_file()  # hidden folders are not the person's
