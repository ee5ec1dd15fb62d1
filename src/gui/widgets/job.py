"""One background job's progress bar and Stop button, for every page that runs one.

After Orange3's ``ConcurrentWidgetMixin``: a page hands its engine call to
:meth:`JobProgressWidget.start`, which starts the worker, shows the bar (busy until the
first ``(done, total)`` report), wires Stop to the worker's stop event and hides itself
when the job has finished. The Results page (checking the model) and the Use page
(classifying and sorting photos) share it instead of each wiring its own bar and button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ..workers import Task, WorkerError, WorkerHandle, start_worker


class JobProgressWidget(QWidget):
    """A progress bar and a Stop button, visible while one of its jobs runs."""

    stop_requested = Signal()  # the person pressed Stop (after the jobs were asked to stop)
    idle = Signal()  # the last job ended and the bar was hidden

    def __init__(
        self, parent: QWidget | None = None, *, bar_width: int = 220, stoppable: bool = True
    ) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(bar_width)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop this job; what is done so far stays."))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setVisible(stoppable)
        self._stoppable = stoppable
        self._handles: list[WorkerHandle] = []
        self._held = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.stop_button)
        self.hide()

    # ------------------------------------------------------------------ running jobs
    def start(
        self,
        owner: QWidget,
        fn: Callable[[Task], Any],
        *,
        on_result: Callable[[Any], None],
        on_error: Callable[[WorkerError], None],
        on_progress: Callable[[Any], None] | None = None,
        progress_per_second: float | None = 10.0,
        hold: bool = False,
        name: str = "job",
    ) -> WorkerHandle:
        """Run ``fn(task)`` on a worker with this bar showing; return its handle.

        ``task.report((done, total))`` moves the bar unless ``on_progress`` takes the
        reports itself. With ``hold`` the bar stays after the job until :meth:`release`
        (the Use page still has answers to show when its worker is done).
        """
        handle: WorkerHandle | None = None

        def finished() -> None:
            if handle in self._handles:
                self._handles.remove(handle)
            self._maybe_hide()

        self.begin(hold=hold)
        handle = start_worker(
            owner,
            fn,
            on_result=on_result,
            on_error=on_error,
            on_progress=on_progress or self.set_progress,
            on_finished=finished,
            progress_per_second=progress_per_second,
            name=name,
        )
        self._handles.append(handle)
        return handle

    def begin(self, *, hold: bool = False) -> None:
        """Show the bar as busy (no count known yet)."""
        self._held = self._held or hold
        self.progress.setRange(0, 0)
        self.stop_button.setEnabled(True)
        self.show()

    def set_progress(self, progress: tuple[int, int]) -> None:
        done, total = progress
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def release(self) -> None:
        """The page has shown everything: hide once no job runs."""
        self._held = False
        self._maybe_hide()

    def stop(self) -> None:
        """Ask every job of this bar to stop (each stops at its next check)."""
        for handle in list(self._handles):
            handle.stop()
        if self._handles:
            self.stop_button.setEnabled(False)
        self.stop_requested.emit()

    @property
    def busy(self) -> bool:
        return any(h.running for h in self._handles)

    def _maybe_hide(self) -> None:
        if self._handles or self._held:
            return
        was_shown = not self.isHidden()
        self.hide()
        if was_shown:
            self.idle.emit()


__all__ = ["JobProgressWidget"]
