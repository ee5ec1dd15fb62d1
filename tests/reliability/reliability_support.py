"""Helpers for the reliability suite (issue 6): a small model file, CLI runs, snapshots."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "engine.cli"]
CLASSES = ["pullover", "t-shirt", "trouser"]  # fashion_small's categories, sorted


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(folder: Path) -> set[str]:
    """Every path below ``folder`` (relative), links not followed: to prove nothing appeared."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            out.add(os.path.relpath(os.path.join(dirpath, name), folder))
    return out


def temp_files(folder: Path) -> list[str]:
    """Temporary files the atomic writer leaves if it fails to clean up (``.name.*.tmp``)."""
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp"))


def child_env() -> dict[str, str]:
    """The environment for a child process: this test's app home, one compute thread."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": "1"}


def run_cli(args: list[str], *, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """``finetune-studio ARGS`` in a fresh process (the test's private app home)."""
    env = {**child_env(), **kw.pop("env", {})}
    return subprocess.run(
        CLI + [str(a) for a in args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


def save_tiny_model(path: Path, *, classes: list[str] = CLASSES, crop: int = 64, seed: int = 0):
    """A valid model file without training: random head on the bundled backbone, small input."""
    import torch

    from engine.backbones import build_model, get_backbone
    from engine.config import TrainConfig
    from engine.modelfile import save_model

    torch.manual_seed(seed)
    net = build_model("efficientnet_lite0", len(classes), pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing.for_size(crop)
    save_model(
        path,
        net=net,
        classes=classes,
        prep=prep,
        config=TrainConfig(data_dir="photos", image_size=crop),
        summary={"threshold": 0.0, "best_epoch": 1, "marker": seed},
    )
    return Path(path)


def photo_counts(events) -> tuple[int, int]:
    """(training, checking) photos from the "Training N of M parameters ... on X photos,
    checking on Y." message of a run: the photos that really loaded."""
    for e in events:
        m = re.search(r" on ([\d,]+) photos, checking on ([\d,]+)\.", e.message)
        if m:
            return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
    raise AssertionError("no 'Training ... on N photos' message")


def kill_after_first_checkpoint(
    args: list, ckpt: Path, *, delay: float = 0.0, cwd: Path | None = None, timeout: float = 240
) -> None:
    """Run ``finetune-studio ARGS``; SIGKILL it ``delay`` s after ``ckpt`` holds an epoch.

    The kill-and-resume tests (issues 6, 12) stop a real training process at a random
    moment after its first checkpoint; the checkpoint is only ever a whole file or none,
    so a failed read means "not yet". Asserts the process died of the SIGKILL.
    """
    import signal
    import time

    from engine.modelfile import load_checkpoint

    proc = subprocess.Popen(
        CLI + [str(a) for a in args],
        cwd=cwd,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if ckpt.exists() and load_checkpoint(ckpt).history:
                    break
            except Exception:  # noqa: BLE001 - only ever a complete file or none; retry
                pass
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-3000:]  # type: ignore[union-attr]
