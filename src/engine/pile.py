"""Start from an unsorted pile: label a few photos, the model suggests the rest.

A *pile* is a folder of photos not sorted into category folders yet: photos lying in the
folder itself (with or without category folders beside them), or in a subfolder named
``unsorted`` (any case) beside the category folders. The scan (``engine.dataset``) never
takes ``unsorted`` for a category and never trains or checks on loose photos, so photos
that are still unsorted are never used for training or checking.

How suggestions work, and why this way:

- Every photo goes through the frozen backbone ONCE, by the training's own feature cache
  (:func:`engine.headonly.photo_features`, kept on disk by content): the same numbers a
  head-only training would train on. Features are kept by the file's content (a hash), so
  a photo that is labelled (moved into its category folder) is not computed again.
- A suggestion is a linear head (softmax regression) trained on the labelled photos'
  features: with a few dozen labelled photos this takes well under a second, so the
  suggestions can be refreshed after every few labels.
- "Most useful next" is margin sampling: the photos whose two likeliest categories are
  closest. Measured on Fashion-MNIST (benchmarks/pile_bench.py): 50 labels chosen this way
  beat 50 chosen at random on the photos left (see benchmarks/RESULTS.md).
- Labelling moves (or copies) a file into ``FOLDER/<category>/`` as a journaled move, so
  the window's undo and a crash mid-move work the same as for the photo check.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .config import DEFAULT_BACKBONE
from .dataset import IGNORED_NAMES, is_hidden, is_unsorted_folder, list_categories
from .errors import DataError, StudioError
from .i18n import Messages
from .images import is_candidate, unsupported_reason
from .journal import BatchRecord, MoveJournal
from .progress import ProgressFn, StopFn, never_stop

SUGGEST_SEED = 0


class PileText(Messages):
    """Messages of engine/pile.py: the unsorted pile and new categories."""


@dataclass
class Pile:
    """What a folder holds that is not sorted yet, and the categories beside it."""

    root: Path
    categories: list[str]
    unsorted: list[Path]  # photos not in any category folder yet, sorted by path
    labelled: dict[str, list[Path]] = field(default_factory=dict)  # category -> photos

    @property
    def is_pile(self) -> bool:
        """True when there is something to sort."""
        return bool(self.unsorted)

    def labelled_count(self) -> int:
        return sum(len(v) for v in self.labelled.values())

    def describe(self) -> str:
        """One plain sentence for the Photos step and the CLI."""
        n = len(self.unsorted)
        if not n:
            return PileText.tr("Every photo is in a category folder.")
        photos = PileText.tr("%Ln photo(s)", "", n)
        if not self.categories:
            return PileText.tr(
                "{photos}, not sorted yet: create categories and label a few "
                "photos of each, and the app suggests the rest."
            ).format(photos=photos)
        return PileText.tr(
            "{photos} not sorted yet, beside {categories} ({labelled} labelled): "
            "label a few more, or let the app suggest."
        ).format(
            photos=photos,
            categories=PileText.tr("%Ln category(s)", "", len(self.categories)),
            labelled=PileText.tr("%Ln photo(s)", "", self.labelled_count()),
        )


def _photos_in(folder: Path, recursive: bool) -> list[Path]:
    out: list[Path] = []
    if recursive:
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
            out += [Path(dirpath) / f for f in sorted(filenames) if not is_hidden(f)]
    else:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return []
        out = [
            Path(e.path)
            for e in entries
            if not is_hidden(e.name) and e.is_file(follow_symlinks=False)
        ]
    return [p for p in out if is_candidate(p) and not unsupported_reason(p)]


def find_pile(root: str | os.PathLike[str]) -> Pile:
    """List what in ``root`` is not sorted yet (files only listed, never decoded).

    Unsorted photos are the photos lying directly in ``root`` and every photo below a
    subfolder named ``unsorted`` (any case), less those already labelled as a copy (the
    journal says which). Raises :class:`DataError` for a folder that
    cannot be read.
    """
    root = Path(root)
    categories = list_categories(root)  # raises DataError in plain words
    unsorted = _photos_in(root, recursive=False)
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if is_unsorted_folder(entry.name) and entry.is_dir(follow_symlinks=False):
            unsorted += _photos_in(Path(entry.path), recursive=True)
    labelled = {c: _photos_in(root / c, recursive=True) for c in categories}
    if unsorted:
        copied = {Path(os.path.abspath(p)) for p in copied_photos(root)}
        unsorted = [p for p in unsorted if Path(os.path.abspath(p)) not in copied]
    return Pile(root, categories, sorted(unsorted), labelled)


# ----------------------------------------------------------------------- features, once


def content_key(path: Path) -> str:
    """The key of a photo's features: its content, so a moved photo keeps them."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class FeatureStore:
    """The frozen backbone's features of photos, computed once and kept by content.

    The features are :func:`engine.headonly.photo_features` (the training's feature cache
    for a head-only run, kept on disk), so a head trained on them is the head a training
    would make. Photos that cannot be read are left out and reported in ``skipped``.
    """

    def __init__(self, backbone: str | None = None, *, device: str = "auto") -> None:
        self.backbone = backbone or DEFAULT_BACKBONE
        self.device_name = device
        self._by_key: dict[str, np.ndarray] = {}
        self._key_of: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) -> key
        self.skipped: dict[str, str] = {}  # path -> reason

    def _key(self, path: Path) -> str | None:
        try:
            st = os.stat(path)
        except OSError as exc:
            self.skipped[str(path)] = f"cannot be read ({exc.strerror or exc})"
            return None
        stamp = (str(path), st.st_size, st.st_mtime_ns)
        key = self._key_of.get(stamp)
        if key is None:
            try:
                key = content_key(path)
            except OSError as exc:
                self.skipped[str(path)] = f"cannot be read ({exc.strerror or exc})"
                return None
            self._key_of[stamp] = key
        return key

    def features(
        self,
        paths: Sequence[Path],
        *,
        on_progress: ProgressFn | None = None,
        should_stop: StopFn = never_stop,
    ) -> tuple[np.ndarray, list[Path]]:
        """Features of ``paths`` (those that could be read), computing only the new ones.

        Returns ``(array of shape (n, dim), the paths kept, in the same order)``.
        ``on_progress`` gets the fraction done (0..1). Raises :class:`Cancelled` on stop.
        """
        # torch and the backbone are imported here, not at the top: `suggest --help` and
        # finding a pile stay instant.
        from .dataset import Photo
        from .headonly import photo_features

        keys = {p: self._key(Path(p)) for p in paths}
        todo: dict[str, Path] = {}
        for p, k in keys.items():
            if k is not None and k not in self._by_key and str(p) not in self.skipped:
                todo.setdefault(k, Path(p))
        if todo:

            def on_event(event) -> None:
                if on_progress and event.fraction is not None:
                    on_progress(event.fraction)

            # The photo check's features, from the on-disk cache the training fills too:
            # keyed by content, so a photo labelled (moved) keeps them.
            found = photo_features(
                [Photo(p, 0, k) for k, p in todo.items()],
                backbone=self.backbone,
                device=self.device_name,
                on_event=on_event,
                should_stop=should_stop,
            )
            for s in found.skipped:
                self.skipped[s.path] = s.reason
            for i, photo in enumerate(found.photos):
                self._by_key[photo.digest] = found.features[i]
        kept = [Path(p) for p, k in keys.items() if k is not None and k in self._by_key]
        if not kept:
            return np.zeros((0, 0), np.float32), []
        return np.stack([self._by_key[keys[p]] for p in kept]).astype(np.float32), kept  # type: ignore[index]


# ------------------------------------------------------------------------ the quick head


def _standardise(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    # L2-normalised features, centred on the labelled photos: a linear head trained on few
    # photos is then far less sensitive to the learning rate and the number of steps.
    def l2(x: np.ndarray) -> np.ndarray:
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)

    t = l2(train)
    mean = t.mean(0, keepdims=True)
    return [t - mean] + [l2(o) - mean for o in others]


def fit_and_score(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_score: np.ndarray,
    n_classes: int,
    *,
    seed: int = SUGGEST_SEED,
    steps: int = 300,
    weight_decay: float = 1e-3,
) -> np.ndarray:
    """Train a softmax head on ``(x_train, y_train)`` and return probabilities for ``x_score``.

    Full-batch Adam on a linear layer over standardised features, in numpy on ONE thread:
    the matrices are tiny (a few dozen photos x 1280 features), and several BLAS threads
    on a busy two-core machine made the same loop 15-40x slower (8.7 s, or 28 s in torch,
    vs 0.6 s on one thread, measured). Categories
    with no labelled photo get no probability; the loss is balanced so a category with 10
    labels does not drown one with 3.
    """
    if len(x_train) == 0:
        raise DataError(PileText.tr("Label at least one photo before asking for suggestions."))
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _fit_and_score(x_train, y_train, x_score, n_classes, seed, steps, weight_decay)


def _fit_and_score(x_train, y_train, x_score, n_classes, seed, steps, weight_decay) -> np.ndarray:
    xt, xs = _standardise(np.asarray(x_train, np.float32), np.asarray(x_score, np.float32))
    y = np.asarray(y_train, dtype=np.int64)
    n, dim = xt.shape
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 0.01, (dim, n_classes)).astype(np.float32)
    b = np.zeros(n_classes, np.float32)
    counts = np.bincount(y, minlength=n_classes).astype(np.float32)
    present = counts > 0
    sample_w = (counts.sum() / (present.sum() * np.maximum(counts, 1)))[y]
    sample_w /= sample_w.sum()
    mask = np.where(present, 0.0, -np.inf).astype(np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    scale = 10.0  # the features are unit length: a temperature makes confident logits possible
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        p = _softmax((xt @ w + b) * scale + mask)
        g = (p - onehot) * sample_w[:, None] * scale  # d loss / d logits (before the scale)
        grads = [xt.T @ g + 2 * weight_decay * w, g.sum(0)]
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m[k] = beta1 * m[k] + (1 - beta1) * grad
            v[k] = beta2 * v[k] + (1 - beta2) * grad * grad
            param -= lr * (m[k] / (1 - beta1**t)) / (np.sqrt(v[k] / (1 - beta2**t)) + eps)
    return _softmax((xs @ w + b) * scale + mask)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def margin(probs: np.ndarray) -> np.ndarray:
    """Top-1 minus top-2 probability: small means the model hesitates between two."""
    if probs.shape[1] < 2:
        return np.ones(len(probs))
    top = np.sort(probs, axis=1)
    return top[:, -1] - top[:, -2]


def most_useful(probs: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` photos worth labelling next: the smallest margins first.

    Margin sampling, measured against random choice in benchmarks/pile_bench.py.
    """
    if k <= 0 or len(probs) == 0:
        return []
    order = np.argsort(margin(probs), kind="stable")
    return [int(i) for i in order[:k]]


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    """A proposed category for one unsorted photo."""

    path: Path
    category: str
    confidence: float  # 0..1
    margin: float  # top-1 minus top-2 probability


@dataclass
class Suggestions:
    """The model's proposals for every unsorted photo that could be read."""

    categories: list[str]
    items: list[Suggestion]
    labelled: int  # labelled photos the head was trained on
    skipped: dict[str, str] = field(default_factory=dict)  # path -> reason

    def above(self, threshold: float) -> list[Suggestion]:
        """Suggestions at least ``threshold`` sure (0..1), surest first."""
        return sorted(
            (s for s in self.items if s.confidence >= threshold),
            key=lambda s: (-s.confidence, str(s.path)),
        )

    def most_useful(self, k: int = 5) -> list[Suggestion]:
        """The ``k`` photos worth labelling next (the model is least sure between two)."""
        return sorted(self.items, key=lambda s: (s.margin, str(s.path)))[: max(0, k)]

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["path", "suggested", "confidence"])
        for s in sorted(self.items, key=lambda s: str(s.path)):
            w.writerow([str(s.path), s.category, f"{s.confidence:.4f}"])
        return buf.getvalue()


MIN_LABELLED_CATEGORIES = 2


def suggest(
    pile: Pile,
    store: FeatureStore,
    *,
    on_progress: ProgressFn | None = None,
    should_stop: StopFn = never_stop,
) -> Suggestions:
    """Train a quick head on the labelled photos and propose a category for each unsorted one.

    Raises :class:`DataError` (in words a person can act on) when fewer than two
    categories have a labelled photo.
    """
    named = [c for c in pile.categories if pile.labelled.get(c)]
    if len(named) < MIN_LABELLED_CATEGORIES:
        raise DataError(
            PileText.tr(
                "Label at least one photo in each of two categories before asking for suggestions."
            )
        )
    paths: list[Path] = []
    labels: list[int] = []
    for i, c in enumerate(pile.categories):
        paths += pile.labelled.get(c, [])
        labels += [i] * len(pile.labelled.get(c, []))
    label_of = dict(zip(paths, labels, strict=True))
    everything = paths + list(pile.unsorted)
    feats, kept = store.features(everything, on_progress=on_progress, should_stop=should_stop)
    is_train = np.array([p in label_of for p in kept], dtype=bool)
    if not is_train.any():
        raise DataError(
            PileText.tr("None of the labelled photos could be read; label other photos.")
        )
    y = np.array([label_of[p] for p in kept if p in label_of])
    score_paths = [p for p in kept if p not in label_of]
    items: list[Suggestion] = []
    if score_paths:
        probs = fit_and_score(feats[is_train], y, feats[~is_train], len(pile.categories))
        m = margin(probs)
        best = probs.argmax(1)
        items = [
            Suggestion(p, pile.categories[int(best[i])], float(probs[i, best[i]]), float(m[i]))
            for i, p in enumerate(score_paths)
        ]
    unsorted = {str(p) for p in pile.unsorted}
    skipped = {k: v for k, v in store.skipped.items() if k in unsorted}
    return Suggestions(list(pile.categories), items, int(is_train.sum()), skipped)


# ------------------------------------------------------------------------------ labelling


def check_category_name(name: str, existing: Sequence[str] = ()) -> str:
    """A new category's folder name, or :class:`StudioError` saying what is wrong."""
    from .sorting import safe_folder_name

    clean = name.strip()
    if not clean:
        raise StudioError(PileText.tr("Give the category a name."))
    if safe_folder_name(clean) != clean:
        raise StudioError(
            PileText.tr(
                'The name {name} cannot be a folder name (it has one of <>:"/\\|?* or '
                "starts or ends with a dot or space). Choose another name."
            ).format(name=repr(clean))
        )
    if is_hidden(clean) or is_unsorted_folder(clean) or clean in IGNORED_NAMES:
        raise StudioError(
            PileText.tr("{name} is kept for the app's own use; choose another name.").format(
                name=repr(clean)
            )
        )
    if clean.casefold() in {e.casefold() for e in existing}:
        raise StudioError(
            PileText.tr("There is already a category named {name}.").format(name=repr(clean))
        )
    return clean


def create_category(root: Path, name: str) -> Path:
    """Create the folder of a new category ``name`` in ``root`` (checked first)."""
    clean = check_category_name(name, list_categories(root))
    folder = Path(root) / clean
    try:
        folder.mkdir()
    except OSError as exc:
        raise StudioError(
            PileText.tr(
                "Could not create the folder {folder}: {why}. "
                "Check that the photo folder can be written to."
            ).format(folder=folder, why=exc.strerror or exc)
        ) from None
    return folder


LABEL_KIND = "label"  # the journal's name for a batch of labels (one click or "accept all")


def label_photos(
    root: str | os.PathLike[str],
    assignments: Sequence[tuple[str | os.PathLike[str], str]],
    *,
    copy: bool = False,
    meta: dict[str, Any] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: StopFn = never_stop,
) -> BatchRecord:
    """Move (or copy) each photo into ``root/<category>/``, all as ONE journaled batch.

    One batch is one step to undo (``MoveJournal(root).undo(record.id)``), whether it
    holds one photo labelled by a click or hundreds accepted at once. A name already
    taken in the category gets `` (2)`` (nothing is overwritten); a photo that cannot be
    moved stays where it was and is listed in ``record.failed``. A batch a killed process
    left half-done is settled first. Raises :class:`StudioError` for a category that does
    not exist (create it with :func:`create_category`).
    """
    root = Path(root)
    known = set(list_categories(root))
    unknown = sorted({c for _, c in assignments} - known)
    if unknown:
        raise StudioError(
            PileText.tr("There is no category named {names} in {root}. Create it first.").format(
                names=", ".join(map(repr, unknown)), root=root
            )
        )
    journal = MoveJournal(root)
    journal.recover()
    pairs = [(Path(p), root / c / Path(p).name) for p, c in assignments]
    return journal.move_batch(
        pairs,
        kind=LABEL_KIND,
        meta={"labels": len(pairs), **(meta or {})},
        copy=copy,
        on_progress=on_progress,
        should_stop=should_stop,
    )


def copied_photos(root: Path) -> set[Path]:
    """Photos whose label was given as a copy that is still there (so no longer unsorted).

    Read from the journal: the copies of label batches that are applied now (not undone,
    or redone), whose copy still exists.
    """
    journal = MoveJournal(root)
    out: set[Path] = set()
    for batch_id in journal.batch_ids():
        try:
            rec = journal.read(batch_id)
        except StudioError:
            continue
        if rec.kind != LABEL_KIND or not rec.applied:
            continue
        moves = journal.read(rec.redone_by).moves if rec.redone_by else rec.moves
        out |= {Path(m.src) for m in moves if m.copy and m.dst and os.path.lexists(m.dst)}
    return out


# ------------------------------------------------------------------------------ the CLI


def _cmd_suggest(args) -> int:
    import sys

    from .atomic import write_text

    pile = find_pile(args.data_dir)
    print(pile.describe())
    if not pile.unsorted:
        return 0

    def progress(fraction: float) -> None:
        print(f"\rComputing features {fraction:.0%}", end="", file=sys.stderr, flush=True)

    result = suggest(pile, FeatureStore(args.backbone), on_progress=progress)
    print(file=sys.stderr)
    sure = result.above(args.min_confidence)
    print(
        f"Suggested a category for {len(result.items)} photo(s) from {result.labelled} "
        f"labelled; {len(sure)} are at least {args.min_confidence:.0%} sure."
    )
    for s in result.items if args.all else result.above(args.min_confidence)[:10]:
        print(f"{s.path}\t{s.category}\t{s.confidence:.0%}")
    useful = result.most_useful(5)
    if useful:
        print("Most useful to label next (the model is least sure):")
        for s in useful:
            print(f"  {s.path}  (maybe {s.category}, {s.confidence:.0%})")
    for path, reason in result.skipped.items():
        print(f"skipped {path}: {reason}", file=sys.stderr)
    if args.csv:
        write_text(args.csv, result.to_csv())
        print(f"Wrote {args.csv}")
    return 0


def register(sub) -> None:
    """Add ``finetune-studio suggest`` to the command's sub-parsers."""
    s = sub.add_parser(
        "suggest",
        help="suggest a category for each photo not sorted yet (from the few labelled)",
        description=(
            "Suggest a category for every photo not sorted yet in DATA_DIR (photos in the "
            "folder itself or in its 'unsorted' subfolder), from the photos already in "
            "category folders. Nothing is moved."
        ),
    )
    s.add_argument("data_dir", type=Path, help="the photo folder")
    s.add_argument("--csv", type=Path, help="write path, suggested, confidence here")
    s.add_argument("--backbone", default=DEFAULT_BACKBONE)
    s.add_argument(
        "--min-confidence",
        type=float,
        default=0.8,
        help="list the suggestions at least this sure (0.8)",
    )
    s.add_argument("--all", action="store_true", help="print every suggestion")
    s.set_defaults(func=_cmd_suggest)
