"""Scan a photo folder (one subfolder per category) and split it for training.

The scan never stops on one bad file: every unusable file is listed with a plain reason.
Problems that make training impossible raise :class:`DataError`; problems that only hurt
become warnings a person can read.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import SaveError, write_text
from .duplicates import group_indices, perceptual_hash
from .errors import Cancelled, DataError
from .i18n import Messages, language
from .images import (
    ImageLoadError,
    Images,
    is_candidate,
    open_image,
    read_photo_bytes,
    unsupported_reason,
)
from .paths import SCAN_CACHE, cache_dir
from .progress import ProgressFn, StopFn, Throttle, never_stop
from .readiness import imbalance, imbalance_sentence, small_categories, small_sentence

if TYPE_CHECKING:
    from PIL import Image

#: Called with each photo the scan decoded (its path and the decoded RGB image, at least
#: the scan's decode size on the shorter side). Photos an earlier scan already checked
#: are not decoded again and do not come through here.
DecodedFn = Callable[[Path, "Image.Image"], None]
#: The draft size the scan decodes at when it only checks a photo (no cache to fill).
CHECK_SIZE = 64

#: System clutter that is never a category or a photo.
IGNORED_NAMES = frozenset(
    {"__MACOSX", "Thumbs.db", "desktop.ini", "$RECYCLE.BIN", "System Volume Information", "@eaDir"}
)


#: A subfolder of photos not sorted yet (any case): never a category (see engine.pile).
UNSORTED_FOLDER = "unsorted"


def is_hidden(name: str) -> bool:
    return name.startswith(".") or name in IGNORED_NAMES


def is_unsorted_folder(name: str) -> bool:
    """True for the folder of photos not sorted yet (``unsorted``, any case)."""
    return name.strip().casefold() == UNSORTED_FOLDER


@dataclass(frozen=True)
class SkippedFile:
    """A file the app did not use, and why (shown to the person as is)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Photo:
    path: Path
    label: int
    digest: str = ""  # content hash, to find the same photo filed twice
    phash: str = ""  # perceptual hash (engine.duplicates), to find it re-saved


@dataclass(frozen=True)
class ScanProgress:
    done: int
    total: int
    current: str = ""


@dataclass
class DatasetScan:
    """What a folder holds: categories, usable photos, skipped files and warnings."""

    root: Path
    classes: list[str]
    photos: list[Photo]
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The resize the scan put each photo in the image cache at (None: it did not).
    cache_resize: int | None = None

    def counts(self) -> dict[str, int]:
        c = Counter(p.label for p in self.photos)
        return {name: c.get(i, 0) for i, name in enumerate(self.classes)}

    def photos_of(self, label: int) -> list[Photo]:
        return [p for p in self.photos if p.label == label]


def _walk_files(folder: Path) -> list[Path]:
    """Every non-hidden file below ``folder``; symlinked folders are not followed (no loops)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
        found.extend(Path(dirpath) / f for f in sorted(filenames) if not is_hidden(f))
    return found


def list_categories(root: Path) -> list[str]:
    """Category names: the visible subfolders of ``root``, sorted (never ``unsorted``)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except FileNotFoundError:
        raise DataError(
            Dataset.tr(
                "The folder {folder} does not exist. Choose the folder that holds your photos."
            ).format(folder=root)
        ) from None
    except NotADirectoryError:
        raise DataError(
            Dataset.tr(
                "{folder} is a file, not a folder. "
                "Choose the folder that holds one subfolder per category."
            ).format(folder=root)
        ) from None
    except PermissionError:
        raise DataError(
            Dataset.tr(
                "No permission to read {folder}. Choose another folder or change its permissions."
            ).format(folder=root)
        ) from None
    return [
        e.name
        for e in entries
        if e.is_dir(follow_symlinks=True)
        and not is_hidden(e.name)
        and not is_unsorted_folder(e.name)
    ]


def scan_folder(
    root: str | os.PathLike[str],
    *,
    classes: list[str] | None = None,
    on_progress: ProgressFn | None = None,
    should_stop: StopFn = never_stop,
    check_duplicates: bool = True,
    remember: bool = True,
    cache_resize: int | None = None,
    on_decoded: DecodedFn | None = None,
) -> DatasetScan:
    """Scan ``root``: one subfolder per category; nested folders count toward their category.

    Each file is read and decoded once (at a small draft size) so that damaged files are
    found now rather than in the middle of training. ``classes`` forces the category list
    (used for a separate validation folder, which must match the training categories).
    With ``remember``, files already checked (same size and modification time) are not
    decoded again: a rescan of an unchanged folder only lists it.

    One decode per photo: with ``cache_resize`` (the backbone's ``Preprocessing.resize``)
    each photo is decoded at that draft size, as the training loader would, and kept
    resized in the image cache, so the training run's data stage reads it instead of
    decoding the photo a second time. ``on_decoded`` receives every decoded photo (for
    other per-photo work from the same decode). Raises :class:`Cancelled` if
    ``should_stop()`` becomes true.
    """
    from .imagecache import get_default_cache, keep_resized, worth_caching

    if cache_resize is not None and get_default_cache() is None:
        cache_resize = None  # the cache is off: decode small, as a check only
    root = Path(root)
    found = list_categories(root)
    names = list(classes) if classes is not None else found
    skipped: list[SkippedFile] = []
    warnings: list[str] = []
    if classes is not None:
        extra = sorted(set(found) - set(classes))
        if extra:
            warnings.append(
                Dataset.tr(
                    "{count} folder(s) are not training categories and were ignored: {names}."
                ).format(count=len(extra), names=", ".join(extra))
            )

    stray = (
        [p for p in root.iterdir() if p.is_file() and not is_hidden(p.name)]
        if root.is_dir()
        else []
    )
    for p in stray:
        if is_candidate(p):
            skipped.append(
                SkippedFile(
                    str(p),
                    Dataset.tr(
                        "not sorted yet: not inside a category folder (label it or move it into one)"
                    ),
                )
            )
    waiting = [
        f
        for d in (root.iterdir() if root.is_dir() and classes is None else [])
        if d.is_dir() and is_unsorted_folder(d.name)
        for f in _walk_files(d)
        if is_candidate(f)
    ]
    if waiting:
        warnings.append(
            Dataset.tr(
                "{count} photo(s) in the folder {folder} are not sorted yet: "
                "they are not used for training or checking until they are labelled."
            ).format(count=len(waiting), folder=repr(UNSORTED_FOLDER))
        )

    files: list[tuple[Path, int]] = []
    for label, name in enumerate(names):
        folder = root / name
        if folder.is_dir():
            files.extend((f, label) for f in _walk_files(folder))
    total = len(files)
    throttle = Throttle()
    photos: list[Photo] = []
    memo = ScanMemo(root) if remember else ScanMemo(None)
    for i, (path, label) in enumerate(files):
        if should_stop():
            raise Cancelled(Dataset.tr("Scan stopped."))
        if on_progress and throttle.ready():
            on_progress(ScanProgress(i, total, str(path)))
        if not is_candidate(path):
            kind = path.suffix or Dataset.tr("no extension")
            skipped.append(
                SkippedFile(str(path), Dataset.tr("not a photo ({kind})").format(kind=kind))
            )
            continue
        known = memo.get(path)
        if known is not None:
            ok, value, phash = known
            if ok:
                photos.append(Photo(path, label, *((value, phash) if check_duplicates else ())))
            else:
                skipped.append(SkippedFile(str(path), value))
            continue
        try:
            reason = unsupported_reason(path)
            if reason:
                raise ImageLoadError(path, reason)
            data = read_photo_bytes(path)
            # One decode per photo: at the backbone's size when the scan fills the image
            # cache, else small (CHECK_SIZE). The perceptual hash needs 32x32, and JPEG
            # draft scales are 1/2, 1/4, 1/8 of the photo, so a big photo decodes no slower
            # at 64 than at 32.
            decoded = open_image(data, draft_size=cache_resize or CHECK_SIZE, name=str(path))
            phash = perceptual_hash(decoded)
        except ImageLoadError as exc:
            skipped.append(SkippedFile(str(path), exc.reason))
            memo.put(path, False, exc.reason, language())
            continue
        except OSError as exc:
            skipped.append(SkippedFile(str(path), _unreadable_reason(path, exc)))
            continue
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        memo.put(path, True, digest, phash)
        photos.append(Photo(path, label, *((digest, phash) if check_duplicates else ())))
        if cache_resize is not None and worth_caching(decoded, cache_resize):
            keep_resized(path, decoded, cache_resize)
        if on_decoded is not None:
            on_decoded(path, decoded)
    memo.save()
    if on_progress:
        on_progress(ScanProgress(total, total, ""))

    scan = DatasetScan(root, names, photos, skipped, warnings, cache_resize=cache_resize)
    scan.warnings.extend(describe_problems(scan))
    return scan


#: 2: entries carry the perceptual hash too (a version-1 memo is simply decoded again).
_MEMO_VERSION = 2


class Dataset(Messages):
    """Messages of engine/dataset.py: what the scan of a photo folder found."""


class ScanMemo:
    """What earlier scans learned about each file, keyed by its size and modification time.

    Stored per photo folder under the app's cache folder (a JSON file, written
    atomically); an edited or replaced file has another size or time and is checked again.
    """

    def __init__(self, root: Path | None) -> None:
        self.entries: dict[str, list] = {}
        self.dirty = False
        self.path: Path | None = None
        if root is None:
            return
        key = hashlib.blake2b(os.fsencode(os.path.abspath(root)), digest_size=12).hexdigest()
        self.path = cache_dir() / SCAN_CACHE / f"{key}.json"
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            if (
                isinstance(doc, dict)
                and doc.get("version") == _MEMO_VERSION
                and isinstance(doc.get("files"), dict)
            ):
                self.entries = doc["files"]
        except (OSError, ValueError):
            pass

    @staticmethod
    def _stamp(path: Path) -> list | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    def get(self, path: Path) -> tuple[bool, str, str] | None:
        """(usable, digest or skip reason, perceptual hash) of an unchanged file, else None."""
        entry = self.entries.get(str(path))
        if not (isinstance(entry, list) and len(entry) == 5):
            return None
        if entry[:2] != self._stamp(path) or not all(isinstance(v, str) for v in entry[3:]):
            return None
        if not entry[2] and entry[4] != language():
            return None  # a skip reason in another language: check the file again
        return bool(entry[2]), entry[3], entry[4]

    def put(self, path: Path, ok: bool, value: str, phash: str = "") -> None:
        """Remember a file: usable with its digest and ``phash``, or its skip reason
        (``phash`` then holds the reason's language, :func:`engine.i18n.language`)."""
        if self.path is None:
            return
        stamp = self._stamp(path)
        if stamp is not None:
            self.entries[str(path)] = [*stamp, ok, value, phash]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        # Only a speed-up: a failed save means the next scan decodes again.
        with contextlib.suppress(SaveError):
            write_text(self.path, json.dumps({"version": _MEMO_VERSION, "files": self.entries}))


def _unreadable_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return Images.tr("a loop of symbolic links, not a photo")
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return Images.tr("a shortcut (symbolic link) to a file that is gone")
        return Images.tr("the file is gone (moved or deleted)")
    return Images.tr("cannot be read ({why})").format(why=exc.strerror or exc)


def describe_problems(scan: DatasetScan) -> list[str]:
    """Warnings about things that hurt training but do not prevent it."""
    out: list[str] = []
    counts = scan.counts()
    empty = [n for n, c in counts.items() if c == 0]
    if empty:
        out.append(
            Dataset.tr("No usable photos in: {names}. Add photos or remove these folders.").format(
                names=", ".join(empty)
            )
        )
    small = small_categories(counts)
    if small:
        out.append(small_sentence(small))
    uneven = imbalance(counts)
    if uneven:
        out.append(imbalance_sentence(*uneven))
    by_digest: dict[str, set[int]] = defaultdict(set)
    for p in scan.photos:
        if p.digest:
            by_digest[p.digest].add(p.label)
    dupes = [labels for labels in by_digest.values() if len(labels) > 1]
    if dupes:
        pairs = Counter(tuple(sorted(scan.classes[i] for i in labels)) for labels in dupes)
        both = Dataset.tr(" and ")
        text = "; ".join(f"{both.join(k)} ({v})" for k, v in pairs.most_common(3))
        out.append(
            Dataset.tr(
                "{count} photo(s) appear in more than one category ({pairs}). "
                "A photo should be in one category only."
            ).format(count=len(dupes), pairs=text)
        )
    return out


#: A group of near-copies larger than this is not one photo re-saved: near-copy pairs chain
#: photos that merely look alike (one background, one lighting) into one group. Measured:
#: in a folder of 20,000 generated photos (a shape on a noisy background) the chain held
#: 18,806 photos, and keeping it on one side left 1,194 to train on. Such a group is split
#: like separate photos; its exact copies (same bytes) still stay together.
MAX_COPY_GROUP = 32


def _copy_groups(photos: list[Photo]) -> list[list[int]]:
    """Indices of the photos that must land on one side of the split (see MAX_COPY_GROUP)."""
    groups: list[list[int]] = []
    for idx, kind in group_indices([p.digest for p in photos], [p.phash for p in photos]):
        if kind == "exact" or len(idx) <= MAX_COPY_GROUP:
            groups.append(idx)
            continue
        same_bytes: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            if photos[i].digest:
                same_bytes[photos[i].digest].append(i)
        groups += [g for g in same_bytes.values() if len(g) > 1]
    return groups


def split_train_val(
    scan: DatasetScan, val_fraction: float = 0.2, seed: int = 0
) -> tuple[list[Photo], list[Photo]]:
    """A stratified split: each category gives ``val_fraction`` of its photos to validation.

    A category with a single photo keeps it for training. The same seed always gives the
    same split. Copies of one photo (exact, or re-saved: see :mod:`engine.duplicates`)
    always land on the same side, even across categories: a photo checked with that the
    model trained on makes the accuracy a lie. Without copies the split is the plain
    stratified one.
    """
    if not 0.0 <= val_fraction < 1.0:
        raise DataError(Dataset.tr("The validation share must be between 0% and 95%."))
    rng = random.Random(seed)
    group_of: dict[Path, list[Photo]] = {}
    for idx in _copy_groups(scan.photos):
        members = [scan.photos[i] for i in idx]
        for p in members:
            group_of[p.path] = members
    side: dict[Path, str] = {}  # "train" | "val", once a photo's group is placed
    val_count: Counter[int] = Counter()
    train: list[Photo] = []
    val: list[Photo] = []
    for label in range(len(scan.classes)):
        items = sorted(scan.photos_of(label), key=lambda p: str(p.path))
        rng.shuffle(items)
        n_val = int(round(len(items) * val_fraction))
        if val_fraction > 0 and len(items) >= 2:
            n_val = max(1, min(n_val, len(items) - 1))
        else:
            n_val = 0
        for p in items:
            if p.path not in side:
                where = "val" if val_count[label] < n_val else "train"
                for member in group_of.get(p.path, [p]):
                    side[member.path] = where
                    if where == "val":
                        val_count[member.label] += 1
            (val if side[p.path] == "val" else train).append(p)
    return train, val


def check_trainable(classes: list[str], train: list[Photo], val: list[Photo]) -> None:
    """Raise :class:`DataError` when training cannot work at all, in words a person can act on."""
    if len(classes) < 2:
        found = (
            Dataset.tr("only one ({name})").format(name=classes[0])
            if classes
            else Dataset.tr("none")
        )
        raise DataError(
            Dataset.tr(
                "Training needs at least 2 categories (one subfolder each); this folder has {found}."
            ).format(found=found)
        )
    counts = Counter(p.label for p in train)
    missing = [classes[i] for i in range(len(classes)) if counts.get(i, 0) == 0]
    if missing:
        raise DataError(
            Dataset.tr(
                "No usable photo to train on in: {names}. "
                "Add photos to these folders or remove them."
            ).format(names=", ".join(missing))
        )
    if not val:
        raise DataError(
            Dataset.tr(
                "There are no validation photos. Add more photos or choose a validation folder."
            )
        )
