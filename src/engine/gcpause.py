"""Python's cyclic garbage collector held off while a process builds what it keeps.

A full collection walks every tracked object while holding the GIL. Once torch is loaded
that is hundreds of thousands of objects. The window's warm-up (gui.warmup) and a run's
first optimizer (engine.training) import hundreds of modules, which make little cyclic
garbage; a collection in the middle of such an import froze the window for 40-320 ms here
(benchmarks/gui_bench.py start). Torch-free, so that the window can import it at start.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, then freeze everything alive out of
    later collections (``gc.freeze`` is O(1)) and turn the collector back on if it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what is alive now is never walked again
        if was_enabled:
            gc.enable()
