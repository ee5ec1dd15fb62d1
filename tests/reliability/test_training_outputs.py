"""Issue 14 (items 1, 8, 10) and issue 12 (resume) for training: a run never destroys its
own model or another file, refuses up front what it could not save, stops on a loss that
is not a number, and a resumed run saves where the interrupted one was writing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from reliability_support import kill_after_first_checkpoint, run_cli, save_tiny_model, sha256

from engine import cli, training
from engine.config import TrainConfig
from engine.errors import DataError, StudioError
from engine.modelfile import load_checkpoint, load_model


@pytest.fixture
def no_scan(monkeypatch):
    """Fail the test if the run gets as far as scanning: the refusal must come first."""

    def scan(*_a, **_k):
        raise AssertionError("the run started scanning photos before refusing")

    monkeypatch.setattr(training, "scan_folder", scan)


def _cli(args, capsys) -> tuple[int, str]:
    rc = cli.main([str(a) for a in args])
    return rc, capsys.readouterr().err


def test_checkpoint_named_like_the_model_is_refused_and_the_model_kept(
    tmp_path, fashion_small, capsys, no_scan
):
    q = tmp_path / "q"
    q.mkdir()
    model = save_tiny_model(q / "m.ftmodel")
    before = sha256(model)
    rc, err = _cli(["train", fashion_small, "--out", model, "--checkpoint", model], capsys)
    assert rc == 2 and "same file" in err, err
    assert sha256(model) == before and sorted(os.listdir(q)) == ["m.ftmodel"]


def test_a_model_named_like_its_own_checkpoint_is_refused(tmp_path, fashion_small, capsys, no_scan):
    # --out q/model.ckpt: the default checkpoint (beside --out, .ckpt, when more than the
    # head trains) is the model itself.
    args = ["train", fashion_small, "--out", tmp_path / "model.ckpt", "--train-layers", "last"]
    rc, err = _cli(args, capsys)
    assert rc == 2 and "same file" in err, err
    assert os.listdir(tmp_path) == []


def test_an_unrelated_file_named_as_the_checkpoint_is_never_overwritten(
    tmp_path, fashion_small, capsys, no_scan
):
    precious = save_tiny_model(tmp_path / "precious.ftmodel")
    before = sha256(precious)
    rc, err = _cli(
        ["train", fashion_small, "--out", tmp_path / "m.ftmodel", "--checkpoint", precious],
        capsys,
    )
    assert rc == 2 and "not a training checkpoint" in err, err
    assert sha256(precious) == before


def test_a_name_too_long_for_an_atomic_save_fails_before_training(
    tmp_path, fashion_small, capsys, no_scan
):
    out = tmp_path / ("m" * 240 + ".ftmodel")  # 248 bytes: a valid name, its temp is not
    rc, err = _cli(["train", fashion_small, "--out", out, "--checkpoint", tmp_path / "c"], capsys)
    assert rc == 2 and "too long" in err, err


def test_more_categories_than_a_model_may_hold_are_refused_before_the_scan(
    tmp_path, fashion_small, monkeypatch, no_scan
):
    # The real limit is 10,000 (what loading accepts); 2 here keeps the folder small.
    monkeypatch.setattr(training, "MAX_CLASSES", 2)
    with pytest.raises(DataError, match="at most 2 categories"):
        training.train(TrainConfig(data_dir=str(fashion_small)), out=tmp_path / "m.ftmodel")
    assert not (tmp_path / "m.ftmodel").exists()


def test_a_loss_that_is_not_a_number_stops_the_run_without_a_model(
    tmp_path, fashion_small, monkeypatch
):
    real_build = training.build_model

    def nan_head(*a, **k):  # an "all-NaN" network: every score is NaN, and so is the loss
        net = real_build(*a, **k)
        net.head.weight.data.fill_(float("nan"))
        return net

    monkeypatch.setattr(training, "build_model", nan_head)
    out = tmp_path / "m.ftmodel"
    config = TrainConfig(data_dir=str(fashion_small), epochs=2, image_size=64, precision="fp32")
    with pytest.raises(StudioError, match="not a number"):
        training.train(config, out=out)
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_resume_from_another_folder_saves_at_the_original_out(tmp_path, fashion_small):
    first, other = tmp_path / "first", tmp_path / "elsewhere"
    first.mkdir()
    other.mkdir()
    args = ["train", fashion_small, "--out", "run/m.ftmodel", "--epochs", "40"]
    args += ["--patience", "0", "--train-layers", "all", "--image-size", "32"]
    args += ["--batch-size", "8", "--precision", "fp32"]
    ckpt = first / "run" / "m.ckpt"  # the default checkpoint, beside --out
    kill_after_first_checkpoint(args, ckpt, cwd=first)
    done = len(load_checkpoint(ckpt).history)

    out = run_cli(["train", "--resume", ckpt, "--epochs", done + 1], cwd=other)
    assert out.returncode == 0, out.stderr[-3000:]
    assert not (other / "model.ftmodel").exists()
    model = first / "run" / "m.ftmodel"
    assert load_model(model).summary["trained_on"] == done + 1
    assert not ckpt.exists()  # finished: the run's own checkpoint was removed
    assert Path(model).is_file()


def test_a_mistyped_backbone_is_said_before_the_scan(tmp_path, fashion_small, no_scan):
    # Issue 13: `--backbone` with a typo was reported only after scanning every photo.
    with pytest.raises(StudioError, match="resnet1"):
        training.train(TrainConfig(data_dir=str(fashion_small), backbone="resnet1"))
