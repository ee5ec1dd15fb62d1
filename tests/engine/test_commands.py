"""The commands that use a trained model, on real data: evaluate, predict, sort, export."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

CLI = [sys.executable, "-m", "engine.cli"]


def run(*args, ok=True, timeout=600):
    out = subprocess.run(
        CLI + [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ},
    )
    if ok:
        assert out.returncode == 0, out.stderr[-3000:]
    return out


def test_backbones_lists_the_catalog_as_json():
    rows = json.loads(run("backbones", "--json").stdout)
    names = [r["name"] for r in rows]
    assert names[0] == "efficientnet_lite0" and "vgg16" in names and len(names) >= 9
    assert rows[0]["state"] == "bundled"


def test_evaluate_writes_metrics_and_confusion_matrix(cli_model, tmp_path):
    out = tmp_path / "eval.json"
    res = run("evaluate", cli_model["model"], cli_model["val"], "--json", out)
    doc = json.loads(out.read_text())
    assert abs(doc["accuracy"] - cli_model["metrics"]["val_accuracy"]) < 0.02
    assert doc["count"] == 1000 and len(doc["classes"]) == 10
    matrix = np.array(doc["confusion_matrix"])
    assert matrix.shape == (10, 10) and matrix.sum() == 1000 and (matrix.sum(1) == 100).all()
    assert np.trace(matrix) / 1000 == pytest.approx(doc["accuracy"], abs=1e-6)
    assert set(doc["per_class"]["bag"]) == {"precision", "recall", "f1", "support"}
    assert (
        doc["most_confidently_wrong"][0]["confidence"]
        >= doc["most_confidently_wrong"][-1]["confidence"]
    )
    assert "accuracy" in res.stdout


def test_predict_csv_has_top_choices_and_reports_unreadable(cli_model, tmp_path):
    photos = tmp_path / "photos"
    shutil.copytree(cli_model["val"] / "bag", photos / "bags")
    (photos / "broken.jpg").write_bytes(b"not a photo")
    out = tmp_path / "p.csv"
    res = run("predict", cli_model["model"], photos, "--top-k", "3", "--csv", out, ok=False)
    # One photo could not be classified: the answers are written, and the exit says so.
    assert res.returncode == 1 and "1 of 101 photo(s) could not be classified" in res.stderr
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 101
    assert list(rows[0])[:7] == [
        "path",
        "label",
        "confidence",
        "label_2",
        "confidence_2",
        "label_3",
        "confidence_3",
    ]
    good = [r for r in rows if not r["error"]]
    assert sum(r["label"] == "bag" for r in good) / len(good) > 0.85
    assert all(float(r["confidence"]) >= float(r["confidence_2"]) for r in good)
    broken = [r for r in rows if r["path"].endswith("broken.jpg")][0]
    assert broken["error"] and not broken["label"]


@pytest.mark.parametrize("move", [False, True])
def test_sort_loses_and_overwrites_nothing(cli_model, tmp_path, move):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(cli_model["val"] / "trouser", src / "a")
    shutil.copytree(cli_model["val"] / "sandal", src / "b")
    # Name clashes: the same file names in both folders, and a file already in the output.
    (src / "a" / "broken.png").write_bytes(b"")
    (src / "a" / "text.jpg").write_text("hello")
    (out / "trouser").mkdir(parents=True)
    existing = out / "trouser" / sorted(p.name for p in (src / "a").glob("*.png"))[0]
    existing.write_bytes(b"keep me")
    shutil.copy(
        src / "b" / sorted(p.name for p in (src / "b").iterdir())[0], src / "a" / "clash.png"
    )
    shutil.copy(
        src / "b" / sorted(p.name for p in (src / "b").iterdir())[1], src / "b" / "clash.png"
    )

    def files(root: Path) -> list[Path]:
        return sorted(p for p in root.rglob("*") if p.is_file())

    before_src = files(src)
    contents = sorted(p.read_bytes() for p in before_src)
    args = ["sort", cli_model["model"], src, out] + (["--move"] if move else [])
    run(*args)
    placed = [p for p in files(out) if p.suffix != ".csv" and p != existing]
    assert existing.read_bytes() == b"keep me"
    unreadable = {"broken.png", "text.jpg"}
    assert len(placed) == len(before_src) - len(unreadable)
    left = files(src)
    if move:
        assert {p.name for p in left} == unreadable  # unreadable files stay where they were
    else:
        assert left == before_src
    # Every photo's bytes are somewhere: nothing lost, nothing overwritten.
    survivors = [p.read_bytes() for p in placed] + [
        p.read_bytes() for p in left if p.name in unreadable
    ]
    assert sorted(survivors) == contents
    rows = list(csv.DictReader((out / "sorted.csv").open()))
    assert len(rows) == len(before_src)
    assert sum(r["category"] == "trouser" for r in rows) > 80


def test_onnx_export_agrees_with_the_app(cli_model, tmp_path):
    """Issue 3 acceptance: ONNX in onnxruntime agrees on >= 99% of validation photos,
    logits within 1e-3 in float32."""
    import onnx
    import torch

    from engine import preprocess
    from engine.export import run_exported
    from engine.predict import Predictor, expand_paths

    out = tmp_path / "model.onnx"
    res = run(
        "export", cli_model["model"], "--format", "onnx", "--out", out, "--check", cli_model["val"]
    )
    assert "matches the app" in res.stdout
    meta = {p.key: p.value for p in onnx.load(str(out)).metadata_props}
    assert json.loads(meta["classes"]) == cli_model["metrics"]["classes"]
    side = json.loads((tmp_path / "model.onnx.json").read_text())
    assert side["input"]["center_crop"] == 224 and side["input"]["mean"] == [0.5, 0.5, 0.5]
    # Independently: the app (float32) and onnxruntime on every validation photo.
    app = Predictor(cli_model["model"], precision="fp32")
    paths = expand_paths([cli_model["val"]])
    x = preprocess.to_batch(
        [preprocess.plain_view(preprocess.load_resized(p, 256), app.model.prep) for p in paths]
    )
    ref = torch.cat([app.logits(x[i : i + 100]) for i in range(0, len(x), 100)])
    got = run_exported(out, "onnx", x.float() / 255)
    agree = (ref.argmax(1) == got.argmax(1)).float().mean().item()
    assert agree >= 0.99 and (ref - got).abs().max().item() < 1e-3


def test_torchscript_export_loads_back(cli_model, tmp_path):
    import torch

    out = tmp_path / "model.pt"
    photos = tmp_path / "check"
    shutil.copytree(cli_model["val"] / "coat", photos)
    res = run(
        "export", cli_model["model"], "--format", "torchscript", "--out", out, "--check", photos
    )
    assert "matches the app" in res.stdout
    extra = {"finetune_studio.json": ""}
    from engine.export import torchscript_quietly

    with torchscript_quietly():  # torch's own deprecation notice, not the app's
        module = torch.jit.load(str(out), _extra_files=extra)
    assert json.loads(extra["finetune_studio.json"])["classes"] == cli_model["metrics"]["classes"]
    assert module(torch.rand(2, 3, 224, 224)).shape == (2, 10)


def test_a_missing_model_is_one_clear_line(tmp_path):
    res = run("predict", tmp_path / "nope.ftmodel", tmp_path, ok=False)
    assert res.returncode == 2 and "Traceback" not in res.stderr and "does not exist" in res.stderr
