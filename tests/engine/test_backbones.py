"""The catalog, the staged networks (identical to torchvision's), weights import, freezing."""

from __future__ import annotations

import pytest
import torch
import torchvision.models as tvm
from torch import nn

from engine import backbones
from engine.backbones import backbone_state, build_model, get_backbone, list_backbones
from engine.errors import ModelFileError, StudioError
from engine.freezing import (
    FreezePlan,
    apply_freeze,
    count_parameters,
    first_trained_stage,
    set_train_mode,
    trainable_groups,
)

REQUIRED = [
    "efficientnet_lite0",
    "resnet18",
    "resnet50",
    "mobilenet_v3_small",
    "mobilenet_v3_large",
    "efficientnet_b0",
    "convnext_tiny",
    "vit_b_16",
    "vgg16",
]


def test_catalog_has_the_required_backbones_with_facts():
    infos = {i.name: i for i in list_backbones()}
    assert list(infos)[0] == "efficientnet_lite0"
    for name in REQUIRED:
        info = infos[name]
        assert info.params > 1_000_000 and info.gflops > 0 and 60 < info.imagenet_top1 < 90
        assert info.input_size == 224 and info.preprocessing.resize >= 224
    assert backbone_state("efficientnet_lite0") == "bundled"
    assert infos["efficientnet_lite0"].preprocessing.mean == (0.5, 0.5, 0.5)  # Lite expects [-1, 1]
    assert infos["vgg16"].download_mb > 500 and "slower" in infos["vgg16"].description
    assert infos["resnet18"].download_url.startswith("https://")
    with pytest.raises(StudioError, match="Unknown backbone"):
        get_backbone("resnet9000")


@pytest.mark.parametrize("name", sorted(backbones._TORCHVISION))
def test_the_catalogs_torchvision_facts_are_torchvisions_own(name):
    """The catalog writes torchvision's facts down (so that it need not import
    torchvision.models, 1.6 s on the window's warm-up): each must be torchvision's."""
    enum_name, member = backbones._TORCHVISION[name][2].split(".")
    weights = getattr(getattr(tvm, enum_name), member)
    meta, t = weights.meta, weights.transforms()
    info = get_backbone(name)
    assert info.params == meta["num_params"]
    assert info.gflops == pytest.approx(meta["_ops"])
    assert info.imagenet_top1 == pytest.approx(meta["_metrics"]["ImageNet-1K"]["acc@1"])
    assert info.download_url == weights.url
    assert info.file_name == weights.url.rsplit("/", 1)[-1]
    assert info.download_mb == pytest.approx(meta["_file_size"])
    resize = t.resize_size[0] if isinstance(t.resize_size, (list, tuple)) else t.resize_size
    crop = t.crop_size[0] if isinstance(t.crop_size, (list, tuple)) else t.crop_size
    assert (info.preprocessing.resize, info.preprocessing.crop) == (resize, crop)
    assert info.preprocessing.mean == pytest.approx(tuple(t.mean))
    assert info.preprocessing.std == pytest.approx(tuple(t.std))


def test_the_catalog_does_not_import_torchvision():
    import subprocess
    import sys

    code = (
        "import sys; from engine.backbones import list_backbones; list_backbones(); "
        "print('torchvision.models' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize("name", REQUIRED[1:])
def test_staged_network_computes_what_torchvision_computes(tmp_path, monkeypatch, name):
    """Weights saved from torchvision load into our staged layout and give identical outputs."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    torch.manual_seed(0)
    ref = getattr(tvm, name)(weights=None).eval()
    path = tmp_path / "weights.pth"
    torch.save(ref.state_dict(), path)
    assert backbone_state(name) == "downloadable"
    net = build_model(name, 1000, weights_file=path).eval()
    # Give our new head the reference's last layer so the whole chain is comparable.
    last = [m for m in ref.modules() if isinstance(m, nn.Linear)][-1]
    net.head.load_state_dict(last.state_dict())
    size = 224 if name == "vit_b_16" else 96
    x = torch.randn(2, 3, size, size)
    with torch.no_grad():
        assert torch.allclose(net(x), ref(x), atol=1e-4, rtol=1e-4)
    assert net.stage_names[-1] == "head"


def test_weights_that_do_not_fit_are_refused(tmp_path):
    path = tmp_path / "wrong.pth"
    torch.save(tvm.resnet18(weights=None).state_dict(), path)
    with pytest.raises(ModelFileError, match="does not fit"):
        build_model("resnet50", 3, weights_file=path)


def test_missing_download_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    with pytest.raises(StudioError, match="Download them"):
        build_model("resnet18", 3)


def test_lite0_groups_presets_and_counts():
    net = build_model("efficientnet_lite0", 4)
    groups = trainable_groups(net)
    assert groups == ["stem"] + [f"block{i}" for i in range(1, 8)] + ["head"]
    head = FreezePlan.preset(groups, "head")
    last = FreezePlan.preset(groups, "last")
    full = FreezePlan.preset(groups, "all")
    t_head, total = count_parameters(net, head)
    assert t_head == 1280 * 4 + 4
    assert count_parameters(net, last)[0] > t_head and count_parameters(net, full)[0] == total
    assert FreezePlan.parse(groups, "block 7, head").frozen == last.frozen
    assert first_trained_stage(net, head) == net.stage_names.index("head")
    assert first_trained_stage(net, last) == net.stage_names.index("block7")
    with pytest.raises(StudioError, match="Unknown layer group"):
        FreezePlan.parse(groups, "block9")


def test_frozen_layers_keep_weights_and_batchnorm_statistics():
    net = build_model("efficientnet_lite0", 3)
    plan = FreezePlan.preset(trainable_groups(net), "last")
    apply_freeze(net, plan)
    before = {k: v.clone() for k, v in net.state_dict().items()}
    set_train_mode(net, plan)
    opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=0.1)
    loss = net(torch.randn(4, 3, 64, 64)).sum()
    loss.backward()
    opt.step()
    after = net.state_dict()
    stem_bn = "stages.0._bn0.running_mean"
    assert torch.equal(before[stem_bn], after[stem_bn])  # frozen BN statistics unchanged
    assert torch.equal(before["stages.0._conv_stem.weight"], after["stages.0._conv_stem.weight"])
    b7 = net.stage_names.index("block7")
    changed = [
        k for k in after if k.startswith(f"stages.{b7}.") and not torch.equal(before[k], after[k])
    ]
    assert changed  # the trained block did change


@pytest.mark.parametrize("name", ["efficientnet_lite0", "efficientnet_lite1", "efficientnet_lite2"])
def test_bundled_backbone_really_is_pretrained(name):
    """Before any fine-tuning, each built-in Lite names skimage's coffee photo 'espresso'
    (with the catalog's own preprocessing: its input size and [-1, 1] scaling)."""
    skimage_data = pytest.importorskip("skimage.data")
    from PIL import Image

    from engine import preprocess
    from engine.backbones import imagenet_classifier
    from engine.images import resize_short_side

    net, categories = imagenet_classifier(name)
    prep = get_backbone(name).preprocessing
    img = resize_short_side(Image.fromarray(skimage_data.coffee()), prep.resize)
    x = preprocess.normalize(preprocess.to_batch([preprocess.plain_view(img, prep)]), prep)
    with torch.no_grad():
        probs = net.eval()(x).softmax(1)[0]
    top = [categories[i] for i in probs.topk(3).indices]
    assert top[0] == "espresso", top
    assert probs.max() > 0.4  # Lite0 0.96, Lite1 0.53, Lite2 0.89 here


def test_built_in_lite_family_in_the_catalog():
    """Lite1 and Lite2 are built in like Lite0: their own input sizes, [-1, 1] scaling,
    weights on this computer, and the same seven block groups to freeze."""
    infos = {i.name: i for i in list_backbones()}
    names = list(infos)
    assert names[:3] == ["efficientnet_lite0", "efficientnet_lite1", "efficientnet_lite2"]
    for name, size in [("efficientnet_lite1", 240), ("efficientnet_lite2", 260)]:
        info = infos[name]
        assert info.input_size == size and info.preprocessing.resize == size + 32
        assert info.preprocessing.mean == (0.5, 0.5, 0.5) == info.preprocessing.std
        assert backbone_state(name) == "bundled" and info.download_url is None
        net = build_model(name, 5)
        assert trainable_groups(net) == ["stem"] + [f"block{i}" for i in range(1, 8)] + ["head"]
        # The catalog's parameter count is the network's (with the 1000-way ImageNet head).
        body = sum(p.numel() for n, p in net.named_parameters() if not n.startswith("stages.9."))
        assert body + 1280 * 1000 + 1000 == info.params
        with torch.no_grad():
            assert net.eval()(torch.zeros(1, 3, size, size)).shape == (1, 5)
    with pytest.raises(StudioError, match="not built in"):
        from engine.backbones import imagenet_classifier

        imagenet_classifier("resnet18")
