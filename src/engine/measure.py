"""Measure a backbone on this computer: its layer groups, their sizes and each stage's speed.

The Model step's freeze tree and time estimate (:func:`engine.plan.estimate_seconds`) read
this; it builds the network with random weights (only the shape and the speed matter).
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import torch

from .atomic import SaveError, write_text
from .backbones import build_model, get_backbone
from .device import _machine_key, remembered_precision
from .errors import StudioError
from .freezing import trainable_groups
from .paths import config_dir
from .plan import BackboneStructure

_MEASURED: dict[str, BackboneStructure] = {}  # once per backbone and process
_MEASURED_LOCK = threading.Lock()
log = logging.getLogger(__name__)


#: Photos per timed pass: closer to the training's batches (32), yet quick to time (every
#: GUI test session measures once). 4 photos a pass read 1.75x a batch of 32's time per
#: photo on the busy 2-core machine (each small operation waits for the cores), 8 less.
MEASURE_BATCH = 8
SPEED_FILE = "stage-speed.json"


def _speed_store() -> Path:
    # FINETUNE_STUDIO_SPEED_FILE lets a test session share one timing across temporary homes.
    override = os.environ.get("FINETUNE_STUDIO_SPEED_FILE")
    return Path(override) if override else config_dir() / SPEED_FILE


def _speed_key(name: str) -> str:
    # The same computer, torch and thread count as the precision probe's key; "v2": with
    # the build, copy, step and training-pass timings (older entries lack them).
    return f"{_machine_key(torch.device('cpu'))}|{name}|batch {MEASURE_BATCH}|v2"


def probe_structure(name: str) -> BackboneStructure:
    """:func:`measure_structure`, once per process and remembered on disk per computer:
    the estimate then stays the same from one start of the app to the next (a timing
    taken while the computer was busy once read 9 s, and 7 min at the next start).
    Safe to call from several threads; waits for a child process measuring ``name``
    (:func:`measure_in_background`) and takes its timing."""
    if _child.name == name:
        wait_for_background_measuring()
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


# ------------------------------------------------------------ measuring in a child process


class _Child:
    """The one child process measuring this computer (:func:`measure_in_background`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.name: str | None = None
        self.stderr = None  # a temporary file: a pipe nobody reads could fill and block it


_child = _Child()


def engine_command(*args: str) -> list[str]:
    """The command line that runs one of this app's sub-commands in a new process: the
    packaged app's own executable takes sub-commands, a source install runs ``-m engine``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "engine", *args]


def is_remembered(name: str, device: torch.device) -> bool:
    """Whether this computer's precision choice and ``name``'s timing are both on disk."""
    known = device.type != "cpu" or remembered_precision(device) is not None
    return known and (name in _MEASURED or _remembered(name) is not None)


def measure_in_background(name: str, device: torch.device) -> bool:
    """Start measuring this computer (the precision probe, then ``name``'s stage timing:
    the ``measure`` command) in a child process at a low priority, unless both are
    remembered already; True when a child was started.

    For the window: measuring builds and runs networks in long stretches of Python that
    hold the GIL, and on a worker thread of the window's process they made its 10 ms timer
    come up to 67 ms late at the app's first start (``benchmarks/gui_bench.py start``). A
    child process holds no lock of this one. :func:`probe_structure` and
    :func:`wait_for_background_measuring` wait for it; when it fails, they measure here
    as before."""
    with _child.lock:
        if _child.proc is not None or is_remembered(name, device):
            return False
        cmd = engine_command("measure", "--backbone", name, "--device", device.type)
        _child.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed when it ended
        try:
            _child.proc = subprocess.Popen(
                [*cmd, "--background"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=_child.stderr,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0),
            )
        except OSError as exc:
            log.warning("could not start measuring in a child process (%s): measuring here", exc)
            _child.stderr.close()
            _child.stderr = None
            return False
        _child.name = name
        atexit.register(_end_child, _child.proc)  # not left running after the app
        log.info("measuring this computer in a child process: %s", " ".join(cmd))
        return True


def _end_child(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()


def wait_for_background_measuring(
    should_stop: Callable[[], bool] = lambda: False, timeout_s: float = 600.0
) -> None:
    """Wait until the child of :func:`measure_in_background` (if any) has ended; it is
    ended early when ``should_stop()`` turns true or after ``timeout_s``."""
    with _child.lock:
        proc = _child.proc
        if proc is None:
            return
        deadline = time.monotonic() + timeout_s
        while proc.poll() is None:
            if should_stop() or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.warning("measuring in a child process was stopped: measuring here")
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(0.1)
        err = ""
        if _child.stderr is not None:
            with contextlib.suppress(OSError):
                _child.stderr.seek(0)
                err = _child.stderr.read().decode(errors="replace")
            _child.stderr.close()
            _child.stderr = None
        if proc.returncode != 0 and not should_stop():
            log.warning(
                "measuring in a child process failed (exit %s): %s", proc.returncode, err[-2000:]
            )
        _child.proc = None
        _child.name = None


def lower_this_process_priority() -> None:
    """Let every other program on this computer go first (the ``measure --background``
    child of the window)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)  # as the window's worker threads (gui.workers)


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
