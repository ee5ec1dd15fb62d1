"""A photo folder with some photos filed in the wrong category: the one way the Check my
photos test (tests/engine/test_check.py) and its benchmark (benchmarks/check_bench.py)
make one, so the two measure the same thing."""

from __future__ import annotations

import random
from pathlib import Path


def misfile(folder: Path, share: float, seed: int = 0) -> set[Path]:
    """Move ``share`` of the PNG photos into another (random, seeded) category folder.

    Each moved photo is renamed ``was-<category>-<name>`` so a failing test can say where
    it came from. Returns the new paths.
    """
    rng = random.Random(seed)
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    files = sorted(folder.rglob("*.png"))
    moved = set()
    for f in rng.sample(files, round(len(files) * share)):
        other = rng.choice([c for c in classes if c != f.parent.name])
        target = folder / other / f"was-{f.parent.name}-{f.name}"
        f.rename(target)
        moved.add(target)
    return moved
