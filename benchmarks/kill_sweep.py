"""Issue 14's seeded SIGKILL sweep over ``sort --move`` and ``export`` (engine calls).

For each kill point a forked child runs the real engine call (``sort_folder`` with a
move, ``export_model`` to ONNX over yesterday's export) and is killed with SIGKILL:

* **sort --move**: at its K-th file-system step (journal and atomic writer: open, write,
  fsync, link, rename, unlink, half of a copy), K drawn with a fixed seed from every step
  of a dry run, on the hard-link path and on the copy path (another file system).
* **export**: at each of its file-system steps, and at seeded random moments of the whole
  export (tracing, serialising, writing).

After each kill a sha256 census checks, *before any recovery*: no photo lost, nothing
truncated under a final name (every file but the hidden temporary ones is a complete
original / a whole .onnx, old or new). Then the next run's recovery (``recover_sorts``,
``repair_export_record``) and checks that the record matches what is on disk:
``sorted.csv`` lists exactly the photos in OUT (and none still in the source), and
``m.onnx.json`` names the sha256 and the categories of the ``m.onnx`` beside it.

    python benchmarks/kill_sweep.py [--points 30] [--seed 14]

Prints one JSON line with the counts; exits 1 on the first broken invariant. Forking
after one model load keeps a kill point under a second on a busy machine.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests" / "reliability"))

import kill_driver  # noqa: E402  (tests/reliability: counts the steps, kills at step K)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_photos(folder: Path, n: int, seed: int) -> dict[str, str]:
    from PIL import Image

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i in range(n):
        p = folder / f"p{i:03d}.png"
        Image.frombytes("RGB", (48, 48), rng.randbytes(48 * 48 * 3)).save(p)
        out[sha(p)] = p.name
    return out


def census(*folders: Path) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.endswith(".png"):
                    p = Path(dirpath) / name
                    found.setdefault(sha(p), []).append(p)
    return found


def in_child(kill_at: int, fn, *, no_hardlinks: bool = False, delay: float | None = None) -> int:
    """Run ``fn`` in a forked child killed at step ``kill_at`` (or after ``delay`` s);
    returns the number of steps it took when it was not killed, else -1."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        kill_driver.KILL_AT = kill_at
        kill_driver.NO_HARDLINKS = no_hardlinks
        kill_driver.steps = 0
        try:
            fn()
            os.write(write, str(kill_driver.steps).encode())
        finally:
            os._exit(0)
    os.close(write)
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    data = os.read(read, 100)
    os.close(read)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return -1
    return int(data or b"0")


def check(ok: bool, what: str) -> None:
    if not ok:
        print(f"BROKEN: {what}", file=sys.stderr, flush=True)
        sys.exit(1)


def sweep_sort(predictor, work: Path, points: int, seed: int, no_hardlinks: bool) -> int:
    from engine.journal import MoveJournal
    from engine.sorting import recover_sorts, sort_folder

    def run(case: Path):
        return lambda: sort_folder(
            predictor, case / "src", case / "out", move=True, min_confidence=0
        )

    probe = work / "probe"
    make_photos(probe / "src", 8, seed)
    total = in_child(0, run(probe), no_hardlinks=no_hardlinks)
    check(total > 0, "the dry run of sort --move finished")
    killed = 0
    for k in sorted(random.Random(seed).sample(range(1, total + 1), min(points, total))):
        case = work / f"k{k}"
        originals = make_photos(case / "src", 8, seed)
        if in_child(k, run(case), no_hardlinks=no_hardlinks) == -1:
            killed += 1
        found = census(case / "src", case / "out")
        finals = {h for h, paths in found.items() if any(not p.name.startswith(".") for p in paths)}
        check(finals == set(originals), f"sort kill {k}: a photo lost or cut short")
        recover_sorts(case / "out")
        found = census(case / "src", case / "out")
        check(set(found) == set(originals), f"sort kill {k}: extra files after recovery")
        check(all(len(v) == 1 for v in found.values()), f"sort kill {k}: a photo in two places")
        in_out = {str(p) for v in found.values() for p in v if (case / "out") in p.parents}
        listed: set[str] = set()
        for record in (case / "out").glob("sorted*.csv"):
            with open(record, newline="", encoding="utf-8") as f:
                rows = [r for r in csv.DictReader(f) if r["note"] == "moved"]
            listed |= {r["destination"] for r in rows}
            check(
                all(not Path(r["source"]).exists() for r in rows),
                f"sort kill {k}: the record lists a moved photo that is still in the source",
            )
        if MoveJournal(case / "out").batch_ids():  # a record exists once the batch began
            check(listed == in_out, f"sort kill {k}: sorted.csv does not match OUT")
    return killed


def sweep_export(loaded, work: Path, points: int, seed: int) -> int:
    from engine.export import check_export_record, export_model, record_path, repair_export_record
    from engine.modelfile import load_model

    yesterday = load_model(make_model(work / "old.ftmodel", ["a", "b"], 5))
    out = work / "m.onnx"

    def fresh() -> None:
        export_model(yesterday, "onnx", out)

    fresh()
    old_sha = sha(out)
    t0 = time.monotonic()
    total = in_child(0, lambda: export_model(loaded, "onnx", out))
    duration = time.monotonic() - t0
    new_sha = sha(out)
    rng = random.Random(seed)
    plan: list = [("step", k, None) for k in range(1, total + 1)]
    killed = 0
    import onnx

    def kill_points():
        # every step, then seeded moments until `points` kills really happened (a
        # moment after the export's end is no kill and does not count)
        yield from plan
        attempts = 0
        while killed < points and attempts < 3 * points:
            attempts += 1
            yield ("time", 0, rng.uniform(0.0, duration * 0.9))

    for kind, k, delay in kill_points():
        fresh()
        if (
            in_child(
                k if kind == "step" else 0, lambda: export_model(loaded, "onnx", out), delay=delay
            )
            == -1
        ):
            killed += 1
        where = f"export kill {kind} {k or round(delay or 0, 3)}"
        check(
            out.is_file() and sha(out) in (old_sha, new_sha), f"{where}: .onnx neither old nor new"
        )
        onnx.load(str(out))  # whole
        problem = check_export_record(out)
        if problem is not None:
            check("another version" in problem or "missing" in problem, f"{where}: {problem}")
            check(repair_export_record(out), f"{where}: repaired")
        record = json.loads(record_path(out).read_text())
        classes = json.loads(
            next(p.value for p in onnx.load(str(out)).metadata_props if p.key == "classes")
        )
        check(record["sha256"] == sha(out) and record["classes"] == classes, f"{where}: record")
    fresh()  # the next save removes what the killed ones left
    check(not [n for n in os.listdir(work) if n.endswith(".tmp")], "temporary files left")
    return killed


def make_model(path: Path, classes: list[str], seed: int) -> Path:
    import torch

    from engine.backbones import build_model, get_backbone
    from engine.config import TrainConfig
    from engine.modelfile import save_model

    torch.manual_seed(seed)
    net = build_model("efficientnet_lite0", len(classes), pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing.for_size(64)
    save_model(
        path,
        net=net,
        classes=classes,
        prep=prep,
        config=TrainConfig(data_dir="photos", image_size=64),
        summary={"threshold": 0.0},
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=30)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    os.environ.setdefault("FINETUNE_STUDIO_HOME", tempfile.mkdtemp(prefix="ft-sweep-home-"))
    import torch

    torch.set_num_threads(1)
    kill_driver.install()
    from engine.modelfile import load_model
    from engine.predict import Predictor

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ft-kill-sweep-") as tmp:
        work = Path(tmp)
        model = make_model(work / "m.ftmodel", ["pullover", "t-shirt", "trouser"], 0)
        predictor = Predictor(model, backend="torch")
        link = sweep_sort(predictor, work / "link", args.points, args.seed, False)
        copy = sweep_sort(predictor, work / "copy", args.points, args.seed + 1, True)
        export = sweep_export(load_model(model), work / "export", args.points, args.seed)
    result = {
        "sort_move_kills_hardlink_path": link,
        "sort_move_kills_copy_path": copy,
        "export_kills": export,
        "seconds": round(time.monotonic() - start, 1),
        "broken": 0,
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
