"""Open photos the way a person expects to see them, or say plainly why not.

Whatever Pillow opens is accepted (JPEG, PNG, WebP, BMP, TIFF, GIF's first frame, AVIF
where Pillow was built with libavif), plus HEIC/HEIF (the iPhone's format) through the
decode-only ``pi-heif`` package when it is installed (see packaging/README.md for why that
one and not pillow-heif). The result is always an 8-bit RGB image: EXIF orientation applied, transparency composited on
a neutral grey, grayscale / palette / CMYK / 16-bit converted. Large JPEGs are decoded at
reduced size (draft mode) when the caller only needs a small image, which is 3-5x faster.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .errors import StudioError
from .i18n import Messages, decimal

# Never accept half a picture silently: a truncated file is reported and skipped.
ImageFile.LOAD_TRUNCATED_IMAGES = False

#: Largest image we decode. Bigger ones are almost certainly decompression bombs (a tiny
#: file that claims billions of pixels); the biggest consumer cameras make ~100 MP.
MAX_PIXELS = 150_000_000
#: Largest file read as a photo. A 100 MP camera TIFF is ~600 MB; anything bigger is not
#: a photo (or a 6 GB sparse file named .png) and would exhaust memory when read whole.
MAX_FILE_BYTES = 1024**3
#: Smallest side that still carries something to learn from.
MIN_SIDE = 8
#: Neutral grey behind transparent pixels, so cut-out objects do not look black or white.
BACKGROUND = (128, 128, 128)

IMAGE_SUFFIXES = frozenset(
    {
        *(".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".bmp", ".dib", ".tif", ".tiff"),
        *(".gif", ".heic", ".heif", ".hif", ".avif"),
    }
)
#: Photo formats read only through a decoder that may be missing: suffix -> kind.
DECODER_SUFFIXES = {".heic": "HEIC", ".heif": "HEIF", ".hif": "HEIF", ".avif": "AVIF"}


def decoder_advice(family: str) -> str:
    """How to get the missing decoder of ``family`` (HEIC or AVIF), in words a person can
    follow."""
    if family == "AVIF":
        return Images.tr(
            "install a Pillow that reads AVIF (pip install -U Pillow; its wheels include "
            "libavif) or export the photo as JPEG"
        )
    return Images.tr(
        "install the HEIC decoder (pip install pi-heif; the packaged app includes it) "
        "or export the photo as JPEG"
    )


#: Photos people have but the app cannot open: named, so the message can say what to do.
UNSUPPORTED_SUFFIXES = {
    ".cr2": "Canon RAW",
    ".cr3": "Canon RAW",
    ".nef": "Nikon RAW",
    ".arw": "Sony RAW",
    ".dng": "DNG RAW",
    ".raf": "Fujifilm RAW",
    ".orf": "Olympus RAW",
    ".rw2": "Panasonic RAW",
    ".psd": "Photoshop",
    ".svg": "SVG drawing",
}


class Images(Messages):
    """Messages of engine/images.py: why a file cannot be used as a photo."""


class ImageLoadError(StudioError):
    """A file that cannot be used as a photo; ``reason`` says why in plain words."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def is_candidate(path: Path) -> bool:
    """True for files that look like photos by their name (supported or not)."""
    suffix = path.suffix.lower()
    return suffix in IMAGE_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES


def unsupported_reason(path: Path) -> str | None:
    """The reason a file type is refused by name alone, or None."""
    suffix = path.suffix.lower()
    kind = UNSUPPORTED_SUFFIXES.get(suffix)
    if kind:
        return Images.tr("unsupported format ({kind}): export it as JPEG or PNG").format(kind=kind)
    kind = DECODER_SUFFIXES.get(suffix)
    if kind and not decoder_available(kind):
        family = "HEIC" if kind in ("HEIC", "HEIF") else kind
        return Images.tr("{kind} photo, but no {kind} decoder is installed: {advice}").format(
            kind=kind, advice=decoder_advice(family)
        )
    return None


_heif_plugin: type | None = None
_heif_checked = False


def _heif_opener() -> type | None:
    """pi-heif's Pillow plugin class, registered once (None when pi-heif is missing).

    Only the decode-only pi-heif is used, never pillow-heif, even when both are installed
    (pillow-heif's wheels carry the GPL x265 encoder; the tests use it to write HEIC files).
    """
    global _heif_plugin, _heif_checked
    if not _heif_checked:
        _heif_checked = True
        try:
            import pi_heif
        except ImportError:
            return None
        # Depth maps and auxiliary images are never used: do not even list them.
        pi_heif.register_heif_opener(depth_images=False, aux_images=False)
        _heif_plugin = pi_heif.HeifImageFile
    return _heif_plugin


def decoder_available(kind: str) -> bool:
    """Whether photos of ``kind`` ("HEIC", "HEIF" or "AVIF") can be decoded here."""
    if kind in ("HEIC", "HEIF"):
        return _heif_opener() is not None
    if kind == "AVIF":
        from PIL import features

        return bool(features.check("avif"))
    return False


def _use_bundled_decoders() -> None:
    """Make sure HEIC files open through pi-heif: another library imported later (an
    encoder in the tests, an image library's plugin) may have registered its own HEIF
    opener over it, and Pillow keeps only the last one."""
    plugin = _heif_opener()
    if plugin is not None and Image.OPEN.get("HEIF", (None,))[0] is not plugin:
        import pi_heif

        pi_heif.register_heif_opener(depth_images=False, aux_images=False)


def read_photo_bytes(path: str | os.PathLike[str], label: str = "") -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or a named skip.

    Checked with a stat *before* reading and again on the open file (which is opened
    non-blocking): a device (``/dev/zero``), a named pipe, a socket or a huge (sparse)
    file is refused at once instead of hanging or filling the memory.
    """
    label = label or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        _check_regular(os.stat(path), label)
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ImageLoadError(
                label, Images.tr("a shortcut (symbolic link) to a file that is gone")
            ) from None
        raise ImageLoadError(label, Images.tr("the file is gone (moved or deleted)")) from None
    except IsADirectoryError:
        raise ImageLoadError(label, Images.tr("a folder, not a photo")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ImageLoadError(
                label, Images.tr("a loop of symbolic links, not a photo")
            ) from None
        raise ImageLoadError(label, _cannot_read(exc)) from None
    try:
        st = os.fstat(fd)  # the file opened may not be the one stat-ed (swapped meanwhile)
        _check_regular(st, label)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImageLoadError(label, _cannot_read(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise ImageLoadError(label, _too_big(len(data)))
    return data


def _cannot_read(exc: OSError) -> str:
    """The reason for a file the system refuses to read."""
    return Images.tr("cannot be read ({why})").format(why=exc.strerror or exc)


def _check_regular(st: os.stat_result, label: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise ImageLoadError(label, Images.tr("a folder, not a photo"))
    if not stat.S_ISREG(st.st_mode):
        kind = (
            Images.tr("a named pipe (FIFO)")
            if stat.S_ISFIFO(st.st_mode)
            else Images.tr("a socket")
            if stat.S_ISSOCK(st.st_mode)
            else Images.tr("a device")
        )
        raise ImageLoadError(
            label, Images.tr("not a regular file ({kind}), not a photo").format(kind=kind)
        )
    if st.st_size > MAX_FILE_BYTES:
        raise ImageLoadError(label, _too_big(st.st_size))


def _too_big(size: int) -> str:
    return Images.tr("too large for a photo ({size} GB; at most {limit} GB is read)").format(
        size=decimal(size / 1e9, 1), limit=decimal(MAX_FILE_BYTES / 1e9, 1)
    )


def open_image(
    source: str | os.PathLike[str] | bytes, *, draft_size: int | None = None, name: str = ""
) -> Image.Image:
    """Decode ``source`` (a path or the file's bytes) into an 8-bit RGB image.

    ``draft_size`` lets JPEG decoding skip detail: the result's shorter side is then at
    least ``draft_size`` (or the original size, if smaller). Raises :class:`ImageLoadError`
    with a plain reason for anything that is not a usable photo.
    """
    label = name or (str(source) if not isinstance(source, bytes) else "image")
    if not isinstance(source, bytes):
        reason = unsupported_reason(Path(source))
        if reason:
            raise ImageLoadError(label, reason)
        data = read_photo_bytes(source, label)
    else:
        data = source
    if not data:
        raise ImageLoadError(label, Images.tr("empty file (0 bytes)"))
    _use_bundled_decoders()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
            return _to_rgb(img, draft_size, label)
        except ImageLoadError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageLoadError(
                label, Images.tr("claims to be far too large (a possible decompression bomb)")
            ) from None
        except UnidentifiedImageError:
            raise ImageLoadError(
                label,
                Images.tr("not an image this app can read (damaged, or not really a photo)"),
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            text = str(exc)
            if "truncated" in text.lower() or isinstance(exc, EOFError):
                raise ImageLoadError(
                    label, Images.tr("damaged: the file is cut short (truncated)")
                ) from None
            raise ImageLoadError(label, _damaged(text or type(exc).__name__)) from None
        except MemoryError:
            raise ImageLoadError(
                label, Images.tr("too large to decode in the memory available")
            ) from None
        except Exception as exc:  # noqa: BLE001
            # Pillow's decoders raise IndexError, struct.error... on some damaged files
            # (e.g. a corrupt animated GIF): still one bad file, never a crash.
            raise ImageLoadError(label, _damaged(type(exc).__name__)) from None


def _damaged(why: str) -> str:
    return Images.tr("damaged or unreadable ({why})").format(why=why)


def _to_rgb(img: Image.Image, draft_size: int | None, label: str) -> Image.Image:
    w, h = img.size
    if w * h > MAX_PIXELS:
        raise ImageLoadError(
            label,
            Images.tr(
                "claims {width}x{height} pixels, far too large (a possible decompression bomb)"
            ).format(width=w, height=h),
        )
    if min(w, h) < MIN_SIDE:
        raise ImageLoadError(
            label,
            Images.tr("too small ({width}x{height} pixels; at least {min}x{min} needed)").format(
                width=w, height=h, min=MIN_SIDE
            ),
        )
    if getattr(img, "is_animated", False) and img.format != "HEIF":
        # The first frame of an animated GIF/WebP. A HEIF file's images are not frames in
        # time: it opens on its primary image, which need not be the first.
        img.seek(0)
    if draft_size and img.format == "JPEG":
        # Draft mode decodes at 1/2, 1/4 or 1/8 scale directly: keep the short side >= draft_size.
        scale = min(w, h) / draft_size
        if scale >= 2:
            img.draft("RGB", (max(1, int(w / scale)), max(1, int(h / scale))))
    img.load()
    img = ImageOps.exif_transpose(img) or img
    return _convert_mode(img)


def _convert_mode(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGB":
        return img
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        hi = float(arr.max()) if arr.size else 0.0
        # 16-bit data uses 0..65535; 32-bit integer or float images may use any range.
        top = 65535.0 if mode.startswith("I;16") or hi > 255 else 255.0
        if mode == "F" and hi <= 1.0:
            top = 1.0
        arr8 = np.clip(arr / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return Image.fromarray(arr8, "L").convert("RGB")
    if mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
        mode = img.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, BACKGROUND + (255,))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return img.convert("RGB")


def resize_short_side(img: Image.Image, size: int) -> Image.Image:
    """Resize so the shorter side is ``size`` pixels, keeping the aspect ratio."""
    w, h = img.size
    if min(w, h) == size:
        return img
    if w <= h:
        new = (size, max(1, round(h * size / w)))
    else:
        new = (max(1, round(w * size / h)), size)
    return img.resize(new, Image.BILINEAR, reducing_gap=3.0)


def center_crop(img: Image.Image, size: int) -> Image.Image:
    """The central ``size`` x ``size`` square (the image is padded if it is smaller)."""
    w, h = img.size
    left, top = (w - size) // 2, (h - size) // 2
    return img.crop((left, top, left + size, top + size))
