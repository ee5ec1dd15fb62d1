"""Check my photos on 500 Fashion-MNIST photos with 10% misfiled: how good, how fast?

10 categories x 50 photos (training split); 50 photos (10%, seeded) are moved into a wrong
category folder. Measured, in one process, in this order (so imports and the first model
load are paid by the first row, not the check):

1. computing the features of the 500 photos once (``engine.headonly.photo_features``
   without the cache: one decode and one forward pass of the frozen backbone each);
2. the whole check with an empty feature cache (scan, hashes, features, 5 folds of
   head-only training, ranking, duplicates, outliers): goal <= 1.5x row 1;
3. the whole check again, features cached (what a second check, or a check after
   training, costs): goal <= 3 s;

and how many of the misfiled photos are among the top k and top 2k suspects (k = 50).

    python benchmarks/check_bench.py [--seeds 3]    # prints a Markdown table
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # the misfiling the test uses

from common import fashion_folder  # noqa: E402

from misfiled_photos import misfile  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=1, help="misfiling seeds (ranks only)")
    args = ap.parse_args()
    source = fashion_folder(50, "train")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FINETUNE_STUDIO_HOME"] = str(Path(tmp) / "home")
        from engine.check import check_folder
        from engine.dataset import scan_folder
        from engine.headonly import photo_features

        rows = []
        for seed in range(args.seeds):
            folder = Path(tmp) / f"photos-{seed}"
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".complete"))
            moved = misfile(folder, 0.10, seed)
            if seed == 0:
                photos = scan_folder(folder).photos
                t0 = time.monotonic()
                fs = photo_features(photos, cache=False)
                features_s = time.monotonic() - t0
                assert len(fs.photos) == len(photos)
            t0 = time.monotonic()
            report = check_folder(folder)
            cold_s = time.monotonic() - t0
            t0 = time.monotonic()
            again = check_folder(folder)
            warm_s = time.monotonic() - t0
            assert [s.path for s in again.suspects] == [s.path for s in report.suspects]
            k = len(moved)
            ranked = [s.path for s in report.suspects]
            top_k = len(set(ranked[:k]) & moved) / k
            top_2k = len(set(ranked[: 2 * k]) & moved) / k
            rows.append((seed, top_k, top_2k, cold_s, warm_s))
        print(f"features of {len(photos)} photos, computed once: {features_s:.1f} s")
        print(
            "| seed | misfiled in top k | in top 2k | whole check, cache empty | ratio | cached |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for seed, a, b, cold, warm in rows:
            ratio = cold / features_s if seed == 0 else float("nan")
            print(f"| {seed} | {a:.0%} | {b:.0%} | {cold:.1f} s | {ratio:.2f}x | {warm:.2f} s |")


if __name__ == "__main__":
    main()
