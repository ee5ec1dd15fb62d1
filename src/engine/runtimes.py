"""Run a trained model in an inference runtime on the CPU, for prediction.

Why: classifying a folder on a laptop CPU is limited by the network, and PyTorch's eager
mode gains little from batching small convolutional networks (EfficientNet-Lite0 is mostly
depthwise convolutions; float32 even gets slower per photo above batch 8). Inference
runtimes fuse the network's layers and run one photo per core. Measured here (2 cores,
Lite0, 1,000 photos, pure forward, float32 unless said): PyTorch one photo at a time
40 photos/s; PyTorch at its best precision (bfloat16, batches of 8) 56-78; ONNX Runtime
one photo per core 110-148; OpenVINO one photo per core 200-260 (see benchmarks/RESULTS.md).

The answers are PyTorch float32's: the network is exported to ONNX in memory (no file is
written; under a second for Lite0), loaded by the runtime in float32, and checked against
PyTorch on one input right away. :func:`build_runner` tries OpenVINO, then ONNX Runtime;
if export, the runtime or the check fails it says why and the caller keeps PyTorch.
"""

from __future__ import annotations

import io
import os
import queue
import sys
import threading
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable

import numpy as np
import torch

from .modelfile import LoadedModel

#: Largest difference in a score (logit) between PyTorch and a runtime that still counts as
#: the same model (float32 summation order differs; real differences are ~1e-5).
PARITY_TOLERANCE = 1e-3
RUNTIMES = ("openvino", "onnxruntime")


def streams_for(cores: int | None = None) -> int:
    """How many photos to run at once, one per core (at most 8)."""
    cores = cores or torch.get_num_threads() or os.cpu_count() or 1
    return max(1, min(8, cores))


class NormalizedModel(torch.nn.Module):
    """The network with the model's mean/std normalisation in front. It takes RGB NCHW
    batches, float32 in [0, 1] (exported files), or with ``uint8=True`` the uint8 batches
    that :mod:`engine.preprocess` makes (the runtimes: nothing is converted in Python)."""

    def __init__(self, loaded: LoadedModel, *, uint8: bool = False) -> None:
        super().__init__()
        self.net = loaded.net
        self.uint8 = uint8
        scale = 255.0 if uint8 else 1.0
        self.register_buffer("mean", torch.tensor(loaded.prep.mean).view(1, 3, 1, 1) * scale)
        self.register_buffer("std", torch.tensor(loaded.prep.std).view(1, 3, 1, 1) * scale)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.uint8:
            x = x.float()
        return self.net((x - self.mean) / self.std)


def onnx_bytes(module: torch.nn.Module, example: torch.Tensor, names: tuple[str, str]) -> bytes:
    """``module`` exported to ONNX (opset 17, any batch size), in memory."""
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        # Tracing warns that input sizes become constants: intended, the input size is fixed.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module,
            (example,),
            buf,
            input_names=[names[0]],
            output_names=[names[1]],
            dynamic_axes={names[0]: {0: "batch"}, names[1]: {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    return buf.getvalue()


class Runner(ABC):
    """A model in a runtime. ``run(batch)`` uses every core for one batch (a single dropped
    photo); ``run(photo, narrow=True)`` uses one core, and may be called from several threads
    at once, one photo each (a folder)."""

    name = ""

    def __init__(self, streams: int) -> None:
        self.streams = streams
        self.max_difference = 0.0  # against PyTorch float32, on the check input

    @abstractmethod
    def run(self, batch: np.ndarray, *, narrow: bool = False) -> np.ndarray:
        """Scores (float32, N x classes) for a uint8 NCHW batch."""


_ov_core = None
_ov_core_lock = threading.Lock()

#: The modules of Intel's ``openvino-telemetry`` package. ``import openvino`` imports
#: ``openvino.tools.ovc``, which starts that package's telemetry: it writes a client id
#: (``~/intel/openvino_ga_cid``) and a usage count (``~/intel/stats``) and may send events
#: to Google Analytics. Its own opt-outs do not fit a private app: the consent file
#: (``~/intel/openvino_telemetry`` holding "0", what its ``opt_in_out --opt_out`` writes)
#: is itself a file in the person's home, and ``CI=true`` would change other libraries'
#: behaviour too. OpenVINO falls back to its own no-op stub
#: (``openvino/tools/ovc/telemetry_stub.py``) when the package cannot be imported, so the
#: package is made unimportable in this process before OpenVINO is imported.
TELEMETRY_MODULES = ("openvino_telemetry", "openvino_telemetry.backend")


def block_openvino_telemetry() -> None:
    """Make ``openvino-telemetry`` unimportable in this process (see TELEMETRY_MODULES):
    no file is written and no connection attempted. Call before ``import openvino``."""
    for name in TELEMETRY_MODULES:
        # None in sys.modules makes "import name" raise ImportError (the language's rule).
        sys.modules[name] = None  # type: ignore[assignment]


def import_openvino():
    """The ``openvino`` module, imported with its telemetry blocked (the one place this
    process imports OpenVINO)."""
    block_openvino_telemetry()
    import openvino

    return openvino


def _openvino_core():
    """One OpenVINO Core per process, as OpenVINO advises (it owns the plugins)."""
    global _ov_core
    with _ov_core_lock:
        if _ov_core is None:
            _ov_core = import_openvino().Core()
        return _ov_core


class OpenVinoRunner(Runner):
    name = "openvino"

    def __init__(self, data: bytes, crop: int, streams: int) -> None:
        super().__init__(streams)
        core = _openvino_core()
        model = core.read_model(data)
        model.reshape([1, 3, crop, crop])  # a fixed shape runs fastest; batches are looped
        exact = {"INFERENCE_PRECISION_HINT": "f32"}  # not bf16 on machines with AMX
        wide = core.compile_model(model, "CPU", {**exact, "PERFORMANCE_HINT": "LATENCY"})
        narrow = core.compile_model(
            model,
            "CPU",
            {**exact, "PERFORMANCE_HINT": "THROUGHPUT", "NUM_STREAMS": str(streams)},
        )
        # The compiled models live as long as their requests.
        self._wide, self._narrow = wide, narrow
        self._wide_request = wide.create_infer_request()
        self._wide_lock = threading.Lock()
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        for _ in range(streams):
            self._requests.put(narrow.create_infer_request())

    @staticmethod
    def _infer(request, x: np.ndarray) -> np.ndarray:
        # start_async + wait: the network runs on OpenVINO's own threads, never on the
        # caller's (callers are short-lived worker threads; OpenVINO keeps state per thread).
        request.start_async({0: x})
        request.wait()
        return request.get_output_tensor(0).data.copy()

    def run(self, batch: np.ndarray, *, narrow: bool = False) -> np.ndarray:
        rows = []
        for i in range(len(batch)):
            x = np.ascontiguousarray(batch[i : i + 1])
            if narrow:
                request = self._requests.get()
                try:
                    rows.append(self._infer(request, x))
                finally:
                    self._requests.put(request)
            else:
                with self._wide_lock:
                    rows.append(self._infer(self._wide_request, x))
        return np.concatenate(rows)


class OrtRunner(Runner):
    name = "onnxruntime"

    def __init__(self, data: bytes, crop: int, streams: int) -> None:
        import onnxruntime as ort  # here: loaded only when this runtime is chosen

        super().__init__(streams)
        sessions = []
        for threads in (streams, 1):
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3  # errors only
            # Tiny (denormal) activations as zero: 8-15% faster here, scores unchanged
            # within the parity check.
            opts.add_session_config_entry("session.set_denormal_as_zero", "1")
            sessions.append(ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"]))
        # One session may run on several threads at once; the narrow one has no thread
        # pool, so each call uses its caller's core.
        self._wide, self._narrow = sessions

    def run(self, batch: np.ndarray, *, narrow: bool = False) -> np.ndarray:
        session = self._narrow if narrow else self._wide
        return session.run(None, {"image": np.ascontiguousarray(batch)})[0]


_MAKERS: dict[str, Callable[[bytes, int, int], Runner]] = {
    "openvino": OpenVinoRunner,
    "onnxruntime": OrtRunner,
}


def build_runner(
    loaded: LoadedModel, runtimes: tuple[str, ...] = RUNTIMES, *, streams: int | None = None
) -> tuple[Runner | None, str]:
    """The model in the first of ``runtimes`` that runs it with PyTorch's float32 scores, and
    why the ones before it were not used ("" if none failed); ``(None, why not)`` if none."""
    streams = streams or streams_for()
    crop = loaded.prep.crop
    loaded.net.to("cpu").eval()
    module = NormalizedModel(loaded, uint8=True).eval()
    example = torch.from_numpy(
        np.random.default_rng(0).integers(0, 256, (1, 3, crop, crop), dtype=np.uint8)
    )
    with torch.inference_mode():
        ref = module(example).numpy()
    limit = PARITY_TOLERANCE * max(1.0, float(np.abs(ref).max()))
    data: bytes | None = None
    reasons = []
    for name in runtimes:
        try:
            if data is None:
                data = onnx_bytes(module, example, ("image", "logits"))
            runner = _MAKERS[name](data, crop, streams)
            # Both ways answer once now: the check, and the first run's set-up done here.
            diff = max(
                float(np.abs(runner.run(example.numpy(), narrow=n) - ref).max())
                for n in (False, True)
            )
        except Exception as exc:  # noqa: BLE001 — any failure means "try the next one"
            reasons.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if diff <= limit:
            runner.max_difference = diff
            return runner, "; ".join(reasons)
        reasons.append(f"{name}: scores differ from PyTorch's by {diff:.2g}")
    return None, "; ".join(reasons) or "no runtime asked for"
