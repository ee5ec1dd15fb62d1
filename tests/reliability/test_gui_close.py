"""Issue 6: closing the window during training, scanning, downloading or predicting stops
the work cleanly: the window asks where work would be lost, every worker thread ends, the
process exits by itself with code 0, without "QThread: Destroyed while thread is still
running", and leaves no process behind.

The real main window runs in a child process (gui_close_driver.py); the download comes
from an endless, slow HTTP server started here on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from reliability_support import child_env  # noqa: E402

from corpus import write_photos  # noqa: E402
from engine.modelfile import load_model  # noqa: E402

DRIVER = Path(__file__).with_name("gui_close_driver.py")
QT_THREAD_TROUBLE = (
    "QThread: Destroyed while thread is still running",
    "Timers cannot be stopped from another thread",
    "Cannot create children for a parent that is in a different thread",
    "QObject::startTimer",
)


class _Endless(BaseHTTPRequestHandler):
    """A weights file that never finishes arriving."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        with contextlib.suppress(OSError):
            while not self.server.stopping.is_set():  # type: ignore[attr-defined]
                self.wfile.write(b"\0" * 4096)
                time.sleep(0.02)


@pytest.fixture(scope="module")
def endless_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    httpd.daemon_threads = True
    httpd.stopping = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/mobilenet_v3_small-047dcff4.pth"
    finally:
        httpd.stopping.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def _processes_in_group(pgid: int) -> list[str]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # fields after "(comm)": state, ppid, pgrp
                out.append(f"{stat.parent.name} {fields[0]}")
    return out


@pytest.fixture(scope="module")
def closed_app(tmp_path_factory, fashion_small, tiny_model, endless_server) -> dict:
    """Run the driver once: the window opened and closed while busy in four ways."""
    if sys.platform != "linux":
        pytest.skip("checks /proc for leftover processes")
    tmp = tmp_path_factory.mktemp("guiclose")
    many = tmp / "many"  # two categories: for the scan, and 150 photos to classify
    write_photos(many / "a", 75, size=16)
    write_photos(many / "b", 75, size=16, seed=1)
    env = {
        **child_env(),
        "FINETUNE_STUDIO_HOME": str(tmp / "home"),
        "TORCH_HOME": str(tmp / "torch"),
        "no_proxy": "127.0.0.1,localhost",
        "NO_PROXY": "127.0.0.1,localhost",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        env.pop(var, None)
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), fashion_small, tiny_model, tmp, endless_server],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: anything it leaves is found
    )
    try:
        stdout, stderr = proc.communicate(timeout=400)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        pytest.fail(f"the app did not exit after closing:\n{stdout}\n{stderr[-3000:]}")
    leftovers = _processes_in_group(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    lines = stdout.strip().splitlines()
    return {
        "returncode": proc.returncode,
        "stdout": stdout,
        "stderr": stderr,
        "leftovers": leftovers,
        "ended": bool(lines) and lines[-1] == "END",
        "reports": {r["scenario"]: r for r in (json.loads(x) for x in lines if x.startswith("{"))},
        "torch_home": tmp / "torch",
    }


def test_closing_the_window_while_busy_stops_everything_cleanly(closed_app):
    run = closed_app
    assert run["returncode"] == 0, (
        f"exit {run['returncode']}\n{run['stdout']}\n{run['stderr'][-3000:]}"
    )
    for trouble in QT_THREAD_TROUBLE:
        assert trouble not in run["stderr"], run["stderr"][-3000:]
    assert run["leftovers"] == [], run["leftovers"]  # no process left behind
    assert run["ended"], run["stdout"]
    reports = run["reports"]
    assert set(reports) == {"scanning", "downloading", "predicting", "training"}
    for r in reports.values():
        assert not r["visible"] and r["running"] == [], r  # every worker ended on close
        assert r["stopped_ok"], r
        assert r["close_seconds"] < 30, r  # promptly, not after the work is done

    # Where work would be lost, the window asked first.
    assert any("Training is running" in text for text in reports["training"]["asked"])
    assert any("download is running" in text for text in reports["downloading"]["asked"])
    assert any("being scanned" in text for text in reports["scanning"]["asked"])
    assert any("being classified" in text for text in reports["predicting"]["asked"])
    assert not any("best finished epoch" in t for t in reports["downloading"]["asked"])
    # The cancelled download left nothing (no partial file) in torch's weights folder.
    checkpoints = run["torch_home"] / "hub" / "checkpoints"
    assert not checkpoints.exists() or list(checkpoints.iterdir()) == []
    # The stopped training kept its best finished epoch as a model that loads.
    models = sorted(Path(reports["training"]["runs"]).rglob("*.ftmodel"))
    assert models, reports["training"]
    loaded = load_model(models[-1])
    assert loaded.summary["best_epoch"] >= 1
    assert loaded.classes == ["pullover", "t-shirt", "trouser"]
    assert reports["predicting"]["cards"] < 150  # stopped part-way, not run to the end


def test_a_closed_window_starts_no_new_work(closed_app):
    for r in closed_app["reports"].values():
        assert r["started_after_close"] == [], r
