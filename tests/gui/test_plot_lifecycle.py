"""The pin behind ``PySide6-Essentials<6.12`` in pyproject.toml.

PySide6 6.12 with pyqtgraph 0.14 was seen to abort with "Fatal Python error:
none_dealloc" in ``AxisItem.drawPicture`` when plot widgets are created and closed, and at
interpreter exit. This test does exactly that in a fresh interpreter (a crash there must
not take the test session down) and requires a clean exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    import numpy as np
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from gui.widgets.plots import AccuracyPlot, LossPlot

    rng = np.random.default_rng(0)
    for i in range(CYCLES):
        loss, acc = LossPlot(), AccuracyPlot()
        loss.resize(400, 300)
        acc.resize(400, 300)
        loss.show()
        acc.show()
        loss.set_steps_per_epoch(10)
        loss.add_losses([(s, float(v)) for s, v in enumerate(rng.random(200), start=1)])
        for e in range(1, 6):
            loss.add_val_loss(e, 0.5 / e)
            acc.add_epoch(e, 0.5 + e / 20, 0.4 + e / 20)
        loss.redraw()
        acc.redraw()
        loss.grab()  # paint: AxisItem.drawPicture runs
        acc.grab()
        app.processEvents()
        loss.close()
        acc.close()
        if i % 2:
            loss.deleteLater()
            acc.deleteLater()
        app.processEvents()
    # Leave the last pair alive: the crash was also seen at interpreter exit.
    keep = (LossPlot(), AccuracyPlot())
    keep[0].show()
    keep[0].grab()
    print("cycles done", flush=True)
    """
)


def run_cycles(cycles: int = 30, python: str = sys.executable) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    src = os.path.join(os.path.dirname(__file__), "..", "..", "src")
    env["PYTHONPATH"] = os.path.abspath(src) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [python, "-c", SCRIPT.replace("CYCLES", str(cycles))],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_plots_open_and_close_many_times_and_exit_cleanly():
    out = run_cycles(30)
    assert "Fatal Python error" not in out.stderr, out.stderr[-3000:]
    assert out.returncode == 0, out.stderr[-3000:]
    assert "cycles done" in out.stdout
