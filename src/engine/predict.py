"""Classify photos with a trained model: load the model file once, run many photos at once.

On the CPU the network runs in an inference runtime (OpenVINO or ONNX Runtime, float32,
PyTorch's scores; see :mod:`engine.runtimes` for why and the check), elsewhere in PyTorch
at the machine's best precision.

The model's own preprocessing (from its file) is applied, so predictions here, in the
CLI, in the GUI and in exported models agree. A photo that cannot be read is reported in
its :class:`Prediction` (``error``), never fatal.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from . import preprocess
from .atomic import write_text
from .config import PREDICT_BACKENDS
from .dataset import is_hidden
from .device import FP32, Precision, pick_device, resolve_precision
from .errors import Cancelled, StudioError
from .i18n import Messages
from .images import ImageLoadError, is_candidate
from .modelfile import LoadedModel, load_model
from .pathguard import check_outputs
from .runtimes import RUNTIMES, Runner, build_runner

#: Fallback "not sure" threshold when the model file carries none.
DEFAULT_THRESHOLD = 0.5
BACKENDS = PREDICT_BACKENDS  # one owner (engine.config): `--help` lists them without torch
if set(BACKENDS) != {"auto", *RUNTIMES, "torch"}:  # a runtime added or removed in one place
    raise ImportError(f"engine.config.PREDICT_BACKENDS {BACKENDS} does not match the runtimes")


class Predict(Messages):
    """Messages of engine/predict.py: what happened to a photo, and stopping."""


@dataclass(frozen=True)
class Prediction:
    """The answer for one photo: the top categories with confidences (0..1)."""

    path: str
    top: tuple[tuple[str, float], ...] = ()
    unsure: bool = False
    error: str | None = None

    @property
    def label(self) -> str | None:
        return self.top[0][0] if self.top else None

    @property
    def confidence(self) -> float:
        return self.top[0][1] if self.top else 0.0

    def shown_label(self) -> str:
        """What to show a person: the category, "not sure", or the problem."""
        if self.error:
            return "unreadable"
        return "not sure" if self.unsure else (self.label or "")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, folders expanded recursively to their photos (hidden ones skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
                out.extend(
                    Path(dirpath) / f
                    for f in sorted(filenames)
                    if not is_hidden(f) and is_candidate(Path(f))
                )
        else:
            out.append(p)
    return out


class Predictor:
    """A loaded model ready to classify; reuse it for many photos."""

    def __init__(
        self,
        model: LoadedModel | str | os.PathLike[str],
        *,
        device: str = "auto",
        precision: str | Precision = "auto",
        threshold: float | None = None,
        backend: str = "auto",
    ) -> None:
        """``backend``: "auto" (on the CPU, OpenVINO or else ONNX Runtime when it runs this
        model with PyTorch float32's scores, else PyTorch), "openvino" or "onnxruntime" (or
        an error), or "torch". An explicit bfloat16 ``precision`` means PyTorch."""
        if backend not in BACKENDS:
            raise StudioError(f"Unknown backend {backend!r}: use {', '.join(BACKENDS)}.")
        self.model = model if isinstance(model, LoadedModel) else load_model(model)
        self.device = pick_device(device)
        self.threshold = (
            threshold if threshold is not None else (self.model.threshold or DEFAULT_THRESHOLD)
        )
        self.runner: Runner | None = None
        #: Why no runtime is used ("" when one is, or when PyTorch was asked for).
        self.backend_note = ""
        plain = (
            precision in ("auto", "fp32")
            if isinstance(precision, str)
            else precision.dtype == "float32"
        )
        if backend != "torch" and self.device.type == "cpu" and plain:
            wanted = RUNTIMES if backend == "auto" else (backend,)
            self.runner, self.backend_note = build_runner(self.model, wanted)
            if self.runner is None and backend != "auto":
                raise StudioError(f"Cannot predict with {backend}: {self.backend_note}.")
        elif backend != "auto" and backend != "torch":
            raise StudioError(f"{backend} is used on the CPU in float32 only.")
        if self.runner is not None:
            self.precision = FP32
        else:
            self.precision = (
                precision
                if isinstance(precision, Precision)
                else resolve_precision(self.device, precision)
            )
        self.net = self.precision.prepare(self.model.net.to(self.device).eval())

    @property
    def backend(self) -> str:
        return self.runner.name if self.runner is not None else "torch"

    @property
    def classes(self) -> list[str]:
        return self.model.classes

    @torch.inference_mode()
    def logits(self, batch_uint8: torch.Tensor) -> torch.Tensor:
        """Raw scores for an NCHW uint8 batch that is already resized and cropped."""
        if self.runner is not None:
            return torch.from_numpy(self.runner.run(batch_uint8.numpy()))
        x = self.precision.input(preprocess.normalize(batch_uint8.to(self.device), self.model.prep))
        with self.precision.autocast(self.device):
            return self.net(x).float().cpu()

    def _load(self, path: Path) -> np.ndarray | str:
        try:
            img = preprocess.load_resized(path, self.model.prep.resize)
            return preprocess.plain_view(img, self.model.prep)
        except ImageLoadError as exc:
            return exc.reason
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"

    def _answer(self, path: Path, probs: torch.Tensor, top_k: int) -> Prediction:
        if not bool(torch.isfinite(probs).all()):
            # Never "bag nan%": a model that gives no number gives no answer.
            return Prediction(
                str(path), error=Predict.tr("the model gave no usable answer (not a number)")
            )
        k = min(top_k, len(self.classes))
        values, indices = probs.topk(k)
        top = tuple(
            (self.classes[i], float(v))
            for v, i in zip(values.tolist(), indices.tolist(), strict=True)
        )
        return Prediction(str(path), top, unsure=top[0][1] < self.threshold)

    def predict_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        top_k: int = 3,
        batch_size: int = 32,
        on_results: Callable[[list[Prediction]], None] | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        first_batch: int = 4,
    ) -> list[Prediction]:
        """Classify files (folders are expanded). Results arrive in order, batch by batch,
        through ``on_results``; the first batch is small so the first answers show at once.
        With a runtime, one thread per core decodes and classifies a photo at a time, a
        batch ahead; with PyTorch, decoding runs in two threads a batch ahead of the network."""
        if top_k < 1:
            raise StudioError(f"top_k must be 1 or more (got {top_k}).")
        files = expand_paths(paths)
        batches: list[list[Path]] = []
        i = 0
        size = max(1, min(first_batch, batch_size))
        while i < len(files):
            batches.append(files[i : i + size])
            i += size
            size = batch_size
        results: list[Prediction] = []
        runner = self.runner

        def load(batch: list[Path]) -> list[np.ndarray | str]:
            # Checks the stop flag per photo so a cancelled prefetch ends within one photo.
            return ["stopped" if should_stop() else self._load(p) for p in batch]

        def scores(path: Path) -> np.ndarray | str:
            # A runtime: each thread decodes a photo and runs it on its own core.
            loaded = "stopped" if should_stop() else self._load(path)
            if isinstance(loaded, str):
                return loaded
            return runner.run(loaded.transpose(2, 0, 1)[None], narrow=True)[0]  # type: ignore[union-attr]

        def submit(batch: list[Path]) -> list[Future]:
            if runner is None:
                return [pool.submit(load, batch)]
            return [pool.submit(scores, p) for p in batch]

        def probabilities(futures: list[Future]) -> list[torch.Tensor | str]:
            if runner is None:
                items = futures[0].result()
                good = [v for v in items if not isinstance(v, str)]
                probs = self.logits(preprocess.to_batch(good)).softmax(1) if good else None
            else:
                items = [f.result() for f in futures]
                good = [v for v in items if not isinstance(v, str)]
                probs = torch.from_numpy(np.stack(good)).softmax(1) if good else None
            out: list[torch.Tensor | str] = []
            gi = 0
            for v in items:
                if isinstance(v, str):
                    out.append(v)
                else:
                    out.append(probs[gi])  # type: ignore[index]
                    gi += 1
            return out

        pool = ThreadPoolExecutor(max_workers=runner.streams if runner else 2)
        stopped = False
        try:
            pending = [submit(batches[0])] if batches else []
            for bi, batch in enumerate(batches):
                if should_stop():
                    stopped = True
                    raise Cancelled(Predict.tr("Stopped; the photos done so far are kept."))
                if bi + 1 < len(batches):
                    pending.append(submit(batches[bi + 1]))
                answers = probabilities(pending[bi])
                pending[bi] = []
                if should_stop():
                    stopped = True
                    raise Cancelled(Predict.tr("Stopped; the photos done so far are kept."))
                out = [
                    Prediction(str(p), error=a) if isinstance(a, str) else self._answer(p, a, top_k)
                    for p, a in zip(batch, answers, strict=True)
                ]
                results += out
                if on_results:
                    on_results(out)
        except BaseException:
            stopped = True  # Ctrl-C or an error: do not wait for photos still being read
            raise
        finally:
            # On a stop, do not wait for the photos being decoded ahead.
            pool.shutdown(wait=not stopped, cancel_futures=True)
        return results

    def predict_image(self, path: str | os.PathLike[str], top_k: int = 3) -> Prediction:
        """One photo (for a single drop): no thread pool, lowest latency."""
        loaded = self._load(Path(path))
        if isinstance(loaded, str):
            return Prediction(str(path), error=loaded)
        probs = self.logits(preprocess.to_batch([loaded])).softmax(1)[0]
        return self._answer(Path(path), probs, top_k)


def write_predictions_csv(
    predictions: list[Prediction], path: str | os.PathLike[str], top_k: int = 3
) -> None:
    """One row per photo: ``path,label,confidence`` then the next choices (atomic write)."""
    # The CSV may not land on one of the photos it lists (predict --csv photo.png).
    check_outputs({"the CSV file": path}, {f"photo {p.path}": p.path for p in predictions})

    buf = io.StringIO()
    w = csv.writer(buf)
    header = ["path", "label", "confidence"]
    for k in range(2, top_k + 1):
        header += [f"label_{k}", f"confidence_{k}"]
    w.writerow(header + ["unsure", "error"])
    for p in predictions:
        row: list[str] = [p.path]
        for k in range(top_k):
            if k < len(p.top):
                row += [p.top[k][0], f"{p.top[k][1]:.4f}"]
            else:
                row += ["", ""]
        w.writerow(row + ["yes" if p.unsure else "", p.error or ""])
    write_text(path, buf.getvalue())
