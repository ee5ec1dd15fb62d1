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
import json
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from . import __version__, preprocess
from .atomic import write_text, write_with
from .errors import StudioError
from .modelfile import LoadedModel, load_model
from .predict import expand_paths
from .runtimes import NormalizedModel, onnx_bytes

FORMATS = ("onnx", "torchscript")


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
        if not self.checked:
            return f"Exported {self.path.name} (no photos given for the parity check)."
        verdict = "matches the app" if self.ok else "DIFFERS from the app"
        return (
            f"Exported {self.path.name}: {verdict} on {self.checked} photos "
            f"(same top category for {self.agreement:.1%}, largest score difference {self.max_logit_diff:.2g})."
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
    loaded = model if isinstance(model, LoadedModel) else load_model(model)
    loaded.net.to("cpu").eval()
    wrapper = NormalizedModel(loaded).eval()
    out = Path(out)
    size = loaded.prep.crop
    example = torch.rand(1, 3, size, size)
    meta = sidecar(loaded, fmt)
    if fmt == "onnx":

        def write(tmp: Path) -> None:
            import onnx  # here: slow to import, and only ONNX export needs it

            m = onnx.load_from_string(onnx_bytes(wrapper, example, ("image", "logits")))
            for key, value in (
                ("finetune_studio", json.dumps(meta)),
                ("classes", json.dumps(loaded.classes)),
            ):
                prop = m.metadata_props.add()
                prop.key, prop.value = key, value
            onnx.save(m, str(tmp))
    else:

        def write(tmp: Path) -> None:
            with torch.no_grad(), torchscript_quietly():
                traced = torch.jit.trace(wrapper, example, check_trace=False)
                torch.jit.save(
                    traced, str(tmp), _extra_files={"finetune_studio.json": json.dumps(meta)}
                )

    with warnings.catch_warnings():
        # Tracing warns that input sizes become constants: intended, the input size is fixed.
        warnings.simplefilter("ignore")
        write_with(out, write)
    json_path = out.with_name(out.name + ".json")
    write_text(json_path, json.dumps(meta, indent=2))

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
