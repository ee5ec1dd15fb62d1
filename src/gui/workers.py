"""Run engine calls off the GUI thread and deliver their outcome back on it.

The pattern (see the guide, section 3): a :class:`Worker` (a ``QObject`` with a ``run``
slot) is moved to a ``QThread``; the engine function runs there and reports through
callbacks, which become ``Signal(object)`` emissions carrying small dataclasses. The GUI
stops a worker by setting a ``threading.Event`` directly: a queued signal would never reach
a worker busy in a loop.

Use :func:`start_worker`::

    handle = start_worker(
        self,
        lambda task: scan_folder(root, on_progress=task.report, should_stop=task.should_stop),
        on_result=self._on_scan_done,
        on_error=self._on_scan_failed,
        on_progress=self._on_scan_progress,
    )
    ...
    handle.stop()  # cooperative; the engine raises Cancelled at its next check

Callbacks always run on the GUI thread (a relay ``QObject`` living there receives the
signals), never after their owner was destroyed (the relay is the owner's child), and the
thread is kept alive by a module registry until it has finished, so Qt never aborts with
"QThread: Destroyed while thread is still running". :func:`stop_all_workers` stops and
waits for every worker (the app calls it before quitting).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# A top-level window with this property set to True has closed: results of its workers
# that arrive afterwards are dropped (see _Relay).
CLOSED_PROPERTY = "finetuneStudioClosed"


def window_closed(window: QWidget | None) -> bool:
    """True when ``window`` (a top-level window) has closed for good."""
    return window is not None and bool(window.property(CLOSED_PROPERTY))


__all__ = [
    "Task",
    "Worker",
    "WorkerError",
    "WorkerHandle",
    "active_workers",
    "freeze_long_lived_objects",
    "lower_this_threads_priority",
    "serve_queue",
    "start_worker",
    "stop_all_workers",
    "window_closed",
]


@dataclass(frozen=True)
class WorkerError:
    """Why a worker's function did not return.

    ``message`` is fit to show a person: an engine ``StudioError``'s own text, or a short
    generic sentence for a bug (whose traceback is in ``details`` and in the log).
    """

    message: str
    cancelled: bool  # the person asked to stop (engine.errors.Cancelled)
    expected: bool  # a StudioError: a problem the person can fix, not a bug
    details: str  # the traceback, for a "Details" button and the log
    exception: BaseException


class Task:
    """What a worker function receives: a stop flag to check and a way to report progress.

    Both are safe to call from the worker thread. ``report`` drops reports that come faster
    than ``progress_per_second`` (the last one before the result may be dropped; the result
    itself always arrives); pass ``progress_per_second=None`` to keep every report (training
    events carry loss values that must all reach the plot; the engine throttles them).
    """

    def __init__(
        self,
        emit_progress: Callable[[Any], None],
        stop_event: threading.Event,
        progress_per_second: float | None,
    ) -> None:
        self._emit = emit_progress
        self.stop_event = stop_event
        self._interval = 1.0 / progress_per_second if progress_per_second else 0.0
        self._last = float("-inf")

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def report(self, progress: Any) -> None:
        if self._interval:
            now = time.monotonic()
            if now - self._last < self._interval:
                return
            self._last = now
        self._emit(progress)


class Worker(QObject):
    """Runs ``fn(task)`` once in whatever thread it lives in, and reports by signals."""

    result = Signal(object)
    error = Signal(object)  # WorkerError
    progress = Signal(object)
    done = Signal()  # after result or error

    def __init__(
        self,
        fn: Callable[[Task], Any],
        stop_event: threading.Event,
        progress_per_second: float | None = 10.0,
    ) -> None:
        super().__init__()
        self._fn = fn
        self.task = Task(self.progress.emit, stop_event, progress_per_second)

    @Slot()
    def run(self) -> None:
        try:
            value = self._fn(self.task)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
            self.error.emit(describe_error(exc))
        else:
            self.result.emit(value)
        finally:
            self.done.emit()


def describe_error(exc: BaseException) -> WorkerError:
    """Turn an exception into a :class:`WorkerError` (engine messages are shown as is)."""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        from engine.errors import Cancelled, StudioError
    except ImportError:  # pragma: no cover - the engine is always installed with the GUI
        Cancelled = StudioError = ()  # type: ignore[assignment,misc]  # noqa: N806
    cancelled = bool(Cancelled) and isinstance(exc, Cancelled)
    expected = bool(StudioError) and isinstance(exc, StudioError)
    if expected:
        message = str(exc)
    elif isinstance(exc, MemoryError):
        message = QCoreApplication.translate(
            "Worker",
            "The computer ran out of memory. Close other programs or use fewer or smaller photos.",
        )
    elif isinstance(exc, OSError):
        message = QCoreApplication.translate(
            "Worker", "A file could not be read or written: {reason}."
        ).format(reason=exc.strerror or exc)
    else:
        message = QCoreApplication.translate(
            "Worker",
            "Something went wrong inside the app ({error}). "
            "The details are in the log file (Help > Open log folder).",
        ).format(error=f"{type(exc).__name__}: {exc}")
        log.error("worker failed:\n%s", details)
    return WorkerError(message, cancelled, expected, details, exc)


class _Relay(QObject):
    """Lives on the GUI thread (child of the owner): receives the worker's queued signals."""

    def __init__(
        self,
        parent: QObject,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[WorkerError], None] | None,
        on_progress: Callable[[Any], None] | None,
        on_finished: Callable[[], None] | None,
    ) -> None:
        super().__init__(parent)
        self.handle: WorkerHandle | None = None
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_finished = on_finished

    def owner_window(self) -> QWidget | None:
        owner = self.parent()
        return owner.window() if isinstance(owner, QWidget) else None

    def _window_closed(self) -> bool:
        """True once the owner's window has closed: outcomes arriving after that are not
        handed on, so a closed window starts no new work (its workers were stopped)."""
        return window_closed(self.owner_window())

    @Slot(object)
    def result(self, value: Any) -> None:
        if self._on_result is not None and not self._window_closed():
            self._on_result(value)

    @Slot(object)
    def error(self, err: WorkerError) -> None:
        if self._window_closed():
            log.info("worker ended after its window closed: %s", err.message)
        elif self._on_error is not None:
            self._on_error(err)
        elif not err.cancelled:
            log.warning("unhandled worker error: %s", err.message)

    @Slot(object)
    def progress(self, value: Any) -> None:
        if self._on_progress is not None and not self._window_closed():
            self._on_progress(value)

    @Slot()
    def thread_finished(self) -> None:
        if self.handle is not None:
            self.handle._cleanup()
        try:
            if self._on_finished is not None:
                self._on_finished()
        finally:
            self.deleteLater()


# Every started worker until its thread has finished: Python must keep the QThread alive
# while it runs, whatever happens to the owner.
_ACTIVE: set[WorkerHandle] = set()


class WorkerHandle:
    """A running (or finished) worker: stop it, wait for it, ask whether it still runs."""

    def __init__(
        self,
        name: str,
        thread: QThread,
        worker: Worker,
        relay: _Relay,
        stop_event: threading.Event,
        on_stop: Callable[[], None] | None,
    ) -> None:
        self.name = name
        self.thread = thread
        self.worker = worker
        self._relay = relay
        self.stop_event = stop_event
        self._on_stop = on_stop
        self._finished = False

    def owner_window(self) -> QWidget | None:
        """The top-level window of the widget that started this worker (None if gone)."""
        try:
            return self._relay.owner_window()
        except RuntimeError:  # the relay was already deleted
            return None

    @property
    def running(self) -> bool:
        return not self._finished and not self.thread.isFinished()

    def stop(self) -> None:
        """Ask the worker to stop (returns at once; the engine stops at its next check)."""
        self.stop_event.set()
        if self._on_stop is not None:
            self._on_stop()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the thread has finished (True) or ``timeout_ms`` passed (False)."""
        if self._finished:
            return True
        self.thread.quit()  # ends the event loop once run() has returned
        ok = self.thread.wait(timeout_ms)
        if ok:
            self._cleanup()
        return ok

    def stop_and_wait(self, timeout_ms: int = 30_000) -> bool:
        self.stop()
        return self.wait(timeout_ms)

    def _cleanup(self) -> None:
        if self._finished:
            return
        self._finished = True
        _ACTIVE.discard(self)
        # No deleteLater: the worker's thread has no event loop any more. Python owns both
        # objects and frees them when the last reference (this handle) goes.

    def __repr__(self) -> str:
        return f"<WorkerHandle {self.name} running={self.running}>"


def serve_queue(
    requests: queue.Queue, handle: Callable[[Any], Any], idle_seconds: float = 2.0
) -> Callable[[Task], None]:
    """A worker function for :func:`start_worker` that serves ``requests`` in order.

    Each item taken from the queue is reported as ``handle(item)`` (so ``on_progress``
    receives the answers, on the GUI thread); the thread ends after ``idle_seconds``
    without a request, or when stopped. Owners restart it when a request comes in later.
    """

    def run(task: Task) -> None:
        idle = 0.0
        while not task.should_stop():
            try:
                item = requests.get(timeout=0.2)
            except queue.Empty:
                idle += 0.2
                if idle >= idle_seconds:
                    return
                continue
            idle = 0.0
            task.report(handle(item))

    return run


def start_worker(
    owner: QObject,
    fn: Callable[[Task], Any],
    *,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[WorkerError], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    on_stop: Callable[[], None] | None = None,
    stop_event: threading.Event | None = None,
    progress_per_second: float | None = 10.0,
    name: str = "worker",
) -> WorkerHandle:
    """Run ``fn(task)`` on a new ``QThread``; deliver its outcome on the GUI thread.

    - ``on_result(value)`` gets the return value; ``on_error(WorkerError)`` any exception
      (``err.cancelled`` when the person stopped it); ``on_progress(obj)`` whatever
      ``task.report(obj)`` was given; ``on_finished()`` runs last in every case, once the
      thread has finished.
    - ``on_stop`` is called (on the GUI thread) by ``handle.stop()`` in addition to setting
      the stop event, e.g. ``TrainControl.stop``; ``stop_event`` lets an engine object's own
      event be the one that is set.
    - Callbacks are dropped if ``owner`` is destroyed first. Keep the handle on the owner
      (``self._scan = start_worker(self, ...)``) to stop it later.
    """
    stop_event = stop_event or threading.Event()
    thread = QThread()
    thread.setObjectName(name)
    worker = Worker(fn, stop_event, progress_per_second)
    worker.moveToThread(thread)
    relay = _Relay(owner, on_result, on_error, on_progress, on_finished)
    handle = WorkerHandle(name, thread, worker, relay, stop_event, on_stop)

    worker.result.connect(relay.result)
    worker.error.connect(relay.error)
    worker.progress.connect(relay.progress)
    # Direct: QThread.quit is thread-safe, and this must not wait for the GUI's event loop.
    worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.started.connect(worker.run)

    # Queued: thread.finished is emitted by the worker thread, the relay lives on the GUI's.
    thread.finished.connect(relay.thread_finished)
    relay.handle = handle
    _ACTIVE.add(handle)
    thread.start()
    return handle


def active_workers() -> list[WorkerHandle]:
    return [h for h in _ACTIVE if h.running]


def stop_all_workers(timeout_ms: int = 30_000) -> bool:
    """Stop every running worker and wait for each; True if all finished in time."""
    handles = list(_ACTIVE)
    for h in handles:
        h.stop()
    ok = True
    deadline = time.monotonic() + timeout_ms / 1000
    for h in handles:
        remaining = max(0, int((deadline - time.monotonic()) * 1000))
        ok = h.wait(remaining) and ok
    return ok


def lower_this_threads_priority(niceness: int = 5) -> None:
    """Let the window win the CPU over the calling worker thread (Linux only).

    On Linux, niceness is per thread and inherited by the threads it starts: the engine's
    decoding pool and the network's OpenMP threads, created afresh for this thread, run
    at the same lower priority. Elsewhere this does nothing (on macOS ``setpriority``
    would lower the whole process)."""
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


def freeze_long_lived_objects() -> None:
    """Exclude everything alive now (torch, a model) from Python's cyclic GC.

    A full collection walks every tracked object while holding the GIL; with torch loaded
    that took 140-350 ms here, long enough to freeze the window in the middle of a big drop
    or a training run. ``gc.freeze`` is O(1)."""
    gc.freeze()
