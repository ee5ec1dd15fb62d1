"""Pick the device and the fastest precision that keeps accuracy, once per machine.

bfloat16 autocast and channels-last memory are 1.5-3x faster on CPUs with AVX-512-BF16 or
AMX, and 5-13x *slower* on CPUs without them. So instead of guessing from flags, a quick
probe times the bundled backbone both ways at first use and the answer is remembered
(keyed by CPU, torch version and thread count) in the app's config folder.

On NVIDIA GPUs the answer does not need timing: mixed precision always wins on tensor
cores, so the probe reads the card's capability instead (:func:`cuda_precision`): bfloat16
where the card has it (Ampere and later), else float16, which needs a gradient scaler
(:func:`grad_scaler`) so that small gradients do not underflow to zero. Both run
channels-last. Batches go to the card from pinned memory with non-blocking copies
(:func:`to_device`), so the copy overlaps the work already queued on the card, while the
thread pool in ``training.prepare`` decodes the next batch of photos. These GPU paths were
written and tested for their logic on a CPU; their speed has not been measured here (see
docs/scale.md).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import platform
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from .atomic import write_text
from .backbones import build_model
from .errors import StudioError
from .i18n import Messages
from .paths import config_dir


class Device(Messages):
    """Messages of engine/device.py: a device that is not there."""


def pick_device(requested: str = "auto") -> torch.device:
    """CUDA, then Apple MPS, then CPU; or the one asked for (with a clear error if absent)."""
    if requested == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if requested == "cuda" and not torch.cuda.is_available():
        raise StudioError(
            Device.tr("No CUDA graphics card is available here. Use --device cpu or auto.")
        )
    if requested == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise StudioError(Device.tr("Apple's MPS is not available here. Use --device cpu or auto."))
    if requested not in ("cpu", "cuda", "mps"):
        raise StudioError(
            Device.tr("Unknown device {device}: use auto, cpu, cuda or mps.").format(
                device=repr(requested)
            )
        )
    return torch.device(requested)


@dataclass(frozen=True)
class Precision:
    """How to run the network: autocast dtype (None = float32) and memory layout."""

    dtype: str = "float32"  # "float32" | "bfloat16" | "float16"
    channels_last: bool = False
    speedup: float = 1.0  # measured against float32 by the probe

    @property
    def needs_grad_scaler(self) -> bool:
        """float16 gradients underflow without loss scaling; bfloat16 and float32 do not."""
        return self.dtype == "float16"

    @property
    def autocast_dtype(self) -> torch.dtype | None:
        return {"bfloat16": torch.bfloat16, "float16": torch.float16}.get(self.dtype)

    def autocast(self, device: torch.device) -> contextlib.AbstractContextManager:
        dt = self.autocast_dtype
        if dt is None:
            return contextlib.nullcontext()
        return torch.autocast(device_type=device.type, dtype=dt)

    def prepare(self, module: torch.nn.Module) -> torch.nn.Module:
        if self.channels_last:
            module.to(memory_format=torch.channels_last)
        return module

    def input(self, x: torch.Tensor) -> torch.Tensor:
        return (
            x.contiguous(memory_format=torch.channels_last)
            if self.channels_last and x.dim() == 4
            else x
        )


FP32 = Precision()


def cuda_precision(bf16_supported: bool) -> Precision:
    """The precision for an NVIDIA card: bfloat16 if it has it, else float16 (+ grad scaler)."""
    return Precision("bfloat16" if bf16_supported else "float16", channels_last=True)


def grad_scaler(precision: Precision, device: torch.device) -> torch.amp.GradScaler:
    """A gradient scaler that is on only where it is needed (float16); otherwise a no-op.

    A disabled scaler passes ``scale(loss)``, ``step(opt)`` and ``update()`` straight
    through, so the training loop has one shape for every precision.
    """
    return torch.amp.GradScaler(device.type, enabled=precision.needs_grad_scaler)


def configure_device(device: torch.device) -> None:
    """Let cuDNN pick the fastest convolution kernels and matmuls use TF32 on CUDA."""
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True  # input shapes are fixed within a run
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True


def to_device(x: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Copy a batch to ``device``; on CUDA through pinned memory, without blocking.

    The copy then runs while the card still works on the previous step, instead of the
    host waiting for it. On the CPU this is a plain ``to`` (a no-op for CPU tensors).
    """
    if device.type != "cuda":
        return x.to(device)
    if not x.is_pinned():
        x = x.pin_memory()
    return x.to(device, non_blocking=True)


def _machine_key(device: torch.device) -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if device.type == "cuda":
        # The card, not the CPU, decides; the compute capability tells bf16 support.
        index = device.index if device.index is not None else torch.cuda.current_device()
        major, minor = torch.cuda.get_device_capability(index)
        cpu = f"{torch.cuda.get_device_name(index)} sm_{major}{minor}"
    env = os.environ.get("ONEDNN_MAX_CPU_ISA", "") + os.environ.get("ATEN_CPU_CAPABILITY", "")
    return f"{device.type}|{cpu}|torch {torch.__version__}|threads {torch.get_num_threads()}|{env}"


def _store_path():
    # FINETUNE_STUDIO_PROBE_FILE lets a test session share one probe across temporary homes.
    override = os.environ.get("FINETUNE_STUDIO_PROBE_FILE")
    return Path(override) if override else config_dir() / "precision.json"


def probe_precision(device: torch.device, *, repeats: int = 3, batch: int = 16) -> Precision:
    """Time fp32 against bf16 (+ channels-last) on the bundled backbone; return the faster.

    A mode wins only if it is at least 10% faster *and* its outputs agree with fp32 (same
    top class on the probe batch's features, cosine similarity > 0.99).
    """
    if device.type == "cuda":
        return cuda_precision(torch.cuda.is_bf16_supported())
    if device.type != "cpu":
        return FP32
    net = build_model("efficientnet_lite0", 2, pretrained=False).eval()
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(batch, 3, 224, 224, generator=gen)
    candidates = [
        FP32,
        Precision("float32", channels_last=True),
        Precision("bfloat16", channels_last=True),
    ]
    if not _cpu_has_bf16():
        candidates = candidates[:2]
    # One copy per candidate, timed in interleaved rounds and keeping each one's best time:
    # on a busy machine (other programs, a shared CI box) a burst of load then slows every
    # candidate alike instead of deciding the answer, which is remembered for good.
    models: dict[Precision, tuple[torch.nn.Module, torch.Tensor]] = {}
    outputs: dict[Precision, torch.Tensor] = {}
    for cand in candidates:
        m = cand.prepare(copy.deepcopy(net))
        xi = cand.input(x)
        with torch.inference_mode(), cand.autocast(device):
            outputs[cand] = m.run(xi, 0, -1).float()  # warm-up (oneDNN picks kernels)
        models[cand] = (m, xi)
    timings = {cand: float("inf") for cand in candidates}
    for _ in range(repeats):
        for cand in candidates:
            m, xi = models[cand]
            with torch.inference_mode(), cand.autocast(device):
                t0 = time.perf_counter()
                m.run(xi, 0, -1)
                timings[cand] = min(timings[cand], time.perf_counter() - t0)
    best = FP32
    for cand in candidates[1:]:
        cos = torch.nn.functional.cosine_similarity(outputs[cand], outputs[FP32], dim=1)
        if cos.min().item() > 0.99 and timings[cand] < timings[best] / 1.1:
            best = cand
    return Precision(best.dtype, best.channels_last, speedup=timings[FP32] / timings[best])


def _cpu_has_bf16() -> bool:
    """Whether oneDNN may use bf16 instructions (respects ONEDNN_MAX_CPU_ISA)."""
    isa = os.environ.get("ONEDNN_MAX_CPU_ISA", "").upper()
    if isa and not any(
        k in isa for k in ("AVX512_CORE_BF16", "AMX", "AVX10", "ALL", "AVX512_CORE_FP16")
    ):
        return False
    cap = os.environ.get("ATEN_CPU_CAPABILITY", "").lower()
    if cap in ("avx2", "default"):
        return False
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as f:
            flags = f.read()
        return "avx512_bf16" in flags or "amx_bf16" in flags
    return True  # not Linux: let the timing decide


#: One probe at a time: the window's warm-up probes while the first run may start.
_PROBE_LOCK = threading.Lock()


def best_precision(device: torch.device, *, probe: bool = True) -> Precision:
    """The remembered precision for this machine, probing once if needed (a second
    caller waits for a probe under way and gets its answer)."""
    with _PROBE_LOCK:
        return _best_precision(device, probe)


def remembered_precision(device: torch.device) -> Precision | None:
    """The precision probed for this machine earlier, or None when it was never probed."""
    return _entry(_read_store(), _machine_key(device))


def _entry(store: dict, key: str) -> Precision | None:
    entry = store.get(key)
    if isinstance(entry, dict):
        with contextlib.suppress(TypeError, ValueError):
            return Precision(**entry)
    return None


def _read_store() -> dict:
    with contextlib.suppress(OSError, ValueError):
        store = json.loads(_store_path().read_text())
        if isinstance(store, dict):
            return store
    return {}


def _best_precision(device: torch.device, probe: bool) -> Precision:
    key = _machine_key(device)
    store = _read_store()
    known = _entry(store, key)
    if known is not None:
        return known
    if not probe:
        return FP32
    path = _store_path()
    choice = probe_precision(device)
    store[key] = asdict(choice)
    with contextlib.suppress(OSError):
        write_text(path, json.dumps(store, indent=2))
    return choice


def resolve_precision(device: torch.device, requested: str = "auto") -> Precision:
    """ "auto" (probe), "fp32" or "bf16"."""
    if requested == "fp32":
        return FP32
    if requested == "bf16":
        return Precision("bfloat16", channels_last=True)
    return best_precision(device)
