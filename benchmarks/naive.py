"""The baseline: fine-tuning as PyTorch's transfer-learning tutorial does it.

``torchvision.datasets.ImageFolder`` with transforms applied every epoch
(``RandomResizedCrop(224)`` + flip for training, ``Resize(256)`` + ``CenterCrop(224)`` for
validation), batch 32, float32, no caching of any kind, the *whole* network run forward
every epoch (even the frozen part), SGD with momentum 0.9 at lr 0.001 and ``StepLR(7, 0.1)``,
best validation epoch kept. The network is the very same pretrained EfficientNet-Lite0 the
engine uses, with the same evaluation preprocessing (mean = std = 0.5).

One deliberate fairness fix over the literal tutorial: frozen layers are kept in eval mode
(fixed BatchNorm statistics), like the engine. The tutorial's ``model.train()`` would also
update the frozen BatchNorm statistics, which costs the same time but usually loses
accuracy, and this baseline should be as accurate as a careful person would make it.

Also here: :func:`train_cached_boundary`, the careful hand-written loop that trains the same
layers as the engine's "last block and head" preset (activations at the frozen boundary
computed once, frozen BatchNorm in eval mode, no gradients through frozen layers), and
:func:`predict_loop` / :func:`decode_loop`, the per-photo loops of the prediction and
big-photo goals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from engine.backbones import StagedNet, build_model, get_backbone

BACKBONE = "efficientnet_lite0"


def _prep():
    return get_backbone(BACKBONE).preprocessing


def eval_transform() -> transforms.Compose:
    p = _prep()
    return transforms.Compose(
        [
            transforms.Resize(p.resize),
            transforms.CenterCrop(p.crop),
            transforms.ToTensor(),
            transforms.Normalize(p.mean, p.std),
        ]
    )


def train_transform() -> transforms.Compose:
    p = _prep()
    return transforms.Compose(
        [
            transforms.RandomResizedCrop(p.crop),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize(p.mean, p.std),
        ]
    )


@dataclass
class NaiveResult:
    epoch_seconds: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    setup_seconds: float = 0.0  # building the model and the loaders
    prep_seconds: float = 0.0  # the cached-boundary loop's one-time activation pass
    seconds: float = 0.0  # the whole run, wall clock

    @property
    def best_accuracy(self) -> float:
        return max(self.val_accuracy) if self.val_accuracy else float("nan")

    def to_dict(self) -> dict:
        return {
            "epoch_seconds": self.epoch_seconds,
            "val_accuracy": self.val_accuracy,
            "train_loss": self.train_loss,
            "best_accuracy": self.best_accuracy,
            "setup_seconds": self.setup_seconds,
            "prep_seconds": self.prep_seconds,
            "seconds": self.seconds,
        }


def _frozen_stages(net: StagedNet, layers: str) -> int:
    """How many leading stages are frozen: all but the head, all but the last block, none."""
    names = net.stage_names
    if layers == "all":
        return 0
    if layers == "head":
        return names.index("head")
    if layers == "last":
        # The last stage with weights before pool/head (block7 for Lite0).
        return names.index("pool") - 1
    raise ValueError(layers)


def _set_modes(net: StagedNet, frozen: int, training: bool) -> None:
    net.train(training)
    for stage in net.stages[:frozen]:
        stage.eval()


def train_tutorial(
    train_dir: str | Path,
    val_dir: str | Path,
    *,
    layers: str = "head",
    epochs: int = 10,
    batch_size: int = 32,
    num_workers: int = 0,
    max_seconds: float | None = None,
    on_epoch: Callable[[int, float, float], None] | None = None,
    seed: int = 0,
) -> NaiveResult:
    """The tutorial's ``train_model``: per epoch a train phase and a val phase over loaders.

    ``max_seconds``: stop after the epoch during which the budget ran out (the caller
    extrapolates from the measured epochs).
    """
    started = time.perf_counter()
    torch.manual_seed(seed)
    train_set = datasets.ImageFolder(str(train_dir), train_transform())
    val_set = datasets.ImageFolder(str(val_dir), eval_transform())
    loaders = {
        "train": DataLoader(train_set, batch_size, shuffle=True, num_workers=num_workers),
        "val": DataLoader(val_set, batch_size, shuffle=False, num_workers=num_workers),
    }
    net = build_model(BACKBONE, len(train_set.classes))
    frozen = _frozen_stages(net, layers)
    for stage in net.stages[:frozen]:
        for p in stage.parameters():
            p.requires_grad_(False)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=0.001, momentum=0.9)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=7, gamma=0.1)
    out = NaiveResult(setup_seconds=time.perf_counter() - started)
    for epoch in range(epochs):
        t0 = time.perf_counter()
        for phase in ("train", "val"):
            _set_modes(net, frozen, phase == "train")
            loss_sum = correct = seen = 0
            for x, y in loaders[phase]:
                with torch.set_grad_enabled(phase == "train"):
                    logits = net(x)  # the whole network, every epoch
                    loss = F.cross_entropy(logits, y)
                    if phase == "train":
                        opt.zero_grad()
                        loss.backward()
                        opt.step()
                loss_sum += loss.item() * len(y)
                correct += (logits.argmax(1) == y).sum().item()
                seen += len(y)
            if phase == "train":
                sched.step()
                out.train_loss.append(loss_sum / max(1, seen))
            else:
                out.val_accuracy.append(correct / max(1, seen))
        out.epoch_seconds.append(time.perf_counter() - t0)
        if on_epoch:
            on_epoch(epoch + 1, out.epoch_seconds[-1], out.val_accuracy[-1])
        if max_seconds is not None and time.perf_counter() - started > max_seconds:
            break
    out.seconds = time.perf_counter() - started
    return out


def train_cached_boundary(
    train_dir: str | Path,
    val_dir: str | Path,
    *,
    layers: str = "last",
    epochs: int = 10,
    batch_size: int = 32,
    lr: float = 1e-3,
    on_epoch: Callable[[int, float, float], None] | None = None,
    seed: int = 0,
) -> NaiveResult:
    """A careful hand-written loop training the same layers as the engine's preset.

    The frozen prefix runs once over every photo (evaluation transform, float32, kept as
    float32 tensors); each epoch trains the remaining stages from those activations with
    Adam, frozen BatchNorm in eval mode, no gradients through frozen layers; then
    validates from the cached validation activations. No mixed precision, no tricks.
    """
    started = time.perf_counter()
    torch.manual_seed(seed)
    tf = eval_transform()
    train_set = datasets.ImageFolder(str(train_dir), tf)
    val_set = datasets.ImageFolder(str(val_dir), tf)
    net = build_model(BACKBONE, len(train_set.classes))
    start = _frozen_stages(net, layers)
    for stage in net.stages[:start]:
        for p in stage.parameters():
            p.requires_grad_(False)
    out = NaiveResult(setup_seconds=time.perf_counter() - started)

    t0 = time.perf_counter()

    def activations(ds) -> tuple[torch.Tensor, torch.Tensor]:
        xs, ys = [], []
        _set_modes(net, start, False)
        with torch.no_grad():
            for x, y in DataLoader(ds, batch_size, shuffle=False):
                xs.append(net.run(x, 0, start))
                ys.append(y)
        return torch.cat(xs), torch.cat(ys)

    xtr, ytr = activations(train_set)
    xva, yva = activations(val_set)
    out.prep_seconds = time.perf_counter() - t0

    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)
    gen = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        t0 = time.perf_counter()
        _set_modes(net, start, True)
        order = torch.randperm(len(ytr), generator=gen)
        loss_sum = 0.0
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            loss = F.cross_entropy(net.run(xtr[idx], start), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
        out.train_loss.append(loss_sum / len(ytr))
        _set_modes(net, start, False)
        correct = 0
        with torch.no_grad():
            for i in range(0, len(yva), batch_size):
                logits = net.run(xva[i : i + batch_size], start)
                correct += (logits.argmax(1) == yva[i : i + batch_size]).sum().item()
        out.val_accuracy.append(correct / max(1, len(yva)))
        out.epoch_seconds.append(time.perf_counter() - t0)
        if on_epoch:
            on_epoch(epoch + 1, out.epoch_seconds[-1], out.val_accuracy[-1])
    out.seconds = time.perf_counter() - started
    return out


def decode_loop(paths: list[Path]) -> int:
    """The tutorial's data stage for each photo: full decode, Resize(256), CenterCrop(224),
    ToTensor, Normalize; one photo after the other (``num_workers=0``)."""
    tf = eval_transform()
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            img = Image.open(f).convert("RGB")
        tf(img)
        n += 1
    return n


def predict_loop(net: torch.nn.Module, paths: list[Path]) -> list[int]:
    """Classify photos one at a time, as most scripts do: open, transform, forward (fp32)."""
    tf = eval_transform()
    net.eval()
    labels = []
    with torch.no_grad():
        for p in paths:
            with open(p, "rb") as f:
                img = Image.open(f).convert("RGB")
            probs = net(tf(img).unsqueeze(0)).softmax(1)
            labels.append(int(probs.argmax(1)))
    return labels
