"""Sort a folder of photos into one folder per predicted category.

Copy (default) or move each photo into ``OUT/<category>/`` (``OUT/unsure/`` below the
confidence threshold, ``OUT/unreadable/`` is never used: unreadable files stay where they
are and are listed). A file already there is never overwritten: a suffix is added. A CSV
says what went where. A move is copy-then-delete of the original only after the copy is
complete and flushed, so a move that fails half-way loses no photo.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_text
from .errors import Cancelled, StudioError
from .predict import Prediction, Predictor, expand_paths

UNSURE = "unsure"


@dataclass
class SortReport:
    placed: list[tuple[str, str, str, float]] = field(
        default_factory=list
    )  # (source, destination, label, conf)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, error) — source kept
    csv_path: Path | None = None
    stopped: bool = False

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, _, label, _ in self.placed:
            out[label] = out.get(label, 0) + 1
        return out


def safe_folder_name(label: str) -> str:
    """A category name usable as a folder name on every system."""
    bad = '<>:"/\\|?*'
    name = "".join("_" if c in bad or ord(c) < 32 else c for c in label).strip(" .")
    return name or "category"


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2).ext``, ``name (3).ext``... whichever does not exist."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while target.exists() or target.is_symlink():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target


def _place(src: Path, folder: Path, move: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # O_EXCL claims the name, so two files with the same name can never overwrite each other.
    while True:
        target = free_name(folder, src.name)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(src, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if move:
        src.unlink()
    return target


def _inside(path: Path, folder: Path) -> bool:
    # realpath, not Path.resolve: a symlink loop must not raise (RuntimeError on 3.11).
    return folder in Path(os.path.realpath(path)).parents


def sort_folder(
    predictor: Predictor | str | os.PathLike[str],
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    move: bool = False,
    min_confidence: float | None = None,
    on_progress=None,
    should_stop=lambda: False,
) -> SortReport:
    """Classify every photo below ``src`` and copy/move it into ``out/<category>/``."""
    predictor = predictor if isinstance(predictor, Predictor) else Predictor(predictor)
    src, out = Path(src).resolve(), Path(out).resolve()
    if not src.is_dir():
        raise StudioError(f"{src} is not a folder.")
    if out == src:
        raise StudioError("Choose an output folder different from the photos folder.")
    threshold = predictor.threshold if min_confidence is None else min_confidence
    # An output folder inside the source is left out, so sorted photos are not sorted again.
    files = [f for f in expand_paths([src]) if not _inside(f, out)]
    report = SortReport()
    done = 0

    def handle(batch: list[Prediction]) -> None:
        nonlocal done
        for pred in batch:
            path = Path(pred.path)
            if pred.error:
                report.unreadable.append((str(path), pred.error))
                continue
            label = UNSURE if pred.confidence < threshold else pred.label or UNSURE
            try:
                target = _place(path, out / safe_folder_name(label), move)
            except OSError as exc:
                report.failed.append((str(path), exc.strerror or str(exc)))
                continue
            report.placed.append((str(path), str(target), label, pred.confidence))
        done += len(batch)
        if on_progress:
            on_progress(done, len(files))

    try:
        predictor.predict_paths(files, top_k=1, on_results=handle, should_stop=should_stop)
    except Cancelled:
        report.stopped = True
    report.csv_path = (
        out / "sorted.csv" if not (out / "sorted.csv").exists() else free_name(out, "sorted.csv")
    )
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["source", "destination", "category", "confidence", "note"])
    for s, d, label, conf in report.placed:
        w.writerow([s, d, label, f"{conf:.4f}", "moved" if move else "copied"])
    for s, reason in report.unreadable:
        w.writerow([s, "", "", "", f"not sorted: {reason}"])
    for s, err in report.failed:
        w.writerow([s, "", "", "", f"failed, left in place: {err}"])
    out.mkdir(parents=True, exist_ok=True)
    write_text(report.csv_path, buf.getvalue())
    return report
