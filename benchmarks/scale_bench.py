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
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import DATA, RESULT_TAG, emit_result, log, peak_rss_mb  # noqa: E402

CLASSES = 10


def generated_photos(count: int, size: int = 256) -> Path:
    """``count`` generated JPEGs in 10 category folders (written once, reused)."""
    import numpy as np
    from PIL import Image, ImageDraw

    out = DATA / f"generated-{count}-{size}px"
    if (out / ".complete").is_file():
        return out
    rng = np.random.default_rng(count)
    palette = rng.integers(40, 230, size=(CLASSES, 3))
    for i in range(count):
        c = i % CLASSES
        folder = out / f"class_{c:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        base = rng.integers(0, 60, size=(size, size, 3), dtype=np.uint8) + 90
        img = Image.fromarray(base.astype(np.uint8))
        draw = ImageDraw.Draw(img)
        r = int(rng.integers(size // 6, size // 3))
        x, y = (int(v) for v in rng.integers(r, size - r, size=2))
        box = (x - r, y - r, x + r, y + r)
        colour = tuple(int(v) for v in np.clip(palette[c] + rng.integers(-25, 26, 3), 0, 255))
        [draw.ellipse, draw.rectangle, draw.polygon][c % 3](
            box if c % 3 < 2 else [(x, y - r), (x - r, y + r), (x + r, y + r)], fill=colour
        )
        img.save(folder / f"{i:06d}.jpg", quality=90)
    (out / ".complete").write_text("ok")
    return out


def child(args: argparse.Namespace) -> None:
    """One size, in this process: train and report."""
    from engine.training import TrainConfig, TrainEvent, train

    folder = generated_photos(args.photos)
    stages: dict[str, float] = {}
    epoch_cpu: list[float] = []  # process CPU seconds per epoch: steadier than wall on a busy box
    t_start = time.perf_counter()

    def on_event(e: TrainEvent) -> None:
        if e.kind == "stage" and e.message.startswith("Computing features"):
            stages.setdefault("cache_start", time.perf_counter())
        if e.kind == "message" and e.message.startswith("Training "):
            stages.setdefault("cache_end", time.perf_counter())
            stages["cpu_mark"] = time.process_time()
        if e.kind == "epoch":
            epoch_cpu.append(time.process_time() - stages["cpu_mark"])
            stages["cpu_mark"] = time.process_time()

    config = TrainConfig(
        data_dir=str(folder), train_layers="last", epochs=args.epochs, early_stop_patience=0
    )
    result = train(config, on_event=on_event)
    cache_s = stages.get("cache_end", 0) - stages.get("cache_start", 0)
    epochs = [r.seconds for r in result.history]
    store_dir = Path(os.environ["FINETUNE_STUDIO_HOME"]) / "cache" / "activations"
    emit_result(
        {
            "photos": args.photos,
            "train_photos": args.photos - len(result.val_photos),
            "val_photos": len(result.val_photos),
            "peak_rss_mb": peak_rss_mb(),
            "cache_seconds": cache_s,
            "epoch_seconds": epochs,
            "epoch_cpu_seconds": epoch_cpu,
            "val_accuracy": result.val_accuracy,
            "run_seconds": time.perf_counter() - t_start,
            "store_files_left": len(list(store_dir.glob("act-*"))) if store_dir.is_dir() else 0,
        }
    )


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
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--photos", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if args.store_only:
        os.environ.setdefault("FINETUNE_STUDIO_HOME", str(HERE / "out" / "scale-home-store"))
        emit_result(store_only(args.store_only, args.epochs))
        return
    import json

    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        log(f"generating {n} photos")
        generated_photos(n)
        home = HERE / "out" / f"scale-home-{n}"
        env = {
            **os.environ,
            "FINETUNE_STUDIO_HOME": str(home),
            "PYTHONPATH": str(HERE.parent / "src"),
        }
        if not args.in_ram:
            env["FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB"] = "0"
        log(f"'last' on {n} photos")
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--photos",
            str(n),
            "--epochs",
            str(args.epochs),
        ]
        proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True)
        line = next((x for x in proc.stdout.splitlines() if x.startswith(RESULT_TAG)), None)
        if proc.returncode != 0 or line is None:
            raise SystemExit(f"size {n} failed (exit {proc.returncode})")
        row = json.loads(line[len(RESULT_TAG) :])
        epoch = min(row["epoch_seconds"])
        row["epoch_s_per_1000_train_photos"] = 1000 * epoch / row["train_photos"]
        row["epoch_cpu_s_per_1000_train_photos"] = (
            1000 * min(row["epoch_cpu_seconds"]) / row["train_photos"]
        )
        log(
            f"{n} photos: peak RSS {row['peak_rss_mb']:.0f} MB, caching {row['cache_seconds']:.0f} s,"
            f" epoch {epoch:.1f} s ({row['epoch_s_per_1000_train_photos']:.2f} s per 1000;"
            f" CPU {row['epoch_cpu_s_per_1000_train_photos']:.2f} s per 1000),"
            f" val accuracy {row['val_accuracy']:.3f}, store files left {row['store_files_left']}"
        )
        rows.append(row)
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
