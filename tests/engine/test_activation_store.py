"""Big folders: cached activations in a bounded, memory-mapped file that is removed after."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

from engine.activation_store import ActivationStore, CachedBlocks, block_order
from engine.errors import StudioError
from engine.paths import cache_dir
from engine.training import TrainConfig, train


def test_rows_read_back_as_written_in_the_in_memory_layout(tmp_path):
    gen = torch.Generator().manual_seed(0)
    full = torch.randn(3, 50, 4, 5, 5, generator=gen).to(torch.float16)  # (views, N, ...)
    with ActivationStore(50, 3, (4, 5, 5), folder=tmp_path) as store:
        for start in range(0, 50, 16):
            store.append(full[:, start : start + 16])
        assert store.count == 50 and store.shape == (3, 50, 4, 5, 5)
        idx = torch.randperm(50, generator=gen)[:20]
        views = torch.randint(0, 3, (20,), generator=gen)
        assert torch.equal(store[views, idx], full[views, idx])
        assert torch.equal(store[0, idx], full[0, idx])
        assert torch.equal(store[2], full[2])
        assert torch.equal(store[1, 7], full[1, 7])
        assert torch.equal(store.rows(10, 20), full[:, 10:20].transpose(0, 1))
        with pytest.raises(IndexError):
            store[0, torch.tensor([50])]
        path = store.path
        assert path.is_file() and path.parent == tmp_path
    assert not path.exists()  # removed after the run


def test_uint8_photos_and_float32_features_are_stored_too(tmp_path):
    photos = torch.randint(0, 256, (1, 7, 3, 8, 8), dtype=torch.uint8)
    with ActivationStore(7, 1, (3, 8, 8), torch.uint8, folder=tmp_path) as store:
        store.append(photos)
        assert store.dtype == torch.uint8
        assert torch.equal(store[0, torch.arange(7)], photos[0])
    checking = torch.randn(1, 5, 16)  # the checking photos' features are float32
    with ActivationStore(5, 1, (16,), torch.float32, folder=tmp_path) as store:
        store.append(checking)
        assert torch.equal(store[0], checking[0])
    with pytest.raises(ValueError):
        ActivationStore(1, 1, (1,), torch.int64, folder=tmp_path)


def test_a_store_too_big_for_the_limit_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB", "0.001")  # 1 MB
    with pytest.raises(StudioError, match="FINETUNE_STUDIO_ACTIVATIONS_LIMIT_GB") as err:
        ActivationStore(1000, 3, (100, 7, 7), folder=tmp_path)
    assert "1,000 photos" in str(err.value) and str(tmp_path) in str(err.value)
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_files_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    stale = tmp_path / f"act-{int(dead.stdout)}-0.bin"
    stale.write_bytes(b"x")
    alive = tmp_path / f"act-{os.getppid()}-0.bin"
    alive.write_bytes(b"x")
    with ActivationStore(1, 1, (1,), folder=tmp_path):
        pass
    assert not stale.exists() and alive.exists()


def test_block_order_is_a_shuffle_that_reads_in_long_runs():
    gen = torch.Generator().manual_seed(0)
    order = block_order(10_000, gen, block=1000)
    assert sorted(order.tolist()) == list(range(10_000))
    assert order.tolist() != list(range(10_000))
    # Each run of 1000 picks comes from one block of neighbouring rows.
    for start in range(0, 10_000, 1000):
        chunk = order[start : start + 1000]
        assert chunk.max() - chunk.min() < 1000
    assert block_order(0, gen).numel() == 0


def test_cached_blocks_switch_to_a_file_past_the_threshold(monkeypatch, tmp_path):
    block = torch.zeros(2, 4, 10, dtype=torch.float16)  # 40 bytes per photo
    monkeypatch.setenv("FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB", str(1000 / (1 << 20)))
    with CachedBlocks(8) as small:  # 320 bytes: in memory
        small.add(block)
        small.add(block)
        assert isinstance(small.inputs(), torch.Tensor) and small.inputs().shape == (2, 8, 10)
    with pytest.raises(RuntimeError), CachedBlocks(100) as big:  # 4000 bytes: a file
        big.add(block)
        store = big.inputs()
        assert isinstance(store, ActivationStore)
        raise RuntimeError("the run failed")
    assert not store.path.exists()  # an error removes it


@pytest.mark.slow
def test_a_last_block_run_through_the_file_trains_and_leaves_nothing(
    tmp_path, monkeypatch, fashion_small
):
    monkeypatch.setenv("FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB", "0")
    seen: list[str] = []
    real_init = ActivationStore.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        seen.append(str(self.path))

    monkeypatch.setattr(ActivationStore, "__init__", spy)
    config = TrainConfig(
        data_dir=str(fashion_small), train_layers="last", epochs=3, image_size=64, precision="fp32"
    )
    result = train(config, out=tmp_path / "m.ftmodel")
    assert len(seen) == 2  # the training and the validation caches
    assert result.model_path and result.model_path.is_file()
    assert result.val_accuracy is not None and result.val_accuracy >= 0.5
    assert not any(os.path.exists(p) for p in seen)
    assert not list((cache_dir() / "activations").glob("act-*"))


@pytest.mark.slow
def test_batches_read_from_the_file_mix_the_categories(tmp_path, monkeypatch, fashion_small):
    """The file is read block by block (block_order): if its rows followed the training
    list, which the split makes category by category, each block and so each batch would
    hold one or two categories, and the model would learn the last blocks' categories
    only (5,000 generated photos: 30.5% checking accuracy against 55-65% at 500-2,500)."""
    import engine.training as training

    monkeypatch.setenv("FINETUNE_STUDIO_ACTIVATIONS_IN_FILE_ABOVE_MB", "0")
    # Blocks of 10 rows: about one category's training photos here (3 x 12, 20% checking).
    monkeypatch.setattr(training, "block_order", lambda n, gen: block_order(n, gen, block=10))
    batches: list[set[int]] = []
    real_step = training._Epochs._step

    def spy(self, idx, lr):
        assert isinstance(self.train_data.inputs, ActivationStore)
        batches.append(set(self.train_data.labels[idx].tolist()))
        return real_step(self, idx, lr)

    monkeypatch.setattr(training._Epochs, "_step", spy)
    config = TrainConfig(
        data_dir=str(fashion_small),
        train_layers="last",
        epochs=1,
        batch_size=10,
        image_size=64,
        precision="fp32",
    )
    train(config, out=tmp_path / "m.ftmodel")
    assert len(batches) >= 3
    # A shuffled file: every full batch of 10 draws from more than one category.
    assert all(len(cats) >= 2 for cats in batches[:-1]), batches
