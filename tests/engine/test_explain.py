"""Grad-CAM heatmaps land on the object that drove the decision."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from engine import preprocess
from engine.backbones import ClassToken, Pool, StagedNet, build_model, get_backbone
from engine.explain import colorize, explain_photo, grad_cam, overlay
from engine.modelfile import save_model


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_HOME", str(tmp_path / "home"))


def _red_square_image(size: int = 64, top: int = 8, left: int = 40, side: int = 16) -> torch.Tensor:
    x = torch.zeros(1, 3, size, size)
    x[0, 0, top : top + side, left : left + side] = 1.0
    return x


def _red_detector() -> StagedNet:
    """Class 1 = "something red": a conv that fires on the red channel, pooled, then a head."""
    conv = nn.Conv2d(3, 2, 3, padding=1, bias=False)
    with torch.no_grad():
        conv.weight.zero_()
        conv.weight[0, 0, 1, 1] = 1.0  # red detector
        conv.weight[1, 1, 1, 1] = 1.0  # green detector
    head = nn.Linear(2, 2)
    with torch.no_grad():
        head.weight.copy_(torch.tensor([[0.0, 1.0], [1.0, 0.0]]))
        head.bias.zero_()
    stages = [("block1", nn.Sequential(conv, nn.ReLU())), ("pool", Pool()), ("head", head)]
    return StagedNet("synthetic", stages)


def _quadrant_means(h: np.ndarray) -> list[float]:
    m = h.shape[0] // 2
    return [h[:m, :m].mean(), h[:m, m:].mean(), h[m:, :m].mean(), h[m:, m:].mean()]


def test_synthetic_heatmap_is_highest_over_the_object():
    x = _red_square_image()
    heat, probs, target, layer = grad_cam(_red_detector(), x)
    assert target == 1 and layer == "block1"
    assert heat.shape == (64, 64) and float(heat.max()) == pytest.approx(1.0)
    inside = heat[8:24, 40:56].mean()
    outside = (heat.sum() - heat[8:24, 40:56].sum()) / (64 * 64 - 16 * 16)
    assert inside > 0.5 and outside < 0.1 * inside
    iy, ix = np.unravel_index(int(heat.argmax()), heat.shape)
    assert 8 <= iy < 24 and 40 <= ix < 56


def test_heatmap_for_another_category_looks_elsewhere():
    # Explaining class 0 ("green") on a red square: no evidence anywhere, an all-zero map,
    # not a copy of the top class's map.
    heat, _, target, _ = grad_cam(_red_detector(), _red_square_image(), target=0)
    assert target == 0 and float(heat.max()) == 0.0


class _PatchTokens(nn.Module):
    """A toy ViT stem: 8x8 patches of the red channel as tokens, plus a class token."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        patches = nn.functional.avg_pool2d(x[:, :1], 8).flatten(2).transpose(1, 2)  # N, 64, 1
        tokens = torch.cat([patches, patches * 0], dim=2)  # N, 64, 2
        cls = torch.zeros(x.shape[0], 1, 2)
        return torch.cat([cls, tokens], dim=1)


class _Mix(nn.Module):
    """Adds the mean of the patch tokens to the class token (like attention pooling)."""

    def forward(self, t: torch.Tensor) -> torch.Tensor:
        cls = t[:, :1] + t[:, 1:].relu().mean(1, keepdim=True)
        return torch.cat([cls, t[:, 1:]], dim=1)


def test_token_models_use_the_last_layer_whose_patches_matter():
    head = nn.Linear(2, 2)
    with torch.no_grad():
        head.weight.copy_(torch.tensor([[0.0, 1.0], [1.0, 0.0]]))
        head.bias.zero_()
    net = StagedNet(
        "toyvit",
        [
            ("stem", _PatchTokens()),
            ("block1", nn.Sequential(_Mix(), _Mix())),
            ("pool", ClassToken()),
            ("head", head),
        ],
    )
    heat, _, target, layer = grad_cam(net, _red_square_image())
    assert target == 1 and layer == "block1"
    assert _quadrant_means(heat.numpy()).index(max(_quadrant_means(heat.numpy()))) == 1


@pytest.mark.parametrize("quadrant", [0, 3])
def test_pretrained_backbone_looks_at_the_cat(quadrant):
    """A real photo (skimage's cat) in one corner of a grey canvas: the heatmap of the
    bundled ImageNet backbone's answer is highest in that corner."""
    from skimage import data

    from engine.backbones import imagenet_classifier

    net, categories = imagenet_classifier()
    prep = get_backbone("efficientnet_lite0").preprocessing
    cat = Image.fromarray(data.chelsea()).convert("RGB")
    cat.thumbnail((112, 112))
    canvas = Image.new("RGB", (224, 224), (128, 128, 128))
    canvas.paste(cat, ((quadrant % 2) * 112, (quadrant // 2) * 112 + (112 - cat.height) // 2))
    x = preprocess.normalize(preprocess.to_batch([np.asarray(canvas)]), prep)
    heat, probs, target, layer = grad_cam(net, x)
    assert "cat" in categories[target].lower()
    means = _quadrant_means(heat.numpy())
    assert means.index(max(means)) == quadrant
    assert means[quadrant] > 3 * sorted(means)[-2]


def test_explain_photo_from_a_model_file(tmp_path):
    net = build_model("efficientnet_lite0", 3, pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing
    model = save_model(
        tmp_path / "m.ftmodel",
        net=net,
        classes=["a", "b", "c"],
        prep=prep,
        config={},
        summary={},
    )
    photo = tmp_path / "p.png"
    Image.new("RGB", (300, 200), (200, 30, 30)).save(photo)
    ex = explain_photo(model, photo, target="b")
    assert ex.label == "b" and ex.class_index == 1 and 0.0 <= ex.confidence <= 1.0
    assert ex.image.shape == (224, 224, 3) and ex.image.dtype == np.uint8
    assert ex.heatmap.shape == (224, 224)
    assert float(ex.heatmap.min()) >= 0.0 and float(ex.heatmap.max()) <= 1.0
    assert ex.overlay().shape == (224, 224, 3)


def test_the_whole_photo_comes_with_the_crop_the_model_saw_outlined(tmp_path):
    """Issue 13: "Why?" showed only the centre crop (an ostrich's head cut off)."""
    from engine.explain import outline_crop

    net = build_model("efficientnet_lite0", 2, pretrained=False)
    prep = get_backbone("efficientnet_lite0").preprocessing
    model = save_model(
        tmp_path / "m.ftmodel", net=net, classes=["a", "b"], prep=prep, config={}, summary={}
    )
    photo = tmp_path / "tall.png"
    pixels = np.zeros((600, 300, 3), dtype=np.uint8)
    pixels[:100] = (0, 200, 0)  # the top (the "head"): outside any centre crop
    Image.fromarray(pixels).save(photo)
    ex = explain_photo(model, photo)
    # The whole photo at the model's resize (shorter side), the crop in its middle.
    assert ex.photo.shape == (2 * prep.resize, prep.resize, 3)
    left, top, right, bottom = ex.crop_box
    assert (right - left, bottom - top) == (prep.crop, prep.crop)
    assert left == (prep.resize - prep.crop) // 2 and top == (2 * prep.resize - prep.crop) // 2
    assert np.array_equal(ex.photo[top + 5 : bottom - 5, left + 5 : right - 5],
                          ex.image[5:-5, 5:-5])  # fmt: skip
    whole = ex.whole_photo()
    assert whole.shape == ex.photo.shape
    assert (whole[:20, :, 1] > 150).all()  # the green top the crop leaves out is shown
    assert (whole[top, left + 10 : right - 10] == 255).all()  # the outline's light line
    assert (whole[top - 1, left + 10 : right - 10] == 0).all()  # its dark rim, outside
    heat = ex.whole_photo(0.6)
    assert heat.shape == ex.photo.shape
    assert (heat[:20, :, 1] < whole[:20, :, 1]).all()  # unseen parts dimmed, still there
    # A box reaching past a small photo is clipped, not an error.
    small = outline_crop(np.zeros((10, 10, 3), np.uint8), np.full((20, 20, 3), 9, np.uint8),
                         (-5, -5, 15, 15))  # fmt: skip
    assert small.shape == (10, 10, 3) and small[5, 5].tolist() == [9, 9, 9]


def test_colour_scale_and_overlay():
    c = colorize(np.array([0.0, 0.5, 1.0]))
    assert c.dtype == np.uint8 and c.shape == (3, 3)
    assert c[0].sum() < c[1].sum() < c[2].sum()  # dark for none, bright for most
    img = np.full((4, 4, 3), 100, np.uint8)
    out = overlay(img, np.zeros((4, 4)), alpha=0.0)
    assert (out == img).all()
    hot = overlay(img, np.ones((4, 4)), alpha=1.0)
    assert (hot == colorize(np.ones((4, 4)))).all()
