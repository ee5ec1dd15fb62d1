"""The Use step's dialogs: why the model said that, sorting a folder, exporting the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from engine.exportformats import EXPORT_FORMATS
from engine.i18n import percent

from ..workers import WorkerError
from .prediction_card import image_from_array, show_in_folder

#: The suggested folder to sort into is the source folder's name and this: a folder name,
#: so English like the "unsure" folder and sorted.csv the engine writes.
SORTED_SUFFIX = " (sorted)"


class ExplanationDialog(QDialog):
    """The photo as the model saw it, and the heatmap of what drove its answer."""

    category_chosen = Signal(str, str)  # path, category

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explanationDialog")
        self.setWindowTitle(self.tr("Why did the model say that?"))
        self.explanation: Any = None
        self._path = ""
        self.photo = QLabel()
        self.heat = QLabel()
        self.heat.setObjectName("explanationHeatmap")
        for label in (self.photo, self.heat):
            label.setFixedSize(300, 300)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self.tr("Working it out…"))
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(84)  # room for the longest text: no relayout jumps
        self.caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category to explain"))
        self.category.activated.connect(self._on_category)
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setValue(60)
        self.strength.setAccessibleName(self.tr("Heatmap strength"))
        self.strength.valueChanged.connect(self._redraw)
        grid = QGridLayout()
        # The whole photo, with the square the network saw outlined (engine.explain).
        grid.addWidget(QLabel(self.tr("What the model looked at")), 0, 0)
        grid.addWidget(QLabel(self.tr("Where it found its evidence")), 0, 1)
        grid.addWidget(self.photo, 1, 0)
        grid.addWidget(self.heat, 1, 1)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Explain:")))
        controls.addWidget(self.category, 1)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Heatmap:")))
        controls.addWidget(self.strength, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(controls)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)

    def start(self, prediction: Any) -> None:
        self._path = prediction.path
        self.explanation = None
        self.category.clear()
        for name, conf in prediction.top:
            self.category.addItem(f"{name} ({percent(conf)})", name)
        self.photo.clear()
        self.heat.clear()
        self.caption.setText(
            self.tr("Working out why the model said {category}…").format(category=prediction.label)
        )

    def _on_category(self, i: int) -> None:
        self.caption.setText(self.tr("Working it out…"))
        self.category_chosen.emit(self._path, self.category.itemData(i))

    def show_explanation(self, ex: Any) -> None:
        if ex.path != self._path:
            return
        self.explanation = ex
        i = self.category.findData(ex.label)
        if i >= 0:
            self.category.setCurrentIndex(i)
        self.photo.setPixmap(
            QPixmap.fromImage(image_from_array(ex.whole_photo())).scaled(
                300,
                300,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._redraw()
        self.caption.setText(
            self.tr(
                "The bright areas are what made the model say <b>{category}</b> "
                "({percent} sure) for {name}. If they are on the "
                "background rather than the thing itself, the model may have learned the "
                "wrong clue: add {category} photos with other backgrounds. "
                "<br><small>Method: {method} at layer {layer}.</small>"
            ).format(
                category=ex.label,
                percent=percent(ex.confidence),
                name=Path(ex.path).name,
                method=ex.method,
                layer=ex.layer,
            )
        )

    def _redraw(self) -> None:
        ex = self.explanation
        if ex is None:
            return
        img = ex.whole_photo(self.strength.value() / 100)
        self.heat.setPixmap(
            QPixmap.fromImage(image_from_array(img)).scaled(
                300,
                300,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class SortDialog(QDialog):
    """Where to sort from and to, copy or move."""

    def __init__(self, source: str, threshold: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sort photos into folders"))
        self.source = QLineEdit(source)
        self.out = QLineEdit(source + SORTED_SUFFIX if source else "")
        self.source.textEdited.connect(lambda t: self.out.setText(t + SORTED_SUFFIX if t else ""))
        self.copy = QRadioButton(self.tr("Copy the photos (the originals stay where they are)"))
        self.move = QRadioButton(self.tr("Move the photos"))
        self.copy.setChecked(True)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Photos in:")), 0, 0)
        grid.addWidget(self.source, 0, 1)
        grid.addWidget(self._browse(self.source), 0, 2)
        grid.addWidget(QLabel(self.tr("Sort into:")), 1, 0)
        grid.addWidget(self.out, 1, 1)
        grid.addWidget(self._browse(self.out), 1, 2)
        note = QLabel(
            self.tr(
                "Each photo goes into a folder named after its category. Photos the model is "
                "less than {percent} sure about go into “unsure”. Nothing is overwritten; "
                "a list of what went where is saved as sorted.csv."
            ).format(percent=percent(threshold))
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sort"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.copy)
        layout.addWidget(self.move)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self, edit: QLineEdit) -> QPushButton:
        b = QPushButton(self.tr("Browse…"))
        b.clicked.connect(lambda: self._pick(edit))
        return b

    def _pick(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), edit.text())
        if folder:
            edit.setText(folder)
            if edit is self.source and not self.out.text():
                self.out.setText(folder + SORTED_SUFFIX)


class ExportModelDialog(QDialog):
    """Choose a format and a file; export; show the parity check's result."""

    def __init__(self, page: Any) -> None:
        # page: the Use page (its model_path, parity_photos(), export_model_to() and
        # export_finished/export_failed signals)
        super().__init__(page)
        self.setObjectName("exportModelDialog")
        self.setWindowTitle(self.tr("Export model"))
        self.page = page
        self.report: Any = None
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Format</b>")))
        self.radios: dict[str, QRadioButton] = {}
        for key, f in EXPORT_FORMATS.items():
            label, description = f.label, f.description
            radio = QRadioButton(label)
            radio.setObjectName(f"export_{key}")
            radio.toggled.connect(self._on_format)
            self.group.addButton(radio)
            self.radios[key] = radio
            hint = QLabel(description)
            hint.setEnabled(False)
            hint.setIndent(24)
            layout.addWidget(radio)
            layout.addWidget(hint)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Save as:")))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        layout.addWidget(self.check_note)
        self.result = QLabel("")
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.show_button = self.buttons.addButton(
            self.tr("Show in folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.show_button.setEnabled(False)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.export)
        self.show_button.clicked.connect(lambda: self.report and show_in_folder(self.report.path))
        close.clicked.connect(self.close)
        layout.addWidget(self.buttons)
        page.export_finished.connect(self._on_finished)
        page.export_failed.connect(self._on_failed)
        self.radios["onnx"].setChecked(True)
        n = len(page.parity_photos())
        self.check_note.setText(
            self.tr(
                "After exporting, the file is checked against the app on %n of the photos shown.",
                "",
                n,
            )
            if n
            else self.tr(
                "Tip: drop a few photos first; the exported file is then checked against the "
                "app on them."
            )
        )
        self.resize(560, self.sizeHint().height())

    def fmt(self) -> str:
        return next(k for k, r in self.radios.items() if r.isChecked())

    def _on_format(self) -> None:
        if not any(r.isChecked() for r in self.radios.values()) or self.page.model_path is None:
            return
        suffix = EXPORT_FORMATS[self.fmt()].suffix
        current = Path(self.path.text()) if self.path.text() else None
        if current is None or current.suffix in {f.suffix for f in EXPORT_FORMATS.values()}:
            from engine.paths import models_dir

            # Suggested in the person's models folder, named after the model.
            model = self.page.model_path
            base = current.with_suffix("") if current else models_dir() / model.stem
            if current is None and self.fmt() == "ftmodel":
                base = base.with_name(base.name + " copy")
            self.path.setText(str(base) + suffix)

    def _browse(self) -> None:
        filt = EXPORT_FORMATS[self.fmt()].dialog_filter
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export model"), self.path.text(), filt)
        if path:
            self.path.setText(path)

    def export(self) -> None:
        if not self.path.text().strip():
            self.result.setText(self.tr("Choose where to save the file."))
            return
        self.result.setText(self.tr("Exporting and checking…"))
        self.busy.show()
        self.export_button.setEnabled(False)
        self.page.export_model_to(self.fmt(), Path(self.path.text().strip()))

    def _on_finished(self, report: Any) -> None:
        self.busy.hide()
        self.export_button.setEnabled(True)
        self.report = report
        self.show_button.setEnabled(True)
        mark = "✔" if report.ok else "✘"
        self.result.setText(f"{mark} {report.summary()}")

    def _on_failed(self, err: WorkerError) -> None:
        self.busy.hide()
        self.export_button.setEnabled(True)
        self.result.setText(self.tr("✘ Export failed: {error}").format(error=err.message))
