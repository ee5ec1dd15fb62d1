"""Tiny photo folders for the GUI tests.

A module of its own (not conftest.py): several test folders have a conftest.py, and in a
whole-suite run ``from conftest import ...`` finds whichever of them was imported last.
"""

from __future__ import annotations

import random
from pathlib import Path


def make_photos(root: Path, classes: int = 3, per_class: int = 8, size: int = 32) -> Path:
    """Tiny, distinct PNG photos: each category a colour and a shape, with noise."""
    from PIL import Image, ImageDraw

    rng = random.Random(0)
    colours = [(220, 40, 40), (40, 160, 40), (40, 60, 220), (200, 180, 30), (150, 40, 170)]
    for c in range(classes):
        folder = root / f"category_{chr(ord('a') + c)}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            img = Image.new("RGB", (size, size), (rng.randrange(90, 140),) * 3)
            d = ImageDraw.Draw(img)
            x0, y0 = rng.randrange(2, 8), rng.randrange(2, 8)
            box = (x0, y0, x0 + size // 2 + rng.randrange(8), y0 + size // 2 + rng.randrange(8))
            colour = colours[c % len(colours)]
            if c % 3 == 0:
                d.ellipse(box, fill=colour)
            elif c % 3 == 1:
                d.rectangle(box, fill=colour)
            else:
                d.polygon(
                    [(box[0], box[3]), (box[2], box[3]), ((box[0] + box[2]) // 2, box[1])],
                    fill=colour,
                )
            img.save(folder / f"{i:03d}.png")
    return root
