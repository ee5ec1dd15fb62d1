"""Check my photos: wrongly filed photos, duplicates, leaks and odd ones out, headless.

The window's "Check my photos" view and ``finetune-studio check`` both call
:func:`check_folder`; what to do about each finding (refile, remove, keep) is a journaled
file move (``engine.photo_actions``), shared the same way.

- **Wrongly filed**: every photo is scored out of sample by 5-fold head-only training on
  the frozen backbone's features (``engine.headonly``; the features are the training's
  feature cache). Ranked by how little the model believes the photo's own folder
  (its "self-confidence", the usual first score of label-error finders).
- **Duplicates**: exact copies (content hash) and re-saved ones (perceptual hash), see
  ``engine.duplicates``; the split keeps every group on one side.
- **Leaks**: photos of a separate validation folder that are copies of training photos.
- **Outliers**: photos far from every category in feature space: the mean cosine distance
  to the few nearest photos of the closest category, against the folder's usual value.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .backbones import DEFAULT_BACKBONE
from .config import TrainEvent
from .dataset import (
    DatasetScan,
    Photo,
    ScanProgress,
    SkippedFile,
    describe_problems,
    scan_folder,
)
from .duplicates import DuplicateGroup, Leak, find_duplicates, find_leaks, leak_sentence
from .errors import DataError
from .headonly import out_of_fold_probabilities, photo_features
from .i18n import Messages, decimal, percent
from .journal import BatchRecord, MoveJournal
from .pile import create_category, label_photos
from .progress import StopFn, never_stop

#: Photos whose own folder gets less than this probability from the out-of-sample model,
#: and that it places elsewhere, are listed as suspects.
SUSPECT_BELOW = 0.5
#: Neighbours per category for the outlier score.
OUTLIER_NEIGHBOURS = 5
#: An outlier is this many times farther from its closest category than the usual photo.
#: Measured on Fashion-MNIST 50/class with three skimage photos (a cup, a person, a
#: camera) dropped in: the odd ones scored 3.4-4.0, the farthest garment 2.4.
OUTLIER_RATIO = 3.0


@dataclass(frozen=True)
class CheckProgress:
    message: str
    fraction: float | None = None


class Check(Messages):
    """Messages of engine/check.py: what "Check my photos" found."""


@dataclass(frozen=True)
class Suspect:
    """A photo that may be in the wrong folder."""

    path: Path
    filed_as: str
    looks_like: str
    confidence: float  # the model's probability for ``looks_like``
    belief: float  # the model's probability for ``filed_as`` (low: suspicious)

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "filed_as": self.filed_as,
            "looks_like": self.looks_like,
            "confidence": round(float(self.confidence), 4),
        }

    def describe(self) -> str:
        """One line: where it is filed, what it looks like, how sure."""
        return Check.tr("filed as {filed_as}, looks like {looks_like} ({sure})").format(
            filed_as=self.filed_as, looks_like=self.looks_like, sure=percent(self.confidence)
        )


@dataclass(frozen=True)
class Outlier:
    """A photo that looks like no category ("does this belong here?")."""

    path: Path
    category: str
    score: float  # times farther from its closest category than the usual photo

    def to_dict(self) -> dict:
        return {"path": str(self.path), "score": round(float(self.score), 3)}

    def describe(self) -> str:
        """One line: its category, and how far it is from every category."""
        return Check.tr(
            "in {category}, looks like no category ({times}x farther than usual)"
        ).format(category=self.category, times=decimal(self.score, 1))


@dataclass
class CheckReport:
    """What the check found; the JSON document of ``finetune-studio check --json``."""

    root: Path
    classes: list[str]
    photo_count: int
    suspects: list[Suspect] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    leaks: list[Leak] = field(default_factory=list)
    outliers: list[Outlier] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    kept: int = 0  # findings not shown because a person said "not a mistake"
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "suspects": [s.to_dict() for s in self.suspects],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "leaks": [leak.to_dict() for leak in self.leaks],
            "outliers": [o.to_dict() for o in self.outliers],
        }

    def summary_lines(self, examples: int = 5) -> list[str]:
        """The short summary the command line prints (and the window's header line)."""
        lines = [
            Check.tr("Checked {photos} photos in {categories} categories ({seconds} s).").format(
                photos=self.photo_count,
                categories=len(self.classes),
                seconds=decimal(self.seconds, 1),
            )
        ]
        if self.suspects:
            lines.append(
                (
                    Check.tr("{count} photo(s) may be in the wrong folder:")
                    if examples
                    else Check.tr("{count} photo(s) may be in the wrong folder.")
                ).format(count=len(self.suspects))
            )
            lines += [f"  {s.path}: {s.describe()}" for s in self.suspects[:examples]]
        else:
            lines.append(Check.tr("No photo looks wrongly filed."))
        across = sum(d.across_categories for d in self.duplicates)
        if self.duplicates:
            lines.append(
                Check.tr(
                    "{count} group(s) of duplicates: {across} the same photo in "
                    "two categories, {within} within one category."
                ).format(
                    count=len(self.duplicates), across=across, within=len(self.duplicates) - across
                )
            )
        if self.leaks:
            lines.append(leak_sentence(len(self.leaks)))
        if self.outliers:
            lines.append(
                (
                    Check.tr("{count} photo(s) look like no category:")
                    if examples
                    else Check.tr("{count} photo(s) look like no category.")
                ).format(count=len(self.outliers))
            )
            lines += [f"  {o.path}: {o.describe()}" for o in self.outliers[:examples]]
        if self.kept:
            lines.append(
                Check.tr("{count} finding(s) you marked 'not a mistake' are not shown.").format(
                    count=self.kept
                )
            )
        return lines

    # --- keeping the report in step with fixes, without checking again ---------------

    def after_move(self, old: Path, new: Path | None) -> CheckReport:
        """The report once ``old`` was moved to ``new`` (``None``: removed from the set).

        A refiled or removed photo's finding is settled; a duplicate group loses the photo
        (and is dropped when one photo is left); elsewhere the path is updated.
        """

        def group(d: DuplicateGroup) -> DuplicateGroup | None:
            if old not in d.paths:
                return d
            paths = tuple(new if p == old else p for p in d.paths if new is not None or p != old)
            if len(paths) < 2:
                return None
            cats = tuple(sorted({p.parent.name for p in paths}))
            return replace(d, paths=paths, across_categories=len(cats) > 1, categories=cats)

        return replace(
            self,
            suspects=[s for s in self.suspects if s.path != old],
            outliers=[o for o in self.outliers if o.path != old],
            duplicates=[g for g in map(group, self.duplicates) if g is not None],
            leaks=[leak for leak in self.leaks if old not in (leak.path, leak.copy_of)],
        )

    def without(self, paths: Collection[Path]) -> CheckReport:
        """The report without the suspect and outlier findings of ``paths`` (kept as they are)."""
        gone = set(paths)
        suspects = [s for s in self.suspects if s.path not in gone]
        outliers = [o for o in self.outliers if o.path not in gone]
        hidden = len(self.suspects) - len(suspects) + len(self.outliers) - len(outliers)
        return replace(self, suspects=suspects, outliers=outliers, kept=self.kept + hidden)


def keep_key(photo: Photo, classes: list[str]) -> str:
    """How "not a mistake" is remembered: the photo's content and the category it is in.

    The content hash survives renames; moving the photo to another category asks again.
    """
    return f"{photo.digest}:{classes[photo.label]}"


def rank_suspects(
    probs: np.ndarray, photos: list[Photo], classes: list[str], below: float = SUSPECT_BELOW
) -> list[Suspect]:
    """Photos the out-of-sample model places elsewhere, least believed folder first."""
    labels = np.array([p.label for p in photos], dtype=np.int64)
    if not len(labels):
        return []
    belief = probs[np.arange(len(labels)), labels]
    best = probs.argmax(1)
    order = np.argsort(belief, kind="stable")
    out = []
    for i in order.tolist():
        if best[i] == labels[i] or belief[i] >= below:
            continue
        out.append(
            Suspect(
                photos[i].path,
                classes[labels[i]],
                classes[best[i]],
                float(probs[i, best[i]]),
                float(belief[i]),
            )
        )
    return out


def outlier_scores(features: np.ndarray, labels: np.ndarray, neighbours: int) -> np.ndarray:
    """Each photo's distance to its closest category, over the folder's median distance.

    A category's distance is the mean cosine distance to its ``neighbours`` nearest photos
    (the photo itself left out), so a category spread over several looks still counts as
    near, and one misfiled photo does not make its folder look far.
    """
    n = len(labels)
    if n < 3:
        return np.zeros(n)
    x = features / np.maximum(np.linalg.norm(features, axis=1, keepdims=True), 1e-8)
    dist = 1.0 - x @ x.T
    np.fill_diagonal(dist, np.inf)
    per_class = []
    for c in np.unique(labels):
        cols = dist[:, labels == c]
        k = min(neighbours, cols.shape[1])
        near = np.partition(cols, k - 1, axis=1)[:, :k] if k else np.full((n, 1), np.inf)
        near = np.where(np.isfinite(near), near, np.nan)
        per_class.append(np.nanmean(near, axis=1))
    closest = np.nanmin(np.stack(per_class, axis=1), axis=1)
    usual = float(np.nanmedian(closest)) or 1e-8
    return np.nan_to_num(closest / usual, nan=0.0)


def check_folder(
    data_dir: str | os.PathLike[str],
    *,
    val_dir: str | os.PathLike[str] | None = None,
    backbone: str = DEFAULT_BACKBONE,
    image_size: int | None = None,
    device: str = "auto",
    folds: int = 5,
    seed: int = 0,
    kept: Collection[str] = (),
    scan: DatasetScan | None = None,
    on_progress: Callable[[CheckProgress], None] | None = None,
    should_stop: StopFn = never_stop,
) -> CheckReport:
    """Check the photo folder ``data_dir`` (one subfolder per category); see the module doc.

    ``kept`` holds :func:`keep_key` values of findings a person marked "not a mistake";
    they are left out. ``scan`` reuses a scan the caller already has. Progress goes to
    ``on_progress``; ``should_stop()`` stops the check (raises ``Cancelled``).
    Raises :class:`DataError` when the folder has fewer than two categories.
    """
    started = time.monotonic()

    def say(message: str, fraction: float | None = None) -> None:
        if on_progress is not None:
            on_progress(CheckProgress(message, fraction))

    def scan_progress(p: ScanProgress) -> None:
        say(
            Check.tr("Checking photos ({done} of {total})").format(done=p.done, total=p.total),
            p.done / max(1, p.total),
        )

    # A batch of fixes a killed process left half done is settled before anything is read.
    MoveJournal(data_dir).recover()
    if scan is None:
        scan = scan_folder(data_dir, on_progress=scan_progress, should_stop=should_stop)
    if len(scan.classes) < 2:
        raise DataError(
            Check.tr(
                "The check compares categories: {folder} needs at least 2 category folders."
            ).format(folder=scan.root)
        )
    report = CheckReport(Path(scan.root), list(scan.classes), len(scan.photos))
    report.skipped = list(scan.skipped)
    report.duplicates = find_duplicates(scan.photos, scan.classes)
    if val_dir is not None:
        vscan = scan_folder(
            val_dir, classes=scan.classes, on_progress=scan_progress, should_stop=should_stop
        )
        report.leaks = find_leaks(scan.photos, vscan.photos)

    def feature_progress(e: TrainEvent) -> None:
        if e.kind == "stage":
            say(e.message, e.fraction)

    fs = photo_features(
        scan.photos,
        backbone=backbone,
        image_size=image_size,
        device=device,
        on_event=feature_progress,
        should_stop=should_stop,
    )
    report.skipped += fs.skipped
    say(Check.tr("Judging every photo with a model that never saw it"))
    labels = fs.labels
    probs = out_of_fold_probabilities(
        fs.features, labels, len(scan.classes), folds=folds, seed=seed, should_stop=should_stop
    )
    keep = set(kept)
    is_kept = [keep_key(p, scan.classes) in keep for p in fs.photos]
    suspects = rank_suspects(probs, fs.photos, scan.classes)
    kept_paths = {p.path for p, k in zip(fs.photos, is_kept, strict=True) if k}
    report.suspects = [s for s in suspects if s.path not in kept_paths]
    scores = outlier_scores(fs.features, labels, OUTLIER_NEIGHBOURS)
    order = np.argsort(-scores, kind="stable")
    report.outliers = [
        Outlier(fs.photos[i].path, scan.classes[labels[i]], float(scores[i]))
        for i in order.tolist()
        if scores[i] >= OUTLIER_RATIO and not is_kept[i]
    ]
    report.kept = (
        len(suspects)
        - len(report.suspects)
        + sum(1 for i in order.tolist() if scores[i] >= OUTLIER_RATIO and is_kept[i])
    )
    report.seconds = time.monotonic() - started
    say(Check.tr("Done"), 1.0)
    return report


# ------------------------------------------------------------------------- fixing findings

#: Where a removed photo goes when there is no system trash: hidden, so no scan takes it
#: for a category or a photo, and inside the photo folder, so nothing leaves the disk.
REMOVED_FOLDER = ".finetune-removed"
REMOVE_KIND = "remove"


def refile_photos(
    root: str | os.PathLike[str], assignments: list[tuple[Path, str]], *, new: bool = False
) -> BatchRecord:
    """Move photos into other categories of ``root`` as ONE journaled batch (one undo step).

    ``new``: the category (the same for all) does not exist yet and is created first.
    The same journaled move as labelling a photo of an unsorted pile (``engine.pile``).
    """
    if new and assignments:
        create_category(Path(root), assignments[0][1])
    return label_photos(root, assignments, meta={"refile": len(assignments)})


def remove_photos(root: str | os.PathLike[str], paths: list[Path]) -> BatchRecord:
    """Take photos out of the set: a journaled move into ``root/.finetune-removed/<category>``.

    Never a delete: undo (``MoveJournal(root).undo``) puts them back; the window may then
    hand them on to the system's trash.
    """
    root = Path(root)
    journal = MoveJournal(root)
    journal.recover()
    pairs = [(p, root / REMOVED_FOLDER / p.parent.name / p.name) for p in paths]
    return journal.move_batch(pairs, kind=REMOVE_KIND, meta={"removed": len(pairs)})


def scan_after_moves(scan: DatasetScan, moves: list[tuple[Path, Path | None]]) -> DatasetScan:
    """The scan once photos moved (``new`` None: removed), without reading the folder again.

    A photo moved into a category folder takes that category (a new folder becomes a new
    category, in sorted order as a scan would list it); the warnings are worked out again.
    """
    where = dict(moves)
    root = Path(scan.root)
    names = set(scan.classes)
    for new in where.values():
        if new is not None and new.parent.parent == root:
            names.add(new.parent.name)
    classes = sorted(names)
    photos: list[Photo] = []
    for p in scan.photos:
        if p.path not in where:
            photos.append(replace(p, label=classes.index(scan.classes[p.label])))
            continue
        new = where[p.path]
        if new is None or new.parent.parent != root:
            continue
        photos.append(replace(p, path=new, label=classes.index(new.parent.name)))
    out = DatasetScan(scan.root, classes, photos, list(scan.skipped), [])
    out.warnings = describe_problems(out)
    return out
