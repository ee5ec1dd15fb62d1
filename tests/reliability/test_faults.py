"""Issue 6, faults in-process: stop mid-epoch, out of memory, photos that change under the
app, and a full disk. Each keeps what was finished and says what happened.

(SIGKILL is in test_kill_and_resume.py; closing the window in test_gui_close.py.)
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from reliability_support import child_env, photo_counts, save_tiny_model, sha256, temp_files

from corpus import write_photos
from engine import atomic, backbones
from engine.atomic import SaveError
from engine.config import TrainConfig
from engine.errors import StudioError
from engine.modelfile import load_checkpoint, load_model, save_checkpoint, save_model
from engine.predict import Predictor, write_predictions_csv
from engine.projects import Project, load_project, save_project
from engine.sorting import sort_folder
from engine.training import train

FAST = {"image_size": 64, "precision": "fp32", "early_stop_patience": 0}


# ------------------------------------------------------------------ stop in the middle


def test_stop_mid_epoch_keeps_the_best_completed_epoch_exactly(
    tmp_path, fashion_small, monkeypatch
):
    """The model file holds the best completed epoch's weights bit for bit, not the
    half-trained weights of the epoch that was stopped; the run can be resumed."""
    last_step: dict[str, torch.Tensor] = {}
    real_step = torch.optim.AdamW.step

    def recording_step(self, *a, **k):
        out = real_step(self, *a, **k)
        for group in self.param_groups:
            for p in group["params"]:
                last_step[tuple(p.shape)] = p.detach().clone()
        return out

    monkeypatch.setattr(torch.optim.AdamW, "step", recording_step)
    epochs, checks = [], []

    def on_event(e):
        if e.kind == "epoch":
            epochs.append(e.epoch)

    def should_stop():
        if len(epochs) >= 2:
            checks.append(1)
        return len(checks) > 3  # three steps into epoch 3

    ckpt, out = tmp_path / "run.ckpt", tmp_path / "m.ftmodel"
    cfg = TrainConfig(
        data_dir=str(fashion_small), epochs=5, batch_size=4, checkpoint=str(ckpt), **FAST
    )
    result = train(cfg, out=out, on_event=on_event, should_stop=should_stop)

    assert result.stopped and [r.epoch for r in result.history] == [1, 2]
    state = load_checkpoint(ckpt)  # kept: a stopped run can be continued
    assert [r.epoch for r in state.history] == [1, 2] and state.best_epoch == result.best_epoch
    model = load_model(out)
    assert model.summary["best_epoch"] == result.best_epoch
    weights = model.net.state_dict()
    assert state.best_weights is not None
    assert all(torch.equal(weights[k], v) for k, v in state.best_weights.items())
    head = next(k for k, v in weights.items() if tuple(v.shape) == (3, 1280))
    assert not torch.equal(weights[head], last_step[(3, 1280)])  # epoch 3's steps not kept

    again = train(TrainConfig.from_dict(state.config), resume=ckpt)  # continues at epoch 3
    assert [r.epoch for r in again.history] == [1, 2, 3, 4, 5]
    assert again.history[:2] == result.history


# ------------------------------------------------------------------ out of memory


def _oom_above(monkeypatch, limit: int, seen: list[int]) -> None:
    """Simulate a device that runs out of memory for more than ``limit`` photos at once."""
    real_run = backbones.StagedNet.run

    def run(self, x, *args, **kwargs):
        if x.shape[0] > limit:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        if torch.is_grad_enabled():
            seen.append(x.shape[0])  # a training step
        return real_run(self, x, *args, **kwargs)

    monkeypatch.setattr(backbones.StagedNet, "run", run)


def test_out_of_memory_halves_the_batch_and_training_goes_on(tmp_path, fashion_small, monkeypatch):
    seen: list[int] = []
    _oom_above(monkeypatch, 4, seen)
    events = []
    cfg = TrainConfig(data_dir=str(fashion_small), epochs=2, batch_size=16, **FAST)
    result = train(cfg, out=tmp_path / "m.ftmodel", on_event=events.append)

    said = [e.message for e in events if e.kind == "message" and "Out of memory" in e.message]
    assert "Out of memory while computing features: the batch size was halved to 8" in said[0]
    assert any(
        "while training: the batch size was halved to 8; training goes on" in m for m in said
    )
    assert any(
        "while training: the batch size was halved to 4; training goes on" in m for m in said
    )
    assert [r.epoch for r in result.history] == [1, 2]
    n_train = 30  # 36 photos, 6 set aside for checking
    assert sum(seen) == 2 * n_train and max(seen) == 4  # every photo, every epoch
    steps = [e for e in events if e.kind == "step" and e.epoch == 2]
    assert steps[-1].steps_per_epoch == math.ceil(n_train / 4) == steps[-1].step
    assert load_model(tmp_path / "m.ftmodel").classes == result.classes


def test_out_of_memory_with_one_photo_at_a_time_is_a_clear_error(
    tmp_path, fashion_small, monkeypatch
):
    _oom_above(monkeypatch, 0, [])
    previous = save_tiny_model(tmp_path / "m.ftmodel")
    digest = sha256(previous)
    with pytest.raises(StudioError, match="Out of memory .* even with one photo at a time"):
        train(TrainConfig(data_dir=str(fashion_small), epochs=1, **FAST), out=previous)
    assert sha256(previous) == digest


# ------------------------------------------------------------------ photos that change


def test_photo_deleted_or_replaced_between_scan_and_training(tmp_path, fashion_small):
    data = tmp_path / "photos"
    shutil.copytree(fashion_small, data)
    shirts = sorted((data / "t-shirt").glob("*.png"))
    deleted, garbled, swapped = shirts[0], shirts[1], shirts[2]
    events = []

    def on_event(e):
        events.append(e)
        if e.kind == "stage" and e.message.startswith("Loading ") and deleted.exists():
            deleted.unlink()  # the scan has finished; the photos are read next
            garbled.write_text("overwritten by another program")
            write_photos(tmp_path / "other", 1, seed=9)
            os.replace(tmp_path / "other" / "photo 9-0.png", swapped)

    result = train(TrainConfig(data_dir=str(data), epochs=1, **FAST), on_event=on_event)
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    assert set(skipped) == {deleted.name, garbled.name}
    assert "gone" in skipped[deleted.name]
    assert "not an image" in skipped[garbled.name]
    assert [r.epoch for r in result.history] == [1]
    assert sum(photo_counts(events)) == 36 - 2  # the replaced photo was used


def test_photos_vanishing_during_prediction_and_sorting(tmp_path, tiny_model, monkeypatch):
    src = tmp_path / "src"
    photos = write_photos(src, 6)
    predictor = Predictor(tiny_model, device="cpu", precision="fp32")
    photos[0].unlink()
    answers = {Path(p.path).name: p for p in predictor.predict_paths(photos)}
    assert "gone" in answers[photos[0].name].error and answers[photos[1].name].label

    # A photo deleted after it was classified but before it is moved: listed, not fatal.
    real = Predictor.predict_paths

    def classify_then_delete(self, paths, **kwargs):
        on_results = kwargs.pop("on_results")

        def deliver(batch):
            Path(batch[0].path).unlink()
            on_results(batch)

        return real(self, paths, on_results=deliver, **kwargs)

    monkeypatch.setattr(Predictor, "predict_paths", classify_then_delete)
    report = sort_folder(predictor, src, tmp_path / "out", move=True)
    assert len(report.failed) >= 1 and not report.stopped
    assert len(report.placed) + len(report.failed) == 5
    for source, dest, _, _ in report.placed:
        assert Path(dest).is_file() and not Path(source).exists()
    left = {p for p in (tmp_path / "out").rglob("*.png")}
    assert left == {Path(d) for _, d, _, _ in report.placed}  # no half-made copy remains


# ------------------------------------------------------------------ a full disk


class _DiskFullFile:
    """A file that accepts part of what is written, then reports ENOSPC."""

    def __init__(self, real):
        self._real = real

    def write(self, data):
        self._real.write(bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()


class _Os:
    """``os`` as the atomic writer sees it, with some functions replaced (only there)."""

    def __init__(self, **replaced):
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(os, name)


def _fill_disk(monkeypatch, where: str) -> None:
    def enospc(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "write":
        fake = _Os(fdopen=lambda *a, **k: _DiskFullFile(os.fdopen(*a, **k)))
    else:
        fake = _Os(**{where: enospc})
    monkeypatch.setattr(atomic, "os", fake)


def _savers(tmp_path):
    from engine.backbones import build_model, get_backbone

    net = build_model("efficientnet_lite0", 3, pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing
    cfg = TrainConfig(data_dir=str(tmp_path))
    opt = torch.optim.AdamW(net.parameters()).state_dict()
    return {
        "model.ftmodel": lambda p: save_model(
            p, net=net, classes=["a", "b", "c"], prep=prep, config=cfg, summary={}
        ),
        "run.ckpt": lambda p: save_checkpoint(
            p,
            net=net,
            config=cfg,
            classes=["a", "b", "c"],
            prep=prep,
            history=[],
            optimizer=opt,
            best_weights=None,
            best_epoch=None,
        ),
        "my.ftproj": lambda p: save_project(Project(cfg, notes="new"), p),
        "answers.csv": lambda p: write_predictions_csv([], p),
    }


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_disk_full_while_saving_keeps_the_previous_file_and_no_temp(tmp_path, monkeypatch, where):
    savers = _savers(tmp_path)
    folder = tmp_path / "out"
    for name, save in savers.items():
        save(folder / name)  # the previous version of each file
    before = {name: sha256(folder / name) for name in savers}
    _fill_disk(monkeypatch, where)
    for name, save in savers.items():
        with pytest.raises(SaveError) as info:
            save(folder / name)
        assert "the disk is full" in str(info.value) and "previous file was kept" in str(info.value)
        assert sha256(folder / name) == before[name], name
        assert temp_files(folder) == [], name
    monkeypatch.undo()
    assert load_project(folder / "my.ftproj").notes == "new"
    assert load_model(folder / "model.ftmodel").classes == ["a", "b", "c"]
    assert load_checkpoint(folder / "run.ckpt").history == []


def test_disk_full_for_the_checkpoint_does_not_stop_training(tmp_path, fashion_small, monkeypatch):
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".ckpt"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic, "os", _Os(replace=replace))
    events = []
    ckpt = tmp_path / "run.ckpt"
    cfg = TrainConfig(data_dir=str(fashion_small), epochs=2, checkpoint=str(ckpt), **FAST)
    result = train(cfg, out=tmp_path / "m.ftmodel", on_event=events.append)
    full = [e.message for e in events if "disk is full" in e.message]
    assert len(full) == 2 and "Training goes on" in full[0]
    assert [r.epoch for r in result.history] == [1, 2] and load_model(tmp_path / "m.ftmodel")
    assert temp_files(tmp_path) == [] and not ckpt.exists()


_TMPFS_DRIVER = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from pathlib import Path
    sys.path.insert(0, {support!r})
    from reliability_support import save_tiny_model, sha256, temp_files, run_cli

    disk, data, ckpt = Path({disk!r}), {data!r}, {ckpt!r}
    disk.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(disk)], check=True)
    previous = save_tiny_model(disk / "m.ftmodel")  # 14 MB: no room for a second one
    digest = sha256(previous)
    out = run_cli(["train", data, "--out", previous, "--checkpoint", ckpt, "--epochs", "1",
                   "--image-size", "64", "--precision", "fp32"])
    from engine.modelfile import load_model
    print(json.dumps({{
        "returncode": out.returncode,
        "stderr": out.stderr,
        "intact": sha256(previous) == digest,
        "loads": load_model(previous).summary.get("marker") == 0,
        "temp": temp_files(disk),
        "listing": sorted(os.listdir(disk)),
    }}))
    """
)


def test_disk_full_on_a_real_small_disk_gives_one_clear_line(tmp_path, fashion_small):
    """A 20 MB tmpfs (in a private mount namespace) holding the previous model: training
    cannot save the new one next to it."""
    if sys.platform != "linux" or not shutil.which("unshare"):
        pytest.skip("needs Linux mount namespaces (unshare)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a private mount namespace here: {probe.stderr.decode()[:200]}")
    script = tmp_path / "driver.py"
    script.write_text(
        _TMPFS_DRIVER.format(
            support=str(Path(__file__).parent),
            disk=str(tmp_path / "disk"),
            data=str(fashion_small),
            ckpt=str(tmp_path / "run.ckpt"),
        )
    )
    done = subprocess.run(
        ["unshare", "-m", "--propagation", "private", sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(),
    )
    if done.returncode != 0 and "mount" in done.stderr and "permission" in done.stderr.lower():
        pytest.skip("no permission to mount a tmpfs")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["returncode"] == 2, report["stderr"][-2000:]
    last = report["stderr"].strip().splitlines()[-1]
    assert last.startswith("error: Could not save ") and "the disk is full" in last, last
    assert "Traceback" not in report["stderr"]
    assert report["intact"] and report["loads"]
    assert report["temp"] == [] and report["listing"] == ["m.ftmodel"]
