"""The worker pattern: results, errors and progress arrive on the GUI thread; stops are clean."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from engine.errors import Cancelled, DataError
from gui.workers import WorkerError, active_workers, start_worker, stop_all_workers


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    owner = QObject()
    seen: list[tuple[str, object, str]] = []

    def fn(task):
        for i in range(3):
            task.report(i)
        return threading.current_thread().name

    done = []
    start_worker(
        owner,
        fn,
        on_result=lambda v: seen.append(("result", v, threading.current_thread().name)),
        on_progress=lambda p: seen.append(("progress", p, threading.current_thread().name)),
        on_finished=lambda: done.append(True),
        progress_per_second=None,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    main = threading.current_thread().name
    assert [k for k, _, _ in seen] == ["progress"] * 3 + ["result"]
    assert all(t == main for _, _, t in seen)
    assert seen[-1][1] != main  # the function itself ran on the worker thread
    assert not active_workers()


def test_errors_carry_plain_messages_and_the_cancelled_flag(qtbot):
    owner = QObject()
    errors: list[WorkerError] = []

    def bad_folder(task):
        raise DataError("The folder has no categories.")

    def bug(task):
        raise ZeroDivisionError("division by zero")

    for fn in (bad_folder, bug):
        h = start_worker(owner, fn, on_error=errors.append)
        qtbot.waitUntil(lambda h=h: not h.running, timeout=5000)
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert errors[0].message == "The folder has no categories."
    assert errors[0].expected and not errors[0].cancelled
    assert not errors[1].expected
    assert "ZeroDivisionError" in errors[1].message and "Traceback" in errors[1].details


def test_stop_sets_the_event_and_the_engine_cancels(qtbot):
    owner = QObject()
    errors: list[WorkerError] = []
    started = threading.Event()

    def loop(task):
        started.set()
        while True:
            if task.should_stop():
                raise Cancelled()
            time.sleep(0.005)

    h = start_worker(owner, loop, on_error=errors.append)
    assert started.wait(5)
    assert h.running
    t0 = time.monotonic()
    assert h.stop_and_wait(5000)
    assert time.monotonic() - t0 < 1.0
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].cancelled


def test_stop_all_workers_waits_for_every_thread():
    owner = QObject()
    ended = []

    def loop(task):
        while not task.should_stop():
            time.sleep(0.005)
        ended.append(True)

    for _ in range(3):
        start_worker(owner, loop)
    assert len(active_workers()) == 3
    assert stop_all_workers(5000)
    assert len(ended) == 3
    assert not active_workers()


def test_owner_destroyed_first_drops_callbacks_without_crashing(qtbot):
    owner = QObject()
    got = []
    gate = threading.Event()

    def slow(task):
        gate.wait(5)
        return 42

    h = start_worker(owner, slow, on_result=got.append)
    owner.deleteLater()
    qtbot.wait(50)
    del owner
    gate.set()
    assert h.wait(5000)
    qtbot.wait(100)
    assert got == []


def test_progress_is_throttled_in_the_worker(qtbot):
    owner = QObject()
    got = []
    done = []

    def chatty(task):
        for i in range(10_000):
            task.report(i)
        return None

    start_worker(owner, chatty, on_progress=got.append, on_finished=lambda: done.append(1))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert 1 <= len(got) < 50  # 10 a second at most, not 10,000
