"""Projects: everything a person set up, saved so they can close the app and carry on.

A project is a small JSON file (``.ftproj``): the photo folder, the validation choice, the
backbone, the freezing, the training settings, the trained model's file and its history.

The trained model lives beside the project: saving ``Plants.ftproj`` copies the model to
``Plants.ftmodel`` next to it (see :func:`save_project`), so the two files are the whole
project and can be copied anywhere together. Paths are stored relative to the project file
where possible, so a project folder can be moved as a whole. Written atomically; a folder
or model that moved is reported (:meth:`Project.missing_folders`,
:meth:`Project.missing_model`) so the app can ask for the new place instead of failing.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .atomic import write_text, write_with
from .config import TrainConfig
from .errors import ModelFileError, StudioError
from .i18n import Messages
from .paths import MODEL_SUFFIX, PROJECT_SUFFIX

PROJECT_FORMAT = "finetune-studio-project"
PROJECT_VERSION = 1
MAX_PROJECT_BYTES = 16 * 1024 * 1024


class Projects(Messages):
    """Messages of engine/projects.py: opening and resuming projects."""


@dataclass
class Project:
    config: TrainConfig = field(default_factory=TrainConfig)
    model_file: str | None = None  # the trained model
    checkpoint: str | None = None  # resumable checkpoint of the last run
    history: list[dict[str, Any]] = field(default_factory=list)
    threshold: float | None = None
    notes: str = ""
    path: Path | None = None  # where it was loaded from / saved to (not stored)
    # Photo-check findings marked "not a mistake" (engine.check.keep_key values).
    kept: list[str] = field(default_factory=list)

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
            "kept": self.kept,
        }

    def missing_model(self) -> bool:
        """True when the project names a trained model that is not there (moved, deleted)."""
        return bool(self.model_file) and not Path(self.model_file).is_file()

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


def project_model_path(project_path: str | Path) -> Path:
    """Where a project keeps its trained model: beside it, with the same name."""
    return Path(project_path).with_suffix(MODEL_SUFFIX)


def near_existing(path: str | Path) -> Path:
    """The nearest folder of ``path`` that still exists (where a "Locate…" dialog starts)."""
    p = Path(path)
    for candidate in (p, *p.parents):
        if candidate.is_dir():
            return candidate
    return Path.home()


def save_project(project: Project, path: str | Path, *, keep_model_beside: bool = True) -> Path:
    """Write ``project`` to ``path`` atomically, with its model beside it.

    With ``keep_model_beside`` (the app's layout), a trained model kept elsewhere (the
    models folder, a run folder) is first copied to :func:`project_model_path` (atomically,
    so an interrupted save leaves the older copy whole), and the project refers to that
    copy by a relative path. Copying the ``.ftproj`` and the ``.ftmodel`` elsewhere then
    keeps everything.
    """
    path = Path(path)
    if path.suffix != PROJECT_SUFFIX:
        path = path.with_suffix(PROJECT_SUFFIX)
    if keep_model_beside and project.model_file and Path(project.model_file).is_file():
        beside = project_model_path(path)
        source = Path(project.model_file)
        if not beside.exists() or not os.path.samefile(source, beside):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_with(beside, lambda tmp: shutil.copyfile(source, tmp))
        project.model_file = str(beside)
    project.path = path
    write_text(path, json.dumps(project.to_dict(), indent=2))
    return path


def load_project(path: str | Path) -> Project:
    """Read a project file; anything malformed is refused with a clear message."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PROJECT_BYTES:
            raise ModelFileError(
                Projects.tr("{path} is too large to be a project file.").format(path=path)
            )
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(
            Projects.tr("The project file {path} does not exist.").format(path=path)
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: JSON nested thousands deep, which no project file is.
        raise ModelFileError(
            Projects.tr(
                "{path} is not a Finetune Studio project (damaged, or another kind of file)."
            ).format(path=path)
        ) from None
    except OSError as exc:
        raise ModelFileError(
            Projects.tr("Cannot read {path}: {why}.").format(path=path, why=exc.strerror or exc)
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != PROJECT_FORMAT:
        raise ModelFileError(
            Projects.tr("{path} is not a Finetune Studio project.").format(path=path)
        )
    if not isinstance(doc.get("version"), int) or doc["version"] > PROJECT_VERSION:
        raise ModelFileError(
            Projects.tr("{path} was made by a newer Finetune Studio. Update the app.").format(
                path=path
            )
        )
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
        kept = doc.get("kept") or []
        if not isinstance(kept, list) or not all(isinstance(k, str) for k in kept):
            raise TypeError
        return Project(
            config,
            _abs(doc.get("model_file"), base),
            _abs(doc.get("checkpoint"), base),
            history,
            threshold,
            notes,
            path,
            kept,
        )
    except (TypeError, ValueError, StudioError):
        raise ModelFileError(
            Projects.tr("{path} has invalid settings; it may be damaged.").format(path=path)
        ) from None


def resolve_resume(path: Path) -> tuple[TrainConfig, Path]:
    """For ``--resume``: a checkpoint, or a project whose last run left one."""
    from .modelfile import CHECKPOINT_FORMAT, read_header  # here: it loads torch; projects must not

    if path.suffix == PROJECT_SUFFIX:
        project = load_project(path)
        if not project.checkpoint or not Path(project.checkpoint).is_file():
            raise StudioError(
                Projects.tr("{path} has no unfinished training to resume.").format(path=path)
            )
        config = project.config
        config.checkpoint = project.checkpoint
        return config, Path(project.checkpoint)
    meta = read_header(path)
    if meta.get("format") != CHECKPOINT_FORMAT:
        raise StudioError(
            Projects.tr("{path} is not a training checkpoint or a project file.").format(path=path)
        )
    config = TrainConfig.from_dict(meta.get("config") or {})
    config.checkpoint = str(path)
    return config, path


def checking_photos(config: TrainConfig, *, should_stop: Any = None) -> tuple[list[Any], list[str]]:
    """The photos a run with ``config`` was checked on, and the category names their labels
    index: the separate checking folder, or the same stratified share of the photo folder
    that training set aside (the same seed gives the same split).

    For showing the Results of a reopened project or model again; raises
    :class:`StudioError` (or a subclass) when a folder cannot be read.
    """
    from .dataset import scan_folder, split_train_val

    stop = should_stop or (lambda: False)
    scan = scan_folder(config.data_dir, should_stop=stop)
    if config.val_dir:
        vscan = scan_folder(config.val_dir, classes=scan.classes, should_stop=stop)
        return list(vscan.photos), list(scan.classes)
    return split_train_val(scan, config.val_split, config.seed)[1], list(scan.classes)


def project_from_dict(d: dict[str, Any]) -> Project:
    return Project(TrainConfig.from_dict(d.get("config") or {}))


__all__ = [
    "Project",
    "asdict",
    "checking_photos",
    "load_project",
    "near_existing",
    "project_model_path",
    "resolve_resume",
    "save_project",
]
