"""Fixtures for the reliability suite (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import save_tiny_model


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """One compute thread: on a shared 2-core machine this is 2-3x faster than two threads
    fighting other processes (subprocesses get OMP_NUM_THREADS=1 from run_cli)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A model file for prediction and sorting (3 categories, 64-pixel input, untrained)."""
    return save_tiny_model(tmp_path_factory.mktemp("tinymodel") / "tiny.ftmodel")
