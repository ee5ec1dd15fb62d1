"""Start from an unsorted pile: finding it, the quick head, suggestions, most useful next."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.dataset import list_categories, scan_folder
from engine.errors import DataError, StudioError
from engine.journal import MoveJournal
from engine.pile import (
    FeatureStore,
    Suggestion,
    Suggestions,
    check_category_name,
    create_category,
    find_pile,
    fit_and_score,
    label_photos,
    margin,
    most_useful,
    suggest,
)

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _photo(path: Path, shade: int = 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), (shade, shade, shade)).save(path)
    return path


def test_a_plain_folder_of_photos_is_a_pile(tmp_path):
    for i in range(4):
        _photo(tmp_path / f"p{i}.png", 10 * i)
    (tmp_path / "notes.txt").write_text("not a photo")
    pile = find_pile(tmp_path)
    assert pile.is_pile and pile.categories == []
    assert [p.name for p in pile.unsorted] == ["p0.png", "p1.png", "p2.png", "p3.png"]
    assert "4 photos, not sorted yet" in pile.describe()


def test_an_unsorted_folder_in_any_case_is_a_pile_and_never_a_category(tmp_path):
    _photo(tmp_path / "cat" / "a.png")
    _photo(tmp_path / "dog" / "b.png")
    _photo(tmp_path / "UnSorted" / "c.png")
    _photo(tmp_path / "UnSorted" / "deeper" / "d.png")
    pile = find_pile(tmp_path)
    assert pile.categories == ["cat", "dog"]
    assert {p.name for p in pile.unsorted} == {"c.png", "d.png"}
    assert pile.labelled_count() == 2
    assert list_categories(tmp_path) == ["cat", "dog"]
    scan = scan_folder(tmp_path, remember=False)
    assert scan.classes == ["cat", "dog"]
    assert {p.path.name for p in scan.photos} == {"a.png", "b.png"}  # unsorted: never trained on
    assert any("2 photo(s) in the folder 'unsorted' are not sorted yet" in w for w in scan.warnings)


def test_a_sorted_folder_is_not_a_pile(tmp_path):
    _photo(tmp_path / "cat" / "a.png")
    _photo(tmp_path / "dog" / "b.png")
    pile = find_pile(tmp_path)
    assert not pile.is_pile
    assert pile.describe() == "Every photo is in a category folder."


def test_a_missing_folder_is_a_plain_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        find_pile(tmp_path / "nope")


def test_category_names_are_checked(tmp_path):
    (tmp_path / "Cat").mkdir()
    assert check_category_name("  dog ") == "dog"
    for bad, words in [
        ("", "Give the category a name"),
        ("a/b", "cannot be a folder name"),
        ("unsorted", "kept for the app"),
        (".hidden", "cannot be a folder name"),
        ("cat", "already a category"),
    ]:
        with pytest.raises(StudioError, match=words):
            check_category_name(bad, list_categories(tmp_path))
    assert create_category(tmp_path, "dog") == tmp_path / "dog"
    assert list_categories(tmp_path) == ["Cat", "dog"]


def test_the_quick_head_learns_separable_clusters_and_hesitates_between_them():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1, (3, 64))
    x = np.concatenate([c + 0.1 * rng.normal(0, 1, (20, 64)) for c in centres])
    y = np.repeat(np.arange(3), 20)
    train = np.concatenate([np.arange(0, 60, 20) + k for k in range(3)])  # 3 per category
    between = (centres[0] + centres[1]) / 2  # halfway between two categories
    score = np.concatenate([x, between[None, :]])
    probs = fit_and_score(x[train], y[train], score, 3)
    assert probs.shape == (61, 3)
    assert np.allclose(probs.sum(1), 1.0, atol=1e-5)
    assert (probs[:60].argmax(1) == y).mean() == 1.0
    # The photo halfway between two categories is the one to label first.
    assert most_useful(probs, 1) == [60]
    assert margin(probs)[60] < np.median(margin(probs[:60]))


def test_a_category_without_labels_gets_no_probability():
    x = np.eye(4, dtype=np.float32)
    probs = fit_and_score(x[:2], np.array([0, 2]), x, 3)
    assert np.all(probs[:, 1] == 0.0)


def test_suggestions_threshold_and_csv(tmp_path):
    items = [
        Suggestion(tmp_path / "a.png", "cat", 0.95, 0.9),
        Suggestion(tmp_path / "b.png", "dog", 0.55, 0.1),
        Suggestion(tmp_path / "c.png", "dog", 0.81, 0.7),
    ]
    s = Suggestions(["cat", "dog"], items, labelled=6)
    assert [x.path.name for x in s.above(0.8)] == ["a.png", "c.png"]
    assert [x.path.name for x in s.most_useful(1)] == ["b.png"]
    lines = s.to_csv().splitlines()
    assert lines[0] == "path,suggested,confidence"
    assert lines[1].endswith(",cat,0.9500") and len(lines) == 4


def test_suggest_needs_two_labelled_categories(tmp_path):
    _photo(tmp_path / "cat" / "a.png")
    (tmp_path / "dog").mkdir()
    _photo(tmp_path / "x.png")
    with pytest.raises(DataError, match="two categories"):
        suggest(find_pile(tmp_path), FeatureStore())


def _make_pile(source: Path, dest: Path, labelled_per_category: int) -> dict[str, str]:
    """Copy a class-per-folder set into a pile: a few photos stay filed, the rest lie loose."""
    truth: dict[str, str] = {}
    for cat in sorted(d.name for d in source.iterdir() if d.is_dir()):
        files = sorted((source / cat).iterdir())
        (dest / cat).mkdir(parents=True)
        for i, f in enumerate(files):
            if i < labelled_per_category:
                shutil.copy2(f, dest / cat / f.name)
            else:
                shutil.copy2(f, dest / f"{cat}-{f.name}")
                truth[f"{cat}-{f.name}"] = cat
    return truth


@pytest.fixture(scope="module")
def store() -> FeatureStore:
    return FeatureStore()  # one per module: the 500 photos' features are computed once


@pytest.mark.slow
def test_five_labels_per_category_suggest_the_rest_of_500(fashion_train, tmp_path, store):
    truth = _make_pile(fashion_train, tmp_path / "pile", labelled_per_category=5)
    pile = find_pile(tmp_path / "pile")
    assert len(pile.unsorted) == 450 and pile.labelled_count() == 50
    result = suggest(pile, store)
    assert len(result.items) == 450 and result.labelled == 50
    right = sum(truth[s.path.name] == s.category for s in result.items)
    assert right / 450 >= 0.65, f"{right}/450 right"
    # The sure ones are surer to be right than the rest.
    sure = result.above(0.8)
    if sure:
        assert sum(truth[s.path.name] == s.category for s in sure) / len(sure) > right / 450


@pytest.mark.slow
def test_the_apps_choice_of_50_more_labels_beats_random(fashion_train, store):
    sys.path.insert(0, str(BENCH))
    import pile_bench

    x, y, kept = pile_bench.pile_features(fashion_train, store)
    assert len(kept) == 500
    trials = [pile_bench.trial(x, y, seed) for seed in range(3)]
    app = [t.app_accuracy for t in trials]
    rand = [t.random_accuracy for t in trials]
    assert np.mean(app) > np.mean(rand), pile_bench.table(trials)
    assert sum(a > r for a, r in zip(app, rand, strict=True)) >= 2, pile_bench.table(trials)


def _census(root: Path) -> dict[str, int]:
    """sha256 of every photo under ``root`` (the journal's own folder aside) -> how many."""
    out: dict[str, int] = {}
    for p in root.rglob("*.png"):
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        out[digest] = out.get(digest, 0) + 1
    return out


def test_labelling_moves_into_the_category_as_one_undoable_batch(tmp_path):
    photos = [_photo(tmp_path / "Unsorted" / f"p{i}.png", 20 * i) for i in range(4)]
    _photo(tmp_path / "cat" / "p0.png", 250)  # a taken name: never overwritten
    create_category(tmp_path, "dog")
    before = _census(tmp_path)
    rec = label_photos(tmp_path, [(photos[0], "cat"), (photos[1], "dog"), (photos[2], "dog")])
    assert sorted(Path(m.dst).relative_to(tmp_path).as_posix() for m in rec.moves) == [
        "cat/p0 (2).png",
        "dog/p1.png",
        "dog/p2.png",
    ]
    pile = find_pile(tmp_path)
    assert [p.name for p in pile.unsorted] == ["p3.png"]
    assert _census(tmp_path) == before
    journal = MoveJournal(tmp_path)
    journal.undo(rec.id)
    assert sorted(p.name for p in find_pile(tmp_path).unsorted) == [p.name for p in photos]
    journal.redo(rec.id)
    assert [p.name for p in find_pile(tmp_path).unsorted] == ["p3.png"]
    assert _census(tmp_path) == before


def test_labelling_by_copy_keeps_the_original_but_it_is_no_longer_unsorted(tmp_path):
    photos = [_photo(tmp_path / f"p{i}.png", 20 * i) for i in range(3)]
    create_category(tmp_path, "cat")
    rec = label_photos(tmp_path, [(photos[0], "cat")], copy=True)
    assert photos[0].exists() and (tmp_path / "cat" / "p0.png").exists()
    assert [p.name for p in find_pile(tmp_path).unsorted] == ["p1.png", "p2.png"]
    MoveJournal(tmp_path).undo(rec.id)
    assert not (tmp_path / "cat" / "p0.png").exists()
    assert [p.name for p in find_pile(tmp_path).unsorted] == ["p0.png", "p1.png", "p2.png"]


def test_labelling_into_a_missing_category_is_refused_and_moves_nothing(tmp_path):
    photo = _photo(tmp_path / "p.png")
    with pytest.raises(StudioError, match="no category named 'bird'"):
        label_photos(tmp_path, [(photo, "bird")])
    assert photo.exists()


@pytest.mark.slow
def test_cli_suggest_writes_the_csv(tmp_path, fashion_small, capsys):
    from engine.cli import main

    truth = _make_pile(fashion_small, tmp_path / "pile", labelled_per_category=3)
    out = tmp_path / "s.csv"
    assert main(["suggest", str(tmp_path / "pile"), "--csv", str(out)]) == 0
    rows = out.read_text().splitlines()
    assert rows[0] == "path,suggested,confidence" and len(rows) == 1 + len(truth)
    right = sum(truth[Path(r.split(",")[0]).name] == r.split(",")[1] for r in rows[1:])
    assert right / len(truth) >= 0.6
    assert "27 photos not sorted yet" in capsys.readouterr().out
