"""Big folders (issue 19): 'last block' on generated 256-px photos, peak memory and epoch time.

    .venv/bin/python benchmarks/scale_bench.py --sizes 2500,5000,10000,20000 [--epochs 2]

Each size trains in its own process (fresh app home, so nothing is cached from an earlier
size) with the 'last' preset at its defaults (3 augmented views per photo). The cached
activations go to the memory-mapped store (``FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB=0``
unless ``--in-ram``), so the sizes compare the path a big folder takes. Reported per size:
peak RSS of the process, the feature-caching time, and the epoch time (fastest epoch), with
seconds per 1,000 photos to show whether epoch time is linear in photos.

The photos are generated (10 categories: a coloured shape on a textured background, at a
random place and size, with noise; JPEG quality 90), written once under benchmarks/out/data.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import emit_result, log, peak_rss_mb  # noqa: E402

CLASSES = 10


#: Generated photos live outside the repository (they are large and made again cheaply).
PHOTO_CACHE = Path(os.environ.get("FINETUNE_STUDIO_BENCH_PHOTOS", "/tmp/finetune-studio-bench"))
#: The largest set is generated once; smaller sizes are its first photos, hard-linked.
LARGEST = 20_000


def _photo(rng, palette, c: int, size: int):
    """One generated photo of category ``c``: the category's shape in its colour, at a
    random place and size, on a random smooth background with noise.

    The background is a random 4 x 4 colour grid blown up smoothly, so photos differ in
    their coarse layout: with a plain noisy background every photo looks like a near-copy
    of every other to the perceptual hash, the split then keeps all those "copies" on one
    side, and a 20,000-photo folder trained on about 1,200 photos (measured)."""
    import numpy as np
    from PIL import Image, ImageDraw

    grid = rng.integers(30, 225, size=(4, 4, 3), dtype=np.uint8)
    img = Image.fromarray(grid).resize((size, size), Image.Resampling.BICUBIC)
    noise = rng.integers(-20, 21, size=(size, size, 3))
    img = Image.fromarray(np.clip(np.asarray(img, dtype=np.int16) + noise, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    r = int(rng.integers(size // 6, size // 3))
    x, y = (int(v) for v in rng.integers(r, size - r, size=2))
    box = (x - r, y - r, x + r, y + r)
    colour = tuple(int(v) for v in np.clip(palette[c] + rng.integers(-25, 26, 3), 0, 255))
    [draw.ellipse, draw.rectangle, draw.polygon][c % 3](
        box if c % 3 < 2 else [(x, y - r), (x - r, y + r), (x + r, y + r)], fill=colour
    )
    return img


def _generate(out: Path, count: int, size: int) -> None:
    """Write ``count`` JPEGs in 10 category folders (see :func:`_photo`)."""
    import numpy as np

    rng = np.random.default_rng(19)  # one seed: photo i is the same whatever the count
    palette = rng.integers(40, 230, size=(CLASSES, 3))
    for c in range(CLASSES):
        (out / f"class_{c:02d}").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        c = i % CLASSES
        _photo(rng, palette, c, size).save(out / f"class_{c:02d}" / f"{i:06d}.jpg", quality=90)


def generated_photos(count: int, size: int = 256, *, largest: int = LARGEST) -> Path:
    """``count`` generated JPEGs in 10 category folders (written once, reused).

    The photos of the largest set (``largest``, or ``count`` if bigger) are generated
    once under :data:`PHOTO_CACHE`; a smaller set is a folder of hard links to its first
    ``count`` photos, so the sizes compare the same photos and cost no more disk.
    """
    full_count = max(count, largest)
    full = PHOTO_CACHE / f"photos-{full_count}-{size}px"
    if not (full / ".complete").is_file():
        _generate(full, full_count, size)
        (full / ".complete").write_text("ok")
    if count == full_count:
        return full
    out = PHOTO_CACHE / f"photos-{count}-of-{full_count}-{size}px"
    if not (out / ".complete").is_file():
        for i in range(count):
            name = Path(f"class_{i % CLASSES:02d}") / f"{i:06d}.jpg"
            (out / name.parent).mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.link(full / name, out / name)
        (out / ".complete").write_text("ok")
    return out


def _watch_store(folder: Path, seen: dict[str, int], done: threading.Event) -> None:
    """Record the largest activation file of the run (it is removed when the run ends)."""
    while not done.wait(1.0):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith("act-"):
                    st = entry.stat()
                    seen["bytes"] = max(seen.get("bytes", 0), st.st_size)
                    seen["disk_bytes"] = max(seen.get("disk_bytes", 0), st.st_blocks * 512)


def train_once(
    folder: Path,
    home: Path,
    epochs: int,
    *,
    in_ram: bool,
    layers: str,
    extra: Sequence[str] = (),
    launcher: Sequence[str] | None = None,
    setup: Callable[[dict[str, str]], None] | None = None,
    env: Mapping[str, str] | None = None,
) -> dict:
    """``finetune-studio train`` on ``folder`` as a child process; its own peak RSS and times.

    The command is the real one (``python -m engine train``: the CLI of the installed app
    without the window), or under ``launcher`` (e.g. torchrun ... ``-m engine``); ``extra``
    are more ``train`` options. Each run gets a fresh app home (``setup(env)`` may fill it
    first, e.g. import a backbone's weights; ``env`` adds variables). Peak RSS is the child's own ``ru_maxrss``
    from ``wait4`` (under a launcher: the largest of its processes); the stages are timed
    from the moment each of its progress lines arrives.
    """
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    env = {
        **os.environ,
        **(env or {}),
        "FINETUNE_STUDIO_HOME": str(home),
        "PYTHONPATH": str(HERE.parent / "src"),
    }
    if not in_ram:
        env["FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB"] = "0"
    if setup is not None:
        setup(env)
    metrics = home / "metrics.json"
    cmd = [
        *(launcher or [sys.executable, "-m", "engine"]), "train", str(folder),
        "--out", str(home / "model.ftmodel"), "--train-layers", layers, "--epochs", str(epochs),
        "--patience", "0", "--metrics-json", str(metrics), *extra,
    ]  # fmt: skip
    marks: dict[str, float] = {}
    split = (0, 0)
    cpu_marks: list[float] = []  # the child's CPU seconds when training starts, after each epoch
    store: dict[str, int] = {}
    done = threading.Event()
    watcher = threading.Thread(
        target=_watch_store, args=(home / "cache" / "activations", store, done), daemon=True
    )
    watcher.start()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert proc.stderr is not None
    tail: list[str] = []
    for line in proc.stderr:
        now = time.perf_counter() - t0
        line = line.rstrip()
        tail = (tail + [line])[-20:]
        if "(training photos)" in line:  # "Computing features of ..." or "Loading photos"
            marks.setdefault("cache_start", now)
        elif "validation photos" in line:
            marks.setdefault("val_start", now)
        elif line.startswith("Training "):
            marks.setdefault("cache_end", now)
            cpu_marks.append(_cpu_seconds(proc.pid))
            if found := re.search(r"on (\d+) photos, checking on (\d+)", line):
                split = (int(found[1]), int(found[2]))
        elif line.startswith("epoch ") and ": train loss" in line:
            marks.setdefault("first_epoch_end", now)
            cpu_marks.append(_cpu_seconds(proc.pid))
        log(f"  {n_of(folder)}: {line}")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    done.set()
    watcher.join()
    if proc.returncode != 0 or not metrics.is_file():
        raise SystemExit(f"{folder}: train failed (exit {proc.returncode}):\n" + "\n".join(tail))
    m = json.loads(metrics.read_text())
    epoch_s = [e["seconds"] for e in m["epochs"]]
    photos = n_of(folder)
    train_n = split[0] or photos
    left = home / "cache" / "activations"
    return {
        "photos": photos,
        "train_photos": train_n,
        "val_photos": split[1],
        "layers": layers,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        # start, imports, scan, loading the backbone, the precision probe
        "before_cache_seconds": marks.get("cache_start", float("nan")),
        "cache_seconds": marks.get("cache_end", float("nan"))
        - marks.get("cache_start", float("nan")),
        "epoch_seconds": epoch_s,
        "epoch_cpu_seconds": [b - a for a, b in itertools.pairwise(cpu_marks)],
        "epoch_s_per_1000_train_photos": 1000 * min(epoch_s) / train_n,
        "train_photos_per_second": train_n / min(epoch_s),
        "cache_photos_per_second": photos / (marks["cache_end"] - marks["cache_start"])
        if "cache_end" in marks and "cache_start" in marks
        else float("nan"),
        "activation_file_gb": store.get("bytes", 0) / 1e9,
        "activation_file_on_disk_gb": store.get("disk_bytes", 0) / 1e9,
        "store_files_left": len(list(left.glob("act-*"))) if left.is_dir() else 0,
        "val_accuracy": m["val_accuracy"],
        "run_seconds": wall,
        "load_average": os.getloadavg(),
    }


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system, all threads) of a running process, from /proc.

    Steadier than wall time on a machine that other work shares."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def n_of(folder: Path) -> int:
    """The photo count in a generated folder's name."""
    return int(folder.name.split("-")[1])


def store_only(photos: int, epochs: int = 2) -> dict:
    """The store alone at 'last block' scale: write ``photos`` x 3 views of Lite0's last-block
    input (80 x 14 x 14 float16, ~31 KB a view here), then read it all in training order,
    batch by batch; peak RSS against the file's size. No network: it isolates the store."""
    import torch

    from engine.activation_store import ActivationStore, block_order

    shape, views, batch = (80, 14, 14), 3, 32
    gen = torch.Generator().manual_seed(0)
    block = torch.randn(views, 256, *shape, generator=gen).to(torch.float16)
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    with ActivationStore(photos, views, shape) as store:
        for start in range(0, photos, 256):
            store.append(block[:, : min(256, photos - start)])
        write_s = time.perf_counter() - t0
        size_gb = store.capacity * store.row_bytes / 1e9
        reads = []
        for _ in range(epochs):
            t1 = time.perf_counter()
            order = block_order(photos, gen)
            for pos in range(0, photos, batch):
                idx = order[pos : pos + batch]
                v = torch.randint(0, views, (len(idx),), generator=gen)
                store[v, idx]
            reads.append(time.perf_counter() - t1)
    return {
        "photos": photos,
        "file_gb": size_gb,
        "write_seconds": write_s,
        "epoch_read_seconds": reads,
        "peak_rss_mb_before": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="2500,5000,10000,20000")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--in-ram", action="store_true", help="keep the activations in memory")
    ap.add_argument(
        "--store-only", type=int, default=0, metavar="PHOTOS", help="measure the store alone"
    )
    ap.add_argument("--layers", default="last", help="--train-layers of the runs (last | all)")
    ap.add_argument("--json", help="write the rows here after every size")
    ap.add_argument(
        "--home-root", default=str(PHOTO_CACHE), help="where each run's app home is made"
    )
    args = ap.parse_args()
    if args.store_only:
        os.environ.setdefault("FINETUNE_STUDIO_HOME", str(HERE / "out" / "scale-home-store"))
        emit_result(store_only(args.store_only, args.epochs))
        return
    rows = []
    out = Path(args.json) if args.json else None
    for n in (int(s) for s in args.sizes.split(",")):
        log(f"generating {n} photos")
        folder = generated_photos(n)
        log(f"'{args.layers}' on {n} photos")
        home = Path(args.home_root) / f"scale-home-{args.layers}-{n}"
        row = train_once(folder, home, args.epochs, in_ram=args.in_ram, layers=args.layers)
        shutil.rmtree(home, ignore_errors=True)
        log(
            f"{n} photos: peak RSS {row['peak_rss_mb']:.0f} MB, caching {row['cache_seconds']:.0f} s,"
            f" epochs {row['epoch_seconds']} ({row['epoch_s_per_1000_train_photos']:.2f} s per 1000),"
            f" file {row['activation_file_gb']:.2f} GB, val accuracy {row['val_accuracy']:.3f},"
            f" store files left {row['store_files_left']}"
        )
        emit_result(row)
        rows.append(row)
        if out is not None:  # after every size: a long run that dies keeps what it measured
            out.write_text(json.dumps(rows, indent=2))
    print(table(rows))


def table(rows: list[dict]) -> str:
    """The rows as the Markdown table of benchmarks/RESULTS.md."""
    head = (
        "| photos | start + scan | feature caching | s/epoch (fastest) | per 1,000 training photos "
        "| training photos/s | caching photos/s | peak RSS | activation file | val accuracy |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['photos']:,} | {r['before_cache_seconds']:.0f} s | {r['cache_seconds']:.0f} s "
            f"| {min(r['epoch_seconds']):.1f} s | {r['epoch_s_per_1000_train_photos']:.2f} s "
            f"| {r['train_photos_per_second']:.0f} | {r['cache_photos_per_second']:.1f} "
            f"| {r['peak_rss_mb']:,.0f} MB | {r['activation_file_gb']:.2f} GB "
            f"| {r['val_accuracy']:.1%} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
