"""One window per person: a second launch hands its file to the running window and exits.

Double-clicking a project in a file manager runs ``finetune-studio PATH`` again. Instead
of a second window (two trainings fighting over the CPU, two windows editing one project),
the first window listens on a ``QLocalServer``; a later launch connects, sends the path
and quits. A ``QLockFile`` decides who is first, so two launches at the same moment do not
both become servers; a lock left by a crashed window is stale (its process is gone) and
taken over.

The server's name is derived from the app's own folder (``engine.paths.config_dir``), so
tests, each with their own ``FINETUNE_STUDIO_HOME``, never talk to each other's windows.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 1500
LOCK_RETRIES = 10  # a first window still starting up: try to reach it this many times


def server_name() -> str:
    """The local socket name for this person's app folder (one window per folder)."""
    from engine.paths import config_dir

    digest = hashlib.sha256(str(config_dir().resolve()).encode()).hexdigest()[:16]
    return f"finetune-studio-{digest}"


def _lock_path() -> Path:
    from engine.paths import config_dir

    return config_dir() / "window.lock"


def send_to_running(path: str | None, name: str | None = None) -> bool:
    """Hand ``path`` (or just "show yourself" for None) to a running window; True if one
    received it."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    message = json.dumps({"open": str(Path(path).resolve()) if path else None}) + "\n"
    socket.write(message.encode("utf-8"))
    socket.flush()  # often writes it all at once; then there is nothing left to wait for
    ok = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_MS)
    return ok


class SingleInstance(QObject):
    """The first window's side: holds the lock and receives the paths of later launches."""

    def __init__(self, on_open: Callable[[str | None], None], name: str | None = None) -> None:
        super().__init__()
        self.name = name or server_name()
        self._on_open = on_open
        self._lock: QLockFile | None = None
        self._sockets: set[QLocalSocket] = set()
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)

    def try_become_first(self) -> bool:
        """Take the lock and listen; False when another window already holds it."""
        lock = QLockFile(str(_lock_path()) + f".{self.name}")
        lock.setStaleLockTime(0)  # only a dead process's lock is stale, never a slow one
        if not lock.tryLock(100):
            return False
        self._lock = lock
        # A socket file left by a crashed window would make listen() fail.
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning(
                "single instance: cannot listen on %s: %s", self.name, self.server.errorString()
            )
        return True

    def close(self) -> None:
        for socket in list(self._sockets):
            socket.readyRead.disconnect(self._on_ready_read)
            socket.disconnected.disconnect(self._on_disconnected)
            socket.abort()
        self._sockets.clear()
        self.server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._sockets.add(socket)  # kept until it disconnects
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self._sockets:
            self._read(socket)  # what arrived just before the other side hung up
            self._sockets.discard(socket)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine()).decode("utf-8", "replace").strip()
            try:
                message = json.loads(line)
                path = message.get("open") if isinstance(message, dict) else None
            except ValueError:
                log.warning("single instance: ignored a malformed message")
                continue
            self._on_open(path if isinstance(path, str) else None)


def hand_over_or_start(
    path: str | None, on_open: Callable[[str | None], None]
) -> SingleInstance | None:
    """Become the first window (returns its :class:`SingleInstance`), or hand ``path`` to
    the running one (returns None: this launch should exit)."""
    instance = SingleInstance(on_open)
    for _ in range(LOCK_RETRIES):
        if instance.try_become_first():
            return instance
        if send_to_running(path, instance.name):
            return None
    # A window holds the lock but does not answer (hung): open a window anyway rather
    # than leave the person with nothing.
    log.warning("single instance: the running window does not answer; opening another")
    return instance


__all__ = ["SingleInstance", "hand_over_or_start", "send_to_running", "server_name"]
