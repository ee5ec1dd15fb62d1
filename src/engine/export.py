"""Export a trained model to ONNX or TorchScript, with its preprocessing travelling along.

The exported network takes what any image library gives easily: float32 RGB in [0, 1],
NCHW, ``crop x crop`` pixels after resizing the shorter side to ``resize`` and taking the
central square. Mean/std normalisation is *inside* the exported graph, so it cannot be
forgotten. Category names and preprocessing are stored in the file's metadata and in a
JSON file beside it. A parity check runs right after export: the exported model and the
app (float32) must agree on the check photos.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from . import __version__, preprocess
from .atomic import write_bytes, write_text
from .errors import StudioError
from .i18n import Messages, percent
from .images import IMAGE_SUFFIXES
from .modelfile import LoadedModel, load_model
from .pathguard import check_outputs, same_file
from .predict import expand_paths
from .runtimes import NormalizedModel, onnx_bytes

#: The formats :func:`export_model` writes (engine.exportformats lists every format).
FORMATS = ("onnx", "torchscript")
EXTRA_FILE = "finetune_studio.json"  # the record inside a TorchScript file


class ExportCheck(Messages):
    """Messages of engine/export.py: the exported file's parity check."""


@dataclass
class ExportReport:
    path: Path
    json_path: Path
    format: str
    checked: int  # photos used for the parity check
    agreement: float  # share of photos with the same top category (1.0 = all)
    max_logit_diff: float

    @property
    def ok(self) -> bool:
        return self.checked == 0 or (self.agreement >= 0.99 and self.max_logit_diff <= 1e-3)

    def summary(self) -> str:
        """One line: what was written and whether it answers as the app does."""
        if not self.checked:
            return ExportCheck.tr("Exported {name} (no photos given for the parity check).").format(
                name=self.path.name
            )
        text = (
            ExportCheck.tr(
                "Exported {name}: matches the app on {count} photos "
                "(same top category for {agreement}, largest score difference {difference})."
            )
            if self.ok
            else ExportCheck.tr(
                "Exported {name}: DIFFERS from the app on {count} photos "
                "(same top category for {agreement}, largest score difference {difference})."
            )
        )
        return text.format(
            name=self.path.name,
            count=self.checked,
            agreement=percent(self.agreement, 1),
            difference=f"{self.max_logit_diff:.2g}",
        )


def sidecar(loaded: LoadedModel, fmt: str) -> dict:
    """What a program needs to use the exported file without the app."""
    p = loaded.prep
    return {
        "format": fmt,
        "exported_by": f"Finetune Studio {__version__}",
        "backbone": loaded.backbone,
        "classes": loaded.classes,
        "input": {
            "layout": "NCHW",
            "dtype": "float32",
            "color": "RGB",
            "range": [0.0, 1.0],
            "resize_shorter_side_to": p.resize,
            "center_crop": p.crop,
            "normalization": "inside the model",
            "mean": list(p.mean),
            "std": list(p.std),
        },
        "output": "logits, one per class in 'classes' order; apply softmax for confidences",
        "threshold": loaded.threshold,
    }


def _check_inputs(loaded: LoadedModel, paths: list[Path], limit: int) -> torch.Tensor | None:
    views = []
    for path in paths[:limit]:
        try:
            img = preprocess.load_resized(path, loaded.prep.resize)
        except Exception:  # noqa: BLE001 — a bad check photo is simply not used
            continue
        views.append(preprocess.plain_view(img, loaded.prep))
    if not views:
        return None
    return preprocess.to_batch(views).float() / 255.0


def export_model(
    model: str | os.PathLike[str] | LoadedModel,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    check_paths: list[str | os.PathLike[str]] | None = None,
    check_limit: int = 500,
) -> ExportReport:
    """Write ``out`` (and ``out`` + ``.json``), then compare it with the app on photos."""
    if fmt not in FORMATS:
        raise StudioError(f"Unknown export format {fmt!r}: choose onnx or torchscript.")
    out = Path(out)
    model_path = model.path if isinstance(model, LoadedModel) else model
    checks = {f"check photo {p}": p for p in check_paths or ()}
    check_outputs(
        {"the export": out, "its record": record_path(out)},
        {"the model": model_path, **checks},
        is_input_file=lambda p: p.suffix.lower() in IMAGE_SUFFIXES or same_file(p, model_path),
    )
    loaded = model if isinstance(model, LoadedModel) else load_model(model)
    loaded.net.to("cpu").eval()
    wrapper = NormalizedModel(loaded).eval()
    size = loaded.prep.crop
    example = torch.rand(1, 3, size, size)
    meta = sidecar(loaded, fmt)
    if fmt == "onnx":
        import onnx

        m = onnx.load_from_string(onnx_bytes(wrapper, example, ("image", "logits")))
        for key, value in (
            ("finetune_studio", json.dumps(meta)),
            ("classes", json.dumps(loaded.classes)),
        ):
            prop = m.metadata_props.add()
            prop.key, prop.value = key, value
        data = m.SerializeToString()
    else:
        with warnings.catch_warnings():
            # Tracing warns that input sizes become constants: intended, the size is fixed.
            warnings.simplefilter("ignore")
            with torch.no_grad(), torchscript_quietly():
                traced = torch.jit.trace(wrapper, example, check_trace=False)
        buf = io.BytesIO()
        with torchscript_quietly():
            torch.jit.save(traced, buf, _extra_files={EXTRA_FILE: json.dumps(meta)})
        data = buf.getvalue()
    # Serialised in memory, then written by the atomic writer: a full disk is a plain
    # SaveError and leaves no temporary file (torch's own file writer aborts the process).
    json_path = write_export(out, data, meta)
    checked, agreement, max_diff = 0, 1.0, 0.0
    x = _check_inputs(loaded, expand_paths(check_paths), check_limit) if check_paths else None
    if x is not None:
        with torch.no_grad():
            ref = torch.cat([wrapper(x[i : i + 64]) for i in range(0, len(x), 64)])
        got = run_exported(out, fmt, x)
        checked = len(x)
        agreement = (ref.argmax(1) == got.argmax(1)).float().mean().item()
        max_diff = (ref - got).abs().max().item()
    return ExportReport(out, json_path, fmt, checked, agreement, max_diff)


@contextlib.contextmanager
def torchscript_quietly() -> Iterator[None]:
    """torch 2.10+ marks ``torch.jit.trace/save/load`` deprecated with a FutureWarning on
    every call. TorchScript is still the format people ask for (C++/LibTorch and mobile
    load it), so it stays on offer: only that one warning is hidden, around our own calls,
    and any other warning still shows."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"`torch\.jit\.\w+` is deprecated", category=FutureWarning
        )
        yield


def record_path(out: str | os.PathLike[str]) -> Path:
    """The JSON record beside an exported file: ``model.onnx`` -> ``model.onnx.json``."""
    out = Path(out)
    return out.with_name(out.name + ".json")


def write_export(out: Path, data: bytes, meta: dict) -> Path:
    """Write the exported file, then its record with the file's sha256.

    Two files cannot be replaced at once. The record names the sha256 of the file it
    describes, so a kill between the two renames leaves a *detectable* disagreement
    (:func:`check_export_record`), which :func:`repair_export_record` mends from the
    metadata embedded in the exported file itself.
    """
    record = {**meta, "sha256": hashlib.sha256(data).hexdigest()}
    write_bytes(out, data)
    json_path = record_path(out)
    write_text(json_path, json.dumps(record, indent=2))
    return json_path


def check_export_record(out: str | os.PathLike[str]) -> str | None:
    """None when ``out`` and its ``.json`` record agree, else what is wrong (in words)."""
    out = Path(out)
    try:
        record = json.loads(record_path(out).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"{record_path(out).name} is missing"
    except (OSError, ValueError) as exc:
        return f"{record_path(out).name} cannot be read ({exc})"
    try:
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
    except OSError as exc:
        return f"{out.name} cannot be read ({exc})"
    if not isinstance(record, dict) or record.get("sha256") != digest:
        return f"{record_path(out).name} describes another version of {out.name}"
    return None


def embedded_metadata(out: str | os.PathLike[str]) -> dict:
    """The record an exported file carries inside itself (read without running it)."""
    out = Path(out)
    data = out.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):  # TorchScript: a zip with an extra/ file
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            name = next(n for n in z.namelist() if n.endswith(f"/extra/{EXTRA_FILE}"))
            return json.loads(z.read(name))
    import onnx

    m = onnx.load_from_string(data)
    return json.loads(next(p.value for p in m.metadata_props if p.key == "finetune_studio"))


def repair_export_record(out: str | os.PathLike[str]) -> bool:
    """Rewrite a record that disagrees with its exported file (after a kill); returns
    whether anything was rewritten."""
    out = Path(out)
    if not out.is_file() or check_export_record(out) is None:
        return False
    data = out.read_bytes()
    meta = embedded_metadata(out)
    write_text(
        record_path(out),
        json.dumps({**meta, "sha256": hashlib.sha256(data).hexdigest()}, indent=2),
    )
    return True


def run_exported(path: str | os.PathLike[str], fmt: str, x: torch.Tensor) -> torch.Tensor:
    """Logits of an exported file for inputs ``x`` (float32 [0,1] NCHW)."""
    if fmt == "onnx":
        import onnxruntime as ort  # here: only the ONNX parity check needs it

        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        outs = [sess.run(None, {"image": x[i : i + 64].numpy()})[0] for i in range(0, len(x), 64)]
        return torch.cat([torch.from_numpy(o) for o in outs])
    with torchscript_quietly():
        module = torch.jit.load(str(path), map_location="cpu")
    with torch.no_grad():
        return torch.cat([module(x[i : i + 64]) for i in range(0, len(x), 64)])
