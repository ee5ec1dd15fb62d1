"""What a step of the window is: a page with a title, a line about where it stands, a reset.

The window's sidebar lists :data:`STEP_PAGES` in order; adding a step is one module with a
page class that follows :class:`StepPage`, and one entry here.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .model_page import ModelPage
from .photos_page import PhotosPage
from .results_page import ResultsPage
from .state import StudioState
from .train_page import TrainPage
from .use_page import UsePage


@runtime_checkable
class StepPage(Protocol):
    """A page of the window, built from the shared :class:`StudioState`."""

    title: str  # its name in the sidebar and the Go menu
    needs_model: bool  # usable only once a model is trained or opened

    def __init__(self, state: StudioState) -> None: ...

    def subtitle(self) -> str:
        """Where the step stands, in a few words (read from the state)."""
        ...

    def reset(self) -> None:
        """Back to nothing chosen (the state itself is reset by the window)."""
        ...


#: The window's steps, in order.
STEP_PAGES: tuple[type[StepPage], ...] = (PhotosPage, ModelPage, TrainPage, ResultsPage, UsePage)
