"""Why did the model say that? A class-activation heatmap (Grad-CAM) over the photo.

Grad-CAM (Selvaraju et al., 2017) weighs the feature maps of a late convolutional layer by
how much the chosen category's score depends on each of them (the spatially averaged
gradient), sums them and keeps the positive part: bright regions are where the evidence
for that category was found.

Why it is written here rather than taken from a library (checked in 2026):

- ``grad-cam`` (pytorch-grad-cam) requires opencv-python-headless, scikit-learn, scipy,
  matplotlib, ttach and tqdm: hundreds of megabytes in the packaged desktop app for one
  heatmap.
- ``torchcam`` is light in code but requires Python >= 3.11 (the app supports 3.10) and
  depends on matplotlib (used only for its overlay helper).
- Both find their layer by hooking a named module. Our :class:`~engine.backbones.StagedNet`
  is an explicit chain of stages, so the activation can be taken at a stage boundary
  without any hooks: run the chain to the layer, detach, and run the rest with gradients.
  That is the whole method (about 30 lines, below), works for every backbone in the
  catalog (convolutional ones, and ViT through its patch tokens), and has a test that the
  heatmap lands on the object.

The photo is prepared exactly as for prediction (the model's own preprocessing), and the
heatmap is returned at the size of the central crop the network actually saw. The whole
photo comes with it (at the model's resize), with where that crop lies in it: the window
shows the whole photo with the crop outlined, so that a part the model never saw (an
ostrich's head above a centre crop) is not simply missing from the picture.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import preprocess
from .backbones import StagedNet
from .modelfile import LoadedModel, load_model

__all__ = ["Explanation", "colorize", "explain_photo", "grad_cam", "outline_crop", "overlay"]


@dataclass(frozen=True)
class Explanation:
    """A heatmap for one photo and one category."""

    path: str
    image: np.ndarray  # HxWx3 uint8: the central crop the network saw
    heatmap: np.ndarray  # HxW float32 in [0, 1], aligned with ``image``
    label: str  # the category explained
    class_index: int
    confidence: float  # the model's confidence in ``label`` for this photo
    layer: str  # where the activations were taken, e.g. "block7"
    method: str = "Grad-CAM"
    photo: np.ndarray | None = None  # the whole photo at the model's resize, HxWx3 uint8
    crop_box: tuple[int, int, int, int] | None = None  # (left, top, right, bottom) in photo

    def overlay(self, alpha: float = 0.55) -> np.ndarray:
        """The crop with the heatmap blended over it (HxWx3 uint8)."""
        return overlay(self.image, self.heatmap, alpha)

    def whole_photo(self, alpha: float | None = None) -> np.ndarray:
        """The whole photo with the crop the model saw outlined; with ``alpha``, the
        heatmap blended over that crop (the rest of the photo, unseen, is dimmed)."""
        if self.photo is None or self.crop_box is None:
            return self.overlay(alpha) if alpha is not None else self.image
        inner = self.overlay(alpha) if alpha is not None else self.image
        return outline_crop(self.photo, inner, self.crop_box, dim=alpha is not None)


def _layers(net: StagedNet) -> list[tuple[str, nn.Module]]:
    """The chain one level down: a stage that is an ``nn.Sequential`` is itself a chain, so
    its children can be run one by one (needed where a stage ends by pooling, as ConvNeXt's
    last block does, or for ViT, whose last useful tokens are inside its last stage)."""
    out: list[tuple[str, nn.Module]] = []
    for name, stage in zip(net.stage_names, net.stages, strict=True):
        if isinstance(stage, nn.Sequential) and len(stage) > 1:
            out += [(name, child) for child in stage]
        else:
            out.append((name, stage))
    return out


def _as_map(act: torch.Tensor) -> torch.Tensor | None:
    """NCHW feature maps from a layer's output, or None if it has no spatial layout.

    Convolutional outputs are used as they are; transformer tokens (N, 1 + h*w, C) lose
    their class token and are laid out on their h x w patch grid."""
    if act.dim() == 4 and act.shape[-1] * act.shape[-2] > 1:
        return act
    if act.dim() == 3:
        n, t, c = act.shape
        side = math.isqrt(t - 1)
        if side > 1 and side * side == t - 1:
            return act[:, 1:, :].transpose(1, 2).reshape(n, c, side, side)
    return None


def grad_cam(
    net: StagedNet, x: torch.Tensor, target: int | None = None
) -> tuple[torch.Tensor, torch.Tensor, int, str]:
    """Grad-CAM for one normalised input ``x`` (1x3xHxW).

    Returns ``(heatmap, probs, target, layer)``: the heatmap is HxW in [0, 1] (upsampled to
    the input size), ``probs`` the softmax over categories, ``target`` the category
    explained (the top one unless given) and ``layer`` the stage the activations came from.

    The layer is the last one with a spatial output whose gradient is not zero: normally
    the last convolutional stage; for ViT, the tokens entering the last encoder block
    (after it, only the class token reaches the head, so the patch tokens' gradient is 0).
    """
    net = net.eval()
    layers = _layers(net)
    param = next(net.parameters(), None)
    if param is not None:
        x = x.to(device=param.device, dtype=param.dtype)
    outputs: list[torch.Tensor] = []
    with torch.no_grad():
        h = x
        for _, layer in layers:
            h = layer(h)
            outputs.append(h)
        probs = h.float().softmax(1)[0]
    if target is None:
        target = int(probs.argmax())
    candidates = [i for i, a in enumerate(outputs) if _as_map(a) is not None]
    for idx in reversed(candidates):
        act = outputs[idx].detach().requires_grad_(True)
        with torch.enable_grad():
            h = act
            for _, layer in layers[idx + 1 :]:
                h = layer(h)
            (grad,) = torch.autograd.grad(h[0, target], act)
        fmap, gmap = _as_map(act.detach()), _as_map(grad)
        assert fmap is not None and gmap is not None
        if not gmap.abs().sum() > 0:
            continue  # no evidence flows from here (e.g. ViT's last patch tokens)
        weights = gmap.mean(dim=(2, 3), keepdim=True)
        cam = F.relu((weights * fmap).sum(1, keepdim=True)).float()
        cam = F.interpolate(cam, size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
        top = cam.max()
        cam = cam / top if top > 0 else cam
        return cam.cpu(), probs.cpu(), target, layers[idx][0]
    raise ValueError("This network has no layer with a spatial layout to explain.")


def explain_photo(
    model: LoadedModel | str | os.PathLike[str],
    path: str | os.PathLike[str],
    target: int | str | None = None,
) -> Explanation:
    """Explain the model's answer for the photo at ``path`` (its top category by default).

    ``model`` is a loaded model (a :class:`~engine.predict.Predictor`'s ``.model``) or a
    model file. ``target`` may be a category index or name. Raises
    :class:`~engine.images.ImageLoadError` for a photo that cannot be read.
    """
    loaded = model if isinstance(model, LoadedModel) else load_model(model)
    if isinstance(target, str):
        target = loaded.classes.index(target)
    img = preprocess.load_resized(Path(path), loaded.prep.resize)
    view = preprocess.plain_view(img, loaded.prep)
    crop = loaded.prep.crop
    left, top = (img.size[0] - crop) // 2, (img.size[1] - crop) // 2  # as center_crop
    x = preprocess.normalize(preprocess.to_batch([view]), loaded.prep)
    heat, probs, idx, layer = grad_cam(loaded.net, x, target)
    return Explanation(
        path=str(path),
        image=view,
        heatmap=heat.numpy().astype(np.float32),
        label=loaded.classes[idx],
        class_index=idx,
        confidence=float(probs[idx]),
        layer=layer,
        photo=np.asarray(img.convert("RGB"), dtype=np.uint8),
        crop_box=(left, top, left + crop, top + crop),
    )


def outline_crop(
    photo: np.ndarray,
    inner: np.ndarray,
    box: tuple[int, int, int, int],
    *,
    dim: bool = False,
    color: tuple[int, int, int] = (255, 255, 255),
) -> np.ndarray:
    """``photo`` with ``inner`` (the crop's picture, ``box``-sized) pasted at ``box`` and
    the box outlined; with ``dim``, the photo outside the box darkened. A box reaching
    past the photo (a photo smaller than the crop) is clipped to it."""
    h, w = photo.shape[:2]
    out = photo.copy()
    if dim:
        out = (out.astype(np.float32) * 0.45).astype(np.uint8)
    left, top, right, bottom = box
    x0, y0, x1, y1 = max(0, left), max(0, top), min(w, right), min(h, bottom)
    if x1 <= x0 or y1 <= y0:
        return out
    out[y0:y1, x0:x1] = inner[y0 - top : y1 - top, x0 - left : x1 - left]
    t = max(1, round(min(h, w) / 150))  # a line that stays visible when scaled down
    dark = (0, 0, 0)
    for c, pad in ((dark, t), (color, 0)):  # a dark rim around a light line: seen on any photo
        a0, b0 = max(0, y0 - pad), max(0, x0 - pad)
        a1, b1 = min(h, y1 + pad), min(w, x1 + pad)
        out[a0 : a0 + t + pad, b0:b1] = c
        out[a1 - t - pad : a1, b0:b1] = c
        out[a0:a1, b0 : b0 + t + pad] = c
        out[a0:a1, b1 - t - pad : b1] = c
    return out


# A perceptual "inferno"-like scale (dark purple -> red -> yellow), as control points.
_CMAP = np.array(
    [
        [0, 0, 4],
        [40, 11, 84],
        [101, 21, 110],
        [159, 42, 99],
        [212, 72, 66],
        [245, 125, 21],
        [250, 193, 39],
        [252, 255, 164],
    ],
    dtype=np.float32,
)


def colorize(heatmap: np.ndarray) -> np.ndarray:
    """Map values in [0, 1] to RGB uint8 with an inferno-like colour scale."""
    v = np.clip(np.asarray(heatmap, dtype=np.float32), 0.0, 1.0) * (len(_CMAP) - 1)
    lo = np.floor(v).astype(np.int64)
    hi = np.minimum(lo + 1, len(_CMAP) - 1)
    frac = (v - lo)[..., None]
    return (_CMAP[lo] * (1 - frac) + _CMAP[hi] * frac).astype(np.uint8)


def overlay(image: np.ndarray, heatmap: np.ndarray, alpha: float = 0.55) -> np.ndarray:
    """Blend the coloured heatmap over ``image``; cold regions keep more of the photo."""
    h = np.clip(np.asarray(heatmap, dtype=np.float32), 0.0, 1.0)[..., None]
    weight = alpha * (0.35 + 0.65 * h)  # some tint everywhere, most where the evidence is
    out = image.astype(np.float32) * (1 - weight) + colorize(h[..., 0]).astype(np.float32) * weight
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)
