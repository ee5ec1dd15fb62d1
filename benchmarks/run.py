"""Finetune Studio against the naive tutorial loop, side by side: ``make bench``.

    .venv/bin/python benchmarks/run.py              # everything (~20 min on 2 cores)
    .venv/bin/python benchmarks/run.py --quick      # smoke run on tiny data (~4 min)
    .venv/bin/python benchmarks/run.py --only 1,3   # some goals (numbers from issue 7)
    .venv/bin/python benchmarks/run.py --wait-quiet 60   # first wait for load < 1.5

Each job runs in its own process with a private app home (fresh image cache) and a
precision probe file made fresh at the start of this run. Prints a table of every ratio
against its goal and writes ``benchmarks/out/results.json`` (``--json`` to change).
Not part of the test suite (pytest only collects ``tests/``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HERE, OUT, RESULT_TAG, bench_env, load_average, log, machine  # noqa: E402

#: goal -> the job that measures it (goals 1 and 2 share one run of the engine)
JOB_OF = {
    1: "headonly",
    2: "headonly",
    3: "last",
    4: "bigjpeg",
    5: "probe",
    6: "predict",
    7: "gui",
    8: "memory",
}
ORDER = ["probe", "headonly", "last", "bigjpeg", "predict", "gui", "memory"]


def run_job(
    job: str, goals: list[int], quick: bool, probe_file: Path, extra: list[str] | None = None
) -> dict:
    home = OUT / "homes" / job
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    cmd = [sys.executable, str(HERE / "goals.py"), job, "--home", str(home)]
    cmd += ["--goals", ",".join(map(str, goals))] + (["--quick"] if quick else [])
    cmd += extra or []
    before = load_average()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=bench_env(home, probe_file), stdout=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)), None)
    if proc.returncode != 0 or line is None:
        log(f"job {job} FAILED (exit {proc.returncode})")
        return {"error": f"exit {proc.returncode}", "wall": seconds}
    result = json.loads(line[len(RESULT_TAG) :])
    result["wall"] = seconds
    result["load_before"] = before
    result["load_after"] = load_average()
    return result


# ---------------------------------------------------------------------- the ratio table


class Rows:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, goal, name, value, target=None, ok=None, unit="", note=""):
        self.rows.append(
            {
                "goal": goal,
                "measure": name,
                "value": value,
                "unit": unit,
                "target": target,
                "met": ok,
                "note": note,
            }
        )


def _get(d: dict, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def build_rows(raw: dict) -> list[dict]:
    r = Rows()
    h = raw.get("headonly", {})
    if "engine" in h:
        eng = h["engine"]
        if "naive" in h:
            nv = h["naive"]
            ratio = nv["seconds_for_target"] / eng["wall"]
            how = (
                f"naive measured {nv['epochs_measured']} of {nv['epochs_target']} epochs "
                f"({', '.join(f'{s:.0f}' for s in nv['epoch_seconds'])} s), fastest epoch "
                f"x {nv['epochs_target']}"
                if nv["extrapolated"]
                else "naive measured in full"
            )
            r.add(1, "head-only 10 epochs: engine wall", eng["wall"], unit="s")
            r.add(
                1, "head-only 10 epochs: naive wall", nv["seconds_for_target"], unit="s", note=how
            )
            r.add(1, "speed-up naive/engine", ratio, ">= 15x", ratio >= 15, "x")
            r.add(
                1,
                "accuracy engine vs naive",
                eng["val_accuracy"],
                f">= naive {nv['best_accuracy']:.3f}",
                _at_least(eng["val_accuracy"], nv["best_accuracy"]),
                "",
                f"naive best after {nv['epochs_measured']} epoch(s)",
            )
        if "inference_pass" in h:
            inf = h["inference_pass"]
            ratio = eng["wall"] / inf["seconds"]
            r.add(
                2,
                "engine whole head-only run / one inference pass",
                ratio,
                "<= 1.5x",
                ratio <= 1.5,
                "x",
                f"{eng['wall']:.1f} s vs {inf['seconds']:.1f} s for {inf['photos']} photos "
                f"({h.get('precision')})",
            )

    last = raw.get("last", {})
    if "engine" in last:
        e = last["engine"]["epoch_median"]
        full = last["naive_full"]["epoch_seconds"]
        same = last["naive_same_layers"]["epoch_median"]
        r.add(3, "'last' epoch: engine", e, unit="s")
        r.add(
            3,
            "naive full fine-tuning epoch / engine",
            full / e,
            ">= 5x",
            full / e >= 5,
            "x",
            f"naive {full:.1f} s/epoch (timed on part of an epoch, extrapolated)",
        )
        # The naive loop's fastest measured epoch: other programs only ever add time.
        same = last["naive_same_layers"].get("epoch_fastest", same)
        measured = last["naive_same_layers"].get("epochs_measured", "?")
        r.add(
            3,
            "naive tutorial loop, same layers: epoch / engine",
            same / e,
            ">= 2x",
            same / e >= 2,
            "x",
            f"naive {same:.1f} s/epoch (fastest of {measured} measured; frozen part run "
            "forward every epoch, fp32)",
        )
        acc, nacc = last["engine"]["val_accuracy"], last["naive_same_layers"]["best_accuracy"]
        r.add(
            3,
            "accuracy engine vs naive same layers",
            acc,
            f">= {nacc:.3f}",
            _at_least(acc, nacc),
            note=f"naive best after {measured} epoch(s)",
        )
        if "cached_boundary" in last:
            cb = last["cached_boundary"]
            r.add(
                3,
                "  careful fp32 loop on cached boundary activations: epoch / engine",
                cb["epoch_median"] / e,
                unit="x",
                note=f"{cb['epoch_median']:.2f} s/epoch, accuracy {cb['best_accuracy']:.3f}",
            )

    b = raw.get("bigjpeg", {})
    if "naive" in b:
        n = b["photos"]
        nv, first, second, nocache = (
            b["naive"],
            b["engine_first_run"],
            b["engine_second_run"],
            b["engine_no_cache"],
        )
        per_core = nv["cpu"] / first["cpu"]
        r.add(
            4,
            "data stage per core (CPU s): naive / engine first run",
            per_core,
            ">= 4x",
            per_core >= 4,
            "x",
            f"naive {1000 * nv['wall'] / n:.0f} ms/photo on 1 thread; engine "
            f"{1000 * first['wall'] / n:.0f} ms/photo wall on 2 threads",
        )
        r.add(
            4,
            "  same, engine with image cache off",
            nv["cpu"] / nocache["cpu"],
            unit="x",
            note=f"{1000 * nocache['cpu'] / n:.0f} CPU-ms/photo (draft mode)",
        )
        sec = first["wall"] / second["wall"]
        r.add(
            4,
            "second run data stage vs first run (wall)",
            sec,
            ">= 50x",
            sec >= 50,
            "x",
            f"{1000 * second['wall'] / n:.1f} ms/photo from the image cache",
        )
        r.add(4, "second run data stage vs naive (wall)", nv["wall"] / second["wall"], unit="x")
        r.add(
            4,
            "scan of the folder (decodes each photo small)",
            b["scan"]["per_photo_ms"],
            unit="ms/photo",
            note="not part of the data stage; runs every time",
        )
        if "one_decode_scan" in b:
            one = b["one_decode"]
            per = one["cpu"] / one["photos"]  # CPU s per photo of one draft decode

            def cpu_per_photo(*parts: dict) -> float:
                return sum(p["cpu"] / n for p, n in parts)

            ns = b["scan"]["photos"]
            before = cpu_per_photo((b["scan"], ns), (first, n))
            scan1 = b["one_decode_scan"]
            after = cpu_per_photo((scan1, scan1["photos"]), (b["one_decode_data_stage"], n))
            r.add(
                4,
                "first run scan + data stage (CPU) / one draft decode, before issue 18",
                before / per,
                unit="x",
                note=f"scan {1000 * b['scan']['cpu'] / ns:.0f} + data stage "
                f"{1000 * first['cpu'] / n:.0f} CPU-ms/photo; one decode {1000 * per:.0f}",
            )
            r.add(
                4,
                "first run scan + data stage (CPU) / one draft decode (one decode per photo)",
                after / per,
                "<= 1.25x",
                after / per <= 1.25,
                "x",
                f"scan {1000 * scan1['cpu'] / scan1['photos']:.0f} (decode, check, cache) + "
                f"data stage {1000 * b['one_decode_data_stage']['cpu'] / n:.1f} CPU-ms/photo",
            )
            wall_after = scan1["wall"] / scan1["photos"] + b["one_decode_data_stage"]["wall"] / n
            r.add(
                4,
                "  same in wall time / one draft decode (wall, 1 thread)",
                wall_after / (one["wall"] / one["photos"]),
                unit="x",
                note="the scan decodes on one thread",
            )
            sec2 = b["one_decode_second_run"]
            r.add(
                4,
                "  second run data stage after it",
                1000 * sec2["wall"] / n,
                unit="ms/photo",
                note=f"before: {1000 * b['engine_second_run']['wall'] / n:.1f} ms/photo; "
                f"cache {b['one_decode_cache_bytes'] / 1e6:.0f} MB, cleared to 0",
            )

    p = raw.get("probe", {})
    if "here" in p:
        here, avx2 = p["here"], p["avx2"]
        r.add(
            5,
            "probe choice here",
            here["choice"]["dtype"],
            "bfloat16",
            here["choice"]["dtype"] == "bfloat16",
            note=f"probe took {here['probe_seconds']:.1f} s once; remembered read "
            f"{1000 * here['remembered_seconds']:.1f} ms",
        )
        r.add(
            5,
            "chosen vs fp32 forward here",
            here["speedup_vs_fp32"],
            ">= 1.2x",
            here["speedup_vs_fp32"] >= 1.2,
            "x",
            f"probe's own estimate {here['probe_speedup']:.2f}x",
        )
        r.add(
            5,
            "probe choice with AVX2 only",
            avx2["choice"]["dtype"],
            "float32",
            avx2["choice"]["dtype"] == "float32",
        )
        r.add(
            5,
            "chosen vs fp32 forward with AVX2 only",
            avx2["speedup_vs_fp32"],
            ">= 0.95x",
            avx2["speedup_vs_fp32"] >= 0.95,
            "x",
            f"bf16 there would be {1 / avx2['bf16_vs_fp32']:.1f}x slower than fp32",
        )

    pr = raw.get("predict", {})
    if "engine_folder" in pr:
        ratio = pr["engine_folder"]["photos_per_s"] / pr["naive_loop"]["photos_per_s"]
        r.add(
            6,
            "folder throughput: engine / naive per-image loop",
            ratio,
            ">= 3x",
            ratio >= 3,
            "x",
            f"{pr['engine_folder']['photos_per_s']:.1f} vs "
            f"{pr['naive_loop']['photos_per_s']:.1f} photos/s ({pr['photos']} photos, "
            f"{pr.get('backend', '?')}; median of rounds {pr['engine_folder'].get('runs')} vs "
            f"{pr['naive_loop'].get('runs')})",
        )
        if "engine_folder_torch" in pr:
            tp = pr["engine_folder_torch"]
            r.add(
                6,
                "  the engine with PyTorch instead / naive loop",
                tp["photos_per_s"] / pr["naive_loop"]["photos_per_s"],
                unit="x",
                note=f"{tp['photos_per_s']:.1f} photos/s, {tp['precision']}, batches",
            )
        if "same_label_as_naive" in pr:
            r.add(
                6,
                "  same top category as the naive loop",
                100 * pr["same_label_as_naive"],
                unit="%",
                note="the naive loop resizes with torchvision, the engine with Pillow",
            )
        own = pr["engine_folder"]["photos_per_s"] / pr["engine_loop"]["photos_per_s"]
        r.add(6, "  vs the engine's own predict_image loop", own, unit="x")
        for key, label in (("latency_small", "28x28 PNG"), ("latency_12mp", "12 MP JPEG")):
            ms = pr[key]["median_ms"]
            r.add(
                6,
                f"single photo latency, {label} (median)",
                ms,
                "<= 150 ms",
                ms <= 150,
                "ms",
                f"max {pr[key]['max_ms']:.0f} ms, warm predictor",
            )

    g = raw.get("gui", {})
    if "launch_seconds" in g and g["launch_seconds"]:
        ls = sorted(g["launch_seconds"])
        med = ls[len(ls) // 2]
        r.add(
            7,
            "launch to window shown (median)",
            med,
            "<= 2 s",
            med <= 2,
            "s",
            f"runs {', '.join(f'{s:.2f}' for s in g['launch_seconds'])}",
        )
    if g.get("training"):
        runs = g["training"]
        p99 = max(x["gui"]["lateness"]["p99_ms"] for x in runs)
        worst = max(x["gui"]["lateness"]["worst_ms"] for x in runs)
        r.add(
            7,
            "10 ms timer lateness p99 while training",
            p99,
            "<= 16 ms",
            p99 <= 16,
            "ms",
            "worst run of " + str(len(runs)),
        )
        r.add(7, "10 ms timer lateness worst while training", worst, "<= 50 ms", worst <= 50, "ms")
        gui_s = min(x["gui"]["seconds"] for x in runs)
        head_s = min(x["headless"]["seconds"] for x in runs)
        r.add(
            7,
            "training throughput in the window / headless",
            head_s / gui_s,
            ">= 0.9x",
            head_s / gui_s >= 0.9,
            "x",
            f"{gui_s:.1f} s vs {head_s:.1f} s (best of {len(runs)})",
        )
    if "drop" in g:
        d = g["drop"]
        r.add(
            7,
            f"{d['photos']} photos dropped: first cards after",
            d["first_cards_s"],
            "<= 1 s",
            d["first_cards_s"] <= 1,
            "s",
            f"all {d['photos']} cards after {d['all_cards_s']:.1f} s ({d['photo_size']}); issue 5",
        )
        r.add(
            7,
            "10 ms timer lateness worst while they fill in",
            d["lateness"]["worst_ms"],
            "<= 100 ms",
            d["lateness"]["worst_ms"] <= 100,
            "ms",
            f"p99 {d['lateness']['p99_ms']:.1f} ms; issue 5",
        )
    if "plot" in g:
        pl = g["plot"]
        plain = pl["plain"]["set_data_and_repaint_s"]
        fast = pl["downsample_clip"]["set_data_and_repaint_s"]
        app = pl["app_lossplot"]["set_data_and_repaint_s"]
        r.add(
            7,
            "1M-point curve redraw: plain / downsample+clip",
            plain / fast,
            ">= 5x",
            plain / fast >= 5,
            "x",
            f"{1000 * plain:.0f} ms vs {1000 * fast:.0f} ms",
        )
        r.add(
            7,
            "  plain / the app's LossPlot (2 curves, antialiased)",
            plain / app,
            unit="x",
            note=f"{1000 * app:.0f} ms",
        )

    m = raw.get("memory", {})
    if "head_10k" in m:
        hk = m["head_10k"]
        rss = hk["peak_rss_mb_rusage_children"]
        r.add(
            8,
            f"peak RSS, head-only on {hk['photos']} photos",
            rss / 1024,
            "<= 3 GB",
            rss <= 3 * 1024,
            "GB",
            f"whole run {hk['seconds']:.0f} s",
        )
    if m.get("linearity"):
        pts = [(x["photos"], x["epoch_median"]) for x in m["linearity"]]
        for n, s in pts:
            r.add(
                8,
                f"'last' epoch time, {n} photos",
                s,
                unit="s",
                note=f"{1000 * s / n:.2f} ms/photo",
            )
        r2, slope, icpt = _linear_fit(pts)
        r.add(
            8,
            "linearity of epoch time (R^2 of a + b*n)",
            r2,
            ">= 0.98",
            r2 >= 0.98,
            note=f"b = {1000 * slope:.2f} ms/photo, a = {icpt:.2f} s (validation of a fixed "
            f"{m['linearity'][0]['val_photos']} photos)",
        )
    return r.rows


def _at_least(a: float, b: float) -> bool:
    """a >= b for accuracies (float32 means of 1,000 photos vs exact fractions)."""
    return a >= b - 1e-6


def _linear_fit(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    n = len(pts)
    mx = sum(x for x, _ in pts) / n
    my = sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    sxy = sum((x - mx) * (y - my) for x, y in pts)
    slope = sxy / sxx if sxx else 0.0
    icpt = my - slope * mx
    ss_res = sum((y - (icpt + slope * x)) ** 2 for x, y in pts)
    ss_tot = sum((y - my) ** 2 for _, y in pts)
    return (1 - ss_res / ss_tot if ss_tot else 1.0), slope, icpt


def _fmt(v) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


def print_table(rows: list[dict]) -> None:
    head = ("goal", "measure", "value", "target", "status")
    lines = [
        (
            str(x["goal"]),
            x["measure"],
            f"{_fmt(x['value'])} {x['unit']}".strip(),
            x["target"] or "",
            {True: "met", False: "MISSED", None: ""}[x["met"]],
        )
        for x in rows
    ]
    widths = [max(len(h), *(len(ln[i]) for ln in lines)) for i, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for ln, x in zip(lines, rows, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(ln, widths, strict=True)))
        if x["note"]:
            print(" " * (widths[0] + 2) + "  " + x["note"])


def markdown_table(rows: list[dict]) -> str:
    """The same table for RESULTS.md."""
    out = ["| goal | measure | value | target | status | how |", "|---|---|---|---|---|---|"]
    for x in rows:
        status = {True: "met", False: "**missed**", None: ""}[x["met"]]
        value = f"{_fmt(x['value'])} {x['unit']}".strip()
        measure = x["measure"].strip()
        out.append(
            f"| {x['goal']} | {measure} | {value} | {x['target'] or ''} | {status} | {x['note']} |"
        )
    return "\n".join(out) + "\n"


def wait_quiet(minutes: float, threshold: float = 1.5) -> None:
    deadline = time.monotonic() + 60 * minutes
    while True:
        load1 = load_average()[0]
        if load1 < threshold:
            log(f"load {load1:.2f} < {threshold}: starting")
            return
        if time.monotonic() > deadline:
            log(f"load still {load1:.2f} after {minutes:.0f} min: running anyway")
            return
        log(f"load {load1:.2f}: waiting for a quieter machine")
        time.sleep(60)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny data, a smoke run")
    ap.add_argument("--only", default="", help="comma-separated goals, e.g. 1,3")
    ap.add_argument(
        "--cached-boundary",
        action="store_true",
        help="goal 3 also times a careful fp32 loop on cached boundary activations (+2 min)",
    )
    ap.add_argument("--json", type=Path, default=OUT / "results.json")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="MIN")
    args = ap.parse_args()
    goals = sorted({int(g) for g in args.only.split(",") if g.strip()} or set(JOB_OF))
    if args.wait_quiet:
        wait_quiet(args.wait_quiet)

    OUT.mkdir(parents=True, exist_ok=True)
    probe_file = OUT / "homes" / "precision.json"
    probe_file.parent.mkdir(parents=True, exist_ok=True)
    probe_file.unlink(missing_ok=True)  # probed once per benchmark run, then remembered
    started = time.perf_counter()
    info = machine()
    raw: dict = {}
    loads = [load_average()]
    jobs = [j for j in ORDER if any(JOB_OF[g] == j for g in goals)]
    for job in jobs:
        mine = [g for g in goals if JOB_OF[g] == job]
        log(f"== job {job} (goal {', '.join(map(str, mine))}), load {load_average()[0]:.2f}")
        extra = ["--cached-boundary"] if args.cached_boundary and job == "last" else []
        raw[job] = run_job(job, mine, args.quick, probe_file, extra)
        loads.append(load_average())
        log(f"   done in {raw[job]['wall']:.0f} s")
    total = time.perf_counter() - started
    rows = build_rows(raw)
    doc = {
        "command": " ".join([Path(sys.executable).name, "benchmarks/run.py", *sys.argv[1:]]),
        "quick": args.quick,
        "goals": goals,
        "machine": info,
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "seconds": total,
        "load_average_during": loads,
        "ratios": rows,
        "raw": raw,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=2))
    args.json.with_suffix(".md").write_text(markdown_table(rows))
    print()
    print(
        f"Finetune Studio benchmarks ({'quick' if args.quick else 'full'}), "
        f"{info.get('Model name', '?')}, {info.get('CPU(s)', '?')} CPUs, "
        f"torch {info.get('torch', '?')}"
    )
    print(
        f"total {total / 60:.1f} min; 1-min load average from {loads[0][0]:.2f} to "
        f"max {max(x[0] for x in loads):.2f}"
    )
    print()
    print_table(rows)
    print(f"\nwritten: {args.json}")
    failed = [j for j in jobs if "error" in raw[j]]
    if failed:
        print(f"jobs that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
