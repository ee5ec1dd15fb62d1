"""Results page: how good is the trained model, in ways a person can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ResultsPage(QWidget):
    """Validation accuracy, verdict, confusion matrix, per-category table, mistakes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPage")
        self._summary = QLabel("Train a model or open one to see how good it is.")
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addStretch(1)

    def show_result(self, train_result: Any, model_path: Path) -> None:
        """Show the results for ``model_path`` (``train_result`` may be None)."""
        self._summary.setText(f"Model: {Path(model_path).name}")
