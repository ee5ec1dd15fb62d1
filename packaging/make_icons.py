"""Regenerate the application icons from resources/icons/finetune-studio.svg.

    python packaging/make_icons.py          # writes the PNG sizes, .ico and .icns
    python packaging/make_icons.py --check  # exit 1 if a committed icon is missing or the wrong size

The SVG is rendered with the first renderer found: `rsvg-convert` (Debian: librsvg2-bin),
the `cairosvg` Python package, or ImageMagick (`magick`/`convert`). Pillow then writes the
Windows .ico and the macOS .icns from the rendered PNGs, so no platform tool is needed.
The generated files are committed; run this only after editing the SVG.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
NAME = "finetune-studio"
SVG = ICON_DIR / f"{NAME}.svg"

# Sizes the desktop environments ask for (hicolor theme), 16 px up to 512 px.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # .ico tops out at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512)  # sizes the .icns format has slots for


def png_path(size: int) -> Path:
    return ICON_DIR / f"{NAME}-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """Render the SVG to a square PNG of `size` pixels and return its bytes."""
    if shutil.which("rsvg-convert"):
        return subprocess.run(
            ["rsvg-convert", "-w", str(size), "-h", str(size), str(svg)],
            check=True,
            capture_output=True,
        ).stdout
    try:
        import cairosvg  # type: ignore[import-not-found]
    except ImportError:
        cairosvg = None
    if cairosvg is not None:
        return cairosvg.svg2png(url=str(svg), output_width=size, output_height=size)
    magick = shutil.which("magick") or shutil.which("convert")
    if magick:
        return subprocess.run(
            [
                magick,
                "-background",
                "none",
                "-density",
                "384",
                str(svg),
                "-resize",
                f"{size}x{size}",
                "png:-",
            ],
            check=True,
            capture_output=True,
        ).stdout
    raise SystemExit(
        "No SVG renderer found: install librsvg2-bin (rsvg-convert), `pip install cairosvg`, "
        "or ImageMagick."
    )


def generate() -> None:
    from PIL import Image

    images: dict[int, Image.Image] = {}
    for size in PNG_SIZES:
        data = render_png(SVG, size)
        img = Image.open(io.BytesIO(data)).convert("RGBA")
        if img.size != (size, size):
            img = img.resize((size, size), Image.LANCZOS)
        img.save(png_path(size), optimize=True)
        images[size] = img
        print(f"wrote {png_path(size).relative_to(ROOT)}")

    # Pillow builds every .ico entry from the largest image it is given unless the others are
    # passed explicitly; pass the rendered ones so small sizes keep their crisp rendering.
    ico = ICON_DIR / f"{NAME}.ico"
    biggest = images[max(ICO_SIZES)]
    biggest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"wrote {ico.relative_to(ROOT)}")

    icns = ICON_DIR / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    print(f"wrote {icns.relative_to(ROOT)}")


def check() -> int:
    """Return the number of problems with the committed icon files (0 = all good)."""
    from PIL import Image

    problems = 0
    for size in PNG_SIZES:
        path = png_path(size)
        if not path.exists():
            print(f"missing: {path.relative_to(ROOT)}")
            problems += 1
            continue
        with Image.open(path) as img:
            if img.size != (size, size):
                print(f"wrong size: {path.name} is {img.size}, expected {size}x{size}")
                problems += 1
    for ext in ("ico", "icns", "svg"):
        path = ICON_DIR / f"{NAME}.{ext}"
        if not path.exists():
            print(f"missing: {path.relative_to(ROOT)}")
            problems += 1
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed files")
    args = parser.parse_args(argv)
    if args.check:
        return 1 if check() else 0
    generate()
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main())
