"""Issue 14: the move journal (engine/journal.py) and the path guard (engine/pathguard.py).

A move never leaves a truncated photo under its final name, an interrupted batch is
settled on the next run, a batch can be undone and redone, and a seeded SIGKILL sweep
over every file-system step of a batch (hard-link path and copy path) loses nothing.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import child_env

from engine.errors import StudioError
from engine.journal import JournalBusy, MoveJournal, recover
from engine.pathguard import PathGuardError, check_outputs, remove_own_file

DRIVER = Path(__file__).with_name("kill_driver.py")


def _photos(folder: Path, n: int, *, seed: int = 0) -> dict[str, str]:
    """``n`` distinct files in two subfolders; returns {sha256: relative name}."""
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        data = rng.randbytes(rng.randint(2_000, 60_000))
        p = folder / ("a" if i % 2 else "b") / f"p{i:03d}.png"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        out[hashlib.sha256(data).hexdigest()] = str(p.relative_to(folder))
    return out


def _census(*folders: Path) -> dict[str, list[str]]:
    """sha256 -> every path holding it, in ``folders``."""
    found: dict[str, list[str]] = {}
    for folder in folders:
        for dirpath, _dirnames, filenames in os.walk(folder):
            for name in filenames:
                p = Path(dirpath) / name
                found.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), []).append(str(p))
    return found


def test_move_batch_moves_records_undoes_and_redoes(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "out"
    originals = _photos(src, 6)
    (dst / "a").mkdir(parents=True)
    (dst / "a" / "p001.png").write_bytes(b"someone else's file")  # a name that is taken
    journal = MoveJournal(dst)
    pairs = [(src / rel, dst / rel) for rel in originals.values()]
    seen = []
    rec = journal.move_batch(pairs, kind="refile", on_progress=lambda d, t: seen.append((d, t)))
    assert rec.status == "complete" and len(rec.moves) == 6 and not rec.failed
    assert seen[-1] == (6, 6)
    assert (dst / "a" / "p001 (2).png").exists()  # the taken name was kept, a free one used
    assert (dst / "a" / "p001.png").read_bytes() == b"someone else's file"
    census = _census(src, dst)
    assert all(len(census[h]) == 1 and census[h][0].startswith(str(dst)) for h in originals)

    undo = journal.undo(rec.id)
    assert len(undo.moves) == 6 and not journal.read(rec.id).applied
    census = _census(src, dst)
    assert {h: census[h] for h in originals} == {h: [str(src / r)] for h, r in originals.items()}
    with pytest.raises(StudioError, match="already undone"):
        journal.undo(rec.id)

    journal.redo(rec.id)
    assert journal.read(rec.id).applied
    census = _census(src, dst)
    assert all(census[h][0].startswith(str(dst)) for h in originals)
    journal.undo(rec.id)  # undo after redo takes the redo's positions
    census = _census(src, dst)
    assert {h: census[h] for h in originals} == {h: [str(src / r)] for h, r in originals.items()}


def test_copy_batch_undo_removes_only_the_copies(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "out"
    originals = _photos(src, 3)
    journal = MoveJournal(dst)
    rec = journal.move_batch([(src / r, dst / r) for r in originals.values()], copy=True)
    assert all(len(v) == 2 for v in _census(src, dst).values())
    journal.undo(rec.id)
    assert _census(src, dst) == {h: [str(src / r)] for h, r in originals.items()}
    journal.redo(rec.id)
    assert all(len(v) == 2 for v in _census(src, dst).values())


def test_read_only_source_is_a_failure_that_leaves_the_photo_in_place(tmp_path, monkeypatch):
    src, dst = tmp_path / "src", tmp_path / "out"
    originals = _photos(src, 2)
    for sub in ("a", "b"):
        (src / sub).chmod(0o555)
    if os.geteuid() == 0:  # root ignores folder permissions: the kernel's answer, simulated
        from engine import journal as jmod

        real_unlink = os.unlink

        def read_only(path, *a, **k):
            if str(path).startswith(str(src)):
                raise PermissionError(13, "Permission denied", str(path))
            return real_unlink(path, *a, **k)

        monkeypatch.setattr(jmod.os, "unlink", read_only)
    try:
        rec = MoveJournal(dst).move_batch([(src / r, dst / r) for r in originals.values()])
    finally:
        for sub in ("a", "b"):
            (src / sub).chmod(0o755)
    assert not rec.moves and len(rec.failed) == 2
    assert all("read-only" in reason for _, _, reason in rec.failed)
    assert _census(src, dst) == {h: [str(src / r)] for h, r in originals.items()}


def test_undecodable_file_names_round_trip_through_the_journal(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    bad = os.fsdecode(b"bad\xffname.png")
    (src / bad).write_bytes(b"x" * 100)
    journal = MoveJournal(dst)
    rec = journal.move_batch([(src / bad, dst / bad)])
    assert rec.moves[0].dst == str(dst / bad) and (dst / bad).exists()
    journal.undo(rec.id)
    assert (src / bad).read_bytes() == b"x" * 100


def test_a_second_batch_in_the_same_folder_at_once_is_refused(tmp_path):
    journal = MoveJournal(tmp_path / "out")
    with journal.batch("sort"), pytest.raises(JournalBusy, match="Another Finetune Studio"):
        MoveJournal(tmp_path / "out").move_batch([])


def test_ctrl_c_in_the_middle_of_a_move_settles_it(tmp_path, monkeypatch):
    from engine import journal as jmod

    src, dst = tmp_path / "src", tmp_path / "out"
    originals = _photos(src, 4)
    calls = 0
    real_unlink = os.unlink

    def interrupted_unlink(path, *a, **k):
        nonlocal calls
        if str(path).startswith(str(src)):
            calls += 1
            if calls == 3:  # the third photo is linked into place, not yet removed
                raise KeyboardInterrupt
        return real_unlink(path, *a, **k)

    monkeypatch.setattr(jmod.os, "unlink", interrupted_unlink)
    journal = MoveJournal(dst)
    with pytest.raises(KeyboardInterrupt):
        journal.move_batch([(src / r, dst / r) for r in originals.values()])
    monkeypatch.undo()
    (rec,) = [journal.read(b) for b in journal.batch_ids()]
    assert rec.status == "stopped" and len(rec.moves) == 3
    census = _census(src, dst)
    assert all(len(census[h]) == 1 for h in originals)  # nothing lost, nothing doubled
    assert sorted(m.dst for m in rec.moves) == sorted(
        p for h in originals for p in census[h] if p.startswith(str(dst))
    )


def _sweep(tmp_path: Path, *, no_hardlinks: bool, kills: int, seed: int) -> int:
    env = {**child_env(), "NO_HARDLINKS": "1" if no_hardlinks else "0"}
    probe = tmp_path / "probe"
    _photos(probe / "src", 8)
    out = subprocess.run(
        [sys.executable, str(DRIVER), "move-batch", probe / "out", probe / "src", probe / "out"],
        env={**env, "KILL_AT": "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    total = int(out.stdout.strip().rsplit("STEPS=", 1)[1])
    points = sorted(random.Random(seed).sample(range(1, total + 1), min(kills, total)))
    for k in points:
        case = tmp_path / f"k{k}"
        originals = _photos(case / "src", 8)
        proc = subprocess.run(
            [sys.executable, str(DRIVER), "move-batch", case / "out", case / "src", case / "out"],
            env={**env, "KILL_AT": str(k)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == -signal.SIGKILL, (k, proc.stdout, proc.stderr)
        # Before any recovery: no photo is truncated under a final name, none is lost.
        census = _census(case / "src", case / "out")
        finals = {h for h, paths in census.items() for p in paths if not _is_temp(p)}
        assert finals == set(originals), k  # every photo there, none cut short
        # The next run settles the batch: each photo in exactly one place, as recorded.
        recs = recover(case / "out")
        census = _census(case / "src", case / "out")
        ids = MoveJournal(case / "out").batch_ids()
        if not ids:  # killed before the batch began: nothing was touched
            assert census == {h: [str(case / "src" / r)] for h, r in originals.items()}, k
            continue
        # (no batch to recover: killed after the batch had recorded its end)
        rec = recs[0] if recs else MoveJournal(case / "out").read(ids[0])
        assert set(census) == set(originals), k  # no temporary file left, nothing extra
        assert all(len(paths) == 1 for paths in census.values()), k
        moved = {m.dst for m in rec.moves}
        at_dst = {p for paths in census.values() for p in paths if p.startswith(str(case / "out"))}
        assert moved == at_dst, k
        # ... and undoing it puts every photo back under its own name.
        MoveJournal(case / "out").undo(rec.id)
        census = _census(case / "src", case / "out")
        assert census == {h: [str(case / "src" / r)] for h, r in originals.items()}, k
    return len(points)


def _is_temp(path: str) -> bool:
    """The journal's hidden temporary file (a copy in progress, maybe cut short)."""
    name = Path(path).name
    return name.startswith(".ft-") and name.endswith(".part")


@pytest.mark.slow
def test_sigkill_sweep_over_a_batch_of_moves_loses_nothing(tmp_path):
    """30 seeded kill points on the hard-link path, 30 on the copy path (other disk)."""
    assert _sweep(tmp_path / "link", no_hardlinks=False, kills=30, seed=14) >= 30
    assert _sweep(tmp_path / "copy", no_hardlinks=True, kills=30, seed=15) >= 30


# ----------------------------------------------------------------------------- path guard


def test_path_guard_refuses_outputs_that_are_inputs(tmp_path):
    photos = tmp_path / "photos" / "cats"
    photos.mkdir(parents=True)
    (photos / "c1.png").write_bytes(b"photo")
    model = tmp_path / "m.ftmodel"
    model.write_bytes(b"model")
    link = tmp_path / "link.ftmodel"
    link.symlink_to(model)
    with pytest.raises(PathGuardError, match=r"c1\.png.*inside.*photos"):
        check_outputs({"--out": photos / "c1.png"}, {"the photo folder": tmp_path / "photos"})
    with pytest.raises(PathGuardError, match="is also the model"):
        check_outputs({"--out": link}, {"the model": model})
    with pytest.raises(PathGuardError, match="are the same file"):
        check_outputs({"--out": tmp_path / "x.ftmodel", "--checkpoint": tmp_path / "x.ftmodel"})
    # A new file inside an input folder, and distinct outputs, are fine.
    check_outputs({"--out": photos / "new.ftmodel"}, {"the photo folder": tmp_path / "photos"})
    check_outputs({"--out": tmp_path / "a", "--checkpoint": tmp_path / "b"}, {"the model": model})


def test_clean_up_deletes_only_files_the_app_wrote(tmp_path):
    from reliability_support import save_tiny_model

    precious = tmp_path / "precious.ftmodel"
    precious.write_bytes(b"not ours at all")
    model = save_tiny_model(tmp_path / "m.ftmodel")
    assert not remove_own_file(precious, ["finetune-studio-checkpoint"])
    assert not remove_own_file(model, ["finetune-studio-checkpoint"])  # ours, but a model
    assert precious.exists() and model.exists()
    assert not remove_own_file(model, ["finetune-studio-model"], keep=[model])
    assert remove_own_file(model, ["finetune-studio-model"]) and not model.exists()
