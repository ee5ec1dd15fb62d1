"""The path guard: what a command writes may never destroy what it reads.

Every command (the CLI's and the window's) calls :func:`check_outputs` before it writes
anything: an output may not be one of the command's input files (the same file by
``samefile``, by real path, or through a link), nor an existing photo inside one of its
input folders (a model written over a training photo), nor another output of the same
command (``--checkpoint`` equal to ``--out``). :func:`remove_own_file` is the only way a
clean-up deletes a file: it reads the file's header and deletes it only when the app wrote
it (a checkpoint is removed, ``precious.ftmodel`` named as a checkpoint is not).

This module is torch-free and cheap: the CLI calls it before it loads a model.

Example::

    check_outputs(
        outputs={"--out": out, "--checkpoint": ckpt},
        inputs={"the photo folder": data_dir, "--resume": resume},
    )
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .errors import StudioError
from .i18n import Messages

PathLike = str | os.PathLike[str]


class PathGuard(Messages):
    """Messages of engine/pathguard.py: an output that would destroy an input."""


class PathGuardError(StudioError):
    """An output would overwrite an input (or another output) of the same command."""


def real(path: PathLike) -> Path:
    """The absolute path with every link resolved; never raises (a loop stays as is)."""
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when ``a`` and ``b`` name the same file (links, ``..``, hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        # One of them does not exist yet: they are the same if they will be the same name.
        return real(a) == real(b)


def is_inside(path: PathLike, folder: PathLike) -> bool:
    """True when ``path`` is ``folder`` itself or anywhere below it (after resolving links)."""
    p, f = real(path), real(folder)
    return p == f or f in p.parents


def _kind(label: str, path: PathLike) -> str:
    return f"{label} ({os.fspath(path)})" if label else os.fspath(path)


def check_outputs(
    outputs: Mapping[str, PathLike | None],
    inputs: Mapping[str, PathLike | None] = {},  # noqa: B006 (read only)
    *,
    is_input_file: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse, in one line, any output that would overwrite an input of the same command.

    ``outputs`` and ``inputs`` map what the person typed (``"--out"``, ``"the model"``)
    to a path; ``None`` values are ignored. An input that is a folder counts with every
    existing file below it for which ``is_input_file`` is true (default: every file), so
    ``train photos --out photos/cats/c1.png`` is refused but a new file in it is not.
    Raises :class:`PathGuardError` naming both files and what to do.
    """
    outs = [(k, Path(v)) for k, v in outputs.items() if v is not None]
    ins = [(k, Path(v)) for k, v in inputs.items() if v is not None]
    for i, (olabel, out) in enumerate(outs):
        if out.is_dir() and not out.is_symlink():
            raise PathGuardError(
                PathGuard.tr("{output} is a folder; give a file name for the output.").format(
                    output=_kind(olabel, out)
                )
            )
        for ilabel, inp in ins:
            if same_file(out, inp):
                raise PathGuardError(
                    PathGuard.tr(
                        "{output} is also {input}: writing it would "
                        "destroy that input. Choose another file name for the output."
                    ).format(output=_kind(olabel, out), input=_kind(ilabel, inp))
                )
            counted = is_input_file is None or is_input_file(out)
            if inp.is_dir() and is_inside(out, inp) and out.exists() and counted:
                raise PathGuardError(
                    PathGuard.tr(
                        "{output} is a file inside {input}: writing "
                        "it would destroy that photo. Choose a file outside that folder."
                    ).format(output=_kind(olabel, out), input=_kind(ilabel, inp))
                )
        for olabel2, out2 in outs[i + 1 :]:
            if same_file(out, out2):
                raise PathGuardError(
                    PathGuard.tr(
                        "{output} and {other} are the same file; "
                        "one would overwrite the other. Give them different names."
                    ).format(output=_kind(olabel, out), other=_kind(olabel2, out2))
                )


def check_separate_folders(train_dir: PathLike | None, val_dir: PathLike | None) -> None:
    """Refuse a validation folder that is (inside, or holds) the training folder: the model
    would be checked on the photos it learned from, and the accuracy would mean nothing."""
    if not train_dir or not val_dir:
        return
    if is_inside(val_dir, train_dir) or is_inside(train_dir, val_dir):
        raise PathGuardError(
            PathGuard.tr(
                "The validation folder {checking} overlaps the training folder "
                "{training}: the model would be checked on photos it learned from. "
                "Choose a separate folder, or leave it out to set aside a share of the photos."
            ).format(checking=os.fspath(val_dir), training=os.fspath(train_dir))
        )


def check_train_paths(
    *,
    data_dir: PathLike | None,
    out: PathLike,
    checkpoint: PathLike | None = None,
    val_dir: PathLike | None = None,
    metrics: PathLike | None = None,
    resume: PathLike | None = None,
) -> None:
    """The guard for a training run (CLI and window): the model, checkpoint and metrics
    files may not overwrite a photo, the resumed file or each other, and the validation
    folder must be separate from the training folder."""
    if resume is not None and checkpoint and same_file(resume, checkpoint):
        resume = None  # resuming from the checkpoint it keeps writing: that is the point
    check_outputs(
        {"--out": out, "--checkpoint": checkpoint, "--metrics-json": metrics},
        {PathGuard.tr("the photo folder"): data_dir, "--val-dir": val_dir, "--resume": resume},
    )
    check_separate_folders(data_dir, val_dir)


def written_by_app(path: PathLike, formats: Iterable[str]) -> bool:
    """True when ``path`` is a safetensors file whose header says the app wrote it as one
    of ``formats`` (e.g. ``"finetune-studio-checkpoint"``). Reads the header only."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if len(head) < 8:
                return False
            (size,) = struct.unpack("<Q", head)
            if not 1 < size <= 64 * 1024 * 1024:
                return False
            doc = json.loads(f.read(size).decode("utf-8"))
        meta = json.loads(doc["__metadata__"]["finetune_studio"])
        return isinstance(meta, dict) and meta.get("format") in set(formats)
    except (OSError, ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
        return False


def remove_own_file(
    path: PathLike, formats: Iterable[str], *, keep: Iterable[PathLike] = ()
) -> bool:
    """Delete ``path`` only if the app wrote it as one of ``formats`` and it is none of the
    files in ``keep`` (e.g. the model just saved). Returns whether it was deleted.

    This is the one way a clean-up deletes: a file the person named by mistake (their
    ``precious.ftmodel`` given as the checkpoint) is never removed.
    """
    if any(same_file(path, k) for k in keep):
        return False
    if not os.path.isfile(path) or os.path.islink(path):
        return False
    if not written_by_app(path, formats):
        return False
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True
