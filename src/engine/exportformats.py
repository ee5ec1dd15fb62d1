"""The one table of export formats: what each is called, its suffix, how it is written and
how the written file is checked. The CLI's ``export --format`` and the Use page's Export
dialog both read :data:`EXPORT_FORMATS`; adding a format is one entry here.

Torch-free at import (the window builds its dialog from this table on the GUI thread and
``--help`` lists the choices); each writer loads what it needs when it runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_with
from .errors import StudioError
from .i18n import QT_TRANSLATE_NOOP, Messages, translate

#: A writer: (model file, output path, photos for the parity check or None) -> a report
#: with ``path``, ``ok`` and ``summary()``; it checks what it wrote before it returns.
Writer = Callable[[Path, Path, "list[str] | None"], Any]


class Export(Messages):
    """Messages of engine/exportformats.py: the export formats and the model copy."""


@dataclass(frozen=True)
class ExportFormat:
    """One way to export a model."""

    key: str  # what `--format` takes
    english_label: str  # what a person reads (translated by :attr:`label`)
    suffix: str
    english_filter: str  # for a file dialog
    english_description: str
    english_checker: str  # how the written file is checked, in words
    write: Writer

    # The table is built at import time, before the window installs its translator: the
    # English is kept, and each text is translated when it is read.
    @property
    def label(self) -> str:
        """The format's name, in the window's language."""
        return translate("Export", self.english_label)

    @property
    def dialog_filter(self) -> str:
        """The file dialog's filter, in the window's language."""
        return translate("Export", self.english_filter)

    @property
    def description(self) -> str:
        """What the format is for, in the window's language."""
        return translate("Export", self.english_description)

    @property
    def checker(self) -> str:
        """How the written file is checked, in the window's language."""
        return translate("Export", self.english_checker)


@dataclass
class ModelCopyReport:
    """The outcome of exporting the app's own file (a verified copy)."""

    path: Path
    classes: int
    format: str = "ftmodel"
    ok: bool = True

    def summary(self) -> str:
        return Export.tr(
            "Saved {name}: the copy opens correctly and has the model's "
            "{count} categories. Open it in Finetune Studio (File > Open model)."
        ).format(name=self.path.name, count=self.classes)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def copy_model(src: Path, out: Path, _check_paths: list[str] | None = None) -> ModelCopyReport:
    """Copy a model file atomically, then check the copy is byte-identical and loads."""
    from .modelfile import load_model  # here: it loads torch; the table must not

    src, out = Path(src), Path(out)
    if os.path.realpath(src) == os.path.realpath(out):
        raise StudioError(Export.tr("Choose another place: that is the model file itself."))
    write_with(out, lambda tmp: shutil.copyfile(src, tmp))
    if _digest(src) != _digest(out):
        raise StudioError(
            Export.tr("The copy at {path} differs from the model file; try another place.").format(
                path=out
            )
        )
    return ModelCopyReport(out, len(load_model(out).classes))


def _exporter(fmt: str) -> Writer:
    def write(model: Path, out: Path, check_paths: list[str] | None) -> Any:
        from .export import export_model  # here: it loads torch and the exporters

        return export_model(model, fmt, out, check_paths=check_paths)

    return write


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat(
            "ftmodel",
            QT_TRANSLATE_NOOP("Export", "Finetune Studio model (.ftmodel)"),
            ".ftmodel",
            QT_TRANSLATE_NOOP("Export", "Finetune Studio models (*.ftmodel)"),
            QT_TRANSLATE_NOOP(
                "Export",
                "A copy of the app's own file, to open in Finetune Studio on another computer.",
            ),
            QT_TRANSLATE_NOOP("Export", "the copy is byte-identical and opens"),
            copy_model,
        ),
        ExportFormat(
            "onnx",
            QT_TRANSLATE_NOOP("Export", "ONNX (.onnx)"),
            ".onnx",
            QT_TRANSLATE_NOOP("Export", "ONNX models (*.onnx)"),
            QT_TRANSLATE_NOOP(
                "Export",
                "For most programs and languages (onnxruntime, C#, C++, Java, JavaScript…).",
            ),
            QT_TRANSLATE_NOOP("Export", "ONNX Runtime gives the app's answers on the photos given"),
            _exporter("onnx"),
        ),
        ExportFormat(
            "torchscript",
            QT_TRANSLATE_NOOP("Export", "TorchScript (.pt)"),
            ".pt",
            QT_TRANSLATE_NOOP("Export", "TorchScript models (*.pt)"),
            QT_TRANSLATE_NOOP("Export", "For PyTorch programs, without this app."),
            QT_TRANSLATE_NOOP(
                "Export", "the TorchScript file gives the app's answers on the photos given"
            ),
            _exporter("torchscript"),
        ),
    )
}


def export_to(
    fmt: str, model: str | os.PathLike[str], out: str | os.PathLike[str], check_paths=None
) -> Any:
    """Export ``model`` as ``fmt`` (a key of :data:`EXPORT_FORMATS`) to ``out``."""
    if fmt not in EXPORT_FORMATS:
        raise StudioError(
            Export.tr("Unknown export format {format}: choose {choices}.").format(
                format=repr(fmt), choices=", ".join(EXPORT_FORMATS)
            )
        )
    return EXPORT_FORMATS[fmt].write(Path(model), Path(out), check_paths)
