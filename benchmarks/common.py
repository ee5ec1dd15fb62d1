"""Shared helpers for the benchmarks: data sets, timing, memory, machine description.

Nothing here is part of the app or its test suite. Data sets are written once under
``benchmarks/out/data`` and reused by later runs (same arguments, same files).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
DATA = OUT / "data"
MAKE_FASHION = Path("/work/shared/datasets/make_fashion_folders.py")
FASHION_SOURCE = Path("/usr/share/datasets/fashion-mnist")

#: Prefix of the one JSON line a goal subprocess prints with its measurements.
RESULT_TAG = "BENCH-RESULT "


def log(msg: str) -> None:
    """Progress to stderr (stdout carries the result line)."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def emit_result(result: dict) -> None:
    print(RESULT_TAG + json.dumps(result), flush=True)


# --------------------------------------------------------------------------------- data


def fashion_folder(per_class: int, split: str, *, fmt: str = "png", size: int = 28) -> Path:
    """A Fashion-MNIST class-per-folder set (10 classes), written once and reused."""
    out = DATA / f"fashion-{split}-{per_class}-{fmt}-{size}"
    done = out / ".complete"
    if done.is_file():
        return out
    if out.exists():
        shutil.rmtree(out)
    script = MAKE_FASHION if MAKE_FASHION.is_file() else None
    if script is None:
        raise SystemExit(f"{MAKE_FASHION} is missing: cannot build the Fashion-MNIST folders")
    cmd = [
        sys.executable,
        str(script),
        str(out),
        "--per-class",
        str(per_class),
        "--split",
        split,
        "--format",
        fmt,
        "--size",
        str(size),
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    done.write_text("ok")
    return out


def big_jpegs(
    count: int = 200, *, distinct: int = 20, width: int = 4000, height: int = 3000
) -> Path:
    """``count`` 12-megapixel camera-like JPEGs made from scikit-image's real photos.

    Each of ``distinct`` images is a real photo upscaled to ``width`` x ``height`` with
    sensor-like noise (so JPEG cannot compress it to nothing), saved at quality 90; the
    rest are byte copies under other names (decoding cost is the same, and the image cache
    is keyed by path, so every file is a separate entry). Sorted into 2 class folders.
    """
    import numpy as np
    from PIL import Image
    from skimage import data as skdata

    out = DATA / f"big-jpeg-{count}-{width}x{height}"
    done = out / ".complete"
    if done.is_file():
        return out
    if out.exists():
        shutil.rmtree(out)
    sources = ["astronaut", "coffee", "chelsea", "rocket", "cat", "immunohistochemistry"]
    photos = []
    for name in sources:
        with contextlib.suppress(Exception):
            arr = getattr(skdata, name)()
            if arr.ndim == 3 and arr.shape[2] == 3:
                photos.append(arr)
    if not photos:
        raise SystemExit("scikit-image's sample photos are missing")
    rng = np.random.default_rng(0)
    originals: list[Path] = []
    for i in range(count):
        folder = out / ("class_a" if i % 2 == 0 else "class_b")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"IMG_{i:04d}.jpg"
        if i < distinct:
            img = Image.fromarray(photos[i % len(photos)]).resize((width, height), Image.BICUBIC)
            arr = np.asarray(img, dtype=np.int16)
            noise = rng.integers(-12, 13, size=arr.shape, dtype=np.int16)
            arr = np.clip(arr + noise, 0, 255).astype(np.uint8)
            Image.fromarray(arr).save(path, quality=90)
            originals.append(path)
        else:
            shutil.copyfile(originals[i % distinct], path)
    done.write_text("ok")
    return out


# ------------------------------------------------------------------------ measurement


class Timer:
    """Wall and process-CPU seconds of a ``with`` block."""

    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.t0
        self.cpu = time.process_time() - self.c0


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux: ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def machine() -> dict:
    """CPU model, cores, RAM, torch version: the RESULTS.md header."""
    info: dict = {"python": platform.python_version(), "platform": platform.platform()}
    with contextlib.suppress(OSError):
        text = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket"):
                info[key.strip()] = value.strip()
        flags = next((ln for ln in text.splitlines() if ln.startswith("Flags")), "")
        info["bf16"] = "avx512_bf16" in flags or "amx_bf16" in flags
        info["amx"] = "amx_tile" in flags
    with contextlib.suppress(OSError), open("/proc/meminfo") as f:
        kb = int(f.readline().split()[1])
        info["ram_gb"] = round(kb / 1024**2, 1)
    try:
        import torch
        import torchvision

        info["torch"] = torch.__version__
        info["torchvision"] = torchvision.__version__
        info["torch_threads"] = torch.get_num_threads()
    except ImportError:
        pass
    return info


def bench_env(home: Path, probe_file: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a goal subprocess: a private app home (settings, image cache)."""
    env = dict(os.environ)
    env["FINETUNE_STUDIO_HOME"] = str(home)
    env["FINETUNE_STUDIO_PROBE_FILE"] = str(probe_file or (OUT / "precision.json"))
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra)
    return env
