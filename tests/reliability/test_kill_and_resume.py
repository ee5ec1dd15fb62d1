"""Issue 6, SIGKILL: killing the process during training or while it saves a file leaves
the previous model, checkpoint and project intact and loadable, and training resumes from
the last completed epoch.

The real command (``python -m engine.cli train``) runs in a child process. To kill it
*while it saves*, a small driver holds the atomic writer at a chosen point (half-way
through writing the temporary file, or just before the rename) and says so on stdout;
the test then sends SIGKILL. Nothing in the engine knows about the driver.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from reliability_support import (
    child_env,
    kill_after_first_checkpoint,
    run_cli,
    save_tiny_model,
    sha256,
    temp_files,
)

from engine.config import TrainConfig
from engine.modelfile import load_checkpoint, load_model
from engine.projects import Project, load_project, save_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from engine import atomic

    SUFFIX, NTH, AT = os.environ["HOLD_SUFFIX"], int(os.environ["HOLD_NTH"]), os.environ["HOLD_AT"]
    seen = 0

    def hold(what):
        print(f"HOLDING {what}", flush=True)
        time.sleep(600)  # the test kills the process here

    def wanted(path):
        global seen
        if str(path).endswith(SUFFIX) or (AT == "write" and SUFFIX in str(path)):
            seen += 1
            return seen == NTH
        return False

    class HalfFile:
        def __init__(self, f):
            self.f = f
        def write(self, data):
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            hold("write")
        def __getattr__(self, name):
            return getattr(self.f, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.f.close()

    class Os:
        def __getattr__(self, name):
            return getattr(os, name)
        def fdopen(self, fd, *a, **k):
            f = os.fdopen(fd, *a, **k)
            name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
            return HalfFile(f) if AT == "write" and wanted(name) else f
        def replace(self, src, dst):
            if AT == "rename" and wanted(dst):
                hold("rename")
            return os.replace(src, dst)

    atomic.os = Os()
    if sys.argv[1] == "save-project":
        from engine.projects import Project, save_project
        from engine.config import TrainConfig
        save_project(Project(TrainConfig(data_dir="elsewhere"), notes="new"), sys.argv[2])
    else:
        from engine.cli import main
        sys.exit(main(sys.argv[1:]))
    """
)


def _kill_when_held(args, tmp_path, *, suffix, nth=1, at="rename", timeout=240) -> int:
    """Run the driver with ``args``; SIGKILL it once it holds the save; return its pid."""
    driver = tmp_path / "hold_driver.py"
    driver.write_text(DRIVER)
    env = {**child_env(), "HOLD_SUFFIX": suffix, "HOLD_NTH": str(nth), "HOLD_AT": at}
    proc = subprocess.Popen(
        [sys.executable, str(driver), *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + timeout
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("HOLDING"):
                proc.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()[-3000:]  # type: ignore[union-attr]
    return proc.pid


def _previous_files(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A model and a project from "yesterday", and their fingerprints."""
    model = save_tiny_model(tmp_path / "m.ftmodel", seed=1)
    project = save_project(
        Project(TrainConfig(data_dir=str(tmp_path)), model_file=str(model), notes="yesterday"),
        tmp_path / "p.ftproj",
        keep_model_beside=False,  # yesterday's project points at m.ftmodel itself
    )
    return model, project, {"model": sha256(model), "project": sha256(project)}


def _assert_previous_intact(model: Path, project: Path, digests: dict[str, str]) -> None:
    assert sha256(model) == digests["model"]
    assert load_model(model).summary["marker"] == 1  # yesterday's model, and it loads
    assert sha256(project) == digests["project"]
    loaded = load_project(project)
    assert loaded.notes == "yesterday" and loaded.model_file == str(model.resolve())


def test_sigkill_at_a_random_moment_of_training_then_resume(tmp_path, fashion_small):
    model, project, digests = _previous_files(tmp_path)
    ckpt = tmp_path / "run.ckpt"
    args = ["train", fashion_small, "--out", model, "--checkpoint", ckpt, "--epochs", "40"]
    args += ["--patience", "0", "--train-layers", "all", "--image-size", "32"]
    args += ["--batch-size", "8", "--precision", "fp32"]
    delay = random.Random().uniform(0.0, 1.2)  # mid-epoch, or mid-checkpoint-save
    kill_after_first_checkpoint(args, ckpt, delay=delay)

    _assert_previous_intact(model, project, digests)
    done = [r.epoch for r in load_checkpoint(ckpt).history]
    assert done == list(range(1, len(done) + 1)) and len(done) < 40, (done, delay)

    metrics = tmp_path / "metrics.json"
    out = run_cli(
        ["train", "--resume", ckpt, "--epochs", len(done) + 1, "--out", model]
        + ["--metrics-json", metrics]
    )
    assert out.returncode == 0, out.stderr[-3000:]
    epochs = json.loads(metrics.read_text())["epochs"]
    assert [e["epoch"] for e in epochs] == list(range(1, len(done) + 2))
    assert load_model(model).summary["trained_on"] == len(done) + 1
    assert temp_files(tmp_path) == []  # what the killed process left was cleaned up


def test_sigkill_while_saving_checkpoint_model_and_project(tmp_path, fashion_small):
    model, project, digests = _previous_files(tmp_path)
    ckpt = tmp_path / "run.ckpt"
    train = ["train", fashion_small, "--out", model, "--checkpoint", ckpt, "--epochs", "3"]
    train += ["--patience", "0", "--image-size", "64", "--precision", "fp32"]

    # 1. Killed half-way through writing the checkpoint of epoch 2.
    pid = _kill_when_held(train, tmp_path, suffix="run.ckpt", nth=2, at="write")
    first = load_checkpoint(ckpt)  # epoch 1's checkpoint, whole
    assert [r.epoch for r in first.history] == [1]
    half = [n for n in temp_files(tmp_path) if n.startswith(f".run.ckpt.{pid}.")]
    assert len(half) == 1  # the evidence: a half-written temporary file, never the real one
    _assert_previous_intact(model, project, digests)

    # 2. Resumed, then killed just before the finished model replaces yesterday's.
    resume = ["train", "--resume", ckpt, "--out", model]
    pid2 = _kill_when_held(resume, tmp_path, suffix="m.ftmodel", at="rename")
    _assert_previous_intact(model, project, digests)
    full = load_checkpoint(ckpt)
    assert [r.epoch for r in full.history] == [1, 2, 3]
    assert full.history[0] == first.history[0]  # continued from epoch 1, not restarted
    left = temp_files(tmp_path)
    assert half[0] not in left  # a later save of the checkpoint removed the dead one's file
    assert [n for n in left if n.startswith(".m.ftmodel.")] == [
        n for n in left if n.startswith(f".m.ftmodel.{pid2}.")
    ]

    # 3. Killed while saving the project.
    _kill_when_held(["save-project", project], tmp_path, suffix="p.ftproj", at="rename")
    _assert_previous_intact(model, project, digests)

    # 4. Resumed again, undisturbed: the model of all 3 epochs replaces yesterday's.
    out = run_cli(resume)
    assert out.returncode == 0, out.stderr[-3000:]
    trained = load_model(model)
    assert trained.summary["trained_on"] == 3 and "marker" not in trained.summary
    assert trained.classes == ["pullover", "t-shirt", "trouser"]
    assert not ckpt.exists()  # finished: nothing left to resume
    assert [n for n in temp_files(tmp_path) if not n.startswith(".p.ftproj.")] == []
    assert os.stat(model).st_mode & 0o777 == os.stat(project).st_mode & 0o777 != 0o600
