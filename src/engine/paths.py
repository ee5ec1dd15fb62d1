"""Where the app keeps its own files (settings, caches, logs), and the person's models.

``FINETUNE_STUDIO_HOME`` overrides everything (tests point it at a temporary folder).
"""

from __future__ import annotations

import os
import re
import sys
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


# The caches under cache_dir(), each rebuilt on demand (engine.caches sizes and clears them).
IMAGE_CACHE = "images"  # resized photos (engine.imagecache)
FEATURE_CACHE = "features"  # the backbone's features per photo (engine.features)
SCAN_CACHE = "scans"  # what earlier scans learned about each file (engine.dataset)


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


# ------------------------------------------------------------------ the person's own files
# Models are the person's work, not the app's cache: they go into a visible folder in their
# documents, named after what they were trained for, where a file manager finds them.

MODELS_FOLDER_NAME = "Finetune Studio"
MODEL_SUFFIX = ".ftmodel"  # the app's own model files (engine.modelfile writes them)
PROJECT_SUFFIX = ".ftproj"  # the app's projects (engine.projects writes them)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def models_dir() -> Path:
    """The visible "Finetune Studio" folder in the person's documents (created if needed).

    ``FINETUNE_STUDIO_HOME`` redirects it (tests), like the app's own folders."""
    home = _home()
    base = home if home else Path(_DIRS.user_documents_dir)
    path = base / MODELS_FOLDER_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_stem(name: str, fallback: str = "Model") -> str:
    """``name`` made safe as a file name on every system (what a person typed or a folder)."""
    stem = _UNSAFE.sub("_", name).strip().strip(".")
    return stem[:120] or fallback


def new_model_path(name: str, folder: Path | None = None) -> Path:
    """Where a new model named ``name`` goes: ``<folder>/<name>.ftmodel``, never over an
    existing model (``<name> 2.ftmodel`` and on). ``folder`` defaults to :func:`models_dir`.

    The checkpoint of the same run is the same path with ``.ckpt``; both are checked, so a
    run never resumes from, or overwrites, another run's files.
    """
    folder = Path(folder) if folder is not None else models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(name)
    n = 1
    while True:
        candidate = folder / (f"{stem}{MODEL_SUFFIX}" if n == 1 else f"{stem} {n}{MODEL_SUFFIX}")
        if not candidate.exists() and not candidate.with_suffix(".ckpt").exists():
            return candidate
        n += 1


def resource_path(*parts: str) -> Path | None:
    """A file or folder of the app's own ``resources/`` (sample photos, translations), or None.

    Looks where the window's ``gui.resources`` looks, so both find the same files:
    ``FINETUNE_STUDIO_RESOURCES``, the frozen app's bundle, the source checkout, the
    installed package.
    """
    here = Path(__file__).resolve()
    roots = []
    override = os.environ.get("FINETUNE_STUDIO_RESOURCES")
    if override:
        roots.append(Path(override))
    if getattr(sys, "frozen", False) or hasattr(sys, "_MEIPASS"):
        roots.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    roots += [here.parents[2] / "resources", here.parent.parent / "gui" / "resources"]
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return None


def runs_folder(chosen: str | Path | None = None) -> Path:
    """Where new runs (their model and checkpoint files) go: ``chosen`` (Preferences) when
    it can be created and written to, else :func:`models_dir`.

    A folder on a drive that is not connected, or one the person may not write to, must not
    stop a training at its end: the run then goes to the standard folder (and the log says so).
    """
    if chosen:
        folder = Path(chosen).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".finetune-studio-write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
            return folder
        except OSError as exc:
            import logging

            logging.getLogger(__name__).warning(
                "cannot keep new runs in %s (%s); using %s", folder, exc, models_dir()
            )
    return models_dir()
