"""Sort a folder of photos into one folder per predicted category.

Copy (default) or move each photo into ``OUT/<category>/`` (``OUT/unsure/`` below the
confidence threshold; unreadable files stay where they are and are listed). A file already
there is never overwritten: a suffix is added. A CSV (``sorted.csv``, or ``sorted (2).csv``
beside an older one) says what went where, and is written however the sort ends: done,
stopped, Ctrl-C, or (by the next sort into ``OUT``) after a kill.

Every copy and move goes through the move journal (:mod:`engine.journal`) kept in ``OUT``:
a photo is never truncated under its final name, a killed sort is settled at the start of
the next one, and a second sort into the same ``OUT`` at the same time is refused.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_text
from .errors import Cancelled, StudioError
from .i18n import Messages
from .journal import BatchRecord, MoveJournal, free_name, recover
from .pathguard import is_inside, same_file
from .predict import Prediction, Predictor, expand_paths

UNSURE = "unsure"


class Sorting(Messages):
    """Messages of engine/sorting.py: sorting a folder into category folders."""


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


#: Names Windows refuses for a file or folder, whatever the extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def category_folders(classes: list[str]) -> dict[str, str]:
    """A distinct folder name for each category, and for ``unsure``.

    ``dress``, ``dress.`` and ``dress `` all become ``dress`` on disk (Windows drops
    trailing dots and spaces), and a category may be called ``unsure``: each later one
    gets ``name (2)``, compared without case (macOS and Windows ignore it), so two
    categories never share a folder.
    """
    taken = {UNSURE}
    out = {UNSURE: UNSURE}
    for label in classes:
        base = safe_folder_name(label)
        if base.lower() in _RESERVED:
            base += "_"
        name, n = base, 2
        while name.lower() in {t.lower() for t in taken}:
            name, n = f"{base} ({n})", n + 1
        taken.add(name)
        out[label] = name
    return out


def write_sort_record(record: BatchRecord, csv_path: Path) -> None:
    """The CSV of one sort, from its journal: exactly the moves that happened."""
    move = bool(record.meta.get("move"))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["source", "destination", "category", "confidence", "note"])
    for m in record.moves:
        note = "already in place" if m.info.get("in_place") else ("moved" if move else "copied")
        conf = m.info.get("confidence")
        conf_text = f"{conf:.4f}" if isinstance(conf, (int, float)) else ""
        w.writerow([m.src, m.dst, m.info.get("label", ""), conf_text, note])
    for src, reason in record.notes:
        w.writerow([src, "", "", "", f"not sorted: {reason}"])
    for src, _dst, reason in record.failed:
        w.writerow([src, "", "", "", f"failed, left in place: {reason}"])
    if record.status == "recovered":
        w.writerow(["", "", "", "", "the sort was interrupted; finished on the next run"])
    write_text(csv_path, buf.getvalue())


def recover_sorts(out: str | os.PathLike[str]) -> list[BatchRecord]:
    """Settle sorts into ``out`` that a killed process left half done, and write every
    sort's CSV record that is missing (killed before it was written). The window and the
    CLI call this through :func:`sort_folder`. Returns the batches it settled."""
    settled = recover(out)
    journal = MoveJournal(out)
    for batch_id in journal.batch_ids():
        rec = journal.read(batch_id)
        record = rec.meta.get("record")
        live = rec.status == "open"  # still open after recovery: another sort is running
        if (
            rec.kind == "sort"
            and not live
            and isinstance(record, str)
            and not os.path.exists(record)
        ):
            write_sort_record(rec, Path(record))
    return settled


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
    """Classify every photo below ``src`` and copy/move it into ``out/<category>/``.

    ``out`` may be the parent of ``src`` (photos already in their category's folder stay
    there) but not ``src`` itself. Raises :class:`StudioError` for a folder that cannot be
    used; a photo that cannot be placed is listed in ``failed`` and stays where it was.
    """
    src, out = Path(os.path.abspath(src)), Path(os.path.abspath(out))
    if not src.is_dir():
        raise StudioError(Sorting.tr("{path} is not a folder.").format(path=src))
    if same_file(out, src):
        raise StudioError(
            Sorting.tr(
                "{path} is the photo folder itself. Choose another folder for the sorted photos "
                "(its parent folder is fine)."
            ).format(path=out)
        )
    if out.exists() and not out.is_dir():
        raise StudioError(
            Sorting.tr(
                "{path} is a file, not a folder. Choose a folder for the sorted photos."
            ).format(path=out)
        )
    if move and not os.access(src, os.W_OK):
        raise StudioError(
            Sorting.tr(
                "{path} is read-only, so photos cannot be moved out of it. Sort without "
                "moving (copy) instead, or choose a folder you can change."
            ).format(path=src)
        )
    # The model first: a model that cannot be used creates no output folder.
    predictor = predictor if isinstance(predictor, Predictor) else Predictor(predictor)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudioError(
            Sorting.tr("Cannot create {path}: {why}. Choose a folder you can write to.").format(
                path=out, why=exc.strerror or exc
            )
        ) from None
    if not os.access(out, os.W_OK):
        raise StudioError(
            Sorting.tr("Cannot write into {path}: it is read-only. Choose another folder.").format(
                path=out
            )
        )
    recover_sorts(out)
    threshold = predictor.threshold if min_confidence is None else min_confidence
    folders = category_folders(predictor.classes)
    # An output folder inside the source is left out, so sorted photos are not sorted
    # again; when the output holds the source (its parent), every photo counts.
    skip_out = not is_inside(src, out)
    files = [f for f in expand_paths([src]) if not (skip_out and is_inside(f, out))]
    report = SortReport()
    report.csv_path = free_name(out, "sorted.csv")
    journal = MoveJournal(out)
    done = 0
    meta = {"record": str(report.csv_path), "move": move, "src": str(src)}

    def handle(batch: list[Prediction]) -> None:
        nonlocal done
        for pred in batch:
            path = Path(pred.path)
            if pred.error:
                report.unreadable.append((str(path), pred.error))
                b.note(path, pred.error)
                continue
            label = UNSURE if pred.confidence < threshold else pred.label or UNSURE
            info = {"label": label, "confidence": pred.confidence}
            try:
                target = (b.copy if not move else b.move)(
                    path, out / folders[label] / path.name, info
                )
            except OSError:
                report.failed.append((str(path), b.failed[-1][2]))  # the journal's reason
                continue
            report.placed.append((str(path), str(target), label, pred.confidence))
        done += len(batch)
        if on_progress:
            on_progress(done, len(files))

    with journal.batch("sort", meta) as b:
        try:
            predictor.predict_paths(files, top_k=1, on_results=handle, should_stop=should_stop)
        except Cancelled:
            report.stopped = b.stopped = True
        except BaseException:
            # Ctrl-C, or an error: the photos moved so far are still written down.
            b.finish("stopped")
            write_sort_record(journal.read(b.id), report.csv_path)
            raise
    write_sort_record(journal.read(b.id), report.csv_path)
    return report
