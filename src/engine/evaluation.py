"""How good is a model: accuracy, per-category precision/recall/F1, confusion matrix, and
the photos it got most confidently wrong. Plain numbers, computed with torch only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

from .dataset import scan_folder
from .errors import DataError
from .i18n import Messages, percent
from .modelfile import read_model_info
from .predict import Predictor
from .progress import Throttle


class Evaluate(Messages):
    """Messages of engine/evaluation.py: what checking a model found."""


@dataclass(frozen=True)
class ClassMetrics:
    name: str
    precision: float
    recall: float
    f1: float
    support: int  # photos of this category


@dataclass(frozen=True)
class Mistake:
    path: str
    true_label: str
    predicted: str
    confidence: float


@dataclass
class Evaluation:
    classes: list[str]
    accuracy: float
    per_class: list[ClassMetrics]
    confusion: list[list[int]]  # confusion[true][predicted]
    mistakes: list[Mistake]  # most confidently wrong first
    paths: list[str] = field(default_factory=list)
    true: list[int] = field(default_factory=list)
    predicted: list[int] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)
    threshold: float | None = None
    skipped: list[dict[str, str]] = field(default_factory=list)
    #: A folder checked against a model with other categories: the folder's categories the
    #: model does not know (left out), and the model's categories the folder lacks.
    unmatched: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.true)

    def cell(self, true: int, predicted: int) -> list[str]:
        """Paths of the photos of category ``true`` predicted as ``predicted``."""
        return [
            p
            for p, t, q in zip(self.paths, self.true, self.predicted, strict=True)
            if t == true and q == predicted
        ]

    def to_dict(self) -> dict[str, Any]:
        """The ``evaluate --json`` document."""
        return {
            "accuracy": self.accuracy,
            "count": self.count,
            "classes": self.classes,
            "per_class": {
                m.name: {
                    "precision": m.precision,
                    "recall": m.recall,
                    "f1": m.f1,
                    "support": m.support,
                }
                for m in self.per_class
            },
            "confusion_matrix": self.confusion,
            "confusion_matrix_order": "rows are the true category, columns the predicted one, in 'classes' order",
            "most_confidently_wrong": [m.__dict__ for m in self.mistakes],
            "threshold": self.threshold,
            "skipped_files": self.skipped,
            "categories_unknown_to_the_model": self.unmatched,
            "model_categories_not_in_the_folder": self.absent,
        }

    def category_note(self) -> str:
        """The sentence for a folder whose categories differ from the model's ("" if they
        are the same)."""
        return mismatch_sentence(
            [c for c in self.classes if c not in self.absent], self.unmatched, self.absent
        )

    def advice(self) -> list[str]:
        """Plain-language remarks a person can act on, worst confusion first."""
        out = []
        pairs = []
        for t, row in enumerate(self.confusion):
            total = sum(row)
            for p, n in enumerate(row):
                if p != t and n:
                    pairs.append((n / max(1, total), n, total, t, p))
        for _frac, n, total, t, p in sorted(pairs, reverse=True)[:3]:
            if n >= 2 or _frac >= 0.1:
                out.append(
                    Evaluate.tr(
                        "{actual} is mistaken for {predicted} in {count} of {total} photos: "
                        "add more varied photos of both."
                    ).format(
                        actual=self.classes[t], predicted=self.classes[p], count=n, total=total
                    )
                )
        weak = [m for m in self.per_class if m.support and m.recall < 0.6]
        for m in weak[:2]:
            out.append(
                Evaluate.tr(
                    "{name} is recognised only {recall} of the time: add more {name} photos."
                ).format(name=m.name, recall=percent(m.recall))
            )
        return out


def compute(
    classes: list[str],
    probs: torch.Tensor,
    labels: torch.Tensor,
    paths: list[str],
    top_mistakes: int = 24,
) -> Evaluation:
    """Metrics from softmax probabilities ``probs`` (N x C) and true ``labels`` (N)."""
    k = len(classes)
    conf, pred = probs.max(1) if len(probs) else (torch.empty(0), torch.empty(0, dtype=torch.long))
    cm = torch.zeros(k, k, dtype=torch.long)
    for t, p in zip(labels.tolist(), pred.tolist(), strict=True):
        cm[t, p] += 1
    per = []
    for i, name in enumerate(classes):
        tp = cm[i, i].item()
        predicted = cm[:, i].sum().item()
        actual = cm[i, :].sum().item()
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per.append(ClassMetrics(name, precision, recall, f1, int(actual)))
    n = len(labels)
    accuracy = (pred == labels).float().mean().item() if n else 0.0
    wrong = [i for i in range(n) if pred[i] != labels[i]]
    wrong.sort(key=lambda i: -conf[i].item())
    mistakes = [
        Mistake(paths[i], classes[labels[i]], classes[pred[i]], conf[i].item())
        for i in wrong[:top_mistakes]
    ]
    return Evaluation(
        classes,
        accuracy,
        per,
        cm.tolist(),
        mistakes,
        list(paths),
        labels.tolist(),
        pred.tolist(),
        conf.tolist(),
        default_threshold(probs, labels) if n else None,
    )


def default_threshold(
    probs: torch.Tensor, labels: torch.Tensor, target_precision: float = 0.95
) -> float:
    """The lowest confidence threshold that keeps precision at ``target_precision`` or above.

    Photos below the threshold are called "not sure". If even the most confident answers
    miss the target, the threshold is the confidence of the most confident mistake (so
    everything the model was ever wrong about on validation falls below it).
    """
    conf, pred = probs.max(1)
    correct = (pred == labels).float()
    order = torch.argsort(conf, descending=True)
    conf, correct = conf[order], correct[order]
    cum_precision = torch.cumsum(correct, 0) / torch.arange(1, len(correct) + 1)
    ok = (cum_precision >= target_precision).nonzero().flatten()
    if len(ok) == 0:
        return float(round(min(0.99, conf[0].item()), 4))
    # Largest prefix (lowest threshold) that still meets the target.
    idx = ok.max().item()
    floor = 1.0 / probs.shape[1]
    return float(round(max(floor, conf[idx].item()), 4))


def evaluate_photos(
    predictor,
    photos: list,
    classes: list[str] | None = None,
    *,
    on_progress=None,
    should_stop=lambda: False,
) -> Evaluation:
    """Evaluate a :class:`~engine.predict.Predictor` on labelled photos (``Photo`` objects).

    ``classes`` names the photos' labels; it may order them differently from the model's
    categories (a separate folder), so labels are mapped by name. Unreadable photos are
    left out and listed in ``skipped``.
    """
    classes = classes or predictor.classes
    index = {name: i for i, name in enumerate(predictor.classes)}
    unknown = sorted({classes[p.label] for p in photos} - set(index))
    if unknown:
        raise DataError(
            Evaluate.tr("The model does not know these categories: {names}.").format(
                names=", ".join(unknown)
            )
        )
    probs_list, labels, paths, skipped = [], [], [], []
    done = 0
    throttle = Throttle()
    by_path = {str(p.path): index[classes[p.label]] for p in photos}

    def collect(batch):
        nonlocal done
        for pred in batch:
            if pred.error:
                skipped.append({"path": pred.path, "reason": pred.error})
                continue
            paths.append(pred.path)
            labels.append(by_path[pred.path])
        done += len(batch)
        if on_progress and throttle.ready(final=done == len(photos)):
            on_progress(done, len(photos))

    # Full probabilities are needed for the threshold; ask for every category.
    results = predictor.predict_paths(
        [p.path for p in photos],
        top_k=len(predictor.classes),
        on_results=collect,
        should_stop=should_stop,
    )
    for pred in results:
        if pred.error:
            continue
        row = torch.zeros(len(predictor.classes))
        for name, conf in pred.top:
            row[index[name]] = conf
        probs_list.append(row)
    probs = torch.stack(probs_list) if probs_list else torch.empty(0, len(predictor.classes))
    ev = compute(predictor.classes, probs, torch.tensor(labels, dtype=torch.long), paths)
    ev.skipped = skipped
    return ev


def mismatch_sentence(matched: list[str], unmatched: list[str], absent: list[str]) -> str:
    """What a person reads when a folder's categories differ from the model's ("" when
    they are the same)."""
    if not unmatched and not absent:
        return ""
    if not matched:
        return Evaluate.tr(
            "This folder's categories do not match the model's: none of its categories "
            "({names}) is one of the model's ({known}). "
            "Choose a folder with one subfolder per category the model knows."
        ).format(names=", ".join(unmatched) or Evaluate.tr("none"), known=", ".join(absent))
    parts = [
        Evaluate.tr(
            "This folder's categories do not match the model's. Checked on the "
            "%Ln category(s) that match ({names}).",
            "",
            len(matched),
        ).format(names=", ".join(matched))
    ]
    if unmatched:
        parts.append(
            Evaluate.tr("Not checked (the model does not know them): {names}.").format(
                names=", ".join(unmatched)
            )
        )
    if absent:
        parts.append(
            Evaluate.tr("The model's {names} have no photos in this folder.").format(
                names=", ".join(absent)
            )
        )
    return " ".join(parts)


def evaluate_folder(model, data_dir, *, on_progress=None, should_stop=lambda: False) -> Evaluation:
    """Evaluate a model (file path or Predictor) on a labelled folder (one subfolder per category).

    A folder with other categories than the model's is checked on the ones that match
    (``unmatched`` and ``absent`` name the others, :meth:`Evaluation.category_note` says it);
    with none in common it raises :class:`DataError`.
    """
    # The categories first (the file's header only): a folder that does not match is said
    # before the network is loaded.
    classes = (
        list(model.classes)
        if hasattr(model, "predict_paths")
        else read_model_info(model)["classes"]
    )
    scan = scan_folder(data_dir, should_stop=should_stop, check_duplicates=False)
    known = set(classes)
    unmatched = [c for c in scan.classes if c not in known]
    absent = [c for c in classes if c not in set(scan.classes)]
    matched = [c for c in scan.classes if c in known]
    if not matched:
        if not scan.classes:
            raise DataError(
                Evaluate.tr(
                    "{folder} has no category subfolders: checking a model needs one "
                    "subfolder per category, named like the model's categories ({names})."
                ).format(folder=scan.root, names=", ".join(classes))
            )
        raise DataError(mismatch_sentence(matched, unmatched, absent))
    predictor = model if hasattr(model, "predict_paths") else Predictor(model)
    photos = [p for p in scan.photos if scan.classes[p.label] in known]
    ev = evaluate_photos(
        predictor, photos, scan.classes, on_progress=on_progress, should_stop=should_stop
    )
    ev.skipped = [{"path": s.path, "reason": s.reason} for s in scan.skipped] + ev.skipped
    ev.unmatched, ev.absent = unmatched, absent
    return ev
