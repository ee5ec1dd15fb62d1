"""The same ``train`` on several processes: PyTorch's DistributedDataParallel under torchrun.

``torchrun --nproc-per-node N -m engine train DATA_DIR --out MODEL ...`` starts N copies of
the command; torchrun gives each its place in the environment (``RANK``, ``WORLD_SIZE``,
``LOCAL_RANK``, ``MASTER_ADDR``, ``MASTER_PORT``); :func:`launched` reads it. Without
torchrun nothing here runs: the single-process path never joins a process group.

How a run is shared (see docs/scale.md):

- every rank scans the same folder and makes the same split with the same seed;
- each rank computes its share of the feature cache (photos ``rank::world``) and the shares
  are gathered, rank by rank, with ``all_gather`` (:func:`gather_rows`), so that every rank
  holds the same cache in the same order;
- each step takes the same global batch on every rank (the same seeded generator) and each
  rank trains on its slice of it (:meth:`Ranks.local_batch`); DDP averages the gradients,
  so a step is the single-process step on the same batch;
- each rank checks its share of the validation photos and the logits are gathered;
- only rank 0 writes the model, the checkpoint, the metrics and the log lines;
- when a rank dies, the others see the broken collective (or torchrun's SIGTERM) and rank 0
  says so in one line (:class:`RankLost`); checkpoints are written atomically, so the last
  one is intact and ``--resume`` continues from it.

NCCL on GPUs, gloo on CPUs. Tests run gloo on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from .activation_store import ActivationStore, threshold_bytes
from .device import pick_device
from .errors import StudioError

#: What torchrun sets for every process it starts.
_TORCHRUN_ENV = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
#: Rows per all_gather when sharing the feature cache: bounded memory for big folders.
GATHER_ROWS = 512


class RankLost(StudioError):
    """Another training process ended (it crashed, was killed, or its machine went away)."""


def launched(env: Mapping[str, str] | None = None) -> bool:
    """Whether this process was started by torchrun as one of several."""
    env = os.environ if env is None else env
    if not all(k in env for k in _TORCHRUN_ENV):
        return False
    try:
        return int(env["WORLD_SIZE"]) > 1
    except ValueError:
        return False


@dataclass(frozen=True)
class Ranks:
    """This process's place in a distributed run."""

    rank: int
    world: int
    local_rank: int
    device: torch.device
    backend: str  # "gloo" | "nccl"

    @property
    def is_main(self) -> bool:
        """Rank 0: the only one that writes files and prints."""
        return self.rank == 0

    def share(self, items: list) -> list:
        """This rank's share of ``items``: every ``world``-th one from ``rank``."""
        return items[self.rank :: self.world]

    def local_batch(self, idx: torch.Tensor) -> tuple[torch.Tensor, float]:
        """This rank's slice of the global batch ``idx``, and the weight of its loss.

        With fewer photos than ranks in a batch (a last, short batch), a rank without a
        photo still takes one with weight 0: every rank must run the step, or DDP's
        gradient all-reduce would wait for it forever.
        """
        mine = idx[self.rank :: self.world]
        if len(mine) == 0:
            return idx[:1], 0.0
        return mine, 1.0

    # -------------------------------------------------------------- collectives

    def _comm(self, t: torch.Tensor) -> torch.Tensor:
        # NCCL moves CUDA tensors only; gloo moves CPU tensors.
        return t.to(self.device) if self.backend == "nccl" else t

    def sum(self, values: torch.Tensor) -> torch.Tensor:
        """Element-wise sum over ranks (every rank gets it)."""

        t = self._comm(values.detach().clone())
        dist.all_reduce(t)
        return t.cpu()

    def broadcast_object(self, obj: Any) -> Any:
        """Rank 0's ``obj`` on every rank (for small picklable values)."""

        box = [obj]
        dist.broadcast_object_list(box, src=0, device=self._comm(torch.empty(0)).device)
        return box[0]

    def gather_objects(self, obj: Any) -> list[Any]:
        """Every rank's ``obj``, in rank order, on every rank (small picklable values)."""

        out: list[Any] = [None] * self.world
        dist.all_gather_object(out, obj)
        return out

    def sync_buffers(self, module: torch.nn.Module) -> None:
        """Rank 0's buffers (BatchNorm statistics) on every rank, before checking."""

        for buf in module.buffers():
            t = self._comm(buf.data)
            dist.broadcast(t, src=0)
            if t is not buf.data:
                buf.data.copy_(t)

    def barrier(self) -> None:

        dist.barrier()


def gather_rows(
    ranks: Ranks,
    count: int,
    read: Callable[[int, int], torch.Tensor],
    write: Callable[[int, torch.Tensor], None],
    *,
    chunk: int = GATHER_ROWS,
) -> list[int]:
    """Share rows between ranks: every rank receives every rank's rows, in rank order.

    ``count`` is this rank's number of rows and ``read(start, stop)`` gives them as a
    ``(B, ...)`` tensor (the same shape and dtype on every rank). ``write(start, rows)``
    places a block at its position in the gathered order: rank 0's rows, then rank 1's, and
    so on. Rows travel ``chunk`` at a time, so memory stays bounded however big the cache.
    Returns the row counts of all ranks.
    """

    counts = [int(c) for c in ranks.gather_objects(int(count))]
    offsets = [sum(counts[:r]) for r in range(ranks.world)]
    if max(counts) == 0:
        return counts
    # Every rank needs the row shape, even one that has no row of its own.
    first = read(0, 1) if count else None
    probe = ranks.gather_objects(
        None if first is None else (tuple(first.shape[1:]), str(first.dtype))
    )
    shape, dtype_name = next(p for p in probe if p is not None)
    dtype = getattr(torch, dtype_name.removeprefix("torch."))
    for start in range(0, max(counts), chunk):
        size = min(chunk, max(counts) - start)
        mine = read(start, min(count, start + size)) if start < count else None
        block = torch.zeros((size, *shape), dtype=dtype)
        if mine is not None:
            block[: len(mine)] = mine
        parts = [ranks._comm(torch.empty_like(block)) for _ in range(ranks.world)]
        dist.all_gather(parts, ranks._comm(block))
        for r, part in enumerate(parts):
            valid = max(0, min(size, counts[r] - start))
            if valid:
                write(offsets[r] + start, part[:valid].cpu())
    return counts


# ------------------------------------------------------------------ start and end


def _on_sigterm(signum: int, frame: Any) -> None:
    # torchrun sends SIGTERM to every process when one of them ended; say why, once.
    quiet_exit()
    raise RankLost("Another training process ended, so torchrun stopped this one.")


def init_from_env(requested_device: str = "auto", *, timeout_s: float = 1800) -> Ranks:
    """Join the process group torchrun set up: NCCL on GPUs, gloo on CPUs.

    On CUDA each process takes the card of its local rank. ``timeout_s`` bounds how long a
    collective waits for a rank that hangs (a dead rank is noticed at once: its connection
    closes, and torchrun stops the others).
    """

    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = pick_device(requested_device)
    if device.type == "cuda":
        if local_rank >= torch.cuda.device_count():
            raise StudioError(
                f"Process {local_rank} on this machine has no graphics card of its own "
                f"({torch.cuda.device_count()} found): start at most that many with "
                "--nproc-per-node."
            )
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    elif device.type == "mps":
        raise StudioError("Distributed training runs on CUDA or the CPU: use --device cpu.")
    backend = "nccl" if device.type == "cuda" else "gloo"
    if not dist.is_initialized():
        dist.init_process_group(
            backend,
            rank=rank,
            world_size=world,
            timeout=timedelta(seconds=timeout_s),
            device_id=device if backend == "nccl" else None,
        )
    signal.signal(signal.SIGTERM, _on_sigterm)
    return Ranks(rank, world, local_rank, device, backend)


def quiet_exit() -> None:
    """From now on ignore torchrun's SIGTERM: this process is already on its way out, and a
    second interruption would only print a traceback over the one line already said."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def finish() -> None:
    """Leave the process group (after a normal end; a broken group is left alone).

    All ranks meet first: a rank that left while rank 0 was still saving the model ended
    with "terminate called without an active exception" (SIGABRT, gloo's threads torn
    down under a pending exchange), and torchrun called the whole run failed."""

    if dist.is_initialized():
        with contextlib.suppress(RuntimeError, dist.DistError):
            dist.barrier()
        dist.destroy_process_group()


def is_rank_loss(exc: BaseException) -> bool:
    """Whether ``exc`` says a peer went away (a broken collective), not a bug of ours."""
    if isinstance(exc, RankLost):
        return True

    if isinstance(exc, dist.DistError):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and any(
        k in text for k in ("gloo", "nccl", "connection", "closed by peer", "timed out", "socket")
    )


def lost_message(checkpoint: str | None) -> str:
    """The one line rank 0 prints when another rank died."""
    text = "Another training process stopped, so the run ended."
    if checkpoint and Path(checkpoint).is_file():
        text += (
            f" The last checkpoint, {checkpoint}, is intact: continue with the same "
            f"torchrun line and `train --resume {checkpoint}`."
        )
    else:
        text += " No epoch had finished, so there is no checkpoint: start the run again."
    return text


# ------------------------------------------------------------------ the training run's pieces


class _Suffix(torch.nn.Module):
    """The trained part of a StagedNet as a module, so DDP sees its ``forward``."""

    def __init__(self, net: torch.nn.Module, start: int) -> None:
        super().__init__()
        self.net, self.start = net, start

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.run(x, self.start)


def wrap(net: torch.nn.Module, start: int, ranks: Ranks) -> torch.nn.Module:
    """``net.run(x, start)`` under DistributedDataParallel (gradients averaged over ranks).

    DDP hooks the module's ``forward``; StagedNet's ``run(x, start)`` is not it, hence the
    small wrapper. Frozen parameters (``requires_grad=False``) are left out by DDP itself.
    """

    ids = [ranks.device.index] if ranks.device.type == "cuda" else None
    return DistributedDataParallel(_Suffix(net, start), device_ids=ids)


def batch_loss(
    ranks: Ranks,
    logits: torch.Tensor,
    y: torch.Tensor,
    denominator: float,
    share: float,
    *,
    weight: torch.Tensor | None,
    label_smoothing: float,
) -> tuple[torch.Tensor, torch.Tensor]:
    """The loss to back-propagate on this rank, and its part of the global batch's loss.

    Each rank sums the loss of its slice and divides by the *global* batch's denominator
    (its photo count, or the sum of their class weights), so the parts add up to the
    single-process mean; DDP then averages gradients over ranks, hence the ``* world``.
    """

    part = (
        F.cross_entropy(
            logits.float(), y, weight=weight, label_smoothing=label_smoothing, reduction="sum"
        )
        * share
        / denominator
    )
    return part * ranks.world, part.detach()


def share_prepared(
    ranks: Ranks, data: Any, skipped: list
) -> tuple[torch.Tensor | ActivationStore, torch.Tensor, list, list]:
    """Every rank's share of a prepared set, gathered into the whole set on every rank.

    ``data`` is this rank's ``training.PreparedData``. Returns the inputs, labels and
    photos of all ranks, rank by rank, and all skipped files; the inputs are in memory or,
    for a big set, in an :class:`~engine.activation_store.ActivationStore` (the local
    share's store is removed).
    """
    parts = ranks.gather_objects((data.photos, [int(v) for v in data.labels], skipped))
    photos = [p for ph, _, _ in parts for p in ph]
    labels = torch.tensor([v for _, lab, _ in parts for v in lab], dtype=torch.long)
    all_skipped = [s for _, _, sk in parts for s in sk]
    local = data.inputs
    views = local.shape[0]
    row_shape = tuple(local.shape[2:])
    dtype = local.dtype
    n = len(photos)
    row_bytes = views * max(1, int(torch.Size(row_shape).numel())) * dtype.itemsize
    if isinstance(local, ActivationStore):
        read = local.rows
    else:

        def read(start: int, stop: int) -> torch.Tensor:
            return local[:, start:stop].transpose(0, 1)

    if n * row_bytes > threshold_bytes() and n > 0:
        store = ActivationStore(n, views, row_shape, dtype)
        gather_rows(ranks, len(data.labels), read, store.write)
        store.count = n
        inputs: Any = store
    else:
        full = torch.empty((views, n, *row_shape), dtype=dtype)

        def write(start: int, rows: torch.Tensor) -> None:
            full[:, start : start + len(rows)] = rows.transpose(0, 1)

        gather_rows(ranks, len(data.labels), read, write)
        inputs = full
    if isinstance(local, ActivationStore):
        local.close()
    return inputs, labels, photos, all_skipped


@dataclass
class SharedVal:
    """Validation under several ranks: this rank's share, and the labels of all of them."""

    local: Any  # training.PreparedData: this rank's photos
    labels: torch.Tensor  # every rank's labels, rank by rank
    photos: list  # every rank's photos, in the same order


def share_validation(ranks: Ranks, data: Any, skipped: list) -> tuple[SharedVal, list]:
    """Keep this rank's validation photos; learn everyone's labels and skipped files."""
    parts = ranks.gather_objects((data.photos, [int(v) for v in data.labels], skipped))
    photos = [p for ph, _, _ in parts for p in ph]
    labels = torch.tensor([v for _, lab, _ in parts for v in lab], dtype=torch.long)
    return SharedVal(data, labels, photos), [s for _, _, sk in parts for s in sk]


def gather_logits(ranks: Ranks, local: torch.Tensor, classes: int) -> torch.Tensor:
    """Every rank's validation logits, rank by rank (the order of ``SharedVal.labels``)."""
    local = local.reshape(-1, classes).float()
    counts = ranks.gather_objects(len(local))
    out = torch.empty((sum(counts), classes))

    def write(start: int, rows: torch.Tensor) -> None:
        out[start : start + len(rows)] = rows

    gather_rows(ranks, len(local), lambda a, b: local[a:b], write)
    return out
