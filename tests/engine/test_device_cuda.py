"""The CUDA paths: precision choice, gradient scaler, pinned non-blocking copies.

Their logic is checked on the CPU; the tests marked ``gpu`` need a CUDA card and are
skipped without one (no GPU was at hand when they were written: see docs/scale.md).
"""

from __future__ import annotations

import pytest
import torch

from engine import device as dev
from engine.device import (
    FP32,
    Precision,
    cuda_precision,
    grad_scaler,
    pick_device,
    probe_precision,
    to_device,
)
from engine.errors import StudioError

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA card")


def test_cuda_takes_bfloat16_where_the_card_has_it_else_float16_with_a_scaler():
    bf16 = cuda_precision(bf16_supported=True)
    fp16 = cuda_precision(bf16_supported=False)
    assert (bf16.dtype, bf16.channels_last, bf16.needs_grad_scaler) == ("bfloat16", True, False)
    assert (fp16.dtype, fp16.channels_last, fp16.needs_grad_scaler) == ("float16", True, True)
    assert not FP32.needs_grad_scaler


def test_the_probe_asks_the_card_not_the_clock(monkeypatch):
    for supported, dtype in ((True, "bfloat16"), (False, "float16")):
        monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda s=supported: s)
        assert probe_precision(torch.device("cuda")).dtype == dtype


def test_the_remembered_choice_is_keyed_by_the_card(monkeypatch):
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i: "Tesla T4")
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda i: (7, 5))
    key = dev._machine_key(torch.device("cuda"))
    assert key.startswith("cuda|Tesla T4 sm_75|")
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i: "NVIDIA A100")
    assert dev._machine_key(torch.device("cuda")) != key


def test_cuda_is_refused_clearly_without_a_card(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(StudioError, match="No CUDA"):
        pick_device("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device("auto").type == "cuda"  # auto picks the card when there is one


def test_the_scaler_is_on_only_for_float16():
    cpu = torch.device("cpu")
    assert grad_scaler(Precision("float16"), cpu).is_enabled()
    assert not grad_scaler(Precision("bfloat16"), cpu).is_enabled()
    assert not grad_scaler(FP32, cpu).is_enabled()


def _steps(precision: Precision, steps: int = 30) -> float:
    """Train a tiny regression with the loop's shape: scale, backward, step, update."""
    torch.manual_seed(0)
    cpu = torch.device("cpu")
    model = torch.nn.Linear(8, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = grad_scaler(precision, cpu)
    x = torch.randn(64, 8)
    y = x @ torch.arange(8.0).unsqueeze(1) / 8
    for _ in range(steps):
        with precision.autocast(cpu):
            loss = torch.nn.functional.mse_loss(model(x).float(), y)
        opt.zero_grad()
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
    return loss.item()


def test_the_scaled_float16_loop_learns_like_float32():
    first = torch.nn.functional.mse_loss(torch.zeros(1), torch.ones(1)).item()
    fp32, fp16 = _steps(FP32), _steps(Precision("float16"))
    assert fp32 < 0.05 * first
    assert abs(fp16 - fp32) < 0.05, (fp16, fp32)


def test_to_device_is_a_plain_copy_on_the_cpu():
    x = torch.arange(6)
    assert to_device(x, torch.device("cpu")) is x


@pytest.mark.gpu
@needs_cuda
def test_gpu_batches_go_pinned_and_non_blocking():
    x = torch.randn(4, 3, 8, 8)
    y = to_device(x, torch.device("cuda"))
    assert y.is_cuda and torch.equal(y.cpu(), x)


@pytest.mark.gpu
@needs_cuda
def test_gpu_probe_and_autocast_run_on_the_card():
    device = torch.device("cuda")
    precision = probe_precision(device)
    assert precision.dtype in ("bfloat16", "float16")
    model = precision.prepare(torch.nn.Conv2d(3, 8, 3).to(device))
    with torch.inference_mode(), precision.autocast(device):
        out = model(precision.input(torch.randn(2, 3, 16, 16, device=device)))
    assert out.dtype == precision.autocast_dtype
