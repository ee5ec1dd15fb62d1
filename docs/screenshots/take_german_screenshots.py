"""Take the German screenshots of issue 20: the Photos and Train steps with the sample.

Run under a display, from the repository (``make`` has compiled the translations):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/take_german_screenshots.py

It runs take_screenshots.py (the README's screenshots: ``--demo``, Train, each step) in a
throwaway home whose settings choose German, as Edit > Preferences > Language would, and
keeps photos-de.png and train-de.png (the Train step when the run is done) here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEEP = {"photos.png": "photos-de.png", "training-done.png": "train-de.png"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fts-de-") as tmp:
        home, out = Path(tmp) / "home", Path(tmp) / "shots"
        (home / "config").mkdir(parents=True)
        out.mkdir()
        (home / "config" / "gui-settings.json").write_text(
            json.dumps({"version": 2, "language": "de"}), encoding="utf-8"
        )
        env = {**os.environ, "FINETUNE_STUDIO_HOME": str(home)}
        subprocess.run(
            [sys.executable, str(HERE / "take_screenshots.py"), str(out)], env=env, check=True
        )
        for name, kept in KEEP.items():
            shutil.copyfile(out / name, HERE / kept)
            print(f"saved {HERE / kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
