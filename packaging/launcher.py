"""Entry script of the frozen app (PyInstaller runs this, not the console script).

`multiprocessing.freeze_support()` must run before anything else: in a frozen app a
DataLoader worker process starts by re-running this executable, and freeze_support() is what
turns that child into a worker instead of a second copy of the app (on Windows and with the
spawn/forkserver start methods it would otherwise open another window, or hang).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    # A windowed build on Windows/macOS has no console: sys.stdout/stderr are None there, and
    # the first print() (e.g. the --self-test summary) would raise. Send them nowhere instead.
    import os

    for _name in ("stdout", "stderr"):
        if getattr(sys, _name) is None:
            setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

    from gui.launch import main

    sys.exit(main())
