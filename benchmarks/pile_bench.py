"""Label a few, the app suggests the rest: how right are the suggestions, and is the app's
"most useful next" better than labelling photos at random?

An unsorted pile of 500 Fashion-MNIST photos (10 categories x 50, the first 50 of each in
the training split). For each seed: 5 photos per category are labelled (chosen at random
with that seed); the suggestions for the other 450 are scored. Then 50 more labels are
added in two ways from the same start, and the suggestions for the photos still unsorted
are scored again:

- ``app``: 10 rounds of 5, each round the 5 photos the current head is least sure about
  (``engine.pile.most_useful``, margin sampling), as the window's "Label the most useful
  next" button offers them;
- ``random``: 50 photos drawn at random (same seed).

The features come from ``engine.pile.FeatureStore`` (the training's feature cache for a
head-only run), computed once for the 500 photos; the heads are ``engine.pile.fit_and_score``.

    python benchmarks/pile_bench.py [--seeds 5]      # prints a Markdown table
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from engine.pile import fit_and_score, most_useful  # noqa: E402

START_PER_CATEGORY = 5
EXTRA = 50
ROUND = 5  # photos per "most useful next" round, as the window offers them


@dataclass(frozen=True)
class Trial:
    seed: int
    start_accuracy: float  # on the 450 not labelled, from 5 per category
    app_accuracy: float  # on the 400 left after 50 chosen by the app
    random_accuracy: float  # on the 400 left after 50 chosen at random


def _accuracy(x: np.ndarray, y: np.ndarray, labelled: list[int], seed: int) -> float:
    rest = np.setdiff1d(np.arange(len(y)), labelled)
    probs = fit_and_score(x[labelled], y[labelled], x[rest], int(y.max()) + 1, seed=seed)
    return float((probs.argmax(1) == y[rest]).mean())


def trial(x: np.ndarray, y: np.ndarray, seed: int) -> Trial:
    """One seed: start from 5 labelled per category, then 50 more by the app or at random."""
    rng = np.random.default_rng(seed)
    n_classes = int(y.max()) + 1
    start = [
        int(i)
        for c in range(n_classes)
        for i in rng.choice(np.flatnonzero(y == c), START_PER_CATEGORY, replace=False)
    ]
    start_acc = _accuracy(x, y, start, seed)

    app = list(start)
    while len(app) < len(start) + EXTRA:
        rest = np.setdiff1d(np.arange(len(y)), app)
        probs = fit_and_score(x[app], y[app], x[rest], n_classes, seed=seed)
        app += [int(rest[i]) for i in most_useful(probs, ROUND)]

    rest = np.setdiff1d(np.arange(len(y)), start)
    randomly = start + [int(i) for i in rng.choice(rest, EXTRA, replace=False)]
    return Trial(seed, start_acc, _accuracy(x, y, app, seed), _accuracy(x, y, randomly, seed))


def pile_features(folder: Path, store=None) -> tuple[np.ndarray, np.ndarray, list[Path]]:
    """Features and true categories of every photo of a class-per-folder set."""
    from engine.pile import FeatureStore

    paths: list[Path] = []
    labels: list[int] = []
    for i, cat in enumerate(sorted(d.name for d in folder.iterdir() if d.is_dir())):
        files = sorted((folder / cat).iterdir())
        paths += files
        labels += [i] * len(files)
    x, kept = (store or FeatureStore()).features(paths)
    label_of = dict(zip(paths, labels, strict=True))
    return x, np.array([label_of[p] for p in kept]), kept


def table(trials: list[Trial]) -> str:
    rows = [
        "| seed | 5 per category: right on the other 450 | +50 chosen by the app: right on the 400 left | +50 at random: right on the 400 left |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for t in trials:
        rows.append(
            f"| {t.seed} | {t.start_accuracy:.1%} | {t.app_accuracy:.1%} | {t.random_accuracy:.1%} |"
        )
    mean = statistics.fmean
    rows.append(
        f"| mean | {mean(t.start_accuracy for t in trials):.1%} | "
        f"{mean(t.app_accuracy for t in trials):.1%} | {mean(t.random_accuracy for t in trials):.1%} |"
    )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5)
    args = ap.parse_args()
    from common import fashion_folder, log

    folder = fashion_folder(50, "train")
    t0 = time.monotonic()
    x, y, _ = pile_features(folder)
    log(f"features of {len(y)} photos in {time.monotonic() - t0:.1f} s")
    t0 = time.monotonic()
    trials = [trial(x, y, seed) for seed in range(args.seeds)]
    log(f"{args.seeds} seeds in {time.monotonic() - t0:.1f} s")
    print(table(trials))


if __name__ == "__main__":
    main()
