"""Measure a backbone on this computer: its layer groups, their sizes and each stage's speed.

The Model step's freeze tree and time estimate (:func:`engine.plan.estimate_seconds`) read
this; it builds the network with random weights (only the shape and the speed matter).
"""

from __future__ import annotations

import contextlib
import copy
import json
import statistics
import threading
import time
from dataclasses import asdict
from pathlib import Path

import torch

from .atomic import SaveError, write_text
from .backbones import build_model, get_backbone
from .device import _machine_key
from .errors import StudioError
from .freezing import trainable_groups
from .paths import config_dir
from .plan import BackboneStructure

_MEASURED: dict[str, BackboneStructure] = {}  # once per backbone and process
_MEASURED_LOCK = threading.Lock()


#: Photos per timed pass: closer to the training's batches (32), yet quick to time (every
#: GUI test session measures once). 4 photos a pass read 1.75x a batch of 32's time per
#: photo on the busy 2-core machine (each small operation waits for the cores), 8 less.
MEASURE_BATCH = 8
SPEED_FILE = "stage-speed.json"


def _speed_store() -> Path:
    return config_dir() / SPEED_FILE


def _speed_key(name: str) -> str:
    # The same computer, torch and thread count as the precision probe's key; "v2": with
    # the build, copy, step and training-pass timings (older entries lack them).
    return f"{_machine_key(torch.device('cpu'))}|{name}|batch {MEASURE_BATCH}|v2"


def probe_structure(name: str) -> BackboneStructure:
    """:func:`measure_structure`, once per process and remembered on disk per computer:
    the estimate then stays the same from one start of the app to the next (a timing
    taken while the computer was busy once read 9 s, and 7 min at the next start).
    Safe to call from several threads."""
    with _MEASURED_LOCK:
        if name not in _MEASURED:
            _MEASURED[name] = _remembered(name) or _remember(measure_structure(name))
        return _at_training_precision(_MEASURED[name])


def _at_training_precision(structure: BackboneStructure) -> BackboneStructure:
    """The float32 stage times divided by how much faster training's precision was
    measured to be on this computer (engine.device's probe, remembered after the first
    training; 1.0 before it): "fine-tune everything" trains in bfloat16 where the processor
    has it, and a float32 figure overstated it (about 14 min per epoch said, 265 s real)."""
    from dataclasses import replace

    from .device import best_precision

    speedup = best_precision(torch.device("cpu"), probe=False).speedup
    if not speedup or speedup <= 1.0:
        return structure
    return replace(structure, stage_ms=[t / speedup for t in structure.stage_ms], speedup=speedup)


def _remembered(name: str) -> BackboneStructure | None:
    try:
        entry = json.loads(_speed_store().read_text(encoding="utf-8")).get(_speed_key(name))
        return BackboneStructure(**entry) if isinstance(entry, dict) else None
    except (OSError, ValueError, TypeError, AttributeError):
        return None  # no file yet, or one from another version: measure again


def _remember(structure: BackboneStructure) -> BackboneStructure:
    path = _speed_store()
    try:
        store = json.loads(path.read_text(encoding="utf-8"))
        store = store if isinstance(store, dict) else {}
    except (OSError, ValueError):
        store = {}
    store[_speed_key(structure.name)] = asdict(structure)
    with contextlib.suppress(SaveError):  # only a speed-up: measured again next time
        write_text(path, json.dumps(store, indent=1))
    return structure


def measure_structure(name: str) -> BackboneStructure:
    """Build ``name`` and time what a run does with it on :data:`MEASURE_BATCH` photos:
    each stage's forward pass (best of three passes: the first warms up, the best is the
    least disturbed), what the first pass at a new batch shape costs more (the run pays
    it for each of its batch shapes), a training pass over the whole network against a
    forward pass, building it, copying its weights, and one optimizer step of the head."""
    size = get_backbone(name).input_size  # the catalog's imports (torchvision), not timed
    t0 = time.perf_counter()
    net = _build(name)
    build_ms = (time.perf_counter() - t0) * 1000
    groups = trainable_groups(net)
    params = {
        n: sum(p.numel() for p in m.parameters())
        for n, m in zip(net.stage_names, net.stages, strict=True)
        if n != "head"
    }
    x = torch.randn(MEASURE_BATCH, 3, size, size)
    times = [float("inf")] * len(net.stages)
    passes = []
    with torch.inference_mode():
        for _ in range(3):
            h = x
            t_pass = time.perf_counter()
            for i, stage in enumerate(net.stages):
                t0 = time.perf_counter()
                h = stage(h)
                times[i] = min(times[i], (time.perf_counter() - t0) * 1000 / len(x))
            passes.append((time.perf_counter() - t_pass) * 1000)
    return BackboneStructure(
        name,
        groups,
        {g: params.get(g, 0) for g in groups},
        int(net.head.in_features),
        list(net.stage_names),
        times,
        build_ms=build_ms,
        shape_ms=max(0.0, passes[0] - min(passes)),
        copy_ms=_copy_ms(net),
        step_ms=_head_step_ms(net),
        train_factor=_train_factor(net, x, sum(times) * len(x)),
    )


def _build(name: str):
    """The network as a run builds it: with its weights where they are here (reading and
    checking them is part of a run's start), else with random ones."""
    from .backbones import backbone_state

    if backbone_state(name) in ("bundled", "downloaded"):
        with contextlib.suppress(StudioError, OSError):
            return build_model(name, 2).eval()
    return build_model(name, 2, pretrained=False).eval()


def _copy_ms(net: torch.nn.Module) -> float:
    """Copying every weight once, as the best epoch is kept (the median of three: a
    run pays the usual time of its many small steps, not the luckiest one)."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        {k: t.detach().to("cpu", copy=True) for k, t in net.state_dict().items()}
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _head_step_ms(net) -> float:
    """One training step of the head alone on a batch of features: what every step costs
    besides its network's work (the median of five, after one to warm up)."""
    head = copy.deepcopy(net.head).train()
    opt = torch.optim.AdamW(head.parameters(), lr=1e-3)
    feats = torch.randn(MEASURE_BATCH, head.in_features)
    labels = torch.zeros(MEASURE_BATCH, dtype=torch.long)
    times = []
    for _ in range(6):
        t0 = time.perf_counter()
        loss = torch.nn.functional.cross_entropy(head(feats), labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        loss.item()
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:]) * 1000


def _train_factor(net, x: torch.Tensor, forward_ms: float) -> float:
    """A training pass (train mode, forward and backward) over the whole network, in
    forward passes (best of two, kept between 2 and 4.5: a busy computer's
    bursts read 1.9 and 6 in two processes a minute apart)."""
    net.train()
    best = float("inf")
    try:
        for _ in range(2):
            t0 = time.perf_counter()
            net(x).sum().backward()
            best = min(best, time.perf_counter() - t0)
            net.zero_grad(set_to_none=True)
    finally:
        net.eval()
    return min(4.5, max(2.0, best * 1000 / max(forward_ms, 1e-6)))
