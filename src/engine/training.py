"""Fine-tune a backbone on a photo folder: the heart of the engine.

The shape of a run (nanoGPT-style, top to bottom; :func:`train` reads in these sections):

1. check where the run writes (the model and the checkpoint may not destroy an input);
2. scan the folder, split off validation photos, refuse what cannot work;
3. plan the run (:func:`engine.plan.plan_run`: which stage trains first, how many views),
   build the backbone with a new head and freeze the groups the person ticked;
4. cache inputs: run the frozen prefix of the network ONCE over every photo and keep its
   output (the "feature cache"): a frozen layer gives the same answer every epoch, so
   running it again is wasted time; with augmentation, a few augmented views per photo
   are cached instead;
5. one epoch at a time (:meth:`_Epochs.run_epoch` returns its :class:`EpochRecord`): AdamW,
   warm-up then cosine (or one-cycle), label smoothing and optional class weights; check
   on the validation photos; keep the best epoch; checkpoint; stop early when validation
   stops improving; stop cleanly mid-epoch when asked;
6. finish: the best epoch's weights, the "not sure" threshold, one model file
   (safetensors + JSON metadata), and the checkpoint removed once nothing is left to resume.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import math
import os
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from . import distributed, modelfile, preprocess
from .activation_store import ActivationStore, CachedBlocks, block_order, close_inputs
from .atomic import SaveError, check_name_fits
from .backbones import Preprocessing, StagedNet, build_model, get_backbone
from .config import MAX_CLASSES, EpochRecord, TrainConfig, TrainControl, TrainEvent, TrainResult
from .dataset import (
    Photo,
    ScanProgress,
    SkippedFile,
    check_trainable,
    list_categories,
    scan_folder,
    split_train_val,
)
from .device import (
    Precision,
    configure_device,
    grad_scaler,
    pick_device,
    resolve_precision,
    to_device,
)
from .distributed import Ranks, SharedVal
from .duplicates import find_leaks, leak_sentence
from .errors import Cancelled, DataError, StudioError
from .evaluation import default_threshold
from .features import FeatureCache, default_feature_cache, network_key
from .freezing import apply_freeze, count_parameters, set_train_mode, trainable_groups
from .gcpause import collector_paused
from .i18n import Messages, decimal, percent
from .images import ImageLoadError
from .pathguard import (
    PathGuardError,
    check_train_paths,
    remove_own_file,
    same_file,
    written_by_app,
)
from .plan import RunPlan, epochs_warning, plan_run
from .progress import Throttle, TimeLeft


class Training(Messages):
    """Messages of engine/training.py: a run's progress, warnings and refusals."""


def _emit(on_event, event: TrainEvent) -> None:
    if on_event is not None:
        on_event(event)


def _halve_after_oom(size: int, what: str, on_event) -> int:
    """The next smaller batch after the device ran out of memory (with a message saying so)."""
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    if size <= 1:
        raise StudioError(
            Training.tr(
                "Out of memory {what}, even with one photo at a time. Choose a smaller image "
                "size or backbone, train fewer layers, or close other programs."
            ).format(what=what)
        )
    size = max(1, size // 2)
    _emit(
        on_event,
        TrainEvent(
            "message",
            Training.tr(
                "Out of memory {what}: the batch size was halved to {size}; training goes on."
            ).format(what=what, size=size),
        ),
    )
    return size


# ------------------------------------------------------------------------- data preparation


@dataclass
class NetOnDevice:
    """The network as a run drives it: these five always travel together.

    ``upto`` is the first stage that trains (stages before it were run once, into the
    feature cache); ``prep`` turns photos into its input; ``precision`` says how the
    ``device`` computes (fp32, bf16 or fp16 autocast).
    """

    net: StagedNet
    upto: int
    prep: Preprocessing
    device: torch.device
    precision: Precision
    ranks: Ranks | None = None  # one process of a DDP run under torchrun, else None

    @property
    def writes(self) -> bool:
        """Whether this process writes files and reports (always, but for ranks > 0)."""
        return self.ranks is None or self.ranks.is_main

    def suffix_input(
        self, data: PreparedData, idx: torch.Tensor, views: torch.Tensor | None = None
    ) -> torch.Tensor:
        """The trained stages' input for photos ``idx`` of ``data`` (view ``views``)."""
        x = data.inputs[0, idx] if views is None else data.inputs[views, idx]
        x = to_device(x, self.device)  # on CUDA: pinned, non-blocking
        if self.upto == 0:
            return self.precision.input(preprocess.normalize(x, self.prep))
        return self.precision.input(x.float()) if x.dim() == 4 else x.float()

    def for_checking(self) -> NetOnDevice:
        """The same network run as the saved model will run afterwards (Results, Use, the
        command line: float32, see engine.predict), whatever precision speeds up training.
        Otherwise the accuracy that picks the best epoch and the one the Results step shows
        differ (measured on the sample: 90% in bfloat16 with float16 features, 87% for the
        same model in float32)."""
        return replace(self, precision=Precision("float32", self.precision.channels_last))


@dataclass
class PreparedData:
    """A train or validation set as tensors: the input of the first trained stage."""

    # (views, N, ...) float16 features, or (1, N, 3, H, W) uint8 photos; for a big folder
    # an ActivationStore (a memory-mapped file in the cache folder) indexed the same way.
    inputs: torch.Tensor | ActivationStore
    labels: torch.Tensor  # (N,)
    photos: list[Photo]


def _load_views(photo: Photo, prep: Preprocessing, views: int, seed: int) -> list[np.ndarray]:
    img = preprocess.load_resized(photo.path, prep.resize)
    out = [preprocess.plain_view(img, prep)]
    # Bytes, not text: a name that is not UTF-8 cannot be encoded as text; for UTF-8 names
    # random seeds a str and its UTF-8 bytes alike, so the views are the same as before.
    rng = random.Random(os.fsencode(f"{seed}:{photo.path}"))
    out += [preprocess.augmented_view(img, prep, rng) for _ in range(views - 1)]
    return out


def prepare(
    run: NetOnDevice,
    photos: list[Photo],
    *,
    views: int,
    seed: int,
    batch_size: int = 32,
    on_event=None,
    should_stop=lambda: False,
    label: str = "Preparing photos",
    feature_dtype: torch.dtype = torch.float16,
    cache: FeatureCache | None = None,
) -> tuple[PreparedData, list[SkippedFile]]:
    """Decode every photo once and run the frozen stages ``[0, run.upto)`` over it once.

    Decoding runs in a thread pool (Pillow releases the GIL) one batch ahead of the
    network. Photos that fail to load now (deleted, replaced, damaged since the scan) are
    skipped and listed. With ``upto == 0`` the uint8 photos themselves are kept. Features
    are stored as ``feature_dtype`` (float16 halves the memory of the training views; the
    checking photos keep float32, see :meth:`NetOnDevice.for_checking`). When the device
    runs out of memory, fewer photos go through at a time (with a message).
    With a ``cache`` (one plain view per photo only), photos whose features are on disk
    are not decoded at all, and new features are stored (see :mod:`engine.features`).
    """
    net, prep, upto, device, precision = run.net, run.prep, run.upto, run.device, run.precision
    if cache is not None and views == 1 and upto > 0:
        # float32 features serve a float16 request too (cast, as computing would).
        dtypes = [feature_dtype] + ([torch.float32] if feature_dtype != torch.float32 else [])
        keys = [network_key(net, upto, prep.to_dict(), precision.dtype, d) for d in dtypes]
        key = keys[0]
        found = [_cached(cache, keys, p.digest, feature_dtype) for p in photos]
        missing = [p for p, f in zip(photos, found, strict=True) if f is None]
        fresh, skipped = prepare(
            run, missing, views=1, seed=seed, batch_size=batch_size, on_event=on_event,
            should_stop=should_stop, label=label, feature_dtype=feature_dtype,
        )  # fmt: skip
        computed = {p.path: fresh.inputs[0, i].numpy() for i, p in enumerate(fresh.photos)}
        digest_of = {p.path: p.digest for p in missing}
        for path, arr in computed.items():
            cache.put(key, digest_of[path], arr)
        kept = [
            p for p, f in zip(photos, found, strict=True) if f is not None or p.path in computed
        ]
        if not kept:
            return fresh, skipped
        rows = [
            torch.from_numpy(f if f is not None else computed[p.path])
            for p, f in zip(photos, found, strict=True)
            if f is not None or p.path in computed
        ]
        inputs = torch.stack(rows).unsqueeze(0)
        labels = torch.tensor([p.label for p in kept], dtype=torch.long)
        return PreparedData(inputs, labels, kept), skipped
    skipped: list[SkippedFile] = []
    kept: list[Photo] = []
    throttle = Throttle(5)
    batches = [photos[i : i + batch_size] for i in range(0, len(photos), batch_size)]
    chunk = 0  # photos per forward pass of the frozen stages; 0: the whole batch

    def load_batch(batch: list[Photo]):
        results = []
        for p in batch:
            try:
                results.append((p, _load_views(p, prep, views, seed)))
            except ImageLoadError as exc:
                results.append((p, exc.reason))
            except OSError as exc:
                results.append((p, Training.tr("cannot be read ({why})").format(why=exc)))
        return results

    net.eval()
    with ThreadPoolExecutor(max_workers=2) as pool, CachedBlocks(len(photos)) as blocks:
        pending = pool.submit(load_batch, batches[0]) if batches else None
        for bi in range(len(batches)):
            if should_stop():
                raise Cancelled()
            results = pending.result()  # type: ignore[union-attr]
            pending = pool.submit(load_batch, batches[bi + 1]) if bi + 1 < len(batches) else None
            good = [(p, v) for p, v in results if not isinstance(v, str)]
            skipped += [SkippedFile(str(p.path), v) for p, v in results if isinstance(v, str)]
            if not good:
                continue
            kept += [p for p, _ in good]
            # (views, B, 3, H, W) uint8
            stacked = torch.stack(
                [preprocess.to_batch([v[k] for _, v in good]) for k in range(views)]
            )
            if upto == 0:
                blocks.add(stacked)
            else:
                flat = stacked.flatten(0, 1)
                parts: list[torch.Tensor] = []
                i = 0
                while i < len(flat):
                    # The whole batch at once, or ``chunk`` photos once memory ran out.
                    part = flat[i : i + chunk] if chunk else flat[i:]
                    try:
                        with torch.inference_mode(), precision.autocast(device):
                            x = precision.input(preprocess.normalize(part.to(device), prep))
                            feats = net.run(x, 0, upto).float()
                    except torch.OutOfMemoryError:
                        chunk = _halve_after_oom(
                            chunk or len(part), Training.tr("while computing features"), on_event
                        )
                        continue
                    parts.append(feats.to(feature_dtype).cpu())
                    i += len(part)
                feats = torch.cat(parts)
                blocks.add(feats.view(views, len(good), *feats.shape[1:]))
            if on_event and throttle.ready(final=bi == len(batches) - 1):
                _emit(on_event, TrainEvent("stage", label, fraction=(bi + 1) / len(batches)))
    inputs = blocks.inputs()
    if inputs is None:
        empty = torch.empty(views, 0)
        return PreparedData(empty, torch.empty(0, dtype=torch.long), []), skipped
    labels = torch.tensor([p.label for p in kept], dtype=torch.long)
    return PreparedData(inputs, labels, kept), skipped


def _cached(
    cache: FeatureCache, keys: list[str], digest: str, dtype: torch.dtype
) -> np.ndarray | None:
    for key in keys:
        arr = cache.get(key, digest)
        if arr is not None:
            return arr.astype(np.float32 if dtype == torch.float32 else np.float16, copy=False)
    return None


# ------------------------------------------------------------------------- the training loop


def _lr_at(step: int, total: int, warmup: int, base: float, schedule: str) -> float:
    if schedule == "onecycle":
        peak = max(1, int(0.3 * total))
        if step < peak:
            return base * (0.04 + 0.96 * step / peak)
        frac = (step - peak) / max(1, total - peak)
        return base * 0.5 * (1 + math.cos(math.pi * frac)) + 1e-7
    if step < warmup:
        return base * (step + 1) / warmup
    frac = (step - warmup) / max(1, total - warmup)
    return base * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, frac))))


def _augment_uint8(x: torch.Tensor, flip: torch.Tensor) -> torch.Tensor:
    """On-the-fly augmentation when nothing is cached: mirror the photos ``flip`` picks."""
    x = x.clone()
    x[flip] = x[flip].flip(-1)
    return x


@torch.no_grad()
def evaluate_prepared(
    run: NetOnDevice, data: PreparedData, batch_size: int = 256
) -> tuple[float, float, torch.Tensor]:
    """(loss, accuracy, logits) of ``run.net`` on prepared validation data (plain view)."""
    net = run.net
    net.eval()
    n = len(data.labels)
    logits = []
    i = 0
    while i < n:
        idx = torch.arange(i, min(n, i + batch_size))
        try:
            x = run.suffix_input(data, idx)
            with run.precision.autocast(run.device):
                logits.append(net.run(x, run.upto).float().cpu())
        except torch.OutOfMemoryError:
            batch_size = _halve_after_oom(batch_size, Training.tr("while checking"), None)
            continue
        i += len(idx)
    out = torch.cat(logits) if logits else torch.empty(0, 1)
    if n == 0:
        return float("nan"), float("nan"), out
    loss = F.cross_entropy(out, data.labels).item()
    acc = (out.argmax(1) == data.labels).float().mean().item()
    return loss, acc, out


def evaluate_run(
    run: NetOnDevice, data: PreparedData | SharedVal
) -> tuple[float, float, torch.Tensor]:
    """:func:`evaluate_prepared`; under DDP each rank checks its share and all gather."""
    if run.ranks is None:
        return evaluate_prepared(run, data)
    run.ranks.sync_buffers(run.net)  # BatchNorm statistics as rank 0 has them (and saves)
    _, _, local = evaluate_prepared(run, data.local)
    logits = distributed.gather_logits(run.ranks, local, run.net.head.out_features)
    if len(data.labels) == 0:
        return float("nan"), float("nan"), logits
    loss = F.cross_entropy(logits, data.labels).item()
    return loss, (logits.argmax(1) == data.labels).float().mean().item(), logits


# ------------------------------------------------------------------------------ the run


def train(
    config: TrainConfig,
    *,
    out: str | Path | None = None,
    on_event=None,
    control: TrainControl | None = None,
    should_stop=None,
    resume: str | Path | None = None,
    ranks: Ranks | None = None,
) -> TrainResult:
    """Train per ``config``; save the best epoch's model to ``out`` (if given).

    ``on_event`` receives :class:`TrainEvent` objects (throttled, at most ~10 a second).
    ``control`` (or a plain ``should_stop`` callable) stops or pauses the run; a stop
    mid-epoch keeps the best *completed* epoch. ``resume`` continues from a checkpoint.
    Raises :class:`~engine.errors.DataError` for folders that cannot be trained on, and
    :class:`~engine.errors.StudioError` before any work for outputs that cannot be written.
    ``ranks`` (from :func:`engine.distributed.init_from_env`) runs this as one process of a
    DDP run under torchrun (see docs/scale.md): only rank 0 reports and writes files.
    """
    if ranks is not None and not ranks.is_main:
        on_event = None  # one voice: rank 0's
    config.check()
    started = time.monotonic()
    control = control or TrainControl()
    stop = should_stop or control.should_stop
    check_run_paths(config, out, resume)
    get_backbone(config.backbone)  # a mistyped name is said now, not after the scan
    if (warning := epochs_warning(config)) is not None:
        _emit(on_event, TrainEvent("message", warning))
    torch.manual_seed(config.seed)
    # The checkpoint's weights, optimizer and history; the caller decides the config
    # (normally the checkpoint's own, see modelfile.Checkpoint.config).
    state = modelfile.load_checkpoint(resume) if resume else None

    photos = scan_photos(config, on_event, stop)
    run, plan, params = build_run(config, photos.classes, state, on_event, ranks)
    with contextlib.ExitStack() as cleanup:  # a big folder's activation files, however it ends
        train_data, val_data = cache_inputs(run, plan, photos, config, on_event, stop, cleanup)

        epochs = _Epochs(config, run, plan, photos.classes, train_data, val_data, state, on_event)
        epochs.control, epochs.stop = control, stop
        # Stored absolute in every checkpoint: `--resume` from any folder saves it here.
        epochs.model_path = str(Path(out).absolute()) if out is not None else None
        _emit(on_event, TrainEvent("message", epochs.opening_words(params)))
        for epoch in range(epochs.start_epoch, config.epochs + 1):
            record = epochs.run_epoch(epoch)
            if record is None:  # stopped mid-epoch: that epoch is not kept
                break
            epochs.keep(record)
            if epochs.stop_early(epoch):
                break

        result = TrainResult(
            classes=photos.classes,
            history=epochs.history,
            best_epoch=epochs.best.epoch,
            val_accuracy=epochs.best.accuracy if epochs.best.epoch is not None else None,
            skipped=photos.skipped + photos.cache_skipped,
            warnings=photos.warnings,
            stopped=epochs.stopped,
            early_stopped=epochs.early,
            model_path=None,
            seconds=time.monotonic() - started,
            trainable_params=params[0],
            total_params=params[1],
            net=epochs.best.restore(run.net),
            val_photos=val_data.photos,
        )
        if out is not None and epochs.best.epoch is not None:
            result.model_path = save_best(result, run, val_data, config, Path(out), on_event)
            resumed_it = bool(resume and config.checkpoint and same_file(resume, config.checkpoint))
            if (epochs.wrote_checkpoint or resumed_it) and not epochs.stopped and run.writes:
                # The run is complete and its model saved: nothing is left to resume. Only a
                # checkpoint this run wrote (or resumed from, with nothing left to train) is
                # removed, never the model or another file.
                remove_own_file(
                    config.checkpoint, [modelfile.CHECKPOINT_FORMAT], keep=[result.model_path]
                )
        result.seconds = time.monotonic() - started
        _emit(on_event, TrainEvent("done", _closing_words(result, epochs.best.accuracy)))
        return result


def warm_up(config: TrainConfig, should_stop=lambda: False, on_part=lambda name: None) -> None:
    """Do beforehand what the first run of this process would otherwise do right after
    Train is pressed (the window calls this on a worker thread when it opens).

    Importing this module loads torch and torchvision; then the precision probe (timed
    once per computer, then remembered) and the backbone's stage timing (the Model step's
    estimate, engine.measure). Measured on the sample: these held the GIL in long Python
    stretches (deep copies of the network, eager forward passes, imports) on the worker
    thread during the first second of training, and the window's 10 ms timer came up to
    240 ms late on a quiet machine (benchmarks/gui_bench.py start). ``should_stop``
    (the window closing) skips what is left; each part is only a head start.
    ``on_part`` is told the name of each part when it ends.
    """
    from .measure import probe_structure, wait_for_background_measuring

    # The window measures in a child process (measure.measure_in_background): its answers.
    wait_for_background_measuring(should_stop)
    on_part("measuring")
    if should_stop():
        return
    resolve_precision(pick_device(config.device), config.precision)
    on_part("precision")
    if should_stop():
        return
    with contextlib.suppress(StudioError):  # a backbone unknown here is said by the run
        probe_structure(config.backbone)
    on_part("stage timing")


@contextlib.contextmanager
def _first_import_uncollected(module: str) -> Iterator[None]:
    """Run the body with Python's cyclic garbage collector off if it will import ``module``
    (not imported yet), then keep what the import built out of later collections.

    The first optimizer of a process imports ``torch._dynamo`` (torch wraps
    ``Optimizer.add_param_group`` in its lazy ``_disable_dynamo``): 899 modules, 1.4 s
    here. Full collections in the middle of it walked everything it had built while
    holding the GIL (39-59 ms each, and the window's 10 ms timer as late,
    benchmarks/gui_bench.py start). Modules make little cyclic garbage, and
    ``gc.freeze`` is O(1).
    """
    if module in sys.modules or not gc.isenabled():
        yield
        return
    with collector_paused():
        yield


# --------------------------------------------------------------------- 1. where it writes


def check_run_paths(config: TrainConfig, out: str | Path | None, resume: str | Path | None) -> None:
    """Refuse, before any work, a run whose outputs would destroy something.

    The model and the checkpoint may not be the same file, nor a photo of the run, nor
    the checkpoint being resumed (for the model); an existing file named as the
    checkpoint must be a checkpoint of this app (it is overwritten every epoch and removed
    at the end); each name must leave room for the temporary name of an atomic save.
    """
    if out is not None:
        check_train_paths(
            data_dir=config.data_dir or None,
            val_dir=config.val_dir,
            out=out,
            checkpoint=config.checkpoint,
            resume=resume,
        )
    ckpt = config.checkpoint
    if ckpt and Path(ckpt).exists() and not written_by_app(ckpt, [modelfile.CHECKPOINT_FORMAT]):
        raise PathGuardError(
            Training.tr(
                "{path} already exists and is not a training checkpoint: using it as the "
                "checkpoint would overwrite it and then delete it. Choose another file name."
            ).format(path=ckpt)
        )
    for path in (out, ckpt):
        if path:
            check_name_fits(path)


# ----------------------------------------------------------------------------- 2. photos


@dataclass
class RunPhotos:
    """The photos of a run: its categories, the training and validation split, and what
    was skipped or worth a warning on the way."""

    classes: list[str]
    train: list[Photo]
    val: list[Photo]
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cache_skipped: list[SkippedFile] = field(default_factory=list)  # failed when cached


def run_preprocessing(config: TrainConfig) -> Preprocessing:
    """The run's preprocessing: the backbone's own, at ``config.image_size`` if one is set."""
    info = get_backbone(config.backbone)
    return (
        info.preprocessing.for_size(config.image_size) if config.image_size else info.preprocessing
    )


def scan_photos(config: TrainConfig, on_event, stop) -> RunPhotos:
    """Scan the folder (and the checking folder), split, and refuse what cannot work.

    The scan's one decode of each photo also fills the image cache at the run's size, so
    the data stage reads the photos instead of decoding them a second time.
    """
    resize = run_preprocessing(config).resize

    def scan_progress(p: ScanProgress) -> None:
        fraction = p.done / max(1, p.total)
        _emit(
            on_event,
            TrainEvent(
                "stage",
                Training.tr("Checking photos ({done} of {total})").format(
                    done=p.done, total=p.total
                ),
                fraction=fraction,
            ),
        )

    # Counted before the scan (a folder listing): a model with more categories than a
    # model file may hold could be trained but never opened again.
    if config.data_dir and len(list_categories(Path(config.data_dir))) > MAX_CLASSES:
        raise DataError(
            Training.tr(
                "{folder} has more than {most} category folders; a model "
                "can tell at most {most} categories apart. Use fewer categories."
            ).format(folder=config.data_dir, most=f"{MAX_CLASSES:,}")
        )
    scan = scan_folder(
        config.data_dir, on_progress=scan_progress, should_stop=stop, cache_resize=resize
    )
    photos = RunPhotos(scan.classes, [], [], list(scan.skipped), list(scan.warnings))
    if config.val_dir:
        vscan = scan_folder(
            config.val_dir,
            classes=scan.classes,
            on_progress=scan_progress,
            should_stop=stop,
            cache_resize=resize,
        )
        photos.train, photos.val = list(scan.photos), list(vscan.photos)
        photos.skipped += vscan.skipped
        photos.warnings += [
            Training.tr("Validation folder: {warning}").format(warning=w) for w in vscan.warnings
        ]
        leaks = find_leaks(scan.photos, vscan.photos)
        if leaks:
            photos.warnings.append(leak_sentence(len(leaks)))
    else:
        photos.train, photos.val = split_train_val(scan, config.val_split, config.seed)
    check_trainable(scan.classes, photos.train, photos.val)
    for w in photos.warnings:
        _emit(on_event, TrainEvent("message", w))
    return photos


# ---------------------------------------------------------------------- 3. plan and model


def build_run(
    config: TrainConfig, classes: list[str], state, on_event, ranks: Ranks | None = None
) -> tuple[NetOnDevice, RunPlan, tuple[int, int]]:
    """The backbone with a new head, frozen per the plan, on its device.

    Returns the network as the run drives it, the plan, and (trainable, total) parameters.
    Under DDP the device is the rank's own, and rank 0's precision is every rank's.
    """
    info = get_backbone(config.backbone)
    prep = run_preprocessing(config)
    device = ranks.device if ranks else pick_device(config.device)
    configure_device(device)
    _emit(on_event, TrainEvent("stage", Training.tr("Loading {name}").format(name=info.title)))
    net = build_model(config.backbone, len(classes))
    plan = plan_run(config, trainable_groups(net), list(net.stage_names))
    apply_freeze(net, plan.freeze)
    params = count_parameters(net, plan.freeze)
    if state is not None:
        net.load_state_dict(state.weights)
    if device.type == "cpu" or config.precision != "auto":
        _emit(
            on_event,
            TrainEvent("stage", Training.tr("Choosing the fastest settings for this computer")),
        )
    if ranks is None:
        precision = resolve_precision(device, config.precision)
    else:  # probed once, on rank 0: every rank computes the same way
        mine = resolve_precision(device, config.precision) if ranks.is_main else None
        precision = ranks.broadcast_object(mine)
    net.to(device)
    precision.prepare(net)
    return NetOnDevice(net, plan.upto, prep, device, precision, ranks), plan, params


# --------------------------------------------------------------------------- 4. the cache


def cache_order(photos: list[Photo], seed: int) -> list[Photo]:
    """The training photos in the order their cached rows are written: a seeded shuffle.

    The split (and a scan) lists the photos category by category, and a big folder's cache
    is a file read block by block (:func:`~engine.activation_store.block_order`): in that
    order each block, and so each batch, would hold one or two categories, and each epoch
    would end on the last blocks' categories (5,000 generated photos trained to 30.5%
    checking accuracy, against 55-65% for 500-2,500). Shuffled once here, every block is
    a random sample of the whole set. Under DDP each rank's share is then mixed too.
    """
    mixed = list(photos)
    random.Random(f"cache-order-{seed}").shuffle(mixed)
    return mixed


def cache_inputs(
    run: NetOnDevice,
    plan: RunPlan,
    photos: RunPhotos,
    config: TrainConfig,
    on_event,
    stop,
    cleanup: contextlib.ExitStack,
) -> tuple[PreparedData, PreparedData | SharedVal]:
    """Run the frozen stages once over every photo (training views and validation).

    Activation files of a big folder are handed to ``cleanup``. Under DDP each rank caches
    its share; the training shares are gathered (every rank trains on the same cache),
    the validation shares stay where they are (each rank checks its own).
    """
    ranks = run.ranks
    sets: list = []
    for which, net, views, dtype, items in (
        ("training", run, plan.views, torch.float16, cache_order(photos.train, config.seed)),
        ("validation", run.for_checking(), 1, torch.float32, photos.val),
    ):
        label = {
            (True, "training"): Training.tr(
                "Computing features of the frozen layers (training photos)"
            ),
            (True, "validation"): Training.tr(
                "Computing features of the frozen layers (validation photos)"
            ),
            (False, "training"): Training.tr("Loading photos (training photos)"),
            (False, "validation"): Training.tr("Loading photos (validation photos)"),
        }[(plan.caches_features, which)]
        data, skipped = prepare(
            net,
            ranks.share(items) if ranks else items,
            views=views,
            feature_dtype=dtype,
            cache=default_feature_cache(),
            seed=config.seed,
            batch_size=config.batch_size,
            on_event=on_event,
            should_stop=stop,
            label=label,
        )
        cleanup.callback(close_inputs, data.inputs)
        if ranks and which == "training":
            inputs, labels, kept, skipped = distributed.share_prepared(ranks, data, skipped)
            data = PreparedData(inputs, labels, kept)
            cleanup.callback(close_inputs, data.inputs)
        elif ranks:
            data, skipped = distributed.share_validation(ranks, data, skipped)
        photos.cache_skipped += skipped
        sets.append(data)
    check_trainable(photos.classes, sets[0].photos, sets[1].photos)
    return sets[0], sets[1]


# --------------------------------------------------------------------------- 5. the epochs


@dataclass
class BestEpoch:
    """The best epoch so far: highest validation accuracy, a tie broken by lower loss."""

    epoch: int | None = None
    accuracy: float = -1.0
    loss: float = float("inf")
    weights: dict[str, torch.Tensor] | None = None

    @classmethod
    def resumed(cls, state, history: list[EpochRecord]) -> BestEpoch:
        """The best epoch a checkpoint kept (none for a fresh run)."""
        if state is None or state.best_weights is None:
            return cls()
        best = cls(epoch=state.best_epoch, weights=state.best_weights)
        record = next((r for r in history if r.epoch == state.best_epoch), None)
        if record:
            best.accuracy, best.loss = record.val_accuracy, record.val_loss
        return best

    def offer(self, record: EpochRecord, net: StagedNet) -> bool:
        """Keep ``record``'s weights if it beats the best so far; say whether it did."""
        better = record.val_accuracy > self.accuracy or (
            record.val_accuracy == self.accuracy and record.val_loss < self.loss
        )
        if better:
            self.epoch, self.accuracy, self.loss = (
                record.epoch,
                record.val_accuracy,
                record.val_loss,
            )
            self.weights = {k: t.detach().to("cpu", copy=True) for k, t in net.state_dict().items()}
        return better

    def restore(self, net: StagedNet) -> StagedNet:
        """``net`` with the best epoch's weights (as it is if none finished), on the CPU."""
        if self.weights is not None:
            net.load_state_dict(self.weights)
        return net.eval().to("cpu")


@dataclass
class _Steps:
    """Batch size and step counts; they change when the device runs out of memory."""

    n: int  # training photos
    batch_size: int
    epochs: int
    warmup_epochs: float

    def __post_init__(self) -> None:
        self.steps_per_epoch = max(1, math.ceil(self.n / self.batch_size))
        self.total = self.steps_per_epoch * self.epochs
        self.warmup = int(self.warmup_epochs * self.steps_per_epoch)

    def halve_after_oom(
        self, done_in_epoch: int, pos: int, step: int, epoch: int, on_event
    ) -> None:
        """Halve the batch; the rest of this epoch and the later ones take more, smaller steps."""
        self.batch_size = _halve_after_oom(self.batch_size, Training.tr("while training"), on_event)
        left = math.ceil((self.n - pos) / self.batch_size)
        self.steps_per_epoch = done_in_epoch + left
        self.total = step + left + (self.epochs - epoch) * math.ceil(self.n / self.batch_size)

    def new_epoch(self) -> None:
        self.steps_per_epoch = max(1, math.ceil(self.n / self.batch_size))


class _Epochs:
    """The training loop's state across epochs: optimizer, steps, history, best, stops."""

    def __init__(
        self,
        config: TrainConfig,
        run: NetOnDevice,
        plan: RunPlan,
        classes: list[str],
        train_data: PreparedData,
        val_data: PreparedData,
        state,
        on_event,
    ) -> None:
        self.config, self.run, self.plan, self.classes = config, run, plan, classes
        self.train_data, self.val_data = train_data, val_data
        self.on_event = on_event
        self.control = TrainControl()
        self.stop = self.control.should_stop
        self.model_path: str | None = None
        self.gen = torch.Generator().manual_seed(config.seed)
        params = [p for p in run.net.parameters() if p.requires_grad]  # only what trains
        with _first_import_uncollected("torch._dynamo"):
            self.opt = torch.optim.AdamW(
                [
                    {
                        "params": [p for p in params if p.dim() > 1],
                        "weight_decay": config.weight_decay,
                    },
                    {"params": [p for p in params if p.dim() <= 1], "weight_decay": 0.0},
                ],
                lr=plan.lr,
            )
        self.scaler = grad_scaler(run.precision, run.device)  # float16 on CUDA; else a no-op
        # Under DDP the trained stages run through DistributedDataParallel (averaged grads).
        self.ddp = distributed.wrap(run.net, run.upto, run.ranks) if run.ranks else None
        self.weights = None
        if config.class_weights:
            counts = torch.bincount(train_data.labels, minlength=len(classes))
            counts = counts.float().clamp(min=1)
            self.weights = (counts.sum() / (len(counts) * counts)).to(run.device)
        self.steps = _Steps(
            len(train_data.labels), config.batch_size, config.epochs, config.warmup_epochs
        )
        self.history: list[EpochRecord] = list(state.history) if state else []
        self.best = BestEpoch.resumed(state, self.history)
        if state is not None and state.optimizer:
            self.opt.load_state_dict(state.optimizer)
        self.start_epoch = len(self.history) + 1
        self.step = (self.start_epoch - 1) * self.steps.steps_per_epoch
        self.stopped = self.early = self.wrote_checkpoint = False
        # A check runs the trained stages forward once over the validation photos: about a
        # third of a training pass (forward, backward, update) over as many photos.
        n_val = len(val_data.labels)
        self.time_left = TimeLeft(check_fraction=n_val / max(1, 3 * self.steps.n))

    def opening_words(self, params: tuple[int, int]) -> str:
        trainable, total = params
        views = self.plan.views
        text = Training.tr(
            "Training {trainable} of {total} parameters ({layers}) on "
            "{photos} photos, checking on {checking}."
        ).format(
            trainable=f"{trainable:,}",
            total=f"{total:,}",
            layers=self.plan.freeze.describe(),
            photos=len(self.train_data.labels),
            checking=len(self.val_data.labels),
        )
        if views > 1:
            text += " " + Training.tr("{views} views per photo.").format(views=views)
        return text

    def _eta(self, epoch: int, done_in_epoch: int) -> float | None:
        spe, epochs = self.steps.steps_per_epoch, self.config.epochs
        done = (epoch - 1) * spe + done_in_epoch
        return self.time_left.update(done, epochs * spe, spe, epochs - epoch + 1)

    def run_epoch(self, epoch: int) -> EpochRecord | None:
        """One pass over the training photos, then the check; None if stopped mid-epoch."""
        run, config, steps = self.run, self.config, self.steps
        t0 = time.monotonic()
        steps.new_epoch()
        set_train_mode(run.net, self.plan.freeze)
        if isinstance(self.train_data.inputs, ActivationStore):
            order = block_order(steps.n, self.gen)  # a file on disk: read it in long runs
        else:
            order = torch.randperm(steps.n, generator=self.gen)
        pending: list[tuple[int, float]] = []
        throttle = Throttle(10)
        loss_sum = correct = seen = 0.0
        b = pos = 0  # steps done in this epoch, photos done in this epoch
        lr = self.plan.lr
        while pos < steps.n:
            self.control.wait_if_paused()
            if self.stop():
                self.stopped = True
                _emit(
                    self.on_event,
                    TrainEvent(
                        "message",
                        Training.tr(
                            "Stopped during epoch {epoch}; it was not finished, so it is not kept."
                        ).format(epoch=epoch),
                    ),
                )
                return None
            idx = order[pos : pos + steps.batch_size]
            lr = _lr_at(self.step, steps.total, steps.warmup, self.plan.lr, config.schedule)
            try:
                lv, hits, count = self._step(idx, lr)
            except torch.OutOfMemoryError:
                if run.ranks:  # every rank must take the same steps: no halving on one alone
                    raise StudioError(
                        Training.tr(
                            "Out of memory while training on several processes: start again "
                            "with a smaller --batch-size."
                        )
                    ) from None
                self.opt.zero_grad(set_to_none=True)
                steps.halve_after_oom(b, pos, self.step, epoch, self.on_event)
                continue
            pos += len(idx)
            b += 1
            self.step += 1
            if not math.isfinite(lv):
                raise StudioError(
                    Training.tr(
                        "Training stopped in epoch {epoch}: the loss became {loss} (not a "
                        "number), so the network learned nothing usable and no model was saved. "
                        "Try a lower learning rate, or check the backbone's weights file."
                    ).format(epoch=epoch, loss=lv)
                )
            loss_sum += lv * count
            correct += hits
            seen += count
            pending.append((self.step, lv))
            if throttle.ready(final=pos >= steps.n):
                _emit(
                    self.on_event,
                    TrainEvent(
                        "step",
                        epoch=epoch,
                        total_epochs=config.epochs,
                        step=b,
                        steps_per_epoch=steps.steps_per_epoch,
                        losses=tuple(pending),
                        eta_seconds=self._eta(epoch, b),
                    ),
                )
                pending = []
        t_check = time.monotonic()
        val_loss, val_acc, _ = evaluate_run(run.for_checking(), self.val_data)
        self.time_left.checked(time.monotonic() - t_check)
        secs = time.monotonic() - t0
        return EpochRecord(
            epoch, loss_sum / max(1, seen), correct / max(1, seen), val_loss, val_acc, secs, lr
        )

    def _step(self, idx: torch.Tensor, lr: float) -> tuple[float, float, float]:
        """One optimizer step on photos ``idx`` at learning rate ``lr``.

        Returns the batch's mean loss, its correct answers and its photo count. Under DDP
        ``idx`` is the global batch (the same on every rank): this rank trains on its
        slice, and the three figures are summed over ranks, as one process would see them.
        """
        run, data, ranks = self.run, self.train_data, self.run.ranks
        views = self.plan.views
        whole = idx
        v = torch.randint(0, views, (len(idx),), generator=self.gen) if views > 1 else None
        flip = None
        if run.upto == 0 and self.plan.augment:  # drawn for the whole batch, on every rank
            flip = torch.rand(len(idx), generator=self.gen) < 0.5
        share = 1.0
        if ranks:
            pick, share = ranks.local_batch(torch.arange(len(idx)))
            idx = idx[pick]
            v = v[pick] if v is not None else None
            flip = flip[pick] if flip is not None else None
        for g in self.opt.param_groups:
            g["lr"] = lr
        x = run.suffix_input(data, idx, v)
        if flip is not None:
            x = _augment_uint8(x, flip)
        y = data.labels[idx].to(run.device)
        with run.precision.autocast(run.device):
            logits = run.net.run(x, run.upto) if self.ddp is None else self.ddp(x)
        if ranks is None:
            loss = F.cross_entropy(
                logits.float(), y, weight=self.weights, label_smoothing=self.config.label_smoothing
            )
            part = loss.detach()
        else:
            denominator = (
                float(self.weights.cpu()[data.labels[whole]].sum())
                if self.weights is not None
                else len(whole)
            )
            loss, part = distributed.batch_loss(
                ranks,
                logits,
                y,
                denominator,
                share,
                weight=self.weights,
                label_smoothing=self.config.label_smoothing,
            )
        self.opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self.scaler.step(self.opt)
        self.scaler.update()
        hits = (logits.argmax(1) == y).sum().item()
        if ranks is None:
            return part.item(), hits, len(idx)
        mine = torch.tensor([part.item(), share * hits, share * len(idx)], dtype=torch.float64)
        lv, hits, count = ranks.sum(mine).tolist()
        return lv, hits, count

    def keep(self, record: EpochRecord) -> None:
        """Record a finished epoch: history, best, the epoch's event, the checkpoint."""
        self.history.append(record)
        tied_with = self.best.epoch if record.val_accuracy == self.best.accuracy else None
        is_best = self.best.offer(record, self.run.net)
        _emit(
            self.on_event,
            TrainEvent(
                "epoch",
                epoch=record.epoch,
                total_epochs=self.config.epochs,
                record=record,
                best=is_best,
                steps_per_epoch=self.steps.steps_per_epoch,
                step=self.steps.steps_per_epoch,
                eta_seconds=self._eta(record.epoch + 1, 0),
                message=_epoch_words(record, is_best, tied_with if is_best else None),
                tied_with=tied_with if is_best else None,
            ),
        )
        self._checkpoint()

    def _checkpoint(self) -> None:
        config = self.config
        if not config.checkpoint or not self.run.writes:  # under DDP: rank 0 only
            return
        try:
            modelfile.save_checkpoint(
                config.checkpoint,
                net=self.run.net,
                config=config,
                classes=self.classes,
                prep=self.run.prep,
                history=self.history,
                optimizer=self.opt.state_dict(),
                best_weights=self.best.weights,
                best_epoch=self.best.epoch,
                model_path=self.model_path,
            )
            self.wrote_checkpoint = True
        except SaveError as exc:
            # A full disk must not throw away the training itself: say so and go on.
            _emit(
                self.on_event,
                TrainEvent(
                    "message",
                    Training.tr(
                        "{problem} Training goes on, but this epoch cannot be resumed after a crash."
                    ).format(problem=exc),
                ),
            )

    def stop_early(self, epoch: int) -> bool:
        """True (with a message) once validation has not improved for ``patience`` epochs."""
        patience = self.config.early_stop_patience
        since_best = epoch - (self.best.epoch or 0)
        if not patience or since_best < patience or epoch >= self.config.epochs:
            return False
        self.early = True
        best = self.best.epoch
        _emit(
            self.on_event,
            TrainEvent(
                "message",
                Training.tr(
                    "Validation accuracy stopped improving at epoch {epoch}; "
                    "stopped early and kept the best epoch ({epoch})."
                ).format(epoch=best),
            ),
        )
        return True


# ----------------------------------------------------------------------------- 6. finish


def save_best(
    result: TrainResult,
    run: NetOnDevice,
    val_data: PreparedData | SharedVal,
    config: TrainConfig,
    path: Path,
    on_event,
) -> Path | None:
    """Save the best epoch's network (``result.net``) with its "not sure" threshold.

    Under DDP every rank helps check; rank 0 alone saves (the others return None).
    """
    _emit(
        on_event,
        TrainEvent("stage", Training.tr("Saving the model to {name}").format(name=path.name)),
    )
    net = result.net
    assert net is not None
    threshold = None
    _, _, val_logits = evaluate_run(replace(run.for_checking(), net=net.to(run.device)), val_data)
    net.to("cpu")
    if len(val_logits):
        threshold = default_threshold(val_logits.softmax(1), val_data.labels)
    if not run.writes:
        return None
    modelfile.save_model(
        path,
        net=net,
        classes=result.classes,
        prep=run.prep,
        config=config,
        summary=_summary(result, threshold),
    )
    return path


def _closing_words(result: TrainResult, best_acc: float) -> str:
    if result.best_epoch is None:
        if result.stopped:
            return Training.tr("Stopped before the first epoch finished: no model was saved.")
        return Training.tr("No epoch finished.")
    text = Training.tr("Done: best validation accuracy {accuracy} at epoch {epoch}").format(
        accuracy=percent(best_acc, 1), epoch=result.best_epoch
    )
    if result.early_stopped:
        text += Training.tr(" (stopped early)")
    if result.stopped:
        text += Training.tr(" (stopped at your request)")
    return text + "."


def _summary(result: TrainResult, threshold: float | None) -> dict[str, Any]:
    return {
        "history": [r.to_dict() for r in result.history],
        "best_epoch": result.best_epoch,
        "val_accuracy": result.val_accuracy,
        "threshold": threshold,
        "trained_on": len(result.history),
        "skipped_files": len(result.skipped),
    }


def _epoch_words(r: EpochRecord, best: bool, tied_with: int | None = None) -> str:
    text = Training.tr("Epoch {epoch}: validation accuracy {accuracy}").format(
        epoch=r.epoch, accuracy=percent(r.val_accuracy)
    )
    if best and tied_with is not None:
        text += Training.tr(", best so far (same accuracy as epoch {epoch}, lower loss)").format(
            epoch=tied_with
        )
    elif best:
        text += Training.tr(", best so far")
    return text + Training.tr(" ({seconds} s)").format(seconds=decimal(r.seconds, 1))


def clone_for_inference(net: StagedNet) -> StagedNet:
    return copy.deepcopy(net).eval()
