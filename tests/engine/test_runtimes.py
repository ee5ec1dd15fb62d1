"""Prediction in OpenVINO / ONNX Runtime: PyTorch float32's answers, and a safe fallback."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from engine import runtimes
from engine.backbones import build_model, get_backbone
from engine.config import TrainConfig
from engine.errors import StudioError
from engine.modelfile import save_model
from engine.predict import Predictor


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    """The pretrained backbone with a random 4-way head (varied answers on varied photos)."""
    import torch

    torch.manual_seed(3)
    path = tmp_path_factory.mktemp("rt") / "m.ftmodel"
    save_model(
        path,
        net=build_model("efficientnet_lite0", 4),
        classes=["a", "b", "c", "d"],
        prep=get_backbone("efficientnet_lite0").preprocessing.for_size(96),
        config=TrainConfig(),
        summary={},
    )
    return path


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("photos")
    rng = np.random.default_rng(0)
    for i in range(24):
        h, w = int(rng.integers(60, 200)), int(rng.integers(60, 200))
        base = rng.integers(0, 256, 3)
        noise = rng.integers(0, 256, (h, w, 3)) * (i % 4) // 4
        arr = np.clip(base + noise, 0, 255).astype(np.uint8)
        Image.fromarray(arr).save(folder / f"{i:02d}.{'png' if i % 2 else 'jpg'}")
    return sorted(folder.iterdir())


def _scores(predictions):
    return np.array([[dict(p.top)[c] for c in "abcd"] for p in predictions])


@pytest.mark.parametrize("backend", ["openvino", "onnxruntime"])
def test_a_runtime_gives_pytorch_float32_answers(model_path, photos, backend):
    reference = Predictor(model_path, backend="torch", precision="fp32")
    assert reference.backend == "torch"
    fast = Predictor(model_path, backend=backend)
    assert fast.backend == backend and fast.runner.max_difference < 1e-3
    want = reference.predict_paths(photos, top_k=4)
    got = fast.predict_paths(photos, top_k=4, batch_size=5)
    assert [p.path for p in got] == [p.path for p in want]
    assert [p.label for p in got] == [p.label for p in want]
    assert len({p.label for p in want}) > 1  # the check photos tell the categories apart
    assert np.abs(_scores(got) - _scores(want)).max() < 1e-4
    single = fast.predict_image(photos[5], top_k=4)
    assert single.label == want[5].label
    assert np.abs(_scores([single]) - _scores(want[5:6])).max() < 1e-4


def test_auto_uses_the_first_runtime_that_works_and_says_why(model_path, monkeypatch):
    def broken(data, crop, streams):
        raise RuntimeError("no CPU plugin")

    monkeypatch.setitem(runtimes._MAKERS, "openvino", broken)
    p = Predictor(model_path)
    assert p.backend == "onnxruntime"
    assert "openvino: RuntimeError: no CPU plugin" in p.backend_note

    monkeypatch.setitem(runtimes._MAKERS, "onnxruntime", broken)
    p = Predictor(model_path)
    assert p.backend == "torch" and p.runner is None
    assert "openvino" in p.backend_note and "onnxruntime" in p.backend_note
    assert p.predict_image(__file__).error  # still answers (a .py is no photo)
    with pytest.raises(StudioError, match="Cannot predict with openvino"):
        Predictor(model_path, backend="openvino")


def test_a_runtime_with_other_scores_is_not_used(model_path, monkeypatch):
    class Wrong(runtimes.Runner):
        name = "openvino"

        def __init__(self, data, crop, streams):
            super().__init__(streams)

        def run(self, batch, *, narrow=False):
            return np.zeros((len(batch), 4), np.float32)

    monkeypatch.setitem(runtimes._MAKERS, "openvino", Wrong)
    p = Predictor(model_path)
    assert p.backend == "onnxruntime"
    assert "scores differ from PyTorch's" in p.backend_note


def test_backend_choices(model_path):
    assert Predictor(model_path, precision="bf16").backend == "torch"
    with pytest.raises(StudioError, match="Unknown backend"):
        Predictor(model_path, backend="tensorrt")
    with pytest.raises(StudioError, match="float32 only"):
        Predictor(model_path, backend="openvino", precision="bf16")
    assert runtimes.streams_for(1) == 1 and runtimes.streams_for(64) == 8


def test_the_command_offers_every_backend():
    from engine import commands, predict

    assert commands.PREDICT_BACKENDS == predict.BACKENDS
