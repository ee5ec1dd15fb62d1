"""One way to name a widget: for tests and the style sheet, for screen readers, for the pointer."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def name_widget(widget: QWidget, object_name: str, accessible: str, tooltip: str = "") -> None:
    """objectName for tests and style, accessible name for screen readers, a tooltip."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    if tooltip:
        widget.setToolTip(tooltip)
