"""`finetune-studio` shows its window quickly: torch is imported only after it is up."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def test_window_shows_within_two_seconds_without_importing_torch(tmp_path, record_property):
    script = (
        "import sys\n"
        "from gui.launch import main\n"
        "code = main([])\n"
        "print('torch-loaded-at-exit', 'torch' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FINETUNE_STUDIO_HOME": str(tmp_path),
        "FINETUNE_STUDIO_REPORT_SHOWN": "quit",
    }
    best = None
    for _ in range(2):  # the machine is shared: keep the better of two launches
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr[-2000:]
        line = next(x for x in out.stdout.splitlines() if x.startswith("window-shown"))
        seconds = float(line.split()[1]) - t0
        best = seconds if best is None else min(best, seconds)
        # Quitting right after the window showed: nothing had a reason to import torch.
        assert "torch-loaded-at-exit False" in out.stdout
    record_property("launch_to_window_s", f"{best:.2f}")
    print(f"\nlaunch to window shown: {best:.2f} s")
    assert best < 2.0
