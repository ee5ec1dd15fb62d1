"""One naming style for the window's signals: snake_case, as the rest of the Python code."""

from __future__ import annotations

import importlib
import pkgutil
import re

from PySide6.QtCore import Signal

import gui

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _signals() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(gui.__path__, "gui."):
        if info.name in ("gui.launch", "gui.app"):
            continue
        module = importlib.import_module(info.name)
        for cls_name, cls in vars(module).items():
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            for attr, value in vars(cls).items():
                if isinstance(value, Signal):
                    found.append(f"{info.name}.{cls_name}.{attr}")
    return found


def test_every_signal_of_the_window_is_snake_case() -> None:
    names = _signals()
    assert len(names) > 20  # the walk really found the pages' signals
    bad = [n for n in names if not SNAKE.match(n.rsplit(".", 1)[1])]
    assert bad == []
