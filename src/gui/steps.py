"""What a step of the window is: a page with a title, a line about where it stands, a reset.

The window's sidebar lists :data:`STEP_PAGES` in order; adding a step is one module with a
page class that follows :class:`StepPage`, and one entry here.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .model_page import ModelPage
from .photos_page import PhotosPage
from .results_page import ResultsPage
from .state import StudioState
from .train_page import TrainPage
from .use_page import UsePage


@runtime_checkable
class StepPage(Protocol):
    """A page of the window, built from the shared :class:`StudioState`."""

    title: str  # its name in the sidebar and the Go menu, in English (see step_title)
    needs_model: bool  # usable only once a model is trained or opened

    def __init__(self, state: StudioState) -> None: ...

    def subtitle(self) -> str:
        """Where the step stands, in a few words (read from the state)."""
        ...

    def reset(self) -> None:
        """Back to nothing chosen (the state itself is reset by the window)."""
        ...


# The window's steps, in order.
STEP_PAGES: tuple[type[StepPage], ...] = (PhotosPage, ModelPage, TrainPage, ResultsPage, UsePage)

# The steps' titles for pyside6-lupdate (context "Steps"): each page's ``title`` stays the
# English name (object names and tests use it); step_title shows it in the window's language.
_TITLES = (
    QT_TRANSLATE_NOOP("Steps", "Photos"),
    QT_TRANSLATE_NOOP("Steps", "Model"),
    QT_TRANSLATE_NOOP("Steps", "Train"),
    QT_TRANSLATE_NOOP("Steps", "Results"),
    QT_TRANSLATE_NOOP("Steps", "Use"),
)


def step_title(page: StepPage | type[StepPage]) -> str:
    """The step's name as the window shows it (its ``title``, translated)."""
    return QCoreApplication.translate("Steps", page.title)
