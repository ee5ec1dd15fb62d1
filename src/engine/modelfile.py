"""The app's model file: one safetensors file, weights plus JSON metadata, no pickle.

safetensors holds only raw tensors and a JSON header, so opening a model file can never
run code from it (a pickle-based ``.pth`` can). The header's ``__metadata__`` carries the
categories, the backbone and its preprocessing, and the training summary, so a model file
is all that prediction, evaluation and export need.

Checkpoints (for ``--resume``) use the same format with the optimizer state and the best
epoch's weights as extra tensors.
"""

from __future__ import annotations

import json
import os
import stat
import struct
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from . import __version__
from .atomic import write_bytes
from .backbones import Preprocessing, StagedNet, build_model, check_finite, get_backbone
from .config import MAX_CLASSES, EpochRecord
from .errors import ModelFileError, StudioError
from .i18n import Messages

MODEL_FORMAT = "finetune-studio-model"
CHECKPOINT_FORMAT = "finetune-studio-checkpoint"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024 * 1024  # a real header is a few hundred KB at most
MAX_FILE_BYTES = 8 * 1024**3  # the biggest backbone's checkpoint is well under 1 GB


@dataclass
class LoadedModel:
    net: StagedNet
    classes: list[str]
    prep: Preprocessing
    backbone: str
    summary: dict[str, Any]
    config: dict[str, Any]
    path: Path

    @property
    def threshold(self) -> float | None:
        t = self.summary.get("threshold")
        return float(t) if isinstance(t, (int, float)) else None


def _tensors(net: StagedNet) -> dict[str, torch.Tensor]:
    return {k: v.detach().to("cpu").contiguous() for k, v in net.state_dict().items()}


def _meta(
    kind: str, net: StagedNet, classes: list[str], prep: Preprocessing, config: Any, extra: dict
) -> dict[str, str]:
    info = {
        "format": kind,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "backbone": net.backbone,
        "classes": list(classes),
        "preprocessing": prep.to_dict(),
        "config": config.to_dict() if hasattr(config, "to_dict") else dict(config or {}),
        **extra,
    }
    return {"finetune_studio": json.dumps(info)}


def save_model(
    path: str | Path,
    *,
    net: StagedNet,
    classes: list[str],
    prep: Preprocessing,
    config: Any,
    summary: dict[str, Any],
) -> Path:
    """Write the model file atomically (the previous file survives any failure)."""
    data = st_save(
        _tensors(net),
        metadata=_meta(MODEL_FORMAT, net, classes, prep, config, {"summary": summary}),
    )
    write_bytes(path, data)
    return Path(path)


def _read_file(path: Path) -> bytes:
    """The whole file, read into memory (not memory-mapped).

    A memory-mapped file that another process rewrites while it loads kills this one with
    SIGBUS; a copy in memory cannot change under us. A model is tens of megabytes.
    """
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ModelFileError(
                    ModelFile.tr("{path} is not a regular file, so not a model file.").format(
                        path=path
                    )
                )
            if size > MAX_FILE_BYTES:
                raise ModelFileError(_not_ours(path))
            return f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ModelFileError(
            ModelFile.tr("The model file {path} does not exist.").format(path=path)
        ) from None
    except IsADirectoryError:
        raise ModelFileError(
            ModelFile.tr("{path} is a folder, not a model file.").format(path=path)
        ) from None
    except OSError as exc:
        raise ModelFileError(_cannot_read(path, exc)) from None


def read_header(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """Check the file is a safetensors file with our metadata before handing it to anything.

    ``data``: the file's bytes when already read (then the header is parsed from them, so
    header and weights come from the same version of the file)."""
    if data is not None:
        head, rest = data[:8], memoryview(data)[8:]
        if len(head) < 8:
            raise ModelFileError(_empty(path))
        (size,) = struct.unpack("<Q", head)
        if size <= 1 or size > MAX_HEADER_BYTES:
            raise ModelFileError(_not_ours(path))
        header = bytes(rest[:size])
        if len(header) < size:
            raise ModelFileError(_truncated(path))
        return _parse_header(path, header)
    try:
        with open(path, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ModelFileError(
                    ModelFile.tr("{path} is not a regular file, so not a model file.").format(
                        path=path
                    )
                )
            head = f.read(8)
            if len(head) < 8:
                raise ModelFileError(_empty(path))
            (size,) = struct.unpack("<Q", head)
            if size <= 1 or size > MAX_HEADER_BYTES:
                raise ModelFileError(_not_ours(path))
            header = f.read(size)
            if len(header) < size:
                raise ModelFileError(_truncated(path))
    except FileNotFoundError:
        raise ModelFileError(
            ModelFile.tr("The model file {path} does not exist.").format(path=path)
        ) from None
    except IsADirectoryError:
        raise ModelFileError(
            ModelFile.tr("{path} is a folder, not a model file.").format(path=path)
        ) from None
    except OSError as exc:
        raise ModelFileError(_cannot_read(path, exc)) from None
    return _parse_header(path, header)


def _parse_header(path: Path, header: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(header.decode("utf-8"))
        raw = doc["__metadata__"]["finetune_studio"]
        meta = json.loads(raw)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        # RecursionError: JSON nested thousands deep, a hostile header.
        raise ModelFileError(_not_ours(path)) from None
    if not isinstance(meta, dict):
        raise ModelFileError(_not_ours(path))
    return meta


class ModelFile(Messages):
    """Messages of engine/modelfile.py: a model or checkpoint file that cannot be used."""


def _cannot_read(path: Path, exc: OSError) -> str:
    return ModelFile.tr("Cannot read {path}: {why}.").format(path=path, why=exc.strerror or exc)


def _empty(path: Path) -> str:
    return ModelFile.tr("{path} is not a Finetune Studio model: it is empty or cut short.").format(
        path=path
    )


def _truncated(path: Path) -> str:
    return ModelFile.tr("{path} is damaged: the file is cut short (truncated).").format(path=path)


def _not_ours(path: Path) -> str:
    return ModelFile.tr(
        "{path} is not a Finetune Studio model file (it may be damaged, or a file of another "
        "kind, such as a pickle). Nothing in it was run."
    ).format(path=path)


def _check_meta(
    path: Path, meta: dict[str, Any], kind: str
) -> tuple[list[str], Preprocessing, str]:
    if meta.get("format") != kind:
        is_checkpoint = meta.get("format") == CHECKPOINT_FORMAT
        if kind == MODEL_FORMAT:
            text = (
                ModelFile.tr("{path} is a training checkpoint; expected a model.")
                if is_checkpoint
                else ModelFile.tr("{path} is not a model file; expected a model.")
            )
        else:
            text = (
                ModelFile.tr("{path} is a training checkpoint; expected a checkpoint.")
                if is_checkpoint
                else ModelFile.tr("{path} is not a model file; expected a checkpoint.")
            )
        raise ModelFileError(text.format(path=path))
    version = meta.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ModelFileError(
            ModelFile.tr(
                "{path} was made by a newer Finetune Studio (format {version}). Update the app."
            ).format(path=path, version=version)
        )
    classes = meta.get("classes")
    if (
        not isinstance(classes, list)
        or not 2 <= len(classes) <= MAX_CLASSES
        or not all(isinstance(c, str) and 0 < len(c) <= 255 for c in classes)
    ):
        raise ModelFileError(ModelFile.tr("{path} has an invalid category list.").format(path=path))
    backbone = meta.get("backbone")
    if not isinstance(backbone, str):
        raise ModelFileError(
            ModelFile.tr("{path} does not say which backbone it uses.").format(path=path)
        )
    try:
        get_backbone(backbone)
        prep = Preprocessing.from_dict(meta["preprocessing"])
    except (StudioError, KeyError, TypeError, ValueError):
        raise ModelFileError(
            ModelFile.tr("{path} names an unknown backbone or invalid preprocessing.").format(
                path=path
            )
        ) from None
    if not (16 <= prep.crop <= 1024 and prep.crop <= prep.resize <= 2048):
        raise ModelFileError(ModelFile.tr("{path} has invalid image sizes.").format(path=path))
    for key in ("summary", "config"):
        if key in meta and not isinstance(meta[key], dict):
            raise ModelFileError(
                ModelFile.tr("{path} has an invalid {key}.").format(path=path, key=key)
            )
    return classes, prep, backbone


def _load_tensors(path: Path, data: bytes) -> dict[str, torch.Tensor]:
    try:
        return st_load(data)
    except Exception as exc:  # safetensors raises its own error types for damaged files
        raise ModelFileError(
            ModelFile.tr("{path} is damaged and cannot be loaded ({why}).").format(
                path=path, why=type(exc).__name__
            )
        ) from None


def _build(
    path: Path, backbone: str, classes: list[str], weights: dict[str, torch.Tensor]
) -> StagedNet:
    net = build_model(backbone, len(classes), pretrained=False)
    own = net.state_dict()
    bad = [k for k in own if k not in weights or tuple(weights[k].shape) != tuple(own[k].shape)]
    extra = [k for k in weights if k not in own]
    if bad or extra:
        raise ModelFileError(
            ModelFile.tr(
                "{path} does not match its backbone {backbone} ({bad} missing or wrong-shape, "
                "{extra} unexpected weights)."
            ).format(path=path, backbone=backbone, bad=len(bad), extra=len(extra))
        )
    check_finite(path, weights)
    net.load_state_dict(weights)
    return net.eval()


def load_model(path: str | Path) -> LoadedModel:
    """Load a model file safely; raises :class:`ModelFileError` with a clear message."""
    path = Path(path)
    data = _read_file(path)
    meta = read_header(path, data)
    classes, prep, backbone = _check_meta(path, meta, MODEL_FORMAT)
    weights = _load_tensors(path, data)
    net = _build(path, backbone, classes, weights)
    return LoadedModel(
        net, classes, prep, backbone, meta.get("summary") or {}, meta.get("config") or {}, path
    )


def read_model_info(path: str | Path) -> dict[str, Any]:
    """The metadata only (fast; no weights are read)."""
    path = Path(path)
    meta = read_header(path)
    _check_meta(path, meta, MODEL_FORMAT)
    return meta


# ----------------------------------------------------------------------------- checkpoints


@dataclass
class Checkpoint:
    config: dict[str, Any]
    classes: list[str]
    weights: dict[str, torch.Tensor]
    best_weights: dict[str, torch.Tensor] | None
    best_epoch: int | None
    history: list  # list[EpochRecord]
    optimizer: dict[str, Any] | None


def _flatten_optimizer(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    tensors: dict[str, torch.Tensor] = {}
    per_param: dict[str, dict[str, Any]] = {}
    for pid, st in state["state"].items():
        scalars = {}
        for name, value in st.items():
            if torch.is_tensor(value):
                tensors[f"opt.{pid}.{name}"] = value.detach().to("cpu").contiguous()
            else:
                scalars[name] = value
        per_param[str(pid)] = scalars
    return tensors, {"param_groups": state["param_groups"], "scalars": per_param}


def _unflatten_optimizer(tensors: dict[str, torch.Tensor], info: dict[str, Any]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {}
    for key, value in tensors.items():
        _, pid, name = key.split(".", 2)
        state.setdefault(int(pid), {})[name] = value
    for pid, scalars in info.get("scalars", {}).items():
        state.setdefault(int(pid), {}).update(scalars)
    return {"state": state, "param_groups": info["param_groups"]}


def save_checkpoint(
    path: str | Path,
    *,
    net: StagedNet,
    config: Any,
    classes: list[str],
    prep: Preprocessing,
    history: list,
    optimizer: dict[str, Any],
    best_weights: dict[str, torch.Tensor] | None,
    best_epoch: int | None,
    model_path: str | None = None,
) -> None:
    """Everything needed to continue training after the last completed epoch (atomic).

    ``model_path`` (absolute) is where the run saves its model: a resumed run saves there,
    from whatever folder it is started (:func:`checkpoint_model_path`).
    """
    tensors = {f"net.{k}": v for k, v in _tensors(net).items()}
    if best_weights is not None:
        tensors.update({f"best.{k}": v.contiguous() for k, v in best_weights.items()})
    opt_tensors, opt_info = _flatten_optimizer(optimizer)
    tensors.update(opt_tensors)
    extra = {
        "history": [r.to_dict() for r in history],
        "best_epoch": best_epoch,
        "optimizer": opt_info,
        "model_path": model_path,
    }
    write_bytes(
        path, st_save(tensors, metadata=_meta(CHECKPOINT_FORMAT, net, classes, prep, config, extra))
    )


def checkpoint_model_path(path: str | Path) -> Path | None:
    """Where the run that wrote checkpoint ``path`` saves its model (None if not said)."""
    value = read_header(Path(path)).get("model_path")
    return Path(value) if isinstance(value, str) and value else None


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read a checkpoint written by :func:`save_checkpoint` (safely, like a model file)."""
    path = Path(path)
    data = _read_file(path)
    meta = read_header(path, data)
    classes, _prep, _backbone = _check_meta(path, meta, CHECKPOINT_FORMAT)
    try:
        history = [
            EpochRecord(**{k: (int(v) if k == "epoch" else float(v)) for k, v in r.items()})
            for r in meta.get("history", [])
        ]
        best_epoch = meta.get("best_epoch")
        if best_epoch is not None and not isinstance(best_epoch, int):
            raise TypeError
    except (TypeError, ValueError, AttributeError):
        raise ModelFileError(
            ModelFile.tr("{path} has an invalid training history.").format(path=path)
        ) from None
    tensors = _load_tensors(path, data)
    weights = {k[4:]: v for k, v in tensors.items() if k.startswith("net.")}
    best = {k[5:]: v for k, v in tensors.items() if k.startswith("best.")} or None
    opt = {k: v for k, v in tensors.items() if k.startswith("opt.")}
    try:
        optimizer = _unflatten_optimizer(opt, meta["optimizer"]) if "optimizer" in meta else None
    except (KeyError, ValueError, TypeError):
        optimizer = None
    return Checkpoint(
        meta.get("config") or {}, classes, weights, best, best_epoch, history, optimizer
    )
