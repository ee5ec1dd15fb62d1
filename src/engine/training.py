"""Fine-tune a backbone on a photo folder: the heart of the engine.

The shape of a run (nanoGPT-style, top to bottom):

1. scan the folder, split off validation photos, refuse what cannot work;
2. build the backbone with a new head and freeze the groups the person ticked;
3. run the frozen prefix of the network ONCE over every photo and keep its output (the
   "feature cache"): a frozen layer gives the same answer every epoch, so running it again
   is wasted time; with augmentation, a few augmented views per photo are cached instead;
4. train the rest with AdamW, warm-up then cosine (or one-cycle), label smoothing and
   optional class weights; evaluate every epoch; keep the best epoch; stop early when
   validation stops improving; stop cleanly mid-epoch when asked;
5. save one model file (safetensors + JSON metadata) and, every epoch, a checkpoint that
   ``--resume`` continues from.
"""

from __future__ import annotations

import copy
import math
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from . import modelfile, preprocess
from .atomic import SaveError
from .backbones import Preprocessing, StagedNet, build_model, get_backbone
from .config import EpochRecord, TrainConfig, TrainControl, TrainEvent, TrainResult
from .dataset import (
    DatasetScan,
    Photo,
    ScanProgress,
    SkippedFile,
    check_trainable,
    scan_folder,
    split_train_val,
)
from .device import Precision, pick_device, resolve_precision
from .duplicates import find_leaks, leak_sentence
from .errors import Cancelled, StudioError
from .evaluation import default_threshold
from .features import FeatureCache, default_feature_cache, network_key
from .freezing import (
    FreezePlan,
    apply_freeze,
    count_parameters,
    first_trained_stage,
    set_train_mode,
    trainable_groups,
)
from .images import ImageLoadError
from .progress import Throttle


def _emit(on_event, event: TrainEvent) -> None:
    if on_event is not None:
        on_event(event)


def _halve_after_oom(size: int, what: str, on_event) -> int:
    """The next smaller batch after the device ran out of memory (with a message saying so)."""
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    if size <= 1:
        raise StudioError(
            f"Out of memory {what}, even with one photo at a time. Choose a smaller image "
            "size or backbone, train fewer layers, or close other programs."
        )
    size = max(1, size // 2)
    _emit(
        on_event,
        TrainEvent(
            "message",
            f"Out of memory {what}: the batch size was halved to {size}; training goes on.",
        ),
    )
    return size


# ------------------------------------------------------------------------- data preparation


@dataclass
class PreparedData:
    """A train or validation set as tensors: the input of the first trained stage."""

    inputs: torch.Tensor  # (views, N, ...) float16 features, or (1, N, 3, H, W) uint8 photos
    labels: torch.Tensor  # (N,)
    photos: list[Photo]


def _load_views(photo: Photo, prep: Preprocessing, views: int, seed: int) -> list[np.ndarray]:
    img = preprocess.load_resized(photo.path, prep.resize)
    out = [preprocess.plain_view(img, prep)]
    rng = random.Random(f"{seed}:{photo.path}")
    out += [preprocess.augmented_view(img, prep, rng) for _ in range(views - 1)]
    return out


def prepare(
    net: StagedNet,
    photos: list[Photo],
    prep: Preprocessing,
    *,
    upto: int,
    views: int,
    device: torch.device,
    precision: Precision,
    seed: int,
    batch_size: int = 32,
    on_event=None,
    should_stop=lambda: False,
    label: str = "Preparing photos",
    feature_dtype: torch.dtype = torch.float16,
    cache: FeatureCache | None = None,
) -> tuple[PreparedData, list[SkippedFile]]:
    """Decode every photo once and run the frozen stages ``[0, upto)`` over it once.

    Decoding runs in a thread pool (Pillow releases the GIL) one batch ahead of the
    network. Photos that fail to load now (deleted, replaced, damaged since the scan) are
    skipped and listed. With ``upto == 0`` the uint8 photos themselves are kept. Features
    are stored as ``feature_dtype`` (float16 halves the memory of the training views; the
    checking photos keep float32, see :func:`train`). When the device runs out of memory,
    fewer photos go through at a time (with a message).
    With a ``cache`` (one plain view per photo only), photos whose features are on disk
    are not decoded at all, and new features are stored (see :mod:`engine.features`).
    """
    if cache is not None and views == 1 and upto > 0:
        # float32 features serve a float16 request too (cast, as computing would).
        dtypes = [feature_dtype] + ([torch.float32] if feature_dtype != torch.float32 else [])
        keys = [network_key(net, upto, prep.to_dict(), precision.dtype, d) for d in dtypes]
        key = keys[0]
        found = [_cached(cache, keys, p.digest, feature_dtype) for p in photos]
        missing = [p for p, f in zip(photos, found, strict=True) if f is None]
        fresh, skipped = prepare(
            net, missing, prep, upto=upto, views=1, device=device, precision=precision,
            seed=seed, batch_size=batch_size, on_event=on_event, should_stop=should_stop,
            label=label, feature_dtype=feature_dtype,
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
    chunks: list[torch.Tensor] = []
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
                results.append((p, f"cannot be read ({exc})"))
        return results

    net.eval()
    with ThreadPoolExecutor(max_workers=2) as pool:
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
                chunks.append(stacked)
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
                            chunk or len(part), "while computing features", on_event
                        )
                        continue
                    parts.append(feats.to(feature_dtype).cpu())
                    i += len(part)
                feats = torch.cat(parts)
                chunks.append(feats.view(views, len(good), *feats.shape[1:]))
            if on_event and throttle.ready(final=bi == len(batches) - 1):
                _emit(on_event, TrainEvent("stage", label, fraction=(bi + 1) / len(batches)))
    if not chunks:
        empty = torch.empty(views, 0)
        return PreparedData(empty, torch.empty(0, dtype=torch.long), []), skipped
    inputs = torch.cat(chunks, dim=1)
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


def _suffix_input(
    data: PreparedData,
    idx: torch.Tensor,
    views: torch.Tensor | None,
    upto: int,
    prep,
    device,
    precision,
):
    if views is None:
        x = data.inputs[0, idx]
    else:
        x = data.inputs[views, idx]
    x = x.to(device)
    if upto == 0:
        x = preprocess.normalize(x, prep)
        return precision.input(x)
    return precision.input(x.float()) if x.dim() == 4 else x.float()


def _augment_uint8(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """On-the-fly augmentation when nothing is cached: random mirror per photo."""
    flip = torch.rand(x.shape[0], generator=gen) < 0.5
    x = x.clone()
    x[flip] = x[flip].flip(-1)
    return x


@torch.no_grad()
def evaluate_prepared(
    net: StagedNet, data: PreparedData, upto: int, prep, device, precision, batch_size: int = 256
) -> tuple[float, float, torch.Tensor]:
    """(loss, accuracy, logits) of ``net`` on prepared validation data (plain view)."""
    net.eval()
    n = len(data.labels)
    logits = []
    i = 0
    while i < n:
        idx = torch.arange(i, min(n, i + batch_size))
        try:
            x = _suffix_input(data, idx, None, upto, prep, device, precision)
            with precision.autocast(device):
                logits.append(net.run(x, upto).float().cpu())
        except torch.OutOfMemoryError:
            batch_size = _halve_after_oom(batch_size, "while checking", None)
            continue
        i += len(idx)
    out = torch.cat(logits) if logits else torch.empty(0, 1)
    if n == 0:
        return float("nan"), float("nan"), out
    loss = F.cross_entropy(out, data.labels).item()
    acc = (out.argmax(1) == data.labels).float().mean().item()
    return loss, acc, out


def train(
    config: TrainConfig,
    *,
    out: str | Path | None = None,
    on_event=None,
    control: TrainControl | None = None,
    should_stop=None,
    resume: str | Path | None = None,
) -> TrainResult:
    """Train per ``config``; save the best epoch's model to ``out`` (if given).

    ``on_event`` receives :class:`TrainEvent` objects (throttled, at most ~10 a second).
    ``control`` (or a plain ``should_stop`` callable) stops or pauses the run; a stop
    mid-epoch keeps the best *completed* epoch. ``resume`` continues from a checkpoint.
    Raises :class:`~engine.errors.DataError` for folders that cannot be trained on.
    """
    config.check()
    started = time.monotonic()
    control = control or TrainControl()
    stop = should_stop or control.should_stop
    torch.manual_seed(config.seed)
    gen = torch.Generator().manual_seed(config.seed)

    # The checkpoint's weights, optimizer and history; the caller decides the config
    # (normally the checkpoint's own, see modelfile.Checkpoint.config).
    state = modelfile.load_checkpoint(resume) if resume else None

    # 1. data --------------------------------------------------------------------------
    def scan_progress(p: ScanProgress) -> None:
        _emit(
            on_event,
            TrainEvent(
                "stage",
                f"Checking photos ({p.done} of {p.total})",
                fraction=p.done / max(1, p.total),
            ),
        )

    scan: DatasetScan = scan_folder(config.data_dir, on_progress=scan_progress, should_stop=stop)
    skipped = list(scan.skipped)
    warnings = list(scan.warnings)
    if config.val_dir:
        vscan = scan_folder(
            config.val_dir, classes=scan.classes, on_progress=scan_progress, should_stop=stop
        )
        train_photos, val_photos = list(scan.photos), list(vscan.photos)
        skipped += vscan.skipped
        warnings += [f"Validation folder: {w}" for w in vscan.warnings]
        leaks = find_leaks(scan.photos, vscan.photos)
        if leaks:
            warnings.append(leak_sentence(len(leaks)))
    else:
        train_photos, val_photos = split_train_val(scan, config.val_split, config.seed)
    check_trainable(scan.classes, train_photos, val_photos)
    for w in warnings:
        _emit(on_event, TrainEvent("message", w))

    # 2. model -------------------------------------------------------------------------
    info = get_backbone(config.backbone)
    prep = (
        info.preprocessing
        if not config.image_size
        else info.preprocessing.for_size(config.image_size)
    )
    device = pick_device(config.device)
    _emit(on_event, TrainEvent("stage", f"Loading {info.title}"))
    net = build_model(config.backbone, len(scan.classes))
    plan = FreezePlan.parse(trainable_groups(net), config.train_layers)
    apply_freeze(net, plan)
    trainable, total = count_parameters(net, plan)
    upto = first_trained_stage(net, plan)
    augment = config.augment if config.augment is not None else plan.describe() != "head"
    views = max(1, config.augment_views) if (augment and upto > 0) else 1
    if state is not None:
        net.load_state_dict(state.weights)
    if device.type == "cpu" or config.precision != "auto":
        _emit(on_event, TrainEvent("stage", "Choosing the fastest settings for this computer"))
    precision = resolve_precision(device, config.precision)
    net.to(device)
    precision.prepare(net)

    # 3. feature cache -------------------------------------------------------------------
    what = "Computing features of the frozen layers" if upto > 0 else "Loading photos"
    train_data, sk = prepare(
        net,
        train_photos,
        prep,
        upto=upto,
        views=views,
        device=device,
        precision=precision,
        seed=config.seed,
        batch_size=config.batch_size,
        on_event=on_event,
        should_stop=stop,
        label=f"{what} (training photos)",
        cache=default_feature_cache(),
    )
    skipped += sk
    # The checking photos are run exactly as the saved model will run them afterwards
    # (Results, Use, the command line: float32, see engine.predict): float32 features and a
    # float32 check, whatever precision speeds up training. Otherwise the accuracy that
    # picks the best epoch and the one the Results step shows differ (measured on the
    # sample: 90% in bfloat16 with float16 features, 87% for the same model in float32).
    check = Precision("float32", precision.channels_last)
    val_data, sk = prepare(
        net,
        val_photos,
        prep,
        upto=upto,
        views=1,
        device=device,
        precision=check,
        seed=config.seed,
        batch_size=config.batch_size,
        on_event=on_event,
        should_stop=stop,
        label=f"{what} (validation photos)",
        feature_dtype=torch.float32,
        cache=default_feature_cache(),
    )
    skipped += sk
    check_trainable(scan.classes, train_data.photos, val_data.photos)

    # 4. optimise ------------------------------------------------------------------------
    params = [p for p in net.parameters() if p.requires_grad]  # only what trains
    decay = [p for p in params if p.dim() > 1]
    no_decay = [p for p in params if p.dim() <= 1]
    base_lr = config.resolved_lr()
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": config.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=base_lr,
    )
    weights = None
    if config.class_weights:
        counts = torch.bincount(train_data.labels, minlength=len(scan.classes)).float().clamp(min=1)
        weights = (counts.sum() / (len(counts) * counts)).to(device)
    n = len(train_data.labels)
    batch_size = config.batch_size  # halved if the device runs out of memory
    steps_per_epoch = max(1, math.ceil(n / batch_size))
    total_steps = steps_per_epoch * config.epochs
    warmup = int(config.warmup_epochs * steps_per_epoch)

    history: list[EpochRecord] = list(state.history) if state else []
    best_acc, best_loss, best_epoch = -1.0, float("inf"), None
    best_state = None
    if state is not None and state.best_weights is not None:
        best_state = state.best_weights
        best_epoch = state.best_epoch
        best = next((r for r in history if r.epoch == best_epoch), None)
        if best:
            best_acc, best_loss = best.val_accuracy, best.val_loss
    start_epoch = len(history) + 1
    if state is not None and state.optimizer:
        opt.load_state_dict(state.optimizer)
    since_best = 0 if best_epoch is None else (len(history) - best_epoch)
    stopped = early = False
    step = (start_epoch - 1) * steps_per_epoch
    epoch_times: list[float] = []
    _emit(
        on_event,
        TrainEvent(
            "message",
            f"Training {trainable:,} of {total:,} parameters ({plan.describe()}) on {len(train_data.labels)} photos, "
            f"checking on {len(val_data.labels)}."
            + (f" {views} views per photo." if views > 1 else ""),
        ),
    )

    for epoch in range(start_epoch, config.epochs + 1):
        t0 = time.monotonic()
        steps_per_epoch = max(1, math.ceil(n / batch_size))
        set_train_mode(net, plan)
        order = torch.randperm(n, generator=gen)
        pending: list[tuple[int, float]] = []
        throttle = Throttle(10)
        loss_sum = correct = seen = 0.0
        b = pos = 0  # steps done in this epoch, photos done in this epoch
        while pos < n:
            control.wait_if_paused()
            if stop():
                stopped = True
                break
            idx = order[pos : pos + batch_size]
            v = torch.randint(0, views, (len(idx),), generator=gen) if views > 1 else None
            lr = _lr_at(step, total_steps, warmup, base_lr, config.schedule)
            for g in opt.param_groups:
                g["lr"] = lr
            try:
                x = _suffix_input(train_data, idx, v, upto, prep, device, precision)
                if upto == 0 and augment:
                    x = _augment_uint8(x, gen)
                y = train_data.labels[idx].to(device)
                with precision.autocast(device):
                    logits = net.run(x, upto)
                loss = F.cross_entropy(
                    logits.float(), y, weight=weights, label_smoothing=config.label_smoothing
                )
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            except torch.OutOfMemoryError:
                opt.zero_grad(set_to_none=True)
                x = logits = loss = None  # free what the failed step held
                batch_size = _halve_after_oom(batch_size, "while training", on_event)
                # The rest of this epoch and the later ones take more, smaller steps.
                left = math.ceil((n - pos) / batch_size)
                steps_per_epoch = b + left
                total_steps = step + left + (config.epochs - epoch) * math.ceil(n / batch_size)
                continue
            pos += len(idx)
            b += 1
            step += 1
            lv = loss.item()
            loss_sum += lv * len(idx)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(idx)
            pending.append((step, lv))
            if throttle.ready(final=pos >= n):
                _emit(
                    on_event,
                    TrainEvent(
                        "step",
                        epoch=epoch,
                        total_epochs=config.epochs,
                        step=b,
                        steps_per_epoch=steps_per_epoch,
                        losses=tuple(pending),
                        eta_seconds=_eta(epoch_times, epoch, b, steps_per_epoch, config.epochs, t0),
                    ),
                )
                pending = []
        if stopped:
            _emit(
                on_event,
                TrainEvent(
                    "message",
                    f"Stopped during epoch {epoch}; it was not finished, so it is not kept.",
                ),
            )
            break
        val_loss, val_acc, _ = evaluate_prepared(net, val_data, upto, prep, device, check)
        secs = time.monotonic() - t0
        epoch_times.append(secs)
        record = EpochRecord(
            epoch, loss_sum / max(1, seen), correct / max(1, seen), val_loss, val_acc, secs, lr
        )
        history.append(record)
        is_best = val_acc > best_acc or (val_acc == best_acc and val_loss < best_loss)
        if is_best:
            best_acc, best_loss, best_epoch = val_acc, val_loss, epoch
            best_state = {k: t.detach().to("cpu", copy=True) for k, t in net.state_dict().items()}
            since_best = 0
        else:
            since_best += 1
        eta = _eta(epoch_times, epoch + 1, 0, steps_per_epoch, config.epochs, time.monotonic())
        _emit(
            on_event,
            TrainEvent(
                "epoch",
                epoch=epoch,
                total_epochs=config.epochs,
                record=record,
                best=is_best,
                steps_per_epoch=steps_per_epoch,
                step=steps_per_epoch,
                eta_seconds=eta,
                message=_epoch_words(record, is_best),
            ),
        )
        if config.checkpoint:
            try:
                modelfile.save_checkpoint(
                    config.checkpoint,
                    net=net,
                    config=config,
                    classes=scan.classes,
                    prep=prep,
                    history=history,
                    optimizer=opt.state_dict(),
                    best_weights=best_state,
                    best_epoch=best_epoch,
                )
            except SaveError as exc:
                # A full disk must not throw away the training itself: say so and go on.
                _emit(
                    on_event,
                    TrainEvent(
                        "message",
                        f"{exc} Training goes on, but this epoch cannot be resumed after a crash.",
                    ),
                )
        if (
            config.early_stop_patience
            and since_best >= config.early_stop_patience
            and epoch < config.epochs
        ):
            early = True
            _emit(
                on_event,
                TrainEvent(
                    "message",
                    f"Validation accuracy stopped improving at epoch {best_epoch}; "
                    f"stopped early and kept the best epoch ({best_epoch}).",
                ),
            )
            break

    if best_state is not None:
        net.load_state_dict(best_state)
    net.eval()
    model_path = None
    result = TrainResult(
        classes=scan.classes,
        history=history,
        best_epoch=best_epoch,
        val_accuracy=best_acc if best_epoch is not None else None,
        skipped=skipped,
        warnings=warnings,
        stopped=stopped,
        early_stopped=early,
        model_path=None,
        seconds=time.monotonic() - started,
        trainable_params=trainable,
        total_params=total,
        net=net.to("cpu"),
        val_photos=val_data.photos,
    )
    if out is not None and best_epoch is not None:
        model_path = Path(out)
        _emit(on_event, TrainEvent("stage", f"Saving the model to {model_path.name}"))
        threshold = None
        _, _, val_logits = evaluate_prepared(net.to(device), val_data, upto, prep, device, check)
        net.to("cpu")
        if len(val_logits):
            threshold = default_threshold(val_logits.softmax(1), val_data.labels)
        modelfile.save_model(
            model_path,
            net=net,
            classes=scan.classes,
            prep=prep,
            config=config,
            summary=_summary(result, threshold),
        )
        result.model_path = model_path
        if config.checkpoint and not stopped:
            # The run is complete and its model saved: nothing is left to resume.
            Path(config.checkpoint).unlink(missing_ok=True)
    if best_epoch is None:
        msg = (
            "Stopped before the first epoch finished: no model was saved."
            if stopped
            else "No epoch finished."
        )
    else:
        msg = (
            f"Done: best validation accuracy {best_acc:.1%} at epoch {best_epoch}"
            + (" (stopped early)" if early else "")
            + (" (stopped at your request)" if stopped else "")
            + "."
        )
    _emit(on_event, TrainEvent("done", msg))
    return result


def _summary(result: TrainResult, threshold: float | None) -> dict[str, Any]:
    return {
        "history": [r.to_dict() for r in result.history],
        "best_epoch": result.best_epoch,
        "val_accuracy": result.val_accuracy,
        "threshold": threshold,
        "trained_on": len(result.history),
        "skipped_files": len(result.skipped),
    }


def _eta(
    times: list[float], epoch: int, step: int, steps: int, epochs: int, t0: float
) -> float | None:
    if times:
        per_epoch = sum(times[-3:]) / len(times[-3:])
    elif step:
        per_epoch = (time.monotonic() - t0) / step * steps
    else:
        return None
    done_in_epoch = step / steps if step else 0.0
    return max(0.0, per_epoch * (epochs - epoch + 1 - done_in_epoch))


def _epoch_words(r: EpochRecord, best: bool) -> str:
    text = f"Epoch {r.epoch}: validation accuracy {r.val_accuracy:.0%}"
    return text + (", best so far" if best else "") + f" ({r.seconds:.1f} s)"


def clone_for_inference(net: StagedNet) -> StagedNet:
    return copy.deepcopy(net).eval()
