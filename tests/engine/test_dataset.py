"""Scanning a photo folder: categories, skipped files, warnings, the validation split."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from corpus import write_bad, write_good
from engine.dataset import (
    MAX_COPY_GROUP,
    DatasetScan,
    Photo,
    check_trainable,
    scan_folder,
    split_train_val,
)
from engine.errors import Cancelled, DataError


def _photos(folder: Path, n: int, color=(200, 10, 10), start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        Image.new("RGB", (24, 24), (color[0], (color[1] + 7 * i) % 256, color[2])).save(
            folder / f"{i}.png"
        )


def test_scan_counts_nested_photos_and_ignores_hidden(tmp_path):
    _photos(tmp_path / "cats", 5)
    _photos(tmp_path / "cats" / "2024" / "summer", 3, start=10)
    _photos(tmp_path / "dogs", 4, color=(10, 10, 200))
    _photos(tmp_path / ".ipynb_checkpoints", 2)
    _photos(tmp_path / "__MACOSX", 2)
    _photos(tmp_path / "dogs" / ".thumbnails", 2)
    (tmp_path / "dogs" / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "dogs" / "Thumbs.db").write_bytes(b"junk")
    scan = scan_folder(tmp_path)
    assert scan.classes == ["cats", "dogs"]
    assert scan.counts() == {"cats": 8, "dogs": 4}
    assert scan.skipped == []


def test_broken_files_are_listed_and_good_ones_kept(tmp_path):
    good = write_good(tmp_path / "a")
    bad = write_bad(tmp_path / "a")
    _photos(tmp_path / "b", 3)
    (tmp_path / "b" / "notes.txt").write_text("hello")
    scan = scan_folder(tmp_path)
    assert scan.counts()["a"] == len(good)
    reasons = {Path(s.path).name: s.reason for s in scan.skipped}
    for name, (_, word) in bad.items():
        assert word in reasons[name].lower()
    assert "notes.txt" in reasons


def test_warnings_for_few_photos_imbalance_and_duplicates(tmp_path):
    _photos(tmp_path / "big", 40)
    _photos(tmp_path / "small", 3, color=(0, 0, 250))
    shutil.copy(tmp_path / "big" / "0.png", tmp_path / "small" / "copy.png")
    (tmp_path / "empty").mkdir()
    text = " ".join(scan_folder(tmp_path).warnings)
    assert "Very few photos in small" in text
    assert "very unequal" in text
    assert "more than one category" in text
    assert "No usable photos in: empty" in text


def test_split_is_stratified_and_repeatable(tmp_path):
    _photos(tmp_path / "a", 20)
    _photos(tmp_path / "b", 10, color=(0, 0, 200))
    _photos(tmp_path / "c", 1, color=(0, 200, 0))
    scan = scan_folder(tmp_path)
    train, val = split_train_val(scan, 0.2, seed=3)
    by = lambda items, lab: sum(p.label == lab for p in items)  # noqa: E731
    assert (by(val, 0), by(val, 1), by(val, 2)) == (4, 2, 0)
    assert by(train, 2) == 1  # a lone photo stays in training
    again = split_train_val(scan, 0.2, seed=3)
    assert [p.path for p in again[1]] == [p.path for p in val]
    other = split_train_val(scan, 0.2, seed=4)
    assert [p.path for p in other[1]] != [p.path for p in val]


def test_look_alike_photos_chained_as_near_copies_do_not_empty_training(tmp_path):
    # Issue 19: near-copy pairs chain photos that only look alike (each hash here is one
    # bit from the next: one group of 400). Kept on one side, that group emptied training.
    chain, h = [], 0
    for i in range(400):
        h ^= 1 << (i % 64)
        chain.append(f"{h:016x}")
    photos = [
        Photo(tmp_path / f"{i % 2}" / f"{i}.jpg", i % 2, digest=f"d{i}", phash=chain[i])
        for i in range(400)
    ]
    photos[11] = Photo(tmp_path / "1" / "11.jpg", 1, digest="d9", phash=chain[11])  # = 9's bytes
    alt = 0x5555555555555555  # far from every hash of the chain
    photos += [  # a real re-saved photo: three near-copies, kept together
        Photo(tmp_path / "0" / f"r{k}.jpg", 0, digest=f"r{k}", phash=f"{alt ^ k:016x}")
        for k in range(3)
    ]
    scan = DatasetScan(tmp_path, ["0", "1"], photos)
    assert len(photos) - 3 > MAX_COPY_GROUP
    for seed in range(5):
        train, val = split_train_val(scan, 0.2, seed)
        side = {p.path: "train" for p in train} | {p.path: "val" for p in val}
        assert 0.15 <= len(val) / len(photos) <= 0.25, (seed, len(val))
        assert side[photos[9].path] == side[photos[11].path]  # same bytes: one side
        assert len({side[p.path] for p in photos[-3:]}) == 1  # re-saved copies: one side


def test_impossible_training_stops_with_plain_message(tmp_path):
    _photos(tmp_path / "only", 10)
    scan = scan_folder(tmp_path)
    train, val = split_train_val(scan)
    with pytest.raises(DataError, match="at least 2 categories"):
        check_trainable(scan.classes, train, val)
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "broken.jpg").write_bytes(b"")
    scan = scan_folder(tmp_path)
    train, val = split_train_val(scan)
    with pytest.raises(DataError, match="No usable photo to train on in: nothing"):
        check_trainable(scan.classes, train, val)


def test_scan_can_be_cancelled_and_reports_progress(tmp_path):
    _photos(tmp_path / "a", 30)
    _photos(tmp_path / "b", 30, color=(0, 0, 200))
    seen = []
    scan_folder(tmp_path, on_progress=seen.append)
    assert seen[-1].done == seen[-1].total == 60
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        scan_folder(tmp_path, should_stop=lambda: next(calls) > 5)


def test_symlink_loop_does_not_hang(tmp_path):
    _photos(tmp_path / "a", 3)
    _photos(tmp_path / "b", 3, color=(0, 0, 200))
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    scan = scan_folder(tmp_path)
    assert scan.counts() == {"a": 3, "b": 3}


def test_rescan_of_an_unchanged_folder_does_not_decode_again(tmp_path, monkeypatch):
    from engine import dataset

    _photos(tmp_path / "a", 5)
    _photos(tmp_path / "b", 5, color=(0, 0, 200))
    (tmp_path / "b" / "bad.jpg").write_bytes(b"nope")
    first = scan_folder(tmp_path)
    calls = []
    real = dataset.open_image
    monkeypatch.setattr(dataset, "open_image", lambda *a, **k: calls.append(a) or real(*a, **k))
    second = scan_folder(tmp_path)
    assert calls == []
    assert second.counts() == first.counts() and second.skipped == first.skipped
    assert [p.digest for p in second.photos] == [p.digest for p in first.photos]
    # An edited photo is checked again.
    import os

    target = tmp_path / "a" / "0.png"
    Image.new("RGB", (30, 30), (1, 2, 3)).save(target)
    os.utime(target, ns=(1, 1))
    scan_folder(tmp_path)
    assert len(calls) == 1
