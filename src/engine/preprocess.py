"""Photos to network inputs, identically for training, evaluation, prediction and export.

A photo is decoded (draft mode for big JPEGs), its shorter side resized to
``Preprocessing.resize`` and the central ``crop`` square taken, as uint8. Normalisation
(mean/std) happens on tensors, in :func:`normalize`, so cached uint8 images stay small.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageEnhance

from .backbones import Preprocessing
from .imagecache import cached_resized, keep_resized
from .images import center_crop, open_image


def load_resized(path: str | Path, resize: int) -> Image.Image:
    """Decode ``path`` and resize its shorter side to ``resize`` (uses the disk cache,
    which the folder's scan has usually filled already)."""
    hit = cached_resized(path, resize)
    if hit is not None:
        return hit
    return keep_resized(path, open_image(path, draft_size=resize), resize)


def plain_view(img: Image.Image, prep: Preprocessing) -> np.ndarray:
    """The evaluation view: the central crop, HxWx3 uint8."""
    return np.asarray(center_crop(img, prep.crop), dtype=np.uint8)


def augmented_view(img: Image.Image, prep: Preprocessing, rng: random.Random) -> np.ndarray:
    """A light random variation: crop 60-100% of the area, maybe mirror, tweak light."""
    w, h = img.size
    area = w * h
    for _ in range(10):
        target = area * rng.uniform(0.6, 1.0)
        ratio = rng.uniform(3 / 4, 4 / 3)
        cw = int(round((target * ratio) ** 0.5))
        ch = int(round((target / ratio) ** 0.5))
        if 0 < cw <= w and 0 < ch <= h:
            left, top = rng.randint(0, w - cw), rng.randint(0, h - ch)
            break
    else:
        cw = ch = min(w, h)
        left, top = (w - cw) // 2, (h - ch) // 2
    out = img.resize((prep.crop, prep.crop), Image.BILINEAR, box=(left, top, left + cw, top + ch))
    if rng.random() < 0.5:
        out = out.transpose(Image.FLIP_LEFT_RIGHT)
    out = ImageEnhance.Brightness(out).enhance(rng.uniform(0.8, 1.2))
    out = ImageEnhance.Contrast(out).enhance(rng.uniform(0.8, 1.2))
    return np.asarray(out, dtype=np.uint8)


def to_batch(views: list[np.ndarray]) -> torch.Tensor:
    """Stack HxWx3 uint8 views into an NCHW uint8 tensor."""
    return torch.from_numpy(np.stack(views)).permute(0, 3, 1, 2).contiguous()


def normalize(batch: torch.Tensor, prep: Preprocessing) -> torch.Tensor:
    """uint8 NCHW -> float, scaled to [0, 1] then normalised with the backbone's mean/std."""
    x = batch.float().div_(255.0)
    mean = torch.tensor(prep.mean, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(prep.std, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std
