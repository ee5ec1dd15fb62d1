"""Measure a backbone on this computer: its layer groups, their sizes and each stage's speed.

The Model step's freeze tree and time estimate (:func:`engine.plan.estimate_seconds`) read
this; it builds the network with random weights (only the shape and the speed matter).
"""

from __future__ import annotations

import threading
import time

import torch

from .backbones import build_model, get_backbone
from .freezing import trainable_groups
from .plan import BackboneStructure

_MEASURED: dict[str, BackboneStructure] = {}  # once per backbone and process
_MEASURED_LOCK = threading.Lock()


def probe_structure(name: str) -> BackboneStructure:
    """:func:`measure_structure`, once per process (the structure never changes, and the
    speed of this computer hardly does); safe to call from several threads."""
    with _MEASURED_LOCK:
        if name not in _MEASURED:
            _MEASURED[name] = measure_structure(name)
        return _MEASURED[name]


def measure_structure(name: str) -> BackboneStructure:
    """Build ``name`` (random weights) and time each stage on two photos, best of three."""
    net = build_model(name, 2, pretrained=False).eval()
    groups = trainable_groups(net)
    params = {
        n: sum(p.numel() for p in m.parameters())
        for n, m in zip(net.stage_names, net.stages, strict=True)
        if n != "head"
    }
    size = get_backbone(name).input_size
    x = torch.randn(2, 3, size, size)
    times = [float("inf")] * len(net.stages)
    with torch.inference_mode():
        for _ in range(3):  # the first run warms up; the best is the least disturbed
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
