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

from engine.images import decoder_available

#: A HEIC header with nothing behind it: damaged where a HEIC decoder is installed,
#: refused by its name (with how to get a decoder) where none is.
FAKE_HEIC = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64
FAKE_HEIC_WORD = "not an image" if decoder_available("HEIC") else "decoder"


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
    put("holiday.heic", FAKE_HEIC, FAKE_HEIC_WORD)
    put("raw-photo.cr2", b"II*\x00" + b"\x00" * 64, "unsupported")
    return out


# ----------------------------------------------------------------- more of the issue-6 list


def write_more_good(folder: Path) -> dict[str, Path]:
    """More valid photos in awkward clothes: misnamed, upper-case, odd names and modes."""
    folder.mkdir(parents=True, exist_ok=True)
    base = _photo(seed=1)
    out: dict[str, Path] = {}

    def save(name: str, img: Image.Image, fmt: str, **kw) -> None:
        p = folder / name
        img.save(p, fmt, **kw)
        out[name] = p

    save("really a png.jpg", base, "PNG")  # the content decides, not the name
    save("UPPER CASE.JPEG", base, "JPEG", quality=85)
    save("  spaces  around .png", base, "PNG")
    save("写真 フォト.png", base, "PNG")
    save("progressive.jpg", base, "JPEG", quality=85, progressive=True)
    save("one-bit.png", base.convert("1"), "PNG")
    save("float.tiff", base.convert("F"), "TIFF")
    save("panorama.png", _photo((400, 8), seed=2), "PNG")
    frames = [_photo(seed=i) for i in range(3)]
    p = folder / "animated.webp"
    frames[0].save(p, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    out["animated.webp"] = p
    return out


def write_more_bad(folder: Path) -> dict[str, tuple[Path, str]]:
    """More broken files; returns name -> (path, a word the skip reason must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, word: str) -> None:
        p = folder / name
        p.write_bytes(data)
        out[name] = (p, word)

    buf = io.BytesIO()
    _photo().save(buf, "PNG")
    png = buf.getvalue()
    damaged = bytearray(png)
    damaged[30] ^= 0xFF  # inside the image header: its checksum no longer matches
    put("bröken ünïcode ✗.jpg", b"", "empty")
    put("header only.jpg", jpeg_bytes(_photo())[:20], "not an image")
    put("bad checksum.png", bytes(damaged), "not an image")
    put("zero by zero.png", png_bomb_bytes(0, 0), "not an image")
    put("a line.png", png_bomb_bytes(100_000, 1), "too small")
    put("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "unsupported")
    put("iphone.HEIC", FAKE_HEIC, FAKE_HEIC_WORD)
    put("nikon.nef", b"MM\x00*" + b"\x00" * 64, "unsupported")
    frames = [_photo(seed=i) for i in range(3)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    put("cut animation.gif", gif.getvalue()[: len(gif.getvalue()) // 4], "truncated")
    return out


#: Clutter that is never a category, a photo or a skipped file: it is not the person's.
CLUTTER_FILES = (".DS_Store", "._photo.jpg", "Thumbs.db", "desktop.ini", ".hidden.png")
CLUTTER_FOLDERS = (".ipynb_checkpoints", "__MACOSX", ".thumbnails", "@eaDir", ".Trash-1000")


def write_clutter(folder: Path) -> list[Path]:
    """Hidden files and folders (each hidden folder holds a real photo); returns them all."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for name in CLUTTER_FILES:
        p = folder / name
        p.write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)
        made.append(p)
    for name in CLUTTER_FOLDERS:
        sub = folder / name
        sub.mkdir(exist_ok=True)
        _photo().save(sub / "photo.png")
        made.append(sub)
    return made


def write_links(folder: Path) -> dict[str, tuple[Path, str]]:
    """Symbolic links that trap naive walkers: a folder loop, a file loop, a dangling link.

    Returns name -> (path, a word the skip reason must contain); the folder loop has no
    word ("") because it must simply not be followed. Raises OSError where links cannot
    be made (Windows without privileges), so callers can skip.
    """
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, str]] = {}
    # Relative targets: the links stay what they are wherever the folder is.
    loop = folder / "loop"
    loop.symlink_to(".", target_is_directory=True)  # folder/loop/loop/loop/...
    out["loop"] = (loop, "")
    a, b = folder / "ping.jpg", folder / "pong.jpg"
    a.symlink_to("pong.jpg")
    b.symlink_to("ping.jpg")
    out["ping.jpg"] = (a, "symbolic links")
    out["pong.jpg"] = (b, "symbolic links")
    gone = folder / "gone.jpg"
    gone.symlink_to(Path("nowhere") / "missing.jpg")
    out["gone.jpg"] = (gone, "gone")
    return out


def write_photos(folder: Path, n: int, *, seed: int = 0, size: int = 32) -> list[Path]:
    """``n`` small distinct valid PNG photos."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"photo {seed}-{i}.png"
        _photo((size, size), seed=seed * 1000 + i).save(p)
        paths.append(p)
    return paths


def big_photos(root: Path, per_class: int = 4, size=(2400, 1800)) -> list[Path]:
    """Camera-like JPEGs from skimage's real photos (big enough to be worth caching)."""
    from skimage import data as skimage_data

    sources = [skimage_data.astronaut(), skimage_data.coffee(), skimage_data.chelsea()]
    rng = np.random.default_rng(0)
    out = []
    for c, name in enumerate(["cat", "cup"]):
        (root / name).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            img = Image.fromarray(sources[(c + i) % len(sources)]).resize(size, Image.BILINEAR)
            arr = np.asarray(img, dtype=np.int16) + rng.integers(-8, 9, (size[1], size[0], 3))
            path = root / name / f"IMG_{i}.jpg"
            Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(path, quality=90)
            out.append(path)
    return out
