"""Projects: everything a person set up, saved so they can close the app and carry on.

A project is a small JSON file (``.ftproj``): the photo folder, the validation choice, the
backbone, the freezing, the training settings, the trained model's file and its history.
Paths are stored relative to the project file where possible, so a project folder can be
moved as a whole. Written atomically; a folder that moved is reported so the app can ask
for the new place instead of failing.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .atomic import write_text
from .config import TrainConfig
from .errors import ModelFileError, StudioError

PROJECT_FORMAT = "finetune-studio-project"
PROJECT_VERSION = 1
PROJECT_SUFFIX = ".ftproj"
MAX_PROJECT_BYTES = 16 * 1024 * 1024


@dataclass
class Project:
    config: TrainConfig = field(default_factory=TrainConfig)
    model_file: str | None = None  # the trained model
    checkpoint: str | None = None  # resumable checkpoint of the last run
    history: list[dict[str, Any]] = field(default_factory=list)
    threshold: float | None = None
    notes: str = ""
    path: Path | None = None  # where it was loaded from / saved to (not stored)

    def to_dict(self) -> dict[str, Any]:
        base = self.path.parent if self.path else None
        cfg = self.config.to_dict()
        for key in ("data_dir", "val_dir", "checkpoint"):
            cfg[key] = _rel(cfg.get(key), base)
        return {
            "format": PROJECT_FORMAT,
            "version": PROJECT_VERSION,
            "config": cfg,
            "model_file": _rel(self.model_file, base),
            "checkpoint": _rel(self.checkpoint, base),
            "history": self.history,
            "threshold": self.threshold,
            "notes": self.notes,
        }

    def missing_folders(self) -> list[str]:
        """Folders the project points at that are not there any more (moved or renamed)."""
        out = []
        for key in ("data_dir", "val_dir"):
            value = getattr(self.config, key)
            if value and not Path(value).is_dir():
                out.append(key)
        return out


def _rel(value: str | None, base: Path | None) -> str | None:
    if not value or base is None:
        return value
    try:
        return os.path.relpath(Path(value).resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(value)


def _abs(value: Any, base: Path) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 4096:
        raise TypeError
    return str((base / value).resolve()) if not os.path.isabs(value) else value


def save_project(project: Project, path: str | Path) -> Path:
    """Write ``project`` to ``path`` atomically."""
    path = Path(path)
    if path.suffix != PROJECT_SUFFIX:
        path = path.with_suffix(PROJECT_SUFFIX)
    project.path = path
    write_text(path, json.dumps(project.to_dict(), indent=2))
    return path


def load_project(path: str | Path) -> Project:
    """Read a project file; anything malformed is refused with a clear message."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PROJECT_BYTES:
            raise ModelFileError(f"{path} is too large to be a project file.")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"The project file {path} does not exist.") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: JSON nested thousands deep, which no project file is.
        raise ModelFileError(
            f"{path} is not a Finetune Studio project (damaged, or another kind of file)."
        ) from None
    except OSError as exc:
        raise ModelFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if not isinstance(doc, dict) or doc.get("format") != PROJECT_FORMAT:
        raise ModelFileError(f"{path} is not a Finetune Studio project.")
    if not isinstance(doc.get("version"), int) or doc["version"] > PROJECT_VERSION:
        raise ModelFileError(f"{path} was made by a newer Finetune Studio. Update the app.")
    base = path.parent
    try:
        cfg = dict(doc.get("config") or {})
        for key in ("data_dir", "val_dir", "checkpoint"):
            cfg[key] = _abs(cfg.get(key), base)
        config = TrainConfig.from_dict(cfg)
        history = doc.get("history") or []
        if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
            raise TypeError
        threshold = doc.get("threshold")
        if threshold is not None and not isinstance(threshold, (int, float)):
            raise TypeError
        notes = doc.get("notes") or ""
        if not isinstance(notes, str):
            raise TypeError
        return Project(
            config,
            _abs(doc.get("model_file"), base),
            _abs(doc.get("checkpoint"), base),
            history,
            threshold,
            notes,
            path,
        )
    except (TypeError, ValueError, StudioError):
        raise ModelFileError(f"{path} has invalid settings; it may be damaged.") from None


def resolve_resume(path: Path) -> tuple[TrainConfig, Path]:
    """For ``--resume``: a checkpoint, or a project whose last run left one."""
    from .modelfile import CHECKPOINT_FORMAT, read_header  # here: it loads torch; projects must not

    if path.suffix == PROJECT_SUFFIX:
        project = load_project(path)
        if not project.checkpoint or not Path(project.checkpoint).is_file():
            raise StudioError(f"{path} has no unfinished training to resume.")
        config = project.config
        config.checkpoint = project.checkpoint
        return config, Path(project.checkpoint)
    meta = read_header(path)
    if meta.get("format") != CHECKPOINT_FORMAT:
        raise StudioError(f"{path} is not a training checkpoint or a project file.")
    config = TrainConfig.from_dict(meta.get("config") or {})
    config.checkpoint = str(path)
    return config, path


def project_from_dict(d: dict[str, Any]) -> Project:
    return Project(TrainConfig.from_dict(d.get("config") or {}))


__all__ = ["Project", "load_project", "save_project", "resolve_resume", "asdict"]
