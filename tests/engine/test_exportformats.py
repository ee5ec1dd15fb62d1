"""One table of export formats, read by the CLI and the Use page; the app's own copy."""

from __future__ import annotations

import pytest

from engine.backbones import build_model, get_backbone
from engine.cli import build_parser
from engine.config import TrainConfig
from engine.errors import StudioError
from engine.exportformats import EXPORT_FORMATS, copy_model, export_to
from engine.modelfile import load_model, save_model


def test_the_cli_offers_exactly_the_tables_formats():
    export = build_parser()._subparsers._group_actions[0].choices["export"]  # type: ignore[union-attr]
    fmt = next(a for a in export._actions if a.dest == "format")
    assert list(fmt.choices) == list(EXPORT_FORMATS) == ["ftmodel", "onnx", "torchscript"]
    assert all(f.suffix.startswith(".") and f.label and f.checker for f in EXPORT_FORMATS.values())


def test_the_apps_own_copy_is_checked_and_never_onto_itself(tmp_path):
    net = build_model("efficientnet_lite0", 3, pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing.for_size(64)
    src = tmp_path / "m.ftmodel"
    save_model(src, net=net, classes=["a", "b", "c"], prep=prep, config=TrainConfig(), summary={})
    report = export_to("ftmodel", src, tmp_path / "copy.ftmodel")
    assert report.ok and report.classes == 3 and load_model(report.path).classes == ["a", "b", "c"]
    with pytest.raises(StudioError, match="model file itself"):
        copy_model(src, src)
    with pytest.raises(StudioError, match="Unknown export format"):
        export_to("zip", src, tmp_path / "x.zip")
