"""Where the app keeps its own files (settings, caches, logs).

``FINETUNE_STUDIO_HOME`` overrides everything (tests point it at a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("FinetuneStudio", appauthor=False)


def _home() -> Path | None:
    value = os.environ.get("FINETUNE_STUDIO_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    path = home / "config" if home else Path(_DIRS.user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    home = _home()
    path = home / "cache" if home else Path(_DIRS.user_cache_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(_DIRS.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def state_dir() -> Path:
    """What the app must keep to finish its work after a crash (the move journals);
    unlike the cache, never cleared to save space."""
    home = _home()
    path = home / "state" if home else Path(_DIRS.user_state_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path
