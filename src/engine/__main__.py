"""``python -m engine``: the ``finetune-studio`` command without the window.

This is what torchrun starts: ``torchrun --nproc-per-node N -m engine train DATA_DIR --out
MODEL`` (see docs/scale.md). It never opens the GUI (the engine does not import it).
"""

import os
import sys

from .cli import main

if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
