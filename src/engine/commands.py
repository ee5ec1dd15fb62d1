"""The sub-commands that use a trained model: evaluate, predict, sort, export.

Each command imports its engine module inside its function: they load torch (and the
runtimes), and `finetune-studio --help` or `train` must not wait for what they do not use.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .atomic import write_text
from .config import DEFAULT_BACKBONE, DEVICES, PREDICT_BACKENDS
from .errors import StudioError
from .exportformats import EXPORT_FORMATS, export_to
from .images import is_candidate
from .pathguard import check_outputs
from .progress import LinePrinter
from .text import printable


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_folder

    check_outputs(
        {"--json": args.json}, {"the model": args.model, "the photo folder": args.data_dir}
    )
    ev = evaluate_folder(args.model, args.data_dir)
    if ev.category_note():
        print(printable(ev.category_note()), file=sys.stderr)
    if not ev.count:
        raise StudioError(
            f"No photo in {printable(args.data_dir)} could be checked: its folders must be named "
            "like the model's categories and hold photos."
        )
    print(f"accuracy {ev.accuracy:.1%} on {ev.count} photos")
    names = [printable(c) for c in ev.classes]
    width = max(len(c) for c in names)
    print(f"{'category':<{width}}  precision  recall     f1  photos")
    for m in ev.per_class:
        print(
            f"{printable(m.name):<{width}}  {m.precision:>9.1%}  {m.recall:>6.1%}  {m.f1:>5.2f}  {m.support:>6}"
        )
    for line in ev.advice():
        print(printable(line))
    if ev.skipped:
        print(f"{len(ev.skipped)} file(s) skipped", file=sys.stderr)
    if args.json:
        write_text(args.json, json.dumps(ev.to_dict(), indent=2))
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .predict import Predictor, write_predictions_csv

    inputs = {"the model": args.model, **{f"photo {p}": p for p in args.paths}}
    check_outputs({"--csv": args.csv}, inputs, is_input_file=is_candidate)
    predictor = Predictor(args.model, threshold=args.min_confidence, backend=args.backend)
    if predictor.backend_note and args.backend == "auto":
        print(
            f"note: predicting with {predictor.backend} ({predictor.backend_note})", file=sys.stderr
        )
    progress = _progress("classified")
    preds = predictor.predict_paths(
        args.paths, top_k=args.top_k, on_results=lambda batch: progress(len(batch))
    )
    progress.end()
    if not preds:
        raise StudioError("No photos found in the given paths.")
    for p in preds:
        if p.error:
            print(f"{printable(p.path)}\tunreadable: {printable(p.error)}")
        else:
            choices = ", ".join(f"{printable(label)} {conf:.0%}" for label, conf in p.top)
            print(f"{printable(p.path)}\t{printable(p.shown_label())}\t{choices}")
    if args.csv:
        write_predictions_csv(preds, args.csv, top_k=args.top_k)
    failed = sum(1 for p in preds if p.error)
    if failed:
        # A script must notice a photo that was not classified (a typo, a missing file).
        print(f"{failed} of {len(preds)} photo(s) could not be classified.", file=sys.stderr)
        return 1
    return 0


def _cmd_sort(args: argparse.Namespace) -> int:
    from .sorting import sort_folder

    progress = _progress("sorted")
    report = sort_folder(
        args.model,
        args.src_dir,
        args.out_dir,
        move=args.move,
        min_confidence=args.min_confidence,
        on_progress=lambda done, total: progress.at(done, total),
    )
    progress.end()
    verb = "moved" if args.move else "copied"
    counts = ", ".join(f"{printable(k)} {v}" for k, v in sorted(report.counts().items()))
    print(
        f"{len(report.placed)} photo(s) {verb} into {printable(args.out_dir)} ({counts}); "
        f"list in {printable(report.csv_path)}"
    )
    for path, reason in report.unreadable:
        print(f"not sorted: {printable(path)}: {printable(reason)}", file=sys.stderr)
    for path, err in report.failed:
        print(f"failed (left in place): {printable(path)}: {printable(err)}", file=sys.stderr)
    return 0 if not report.failed else 1


def _cmd_export(args: argparse.Namespace) -> int:
    if args.check is not None and not args.check.exists():
        raise StudioError(
            f"--check {printable(args.check)} does not exist. Give a folder of photos."
        )
    check = [args.check] if args.check else None
    report = export_to(args.format, args.model, args.out, check_paths=check)
    if check and getattr(report, "checked", None) == 0:  # (a copy has no parity check)
        raise StudioError(
            f"No photo in {printable(args.check)} could be used for the parity check; the "
            f"export {printable(report.path)} was written but is unchecked."
        )
    print(report.summary())
    if getattr(report, "json_path", None):
        print(f"Preprocessing and categories: {report.json_path}")
    return 0 if report.ok else 1


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import CheckProgress, check_folder

    def progress(p: CheckProgress) -> None:
        frac = f" {p.fraction:.0%}" if p.fraction is not None else ""
        print(f"{p.message}{frac}", file=sys.stderr, end="\r" if sys.stderr.isatty() else "\n")

    report = check_folder(
        args.data_dir,
        val_dir=args.val_dir,
        backbone=args.backbone,
        on_progress=progress if args.progress else None,
    )
    for line in report.summary_lines():
        print(line)
    if args.json:
        write_text(args.json, json.dumps(report.to_dict(), indent=2))
    return 0


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


class _progress:
    """Throttled progress on stderr for long CLI runs (at most a line every few seconds
    when not in a terminal), like the window's progress bar."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.printer = LinePrinter()
        self.done = 0
        self.shown = False

    def __call__(self, n: int) -> None:
        self.at(self.done + n, None)

    def at(self, done: int, total: int | None) -> None:
        self.done = done
        of = f" of {total}" if total else ""
        self.printer.status(f"{done}{of} photos {self.verb}")
        self.shown = True

    def end(self) -> None:
        text = f"{self.done} photos {self.verb}"
        if self.shown and (self.printer.tty or self.printer.last_plain != text):
            self.printer.line(text)


def _cmd_measure(args: argparse.Namespace) -> int:
    from .device import best_precision, pick_device
    from .measure import lower_this_process_priority, probe_structure

    if args.background:  # the window's child: every other program goes first
        lower_this_process_priority()
    device = pick_device(args.device)
    precision = best_precision(device)
    structure = probe_structure(args.backbone)
    mode = precision.dtype + (", channels-last" if precision.channels_last else "")
    print(f"training precision on {device.type}: {mode}")
    print(
        f"{structure.name}: {sum(structure.stage_ms):.1f} ms per photo through the network, "
        f"built in {structure.build_ms:.0f} ms"
    )
    print("remembered for the time estimates of this computer")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser(
        "check",
        help="find wrongly filed photos, duplicates, leaks and odd ones out in a photo folder",
    )
    c.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    c.add_argument("--json", type=Path, help="write the findings here")
    c.add_argument("--val-dir", type=Path, help="a separate validation folder to check for copies")
    c.add_argument("--backbone", default="efficientnet_lite0", help="whose features to compare")
    c.add_argument("--progress", action="store_true", help="report progress on stderr")
    c.set_defaults(func=_cmd_check)

    e = sub.add_parser("evaluate", help="measure a model on a labelled folder")
    e.add_argument("model", type=Path, metavar="MODEL_FILE")
    e.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    e.add_argument(
        "--json", type=Path, help="write accuracy, per-class metrics and the confusion matrix here"
    )
    e.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("predict", help="classify photos or folders")
    p.add_argument("model", type=Path, metavar="MODEL_FILE")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--top-k", type=_at_least_one, default=3, help="how many categories to show (3)")
    p.add_argument("--csv", type=Path, help="write path,label,confidence,... rows here")
    p.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="below this, 'not sure' (default: from the model)",
    )
    p.add_argument(
        "--backend",
        choices=PREDICT_BACKENDS,
        default="auto",
        help="what runs the network (default: OpenVINO, else ONNX Runtime, else PyTorch)",
    )
    p.set_defaults(func=_cmd_predict)

    s = sub.add_parser("sort", help="copy (or move) photos into one folder per category")
    s.add_argument("model", type=Path, metavar="MODEL_FILE")
    s.add_argument("src_dir", type=Path, metavar="SRC_DIR")
    s.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    s.add_argument("--move", action="store_true", help="move instead of copy")
    s.add_argument("--min-confidence", type=float, default=None, help="below this, into OUT/unsure")
    s.set_defaults(func=_cmd_sort)

    x = sub.add_parser("export", help="export to ONNX or TorchScript for use elsewhere")
    x.add_argument("model", type=Path, metavar="MODEL_FILE")
    x.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    x.add_argument("--out", required=True, type=Path)
    x.add_argument("--check", type=Path, help="photos (a folder) for the parity check")
    x.set_defaults(func=_cmd_export)

    m = sub.add_parser(
        "measure", help="time this computer for the time estimates (once; it is remembered)"
    )
    m.add_argument("--backbone", default=DEFAULT_BACKBONE, help="see `finetune-studio backbones`")
    m.add_argument("--device", default="auto", choices=DEVICES)
    m.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    m.set_defaults(func=_cmd_measure)
