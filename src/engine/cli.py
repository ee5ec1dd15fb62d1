"""The ``finetune-studio`` command: no arguments opens the app, sub-commands run headless.

Errors a person can fix are one clear line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__, commands, pile
from .atomic import write_text
from .config import CHOICES, DEVICES, TrainConfig, TrainEvent
from .errors import Cancelled, StudioError
from .pathguard import check_train_paths
from .plan import default_checkpoint
from .progress import LinePrinter as _Printer
from .progress import fmt_time_left
from .projects import resolve_resume
from .selftest import run_self_test

#: TrainConfig's own defaults: the options below read them, never write them again.
_DEFAULTS = TrainConfig()


def _best_words(e: TrainEvent) -> str:
    """ " (best so far)", naming the tie it broke: two epochs are never both "the best"."""
    if not e.best:
        return ""
    if e.tied_with is not None:
        return f" (best so far: same accuracy as epoch {e.tied_with}, lower loss)"
    return " (best so far)"


def _train_printer(printer: _Printer):
    def on_event(e: TrainEvent) -> None:
        if e.kind == "stage":
            frac = f" {e.fraction:.0%}" if e.fraction is not None else ""
            printer.status(f"{e.message}{frac}")
        elif e.kind == "step":
            loss = e.losses[-1][1] if e.losses else float("nan")
            printer.status(
                f"epoch {e.epoch}/{e.total_epochs} step {e.step}/{e.steps_per_epoch} "
                f"loss {loss:.3f}  {fmt_time_left(e.eta_seconds)}"
            )
        elif e.kind == "epoch" and e.record:
            r = e.record
            printer.line(
                f"epoch {r.epoch}/{e.total_epochs}: train loss {r.train_loss:.3f}, val loss {r.val_loss:.3f}, "
                f"val accuracy {r.val_accuracy:.1%}{_best_words(e)}, {r.seconds:.1f}s"
            )
        elif e.kind in ("message", "done"):
            printer.line(e.message)

    return on_event


def _cmd_train(args: argparse.Namespace) -> int:
    # Here: `--help` and the other commands must not wait for torch.
    from .modelfile import checkpoint_model_path
    from .training import train

    if args.resume:
        config, checkpoint = resolve_resume(Path(args.resume))
        if args.data_dir:
            config.data_dir = str(args.data_dir)
        if args.epochs is not None:
            config.epochs = args.epochs
        # Where the interrupted run was writing (stored absolute in its checkpoint), so a
        # resume started from another folder does not save into this one.
        out = args.out or checkpoint_model_path(checkpoint) or Path("model.ftmodel")
    else:
        if not args.data_dir:
            raise StudioError(
                "Give the photo folder: finetune-studio train DATA_DIR --out MODEL_FILE"
            )
        config = TrainConfig(
            data_dir=str(args.data_dir),
            val_dir=str(args.val_dir) if args.val_dir else None,
            val_split=args.val_split,
            backbone=args.backbone,
            train_layers=args.train_layers,
            epochs=args.epochs if args.epochs is not None else _DEFAULTS.epochs,
            batch_size=args.batch_size,
            lr=args.lr,
            image_size=args.image_size,
            augment=args.augment,
            seed=args.seed,
            device=args.device,
            precision=args.precision,
            class_weights=args.class_weights,
            early_stop_patience=args.patience,
        )
        checkpoint = None
        out = args.out or Path("model.ftmodel")
    config.checkpoint = (
        str(args.checkpoint)
        if args.checkpoint
        else (config.checkpoint or default_checkpoint(config, out))
    )
    _guard_train(config, Path(out), args)
    from . import distributed  # here, like training: it loads torch

    if distributed.launched():  # one of several processes started by torchrun
        return _train_distributed(args, config, out, checkpoint)
    printer = _Printer()
    result = train(config, out=out, on_event=_train_printer(printer), resume=checkpoint)
    return _report_training(args, printer, result)


def _report_training(args: argparse.Namespace, printer: _Printer, result) -> int:
    """The end of `train`: what was saved, what was skipped, the metrics file; exit code."""
    printer.line(f"Saved {result.model_path}" if result.model_path else "No model saved.")
    if result.skipped:
        printer.line(f"{len(result.skipped)} file(s) skipped (see --metrics-json for the list).")
    if args.metrics_json:
        write_text(args.metrics_json, json.dumps(result.metrics(), indent=2))
    return 0 if result.model_path else 1


def _guard_train(config, out: Path, args: argparse.Namespace) -> None:
    check_train_paths(
        data_dir=config.data_dir,
        val_dir=config.val_dir,
        out=out,
        checkpoint=config.checkpoint,
        metrics=args.metrics_json,
        resume=args.resume,
    )


def _train_distributed(args: argparse.Namespace, config, out: Path, checkpoint) -> int:
    """``train`` as one rank of a torchrun run: rank 0 prints and writes, the others are quiet.

    A rank that died shows on the others as a broken collective or as torchrun's SIGTERM;
    rank 0 then prints one line saying so (and where the intact checkpoint is) and every
    rank exits with code 3, without a traceback.
    """
    from . import distributed
    from .training import train

    ranks = distributed.init_from_env(config.device)
    printer = _Printer() if ranks.is_main else None
    try:
        result = train(
            config,
            out=out,
            on_event=_train_printer(printer) if printer else None,
            resume=checkpoint,
            ranks=ranks,
        )
    except (StudioError, RuntimeError) as exc:
        if not distributed.is_rank_loss(exc):
            if isinstance(exc, StudioError) and not ranks.is_main:
                return 2  # the same error on every rank: rank 0 says it
            raise
        distributed.quiet_exit()
        if printer:
            printer.line(distributed.lost_message(config.checkpoint))
        return 3
    distributed.finish()
    return _report_training(args, printer, result) if printer else 0


def _cmd_backbones(args: argparse.Namespace) -> int:
    # Here: backbones loads torch, which `--help` and `train --help` must not wait for.
    from .backbones import backbone_state, download_weights, import_weights, list_backbones

    if args.download:
        printer = _Printer()

        def progress(p) -> None:
            total = f" of {p.total_bytes / 1e6:.1f}" if p.total_bytes else ""
            printer.status(f"downloading {args.download}: {p.done_bytes / 1e6:.1f}{total} MB")

        path = download_weights(args.download, on_progress=progress)
        printer.line(f"Saved {path}")
        return 0
    if args.import_weights:
        name, source = args.import_weights
        print(f"Imported {source} for {name}: {import_weights(name, source)}")
        return 0

    rows = []
    for info in list_backbones():
        rows.append(
            {
                "name": info.name,
                "title": info.title,
                "description": info.description,
                "params": info.params,
                "gflops": info.gflops,
                "imagenet_top1": info.imagenet_top1,
                "input_size": info.input_size,
                "preprocessing": info.preprocessing.to_dict(),
                "download_mb": info.download_mb,
                "download_url": info.download_url,
                "state": backbone_state(info.name),
                "license": info.license,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'name':<20}{'params':>8}{'GFLOPs':>8}{'top-1':>7}{'size':>9}  state")
    for r in rows:
        size = "built in" if r["state"] == "bundled" else f"{r['download_mb']:.0f} MB"
        print(
            f"{r['name']:<20}{r['params'] / 1e6:>7.1f}M{r['gflops']:>8.2f}{r['imagenet_top1']:>6.1f}%{size:>9}  {r['state']}"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="finetune-studio",
        description="Teach a computer to recognise the things in your photos. With no command, opens the app.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--demo", action="store_true", help="open the app with the sample photos loaded")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="train, predict and export on the sample, then exit",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    t = sub.add_parser("train", help="train a model on a photo folder (one subfolder per category)")
    t.add_argument("data_dir", nargs="?", type=Path, help="folder with one subfolder per category")
    t.add_argument("--out", type=Path, help="model file to write (default model.ftmodel)")
    v = t.add_mutually_exclusive_group()
    v.add_argument(
        "--val-dir", type=Path, help="separate validation folder with the same categories"
    )
    v.add_argument(
        "--val-split",
        type=float,
        default=_DEFAULTS.val_split,
        help=f"share of photos set aside for validation ({_DEFAULTS.val_split})",
    )
    t.add_argument("--backbone", default=_DEFAULTS.backbone, help="see `finetune-studio backbones`")
    t.add_argument(
        "--train-layers",
        default=_DEFAULTS.train_layers,
        help=f"head | last | all | GROUP,GROUP... (default {_DEFAULTS.train_layers})",
    )
    t.add_argument(
        "--epochs",
        type=int,
        default=None,  # None: the checkpoint's own when resuming, else TrainConfig's
        help=f"number of passes over the photos ({_DEFAULTS.epochs})",
    )
    t.add_argument("--batch-size", type=int, default=_DEFAULTS.batch_size)
    t.add_argument(
        "--lr", type=float, default=None, help="learning rate (default chosen from --train-layers)"
    )
    t.add_argument(
        "--image-size", type=int, default=None, help="input size (default: the backbone's)"
    )
    a = t.add_mutually_exclusive_group()
    a.add_argument("--augment", dest="augment", action="store_true", default=None)
    a.add_argument("--no-augment", dest="augment", action="store_false")
    t.add_argument("--seed", type=int, default=_DEFAULTS.seed)
    t.add_argument("--device", default=_DEFAULTS.device, choices=DEVICES)
    t.add_argument("--precision", default=_DEFAULTS.precision, choices=CHOICES["precision"])
    t.add_argument("--class-weights", action="store_true", help="weigh rare categories more")
    t.add_argument(
        "--patience",
        type=int,
        default=_DEFAULTS.early_stop_patience,
        help="stop after N epochs without improvement (0 = never)",
    )
    t.add_argument("--metrics-json", type=Path, help="write the training metrics here")
    t.add_argument(
        "--checkpoint",
        type=Path,
        help="checkpoint file (default: beside --out, .ckpt, when more than the head trains)",
    )
    t.add_argument("--resume", help="continue from a checkpoint or a project file")
    t.set_defaults(func=_cmd_train)

    b = sub.add_parser("backbones", help="list the pretrained backbones")
    b.add_argument("--json", action="store_true")
    b.add_argument("--download", metavar="NAME", help="download a backbone's pretrained weights")
    b.add_argument(
        "--import",
        dest="import_weights",
        nargs=2,
        metavar=("NAME", "FILE"),
        help="use a local .pth/.safetensors weights file (for machines without internet)",
    )
    b.set_defaults(func=_cmd_backbones)

    commands.register(sub)
    pile.register(sub)
    return p


GuiRunner = Callable[..., int]


def _is_path_to_open(arg: str, parser: argparse.ArgumentParser) -> bool:
    """A first argument that is not a sub-command but one of our files or a folder."""
    if arg.startswith("-") or arg in _command_names(parser):
        return False
    return arg.endswith((".ftproj", ".ftmodel")) or Path(arg).exists()


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    # argparse has no public way to list sub-commands; its sub-parsers action holds them.
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def main(argv: list[str] | None = None, *, open_gui: GuiRunner | None = None) -> int:
    """Entry point of the ``finetune-studio`` command.

    ``open_gui(demo=..., path=...)`` opens the window when no sub-command is given; the
    engine never imports the GUI itself (``gui.launch`` passes it in).
    """
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    # `finetune-studio PATH` (a file manager's "open with", the desktop entry's %f) opens a
    # project, a model or a photo folder in the window: anything that is not a sub-command.
    path = None
    if argv and _is_path_to_open(argv[0], parser):
        path, argv = argv[0], argv[1:]
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            return run_self_test()
        if args.command is None:
            if open_gui is None:
                parser.print_help()
                return 0
            return open_gui(demo=args.demo, path=path)
        return int(args.func(args) or 0)
    except Cancelled as exc:
        print(str(exc), file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except StudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
