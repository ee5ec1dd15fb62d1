"""Checking a model on a folder whose categories differ from the model's."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from engine.backbones import build_model, get_backbone
from engine.cli import main
from engine.config import TrainConfig
from engine.errors import DataError
from engine.evaluation import evaluate_folder
from engine.modelfile import save_model


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    import torch

    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("mm") / "m.ftmodel"
    save_model(
        path,
        net=build_model("efficientnet_lite0", 4),
        classes=["a", "b", "c", "d"],
        prep=get_backbone("efficientnet_lite0").preprocessing.for_size(64),
        config=TrainConfig(),
        summary={},
    )
    return path


def _folder(root, names, per=3):
    rng = np.random.default_rng(1)
    for name in names:
        (root / name).mkdir(parents=True)
        for i in range(per):
            arr = rng.integers(0, 256, (40, 40, 3), dtype=np.uint8)
            Image.fromarray(arr).save(root / name / f"{i}.png")
    return root


@pytest.mark.slow
def test_the_categories_that_match_are_checked_and_the_others_named(model_path, tmp_path):
    folder = _folder(tmp_path / "photos", ["a", "b", "x", "y"])
    ev = evaluate_folder(model_path, folder)
    assert ev.count == 6  # a and b, 3 photos each
    assert (ev.unmatched, ev.absent) == (["x", "y"], ["c", "d"])
    assert ev.skipped == []  # unknown categories are not "photos that could not be read"
    note = ev.category_note()
    assert note.startswith("This folder's categories do not match the model's.")
    assert "Checked on the 2 categories that match (a, b)" in note
    assert "the model does not know them): x, y" in note and "c, d have no photos" in note
    assert ev.to_dict()["categories_unknown_to_the_model"] == ["x", "y"]


def test_no_category_in_common_is_an_error_and_a_failing_exit(model_path, tmp_path, capsys):
    folder = _folder(tmp_path / "other", ["x", "y", "z"])
    with pytest.raises(DataError, match="do not match the model's: none of its categories"):
        evaluate_folder(model_path, folder)
    assert main(["evaluate", str(model_path), str(folder)]) == 2
    err = capsys.readouterr().err
    assert "This folder's categories do not match the model's" in err and "x, y, z" in err
    assert "accuracy 0.0%" not in capsys.readouterr().out


@pytest.mark.slow
def test_same_categories_say_nothing_and_exit_zero(model_path, tmp_path, capsys):
    folder = _folder(tmp_path / "same", ["a", "b", "c", "d"], per=2)
    assert main(["evaluate", str(model_path), str(folder)]) == 0
    out = capsys.readouterr()
    assert "accuracy" in out.out and "do not match" not in out.err


@pytest.mark.slow
def test_predict_on_a_missing_file_fails(model_path, tmp_path, capsys):
    assert main(["predict", str(model_path), str(tmp_path / "no-such-photo.jpg")]) == 1
    captured = capsys.readouterr()
    assert "no-such-photo.jpg" in captured.out and "could not be classified" in captured.err


def test_torchscript_export_prints_no_future_warning(model_path, tmp_path):
    import warnings

    from engine.export import export_model

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        report = export_model(model_path, "torchscript", tmp_path / "m.pt")
        from engine.export import run_exported

        run_exported(report.path, "torchscript", __import__("torch").zeros(1, 3, 64, 64))
    assert not [w for w in seen if issubclass(w.category, FutureWarning)], [
        str(w.message) for w in seen
    ]
