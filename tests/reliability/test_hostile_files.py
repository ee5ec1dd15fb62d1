"""Issue 6, hostile files: model, checkpoint, project and weights files that are pickle
payloads, zips with ``../`` paths, JSON with wrong types or huge sizes, or truncated, are
refused with a clear message; nothing in them runs and nothing is written anywhere.

Already proven in tests/engine (not repeated here): a pickle payload or a truncated file
as a model (test_modelfile.py), wrong types and sizes in a model's metadata
(test_modelfile.py), damaged project JSON (test_projects.py), and a pickle payload, a
``../`` zip and a truncated file as an imported weights file (test_download.py).
"""

from __future__ import annotations

import ast
import io
import json
import pickle
import struct
import zipfile
from pathlib import Path

import pytest
import torch
from reliability_support import save_tiny_model, snapshot
from safetensors.torch import save as st_save

from engine.config import TrainConfig
from engine.download import load_weights_file
from engine.errors import ModelFileError, StudioError
from engine.modelfile import load_checkpoint, load_model, save_checkpoint
from engine.projects import Project, load_project, resolve_resume, save_project

SRC = Path(__file__).resolve().parents[2] / "src"


class _Payload:
    """Unpickling this runs code that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


def _payloads(folder: Path, marker: Path) -> dict[str, bytes]:
    """The same payload as a raw pickle and as a torch.save zip, under every app suffix."""
    raw = pickle.dumps({"state_dict": _Payload(marker)}, protocol=2)
    buf = io.BytesIO()
    torch.save({"weights": _Payload(marker)}, buf)
    out = {}
    for suffix in (".ftmodel", ".ckpt", ".ftproj", ".pth"):
        out[f"raw{suffix}"] = raw
        out[f"zipped{suffix}"] = buf.getvalue()
    return out


def _open_every_way(path: Path) -> None:
    """What the app does with a file of this kind; must raise a StudioError."""
    suffix = path.suffix
    if suffix == ".ftmodel":
        load_model(path)
    elif suffix == ".ckpt":
        load_checkpoint(path)
    elif suffix == ".ftproj":
        load_project(path)
    else:
        load_weights_file(path)


def test_the_payload_is_live(tmp_path):
    """Control: unpickled the unsafe way, the payload really creates its file."""
    marker = tmp_path / "control"
    pickle.loads(pickle.dumps(_Payload(marker)))
    assert marker.read_text() == "pwned"


def test_pickle_payloads_run_nothing_in_any_file_slot(tmp_path, studio_home):
    marker = tmp_path / "pwned.txt"
    folder = tmp_path / "files"
    folder.mkdir()
    for name, data in _payloads(folder, marker).items():
        (folder / name).write_bytes(data)
    before = snapshot(tmp_path) | {f"home/{p}" for p in snapshot(studio_home)}
    for path in sorted(folder.iterdir()):
        with pytest.raises(StudioError) as info:
            _open_every_way(path)
        assert path.name in str(info.value), str(info.value)
        if path.suffix in (".ftmodel", ".ckpt"):
            assert "Nothing in it was run" in str(info.value)
    with pytest.raises(StudioError):
        resolve_resume(folder / "raw.ckpt")
    with pytest.raises(StudioError):
        resolve_resume(folder / "zipped.ftproj")
    assert not marker.exists()
    assert snapshot(tmp_path) | {f"home/{p}" for p in snapshot(studio_home)} == before


def test_hostile_files_through_the_command_line_are_one_clear_line(tmp_path, fashion_small, capsys):
    """The ``finetune-studio`` entry point, in-process (an uncaught exception fails the
    test outright): exit code 2 and one ``error:`` line."""
    from engine.cli import main

    marker = tmp_path / "pwned.txt"
    payloads = _payloads(tmp_path, marker)
    model, ckpt, proj = tmp_path / "evil.ftmodel", tmp_path / "evil.ckpt", tmp_path / "e.ftproj"
    model.write_bytes(payloads["zipped.ftmodel"])
    ckpt.write_bytes(payloads["raw.ckpt"])
    proj.write_bytes(payloads["raw.ftproj"])
    photo = next((fashion_small / "trouser").glob("*.png"))
    before = snapshot(tmp_path)
    for args in (
        ["predict", model, photo],
        ["sort", model, fashion_small, tmp_path / "sorted"],
        ["train", "--resume", ckpt, "--out", tmp_path / "m.ftmodel"],
        ["train", "--resume", proj, "--out", tmp_path / "m.ftmodel"],
    ):
        code = main([str(a) for a in args])
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        last = err.strip().splitlines()[-1]
        assert last.startswith("error: ") and ("evil" in last or "e.ftproj" in last), last
    assert not marker.exists()
    assert snapshot(tmp_path) == before  # no model, no sorted folder, no checkpoint


def _zip_slip(path: Path) -> None:
    """A zip whose entries climb out of any folder it might be extracted to."""
    buf = io.BytesIO()
    torch.save({"w": torch.zeros(2)}, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("../../escape.txt", b"outside")
        dst.writestr("/tmp/absolute-escape.txt", b"outside")


@pytest.mark.parametrize("suffix", [".ftmodel", ".ckpt", ".ftproj", ".pth"])
def test_zip_with_parent_paths_is_refused_and_extracts_nothing(tmp_path, suffix):
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    path = inner / f"slip{suffix}"
    _zip_slip(path)
    before = snapshot(tmp_path)
    with pytest.raises(StudioError) as info:
        _open_every_way(path)
    assert "slip" in str(info.value)
    if suffix == ".pth":
        assert "unsafe entry" in str(info.value)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "escape.txt").exists()
    assert not Path("/tmp/absolute-escape.txt").exists()


def _project_doc(**config) -> dict:
    return {"format": "finetune-studio-project", "version": 1, "config": config}


_BAD_PROJECTS = {
    "epochs as text": _project_doc(epochs="ten"),
    "epochs as bool": _project_doc(epochs=True),
    "epochs as float": _project_doc(epochs=2.5),
    "epochs 10^400": _project_doc(epochs=10**400),
    "batch of 0": _project_doc(batch_size=0),
    "negative batch": _project_doc(batch_size=-8),
    "NaN share": _project_doc(val_split=float("nan")),
    "share above 1": _project_doc(val_split=1.5),
    "image of 10^9 px": _project_doc(image_size=10**9),
    "negative lr": _project_doc(lr=-1),
    "shell in schedule": _project_doc(schedule="$(rm -rf ~)"),
    "list as precision": _project_doc(precision=["fp32"]),
    "dict as backbone": _project_doc(backbone={"name": "x"}),
    "number as notes": {**_project_doc(), "notes": 5},
    "text threshold": {**_project_doc(), "threshold": "high"},
    "history of numbers": {**_project_doc(), "history": [1, 2]},
    "list as model file": {**_project_doc(), "model_file": ["a"]},
    "text as config": {**_project_doc(), "config": "epochs=3"},
}


@pytest.mark.parametrize("doc", list(_BAD_PROJECTS.values()), ids=list(_BAD_PROJECTS))
def test_project_with_wrong_types_or_values_is_refused(tmp_path, doc):
    path = tmp_path / "bad.ftproj"
    path.write_text(json.dumps(doc))
    with pytest.raises(ModelFileError, match="bad.ftproj"):
        load_project(path)


def test_project_that_is_huge_nested_or_cut_short_is_refused(tmp_path):
    nested = tmp_path / "nested.ftproj"
    nested.write_text(
        '{"format": "finetune-studio-project", "version": 1, "notes": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    huge = tmp_path / "huge.ftproj"
    with huge.open("w") as f:
        f.write('{"format": "finetune-studio-project", "version": 1, "notes": "')
        f.write("x" * (17 * 1024 * 1024))
        f.write('"}')
    good = save_project(Project(TrainConfig(data_dir=str(tmp_path))), tmp_path / "good.ftproj")
    data = good.read_bytes()
    cuts = []
    for i, n in enumerate((1, len(data) // 3, len(data) // 2, len(data) - 2)):
        cut = tmp_path / f"cut{i}.ftproj"
        cut.write_bytes(data[:n])
        cuts.append(cut)
    for path in [nested, huge, *cuts]:
        with pytest.raises(ModelFileError, match=path.name):
            load_project(path)
    assert load_project(good).config.data_dir == str(tmp_path.resolve())


def _checkpoint(tmp_path: Path) -> Path:
    from engine.backbones import build_model, get_backbone

    net = build_model("efficientnet_lite0", 3, pretrained=False)
    path = tmp_path / "run.ckpt"
    save_checkpoint(
        path,
        net=net,
        config=TrainConfig(data_dir=str(tmp_path), epochs=3),
        classes=["a", "b", "c"],
        prep=get_backbone("efficientnet_lite0").preprocessing,
        history=[],
        optimizer=torch.optim.AdamW(net.parameters()).state_dict(),
        best_weights=None,
        best_epoch=None,
    )
    return path


def _rewrite_header(path: Path, out: Path, change) -> Path:
    data = path.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    change(header)
    raw = json.dumps(header).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    out.write_bytes(struct.pack("<Q", len(raw)) + raw + data[8 + n :])
    return out


def meta_change(fn):
    """A header change that applies ``fn`` to the app's metadata dict."""

    def change(header):
        meta = json.loads(header["__metadata__"]["finetune_studio"])
        fn(meta)
        header["__metadata__"]["finetune_studio"] = json.dumps(meta)

    return change


def test_checkpoint_with_wrong_types_or_cut_short_is_refused(tmp_path):
    good = _checkpoint(tmp_path)
    assert load_checkpoint(good).classes == ["a", "b", "c"]

    bad_history = _rewrite_header(
        good,
        tmp_path / "history.ckpt",
        meta_change(lambda m: m.update(history=[{"epoch": "one", "val_accuracy": []}])),
    )
    with pytest.raises(ModelFileError, match="invalid training history"):
        load_checkpoint(bad_history)
    bad_config = _rewrite_header(
        good,
        tmp_path / "config.ckpt",
        meta_change(lambda m: m["config"].update(epochs="many", batch_size=0)),
    )
    with pytest.raises(StudioError, match="epochs"):
        resolve_resume(bad_config)
    # A tensor whose header claims 10^12 elements beyond the end of the file.
    huge = _rewrite_header(
        good,
        tmp_path / "huge.ckpt",
        lambda h: h[next(k for k in h if k.startswith("net."))].update(
            shape=[10**6, 10**6], data_offsets=[0, 4 * 10**12]
        ),
    )
    with pytest.raises(ModelFileError, match="huge.ckpt"):
        load_checkpoint(huge)
    data = good.read_bytes()
    for n in (0, 7, 100, len(data) // 2, len(data) - 1):
        cut = tmp_path / f"cut{n}.ckpt"
        cut.write_bytes(data[:n])
        with pytest.raises(ModelFileError, match=cut.name):
            load_checkpoint(cut)


def test_model_file_with_deeply_nested_json_header_is_refused(tmp_path):
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    header = json.dumps({"__metadata__": {"finetune_studio": nested.decode()}}).encode()
    path = tmp_path / "nested.ftmodel"
    path.write_bytes(struct.pack("<Q", len(header)) + header)
    with pytest.raises(ModelFileError, match="nested.ftmodel"):
        load_model(path)


def test_safetensors_without_our_metadata_is_not_a_model(tmp_path):
    path = tmp_path / "plain.ftmodel"
    path.write_bytes(st_save({"w": torch.zeros(3)}))
    with pytest.raises(ModelFileError, match="not a Finetune Studio model file"):
        load_model(path)


# ------------------------------------------------------------------ weights_only


def test_every_torch_load_asks_for_weights_only(tmp_path, monkeypatch):
    """Imported weights go through torch.load(weights_only=True) or safetensors, both for a
    file someone imports and for the built-in backbone."""
    import torchvision

    from engine.backbones import build_model

    calls = []
    real = torch.load

    def spy(*args, **kwargs):
        calls.append(kwargs.get("weights_only"))
        return real(*args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    pth = tmp_path / "mobilenet.pth"
    torch.save(torchvision.models.mobilenet_v3_small(weights=None).state_dict(), pth)
    net = build_model("mobilenet_v3_small", 3, weights_file=pth)
    assert net is not None
    build_model("efficientnet_lite0", 3)  # the bundled weights
    assert calls and all(c is True for c in calls), calls


def unpickling_calls(source: str, filename: str = "<source>") -> list[str]:
    """Calls in ``source`` that could run code from a file: torch.load without
    weights_only=True, pickle/dill/joblib/marshal loaders, np.load allowing pickles,
    torch.jit.load."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        kwargs = {k.arg: k.value for k in node.keywords}
        where = f"{filename}:{node.lineno} {name}"

        def is_const(key, value, kwargs=kwargs):
            v = kwargs.get(key)
            return isinstance(v, ast.Constant) and v.value is value

        if (
            name.endswith("torch.load")
            and not is_const("weights_only", True)
            or name.split(".")[0] in ("pickle", "dill", "joblib", "marshal", "cloudpickle")
            or name.endswith(("np.load", "numpy.load"))
            and not is_const("allow_pickle", False)
            or name.endswith("torch.jit.load")
        ):
            found.append(where)
    return found


def test_no_code_path_unpickles_without_weights_only():
    """A static check of src/ (and of the check itself, on code that must be caught)."""
    bad = "import torch, pickle, numpy as np\n" + "\n".join(
        [
            "torch.load(f)",
            "torch.load(f, weights_only=False)",
            "pickle.loads(b)",
            "np.load(f, allow_pickle=True)",
            "np.load(f)",
            "torch.jit.load(f)",
        ]
    )
    assert len(unpickling_calls(bad)) == 6
    assert unpickling_calls("torch.load(f, map_location='cpu', weights_only=True)") == []
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        found = unpickling_calls(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
        if path.name == "export.py":  # reloads only the TorchScript file it has just written
            found = [f for f in found if not f.endswith("torch.jit.load")]
        problems += found
    assert problems == [], problems


def test_a_model_file_we_did_not_write_is_checked_before_use(tmp_path):
    """A valid model file whose weights do not fit its declared backbone is refused."""
    model = save_tiny_model(tmp_path / "m.ftmodel")
    swapped = _rewrite_header(
        model, tmp_path / "swapped.ftmodel", meta_change(lambda m: m.update(backbone="resnet18"))
    )
    with pytest.raises(ModelFileError, match="does not match its backbone"):
        load_model(swapped)
