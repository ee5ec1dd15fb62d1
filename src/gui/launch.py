"""The ``finetune-studio`` command: the window when no sub-command is given, else headless.

Lives in ``gui`` so that the engine never imports Qt; Qt itself is imported only when the
window is really opened, so headless commands start fast and work without a display.
"""

from __future__ import annotations

import sys


def open_window(demo: bool = False, path: str | None = None) -> int:
    try:
        from gui.app import run_app
    except ImportError as exc:  # a headless install without PySide6
        print(
            f"error: the app window needs PySide6 ({exc}). Use a sub-command, see --help.",
            file=sys.stderr,
        )
        return 2
    return run_app(demo=demo, path=path)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    from engine.cli import main as cli_main

    return cli_main(argv, open_gui=open_window)


if __name__ == "__main__":
    sys.exit(main())
