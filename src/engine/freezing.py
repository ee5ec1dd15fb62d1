"""Which layer groups train and which stay as they were pretrained.

A ticked group is *frozen*: its weights do not change and its BatchNorm layers keep their
ImageNet statistics (timm's ``freeze()`` does the same; updating running statistics from a
few dozen photos would quietly damage the features). The new ``head`` always trains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import StudioError
from .i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:  # annotations only: the plan (engine.plan) must stay torch-free
    from torch import nn

    from .backbones import StagedNet

#: The presets' names in English; :func:`preset_label` gives them in the window's language.
PRESETS = {
    "head": QT_TRANSLATE_NOOP("Freezing", "Train only the new head (fastest)"),
    "last": QT_TRANSLATE_NOOP("Freezing", "Also fine-tune the last block"),
    "all": QT_TRANSLATE_NOOP("Freezing", "Fine-tune everything (slowest)"),
}


def preset_label(key: str) -> str:
    """The name of the preset ``key`` ("head", "last", "all"), in the window's language."""
    return translate("Freezing", PRESETS[key])


def display_name(stage: str) -> str:
    """``block3`` -> ``block 3``; other names as they are."""
    if stage.startswith("block") and stage[5:].isdigit():
        return f"block {stage[5:]}"
    return stage


def trainable_groups(net: StagedNet) -> list[str]:
    """Stages with weights, in order (what a person can tick); ``pool`` has none."""
    return [
        n
        for n, m in zip(net.stage_names, net.stages, strict=True)
        if any(True for _ in m.parameters())
    ]


@dataclass
class FreezePlan:
    """The groups of a network and the set of frozen ones."""

    groups: list[str]
    frozen: set[str] = field(default_factory=set)

    @classmethod
    def preset(cls, groups: list[str], preset: str) -> FreezePlan:
        """``head``: freeze all but the head; ``last``: also train the last group; ``all``."""
        body = [g for g in groups if g != "head"]
        if preset == "head":
            return cls(groups, set(body))
        if preset == "last":
            return cls(groups, set(body[:-1]))
        if preset == "all":
            return cls(groups, set())
        raise StudioError(f"Unknown preset {preset!r}; use head, last or all.")

    @classmethod
    def parse(cls, groups: list[str], spec: str | list[str]) -> FreezePlan:
        """A preset name, or the groups to *train* ("block7,head" or ["block 7", "head"])."""
        if isinstance(spec, str) and spec in PRESETS:
            return cls.preset(groups, spec)
        names = spec.split(",") if isinstance(spec, str) else list(spec)
        train = {n.strip().replace(" ", "") for n in names if n.strip()}
        unknown = sorted(train - set(groups))
        if unknown:
            raise StudioError(
                f"Unknown layer group(s): {', '.join(unknown)}. This backbone has: "
                f"{', '.join(groups)} (or use head, last, all)."
            )
        train.add("head")
        return cls(groups, {g for g in groups if g not in train})

    @property
    def trained(self) -> list[str]:
        return [g for g in self.groups if g not in self.frozen]

    def preset_name(self) -> str | None:
        for name in PRESETS:
            if FreezePlan.preset(self.groups, name).frozen == self.frozen:
                return name
        return None

    def describe(self) -> str:
        return self.preset_name() or ",".join(self.trained)


def apply_freeze(net: StagedNet, plan: FreezePlan) -> None:
    """Set ``requires_grad`` per the plan (the head always trains)."""
    for name, stage in zip(net.stage_names, net.stages, strict=True):
        frozen = name in plan.frozen and name != "head"
        for p in stage.parameters():
            p.requires_grad_(not frozen)


def set_train_mode(net: StagedNet, plan: FreezePlan) -> None:
    """``net.train()``, except frozen stages stay in eval mode (fixed BatchNorm, no dropout)."""
    net.train()
    for name, stage in zip(net.stage_names, net.stages, strict=True):
        if name in plan.frozen:
            stage.eval()


def count_parameters(net: nn.Module, plan: FreezePlan | None = None) -> tuple[int, int]:
    """(trainable, total) parameter counts under ``plan`` (or the current flags)."""
    total = sum(p.numel() for p in net.parameters())
    if plan is None or not hasattr(net, "stage_names"):  # not a StagedNet
        return sum(p.numel() for p in net.parameters() if p.requires_grad), total
    trainable = sum(
        p.numel()
        for name, stage in zip(net.stage_names, net.stages, strict=True)
        if name not in plan.frozen or name == "head"
        for p in stage.parameters()
    )
    return trainable, total


def first_trained_stage(net: StagedNet, plan: FreezePlan) -> int:
    """Index of the first stage that trains: all before it can run once and be cached."""
    for i, name in enumerate(net.stage_names):
        if any(True for _ in net.stages[i].parameters()) and name not in plan.frozen:
            return i
    return len(net.stage_names) - 1
