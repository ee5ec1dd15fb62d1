"""GPU figures of issue 19: photos/s for feature caching, head-only and full fine-tuning,
CPU against GPU, and a 2-process DDP run. Prepared for a machine with a CUDA card.

    .venv/bin/python benchmarks/gpu_bench.py                  # on a GPU machine
    .venv/bin/python benchmarks/gpu_bench.py --device cpu     # smoke check, CPU only, tiny

Every run is the real ``finetune-studio train`` command in its own process with a fresh
app home (:func:`scale_bench.train_once`), on generated 256-px photos (10 categories,
:func:`scale_bench.generated_photos`), with ResNet-50 by default. The machine needs no
internet: the backbone's weights are created locally (random, seeded, torchvision's
ResNet-50 layout) and imported with ``finetune-studio backbones --import``; random
weights make the accuracy meaningless but the speed is the same as with ImageNet's.

For each device (``--device cuda``: the card and then the CPU for comparison, on fewer
photos; ``--device cpu``: the CPU only):

- ``head``: head only. The feature-caching rate (photos/s through the frozen backbone,
  training and checking photos) and the epoch rate (training photos/s).
- ``all``: fine-tune everything: training photos/s of the fastest epoch.
- ``all, 2 processes``: the same under ``torchrun --standalone --nproc-per-node 2``
  (NCCL, one card per process; needs 2 cards, else it says so and skips; on ``--device
  cpu`` gloo on 127.0.0.1).

It prints one Markdown table for benchmarks/RESULTS.md (and the rows as JSON with
``--json FILE``). About 10 minutes on one modern card with the defaults.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import log  # noqa: E402
from scale_bench import PHOTO_CACHE, generated_photos, train_once  # noqa: E402

TORCHRUN = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2"]


def local_weights(backbone: str, folder: Path) -> Path | None:
    """A seeded random weights file for a torchvision ``backbone`` (None if built in)."""
    import torch
    import torchvision.models as tvm

    from engine.backbones import get_backbone

    if not get_backbone(backbone).file_name:
        return None  # built in (EfficientNet-Lite): nothing to import
    path = folder / f"{backbone}-local-weights.pth"
    if not path.is_file():
        torch.manual_seed(0)
        folder.mkdir(parents=True, exist_ok=True)
        torch.save(getattr(tvm, backbone)(weights=None).state_dict(), path)
    return path


def importer(backbone: str, weights: Path | None):
    """The ``setup`` of a run: import the local weights into its fresh app home."""

    def setup(env: dict[str, str]) -> None:
        if weights is not None:
            cmd = [sys.executable, "-m", "engine", "backbones", "--import", backbone, str(weights)]
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)

    return setup


def machine(device: str) -> str:
    """One line: the CPU, the cards, torch."""
    import torch

    cards = (
        ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
        if torch.cuda.is_available()
        else "no CUDA card"
    )
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU threads; {cards}; "
        f"torch {torch.__version__}; asked for --device {device}"
    )


def runs(device: str, photos: int, args: argparse.Namespace, setup) -> list[dict]:
    """head, all, and all under DDP on one device; rows with the figures."""
    import torch

    folder = generated_photos(photos, largest=photos)
    common = ["--device", device, "--backbone", args.backbone, "--batch-size", str(args.batch)]
    common += ["--precision", args.precision]
    home = Path(args.home_root)
    rows = []
    plan = [("head", "head", None), ("all", "all", None)]
    cards = torch.cuda.device_count() if device == "cuda" else 0
    # DDP on the card(s); on the CPU only in the smoke check (gloo: the code path, not a speed)
    wanted = args.ddp and (device == "cuda" or args.device == "cpu")
    if wanted and (device == "cpu" or cards >= 2):
        plan.append(("all, 2 processes", "all", [*TORCHRUN, "-m", "engine"]))
    elif wanted:
        log(f"2-process DDP on {device} not run: it needs 2 cards, {cards} found")
        rows.append({"device": device, "run": "all, 2 processes", "skipped": f"{cards} card(s)"})
    for name, layers, launcher in plan:
        log(f"{device}: {name} on {photos} photos")
        # two processes on one CPU share its cores
        threads = {"OMP_NUM_THREADS": str(max(1, (os.cpu_count() or 2) // 2))} if launcher else {}
        home_dir = home / f"gpu-home-{device}-{layers}-{'ddp' if launcher else 'one'}"
        row = train_once(
            folder, home_dir, args.epochs, in_ram=True, layers=layers, extra=common,
            launcher=launcher, setup=setup, env=threads,
        )  # fmt: skip
        rows.append({"device": device, "run": name, **row})
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    out = [
        "| device | run | photos | feature caching, photos/s | training photos/s "
        "(fastest epoch) | s/epoch | peak RSS | checking accuracy |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if "skipped" in r:
            out.append(f"| {r['device']} | {r['run']} | not run: {r['skipped']} | | | | | |")
            continue
        caching = f"{r['cache_photos_per_second']:.1f}" if r["run"] == "head" else "-"
        out.append(
            f"| {r['device']} | {r['run']} | {r['photos']:,} | {caching} "
            f"| {r['train_photos_per_second']:.1f} | {min(r['epoch_seconds']):.2f} "
            f"| {r['peak_rss_mb']:,.0f} MB | {r['val_accuracy']:.1%} |"
        )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    ap.add_argument("--backbone", default="resnet50")
    ap.add_argument("--photos", type=int, default=0, help="photos on the card (default 5,000)")
    ap.add_argument(
        "--cpu-photos", type=int, default=0, help="photos on the CPU (default 500; smoke 40)"
    )
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64, help="--batch-size of the runs")
    ap.add_argument(
        "--precision",
        default="auto",
        choices=["auto", "fp32", "bf16"],
        help="auto: the app's own choice (on a CPU each fresh run probes again, minutes)",
    )
    ap.add_argument("--no-ddp", dest="ddp", action="store_false", help="skip the DDP run")
    ap.add_argument("--json", help="write the rows here")
    ap.add_argument("--home-root", default=str(PHOTO_CACHE / "gpu-homes"))
    args = ap.parse_args()
    sys.path.insert(0, str(HERE.parent / "src"))
    if args.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            raise SystemExit("No CUDA card here: run with --device cpu for the smoke check.")
    photos = args.photos or 5000
    cpu_photos = args.cpu_photos or (500 if args.device == "cuda" else 40)
    if args.device == "cpu":
        args.batch = min(args.batch, 16)  # the smoke check: small batches, a few steps
    weights = local_weights(args.backbone, PHOTO_CACHE / "weights")
    setup = importer(args.backbone, weights)
    log(machine(args.device))
    rows = []
    if args.device == "cuda":
        rows += runs("cuda", photos, args, setup)
    rows += runs("cpu", cpu_photos, args, setup)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    print(machine(args.device))
    print(table(rows))


if __name__ == "__main__":
    main()
