"""Measure a backbone on this computer: its layer groups, their sizes and each stage's speed.

The Model step's freeze tree and time estimate (:func:`engine.plan.estimate_seconds`) read
this; it builds the network with random weights (only the shape and the speed matter).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import asdict
from pathlib import Path

import torch

from .atomic import SaveError, write_text
from .backbones import build_model, get_backbone
from .device import _machine_key
from .freezing import trainable_groups
from .paths import config_dir
from .plan import BackboneStructure

_MEASURED: dict[str, BackboneStructure] = {}  # once per backbone and process
_MEASURED_LOCK = threading.Lock()


#: Photos per timed pass: closer to the training's batches (32), whose cost per photo is
#: below a pass of 2 photos, yet quick to time (every GUI test measures once).
MEASURE_BATCH = 4
SPEED_FILE = "stage-speed.json"


def _speed_store() -> Path:
    return config_dir() / SPEED_FILE


def _speed_key(name: str) -> str:
    # The same computer, torch and thread count as the precision probe's key.
    return f"{_machine_key(torch.device('cpu'))}|{name}|batch {MEASURE_BATCH}"


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
    return replace(structure, stage_ms=[t / speedup for t in structure.stage_ms])


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
    """Build ``name`` (random weights) and time each stage on :data:`MEASURE_BATCH`
    photos, best of three passes (the first warms up; the best is the least disturbed)."""
    net = build_model(name, 2, pretrained=False).eval()
    groups = trainable_groups(net)
    params = {
        n: sum(p.numel() for p in m.parameters())
        for n, m in zip(net.stage_names, net.stages, strict=True)
        if n != "head"
    }
    size = get_backbone(name).input_size
    x = torch.randn(MEASURE_BATCH, 3, size, size)
    times = [float("inf")] * len(net.stages)
    with torch.inference_mode():
        for _ in range(3):
            h = x
            for i, stage in enumerate(net.stages):
                t0 = time.perf_counter()
                h = stage(h)
                times[i] = min(times[i], (time.perf_counter() - t0) * 1000 / len(x))
    return BackboneStructure(
        name,
        groups,
        {g: params.get(g, 0) for g in groups},
        int(net.head.in_features),
        list(net.stage_names),
        times,
    )
