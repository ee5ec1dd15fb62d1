"""Use page: drop photos or folders and see what the model thinks they are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class UsePage(QWidget):
    """Drop zone, a card per photo, sorting, CSV and model export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usePage")
        self.model_path: Path | None = None
        self._label = QLabel("Train or open a model first.")
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addStretch(1)

    def set_model(self, model_path: Path) -> None:
        """Use the model in ``model_path`` for the photos dropped from now on."""
        self.model_path = Path(model_path)
        self._label.setText(f"Model: {self.model_path.name}")

    def export_model_dialog(self) -> None:
        """File > Export model: choose a format and a place, export, show the parity check."""
