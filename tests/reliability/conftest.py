"""Fixtures for the reliability suite (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import save_tiny_model


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A model file for prediction and sorting (3 categories, 64-pixel input, untrained)."""
    return save_tiny_model(tmp_path_factory.mktemp("tinymodel") / "tiny.ftmodel")
