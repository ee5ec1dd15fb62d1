"""The same photo filed twice: exact copies (content hash) and re-saved copies (perceptual hash).

A re-saved photo (resized, recompressed, turned by its EXIF tag, lightly cropped) has other
bytes, so the scan's content hash misses it. A DCT perceptual hash (pHash) does not: the
photo is shrunk to 32x32 grey, its 2-D DCT taken, and the 8x8 lowest frequencies (without
the constant one) compared with their median give 64 bits that describe the photo's coarse
layout of light and dark. Re-saving changes fine detail, not that layout. Two photos are
near-copies when their hashes differ in at most :data:`NEAR_BITS` of 64 bits.

What was measured (benchmarks/duplicates_bench.py, benchmarks/RESULTS.md), on 84 distinct
real photos of 256 px and more with 5 re-saved copies each: copies are 0-10 bits from
their original (one cropped copy 16), distinct photos 18 or more, so at 10 bits 99.8% of
the copies are found with no false pair. Matching the four quarter turns too (for pixels
turned without a tag) paired look-alike tiles of the round retina photo (36 false pairs),
so only the upright hash is compared; EXIF-rotated copies are upright after decoding.
Pooled classifier features alone are not enough: at the similarity that finds 95% of the
copies they pair up distinct photos of the same kind of thing. On 28-px Fashion-MNIST
thumbnails the hash sees little more than the garment's outline (hundreds of false pairs
among 500 distinct photos), so below :data:`MIN_SIDE_FOR_NEAR` only exact copies count.

The hash is computed from the decode the scan already does (``dataset.scan_folder``), so
finding near-copies costs no extra decode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from .i18n import Messages

#: Hashes this many bits apart (of 64) or fewer are the same photo re-saved.
NEAR_BITS = 10
#: Photos smaller than this (shorter side, pixels) get no perceptual hash: at thumbnail
#: size distinct photos of the same kind of thing look alike to it (see the module doc).
MIN_SIDE_FOR_NEAR = 64

_N = 32


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * x + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m


_DCT = _dct_matrix(_N)


def _bits(block: np.ndarray) -> int:
    low = block[:8, :8].flatten()[1:]  # 63 coefficients: the constant term says only brightness
    bits = low > np.median(low)
    return int(np.packbits(np.concatenate([bits, [False]])).view(">u8")[0])


def perceptual_hash(img: Image.Image, min_side: int = MIN_SIDE_FOR_NEAR) -> str:
    """The photo's 64-bit pHash as 16 hex digits ("" for a photo smaller than ``min_side``).

    ``img`` is upright already (the decode applies the EXIF orientation), so a photo
    re-saved with its pixels turned and an orientation tag hashes like the original.
    """
    if min(img.size) < min_side:
        return ""
    grey = np.asarray(img.convert("L").resize((_N, _N), Image.BILINEAR, reducing_gap=2.0))
    return f"{_bits(_DCT @ grey.astype(np.float64) @ _DCT.T):016x}"


def _hash_array(phashes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hashes as uint64 and the indices of the photos that have one."""
    idx = [i for i, h in enumerate(phashes) if len(h) == 16]
    arr = np.array([int(phashes[i], 16) for i in idx], dtype=np.uint64)
    return arr, np.array(idx, dtype=np.int64)


def near_pairs(
    phashes: Sequence[str], others: Sequence[str] | None = None, max_bits: int = NEAR_BITS
) -> list[tuple[int, int, int]]:
    """Pairs ``(i, j, bits)`` of near-copies: within ``phashes`` (i < j), or across to ``others``.

    Vectorised over blocks of rows: a 10,000-photo folder is 50 million comparisons, about
    half a second.
    """
    return list(_iter_near_pairs(phashes, others, max_bits))


def _iter_near_pairs(
    phashes: Sequence[str], others: Sequence[str] | None, max_bits: int
) -> Iterator[tuple[int, int, int]]:
    # A generator: a big folder of look-alike photos has millions of near pairs, and
    # grouping needs each pair once, not a list of them all in memory.
    a, ia = _hash_array(phashes)
    b, ib = (a, ia) if others is None else _hash_array(others)
    if not len(a) or not len(b):
        return
    block = max(1, 8_000_000 // len(b))
    for start in range(0, len(a), block):
        dist = np.bitwise_count(a[start : start + block, None] ^ b[None, :])
        rows, cols = np.nonzero(dist <= max_bits)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = int(ia[start + r]), int(ib[c])
            if others is None and j <= i:
                continue
            yield (i, j, int(dist[r, c]))


class _Groups:
    """Union-find over photo indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [g for g in out.values() if len(g) > 1]


class Duplicates(Messages):
    """Messages of engine/duplicates.py: copies of one photo."""


@dataclass(frozen=True)
class DuplicateGroup:
    """Photos that are the same photo: ``exact`` (same bytes) or ``near`` (re-saved)."""

    paths: tuple[Path, ...]
    kind: str  # "exact" | "near"
    across_categories: bool
    categories: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "paths": [str(p) for p in self.paths],
            "kind": self.kind,
            "across_categories": self.across_categories,
        }

    def describe(self) -> str:
        """One line for a person."""
        exact = self.kind == "exact"
        n = len(self.paths)
        if self.across_categories:
            names = Duplicates.tr(" and ").join(self.categories)
            text = (
                Duplicates.tr("{count} copies of the same photo in {names}")
                if exact
                else Duplicates.tr("{count} copies of the same photo re-saved in {names}")
            )
            return text.format(count=n, names=names)
        text = (
            Duplicates.tr("{count} copies of the same photo within {name}")
            if exact
            else Duplicates.tr("{count} copies of the same photo re-saved within {name}")
        )
        return text.format(count=n, name=self.categories[0])


def group_indices(digests: Sequence[str], phashes: Sequence[str]) -> list[tuple[list[int], str]]:
    """Groups of indices that are one photo, each with its kind ("exact" when all bytes match)."""
    uf = _Groups(len(digests))
    first: dict[str, int] = {}
    for i, d in enumerate(digests):
        if d:
            if d in first:
                uf.join(first[d], i)
            else:
                first[d] = i
    for i, j, _ in _iter_near_pairs(phashes, None, NEAR_BITS):
        uf.join(i, j)
    out = []
    for g in uf.groups():
        kind = "exact" if all(digests[i] and digests[i] == digests[g[0]] for i in g) else "near"
        out.append((g, kind))
    return out


def find_duplicates(photos: Sequence, classes: Sequence[str]) -> list[DuplicateGroup]:
    """Duplicate groups among scanned photos (``dataset.Photo``: path, label, digest, phash).

    Groups that span categories come first (a photo cannot be two things), then the
    larger groups.
    """
    groups = []
    for idx, kind in group_indices(
        [p.digest for p in photos], [getattr(p, "phash", "") for p in photos]
    ):
        members = sorted((photos[i] for i in idx), key=lambda p: (p.label, str(p.path)))
        labels = sorted({p.label for p in members})
        groups.append(
            DuplicateGroup(
                tuple(p.path for p in members),
                kind,
                len(labels) > 1,
                tuple(classes[i] for i in labels),
            )
        )
    groups.sort(key=lambda g: (not g.across_categories, -len(g.paths), str(g.paths[0])))
    return groups


@dataclass(frozen=True)
class Leak:
    """A photo set aside to check with that is a copy of a training photo."""

    path: Path
    copy_of: Path
    kind: str  # "exact" | "near"

    def to_dict(self) -> dict:
        return {"path": str(self.path), "copy_of": str(self.copy_of), "kind": self.kind}


def find_leaks(train: Sequence, check: Sequence) -> list[Leak]:
    """Photos in ``check`` (the validation photos) that are copies of photos in ``train``."""
    by_digest = {p.digest: p for p in train if p.digest}
    leaks: dict[int, Leak] = {}
    for j, p in enumerate(check):
        if p.digest and p.digest in by_digest:
            leaks[j] = Leak(p.path, by_digest[p.digest].path, "exact")
    pairs = near_pairs(
        [getattr(p, "phash", "") for p in check], [getattr(p, "phash", "") for p in train]
    )
    for j, i, _ in sorted(pairs, key=lambda t: t[2]):
        if j not in leaks:
            leaks[j] = Leak(check[j].path, train[i].path, "near")
    return [leaks[j] for j in sorted(leaks)]


def leak_sentence(count: int) -> str:
    """What a leak means, in the words the window and the command line both show."""
    return Duplicates.tr(
        "{count} photo(s) to check with are copies of training photos: "
        "the accuracy shown would be too high."
    ).format(count=count)
