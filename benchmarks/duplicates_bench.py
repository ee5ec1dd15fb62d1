"""Near-duplicates: does the check find re-saved copies of real photos, and only those?

Distinct photos: scikit-image's real photos of at least 256 px, plus non-overlapping 256-px
tiles of the larger ones (every tile is a different part of a scene, so a different photo).
Each gets five re-saved copies, as people make them:

- resized to 50-90% of its size (and saved as JPEG quality 90);
- recompressed as JPEG quality 60-90;
- EXIF-rotated: the pixels turned a quarter and the orientation tag that turns them back;
- cropped by up to 5% of each side;
- all of these at once;

and every fifth photo an exact byte copy. The copies are spread over 4 category folders,
the folder is scanned (``engine.dataset.scan_folder``: the perceptual hash comes from the
scan's own decode) and grouped (``engine.duplicates.find_duplicates``).

- recall: the share of copies that land in their original's group;
- false pairs: pairs of photos of different origins in one group, per 1,000 photos;
- features alone: the same pairs judged by the cosine similarity of the pooled features of
  the frozen backbone (``engine.headonly.photo_features``), at the threshold that finds
  95% of the copies: how many distinct photos that pairs up;
- Fashion-MNIST (28 px): what the perceptual hash would do on 500 distinct thumbnails
  (the check hashes only photos of at least 64 px, so there it finds exact copies only).

    python benchmarks/duplicates_bench.py [--no-features]   # prints Markdown rows
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from engine.dataset import scan_folder  # noqa: E402
from engine.duplicates import NEAR_BITS, find_duplicates, near_pairs, perceptual_hash  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"  # Debian's dataset-fashion-mnist


def distinct_photos() -> list[tuple[str, Image.Image]]:
    """Real photos of at least 256 px: skimage's, and 256-px tiles of the big ones."""
    from skimage import data

    names = [
        "astronaut", "brick", "camera", "chelsea", "cell", "clock", "coffee", "coins",
        "colorwheel", "grass", "gravel", "hubble_deep_field", "immunohistochemistry",
        "logo", "moon", "retina", "rocket", "horse",
    ]  # fmt: skip
    out: list[tuple[str, Image.Image]] = []
    for name in names:
        arr = getattr(data, name)()
        if arr.dtype == bool:
            arr = arr.astype(np.uint8) * 255
        img = Image.fromarray(arr).convert("RGB")
        out.append((name, img))
        w, h = img.size
        if min(w, h) >= 512:
            for x in range(0, w - 255, 256):
                for y in range(0, h - 255, 256):
                    out.append((f"{name}-{x}-{y}", img.crop((x, y, x + 256, y + 256))))
    return out


def resaved(img: Image.Image, rng: random.Random) -> list[tuple[str, Image.Image, dict]]:
    """Five re-saved versions: (kind, image, save options)."""
    w, h = img.size

    def crop(im: Image.Image) -> Image.Image:
        cw, ch = im.size
        box = [rng.uniform(0, 0.05) for _ in range(4)]
        return im.crop(
            (
                int(box[0] * cw / 2),
                int(box[1] * ch / 2),
                cw - int(box[2] * cw / 2),
                ch - int(box[3] * ch / 2),
            )
        )

    def resize(im: Image.Image) -> Image.Image:
        f = rng.uniform(0.5, 0.9)
        return im.resize((max(1, int(im.width * f)), max(1, int(im.height * f))), Image.LANCZOS)

    exif = Image.Exif()
    exif[0x0112] = 6
    turned = img.transpose(Image.ROTATE_90)
    return [
        ("resized", resize(img), {"quality": 90}),
        ("recompressed", img, {"quality": rng.randint(60, 90)}),
        ("exif-rotated", turned, {"quality": 90, "exif": exif.tobytes()}),
        ("cropped", crop(img), {"quality": 90}),
        ("all", crop(resize(img)), {"quality": rng.randint(60, 90)}),
    ]


def build(folder: Path, seed: int = 0) -> tuple[dict[Path, int], dict[Path, str]]:
    """Write the photos; returns each file's origin index and kind."""
    rng = random.Random(seed)
    origin: dict[Path, int] = {}
    kind: dict[Path, str] = {}
    for i, (name, img) in enumerate(distinct_photos()):
        cats = [f"c{k}" for k in range(4)]
        path = folder / rng.choice(cats) / f"{i:03d}-{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        img.save(path)
        origin[path], kind[path] = i, "original"
        for what, copy, opts in resaved(img, rng):
            p = folder / rng.choice(cats) / f"{i:03d}-{name}-{what}.jpg"
            p.parent.mkdir(parents=True, exist_ok=True)
            copy.save(p, **opts)
            origin[p], kind[p] = i, what
        if i % 5 == 0:
            p = folder / rng.choice(cats) / f"{i:03d}-{name}-exact.png"
            shutil.copy(path, p)
            origin[p], kind[p] = i, "exact"
    return origin, kind


def score_groups(groups: list[list[Path]], origin: dict[Path, int], kind: dict[Path, str]):
    """Recall per kind of copy (grouped with its original) and false pairs."""
    group_of = {p: gi for gi, g in enumerate(groups) for p in g}
    original = {origin[p]: p for p in origin if kind[p] == "original"}
    found: dict[str, list[bool]] = {}
    for p, k in kind.items():
        if k == "original":
            continue
        o = original[origin[p]]
        found.setdefault(k, []).append(p in group_of and group_of.get(o) == group_of[p])
    false = 0
    for g in groups:
        for a in range(len(g)):
            for b in range(a + 1, len(g)):
                false += origin[g[a]] != origin[g[b]]
    return {k: (sum(v), len(v)) for k, v in found.items()}, false


def features_alone(folder: Path, origin: dict[Path, int], kind: dict[Path, str]) -> dict:
    """Copies found and distinct photos paired by feature similarity alone (95% recall)."""
    from engine.headonly import photo_features

    scan = scan_folder(folder)
    t0 = time.monotonic()
    fs = photo_features(scan.photos, cache=False)
    seconds = time.monotonic() - t0
    x = fs.features / np.linalg.norm(fs.features, axis=1, keepdims=True)
    sim = x @ x.T
    paths = [p.path for p in fs.photos]
    idx = {p: i for i, p in enumerate(paths)}
    original = {origin[p]: p for p in paths if kind[p] == "original"}
    copy_sims = sorted(
        sim[idx[p], idx[original[origin[p]]]] for p in paths if kind[p] not in ("original",)
    )
    threshold = float(copy_sims[int(0.05 * len(copy_sims))])  # 95% of the copies above it
    same = np.array([[origin[a] == origin[b] for b in paths] for a in paths])
    upper = np.triu(np.ones_like(same), 1).astype(bool)
    false = int(((sim >= threshold) & ~same & upper).sum())
    return {
        "threshold": threshold,
        "false_pairs": false,
        "photos": len(paths),
        "seconds": seconds,
    }


def fashion_hash_false_pairs(count: int = 500) -> dict:
    """Distinct 28-px Fashion-MNIST photos that the perceptual hash would call copies."""
    import gzip

    raw = gzip.decompress(Path(FASHION, "train-images-idx3-ubyte.gz").read_bytes())
    pixels = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 28, 28)
    # Distinct photos: exact duplicates inside the data set itself are left out.
    images = list({a.tobytes(): a for a in pixels[: count + 50]}.values())[:count]
    hashes = [perceptual_hash(Image.fromarray(a).convert("RGB"), min_side=1) for a in images]
    return {"photos": len(hashes), "false_pairs": len(near_pairs(hashes))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-features", action="store_true", help="skip the features-alone row")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "photos"
        origin, kind = build(folder)
        t0 = time.monotonic()
        scan = scan_folder(folder, remember=False)
        scan_s = time.monotonic() - t0
        t0 = time.monotonic()
        groups = [list(g.paths) for g in find_duplicates(scan.photos, scan.classes)]
        group_s = time.monotonic() - t0
        recall, false = score_groups(groups, origin, kind)
        n = len(scan.photos)
        near = [v for k, v in recall.items() if k != "exact"]
        found = sum(a for a, _ in near)
        total = sum(b for _, b in near)
        print(f"photos: {n} ({sum(k == 'original' for k in kind.values())} distinct)")
        print(f"scan with hashing: {scan_s:.1f} s; grouping {group_s * 1000:.0f} ms")
        print("| copies | found | recall |")
        print("| --- | --- | --- |")
        for k, (a, b) in sorted(recall.items()):
            print(f"| {k} | {a} of {b} | {a / b:.1%} |")
        print(f"| all re-saved | {found} of {total} | {found / total:.1%} |")
        print(
            f"false pairs (pHash, <= {NEAR_BITS} of 64 bits): {false} "
            f"= {1000 * false / n:.2f} per 1,000 photos"
        )
        if not args.no_features:
            f = features_alone(folder, origin, kind)
            print(
                f"features alone at 95% recall (cosine >= {f['threshold']:.3f}): "
                f"{f['false_pairs']} false pairs = {1000 * f['false_pairs'] / f['photos']:.1f} "
                f"per 1,000 photos (features took {f['seconds']:.0f} s)"
            )
    fm = fashion_hash_false_pairs()
    print(
        f"Fashion-MNIST 28 px, {fm['photos']} distinct photos hashed anyway: "
        f"{fm['false_pairs']} false pairs = {1000 * fm['false_pairs'] / fm['photos']:.0f} "
        "per 1,000 photos (so the check hashes only photos of 64 px and more)"
    )


if __name__ == "__main__":
    main()
