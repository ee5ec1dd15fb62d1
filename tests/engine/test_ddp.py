"""`train` under torchrun with two processes (gloo, 127.0.0.1 only): issue 19's acceptance.

Every file a process opens for writing, or renames or links into place (atomic saves write a
temporary name first), is recorded by an audit hook (a ``sitecustomize``
put first on the workers' path), so "only rank 0 wrote files" is checked, not assumed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from engine.modelfile import load_checkpoint
from engine.predict import Predictor

TORCHRUN = [sys.executable, "-m", "torch.distributed.run"]
LOST = "Another training process stopped, so the run ended."

_AUDIT = """
import os, sys

_log = os.path.join(os.environ["FTS_AUDIT_DIR"], "rank-%s.txt" % os.environ.get("RANK", "x"))
_watch = os.environ["FTS_AUDIT_WATCH"]

def _record(path):
    if os.path.abspath(path).startswith(_watch) and not path.endswith(".txt"):
        with open(_log, "a") as f:
            f.write(os.path.abspath(path) + "\\n")

def _hook(event, args):
    if not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    if event in ("os.rename", "os.link"):  # os.replace raises os.rename: an atomic save
        _record(os.fsdecode(args[1]))
        return
    if event != "open":
        return
    path, mode, flags = os.fsdecode(args[0]), args[1], args[2] or 0
    writing = (mode and any(c in mode for c in "wax+")) or flags & (os.O_WRONLY | os.O_RDWR)
    if writing:
        _record(path)

sys.addaudithook(_hook)
"""


def _torchrun_env(tmp_path: Path, watch: Path) -> dict[str, str]:
    hook = tmp_path / "audit"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(_AUDIT)
    src = Path(__file__).resolve().parents[2] / "src"
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook), str(src), os.environ.get("PYTHONPATH", "")]),
        "FTS_AUDIT_DIR": str(hook),
        "FTS_AUDIT_WATCH": str(watch),
        "MASTER_ADDR": "127.0.0.1",
        "GLOO_SOCKET_IFNAME": "lo",  # 127.0.0.1 only
        "OMP_NUM_THREADS": "1",
        "PYTHONUNBUFFERED": "1",
    }


def _torchrun(*train_args: str) -> list[str]:
    return [
        *TORCHRUN,
        "--standalone",
        "--nproc-per-node",
        "2",
        "-m",
        "engine",
        "train",
        *train_args,
    ]


def _written(tmp_path: Path, rank: int) -> set[str]:
    log = tmp_path / "audit" / f"rank-{rank}.txt"
    return set(log.read_text().split()) if log.is_file() else set()


@pytest.mark.slow
def test_two_processes_train_like_one(tmp_path, cli_model):
    """Same data, seed and options as the single-process acceptance run (cli_model)."""
    out = tmp_path / "out"
    out.mkdir()
    model, metrics = out / "fashion.ftmodel", out / "metrics.json"
    env = _torchrun_env(tmp_path, out)
    env["FINETUNE_STUDIO_HOME"] = str(tmp_path / "home")
    t0 = time.monotonic()
    run = subprocess.run(
        _torchrun(
            str(cli_model["train"]),
            "--val-dir",
            str(cli_model["val"]),
            "--out",
            str(model),
            "--metrics-json",
            str(metrics),
        ),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - t0
    assert run.returncode == 0, run.stderr[-3000:]
    # One voice: every epoch line once, from rank 0.
    # The epoch's summary line ("epoch 1/10: train loss ..."), not the step progress lines.
    lines = [line for line in run.stderr.splitlines() if re.match(r"epoch 1/\d+:", line)]
    assert len(lines) == 1, run.stderr[-3000:]
    assert run.stderr.count("Saved ") == 1
    # Only rank 0 wrote: the model and the metrics.
    assert _written(tmp_path, 1) == set(), _written(tmp_path, 1)
    assert {str(model), str(metrics)} <= _written(tmp_path, 0)
    assert sorted(p.name for p in out.iterdir()) == ["fashion.ftmodel", "metrics.json"]
    # The model loads and predicts.
    predictor = Predictor(model, backend="torch")
    photos = sorted((cli_model["val"] / "trouser").iterdir())[:10]
    preds = predictor.predict_paths(photos)
    assert sum(p.label == "trouser" for p in preds) >= 8, [p.label for p in preds]
    single = cli_model["metrics"]["val_accuracy"]
    ddp = json.loads(metrics.read_text())["val_accuracy"]
    print(f"single-process {single:.4f}, two processes {ddp:.4f}, DDP run {seconds:.0f} s")
    assert abs(ddp - single) <= 0.03, (single, ddp)


def _children_with_rank(parent: int, rank: int) -> int | None:
    """The pid of torchrun's worker with RANK=rank (read from /proc, Linux)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            environ = (entry / "environ").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and f"RANK={rank}".encode() in environ:
            return int(entry.name)
    return None


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds the worker in /proc")
def test_a_killed_rank_ends_the_run_cleanly_and_resume_finishes(tmp_path, fashion_small):
    out = tmp_path / "out"
    out.mkdir()
    model, ckpt = out / "m.ftmodel", out / "m.ckpt"
    env = _torchrun_env(tmp_path, out)
    run = subprocess.Popen(
        _torchrun(
            str(fashion_small),
            "--out",
            str(model),
            "--checkpoint",  # head-only runs keep none unless asked (engine.plan)
            str(ckpt),
            "--epochs",
            "400",
            "--patience",
            "0",
        ),
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not ckpt.is_file() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ckpt.is_file(), "no checkpoint was written"
        victim = _children_with_rank(run.pid, 1)
        assert victim is not None, "rank 1 not found"
        os.kill(victim, signal.SIGKILL)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode != 0
    assert stderr.count(LOST) == 1, stderr[-3000:]
    assert "Traceback" not in "".join(
        line for line in stderr.splitlines(keepends=True) if line.startswith("[rank")
    ), stderr[-3000:]
    assert not model.exists()
    assert _written(tmp_path, 1) == set()  # the checkpoint is rank 0's alone
    state = load_checkpoint(ckpt)  # intact: it loads
    done = len(state.history)
    assert 1 <= done < 400

    resumed = subprocess.run(
        _torchrun("--resume", str(ckpt), "--out", str(model), "--epochs", str(done + 2)),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"epoch {done + 1}/{done + 2}" in resumed.stderr
    assert f"epoch 1/{done + 2}" not in resumed.stderr
    assert not ckpt.exists()  # the run finished: nothing left to resume
    preds = Predictor(model, backend="torch").predict_paths(
        sorted((fashion_small / "trouser").iterdir())[:4]
    )
    assert all(p.error is None and p.label in ("t-shirt", "trouser", "pullover") for p in preds)


@pytest.mark.gpu
@pytest.mark.slow
@pytest.mark.skipif(
    not torch.cuda.is_available() or torch.cuda.device_count() < 2, reason="needs two CUDA cards"
)
def test_two_gpus_train_with_nccl(tmp_path, fashion_small):
    out = tmp_path / "out"
    out.mkdir()
    model = out / "m.ftmodel"
    env = _torchrun_env(tmp_path, out)
    run = subprocess.run(
        _torchrun(str(fashion_small), "--out", str(model), "--epochs", "2", "--device", "cuda"),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert _written(tmp_path, 1) == set()
    assert Predictor(model, backend="torch").predict_paths(
        sorted((fashion_small / "trouser").iterdir())[:2]
    )


def _gather_worker(rank: int, port: int, out: str) -> None:
    """One of two gloo processes on 127.0.0.1: share uneven rows, one rank with none."""
    os.environ.update(
        MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank), WORLD_SIZE="2"
    )
    os.environ["LOCAL_RANK"] = str(rank)
    from engine import distributed

    ranks = distributed.init_from_env("cpu")
    try:
        results = {}
        for name, count in (("uneven", 5 if rank == 0 else 2), ("empty", 3 if rank == 0 else 0)):
            rows = torch.arange(count * 6, dtype=torch.float16).view(count, 2, 3) + 100 * rank
            total = sum(ranks.gather_objects(count))
            got = torch.full((total, 2, 3), -1.0, dtype=torch.float16)

            def write(start: int, block: torch.Tensor, got=got) -> None:
                got[start : start + len(block)] = block

            distributed.gather_rows(ranks, count, lambda a, b, r=rows: r[a:b], write, chunk=2)
            results[name] = got.tolist()
        summed = ranks.sum(torch.tensor([1.0 + rank])).tolist()
        batches = [ranks.local_batch(torch.arange(n))[0].tolist() for n in (5, 1)]
        torch.save({"rows": results, "sum": summed, "batches": batches}, out)
    finally:
        distributed.finish()


@pytest.mark.slow
def test_rows_are_gathered_rank_by_rank_even_uneven_or_empty(tmp_path):
    import socket

    import torch.multiprocessing as mp

    with socket.socket() as s:  # a free port on 127.0.0.1 only
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    outs = [str(tmp_path / f"r{r}.pt") for r in range(2)]
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_gather_worker, args=(r, port, outs[r])) for r in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0]
    r0, r1 = (torch.load(o) for o in outs)
    assert r0["rows"] == r1["rows"]  # every rank holds the same, in the same order
    uneven = torch.tensor(r0["rows"]["uneven"])
    expect = torch.cat([torch.arange(30.0).view(5, 2, 3), torch.arange(12.0).view(2, 2, 3) + 100])
    assert torch.equal(uneven, expect)
    assert torch.equal(torch.tensor(r0["rows"]["empty"]), torch.arange(18.0).view(3, 2, 3))
    assert r0["sum"] == r1["sum"] == [3.0]
    # A global batch of 5 is split 3/2; a batch of 1 leaves rank 1 a stand-in photo.
    assert r0["batches"] == [[0, 2, 4], [0]] and r1["batches"] == [[1, 3], [0]]
