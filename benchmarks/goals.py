"""The measurements, one job per process: ``python benchmarks/goals.py JOB [--quick]``.

``run.py`` starts each job in its own process (fresh memory, fresh app home, nothing
warmed up by a previous job) and reads the one ``BENCH-RESULT {json}`` line it prints.
Jobs: headonly (goals 1, 2), last (3), bigjpeg (4), probe (5), predict (6), gui (7),
memory (8); plus the helpers they start themselves.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    HERE,
    OUT,
    RESULT_TAG,
    Timer,
    bench_env,
    big_jpegs,
    emit_result,
    fashion_folder,
    log,
    peak_rss_mb,
)

BACKBONE = "efficientnet_lite0"

# Sizes of every job, full and --quick. The full run fits in ~20 minutes on the 2-core
# machine of RESULTS.md; the naive loops are the expensive part, so where a whole naive
# run does not fit, a measured part of it is extrapolated (and said so in the output).
SIZES = {
    "full": {
        "train_per_class": 50,
        "val_per_class": 100,
        "epochs": 10,
        "naive_epochs": 2,  # of the 10: measured, then per-epoch time x 10
        "naive_full_train_batches": 6,  # naive full fine-tuning: timed part of an epoch
        "naive_full_val_batches": 8,
        "big_jpegs": 200,
        "predict_folder_per_class": 100,  # 1,000 photos
        "predict_loop_photos": 300,  # per-image loops: throughput from this many
        "latency_photos": 15,
        "predict_rounds": 3,
        "drop_photos": 500,  # photos dropped on the Use step (issue 5)
        "naive_same_layers_epochs": 1,
        "gui_epochs": 10,
        "mem_per_class": 1000,  # 10,000 photos
        "mem_epochs": 10,
        "lin_per_class": (100, 200, 400),  # 1k, 2k, 4k photos
        "lin_val_per_class": 20,
        "lin_epochs": 3,
    },
    "quick": {
        "train_per_class": 10,
        "val_per_class": 10,
        "epochs": 10,
        "naive_epochs": 1,
        "naive_full_train_batches": 2,
        "naive_full_val_batches": 2,
        "big_jpegs": 24,
        "predict_folder_per_class": 10,
        "predict_loop_photos": 30,
        "latency_photos": 5,
        "predict_rounds": 1,
        "drop_photos": 40,
        "naive_same_layers_epochs": 1,
        "gui_epochs": 3,
        "mem_per_class": 100,
        "mem_epochs": 2,
        "lin_per_class": (10, 20, 40),
        "lin_val_per_class": 5,
        "lin_epochs": 2,
    },
}


def cpu():
    import torch

    return torch.device("cpu")


def best_precision():
    """The remembered precision (probing once if this machine has no answer yet)."""
    from engine.device import best_precision as best

    return best(cpu())


def engine_train(
    train_dir: Path, val_dir: Path | None, *, layers: str, epochs: int, out: Path | None, **kw
) -> tuple[object, Timer]:
    """One engine run as the app does it (auto precision, no early stop), timed."""
    from engine.config import TrainConfig
    from engine.training import train

    cfg = TrainConfig(
        data_dir=str(train_dir),
        val_dir=str(val_dir) if val_dir else None,
        backbone=BACKBONE,
        train_layers=layers,
        epochs=epochs,
        early_stop_patience=0,
        precision="auto",
        **kw,
    )
    with Timer() as t:
        result = train(cfg, out=out)
    return result, t


def history_dict(result) -> dict:
    epochs = [r.seconds for r in result.history]
    return {
        "seconds": result.seconds,
        "epoch_seconds": epochs,
        "epoch_median": statistics.median(epochs) if epochs else None,
        "prep_seconds": result.seconds - sum(epochs),
        "val_accuracy": result.val_accuracy,
        "val_accuracy_per_epoch": [r.val_accuracy for r in result.history],
        "train_photos": None,
    }


def photo_paths(folder: Path) -> list[Path]:
    from engine.predict import expand_paths

    return expand_paths([folder])


# ------------------------------------------------------------------ goals 1 and 2: head


def inference_pass(paths: list[Path], precision) -> dict:
    """The limit: one forward pass of the whole backbone over every photo, at the best
    precision, batch 32, photos already decoded (pure network time)."""
    import torch

    from engine import preprocess
    from engine.backbones import build_model, get_backbone

    prep = get_backbone(BACKBONE).preprocessing
    net = precision.prepare(build_model(BACKBONE, 10).eval())
    views = [preprocess.plain_view(preprocess.load_resized(p, prep.resize), prep) for p in paths]
    batches = [preprocess.to_batch(views[i : i + 32]) for i in range(0, len(views), 32)]

    def run(batch):
        with torch.inference_mode(), precision.autocast(cpu()):
            return net(precision.input(preprocess.normalize(batch, prep)))

    run(batches[0][:8])  # warm-up: oneDNN creates its kernels on the first call
    with Timer() as t:
        for b in batches:
            run(b)
    return {"seconds": t.wall, "photos": len(paths), "photos_per_s": len(paths) / t.wall}


def job_headonly(size: dict, args) -> dict:
    from naive import train_tutorial

    train_dir = fashion_folder(size["train_per_class"], "train")
    val_dir = fashion_folder(size["val_per_class"], "test")
    precision = best_precision()
    log(f"precision: {precision}")
    out: dict = {"precision": precision.dtype, "channels_last": precision.channels_last}
    # Warm-up of the process (imports, oneDNN kernels) so neither side pays it alone.
    inference_pass(photo_paths(train_dir)[:8], precision)

    with tempfile.TemporaryDirectory() as tmp:
        log("engine: head only, 10 epochs")
        result, t = engine_train(
            train_dir, val_dir, layers="head", epochs=size["epochs"], out=Path(tmp) / "m.ftmodel"
        )
    out["engine"] = history_dict(result) | {"wall": t.wall, "cpu": t.cpu}
    out["photos"] = {"train": len(photo_paths(train_dir)), "val": len(photo_paths(val_dir))}
    log(f"engine: {t.wall:.1f} s, accuracy {result.val_accuracy:.3f}")

    if "2" in args.goals:
        log("limit: one inference pass over the same photos")
        paths = photo_paths(train_dir) + photo_paths(val_dir)
        out["inference_pass"] = inference_pass(paths, precision)
        log(f"inference pass: {out['inference_pass']['seconds']:.1f} s")

    if "1" in args.goals:
        n = size["naive_epochs"]
        log(f"naive tutorial loop, head only: {n} of {size['epochs']} epochs measured")
        naive = train_tutorial(
            train_dir,
            val_dir,
            layers="head",
            epochs=n,
            on_epoch=lambda e, s, a: log(f"  naive epoch {e}: {s:.1f} s, accuracy {a:.3f}"),
        )
        # The fastest measured epoch: noise from other programs only ever adds time, so
        # this is the naive loop's best case (conservative for the engine's ratio).
        per_epoch = min(naive.epoch_seconds)
        out["naive"] = naive.to_dict() | {
            "epochs_measured": len(naive.epoch_seconds),
            "epochs_target": size["epochs"],
            "seconds_for_target": naive.setup_seconds + per_epoch * size["epochs"],
            "extrapolated": len(naive.epoch_seconds) < size["epochs"],
        }
    return out


# --------------------------------------------------------------------- goal 3: last block


def job_last(size: dict, args) -> dict:
    from naive import train_cached_boundary, train_tutorial

    train_dir = fashion_folder(size["train_per_class"], "train")
    val_dir = fashion_folder(size["val_per_class"], "test")
    precision = best_precision()
    out: dict = {"precision": precision.dtype}
    inference_pass(photo_paths(train_dir)[:8], precision)  # warm-up

    log("engine: last block + head")
    result, t = engine_train(train_dir, val_dir, layers="last", epochs=size["epochs"], out=None)
    out["engine"] = history_dict(result) | {"wall": t.wall}
    log(f"engine: epoch {out['engine']['epoch_median']:.2f} s, accuracy {result.val_accuracy:.3f}")

    # One measured epoch (about 85 s here) keeps `make bench` under 20 minutes.
    n = size["naive_same_layers_epochs"]
    log(f"naive tutorial loop, same layers (last block + head): {n} epoch(s) measured")
    same = train_tutorial(
        train_dir,
        val_dir,
        layers="last",
        epochs=n,
        on_epoch=lambda e, s, a: log(f"  naive same-layers epoch {e}: {s:.1f} s, accuracy {a:.3f}"),
    )
    out["naive_same_layers"] = same.to_dict() | {
        "epoch_median": statistics.median(same.epoch_seconds),
        "epoch_fastest": min(same.epoch_seconds),
        "epochs_measured": len(same.epoch_seconds),
    }

    if args.cached_boundary:
        log("careful loop: same layers from cached boundary activations (fp32, Adam)")
        careful = train_cached_boundary(
            train_dir,
            val_dir,
            layers="last",
            epochs=size["epochs"],
            on_epoch=lambda e, s, a: log(f"  cached-boundary epoch {e}: {s:.2f} s, acc {a:.3f}"),
        )
        out["cached_boundary"] = careful.to_dict() | {
            "epoch_median": statistics.median(careful.epoch_seconds)
        }

    log("naive: full fine-tuning (timed on part of an epoch, extrapolated)")
    out["naive_full"] = naive_full_epoch(
        train_dir, val_dir, size["naive_full_train_batches"], size["naive_full_val_batches"]
    )
    log(f"naive full fine-tuning: {out['naive_full']['epoch_seconds']:.1f} s per epoch")
    return out


def naive_full_epoch(train_dir: Path, val_dir: Path, train_batches: int, val_batches: int) -> dict:
    """Time of one tutorial epoch fine-tuning everything: ``train_batches`` training steps
    and ``val_batches`` validation batches are timed (after one untimed step of each), then
    scaled to the whole training and validation sets."""
    import torch
    import torch.nn.functional as F
    from naive import eval_transform, train_transform
    from torch.utils.data import DataLoader
    from torchvision import datasets

    from engine.backbones import build_model

    train_set = datasets.ImageFolder(str(train_dir), train_transform())
    val_set = datasets.ImageFolder(str(val_dir), eval_transform())
    net = build_model(BACKBONE, len(train_set.classes))
    opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
    torch.manual_seed(0)

    def timed(loader, n, train: bool) -> float:
        net.train(train)
        times = []
        for i, (x, y) in enumerate(loader):
            if i > n:
                break
            t0 = time.perf_counter()
            with torch.set_grad_enabled(train):
                loss = F.cross_entropy(net(x), y)
                if train:
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
            if i > 0:  # the first batch warms up the kernels
                times.append(time.perf_counter() - t0)
        return statistics.mean(times)

    # Loading and transforming the batch is timed too: it is part of the naive epoch.
    def timed_with_loading(loader, n, train):
        t_net = timed(loader, n, train)
        t0 = time.perf_counter()
        for i, _ in enumerate(loader):
            if i >= n:
                break
        return t_net + (time.perf_counter() - t0) / n

    per_train = timed_with_loading(
        DataLoader(train_set, 32, shuffle=True), train_batches, train=True
    )
    per_val = timed_with_loading(DataLoader(val_set, 32, shuffle=False), val_batches, train=False)
    n_train = -(-len(train_set) // 32)
    n_val = -(-len(val_set) // 32)
    return {
        "train_step_seconds": per_train,
        "val_batch_seconds": per_val,
        "train_batches_timed": train_batches,
        "val_batches_timed": val_batches,
        "epoch_seconds": per_train * n_train + per_val * n_val,
        "extrapolated": True,
    }


# ---------------------------------------------------------------------- goal 4: big photos


def job_bigjpeg(size: dict, args) -> dict:
    import torch
    from naive import decode_loop

    from engine import imagecache
    from engine.backbones import get_backbone
    from engine.dataset import scan_folder
    from engine.device import FP32
    from engine.training import NetOnDevice, prepare

    log("writing/reusing the 12-megapixel JPEGs")
    folder = big_jpegs(200)
    paths = sorted(folder.rglob("*.jpg"))[: size["big_jpegs"]]
    prep = get_backbone(BACKBONE).preprocessing
    out: dict = {"photos": len(paths), "megapixels": 12.0}

    from engine.images import open_image

    # The unit of the one-decode goal: one draft-mode decode of each photo at the size the
    # backbone needs (what any loader must do at least once), on one thread.
    with Timer() as t_one:
        for p in paths:
            open_image(p, draft_size=prep.resize)
    out["one_decode"] = {"wall": t_one.wall, "cpu": t_one.cpu, "photos": len(paths)}
    log(f"one draft decode: {1000 * t_one.cpu / len(paths):.1f} CPU-ms per photo")

    # As before issue 18: the scan decodes each photo small only to check it.
    imagecache.set_cache_enabled(False)
    with Timer() as t_scan:
        scan = scan_folder(folder, remember=False)
    imagecache.set_cache_enabled(True)
    wanted = set(paths)
    photos = [p for p in scan.photos if p.path in wanted]
    out["scan"] = {
        "wall": t_scan.wall,
        "cpu": t_scan.cpu,
        "per_photo_ms": 1000 * t_scan.wall / len(scan.photos),
        "photos": len(scan.photos),
    }

    with Timer() as t:
        decode_loop(paths)
    out["naive"] = {"wall": t.wall, "cpu": t.cpu, "threads": 1}
    log(f"naive full decode: {1000 * t.wall / len(paths):.0f} ms per photo")

    def data_stage(label: str) -> dict:
        with Timer() as t:
            data, skipped = prepare(
                # upto=0: the data stage only, no network
                NetOnDevice(torch.nn.Identity(), 0, prep, cpu(), FP32),  # type: ignore[arg-type]
                photos,
                views=1,
                seed=0,
            )
        assert not skipped and data.inputs.shape[1] == len(photos), skipped
        log(f"engine {label}: {1000 * t.wall / len(photos):.1f} ms per photo (wall)")
        return {"wall": t.wall, "cpu": t.cpu, "threads": 2}

    imagecache.set_cache_enabled(False)
    out["engine_no_cache"] = data_stage("draft decoding, image cache off")
    imagecache.set_cache_enabled(True)
    cache = imagecache.get_default_cache()
    assert cache is not None
    cache.clear()
    out["engine_first_run"] = data_stage("first run (cache cold, filled now)")
    out["engine_second_run"] = data_stage("second run (image cache)")
    out["cache_bytes"] = cache.size_bytes()
    freed = cache.clear()
    out["cache_cleared_bytes"] = freed

    # One decode per photo (issue 18): a first run as train() does it now. The scan's one
    # decode checks each photo and fills the cache at the backbone's size; the data stage
    # then reads the cache. Fresh scan memo (remember=False) and an empty cache.
    with Timer() as t_scan1:
        scan1 = scan_folder(folder, remember=False, cache_resize=prep.resize)
    assert len(scan1.photos) == len(scan.photos)
    out["one_decode_scan"] = {
        "wall": t_scan1.wall,
        "cpu": t_scan1.cpu,
        "photos": len(scan1.photos),
    }
    log(f"scan with cache fill: {1000 * t_scan1.cpu / len(scan1.photos):.1f} CPU-ms per photo")
    out["one_decode_data_stage"] = data_stage("first run after the scan's one decode")
    out["one_decode_second_run"] = data_stage("second run (image cache)")
    out["one_decode_cache_bytes"] = cache.size_bytes()
    out["one_decode_cache_cleared_bytes"] = cache.clear()
    return out


# ------------------------------------------------------------------- goal 5: precision


def job_probe(size: dict, args) -> dict:
    out = {}
    for name, extra in (
        ("here", {}),
        ("avx2", {"ONEDNN_MAX_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2"}),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            env = bench_env(Path(tmp) / "home", Path(tmp) / "fresh-probe.json", **extra)
            log(f"precision probe in a fresh process ({name}: {extra or 'native ISA'})")
            out[name] = run_child(["probe-child", *(["--quick"] if args.quick else [])], env)
    return out


def job_probe_child(size: dict, args) -> dict:
    import torch

    from engine.backbones import build_model
    from engine.device import FP32, Precision, _machine_key
    from engine.device import best_precision as best

    with Timer() as t:
        choice = best(cpu())  # fresh FINETUNE_STUDIO_PROBE_FILE: this probes
    with Timer() as t2:
        again = best(cpu())  # remembered
    net = build_model(BACKBONE, 10).eval()
    x = torch.randn(16, 3, 224, 224, generator=torch.Generator().manual_seed(0))
    avx2 = bool(os.environ.get("ATEN_CPU_CAPABILITY"))

    def time_forward(prec, reps: int, batch: int = 16) -> float:
        m = prec.prepare(net)
        xi = prec.input(x[:batch])
        with torch.inference_mode(), prec.autocast(cpu()):
            m(xi)  # warm-up: oneDNN creates its kernels on the first call
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                m(xi)
                times.append(time.perf_counter() - t0)
        net.to(memory_format=torch.contiguous_format)
        return min(times)

    reps = 2 if args.quick else 5
    fp32 = time_forward(FP32, reps)
    chosen = time_forward(choice, reps)
    # Without bf16 instructions bf16 is emulated and very slow: a small batch shows it.
    small = 2 if avx2 else 16
    bf16 = time_forward(Precision("bfloat16", channels_last=True), 1 if avx2 else reps, small)
    fp32_small = time_forward(FP32, reps, small) if avx2 else fp32
    return {
        "choice": {"dtype": choice.dtype, "channels_last": choice.channels_last},
        "probe_speedup": choice.speedup,
        "probe_seconds": t.wall,
        "remembered_seconds": t2.wall,
        "remembered_same": again == choice,
        "batch16_seconds": {"fp32": fp32, "chosen": chosen},
        "bf16_check": {"batch": small, "fp32": fp32_small, "bf16_channels_last": bf16},
        "speedup_vs_fp32": fp32 / chosen,
        "bf16_vs_fp32": fp32_small / bf16,
        "machine_key": _machine_key(cpu()),
    }


# ------------------------------------------------------------------ goal 6: prediction


def make_model_file(path: Path) -> Path:
    """A model file with the pretrained body and a fresh 10-way head (prediction speed does
    not depend on what the head learned)."""
    from engine.backbones import build_model, get_backbone
    from engine.config import TrainConfig
    from engine.modelfile import save_model

    net = build_model(BACKBONE, 10).eval()
    classes = [f"class_{i}" for i in range(10)]
    prep = get_backbone(BACKBONE).preprocessing
    return save_model(path, net=net, classes=classes, prep=prep, config=TrainConfig(), summary={})


def job_predict(size: dict, args) -> dict:
    from naive import predict_loop

    from engine.modelfile import load_model
    from engine.predict import Predictor

    folder = fashion_folder(size["predict_folder_per_class"], "test")
    paths = photo_paths(folder)
    out: dict = {"photos": len(paths)}
    with tempfile.TemporaryDirectory() as tmp:
        model_path = make_model_file(Path(tmp) / "bench.ftmodel")
        with Timer() as t_load:
            pred = Predictor(model_path)
        out["load_seconds"] = t_load.wall
        out["precision"] = pred.precision.dtype
        pred.predict_paths(paths[:8])  # warm
        for p in paths[:3]:
            pred.predict_image(p)

        out["backend"] = pred.backend
        loop = paths[: size["predict_loop_photos"]]
        naive_net = load_model(model_path).net
        # Interleaved rounds, median of each: a busy moment on the machine hits both sides.
        folder_rates, naive_rates = [], []
        for _ in range(size["predict_rounds"]):
            with Timer() as t:
                results = pred.predict_paths([folder])
            assert len(results) == len(paths) and not any(r.error for r in results)
            folder_rates.append(len(paths) / t.wall)
            with Timer() as t:
                naive_labels = predict_loop(naive_net, loop)
            naive_rates.append(len(loop) / t.wall)
            log(
                f"engine folder ({pred.backend}): {folder_rates[-1]:.1f} photos/s; "
                f"naive per-image loop: {naive_rates[-1]:.1f} photos/s"
            )
        out["engine_folder"] = {
            "photos_per_s": statistics.median(folder_rates),
            "runs": [round(r, 1) for r in folder_rates],
        }
        out["naive_loop"] = {
            "photos": len(loop),
            "photos_per_s": statistics.median(naive_rates),
            "runs": [round(r, 1) for r in naive_rates],
        }
        label_of = {r.path: r.label for r in results}
        out["same_label_as_naive"] = sum(
            label_of[str(p)] == pred.classes[i] for p, i in zip(loop, naive_labels, strict=True)
        ) / len(loop)
        torch_pred = Predictor(model_path, backend="torch")
        torch_pred.predict_paths(paths[:8])
        with Timer() as t:
            torch_pred.predict_paths([folder])
        out["engine_folder_torch"] = {
            "precision": torch_pred.precision.dtype,
            "photos_per_s": len(paths) / t.wall,
        }
        log(
            f"engine folder with PyTorch ({torch_pred.precision.dtype}): {len(paths) / t.wall:.1f} photos/s"
        )
        with Timer() as t:
            for p in loop:
                pred.predict_image(p)
        out["engine_loop"] = {
            "wall": t.wall,
            "photos": len(loop),
            "photos_per_s": len(loop) / t.wall,
        }
        log(f"engine per-image loop (predict_image): {len(loop) / t.wall:.1f} photos/s")

        def latency(files: list[Path]) -> dict:
            ms = []
            for p in files:
                t0 = time.perf_counter()
                r = pred.predict_image(p)
                ms.append(1000 * (time.perf_counter() - t0))
                assert r.error is None, r.error
            return {
                "median_ms": statistics.median(ms),
                "max_ms": max(ms),
                "runs_ms": [round(m, 1) for m in ms],
            }

        n = size["latency_photos"]
        out["latency_small"] = latency(paths[-n:])
        big = sorted(big_jpegs(200).rglob("*.jpg"))[:n]  # distinct files, not in this cache
        out["latency_12mp"] = latency(big)
        log(
            f"single photo: {out['latency_small']['median_ms']:.0f} ms (28 px PNG), "
            f"{out['latency_12mp']['median_ms']:.0f} ms (12 MP JPEG)"
        )
    return out


# ------------------------------------------------------------------------- goal 7: GUI


def job_gui(size: dict, args) -> dict:
    quick = ["--quick"] if args.quick else []
    env = bench_env(Path(args.home), QT_QPA_PLATFORM="offscreen")
    out: dict = {}

    log("launch to window shown")
    launches = []
    for _ in range(2 if args.quick else 3):
        launch_env = dict(env, FINETUNE_STUDIO_REPORT_SHOWN="quit")
        t0 = time.time()
        proc = subprocess.run(
            [sys.executable, "-m", "gui.launch"],
            env=launch_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("window-shown")), None)
        if line is None:
            out["launch_error"] = (proc.stderr or proc.stdout)[-2000:]
            break
        launches.append(float(line.split()[1]) - t0)
    out["launch_seconds"] = launches

    log("1M-point loss curve redraw")
    out["plot"] = run_child(["gui-child", "plot", *quick], env, script="gui_bench.py")

    log("500 photos dropped on the Use step")
    out["drop"] = run_child(["gui-child", "drop", *quick], env, script="gui_bench.py")

    log("the start of training in a fresh window (issue 13: Train in --demo)")
    out["start"] = run_child(["gui-child", "start", *quick], env, script="gui_bench.py")

    log("training in the window vs headless (alternating)")
    runs = []
    for _ in range(1 if args.quick else 2):
        gui = run_child(["gui-child", "train", *quick], env, script="gui_bench.py")
        head = run_child(["gui-headless", "--config", json.dumps(gui["config"]), *quick], env)
        runs.append({"gui": gui, "headless": head})
    out["training"] = runs
    return out


def job_gui_headless(size: dict, args) -> dict:
    from engine.config import TrainConfig
    from engine.training import train

    cfg = TrainConfig.from_dict(json.loads(args.config))
    with tempfile.TemporaryDirectory() as tmp:
        cfg.checkpoint = str(Path(tmp) / "m.ckpt")
        result = train(cfg, out=Path(tmp) / "m.ftmodel")
    return {"seconds": result.seconds, "epoch_seconds": [r.seconds for r in result.history]}


# ----------------------------------------------------------------------- goal 8: memory


def job_memory(size: dict, args) -> dict:
    quick = ["--quick"] if args.quick else []
    env = bench_env(Path(args.home))
    out: dict = {}
    n = size["mem_per_class"]
    log(f"peak memory: head only on {10 * n} photos (Fashion-MNIST {n} per class)")
    fashion_folder(n, "train")
    child = run_child(["mem-child", "--per-class", str(n), "--layers", "head", *quick], env)
    # The first child this process waited for: RUSAGE_CHILDREN's peak is its peak.
    child["peak_rss_mb_rusage_children"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )
    out["head_10k"] = child
    lin = []
    val_n = size["lin_val_per_class"]
    fashion_folder(val_n, "test")
    for per_class in size["lin_per_class"]:
        log(f"'last' preset on {10 * per_class} photos")
        fashion_folder(per_class, "train")
        lin.append(
            run_child(
                [
                    "mem-child",
                    "--per-class",
                    str(per_class),
                    "--layers",
                    "last",
                    "--val-per-class",
                    str(val_n),
                    *quick,
                ],
                env,
            )
        )
    out["linearity"] = lin
    return out


def job_mem_child(size: dict, args) -> dict:
    layers = args.layers
    train_dir = fashion_folder(args.per_class, "train")
    val_dir = fashion_folder(args.val_per_class, "test") if args.val_per_class else None
    epochs = size["mem_epochs"] if layers == "head" else size["lin_epochs"]
    kw = {} if layers == "head" else {"augment": False}  # 1 view: same epoch work, 1/3 prep
    result, t = engine_train(train_dir, val_dir, layers=layers, epochs=epochs, out=None, **kw)
    out = history_dict(result)
    out["train_photos"] = len(photo_paths(train_dir)) if val_dir else None
    out["photos"] = len(photo_paths(train_dir))
    out["val_photos"] = len(result.val_photos)
    out["epochs"] = epochs
    out["peak_rss_mb"] = peak_rss_mb()
    out["layers"] = layers
    return out


# ----------------------------------------------------------------------------- plumbing


def run_child(argv: list[str], env: dict, script: str = "goals.py") -> dict:
    """Run a helper in a new process; return its result dict (its log goes to stderr)."""
    cmd = [sys.executable, str(HERE / script), *argv]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{' '.join(argv)} failed (exit {proc.returncode})")
    return json.loads(line[len(RESULT_TAG) :])


JOBS = {
    "headonly": job_headonly,
    "last": job_last,
    "bigjpeg": job_bigjpeg,
    "probe": job_probe,
    "probe-child": job_probe_child,
    "predict": job_predict,
    "gui": job_gui,
    "gui-headless": job_gui_headless,
    "memory": job_memory,
    "mem-child": job_mem_child,
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("job", choices=sorted(JOBS))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cached-boundary", action="store_true")
    ap.add_argument("--goals", default="1,2,3,4,5,6,7,8")
    ap.add_argument("--home", default=str(OUT / "home"))
    ap.add_argument("--config", default="{}")
    ap.add_argument("--per-class", type=int, default=0)
    ap.add_argument("--val-per-class", type=int, default=0)
    ap.add_argument("--layers", default="head")
    args = ap.parse_args()
    args.goals = set(args.goals.split(","))
    size = SIZES["quick" if args.quick else "full"]
    t0 = time.perf_counter()
    result = JOBS[args.job](size, args)
    result["job_seconds"] = time.perf_counter() - t0
    emit_result(result)


if __name__ == "__main__":
    main()
