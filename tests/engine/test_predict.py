"""The predictor: batches in order, reports unreadable photos, stops promptly."""

from __future__ import annotations

import time

import pytest
from PIL import Image

from engine.backbones import build_model, get_backbone
from engine.config import TrainConfig
from engine.errors import Cancelled
from engine.modelfile import save_model
from engine.predict import Predictor


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("m") / "m.ftmodel"
    save_model(
        path,
        net=build_model("efficientnet_lite0", 3),
        classes=["a", "b", "c"],
        prep=get_backbone("efficientnet_lite0").preprocessing.for_size(64),
        config=TrainConfig(),
        summary={"threshold": 0.5},
    )
    return path


def _photos(folder, n):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (40, 40), (i * 3 % 256, 80, 160)).save(folder / f"{i:03d}.png")
    return sorted(folder.iterdir())


def test_results_arrive_in_order_with_errors_reported(model_path, tmp_path):
    files = _photos(tmp_path / "p", 10)
    (tmp_path / "p" / "005.png").write_bytes(b"broken")
    batches = []
    preds = Predictor(model_path, precision="fp32").predict_paths(
        files, on_results=batches.append, batch_size=4
    )
    assert [p.path for p in preds] == [str(f) for f in files]
    assert len(batches[0]) == 4 and sum(map(len, batches)) == 10
    assert preds[5].error and preds[5].shown_label() == "unreadable"
    assert all(abs(sum(c for _, c in p.top) - 1) < 1e-4 for p in preds if not p.error)


def test_stop_returns_without_waiting_for_the_decoding_ahead(model_path, tmp_path, monkeypatch):
    files = _photos(tmp_path / "p", 64)
    predictor = Predictor(model_path, precision="fp32")
    real = predictor._load

    def slow(path):
        time.sleep(0.05)
        return real(path)

    monkeypatch.setattr(predictor, "_load", slow)
    stop = {"now": False}

    def on_results(batch):
        stop["now"] = True

    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        predictor.predict_paths(
            files, batch_size=32, on_results=on_results, should_stop=lambda: stop["now"]
        )
    # The first batch is 4 photos (0.2 s); without a prompt stop it would wait for 32 more (1.6 s).
    assert time.monotonic() - t0 < 1.2
