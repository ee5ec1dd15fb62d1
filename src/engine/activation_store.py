"""Cached activations of big folders in a memory-mapped file instead of in memory.

For 'last block' and 'everything' runs the feature cache holds, per photo and per view,
the input of the first trained stage: EfficientNet-Lite0's last-block input is about 19 KB
in float16, a 224-px photo 147 KB as uint8. 20,000 photos with 3 views is over 1 GB,
100,000 photos far more than a laptop's memory. So above a threshold
(:func:`threshold_bytes`) ``training.prepare`` writes the cache here instead:

- one file in the cache folder, ``activations/act-<pid>-<n>.bin``, laid out row by row
  (photo, view, activation), written once, sequentially, with ``pwrite`` (no dirty pages
  held in this process);
- **bounded**: its size is known before the first row is written (photos x row size) and
  is refused with a clear message when it exceeds the limit or the free disk space;
- read through ``mmap``; after each batch the pages this process touched are dropped from
  its resident set (``MADV_DONTNEED``; the data stays in the file and the page cache), so
  the resident memory of a run does not grow with the folder;
- **read in order**: :func:`block_order` shuffles blocks of neighbouring rows and the rows
  within a block, so a batch reads one short stretch of the file instead of pages all
  over it;
- **removed after the run** (:meth:`ActivationStore.close`), and files left behind by a run
  that crashed are removed by the next one (their process is gone).
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import re
import shutil
from pathlib import Path

import numpy as np
import torch

from .atomic import _process_alive
from .errors import StudioError
from .i18n import Messages, decimal
from .paths import cache_dir


class Activations(Messages):
    """Messages of engine/activation_store.py: no room for the cached activations."""


#: Cached activations bigger than this go to a file (env override, in MB, for tests/benchmarks).
DEFAULT_THRESHOLD_MB = 512
#: The most one store may take on disk, unless the environment says otherwise.
DEFAULT_LIMIT_GB = 200
#: Free disk space left for everything else.
_DISK_MARGIN = 1 << 30
#: Rows per block of :func:`block_order` (about 19 MB of Lite0 last-block activations).
BLOCK_ROWS = 1024

_NAME = re.compile(r"act-(\d+)-\d+\.bin")
_serial = itertools.count()
#: float16 training features, float32 checking features, uint8 photos ('everything').
_TORCH_DTYPES = {
    np.dtype(np.float16): torch.float16,
    np.dtype(np.float32): torch.float32,
    np.dtype(np.uint8): torch.uint8,
}


def threshold_bytes() -> int:
    """Cached activations above this size go to an :class:`ActivationStore`."""
    mb = os.environ.get("FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB")
    try:
        return int(float(mb) * (1 << 20)) if mb is not None else DEFAULT_THRESHOLD_MB << 20
    except ValueError:
        return DEFAULT_THRESHOLD_MB << 20


def _limit_bytes() -> int:
    gb = os.environ.get("FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB")
    try:
        return int(float(gb) * (1 << 30)) if gb is not None else DEFAULT_LIMIT_GB << 30
    except ValueError:
        return DEFAULT_LIMIT_GB << 30


def _remove_stale(folder: Path) -> None:
    """Remove the stores of runs whose process is gone (a crash, a killed process)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _NAME.fullmatch(entry.name)
            if match and int(match.group(1)) != os.getpid() and not _process_alive(int(match[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


class ActivationStore:
    """``capacity`` rows of ``(views, *shape)`` activations in a file; indexable like a tensor.

    ``store[v, idx]`` gives the same as ``inputs[v, idx]`` on the in-memory cache of shape
    ``(views, N, *shape)``: rows ``idx`` (a LongTensor), view ``v`` (an int or one view per
    row), as a new CPU tensor.
    """

    def __init__(
        self,
        capacity: int,
        views: int,
        shape: tuple[int, ...],
        dtype: torch.dtype = torch.float16,
        *,
        folder: Path | None = None,
    ) -> None:
        if dtype not in _TORCH_DTYPES.values():
            raise ValueError(f"unsupported activation dtype {dtype}")
        self.np_dtype = torch.empty(0, dtype=dtype).numpy().dtype
        self.capacity, self.views, self.row_shape = int(capacity), int(views), tuple(shape)
        self.count = 0
        self.row_bytes = self.views * int(np.prod(self.row_shape)) * self.np_dtype.itemsize
        folder = Path(folder) if folder is not None else cache_dir() / "activations"
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
        need = self.capacity * self.row_bytes
        free = shutil.disk_usage(folder).free
        limit = _limit_bytes()
        room = max(0, free - _DISK_MARGIN)
        if need > limit or need > room:
            why = (
                Activations.tr("the limit is {size} GB").format(size=decimal(limit / 1e9, 1))
                if need > limit
                else Activations.tr("only {size} GB are free").format(size=decimal(room / 1e9, 1))
            )
            raise StudioError(
                Activations.tr(
                    "The cached activations of {photos} photos need {size} GB "
                    "in {folder}, but {why}. Free some disk space (or raise "
                    "FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB), train only the head, or use fewer "
                    "photos or a smaller image size."
                ).format(
                    photos=decimal(self.capacity, grouping=True),
                    size=decimal(need / 1e9, 1),
                    folder=folder,
                    why=why,
                )
            )
        self.path = folder / f"act-{os.getpid()}-{next(_serial)}.bin"
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        self._mm: mmap.mmap | None = None
        self._rows: np.ndarray | None = None
        try:
            os.ftruncate(self._fd, max(1, need))  # sparse: the disk fills as rows come
        except OSError:
            self.close()
            raise

    # ------------------------------------------------------------------ writing (in order)

    def append(self, block: torch.Tensor) -> None:
        """Add ``(views, B, *shape)`` activations (the in-memory cache's layout) at the end."""
        self.write(self.count, block.transpose(0, 1))

    def write(self, start: int, rows: torch.Tensor) -> None:
        """Write ``(B, views, *shape)`` rows at row ``start`` (rows may arrive in any order)."""
        if start + len(rows) > self.capacity:
            raise ValueError("activation store is full")
        data = np.ascontiguousarray(rows.numpy(), dtype=self.np_dtype)
        view = memoryview(data).cast("B")
        offset, done = start * self.row_bytes, 0
        while done < len(view):  # pwrite may write less than asked
            done += os.pwrite(self._fd, view[done:], offset + done)
        self.count = max(self.count, start + len(rows))

    # ------------------------------------------------------------------ reading

    def _array(self) -> np.ndarray:
        if self._rows is None:
            self._mm = mmap.mmap(self._fd, max(1, self.capacity * self.row_bytes))
            self._rows = np.ndarray(
                (self.capacity, self.views, *self.row_shape), self.np_dtype, buffer=self._mm
            )
        return self._rows

    def _release(self) -> None:
        # Drop the pages this process touched from its resident set: the data stays in the
        # file (and the kernel's page cache), so peak memory does not grow with the folder.
        if self._mm is not None and hasattr(mmap, "MADV_DONTNEED"):
            self._mm.madvise(mmap.MADV_DONTNEED)

    def rows(self, start: int, stop: int) -> torch.Tensor:
        """Rows ``[start, stop)`` as a ``(B, views, *shape)`` tensor (a copy)."""
        out = torch.from_numpy(np.array(self._array()[start : min(stop, self.count)]))
        self._release()
        return out

    def __getitem__(self, key: int | tuple[int | torch.Tensor, torch.Tensor]) -> torch.Tensor:
        if not isinstance(key, tuple):  # store[v]: every row's view v, like inputs[v]
            key = (key, torch.arange(self.count))
        view, idx = key
        if np.ndim(idx) == 0:  # one row: store[v, i]
            return self[view, torch.tensor([int(idx)])][0]
        rows = np.asarray(idx, dtype=np.int64)
        if rows.size and (rows.min() < 0 or rows.max() >= self.count):
            raise IndexError("row outside the cached activations")
        views = np.broadcast_to(np.asarray(view, dtype=np.int64), rows.shape)
        order = np.argsort(rows, kind="stable")  # read the file front to back
        picked = self._array()[rows[order], views[order]]
        out = np.empty_like(picked)
        out[order] = picked
        self._release()
        return torch.from_numpy(out)

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the in-memory cache this stands for: ``(views, N, *shape)``."""
        return (self.views, self.count, *self.row_shape)

    @property
    def dtype(self) -> torch.dtype:
        return _TORCH_DTYPES[self.np_dtype]

    def __len__(self) -> int:
        return self.views

    # ------------------------------------------------------------------ end

    def close(self) -> None:
        """Unmap, close and delete the file (safe to call twice)."""
        self._rows = None
        if self._mm is not None:
            with contextlib.suppress(BufferError, ValueError):
                self._mm.close()
            self._mm = None
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1
        with contextlib.suppress(OSError):
            self.path.unlink()

    def __enter__(self) -> ActivationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


def block_order(n: int, gen: torch.Generator, block: int = BLOCK_ROWS) -> torch.Tensor:
    """A random order of ``range(n)`` that reads a file in long runs: shuffled blocks of
    ``block`` neighbouring rows, each block's rows shuffled."""
    starts = torch.randperm(max(1, -(-n // block)), generator=gen) * block
    parts = []
    for s in starts.tolist():
        size = min(block, n - s)
        if size > 0:
            parts.append(s + torch.randperm(size, generator=gen))
    return torch.cat(parts) if parts else torch.empty(0, dtype=torch.long)


def close_inputs(*inputs: object) -> None:
    """Remove the stores among ``inputs`` (in-memory tensors are left alone)."""
    for x in inputs:
        if isinstance(x, ActivationStore):
            x.close()


class CachedBlocks:
    """The feature cache as it is computed: blocks kept in memory, or past
    :func:`threshold_bytes` in an :class:`ActivationStore` (decided on the first block,
    which tells the size of the whole cache). Leaving the ``with`` block on an error
    (a stop, a full disk) removes the file."""

    def __init__(self, photos: int) -> None:
        self.photos = photos
        self.chunks: list[torch.Tensor] = []
        self.store: ActivationStore | None = None

    def add(self, block: torch.Tensor) -> None:
        """Keep a ``(views, B, *shape)`` block of cached inputs."""
        if self.store is None and not self.chunks:
            per_photo = block[:, :1].numel() * block.element_size()
            if per_photo * self.photos > threshold_bytes():
                self.store = ActivationStore(
                    self.photos, block.shape[0], tuple(block.shape[2:]), block.dtype
                )
        if self.store is not None:
            self.store.append(block)
        else:
            self.chunks.append(block)

    def inputs(self) -> torch.Tensor | ActivationStore | None:
        """All blocks: ``(views, N, *shape)`` in memory, the store, or None if none came."""
        if self.store is not None:
            return self.store
        return torch.cat(self.chunks, dim=1) if self.chunks else None

    def __enter__(self) -> CachedBlocks:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            close_inputs(self.store)
