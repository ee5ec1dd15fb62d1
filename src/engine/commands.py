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
from .errors import StudioError

#: engine.predict.BACKENDS, written out so that `--help` does not import torch.
PREDICT_BACKENDS = ("auto", "openvino", "onnxruntime", "torch")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_folder

    ev = evaluate_folder(args.model, args.data_dir)
    if ev.category_note():
        print(ev.category_note(), file=sys.stderr)
    if not ev.count:
        raise StudioError(f"No photo in {args.data_dir} could be checked.")
    print(f"accuracy {ev.accuracy:.1%} on {ev.count} photos")
    width = max(len(c) for c in ev.classes)
    print(f"{'category':<{width}}  precision  recall     f1  photos")
    for m in ev.per_class:
        print(
            f"{m.name:<{width}}  {m.precision:>9.1%}  {m.recall:>6.1%}  {m.f1:>5.2f}  {m.support:>6}"
        )
    for line in ev.advice():
        print(line)
    if ev.skipped:
        print(f"{len(ev.skipped)} file(s) skipped", file=sys.stderr)
    if args.json:
        write_text(args.json, json.dumps(ev.to_dict(), indent=2))
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .predict import Predictor, write_predictions_csv

    predictor = Predictor(args.model, threshold=args.min_confidence, backend=args.backend)
    if predictor.backend_note and args.backend == "auto":
        print(
            f"note: predicting with {predictor.backend} ({predictor.backend_note})", file=sys.stderr
        )
    preds = predictor.predict_paths(args.paths, top_k=args.top_k)
    if not preds:
        raise StudioError("No photos found in the given paths.")
    for p in preds:
        if p.error:
            print(f"{p.path}\tunreadable: {p.error}")
        else:
            choices = ", ".join(f"{label} {conf:.0%}" for label, conf in p.top)
            print(f"{p.path}\t{p.shown_label()}\t{choices}")
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

    report = sort_folder(
        args.model, args.src_dir, args.out_dir, move=args.move, min_confidence=args.min_confidence
    )
    verb = "moved" if args.move else "copied"
    counts = ", ".join(f"{k} {v}" for k, v in sorted(report.counts().items()))
    print(
        f"{len(report.placed)} photo(s) {verb} into {args.out_dir} ({counts}); list in {report.csv_path}"
    )
    for path, reason in report.unreadable:
        print(f"not sorted: {path}: {reason}", file=sys.stderr)
    for path, err in report.failed:
        print(f"failed (left in place): {path}: {err}", file=sys.stderr)
    return 0 if not report.failed else 1


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export_model

    check = [args.check] if args.check else None
    report = export_model(args.model, args.format, args.out, check_paths=check)
    print(report.summary())
    print(f"Preprocessing and categories: {report.json_path}")
    return 0 if report.ok else 1


def _cmd_check(args: argparse.Namespace) -> int:
    from .atomic import write_text
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
    p.add_argument("--top-k", type=int, default=3)
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
    x.add_argument("--format", required=True, choices=["onnx", "torchscript"])
    x.add_argument("--out", required=True, type=Path)
    x.add_argument("--check", type=Path, help="photos (a folder) for the parity check")
    x.set_defaults(func=_cmd_export)
