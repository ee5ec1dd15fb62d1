"""Errors the engine raises for things a person can fix. Their message is shown as is."""


class StudioError(Exception):
    """A problem with the user's input or environment, explained in plain words."""


class Cancelled(StudioError):
    """The user asked to stop; whatever was finished so far is kept."""

    def __init__(self, message: str = "Stopped at your request.") -> None:
        super().__init__(message)


class DataError(StudioError):
    """The photo folder cannot be used for training as it is."""


class ModelFileError(StudioError):
    """A model, project or weights file that cannot be read safely."""
