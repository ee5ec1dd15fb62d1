"""Where the app's own files are: icons, the sample photos, the stylesheet."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` beside the source tree, or inside a PyInstaller bundle."""
    override = os.environ.get("FINETUNE_STUDIO_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def sample_dir() -> Path:
    """The small sample dataset behind ``--demo`` and Help > Try the sample."""
    return resources_dir() / "sample"


def icon_path() -> Path:
    return resources_dir() / "icons" / "finetune-studio-256.png"
