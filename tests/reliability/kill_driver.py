"""Run an engine call and SIGKILL it at its K-th file-system step (issue 14's kill sweep).

``KILL_ON=journal.unlink:N`` kills at the N-th step of that kind instead.
``KILL_AT=K`` (0: never) counts every step the journal and the atomic writer take (open,
write, fsync, link, rename, unlink, copy) and kills the process with SIGKILL just before
step K; a copy step first writes half of the data, so a kill there leaves a half-written
temporary file. Without a kill, the last line on stdout is ``STEPS=N``. ``NO_HARDLINKS=1``
makes ``os.link`` fail, to sweep the copy path (another file system) too.

    python kill_driver.py move-batch ROOT SRC_DIR DST_DIR
    python kill_driver.py cli ARGS...
Nothing in the engine knows about this driver.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sys

KILL_AT = int(os.environ.get("KILL_AT", "0"))
KILL_ON, _, KILL_NTH = os.environ.get("KILL_ON", ":0").partition(":")
NO_HARDLINKS = os.environ.get("NO_HARDLINKS") == "1"
steps = 0
matching = 0


def step(what: str) -> None:
    """One step; ``what`` is ``module.call`` (``journal.unlink``, ``atomic.replace``)."""
    global steps, matching
    steps += 1
    if what == KILL_ON:
        matching += 1
    if steps == KILL_AT or (what == KILL_ON and matching == int(KILL_NTH)):
        os.kill(os.getpid(), signal.SIGKILL)


class CountingOs:
    """``os`` for one engine module, counting the steps that change files."""

    WATCHED = frozenset({"open", "fsync", "link", "rename", "replace", "unlink", "fdopen"})

    def __init__(self, module: str) -> None:
        self.module = module

    def __getattr__(self, name):
        value = getattr(os, name)
        if name not in self.WATCHED:
            return value

        def counted(*a, **k):
            if name == "link" and NO_HARDLINKS:
                raise OSError(errno.EXDEV, "Invalid cross-device link (test)")
            step(f"{self.module}.{name}")
            return value(*a, **k)

        return counted


def counting_copyfileobj(src, dst, length=0):
    data = src.read()
    dst.write(data[: len(data) // 2])
    dst.flush()
    step("journal.copy")  # a kill here leaves the temporary file half written
    dst.write(data[len(data) // 2 :])


class CountingShutil:
    def __getattr__(self, name):
        return counting_copyfileobj if name == "copyfileobj" else getattr(shutil, name)


def install() -> None:
    from engine import atomic, journal

    journal.os = CountingOs("journal")
    journal.shutil = CountingShutil()
    atomic.os = CountingOs("atomic")


def main() -> int:
    install()
    what, args = sys.argv[1], sys.argv[2:]
    if what == "move-batch":
        from pathlib import Path

        from engine.journal import MoveJournal, recover

        root, src, dst = map(Path, args)
        recover(root)
        pairs = [(p, dst / p.parent.name / p.name) for p in sorted(src.rglob("*.png"))]
        MoveJournal(root).move_batch(pairs, kind="test")
        rc = 0
    else:
        from engine.cli import main as cli_main

        rc = cli_main(args)
    print(f"STEPS={steps}", flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
