"""Model files: round trip, and hostile or damaged files refused without running anything."""

from __future__ import annotations

import json
import pickle
import struct

import pytest
import torch

from engine.backbones import build_model, get_backbone
from engine.config import TrainConfig
from engine.errors import ModelFileError
from engine.modelfile import load_model, read_model_info, save_model


@pytest.fixture
def model_file(tmp_path):
    net = build_model("efficientnet_lite0", 3)
    path = tmp_path / "m.ftmodel"
    save_model(
        path,
        net=net,
        classes=["a", "b", "c"],
        prep=get_backbone("efficientnet_lite0").preprocessing,
        config=TrainConfig(data_dir="x"),
        summary={"threshold": 0.7, "best_epoch": 1},
    )
    return path, net


def test_round_trip_keeps_weights_categories_and_preprocessing(model_file):
    path, net = model_file
    loaded = load_model(path)
    assert loaded.classes == ["a", "b", "c"] and loaded.threshold == 0.7
    assert loaded.prep == get_backbone("efficientnet_lite0").preprocessing
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(loaded.net(x), net.eval()(x))
    assert read_model_info(path)["backbone"] == "efficientnet_lite0"


class _Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


def test_pickle_payload_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "marker.txt"
    evil = tmp_path / "evil.ftmodel"
    evil.write_bytes(pickle.dumps({"state_dict": _Payload(marker)}))
    torch_evil = tmp_path / "evil2.ftmodel"
    torch.save({"x": _Payload(marker)}, torch_evil)
    assert not marker.exists()  # saving did not run it either
    for path in (evil, torch_evil):
        with pytest.raises(ModelFileError, match="not a Finetune Studio model file") as info:
            load_model(path)
        assert "Nothing in it was run" in str(info.value)
    assert not marker.exists()


def test_truncated_and_empty_files_are_refused(model_file, tmp_path):
    path, _ = model_file
    data = path.read_bytes()
    for name, blob in {
        "cut.ftmodel": data[: len(data) // 2],
        "head.ftmodel": data[:100],
        "empty.ftmodel": b"",
    }.items():
        p = tmp_path / name
        p.write_bytes(blob)
        with pytest.raises(ModelFileError):
            load_model(p)


def _with_meta(path, tmp_path, change):
    """Rewrite the JSON header of a model file with ``change(meta)`` applied."""
    data = path.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    meta = json.loads(header["__metadata__"]["finetune_studio"])
    change(meta)
    header["__metadata__"]["finetune_studio"] = json.dumps(meta)
    raw = json.dumps(header).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    out = tmp_path / "changed.ftmodel"
    out.write_bytes(struct.pack("<Q", len(raw)) + raw + data[8 + n :])
    return out


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.update(classes="abc"),
        lambda m: m.update(classes=[1, 2]),
        lambda m: m.update(classes=["x"] * 20000),
        lambda m: m.update(backbone="../../etc/passwd"),
        lambda m: m["preprocessing"].update(crop=10**9),
        lambda m: m.update(version=99),
        lambda m: m.update(format="something-else"),
        lambda m: m.update(summary=[1, 2, 3]),
    ],
)
def test_wrong_types_and_sizes_in_metadata_are_refused(model_file, tmp_path, change):
    path, _ = model_file
    with pytest.raises(ModelFileError):
        load_model(_with_meta(path, tmp_path, change))


def test_huge_header_claim_is_refused(tmp_path):
    p = tmp_path / "huge.ftmodel"
    p.write_bytes(struct.pack("<Q", 2**40) + b"{}")
    with pytest.raises(ModelFileError):
        load_model(p)
