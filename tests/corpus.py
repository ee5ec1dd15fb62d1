"""Generate awkward and broken photo files (nothing binary is committed).

``GOOD`` files must load; ``BAD`` files must be skipped with a reason containing the
given words. Used by the engine tests and tests/reliability.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image


def _photo(size=(64, 48), seed=0) -> Image.Image:
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    arr[:, : size[0] // 2] = (200, 30, 30)  # left half red: orientation checks use it
    return Image.fromarray(arr, "RGB")


def jpeg_bytes(img: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **kw)
    return buf.getvalue()


def png_bomb_bytes(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny valid-looking PNG whose header claims width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def write_good(folder: Path) -> dict[str, Path]:
    """Awkward but valid photos; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    base = _photo()
    out: dict[str, Path] = {}

    def save(name: str, img: Image.Image, **kw) -> None:
        p = folder / name
        img.save(p, **kw)
        out[name] = p

    save("rgba.png", base.convert("RGBA"))
    la = base.convert("LA")
    save("la.png", la)
    save("cmyk.jpg", base.convert("CMYK"), quality=90)
    arr16 = (np.asarray(base.convert("L"), dtype=np.uint16) * 257).astype(np.uint16)
    save("sixteen-bit.png", Image.fromarray(arr16))
    pal = base.convert("P", palette=Image.ADAPTIVE, colors=16)
    pal.info["transparency"] = 0
    save("palette-transparent.png", pal, transparency=0)
    save("gray.png", base.convert("L"))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown
    p = folder / "exif-rotated.jpg"
    p.write_bytes(jpeg_bytes(base, exif=exif.tobytes()))
    out["exif-rotated.jpg"] = p
    frames = [_photo(seed=i) for i in range(3)]
    p = folder / "animated.gif"
    frames[0].save(p, save_all=True, append_images=frames[1:], duration=100, loop=0)
    out["animated.gif"] = p
    save("photo.webp", base, quality=80)
    save("photo.bmp", base)
    save("photo.tiff", base)
    save("ünïcode name ✓.jpg", base, quality=90)
    return out


def write_bad(folder: Path) -> dict[str, tuple[Path, str]]:
    """Broken files; returns name -> (path, a word the skip reason must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, word: str) -> None:
        p = folder / name
        p.write_bytes(data)
        out[name] = (p, word)

    full = jpeg_bytes(_photo((256, 256)))
    put("empty.jpg", b"", "empty")
    put("truncated.jpg", full[: len(full) // 2], "truncated")
    put(
        "text.jpg", b"This is not a photo, just text saved with a .jpg name.\n" * 20, "not an image"
    )
    buf = io.BytesIO()
    Image.new("RGB", (1, 1), (255, 0, 0)).save(buf, "PNG")
    put("one-pixel.png", buf.getvalue(), "too small")
    put("bomb.png", png_bomb_bytes(), "large")
    put("holiday.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64, "unsupported")
    put("raw-photo.cr2", b"II*\x00" + b"\x00" * 64, "unsupported")
    return out
