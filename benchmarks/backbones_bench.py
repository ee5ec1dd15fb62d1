"""The built-in backbones side by side on Fashion-MNIST, several seeds (issue 18).

    python benchmarks/backbones_bench.py [--seeds 0 1 2 3 4] [--backbones efficientnet_lite0 ...]
                                         [-- EXTRA TRAIN OPTIONS, e.g. --epochs 20]

Runs the real command, ``finetune-studio train train50 --val-dir val100 --backbone NAME
--seed S`` (every other option at its default unless given after ``--``), once per backbone
and seed, each in its own process, and prints each run's best checking accuracy and the
mean and spread per backbone. All runs share one app home, so only the first run of each
backbone computes the frozen layers' features; later seeds read them from the feature
cache (a head-only run without augmentation computes the same features whatever the seed:
the seed moves the head's start, the batch order and the dropout).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, ROOT, bench_env, fashion_folder, log  # noqa: E402


def run_once(backbone: str, seed: int, extra: list[str], home: Path, out: Path) -> dict:
    """One ``finetune-studio train`` run; its best epoch's checking accuracy and the time."""
    train, val = fashion_folder(50, "train"), fashion_folder(100, "test")
    tag = f"{backbone}-s{seed}"
    metrics = out / f"{tag}.json"
    cmd = [
        sys.executable,
        "-m",
        "engine",
        "train",
        str(train),
        "--val-dir",
        str(val),
        "--backbone",
        backbone,
        "--seed",
        str(seed),
        "--out",
        str(out / f"{tag}.ftmodel"),
        "--metrics-json",
        str(metrics),
        *extra,
    ]
    env = bench_env(home, PYTHONPATH=str(ROOT / "src"))
    start = time.monotonic()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)
    seconds = time.monotonic() - start
    epochs = json.loads(metrics.read_text())["epochs"]
    best = max(epochs, key=lambda e: e["val_accuracy"])
    return {
        "backbone": backbone,
        "seed": seed,
        "val_accuracy": best["val_accuracy"],
        "best_epoch": best["epoch"],
        "epochs_run": len(epochs),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--backbones", nargs="+", default=["efficientnet_lite0", "efficientnet_lite2"])
    ap.add_argument("extra", nargs="*", help="more train options, after --")
    args = ap.parse_args()
    out = OUT / "backbones"
    out.mkdir(parents=True, exist_ok=True)
    home = out / "home"
    rows = []
    for seed in args.seeds:
        for backbone in args.backbones:
            log(f"{backbone} seed {seed} {' '.join(args.extra)}")
            rows.append(run_once(backbone, seed, args.extra, home, out))
            r = rows[-1]
            print(
                f"{backbone} seed {seed}: {100 * r['val_accuracy']:.1f}% "
                f"(epoch {r['best_epoch']} of {r['epochs_run']}, {r['seconds']:.0f} s)",
                flush=True,
            )
    for backbone in args.backbones:
        accs = [100 * r["val_accuracy"] for r in rows if r["backbone"] == backbone]
        spread = statistics.stdev(accs) if len(accs) > 1 else 0.0
        print(f"{backbone}: mean {statistics.mean(accs):.2f}% sd {spread:.2f} over {len(accs)}")
    (out / "results.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
